"""A step's recorded voice in the script editor: the panel that records, trims, levels and plays
it back.

:class:`VoicePanel` drives a :class:`~kapcompanion.sound.recorder.Recorder`. While a take runs, a
GUI timer asks the recorder for its level, its length (counted in samples received, never in
timer ticks) and any problem, and shows them in a quiet level meter. Stopping prepares the take
(:func:`kapcompanion.sound.voice.prepare`: checked, trimmed to the speech, faded, levelled); a
take that cannot be kept (silent, very quiet, clipped, too long) is explained in words and the
step keeps what it had. The panel never writes files: it hands the prepared samples to the
editor (``recorded``), which keeps them until the script is saved. Listening back goes through
a :class:`Playback` (the app's :class:`~kapcompanion.ui.editor.voice_player.VoicePlayer`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kapcompanion.domain.clock import Clock
from kapcompanion.i18n import N_, _
from kapcompanion.ui.shell import scaffold
from kapcompanion.ui.shell.theme import SMALL_PT, Theme, pt

if TYPE_CHECKING:  # numpy is loaded only once sound or recording is used
    import numpy as np
    import numpy.typing as npt

    Samples = npt.NDArray[np.float32]
else:
    Samples = Any

#: The rate of prepared recordings (kapcompanion.sound.voice.RATE, without loading numpy here).
VOICE_RATE = 48_000

#: How often the meter reads the recorder while a take runs (about thirty times a second).
METER_MS = 33

NONE_TEXT = N_("No recording for this step yet. The text is shown either way.")
RECORDING_TEXT = N_("Recording… {time}. You might read the step's words at an easy pace.")
READY_TEXT = N_("Recorded: {time}, trimmed to the speech and brought to a moderate level.")
KEPT_TEXT = N_("A recording plays as this step begins ({name}).")
NO_SOUND_TEXT = N_(
    "Sound is off, so the recording cannot be played here. You can switch sound on with the "
    "volume control or in Settings."
)
LISTEN_MISSING = N_("The recording could not be read: {reason}")


def clock_text(seconds: float) -> str:
    whole = max(0, int(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


# -- playing back ------------------------------------------------------------------------------


class Playback(Protocol):
    """What the editor's panel needs to play a recording back."""

    def listen(self, samples: Samples) -> bool: ...


# -- the meter -----------------------------------------------------------------------------------


class LevelMeter(QWidget):
    """A thin, calm bar for the input level (0..1); its colour warms when the input clips."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._fraction = 0.0
        self._clipping = False
        self.setFixedHeight(10)
        self.setMinimumWidth(160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(_("Input level"))

    @property
    def fraction(self) -> float:
        return self._fraction

    @property
    def clipping(self) -> bool:
        return self._clipping

    def set_level(self, fraction: float, clipping: bool = False) -> None:
        fraction = min(1.0, max(0.0, fraction))
        if abs(fraction - self._fraction) >= 1 / 400 or clipping != self._clipping:
            self._fraction = fraction
            self._clipping = clipping
            self.setAccessibleDescription(
                _("too loud")
                if clipping
                else _("{percent} percent").format(percent=round(fraction * 100))
            )
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setPen(Qt.PenStyle.NoPen)
        h = float(self.height())
        p.setBrush(QColor(self._theme.guide))
        p.drawRoundedRect(QRectF(0, 0, self.width(), h), h / 2, h / 2)
        filled = self._fraction * self.width()
        if filled >= 1:
            p.setBrush(QColor(self._theme.focus if self._clipping else self._theme.accent))
            p.drawRoundedRect(QRectF(0, 0, filled, h), h / 2, h / 2)
        p.end()


# -- the panel -----------------------------------------------------------------------------------


class _Recorder(Protocol):
    """What the panel needs from :class:`kapcompanion.sound.recorder.Recorder`."""

    unavailable_reason: str | None

    @property
    def recording(self) -> bool: ...

    @property
    def seconds(self) -> float: ...

    def start(self, device: int | str | None = None) -> bool: ...

    def stop(self) -> Any: ...

    def level(self) -> Any: ...

    def problem(self) -> str | None: ...

    def close(self) -> None: ...


def _default_recorder(clock: Clock) -> _Recorder:
    from kapcompanion.sound.recorder import Recorder

    return Recorder(clock)


def panel_styles(theme: Theme) -> str:
    t = theme
    return f"""
QLabel#voiceStatus {{ color: {t.muted}; font-size: {pt(SMALL_PT)}pt; }}
QLabel#voiceProblem {{ color: {t.text}; font-size: {pt(SMALL_PT)}pt; }}
QPushButton#voiceButton {{ padding: 6px 16px; }}
"""


class VoicePanel(QWidget):
    """Record, listen to, record again or remove the voice of one step.

    The editor calls :meth:`show_step` whenever another step is chosen (with the samples of its
    recording, if it has one) and listens to ``recorded(PreparedVoice)`` and ``removed()``.
    """

    recorded = Signal(object)  # a PreparedVoice, ready to be kept with the script
    removed = Signal()

    def __init__(
        self,
        theme: Theme,
        *,
        clock: Clock,
        player: Playback | None = None,
        recorder_factory: Callable[[Clock], _Recorder] | None = None,
        meter_ms: int = METER_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # Its own sheet sets sizes in points: follow a text size set live.
        scaffold.styled_with_text_size(self, lambda: panel_styles(theme))
        self._clock = clock
        self._factory = recorder_factory or _default_recorder
        self._recorder: _Recorder | None = None
        self._player = player
        self._samples: Samples | None = None
        self._name: str | None = None
        self._enabled_step = False

        heading = scaffold.label(_("Voice"), "heading")
        self.status = scaffold.label(_(NONE_TEXT), "voiceStatus", wrap=True)
        self.problem = scaffold.label("", "voiceProblem", wrap=True)
        self.problem.hide()
        self.meter = LevelMeter(theme)
        self.meter.hide()

        self.record_button = self._button(_("Record"), _("Record this step's words"), self.record)
        self.stop_button = self._button(_("Stop recording"), _("Stop recording"), self.stop)
        self.listen_button = self._button(_("Listen"), _("Listen to the recording"), self.listen)
        self.again_button = self._button(
            _("Record again"), _("Record this step again"), self.record
        )
        self.remove_button = self._button(
            _("Remove"), _("Remove this step's recording"), self.remove
        )
        buttons = scaffold.button_row(
            self.record_button,
            self.stop_button,
            self.listen_button,
            self.again_button,
            self.remove_button,
            spacing=10,
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(heading)
        layout.addWidget(self.status)
        layout.addWidget(self.meter)
        layout.addLayout(buttons)
        layout.addWidget(self.problem)

        self._timer = QTimer(self)
        self._timer.setInterval(meter_ms)
        self._timer.timeout.connect(self.poll)
        self._show()

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:

        return scaffold.button(text, name, slot, style="voiceButton")

    # -- state ---------------------------------------------------------------------------------

    @property
    def recording(self) -> bool:
        return self._recorder is not None and self._recorder.recording

    @property
    def has_recording(self) -> bool:
        return self._samples is not None or self._name is not None

    def show_step(self, name: str | None, samples: Samples | None, *, enabled: bool = True) -> None:
        """Show the recording of the chosen step (``name`` as the script names it, ``samples``
        if they can be read); a take in progress is discarded."""
        if self.recording:
            self._stop_recorder()
        self._name = name
        self._samples = samples
        self._enabled_step = enabled
        self._say_problem("")
        self._show()

    def _show(self) -> None:
        recording = self.recording
        has = self.has_recording
        self.meter.setVisible(recording)
        self.record_button.setVisible(not recording and not has)
        self.stop_button.setVisible(recording)
        self.listen_button.setVisible(not recording and has)
        self.listen_button.setEnabled(self._samples is not None)
        self.again_button.setVisible(not recording and has)
        self.remove_button.setVisible(not recording and has)
        for b in (self.record_button, self.again_button, self.remove_button):
            b.setEnabled(self._enabled_step)
        if recording:
            return
        if self._samples is not None:
            seconds = len(self._samples) / VOICE_RATE
            self.status.setText(_(READY_TEXT).format(time=clock_text(seconds)))
        elif self._name:
            self.status.setText(_(KEPT_TEXT).format(name=self._name))
        else:
            self.status.setText(_(NONE_TEXT))

    def _say_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    # -- actions -------------------------------------------------------------------------------

    def record(self) -> bool:
        """Start a take; False (and the reason in words) when there is no microphone."""
        if self.recording:
            return True
        if self._recorder is None:
            self._recorder = self._factory(self._clock)
        self._say_problem("")
        if not self._recorder.start():
            self._say_problem(self._recorder.unavailable_reason or _("Recording could not start."))
            self._show()
            return False
        self.status.setText(_(RECORDING_TEXT).format(time=clock_text(0)))
        self.meter.set_level(0.0)
        self._timer.start()
        self._show()
        self.stop_button.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def poll(self) -> None:
        """The meter's timer: the level, the length so far and any problem, from the recorder."""
        recorder = self._recorder
        if recorder is None or not recorder.recording:
            self._timer.stop()
            return
        level = recorder.level()
        self.meter.set_level(float(level.fraction), bool(level.clipping))
        self.status.setText(_(RECORDING_TEXT).format(time=clock_text(recorder.seconds)))
        problem = recorder.problem()
        if problem:
            self.stop()
            self._say_problem(problem + (" " + self.problem.text() if self.problem.text() else ""))

    def stop(self) -> bool:
        """End the take and keep it if it can be kept; True when the step now has it."""
        from kapcompanion.domain.voice import VoiceError
        from kapcompanion.sound.voice import prepare

        take = self._stop_recorder()
        self._show()
        if take is None or len(take.samples) == 0:
            return False
        try:
            prepared = prepare(take.samples, take.rate)
        except VoiceError as problem:
            self._say_problem(
                _("{problem} The step keeps what it had before.").format(problem=problem)
            )
            self._show()
            return False
        self._samples = prepared.samples
        self._say_problem("")
        self._show()
        self.recorded.emit(prepared)
        self.listen_button.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _stop_recorder(self) -> Any:
        self._timer.stop()
        recorder = self._recorder
        if recorder is None:
            return None
        return recorder.stop()

    def listen(self) -> bool:
        """Play the recording back; says so in words when there is no sound."""
        if self._samples is None:
            return False
        if self._player is None or not self._player.listen(self._samples):
            self._say_problem(_(NO_SOUND_TEXT))
            return False
        self._say_problem("")
        return True

    def remove(self) -> None:
        self._samples = None
        self._name = None
        self._say_problem("")
        self._show()
        self.removed.emit()

    def close_recorder(self) -> None:
        """Release the microphone (the editor is closing)."""
        self._timer.stop()
        if self._recorder is not None:
            self._recorder.close()
