/* test_proto.c — the parent<->worker protocol: frames through partial
 * reads and writes (a writer dribbling one byte at a time, a reader on a
 * non-blocking socket), a 64 MiB payload, EOF and corrupt headers, and the
 * job/result encodings, truncated ones included. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "proto.h"
#include "test.h"

static void pair(int sv[2]) {
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) abort();
}

TEST(blocking_roundtrip_and_eof) {
  int sv[2];
  pair(sv);
  struct iovec iov[2] = {{"hello ", 6}, {"world", 5}};
  CHECK(proto_send(sv[0], MSG_JOB, iov, 2) == 0);
  CHECK(proto_send(sv[0], MSG_RESULT, NULL, 0) == 0);
  close(sv[0]);
  uint32_t type;
  char *p;
  size_t n;
  CHECK(proto_recv(sv[1], &type, &p, &n, 1 << 20) == 1);
  CHECK(type == MSG_JOB && n == 11);
  CHECK_STR(p, "hello world");
  free(p);
  CHECK(proto_recv(sv[1], &type, &p, &n, 1 << 20) == 1);
  CHECK(type == MSG_RESULT && n == 0);
  free(p);
  CHECK(proto_recv(sv[1], &type, &p, &n, 1 << 20) == 0); /* clean EOF */
  close(sv[1]);
}

TEST(dribbled_bytes_and_truncation) {
  int sv[2];
  pair(sv);
  /* a frame built by hand, sent one byte at a time by a child */
  unsigned char frame[16 + 3];
  uint32_t m = PROTO_MAGIC, t = MSG_RESULT;
  uint64_t len = 3;
  memcpy(frame, &m, 4);
  memcpy(frame + 4, &t, 4);
  memcpy(frame + 8, &len, 8);
  memcpy(frame + 16, "abc", 3);
  pid_t pid = fork();
  if (pid == 0) {
    close(sv[1]);
    for (size_t i = 0; i < sizeof frame; i++) {
      if (write(sv[0], frame + i, 1) != 1) _exit(1);
      usleep(1000);
    }
    /* then half a header, and hang up */
    if (write(sv[0], frame, 7) != 7) _exit(1);
    _exit(0);
  }
  close(sv[0]);
  fcntl(sv[1], F_SETFL, O_NONBLOCK);
  proto_reader r;
  memset(&r, 0, sizeof r);
  int rc, polls = 0;
  while ((rc = proto_reader_feed(&r, sv[1], 100)) == 0) {
    struct pollfd pf = {sv[1], POLLIN, 0};
    poll(&pf, 1, 1000);
    polls++;
  }
  CHECK(rc == 1);
  CHECK(polls > 1); /* it really came in pieces */
  uint32_t type;
  size_t n;
  char *p = proto_reader_take(&r, &type, &n);
  CHECK(type == MSG_RESULT && n == 3 && !memcmp(p, "abc", 3));
  free(p);
  while ((rc = proto_reader_feed(&r, sv[1], 100)) == 0) {
    struct pollfd pf = {sv[1], POLLIN, 0};
    poll(&pf, 1, 1000);
  }
  CHECK(rc == -1 && errno == 0); /* end of stream inside a header */
  proto_reader_free(&r);
  close(sv[1]);
  int st;
  waitpid(pid, &st, 0);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

TEST(corrupt_header_and_oversize) {
  int sv[2];
  pair(sv);
  unsigned char bad[16] = "NOPE............";
  CHECK(write(sv[0], bad, 16) == 16);
  uint32_t type;
  char *p;
  size_t n;
  errno = 0;
  CHECK(proto_recv(sv[1], &type, &p, &n, 1 << 20) == -1 && errno == EPROTO);
  /* a valid header announcing more than the reader accepts */
  struct iovec iov = {"0123456789", 10};
  CHECK(proto_send(sv[0], MSG_JOB, &iov, 1) == 0);
  errno = 0;
  CHECK(proto_recv(sv[1], &type, &p, &n, 5) == -1 && errno == EPROTO);
  close(sv[0]);
  close(sv[1]);
}

TEST(big_payload_nonblocking_both_ways) {
  /* 64 MiB + 1 through a non-blocking writer and reader in one process,
   * interleaved as the parent's poll loop does */
  size_t big = ((size_t)64 << 20) + 1;
  char *data = malloc(big);
  for (size_t i = 0; i < big; i++) data[i] = (char)(i * 131 + 7);
  int sv[2];
  pair(sv);
  fcntl(sv[0], F_SETFL, O_NONBLOCK);
  fcntl(sv[1], F_SETFL, O_NONBLOCK);
  proto_writer w;
  struct iovec iov[2] = {{"head", 4}, {data, big}};
  proto_writer_start(&w, MSG_JOB, iov, 2);
  proto_reader r;
  memset(&r, 0, sizeof r);
  int wdone = 0, rdone = 0, rounds = 0;
  while (!rdone && rounds < 10000000) {
    rounds++;
    if (!wdone) {
      int rc = proto_writer_flush(&w, sv[0]);
      CHECK(rc >= 0);
      if (rc < 0) break;
      wdone = rc == 1;
    }
    int rc = proto_reader_feed(&r, sv[1], (uint64_t)big + 100);
    CHECK(rc >= 0);
    if (rc < 0) break;
    rdone = rc == 1;
  }
  CHECK(wdone && rdone);
  uint32_t type;
  size_t n;
  char *p = proto_reader_take(&r, &type, &n);
  CHECK(n == big + 4);
  CHECK(p && !memcmp(p, "head", 4) && !memcmp(p + 4, data, big));
  free(p);
  proto_reader_free(&r);
  free(data);
  close(sv[0]);
  close(sv[1]);
}

TEST(writer_reports_epipe) {
  signal(SIGPIPE, SIG_DFL); /* MSG_NOSIGNAL must keep us alive */
  int sv[2];
  pair(sv);
  close(sv[1]);
  proto_writer w;
  struct iovec iov = {"x", 1};
  proto_writer_start(&w, MSG_JOB, &iov, 1);
  errno = 0;
  CHECK(proto_writer_flush(&w, sv[0]) == -1 && errno == EPIPE);
  CHECK(proto_send(sv[0], MSG_JOB, &iov, 1) == -1 && errno == EPIPE);
  close(sv[0]);
}

TEST(job_and_result_encodings) {
  uint64_t bp[3] = {5, 9, 1ull << 63};
  job_msg j = {42, JOB_WANT_HASHES, "https://x.org/", NULL, "dir/a b.html", ",\"warc_offset\":7",
               NULL, bp, 3, "<p>x</p>", 8};
  penc e = {0};
  job_encode(&j, &e);
  /* the frame payload is the head followed by the data */
  char *pl = malloc(e.len + j.len);
  memcpy(pl, e.data, e.len);
  memcpy(pl + e.len, j.data, j.len);
  job_msg d;
  uint64_t *store;
  CHECK(job_decode(pl, e.len + j.len, &d, &store) == 0);
  CHECK(d.seq == 42 && d.flags == JOB_WANT_HASHES);
  CHECK_STR(d.url, "https://x.org/");
  CHECK(d.charset == NULL);
  CHECK_STR(d.source, "dir/a b.html");
  CHECK_STR(d.extra, ",\"warc_offset\":7");
  CHECK(d.nbp == 3 && d.bp[0] == 5 && d.bp[2] == 1ull << 63);
  CHECK(d.len == 8 && !memcmp(d.data, "<p>x</p>", 8));
  free(store);
  /* every truncation of the head is refused */
  int refused = 1;
  for (size_t cut = 0; cut < e.len; cut++) {
    uint64_t *st2 = NULL;
    job_msg d2;
    if (job_decode(pl, cut, &d2, &st2) == 0) refused = 0;
    free(st2);
  }
  CHECK(refused);
  free(pl);
  penc_free(&e);

  uint64_t hs[2] = {7, 8};
  result_msg r = {42, RES_OK, 0, 1234, 99, NULL, "https://x.org/c", "explain", NULL, NULL, hs, 2, "text", 4};
  result_encode(&r, &e);
  pl = malloc(e.len + 4);
  memcpy(pl, e.data, e.len);
  memcpy(pl + e.len, "text", 4);
  result_msg rd;
  CHECK(result_decode(pl, e.len + 4, &rd, &store) == 0);
  CHECK(rd.seq == 42 && rd.kind == RES_OK && rd.input_bytes == 1234 && rd.text_hash == 99);
  CHECK(rd.message == NULL);
  CHECK_STR(rd.url, "https://x.org/c");
  CHECK_STR(rd.explain, "explain");
  CHECK(rd.nhashes == 2 && rd.hashes[1] == 8);
  CHECK(rd.outlen == 4 && !memcmp(rd.out, "text", 4));
  free(store);
  /* a bad kind is refused */
  uint32_t bad = 77;
  memcpy(pl + 8, &bad, 4);
  CHECK(result_decode(pl, e.len + 4, &rd, &store) == -1);
  free(pl);
  penc_free(&e);
}

int main(void) {
  RUN(blocking_roundtrip_and_eof);
  RUN(dribbled_bytes_and_truncation);
  RUN(corrupt_header_and_oversize);
  RUN(big_payload_nonblocking_both_ways);
  RUN(writer_reports_epipe);
  RUN(job_and_result_encodings);
  return test_summary();
}
