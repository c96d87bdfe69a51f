"""What the audio callback can be told, as plain immutable objects.

The engine passes them through a queue and the callback applies them to the
:class:`~kapcompanion.sound.mixer.Mixer` between blocks.
"""

from __future__ import annotations

from dataclasses import dataclass

from kapcompanion.domain.pacing import PacerTimeline
from kapcompanion.sound.synth import Samples


@dataclass(frozen=True)
class Start:
    """Begin a practice: practice time is clock time minus ``origin``."""

    timeline: PacerTimeline
    origin: float


@dataclass(frozen=True)
class Pause:
    """Fade out and hold still."""


@dataclass(frozen=True)
class Resume:
    """Fade back in, with practice time now measured from the new ``origin``."""

    origin: float


@dataclass(frozen=True)
class Stop:
    """Fade out and forget the practice."""


@dataclass(frozen=True)
class Volume:
    value: float


@dataclass(frozen=True)
class Cues:
    """Which sounds play. None leaves a setting as it is."""

    breath_tone: bool | None = None
    phase_cues: bool | None = None
    bells: bool | None = None
    breath_like: bool | None = None


@dataclass(frozen=True)
class Chime:
    """Play a named cue (e.g. ``step_chime`` between exercise steps) at clock time ``at``, on its
    sample, or as soon as possible when ``at`` is None or already past."""

    name: str
    at: float | None = None


@dataclass(frozen=True, eq=False)
class Clip:
    """Play a recording (a step's voice) from the next block: mono float32 at the mixer's rate,
    read and converted before it is sent. A recording already playing fades out quickly.

    Recordings are mixed after the practice's own fades, so a breathing segment stopping or a
    chime never dims a voice; only the volume and :class:`ClipHold` do."""

    samples: Samples


@dataclass(frozen=True)
class ClipStop:
    """Fade the recording out and forget it."""


@dataclass(frozen=True)
class ClipHold:
    """``held`` True: fade the recording out and keep its place; False: carry on from there."""

    held: bool


Command = Start | Pause | Resume | Stop | Volume | Cues | Chime | Clip | ClipStop | ClipHold
