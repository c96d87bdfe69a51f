"""The settings screen: sound on or off, which sounds, how loud, through which output, and why
sound is unavailable when it is.

Every change takes effect and is saved at once; there is nothing to confirm. The screen only
shows and forwards: the :class:`~kapcompanion.ui.shell.sound_output.SoundController` decides and
keeps the settings. Esc or Back returns to the screen below.
"""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kapcompanion.i18n import N_, _
from kapcompanion.ui.shell import scaffold
from kapcompanion.ui.shell.sound_output import SoundController
from kapcompanion.ui.shell.theme import DARK, Theme
from kapcompanion.ui.shell.volume import VolumeControl
from kapcompanion.ui.shell.wrapping import WrapCheck

CONTENT_WIDTH = 760
INTRO = N_("Changes are kept at once, on this computer only.")
SOUND_NOTE = N_(
    "Sound starts off, so the app stays quiet when it opens in a shared room. "
    "Every practice works the same in silence."
)
CUE_TEXT = {
    "breath_like": N_("Soft air that swells and ebbs with the breath"),
    "breath_tone": N_("A soft tone that rises and falls with the breath"),
    "phase_tones": N_("A short tone each time the breath turns"),
    "step_chimes": N_("Chimes and bells as exercise steps begin"),
    "bells": N_("A bell as a breathing practice begins and ends"),
}
DEFAULT_OUTPUT = N_("System default")


SOUND_CHECK = N_("Play sound")
#: The same switch while no audio output can be used (the status line under it says why).
SOUND_WHEN_FOUND = N_("Play sound once an output is found")


class SettingsScreen(QWidget):
    """Emits ``closed`` when the person goes back."""

    closed = Signal()

    def __init__(
        self,
        controller: SoundController,
        theme: Theme = DARK,
        parent: QWidget | None = None,
        *,
        general: QWidget | None = None,
    ) -> None:
        """``general`` holds the other sections (appearance, practice, reminders, crisis
        resources, files; see ui/settings_general.py), shown after sound."""
        super().__init__(parent)
        scaffold.as_screen(self)
        self.title = _("Settings")
        self.controller = controller
        self._outputs: list[Any] = []

        title = scaffold.label(_("Settings"), "title")
        intro = scaffold.label(_(INTRO), "muted", wrap=True)
        self.problems_label = scaffold.label("", "notice", wrap=True)
        self.problems_label.setAccessibleName(_("Settings that could not be read"))
        self.problems_label.hide()

        # -- the sound card --------------------------------------------------------------------
        sound_card, card_layout = scaffold.card(_("Sound"), spacing=14, padding=22)

        self.sound_check = WrapCheck(_(SOUND_CHECK))
        self.sound_check.setAccessibleName(_(SOUND_CHECK))
        self.sound_check.toggled.connect(controller.set_enabled)
        note = scaffold.label(_(SOUND_NOTE), "muted", wrap=True)

        self.cue_checks: dict[str, QCheckBox] = {}
        cues_box = QVBoxLayout()
        cues_box.setSpacing(6)
        for name, text in CUE_TEXT.items():
            check = WrapCheck(_(text))
            check.setAccessibleName(_(text))
            check.toggled.connect(lambda on, n=name: controller.set_cue(n, on))
            self.cue_checks[name] = check
            cues_box.addWidget(check)

        self.volume = VolumeControl(controller, theme, show_switch=False)

        self.output_combo = QComboBox()
        self.output_combo.setAccessibleName(_("Sound output"))
        self.output_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.output_combo.setMinimumWidth(280)
        self.output_combo.setMaximumWidth(460)
        self.output_combo.activated.connect(self._output_chosen)

        self.status_label = scaffold.label("", "muted", wrap=True)
        self.status_label.setAccessibleName(_("Sound status"))

        self.test_button = scaffold.button(
            _("Play a test chime"), _("Play a test chime"), controller.play_test_chime, wrap=True
        )
        self.retry_button = scaffold.button(
            _("Try sound again"), _("Try sound again"), self._retry, wrap=True
        )

        sounds_label = QLabel(_("Sounds"))
        volume_label = QLabel(_("&Volume"))
        volume_label.setBuddy(self.volume.slider)
        self.volume.label.hide()  # the form's own label names it
        output_label = QLabel(_("&Output"))
        output_label.setBuddy(self.output_combo)
        form = QFormLayout()
        form.setHorizontalSpacing(20)
        form.setVerticalSpacing(12)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow("", self.sound_check)
        form.addRow("", note)
        form.addRow("", self.status_label)
        form.addRow(sounds_label, cues_box)
        form.addRow(volume_label, self.volume)
        form.addRow(output_label, self.output_combo)

        actions = QHBoxLayout()
        actions.setSpacing(16)
        actions.addStretch(1)
        actions.addWidget(self.retry_button)
        actions.addWidget(self.test_button)

        card_layout.addLayout(form)
        card_layout.addLayout(actions)

        self.back_button = scaffold.button(
            _("Back"), _("Back to the previous screen"), self.closed.emit
        )

        # Back at the top too, where the page begins: no need to scroll to the end to leave.
        self.top_back_button = scaffold.button(
            _("Back"), _("Back to the previous screen"), self.closed.emit
        )
        title_row = QHBoxLayout()
        title_row.addWidget(title, 1)
        title_row.addWidget(self.top_back_button, 0, Qt.AlignmentFlag.AlignVCenter)

        column, column_layout = scaffold.page_column(CONTENT_WIDTH)
        column_layout.addLayout(title_row)
        column_layout.addWidget(intro)
        column_layout.addWidget(self.problems_label)
        column_layout.addSpacing(10)
        column_layout.addWidget(sound_card)
        self.general = general
        if general is not None:
            column_layout.addWidget(general)
        column_layout.addLayout(scaffold.hint_row(_("Esc goes back."), self.back_button))
        column_layout.addStretch(1)
        scaffold.scrolling_page(self, column)

        order: list[QWidget] = [
            self.sound_check,
            *self.cue_checks.values(),
            self.volume.slider,
            self.output_combo,
            self.retry_button,
            self.test_button,
        ]
        focus_order = getattr(general, "focus_order", None)
        later = getattr(general, "later_focus_order", None)
        if callable(focus_order) and callable(later):
            order += [*focus_order(), *later()]
        # The top Back comes round after the last control (the page opens on the first one).
        order += [self.back_button, self.top_back_button]
        for a, b in itertools.pairwise(order):
            self.setTabOrder(a, b)

        controller.changed.connect(self.refresh)
        controller.outputs_found.connect(self._fill_outputs)
        self._fill_outputs([])
        controller.find_outputs()
        self.refresh()
        self.setFocusProxy(self.sound_check)

    # -- showing -------------------------------------------------------------------------------

    def refresh(self) -> None:
        c = self.controller
        self.sound_check.blockSignals(True)
        self.sound_check.setChecked(c.enabled)
        self.sound_check.blockSignals(False)
        # Ticked while nothing can play: the tick says what happens once an output is there.
        waiting = c.enabled and not c.available and not c.opening
        self.sound_check.setText(_(SOUND_WHEN_FOUND) if waiting else _(SOUND_CHECK))
        self.sound_check.setAccessibleName(self.sound_check.text())
        for name, check in self.cue_checks.items():
            check.blockSignals(True)
            check.setChecked(c.cue_on(name))
            check.blockSignals(False)
        self.status_label.setText(c.status_text)
        self.status_label.setAccessibleDescription(c.status_text)
        self.test_button.setEnabled(c.available)
        self.retry_button.setVisible(c.enabled and not c.available and not c.opening)
        problems = c.store.problems
        self.problems_label.setText("\n".join(problems))
        self.problems_label.setVisible(bool(problems))
        self._select_output()

    def _fill_outputs(self, outputs: list[Any]) -> None:
        self._outputs = list(outputs)
        combo = self.output_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(_(DEFAULT_OUTPUT), "")
        names: list[str] = []
        for device in self._outputs:
            name = str(getattr(device, "name", ""))
            if name and name not in names:
                names.append(name)
                combo.addItem(name, name)
        saved = self.controller.output
        if saved and saved not in names:
            combo.addItem(_("{output} (not found now)").format(output=saved), saved)
        combo.blockSignals(False)
        self._select_output()

    def _select_output(self) -> None:
        index = self.output_combo.findData(self.controller.output)
        self.output_combo.blockSignals(True)
        self.output_combo.setCurrentIndex(max(0, index))
        self.output_combo.blockSignals(False)

    @property
    def output_names(self) -> list[str]:
        """The outputs offered, as shown (the first is the system's default)."""
        return [self.output_combo.itemText(i) for i in range(self.output_combo.count())]

    # -- changing ------------------------------------------------------------------------------

    def _output_chosen(self, index: int) -> None:
        name = self.output_combo.itemData(index)
        self.controller.set_output(name if isinstance(name, str) else "")

    def _retry(self) -> None:
        self.controller.retry()
        self.controller.find_outputs()
