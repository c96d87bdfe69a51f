"""Home's days-after offer: a moment of grounding, then a prompt, with the intention the
session began with."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from tests.gui.journal.test_journal_screen import (  # noqa: F401 (fixtures)
    Clock,
    clock,
    log,
    make_screen,
    store,
)


def test_grounding_then_a_day_three_prompt_with_the_intention(
    qtbot: Any,
    store: Any,  # noqa: F811
    clock: Clock,  # noqa: F811
) -> None:
    screen = make_screen(qtbot, store, clock)
    screen.integrate()
    assert screen.page == "ground"
    assert "to be gentler with myself" in screen.ground_intention.text()
    qtbot.keyClick(screen.ground_next, Qt.Key.Key_Return)
    assert screen.page == "edit"
    assert screen.edit_heading.text() == screen.controller.prompts()[0].text
    assert screen.intention.text().startswith("You came in with")
    qtbot.keyClick(screen.editor, Qt.Key.Key_Escape)
