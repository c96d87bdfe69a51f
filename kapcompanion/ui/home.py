"""The home screen: a calm start page with a breathing practice to begin.

Patterns with breath holds are hidden until the person opts in, because holds can feel
activating for some people. Every control is reachable by keyboard and has an accessible name.
The lower part of the page (:attr:`HomeScreen.exercises_layout`) is where guided exercises are
listed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kapcompanion.domain.pacing import DEFAULT_PATTERN, available_patterns
from kapcompanion.ui.breathing_config import (
    DEFAULT_MINUTES,
    MAX_MINUTES,
    MIN_MINUTES,
    BreathingConfig,
)
from kapcompanion.ui.exercise_list import ExerciseList
from kapcompanion.ui.theme import DARK, Theme

TAGLINE = (
    "A quiet place to breathe, notice your body and settle, at your own pace. "
    "Everything stays on this computer."
)
HOLDS_NOTE = (
    "Breath holds are optional. For some people they can feel activating; "
    "if that happens, you can let them go or end the practice at any time."
)
CONTENT_WIDTH = 760


class HomeScreen(QWidget):
    """Emits ``start_requested(BreathingConfig)`` when the person starts a practice."""

    start_requested = Signal(object)
    settings_requested = Signal()
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
        self.settings_button.setAccessibleName("Settings: sound, volume and output")
        self.settings_button.setAutoDefault(True)
        self.settings_button.clicked.connect(self.settings_requested.emit)
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
        form = QFormLayout()
        form.setHorizontalSpacing(20)
        form.setVerticalSpacing(12)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(pattern_label, self.pattern_combo)
        form.addRow("", self.pattern_about)
        form.addRow("", self.holds_check)
        form.addRow("", self.holds_note)
        form.addRow(minutes_label, self.minutes_spin)
        form.addRow("", self.glide_check)
        form.addRow("", self.reduced_motion_check)

        start_row = QHBoxLayout()
        start_row.addStretch(1)
        start_row.addWidget(self.start_button)

        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(28, 22, 28, 22)
        card_layout.setSpacing(14)
        card_layout.addWidget(heading)
        card_layout.addLayout(form)
        card_layout.addLayout(start_row)

        # -- where guided exercises are listed -----------------------------------------------
        self.exercises_layout = QVBoxLayout()
        self.exercises_layout.setSpacing(14)
        # Grouped by moment, with a recent shortcut and a line for scripts with problems.
        self.exercise_list = ExerciseList(theme)
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

        column = QWidget()
        column.setMaximumWidth(CONTENT_WIDTH)
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 36, 0, 36)
        column_layout.setSpacing(14)
        title_row = QHBoxLayout()
        title_row.addWidget(title, 1)
        title_row.addWidget(self.settings_button, 0, Qt.AlignmentFlag.AlignVCenter)
        column_layout.addLayout(title_row)
        column_layout.addWidget(tagline)
        column_layout.addWidget(self.notice)
        # The practice log's strip: days since a session, History, guest practice.
        self.log_layout = QVBoxLayout()
        column_layout.addLayout(self.log_layout)
        column_layout.addSpacing(10)
        column_layout.addWidget(card)
        column_layout.addLayout(self.exercises_layout)
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
        scroll.setWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.setTabOrder(self.pattern_combo, self.holds_check)
        self.setTabOrder(self.holds_check, self.minutes_spin)
        self.setTabOrder(self.minutes_spin, self.glide_check)
        self.setTabOrder(self.glide_check, self.reduced_motion_check)
        self.setTabOrder(self.reduced_motion_check, self.start_button)

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
        self.start_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_recent(self, exercise_id: str | None) -> bool:
        """Offer the exercise started most recently as a shortcut (see ExerciseList)."""
        return self.exercise_list.set_recent(exercise_id)
