/* progress.c — the progress line (see progress.h). */
#include "progress.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

void progress_init(progress *p, int enabled) {
  memset(p, 0, sizeof *p);
  p->enabled = enabled;
  p->start = p->last = now_sec();
}

void progress_pass(progress *p, const char *label) {
  p->label = label;
  p->start = now_sec();
  p->last = 0;
}

void progress_clear(progress *p) {
  if (!p->shown) return;
  static const char clr[] = "\r\033[K";
  ssize_t r = write(2, clr, sizeof clr - 1);
  (void)r;
  p->shown = 0;
}

static void fmt_eta(char *b, size_t n, double s) {
  if (s < 0 || s > 360000) snprintf(b, n, "?");
  else if (s < 60) snprintf(b, n, "%.0fs", s);
  else if (s < 3600) snprintf(b, n, "%dm%02ds", (int)s / 60, (int)s % 60);
  else snprintf(b, n, "%dh%02dm", (int)s / 3600, ((int)s % 3600) / 60);
}

void progress_update(progress *p, const counts *c, int force) {
  if (!p->enabled) return;
  double now = now_sec();
  if (!force && now - p->last < 0.1) return;
  p->last = now;
  double el = now - p->start;
  double fps = el > 0 ? (double)c->done / el : 0;
  double mbs = el > 0 ? (double)c->bytes / el / 1e6 : 0;
  char line[200], eta[32] = "";
  int n = snprintf(line, sizeof line, "\r\033[K%s%s%s%llu", p->label ? "[" : "",
                   p->label ? p->label : "", p->label ? "] " : "",
                   (unsigned long long)c->done);
  if (p->total) {
    n += snprintf(line + n, sizeof line - (size_t)n, "/%llu%s", (unsigned long long)p->total,
                  p->total_final ? "" : "+");
    if (p->total_final) {
      n += snprintf(line + n, sizeof line - (size_t)n, " %d%%",
                    (int)(100.0 * (double)c->done / (double)(p->total ? p->total : 1)));
      if (fps > 0 && c->done < p->total) {
        fmt_eta(eta, sizeof eta, (double)(p->total - c->done) / fps);
      }
    }
  }
  n += snprintf(line + n, sizeof line - (size_t)n, " | %.1f %s/s %.2f MB/s", fps,
                p->unit ? p->unit : "files", mbs);
  if (*eta) n += snprintf(line + n, sizeof line - (size_t)n, " | ETA %s", eta);
  if (c->failed)
    n += snprintf(line + n, sizeof line - (size_t)n, " | %llu failed", (unsigned long long)c->failed);
  if (n > (int)sizeof line - 1) n = (int)sizeof line - 1;
  ssize_t r = write(2, line, (size_t)n);
  (void)r;
  p->shown = 1;
}
