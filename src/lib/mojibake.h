/* mojibake.h — text that was UTF-8, read as Latin-1 or windows-1252 and
 * written out as UTF-8 again ("donâ€™t" for "don’t"), put back as it was
 * written.
 *
 * A page saved by a tool that decoded its UTF-8 as Latin-1 keeps every
 * non-ASCII character as two to four characters: a lead in U+00C2..U+00F4
 * and continuation characters that stand for the bytes 0x80..0xBF (in
 * Latin-1 the same code points, in windows-1252 also the curly quotes,
 * dashes and the other characters it puts at 0x80..0x9F). Those
 * characters spell valid UTF-8 once turned back into bytes. Properly
 * written text almost never does ("Ã©" is not French), so the repair is
 * made only when the text holds at least CC_MOJIBAKE_MIN such sequences
 * and they outnumber the other non-ASCII characters: a page written
 * right, with a few odd sequences, is left alone.
 */
#ifndef CC_MOJIBAKE_H
#define CC_MOJIBAKE_H

#include <stddef.h>

#include "arena.h"

#define CC_MOJIBAKE_MIN 3

/* Repairs the UTF-8 text in[0..len) when it reads as double-encoded:
 * returns 1 and sets *out (from the arena, NUL-terminated) and *outlen;
 * otherwise returns 0 and leaves them unset. Linear in len. */
int cc_mojibake_repair(cc_arena *a, const char *in, size_t len, char **out, size_t *outlen);

#endif
