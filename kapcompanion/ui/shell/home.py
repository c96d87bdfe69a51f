"""The home screen: a calm start page that begins from where the person is.

The first, large choices are situations: before my session, closing a session, between sessions,
just breathe. Each shows the matching guided exercises beside the breathing card and sets the
card to sensible defaults (gentle settling, with no breath holds, before and at the close of a
session). The practice done last is one key away (:attr:`HomeScreen.again_button` takes the focus
when home shows). Everything fits a 1280x800 window without scrolling; at large text sizes the
page scrolls.

Patterns with breath holds are hidden until the person opts in, because holds can feel
activating for some people. Every control is reachable by keyboard and has an accessible name.
The right-hand part of the page (:attr:`HomeScreen.exercises_layout`) is where guided exercises
are listed.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kapcompanion.domain.breathing_config import (
    DEFAULT_MINUTES,
    MAX_MINUTES,
    MIN_MINUTES,
    BreathingConfig,
)
from kapcompanion.domain.pacing import DEFAULT_PATTERN, PRESETS, available_patterns
from kapcompanion.domain.scripts import Moment
from kapcompanion.ui.shell.exercise_list import ExerciseList
from kapcompanion.ui.shell.theme import BASE_PT, DARK, SMALL_PT, Theme, pt

TAGLINE = (
    "A quiet place to breathe, notice your body and settle, at your own pace. "
    "Everything stays on this computer."
)
HOLDS_NOTE = (
    "Breath holds are optional. For some people they can feel activating; "
    "if that happens, you can let them go or end the practice at any time."
)
CONTENT_WIDTH = 1180
#: Below this width for the exercise list, the list goes under the breathing card.
LIST_MIN_WIDTH = 440
GENTLE_PATTERN = "gentle-settle"


@dataclass(frozen=True)
class Situation:
    """One of home's first choices: which exercises it shows and how the breathing card is set
    (``pattern`` None keeps the person's default)."""

    key: str
    title: str
    line: str
    moment: Moment
    pattern: str | None


SITUATIONS: tuple[Situation, ...] = (
    Situation(
        "before",
        "Before my session",
        "Gentle settling, no holds",
        Moment.BEFORE_DOSING,
        GENTLE_PATTERN,
    ),
    Situation(
        "closing",
        "Closing a session",
        "Landing in the body and the room",
        Moment.SESSION_CLOSE,
        GENTLE_PATTERN,
    ),
    Situation(
        "between",
        "Between sessions",
        "Short practices for the days between",
        Moment.BETWEEN_SESSIONS,
        None,
    ),
    Situation("breathe", "Just breathe", "A few minutes with the shape", Moment.ANY_TIME, None),
)
SITUATION_KEYS = tuple(s.key for s in SITUATIONS)


def situation_styles(theme: Theme) -> str:
    t = theme
    edge = t.edge_colour() if t.outlined else t.surface
    return f"""
QPushButton#situation {{
    background: {t.surface}; border: 2px solid {edge}; border-radius: 14px; padding: 0px;
}}
QLabel#situationtitle {{ font-size: {pt(BASE_PT + 1)}pt; background: transparent; }}
QLabel#situationline {{
    font-size: {pt(SMALL_PT)}pt; color: {t.muted}; background: transparent;
}}
QPushButton#situation:hover {{ border-color: {t.button_hover}; }}
QPushButton#situation:checked {{ background: {t.button}; border-color: {t.accent}; }}
QPushButton#situation:focus {{ border-color: {t.focus}; }}
QPushButton#again {{ text-align: left; padding: 6px 18px; }}
QLabel#againhint {{ color: {t.muted}; font-size: {pt(SMALL_PT)}pt; }}
"""


class SituationButton(QPushButton):
    """A large choice: a title and a quieter line under it (both wrap when space is short)."""

    def __init__(self, title: str, line: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("situation")
        self.title_label = QLabel(title)
        self.title_label.setObjectName("situationtitle")
        self.line_label = QLabel(line)
        self.line_label.setObjectName("situationline")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 12, 18, 12)
        layout.setSpacing(2)
        for label in (self.title_label, self.line_label):
            label.setWordWrap(True)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
            layout.addWidget(label)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:
        layout = self.layout()
        hint = layout.sizeHint() if layout is not None else super().sizeHint()
        return QSize(hint.width(), hint.height())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        return layout.totalHeightForWidth(width) if layout is not None else -1

    def needed_width(self) -> int:
        """The width at which the title fits on one line."""
        return self.title_label.sizeHint().width() + 40


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

    def __init__(self, theme: Theme = DARK, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.title = ""
        self._theme = theme

        title = QLabel("kapcompanion")
        title.setObjectName("title")
        title.setAccessibleName("kapcompanion")
        self.settings_button = QPushButton("Settings")
        self.settings_button.setAccessibleName("Settings")
        self.settings_button.setAccessibleDescription(
            "Theme, text size, motion, practice defaults, sound, reminders and crisis resources"
        )
        self.settings_button.setAutoDefault(True)
        self.settings_button.clicked.connect(self.settings_requested.emit)
        self.about_button = QPushButton("About")
        self.about_button.setAccessibleName("About kapcompanion")
        self.about_button.setAccessibleDescription(
            "What this app is and is not, crisis resources, where your files are, licences"
        )
        self.about_button.setAutoDefault(True)
        self.about_button.clicked.connect(self.about_requested.emit)
        tagline = QLabel(TAGLINE)
        tagline.setObjectName("muted")
        tagline.setWordWrap(True)
        self.notice = QLabel("")
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.hide()

        # -- the breathing card -------------------------------------------------------------
        card = QFrame()
        card.setObjectName("card")
        heading = QLabel("Breathe")
        heading.setObjectName("heading")

        self.pattern_combo = QComboBox()
        self.pattern_combo.setAccessibleName("Breathing pattern")
        self.pattern_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.pattern_about = QLabel("")
        self.pattern_about.setObjectName("muted")
        self.pattern_about.setWordWrap(True)

        self.holds_check = QCheckBox("Show patterns with breath holds")
        self.holds_check.setAccessibleName("Show patterns with breath holds")
        self.holds_check.setChecked(False)
        self.holds_note = QLabel(HOLDS_NOTE)
        self.holds_note.setObjectName("muted")
        self.holds_note.setWordWrap(True)
        self.holds_note.hide()

        self.minutes_spin = QSpinBox()
        self.minutes_spin.setRange(MIN_MINUTES, MAX_MINUTES)
        self.minutes_spin.setValue(DEFAULT_MINUTES)
        self.minutes_spin.setSuffix(" min")
        self.minutes_spin.setAccessibleName("Length of the practice in minutes")
        self.minutes_spin.setMaximumWidth(200)

        self.glide_check = QCheckBox("Begin a little quicker and slow down gently")
        self.glide_check.setAccessibleName("Glide: begin a little quicker and slow down gently")
        self.glide_check.setChecked(True)
        self.reduced_motion_check = QCheckBox("Reduced motion: the shape stays still and fills")
        self.reduced_motion_check.setAccessibleName("Reduced motion")
        self.reduced_motion_check.setChecked(False)

        self.start_button = QPushButton("Start breathing")
        self.start_button.setObjectName("primary")
        self.start_button.setAccessibleName("Start the breathing practice")
        self.start_button.setAutoDefault(True)
        self.start_button.clicked.connect(self._start)

        pattern_label = QLabel("&Pattern")
        pattern_label.setBuddy(self.pattern_combo)
        minutes_label = QLabel("&Length")
        minutes_label.setBuddy(self.minutes_spin)
        # One column, so the switches keep the card's whole width for their words.
        label_width = max(pattern_label.sizeHint().width(), minutes_label.sizeHint().width())
        pattern_row = QHBoxLayout()
        pattern_row.setSpacing(16)
        pattern_label.setMinimumWidth(label_width)
        pattern_row.addWidget(pattern_label)
        pattern_row.addWidget(self.pattern_combo, 1)
        minutes_row = QHBoxLayout()
        minutes_row.setSpacing(16)
        minutes_label.setMinimumWidth(label_width)
        minutes_row.addWidget(minutes_label)
        minutes_row.addWidget(self.minutes_spin)
        minutes_row.addStretch(1)

        start_row = QHBoxLayout()
        start_row.addStretch(1)
        start_row.addWidget(self.start_button)

        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(28, 20, 28, 20)
        card_layout.setSpacing(10)
        card_layout.addWidget(heading)
        card_layout.addLayout(pattern_row)
        card_layout.addWidget(self.pattern_about)
        card_layout.addWidget(self.holds_check)
        card_layout.addWidget(self.holds_note)
        card_layout.addLayout(minutes_row)
        card_layout.addWidget(self.glide_check)
        card_layout.addWidget(self.reduced_motion_check)
        card_layout.addLayout(start_row)

        # -- where guided exercises are listed -----------------------------------------------
        self.exercises_layout = QVBoxLayout()
        self.exercises_layout.setSpacing(14)
        # Grouped by moment, with a recent shortcut and a line for scripts with problems. The
        # situations above choose the group, so the list's own group buttons stay hidden here.
        self.exercise_list = ExerciseList(theme)
        self.exercise_list.set_moment_buttons_visible(False)
        self.exercises_layout.addWidget(self.exercise_list)
        # For the office: present on the client's screen, and write or record scripts.
        self.present_button = QPushButton("Present on a screen…")
        self.present_button.setAccessibleName("Present an exercise on another screen")
        self.editor_button = QPushButton("Edit scripts")
        self.editor_button.setAccessibleName("Write, copy and record your own exercises")
        tools = QHBoxLayout()
        tools.setSpacing(12)
        for button, signal in (
            (self.present_button, self.present_requested),
            (self.editor_button, self.editor_requested),
        ):
            button.setAutoDefault(True)
            button.clicked.connect(signal.emit)
            tools.addWidget(button)
        tools.addStretch(1)
        self.exercises_layout.addSpacing(8)
        self.exercises_layout.addLayout(tools)

        # -- situations: the first, large choices ----------------------------------------------
        self.situation_buttons: dict[str, SituationButton] = {}
        self._situations = QButtonGroup(self)
        self._situations.setExclusive(True)
        self.situations_grid = QGridLayout()
        self.situations_grid.setSpacing(12)
        for situation in SITUATIONS:
            button = SituationButton(situation.title, situation.line)
            button.setCheckable(True)
            button.setAutoDefault(True)
            button.setAccessibleName(situation.title)
            button.setAccessibleDescription(
                f"{situation.line}. Shows the matching exercises and sets the breathing card. "
                "Arrow keys move between the situations."
            )
            button.clicked.connect(lambda _=False, k=situation.key: self.choose_situation(k))
            self._situations.addButton(button)
            self.situation_buttons[situation.key] = button
        self.situation = ""

        # -- the last practice, one key away -----------------------------------------------------
        self.again_button = QPushButton("")
        self.again_button.setObjectName("again")
        self.again_button.setAutoDefault(True)
        self.again_button.clicked.connect(self.again_requested.emit)
        self.again_hint = QLabel("Enter starts it again")
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

        self.card = card
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns.setSpacing(24)
        self.columns.addWidget(card, 0, Qt.AlignmentFlag.AlignTop)
        self.columns.addLayout(self.exercises_layout, 1)
        self._grid_columns = 0

        column = QWidget()
        column.setMaximumWidth(CONTENT_WIDTH)
        column.setStyleSheet(situation_styles(theme))
        self._column = column
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 20, 0, 24)
        column_layout.setSpacing(12)
        title_row = QHBoxLayout()
        title_row.setSpacing(12)
        title_row.addWidget(title, 1)
        title_row.addWidget(self.about_button, 0, Qt.AlignmentFlag.AlignVCenter)
        title_row.addWidget(self.settings_button, 0, Qt.AlignmentFlag.AlignVCenter)
        column_layout.addLayout(title_row)
        column_layout.addWidget(tagline)
        column_layout.addWidget(self.notice)
        # The practice log's strip: days since a session, History, guest practice.
        self.log_layout = QVBoxLayout()
        column_layout.addLayout(self.log_layout)
        column_layout.addSpacing(4)
        column_layout.addLayout(self.situations_grid)
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
        self.page_scroll = scroll
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.setTabOrder(self.pattern_combo, self.holds_check)
        self.setTabOrder(self.holds_check, self.minutes_spin)
        self.setTabOrder(self.minutes_spin, self.glide_check)
        self.setTabOrder(self.glide_check, self.reduced_motion_check)
        self.setTabOrder(self.reduced_motion_check, self.start_button)
        self._default_pattern = DEFAULT_PATTERN
        self._arrange(CONTENT_WIDTH)

        self.holds_check.toggled.connect(self._holds_toggled)
        self.pattern_combo.currentIndexChanged.connect(self._pattern_changed)
        self._fill_patterns(DEFAULT_PATTERN)

    # -- patterns ---------------------------------------------------------------------------

    def _fill_patterns(self, keep: str) -> None:
        patterns = available_patterns(self.holds_check.isChecked())
        self.pattern_combo.blockSignals(True)
        self.pattern_combo.clear()
        for pattern in patterns:
            self.pattern_combo.addItem(pattern.name, pattern)
        keys = [p.key for p in patterns]
        index = keys.index(keep) if keep in keys else keys.index(DEFAULT_PATTERN)
        self.pattern_combo.setCurrentIndex(index)
        self.pattern_combo.blockSignals(False)
        self._pattern_changed()

    def pattern_keys(self) -> list[str]:
        """The keys of the patterns offered now, in order."""
        return [self.pattern_combo.itemData(i).key for i in range(self.pattern_combo.count())]

    def select_pattern(self, key: str) -> None:
        keys = self.pattern_keys()
        if key not in keys:
            raise ValueError(f"pattern {key!r} is not offered here; offered: {', '.join(keys)}")
        self.pattern_combo.setCurrentIndex(keys.index(key))

    def _holds_toggled(self, checked: bool) -> None:
        self.holds_note.setVisible(checked)
        current = self.pattern_combo.currentData()
        self._fill_patterns(current.key if current is not None else DEFAULT_PATTERN)

    def _pattern_changed(self, _index: int = 0) -> None:
        pattern = self.pattern_combo.currentData()
        if pattern is None:
            return
        text = f"{pattern.summary()}. {pattern.description}".strip()
        self.pattern_about.setText(text)
        self.pattern_combo.setAccessibleDescription(text)

    # -- starting -----------------------------------------------------------------------------

    def config(self) -> BreathingConfig:
        """The practice the controls describe now."""
        return BreathingConfig(
            pattern=self.pattern_combo.currentData(),
            minutes=self.minutes_spin.value(),
            glide=self.glide_check.isChecked(),
            reduced_motion=self.reduced_motion_check.isChecked(),
            allow_holds=self.holds_check.isChecked(),
        )

    def _start(self) -> None:
        self.show_notice("")
        self.start_requested.emit(self.config())

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def focus_start(self) -> None:
        """Give the focus to the first thing to do: the "again" shortcut when there is one
        (so Enter repeats the last practice), else the start button."""
        target = self.again_button if self.again_box.isVisibleTo(self) else self.start_button
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- situations and defaults -------------------------------------------------------------

    def choose_situation(self, key: str) -> None:
        """Show the exercises for situation ``key`` and set the card's defaults for it."""
        situation = next((s for s in SITUATIONS if s.key == key), None)
        if situation is None:
            raise ValueError(f"unknown situation {key!r}; known: {', '.join(SITUATION_KEYS)}")
        self.situation = key
        self.situation_buttons[key].setChecked(True)
        self.exercise_list.select_moment(situation.moment)
        if situation.pattern is not None:
            # Gentle, with no breath holds, around a session.
            self.holds_check.setChecked(False)
            self.select_pattern(situation.pattern)
        elif self.pattern_combo.currentData().key != self._default_pattern:
            keys = self.pattern_keys()
            if self._default_pattern in keys:
                self.select_pattern(self._default_pattern)
        self.situation_chosen.emit(key)

    def set_defaults(self, pattern: str, minutes: int, reduced_motion: bool) -> None:
        """The person's defaults from Settings: pattern, length and reduced motion."""
        if pattern in PRESETS and not PRESETS[pattern].has_holds:
            self._default_pattern = pattern
            if not self.situation or self.situation in ("between", "breathe"):
                self.select_pattern(pattern)
        self.minutes_spin.setValue(minutes)
        self.reduced_motion_check.setChecked(reduced_motion)

    def show_again(self, text: str, description: str = "") -> None:
        """Offer the last practice as a shortcut ("" hides it)."""
        self.again_button.setText(f"Again: {text}" if text else "")
        self.again_button.setAccessibleName(f"Again: {text}" if text else "")
        self.again_button.setAccessibleDescription(description or "Starts it again")
        self.again_box.setVisible(bool(text))

    # -- arranging for the room there is ---------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # The page's side margins and room for a scroll bar; the column never grows wider.
        self._arrange(min(CONTENT_WIDTH, event.size().width() - 64 - 16))

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
        card_width = self.card_needed_width()
        side_by_side = card_width + 24 + LIST_MIN_WIDTH <= width
        direction = (
            QBoxLayout.Direction.LeftToRight if side_by_side else QBoxLayout.Direction.TopToBottom
        )
        self.card.setMaximumWidth(card_width if side_by_side else 16777215)
        if self.columns.direction() != direction:
            self.columns.setDirection(direction)

    def card_needed_width(self) -> int:
        """The breathing card's width with every switch and button on one line."""
        widest = max(
            w.sizeHint().width()
            for w in (self.holds_check, self.glide_check, self.reduced_motion_check)
        )
        margins = self.card.contentsMargins()
        layout = self.card.layout()
        inner = layout.contentsMargins() if layout is not None else margins
        return widest + inner.left() + inner.right() + 8

    def set_reading_order(self, log_controls: list[QWidget]) -> None:
        """Tab follows the page as it reads: the title row, the practice log's strip
        (``log_controls``), the situations, the "again" shortcut, the breathing card, then the
        guided exercises and the tools below them."""
        listed = self.exercise_list
        order: list[QWidget] = [
            self.about_button,
            self.settings_button,
            *log_controls,
            *self.situation_buttons.values(),
            self.again_button,
            self.pattern_combo,
            self.holds_check,
            self.minutes_spin,
            self.glide_check,
            self.reduced_motion_check,
            self.start_button,
            listed.problems_button,
            *listed.moment_buttons.values(),
        ]
        for a, b in itertools.pairwise(order):
            QWidget.setTabOrder(a, b)
        listed.select_moment(listed.moment)  # the rows follow the group buttons
        rows = listed.rows()
        last: QWidget = rows[-1] if rows else order[-1]
        QWidget.setTabOrder(last, self.present_button)
        QWidget.setTabOrder(self.present_button, self.editor_button)

    def restyle(self, theme: Theme) -> None:
        """Take a new theme or text size for the parts of home that carry their own styles."""
        self._theme = theme
        self._column.setStyleSheet(situation_styles(theme))

    def set_recent(self, exercise_id: str | None) -> bool:
        """Offer the exercise started most recently as a shortcut (see ExerciseList)."""
        return self.exercise_list.set_recent(exercise_id)
