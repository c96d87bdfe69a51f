"""The practice done last, for home's "again" shortcut (plain Python, no Qt).

It is kept in the settings file as one line of text, the same since the shortcut first came:

- ``breathing:<pattern key>:<minutes>``, e.g. ``breathing:gentle-settle:5``;
- ``exercise:<exercise id>``, e.g. ``exercise:daily-check-in``.

:func:`parse_last` reads such a line into a value (None for an empty, unknown or damaged one,
which simply offers no shortcut) and :func:`format_last` writes one back.
"""

from __future__ import annotations

from dataclasses import dataclass

from kapcompanion.domain.breathing_config import BreathingConfig
from kapcompanion.domain.limits import BREATHING_MINUTES
from kapcompanion.domain.pacing import PRESETS, BreathPattern
from kapcompanion.domain.practice import Kind
from kapcompanion.i18n import _

BREATHING_PREFIX = "breathing"
EXERCISE_PREFIX = "exercise"


@dataclass(frozen=True)
class LastBreathing:
    """A breathing practice: one of the shipped patterns, for a whole number of minutes."""

    pattern_key: str
    minutes: int

    def __post_init__(self) -> None:
        if self.pattern_key not in PRESETS:
            raise ValueError(f"unknown breathing pattern {self.pattern_key!r}")
        if self.minutes not in BREATHING_MINUTES:
            raise ValueError(f"{self.minutes} minutes is outside the allowed range")

    @property
    def pattern(self) -> BreathPattern:
        return PRESETS[self.pattern_key]

    def describe(self) -> str:
        """ "Gentle settle · 5 min"."""
        return _("{pattern} · {n} min").format(pattern=self.pattern.name, n=self.minutes)

    def config(self, *, glide: bool, reduced_motion: bool) -> BreathingConfig:
        """The same practice again, shown as the person prefers now. A pattern with breath
        holds was chosen with holds switched on, so it comes back with them allowed."""
        pattern = self.pattern
        return BreathingConfig(
            pattern=pattern,
            minutes=self.minutes,
            glide=glide,
            reduced_motion=reduced_motion,
            allow_holds=pattern.has_holds,
        )


@dataclass(frozen=True)
class LastExercise:
    """A guided exercise, by its id (its title comes from the library when it is shown)."""

    exercise_id: str

    def __post_init__(self) -> None:
        if not self.exercise_id or ":" in self.exercise_id or not self.exercise_id.isprintable():
            raise ValueError(f"not an exercise id: {self.exercise_id!r}")


LastPractice = LastBreathing | LastExercise


def parse_last(text: str) -> LastPractice | None:
    """The practice a stored line names, or None when it names none that can be offered.

    Minutes outside the allowed range (a hand-edited file) are moved into it.
    """
    kind, _colon, rest = text.strip().partition(":")
    if kind == EXERCISE_PREFIX:
        try:
            return LastExercise(rest)
        except ValueError:
            return None
    if kind == BREATHING_PREFIX:
        key, _colon, minutes = rest.partition(":")
        if key not in PRESETS or not minutes.isascii() or not minutes.isdigit():
            return None
        return LastBreathing(key, BREATHING_MINUTES.clamp(int(minutes)))
    return None


def format_last(last: LastPractice) -> str:
    """The line kept in the settings file for ``last`` (read back by :func:`parse_last`)."""
    if isinstance(last, LastBreathing):
        return f"{BREATHING_PREFIX}:{last.pattern_key}:{last.minutes}"
    return f"{EXERCISE_PREFIX}:{last.exercise_id}"


def last_from_start(kind: Kind, ref: str, planned_seconds: float) -> LastPractice | None:
    """What a practice that has just begun leaves as the last one (``ref`` is the pattern key
    or the exercise id); None when it cannot be offered again."""
    try:
        if kind is Kind.BREATHING:
            minutes = BREATHING_MINUTES.clamp(max(1, round(planned_seconds / 60)))
            return LastBreathing(ref, minutes)
        if kind is Kind.EXERCISE:
            return LastExercise(ref)
    except ValueError:
        return None
    return None
