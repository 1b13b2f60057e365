/* sniff.h — what kind of bytes an input is: HTML, plain text, or binary
 * (with the name of a recognised binary format for the error message). */
#ifndef CC_SNIFF_H
#define CC_SNIFF_H

#include <stddef.h>

typedef enum cc_sniff_kind { CC_SNIFF_HTML, CC_SNIFF_TEXT, CC_SNIFF_BINARY } cc_sniff_kind;

/* Looks at the first few KiB of ASCII-compatible bytes (UTF-16/32 must be
 * decoded first). For CC_SNIFF_BINARY, *what (if not NULL) names the
 * format ("PDF document", "PNG image", ...) or "binary data". */
cc_sniff_kind cc_sniff(const char *p, size_t n, const char **what);

#endif
