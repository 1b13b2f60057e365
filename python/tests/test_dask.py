"""clipclean.dask on a LocalCluster of two worker processes: one partition
per task, records as the command line writes them, per-page failures as
records, URL lists fetched, a summary; a worker killed in the middle of a
task has the task run again and nothing is lost."""
import functools
import http.server
import json
import os
import shutil
import threading

import pytest

distributed = pytest.importorskip("distributed")

import clipclean  # noqa: E402
import clipclean.dask as ccd  # noqa: E402
from conftest import run_cli, sample_pages  # noqa: E402
from test_iter_warc import make_warc  # noqa: E402

PAGES = sample_pages()
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" * 20


@pytest.fixture(scope="module")
def cluster():
    from distributed import Client, LocalCluster
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=":0", silence_logs=40) as lc, Client(lc) as client:
        yield client


@pytest.fixture(scope="module")
def server():
    """A loopback HTTP server for the samples' directory."""
    root = os.path.dirname(os.path.dirname(PAGES[0][1]))
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a):
            pass
    handler = functools.partial(Quiet, directory=root)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield "http://127.0.0.1:%d" % httpd.server_address[1]
    httpd.shutdown()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, server):
    d = tmp_path_factory.mktemp("inputs")
    warc = make_warc(d / "crawl.warc.gz", broken_at=5)
    pages = d / "pages"
    os.makedirs(pages / "sub")
    plain = [p for _, p in PAGES if p.endswith(".html")]
    for i, p in enumerate(plain[:3]):
        shutil.copy(p, pages / ("sub" if i == 2 else "") / ("p%d.html" % i))
    (pages / "report.html").write_bytes(PDF)
    (pages / "notes.pdf").write_bytes(PDF)  # not a page's name: not an input
    urls = d / "list.urls"
    urls.write_text("# two URLs\n%s/01-fr-consent-wording/page.html\n%s/nothing-here.html\n"
                    % (server, server))
    return {"warc": warc, "pages": str(pages), "urls": str(urls)}


def records_of(out):
    return list(ccd.read_records(out))


def test_clean_on_two_workers(cluster, inputs, cli, tmp_path):
    out = str(tmp_path / "out")
    s = ccd.clean([inputs["warc"], inputs["pages"], inputs["urls"]], out, client=cluster,
                  format="jsonl", pages_per_task=2)
    # tasks: the WARC file, the URL list, 4 saved pages in 2s
    assert s["tasks"] == 4 and s["lost"] == []
    assert sorted(os.listdir(out)) == ["_summary.json"] + ["part-%05d.jsonl" % i
                                                           for i in range(4)]
    parts = [[json.loads(x) for x in open(os.path.join(out, "part-%05d.jsonl" % i))]
             for i in range(4)]
    # the WARC partition is what the command line writes for that file
    want = [json.loads(x) for x in run_cli(cli, "-f", "jsonl", inputs["warc"], ok=(1,)).splitlines()]
    assert parts[0] == want
    assert sum(r["status"] == "error" and "offset" in r["error"] for r in parts[0]) == 1
    # the URL list: a page and a 404, each a record
    ok, gone = parts[1]
    assert ok["status"] == "ok" and ok["final_url"].endswith("/page.html") and ok["title"]
    assert gone["status"] == "error" and "404" in gone["error"]
    # saved pages: sorted, recursively; the PDF named .html fails alone
    pages = parts[2] + parts[3]
    assert [os.path.relpath(r["source"], inputs["pages"]) for r in pages] == \
        ["p0.html", "p1.html", "report.html", "sub/p2.html"]
    bad = pages[2]
    assert bad["status"] == "error" and "PDF" in bad["error"]
    good = clipclean.extract_file(os.path.join(inputs["pages"], "p1.html")).to_dict()
    assert pages[1] == {"source": pages[1]["source"], **good}
    # the summary counts every record, and is on disk
    allrecs = [r for p in parts for r in p]
    assert s["pages"] == len(allrecs) == len(PAGES) + 2 + 4
    assert s["failed"] == sum(r["status"] == "error" for r in allrecs) == 3
    assert s["ok"] + s["empty"] + s["failed"] == s["pages"]
    assert s["broken"] == 1 and s["not_text"] == 2 and s["http_status"] == 1
    assert json.load(open(os.path.join(out, "_summary.json")))["pages"] == s["pages"]
    assert s["seconds"] > 0 and s["pages_per_second"] > 0


def test_worker_killed_task_rerun(cluster, inputs, tmp_path):
    """A plugin kills the worker the first time it starts the WARC task;
    Dask runs the task again on a worker that lives, and the partition is
    the same as a run without the kill."""
    marker = str(tmp_path / "killed")

    class KillOnce(distributed.WorkerPlugin):
        def transition(self, key, start, finish, **kw):
            if finish == "executing" and "clipclean-00000" in str(key) \
                    and not os.path.exists(marker):
                open(marker, "w").close()
                os._exit(1)

    ref = str(tmp_path / "ref")
    ccd.clean([inputs["warc"]], ref, client=cluster, format="jsonl")
    cluster.register_worker_plugin(KillOnce(), name="kill-once")
    try:
        out = str(tmp_path / "out")
        s = ccd.clean([inputs["warc"], inputs["pages"]], out, client=cluster, format="jsonl")
    finally:
        cluster.unregister_worker_plugin("kill-once")
    assert os.path.exists(marker), "the worker was not killed"
    assert s["lost"] == [] and s["tasks"] == 2
    want = records_of(ref)
    assert len(want) == len(PAGES) and records_of(out)[:len(want)] == want
    assert not [f for f in os.listdir(out) if ".tmp-" in f]


def test_bad_arguments(cluster, inputs, tmp_path):
    with pytest.raises(TypeError, match="unknown option"):
        ccd.clean([inputs["warc"]], str(tmp_path / "o"), client=cluster, colour=True)
    with pytest.raises(FileNotFoundError):
        ccd.clean([str(tmp_path / "missing.warc.gz")], str(tmp_path / "o"), client=cluster)
    if not ccd._has_pyarrow():
        with pytest.raises(RuntimeError, match="pyarrow"):
            ccd.clean([inputs["warc"]], str(tmp_path / "o"), client=cluster, format="parquet")


def test_parquet_partitions(cluster, inputs, tmp_path):
    pytest.importorskip("pyarrow")
    out = str(tmp_path / "pq")
    s = ccd.clean([inputs["warc"]], out, client=cluster, format="parquet")
    assert os.listdir(out) and s["format"] == "parquet"
    recs = records_of(out)
    assert len(recs) == s["pages"] and recs[0]["title"]


# glibc takes the settings (True); under the sanitizers, whose malloc has
# no such settings, the call is made and says False
APPLIED = "False" if "libasan" in os.environ.get("LD_PRELOAD", "") else "True"


@pytest.mark.parametrize("env,want", [
    ({"MALLOC_TRIM_THRESHOLD_": "65536"}, APPLIED + " None"),  # as Dask's nanny starts workers
    ({"MALLOC_TRIM_THRESHOLD_": "65536", "MALLOC_MMAP_THRESHOLD_": "1048576"}, "None None"),
    ({}, "None None"),
])
def test_tune_malloc_only_under_dasks_setting(env, want):
    import subprocess
    import sys
    base = {k: v for k, v in os.environ.items() if not k.startswith("MALLOC_")}
    code = "import clipclean.dask as d; print(d.tune_malloc(), d.tune_malloc())"
    run = subprocess.run([sys.executable, "-c", code], env={**base, **env,
                         "PYTHONPATH": os.path.dirname(os.path.dirname(ccd.__file__))},
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == want.split()


def test_pages_task_refuses_a_file_over_the_limit_without_reading_it(tmp_path):
    big = tmp_path / "big.html"
    big.write_bytes(b"<p>" + b"x" * 100000)
    small = PAGES[0][1]
    c = ccd.clean_task(("pages", [str(big), small]), str(tmp_path / "o"), 7, {"max_input_bytes": 50000},
                       "jsonl", malloc_tuning=False)
    assert (c["pages"], c["ok"], c["failed"], c["partition"]) == (2, 1, 1, "part-00007.jsonl")
    recs = records_of(tmp_path / "o")
    assert recs[0]["status"] == "error" and "50000-byte input limit" in recs[0]["error"]
    assert recs[1]["source"] == small and recs[1]["status"] == "ok"


def test_command_line_on_a_scheduler(cluster, inputs, tmp_path, capsys):
    out = str(tmp_path / "cli")
    addr = cluster.scheduler_info()["address"]
    rc = ccd.main(["--scheduler", addr, "--format", "jsonl", "-o", out, inputs["warc"]])
    err = capsys.readouterr().err
    assert rc == 1, err  # the broken record is a failure
    assert "1 tasks, %d pages" % len(PAGES) in err and "1 failed" in err
    assert json.load(open(os.path.join(out, "_summary.json")))["pages"] == len(PAGES)
