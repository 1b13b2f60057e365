/* charset.h — from bytes in any charset to UTF-8.
 *
 * Two steps around the lexical pre-pass (strip.h), which needs ASCII-
 * compatible bytes but tells us the declared charset:
 *   1. cc_charset_pre(): a BOM, or UTF-16/32 without one, is decoded here
 *      (those encodings are not ASCII-compatible);
 *   2. cc_charset_decode(): the charset is chosen — transport hint, BOM,
 *      <meta>, <?xml?> declaration, then detection — and the bytes are
 *      converted. Invalid sequences are replaced, never fatal.
 * A BOM outranks the hint (as in the HTML spec); bytes that are valid
 * UTF-8 with multi-byte content outrank a legacy declaration.
 * Output buffers are allocated in the caller's arena, except that when the
 * input needs no conversion (valid UTF-8, or pure ASCII in an ASCII-
 * compatible charset) *out is the input itself (after a UTF-8 BOM, for
 * cc_charset_pre). NUL bytes are passed through unchanged.
 * Everything here is thread-safe.
 */
#ifndef CC_CHARSET_H
#define CC_CHARSET_H

#include <stddef.h>

#include "arena.h"

typedef struct cc_charset_info {
  const char *name;   /* canonical name: "utf-8", "windows-1252", ... */
  const char *source; /* "hint", "bom", "meta", "xml", "detected", "default" */
} cc_charset_info;

/* Step 1. Returns 1 when the input was decoded here (UTF-16/32, or a UTF-8
 * BOM, which is stripped) with out and outlen set, 0 when the bytes go on
 * unchanged. `hint` may be NULL. */
int cc_charset_pre(cc_arena *a, const char *in, size_t len, const char *hint,
                   char **out, size_t *outlen, cc_charset_info *info);

/* Step 2. hint, meta and xml may be NULL. Returns 0 (always succeeds
 * for non-empty input; unknown labels fall through to detection). */
int cc_charset_decode(cc_arena *a, const char *in, size_t len,
                      const char *hint, const char *meta, const char *xml,
                      char **out, size_t *outlen, cc_charset_info *info);

/* Converts len bytes from the canonical charset `name` to UTF-8 into a
 * NUL-terminated arena buffer. For "utf-8", invalid bytes are repaired as
 * cc_charset_decode does (stray windows-1252 bytes decoded, malformed
 * sequences replaced). An unknown name is treated as "utf-8". */
void cc_charset_convert(cc_arena *a, const char *in, size_t len,
                        const char *name, char **out, size_t *outlen);

/* The canonical name for a charset label (WHATWG Encoding labels, e.g.
 * "latin1" -> "windows-1252"), or NULL when the label is unknown. */
const char *cc_charset_canonical(const char *label);

/* Validates UTF-8: returns the number of invalid bytes; *nonascii (if not
 * NULL) gets the number of valid multi-byte characters. */
size_t cc_utf8_check(const char *p, size_t n, size_t *nonascii);

/* glibc's iconv dlopen()s a converter module the first time one is
 * needed. Call this once before entering a sandbox that forbids that
 * (seccomp): it loads every converter this stage can use and keeps them
 * loaded. Idempotent and thread-safe; never required otherwise. */
void cc_charset_preload(void);

#endif
