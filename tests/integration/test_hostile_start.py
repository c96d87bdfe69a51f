"""The app starts whatever lies at its fixed paths (issue 18, items 1, 2 and 11): settings.ini,
a crisis-resources file and the practice log as a pipe, a link to /dev/zero, a huge file or
text nested thousands of levels deep. It starts in a real window within a time limit, says
what was set aside, and `export` and `import` answer instead of hanging."""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kapcompanion.app import startup_notice, tell_startup_problems
from kapcompanion.services.settings import THEME, SettingsStore
from tests.data.hostile import corpus
from tests.helpers.cli import run_app
from tests.helpers.windows import shown_window
from tests.helpers.xvfb import xvfb, xvfb_available

SETTINGS_CASES: dict[str, Callable[[Path], Path]] = {
    **corpus.SPECIAL,
    "link to nothing": corpus.dangling_link,
    "binary bytes": corpus.deep_ini,
}


@pytest.mark.parametrize("kind", list(SETTINGS_CASES))
def test_a_hostile_settings_file_is_set_aside_named_and_the_usual_settings_used(
    qapp: Any, tmp_path: Path, kind: str
) -> None:
    path = tmp_path / "settings.ini"
    SETTINGS_CASES[kind](path)
    started = time.monotonic()
    store = SettingsStore(path)
    assert store.get(THEME) == THEME.default
    assert time.monotonic() - started < 2.0
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("settings.ini.unreadable-")]
    assert len(aside) == 1  # kept under a new name, never removed
    assert len(store.problems) == 1
    assert str(path) in store.problems[0] and aside[0].name in store.problems[0]
    # A choice made now is kept in a new, plain file.
    assert store.set(THEME, "light")
    assert path.is_file() and not path.is_symlink() and "light" in path.read_text()


def test_a_crisis_file_left_aside_is_named_on_home(qtbot: Any) -> None:
    own = Path(os.environ["XDG_CONFIG_HOME"]) / "kapcompanion" / "crisis"
    own.mkdir(parents=True)
    corpus.fifo(own / "us.toml")
    win = shown_window(qtbot)
    tell_startup_problems(win)
    text = win.home.notice.text()
    assert win.home.notice.isVisible()
    assert "us.toml" in text and "is a pipe" in text and "left as they are" in text
    assert startup_notice([]) == ""


def _plant(home: Path, kind: str) -> dict[str, str]:
    config = home / "config" / "kapcompanion"
    data = home / "data"
    (config / "crisis").mkdir(parents=True)
    data.mkdir()
    make = corpus.fifo if kind == "pipe" else corpus.zero_link
    make(config / "settings.ini")
    make(config / "crisis" / "us.toml")
    make(data / "practice-log.sqlite3")
    corpus.deep_toml(config / "crisis" / "gb.toml")
    return {"XDG_CONFIG_HOME": str(home / "config"), "KAPCOMPANION_DATA_DIR": str(data)}


pytestmark_x = pytest.mark.skipif(xvfb_available() is not None, reason=str(xvfb_available()))


@pytestmark_x
@pytest.mark.parametrize("kind", ["pipe", "link to /dev/zero"])
def test_the_app_starts_in_a_real_window_over_special_files(tmp_path: Path, kind: str) -> None:
    env = _plant(tmp_path, kind)
    shot = tmp_path / "home.png"
    with xvfb() as display:
        started = time.monotonic()
        result = run_app(
            "run", "--screenshot", str(shot), "--quit-after", "2",
            env={**env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"},
            timeout=40,
        )  # fmt: skip
        took = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert shot.exists() and took < 30
    config = Path(env["XDG_CONFIG_HOME"]) / "kapcompanion"
    assert any(p.name.startswith("settings.ini.unreadable-") for p in config.iterdir())


@pytest.mark.parametrize("kind", ["pipe", "link to /dev/zero"])
def test_export_and_import_answer_over_special_files(tmp_path: Path, kind: str) -> None:
    env = _plant(tmp_path, kind)
    backup = tmp_path / "backup.json"
    try:
        exported = run_app("export", "--format", "json", "--out", str(backup), env=env, timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail("export waited on a special file")
    assert exported.returncode == 0, exported.stderr
    assert "could not be read: it is a" in exported.stderr and "left as it was" in exported.stderr
    assert json.loads(backup.read_text())["practices"] == []
    imported = run_app("import", str(backup), env=env, timeout=20)
    assert imported.returncode == 0, imported.stderr
    assert "Traceback" not in imported.stderr


# --- item 11: the notice reaches the window; --guest writes nothing ------------------------------


def test_a_settings_file_set_aside_is_named_on_home_and_in_settings(
    qtbot: Any, tmp_path: Path
) -> None:
    from kapcompanion.ui.shell.main_window import SETTINGS_NOTICE

    path = tmp_path / "settings.ini"
    corpus.deep_ini(path)
    store = SettingsStore(path)
    win = shown_window(qtbot, settings=store)
    assert win.home.notice.isVisible() and win.home.notice.text() == SETTINGS_NOTICE
    screen = win.open_settings()
    shown = screen.problems_label.text()
    assert screen.problems_label.isVisibleTo(screen)
    assert str(path) in shown and "settings.ini.unreadable-" in shown


def test_under_guest_closing_the_first_start_notice_writes_nothing(
    qtbot: Any, tmp_path: Path
) -> None:
    from PySide6.QtCore import Qt

    from kapcompanion.services.settings import FIRST_START_DONE
    from kapcompanion.ui.shell.first_start import FirstStartScreen

    path = tmp_path / "config" / "settings.ini"
    store = SettingsStore(path)
    store.hold_in_memory()
    win = shown_window(qtbot, settings=store)
    screen = win.everyday.maybe_first_start()
    assert isinstance(screen, FirstStartScreen)
    qtbot.keyClick(win, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: win.current_screen is win.home, timeout=2000)
    assert store.get(FIRST_START_DONE)  # seen, for as long as the app is open
    win.close()
    assert not path.exists() and not path.parent.exists()


@pytestmark_x
def test_a_guest_start_from_the_command_line_leaves_no_file(tmp_path: Path) -> None:
    env = {
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "KAPCOMPANION_DATA_DIR": str(tmp_path / "data"),
    }
    with xvfb() as display:
        result = run_app(
            "run", "--guest", "--quit-after", "1.5",
            env={**env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"},
            timeout=40,
        )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert [p for p in tmp_path.rglob("*")] == []


@pytestmark_x
def test_a_practice_held_in_memory_never_stops_an_unattended_quit(tmp_path: Path) -> None:
    import sqlite3

    data = tmp_path / "data"
    data.mkdir()
    conn = sqlite3.connect(data / "practice-log.sqlite3")  # another program's file
    conn.execute("CREATE TABLE notes (x)")
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "KAPCOMPANION_DATA_DIR": str(data)}
    with xvfb() as display:
        result = run_app(
            "breathe", "--minutes", "1", "--quit-after", "2",
            env={**env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"},
            timeout=40,
        )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
