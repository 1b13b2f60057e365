#!/usr/bin/env python3
"""gen.py — generators of pathological inputs for clipclean.

Each case is a function of a scale factor k (1, 10, ...) that returns the
bytes of one input; 1x sizes are chosen so that 10x stays under the default
64 MiB input limit. A case about a renderer names the output formats it is
run with (attribute `formats`; default: txt only). Used by run.py (the timing table) and by CTest (a fast
subset at small scale). Python 3 standard library only.

  gen.py --list                 names of the cases
  gen.py NAME SCALE [OUT]       writes one input (stdout by default)
"""
import os
import sys

def N(base, k):
    """base scaled by k, at least 1."""
    return max(1, int(base * k))


HEAD = b"<!doctype html><html><head><title>t</title></head><body>"


def nested_div(k):        # 100k nested <div>s at 1x
    n = N(100_000, k)
    return HEAD + b"<div>" * n + b"deep text" + b"</div>" * n


def nested_div_unclosed(k):
    return HEAD + b"<div>x" * N(100_000, k)


def selfclosing_div(k):   # <div/> is a start tag in HTML: as deep as <div>
    return HEAD + b"<div/>" * N(100_000, k) + b"text"


def unclosed_b(k):        # 200k unclosed <b> at 1x
    return HEAD + b"<b>" * N(200_000, k) + b"bold"


def distinct_b(k):        # defeats the Noah's Ark clause: every <b> differs
    return HEAD + b"".join(b"<b id=%d>" % i for i in range(N(20_000, k))) + b"x"


def reopened_formatting(k):  # </p> closes <b>, the next text reopens them all
    return HEAD + b"".join(b"<p><b class=c%d>x</p>" % i for i in range(N(20_000, k)))


def nested_a(k):          # <a> inside <a>: the adoption agency on every tag
    return HEAD + b"<a href=x>t" * N(100_000, k)


def misnested_a(k):
    return HEAD + b"<a href=x><p>a</a>b</p>" * N(50_000, k)


def misnested_formatting(k):
    return HEAD + b"<b><i><p>x</b>y</i></p>" * N(50_000, k)


def nobr(k):
    return HEAD + b"<nobr>x" * N(100_000, k)


def deep_ul(k):
    return HEAD + b"<ul><li>x" * N(50_000, k)


def deep_tables(k):
    return HEAD + b"<table><tr><td>x" * N(30_000, k)


def table_in_table(k):    # <table> directly in <table>: closes the outer one
    return HEAD + b"<table>" * N(100_000, k) + b"x"


def foster_parenting(k):  # text and inline tags inside <table> are moved before it
    return HEAD + b"<table><tr>" + b"x<b>y" * N(50_000, k) + b"</table>"


def many_selects(k):
    return HEAD + b"<select><option>x" * N(50_000, k)


def select_title_reopen(k):  # a title ignored in a select, a <select> that ends it
    return HEAD + (b"<select><title></title><select>" + b"<span>x" * 8 +
                   b"</select>") * N(20_000, k)


def mathml_title_breakout(k):  # a MathML title read as markup: </p> leaves the math
    return HEAD + b"<div>" + b"<p><math><title></p><span><i>x</title>" * N(30_000, k)


def deep_span_in_p(k):
    return HEAD + b"<p>" + b"<span>" * N(100_000, k) + b"x"


def stray_end_tags(k):    # end tags with nothing to close, deep in the tree
    return HEAD + b"<div>" * 400 + b"</span>" * N(200_000, k) + b"x"


def deep_then_wide(k):   # 500 levels deep, then many elements: O(depth) each
    return HEAD + b"<div>" * 500 + b"<p>x</p>" * N(100_000, k)


def deep_blockquote(k):  # nested quotes: the renderers' nesting
    return HEAD + b"<blockquote><p>q" * N(100_000, k)


def flat_list(k):
    return HEAD + b"<ul>" + b"<li>item" * N(100_000, k) + b"</ul>"


def huge_row(k):          # one table row with very many cells
    return HEAD + b"<table><tr>" + b"<td>cell</td>" * N(100_000, k) + b"</tr></table>"


PROSE = (b"<h1>T</h1><p>" + b"Some prose sentence that is long enough to count as text. " * 5 +
         b"</p>")


def wide_table(k):        # a row of n cells, then n rows of one: padded, n*n cells
    n = N(20_000, k)
    return (b"<html><body><article>" + PROSE + b"<table><tr>" + b"<td>x" * n + b"</tr>" +
            b"<tr><td>y</td></tr>" * n + b"</table></article></body></html>")


wide_table.formats = ("md", "html")


def quoted_lines(k):      # 500 nested quotes around many lines: md prefixes each line
    return (b"<html><body><article>" + PROSE + b"<blockquote>" * 500 + b"x<br>" * N(95_000, k) +
            b"</blockquote>" * 500 + b"</article></body></html>")


quoted_lines.formats = ("md",)


def deep_list_lines(k):   # 500 nested lists around many lines: md indents each line
    return (b"<html><body><article>" + PROSE + b"<ul><li>" * 250 + b"x<br>" * N(95_000, k) +
            b"</article></body></html>")


deep_list_lines.formats = ("md", "txt")


def many_attrs(k):        # 100k attributes on one element at 1x (1M at 10x)
    return HEAD + b"<div " + b"".join(b"a%d=1 " % i for i in range(N(100_000, k))) + b">x</div>"


def title_attrs(k):      # attributes on a tag the parser may read as text or markup
    return HEAD + b"<math><title><div " + b"".join(b"a%d=1 " % i for i in range(N(100_000, k))) + b">x"


def many_attrs_dup(k):    # the same attribute repeated
    return HEAD + b"<div" + b" a=1" * N(100_000, k) + b">x</div>"


def huge_text(k):         # one text node of 5 MiB (50 MiB at 10x)
    return HEAD + b"<p>" + b"lorem ipsum dolor sit amet, " * N(5 * 1024 * 1024 // 28, k) + b"</p>"


def tiny_paragraphs(k):   # 100k tiny paragraphs (1M at 10x)
    return HEAD + b"<p>x</p>\n" * N(100_000, k)


def long_class_cards(k):  # a megabyte class on the parent of 20k cards: read once per card?
    cls = b"grid " + b"g" * N(1_000_000, k)
    cards = b"".join(b'<li class="card"><a href="/p/%d">Item %d</a> <span class="price">$%d.00</span></li>'
                     % (i, i, i) for i in range(N(20_000, k)))
    return HEAD + b'<h1>Shop</h1><ul class="' + cls + b'">' + cards + b"</ul></body></html>"


def long_article(k):      # an ordinary article, very long: 5 MiB at 1x, 53 MiB at 10x
    # (over 1 GB in one worker: under the default --max-memory of 2 GiB)
    p = b"<p>The council met on Tuesday to discuss the bridge, and argued at length about it.</p>\n"
    return HEAD + b"<article><h1>Long</h1>" + p * N(60_000, k) + b"</article></body></html>"


def huge_table(k):
    rows = b"".join(b"<tr><td>r%d</td><td>some cell text</td><td>3</td></tr>\n" % i
                    for i in range(N(30_000, k)))
    return HEAD + b"<table>" + rows + b"</table>"


def many_comments(k):
    return HEAD + b"<p>a<!-- c -->b</p>" * N(100_000, k)


def unterminated_comment(k):
    return HEAD + b"<p>x</p><!--" + b"y" * N(1_000_000, k)


def unterminated_script(k):
    return HEAD + b"<script>" + b"var a=1;" * N(125_000, k)


def unterminated_cdata(k):  # each one would search the rest of the page for ]]>
    return HEAD + b"<p>x<![CDATA[y>" * N(100_000, k)


def nested_svg(k):
    return HEAD + b"<svg>" * N(100_000, k) + b"x"


def entity_soup(k):
    return HEAD + b"<p>" + b"&amp;&lt;&#x41;&notin;&#99999999;&" * N(50_000, k)


def nul_bytes(k):
    return HEAD + b"<p>a\x00b\x00" * N(100_000, k) + b"\x00" * N(100_000, k)


def invalid_utf8(k):
    return HEAD + b"<p>caf\xc3 \xff\xfe\xed\xa0\x80 \xf4\x90\x80\x80 \xc0\xaf text" * N(30_000, k)


def utf16le_bom(k):
    return b"\xff\xfe" + (HEAD.decode() + "<p>Grüße, 世界</p>" * N(20_000, k)).encode("utf-16-le")


def utf16be_nobom(k):
    return (HEAD.decode() + "<p>Grüße, 世界</p>" * N(20_000, k)).encode("utf-16-be")


def bogus_meta_charset(k):
    return (b"<!doctype html><html><head><meta charset=\"x-no-such-charset\"><title>t</title>"
            b"</head><body>" + b"<p>caf\xe9 cr\xe8me</p>" * N(50_000, k))


def binary_junk(k):
    x, out = 2463534242, bytearray()
    for _ in range(N(250_000, k)):   # xorshift32: deterministic junk
        x ^= (x << 13) & 0xffffffff
        x ^= x >> 17
        x ^= (x << 5) & 0xffffffff
        out += x.to_bytes(4, "little")
    return bytes(out)


def empty(k):
    return b""


def whitespace_only(k):
    return b" \n\t\r\f" * N(100_000, k)


# --- text clippings (sniffed as text: no markup) ---

def text_comment_notices(k):  # a one-word comment notice ("Report") after every paragraph
    para = (b"Paragraph %d of the story, where the council met on Tuesday and decided "
            b"the bridge will be built next year.\n\nReport\n\n")
    return b"Title\n\n" + b"".join(para % i for i in range(N(50_000, k)))


def text_markdown_syntax(k):  # Markdown marks by the million: links, refs, emphasis, brackets
    head = b"# Title\n\n[a](/a) [b](/b) [c](/c)\n\n[r]: /ref\n\n"
    para = (b"[link %d](/x) [ref][r] *em* **strong** `code` [[[[ ** __ ![img](/i.png) "
            b"<https://a.example/p> &amp; [unclosed ( \\* _x_ " * 8 + b"\n\n")
    line = b"".join(para % ((i,) * 8) for i in range(N(6_000, k)))
    return head + line + b"[" * N(200_000, k) + b"\n\n" + b"*a " * N(200_000, k)


# ---- WARC files (tests/warc/warcgen.py): read as a stream, whatever their
# size; most records are no pages, so the reader, not the workers, is tested.

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "warc"))
import warcgen  # noqa: E402

WARC_PAGE = (b"<html><head><title>p</title></head><body><article><p>" +
             b"A paragraph of words that makes a small page, with commas, and more. " * 8 +
             b"</p></article></body></html>")


def warc_huge_declared(k):   # a record declaring 1 GB amid 500 pages (gzip per record)
    n = N(500, k)
    recs = [warcgen.response("https://patho.test/%d" % i, WARC_PAGE) for i in range(n)]
    recs.insert(n // 2, warcgen.record("resource", b"<p>liar</p>", "https://patho.test/liar",
                                       "text/html", declared=1 << 30))
    return warcgen.archive(recs, gz=True)


def warc_huge_declared_plain(k):  # the same, uncompressed: the file is read again
    n = N(500, k)
    recs = [warcgen.response("https://patho.test/%d" % i, WARC_PAGE) for i in range(n)]
    recs.insert(n // 2, warcgen.record("resource", b"<p>liar</p>", "https://patho.test/liar",
                                       "text/html", declared=1 << 30))
    return warcgen.archive(recs)


def warc_tiny_records(k):    # a million tiny records at 1x, a page every 10,000
    tiny = b"WARC/1.1\r\nWARC-Type: metadata\r\nContent-Length: 1\r\n\r\nx\r\n\r\n"
    block = tiny * 9999 + warcgen.response("https://patho.test/p", WARC_PAGE)
    return block * N(100, k)


def warc_member_in_header(k):  # every record's gzip member ends inside its header
    out = []
    for i in range(N(20_000, k)):
        u = "https://patho.test/%d" % i
        r = warcgen.response(u, WARC_PAGE) if i % 100 == 0 else warcgen.request(u)
        cut = 20 + i % 40
        out.append(warcgen.member(r[:cut]) + warcgen.member(r[cut:]))
    return b"".join(out)


CASES = {f.__name__: f for f in [
    nested_div, nested_div_unclosed, selfclosing_div, unclosed_b, distinct_b,
    reopened_formatting, nested_a, misnested_a, misnested_formatting, nobr,
    deep_ul, deep_tables, table_in_table, foster_parenting, many_selects,
    select_title_reopen, mathml_title_breakout,
    deep_span_in_p, stray_end_tags, deep_then_wide, deep_blockquote, flat_list,
    huge_row, wide_table, quoted_lines, deep_list_lines, many_attrs, title_attrs, many_attrs_dup,
    huge_text, tiny_paragraphs, long_class_cards, long_article, huge_table, many_comments, unterminated_comment,
    unterminated_script, unterminated_cdata, nested_svg, entity_soup, nul_bytes, invalid_utf8,
    utf16le_bom, utf16be_nobom, bogus_meta_charset, binary_junk, empty,
    whitespace_only, text_comment_notices, text_markdown_syntax, warc_huge_declared,
    warc_huge_declared_plain, warc_tiny_records, warc_member_in_header]}


def main(argv):
    if len(argv) >= 2 and argv[1] == "--list":
        print("\n".join(CASES))
        return 0
    if len(argv) not in (3, 4) or argv[1] not in CASES:
        sys.stderr.write(__doc__)
        return 2
    data = CASES[argv[1]](float(argv[2]))
    if len(argv) == 4:
        with open(argv[3], "wb") as f:
            f.write(data)
    else:
        sys.stdout.buffer.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
