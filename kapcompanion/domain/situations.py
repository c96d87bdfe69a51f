"""Home's first choices: where the person is (before a session, closing one, between sessions,
or just breathing), and how each sets the breathing card (plain Python, no Qt).

Around a session the card offers gentle settling with no breath holds; between sessions and
for "just breathe" it keeps the person's default pattern.
"""

from __future__ import annotations

from dataclasses import dataclass

from kapcompanion.domain.scripts import Moment
from kapcompanion.i18n import N_, _

GENTLE_PATTERN = "gentle-settle"


@dataclass(frozen=True)
class Situation:
    """One of home's first choices: which exercises it shows (``moment``) and which pattern
    the breathing card takes (``pattern``; None keeps the person's default). ``title_words``
    and ``line_words`` are as written (marked with ``N_``); :attr:`title` and :attr:`line` say
    them in the language in use."""

    key: str
    title_words: str
    line_words: str
    moment: Moment
    pattern: str | None

    @property
    def title(self) -> str:
        return _(self.title_words)

    @property
    def line(self) -> str:
        return _(self.line_words)

    @property
    def keeps_default(self) -> bool:
        """Whether the card keeps the person's default pattern here."""
        return self.pattern is None


SITUATIONS: tuple[Situation, ...] = (
    Situation(
        "before",
        N_("Before my session"),
        N_("Gentle settling, no holds"),
        Moment.BEFORE_DOSING,
        GENTLE_PATTERN,
    ),
    Situation(
        "closing",
        N_("Closing a session"),
        N_("Landing in the body and the room"),
        Moment.SESSION_CLOSE,
        GENTLE_PATTERN,
    ),
    Situation(
        "between",
        N_("Between sessions"),
        N_("Short practices for the days between"),
        Moment.BETWEEN_SESSIONS,
        None,
    ),
    Situation(
        "breathe",
        N_("Just breathe"),
        N_("A few minutes with the shape"),
        Moment.ANY_TIME,
        None,
    ),
)
SITUATION_KEYS = tuple(s.key for s in SITUATIONS)


def situation(key: str) -> Situation:
    """The situation called ``key``; ValueError naming the known ones otherwise."""
    found = next((s for s in SITUATIONS if s.key == key), None)
    if found is None:
        raise ValueError(f"unknown situation {key!r}; known: {', '.join(SITUATION_KEYS)}")
    return found


def takes_default_pattern(chosen: str) -> bool:
    """Whether a new default pattern from Settings shows on the card at once: when no
    situation is chosen (``chosen`` "") or the chosen one keeps the default."""
    return not chosen or situation(chosen).keeps_default
