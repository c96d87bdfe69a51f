"""Hostile scripts (issue 18, item 3): a 3 GB script, a pipe and a link to /dev/zero among the
scripts or given to `check-script`, and a thousand broken scripts in the problems panel. Each
is named as a problem at once; nothing is read whole, nothing waits, the panel opens quickly
and stays usable from the keyboard."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from kapcompanion.storage.library import load_library
from kapcompanion.storage.paths import user_scripts_dir
from kapcompanion.ui.shell.problems import PAGE_FILES, ProblemsPanel
from tests.data.hostile import corpus
from tests.helpers.cli import run_app
from tests.helpers.windows import shown_window

BROKEN = 'id = "broken-{n}"\ntitle = 3\n[[step]]\ntext = 5\nseconds = -1\n'


def test_special_and_huge_scripts_in_the_folder_are_named_without_reading_them(
    tmp_path: Path,
) -> None:
    for kind, make in corpus.SPECIAL.items():
        if kind != "folder":
            make(tmp_path / f"{kind.replace(' ', '-').replace('/', '')}.toml")
    started = time.monotonic()
    _, problems = load_library(tmp_path)
    assert time.monotonic() - started < 2.0
    found = {Path(p.file).name: p.found for p in problems}
    assert found["pipe.toml"].startswith("a pipe")
    assert found["link-to-devzero.toml"].startswith("a link to a device")
    assert "3,221,225,472 bytes" in found["3-GB-sparse-file.toml"]


@pytest.mark.parametrize("kind", ["pipe", "link to /dev/zero", "3 GB sparse file"])
def test_check_script_names_a_special_file_and_does_not_wait(tmp_path: Path, kind: str) -> None:
    path = corpus.SPECIAL[kind](tmp_path / "script.toml")
    result = run_app("check-script", str(path), timeout=20)
    assert result.returncode == 1
    assert "script.toml" in result.stdout and "Traceback" not in result.stderr
    assert "only a plain file is read" in result.stdout or "bytes" in result.stdout


def test_check_script_on_dev_zero_itself_names_it(tmp_path: Path) -> None:
    result = run_app("check-script", "/dev/zero", timeout=20)
    assert result.returncode == 1 and "found a device" in result.stdout


def test_a_thousand_broken_scripts_open_quickly_and_stay_usable(qtbot: Any) -> None:
    folder = user_scripts_dir()
    for n in range(1000):
        (folder / f"broken-{n:04d}.toml").write_text(BROKEN.format(n=n), encoding="utf-8")
    win = shown_window(qtbot)
    listed = win.home.exercise_list
    assert listed.problems_button.text() == "1000 scripts have problems"
    listed.problems_button.setFocus()
    started = time.monotonic()
    qtbot.keyClick(listed.problems_button, Qt.Key.Key_Return)
    panel = win.current_screen
    assert isinstance(panel, ProblemsPanel)
    qtbot.waitExposed(panel)
    opened = time.monotonic() - started
    assert opened < 2.0, f"the panel took {opened:.1f} s to open"
    assert panel.cards_shown == PAGE_FILES
    assert panel.summary.text().startswith("1000 scripts, ")
    assert f"Here are the first {PAGE_FILES}" in panel.summary.text()
    # The next page comes from the keyboard too, just as quickly.
    panel.more_button.setFocus()
    started = time.monotonic()
    qtbot.keyClick(panel.more_button, Qt.Key.Key_Space)
    assert time.monotonic() - started < 1.0
    assert panel.cards_shown == 2 * PAGE_FILES
    # Esc goes home at once.
    qtbot.keyClick(win, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: win.current_screen is win.home, timeout=2000)


# --- item 14: what a title holds is shown safely ----------------------------------------

SPOOFED = """
id = "spoofed"
title = "Calm \\u202eevil\\u202c \\u001b[31mred\\u001b[0m ending"
description = "A description \\u2066with an isolate\\u2069."
for = ["any-time"]
minutes = 1

[[step]]
text = "You might rest your hands."
seconds = 30
"""

INVISIBLE = SPOOFED.replace("spoofed", "invisible").replace(
    'title = "Calm \\u202eevil\\u202c \\u001b[31mred\\u001b[0m ending"',
    'title = "\\u200b\\u200c\\u2060\\ufeff"',
)


def test_titles_lose_direction_and_control_characters_and_an_invisible_one_is_refused(
    qtbot: Any,
) -> None:
    from kapcompanion.domain.scripts import Moment

    folder = user_scripts_dir()
    (folder / "spoofed.toml").write_text(SPOOFED, encoding="utf-8")
    (folder / "invisible.toml").write_text(INVISIBLE, encoding="utf-8")
    exercises, problems = load_library(folder)
    spoofed = next(e for e in exercises if e.id == "spoofed")
    assert spoofed.title == "Calm evil [31mred [0m ending"
    assert "\u2066" not in spoofed.description
    # Refused, the hidden characters named as escapes.
    assert [(Path(p.file).name, p.key, p.found) for p in problems] == [
        ("invisible.toml", "title", '"\\u200b\\u200c\\u2060\\ufeff"')
    ]
    # The app shows the cleaned title, in reading order.
    win = shown_window(qtbot)
    listed = win.home.exercise_list
    listed.select_moment(Moment.ANY_TIME)
    titles = [row.exercise.title for row in listed.rows()]
    assert "Calm evil [31mred [0m ending" in titles
    assert not any(set(t) & {"\u202e", "\x1b", "\u200b"} for t in titles)
