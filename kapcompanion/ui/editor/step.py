"""The script editor's form for one step: its words, how it ends, breathing, a sound, something
to answer, and (below, from :mod:`kapcompanion.ui.editor.voice_panel`) its recorded voice.

The form writes every change straight into the :class:`StepDraft` it shows and says so with
``changed``; the editor checks the whole script and hands the problems back with
:meth:`StepForm.show_problems`, which puts each one under the part of the form it is about.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kapcompanion.domain.draft_check import WAITS_FOR_THE_PERSON
from kapcompanion.domain.drafts import (
    BREATHING_ONLY,
    TIMED,
    UNTIL_CONTINUE,
    BreathingDraft,
    InputDraft,
    StepDraft,
)
from kapcompanion.domain.pacing import PRESETS
from kapcompanion.domain.scripts import MAX_TEXT_LENGTH, SOUND_CUES
from kapcompanion.i18n import N_, _
from kapcompanion.ui.shell import scaffold
from kapcompanion.ui.shell.theme import Theme, text_scale, width

TIMINGS = (
    (TIMED, N_("After a number of seconds")),
    (UNTIL_CONTINUE, N_("When the person continues")),
    (BREATHING_ONLY, N_("When its breathing ends")),
)
SOUNDS = {
    "": N_("No sound"),
    "step-chime": N_("Step chime"),
    "bell": N_("Bell"),
    "soft-bell": N_("Soft bell"),
}
INPUTS = (
    ("", N_("Nothing to answer")),
    ("rating", N_("A rating from 0 to 10")),
    ("text", N_("A few written words")),
    ("checklist", N_("Things to tick")),
    ("body-map", N_("A body map to mark where something is felt")),
)
OWN_TIMING = ""
#: From this text size (150 %) the form's labels stand above their fields.
LABELS_ABOVE_FROM = 1.5
#: The parts of the form a problem can be shown under
#: (see kapcompanion.domain.draft_check.Place.group).
GROUPS = ("text", "timing", "breathing", "sound", "input", "voice")


def _labels_above(form: QFormLayout) -> None:
    wrap = QFormLayout.RowWrapPolicy
    policy = wrap.WrapAllRows if text_scale() >= LABELS_ABOVE_FROM else wrap.WrapLongRows
    if form.rowWrapPolicy() != policy:
        form.setRowWrapPolicy(policy)


def _least_width(combo: QComboBox) -> None:
    combo.setMinimumWidth(width(140))


class _ProblemLabel(QLabel):
    """A wrapped label that asks for the height its lines need at the width it is given: a form
    row works out a wrapped label's height at another width than the one it then gives it, and
    with large text (or a longer language) the last lines were cut."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def fit(self) -> None:
        need = self.heightForWidth(self.width()) if self.text() else 0
        if need >= 0 and need != self.minimumHeight():
            self.setMinimumHeight(need)


def problem_label() -> QLabel:
    label = _ProblemLabel("")

    label.setObjectName("problem")
    label.setWordWrap(True)
    label.hide()
    return label


def set_problem(label: QLabel, messages: Sequence[str]) -> None:
    text = "\n".join(dict.fromkeys(messages))
    if label.text() != text:
        label.setText(text)
        if isinstance(label, _ProblemLabel):
            label.fit()  # fewer lines need less room, more need more

    label.setVisible(bool(text))


def mark(widget: QWidget, on: bool) -> None:
    """Outline a field that has a problem (the style sheet draws it)."""
    if bool(widget.property("problem")) != on:
        widget.setProperty("problem", on)
        style = widget.style()
        style.unpolish(widget)
        style.polish(widget)


def seconds_spin(low: float, high: float, suffix: str | None = None) -> QDoubleSpinBox:
    """A spin box for seconds (or, with its ``suffix``, another unit), with one decimal."""
    spin = QDoubleSpinBox()
    spin.setRange(low, high)
    spin.setDecimals(1)
    spin.setSingleStep(1.0)
    spin.setSuffix(_(" s") if suffix is None else suffix)
    spin.setKeyboardTracking(False)
    spin.setMaximumWidth(170)
    return spin


class StepForm(QWidget):
    """One step's fields; see the module's text."""

    changed = Signal()

    def __init__(self, theme: Theme, voice_panel: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self._theme = theme
        self._step: StepDraft | None = None
        self._loading = False
        self.voice_panel = voice_panel

        self.heading = QLabel(_("Step"))
        self.heading.setObjectName("heading")

        # -- words --
        self.text_edit = QPlainTextEdit()
        self.text_edit.setAccessibleName(_("The step's words"))
        self.text_edit.setPlaceholderText(_("What the step says, for example: You might let…"))
        scaffold.follow_text_size(  # its lines grow with the text size
            self.text_edit, lambda: self.text_edit.setFixedHeight(width(92))
        )
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.textChanged.connect(self._text_changed)

        # -- how it ends --
        self.timing_combo = QComboBox()
        self.timing_combo.setAccessibleName(_("How the step ends"))
        # As wide as its longest choice at the text size in use (set live too), not as at first
        # show: "After a number of seconds" was cut at 200 %.
        self.timing_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for key, label in TIMINGS:
            self.timing_combo.addItem(_(label), key)
        self.timing_combo.currentIndexChanged.connect(self._timing_changed)
        self.seconds_spin = seconds_spin(0.0, 3600.0)
        self.seconds_spin.setAccessibleName(_("Seconds the step lasts"))
        self.seconds_spin.valueChanged.connect(self._seconds_changed)

        # -- breathing --
        self.breathing_check = QCheckBox(_("Breathing with this step"))
        self.breathing_check.setAccessibleName(_("Breathing with this step"))
        self.breathing_check.toggled.connect(self._breathing_toggled)
        self.preset_combo = QComboBox()
        self.preset_combo.setAccessibleName(_("Breathing pattern"))
        for key, pattern in PRESETS.items():
            if pattern.has_holds:
                item = _("{pattern}: {timing} (has breath holds)")
            else:
                item = _("{pattern}: {timing}")
            self.preset_combo.addItem(
                item.format(pattern=_(pattern.name), timing=pattern.summary()), key
            )
        self.preset_combo.addItem(_("Own timing: breath in and out in seconds"), OWN_TIMING)
        self.preset_combo.currentIndexChanged.connect(self._breathing_changed)
        self.breath_seconds = seconds_spin(0.0, 3600.0)
        self.breath_seconds.setAccessibleName(_("Seconds of breathing"))
        self.inhale_spin = seconds_spin(0.0, 60.0)
        self.inhale_spin.setAccessibleName(_("Breath in, seconds"))
        self.exhale_spin = seconds_spin(0.0, 60.0)
        self.exhale_spin.setAccessibleName(_("Breath out, seconds"))
        for spin in (self.breath_seconds, self.inhale_spin, self.exhale_spin):
            spin.valueChanged.connect(self._breathing_changed)
        self.breath_box = QWidget()
        breath_form = QFormLayout(self.breath_box)
        # Each label above its field: a form inside a form row that wraps only some of its rows
        # (large text, a longer language) was given the height of the unwrapped rows, and the
        # labels were cut.
        breath_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        breath_form.setContentsMargins(0, 0, 0, 0)
        breath_form.addRow(_("Pattern"), self.preset_combo)
        breath_form.addRow(_("Breathe for"), self.breath_seconds)
        self._inhale_row = (QLabel(_("Breath in")), self.inhale_spin)
        self._exhale_row = (QLabel(_("Breath out")), self.exhale_spin)
        breath_form.addRow(*self._inhale_row)
        breath_form.addRow(*self._exhale_row)

        # -- sound --
        self.sound_combo = QComboBox()
        self.sound_combo.setAccessibleName(_("A sound as the step begins"))
        for key in ("", *SOUND_CUES):
            self.sound_combo.addItem(_(SOUNDS[key]) if key in SOUNDS else key, key)
        self.sound_combo.currentIndexChanged.connect(self._sound_changed)

        # -- something to answer --
        self.input_combo = QComboBox()
        self.input_combo.setAccessibleName(_("Something to answer"))
        for key, label in INPUTS:
            self.input_combo.addItem(_(label), key)
        self.input_combo.currentIndexChanged.connect(self._input_kind_changed)
        self.key_edit = QLineEdit()
        self.key_edit.setAccessibleName(_("The answer's key"))
        self.key_edit.setPlaceholderText(_("a short key such as settled"))
        self.low_edit = QLineEdit()
        self.low_edit.setAccessibleName(_("The label at 0"))
        self.high_edit = QLineEdit()
        self.high_edit.setAccessibleName(_("The label at 10"))
        self.length_spin = QSpinBox()
        self.length_spin.setRange(0, MAX_TEXT_LENGTH * 2)
        self.length_spin.setSpecialValueText(_("the usual 200"))
        self.length_spin.setSuffix(_(" characters"))
        self.length_spin.setAccessibleName(_("Longest answer"))
        self.length_spin.setMaximumWidth(220)
        self.hint_edit = QLineEdit()
        self.hint_edit.setAccessibleName(_("A faint hint in the empty box"))
        self.items_edit = QPlainTextEdit()
        self.items_edit.setAccessibleName(_("Things to tick, one on each line"))
        self.items_edit.setPlaceholderText(_("One on each line"))
        scaffold.follow_text_size(  # its lines grow with the text size
            self.items_edit, lambda: self.items_edit.setFixedHeight(width(84))
        )
        self.items_edit.setTabChangesFocus(True)
        for line in (self.key_edit, self.low_edit, self.high_edit, self.hint_edit):
            line.textEdited.connect(self._input_changed)
        self.length_spin.valueChanged.connect(self._input_changed)
        self.items_edit.textChanged.connect(self._input_changed)
        self.input_box = QWidget()
        self.input_form = QFormLayout(self.input_box)
        # Each label above its field (see the breathing's form above).
        self.input_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)

        self.input_form.setContentsMargins(0, 0, 0, 0)
        self.input_form.addRow(_("Name in the log"), self.key_edit)
        self.input_form.addRow(_("Label at 0"), self.low_edit)
        self.input_form.addRow(_("Label at 10"), self.high_edit)
        self.input_form.addRow(_("Longest answer"), self.length_spin)
        self.input_form.addRow(_("Hint"), self.hint_edit)
        self.input_form.addRow(_("Items"), self.items_edit)

        self.problems: dict[str, QLabel] = {g: problem_label() for g in GROUPS}
        self.fields: dict[str, QWidget] = {
            "text": self.text_edit,
            "seconds": self.seconds_spin,
            "until_continue": self.timing_combo,
            "breathing": self.preset_combo,
            "breathing.preset": self.preset_combo,
            "breathing.seconds": self.breath_seconds,
            "breathing.inhale": self.inhale_spin,
            "breathing.exhale": self.exhale_spin,
            "sound": self.sound_combo,
            "input.key": self.key_edit,
            "input.low": self.low_edit,
            "input.high": self.high_edit,
            "input.max_length": self.length_spin,
            "input.hint": self.hint_edit,
            "input.items": self.items_edit,
        }

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # narrow: label above
        # With large text every label goes above its field, and each list has the panel's whole
        # width: beside its label, "After a number of seconds" was cut at 200 %.
        scaffold.follow_text_size(self, partial(_labels_above, form))
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(8)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self._label(_("&Words"), self.text_edit), self.text_edit)
        form.addRow("", self.problems["text"])
        form.addRow(self._label(_("&Ends"), self.timing_combo), self.timing_combo)
        form.addRow("", self.seconds_spin)
        form.addRow("", self.problems["timing"])
        form.addRow(self.breathing_check)  # the whole row: its words need the room
        form.addRow("", self.breath_box)
        form.addRow("", self.problems["breathing"])
        form.addRow(self._label(_("&Sound"), self.sound_combo), self.sound_combo)
        form.addRow("", self.problems["sound"])
        form.addRow(self._label(_("&Answer"), self.input_combo), self.input_combo)
        form.addRow("", self.input_box)
        form.addRow("", self.problems["input"])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addSpacing(6)
        layout.addWidget(voice_panel)
        layout.addWidget(self.problems["voice"])
        layout.addStretch(1)
        # A list as wide as its longest choice pushed the panel out sideways in a narrow
        # window: it asks for that width where there is room, and makes do with less where
        # there is not; it opens wide enough to read every choice.
        for combo in self.findChildren(QComboBox):
            scaffold.follow_text_size(combo, partial(_least_width, combo))
            combo.view().setTextElideMode(Qt.TextElideMode.ElideNone)
        self.set_step(None, 0)

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    # -- showing a step ----------------------------------------------------------------------------

    @property
    def step(self) -> StepDraft | None:
        return self._step

    def set_step(self, step: StepDraft | None, number: int) -> None:
        self._step = step
        self._loading = True
        try:
            self.setEnabled(step is not None)
            if step is not None:
                self.heading.setText(_("Step {number}").format(number=number))
            else:
                self.heading.setText(_("No step chosen"))
            s = step or StepDraft()
            if self.text_edit.toPlainText() != s.text:
                self.text_edit.setPlainText(s.text)
            self._select(self.timing_combo, s.timing)
            self.seconds_spin.setValue(s.seconds if s.seconds is not None else 20.0)
            b = s.breathing
            self.breathing_check.setChecked(b is not None)
            b = b or BreathingDraft()
            self._select(self.preset_combo, b.preset if b.preset is not None else OWN_TIMING)
            self.breath_seconds.setValue(b.seconds)
            self.inhale_spin.setValue(b.inhale)
            self.exhale_spin.setValue(b.exhale)
            self._select(self.sound_combo, s.sound or "")
            i = s.input
            self._select(self.input_combo, i.kind if i is not None else "")
            i = i or InputDraft()
            self.key_edit.setText(i.key)
            self.low_edit.setText(i.low)
            self.high_edit.setText(i.high)
            self.length_spin.setValue(i.max_length or 0)
            self.hint_edit.setText(i.hint)
            items = "\n".join(i.items)
            if self.items_edit.toPlainText() != items:
                self.items_edit.setPlainText(items)
        finally:
            self._loading = False
        self._show_parts()

    @staticmethod
    def _select(combo: QComboBox, key: str) -> None:
        index = combo.findData(key)
        combo.setCurrentIndex(max(0, index))

    def _show_parts(self) -> None:
        s = self._step
        timing = self.timing_combo.currentData()
        self.seconds_spin.setVisible(timing == TIMED)
        breathing = s is not None and s.breathing is not None
        self.breathing_check.setEnabled(timing != BREATHING_ONLY)
        self.breath_box.setVisible(breathing)
        own = self.preset_combo.currentData() == OWN_TIMING
        for label, spin in (self._inhale_row, self._exhale_row):
            label.setVisible(own)
            spin.setVisible(own)
        kind = self.input_combo.currentData()
        self.input_box.setVisible(bool(kind))
        rows = {
            self.key_edit: bool(kind),
            self.low_edit: kind == "rating",
            self.high_edit: kind == "rating",
            self.length_spin: kind == "text",
            self.hint_edit: kind == "text",
            self.items_edit: kind == "checklist",
        }
        for widget, on in rows.items():
            self.input_form.setRowVisible(widget, on)

    # -- writing into the draft ----------------------------------------------------------------

    def _edit(self, change: Callable[[StepDraft], None]) -> None:
        if self._loading or self._step is None:
            return
        change(self._step)
        self._show_parts()
        self.changed.emit()

    def _text_changed(self) -> None:
        text = self.text_edit.toPlainText()
        self._edit(lambda s: setattr(s, "text", text))

    def _timing_changed(self) -> None:
        timing = str(self.timing_combo.currentData())
        seconds = self.seconds_spin.value()

        def change(s: StepDraft) -> None:
            s.set_timing(timing, seconds)
            if timing == BREATHING_ONLY and not self.breathing_check.isChecked():
                self._loading = True
                self.breathing_check.setChecked(True)
                self._loading = False

        self._edit(change)

    def _seconds_changed(self, value: float) -> None:
        def change(s: StepDraft) -> None:
            if s.timing == TIMED:
                s.seconds = value

        self._edit(change)

    def _breathing_toggled(self, on: bool) -> None:
        def change(s: StepDraft) -> None:
            if on and s.breathing is None:
                s.breathing = self._breathing_from_fields()
            elif not on:
                s.breathing = None

        self._edit(change)

    def _breathing_from_fields(self) -> BreathingDraft:
        preset = self.preset_combo.currentData()
        return BreathingDraft(
            preset=str(preset) if preset else None,
            seconds=self.breath_seconds.value(),
            inhale=self.inhale_spin.value(),
            exhale=self.exhale_spin.value(),
        )

    def _breathing_changed(self) -> None:
        def change(s: StepDraft) -> None:
            if s.breathing is None:
                return
            made = self._breathing_from_fields()
            made.hold_after_inhale = s.breathing.hold_after_inhale if made.preset is None else 0
            made.hold_after_exhale = s.breathing.hold_after_exhale if made.preset is None else 0
            s.breathing = made

        self._edit(change)

    def _sound_changed(self) -> None:
        sound = str(self.sound_combo.currentData() or "")
        self._edit(lambda s: setattr(s, "sound", sound or None))

    def _input_kind_changed(self) -> None:
        kind = str(self.input_combo.currentData() or "")

        def change(s: StepDraft) -> None:
            if not kind:
                s.input = None
                return
            if kind in WAITS_FOR_THE_PERSON and s.timing != UNTIL_CONTINUE:
                # Writing or ticking takes the person's own time: the step waits for them.
                s.set_timing(UNTIL_CONTINUE)
                self._loading = True
                self.timing_combo.setCurrentIndex(self.timing_combo.findData(UNTIL_CONTINUE))
                self.seconds_spin.setVisible(False)
                self._loading = False
            if s.input is None:
                s.input = self._input_from_fields(kind)
                if not s.input.key:
                    s.input.key = {
                        "rating": "settled",
                        "text": "words",
                        "checklist": "ready",
                        "body-map": "felt",
                    }[kind]
                    self._loading = True
                    self.key_edit.setText(s.input.key)
                    self._loading = False
            else:
                s.input.kind = kind

        self._edit(change)

    def _input_from_fields(self, kind: str) -> InputDraft:
        items = [line.strip() for line in self.items_edit.toPlainText().split("\n")]
        return InputDraft(
            kind=kind,
            key=self.key_edit.text(),
            low=self.low_edit.text(),
            high=self.high_edit.text(),
            max_length=self.length_spin.value() or None,
            hint=self.hint_edit.text(),
            items=[i for i in items if i],
        )

    def _input_changed(self) -> None:
        def change(s: StepDraft) -> None:
            if s.input is not None:
                s.input = self._input_from_fields(s.input.kind)

        self._edit(change)

    # -- problems ------------------------------------------------------------------------------

    def show_problems(self, by_group: Mapping[str, Sequence[str]], fields: set[str]) -> None:
        """Messages under each part of the form, and an outline on each field named."""
        for group, label in self.problems.items():
            set_problem(label, by_group.get(group, ()))
        for name, widget in self.fields.items():
            mark(widget, name in fields)
