"""The home screen: a calm start page that begins from where the person is (the view).

The first, large choices are situations: before my session, closing a session, between sessions,
just breathe (:mod:`kapcompanion.domain.situations`). Each shows the matching guided exercises
beside the breathing card (:mod:`kapcompanion.ui.shell.breathing_card`). Under them, quieter
ways in by how the person feels (:mod:`kapcompanion.ui.shell.home_feelings`). The practice done last
is one key away (:attr:`HomeScreen.again_button` takes the focus when home shows). Everything
fits a 1280x800 window without scrolling; at large text sizes the page scrolls. Every control is
reachable by keyboard and has an accessible name. The right-hand part of the page
(:attr:`HomeScreen.exercises_layout`) is where guided exercises are listed.

This module only lays the page out and forwards what the person asks for as signals; what
follows from a choice (the card's pattern for a situation, the person's defaults and
preferences, the "again" shortcut) is decided by :class:`~kapcompanion.ui.shell.home_controller.
HomeController`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kapcompanion.domain.breathing_config import BreathingConfig
from kapcompanion.domain.situations import SITUATIONS, situation
from kapcompanion.i18n import N_, _
from kapcompanion.ui.shell.breathing_card import BreathingCard
from kapcompanion.ui.shell.exercise_list import ExerciseList
from kapcompanion.ui.shell.home_feelings import FeelingsRow, feelings_styles
from kapcompanion.ui.shell.scaffold import guard_wheel, line_or_column
from kapcompanion.ui.shell.situation_buttons import SituationButton, situation_styles
from kapcompanion.ui.shell.theme import DARK, Theme

TAGLINE = N_(
    "A quiet place to breathe, notice your body and settle, at your own pace. "
    "Everything stays on this computer."
)
CONTENT_WIDTH = 1180
#: Below this width for the exercise list, the list goes under the breathing card.
LIST_MIN_WIDTH = 440


class HomeScreen(QWidget):
    """Emits ``start_requested(BreathingConfig)`` when the person starts a practice."""

    start_requested = Signal(object)
    settings_requested = Signal()
    about_requested = Signal()
    #: The "again" shortcut was used (the window starts the last practice).
    again_requested = Signal()
    #: A situation was chosen (its key, see SITUATIONS).
    situation_chosen = Signal(str)
    present_requested = Signal()
    editor_requested = Signal()
    #: "Open a shared practice…": a .kapscript someone shared (a script or a plan).
    shared_requested = Signal()

    def __init__(self, theme: Theme = DARK, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.title = ""
        self._theme = theme

        title = QLabel("kapcompanion")
        title.setObjectName("title")
        title.setAccessibleName("kapcompanion")
        self.settings_button = self._button(
            _("Settings"),
            _("Settings"),
            _("Theme, text size, motion, practice defaults, sound, reminders and crisis resources"),
            self.settings_requested.emit,
        )
        self.about_button = self._button(
            _("About"),
            _("About kapcompanion"),
            _("What this app is and is not, crisis resources, where your files are, licences"),
            self.about_requested.emit,
        )
        tagline = QLabel(_(TAGLINE))
        tagline.setObjectName("muted")
        tagline.setWordWrap(True)
        self.notice = QLabel("")
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.hide()

        # -- the breathing card (its controls are named here too, for the window and tests) --
        self.card = card = BreathingCard()
        card.start_requested.connect(self._start)
        self.pattern_combo = card.pattern_combo
        self.pattern_about = card.pattern_about
        self.holds_check = card.holds_check
        self.holds_note = card.holds_note
        self.minutes_spin = card.minutes_spin
        self.glide_check = card.glide_check
        self.reduced_motion_check = card.reduced_motion_check
        self.start_button = card.start_button

        # -- where guided exercises are listed -----------------------------------------------
        self.exercises_layout = QVBoxLayout()
        self.exercises_layout.setSpacing(14)
        # Grouped by moment, with a recent shortcut and a line for scripts with problems. The
        # situations above choose the group, so the list's own group buttons stay hidden here.
        self.exercise_list = ExerciseList(theme)
        self.exercise_list.set_moment_buttons_visible(False)
        self.exercises_layout.addWidget(self.exercise_list)
        # For the office: present on the client's screen, and write or record scripts.
        self.present_button = self._button(
            _("Present on a screen…"),
            _("Present an exercise on another screen"),
            "",
            self.present_requested.emit,
        )
        self.editor_button = self._button(
            _("Edit scripts"),
            _("Write, copy and record your own exercises"),
            "",
            self.editor_requested.emit,
        )
        self.shared_button = self._button(
            _("Open a shared practice…"),
            _("Open a practice or a plan someone shared with you (a .kapscript file)"),
            "",
            self.shared_requested.emit,
        )
        tools_row = QWidget()
        tools = QBoxLayout(QBoxLayout.Direction.LeftToRight, tools_row)
        tools.setContentsMargins(0, 0, 0, 0)
        tools.setSpacing(12)
        for tool in (self.shared_button, self.present_button, self.editor_button):
            # As wide as their words, side by side or one under another.
            tool.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
            tools.addWidget(tool)
        tools.addStretch(1)
        self.exercises_layout.addSpacing(8)
        self.exercises_layout.addWidget(tools_row)
        line_or_column(tools_row, tools)  # one under another when they do not fit side by side

        # -- situations: the first, large choices ----------------------------------------------
        self.situation_buttons: dict[str, SituationButton] = {}
        self._situations = QButtonGroup(self)
        self._situations.setExclusive(True)
        self.situations_grid = QGridLayout()
        self.situations_grid.setSpacing(12)
        for s in SITUATIONS:
            button = SituationButton.for_situation(s)
            button.clicked.connect(lambda _=False, k=s.key: self.choose_situation(k))
            self._situations.addButton(button)
            self.situation_buttons[s.key] = button
        self.situation = ""

        # -- by how the person feels: quieter, under the situations (see home_feelings.py) ----
        self.feelings = FeelingsRow()

        # -- the last practice, one key away -----------------------------------------------------
        self.again_button = QPushButton("")
        self.again_button.setObjectName("again")
        self.again_button.setAutoDefault(True)
        self.again_button.clicked.connect(self.again_requested.emit)
        self.again_hint = QLabel(_("Enter starts it again"))
        self.again_hint.setObjectName("againhint")
        again_row = QHBoxLayout()
        again_row.setSpacing(12)
        again_row.addWidget(self.again_button)
        again_row.addWidget(self.again_hint)
        again_row.addStretch(1)
        self.again_box = QWidget()
        self.again_box.setLayout(again_row)
        again_row.setContentsMargins(0, 0, 0, 0)
        self.again_box.hide()

        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns.setSpacing(24)
        self.columns.addWidget(card, 0, Qt.AlignmentFlag.AlignTop)
        self.columns.addLayout(self.exercises_layout, 1)
        self._grid_columns = 0

        column = QWidget()
        column.setMaximumWidth(CONTENT_WIDTH)
        column.setStyleSheet(situation_styles(theme) + feelings_styles(theme))
        self._column = column
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 20, 0, 24)
        column_layout.setSpacing(12)
        title_row = QHBoxLayout()
        title_row.setSpacing(12)
        title_row.addWidget(title, 1)
        self._title = title
        self._title_row = title_row
        self._big_on_top = False
        title_row.addWidget(self.about_button, 0, Qt.AlignmentFlag.AlignVCenter)
        title_row.addWidget(self.settings_button, 0, Qt.AlignmentFlag.AlignVCenter)
        column_layout.addLayout(title_row)
        column_layout.addWidget(tagline)
        column_layout.addWidget(self.notice)
        # The practice log's strip: days since a session, History, guest practice.
        self.log_layout = QVBoxLayout()
        column_layout.addLayout(self.log_layout)
        # The integration plan's practice for today, on plan days (see home_plan.py).
        self.plan_layout = QVBoxLayout()
        column_layout.addLayout(self.plan_layout)
        column_layout.addSpacing(4)
        column_layout.addLayout(self.situations_grid)
        column_layout.addWidget(self.feelings)
        column_layout.addWidget(self.again_box)
        column_layout.addSpacing(4)
        column_layout.addLayout(self.columns)
        column_layout.addStretch(1)

        page = QWidget()
        page_layout = QHBoxLayout(page)
        page_layout.setContentsMargins(32, 0, 32, 0)
        page_layout.addStretch(1)
        page_layout.addWidget(column, 100)
        page_layout.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the controls take the focus, not the page
        scroll.setWidget(page)
        guard_wheel(page)  # the wheel scrolls home; it changes the pattern only once chosen
        self.page_scroll = scroll
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._arrange(CONTENT_WIDTH)

    @staticmethod
    def _button(
        text: str, name: str, description: str, clicked: Callable[[], object]
    ) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        if description:
            button.setAccessibleDescription(description)
        button.setAutoDefault(True)
        button.clicked.connect(clicked)
        return button

    # -- the breathing card ---------------------------------------------------------------------

    def config(self) -> BreathingConfig:
        """The practice the card describes now."""
        return self.card.config()

    def pattern_keys(self) -> list[str]:
        """The keys of the patterns offered now, in order."""
        return self.card.pattern_keys()

    def select_pattern(self, key: str) -> None:
        self.card.select_pattern(key)

    def _start(self, config: BreathingConfig) -> None:
        self.show_notice("")
        self.start_requested.emit(config)

    # -- what home shows ------------------------------------------------------------------------

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def focus_start(self) -> None:
        """Give the focus to the first thing to do: the "again" shortcut when there is one
        (so Enter repeats the last practice), else the start button."""
        target = self.again_button if self.again_box.isVisibleTo(self) else self.start_button
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def choose_situation(self, key: str) -> None:
        """Show the exercises for situation ``key`` (the card follows, see HomeController)."""
        chosen = situation(key)
        self.situation = key
        self.situation_buttons[key].setChecked(True)
        self.exercise_list.select_moment(chosen.moment)
        self.situation_chosen.emit(key)

    def show_again(self, text: str, description: str = "") -> None:
        """Offer the last practice as a shortcut ("" hides it)."""
        again = _("Again: {practice}").format(practice=text) if text else ""
        self.again_button.setText(again)
        self.again_button.setAccessibleName(again)
        self.again_button.setAccessibleDescription(description or _("Starts it again"))
        self.again_box.setVisible(bool(text))

    def set_recent(self, exercise_id: str | None) -> bool:
        """Offer the exercise started most recently as a shortcut (see ExerciseList)."""
        return self.exercise_list.set_recent(exercise_id)

    def restyle(self, theme: Theme) -> None:
        """Take a new theme or text size for the parts of home that carry their own styles."""
        self._theme = theme
        self._column.setStyleSheet(situation_styles(theme) + feelings_styles(theme))
        self.exercise_list.restyle(theme)
        # Titles and the card grow with the text: arrange them as a start at this size does,
        # now and once more when the buttons have been polished at the new size.
        self._rearrange()
        QTimer.singleShot(0, self._rearrange)

    def _rearrange(self) -> None:
        self._arrange(min(CONTENT_WIDTH, self.width() - 64 - 16))

    # -- arranging for the room there is ---------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # The page's side margins and room for a scroll bar; the column never grows wider.
        self._arrange(min(CONTENT_WIDTH, event.size().width() - 64 - 16))  # see _rearrange

    def _arrange(self, width: int) -> None:
        """Situations in one row when their titles fit, else two by two; the exercise list
        beside the card when both fit, else under it (large text, narrow windows)."""
        buttons = list(self.situation_buttons.values())
        widest = max(b.needed_width() for b in buttons)
        per_row = 4 if 4 * widest + 3 * 12 <= width else 2
        if per_row != self._grid_columns:
            self._grid_columns = per_row
            for b in buttons:
                self.situations_grid.removeWidget(b)
            for i, b in enumerate(buttons):
                self.situations_grid.addWidget(b, i // per_row, i % per_row)
        self._place_big_button(width)
        card_width = self.card_needed_width()
        side_by_side = card_width + 24 + LIST_MIN_WIDTH <= width
        direction = (
            QBoxLayout.Direction.LeftToRight if side_by_side else QBoxLayout.Direction.TopToBottom
        )
        self.card.setMaximumWidth(card_width if side_by_side else 16777215)
        if self.columns.direction() != direction:
            self.columns.setDirection(direction)

    def _place_big_button(self, width: int) -> None:
        """ "When it gets big" by the title when the title row has room, else last among the
        feelings (large text), so it is never cut off."""
        big = self.feelings.big_button
        row = [self._title, big, self.about_button, self.settings_button]
        on_top = sum(w.sizeHint().width() for w in row) + 3 * 12 <= width
        if on_top and not self._big_on_top:
            self.feelings.arrange(width)  # takes it out of the row's grid
            self._title_row.insertWidget(1, big, 0, Qt.AlignmentFlag.AlignVCenter)
        elif not on_top:
            self._title_row.removeWidget(big)
            self.feelings.arrange(width, with_big=True)
        else:
            self.feelings.arrange(width)
        self._big_on_top = on_top

    def card_needed_width(self) -> int:
        """The breathing card's width with every switch and button on one line."""
        return self.card.needed_width()

    def set_reading_order(self, log_controls: list[QWidget]) -> None:
        """Tab follows the page as it reads: the title row, the practice log's strip
        (``log_controls``), the situations, the ways in by feeling, the "again" shortcut, the
        breathing card, then the guided exercises and the tools below them."""
        listed = self.exercise_list
        order: list[QWidget] = [
            self.feelings.big_button,
            self.about_button,
            self.settings_button,
            *log_controls,
            *self.situation_buttons.values(),
            *self.feelings.controls(),
            self.again_button,
            *self.card.controls(),
            listed.problems_button,
            *listed.moment_buttons.values(),
        ]
        for a, b in itertools.pairwise(order):
            QWidget.setTabOrder(a, b)
        listed.select_moment(listed.moment)  # the rows follow the group buttons
        rows = listed.rows()
        last: QWidget = rows[-1] if rows else order[-1]
        QWidget.setTabOrder(last, self.shared_button)
        QWidget.setTabOrder(self.shared_button, self.present_button)
        QWidget.setTabOrder(self.present_button, self.editor_button)
