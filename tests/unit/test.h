/* test.h — the unit tests' tiny harness.
 *
 * Each tests/unit/test_*.c is one executable: it defines test functions
 * with TEST(name), lists them in main() with RUN(name), and returns
 * test_summary(). A failed CHECK prints file:line and the expression and
 * marks the test failed; the run goes on, so one run shows every failure.
 */
#ifndef CC_TEST_H
#define CC_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int test_failures_ = 0;
static int test_current_failed_ = 0;
static int test_count_ = 0;

#define TEST(name) static void name(void)

#define RUN(name)                                                  \
  do {                                                             \
    test_current_failed_ = 0;                                      \
    test_count_++;                                                 \
    name();                                                        \
    printf("%s %s\n", test_current_failed_ ? "FAIL" : "ok  ", #name); \
    if (test_current_failed_) test_failures_++;                    \
  } while (0)

#define CHECK(cond)                                                        \
  do {                                                                     \
    if (!(cond)) {                                                         \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      test_current_failed_ = 1;                                            \
    }                                                                      \
  } while (0)

/* String equality, printing both sides on failure (NULL-safe). */
#define CHECK_STR(got, want)                                               \
  do {                                                                     \
    const char *g_ = (got), *w_ = (want);                                  \
    if (!((g_ == NULL && w_ == NULL) || (g_ && w_ && strcmp(g_, w_) == 0))) { \
      fprintf(stderr, "%s:%d: CHECK_STR failed: %s\n  got:  %s%s%s\n  want: %s%s%s\n", \
              __FILE__, __LINE__, #got, g_ ? "\"" : "", g_ ? g_ : "NULL", \
              g_ ? "\"" : "", w_ ? "\"" : "", w_ ? w_ : "NULL", w_ ? "\"" : ""); \
      test_current_failed_ = 1;                                            \
    }                                                                      \
  } while (0)

/* Substring presence / absence. */
#define CHECK_CONTAINS(hay, needle)                                        \
  do {                                                                     \
    const char *h_ = (hay), *n_ = (needle);                                \
    if (!h_ || !strstr(h_, n_)) {                                          \
      fprintf(stderr, "%s:%d: expected to contain \"%s\" in:\n%s\n", __FILE__, \
              __LINE__, n_, h_ ? h_ : "NULL");                             \
      test_current_failed_ = 1;                                            \
    }                                                                      \
  } while (0)

#define CHECK_LACKS(hay, needle)                                           \
  do {                                                                     \
    const char *h_ = (hay), *n_ = (needle);                                \
    if (h_ && strstr(h_, n_)) {                                            \
      fprintf(stderr, "%s:%d: expected NOT to contain \"%s\" in:\n%s\n",   \
              __FILE__, __LINE__, n_, h_);                                 \
      test_current_failed_ = 1;                                            \
    }                                                                      \
  } while (0)

static inline int test_summary(void) {
  printf("%d/%d tests passed\n", test_count_ - test_failures_, test_count_);
  return test_failures_ ? 1 : 0;
}

#endif
