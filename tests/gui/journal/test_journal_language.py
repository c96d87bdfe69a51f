"""The journal in the person's language: every word of its own on the list, the page for
writing, the body map, the body over time, the moment of grounding and the summary for the
therapist goes through a translation (the pseudo-language finds any that does not)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from kapcompanion.domain.body_map import new_mark
from kapcompanion.domain.clock import FakeClock
from kapcompanion.domain.journal import Draft, new_entry
from kapcompanion.storage import PracticeLog, open_log
from kapcompanion.storage.journal import JournalStore
from kapcompanion.storage.journal_open import journal_for
from kapcompanion.ui.journal.controller import JournalController, Span
from kapcompanion.ui.journal.screen import JournalScreen
from kapcompanion.ui.journal.share import ShareScreen
from kapcompanion.ui.shell.theme import DARK
from tests.helpers.layout import clipped, squeezed
from tests.helpers.pseudo import untranslated, untranslated_in
from tests.helpers.windows import shown_window

ZONE = timezone(timedelta(hours=1))
SESSION = date(2025, 3, 10)
NOW = datetime(2025, 3, 13, 20, 0, tzinfo=ZONE)
# The person's own words, and a file name.
THEIRS = ["Marigold mornings again", "to be gentler with myself", "half a thought", "pdf"]
NOT_MINE: list[str] = []  # every area's words are translated now
ALLOWED = [word for words in THEIRS + NOT_MINE for word in words.split()]


@pytest.fixture
def log(tmp_path: Path) -> Iterator[PracticeLog]:
    wall = datetime(2025, 3, 10, 9, 0, tzinfo=ZONE)
    practice_log = open_log(tmp_path / "practice-log.sqlite3", clock=FakeClock(), wall=lambda: wall)
    practice_log.add_session_date(SESSION)
    pid = practice_log.start_practice("exercise", "before-dosing")
    practice_log.finish_practice(pid, actual_s=90)
    practice_log.record_after(pid, intention="to be gentler with myself")
    journal = journal_for(practice_log)
    written = datetime(2025, 3, 11, 20, 0, tzinfo=ZONE)
    entry = journal.add_entry(
        new_entry("Marigold mornings again.", written_at=written, session_days=[SESSION])
    )
    journal.save_draft(Draft("a-draft", "half a thought", NOW, None))
    journal.save_mark(
        new_mark(
            "chest",
            at=datetime(2025, 3, 12, 9, tzinfo=ZONE),
            sensation="warmth",
            entry_uuid=entry.uuid,
        )
    )
    yield practice_log
    practice_log.close()


def shown(qtbot: Any, widget: QWidget) -> None:
    qtbot.addWidget(widget)
    widget.resize(1000, 820)
    widget.show()
    qtbot.waitExposed(widget)


def mine_untranslated(screen: JournalScreen) -> list[str]:
    rows = [r.text for r in screen.model.rows() if untranslated(r.text, ALLOWED)]
    return untranslated_in(screen, ALLOWED) + [f"list row: {text!r}" for text in rows]


def test_every_word_of_the_journal_is_translated(qtbot, log, pseudo):
    journal = journal_for(log)
    screen = JournalScreen(JournalController(journal, now=lambda: NOW), DARK, now=lambda: NOW)
    shown(qtbot, screen)
    assert screen.write_button.text() == "⟦Write⟧"
    assert mine_untranslated(screen) == [], "the list"
    screen.ask_delete()
    assert mine_untranslated(screen) == [], "asking before letting go of a draft"
    screen.cancel_delete()
    screen.search.setText("nothing like this")
    assert mine_untranslated(screen) == [], "a search that finds nothing"
    screen.search.setText("")
    entry = next(r for r in screen.model.rows() if r.head is not None and r.kind.value == "entry")
    assert entry.uuid is not None
    screen.open(entry.uuid)
    assert screen.page == "edit"
    assert mine_untranslated(screen) == [], "an entry"
    screen.body_toggle.setChecked(True)
    screen._toggle_body()
    screen.body_map.chooser.open_for("Chest")
    assert mine_untranslated(screen) == [], "the body map"
    screen.request_stop()
    screen.write()
    assert mine_untranslated(screen) == [], "a new page"
    screen.request_stop()
    screen.show_body()
    assert screen.page == "body"
    assert mine_untranslated(screen) == [], "the body over time"
    screen.body_page.show_span(Span.AROUND)
    assert mine_untranslated(screen) == [], "around the session"
    screen.request_stop()
    screen.integrate()
    assert mine_untranslated(screen) == [], "a moment first"


def test_every_word_of_the_summary_for_the_therapist_is_translated(qtbot, log, pseudo):
    journal: JournalStore = journal_for(log)
    screen = ShareScreen(log, journal, DARK, titles={}, today=lambda: date(2025, 3, 20))
    shown(qtbot, screen)
    assert screen.save_button.text() == "⟦Save the PDF…⟧"
    assert untranslated_in(screen, ALLOWED) == [], "the choices"
    screen.first_edit.setDate(screen.last_edit.date())
    assert untranslated_in(screen, ALLOWED) == [], "dates without entries"


def test_in_spanish_at_200_percent_the_journal_is_not_cut_off(qtbot, log, spanish_at_200):
    window = shown_window(qtbot)
    screen = JournalScreen(
        JournalController(journal_for(log), now=lambda: NOW), DARK, now=lambda: NOW
    )
    window.push(screen)
    qtbot.wait(50)
    assert screen.write_button.text() == "Escribir"
    assert next(r.text for r in screen.model.rows()) == "Sin guardar todavía"
    assert clipped(window) + squeezed(window) == [], "the list"
    screen.write()
    qtbot.wait(50)
    assert screen.keep_button.text() == "Guardar estas palabras"
    assert clipped(window) + squeezed(window) == [], "a new page"
    screen.request_stop()
    screen.integrate()
    qtbot.wait(50)
    assert clipped(window) + squeezed(window) == [], "a moment first"
