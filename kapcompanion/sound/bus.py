"""The mix bus: every sound of a practice passes a soft limiter before it is heard.

Each sound keeps its own ceiling (:data:`kapcompanion.sound.synth.CUE_PEAK_DBFS` for cues, lower
for the breath sounds), but sounds overlap: an exhale cue on top of the breath tone at a full
breath, a step's chime over a bell. Together they could rise above the cue ceiling. The bus
keeps the whole output at or under it, whatever overlaps, with a gain that follows each block's
peak. The whole block is known before it is heard, so the gain can fall within the block to
what its loudest sample needs (a ramp of at most 2 ms that reaches the lower gain before the
first sample that needs it, aiming a little under the ceiling) and it rises back slowly
(:data:`RELEASE_S` for 6 dB), so nothing pumps. A guard would hold any sample the ramp had not
caught at the ceiling; :attr:`Limiter.guarded` counts them (none in the tests).

Whatever stays at or under the ceiling passes exactly as it is: a single cue (cues peak at the
ceiling), the breath sounds, quiet mixes. Like the mixer it allocates nothing per block. A
step's recorded voice is added after the bus: speech is normalised by its own rules (a steady
speaking level, its own peak limit), and a limiter set for bells would flatten it.
"""

from __future__ import annotations

import math

import numpy as np

from kapcompanion.sound import synth

#: The output's ceiling: the cues' own peak level.
CEILING_DBFS = synth.CUE_PEAK_DBFS
#: When the gain must fall, it aims at this share of the ceiling (room for its ramp).
AIM = 0.95
#: How long the gain takes to fall to what a block needs (a ramp this short cannot click).
ATTACK_S = 0.002
#: How long the gain takes to come back from a 6 dB reduction.
RELEASE_S = 0.4


class Limiter:
    """A soft limiter for blocks of mono float32 samples (see the module's description)."""

    def __init__(
        self, rate: int = synth.RATE, max_block: int = 8192, ceiling_dbfs: float = CEILING_DBFS
    ) -> None:
        self.rate = rate
        self.ceiling = synth.db_to_gain(ceiling_dbfs)
        #: A cue made to peak exactly at the ceiling, once in float32, may sit a hair above it:
        #: that much over still counts as at the ceiling (1 part in a million, -120 dB).
        self.at_most = self.ceiling * (1.0 + 1e-6)
        self.gain = 1.0
        # Gain may rise by this factor per sample: 6 dB over RELEASE_S.
        self._rise = 2.0 ** (1.0 / (RELEASE_S * rate))
        self._attack = max(1, round(ATTACK_S * rate))
        self._ramp = np.arange(1, max_block + 1, dtype=np.float32)
        self._g = np.zeros(max_block, dtype=np.float32)
        self._a = np.zeros(max_block, dtype=np.float32)
        self._over = np.zeros(max_block, dtype=bool)
        #: The smallest gain used so far (1.0: the limiter never had to act).
        self.lowest_gain = 1.0
        #: Samples the guard had to hold at the ceiling (the ramp had not caught them).
        self.guarded = 0
        #: How far above the ceiling the guard's worst sample was (dB).
        self.worst_over_db = 0.0

    def process(self, x: synth.Samples) -> None:
        """Limit ``x`` in place."""
        n = len(x)
        if n == 0:
            return
        a = self._a[:n]
        np.abs(x, out=a)
        peak = float(a[int(a.argmax())])  # (argmax allocates less than max)
        g0 = self.gain
        if g0 == 1.0 and peak <= self.at_most:
            return  # the usual case: nothing to do
        # What the block's loudest sample needs (a single cue at the ceiling needs nothing).
        wanted = 1.0 if peak <= self.at_most else AIM * self.ceiling / peak
        # Fall within this block (on a ramp), or rise back slowly, never past what it needs.
        g1 = wanted if wanted < g0 else min(wanted, g0 * self._rise**n)
        g = self._g[:n]
        # A fall takes ATTACK_S (then holds), or less when a sample early in the block already
        # needs the lower gain: it is reached by then. A rise takes the whole block.
        k = n
        if g1 < g0:
            k = min(n, self._attack)
            over = self._over[:n]
            np.greater(a, self.ceiling / g0, out=over)
            first = int(over.argmax())  # (argmax allocates less than any)
            if over[first]:
                k = max(1, min(k, first))
        np.multiply(self._ramp[:k], (g1 - g0) / k, out=g[:k])
        np.add(g[:k], g0, out=g[:k])
        g[k:] = g1
        np.multiply(x, g, out=x)
        self.gain = g1
        self.lowest_gain = min(self.lowest_gain, g1)
        if peak * max(g0, g1) > self.ceiling:
            np.abs(x, out=a)
            top = float(a[int(a.argmax())])
            if top > self.at_most:
                self.guarded += int(np.count_nonzero(a > self.ceiling))
                self.worst_over_db = max(self.worst_over_db, synth.gain_to_db(top / self.ceiling))
                np.clip(x, -self.ceiling, self.ceiling, out=x)


def peak_dbfs(x: synth.Samples) -> float:
    """The highest sample of ``x`` in dB relative to full scale."""
    top = float(np.max(np.abs(x))) if len(x) else 0.0
    return 20.0 * math.log10(top) if top > 0 else -math.inf
