"""How loud and how bright the breath-like sound is at each moment of the breath.

The breath-like sound is soft, shaped noise, like moving air or a distant wave. It swells as the
breath fills and ebbs as it empties, so it follows the pacer's level: silent at an empty breath,
fullest at a full one. In a hold the breath rests and so does the sound: it fades out over
:data:`HOLD_FADE_S` and comes back only as the hold ends. The sound is a little brighter when
the breath is full, as air is when it moves fastest through an open throat, and darker as it
empties.

Pure functions of a :class:`~kapcompanion.domain.pacing.PacerState`: the audio callback reads
them at each block's own time, so the sound and the shape on screen agree by construction.
"""

from __future__ import annotations

from kapcompanion.domain.pacing import PacerState, ease

#: How long the breath sounds take to fade to silence at the start of a hold (and back).
HOLD_FADE_S = 0.4
#: The level's curve: above 1 the sound stays low near an empty breath and grows as it fills.
SHAPE = 1.3


def hold_fade(progress: float, seconds: float) -> float:
    """1 at both ends of a hold and 0 in its middle: the sound rests while the breath does.

    Each side takes :data:`HOLD_FADE_S` (or half the hold when it is shorter).
    """
    if seconds <= 0:
        return 1.0
    width = min(0.5, HOLD_FADE_S / seconds)
    progress = min(1.0, max(0.0, progress))
    out_of = 1.0 - ease(min(1.0, progress / width))
    back_in = 1.0 - ease(min(1.0, (1.0 - progress) / width))
    return max(out_of, back_in)


def breath_sound_level(state: PacerState) -> float:
    """The breath-like sound's level, 0 (silent) to 1 (its peak), for a pacer state."""
    level = min(1.0, max(0.0, state.level))
    out = float(level**SHAPE)
    if state.phase.kind.is_hold:
        out *= hold_fade(state.progress, state.phase.seconds)
    return out


def breath_sound_brightness(state: PacerState) -> float:
    """How bright the sound is, 0 (dark, like an ebbing wave) to 1 (bright, like drawn air)."""
    return min(1.0, max(0.0, state.level))
