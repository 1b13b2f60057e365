"""pip install of the package on a machine where only the C library is
installed: `cmake --install` of the build into a temporary prefix, a fresh
venv that sees Debian's packages (setuptools and wheel build the package:
python3-setuptools, python3-wheel), `pip install --no-build-isolation
--no-index` of a copy of python/, and the installed package finds the
library through the prefix's pkg-config data and cleans a page."""
import glob
import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, sample_pages

BUILD = os.environ.get("CLIPCLEAN_BUILD_DIR")


@pytest.mark.skipif(not BUILD, reason="CLIPCLEAN_BUILD_DIR (a configured build) not set")
def test_pip_install_in_fresh_venv(tmp_path):
    prefix = tmp_path / "prefix"
    subprocess.run(["cmake", "--install", BUILD, "--prefix", str(prefix)], check=True,
                   stdout=subprocess.DEVNULL)
    pc = glob.glob(str(prefix / "**" / "clipclean.pc"), recursive=True)
    assert pc, "no clipclean.pc installed"
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    src = tmp_path / "src"
    shutil.copytree(os.path.join(ROOT, "python"), src,
                    ignore=shutil.ignore_patterns("tests", "__pycache__", "*.egg-info", "build"))
    pip = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q",
                          "--no-build-isolation", "--no-index", str(src)],
                         capture_output=True, text=True)
    assert pip.returncode == 0, pip.stdout + pip.stderr
    env = {k: v for k, v in os.environ.items()
           if k not in ("CLIPCLEAN_LIBRARY", "PYTHONPATH", "LD_LIBRARY_PATH")}
    env["PKG_CONFIG_PATH"] = os.path.dirname(pc[0])
    page = sample_pages()[0][1]
    code = ("import clipclean, sys; r = clipclean.extract_file(sys.argv[1]); "
            "print(clipclean.lib.path); print(clipclean.__file__); print(r.title)")
    run = subprocess.run([str(venv / "bin" / "python"), "-c", code, page], cwd=str(tmp_path),
                         env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    lib, pkg, title = run.stdout.splitlines()
    assert lib.startswith(str(prefix)), lib
    assert pkg.startswith(str(venv)), pkg
    assert title == "Le train des Crêtes reprendra du service au printemps"
    # without the library, the import says what to do
    env["PKG_CONFIG_PATH"] = str(tmp_path / "nowhere")
    run = subprocess.run([str(venv / "bin" / "python"), "-c", "import clipclean"],
                         cwd=str(tmp_path), env=env, capture_output=True, text=True)
    assert run.returncode != 0 and "libclipclean not found" in run.stderr
    assert "CLIPCLEAN_LIBRARY" in run.stderr
