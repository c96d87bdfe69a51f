"""Sound in the app: the controller between the practice hub, the settings and the audio engine,
and the one calm notice shown when sound becomes unavailable.

:class:`SoundController` listens to :class:`~kapcompanion.services.events.PracticeEvents`
and turns what practice screens report into engine calls:

- ``pacer(PacerOn)`` starts the practice's sound at the pacer's origin, ``pacer(None)`` and
  ``ended`` stop it;
- ``paused`` pauses it; ``resumed`` waits for the next ``pacer`` event, whose origin has moved by
  the length of the pause, and resumes the sound from there;
- ``cue(name)`` plays a step's sound (``"step-chime"``, ``"bell"``, ``"soft-bell"``).

Everything that touches the sound system (importing sounddevice, opening and closing the
stream, listing outputs) runs on one background thread, so the window paints and answers at
once even when a sound server is slow or stuck. Results come back to the GUI thread through a
queued signal. A timer drains :meth:`AudioEngine.poll_status` while sound is playing.

No sound is a normal state. When sound cannot start, or the output goes away mid-practice, the
practice carries on in silence, :attr:`SoundController.status_text` says why (the settings
screen shows it) and :attr:`SoundController.notice` is emitted once; :class:`SoundNotice` shows
it as a quiet line at the bottom of the window that takes no focus and goes by itself.

Sound is **off** until the person switches it on: someone opening the app in an office, a
clinic or a shared room should never be surprised by a tone. The switch is on every practice
screen (:class:`kapcompanion.ui.shell.volume.VolumeControl`) and in Settings.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from kapcompanion.domain.clock import Clock, MonotonicClock
from kapcompanion.domain.pacing import PacerTimeline
from kapcompanion.services.events import PacerOn, PracticeEvents
from kapcompanion.services.settings import (
    Setting,
    SettingsStore,
    bool_setting,
    int_setting,
    text_setting,
)
from kapcompanion.ui.shell.theme import DARK, SMALL_PT, Theme

log = logging.getLogger("kapcompanion.sound")

# -- settings ----------------------------------------------------------------------------------

SOUND_ON = bool_setting("sound/enabled", "Sound", False)
VOLUME = int_setting("sound/volume", "Volume", 70, 0, 100)
OUTPUT = text_setting("sound/output", "Sound output", "")
BREATH_TONE = bool_setting("sound/breath_tone", "The breath tone", True)
PHASE_TONES = bool_setting("sound/phase_tones", "Tones as the breath turns", False)
STEP_CHIMES = bool_setting("sound/step_chimes", "Chimes between exercise steps", True)
BELLS = bool_setting("sound/bells", "Bells at the start and end", True)

#: The cues a person can switch, by the name the controller and the settings screen use.
CUES: dict[str, Setting[bool]] = {
    "breath_tone": BREATH_TONE,
    "phase_tones": PHASE_TONES,
    "step_chimes": STEP_CHIMES,
    "bells": BELLS,
}

#: How often the engine's status is read while sound plays (its watchdog is 1.5 s).
POLL_MS = 250
#: How long the notice stays before it goes by itself.
NOTICE_MS = 20_000
#: A practice that reached its end stops sounding this long after, so its closing bell
#: (3.5 s) rings out instead of being cut off.
RING_OUT_MS = 4_000
#: A pacer switched off within this long of its end counts as having reached it.
END_SLACK_S = 0.25
NOTICE_WIDTH = 360
NOTICE_MARGIN = 24
SOUND_OFF_TEXT = "Sound is off. You can switch it on here or on any practice screen."
OPENING_TEXT = "Starting sound…"


def notice_text(reason: str) -> str:
    """The notice for a reason sound is unavailable: its first sentence, and where to read more
    (the settings screen shows the whole reason)."""
    first = reason.strip().split(". ")[0].rstrip(".")
    return f"{first}. Practice carries on in silence; Settings has more."


def volume_gain(percent: int) -> float:
    """The engine's level for a volume setting: 0 is silent, 100 the cues' designed level.

    Loudness follows roughly the square of the level, so half way sounds about half as loud
    (-12 dB) rather than barely quieter."""
    p = min(100, max(0, int(percent)))
    return (p / 100.0) ** 2


# -- the engine, as the controller sees it -----------------------------------------------------


class AudioOutput(Protocol):
    """What the controller needs from :class:`kapcompanion.sound.engine.AudioEngine`."""

    unavailable_reason: str | None
    device: Any

    @property
    def available(self) -> bool: ...

    def open(self, device: int | str | None = None) -> bool: ...

    def close(self, timeout: float = ...) -> None: ...

    def start_practice(self, timeline: PacerTimeline, origin: float) -> None: ...

    def pause(self) -> None: ...

    def resume(self, origin: float) -> None: ...

    def stop(self) -> None: ...

    def set_volume(self, value: float) -> None: ...

    def set_cues(
        self,
        *,
        breath_tone: bool | None = None,
        phase_cues: bool | None = None,
        bells: bool | None = None,
    ) -> None: ...

    def chime(self, name: str = ...) -> None: ...

    def poll_status(self) -> list[Any]: ...

    # Steps' recordings, played by kapcompanion.ui.editor.voice_player.VoicePlayer.
    def play_clip(self, samples: Any) -> None: ...

    def stop_clip(self) -> None: ...

    def hold_clip(self, held: bool) -> None: ...


def default_engine(clock: Clock) -> AudioOutput:
    """The real engine (imported here, on the sound thread: it loads numpy and PortAudio)."""
    from kapcompanion.sound.engine import AudioEngine

    return AudioEngine(clock)


def default_devices() -> list[Any]:
    """The outputs PortAudio knows (without a rescan, which would disturb open streams)."""
    from kapcompanion.sound.engine import list_output_devices

    return list_output_devices(refresh=False)


@dataclass(frozen=True)
class _Opened:
    engine: AudioOutput | None
    ok: bool
    reason: str | None
    announce: bool


class _SoundThread(QObject):
    """Runs jobs one after another on a daemon thread; each result is handed to its callback
    on the GUI thread. With ``background=False`` jobs run at once (for tests)."""

    _done = Signal(object, object)

    def __init__(self, background: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._background = background
        self._jobs: queue.SimpleQueue[tuple[Callable[[], object], Callable[[Any], None]] | None]
        self._jobs = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._stopped = False
        self.busy = 0
        self._done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def run(self, job: Callable[[], object], then: Callable[[Any], None]) -> None:
        if self._stopped:
            return
        self.busy += 1
        if not self._background:
            self._deliver(then, job())
            return
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="sound", daemon=True)
            self._thread.start()
        self._jobs.put((job, then))

    def _loop(self) -> None:
        while True:
            item = self._jobs.get()
            if item is None:
                return
            job, then = item
            try:
                result = job()
            except Exception as exc:  # a job must never end the thread
                result = exc
            try:
                self._done.emit(then, result)
            except RuntimeError:
                return  # the controller is gone (the app is closing)

    def _deliver(self, then: Callable[[Any], None], result: object) -> None:
        self.busy -= 1
        then(result)

    def stop(self, timeout: float = 0.5) -> None:
        self._stopped = True
        if self._thread is not None:
            self._jobs.put(None)
            self._thread.join(timeout)


class SoundController(QObject):
    """Connects the practice hub, the settings and the audio engine (see the module's text).

    ``engine_factory`` makes the engine (on the sound thread); ``devices`` lists the outputs.
    ``background=False`` runs the sound thread's work at once, for tests.
    """

    #: Something the settings screen or a volume control shows has changed.
    changed = Signal()
    #: One calm sentence: sound has become unavailable.
    notice = Signal(str)
    #: The outputs found by :meth:`find_outputs` (a list of OutputDevice).
    outputs_found = Signal(list)

    def __init__(
        self,
        events: PracticeEvents,
        store: SettingsStore,
        *,
        clock: Clock | None = None,
        engine_factory: Callable[[Clock], AudioOutput] = default_engine,
        devices: Callable[[], list[Any]] = default_devices,
        background: bool = True,
        poll_ms: int = POLL_MS,
        ring_out_ms: int = RING_OUT_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.events = events
        self.store = store
        self.clock: Clock = clock if clock is not None else MonotonicClock()
        self._factory = engine_factory
        self._devices = devices
        self._thread = _SoundThread(background, self)
        self._engine: AudioOutput | None = None
        self._ready = False  # the engine's stream is open and has not been lost
        self._opening = False
        self._again = False  # open once more after the current attempt (a setting changed)
        self._started = False
        self._shut = False
        self._status = SOUND_OFF_TEXT
        self._notified = False
        self._pacer: PacerOn | None = None
        self._sounding: PacerOn | None = None  # what the engine is playing
        self._ringing: PacerOn | None = None  # a finished practice whose last bell still rings
        self._ring_out_ms = ring_out_ms
        self._paused = False
        self._resume_pending = False
        self._poll = QTimer(self)
        self._poll.setInterval(poll_ms)
        self._poll.timeout.connect(self.poll)

        events.started.connect(self._on_started)
        events.pacer.connect(self._on_pacer)
        events.paused.connect(self._on_paused)
        events.resumed.connect(self._on_resumed)
        events.cue.connect(self._on_cue)
        events.ended.connect(self._on_ended)

    # -- what the screens show -----------------------------------------------------------------

    @property
    def enabled(self) -> bool:
        return self.store.get(SOUND_ON)

    @property
    def volume(self) -> int:
        return self.store.get(VOLUME)

    @property
    def output(self) -> str:
        """The chosen output's name; "" for the system's default."""
        return self.store.get(OUTPUT)

    def cue_on(self, name: str) -> bool:
        return self.store.get(CUES[name])

    @property
    def available(self) -> bool:
        """Sound is on and playing through an output."""
        return self._ready

    @property
    def opening(self) -> bool:
        return self._opening

    @property
    def status_text(self) -> str:
        """One line for a person: whether sound plays, through what, or why not."""
        return self._status

    @property
    def engine(self) -> AudioOutput | None:
        return self._engine

    @property
    def busy(self) -> bool:
        """True while work on the sound thread is still under way (tests wait for it)."""
        return self._thread.busy > 0

    # -- starting and stopping -----------------------------------------------------------------

    def start(self) -> None:
        """Begin: open sound if the person has it switched on. Call once the window is painted;
        the slow part runs on the sound thread."""
        if self._started or self._shut:
            return
        self._started = True
        if self.enabled:
            self._open(announce=True)
        else:
            self._set_status(SOUND_OFF_TEXT)

    def shutdown(self) -> None:
        """Stop sound for good (the window is closing). Returns within about two seconds."""
        if self._shut:
            return
        self._shut = True
        self._poll.stop()
        self._thread.stop()
        engine = self._engine
        self._engine = None
        self._ready = False
        if engine is not None:
            try:
                engine.close(1.0)
            except Exception:  # closing must never stop the app from closing
                log.exception("Closing the sound output failed")

    def _open(self, *, announce: bool, reopen: bool = False) -> None:
        if self._shut:
            return
        if self._opening:
            self._again = True
            return
        self._opening = True
        self._again = False
        self._set_status(OPENING_TEXT)
        engine = self._engine
        factory = self._factory
        clock = self.clock
        output = self.output or None

        def job() -> _Opened:
            eng = engine
            try:
                if eng is None:
                    eng = factory(clock)
                elif reopen:
                    eng.close()
                ok = eng.open(output)
                return _Opened(eng, ok, eng.unavailable_reason, announce)
            except Exception as exc:
                log.exception("Sound could not be started")
                reason = f"Sound is off: it could not be started ({exc})."
                return _Opened(eng, False, reason, announce)

        self._thread.run(job, self._opened)

    def _opened(self, result: object) -> None:
        self._opening = False
        if not isinstance(result, _Opened):  # the job itself failed in an unexpected way
            result = _Opened(self._engine, False, f"Sound is off: {result}.", True)
        if result.engine is not None:
            self._engine = result.engine
        if self._shut:
            return
        if self._again:
            self._open(announce=result.announce, reopen=True)
            return
        if not self.enabled:
            self._close_quietly()
            return
        if result.ok and self._engine is not None:
            self._ready = True
            self._notified = False
            self._apply_all()
            self._poll.start()
            self._set_status(self._playing_text())
        else:
            self._ready = False
            reason = result.reason or "Sound is off: the audio output could not be opened."
            self._set_status(reason)
            if result.announce:
                self._announce(reason)

    def _playing_text(self) -> str:
        device = getattr(self._engine, "device", None)
        name = getattr(device, "name", None)
        where = "the system's default output" if not self.output else f"“{self.output}”"
        if name and self.output:
            where = f"“{name}”"
        return f"Sound is on, playing through {where}."

    def _close_quietly(self) -> None:
        """Sound was switched off: close the stream on the sound thread."""
        self._poll.stop()
        self._ready = False
        self._sounding = None
        engine = self._engine
        self._set_status(SOUND_OFF_TEXT)
        if engine is not None:
            self._thread.run(lambda: engine.close(), lambda _r: None)

    def _apply_all(self) -> None:
        """Bring a newly opened engine up to date with the settings and the practice."""
        engine = self._engine
        if engine is None:
            return
        engine.set_volume(volume_gain(self.volume))
        engine.set_cues(
            breath_tone=self.cue_on("breath_tone"),
            phase_cues=self.cue_on("phase_tones"),
            bells=self.cue_on("bells"),
        )
        self._sounding = None
        if self._pacer is not None and not self._paused:
            self._play(self._pacer)

    def _set_status(self, text: str) -> None:
        self._status = text
        self.changed.emit()

    def _announce(self, reason: str) -> None:
        if self._notified:
            return
        self._notified = True
        self.notice.emit(notice_text(reason))

    # -- the practice hub ----------------------------------------------------------------------

    @property
    def _live(self) -> bool:
        return self._ready and self._engine is not None

    def _play(self, pacer: PacerOn) -> None:
        if self._engine is not None:
            self._engine.start_practice(pacer.timeline, pacer.origin)
            self._sounding = pacer
            self._ringing = None

    def _on_started(self, _info: object) -> None:
        self._paused = False
        self._resume_pending = False

    def _stop_sound(self) -> None:
        """Stop what the engine plays: at once when the practice is cut short, or after the
        closing bell has rung out when the practice reached its end."""
        sounding = self._sounding
        self._sounding = None
        if sounding is None or not self._live or self._engine is None:
            return
        end = sounding.timeline.end_time
        if (
            end is not None
            and not self._paused
            and self.clock.now() - sounding.origin >= end - END_SLACK_S
        ):
            self._ringing = sounding
            QTimer.singleShot(self._ring_out_ms, self, lambda: self._rung_out(sounding))
            return
        self._engine.stop()

    def _rung_out(self, sounding: PacerOn) -> None:
        if self._ringing is not sounding:
            return  # a new practice began meanwhile
        self._ringing = None
        if self._sounding is None and self._live and self._engine is not None:
            self._engine.stop()

    def _on_pacer(self, pacer: object) -> None:
        if not isinstance(pacer, PacerOn):
            self._pacer = None
            self._resume_pending = False
            self._stop_sound()
            return
        self._pacer = pacer
        if self._paused or not self._live or self._engine is None:
            return
        sounding = self._sounding
        if sounding == pacer:
            return  # the same pacer again: nothing moved
        if self._resume_pending and sounding is not None and sounding.timeline is pacer.timeline:
            self._engine.resume(pacer.origin)
            self._sounding = pacer
        else:
            self._play(pacer)
        self._resume_pending = False

    def _on_paused(self) -> None:
        self._paused = True
        self._resume_pending = False
        if self._live and self._sounding is not None and self._engine is not None:
            self._engine.pause()

    def _on_resumed(self) -> None:
        self._paused = False
        self._resume_pending = True  # the next pacer event brings the new origin

    def _on_cue(self, name: str) -> None:
        if self._live and self.cue_on("step_chimes") and self._engine is not None:
            self._engine.chime(name)

    def _on_ended(self, _info: object) -> None:
        self._stop_sound()
        self._paused = False
        self._resume_pending = False
        self._pacer = None

    # -- status --------------------------------------------------------------------------------

    def poll(self) -> None:
        """The timer's slot: read what the engine reports; a lost output is said once."""
        engine = self._engine
        if engine is None or not self._ready:
            self._poll.stop()
            return
        for status in engine.poll_status():
            kind = getattr(status, "kind", "")
            text = str(getattr(status, "text", ""))
            if kind == "device-lost":
                self._ready = False
                self._sounding = None
                self._poll.stop()
                reason = engine.unavailable_reason or text
                log.warning("%s", reason)  # the reason already begins "Sound stopped:"
                self._set_status(reason)
                self._announce(reason)
            elif kind == "underflow":
                log.info("%s", text)

    # -- what the person changes ---------------------------------------------------------------

    def set_enabled(self, on: bool) -> None:
        """Switch all sound on or off (saved). Switching on opens the output if needed."""
        if on == self.enabled and (self._started or not on):
            return
        self.store.set(SOUND_ON, on)
        self._started = True
        if on:
            if self._live:
                self._apply_all()
                self._set_status(self._playing_text())
            else:
                self._open(announce=False)
        else:
            if self._live and self._sounding is not None and self._engine is not None:
                self._engine.stop()
            if self._opening:
                self._set_status(SOUND_OFF_TEXT)  # the opening in flight closes when it ends
            else:
                self._close_quietly()
        self.changed.emit()

    def set_volume(self, percent: int) -> None:
        percent = min(100, max(0, int(percent)))
        if percent == self.volume:
            return
        self.store.set(VOLUME, percent)
        if self._live and self._engine is not None:
            self._engine.set_volume(volume_gain(percent))
        self.changed.emit()

    def set_cue(self, name: str, on: bool) -> None:
        """Switch one kind of cue: "breath_tone", "phase_tones", "step_chimes" or "bells"."""
        setting = CUES[name]
        if self.store.get(setting) == on:
            return
        self.store.set(setting, on)
        if self._live and self._engine is not None and name != "step_chimes":
            flags = {"breath_tone": "breath_tone", "phase_tones": "phase_cues", "bells": "bells"}
            self._engine.set_cues(**{flags[name]: on})
        self.changed.emit()

    def set_output(self, name: str) -> None:
        """Choose an output by name ("" for the system's default); sound moves there."""
        if name == self.output:
            return
        self.store.set(OUTPUT, name)
        if self.enabled and self._started:
            self._ready = False
            self._poll.stop()
            self._sounding = None
            self._open(announce=False, reopen=True)
        self.changed.emit()

    def retry(self) -> None:
        """Try the output again (after it came back, or after installing something)."""
        if not self.enabled:
            self.set_enabled(True)
            return
        self._started = True
        if not self._live:
            self._open(announce=False, reopen=True)

    def play_test_chime(self) -> bool:
        """A short chime to check the level; False when there is no sound to play it."""
        if not self._live or self._engine is None:
            return False
        self._engine.chime("step_chime")
        return True

    def find_outputs(self) -> None:
        """Look for outputs on the sound thread; :attr:`outputs_found` brings the list."""
        devices = self._devices

        def job() -> list[Any]:
            try:
                return list(devices())
            except Exception:
                log.exception("Listing sound outputs failed")
                return []

        self._thread.run(job, self._outputs_listed)

    def _outputs_listed(self, result: object) -> None:
        self.outputs_found.emit(result if isinstance(result, list) else [])


# -- the notice --------------------------------------------------------------------------------


class SoundNotice(QFrame):
    """A quiet note in the window's lower right corner when sound becomes unavailable.

    It floats over the screen without moving anything (in the corner it stays clear of the
    centred controls of practice screens), never takes the keyboard focus and goes by itself
    after :data:`NOTICE_MS` (or when OK is pressed).
    """

    def __init__(
        self,
        window: QWidget,
        controller: SoundController | None = None,
        theme: Theme = DARK,
        *,
        lasts_ms: int = NOTICE_MS,
    ) -> None:
        super().__init__(window)
        self.setObjectName("soundNotice")
        self.setAccessibleName("Sound notice")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        t = theme
        self.setStyleSheet(
            f"QFrame#soundNotice {{ background: {t.surface}; border: 1px solid {t.button_hover};"
            f" border-radius: 12px; }}"
            f" QFrame#soundNotice QLabel {{ background: transparent; color: {t.text};"
            f" font-size: {SMALL_PT + 1}pt; }}"
            f" QFrame#soundNotice QPushButton {{ padding: 4px 16px; min-height: 22px; }}"
        )
        self.label = QLabel("")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.ok_button = QPushButton("OK")
        self.ok_button.setAccessibleName("Close the sound notice")
        self.ok_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.ok_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 12, 14, 12)
        layout.setSpacing(16)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.ok_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(lasts_ms)
        self._timer.timeout.connect(self.hide)
        # The window's events are watched only while the notice shows: a filter on the
        # window sees every frame's update request, which costs the breathing animation.
        self._window = window
        self.hide()
        if controller is not None:
            controller.notice.connect(self.show_text)

    @property
    def text(self) -> str:
        return self.label.text()

    def show_text(self, text: str) -> None:
        self.label.setText(text)
        self.setAccessibleDescription(text)
        self._place()
        self._window.installEventFilter(self)
        self.show()
        self.raise_()
        self._timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self._window.removeEventFilter(self)
        super().hideEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        width = max(240, min(NOTICE_WIDTH, parent.width() - 2 * NOTICE_MARGIN))
        self.setFixedWidth(width)
        layout = self.layout()
        height = layout.heightForWidth(width) if layout is not None else -1
        self.setFixedHeight(max(height, self.minimumSizeHint().height()))
        x = parent.width() - width - NOTICE_MARGIN
        y = parent.height() - self.height() - NOTICE_MARGIN
        self.move(max(0, x), max(0, y))
