/* test_site.c — site-level boilerplate learning: the thresholds, the
 * minimum number of documents, duplicates counted once, site keys, and the
 * bounded sample. */
#include <stdlib.h>
#include <string.h>

#include "site.h"
#include "test.h"

/* A document of `site`: boilerplate fingerprints 1..3, plus its own
 * article fingerprints (unique per document). */
static void add_doc(site_learner *l, uint64_t site, uint64_t id) {
  uint64_t fps[6] = {1, 2, 3, 1000 + id * 3, 1001 + id * 3, 1002 + id * 3};
  site_add(l, site, 5000 + id, fps, 6);
}

TEST(learns_repeated_blocks) {
  site_learner *l = site_new(1 << 20);
  uint64_t s = site_key("https://www.Example.com/a/b", "x/y.html");
  for (uint64_t i = 0; i < 10; i++) add_doc(l, s, i);
  site_finish(l);
  uint64_t fps[5] = {3, 1003, 1, 77, 2}, out[5];
  size_t n = site_filter(l, s, fps, 5, out);
  CHECK(n == 3 && out[0] == 1 && out[1] == 2 && out[2] == 3);
  site_stats st;
  site_get_stats(l, &st);
  CHECK(st.sites == 1 && st.learned_sites == 1 && st.boilerplate == 3 && !st.capped);
  site_free(l);
}

TEST(too_few_documents_learn_nothing) {
  site_learner *l = site_new(1 << 20);
  uint64_t s = site_key(NULL, "dir/a.html");
  for (uint64_t i = 0; i < SITE_MIN_DOCS - 1; i++) add_doc(l, s, i);
  site_finish(l);
  uint64_t fps[1] = {1}, out[1];
  CHECK(site_filter(l, s, fps, 1, out) == 0);
  site_free(l);
}

TEST(duplicates_count_once) {
  /* the same article saved five times is not boilerplate of its site */
  site_learner *l = site_new(1 << 20);
  uint64_t s = site_key("http://news.example/x", NULL);
  uint64_t fps[3] = {10, 11, 12};
  for (int i = 0; i < 6; i++) site_add(l, s, 4242, fps, 3);
  site_finish(l);
  uint64_t out[3];
  CHECK(site_filter(l, s, fps, 3, out) == 0);
  site_free(l);
}

TEST(share_threshold) {
  /* 20 documents: a block on 5 of them (25%) stays, one on 6 (30%) goes */
  site_learner *l = site_new(1 << 20);
  uint64_t s = 99;
  for (uint64_t i = 0; i < 20; i++) {
    uint64_t fps[4] = {1000 + i, i < 5 ? 7 : 2000 + i, i < 6 ? 8 : 3000 + i, 4000 + i};
    site_add(l, s, 100 + i, fps, 4);
  }
  site_finish(l);
  uint64_t q[2] = {7, 8}, out[2];
  size_t n = site_filter(l, s, q, 2, out);
  CHECK(n == 1 && out[0] == 8);
  site_free(l);
}

TEST(site_keys) {
  CHECK(site_key("https://www.example.com/a", NULL) == site_key("http://EXAMPLE.com:8080/b", NULL));
  CHECK(site_key("https://user@example.com/", NULL) == site_key("https://example.com", NULL));
  CHECK(site_key("https://a.example.com/", NULL) != site_key("https://b.example.com/", NULL));
  /* no URL: the folder */
  CHECK(site_key(NULL, "saved/x/1.html") == site_key(NULL, "saved/x/2.html"));
  CHECK(site_key(NULL, "saved/x/1.html") != site_key(NULL, "saved/y/1.html"));
  CHECK(site_key("not a url", "d/1.html") == site_key(NULL, "d/2.html"));
  CHECK(site_key("https://d/", "x") != site_key(NULL, "d/x"));
}

TEST(bounded_memory) {
  /* sites that reach 2 x SITE_MIN_DOCS documents complete their sample
   * early when the cap nears, which frees their counts for the others */
  site_learner *l = site_new(2000);
  for (uint64_t site = 1; site <= 50; site++)
    for (uint64_t i = 0; i < 12; i++) add_doc(l, site, site * 100 + i);
  site_finish(l);
  site_stats st;
  site_get_stats(l, &st);
  CHECK(!st.capped && st.learned_sites == 50);
  site_free(l);
  /* sites too small to decide early: the cap holds, learning says so,
   * and the sites that fitted still learn */
  l = site_new(2000);
  for (uint64_t site = 1; site <= 100; site++)
    for (uint64_t i = 0; i < 8; i++) add_doc(l, site, site * 100 + i);
  site_finish(l);
  site_get_stats(l, &st);
  CHECK(st.capped);
  CHECK(st.learned_sites >= 50 && st.learned_sites < 100);
  uint64_t fps[1] = {1}, out[1];
  CHECK(site_filter(l, 1, fps, 1, out) == 1);
  site_free(l);
}

int main(void) {
  RUN(learns_repeated_blocks);
  RUN(too_few_documents_learn_nothing);
  RUN(duplicates_count_once);
  RUN(share_threshold);
  RUN(site_keys);
  RUN(bounded_memory);
  return test_summary();
}
