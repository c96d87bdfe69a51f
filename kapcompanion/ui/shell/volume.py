"""A compact sound switch and volume slider that can sit on any practice screen.

Adding it to a screen is one line, e.g. in a row of buttons::

    buttons.addWidget(VolumeControl())

Without a controller it finds the window's
:class:`~kapcompanion.ui.shell.sound_output.SoundController` (``MainWindow.sound``) and theme when
it is first shown; every copy follows the same settings, so moving one moves the others. Both
parts work from the keyboard: Tab reaches them, Enter switches sound, the arrow keys, Page
Up/Down, Home and End move the volume.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QWidget

from kapcompanion.i18n import N_, _
from kapcompanion.ui.shell.scaffold import styled_with_text_size
from kapcompanion.ui.shell.sound_output import SoundController
from kapcompanion.ui.shell.theme import DARK, SMALL_PT, Theme, pt

#: The switch says how sound is now (its look is pressed in while on); what pressing it does is
#: its description.
SWITCH_ON = N_("Sound: on")
SWITCH_OFF = N_("Sound: off")
NO_SOUND_HINT = N_("Sound is not available here.")


def _styles(t: Theme) -> str:
    return f"""
QSlider#volume {{
    min-height: 30px; border: 2px solid transparent; border-radius: 8px; background: transparent;
}}
QSlider#volume:focus {{ border-color: {t.focus}; }}
QSlider#volume::groove:horizontal {{
    height: 6px; border-radius: 3px; background: {t.button_hover}; margin: 0px 10px;
}}
QSlider#volume::sub-page:horizontal {{
    height: 6px; border-radius: 3px; background: {t.accent}; margin: 0px 0px 0px 10px;
}}
QSlider#volume::add-page:horizontal {{
    height: 6px; border-radius: 3px; background: {t.button_hover}; margin: 0px 10px 0px 0px;
}}
QSlider#volume::handle:horizontal {{
    width: 18px; height: 18px; margin: -6px -9px; border-radius: 9px; background: {t.text};
}}
QLabel#volumeLabel, QLabel#volumeValue {{
    color: {t.muted}; font-size: {pt(SMALL_PT)}pt; background: transparent;
}}
QPushButton#soundSwitch {{ padding: 6px 16px; }}
QPushButton#soundSwitch:checked {{ border-color: {t.accent}; }}
"""


class _Percent(QLabel):
    """The volume as a number, always wide enough for "100%" in the type it has now, so it
    neither jumps while the slider moves nor stays narrow when the text size grows live."""

    def _widest(self, hint: QSize) -> QSize:
        margins = self.contentsMargins()
        wide = self.fontMetrics().horizontalAdvance("100%") + margins.left() + margins.right()
        return QSize(max(hint.width(), wide), hint.height())

    def sizeHint(self) -> QSize:
        return self._widest(super().sizeHint())

    def minimumSizeHint(self) -> QSize:
        return self._widest(super().minimumSizeHint())


class _Switch(QPushButton):
    """The sound switch, as wide as the longer of its two sayings ("on", "off") in the language
    and text size of the moment: switching moves nothing beside it, and no layout can squeeze
    it below that. (A style sheet's min-width would let a layout squeeze it down to that
    width, cutting the words at large text.)"""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        metrics = self.fontMetrics()
        longest = max(metrics.horizontalAdvance(_(text)) for text in (SWITCH_ON, SWITCH_OFF))
        extra = max(0, longest - metrics.horizontalAdvance(self.text()))
        return QSize(hint.width() + extra, hint.height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()


class _Slider(QSlider):
    """A volume slider 170 pixels long where there is room, and as short as 96 where there is
    not (large text in a narrow window), so the words beside it keep their room. (QSlider
    itself asks for less than half that length and has no way to say both.)"""

    def sizeHint(self) -> QSize:
        return QSize(170, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(96, super().minimumSizeHint().height())


class VolumeControl(QWidget):
    """The sound switch (optional) and the volume slider, kept in step with the controller."""

    def __init__(
        self,
        controller: SoundController | None = None,
        theme: Theme | None = None,
        *,
        show_switch: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("volumeControl")
        self._theme = theme
        styled_with_text_size(self, lambda: _styles(self._theme or DARK))
        self._controller: SoundController | None = None

        self.switch = _Switch(_(SWITCH_OFF))
        self.switch.setObjectName("soundSwitch")
        self.switch.setCheckable(True)
        self.switch.setAutoDefault(True)  # Enter switches it when it has the focus
        self.switch.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.switch.setAccessibleName(_("Sound"))
        self.switch.setAccessibleDescription(_("Switches all sound on or off"))
        self.switch.toggled.connect(self._switched)

        self.label = QLabel(_("Volume"))
        self.label.setObjectName("volumeLabel")
        self.slider = _Slider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("volume")
        self.slider.setRange(0, 100)
        self.slider.setSingleStep(5)
        self.slider.setPageStep(10)
        self.slider.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.slider.setAccessibleName(_("Volume"))
        self.label.setBuddy(self.slider)
        self.slider.valueChanged.connect(self._moved)
        self.value_label = _Percent(_("{value}%").format(value=100))
        self.value_label.setObjectName("volumeValue")

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.switch)
        layout.addSpacing(6)
        layout.addWidget(self.label)
        layout.addWidget(self.slider)
        layout.addWidget(self.value_label)
        layout.addStretch(1)
        self.setTabOrder(self.switch, self.slider)
        # Only once it sits in the layout: a parentless widget shown or hidden here would
        # become a stray top-level window and take the keyboard focus with it.
        self.switch.setVisible(show_switch)

        if controller is not None:
            self.attach(controller)
        else:
            self._show_unbound()

    # -- binding -------------------------------------------------------------------------------

    @property
    def controller(self) -> SoundController | None:
        return self._controller

    def attach(self, controller: SoundController) -> None:
        if self._controller is controller:
            return
        if self._controller is not None:
            self._controller.changed.disconnect(self.refresh)
        self._controller = controller
        controller.changed.connect(self.refresh)
        self.setEnabled(True)
        self.setToolTip("")
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        window = self.window()
        if self._theme is None:
            # Without a theme of its own it takes the window's (MainWindow.theme).
            found_theme = getattr(window, "theme", None)
            if isinstance(found_theme, Theme):
                self._theme = found_theme
                self.setStyleSheet(_styles(found_theme))  # the text size's follower keeps it
        if self._controller is None:
            found = getattr(window, "sound", None)
            if isinstance(found, SoundController):
                self.attach(found)
        super().showEvent(event)

    def _show_unbound(self) -> None:
        self.setEnabled(False)
        self.setToolTip(_(NO_SOUND_HINT))
        self._show(False, 0)

    # -- showing and changing ------------------------------------------------------------------

    def refresh(self) -> None:
        c = self._controller
        if c is None:
            return
        self._show(c.enabled, c.volume)

    def _show(self, on: bool, volume: int) -> None:
        self.switch.blockSignals(True)
        self.switch.setChecked(on)
        self.switch.blockSignals(False)
        self.switch.setText(_(SWITCH_ON) if on else _(SWITCH_OFF))
        self.switch.setAccessibleDescription(
            _("Sound is on; press to switch it off")
            if on
            else _("Sound is off; press to switch it on")
        )
        self.slider.blockSignals(True)
        self.slider.setValue(volume)
        self.slider.blockSignals(False)
        self._show_value(volume)

    def _switched(self, on: bool) -> None:
        if self._controller is not None:
            self._controller.set_enabled(on)
        self.refresh()

    def _show_value(self, value: int) -> None:
        self.slider.setAccessibleDescription(_("{value} percent").format(value=value))
        self.value_label.setText(_("{value}%").format(value=value))

    def _moved(self, value: int) -> None:
        self._show_value(value)
        if self._controller is not None:
            self._controller.set_volume(value)
