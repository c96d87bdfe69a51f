"""Scripts with problems: the quiet line on home, the panel, fixing and looking again.

The person's scripts folder is the private data folder each test gets, so real broken files
from tests/data/scripts/ are copied into it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea

from kapcompanion.domain.scripts import Moment
from kapcompanion.storage.library import load_builtin
from kapcompanion.storage.paths import user_scripts_dir
from kapcompanion.ui.shell.problems import ALL_FINE, ProblemsPanel, problem_lines
from tests.helpers.windows import shown_window

BROKEN = Path(__file__).resolve().parents[2] / "data" / "scripts"

MINE = """
id = "my-evening"
title = "My evening wind-down"
description = "A short one of my own."
for = ["any-time"]
minutes = 2

[[step]]
text = "You might let the shoulders soften."
seconds = 30
"""


@pytest.fixture
def scripts() -> Path:
    folder = user_scripts_dir()
    shutil.copy(BROKEN / "negative-seconds.toml", folder)
    shutil.copy(BROKEN / "unknown-key.toml", folder)
    (folder / "my-evening.toml").write_text(MINE, encoding="utf-8")
    return folder


@pytest.fixture
def window(qtbot, scripts):
    return shown_window(qtbot)


def texts(widget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)]


def test_home_says_quietly_how_many_scripts_have_problems_and_the_rest_load(window, scripts):
    listed = window.home.exercise_list
    assert listed.problems_button.isVisibleTo(listed)
    assert listed.problems_button.text() == "2 scripts have problems"
    assert len(listed.exercises) == len(load_builtin()[0]) + 1
    listed.select_moment(Moment.ANY_TIME)
    assert "My evening wind-down" in [row.exercise.title for row in listed.rows()]
    assert listed.folder == scripts


def test_the_panel_names_file_line_key_expected_found_and_the_folder(window, qtbot, scripts):
    listed = window.home.exercise_list
    listed.problems_button.setFocus()
    qtbot.keyClick(listed.problems_button, Qt.Key.Key_Return)
    panel = window.current_screen
    assert isinstance(panel, ProblemsPanel)
    assert window.windowTitle().startswith("Scripts with problems")
    shown = texts(panel)
    assert str(scripts) in shown
    assert "negative-seconds.toml" in shown
    assert str(scripts / "negative-seconds.toml") in shown
    assert "Line 14 · step[3].seconds" in shown
    assert "Expected: a number of seconds from 1 to 1800" in shown
    assert "Found: -5" in shown
    assert "unknown-key.toml" in shown
    assert "Line 13 · step[2].secnds" in shown
    assert "Found: 'secnds' (did you mean 'seconds'?)" in shown
    assert "2 scripts, 2 problems:" in shown
    qtbot.keyClick(QApplication.focusWidget() or panel, Qt.Key.Key_Escape)
    assert window.current_screen is window.home


def test_after_a_fix_look_again_loads_the_script_and_home_follows(window, qtbot, scripts):
    panel = window.show_script_problems()
    (scripts / "unknown-key.toml").unlink()
    broken = scripts / "negative-seconds.toml"
    broken.write_text(broken.read_text().replace("seconds = -5", "seconds = 5"))
    panel.recheck_button.click()
    assert panel.problems == []
    assert ALL_FINE in texts(panel)
    listed = window.home.exercise_list
    assert not listed.problems_button.isVisibleTo(listed)
    assert len(listed.exercises) == len(load_builtin()[0]) + 2
    panel.back_button.click()
    assert window.current_screen is window.home


def test_the_folder_path_can_be_copied(window, scripts):
    panel = window.show_script_problems()
    panel.copy_button.click()
    assert QApplication.clipboard().text() == str(scripts)


def test_a_problem_with_the_whole_file_says_so():
    from kapcompanion.domain.scripts import ScriptError

    place, expected, found = problem_lines(
        ScriptError("/x/a.toml", None, "", "a readable script file", "Permission denied")
    )
    assert place == "The whole file"
    assert expected == "Expected: a readable script file"
    assert found == "Found: Permission denied"


def test_the_panel_opens_no_stray_window_and_its_page_takes_no_focus(window, qtbot):
    before = set(QApplication.topLevelWidgets())
    panel = window.show_script_problems()
    new = [w for w in QApplication.topLevelWidgets() if w not in before and w.isVisible()]
    assert new == []
    scroll = panel.findChild(QScrollArea)
    assert scroll is not None and scroll.focusPolicy() == Qt.FocusPolicy.NoFocus
