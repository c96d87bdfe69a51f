"""Home's breathing card: a pattern, a length, two switches and the start button.

Patterns with breath holds are hidden until the person opts in, because holds can feel
activating for some people. The card describes the practice its controls show
(:meth:`BreathingCard.config`) and emits ``start_requested`` with it; the switches for glide and
reduced motion show the person's preferences (:meth:`BreathingCard.show_motion`) and report
their changes through ``glide_toggled`` and ``reduced_motion_toggled``.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kapcompanion.domain.breathing_config import BreathingConfig
from kapcompanion.domain.limits import BREATHING_MINUTES
from kapcompanion.domain.pacing import DEFAULT_PATTERN, BreathPattern, available_patterns
from kapcompanion.i18n import N_, _, pgettext
from kapcompanion.ui.shell import scaffold

HOLDS_NOTE = N_(
    "Breath holds are optional. For some people they can feel activating; "
    "if that happens, you can let them go or end the practice at any time."
)


class BreathingCard(QFrame):
    """See the module's text."""

    start_requested = Signal(object)
    glide_toggled = Signal(bool)
    reduced_motion_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        heading = QLabel(_("Breathe"))
        heading.setObjectName("heading")

        self.pattern_combo = QComboBox()
        self.pattern_combo.setAccessibleName(_("Breathing pattern"))
        self.pattern_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.pattern_about = QLabel("")
        self.pattern_about.setObjectName("muted")
        self.pattern_about.setWordWrap(True)

        self.holds_check = QCheckBox(_("Show patterns with breath holds"))
        self.holds_check.setAccessibleName(_("Show patterns with breath holds"))
        self.holds_check.setChecked(False)
        self.holds_note = QLabel(_(HOLDS_NOTE))
        self.holds_note.setObjectName("muted")
        self.holds_note.setWordWrap(True)
        self.holds_note.hide()

        self.minutes_spin = QSpinBox()
        self.minutes_spin.setRange(BREATHING_MINUTES.low, BREATHING_MINUTES.high)
        self.minutes_spin.setValue(BREATHING_MINUTES.default)
        self.minutes_spin.setSuffix(pgettext("after a number of minutes", " min"))
        self.minutes_spin.setAccessibleName(_("Length of the practice in minutes"))
        self.minutes_spin.setMaximumWidth(200)

        self.glide_check = QCheckBox(_("Begin a little quicker and slow down gently"))
        self.glide_check.setAccessibleName(_("Glide: begin a little quicker and slow down gently"))
        self.glide_check.setChecked(True)
        self.reduced_motion_check = QCheckBox(_("Reduced motion: the shape stays still and fills"))
        self.reduced_motion_check.setAccessibleName(_("Reduced motion"))
        self.reduced_motion_check.setChecked(False)

        self.start_button = QPushButton(_("Start breathing"))
        self.start_button.setObjectName("primary")
        self.start_button.setAccessibleName(_("Start the breathing practice"))
        self.start_button.setAutoDefault(True)
        self.start_button.clicked.connect(lambda: self.start_requested.emit(self.config()))

        pattern_label = QLabel(_("&Pattern"))
        pattern_label.setBuddy(self.pattern_combo)
        minutes_label = QLabel(_("&Length"))
        minutes_label.setBuddy(self.minutes_spin)

        # One column, so the switches keep the card's whole width for their words.
        def same_width() -> None:
            wide = max(pattern_label.sizeHint().width(), minutes_label.sizeHint().width())
            pattern_label.setMinimumWidth(wide)
            minutes_label.setMinimumWidth(wide)

        scaffold.follow_text_size(minutes_label, same_width)
        pattern_row = QHBoxLayout()
        pattern_row.setSpacing(16)
        pattern_row.addWidget(pattern_label)
        pattern_row.addWidget(self.pattern_combo, 1)
        minutes_row = QHBoxLayout()
        minutes_row.setSpacing(16)
        minutes_row.addWidget(minutes_label)
        minutes_row.addWidget(self.minutes_spin)
        minutes_row.addStretch(1)

        start_row = QHBoxLayout()
        start_row.addStretch(1)
        start_row.addWidget(self.start_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 20)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addLayout(pattern_row)
        layout.addWidget(self.pattern_about)
        layout.addWidget(self.holds_check)
        layout.addWidget(self.holds_note)
        layout.addLayout(minutes_row)
        layout.addWidget(self.glide_check)
        layout.addWidget(self.reduced_motion_check)
        layout.addLayout(start_row)

        self.setTabOrder(self.pattern_combo, self.holds_check)
        self.setTabOrder(self.holds_check, self.minutes_spin)
        self.setTabOrder(self.minutes_spin, self.glide_check)
        self.setTabOrder(self.glide_check, self.reduced_motion_check)
        self.setTabOrder(self.reduced_motion_check, self.start_button)

        self.holds_check.toggled.connect(self._holds_toggled)
        self.pattern_combo.currentIndexChanged.connect(self._pattern_changed)
        self.glide_check.toggled.connect(self.glide_toggled.emit)
        self.reduced_motion_check.toggled.connect(self.reduced_motion_toggled.emit)
        self._fill_patterns(DEFAULT_PATTERN)

    def controls(self) -> list[QWidget]:
        """The card's controls in reading order."""
        return [
            self.pattern_combo,
            self.holds_check,
            self.minutes_spin,
            self.glide_check,
            self.reduced_motion_check,
            self.start_button,
        ]

    # -- patterns ---------------------------------------------------------------------------

    def _fill_patterns(self, keep: str) -> None:
        patterns = available_patterns(self.holds_check.isChecked())
        self.pattern_combo.blockSignals(True)
        self.pattern_combo.clear()
        for pattern in patterns:
            self.pattern_combo.addItem(_(pattern.name), pattern)
        keys = [p.key for p in patterns]
        index = keys.index(keep) if keep in keys else keys.index(DEFAULT_PATTERN)
        self.pattern_combo.setCurrentIndex(index)
        self.pattern_combo.blockSignals(False)
        self._pattern_changed()

    def pattern(self) -> BreathPattern:
        """The pattern chosen now."""
        chosen = self.pattern_combo.currentData()
        assert isinstance(chosen, BreathPattern)
        return chosen

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
        text = _("{summary}. {description}").format(
            summary=pattern.summary(), description=_(pattern.description)
        )
        text = text.strip()
        self.pattern_about.setText(text)
        self.pattern_combo.setAccessibleDescription(text)

    # -- what the card shows ------------------------------------------------------------------

    def config(self) -> BreathingConfig:
        """The practice the controls describe now."""
        return BreathingConfig(
            pattern=self.pattern(),
            minutes=self.minutes_spin.value(),
            glide=self.glide_check.isChecked(),
            reduced_motion=self.reduced_motion_check.isChecked(),
            allow_holds=self.holds_check.isChecked(),
        )

    def show_motion(self, *, reduced_motion: bool, glide: bool) -> None:
        """Show the person's motion preferences on the switches (without reporting them back)."""
        for check, on in ((self.reduced_motion_check, reduced_motion), (self.glide_check, glide)):
            check.blockSignals(True)
            check.setChecked(on)
            check.blockSignals(False)

    def needed_width(self) -> int:
        """The card's width with every switch and button on one line."""
        widest = max(
            w.sizeHint().width()
            for w in (self.holds_check, self.glide_check, self.reduced_motion_check)
        )
        layout = self.layout()
        inner = layout.contentsMargins() if layout is not None else self.contentsMargins()
        return widest + inner.left() + inner.right() + 8
