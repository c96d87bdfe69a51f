"""The journal screen on a real store beside a real practice log: write, search, edit, delete,
and leave without losing a word."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from kapcompanion.domain.clock import FakeClock
from kapcompanion.domain.journal import WAY_OUT, Draft, new_entry, prompts_for
from kapcompanion.storage import PracticeLog, StorageFailure, open_log
from kapcompanion.storage.errors import Problem
from kapcompanion.storage.journal import JournalStore, ensure_schema
from kapcompanion.ui.journal.controller import (
    DRAFT_KEPT,
    JournalBackend,
    JournalController,
    Span,
)
from kapcompanion.ui.journal.entries import DRAFTS_HEADING, NOTHING_YET, RowKind
from kapcompanion.ui.journal.screen import JournalScreen
from kapcompanion.ui.shell.a11y import unnamed
from kapcompanion.ui.shell.main_window import MainWindow
from kapcompanion.ui.shell.screen_kinds import AsksBeforeStopping, Stoppable
from kapcompanion.ui.shell.theme import DARK
from tests.helpers.windows import shown_window

ZONE = timezone(timedelta(hours=1))
SESSION = date(2025, 3, 10)


class Clock:
    """The wall time the screen sees; tests move it on."""

    def __init__(self) -> None:
        self.at = datetime(2025, 3, 13, 20, 0, tzinfo=ZONE)

    def __call__(self) -> datetime:
        return self.at


@pytest.fixture
def log(tmp_path: Path) -> Iterator[PracticeLog]:
    wall = datetime(2025, 3, 10, 9, 0, tzinfo=ZONE)
    practice_log = open_log(tmp_path / "practice-log.sqlite3", clock=FakeClock(), wall=lambda: wall)
    practice_log.add_session_date(SESSION)
    pid = practice_log.start_practice("exercise", "before-dosing")
    practice_log.finish_practice(pid, actual_s=90)
    practice_log.record_after(pid, intention="to be gentler with myself")
    yield practice_log
    practice_log.close()


@pytest.fixture
def store(log: PracticeLog) -> JournalStore:
    conn = log._conn
    assert conn is not None
    ensure_schema(conn)
    return JournalStore(conn)


@pytest.fixture
def clock() -> Clock:
    return Clock()


def make_screen(qtbot: Any, store: Any, clock: Clock) -> JournalScreen:
    screen = JournalScreen(JournalController(store, now=clock), DARK, now=clock)
    qtbot.addWidget(screen)
    screen.resize(1000, 820)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


@pytest.fixture
def screen(qtbot: Any, store: JournalStore, clock: Clock) -> JournalScreen:
    return make_screen(qtbot, store, clock)


def texts(screen: JournalScreen) -> list[str]:
    return [r.text for r in screen.model.rows()]


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def test_an_empty_journal_offers_the_prompts_for_these_days(screen: JournalScreen) -> None:
    assert texts(screen) == [NOTHING_YET]
    shown = [screen.prompt_list.item(i).text() for i in range(screen.prompt_list.count())]
    assert shown == [p.text for p in prompts_for(3)]
    assert shown[-1] == WAY_OUT.text
    assert "The session of 10 March 2025: a few days on." in screen.prompt_intro.text()
    assert not screen.open_button.isEnabled() and not screen.delete_button.isEnabled()
    assert unnamed(screen) == []
    assert isinstance(screen, AsksBeforeStopping) and isinstance(screen, Stoppable)


def test_writing_from_a_prompt_by_keyboard_and_keeping_it(
    qtbot: Any, screen: JournalScreen, store: JournalStore
) -> None:
    screen.prompt_list.setFocus()
    screen.prompt_list.setCurrentRow(1)
    qtbot.keyClick(screen.prompt_list, Qt.Key.Key_Return)
    assert screen.page == "edit" and focused() is screen.editor
    assert screen.edit_heading.text() == prompts_for(3)[1].text
    assert screen.intention.text() == "You came in with: “to be gentler with myself”"
    assert screen.way_out.isVisible()
    assert unnamed(screen) == []
    qtbot.keyClicks(screen.editor, "My shoulders feel lower.")
    qtbot.keyClick(screen.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert screen.page == "list"
    (entry,) = store.list_entries()
    assert entry.text == "My shoulders feel lower."
    assert entry.prompt_id == prompts_for(3)[1].id and entry.follows == SESSION
    assert texts(screen)[0] == "After the session of 10 March 2025"
    assert texts(screen)[1].endswith("· My shoulders feel lower.")
    assert screen.current() == (entry.uuid, False)
    assert screen.list_status.text() == "Kept."


def test_free_writing_with_the_body_map_links_the_marks_to_the_entry(
    qtbot: Any, screen: JournalScreen, store: JournalStore
) -> None:
    qtbot.mouseClick(screen.write_button, Qt.MouseButton.LeftButton)
    assert screen.edit_heading.text() == "Your words" and not screen.body_map.isVisible()
    qtbot.keyClicks(screen.editor, "Warm hands.")
    qtbot.mouseClick(screen.body_toggle, Qt.MouseButton.LeftButton)
    assert screen.body_map.isVisible()
    canvas = screen.body_map.canvas
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Return)
    qtbot.keyClick(screen.body_map.chooser.list, Qt.Key.Key_Return)
    qtbot.keyClick(canvas, Qt.Key.Key_6)
    editing = screen.editing
    assert editing is not None
    (mark,) = store.marks_for_entry(editing.entry_uuid)
    assert (mark.region, mark.label, mark.intensity) == ("hand-left", "warmth", 6)
    screen.keep()
    (entry,) = store.list_entries()
    assert entry.uuid == mark.entry_uuid
    # Opened again, the marks are there to change.
    screen.open(entry.uuid)
    assert screen.body_map.isVisible()
    assert screen.body_map.region_words("hand-left") == "Left hand, warmth, 6 of 10"


def test_search_ignores_case_and_accents(
    qtbot: Any, screen: JournalScreen, store: JournalStore, clock: Clock
) -> None:
    for i, words in enumerate(["Sat in the café.", "A long walk.", "CAFE again, then rain."]):
        store.add_entry(new_entry(words, written_at=clock.at - timedelta(hours=i)))
    screen.refresh()
    assert len(texts(screen)) == 4
    screen.search.setFocus()
    qtbot.keyClicks(screen.search, "Cafe")
    found = [t for t in texts(screen) if "·" in t]
    assert len(found) == 2 and "café" in found[0] and "CAFE again" in found[1]
    screen.search.clear()
    qtbot.keyClicks(screen.search, "mountains")
    assert texts(screen) == ["Nothing found for “mountains”."]
    screen.search.clear()
    assert len(texts(screen)) == 4


def test_an_entry_is_opened_changed_and_kept(
    qtbot: Any, screen: JournalScreen, store: JournalStore, clock: Clock
) -> None:
    entry = store.add_entry(new_entry("First words.", written_at=clock.at, session_days=[SESSION]))
    screen.refresh()
    screen.entries.setFocus()
    qtbot.keyClick(screen.entries, Qt.Key.Key_Return)
    assert screen.page == "edit" and screen.editor.toPlainText() == "First words."
    qtbot.keyClick(screen.editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(screen.editor, " And more.")
    clock.at += timedelta(days=1)
    qtbot.mouseClick(screen.keep_button, Qt.MouseButton.LeftButton)
    kept = store.get_entry(entry.uuid)
    assert kept is not None and kept.text == "First words. And more."
    assert kept.written_at == entry.written_at and kept.edited_at == clock.at
    assert "changed later" in texts(screen)[1]


def test_esc_puts_words_aside_as_a_draft_that_waits_at_the_top(
    qtbot: Any, screen: JournalScreen, store: JournalStore
) -> None:
    screen.write()
    qtbot.keyClicks(screen.editor, "Half a thought")
    screen.request_stop()  # Esc
    assert screen.page == "list"
    (draft,) = store.drafts()
    assert draft.text == "Half a thought"
    assert screen.list_status.text() == DRAFT_KEPT
    assert texts(screen)[0] == DRAFTS_HEADING and "A new entry" in texts(screen)[1]
    assert screen.current() == (draft.entry_uuid, True)
    # Opened again, the words are back; kept, the draft is gone.
    qtbot.keyClick(screen.entries, Qt.Key.Key_Return)
    assert screen.editor.toPlainText() == "Half a thought"
    assert screen.let_go_button.isVisible()
    qtbot.keyClicks(screen.editor, ", finished.")
    screen.keep()
    assert store.drafts() == []
    assert [e.text for e in store.list_entries()] == ["Half a thought, finished."]


def test_an_unchanged_page_leaves_nothing_behind(
    screen: JournalScreen, store: JournalStore
) -> None:
    screen.write()
    screen.request_stop()
    assert screen.page == "list" and store.drafts() == [] and store.list_entries() == []
    assert not screen.list_status.isVisible()


def test_an_entry_found_by_search_opens_with_its_draft(
    qtbot: Any, screen: JournalScreen, store: JournalStore, clock: Clock
) -> None:
    entry = store.add_entry(new_entry("By the river.", written_at=clock.at))
    store.save_draft(Draft(entry.uuid, "By the river, and the bridge.", clock.at))
    screen.refresh()
    assert texts(screen)[0] == DRAFTS_HEADING
    qtbot.keyClicks(screen.search, "river")
    assert [r.kind for r in screen.model.rows()] == [RowKind.HEADING, RowKind.ENTRY]
    screen.open_current()
    assert screen.editor.toPlainText() == "By the river, and the bridge."
    assert screen.let_go_button.isVisible()


def test_the_store_is_what_the_screen_needs(store: JournalStore) -> None:
    backend: JournalBackend = store  # checked by mypy against the protocol
    assert backend.session_days() == [SESSION]
    assert backend.intention_for(SESSION) == "to be gentler with myself"


def test_a_draft_of_an_edit_can_be_let_go(
    qtbot: Any, screen: JournalScreen, store: JournalStore, clock: Clock
) -> None:
    entry = store.add_entry(new_entry("As it was.", written_at=clock.at))
    screen.refresh()
    screen.open(entry.uuid)
    qtbot.keyClicks(screen.editor, " Not sure about this.")
    screen.request_stop()
    assert "Changes to an entry" in texts(screen)[1]
    screen.open(entry.uuid)
    assert screen.editor.toPlainText().endswith("Not sure about this.")
    qtbot.mouseClick(screen.let_go_button, Qt.MouseButton.LeftButton)
    assert screen.editor.toPlainText() == "As it was." and store.drafts() == []
    assert not screen.let_go_button.isVisible()
    kept = store.get_entry(entry.uuid)
    assert kept is not None and kept.text == "As it was."


def test_delete_asks_once_calmly_and_keep_it_is_the_first_answer(
    qtbot: Any, screen: JournalScreen, store: JournalStore, clock: Clock
) -> None:
    keep = store.add_entry(new_entry("Keep me.", written_at=clock.at - timedelta(hours=1)))
    gone = store.add_entry(new_entry("Let me go.", written_at=clock.at))
    screen.refresh()
    screen.entries.setFocus()
    assert screen.current() == (gone.uuid, False)
    qtbot.keyClick(screen.entries, Qt.Key.Key_Delete)
    assert screen.confirm.isVisible() and focused() is screen.confirm_keep
    assert screen.confirm_text.text() == (
        "Delete the entry from 13 March 2025? Its words cannot be brought back."
    )
    qtbot.keyClick(screen.confirm_keep, Qt.Key.Key_Return)
    assert not screen.confirm.isVisible() and len(store.list_entries()) == 2
    qtbot.keyClick(screen.entries, Qt.Key.Key_Delete)
    screen.request_stop()  # Esc closes the question, nothing else
    assert not screen.confirm.isVisible() and screen.page == "list"
    qtbot.keyClick(screen.entries, Qt.Key.Key_Delete)
    qtbot.mouseClick(screen.confirm_delete, Qt.MouseButton.LeftButton)
    assert [e.uuid for e in store.list_entries()] == [keep.uuid]
    assert screen.list_status.text() == "The entry is gone."
    assert screen.current() == (keep.uuid, False)


def test_esc_from_the_list_leaves_and_the_app_closing_keeps_a_draft(
    qtbot: Any, screen: JournalScreen, store: JournalStore
) -> None:
    with qtbot.waitSignal(screen.closed):
        screen.request_stop()
    screen.write()
    qtbot.keyClicks(screen.editor, "Written as the app closed")
    with qtbot.waitSignal(screen.closed):
        screen.stop()
    assert [d.text for d in store.drafts()] == ["Written as the app closed"]


class FailingDrafts:
    """The real store, but drafts cannot be written (a full disk)."""

    def __init__(self, store: JournalStore) -> None:
        self._store = store

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def save_draft(self, draft: Draft) -> None:
        raise StorageFailure(Problem.DISK_FULL, self._store.path)


def test_when_a_draft_cannot_be_kept_the_words_stay_on_the_page(
    qtbot: Any, store: JournalStore, clock: Clock
) -> None:
    screen = make_screen(qtbot, FailingDrafts(store), clock)
    screen.write()
    qtbot.keyClicks(screen.editor, "Precious words")
    screen.request_stop()
    assert screen.page == "edit" and screen.editor.toPlainText() == "Precious words"
    assert "could not be kept as a draft" in screen.edit_status.text()
    assert "no room left" in screen.edit_status.text()
    # Keeping them as an entry still works.
    screen.keep()
    assert [e.text for e in store.list_entries()] == ["Precious words"]


def test_words_over_the_limit_are_not_lost(
    qtbot: Any, screen: JournalScreen, store: JournalStore
) -> None:
    screen.write()
    screen.editor.setPlainText("x" * 20_005)
    assert screen.near_limit.isVisible() and "20,005 of 20,000" in screen.near_limit.text()
    screen.keep()
    assert screen.page == "edit" and "20,005" in screen.edit_status.text()
    assert store.list_entries() == []


def test_entries_are_grouped_by_session_newest_first(
    screen: JournalScreen, store: JournalStore, clock: Clock, log: PracticeLog
) -> None:
    log.add_session_date(date(2025, 2, 20))
    for when in (date(2025, 2, 1), date(2025, 2, 25), date(2025, 3, 12)):
        at = datetime(when.year, when.month, when.day, 19, tzinfo=ZONE)
        store.add_entry(new_entry(f"On {when}", written_at=at))
    screen.controller.forget_sessions()
    screen.refresh()
    headings = [r.text for r in screen.model.rows() if r.kind is RowKind.HEADING]
    assert headings == [
        "After the session of 10 March 2025",
        "After the session of 20 February 2025",
        "Before the first session noted",
    ]


def test_the_body_over_time_and_back(
    qtbot: Any, screen: JournalScreen, store: JournalStore, clock: Clock
) -> None:
    from kapcompanion.domain.body_map import new_mark

    store.save_mark(new_mark("chest", at=clock.at - timedelta(days=5), sensation="tightness"))
    store.save_mark(new_mark("chest", at=clock.at - timedelta(days=1), sensation="warmth"))
    qtbot.mouseClick(screen.body_button, Qt.MouseButton.LeftButton)
    body = screen.body_page
    assert screen.page == "body"
    assert [body.span.itemText(i) for i in range(body.span.count())] == [s.value for s in Span]
    assert body.after.region_words("chest") == "Chest: tightness 1, warmth 1"
    body.span.setCurrentIndex(3)
    assert body.before.isVisible()
    assert body.before.region_words("chest") == "Chest: tightness 1"
    assert body.after.region_words("chest") == "Chest: warmth 1"
    items = [body.regions.item(i).text() for i in range(body.regions.count())]
    assert items == ["Before: Chest: tightness 1", "After: Chest: warmth 1"]
    assert unnamed(screen) == []
    screen.request_stop()
    assert screen.page == "list"


@pytest.fixture
def window(qtbot: Any) -> MainWindow:
    # Made in a fixture: the window is then active when the test begins, so its Esc shortcut
    # reaches it as it does for a person.
    return shown_window(qtbot)


def test_esc_in_the_main_window_goes_back_one_page_at_a_time(
    qtbot: Any, window: MainWindow, store: JournalStore, clock: Clock
) -> None:
    screen = JournalScreen(JournalController(store, now=clock), DARK, now=clock)
    window.push(screen)
    screen.write()
    qtbot.keyClicks(screen.editor, "Typed before Esc")
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.current_screen is screen and screen.page == "list"
    assert [d.text for d in store.drafts()] == ["Typed before Esc"]
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.screen_count == 1)
