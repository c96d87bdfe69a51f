"""The built wheel carries resources/ and audio/, and an installed copy finds them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, sys
from kapcompanion.resources import audio_dir, resources_dir
res, aud = resources_dir(), audio_dir()
print(json.dumps({
    "resources": str(res),
    "audio": str(aud),
    "scripts": sorted(p.name for p in (res / "exercises").iterdir() if p.name.endswith(".toml")),
    "sounds": sorted(p.name for p in aud.iterdir() if p.name.endswith(".wav")),
}))
"""


@pytest.mark.slow
def test_installed_wheel_finds_its_resources(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(ROOT)],
        check=True,
        cwd=tmp_path,
    )
    (wheel,) = dist.glob("kapcompanion-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    # No dependencies needed: finding resources uses only the standard library.
    subprocess.run(
        [str(py), "-m", "pip", "install", "--no-deps", "--quiet", str(wheel)], check=True
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    out = subprocess.run(
        [str(py), "-c", PROBE], check=True, capture_output=True, text=True, cwd=tmp_path, env=env
    ).stdout
    found = json.loads(out.strip().splitlines()[-1])
    for key in ("resources", "audio"):
        assert str(env_dir) in found[key], f"{key} came from {found[key]}, not the installed wheel"
    shipped_scripts = sorted(p.name for p in (ROOT / "resources" / "exercises").glob("*.toml"))
    shipped_sounds = sorted(p.name for p in (ROOT / "audio").glob("*.wav"))
    assert shipped_scripts and found["scripts"] == shipped_scripts
    assert shipped_sounds and found["sounds"] == shipped_sounds
    assert (env_dir / "bin" / "kapcompanion").exists()
