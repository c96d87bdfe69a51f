"""A spoken step: getting a microphone take ready to be heard, and its WAV file.

Pure numpy and the standard library; nothing here touches a device.

:func:`prepare` turns a raw take into the recording that is kept:

1. **Checked.** A take in which nothing stands out from the background is refused as silent,
   one whose voice is very quiet as too quiet, and one that hit the top of the recording range
   for more than a moment as clipped (:class:`VoiceError`, with a sentence a person can act on).
2. **Trimmed.** The take is cut into 10 ms frames. Its noise floor is the 10th percentile of
   the frames' RMS levels (or the level of its quietest 200 ms, if lower: a take that is
   mostly voice); a frame counts as sound when it is at least 12 dB above that floor
   (and above -60 dBFS). Sound must last 40 ms to count, so the click of a key or a mouse at
   either end is trimmed with the silence. The cut keeps 150 ms before the first sound and after
   the last one, and fades the new ends in and out over 15 ms (raised cosine) so they never
   click.
3. **Normalised** to an active level of -20 dBFS RMS, measured over the frames that count as
   sound (a moderate speaking level beside the app's cues), except that the gain never lets a
   peak above -3 dBFS.

Recordings are kept as 48 kHz mono 16-bit PCM WAV files by :mod:`kapcompanion.storage.wav`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from kapcompanion.domain.voice import MAX_SECONDS, RATE, VoiceError

Samples = npt.NDArray[np.float32]


FRAME_S = 0.010
FLOOR_PERCENTILE = 10.0
QUIET_STRETCH_S = 0.2
ABOVE_FLOOR_DB = 12.0
SILENCE_DBFS = -60.0
MIN_SOUND_S = 0.040
MARGIN_S = 0.150
FADE_S = 0.015

TARGET_RMS_DBFS = -20.0
PEAK_CEILING_DBFS = -3.0
#: Voice quieter than this (active RMS) is refused rather than amplified along with its noise.
TOO_QUIET_DBFS = -50.0

#: A sample at or above this magnitude sits at the top of the range.
CLIP_LEVEL = 0.999
#: Flat tops at least this long are clipping (a natural peak touches the top for a sample or two).
CLIP_RUN = 3
#: Share of the sound's samples that may be clipped before the take is refused.
MAX_CLIPPED_SHARE = 0.001

_FLOOR_DB = -120.0


@dataclass(frozen=True)
class Analysis:
    """What :func:`analyse` found in a take. Indices are samples of the take."""

    rate: int
    noise_floor_dbfs: float
    threshold_dbfs: float
    peak_dbfs: float
    #: First and one-past-last sample of sound (None when nothing stood out).
    sound: tuple[int, int] | None
    #: RMS level of the frames that count as sound.
    active_rms_dbfs: float
    clipped_samples: int
    sound_samples: int

    @property
    def clipped_share(self) -> float:
        return self.clipped_samples / max(1, self.sound_samples)


@dataclass(frozen=True)
class PreparedVoice:
    """A take ready to be kept: trimmed, faded and normalised, at :data:`RATE`."""

    samples: Samples
    rate: int
    #: Where the kept part began and ended in the take (samples at the take's own rate).
    start: int
    end: int
    gain_db: float
    noise_floor_dbfs: float
    active_rms_dbfs: float
    peak_dbfs: float

    @property
    def seconds(self) -> float:
        return len(self.samples) / self.rate


def dbfs(amplitude: float) -> float:
    """An amplitude (1.0 = full scale) in dBFS; -120 for silence."""
    if amplitude <= 0.0 or not math.isfinite(amplitude):
        return _FLOOR_DB
    return max(_FLOOR_DB, 20.0 * math.log10(amplitude))


def _amplitude(db: float) -> float:
    return float(10.0 ** (db / 20.0))


def _as_float(take: npt.ArrayLike) -> npt.NDArray[np.float64]:
    x = np.asarray(take)
    if x.ndim == 2:
        x = x[:, 0] if x.shape[1] >= 1 else x.reshape(-1)
    if x.ndim != 1:
        raise ValueError(f"a take is a 1-D array of samples, not shape {x.shape}")
    if x.dtype == np.int16:
        return x.astype(np.float64) / 32768.0
    out = x.astype(np.float64)
    return np.nan_to_num(out, nan=0.0, posinf=1.0, neginf=-1.0)


def _frame_rms(x: npt.NDArray[np.float64], frame: int) -> npt.NDArray[np.float64]:
    """RMS of consecutive frames; a last partial frame is measured over what it has."""
    n = len(x)
    whole = n // frame
    sq = x * x
    rms = np.sqrt(sq[: whole * frame].reshape(whole, frame).mean(axis=1))
    if n % frame:
        rms = np.append(rms, math.sqrt(float(sq[whole * frame :].mean())))
    return np.asarray(rms, dtype=np.float64)


def _clipped(x: npt.NDArray[np.float64], lo: int, hi: int) -> int:
    """Samples in [lo, hi) that lie in flat runs at the top of the range."""
    seg = x[lo:hi]
    if len(seg) == 0:
        return 0
    total = 0
    for mask in (seg >= CLIP_LEVEL, seg <= -CLIP_LEVEL):
        edges = np.diff(np.concatenate(([0], mask.view(np.int8), [0])))
        starts = np.flatnonzero(edges == 1)
        ends = np.flatnonzero(edges == -1)
        runs = ends - starts
        total += int(runs[runs >= CLIP_RUN].sum())
    return total


def _noise_floor(rms: npt.NDArray[np.float64]) -> float:
    """The take's background level: the 10th percentile of its frames, or its quietest
    stretch of :data:`QUIET_STRETCH_S` if that is lower (a take that is mostly voice)."""
    floor = float(np.percentile(rms, FLOOR_PERCENTILE))
    n = max(1, round(QUIET_STRETCH_S / FRAME_S))
    if len(rms) >= n:
        power = np.concatenate(([0.0], np.cumsum(rms * rms)))
        quietest = float(np.min(power[n:] - power[:-n])) / n
        floor = min(floor, math.sqrt(max(0.0, quietest)))
    return floor


def analyse(take: npt.ArrayLike, rate: int = RATE) -> Analysis:
    """The take's noise floor, where its sound begins and ends, its level and clipping."""
    x = _as_float(take)
    frame = max(1, round(FRAME_S * rate))
    peak = float(np.max(np.abs(x))) if len(x) else 0.0
    if len(x) == 0:
        return Analysis(rate, _FLOOR_DB, SILENCE_DBFS, _FLOOR_DB, None, _FLOOR_DB, 0, 0)
    rms = _frame_rms(x, frame)
    floor = _noise_floor(rms)
    threshold = max(floor * _amplitude(ABOVE_FLOOR_DB), _amplitude(SILENCE_DBFS))
    loud = rms > threshold
    # Runs of loud frames; only runs of at least MIN_SOUND_S count as sound.
    edges = np.diff(np.concatenate(([0], loud.view(np.int8), [0])))
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)
    min_frames = max(1, math.ceil(MIN_SOUND_S / FRAME_S - 1e-9))
    keep = (ends - starts) >= min_frames
    if not keep.any():
        # Clipping is still worth naming: a take loud from end to end has no quiet floor.
        clipped = _clipped(x, 0, len(x))
        return Analysis(
            rate, dbfs(floor), dbfs(threshold), dbfs(peak), None, _FLOOR_DB, clipped, len(x)
        )
    first = int(starts[keep][0])
    last = int(ends[keep][-1])  # one past the last loud frame
    start = _first_above(
        x, max(0, (first - 1) * frame), min(len(x), (first + 1) * frame), threshold
    )
    end = _last_above(x, max(0, (last - 1) * frame), min(len(x), (last + 1) * frame), threshold)
    if end <= start:  # cannot happen for a run of loud frames; stay on the frame grid if it does
        start, end = first * frame, min(len(x), last * frame)
    active = rms[first:last][loud[first:last]]
    active_rms = math.sqrt(float(np.mean(active * active))) if len(active) else 0.0
    sound_samples = int(loud[first:last].sum()) * frame
    return Analysis(
        rate=rate,
        noise_floor_dbfs=dbfs(floor),
        threshold_dbfs=dbfs(threshold),
        peak_dbfs=dbfs(peak),
        sound=(start, end),
        active_rms_dbfs=dbfs(active_rms),
        clipped_samples=_clipped(x, start, end),
        sound_samples=sound_samples,
    )


def _loud_windows(
    x: npt.NDArray[np.float64], lo: int, hi: int, level: float
) -> npt.NDArray[np.intp]:
    """Starts of the 1 ms windows in [lo, hi) whose RMS is above ``level`` (single noise
    samples do not count, so the edges of the sound are found to within a millisecond)."""
    w = max(1, round(0.001 * RATE))
    seg = x[lo:hi]
    if len(seg) < w:
        return np.zeros(0, dtype=np.intp)
    power = np.concatenate(([0.0], np.cumsum(seg * seg)))
    mean = (power[w:] - power[:-w]) / w
    return np.flatnonzero(mean > level * level)


def _first_above(x: npt.NDArray[np.float64], lo: int, hi: int, level: float) -> int:
    hits = _loud_windows(x, lo, hi, level)
    return lo + int(hits[0]) if len(hits) else lo


def _last_above(x: npt.NDArray[np.float64], lo: int, hi: int, level: float) -> int:
    hits = _loud_windows(x, lo, hi, level)
    return lo + int(hits[-1]) + max(1, round(0.001 * RATE)) if len(hits) else hi


def fade(samples: npt.NDArray[np.float64], rate: int, seconds: float = FADE_S) -> None:
    """Fade both ends in place with a raised-cosine ramp of ``seconds`` (shorter takes: half)."""
    n = min(round(seconds * rate), len(samples) // 2)
    if n <= 0:
        return
    ramp = 0.5 - 0.5 * np.cos(np.pi * (np.arange(n) + 0.5) / n)
    samples[:n] *= ramp
    samples[len(samples) - n :] *= ramp[::-1]


_CLIPPED = (
    "This take is too loud: parts of it reached the top of the recording range and would "
    "sound distorted. You might move a little further from the microphone or turn its input "
    "level down, then record again."
)


def check(analysis: Analysis) -> None:
    """Raise :class:`VoiceError` for a take that cannot be kept."""
    if analysis.sound is None and analysis.clipped_share > MAX_CLIPPED_SHARE:
        raise VoiceError("clipped", _CLIPPED)
    if analysis.sound is None:
        if analysis.peak_dbfs < SILENCE_DBFS:
            raise VoiceError(
                "silent",
                "This take is silent: no sound reached the recording. You might check that "
                "the microphone is connected, chosen and not muted, then record again.",
            )
        raise VoiceError(
            "silent",
            "No voice stood out from the background sound in this take. You might speak a "
            "little closer to the microphone, or find a quieter spot, and record again.",
        )
    if analysis.active_rms_dbfs < TOO_QUIET_DBFS:
        raise VoiceError(
            "quiet",
            "This take is very quiet, and raising it would raise the background hiss too. "
            "You might speak closer to the microphone or turn its input level up, then record "
            "again.",
        )
    if analysis.clipped_share > MAX_CLIPPED_SHARE:
        raise VoiceError("clipped", _CLIPPED)
    start, end = analysis.sound
    if (end - start) / analysis.rate > MAX_SECONDS:
        raise VoiceError(
            "long",
            f"This take is longer than {MAX_SECONDS / 60:g} minutes, the most one step can "
            "hold. You might split what you say over two steps.",
        )


def prepare(take: npt.ArrayLike, rate: int = RATE) -> PreparedVoice:
    """Check, trim, fade and normalise a raw take; the result is at :data:`RATE`.

    Raises :class:`VoiceError` for a silent, very quiet, clipped or over-long take.
    """
    x = _as_float(take)
    analysis = analyse(x, rate)
    check(analysis)
    assert analysis.sound is not None
    start, end = analysis.sound
    margin = round(MARGIN_S * rate)
    lo = max(0, start - margin)
    hi = min(len(x), end + margin)
    kept = x[lo:hi].copy()
    # Measure the kept part's own peak: the margins may hold a little background sound.
    peak = float(np.max(np.abs(kept)))
    gain_db = min(TARGET_RMS_DBFS - analysis.active_rms_dbfs, PEAK_CEILING_DBFS - dbfs(peak))
    if rate != RATE:
        kept = resample(kept, rate, RATE)
    fade(kept, RATE)
    kept *= _amplitude(gain_db)
    out = np.clip(kept, -1.0, 1.0).astype(np.float32)
    return PreparedVoice(
        samples=out,
        rate=RATE,
        start=lo,
        end=hi,
        gain_db=gain_db,
        noise_floor_dbfs=analysis.noise_floor_dbfs,
        active_rms_dbfs=analysis.active_rms_dbfs + gain_db,
        peak_dbfs=dbfs(float(np.max(np.abs(out)))) if len(out) else _FLOOR_DB,
    )


def resample(x: npt.ArrayLike, from_rate: int, to_rate: int) -> npt.NDArray[np.float64]:
    """Band-limited resampling of a finite take (by its spectrum)."""
    s = np.asarray(x, dtype=np.float64)
    if from_rate == to_rate or len(s) == 0:
        return s.copy()
    n_out = max(1, round(len(s) * to_rate / from_rate))
    spectrum = np.fft.rfft(s)
    keep = min(len(spectrum), n_out // 2 + 1)
    out = np.fft.irfft(spectrum[:keep], n_out)
    return np.asarray(out * (n_out / len(s)), dtype=np.float64)
