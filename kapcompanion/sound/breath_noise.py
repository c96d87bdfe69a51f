"""The breath-like sound: soft shaped noise that swells with the in-breath and ebbs with the
out-breath, like moving air or a distant wave.

Two loops of noise are made once, when the mixer is built: a dark one (most of its energy below
about :data:`DARK_HZ`) and a brighter one (up to about :data:`BRIGHT_HZ`), both with the low rumble
taken out below :data:`LOW_CUT_HZ`. Each is drawn in the frequency domain with a smooth
magnitude and random phases, so its spectrum has no tonal peak and the loop joins its own start
without a seam (an inverse FFT is periodic). The loops have different lengths, so together they
repeat only after several minutes, and under the breath's envelope no repeat can be heard.

Each block the sound blends the two loops by the breath's brightness (equal power) and shapes
them with its level (:mod:`kapcompanion.domain.breath_sound`), both moving linearly over the
block from where the last block ended: phase-continuous, with no step at a turn of the breath.
Like the breath tone, its level never changes faster than a 30 ms ramp. It allocates nothing
per block.
"""

from __future__ import annotations

import math

import numpy as np

from kapcompanion.sound import synth

#: The breath-like sound peaks where the breath tone does.
PEAK_DBFS = synth.BREATH_PEAK_DBFS
DARK_HZ = 420.0
BRIGHT_HZ = 1_300.0
LOW_CUT_HZ = 110.0
#: The two loops' lengths (s): different, so their blend repeats only every ~7 minutes.
LOOP_S = (6.1, 7.3)
#: The level's fastest change: a ramp from silence to the peak takes at least this long.
MIN_RAMP_S = 0.03


def shaped_noise(
    seconds: float, cutoff_hz: float, rate: int = synth.RATE, seed: int = 0
) -> synth.Samples:
    """A seamless loop of noise with a smooth spectrum: a gentle low-pass at ``cutoff_hz``
    (second order) and a high-pass at :data:`LOW_CUT_HZ`; RMS 1."""
    n = 2 * round(seconds * rate / 2)
    f = np.fft.rfftfreq(n, 1.0 / rate)
    low = 1.0 / (1.0 + (f / cutoff_hz) ** 2)
    high = (f / LOW_CUT_HZ) ** 2 / (1.0 + (f / LOW_CUT_HZ) ** 2)
    rng = np.random.default_rng(seed)
    spectrum = low * high * np.exp(2j * np.pi * rng.random(len(f)))
    spectrum[0] = 0.0
    x = np.fft.irfft(spectrum, n)
    y: synth.Samples = (x / np.sqrt(np.mean(x**2))).astype(np.float32)
    return y


class BreathNoise:
    """The breath-like sound, rendered block by block (see the module's description)."""

    def __init__(self, rate: int = synth.RATE, max_block: int = 8192) -> None:
        self.rate = rate
        dark = shaped_noise(LOOP_S[0], DARK_HZ, rate, seed=1)
        bright = shaped_noise(LOOP_S[1], BRIGHT_HZ, rate, seed=2)
        # Equal-power weights add up to at most √2: each loop peaks at the sound's peak / √2.
        top = synth.db_to_gain(PEAK_DBFS) / math.sqrt(2.0)
        self._loops = tuple(
            (x * (top / float(np.max(np.abs(x))))).astype(np.float32) for x in (dark, bright)
        )
        self._pos = [0, 0]
        self.gain = 0.0  # level (0..1 of the peak) at the end of the last block
        self.bright = 0.0
        self._index = np.arange(max_block, dtype=np.float32)
        self._a = np.zeros(max_block, dtype=np.float32)
        self._b = np.zeros(max_block, dtype=np.float32)
        self._k = np.zeros(max_block, dtype=np.float32)
        self._w = np.zeros(max_block, dtype=np.float32)

    def reset(self) -> None:
        """A new practice: silent, dark, from the loops' start."""
        self.gain = 0.0
        self.bright = 0.0
        self._pos = [0, 0]

    @property
    def silent(self) -> bool:
        return self.gain == 0.0

    def render(self, mix: synth.Samples, level: float, bright: float, on: synth.Samples) -> None:
        """Add one block to ``mix``: the level moves to ``level`` (0..1, limited to a 30 ms ramp)
        and the brightness to ``bright`` over the block; ``on`` is the per-sample on/off
        gain (a short glide when the person switches the sound)."""
        n = len(mix)
        if n == 0:
            return
        limit = n / (MIN_RAMP_S * self.rate)
        g0, b0 = self.gain, self.bright
        g1 = min(g0 + limit, max(g0 - limit, min(1.0, max(0.0, level))))
        b1 = min(1.0, max(0.0, bright))
        if g0 == 0.0 and g1 == 0.0:
            self._advance(n)
            return
        k = np.multiply(self._index[:n], np.float32(1.0 / n), out=self._k[:n])  # 0..(n-1)/n
        a, b, w = self._a[:n], self._b[:n], self._w[:n]
        self._read(0, a)
        self._read(1, b)
        # Brightness glides from b0 to b1: an equal-power blend of the dark and bright loops.
        np.multiply(k, np.float32((b1 - b0) * math.pi / 2), out=w)
        w += np.float32(b0 * math.pi / 2)
        np.sin(w, out=k)  # the bright loop's weight (k is free again)
        b *= k
        np.cos(w, out=w)  # the dark loop's
        a *= w
        a += b
        # The level glides from g0 to g1, times the on/off glide.
        np.multiply(self._index[:n], np.float32((g1 - g0) / n), out=w)
        w += np.float32(g0)
        w *= on
        a *= w
        mix += a
        self.gain, self.bright = g1, b1

    def _read(self, i: int, out: synth.Samples) -> None:
        """The next ``len(out)`` samples of loop ``i``, joined round its end; advances it."""
        loop = self._loops[i]
        n = len(out)
        p = self._pos[i]
        first = min(n, len(loop) - p)
        out[:first] = loop[p : p + first]
        if first < n:
            out[first:] = loop[: n - first]
        self._pos[i] = (p + n) % len(loop)

    def _advance(self, n: int) -> None:
        for i, loop in enumerate(self._loops):
            self._pos[i] = (self._pos[i] + n) % len(loop)
