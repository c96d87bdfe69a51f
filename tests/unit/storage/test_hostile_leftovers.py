"""What killed runs leave behind (issue 18, items 5 and 13): an export killed midway leaves its
hidden temporary file (a copy of the log) beside the target, an import its hidden folder, a run
its temporary folder. The next write to the same place, or the next start, removes them: only
those the app made, by name, owner, age and a process that is gone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from kapcompanion.storage.cleanup import MIN_AGE_S, remove_leftovers
from kapcompanion.storage.files import replacing

REPO = Path(__file__).resolve().parents[3]

KILLED_WRITER = """
import sys, time
from pathlib import Path
from kapcompanion.storage.files import replacing
with replacing(Path(sys.argv[1])) as out:
    out.write(b"a copy of the whole log " * 10000)
    out.flush()
    print("writing", flush=True)
    time.sleep(60)
"""


def killed_write(target: Path) -> Path:
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(target)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "writing"
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    child.stdout.close()
    left = target.with_name(f".{target.name}.{child.pid}.tmp")
    assert left.stat().st_size > 100_000  # what a killed export leaves
    return left


def test_the_next_export_to_the_same_place_removes_a_killed_ones_copy(tmp_path: Path) -> None:
    target = tmp_path / "practice.json"
    left = killed_write(target)
    other = tmp_path / ".someone-elses.json.1.tmp"  # not this target's: left alone
    other.write_bytes(b"x")
    with replacing(target) as out:
        out.write(b"{}")
    assert not left.exists() and target.read_bytes() == b"{}"
    assert other.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == [other.name]


def test_the_next_start_removes_a_killed_writes_copy_in_the_apps_folders(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    left = killed_write(data / "contacts.toml")
    mine = data / f".settings.ini.{os.getpid()}.tmp"  # a write still going: left alone
    mine.write_bytes(b"x")
    assert remove_leftovers([data], temp_root=tmp_path / "no-temp") == [left]
    assert mine.exists()


def test_a_killed_runs_temporary_folder_goes_once_it_is_old(tmp_path: Path) -> None:
    temp = tmp_path / "tmp"
    (temp / "kapcompanion-arrows-abc").mkdir(parents=True)
    (temp / "kapcompanion-arrows-abc" / "down.png").write_bytes(b"png")
    (temp / "kapcompanion-new").mkdir()
    (temp / "other-app-old").mkdir()
    old = time.time() - MIN_AGE_S - 60
    for name in ("kapcompanion-arrows-abc", "other-app-old"):
        os.utime(temp / name, (old, old))
    removed = remove_leftovers([], temp_root=temp)
    assert removed == [temp / "kapcompanion-arrows-abc"]
    assert sorted(p.name for p in temp.iterdir()) == ["kapcompanion-new", "other-app-old"]
