/* version.c — what `clipclean --version` prints: the tool's and the
 * library's versions, the libraries the library runs with, and what this
 * build of the tool has (URL fetching with libcurl, the seccomp sandbox),
 * each with the version it runs with. */
#include "version.h"

#include <stdio.h>

#include "../../include/clipclean.h"
#ifdef CC_HAVE_FETCH
#include "fetch.h"
#endif
#ifdef CC_HAVE_SECCOMP
#include <seccomp.h>
#endif

void version_print(FILE *f) {
  fprintf(f, "clipclean %s (libclipclean %s)\n", CC_VERSION_STRING, cc_version());
  fprintf(f, "libraries: %s\n", cc_build_info());
#ifdef CC_HAVE_FETCH
  fprintf(f, "URL fetching: yes, %s\n", fetch_version());
#else
  fprintf(f, "URL fetching: no (built without libcurl)\n");
#endif
#ifdef CC_HAVE_SECCOMP
  const struct scmp_version *v = seccomp_version();
  fprintf(f, "sandbox: seccomp, libseccomp %u.%u.%u\n", v->major, v->minor, v->micro);
#else
  fprintf(f, "sandbox: none (built without libseccomp: workers run unconfined)\n");
#endif
}
