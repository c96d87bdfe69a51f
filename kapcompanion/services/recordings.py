"""A step's recording, read from its file and made ready for the audio engine."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from kapcompanion.domain.voice import RATE as VOICE_RATE
from kapcompanion.sound import synth
from kapcompanion.sound.voice import resample
from kapcompanion.storage.wav import read_wav


def load_clip(path: str, rate: int = synth.RATE) -> npt.NDArray[np.float32]:
    """A step's recording, read and brought to ``rate`` for
    :meth:`kapcompanion.sound.engine.AudioEngine.play_clip`.

    Raises :class:`kapcompanion.domain.voice.VoiceError` (with a sentence for a person) when the
    file is missing, damaged or not in the app's format."""
    samples = read_wav(path)
    if rate != VOICE_RATE:
        samples = resample(samples, VOICE_RATE, rate).astype(np.float32)
    return np.ascontiguousarray(samples, dtype=np.float32)
