"""The audio engine: one output stream for the whole app, in step with the pacer clock.

:class:`AudioEngine` is the controller the UI calls. It owns a single sounddevice
``OutputStream`` whose callback renders each block with a :class:`~kapcompanion.sound.mixer.Mixer`
for the moment that block will be heard:

- PortAudio reports, per block, ``outputBufferDacTime`` (when the block's first sample
  reaches the output) and ``currentTime``, both on the *stream's* clock. Through ALSA's
  pulse plugin that clock is the wall clock (``CLOCK_REALTIME``), not ``time.monotonic``.
  The callback reads the app's clock at the same moment, so ``app_now - currentTime`` is the
  offset between the two clocks plus a few microseconds of scheduling delay; the smallest
  value over the last blocks is the estimate (it follows a step of the wall clock at once).
- The DAC time already includes the stream's buffering and the server's latency: measured on
  a private PulseAudio, ``outputBufferDacTime - currentTime`` was 8.5 ms with a reported
  stream latency of 8.7 ms, and cues placed this way reached the null sink's monitor about
  one sink block (4-10 ms) *before* their time, which is how early a monitor hands samples
  over. So no latency is added on top.
- Practice time is then ``dac_time_on_app_clock - origin``, where ``origin`` is the
  stopwatch's origin (:meth:`kapcompanion.domain.clock.Stopwatch.origin`).

The callback touches nothing but preallocated buffers and the mixer: no Qt, no files, no
logging, no locks that can block. Commands reach it through a :class:`queue.SimpleQueue`
read with ``get_nowait``; status leaves through a bounded deque that the UI drains with
:meth:`AudioEngine.poll_status` from a timer.

No sound is a normal state: without PortAudio, without an output device, or when the device
or sound server goes away, the engine says why in :attr:`AudioEngine.unavailable_reason`,
keeps accepting calls (they do nothing audible) and never raises into the caller. Opening
and closing run with time limits so a stuck sound server cannot hang the app.
"""

from __future__ import annotations

import collections
import math
import queue
import threading
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from kapcompanion.domain.clock import Clock, MonotonicClock
from kapcompanion.domain.pacing import PacerTimeline
from kapcompanion.i18n import N_, _, ngettext
from kapcompanion.sound import mixer as mx
from kapcompanion.sound import synth
from kapcompanion.sound.devices import (
    AudioDevice,
    choose,
    import_sounddevice,
    list_devices,
    rescan,
    run_with_timeout,
)

#: The stream's latency: chosen by measurement (benchmarks/av_sync.py --stress: a CPU hog in
#: another process and a 50 ms stall of the main thread every second, for 60 s, 480-frame
#: blocks): 40 ms gave 2 underflows, 120 ms none. A practice begins that much later (its start
#: is placed a lead ahead, see start_lead), which nobody sees: the shape waits at its beginning.
DEFAULT_LATENCY_S = 0.12
#: Frames per callback: fixed, so every block is 10 ms and a practice's start can be planned.
BLOCK_FRAMES = 480
#: A practice begins this much after the output's latency and one block, so its first sound
#: is placed in a block rendered after the practice was told (see :attr:`AudioEngine.start_lead`).
START_MARGIN_S = 0.01
FIRST_BLOCKS_WAIT_S = 0.5
OPEN_TIMEOUT_S = 5.0
CLOSE_TIMEOUT_S = 2.0
#: No callback for this long while the stream should be running means the output is gone.
WATCHDOG_S = 1.5
_OFFSET_WINDOW = 32
_TIMING_RING = 8192
_PREFERRED = ("pulse", "pipewire", "default")
_HELPER = "audio-helper"

#: PortAudio must not be set up, queried or torn down from two threads at once. Every such call
#: (never the audio callback) holds this lock, taken with a time limit so that a call stuck in
#: a sound server cannot block the next one for ever.
_PORTAUDIO = threading.RLock()
_LOCK_WAIT_S = OPEN_TIMEOUT_S
# The reasons are shown to the person: marked here, translated where they are given.
_BUSY = N_(
    "Sound is off: the audio system is still busy with an earlier request. Practice works the "
    "same in silence; you can try sound again in a moment."
)

_NO_PORTAUDIO = N_(
    "Sound is off: the system's audio library (PortAudio) is not installed. "
    "Everything else works as usual; installing PortAudio (Debian: libportaudio2) "
    "brings sound back."
)
_NO_DEVICE = N_(
    "Sound is off: no audio output was found. Practice works the same in silence; "
    "if you connect speakers or headphones, you can try sound again."
)
_LOST = N_(
    "Sound stopped: the audio output or sound server went away. Your practice carries on in "
    "silence; you can try sound again when the output is back."
)


#: An output as PortAudio reports it (``channels`` counts output channels).
OutputDevice = AudioDevice


@dataclass(frozen=True)
class AudioStatus:
    """A message for the UI; ``text`` is written for a person.

    ``kind`` is 'underflow' (the sound stuttered; several are gathered into one message) or
    'device-lost' (the stream stopped by itself, or its callback fell silent for
    :data:`WATCHDOG_S`: the device or the sound server went away). A loss is reported once;
    after it :attr:`AudioEngine.available` is False until :meth:`AudioEngine.open` succeeds.
    """

    kind: str
    text: str
    at: float


def _import_sounddevice() -> tuple[Any | None, str | None]:
    """sounddevice, imported on first use (it loads PortAudio, which costs start-up time)."""
    return import_sounddevice(
        _NO_PORTAUDIO, N_("Sound is off: the audio library could not be loaded ({reason}).")
    )


def list_output_devices(refresh: bool = False) -> list[OutputDevice]:
    """Every output device PortAudio sees (empty when there is no sound at all). Never raises."""
    sd, _ = _import_sounddevice()
    if sd is None:
        return []
    if not _PORTAUDIO.acquire(timeout=_LOCK_WAIT_S):
        return []
    try:
        return list_devices(sd, output=True, refresh=refresh)
    finally:
        _PORTAUDIO.release()


def choose_device(devices: list[OutputDevice]) -> OutputDevice | None:
    """The output to use when none was asked for: the sound server's ALSA device if there is
    one (so PortAudio goes through PulseAudio or PipeWire), else the system default."""
    return choose(devices, _PREFERRED)


class _Callback:
    """The audio callback and everything it may touch, all allocated up front."""

    def __init__(
        self,
        mixer: mx.Mixer,
        clock: Clock,
        commands: queue.SimpleQueue[mx.Command],
        status: collections.deque[tuple[str, float]],
        latency: float,
    ) -> None:
        self.mixer = mixer
        self.clock = clock
        self.commands = commands
        self.status = status
        self.latency = latency
        self.mono = np.zeros(mx.MAX_BLOCK * 4, dtype=np.float32)
        self.offsets = [0.0] * _OFFSET_WINDOW
        self.offset_i = 0
        self.offset: float | None = None
        self.last_call = 0.0
        self.calls = 0
        self.underflows = 0
        self.durations = np.zeros(_TIMING_RING)
        self.periods = np.zeros(_TIMING_RING)
        self.last_output_time = 0.0
        #: How far ahead of its callback each of the last blocks is heard (s): the real lead,
        #: which is more than the latency the stream reports (by about two blocks here).
        self.leads = [0.0] * _OFFSET_WINDOW
        self.finished = False

    def __call__(self, outdata: npt.NDArray[np.float32], frames: int, ti: Any, flags: Any) -> None:
        began = time.perf_counter()
        now = self.clock.now()
        mixer = self.mixer
        while True:
            try:
                cmd = self.commands.get_nowait()
            except queue.Empty:
                break
            mixer.apply(cmd)
        dac = ti.outputBufferDacTime
        cur = ti.currentTime
        if cur > 0.0 and dac >= cur:
            d = now - cur
            est = self.offset
            if est is None or abs(d - est) > 0.1:
                # First block, or one of the clocks stepped: start the window again.
                for i in range(_OFFSET_WINDOW):
                    self.offsets[i] = d
                est = d
            else:
                self.offsets[self.offset_i] = d
                self.offset_i = (self.offset_i + 1) % _OFFSET_WINDOW
                est = min(self.offsets)
            self.offset = est
            output_time = dac + est
        else:
            output_time = now + self.latency
        self.last_output_time = output_time
        self.leads[self.calls % _OFFSET_WINDOW] = output_time - now
        if flags.output_underflow:
            # The output ran dry before this block: it fades in rather than start mid-wave.
            mixer.after_gap()
            self.underflows += 1
            self.status.append(("underflow", now))
        if frames > len(self.mono):
            outdata.fill(0.0)
        else:
            mono = self.mono[:frames]
            mixer.render(mono, output_time)
            if outdata.shape[1] == 1:
                outdata[:, 0] = mono
            else:
                np.copyto(outdata, mono[:, None])
        i = self.calls % _TIMING_RING
        self.periods[i] = frames
        self.calls += 1
        self.last_call = now
        self.durations[i] = time.perf_counter() - began

    def on_finished(self) -> None:
        self.finished = True
        self.status.append(("stream-finished", self.clock.now()))


class AudioEngine:
    """The sound of a practice, in step with the pacer. Safe to call whether or not sound works.

    Typical use from the UI::

        engine = AudioEngine(clock)
        engine.open()                      # False (and a reason) when there is no sound
        engine.start_practice(timeline, stopwatch.origin())
        engine.pause(); engine.resume(stopwatch.origin())
        engine.stop(); engine.close()
    """

    def __init__(
        self,
        clock: Clock | None = None,
        *,
        latency: float = DEFAULT_LATENCY_S,
        rate: int = synth.RATE,
        block: int = BLOCK_FRAMES,
    ) -> None:
        self.clock: Clock = clock if clock is not None else MonotonicClock()
        self.latency_request = latency
        self.block = block
        self.rate = rate
        self.unavailable_reason: str | None = _("Sound has not been started yet.")
        self.device: OutputDevice | None = None
        self._sd: Any | None = None
        self._stream: Any | None = None
        self._callback: _Callback | None = None
        self._commands: queue.SimpleQueue[mx.Command] = queue.SimpleQueue()
        self._status: collections.deque[tuple[str, float]] = collections.deque(maxlen=64)
        self._reported_underflows = 0
        self._lost = False
        self._volume = 1.0
        self._cues = mx.Cues(breath_tone=True, phase_cues=True, bells=True, breath_like=False)
        self._practice: mx.Start | None = None
        self._paused = False
        self._stream_latency = latency

    # -- opening and closing -----------------------------------------------------------

    @property
    def available(self) -> bool:
        return self._stream is not None and not self._lost

    @property
    def output_latency(self) -> float:
        """Seconds from a callback to its sound being heard, as the stream reports it."""
        return self._stream_latency

    @property
    def start_lead(self) -> float:
        """How far ahead of now a practice should begin so that its opening sound is heard
        exactly at its start: how far ahead the output renders (measured over the last blocks;
        the stream's reported latency until there are some), one block (a command waits for the
        next callback) and a small margin. 0 when there is no sound."""
        cb = self._callback
        if not self.available or cb is None:
            return 0.0
        ahead = max(self._stream_latency, max(cb.leads))
        return ahead + self.block / self.rate + START_MARGIN_S

    def open(self, device: int | str | None = None) -> bool:
        """Open and start the output stream; True when sound works. Never raises."""
        if self._stream is not None and not self._lost:
            return True
        self._discard_stream()
        sd, reason = _import_sounddevice()
        if sd is None:
            self.unavailable_reason = reason
            return False
        self._sd = sd
        done, result = run_with_timeout(
            lambda: self._open_stream(sd, device), OPEN_TIMEOUT_S, _HELPER
        )
        if not done or isinstance(result, BaseException):
            self.unavailable_reason = (
                _(
                    "Sound is off: the audio output did not answer in time. Practice works the "
                    "same in silence; you can try sound again later."
                )
                if not done
                else _("Sound is off: the audio output could not be opened ({reason}).").format(
                    reason=result
                )
            )
            return False
        if isinstance(result, str):
            self.unavailable_reason = result
            return False
        self._lost = False
        self.unavailable_reason = None
        # Bring the new stream up to date with what the UI already asked for.
        self._commands.put(mx.Volume(self._volume))
        self._commands.put(self._cues)
        if self._practice is not None:
            self._commands.put(self._practice)
            if self._paused:
                self._commands.put(mx.Pause())
        return True

    def _open_stream(self, sd: Any, device: int | str | None) -> str | None:
        if not _PORTAUDIO.acquire(timeout=_LOCK_WAIT_S):
            return _(_BUSY)
        try:
            return self._open_stream_locked(sd, device)
        finally:
            _PORTAUDIO.release()

    def _open_stream_locked(self, sd: Any, device: int | str | None) -> str | None:
        if self._stream is None:
            rescan(sd)
        devices = list_output_devices()
        if device is None:
            chosen = choose_device(devices)
        else:
            chosen = next((d for d in devices if device in (d.index, d.name)), None)
        if chosen is None:
            if device is None:
                return _(_NO_DEVICE)
            return _("Sound is off: there is no output called “{output}”.").format(output=device)
        mixer = mx.Mixer(self.rate)
        callback = _Callback(mixer, self.clock, self._commands, self._status, self.latency_request)
        last_error: Exception | None = None
        for channels in (1, 2):
            try:
                stream = sd.OutputStream(
                    device=chosen.index,
                    samplerate=self.rate,
                    channels=channels,
                    dtype="float32",
                    latency=self.latency_request,
                    blocksize=self.block,
                    callback=callback,
                    finished_callback=callback.on_finished,
                )
                break
            except Exception as exc:
                last_error = exc
        else:
            return _("Sound is off: “{output}” could not be opened ({reason}).").format(
                output=chosen.name, reason=last_error
            )
        # Commands queued for an earlier stream belong to it; the new one starts clean.
        while True:
            try:
                self._commands.get_nowait()
            except queue.Empty:
                break
        callback.last_call = self.clock.now()
        stream.start()
        self._stream_latency = float(stream.latency)
        # Wait (on the caller's thread, briefly) until the output has filled its buffer and
        # runs steadily, so its real lead is known before a practice is placed on it (see
        # start_lead): the first blocks are asked for back to back, each a little further ahead.
        blocks = math.ceil((self._stream_latency + 0.05) * self.rate / self.block) + 3
        until = time.monotonic() + FIRST_BLOCKS_WAIT_S
        while callback.calls < blocks and time.monotonic() < until:
            time.sleep(0.005)
        callback.latency = self._stream_latency
        self._stream = stream
        self._callback = callback
        self.device = chosen
        return None

    def close(self, timeout: float = CLOSE_TIMEOUT_S) -> None:
        """Fade out, stop and close the stream, within ``timeout`` seconds. Never raises."""
        stream = self._stream
        if stream is None:
            return
        if not self._lost and self._practice is not None:
            self._commands.put(mx.Stop())
            time.sleep(min(timeout / 2, mx.STOP_FADE_S + 2 * self._stream_latency))
        self._discard_stream(timeout)

    def _discard_stream(self, timeout: float = CLOSE_TIMEOUT_S) -> None:
        stream = self._stream
        self._stream = None
        if stream is None:
            return

        def shut() -> None:
            if not _PORTAUDIO.acquire(timeout=_LOCK_WAIT_S):
                return
            try:
                stream.stop()
            finally:
                try:
                    stream.close()
                finally:
                    _PORTAUDIO.release()

        run_with_timeout(shut, timeout, _HELPER)

    # -- practice control (all return at once) -------------------------------------------

    def start_practice(self, timeline: PacerTimeline, origin: float) -> None:
        """Sound a practice whose elapsed time is ``clock.now() - origin``.

        The opening bell is due at ``origin``; to hear it exactly then, pass an origin at
        least :attr:`output_latency` ahead. A bell missed by less than a quarter second plays
        at once instead.
        """
        self._practice = mx.Start(timeline, float(origin))
        self._paused = False
        self._send(self._practice)

    def pause(self) -> None:
        self._paused = True
        self._send(mx.Pause())

    def resume(self, origin: float) -> None:
        """Carry on from where the practice paused; ``origin`` is the stopwatch's new origin."""
        if self._practice is not None:
            self._practice = mx.Start(self._practice.timeline, float(origin))
        self._paused = False
        self._send(mx.Resume(float(origin)))

    def stop(self) -> None:
        self._practice = None
        self._paused = False
        self._send(mx.Stop())

    def set_volume(self, value: float) -> None:
        """Overall level, 0 (silent) to 1 (the cues' designed level)."""
        try:
            v = float(value)
        except (TypeError, ValueError):
            return
        if v != v:  # NaN
            return
        self._volume = min(1.0, max(0.0, v))
        self._send(mx.Volume(self._volume))

    def set_cues(
        self,
        *,
        breath_tone: bool | None = None,
        phase_cues: bool | None = None,
        bells: bool | None = None,
        breath_like: bool | None = None,
    ) -> None:
        """Switch the breath tone, the phase tones, the opening/closing bells and the breath-like
        sound on or off."""
        old = self._cues
        self._cues = mx.Cues(
            old.breath_tone if breath_tone is None else bool(breath_tone),
            old.phase_cues if phase_cues is None else bool(phase_cues),
            old.bells if bells is None else bool(bells),
            old.breath_like if breath_like is None else bool(breath_like),
        )
        self._send(self._cues)

    @property
    def cues(self) -> mx.Cues:
        return self._cues

    def chime(self, name: str = "step_chime", at: float | None = None) -> None:
        """Play a cue at clock time ``at`` (straight away when None or past): by its name in
        :data:`kapcompanion.sound.synth.CUES` or by the name an exercise script gives it
        (:data:`kapcompanion.sound.synth.SCRIPT_CUES`). Unknown names play nothing."""
        cue = synth.cue_name(name)
        if cue is not None:
            self._send(mx.Chime(cue, None if at is None else float(at)))

    def play_clip(self, samples: npt.NDArray[np.float32]) -> None:
        """Play a recording from the next block, mixed with the practice's sound (a recording
        already playing fades out). ``samples`` are mono float32 at :attr:`rate`, made ready
        outside the callback (see :func:`kapcompanion.services.recordings.load_clip`); the
        callback only reads them."""
        self._send(mx.Clip(np.ascontiguousarray(samples, dtype=np.float32)))

    def stop_clip(self) -> None:
        """Fade the recording out (over :data:`kapcompanion.sound.mixer.CLIP_FADE_S`)."""
        self._send(mx.ClipStop())

    def hold_clip(self, held: bool) -> None:
        """Pause the recording where it is (True) or carry on from there (False)."""
        self._send(mx.ClipHold(bool(held)))

    def _send(self, cmd: mx.Command) -> None:
        if self.available:
            self._commands.put(cmd)

    # -- status --------------------------------------------------------------------------

    def poll_status(self) -> list[AudioStatus]:
        """Messages since the last call, for the UI to show; call it from a timer."""
        out: list[AudioStatus] = []
        cb = self._callback
        underflows = 0
        lost_at: float | None = None
        while True:
            try:
                kind, at = self._status.popleft()
            except IndexError:
                break
            if kind == "underflow":
                underflows += 1
            elif kind == "stream-finished" and self._stream is not None and not self._lost:
                lost_at = at
        if underflows:
            out.append(
                AudioStatus(
                    "underflow",
                    ngettext(
                        "The sound stuttered ({n} short gap); the computer may be busy.",
                        "The sound stuttered ({n} short gaps); the computer may be busy.",
                        underflows,
                    ).format(n=underflows),
                    self.clock.now(),
                )
            )
        now = self.clock.now()
        if (
            lost_at is None
            and cb is not None
            and self._stream is not None
            and not self._lost
            and now - cb.last_call > WATCHDOG_S
        ):
            lost_at = now
        if lost_at is not None:
            self._lost = True
            self.unavailable_reason = _(_LOST)
            out.append(AudioStatus("device-lost", _(_LOST), lost_at))
            # Release the dead stream in the background; nothing waits for it.
            threading.Thread(target=self._discard_stream, daemon=True).start()
        return out

    # -- measurements ------------------------------------------------------------------

    @property
    def underflows(self) -> int:
        return self._callback.underflows if self._callback is not None else 0

    def callback_load(self) -> npt.NDArray[np.float64]:
        """Share of each block's period the callback used, for the last blocks (a copy)."""
        cb = self._callback
        if cb is None or cb.calls == 0:
            return np.zeros(0)
        n = min(cb.calls, _TIMING_RING)
        period = cb.periods[:n] / self.rate
        return np.asarray(cb.durations[:n] / np.maximum(period, 1e-9))

    def placed_cues(self) -> list[mx.ScheduledCue]:
        """The cues the mixer placed, oldest first (the last few hundred)."""
        cb = self._callback
        if cb is None:
            return []
        m = cb.mixer
        ring = m.placed
        count = m.placed_count
        first = max(0, count - len(ring))
        return [c for i in range(first, count) if (c := ring[i % len(ring)]) is not None]
