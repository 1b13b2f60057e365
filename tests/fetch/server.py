#!/usr/bin/env python3
"""server.py — the loopback HTTP server of the fetch tests and bench/fetch.

A ThreadingHTTPServer (HTTP/1.1, keep-alive) per loopback address, ports
chosen by the OS, sharing one request log. Nothing listens beyond 127.0.0.x;
nothing here reaches the internet. Started and stopped by whoever imports it:

    srv = Servers(hosts=("127.0.0.1", "127.0.0.2"))   # started
    srv.url("/page/x")            # http://127.0.0.1:PORT/page/x
    srv.url("/page/x", host=1)    # on 127.0.0.2
    srv.stop()

Endpoints (every scenario of the fetch tests):
  /page/NAME[?ms=N]     an article holding NAME; waits N ms first
  /sample/N[?ms=N]      the Nth page of samples/ (bench/fetch); waits N ms
  /chain/N[?to=HOST]    N redirects (301, 302, 303, 307, 308 in turn), then
                        a page "CHAIN-END"; to=i sends the last hop to host i
  /loop/a, /loop/b      a redirect loop
  /to-file, /to-ftp     redirects to file:// and ftp://
  /gzip                 an article sent with Content-Encoding: gzip
  /charset-header       windows-1252 bytes, charset only in Content-Type
  /charset-meta         windows-1252 bytes, charset only in <meta>
  /status/CODE          that status, with a small HTML body
  /hang                 accepts, never answers
  /endless              an endless chunked body
  /big-declared         Content-Length: 100 MiB (then a trickle)
  /pdf, /png, /json     other types; /octet-pdf: a PDF as octet-stream
  /text                 a text/plain clipping; /untyped: HTML, no type
  /ratelimit/ID?ra=V    429 with Retry-After: V the first time, then a page
                        (V "date": an HTTP-date 2 s ahead; "none": no header)
  /busy/ID?ra=V         503 with Retry-After: V, always
  /cookie               302 setting a cookie, to /cookie-check, which
                        answers only with that cookie (else back: a loop)
  /ua                   a page holding the User-Agent it was sent
  /esc/type, /esc/location, /esc/reason
                        an escape sequence in Content-Type, in a Location,
                        in the reason phrase
  /to/PATH?host=I       302 to PATH on host I (another address)
  /to-name/PATH?name=N&port=P
                        302 to http://N:P/PATH
  /to-creds?host=I      302 to http://user:secret@<host I>/page/creds
  /raw/http09           a body without any status line (HTTP/0.9)
  /raw/garbage          a garbage status line
  /raw/bigheader        a 10 MB header line
  /busy-once/ID?ra=V    503 with Retry-After: V the first time, then a page
  absolute-form requests (a proxy's): a page "PROXIED <url>"
"""
import datetime
import gzip
import http.server
import os
import socket
import socketserver
import threading
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

ARTICLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body><nav><a href="/">Home</a> <a href="/about">About</a></nav>
<article><h1>{title}</h1>
<p>{marker} The committee met on Tuesday evening to discuss the plans for the new
library wing, which has been debated in town for nearly three years now.</p>
<p>Residents who spoke at the meeting were divided: some praised the design and the
reading rooms, others worried about the cost and <a href="rel/link">the old garden</a>.</p>
<p>A final vote is expected next month, after the architects present a revised budget
and the public comment period closes at the end of the week.</p>
</article><footer>Contact us</footer></body></html>
"""

LATIN = ("<html><head>{meta}<title>Gr\u00fc\u00dfe</title></head><body><article>"
         "<p>Gr\u00fc\u00dfe aus K\u00f6ln, sagte der B\u00fcrgermeister am Montag in seiner "
         "Rede vor dem Stadtrat, der \u00fcber die Zukunft des Doms beriet.</p>"
         "<p>Die Stra\u00dfe vor dem Rathaus bleibt gesperrt, bis die Arbeiten an der "
         "Fassade abgeschlossen sind, voraussichtlich im sp\u00e4ten Fr\u00fchjahr.</p>"
         "</article></body></html>")

PLAIN = ("A clipping served as plain text.\n\nIt has two paragraphs of words, enough "
         "words to be an article of sorts, with nothing else around them at all.\n")


def article(title, marker=""):
    return ARTICLE.format(title=title, marker=marker).encode("utf-8")


def load_samples():
    out = []
    d = os.path.join(ROOT, "samples")
    for name in sorted(os.listdir(d)):
        for f in ("page.html", "page.html.gz"):
            p = os.path.join(d, name, f)
            if os.path.exists(p):
                with open(p, "rb") as fh:
                    data = fh.read()
                out.append(gzip.decompress(data) if f.endswith(".gz") else data)
                break
    return out


class State:
    def __init__(self):
        self.lock = threading.Lock()
        self.active = {}        # host -> requests in progress
        self.max_active = {}    # host -> the most at once
        self.max_total = 0
        self.total_active = 0
        self.hits = {}          # path -> count
        self.starts = []        # (host, monotonic time, path)
        self.headers = []       # (path, dict of headers)
        self.stop = threading.Event()
        self.samples = None

    def reset(self):
        with self.lock:
            self.active.clear()
            self.max_active.clear()
            self.max_total = 0
            self.hits.clear()
            self.starts.clear()
            self.headers.clear()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "cctest"
    sys_version = ""

    def log_message(self, fmt, *args):  # quiet
        pass

    def setup(self):
        super().setup()
        # headers and body leave in two writes: without this, Nagle's
        # algorithm and the client's delayed ACK stall every keep-alive
        # response by ~40 ms
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    # -- helpers
    def send(self, code, body=b"", ctype="text/html; charset=utf-8", headers=()):
        self.send_response(code)
        if ctype is not None:
            self.send_header("Content-Type", ctype)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def redirect(self, code, where, headers=()):
        self.send(code, b"<p>moved</p>", headers=[("Location", where)] + list(headers))

    def do_GET(self):
        st = self.server.state
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
        path = self.path
        with st.lock:
            st.active[host] = st.active.get(host, 0) + 1
            st.max_active[host] = max(st.max_active.get(host, 0), st.active[host])
            st.total_active += 1
            st.max_total = max(st.max_total, st.total_active)
            st.hits[path] = st.hits.get(path, 0) + 1
            st.starts.append((host, time.monotonic(), path))
            st.headers.append((path, dict(self.headers.items())))
        try:
            self.route(st, path)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        finally:
            with st.lock:
                st.active[host] -= 1
                st.total_active -= 1

    def route(self, st, raw):
        if raw.startswith("http://"):  # absolute form: we are a proxy
            return self.send(200, article("Proxied", "PROXIED " + raw))
        u = urllib.parse.urlsplit(raw)
        q = dict(urllib.parse.parse_qsl(u.query))
        parts = u.path.strip("/").split("/")
        head = parts[0]
        arg = parts[1] if len(parts) > 1 else ""
        if head == "page":
            if "ms" in q:
                time.sleep(int(q["ms"]) / 1000)
            return self.send(200, article("Page " + arg, "MARK-" + arg))
        if head == "sample":
            if "ms" in q:
                time.sleep(int(q["ms"]) / 1000)
            body = st.samples[int(arg) % len(st.samples)]
            return self.send(200, body, ctype="text/html")
        if head == "chain":
            n = int(arg)
            if n <= 0:
                return self.send(200, article("Chain end", "CHAIN-END"))
            code = (301, 302, 303, 307, 308)[n % 5]
            if n == 1 and "to" in q:
                h = self.server.peers[int(q["to"])]
                return self.redirect(code, "http://%s:%d/chain/0" % h)
            nxt = "/chain/%d" % (n - 1)
            if q:
                nxt += "?" + u.query
            return self.redirect(code, nxt)
        if head == "loop":
            return self.redirect(302, "/loop/b" if arg == "a" else "/loop/a")
        if head == "to-file":
            return self.redirect(302, "file:///etc/passwd")
        if head == "to-ftp":
            return self.redirect(301, "ftp://127.0.0.1/pub/x.html")
        if head == "gzip":
            enc = self.headers.get("Accept-Encoding", "")
            body = article("Zipped", "GZIP-BODY")
            if "gzip" not in enc:
                return self.send(406, b"no gzip")
            return self.send(200, gzip.compress(body), headers=[("Content-Encoding", "gzip")])
        if head == "charset-header":
            return self.send(200, LATIN.format(meta="").encode("cp1252"),
                             ctype="text/html; charset=windows-1252")
        if head == "charset-meta":
            meta = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
            return self.send(200, LATIN.format(meta=meta).encode("cp1252"), ctype="text/html")
        if head == "status":
            return self.send(int(arg), b"<html><body><p>status page</p></body></html>")
        if head == "hang":
            st.stop.wait(60)
            self.close_connection = True
            return
        if head == "endless":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"<p>" + b"endless " * 1000 + b"</p>\n"
            frame = b"%x\r\n%s\r\n" % (len(chunk), chunk)
            while not st.stop.is_set():
                self.wfile.write(frame)
            return
        if head == "big-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(100 << 20))
            self.end_headers()
            for _ in range(50):
                if st.stop.is_set():
                    break
                self.wfile.write(b"<p>x</p>")
                time.sleep(0.1)
            self.close_connection = True
            return
        if head == "pdf":
            return self.send(200, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", ctype="application/pdf")
        if head == "png":
            return self.send(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 64, ctype="image/png")
        if head == "json":
            return self.send(200, b'{"a": 1}', ctype="application/json")
        if head == "octet-pdf":
            return self.send(200, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
                             ctype="application/octet-stream")
        if head == "text":
            return self.send(200, PLAIN.encode(), ctype="text/plain; charset=utf-8")
        if head == "untyped":
            return self.send(200, article("Untyped", "UNTYPED"), ctype=None)
        if head in ("ratelimit", "busy"):
            with st.lock:
                n = st.hits.get(raw, 0)  # this request included
            ra = q.get("ra", "1")
            if ra == "date":
                when = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=2)
                ra = when.strftime("%a, %d %b %Y %H:%M:%S GMT")
            if head == "busy" or n <= 1:
                code = 503 if head == "busy" else 429
                hdr = [("Retry-After", ra)] if ra != "none" else []
                return self.send(code, b"<p>slow down</p>", headers=hdr)
            return self.send(200, article("Patience", "AFTER-RETRY"))
        if head == "cookie":
            return self.redirect(302, "/cookie-check", headers=[("Set-Cookie", "seen=yes; Path=/")])
        if head == "cookie-check":
            if "seen=yes" in (self.headers.get("Cookie") or ""):
                return self.send(200, article("Cookies", "COOKIE-OK"))
            return self.redirect(302, "/cookie")
        if head == "esc":
            if arg == "type":
                return self.send(200, b"<p>x</p>", ctype="application/x\x1b[31m-evil")
            if arg == "location":
                return self.redirect(302, "/page/x\x1b[2Jy")
            self.send_response(500, "Bad \x1b]0;title\x07 thing")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if head == "to":
            h = self.server.peers[int(q.get("host", "0"))]
            return self.redirect(302, "http://%s:%d/%s" % (h[0], h[1], "/".join(parts[1:])))
        if head == "to-name":
            return self.redirect(302, "http://%s:%s/%s" % (q["name"], q["port"], "/".join(parts[1:])))
        if head == "to-creds":
            h = self.server.peers[int(q.get("host", "0"))]
            return self.redirect(302, "http://user:secret@%s:%d/page/creds" % h)
        if head == "raw":
            self.close_connection = True
            if arg == "http09":
                self.wfile.write(b"<html><body><p>no status line at all</p></body></html>\n")
            elif arg == "garbage":
                self.wfile.write(b"GARBAGE 200 OK\r\nContent-Length: 5\r\n\r\nhello")
            elif arg == "bigheader":
                self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Big: " + b"a" * (10 << 20) +
                                 b"\r\nContent-Length: 5\r\n\r\nhello")
            return
        if head == "busy-once":
            with st.lock:
                n = st.hits.get(raw, 0)
            if n <= 1:
                return self.send(503, b"<p>busy</p>", headers=[("Retry-After", q.get("ra", "1"))])
            return self.send(200, article("Later", "AFTER-503"))
        if head == "ua":
            ua = self.headers.get("User-Agent", "")
            return self.send(200, article("Agent", "UA[" + ua + "]"))
        return self.send(404, b"<p>no such page</p>")


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128


class Servers:
    def __init__(self, hosts=("127.0.0.1",), samples=False):
        self.state = State()
        if samples:
            self.state.samples = load_samples()
        self.servers = []
        self.threads = []
        for h in hosts:
            s = _Server((h, 0), Handler)
            s.state = self.state
            self.servers.append(s)
        self.addrs = [s.server_address[:2] for s in self.servers]
        for s in self.servers:
            s.peers = self.addrs
            t = threading.Thread(target=s.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
            t.start()
            self.threads.append(t)

    def url(self, path, host=0):
        h, p = self.addrs[host]
        return "http://%s:%d%s" % (h, p, path)

    def stop(self):
        self.state.stop.set()
        for s in self.servers:
            s.shutdown()
            s.server_close()


if __name__ == "__main__":  # a server to poke at by hand
    import sys
    srv = Servers(hosts=sys.argv[1:] or ("127.0.0.1",), samples=True)
    for i in range(len(srv.addrs)):
        print(srv.url("/", i), flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        srv.stop()
