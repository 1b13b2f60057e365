"""tests/ptyrun.py — runs a command with its stderr on a pseudo-terminal
(so clipclean shows its progress line) and returns what it wrote there.
Shared by the batch and fetch test suites."""
import os
import pty
import select
import subprocess


def stderr_on_pty(cmd, env=None, timeout=20):
    """Returns the decoded stderr of cmd run on a pty, or None when this
    machine has no pseudo-terminals."""
    try:
        master, slave = pty.openpty()
    except OSError:
        return None
    pr = subprocess.Popen(cmd, env=env, stderr=slave, stdout=subprocess.DEVNULL)
    os.close(slave)
    buf = b""
    while True:
        r, _, _ = select.select([master], [], [], timeout)
        if not r:
            break
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        buf += chunk
    pr.wait(timeout=timeout)
    os.close(master)
    return buf.decode(errors="replace")
