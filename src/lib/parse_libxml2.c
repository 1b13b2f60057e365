/* parse_libxml2.c — placeholder until the libxml2 front end lands. */
#include <stdio.h>

#include "../../include/clipclean.h"
#include "parse.h"

int cc_parse_libxml2(cc_arena *a, const char *utf8, size_t len,
                     const cc_parse_limits *lim, cc_dom *out, char *err) {
  (void)a; (void)utf8; (void)len; (void)lim; (void)out;
  snprintf(err, 256, "the libxml2 front end is not built");
  return CC_ERR_ARGS;
}
