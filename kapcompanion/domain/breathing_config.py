"""What a person chose for one breathing practice (plain Python, no Qt).

The home screen and the command line both build a :class:`BreathingConfig`; the breathing screen
turns it into a :class:`~kapcompanion.domain.pacing.PacerTimeline`. Every value is checked here,
so both front doors give the same clear messages.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from kapcompanion.domain.limits import BREATHING_MINUTES
from kapcompanion.domain.pacing import (
    DEFAULT_PATTERN,
    PRESETS,
    BreathPattern,
    Glide,
    PacerTimeline,
    PatternError,
)
from kapcompanion.i18n import _

#: The range in English, as the command line's help has said it; a message takes
#: :func:`minutes_allowed`, in the language in use.
MINUTES_ALLOWED = f"a number of minutes from {BREATHING_MINUTES.low} to {BREATHING_MINUTES.high}"


def minutes_allowed() -> str:
    """ "a number of minutes from 1 to 30", in the language in use."""
    return _("a number of minutes from {low} to {high}").format(
        low=BREATHING_MINUTES.low, high=BREATHING_MINUTES.high
    )


def check_minutes(value: object) -> float:
    """The session length in minutes, or PatternError naming what is allowed."""
    if isinstance(value, bool):
        raise PatternError("minutes", value, minutes_allowed(), _("is not a number"))
    if isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            raise PatternError("minutes", value, minutes_allowed(), _("is not a number")) from None
    elif isinstance(value, int | float):
        number = float(value)
    else:
        raise PatternError("minutes", value, minutes_allowed(), _("is not a number"))
    if not math.isfinite(number):
        raise PatternError("minutes", value, minutes_allowed(), _("is not a finite number"))
    if number not in BREATHING_MINUTES:
        raise PatternError("minutes", value, minutes_allowed())
    return number


@dataclass(frozen=True)
class BreathingConfig:
    """One breathing practice: which pattern, for how long, and how it is shown.

    ``allow_holds`` records that the person opted in to patterns with breath holds; a pattern
    with holds is refused without it.
    """

    pattern: BreathPattern
    minutes: float = BREATHING_MINUTES.default
    glide: bool = True
    reduced_motion: bool = False
    allow_holds: bool = False
    full_screen: bool = False

    def __post_init__(self) -> None:
        check_minutes(self.minutes)
        if self.pattern.has_holds and not self.allow_holds:
            raise PatternError(
                "pattern",
                self.pattern.key,
                _("patterns without holds unless holds are switched on"),
                _("includes breath holds, which are off"),
            )

    @classmethod
    def default(cls) -> BreathingConfig:
        return cls(PRESETS[DEFAULT_PATTERN])

    @property
    def session_seconds(self) -> float:
        return self.minutes * 60.0

    def timeline(self) -> PacerTimeline:
        """The pacer for this practice; a glide eases in from a quicker, comfortable rate."""
        glide = Glide.for_session(self.session_seconds) if self.glide else None
        return PacerTimeline(self.pattern, self.session_seconds, glide)


def format_time_left(seconds: float) -> str:
    """Whole seconds rounded up, as m:ss (e.g. 272.2 -> '4:33')."""
    whole = max(0, math.ceil(seconds - 1e-9))
    return f"{whole // 60}:{whole % 60:02d}"


def whole_seconds_left(seconds: float) -> int:
    """Seconds left in a phase, rounded up (2.01 -> 3, 3.0 -> 3, 0 -> 0)."""
    return max(0, math.ceil(seconds - 1e-9))
