"""bench/benchlib.py — what the benchmark scripts share: finding the
development data and the clipclean binary they measure."""
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def find_data(env, name):
    """$env, else ../shared/bench/NAME beside the repository or one of its
    parents (a git worktree may sit deeper than the main clone); None when
    not found."""
    cands = [os.environ[env]] if os.environ.get(env) else []
    d = ROOT
    for _ in range(3):
        d = os.path.dirname(d)
        cands.append(os.path.join(d, "shared", "bench", name))
    for c in cands:
        if os.path.isfile(os.path.join(c, "ground-truth.json")):
            return os.path.abspath(c)
    return None


def find_binary():
    """$CLIPCLEAN_BIN as given, else build/clipclean brought up to date
    (configured Release if the build directory is new; an incremental build
    otherwise): a benchmark never measures a binary older than the code."""
    if os.environ.get("CLIPCLEAN_BIN"):
        return os.environ["CLIPCLEAN_BIN"]
    build = os.path.join(ROOT, "build")
    if not os.path.exists(os.path.join(build, "CMakeCache.txt")):
        subprocess.run(["cmake", "-S", ROOT, "-B", build, "-DCMAKE_BUILD_TYPE=Release"],
                       check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", build, "-j2", "--target", "clipclean"],
                   check=True, stdout=subprocess.DEVNULL)
    return os.path.join(build, "clipclean")
