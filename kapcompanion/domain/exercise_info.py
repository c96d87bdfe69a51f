"""Words and groupings for showing exercises (plain Python, no Qt).

The home list, the exercise screen and the command line (which must answer without loading Qt)
all describe exercises the same way: grouped by when they are meant for, with a rounded length
("about 10 min"). The answers a person gave are turned here into the plain texts the practice
log keeps.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from kapcompanion.domain.practice import MAX_TEXT
from kapcompanion.domain.runner import Answer
from kapcompanion.domain.scripts import (
    BodyMapInput,
    ChecklistInput,
    Exercise,
    Moment,
    RatingInput,
    TextInput,
)
from kapcompanion.i18n import N_, _

#: The groups in the order they are shown, with the heading a person sees (marked English,
#: translated where shown: ``_(MOMENT_HEADINGS[m])``, or :func:`moment_heading`).
MOMENT_HEADINGS: dict[Moment, str] = {
    Moment.BEFORE_DOSING: N_("Before my session"),
    Moment.SESSION_CLOSE: N_("Closing a session"),
    Moment.BETWEEN_SESSIONS: N_("Between sessions"),
    Moment.ANY_TIME: N_("Any time"),
}
MOMENT_ORDER: tuple[Moment, ...] = tuple(MOMENT_HEADINGS)

#: One quiet line under each group's heading (translated where shown, as the headings).
MOMENT_NOTES: dict[Moment, str] = {
    Moment.BEFORE_DOSING: N_("Gentle settling before a medicine session, with no breath holds."),
    Moment.SESSION_CLOSE: N_("For landing in the body and the room as a session comes to a close."),
    Moment.BETWEEN_SESSIONS: N_("Short practices for the days between sessions."),
    Moment.ANY_TIME: N_("Whenever you would like a few minutes to settle."),
}


def moment_heading(moment: Moment) -> str:
    """A group's heading in the language in use."""
    return _(MOMENT_HEADINGS[moment])


def moment_note(moment: Moment) -> str:
    """The line under a group's heading, in the language in use."""
    return _(MOMENT_NOTES[moment])


def length_label(minutes: float) -> str:
    """The length shown in lists: "about 10 min" (whole minutes, at least 1)."""
    whole = max(1, math.floor(minutes + 0.5))
    return _("about {n} min").format(n=whole)


def group_by_moment(exercises: Iterable[Exercise]) -> dict[Moment, list[Exercise]]:
    """Every group in :data:`MOMENT_ORDER` (possibly empty), shortest first (then by title).

    An exercise meant for several moments is listed in each of them.
    """
    groups: dict[Moment, list[Exercise]] = {m: [] for m in MOMENT_ORDER}
    for exercise in sorted(exercises, key=lambda e: (e.minutes, e.title.casefold())):
        for moment in exercise.moments:
            groups[moment].append(exercise)
    return groups


def time_left_words(seconds: float) -> str:
    """A quiet estimate of the time left: "about 4 min left", "under a minute left"."""
    if seconds <= 0:
        return _("nearly done")
    if seconds < 60:
        return _("under a minute left")
    return _("about {n} min left").format(n=max(1, math.floor(seconds / 60 + 0.5)))


def step_progress(step_number: int, step_count: int, time_left: float) -> str:
    """The quiet progress line: "Step 3 of 9 · about 4 min left"."""
    return _("Step {number} of {count} · {time_left}").format(
        number=step_number, count=step_count, time_left=time_left_words(time_left)
    )


def answers_for_log(
    exercise: Exercise, answers: Mapping[str, Answer]
) -> dict[str, tuple[str, ...]]:
    """The answers as texts, by input key, in the order the exercise asks them.

    A rating becomes its number ("7"), a text itself (trimmed), a checklist the items that were
    ticked, a body map its marks, one line each ("Chest, warmth, 6 of 10"), in one text. Empty
    answers (blank text, nothing ticked) are left out: answering is optional.
    """
    kept: dict[str, tuple[str, ...]] = {}
    for _index, spec in exercise.inputs():
        if spec.key not in answers:
            continue
        value = answers[spec.key]
        texts: tuple[str, ...] = ()
        if isinstance(spec, RatingInput) and isinstance(value, int):
            texts = (str(value),)
        elif isinstance(spec, TextInput) and isinstance(value, str):
            text = value.strip()
            texts = (text,) if text else ()
        elif isinstance(spec, ChecklistInput) and isinstance(value, tuple):
            texts = tuple(item for item, ticked in zip(spec.items, value, strict=False) if ticked)
        elif isinstance(spec, BodyMapInput) and isinstance(value, str):
            texts = _in_pieces(value.strip())
        if texts:
            kept[spec.key] = texts
    return kept


def _in_pieces(text: str) -> tuple[str, ...]:
    """A body map's lines in as few texts as the log keeps (each at most MAX_TEXT characters,
    cut only between lines), so a map with very many marks is kept whole."""
    pieces: list[str] = []
    for line in text.splitlines():
        if pieces and len(pieces[-1]) + 1 + len(line) <= MAX_TEXT:
            pieces[-1] += "\n" + line
        elif line.strip():
            pieces.append(line[:MAX_TEXT])
    return tuple(pieces)
