"""Sound synthesis: bells, chimes, short phase tones and the breath tone.

Pure numpy, no I/O. Every function returns or fills float32 samples in -1..1 at ``rate``.

Rules every sound here keeps:

- Every start and every stop is a raised-cosine ramp of at least :data:`MIN_RAMP_S`
  (20 ms by default), so nothing clicks.
- Peaks stay well below full scale: cues at most :data:`CUE_PEAK_DBFS`, the breath tone
  softer still (:data:`BREATH_PEAK_DBFS`).
- The breath tone is rendered block by block with a running phase, so its pitch can glide
  with the breath without a jump in the waveform.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

# The breath tone rests in holds as the breath-like sound does.
from kapcompanion.domain.breath_sound import HOLD_FADE_S as HOLD_FADE_S
from kapcompanion.domain.breath_sound import hold_fade
from kapcompanion.domain.pacing import PacerState

Samples = npt.NDArray[np.float32]

RATE = 48_000
MIN_RAMP_S = 0.015
RAMP_S = 0.020
CUE_PEAK_DBFS = -14.0
BREATH_PEAK_DBFS = -24.0

PHASE_TONE_SECONDS = (0.080, 0.200)
PHASE_TONE_HZ = (440.0, 1200.0)

#: Breath tone pitch at an empty and a full breath (F3 up to C4: a rising fifth).
BREATH_LOW_HZ = 174.61
BREATH_HIGH_HZ = 261.63
#: Share of the breath tone's peak that sounds at an empty breath.
BREATH_FLOOR = 0.35
#: Weight of the breath tone's second harmonic (a little warmth over a plain sine).
BREATH_HARMONIC = 0.12


def db_to_gain(db: float) -> float:
    return float(10.0 ** (db / 20.0))


def gain_to_db(gain: float) -> float:
    return 20.0 * math.log10(gain) if gain > 0 else -math.inf


def raised_cosine(n: int) -> Samples:
    """A ramp from exactly 0 rising smoothly towards 1 over ``n`` samples."""
    if n <= 0:
        return np.zeros(0, dtype=np.float32)
    return (0.5 - 0.5 * np.cos(np.pi * np.arange(n) / n)).astype(np.float32)


def apply_ramps(
    x: Samples, rate: int = RATE, attack_s: float = RAMP_S, release_s: float = RAMP_S
) -> Samples:
    """A copy of ``x`` with a raised-cosine start and end; the first and last samples are 0."""
    if attack_s < MIN_RAMP_S or release_s < MIN_RAMP_S:
        raise ValueError(f"ramps must last at least {MIN_RAMP_S * 1000:g} ms")
    a = round(attack_s * rate)
    r = round(release_s * rate)
    if a + r > len(x):
        raise ValueError("the sound is shorter than its ramps")
    y = np.array(x, dtype=np.float32, copy=True)
    y[:a] *= raised_cosine(a)
    y[len(y) - r :] *= raised_cosine(r)[::-1]
    y[-1] = 0.0
    return y


def _normalise(x: npt.NDArray[np.float64], peak_dbfs: float) -> Samples:
    top = float(np.max(np.abs(x)))
    if top == 0:
        return x.astype(np.float32)
    return (x * (db_to_gain(peak_dbfs) / top)).astype(np.float32)


def phase_tone(
    freq: float = 660.0,
    seconds: float = 0.12,
    rate: int = RATE,
    peak_dbfs: float = CUE_PEAK_DBFS - 2.0,
) -> Samples:
    """A short, soft tone marking a turn of the breath (80-200 ms, 440-1200 Hz)."""
    lo_s, hi_s = PHASE_TONE_SECONDS
    lo_f, hi_f = PHASE_TONE_HZ
    if not lo_s <= seconds <= hi_s:
        raise ValueError(f"a phase tone lasts {lo_s * 1000:g}-{hi_s * 1000:g} ms, not {seconds}")
    if not lo_f <= freq <= hi_f:
        raise ValueError(f"a phase tone sits at {lo_f:g}-{hi_f:g} Hz, not {freq}")
    if peak_dbfs > CUE_PEAK_DBFS:
        raise ValueError(f"cue peaks stay at or below {CUE_PEAK_DBFS:g} dBFS")
    n = round(seconds * rate)
    t = np.arange(n) / rate
    x = np.sin(2 * np.pi * freq * t) + 0.08 * np.sin(4 * np.pi * freq * t)
    # A gentle dip in level over the tone keeps it from sounding like a beep.
    x *= 1.0 - 0.3 * t / seconds
    ramp = max(RAMP_S, min(0.030, seconds / 4))
    return apply_ramps(_normalise(x, peak_dbfs), rate, ramp, ramp)


#: Partials of a soft struck bell: (frequency ratio, relative level, decay time in seconds
#: relative to the bell's length). Slightly inharmonic, upper partials die away first.
_BELL_PARTIALS = (
    (1.000, 1.00, 0.45),
    (2.000, 0.30, 0.25),
    (2.756, 0.28, 0.16),
    (4.072, 0.12, 0.10),
    (5.404, 0.07, 0.07),
)


def bell(
    freq: float,
    seconds: float,
    rate: int = RATE,
    peak_dbfs: float = CUE_PEAK_DBFS,
    brightness: float = 1.0,
) -> Samples:
    """A soft bell: inharmonic partials with exponential decay, a 20 ms attack and a faded tail."""
    if peak_dbfs > CUE_PEAK_DBFS:
        raise ValueError(f"cue peaks stay at or below {CUE_PEAK_DBFS:g} dBFS")
    n = round(seconds * rate)
    t = np.arange(n) / rate
    x = np.zeros(n)
    for ratio, level, decay in _BELL_PARTIALS:
        f = freq * ratio
        if f >= rate / 2 * 0.9:
            continue
        weight = level * (brightness if ratio > 1 else 1.0)
        x += weight * np.exp(-t / (decay * seconds)) * np.sin(2 * np.pi * f * t)
    # A slow beat between two close copies of the fundamental makes the bell shimmer softly.
    x += 0.15 * np.exp(-t / (0.5 * seconds)) * np.sin(2 * np.pi * (freq * 1.003) * t + 1.0)
    release = min(0.25, seconds / 4)
    return apply_ramps(_normalise(x, peak_dbfs), rate, RAMP_S, release)


def start_bell(rate: int = RATE) -> Samples:
    """The bell that opens a practice."""
    return bell(523.25, 2.5, rate, CUE_PEAK_DBFS, brightness=1.0)


def end_bell(rate: int = RATE) -> Samples:
    """The bell that closes a practice: lower, longer and a little darker."""
    return bell(392.00, 3.5, rate, CUE_PEAK_DBFS, brightness=0.7)


def step_chime(rate: int = RATE) -> Samples:
    """A light chime between the steps of an exercise."""
    return bell(783.99, 1.2, rate, CUE_PEAK_DBFS - 4.0, brightness=0.8)


def soft_bell(rate: int = RATE) -> Samples:
    """A quieter, darker bell for the first step of an exercise: it invites, it does not call."""
    return bell(440.00, 2.5, rate, CUE_PEAK_DBFS - 6.0, brightness=0.5)


def inhale_tone(rate: int = RATE) -> Samples:
    """Marks the start of a breath in: the higher of the two tones."""
    return phase_tone(660.0, 0.12, rate)


def exhale_tone(rate: int = RATE) -> Samples:
    """Marks the start of a breath out: lower and a little longer."""
    return phase_tone(495.0, 0.15, rate)


def rest_tone(rate: int = RATE) -> Samples:
    """Marks the start of a rest (a hold): the softest of the three."""
    return phase_tone(587.33, 0.10, rate, CUE_PEAK_DBFS - 8.0)


#: The fixed cues by name, as rendered to audio/<name>.wav.
CUES = {
    "start_bell": start_bell,
    "end_bell": end_bell,
    "step_chime": step_chime,
    "soft_bell": soft_bell,
    "inhale": inhale_tone,
    "exhale": exhale_tone,
    "rest": rest_tone,
}

#: The sounds an exercise script may name for a step (``sound = "..."``, see
#: :data:`kapcompanion.domain.scripts.SOUND_CUES`) and the cue each one plays.
SCRIPT_CUES = {
    "step-chime": "step_chime",
    "bell": "start_bell",
    "soft-bell": "soft_bell",
}


def cue_name(name: str) -> str | None:
    """The cue for ``name``, given either as a script's sound or as a cue's own name."""
    if name in CUES:
        return name
    return SCRIPT_CUES.get(name)


# ---------------------------------------------------------------------------------------
# The breath tone


def breath_frequency(level: float) -> float:
    """Pitch of the breath tone for a breath ``level`` (0 empty .. 1 full).

    The pitch moves evenly in musical steps (exponentially in hertz) from
    :data:`BREATH_LOW_HZ` to :data:`BREATH_HIGH_HZ`.
    """
    level = min(1.0, max(0.0, level))
    return float(BREATH_LOW_HZ * (BREATH_HIGH_HZ / BREATH_LOW_HZ) ** level)


def breath_peak() -> float:
    return db_to_gain(BREATH_PEAK_DBFS)


def breath_gain(state: PacerState) -> float:
    """Level (linear gain) of the breath tone for a pacer state: louder as the breath fills,
    silent in the middle of a hold."""
    g = breath_peak() * (BREATH_FLOOR + (1.0 - BREATH_FLOOR) * min(1.0, max(0.0, state.level)))
    if state.phase.kind.is_hold:
        g *= hold_fade(state.progress, state.phase.seconds)
    return g


def breath_max_step(rate: int = RATE) -> float:
    """Largest sample-to-sample change the breath tone can make (at full level and pitch)."""
    w = 2 * math.pi * BREATH_HIGH_HZ / rate
    return breath_peak() * (w + BREATH_HARMONIC * 2 * w) / (1.0 + BREATH_HARMONIC)


@dataclass
class BreathScratch:
    """Preallocated work arrays for :func:`breath_block`: the audio callback allocates nothing."""

    k: npt.NDArray[np.float64]
    kk: npt.NDArray[np.float64]
    phase: npt.NDArray[np.float64]
    tmp: npt.NDArray[np.float64]
    gain: npt.NDArray[np.float64]

    @classmethod
    def create(cls, size: int) -> BreathScratch:
        k = np.arange(size, dtype=np.float64)
        return cls(
            k=k,
            kk=k * (k - 1) / 2.0,
            phase=np.zeros(size),
            tmp=np.zeros(size),
            gain=np.zeros(size),
        )


def breath_block(
    out: Samples,
    f0: float,
    f1: float,
    g0: float,
    g1: float,
    phase: float,
    rate: int = RATE,
    scratch: BreathScratch | None = None,
) -> float:
    """Fill ``out`` with the breath tone whose pitch glides linearly from ``f0`` to ``f1`` and
    whose level glides from ``g0`` to ``g1`` over the block. Returns the phase (radians, 0..2π)
    at the end of the block; pass it as ``phase`` of the next block so the waveform continues
    without a jump whatever the pitch does.

    Sample ``k`` sits at phase ``phase + 2π/rate · Σ_{j<k} f_j`` with ``f_j = f0 + (f1-f0)·j/n``.
    """
    n = len(out)
    if n == 0:
        return phase
    s = scratch if scratch is not None and len(scratch.k) >= n else BreathScratch.create(n)
    k, kk, ph, tmp, gain = s.k[:n], s.kk[:n], s.phase[:n], s.tmp[:n], s.gain[:n]
    w0 = 2.0 * math.pi * f0 / rate
    dw = 2.0 * math.pi * (f1 - f0) / rate / n
    # ph = phase + w0·k + dw·k(k-1)/2
    np.multiply(k, w0, out=ph)
    np.multiply(kk, dw, out=tmp)
    np.add(ph, tmp, out=ph)
    np.add(ph, phase, out=ph)
    # gain = (g0 + (g1-g0)·k/n) / (1 + h)
    np.multiply(k, (g1 - g0) / n / (1.0 + BREATH_HARMONIC), out=gain)
    np.add(gain, g0 / (1.0 + BREATH_HARMONIC), out=gain)
    # tone = sin(ph) + h·sin(2ph)
    np.multiply(ph, 2.0, out=tmp)
    np.sin(tmp, out=tmp)
    np.multiply(tmp, BREATH_HARMONIC, out=tmp)
    np.sin(ph, out=ph)
    np.add(ph, tmp, out=ph)
    np.multiply(ph, gain, out=ph)
    out[:] = ph
    end = phase + w0 * n + dw * n * (n - 1) / 2.0
    return math.fmod(end, 2.0 * math.pi)
