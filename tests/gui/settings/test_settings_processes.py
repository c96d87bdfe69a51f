"""Every setting the app keeps is read back by a second process as the first one wrote it.

Within one process QSettings answers from memory, so a key the INI file cannot carry (a group
named "general" went to a "[%General]" section and came back under another key) passed a
round-trip test while the first-start notice returned at every launch. Here one process writes a
value other than the default for every setting in the app, and a second one reads them all.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from kapcompanion.services.settings import FIRST_START_DONE, SettingsStore
from tests.helpers.cli import ROOT

# Runs in a process of its own: finds every Setting in the app's modules, then writes a value
# other than the default for each ("write") or prints what it reads back ("read").
_SCRIPT = r"""
import importlib, json, pkgutil, sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
import kapcompanion
from kapcompanion.domain.pacing import available_patterns
from kapcompanion.services.settings import Setting, SettingsStore

app = QCoreApplication([])
found = {}
for info in pkgutil.walk_packages(kapcompanion.__path__, "kapcompanion."):
    if info.name.endswith("__main__"):
        continue
    module = importlib.import_module(info.name)
    for value in vars(module).values():
        if isinstance(value, Setting):
            found[value.key] = value

CANDIDATES = ["light", "dark", "high-contrast", "off", "on", "daily", "after-sessions",
              "06:45", "US", "Headphones (hw:1,0)", "some words", "es"]

def other(setting):
    d = setting.default
    if isinstance(d, bool):
        return not d
    if isinstance(d, int):
        for v in (d + 1, d - 1):
            if setting.read(v) == v:
                return v
    if isinstance(d, str):
        for v in CANDIDATES + [p.key for p in available_patterns(allow_holds=False)]:
            if setting.read(v) == v and v != d:
                return v
    raise SystemExit(f"no other value for {setting.key}")

store = SettingsStore(Path(sys.argv[2]))
if sys.argv[1] == "write":
    wrote = {}
    for key, setting in sorted(found.items()):
        value = other(setting)
        store.set(setting, value)
        wrote[key] = value
    print(json.dumps(wrote))
else:
    print(json.dumps({key: store.get(s) for key, s in sorted(found.items())}))
"""


def _run(mode: str, path: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, mode, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_a_second_process_reads_every_setting_in_every_group_as_written(tmp_path: Path) -> None:
    path = tmp_path / "conf" / "settings.ini"
    wrote = _run("write", path)
    groups = {key.split("/")[0] for key in wrote}
    # Every group the app keeps settings in is covered (a new group joins by itself).
    assert {"appearance", "practice", "home", "start", "crisis", "reminders", "sound"} <= groups
    read = _run("read", path)
    assert read == wrote
    assert "%General" not in path.read_text(encoding="utf-8")


def test_a_first_start_seen_under_the_old_key_is_kept_and_moved(
    tmp_path: Path, qapp: QCoreApplication
) -> None:
    # As an earlier version wrote it, and as someone might have put it by hand.
    for text in (
        "[General]\nversion=1\n\n[%General]\nfirst_start_done=true\n",
        "[General]\nversion=1\nfirst_start_done=true\n",
    ):
        path = tmp_path / "settings.ini"
        path.write_text(text, encoding="utf-8")
        assert _run("read", path)[FIRST_START_DONE.key] is True
        saved = path.read_text(encoding="utf-8")
        assert "[start]\nfirst_start_done=true" in saved
        assert "%General" not in saved and saved.count("first_start_done") == 1
        assert SettingsStore(path).get(FIRST_START_DONE) is True
