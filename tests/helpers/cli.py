"""Running the app's command line in a process of its own, as a person would type it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_app(
    *args: str,
    env: Mapping[str, str] | None = None,
    unset: Iterable[str] = (),
    timeout: float = 60.0,
) -> subprocess.CompletedProcess[str]:
    """``python -m kapcompanion *args`` from the repository root, its output kept as text. The
    process gets this one's environment with ``env`` added and ``unset`` taken out."""
    full_env = dict(os.environ, **(env or {}))
    for name in unset:
        full_env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "kapcompanion", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
