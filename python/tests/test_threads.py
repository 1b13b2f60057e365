"""Threads: extraction releases the GIL, and results made by 4 threads at
once are identical to those made one at a time."""
import threading
from concurrent.futures import ThreadPoolExecutor

import clipclean
from conftest import sample_pages

PAGES = sample_pages()


def render_all(path):
    with open(path, "rb") as f:
        r = clipclean.extract(f.read())
    return [r.render(fmt) for fmt in ("txt", "md", "html", "json")]


def test_four_threads_give_identical_results():
    paths = [p for _, p in PAGES] * 4
    serial = [render_all(p) for p in paths]
    with ThreadPoolExecutor(4) as ex:
        threaded = list(ex.map(render_all, paths))
    assert threaded == serial


def test_one_result_rendered_from_threads():
    with open(PAGES[0][1], "rb") as f:
        r = clipclean.extract(f.read())
    want = r.render("md")
    with ThreadPoolExecutor(4) as ex:
        assert list(ex.map(lambda _: r.render("md"), range(16))) == [want] * 16


def test_gil_released_during_extraction():
    """While one thread is inside the library, another runs Python code:
    the counter moves during the call (with the GIL held it could not)."""
    para = "<p>%s</p>" % ("Des mots, encore des mots, et toujours des mots. " * 20)
    page = ("<html><body><article>%s</article></body></html>" % (para * 8000)).encode()
    ticks = [0]
    stop = threading.Event()

    def count():
        while not stop.is_set():
            ticks[0] += 1

    counter = threading.Thread(target=count)
    counter.start()
    try:
        before = ticks[0]
        r = clipclean.extract(page)
        during = ticks[0] - before
    finally:
        stop.set()
        counter.join()
    assert r.text
    assert during > 1000, during
