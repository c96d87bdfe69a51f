"""Recording a voice from the microphone, one take at a time.

:class:`Recorder` is the controller a voice-recording panel calls::

    rec = Recorder()
    if not rec.start():            # False, and a reason for a person, when there is no input
        show(rec.unavailable_reason)
    ...                            # a timer polls rec.level(), rec.seconds, rec.problem()
    take = rec.stop()              # the raw samples (listen back); rec.take keeps them
    voice = prepare(take.samples, take.rate)   # kapcompanion.sound.voice: trim, normalise

Starting again replaces the take. The stream is a sounddevice ``InputStream`` at 48 kHz mono
(the device's own rate if it refuses 48 kHz; :func:`kapcompanion.sound.voice.prepare` then
resamples).

The audio callback touches only what :class:`_Capture` allocates before the stream starts:

- the take buffer, one float32 array long enough for :data:`MAX_TAKE_S`. It is filled from the
  front and never wraps, because a take must keep its beginning; when it is full the callback
  stops adding to it and sets a flag. (A ring would overwrite the start of what was said.)
- the meter ring: the peak, the sum of squares and the length of each of the last
  :data:`METER_BLOCKS` blocks, written round and round. :meth:`Recorder.level` reads the blocks
  that cover the last 100 ms; the ring never blocks the callback and a torn read only nudges a
  meter.

No locks, no logging, no Qt, no files in the callback; ``sounddevice`` is imported on first use.

No microphone is a normal state: without PortAudio, without an input device, when the device
cannot be opened or does not answer, :meth:`Recorder.start` returns False and
:attr:`Recorder.unavailable_reason` says why in words for a person. Nothing here raises into the
caller, and opening and closing run with time limits so a stuck sound server cannot hang the app.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from kapcompanion.domain.clock import Clock, MonotonicClock
from kapcompanion.domain.voice import MAX_SECONDS, RATE
from kapcompanion.i18n import N_, _
from kapcompanion.sound.devices import (
    AudioDevice,
    choose,
    import_sounddevice,
    list_devices,
    run_with_timeout,
)
from kapcompanion.sound.voice import CLIP_LEVEL, dbfs

#: The longest take (seconds). A little over the longest recording kept, so a take that is
#: trimmed afterwards still fits.
MAX_TAKE_S = MAX_SECONDS + 20.0
METER_BLOCKS = 256
METER_WINDOW_S = 0.1
#: A clip lights the meter's warning for this long (seconds).
CLIP_HOLD_S = 1.0
OPEN_TIMEOUT_S = 5.0
CLOSE_TIMEOUT_S = 2.0
#: No block for this long while recording means the input went away.
WATCHDOG_S = 1.5
LATENCY_S = 0.05
_PREFERRED = ("default", "pulse", "pipewire")
_HELPER = "recorder-helper"

# The reasons are shown to the person: marked here, translated where they are given.
NO_PORTAUDIO = N_(
    "Recording is not available: the system's audio library (PortAudio) is not installed. "
    "Everything else works as usual; installing PortAudio (Debian: libportaudio2) makes "
    "recording possible."
)
NO_INPUT = N_(
    "No microphone was found, so recording is not possible right now. The script works "
    "without recordings; if you connect a microphone, you can try again."
)
NOT_ANSWERING = N_(
    "The microphone did not answer in time, so recording has not started. You might check "
    "that it is connected and not in use by another program, then try again."
)
LOST = N_(
    "Recording stopped: the microphone or the sound server went away. What was recorded so "
    "far is kept; you can listen to it, or record again when the microphone is back."
)
FULL = N_(
    "This take reached {time}, the longest one step can hold, so nothing after that was "
    "recorded. You might stop here and say the rest in another step."
)


#: An input as PortAudio reports it (``channels`` counts input channels).
InputDevice = AudioDevice


@dataclass(frozen=True)
class Level:
    """What a level meter shows: the last :data:`METER_WINDOW_S` of input."""

    peak_dbfs: float
    rms_dbfs: float
    #: A sample reached the top of the range in the last :data:`CLIP_HOLD_S`.
    clipping: bool

    @property
    def fraction(self) -> float:
        """The peak on a 0..1 scale for a meter bar (-60 dBFS -> 0, 0 dBFS -> 1)."""
        return min(1.0, max(0.0, (self.peak_dbfs + 60.0) / 60.0))


SILENT_LEVEL = Level(-120.0, -120.0, False)


@dataclass(frozen=True)
class Take:
    """A raw take as recorded (float32, mono, at ``rate``)."""

    samples: npt.NDArray[np.float32]
    rate: int
    #: The take hit :data:`MAX_TAKE_S` and later sound was not kept.
    truncated: bool
    #: Blocks the input dropped because the computer was busy (gaps in the take).
    overflows: int

    @property
    def seconds(self) -> float:
        return len(self.samples) / self.rate


def _import_sounddevice() -> tuple[Any | None, str | None]:
    return import_sounddevice(
        NO_PORTAUDIO,
        N_("Recording is not available: the audio library could not be loaded ({reason})."),
        (OSError, ImportError),
    )


def list_input_devices(refresh: bool = False) -> list[InputDevice]:
    """Every input device PortAudio sees (empty when there is none). Never raises.

    ``refresh`` makes PortAudio look for devices again, which closes every open stream in the
    process (the audio engine's too): use it only while nothing plays.
    """
    sd, _ = _import_sounddevice()
    if sd is None:
        return []
    return list_devices(sd, output=False, refresh=refresh)


def choose_input(devices: list[InputDevice]) -> InputDevice | None:
    """The input to use when none was asked for: the system's "default" (which on a desktop
    goes through PulseAudio or PipeWire and so follows the person's choice of microphone),
    then the sound server's own device, then PortAudio's default input."""
    return choose(devices, _PREFERRED)


class _Capture:
    """The input callback and everything it touches, all allocated before the stream starts."""

    def __init__(self, capacity: int, rate: int, clock: Clock) -> None:
        self.clock = clock
        self.rate = rate
        self.buffer = np.zeros(capacity, dtype=np.float32)
        self.written = 0
        self.full = False
        self.peaks = np.zeros(METER_BLOCKS, dtype=np.float64)
        self.squares = np.zeros(METER_BLOCKS, dtype=np.float64)
        self.frames = np.zeros(METER_BLOCKS, dtype=np.int64)
        self.blocks = 0
        self.clip_at = -math.inf
        self.overflows = 0
        self.last_call = clock.now()
        self.finished = False

    def __call__(self, indata: npt.NDArray[np.float32], frames: int, ti: Any, status: Any) -> None:
        now = self.clock.now()
        x = indata[:frames, 0]
        w = self.written
        k = min(frames, len(self.buffer) - w)
        if k > 0:
            self.buffer[w : w + k] = x[:k]
            self.written = w + k
        if k < frames:
            self.full = True
        if frames:
            hi = float(x.max())
            lo = float(x.min())
            peak = hi if hi > -lo else -lo
            square = float(np.dot(x, x))
        else:
            peak = 0.0
            square = 0.0
        i = self.blocks % METER_BLOCKS
        self.peaks[i] = peak
        self.squares[i] = square
        self.frames[i] = frames
        self.blocks += 1
        if peak >= CLIP_LEVEL:
            self.clip_at = now
        if status.input_overflow:
            self.overflows += 1
        self.last_call = now

    def on_finished(self) -> None:
        self.finished = True

    def level(self, now: float) -> Level:
        """The meter over the newest blocks covering :data:`METER_WINDOW_S` (read outside the
        callback; a block being written meanwhile only nudges the figures)."""
        blocks = self.blocks
        if blocks == 0:
            return SILENT_LEVEL
        want = METER_WINDOW_S * self.rate
        peak = 0.0
        squares = 0.0
        frames = 0
        for back in range(min(blocks, METER_BLOCKS)):
            i = (blocks - 1 - back) % METER_BLOCKS
            peak = max(peak, float(self.peaks[i]))
            squares += float(self.squares[i])
            frames += int(self.frames[i])
            if frames >= want:
                break
        rms = math.sqrt(squares / frames) if frames else 0.0
        return Level(dbfs(peak), dbfs(rms), now - self.clip_at <= CLIP_HOLD_S)


class Recorder:
    """Microphone takes for a step's voice. Safe to call whether or not there is a microphone."""

    def __init__(
        self,
        clock: Clock | None = None,
        *,
        rate: int = RATE,
        max_seconds: float = MAX_TAKE_S,
        latency: float = LATENCY_S,
    ) -> None:
        self.clock: Clock = clock if clock is not None else MonotonicClock()
        self.rate = rate
        self.max_seconds = float(max_seconds)
        self.latency = latency
        #: Why the last :meth:`start` did not record (None while recording or after a take).
        self.unavailable_reason: str | None = None
        #: The device of the running or last take.
        self.device: InputDevice | None = None
        self._stream: Any | None = None
        self._capture: _Capture | None = None
        self._take: Take | None = None
        self._attempt = 0

    # -- recording ---------------------------------------------------------------------

    @property
    def recording(self) -> bool:
        return self._stream is not None

    def start(self, device: int | str | None = None) -> bool:
        """Start a new take (replacing the last one); True when recording. Never raises.

        ``device`` is an index or a name from :func:`list_input_devices`; None chooses with
        :func:`choose_input`.
        """
        if self._capture is not None:
            self.stop()  # the take so far is kept until a new one really starts
        sd, reason = _import_sounddevice()
        if sd is None:
            self.unavailable_reason = reason
            return False
        self._attempt += 1
        attempt = self._attempt
        done, result = run_with_timeout(
            lambda: self._open(sd, device, attempt), OPEN_TIMEOUT_S, _HELPER
        )
        if not done:
            self._attempt += 1  # an answer that comes later is closed at once
            self.unavailable_reason = _(NOT_ANSWERING)
            return False
        if isinstance(result, BaseException):
            self.unavailable_reason = _(
                "The microphone could not be opened ({reason}). You might check that it is "
                "connected and not in use by another program, then try again."
            ).format(reason=result)
            return False
        if isinstance(result, str):
            self.unavailable_reason = result
            return False
        self.unavailable_reason = None
        self._take = None
        return True

    def _open(self, sd: Any, device: int | str | None, attempt: int) -> str | None:
        devices = list_input_devices()
        if device is None:
            chosen = choose_input(devices)
            if chosen is None:
                return _(NO_INPUT)
        else:
            chosen = next((d for d in devices if device in (d.index, d.name)), None)
            if chosen is None:
                return _(
                    "The microphone “{microphone}” was not found. You might choose another one, "
                    "or connect it and try again."
                ).format(microphone=device)
        last_error: Exception | None = None
        rates = [self.rate]
        if round(chosen.default_samplerate) not in rates:
            rates.append(round(chosen.default_samplerate))
        for rate in rates:
            for channels in (1, 2):
                capture = _Capture(max(1, round(self.max_seconds * rate)), rate, self.clock)
                try:
                    stream = sd.InputStream(
                        device=chosen.index,
                        samplerate=rate,
                        channels=channels,
                        dtype="float32",
                        latency=self.latency,
                        callback=capture,
                        finished_callback=capture.on_finished,
                    )
                except Exception as exc:
                    last_error = exc
                    continue
                capture.last_call = self.clock.now()
                try:
                    stream.start()
                except Exception as exc:
                    last_error = exc
                    stream.close()
                    continue
                if attempt != self._attempt:  # start() gave up waiting for this one
                    stream.stop()
                    stream.close()
                    return _(NOT_ANSWERING)
                self._stream = stream
                self._capture = capture
                self.device = chosen
                return None
        return _(
            "The microphone “{microphone}” could not be opened ({reason}). You might check "
            "that it is not in use by another program, then try again."
        ).format(microphone=chosen.name, reason=last_error)

    def stop(self) -> Take | None:
        """End the take and return it (None when nothing was recording). Never raises."""
        capture = self._capture
        if capture is None:
            return self._take
        self._close_stream()
        self._capture = None
        self._take = Take(
            samples=capture.buffer[: capture.written].copy(),
            rate=capture.rate,
            truncated=capture.full,
            overflows=capture.overflows,
        )
        return self._take

    def discard(self) -> None:
        """Stop without keeping anything, and forget the last take."""
        self._close_stream()
        self._capture = None
        self._take = None

    @property
    def take(self) -> Take | None:
        """The last finished take, for listening back (None while recording or before one)."""
        return self._take

    def _close_stream(self) -> None:
        stream = self._stream
        self._stream = None
        if stream is None:
            return

        def shut() -> None:
            try:
                stream.stop()
            finally:
                stream.close()

        run_with_timeout(shut, CLOSE_TIMEOUT_S, _HELPER)

    # -- what a panel polls --------------------------------------------------------------

    @property
    def seconds(self) -> float:
        """Length of the take so far (from the samples received, not from a timer)."""
        capture = self._capture
        if capture is not None:
            return capture.written / capture.rate
        return self._take.seconds if self._take is not None else 0.0

    def level(self) -> Level:
        """The input's level over the last :data:`METER_WINDOW_S`."""
        capture = self._capture
        if capture is None:
            return SILENT_LEVEL
        return capture.level(self.clock.now())

    def problem(self) -> str | None:
        """A message for a person when the take cannot go on as it should, else None: the
        input went away (the take so far is kept; call :meth:`stop`), or the take is full."""
        capture = self._capture
        if capture is None or self._stream is None:
            return None
        if capture.finished or self.clock.now() - capture.last_call > WATCHDOG_S:
            return _(LOST)
        if capture.full:
            minutes, seconds = divmod(round(self.max_seconds), 60)
            return _(FULL).format(time=f"{minutes}:{seconds:02d}")
        return None

    def close(self) -> None:
        """Stop any take (keeping it) and release the device."""
        if self._capture is not None:
            self.stop()
