"""clipclean.dask — cleans WARC files, directories of saved pages and URL
lists on a dask.distributed cluster (Debian's python3-dask and
python3-distributed 2022.12.1), one task per input file.

    from distributed import Client
    import clipclean.dask
    client = Client("tcp://scheduler:8786")
    summary = clipclean.dask.clean(["s3://crawl/CC-MAIN-*.warc.gz"], "s3://out/pages")

or from a shell: python3 -m clipclean.dask --scheduler tcp://scheduler:8786 -o out/ INPUTS...

What a task is: a WARC file (every page of it); a URL list (a file named
*.urls or passed in urls=: its URLs fetched and cleaned by the clipclean
command-line tool, whose fetcher is polite and sandboxed; the options it
has are passed on: no_images, no_links, no_tables, keep_title, no_filter,
parser, input_format, charset, max_input_bytes); or up to
`pages_per_task` saved pages (files of a directory: HTML, MHTML, text, gz).
Each task writes one partition, `part-NNNNN.jsonl` (or `.parquet` when
pyarrow is importable on the workers), holding one record per page with the
fields of `clipclean -f jsonl`: source, status (ok, empty, error), error,
the WARC or fetch fields, the metadata and the text. A page that fails, a
broken WARC record, an input that cannot be read: each is an error record in
its partition; a task never loses its partition for one page. A partition is
written to a temporary name and moved into place, so a task that is run
twice (a retry, a worker that died) writes it whole once.
A worker that dies (killed, out of memory) has its task run again by Dask
on another worker (the scheduler's allowed-failures, 3 by default); a task
that raises (the output storage failing) is retried `retries` times. The
summary (also written as _summary.json) counts pages, failures and time,
and names any input whose task failed for good.

Paths may be local (a shared file system mounted on every worker) or any
fsspec URL the workers can open (s3://, gs://... with s3fs, gcsfs):
remote inputs are copied to a local temporary file first, since the WARC
reader streams a local file.

This module owns the planning of tasks, the task function and the summary;
cleaning itself is clipclean's (iter_warc, extract).
"""
import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import fsspec
from fsspec.implementations.local import LocalFileSystem

import clipclean

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".mhtml", ".mht", ".txt", ".warc")
META = ("title", "author", "date", "site_name", "language", "url", "description", "image",
        "charset", "input_kind")
# columns of a Parquet partition, in order; all strings but these two
INT_COLUMNS = ("warc_offset", "http_status")
COLUMNS = ("source", "status", "error", "warc_target_uri", "warc_date", "warc_record_id",
           "warc_offset", "final_url", "http_status") + META + ("text",)


def _has_pyarrow():
    try:
        import pyarrow.parquet  # noqa: F401
        return True
    except ImportError:
        return False


# ---- planning ----------------------------------------------------------------

def _is_warc_name(path):
    p = path[:-3] if path.endswith(".gz") else path
    return p.endswith(".warc") or p.endswith(".arc")


def plan(inputs, urls=(), pages_per_task=256):
    """The tasks for `inputs` (files and directories; a file named *.urls
    is a URL list) and `urls` (URL-list files): a list of (kind, what) with
    kind "warc" (a path), "urls" (a path) or "pages" (a list of paths)."""
    tasks, pages = [], []
    for src in inputs:
        src = _absolute(src)
        fs, root = fsspec.core.url_to_fs(src)
        proto = src.split("://")[0] + "://" if "://" in src else ""
        if fs.isdir(root):
            found = sorted(p for p in fs.find(root)
                           if _page_name(p) and not _hidden(p[len(root):]))
            files = [proto + p if proto else p for p in found]
        elif fs.exists(root):
            files = [src]
        else:
            raise FileNotFoundError("no such input: %s" % src)
        for f in files:
            if f.endswith(".urls"):
                tasks.append(("urls", f))
            elif _is_warc_name(f) or _sniff_warc(f):
                tasks.append(("warc", f))
            else:
                pages.append(f)
    tasks += [("urls", _absolute(u)) for u in urls]
    for i in range(0, len(pages), pages_per_task):
        tasks.append(("pages", pages[i:i + pages_per_task]))
    return tasks


def _absolute(path):
    """A local path made absolute (workers do not share the caller's
    working directory); URLs as they are."""
    path = os.fspath(path)
    return path if "://" in path else os.path.abspath(path)


def _page_name(p):
    base = p[:-3] if p.endswith(".gz") else p
    return base.lower().endswith(PAGE_SUFFIXES)


def _hidden(rel):
    return any(part.startswith(".") for part in rel.split("/") if part)


def _sniff_warc(path):
    """A .warc-less name is still a WARC when its bytes say so (local files
    only: a remote one is not read twice to find out)."""
    if "://" in path:
        return False
    try:
        return clipclean.is_warc(path)
    except OSError:
        return False


# ---- the task ----------------------------------------------------------------

def _local_copy(path, tmpdir):
    """A local path for `path`: itself, or a copy of a remote file."""
    if "://" not in path or path.startswith("file://"):
        return path[len("file://"):] if path.startswith("file://") else path
    local = os.path.join(tmpdir, "input-" + os.path.basename(path.rstrip("/")))
    with fsspec.open(path, "rb") as src, open(local, "wb") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
    return local


def _error_record(source, message, extra=None):
    rec = {"source": source, "status": "error", "error": message}
    rec.update(extra or {})
    return rec


def _page_record(source, result):
    with result:
        rec = {"source": source}
        rec.update(result.to_dict())
    return rec


def _warc_records(path, local, options, counts):
    try:
        reader = clipclean.iter_warc(local, errors="yield", **options)
    except clipclean.Error as e:
        yield _error_record(path, e.message.replace(local, path))
        return
    prefix = local + ": "  # (the record's source names the file)
    with reader:
        for item in reader:
            if isinstance(item, clipclean.Error):
                extra = item.record.fields() if item.record else None
                msg = item.message
                yield _error_record(path, msg[len(prefix):] if msg.startswith(prefix) else msg,
                                    extra)
            else:
                yield _page_record(path, item)
        for k in ("records", "not_response", "not_text", "http_status", "broken"):
            counts[k] = counts.get(k, 0) + reader.stats[k]


DEFAULT_MAX_INPUT = 64 << 20  # the library's default max_input_bytes


def _pages_records(paths, options):
    limit = options.get("max_input_bytes") or DEFAULT_MAX_INPUT
    for p in paths:
        try:
            with fsspec.open(p, "rb") as f:
                data = f.read(limit + 1)  # (a huge file is not read whole to be refused)
            if len(data) > limit:
                yield _error_record(p, "larger than the %d-byte input limit" % limit)
                continue
            yield _page_record(p, clipclean.extract(data, **options))
        except clipclean.Error as e:
            yield _error_record(p, e.message)
        except OSError as e:
            yield _error_record(p, "cannot read: %s" % (e.strerror or e))


def find_cli():
    """The clipclean command-line tool: $CLIPCLEAN_CLI, next to the loaded
    library (a build tree), in its prefix's bin/, or on PATH."""
    env = os.environ.get("CLIPCLEAN_CLI")
    if env:
        return env
    libdir = os.path.dirname(os.path.abspath(clipclean.lib.path)) \
        if os.sep in clipclean.lib.path else ""
    for c in ([os.path.join(libdir, "clipclean"),
               os.path.join(os.path.dirname(libdir), "bin", "clipclean")] if libdir else []):
        if os.access(c, os.X_OK):
            return c
    found = shutil.which("clipclean")
    if not found:
        raise RuntimeError("URL lists are fetched by the clipclean command-line tool, which "
                           "is not installed on this worker (or set CLIPCLEAN_CLI)")
    return found


def _cli_args(options):
    args = []
    for k in ("no_images", "no_links", "no_tables", "keep_title", "no_filter"):
        if options.get(k):
            args.append("--" + k.replace("_", "-"))
    for k in ("parser", "input_format", "charset"):
        if options.get(k):
            args += ["--" + k.replace("_", "-"), options[k]]
    if options.get("max_input_bytes"):
        args += ["--max-size", str(options["max_input_bytes"])]
    return args


def _urls_records(path, local, options, tmpdir):
    out = os.path.join(tmpdir, "urls.jsonl")
    cmd = [find_cli(), "-q", "-j", "1", "-f", "jsonl", "-o", out, "--urls", local]
    run = subprocess.run(cmd + _cli_args(options), stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True, errors="replace")
    if run.returncode not in (0, 1) or not os.path.exists(out):
        # the tool itself failed: the task fails, and Dask retries it
        raise RuntimeError("clipclean --urls %s failed (exit %d): %s"
                           % (path, run.returncode, run.stderr.strip()[-500:]))
    with open(out, encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


class _JsonlSink:
    ext = ".jsonl"

    def __init__(self, path):
        self.f = open(path, "w", encoding="utf-8")

    def write(self, rec):
        self.f.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")

    def close(self):
        self.f.close()


class _ParquetSink:
    """Rows written in groups of `batch`, so a big WARC file is never held."""
    ext = ".parquet"

    def __init__(self, path, batch=1000):
        import pyarrow as pa
        import pyarrow.parquet as pq
        self.pa = pa
        self.schema = pa.schema([(c, pa.int64() if c in INT_COLUMNS else pa.string())
                                 for c in COLUMNS])
        self.w = pq.ParquetWriter(path, self.schema)
        self.rows, self.batch = [], batch

    def write(self, rec):
        self.rows.append({c: rec.get(c) for c in COLUMNS})
        if len(self.rows) >= self.batch:
            self._flush()

    def _flush(self):
        if self.rows:
            self.w.write_table(self.pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def close(self):
        self._flush()
        self.w.close()


_MALLOC_TUNED = []
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc's mallopt parameters
MALLOC_THRESHOLD = 4 << 20


def tune_malloc():
    """Dask's nanny starts workers with MALLOC_TRIM_THRESHOLD_=65536 (to give
    memory back to the system), which also turns off glibc's adaptive mmap
    threshold: every allocation over 128 KiB becomes an mmap, and cleaning
    costs twice the CPU (bench/python). Once per worker process, unless the
    environment sets MALLOC_MMAP_THRESHOLD_ itself, both thresholds go to
    4 MiB: the speed of glibc's defaults, and free memory over 4 MiB still
    given back. Returns None when there is nothing to do, else whether the
    malloc in use took the settings (glibc's does; a sanitizer's does not)."""
    if _MALLOC_TUNED or "MALLOC_TRIM_THRESHOLD_" not in os.environ \
            or "MALLOC_MMAP_THRESHOLD_" in os.environ:
        return None
    _MALLOC_TUNED.append(True)
    try:
        import ctypes
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False  # not glibc
    return bool(mallopt(M_MMAP_THRESHOLD, MALLOC_THRESHOLD)
                and mallopt(M_TRIM_THRESHOLD, MALLOC_THRESHOLD))


def clean_task(task, output, index, options, fmt, malloc_tuning=True):
    """Cleans one task's input into the partition output/part-INDEX.EXT and
    returns its counts. Runs on a worker."""
    if malloc_tuning:
        tune_malloc()
    kind, what = task
    t0, c0 = time.monotonic(), time.thread_time()
    counts = {"pages": 0, "ok": 0, "empty": 0, "failed": 0}
    source = what if kind != "pages" else "%s (+%d)" % (what[0], len(what) - 1)
    sink_cls = _ParquetSink if fmt == "parquet" else _JsonlSink
    name = "part-%05d%s" % (index, sink_cls.ext)
    with tempfile.TemporaryDirectory(prefix="clipclean-dask-") as tmp:
        part = os.path.join(tmp, name)
        sink = sink_cls(part)
        try:
            if kind == "pages":
                records = _pages_records(what, options)
            else:
                try:
                    local = _local_copy(what, tmp)
                except OSError as e:
                    local, records = None, iter([_error_record(what, "cannot read: %s" % e)])
                if local and kind == "warc":
                    records = _warc_records(what, local, options, counts)
                elif local:
                    records = _urls_records(what, local, options, tmp)
            for rec in records:
                sink.write(rec)
                counts["pages"] += 1
                counts[{"ok": "ok", "empty": "empty"}.get(rec["status"], "failed")] += 1
        finally:
            sink.close()
        fs, dest = fsspec.core.url_to_fs(output)
        fs.makedirs(dest, exist_ok=True)
        final = dest.rstrip("/") + "/" + name
        if isinstance(fs, LocalFileSystem):
            tmp_dest = final + ".tmp-%s-%d" % (socket.gethostname(), os.getpid())
            shutil.copyfile(part, tmp_dest)
            os.replace(tmp_dest, final)  # atomic: a rerun replaces it whole
        else:
            fs.put(part, final)  # one object, whole or not at all
    counts.update(input=source, kind=kind, partition=name, seconds=time.monotonic() - t0,
                  cpu_seconds=time.thread_time() - c0,
                  worker="%s:%d" % (socket.gethostname(), os.getpid()))
    return counts


# ---- the run -------------------------------------------------------------------

def clean(inputs, output, *, urls=(), client=None, format="auto", retries=2,
          pages_per_task=256, malloc_tuning=True, **options):
    """Cleans `inputs` (WARC files, directories, *.urls files; local paths or
    fsspec URLs) and the URL lists `urls` on the Dask cluster of `client`
    (default: the current client), writing one partition per task into
    `output`. format: "jsonl", "parquet" (needs pyarrow) or "auto" (Parquet
    when pyarrow is importable here). Options as for clipclean.extract().
    malloc_tuning: see tune_malloc() (False leaves the workers' malloc be).
    Returns the summary: pages, ok, empty, failed (records), WARC record
    counts, tasks, lost (inputs whose task failed for good), seconds,
    pages_per_second, and per-task counts."""
    from distributed import as_completed, get_client

    clipclean._COptions(None, **options)  # bad options fail here, not on every worker
    if format == "auto":
        format = "parquet" if _has_pyarrow() else "jsonl"
    if format not in ("jsonl", "parquet"):
        raise ValueError("format must be 'jsonl', 'parquet' or 'auto', not %r" % (format,))
    if format == "parquet" and not _has_pyarrow():
        raise RuntimeError("Parquet partitions need pyarrow")
    client = client or get_client()
    output = _absolute(output)
    t0 = time.monotonic()
    tasks = plan(inputs, urls, pages_per_task)
    futures = [client.submit(clean_task, t, output, i, options, format, malloc_tuning,
                             retries=retries,
                             key="clipclean-%05d-%s" % (i, _token(t, output)), pure=False)
               for i, t in enumerate(tasks)]
    index = {f.key: i for i, f in enumerate(futures)}
    done, lost = [], []
    for fut in as_completed(futures):
        i = index[fut.key]
        if fut.status == "finished":
            done.append(fut.result())
        else:
            lost.append({"input": tasks[i][1] if tasks[i][0] != "pages" else tasks[i][1][0],
                         "partition": i, "error": repr(fut.exception())})
        fut.release()
    return _summary(done, lost, len(tasks), time.monotonic() - t0, output, format)


def _token(task, output):
    import hashlib
    return hashlib.sha1(repr((task, output)).encode()).hexdigest()[:12]


def _summary(done, lost, ntasks, seconds, output, fmt):
    keys = ("pages", "ok", "empty", "failed", "records", "not_response", "not_text",
            "http_status", "broken")
    s = {k: sum(d.get(k, 0) for d in done) for k in keys}
    s.update(tasks=ntasks, lost=lost, seconds=round(seconds, 3), format=fmt,
             cpu_seconds=round(sum(d["cpu_seconds"] for d in done), 3),
             pages_per_second=round(s["pages"] / seconds, 1) if seconds else 0.0,
             output=output, partitions=sorted(done, key=lambda d: d["partition"]))
    fs, dest = fsspec.core.url_to_fs(output)
    fs.makedirs(dest, exist_ok=True)
    with fs.open(dest.rstrip("/") + "/_summary.json", "w") as f:
        json.dump(s, f, indent=1)
    return s


def read_records(output):
    """Every record of a run's partitions, in partition order (JSONL or
    Parquet): a convenience for tests and small outputs."""
    fs, dest = fsspec.core.url_to_fs(os.fspath(output))
    for p in sorted(fs.glob(dest.rstrip("/") + "/part-*")):
        if p.endswith(".jsonl"):
            with fs.open(p, "r", encoding="utf-8") as f:
                for line in f:
                    yield json.loads(line)
        elif p.endswith(".parquet"):
            import pyarrow.parquet as pq
            with fs.open(p, "rb") as f:
                yield from pq.read_table(f).to_pylist()


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python3 -m clipclean.dask",
                                 description="Clean WARC files, directories and URL lists "
                                             "on a Dask cluster.")
    ap.add_argument("inputs", nargs="*", help="WARC files, directories, *.urls files")
    ap.add_argument("-o", "--output", required=True, help="directory or fsspec URL")
    ap.add_argument("--urls", action="append", default=[], help="a URL list file")
    ap.add_argument("--scheduler", help="tcp://HOST:8786 (default: a local cluster)")
    ap.add_argument("--workers", type=int, default=None, help="local cluster: workers")
    ap.add_argument("--format", default="auto", choices=("auto", "jsonl", "parquet"))
    ap.add_argument("--retries", type=int, default=2)
    a = ap.parse_args(argv)
    from distributed import Client, LocalCluster
    if a.scheduler:
        client = Client(a.scheduler)
    else:
        client = Client(LocalCluster(n_workers=a.workers, threads_per_worker=1))
    with client:
        s = clean(a.inputs, a.output, urls=a.urls, client=client, format=a.format,
                  retries=a.retries)
    print("clipclean.dask: %d tasks, %d pages: %d ok, %d empty, %d failed; %d lost tasks; "
          "%.1f s, %.1f pages/s -> %s" % (s["tasks"], s["pages"], s["ok"], s["empty"],
                                          s["failed"], len(s["lost"]), s["seconds"],
                                          s["pages_per_second"], a.output), file=sys.stderr)
    for entry in s["lost"]:
        print("clipclean.dask: %s: %s" % (entry["input"], entry["error"]), file=sys.stderr)
    return 1 if s["failed"] or s["lost"] else 0


if __name__ == "__main__":
    from clipclean.dask import main as _main  # (by its name: tasks pickle by reference)
    sys.exit(_main())
