"""The practice log in the app: the strip on home and the wiring behind it.

:class:`HomeLogPanel` sits on the home screen: a gentle line about the days since the last
medicine session (with a short practice on offer in the first days after one), what the log
has to say (a damaged file set aside, a full disk...), the way into the history and the
session dates, and the switch for guest practice.

:class:`PracticeLog UI <PracticeLogUI>` connects the recorder, the rating questions and these
screens to the main window, so the window itself only makes one of these and calls it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kapcompanion.domain.breathing_config import BreathingConfig
from kapcompanion.domain.integration import session_line, suggestion_text
from kapcompanion.domain.pacing import DEFAULT_PATTERN, PRESETS
from kapcompanion.domain.practice import Kind, PracticeRecord
from kapcompanion.domain.scripts import BodyMapInput, Exercise, Moment
from kapcompanion.i18n import N_, _, ngettext
from kapcompanion.services.events import PracticeEvents
from kapcompanion.services.library import ExerciseLibrary
from kapcompanion.services.log_recorder import PracticeRecorder
from kapcompanion.services.settings import SettingsStore
from kapcompanion.storage import PracticeStore, StorageFailure
from kapcompanion.storage.logs import PracticeLogs
from kapcompanion.ui.log.ratings import RatingFlow, RatingSettings
from kapcompanion.ui.log.sessions import SessionsScreen
from kapcompanion.ui.shell import scaffold
from kapcompanion.ui.shell.theme import DARK, Theme

if TYPE_CHECKING:  # pragma: no cover
    from kapcompanion.ui.journal.screen import JournalScreen
    from kapcompanion.ui.journal.share import ShareScreen
    from kapcompanion.ui.log.history import HistoryScreen

GUEST_SWITCH = N_("Practise as a guest (nothing is saved)")
#: How many days back the body map looks, at the start, for marks of steps it has not kept.
CATCH_UP_DAYS = 14
GUEST_UNAVAILABLE = N_("Practising as a guest (the log cannot be used)")
SHORT_PRACTICE_MINUTES = 5


class HomeLogPanel(QWidget):
    """The practice log's part of home. Signals ask the wiring to act."""

    history_requested = Signal()
    journal_requested = Signal()
    integration_requested = Signal()
    sessions_requested = Signal()
    short_practice_requested = Signal()
    guest_toggled = Signal(bool)

    def __init__(self, theme: Theme = DARK, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session_label = QLabel("")
        self.session_label.setWordWrap(True)
        self.session_label.hide()
        self.short_button = QPushButton(_("Five quiet minutes of breathing"))
        self.short_button.setAccessibleName(
            ngettext(
                "Begin {n} minute of gentle breathing",
                "Begin {n} minutes of gentle breathing",
                SHORT_PRACTICE_MINUTES,
            ).format(n=SHORT_PRACTICE_MINUTES)
        )
        self.short_button.clicked.connect(self.short_practice_requested.emit)
        self.short_button.hide()
        self.integration_button = QPushButton(_("A quiet moment, then a few words"))
        self.integration_button.setAccessibleName(
            _("A moment of grounding, then a prompt to write from in your journal")
        )
        self.integration_button.clicked.connect(self.integration_requested.emit)
        self.integration_button.hide()

        self.notice_label = QLabel("")
        self.notice_label.setObjectName("notice")
        self.notice_label.setWordWrap(True)
        self.notice_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dismiss_button = QPushButton(_("Got it"))
        self.dismiss_button.setAccessibleName(_("Hide this message about the practice log"))
        self.dismiss_button.clicked.connect(self.clear_notices)
        self._notices: list[str] = []
        notice_row = QHBoxLayout()
        notice_row.setSpacing(14)
        notice_row.addWidget(self.notice_label, 1)
        notice_row.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignTop)
        self.notice_box = QWidget()
        self.notice_box.setLayout(notice_row)
        notice_row.setContentsMargins(0, 0, 0, 0)
        self.notice_box.hide()

        self.history_button = QPushButton(_("History"))
        self.history_button.setAccessibleName(_("Open the history of your practice"))
        self.history_button.clicked.connect(self.history_requested.emit)
        self.journal_button = QPushButton(_("Journal"))
        self.journal_button.setAccessibleName(_("Open your journal"))
        self.journal_button.clicked.connect(self.journal_requested.emit)
        self.sessions_button = QPushButton(_("Session dates"))
        self.sessions_button.setAccessibleName(_("Medicine-session dates"))
        self.sessions_button.clicked.connect(self.sessions_requested.emit)
        self.guest_check = QCheckBox(_(GUEST_SWITCH))
        self.guest_check.setAccessibleName(_("Practise as a guest: nothing is saved"))
        self.guest_check.toggled.connect(self.guest_toggled.emit)
        for button in (
            self.short_button,
            self.integration_button,
            self.dismiss_button,
            self.history_button,
            self.journal_button,
            self.sessions_button,
        ):
            button.setAutoDefault(True)
            button.setObjectName("compact")
        t = theme
        self.setStyleSheet(
            f"QPushButton#compact {{ padding: 4px 16px; min-height: 24px; }}"
            f"QPushButton#compact:focus {{ border-color: {t.focus}; }}"
        )

        # The line about the last session, then what it offers: side by side while they fit,
        # one under the other at large text or in longer words.
        offers = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        offers.setSpacing(12)
        offers.addWidget(self.integration_button)
        offers.addWidget(self.short_button)
        offers.addStretch(1)
        scaffold.line_or_column(self, offers)
        offer_row = QVBoxLayout()
        offer_row.setContentsMargins(0, 0, 0, 0)
        offer_row.setSpacing(8)
        offer_row.addWidget(self.session_label)
        offer_row.addLayout(offers)
        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(self.history_button)
        row.addWidget(self.journal_button)
        row.addWidget(self.sessions_button)
        row.addSpacing(8)
        # The switch goes under the buttons when its words would not fit beside them.
        strip = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        strip.setSpacing(12)
        strip.addLayout(row)
        strip.addWidget(self.guest_check)
        strip.addStretch(1)
        scaffold.line_or_column(self, strip)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(offer_row)
        layout.addWidget(self.notice_box)
        layout.addLayout(strip)

    def show_session_line(self, text: str, offer: bool, integrate: bool = False) -> None:
        """``integrate``: the days after a session, when a moment and a prompt are offered."""
        self.session_label.setText(text)
        self.session_label.setVisible(bool(text))
        self.short_button.setVisible(offer)
        self.integration_button.setVisible(integrate)

    def add_notice(self, text: str) -> None:
        if not text or text in self._notices:
            return
        self._notices.append(text)
        self.notice_label.setText("\n\n".join(self._notices))
        self.notice_box.show()

    @property
    def notices(self) -> list[str]:
        return list(self._notices)

    def clear_notices(self) -> None:
        self._notices.clear()
        self.notice_label.setText("")
        self.notice_box.hide()

    def show_guest(self, guest: bool, can_save: bool) -> None:
        self.guest_check.blockSignals(True)
        self.guest_check.setChecked(guest)
        self.guest_check.blockSignals(False)
        self.guest_check.setEnabled(can_save)
        self.guest_check.setText(_(GUEST_SWITCH) if can_save else _(GUEST_UNAVAILABLE))


def _with_intention(line: str, store: PracticeStore, session: date) -> str:
    """Home's line in the days after a session, with the intention the person came in with."""
    from kapcompanion.domain.journal import intention_line
    from kapcompanion.storage.journal_open import journal_for

    try:
        intention = journal_for(store).intention_for(session)
    except StorageFailure:
        return line
    said = intention_line(intention or "")
    return f"{line}\n{said}" if said and line else line


class Window(Protocol):
    """What the wiring needs of the main window."""

    practice: PracticeEvents
    theme: Theme

    @property
    def current_screen(self) -> QWidget: ...

    def push(self, screen: QWidget) -> None: ...

    def start_breathing(self, config: BreathingConfig) -> object: ...


class RecentShortcut(Protocol):
    """Home's "started recently" shortcut."""

    @property
    def recent(self) -> object: ...

    def set_recent(self, exercise_id: str | None) -> bool: ...


class PracticeLogUI(QObject):
    """Everything the practice log adds to the main window: the strip in ``home_slot``, the
    recorder listening to the window's practice hub, the rating questions, the history and the
    session dates. ``settings`` keeps whether to ask for ratings, ``library`` names the
    exercises, and ``recent`` is offered the exercise last practised."""

    def __init__(
        self,
        window: Window,
        home_slot: QVBoxLayout,
        logs: PracticeLogs | None = None,
        *,
        settings: SettingsStore,
        library: ExerciseLibrary,
        recent: RecentShortcut,
        today: Callable[[], date] = date.today,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._library = library
        self._recent = recent
        self._today = today
        self.logs = logs or PracticeLogs()
        self.settings = RatingSettings(settings)
        self.recorder = PracticeRecorder(window.practice, self.logs, parent=self)
        self.flow = RatingFlow(window, self.recorder, self.settings, parent=self)
        self.panel = HomeLogPanel(window.theme)
        home_slot.addWidget(self.panel)
        self.panel.history_requested.connect(self.open_history)
        self.panel.journal_requested.connect(self.open_journal)
        self.panel.integration_requested.connect(lambda: self.open_journal(integrate=True))
        self.panel.sessions_requested.connect(self.open_sessions)
        self.panel.short_practice_requested.connect(self._short_practice)
        self.panel.guest_toggled.connect(self.set_guest)
        self.recorder.notice.connect(self.panel.add_notice)
        self.recorder.recorded.connect(lambda _r: self.refresh_home())
        self.recorder.recorded.connect(self._keep_marks)
        self.history: HistoryScreen | None = None
        self._recent_offered = False
        self.panel.show_guest(self.logs.guest, self.logs.can_save)
        # Open the log once the window is up, so its first paint never waits for the disk.
        QTimer.singleShot(0, self.refresh_home)

    # -- practice ------------------------------------------------------------------------------

    def before_practice(
        self, start: Callable[[], object], exercise: Exercise | None = None
    ) -> None:
        """Ask how the person feels (when this practice's one question comes before it), then
        ``start`` the practice (``exercise``: the one about to start; None for breathing).
        A practice for closing a session carries the intention kept earlier that day."""
        if exercise is not None and exercise.is_for(Moment.SESSION_CLOSE):
            self.flow.before(lambda: self._carry_intention(start()), exercise)
            return
        self.flow.before(start, exercise)

    def _keep_marks(self, record: PracticeRecord) -> None:
        """Keep the marks of a practice's body-map steps with the body map's others, so the
        body over time shows them too (each tied to its practice; kept again, unchanged)."""
        exercise = self._library.find(record.ref) if record.kind is Kind.EXERCISE else None
        if exercise is None:
            return
        from kapcompanion.domain.body_map import marks_from_answer
        from kapcompanion.storage.journal_open import journal_for

        at = (record.ended_utc or record.started_utc).astimezone()
        marks = [
            mark
            for _, spec in exercise.inputs()
            if isinstance(spec, BodyMapInput)
            for mark in marks_from_answer(
                record.answers.get(spec.key, ()), at=at, practice_uuid=record.uuid, key=spec.key
            )
        ]
        if not marks:
            return
        try:
            journal_for(self.logs.current).save_marks(marks)
        except StorageFailure as failure:
            self.panel.add_notice(failure.message)

    def _catch_up_marks(self, store: PracticeStore, today: date) -> None:
        """Marks of recent body-map steps that did not reach the body map (the app was closed
        while the question after the practice waited) join it now; kept twice, unchanged."""
        try:
            recent = store.list_practices(
                first=today - timedelta(days=CATCH_UP_DAYS), kind=Kind.EXERCISE, limit=None
            )
        except StorageFailure:
            return
        for record in recent:
            if record.answers:
                self._keep_marks(record)

    def _carry_intention(self, screen: object) -> object:
        """Show the intention of today's before-dosing practice (or yesterday's, for a session
        that closes after midnight) quietly on ``screen``'s steps that ask for words ("You came
        in with ...")."""
        from kapcompanion.domain.journal import intention_line
        from kapcompanion.storage.journal_open import journal_for
        from kapcompanion.ui.exercise.screen import ExerciseScreen

        if not isinstance(screen, ExerciseScreen):
            return screen
        journal = journal_for(self.logs.current)
        today = self._today()
        try:
            # A session that closes after midnight began the day before.
            intention = journal.intention_for(today) or journal.intention_for(
                today - timedelta(days=1)
            )
        except StorageFailure:
            return screen
        screen.step_page.carry(intention_line(intention or ""))
        return screen

    def _short_practice(self) -> None:
        pattern = PRESETS[DEFAULT_PATTERN]
        config = BreathingConfig(pattern=pattern, minutes=SHORT_PRACTICE_MINUTES)
        self.before_practice(lambda: self._window.start_breathing(config))

    def shutdown(self) -> None:
        """The window is closing: finish what waits for an answer."""
        self.recorder.shutdown()

    # -- home ----------------------------------------------------------------------------------

    def set_guest(self, on: bool) -> None:
        self.logs.set_guest(on)
        self.panel.show_guest(self.logs.guest, self.logs.can_save)
        self.refresh_home()

    def refresh_home(self) -> None:
        store = self.logs.current
        today = self._today()
        try:
            window = store.integration_window(today)
            practised = today in store.days_practised_in_week(today)
        except StorageFailure as failure:
            self.panel.add_notice(failure.message)
            window, practised = None, False
        except Exception:  # home must always open
            window, practised = None, False
        if window is not None:
            offer = suggestion_text(window, practised) is not None
            integrate = window.in_window
            line = session_line(window, practised)
            if integrate and window.last_session is not None:
                line = _with_intention(line, store, window.last_session)
            self.panel.show_session_line(line, offer, integrate)
        for message in self.logs.take_notices():
            self.panel.add_notice(message)
        self.panel.show_guest(self.logs.guest, self.logs.can_save)
        if not self._recent_offered:
            self._recent_offered = True
            self._offer_recent(store)
            self._catch_up_marks(store, today)

    def _offer_recent(self, store: PracticeStore) -> None:
        """Home's "started recently" shortcut: the exercise last practised, from the log."""
        exercises = self._recent
        if exercises.recent is not None:
            return
        try:
            last = store.list_practices(kind=Kind.EXERCISE, limit=1)
        except StorageFailure:
            return
        if last:
            exercises.set_recent(last[0].ref)

    # -- screens -------------------------------------------------------------------------------

    def open_history(self) -> HistoryScreen:
        from kapcompanion.ui.log.history import HistoryScreen

        screen = HistoryScreen(
            self.logs.current,
            self._library,
            self._window.theme,
            guest=self.logs.guest,
            today=self._today,
            ask_ratings=self.recorder.ask_ratings,
            on_ask_ratings=self.flow.set_asking,
        )
        screen.changed.connect(self.refresh_home)
        screen.sessions_requested.connect(self.open_sessions)
        screen.journal_requested.connect(self.open_journal)
        screen.destroyed.connect(self._history_gone)
        self.history = screen
        self._window.push(screen)
        # It opens on the list, where the focus shows: arrows choose, Enter opens.
        screen.table.setFocus(Qt.FocusReason.OtherFocusReason)
        return screen

    def open_journal(self, integrate: bool = False) -> JournalScreen:
        """The journal of the log new practice goes to (a guest's is held in memory only);
        ``integrate``: begin with a moment of grounding, then a prompt for these days."""
        from kapcompanion.storage.journal_open import journal_for
        from kapcompanion.ui.journal.controller import JournalController
        from kapcompanion.ui.journal.screen import JournalScreen

        def now() -> datetime:
            return datetime.now().astimezone()

        journal = journal_for(self.logs.current)
        screen = JournalScreen(
            JournalController(journal, now=now),
            self._window.theme,
            now=now,
            guest=self.logs.guest,
        )
        screen.share_requested.connect(self.open_share)
        self._window.push(screen)
        if integrate:
            screen.integrate()
        return screen

    def open_share(self) -> ShareScreen:
        """Choose what goes with the summary for the therapist, then write it."""
        from kapcompanion.storage.journal_open import journal_for
        from kapcompanion.ui.journal.share import ShareScreen

        store = self.logs.current
        screen = ShareScreen(
            store,
            journal_for(store),
            self._window.theme,
            titles=self._library.titles(),
            today=self._today,
        )
        self._window.push(screen)
        return screen

    def _history_gone(self) -> None:
        self.history = None

    def open_sessions(self) -> SessionsScreen:
        screen = SessionsScreen(
            self.logs.current, self._window.theme, guest=self.logs.guest, today=self._today
        )
        screen.changed.connect(self.refresh_home)
        screen.changed.connect(self._sessions_changed)
        history = self.history if self._window.current_screen is self.history else None
        self._window.push(screen)
        if history is not None:
            # Back in History where the person was (connected after the window's own leave).
            screen.closed.connect(lambda: history.sessions_button.setFocus())
        return screen

    def _sessions_changed(self) -> None:
        if self.history is not None:
            self.history.reload()
