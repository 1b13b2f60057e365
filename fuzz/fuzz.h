/* fuzz.h — shared by the libFuzzer targets (fuzz/fuzz_*.c): a reader that
 * takes the target's options from the first bytes of the input (so the
 * fuzzer mutates options and document together), the rest being the
 * document. Each target is one file defining LLVMFuzzerTestOneInput; the
 * build (CMake option CC_FUZZ) makes one executable per file. */
#ifndef CC_FUZZ_H
#define CC_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct fuzz_in {
  const uint8_t *p;
  size_t n;
} fuzz_in;

/* One byte of options (0 when the input is exhausted). */
static inline uint8_t fuzz_byte(fuzz_in *in) {
  if (!in->n) return 0;
  in->n--;
  return *in->p++;
}

static inline uint32_t fuzz_u32(fuzz_in *in) {
  uint32_t v = 0;
  for (int i = 0; i < 4; i++) v = (v << 8) | fuzz_byte(in);
  return v;
}

/* One of `n` strings, chosen by the next byte. */
static inline const char *fuzz_pick(fuzz_in *in, const char *const *opts, size_t n) {
  return opts[fuzz_byte(in) % n];
}

/* A NUL-terminated string of up to `cap`-1 bytes taken from the input up
 * to the next '\n' (consumed), into buf. */
static inline const char *fuzz_line(fuzz_in *in, char *buf, size_t cap) {
  size_t k = 0;
  while (in->n && *in->p != '\n') {
    if (k + 1 < cap) buf[k++] = (char)*in->p;
    in->p++, in->n--;
  }
  if (in->n) in->p++, in->n--;
  buf[k] = '\0';
  return buf;
}

#define FUZZ_COUNT(a) (sizeof(a) / sizeof((a)[0]))

#endif
