/* sniff.c — HTML, text or binary, from the content (see sniff.h).
 *
 * Binary: a known magic number (PDF, images, archives, executables...),
 * or NUL and control bytes that text never has. HTML: markup within the
 * first 4 KiB — a doctype or a tag only pages have (html, head, body,
 * meta, title, script, style), or two common tags (div, p, span, a,
 * comments...), opening or closing. Everything else is text.
 */
#include "sniff.h"

#include <string.h>

static const struct {
  const char *magic;
  size_t len;
  const char *what;
} magics[] = {
    {"%PDF-", 5, "PDF document"},
    {"\x89PNG\r\n\x1a\n", 8, "PNG image"},
    {"GIF87a", 6, "GIF image"},
    {"GIF89a", 6, "GIF image"},
    {"\xff\xd8\xff", 3, "JPEG image"},
    {"RIFF", 4, "RIFF media file"},
    {"OggS", 4, "Ogg media file"},
    {"ID3", 3, "MP3 audio"},
    {"fLaC", 4, "FLAC audio"},
    {"\x1a\x45\xdf\xa3", 4, "Matroska/WebM video"},
    {"PK\x03\x04", 4, "ZIP archive (or an office document)"},
    {"Rar!\x1a\x07", 6, "RAR archive"},
    {"7z\xbc\xaf\x27\x1c", 6, "7-Zip archive"},
    {"\xfd" "7zXZ", 5, "XZ archive"},
    {"BZh", 3, "bzip2 archive"},
    {"\x28\xb5\x2f\xfd", 4, "Zstandard archive"},
    {"\x1f\x8b", 2, "gzip data (decompress it first)"},
    {"\x7f" "ELF", 4, "ELF executable"},
    {"MZ", 2, "Windows executable"},
    {"\0asm", 4, "WebAssembly module"},
    {"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, "legacy Office document"},
    {"wOFF", 4, "web font"},
    {"wOF2", 4, "web font"},
    {"SQLite format 3", 15, "SQLite database"},
};

static int ieq(const char *p, const char *lit, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)p[i];
    if (c >= 'A' && c <= 'Z') c |= 0x20;
    if (c != (unsigned char)lit[i]) return 0;
  }
  return 1;
}

cc_sniff_kind cc_sniff(const char *p, size_t n, const char **what) {
  if (what) *what = NULL;
  /* "MZ" and "BZh" are short: only trust them with binary bytes after */
  for (size_t i = 0; i < sizeof magics / sizeof magics[0]; i++) {
    if (n >= magics[i].len && memcmp(p, magics[i].magic, magics[i].len) == 0) {
      if (magics[i].len <= 3 && n > 16) {
        int bin = 0;
        for (size_t k = magics[i].len; k < 64 && k < n; k++)
          if ((unsigned char)p[k] < 0x09) bin = 1;
        if (!bin) continue;
      }
      if (what) *what = magics[i].what;
      return CC_SNIFF_BINARY;
    }
  }
  size_t lim = n < 4096 ? n : 4096;
  size_t ctrl = 0, nul = 0;
  for (size_t i = 0; i < lim; i++) {
    unsigned char c = (unsigned char)p[i];
    if (c == 0) nul++;
    else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b)
      ctrl++;
  }
  /* a stray NUL happens in real pages; text never has many */
  if (lim && (nul * 100 > lim || (nul + ctrl) * 10 > lim)) {
    if (what) *what = "binary data";
    return CC_SNIFF_BINARY;
  }
  /* Tags that only a page has decide at once; common inline or block
   * tags (and comments) must be seen twice, open or closing, so a text
   * that quotes one "<p>" or carries "<!-- -->" debris from a copy is
   * still text. */
  static const char *const tags[] = {"!doctype html", "html", "head", "body", "meta",
                                     "title", "script", "style", "link ", "?xml",
                                     /* weak from here */
                                     "div", "p>", "p ", "table", "span", "article", "br",
                                     "a href", "!--", "h1", "h2", "ul", "section", "li>",
                                     "a>"};
  enum { STRONG = 10 };
  unsigned weak = 0;
  for (size_t i = 0; i + 1 < lim; i++) {
    if (p[i] != '<') continue;
    const char *q = p + i + 1;
    size_t left = n - i - 1;
    int closing = left && *q == '/';
    if (closing) {
      q++;
      left--;
    }
    for (size_t t = 0; t < sizeof tags / sizeof tags[0]; t++) {
      size_t tl = strlen(tags[t]);
      if (left < tl || !ieq(q, tags[t], tl)) continue;
      /* a tag name must end here ("<p>" ok, "<panel" not p) */
      char end = left > tl ? q[tl] : '>';
      char last = tags[t][tl - 1];
      if (last == '>' || last == ' ' || last == '-' || end == '>' || end == ' ' ||
          end == '\t' || end == '\n' || end == '\r' || end == '/') {
        if (t < STRONG || ++weak >= 2) return CC_SNIFF_HTML;
        break;
      }
    }
  }
  return CC_SNIFF_TEXT;
}
