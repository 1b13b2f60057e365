"""clipclean.iter_warc: the pages of a WARC file, each the same as the
command line's record of it and as the page cleaned alone with its URL;
records that are no page skipped and counted; broken records as errors
that do not stop the iteration (errors="yield", "skip") or do ("raise")."""
import json

import pytest

import clipclean
import warcgen
from conftest import run_cli, sample_pages

PAGES = sample_pages()


def page_bytes(path):
    import gzip
    with open(path, "rb") as f:
        data = f.read()
    return gzip.decompress(data) if path.endswith(".gz") else data


def url_of(name):
    return "https://warc.example/%s/" % name


def make_warc(path, gz=True, broken_at=None):
    """Every sample as request + response, a warcinfo, an image and a 404;
    with broken_at=i, the i-th page's record declares a wrong length."""
    recs = [warcgen.warcinfo()]
    for i, (name, p) in enumerate(PAGES):
        recs.append(warcgen.request(url_of(name)))
        kw = {"declared": 40} if i == broken_at else {}
        recs.append(warcgen.response(url_of(name), page_bytes(p), **kw))
    recs.append(warcgen.response("https://warc.example/logo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64,
                                 headers=(("Content-Type", "image/png"),)))
    recs.append(warcgen.response("https://warc.example/gone", b"<p>gone</p>", status=404))
    with open(path, "wb") as f:
        f.write(warcgen.archive(recs, gz=gz))
    return str(path)


@pytest.mark.parametrize("gz", [True, False], ids=["gz", "plain"])
def test_pages_same_as_cli_jsonl(cli, tmp_path, gz):
    w = make_warc(tmp_path / ("crawl.warc" + (".gz" if gz else "")), gz)
    want = [json.loads(line) for line in run_cli(cli, "-f", "jsonl", w).splitlines()]
    reader = clipclean.iter_warc(w)
    got = [{"source": w, **r.to_dict()} for r in reader]
    assert len(got) == len(PAGES) and got == want
    assert reader.stats == {"records": 2 * len(PAGES) + 3, "pages": len(PAGES),
                            "not_response": len(PAGES) + 1, "not_text": 1, "http_status": 1,
                            "broken": 0, "failed": 0}


def test_pages_same_as_files_with_url(tmp_path):
    w = make_warc(tmp_path / "crawl.warc.gz")
    for (name, path), r in zip(PAGES, clipclean.iter_warc(w)):
        assert r.warc.target_uri == url_of(name) and r.warc.http_status == 200
        assert r.warc.record_id.startswith("<urn:uuid:") and r.warc.date == warcgen.DATE
        alone = clipclean.extract(page_bytes(path), url=url_of(name))
        assert r.render("md") == alone.render("md"), name


def test_broken_record_yield_skip_raise(tmp_path):
    w = make_warc(tmp_path / "broken.warc", gz=False, broken_at=3)
    items = list(clipclean.iter_warc(w, errors="yield"))
    errors = [x for x in items if isinstance(x, clipclean.Error)]
    assert len(errors) == 1 and "offset" in errors[0].message and w in errors[0].message
    assert errors[0].status == clipclean.Status.PARSE
    # the pages after the broken one still come, and in order
    names = [x.warc.target_uri for x in items if isinstance(x, clipclean.Result)]
    assert names == [url_of(n) for i, (n, _) in enumerate(PAGES) if i != 3]
    reader = clipclean.iter_warc(w, errors="skip")
    assert len(list(reader)) == len(PAGES) - 1 and reader.stats["broken"] == 1
    it = clipclean.iter_warc(w)
    for _ in range(3):
        next(it)
    with pytest.raises(clipclean.Error, match="offset"):
        next(it)
    with pytest.raises(StopIteration):
        next(it)


def test_failed_page_is_an_error_with_its_record(tmp_path):
    w = str(tmp_path / "big.warc")
    big = b"<html><body><article>" + b"<p>words and words</p>" * 2000 + b"</article></body></html>"
    with open(w, "wb") as f:
        f.write(warcgen.archive([warcgen.response("https://warc.example/big", big),
                                 warcgen.response("https://warc.example/ok", page_bytes(PAGES[0][1]))]))
    items = list(clipclean.iter_warc(w, errors="yield", max_input_bytes=20000))
    assert isinstance(items[0], clipclean.Error)
    assert items[0].status == clipclean.Status.TOO_LARGE
    assert items[0].record.target_uri == "https://warc.example/big"
    assert isinstance(items[1], clipclean.Result) and items[1].text


def test_open_errors(tmp_path):
    with pytest.raises(clipclean.Error) as e:
        clipclean.iter_warc(tmp_path / "missing.warc.gz")
    assert e.value.status == clipclean.Status.IO and "missing.warc.gz" in e.value.message
    with pytest.raises(ValueError, match="errors"):
        clipclean.iter_warc(tmp_path / "x", errors="ignore")
    with pytest.raises(TypeError, match="unknown option"):
        clipclean.iter_warc(tmp_path / "x", colour=1)


def test_is_warc_and_close_early(tmp_path):
    w = make_warc(tmp_path / "c.warc.gz")
    assert clipclean.is_warc(w) and not clipclean.is_warc(PAGES[0][1])
    with clipclean.iter_warc(w) as reader:
        first = next(reader)
    assert first.text  # a result outlives its reader
    with pytest.raises(StopIteration):
        next(reader)
