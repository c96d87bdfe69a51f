"""The command line over hostile files (issue 18, items 4, 9, 10, 14 and 15), each command run
in a process of its own as a person would type it: it answers within a time limit, says what
and where in its own words, and changes nothing it should not."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kapcompanion.domain.clock import MonotonicClock
from kapcompanion.storage import open_log
from kapcompanion.storage.lock import InstanceLock
from kapcompanion.storage.migrations import CURRENT_VERSION
from tests.data.hostile import corpus
from tests.helpers.cli import run_app
from tests.unit.storage.test_hostile_log import damaged_log
from tests.unit.storage.test_storage_support import Wall, practise

DB = "practice-log.sqlite3"


@pytest.fixture
def data(private_data_dir: Path) -> Path:
    folder = private_data_dir / "data"
    folder.mkdir(exist_ok=True)
    return folder


def _foreign(path: Path) -> bytes:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (x)")
    conn.execute(f"PRAGMA user_version = {CURRENT_VERSION}")
    conn.commit()
    conn.close()
    return path.read_bytes()


def test_export_and_import_refuse_a_foreign_database_and_leave_it_as_it_was(
    data: Path, tmp_path: Path
) -> None:
    before = _foreign(data / DB)
    exported = run_app("export", "--out", str(tmp_path / "x.json"), timeout=20)
    assert exported.returncode == 1
    assert "not a practice log kapcompanion wrote" in exported.stderr
    assert "nothing was exported" in exported.stderr and "Traceback" not in exported.stderr
    assert not (tmp_path / "x.json").exists()
    (tmp_path / "b.json").write_text(
        '{"format": "kapcompanion-practice-log", "format_version": 2, "practices": []}'
    )
    imported = run_app("import", str(tmp_path / "b.json"), timeout=20)
    assert imported.returncode == 1 and "nothing was imported" in imported.stderr
    assert "Traceback" not in imported.stderr
    assert (data / DB).read_bytes() == before


def test_export_while_the_app_holds_the_log_speaks_for_the_command_line(
    data: Path, tmp_path: Path
) -> None:
    with open_log(data / DB, wall=Wall(), clock=MonotonicClock()) as log:
        practise(log)
    with InstanceLock.acquire(data / DB):
        result = run_app("export", "--out", str(tmp_path / "x.csv"), timeout=20)
    assert result.returncode == 1
    assert "is open in kapcompanion right now" in result.stderr
    assert "close the app and export again" in result.stderr
    assert "guest" not in result.stderr


@pytest.mark.parametrize("fmt", ["csv", "json", "pdf"])
def test_unreadable_rows_and_far_dates_never_stop_an_export(
    data: Path, tmp_path: Path, fmt: str
) -> None:
    damaged_log(data)
    target = tmp_path / f"x.{fmt}"
    result = run_app(
        "export", "--from", "0001-01-01", "--to", "9999-12-31", "--out", str(target), timeout=30
    )
    assert result.returncode == 0, result.stderr
    assert "of 3 practices" in result.stdout and target.stat().st_size > 0
    assert "practices in" in result.stderr and "could not be read" in result.stderr


def test_import_of_a_pipe_answers_at_once(tmp_path: Path) -> None:
    result = run_app("import", str(corpus.fifo(tmp_path / "backup.json")), timeout=20)
    assert result.returncode == 1 and "is a pipe" in result.stderr


ESCAPE_TITLE = """
id = "escape"
title = "Quiet \\u001b[2J\\u001b[31mtime \\u202eevil"
description = "A script with hidden characters."
for = ["any-time"]
minutes = 1

[[step]]
text = "You might let the shoulders soften."
seconds = 30
"""


def test_list_and_check_script_never_print_a_hidden_character_raw(data: Path) -> None:
    scripts = data / "scripts"
    scripts.mkdir()
    (scripts / "escape.toml").write_text(ESCAPE_TITLE, encoding="utf-8")
    named = scripts / "bad\x1b[2Jname\u202e.toml"
    named.write_text("id = 3\n", encoding="utf-8")
    listed = run_app("list", timeout=20)
    assert listed.returncode == 0, listed.stderr
    assert "\x1b" not in listed.stdout and "\u202e" not in listed.stdout
    assert "Quiet [2J [31mtime evil" in listed.stdout
    assert "bad\\x1b[2Jname\\u202e.toml" in listed.stdout
    checked = run_app("check-script", str(named), str(scripts / "escape.toml"), timeout=20)
    assert "\x1b" not in checked.stdout + checked.stderr
    assert "bad\\x1b[2Jname\\u202e.toml" in checked.stdout


def test_history_opens_over_unreadable_rows_and_lists_the_good_ones(
    qtbot: object, data: Path
) -> None:
    from datetime import date

    from kapcompanion.domain.practice_history import Filters
    from kapcompanion.storage.logs import PracticeLogs
    from tests.helpers.windows import shown_window

    damaged_log(data)
    logs = PracticeLogs(lambda: open_log(data / DB, wall=Wall(), clock=MonotonicClock()))
    win = shown_window(qtbot, logs=logs)
    from kapcompanion.ui.log.history import HistoryScreen

    history = win.open_history()
    assert isinstance(history, HistoryScreen)
    history.controller.load(Filters(date(2025, 3, 1), date(2025, 3, 31), None))
    assert history.model.rowCount() == 3  # the good rows; none of the unreadable ones
    notices = " ".join(logs.take_notices()) + " ".join(
        label.text() for label in win.home.findChildren(type(win.home.notice))
    )
    assert "could not be read" in notices
    logs.close()
