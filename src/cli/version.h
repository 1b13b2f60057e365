/* version.h — the --version report (version.c). */
#ifndef CCCLI_VERSION_H
#define CCCLI_VERSION_H

#include <stdio.h>

/* Prints the versions and the build's features, one per line. */
void version_print(FILE *f);

#endif
