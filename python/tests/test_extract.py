"""clipclean.extract and Result: the same output as the command line on
every golden sample, in every format and with options; errors as
exceptions with the library's status and message; the result's lifetime."""
import json
import os
import zlib

import pytest

import clipclean
from conftest import run_cli, sample_pages

PAGES = sample_pages()


@pytest.mark.parametrize("name,path", PAGES, ids=[n for n, _ in PAGES])
def test_same_as_cli_every_format(cli, name, path):
    with open(path, "rb") as f:
        data = f.read()
    r = clipclean.extract(data)
    for fmt in ("txt", "md", "html", "json"):
        want = run_cli(cli, "-f", fmt, path, ok=(0, 1))
        assert r.render(fmt).encode() == want, (name, fmt)
    assert r.text.strip(), name


@pytest.mark.parametrize("args,kw", [
    (["--no-images", "--no-links", "-f", "md"], {"no_images": True, "no_links": True}),
    (["--keep-title", "--no-tables", "-f", "txt"], {"keep_title": True, "no_tables": True}),
    (["--parser", "libxml2", "-f", "html"], {"parser": "libxml2"}),
    (["--no-filter", "--url", "https://example.org/x/y.html", "-f", "md"],
     {"no_filter": True, "url": "https://example.org/x/y.html"}),
])
def test_options_same_as_cli(cli, args, kw):
    fmt = args[args.index("-f") + 1]
    for name, path in PAGES[::3]:
        want = run_cli(cli, *args, path, ok=(0, 1))
        with open(path, "rb") as f:
            assert clipclean.extract(f.read(), **kw).render(fmt).encode() == want, (name, args)


def test_metadata_attributes_match_json():
    name, path = next(p for p in PAGES if p[0].startswith("01-"))
    r = clipclean.extract_file(path)
    j = json.loads(r.render("json"))
    for k in ("title", "author", "date", "site_name", "language", "url", "description",
              "image", "charset"):
        assert getattr(r, k) == j[k], k
    assert r.title and r.language == "fr" and r.input_kind == "html"
    assert r.text == j["text"] and r.status == "ok"
    d = r.to_dict()
    assert d["status"] == "ok" and d["title"] == r.title and d["text"] == r.text


def test_jsonl_record_fields_match_cli(cli):
    name, path = PAGES[0]
    want = json.loads(run_cli(cli, "-f", "jsonl", path))
    got = clipclean.extract_file(path).to_dict()
    assert {"source": want["source"], **got} == want


def test_images_links_and_render_options():
    md_path = next(p for n, p in PAGES if n.startswith("05-"))
    r = clipclean.extract_file(md_path, url="https://blog.example/post/")
    links = r.links
    assert links and all(u.startswith("http") for u, _ in links)
    md = r.render("md")
    assert "](" + links[0][0] in md
    plain = r.render("md", no_links=True)
    assert "](" + links[0][0] not in plain and links[0][1] in plain
    try:
        fm = r.render("md", front_matter=True)
        assert fm.startswith("---\n") and "title:" in fm.split("---", 2)[1]
    except clipclean.Error as e:  # a library without front matter says so
        assert e.status == clipclean.Status.ARGS and "front matter" in e.message
    # extraction defaults carry to render(), keywords override them
    r2 = clipclean.extract_file(md_path, url="https://blog.example/post/", no_links=True)
    assert r2.render("md") == plain
    assert r2.render("md", no_links=False) == md


def test_str_input_and_gzip():
    html = "<html><head><title>Café</title></head><body><article><p>%s</p></article></body></html>"
    para = "Le café de la gare rouvre ses portes après deux ans de travaux. " * 4
    r = clipclean.extract(html % para)
    assert "café de la gare" in r.text
    gz = zlib.compress((html % para).encode("utf-8"), wbits=31)
    assert clipclean.extract(gz).text == r.text


def test_errors_carry_status_and_message():
    with pytest.raises(clipclean.Error) as e:
        clipclean.extract(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" * 20)
    assert e.value.status == clipclean.Status.NOT_HTML
    assert "PDF" in e.value.message and str(e.value) == e.value.message
    with pytest.raises(clipclean.Error) as e:
        clipclean.extract(b"<p>" + b"x" * 5000, max_input_bytes=1000)
    assert e.value.status == clipclean.Status.TOO_LARGE and e.value.message
    r = clipclean.extract_file(PAGES[0][1])
    with pytest.raises(clipclean.Error) as e:
        r.render("md", max_output_bytes=100)
    assert e.value.status == clipclean.Status.TOO_LARGE


def test_bad_arguments():
    with pytest.raises(TypeError, match="unknown option"):
        clipclean.extract(b"<p>x</p>", no_such_thing=True)
    with pytest.raises(ValueError, match="parser"):
        clipclean.extract(b"<p>x</p>", parser="lxml")
    with pytest.raises(ValueError, match="max_depth"):
        clipclean.extract(b"<p>x</p>", max_depth=-1)
    with pytest.raises(TypeError):
        clipclean.extract(12)
    r = clipclean.extract(b"<p>x</p>")
    with pytest.raises(ValueError, match="format"):
        r.render("pdf")


def test_closed_result_and_empty_page():
    with clipclean.extract(b"<html><body><nav>Menu</nav></body></html>") as r:
        assert r.status == "empty" and r.text == ""
    with pytest.raises(ValueError, match="closed"):
        r.text
    r.close()  # twice is fine


def test_explain_and_site_boilerplate():
    path = PAGES[0][1]
    r = clipclean.extract_file(path, explain=True)
    assert r.explain and "\n" in r.explain
    assert clipclean.extract_file(path).explain is None
    hashes = r.block_hashes
    assert hashes and all(0 <= h < 2 ** 64 for h in hashes)
    # every block of the page declared boilerplate of its site: less text
    less = clipclean.extract_file(path, site_boilerplate=hashes)
    assert len(less.text) < len(r.text)


def test_library_version():
    v = clipclean.library_version()
    assert v["version"].startswith("0.") and "gumbo" in v["build"]
    assert os.path.basename(v["path"]).startswith("libclipclean.so")
