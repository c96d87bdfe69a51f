"""What the audio callback plays, as a function of time.

:class:`Mixer` renders one block of samples for the moment that block will be heard (its
output time on the app's clock). The breath tone is computed from the pacer timeline at that
moment, and cues scheduled from the timeline's phase changes start on the exact sample. It
allocates nothing per block, takes no locks and touches no files, Qt or logging: the audio
engine calls it from the audio callback. It has no audio device of its own, so it can be
driven block by block in tests.

Commands (:class:`Start`, :class:`Pause`, ...) are in :mod:`kapcompanion.sound.commands`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from kapcompanion.domain.breath_sound import breath_sound_brightness, breath_sound_level
from kapcompanion.domain.pacing import PacerTimeline, PhaseKind, ease
from kapcompanion.sound import synth
from kapcompanion.sound.breath_noise import BreathNoise
from kapcompanion.sound.bus import Limiter
from kapcompanion.sound.commands import (
    Chime,
    Clip,
    ClipHold,
    ClipStop,
    Command,
    Cues,
    Pause,
    Resume,
    Start,
    Stop,
    Volume,
)

__all__ = [
    "Chime",
    "Clip",
    "ClipHold",
    "ClipStop",
    "Command",
    "Cues",
    "Mixer",
    "Pause",
    "Resume",
    "ScheduledCue",
    "Start",
    "Stop",
    "Volume",
    "render_offline",
]

Samples = synth.Samples

MAX_BLOCK = 8192
MAX_VOICES = 8
#: Pause, resume and stop fade over this long; volume and on/off changes glide as long.
FADE_S = 0.25
STOP_FADE_S = 0.12
GLIDE_S = 0.05
#: The breath tone swells in at the start of a practice and out before its end.
BREATH_SWELL_S = 1.0
BREATH_MIN_RAMP_S = 0.03
#: A cue whose moment was missed by less than this (a late start, a hiccup) still plays, whole,
#: as soon as possible; older ones are dropped.
LATE_LIMIT_S = 0.25
#: After the output ran dry (an underflow), sound fades back in over this long.
GAP_FADE_S = 0.01
#: A recording fades over this long when it is stopped, held, resumed or replaced.
CLIP_FADE_S = 0.02

PHASE_CUES: dict[PhaseKind, str] = {
    PhaseKind.INHALE: "inhale",
    PhaseKind.EXHALE: "exhale",
    PhaseKind.HOLD_IN: "rest",
    PhaseKind.HOLD_OUT: "rest",
}


# --- building blocks ------------------------------------------------------------------


class _Glide:
    """A value that moves linearly towards its target at a fixed rate per sample."""

    def __init__(self, value: float, seconds: float, rate: int) -> None:
        self.value = value
        self.target = value
        self.step = 1.0 / max(1.0, seconds * rate)

    def set(self, target: float, seconds: float | None = None, rate: int = synth.RATE) -> None:
        self.target = target
        if seconds is not None:
            self.step = 1.0 / max(1.0, seconds * rate)

    @property
    def moving(self) -> bool:
        return self.value != self.target

    def block(self, out: npt.NDArray[np.float32], ramp: npt.NDArray[np.float32]) -> None:
        """Fill ``out`` with this value sample by sample over the block and advance it."""
        n = len(out)
        if not self.moving:
            out.fill(self.value)
            return
        distance = self.target - self.value
        reach = self.step * n
        if abs(distance) <= reach:
            # Arrives within the block: a ramp, then the target.
            k = max(1, math.ceil(abs(distance) / self.step))
            np.multiply(ramp[:n], math.copysign(self.step, distance), out=out)
            np.add(out, self.value, out=out)
            out[k - 1 :] = self.target
            self.value = self.target
        else:
            np.multiply(ramp[:n], math.copysign(self.step, distance), out=out)
            np.add(out, self.value, out=out)
            self.value = float(out[-1])


@dataclass
class _Voice:
    sound: int = -1  # index into the mixer's sounds; -1 = free
    position: int = 0  # next sample of the sound to play
    start: int = 0  # offset in the current block at which it begins


class _ClipSlot:
    """One recording being played: where it is, and its own short fade."""

    def __init__(self, rate: int) -> None:
        self.samples: Samples | None = None
        self.position = 0
        self.gain = _Glide(1.0, CLIP_FADE_S, rate)
        self.held = False
        self.ending = False


@dataclass
class ScheduledCue:
    """A cue the mixer placed: which, at what practice time it was due and when it sounds."""

    name: str
    due: float  # practice time
    output_time: float  # clock time of its first sample


# --- the mixer ------------------------------------------------------------------------


class Mixer:
    """Renders practice sound block by block; see the module's description."""

    def __init__(
        self,
        rate: int = synth.RATE,
        sounds: dict[str, Samples] | None = None,
        max_block: int = MAX_BLOCK,
    ) -> None:
        self.rate = rate
        self.max_block = max_block
        made = sounds if sounds is not None else {n: make(rate) for n, make in synth.CUES.items()}
        self._names = tuple(made)
        self._sounds = tuple(np.ascontiguousarray(made[n], dtype=np.float32) for n in made)
        self._index = {n: i for i, n in enumerate(self._names)}
        self._peaks = tuple(float(np.max(np.abs(x))) if len(x) else 0.0 for x in self._sounds)
        self._voices = [_Voice() for _ in range(MAX_VOICES)]
        self._breath_scratch = synth.BreathScratch.create(max_block)
        self._ramp = np.arange(1, max_block + 1, dtype=np.float32)
        self._mix = np.zeros(max_block, dtype=np.float32)
        self._tone = np.zeros(max_block, dtype=np.float32)
        self._gain = np.zeros(max_block, dtype=np.float32)
        self._gain2 = np.zeros(max_block, dtype=np.float32)
        self._tmp = np.zeros(max_block, dtype=np.float32)
        self._clip_gain = np.zeros(max_block, dtype=np.float32)
        self._clip_tmp = np.zeros(max_block, dtype=np.float32)
        self._clips = (_ClipSlot(rate), _ClipSlot(rate))
        #: The mix bus: whatever overlaps, the output stays under the cues' ceiling.
        self.bus = Limiter(rate, max_block)

        self.timeline: PacerTimeline | None = None
        self.origin = 0.0
        self.paused = False
        self._fade = _Glide(0.0, FADE_S, rate)  # pause / resume / stop
        self._volume = _Glide(1.0, GLIDE_S, rate)
        self._after_gap = _Glide(1.0, GAP_FADE_S, rate)
        self._breath_on = _Glide(1.0, GLIDE_S, rate)
        # The breath-like sound (off until asked for).
        self._noise = BreathNoise(rate, max_block)
        self._noise_on = _Glide(0.0, GLIDE_S, rate)
        self.phase_cues = True
        self.bells = True
        self._stopping = False
        self._cursor: float | None = None  # practice time up to which cues are scheduled
        self._opening = False
        self._phase = 0.0
        self._freq = synth.BREATH_LOW_HZ
        self._breath_gain = 0.0
        self._pending: list[tuple[int, float]] = []  # (sound, practice time due), reused
        #: Chimes asked for at a clock time not yet reached: (sound, clock time).
        self._timed: list[tuple[int, float] | None] = [None] * MAX_VOICES
        #: Where cues were placed, for measurements; a ring of the last entries.
        self.placed: list[ScheduledCue | None] = [None] * 256
        self.placed_count = 0
        self.late_cues = 0
        self.dropped_cues = 0

    # -- commands ----------------------------------------------------------------------

    @property
    def names(self) -> tuple[str, ...]:
        return self._names

    @property
    def active(self) -> bool:
        """True while a practice is sounding or fading."""
        return self.timeline is not None and not (self.paused and not self._fade.moving)

    def apply(self, cmd: Command) -> None:
        rate = self.rate
        if isinstance(cmd, Start):
            self.timeline = cmd.timeline
            self.origin = cmd.origin
            self.paused = False
            self._stopping = False
            self._cursor = None
            self._opening = True
            if self._fade.value == 0.0:
                # Nothing is sounding: the practice begins from a clean slate (no level, pitch
                # or voice left from the one before, which would click), the breath tone swells
                # in by itself and the opening bell keeps its own attack, so no fade is needed.
                self._clean_slate()
                self._fade.value = 1.0
            self._fade.set(1.0, FADE_S, rate)
        elif isinstance(cmd, Pause):
            if self.timeline is not None and not self.paused:
                for i in range(len(self._timed)):
                    self._timed[i] = None
                self.paused = True
                self._fade.set(0.0, FADE_S, rate)
        elif isinstance(cmd, Resume):
            if self.timeline is not None:
                self.origin = cmd.origin
                if self.paused:
                    self.paused = False
                    self._clear_voices()
                    self._cursor = None
                    self._fade.set(1.0, FADE_S, rate)
        elif isinstance(cmd, Stop):
            if self.timeline is not None:
                self._stopping = True
                self.paused = True
                self._fade.set(0.0, STOP_FADE_S, rate)
        elif isinstance(cmd, Volume):
            self._volume.set(min(1.0, max(0.0, float(cmd.value))), GLIDE_S, rate)
        elif isinstance(cmd, Cues):
            if cmd.breath_tone is not None:
                self._breath_on.set(1.0 if cmd.breath_tone else 0.0, GLIDE_S, rate)
                if not self.active:
                    self._breath_on.value = self._breath_on.target  # nothing to glide from
            if cmd.breath_like is not None:
                self._noise_on.set(1.0 if cmd.breath_like else 0.0, GLIDE_S, rate)
                if not self.active:
                    self._noise_on.value = self._noise_on.target
            if cmd.phase_cues is not None:
                self.phase_cues = cmd.phase_cues
            if cmd.bells is not None:
                self.bells = cmd.bells
        elif isinstance(cmd, Clip | ClipStop | ClipHold):
            self._apply_clip(cmd)
        elif isinstance(cmd, Chime):
            sound = self._index.get(cmd.name)
            if sound is None:
                return
            if self.timeline is None and not self._fade.moving:
                # No practice: a chime between exercise steps sounds on its own.
                self.paused = False
                self._fade.value = self._fade.target = 1.0
            if self.paused:
                return
            if cmd.at is None:
                self._start_voice(sound, 0)
                return
            # Placed on its sample by the block that holds its time (see _place_chimes).
            for i, slot in enumerate(self._timed):
                if slot is None:
                    self._timed[i] = (sound, cmd.at)
                    return
            self.dropped_cues += 1

    @property
    def clip_playing(self) -> bool:
        """A recording is sounding (or fading); a held one does not count once silent."""
        return any(
            c.samples is not None and not (c.held and c.gain.value == 0.0) for c in self._clips
        )

    def _apply_clip(self, cmd: Clip | ClipStop | ClipHold) -> None:
        rate = self.rate
        if isinstance(cmd, Clip):
            for c in self._clips:
                if c.samples is not None:
                    c.ending = True
                    c.gain.set(0.0, CLIP_FADE_S, rate)
            free = next((c for c in self._clips if c.samples is None), None)
            if free is None:  # both busy: the one further into its fade gives way
                free = min(self._clips, key=lambda c: c.gain.value)
            free.samples = cmd.samples
            free.position = 0
            free.held = False
            free.ending = False
            free.gain.value = free.gain.target = 1.0  # a recording brings its own fade-in
        elif isinstance(cmd, ClipStop):
            for c in self._clips:
                if c.samples is not None:
                    c.ending = True
                    c.gain.set(0.0, CLIP_FADE_S, rate)
        else:
            for c in self._clips:
                if c.samples is not None and not c.ending:
                    c.held = cmd.held
                    c.gain.set(0.0 if cmd.held else 1.0, CLIP_FADE_S, rate)

    def _clean_slate(self) -> None:
        """Forget everything a practice leaves in the mixer (called only while silent)."""
        self._clear_voices()
        self._breath_gain = 0.0
        self._phase = 0.0
        self._freq = synth.BREATH_LOW_HZ
        self._noise.reset()

    def _clear_voices(self) -> None:
        for v in self._voices:
            v.sound = -1
        for i in range(len(self._timed)):
            self._timed[i] = None

    def _place_chimes(self, t0: float, n: int) -> None:
        """Start each timed chime whose clock time falls before this block's end on its sample
        (one whose time has passed starts at once)."""
        t1 = t0 + n / self.rate
        for i, slot in enumerate(self._timed):
            if slot is None or slot[1] >= t1:
                continue
            self._timed[i] = None
            sound, at = slot
            k = max(0, round((at - t0) * self.rate))
            self._start_voice(sound, min(k, n - 1))

    def _start_voice(self, sound: int, offset: int) -> None:
        for v in self._voices:
            if v.sound < 0:
                v.sound, v.position, v.start = sound, 0, offset
                return
        self.dropped_cues += 1

    # -- rendering ---------------------------------------------------------------------

    def render(self, out: Samples, output_time: float) -> None:
        """Fill ``out`` (mono float32) with the sound whose first sample is heard at clock time
        ``output_time``."""
        pos = 0
        n_all = len(out)
        while pos < n_all:
            n = min(self.max_block, n_all - pos)
            self._render(out[pos : pos + n], output_time + pos / self.rate)
            pos += n

    def _render(self, out: Samples, t0: float) -> None:
        n = len(out)
        rate = self.rate
        mix = self._mix[:n]
        mix.fill(0.0)
        timeline = self.timeline
        if timeline is not None and not (self.paused and not self._fade.moving):
            p0 = t0 - self.origin
            p1 = p0 + n / rate
            if not self.paused:
                self._schedule(timeline, p0, p1, t0)
            self._render_breath(timeline, mix, p0, p1)
            self._render_noise(timeline, mix, p0, p1)
        self._place_chimes(t0, n)
        self._mix_voices(mix)
        if self.paused and not self._fade.moving:
            # Silent while paused or stopped; the fade has already reached zero.
            self._clear_voices()
            if self._stopping:
                self.timeline = None
                self._stopping = False
                self.paused = False
                self._clean_slate()
        gain = self._gain[:n]
        self._fade.block(gain, self._ramp)
        vol = self._gain2[:n]
        self._volume.block(vol, self._ramp)
        np.multiply(gain, vol, out=gain)
        np.multiply(mix, gain, out=out)
        if self.bus.gain < 1.0 or self._loudest_possible() > self.bus.at_most:
            self.bus.process(out)
        # A step's recorded voice joins after the bus: it is speech, normalised on its own
        # (storage/voice rules), and a limiter set for bells would flatten it.
        self._mix_clips(out, vol)
        if self._after_gap.moving:
            ramp = self._tmp[:n]
            self._after_gap.block(ramp, self._ramp)
            np.multiply(out, ramp, out=out)

    def after_gap(self) -> None:
        """The output ran dry before this block (an underflow): the next block fades in over
        :data:`GAP_FADE_S` instead of starting mid-wave, so coming back makes no click."""
        self._after_gap.value = 0.0
        self._after_gap.target = 1.0

    def _loudest_possible(self) -> float:
        """An upper bound on this block's peak: the breath tone's and every voice's own peak
        added up (fades and volume only lower it). The bus is needed only above its ceiling."""
        top = 2 * synth.breath_peak() if self.timeline is not None else 0.0  # tone and air
        for v in self._voices:
            if v.sound >= 0:
                top += self._peaks[v.sound]
        return top

    def _mix_clips(self, out: Samples, vol: Samples) -> None:
        """Add the recordings, each with its own fade and the volume (not the practice's fade)."""
        n = len(out)
        for c in self._clips:
            samples = c.samples
            if samples is None:
                continue
            if c.gain.value == 0.0 and not c.gain.moving:
                if c.ending:
                    c.samples = None
                continue  # held still: keep the place
            m = min(n, len(samples) - c.position)
            if m > 0:
                g = self._clip_gain[:m]
                c.gain.block(g, self._ramp)
                np.multiply(g, vol[:m], out=g)
                tmp = self._clip_tmp[:m]
                np.multiply(samples[c.position : c.position + m], g, out=tmp)
                head = out[:m]
                np.add(head, tmp, out=head)
                c.position += m
            if c.position >= len(samples) or (c.ending and c.gain.value == 0.0):
                c.samples = None

    def _schedule(self, timeline: PacerTimeline, p0: float, p1: float, t0: float) -> None:
        """Start every cue due in [p0, p1) on its sample (and recent missed ones at once)."""
        if p1 <= 0:
            return
        cursor = self._cursor
        if cursor is None:
            # First block of a practice: cues missed by a little (the opening bell when the
            # practice began a moment ago) still play. After a resume nothing is replayed.
            lo = p0 - LATE_LIMIT_S if self._opening else p0
            self._opening = False
        elif cursor > p1:
            lo = p0  # practice time went back (a new origin without a pause)
        else:
            # Normally the previous block ended where this one starts; output times wobble
            # by a few samples, so continue from where scheduling stopped, never twice.
            lo = max(cursor, p0 - LATE_LIMIT_S)
        self._cursor = p1
        if lo >= p1:
            return
        pending = self._pending
        pending.clear()
        if self.bells:
            if lo <= 0.0 < p1:
                pending.append((self._index["start_bell"], 0.0))
            end = timeline.end_time
            if end is not None and lo <= end < p1:
                pending.append((self._index["end_bell"], end))
        if self.phase_cues:
            phases = timeline.pattern.phases
            for t, i in timeline.phase_changes(max(lo, 0.0), p1):
                if t == 0.0 and self.bells:
                    continue  # the opening bell marks the first breath
                pending.append((self._index[PHASE_CUES[phases[i].kind]], t))
        for sound, due in pending:
            k = round((due - p0) * self.rate)
            if k < 0:
                self.late_cues += 1
                k = 0
            self._start_voice(sound, k)
            self._note(sound, due, t0 + k / self.rate)

    def _note(self, sound: int, due: float, output_time: float) -> None:
        self.placed[self.placed_count % len(self.placed)] = ScheduledCue(
            self._names[sound], due, output_time
        )
        self.placed_count += 1

    def _render_breath(self, timeline: PacerTimeline, mix: Samples, p0: float, p1: float) -> None:
        n = len(mix)
        on = self._gain[:n]
        self._breath_on.block(on, self._ramp)
        if self._breath_on.value == 0.0 and on[0] == 0.0 and self._breath_gain == 0.0:
            return
        if p1 <= 0:
            return
        state = timeline.state_at(p1)
        target = synth.breath_gain(state) * _swell(p1, timeline.end_time)
        # However the target moves, the level never changes faster than a 30 ms ramp.
        limit = synth.breath_peak() * n / (BREATH_MIN_RAMP_S * self.rate)
        target = min(self._breath_gain + limit, max(self._breath_gain - limit, target))
        f1 = synth.breath_frequency(state.level)
        tone = self._tone[:n]
        self._phase = synth.breath_block(
            tone,
            self._freq,
            f1,
            self._breath_gain,
            target,
            self._phase,
            self.rate,
            self._breath_scratch,
        )
        self._freq = f1
        self._breath_gain = target
        tmp = self._tmp[:n]
        np.multiply(tone, on, out=tmp)
        np.add(mix, tmp, out=mix)

    def _render_noise(self, timeline: PacerTimeline, mix: Samples, p0: float, p1: float) -> None:
        """The breath-like sound (see sound/breath_noise.py), on the same practice time."""
        n = len(mix)
        on = self._gain[:n]  # free until the fades are computed
        self._noise_on.block(on, self._ramp)
        if self._noise_on.value == 0.0 and on[0] == 0.0 and self._noise.silent:
            return
        if p1 <= 0:
            return
        state = timeline.state_at(p1)
        level = breath_sound_level(state) * _swell(p1, timeline.end_time)
        self._noise.render(mix, level, breath_sound_brightness(state), on)

    def _mix_voices(self, mix: Samples) -> None:
        n = len(mix)
        for v in self._voices:
            if v.sound < 0:
                continue
            sound = self._sounds[v.sound]
            a = v.start
            m = min(n - a, len(sound) - v.position)
            if m > 0:
                seg = mix[a : a + m]
                np.add(seg, sound[v.position : v.position + m], out=seg)
                v.position += m
            v.start = 0
            if v.position >= len(sound):
                v.sound = -1


def _swell(p: float, end: float | None) -> float:
    """The breath tone's overall level: swelling in after the start and out before the end."""
    g = ease(min(1.0, max(0.0, p / BREATH_SWELL_S))) if p < BREATH_SWELL_S else 1.0
    if end is not None:
        g *= ease(min(1.0, max(0.0, (end - p) / BREATH_SWELL_S)))
    return g


def render_offline(
    mixer: Mixer,
    seconds: float,
    start_time: float,
    block: int = 480,
    commands: list[tuple[float, Command]] | None = None,
    jitter: Callable[[int], float] | None = None,
) -> Samples:
    """Run ``mixer`` block by block from clock time ``start_time`` for ``seconds``, applying each
    command when the block containing its time starts. For tests and measurements.

    ``jitter(i)`` may shift block ``i``'s output time a little, as real output clocks do.
    """
    total = round(seconds * mixer.rate)
    out = np.zeros(total, dtype=np.float32)
    todo = sorted(commands or [], key=lambda c: c[0])
    pos, i = 0, 0
    while pos < total:
        n = min(block, total - pos)
        t = start_time + pos / mixer.rate
        while todo and todo[0][0] <= t:
            mixer.apply(todo.pop(0)[1])
        mixer.render(out[pos : pos + n], t + (jitter(i) if jitter else 0.0))
        pos += n
        i += 1
    return out
