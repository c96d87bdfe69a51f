"""Sound in the app: the controller between the practice hub, the settings and the audio engine.

:class:`SoundController` listens to :class:`~kapcompanion.services.events.PracticeEvents`
and turns what practice screens report into engine calls:

- ``pacer(PacerOn)`` starts the practice's sound at the pacer's origin, ``pacer(None)`` and
  ``ended`` stop it;
- ``paused`` pauses it; ``resumed`` waits for the next ``pacer`` event, whose origin has moved by
  the length of the pause, and resumes the sound from there;
- ``cue(name)`` plays a step's sound (``"step-chime"``, ``"bell"``, ``"soft-bell"``).

Everything that touches the sound system runs on one background thread
(:mod:`kapcompanion.ui.shell.sound_thread`). A timer drains :meth:`AudioEngine.poll_status`
while sound is playing.

No sound is a normal state. When sound cannot start, or the output goes away mid-practice, the
practice carries on in silence, :attr:`SoundController.status_text` says why (the settings
screen shows it) and :attr:`SoundController.notice` is emitted once;
:class:`~kapcompanion.ui.shell.sound_notice.SoundNotice` shows it as a quiet note that takes no
focus and goes by itself. A lost output is tried again on the clock until it is back.

A practice begins when its first sound can be heard (:meth:`SoundController.when_ready`).
Sound is off until the person switches it on (see :mod:`kapcompanion.ui.shell.sound_settings`).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from kapcompanion.domain.clock import Clock, MonotonicClock
from kapcompanion.i18n import _
from kapcompanion.services.events import PacerOn, PracticeEvents
from kapcompanion.services.settings import SettingsStore
from kapcompanion.ui.shell.sound_engine import AudioOutput, default_devices, default_engine
from kapcompanion.ui.shell.sound_notice import SoundNotice
from kapcompanion.ui.shell.sound_settings import (
    BELLS,
    BREATH_LIKE,
    BREATH_TONE,
    CUES,
    END_SLACK_S,
    NOTICE_MS,
    OPENING_TEXT,
    OUTPUT,
    PHASE_TONES,
    POLL_MS,
    READY_WAIT_MS,
    RETRY_CHECK_MS,
    RETRY_S,
    RING_OUT_MS,
    SOUND_OFF_TEXT,
    SOUND_ON,
    STEP_CHIMES,
    VOLUME,
    lost_notice_text,
    lost_text,
    notice_text,
    said,
    volume_gain,
)
from kapcompanion.ui.shell.sound_start import ReadyGate
from kapcompanion.ui.shell.sound_thread import Opened, SoundThread

__all__ = [
    "BELLS",
    "BREATH_LIKE",
    "BREATH_TONE",
    "CUES",
    "NOTICE_MS",
    "OPENING_TEXT",
    "OUTPUT",
    "PHASE_TONES",
    "SOUND_OFF_TEXT",
    "SOUND_ON",
    "STEP_CHIMES",
    "VOLUME",
    "AudioOutput",
    "SoundController",
    "SoundNotice",
    "notice_text",
    "volume_gain",
]

log = logging.getLogger("kapcompanion.sound")


class SoundController(QObject):
    """Connects the practice hub, the settings and the audio engine (see the module's text).

    ``engine_factory`` makes the engine (on the sound thread); ``devices`` lists the outputs.
    ``background=False`` runs the sound thread's work at once, for tests.
    """

    #: Something the settings screen or a volume control shows has changed.
    changed = Signal()
    #: One calm sentence: sound has become unavailable.
    notice = Signal(str)
    #: Sound came back by itself after the output was lost (the notice goes quietly).
    recovered = Signal()
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
        ready_wait_ms: int = READY_WAIT_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.events = events
        self.store = store
        self.clock: Clock = clock if clock is not None else MonotonicClock()
        self._factory = engine_factory
        self._devices = devices
        self._thread = SoundThread(background, self)
        self._engine: AudioOutput | None = None
        self._ready = False  # the engine's stream is open and has not been lost
        self._opening = False
        self._again = False  # open once more after the current attempt (a setting changed)
        self._started = False
        self._shut = False
        self._status: Callable[[], str] = said(SOUND_OFF_TEXT)  # said in the language of now
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
        # Practices waiting for sound to open before they begin (see when_ready).
        self._gate = ReadyGate(ready_wait_ms, self._release_waiting, self)
        self._starts_at: float | None = None
        # After a lost output, sound is tried again every RETRY_S on the clock.
        self._lost = False
        self._retry_at = 0.0
        self._retry = QTimer(self)
        self._retry.setInterval(RETRY_CHECK_MS)
        self._retry.timeout.connect(self._maybe_retry)

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
        return self._status()

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
            self._set_status(said(SOUND_OFF_TEXT))

    def shutdown(self) -> None:
        """Stop sound for good (the window is closing). Returns within about two seconds."""
        if self._shut:
            return
        self._shut = True
        self._poll.stop()
        self._retry.stop()
        self._thread.stop()
        engine = self._engine
        self._engine = None
        self._ready = False
        if engine is not None:
            try:
                engine.close(1.0)
            except Exception:  # closing must never stop the app from closing
                log.exception("Closing the sound output failed")

    def _open(self, *, announce: bool, reopen: bool = False, quiet: bool = False) -> None:
        if self._shut:
            return
        if self._opening:
            self._again = True
            return
        self._opening = True
        self._again = False
        if not quiet:
            self._set_status(said(OPENING_TEXT))
        engine = self._engine
        factory = self._factory
        clock = self.clock
        output = self.output or None

        def job() -> Opened:
            eng = engine
            try:
                if eng is None:
                    eng = factory(clock)
                elif reopen:
                    eng.close()
                ok = eng.open(output)
                return Opened(eng, ok, eng.unavailable_reason, announce)
            except Exception as exc:
                log.exception("Sound could not be started")
                reason = _("Sound is off: it could not be started ({reason}).").format(reason=exc)
                return Opened(eng, False, reason, announce)

        self._thread.run(job, self._opened)

    def _opened(self, result: object) -> None:
        self._take_opened(result)
        if not self._opening and not self._shut:
            self._release_waiting()  # open, or known absent: a waiting practice begins

    def _take_opened(self, result: object) -> None:
        self._opening = False
        if not isinstance(result, Opened):  # the job itself failed in an unexpected way
            why = _("Sound is off: {reason}.").format(reason=result)
            result = Opened(self._engine, False, why, True)
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
            self._retry.stop()
            self._apply_all()
            self._poll.start()
            self._set_status(self._playing_text)
            if self._lost:
                self._lost = False
                log.info("Sound is back")
                self.recovered.emit()
        elif self._lost:
            self._ready = False  # still gone: the loss's own words stay; the clock tries again
        else:
            self._ready = False
            reason = result.reason or _("Sound is off: the audio output could not be opened.")
            self._set_status(lambda: reason)
            if result.announce:
                self._announce(reason)

    def _playing_text(self) -> str:
        device = getattr(self._engine, "device", None)
        name = getattr(device, "name", None)
        if not self.output:
            return _("Sound is on, playing through the system's default output.")
        return _("Sound is on, playing through “{output}”.").format(output=name or self.output)

    def _close_quietly(self) -> None:
        """Sound was switched off: close the stream on the sound thread."""
        self._poll.stop()
        self._retry.stop()
        self._lost = False
        self._ready = False
        self._sounding = None
        engine = self._engine
        self._set_status(said(SOUND_OFF_TEXT))
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
            breath_like=self.cue_on("breath_like"),
        )
        self._sounding = None
        if self._pacer is not None and not self._paused:
            self._play(self._pacer)

    def _set_status(self, words: Callable[[], str]) -> None:
        self._status = words
        self.changed.emit()

    def _announce_loss(self, reason: str) -> None:
        if not self._notified:
            self._notified = True
            self.notice.emit(lost_notice_text(reason))

    def _maybe_retry(self) -> None:
        """The retry timer's slot: only asks the clock whether the next try is due."""
        if self._shut or not self.enabled or not self._lost or self._live:
            self._retry.stop()
            return
        if self._opening or self.clock.now() < self._retry_at:
            return
        self._retry_at = self.clock.now() + RETRY_S
        self._open(announce=False, reopen=True, quiet=True)

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
            at = self._starts_at
            if at is not None and at > self.clock.now():
                self._engine.chime(name, at)  # the first step's sound, at the practice's start
            else:
                self._engine.chime(name)

    # -- beginning a practice on time ----------------------------------------------------------

    @property
    def start_lead(self) -> float:
        """Seconds ahead of now a practice begins so that its first sound is heard right at its
        start (0 without sound)."""
        lead = getattr(self._engine, "start_lead", 0.0) if self._live else 0.0
        return float(lead) if isinstance(lead, int | float) else 0.0

    def when_ready(self, begin: Callable[[float], None]) -> None:
        """Call ``begin(at)`` once sound is open or known to be absent; ``at`` is the clock time
        at which the practice should begin so that its opening bell is heard exactly then (now
        when there is no sound). While sound is still opening the practice waits at its
        beginning, for at most :data:`READY_WAIT_MS`; sound that opens later joins it."""
        if not self._shut and self.enabled:
            self.start()
            if self._opening:
                self._gate.hold(begin)
                return
        self._begin(begin)

    def _begin(self, begin: Callable[[float], None]) -> None:
        lead = self.start_lead
        at = self.clock.now() + lead
        self._starts_at = at if lead > 0 else None
        begin(at)

    def _release_waiting(self) -> None:
        for begin in self._gate.take():
            self._begin(begin)

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
                self._set_status(functools.partial(lost_text, reason))
                self._announce_loss(reason)
                self._lost = True
                self._retry_at = self.clock.now() + RETRY_S
                self._retry.start()
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
                self._set_status(self._playing_text)
            else:
                self._open(announce=False)
        else:
            if self._live and self._sounding is not None and self._engine is not None:
                self._engine.stop()
            if self._opening:
                self._set_status(said(SOUND_OFF_TEXT))  # the opening in flight closes at its end
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
        """Switch one kind of sound: "breath_like", "breath_tone", "phase_tones", "step_chimes"
        or "bells"."""
        setting = CUES[name]
        if self.store.get(setting) == on:
            return
        self.store.set(setting, on)
        if self._live and self._engine is not None and name != "step_chimes":
            flags = {
                "breath_tone": "breath_tone",
                "phase_tones": "phase_cues",
                "bells": "bells",
                "breath_like": "breath_like",
            }
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
