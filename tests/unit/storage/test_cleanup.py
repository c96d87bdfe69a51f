from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from kapcompanion.storage.cleanup import remove_leftovers

HOUR = 3600.0


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_a_killed_write_leaves_a_temp_file_that_the_next_start_removes(tmp_path: Path) -> None:
    target = tmp_path / "summary.pdf"
    target.write_bytes(b"old")
    code = (
        "import sys, time; from pathlib import Path; "
        "from kapcompanion.storage.files import replacing\n"
        "with replacing(Path(sys.argv[1])) as f:\n"
        "    f.write(b'x' * 100000); f.flush(); print('writing', flush=True); time.sleep(60)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code, str(target)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "writing"
    child.send_signal(signal.SIGKILL)
    child.wait()
    child.stdout.close()
    left = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(left) == 1 and str(child.pid) in left[0].name
    removed = remove_leftovers([tmp_path], temp_root=tmp_path / "no-temp")
    assert removed == left
    assert target.read_bytes() == b"old"  # the finished file is never touched


def test_only_what_the_app_made_and_no_longer_uses_is_removed(tmp_path: Path) -> None:
    running = tmp_path / f".log.csv.{os.getpid()}.tmp"  # this process is alive
    running.write_bytes(b"in use")
    other = tmp_path / "notes.tmp"  # not the app's pattern
    other.write_bytes(b"mine")
    fresh_import = tmp_path / ".import-abc"
    fresh_import.mkdir()
    old_import = tmp_path / ".import-def"
    (old_import / "voice").mkdir(parents=True)
    (old_import / "voice" / "a.wav").write_bytes(b"RIFF")
    _age(old_import, 2 * HOUR)
    temp_root = tmp_path / "tmp"
    temp_root.mkdir()
    old_temp = temp_root / "kapcompanion-arrows-x1"
    old_temp.mkdir()
    _age(old_temp, 2 * HOUR)
    new_temp = temp_root / "kapcompanion-arrows-x2"
    new_temp.mkdir()
    foreign = temp_root / "something-else"
    foreign.mkdir()
    _age(foreign, 2 * HOUR)
    removed = set(remove_leftovers([tmp_path], temp_root=temp_root))
    assert removed == {old_import, old_temp}
    for kept in (running, other, fresh_import, new_temp, foreign):
        assert kept.exists()


def test_a_missing_folder_is_no_problem(tmp_path: Path) -> None:
    assert remove_leftovers([tmp_path / "gone"], temp_root=tmp_path / "gone") == []
