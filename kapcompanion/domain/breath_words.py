"""What the breathing screen says beside the shape, and when it shows numbers.

The shape leads; words and numbers are quiet extras. The breath's word ("breathing in",
"holding") is soft and can be switched off. Numbers (the seconds left in a part of the breath,
the pattern's timing, the time left in the practice) show only when the person asks for them,
and never on a presented screen (the client's, in the office), whatever was asked. A line that
offers a way out of the breath, to the feet, is always there.
"""

from __future__ import annotations

from dataclasses import dataclass

from kapcompanion.domain.breathing_config import format_time_left, whole_seconds_left
from kapcompanion.domain.pacing import BreathPattern, PacerState
from kapcompanion.i18n import N_, _

#: Under the shape, always: the breath is one way to settle, never the only one (translated
#: where shown: ``_(ANCHOR_LINE)``).
ANCHOR_LINE = N_("Or leave the breath be, and just feel your feet on the floor.")


@dataclass(frozen=True)
class BreathDisplay:
    """What the person chose to see (``words``, ``numbers``) and whether the screen is
    presented on a client's screen (``presented``)."""

    words: bool = True
    numbers: bool = False
    presented: bool = False

    @property
    def shows_numbers(self) -> bool:
        """Numbers only when asked for, and never on a presented screen."""
        return self.numbers and not self.presented


def phase_text(state: PacerState, display: BreathDisplay) -> str:
    """The breath's soft word, or nothing when the person switched the words off."""
    return state.label if display.words else ""


def count_text(state: PacerState, display: BreathDisplay) -> str:
    """The whole seconds left in this part of the breath, only when numbers are shown."""
    if not display.shows_numbers:
        return ""
    return str(whole_seconds_left(state.phase_remaining))


def time_left_text(seconds: float, display: BreathDisplay) -> str:
    """The time left in the practice ("4:33 left"), only when numbers are shown: without them
    nothing on the screen counts, and the end says itself when it comes."""
    if not display.shows_numbers:
        return ""
    return _("{time} left").format(time=format_time_left(seconds))


def about_text(pattern: BreathPattern, display: BreathDisplay) -> str:
    """The line above the shape: the pattern's name, with its timing only when numbers are
    shown ("Longer breath out · 4 in · 6 out · 6 breaths a minute")."""
    if display.shows_numbers:
        return f"{pattern.name} · {pattern.summary()}"
    return pattern.name
