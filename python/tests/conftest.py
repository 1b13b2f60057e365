"""Shared fixtures of the Python binding's tests (python/tests).

CTest runs them (tests/CMakeLists.txt) with CLIPCLEAN_LIBRARY set to the
build's libclipclean.so.0 and CLIPCLEAN_CLI to its clipclean tool; run by
hand, the binding finds a build tree of this checkout, and the tool is
looked up next to the library it loaded.
"""
import glob
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "python"))
sys.path.append(os.path.join(ROOT, "tests", "warc"))  # warcgen

import clipclean  # noqa: E402
import clipclean.dask  # noqa: E402


def sample_pages():
    """(name, path) of every golden sample page."""
    return [(os.path.basename(os.path.dirname(p)), p)
            for p in sorted(glob.glob(os.path.join(ROOT, "samples", "*", "page.html*")))]


@pytest.fixture(scope="session")
def cli():
    path = clipclean.dask.find_cli()
    assert os.access(path, os.X_OK), path
    return path


def run_cli(cli, *args, ok=(0,)):
    """stdout (bytes) of the clipclean tool; its exit status must be in `ok`."""
    # --no-clipped: the library's records have no clipping time
    p = subprocess.run([cli, "--no-clipped", *args], capture_output=True)
    assert p.returncode in ok, (args, p.returncode, p.stderr.decode(errors="replace"))
    return p.stdout
