"""Start a private Xvfb server for tests and benchmarks that need a real X display."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager


def xvfb_available() -> str | None:
    """None when Xvfb can be started, else the reason it cannot."""
    if shutil.which("Xvfb") is None:
        return "Xvfb is not installed (Debian package: xvfb)"
    return None


@contextmanager
def xvfb(screens: tuple[str, ...] = ("1280x800x24",)) -> Iterator[str]:
    """Run Xvfb with the given screens; yields the DISPLAY string (e.g. ':17').

    The server picks a free display number itself (-displayfd), so parallel runs never clash.
    Only the server started here is stopped.
    """
    reason = xvfb_available()
    if reason:
        raise RuntimeError(reason)
    read_fd, write_fd = os.pipe()
    args = ["Xvfb", "-displayfd", str(write_fd), "-nolisten", "tcp", "-noreset"]
    for i, geometry in enumerate(screens):
        args += ["-screen", str(i), geometry]
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(args, pass_fds=(write_fd,), stdout=log, stderr=log)
        os.close(write_fd)
        try:
            with os.fdopen(read_fd) as f:
                number = f.readline().strip()
            if not number:
                log.seek(0)
                raise RuntimeError("Xvfb did not start: " + log.read().decode(errors="replace"))
            yield f":{number}"
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
