"""Ways in by how a person feels: a few states, each offering practices from the outside in.

Home offers these entries ("overwhelmed", "numb or far away"...). Each has a short title, one
gentle sentence and the ids of the practices it offers, in order. The order goes from the
outside in: grounding and orienting first (the eyes, the feet, the room), breathing and inward
body scans later, if at all. :func:`is_outside_in` says precisely what counts as outside-in, so
a test can hold the first practice of every entry to it.

Ids are those of the shipped exercises (``resources/exercises/*.toml``); :func:`offered`
resolves them against a loaded library and leaves out any that is missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from kapcompanion.domain import wording_es
from kapcompanion.domain.scripts import Exercise, Step
from kapcompanion.domain.wording import TRUNK_AND_FACE, names_anchor, sensitive_regions
from kapcompanion.i18n import N_, _


class Feeling(StrEnum):
    """How a person feels when they come to the app."""

    OVERWHELMED = "overwhelmed"
    FAR_AWAY = "numb-or-far-away"
    UNSETTLED = "cant-settle"
    MEMORIES = "memories-coming-up"
    CHECKING_IN = "just-checking-in"


@dataclass(frozen=True)
class FeelingEntry:
    """What home shows for a feeling: a short title, one gentle sentence, and the practices it
    offers, outside-in first. ``title_words`` and ``sentence_words`` are as written (marked
    with ``N_``); :attr:`title` and :attr:`sentence` say them in the language in use."""

    feeling: Feeling
    title_words: str
    sentence_words: str
    practices: tuple[str, ...]

    @property
    def title(self) -> str:
        return _(self.title_words)

    @property
    def sentence(self) -> str:
        return _(self.sentence_words)


#: The entries in the order home shows them.
FEELINGS: tuple[FeelingEntry, ...] = (
    FeelingEntry(
        Feeling.OVERWHELMED,
        N_("Overwhelmed"),
        N_("When feelings get big, it can help to start outside: your eyes, your feet, the room."),
        ("when-it-gets-big", "orienting", "five-senses", "weight-and-contact", "containment"),
    ),
    FeelingEntry(
        Feeling.FAR_AWAY,
        N_("Numb or far away"),
        N_(
            "When things feel flat or distant, small movements and naming things aloud can help "
            "you come back."
        ),
        ("coming-back", "five-senses", "orienting", "body-scan-contact"),
    ),
    FeelingEntry(
        Feeling.UNSETTLED,
        N_("Can't settle"),
        N_(
            "If you feel restless or wound up, these begin with what holds you up: feet, seat "
            "and the room."
        ),
        ("weight-and-contact", "orienting", "body-scan-contact", "resource", "body-scan-3"),
    ),
    FeelingEntry(
        Feeling.MEMORIES,
        N_("Memories coming up"),
        N_(
            "Memories can surface in the days after a session; these begin in the room, here "
            "and now."
        ),
        ("orienting", "five-senses", "containment", "resource", "when-it-gets-big"),
    ),
    FeelingEntry(
        Feeling.CHECKING_IN,
        N_("Just checking in"),
        N_("A few quiet minutes to notice how you are today."),
        ("daily-check-in", "weight-and-contact", "body-scan-3", "body-scan-10"),
    ),
)

_BY_FEELING = {entry.feeling: entry for entry in FEELINGS}


def entry_for(feeling: Feeling) -> FeelingEntry:
    """The entry for ``feeling``."""
    return _BY_FEELING[feeling]


def offered(entry: FeelingEntry, exercises: Iterable[Exercise]) -> list[Exercise]:
    """The exercises ``entry`` offers, in its order, from ``exercises`` (a missing id is left
    out, so a library without one of them still offers the rest)."""
    by_id = {e.id: e for e in exercises}
    return [by_id[i] for i in entry.practices if i in by_id]


# --- outside-in ---------------------------------------------------------------------------------

#: Words that turn attention to the breath or to the inside of the body.
INWARD_WORDS = re.compile(
    r"\bbreath\w*|\bbreathe\w*|\binhal\w*|\bexhal\w*|\binside\b|\bwithin\b"
    r"|\bin (?:your|the) body\b",
    re.IGNORECASE,
)


def is_inward(step: Step) -> bool:
    """A step that turns attention inward: it has a breathing segment, names the breath or the
    inside of the body (:data:`INWARD_WORDS`), or names a region of the trunk or face."""
    if step.breathing is not None or INWARD_WORDS.search(step.text):
        return True
    if wording_es.INWARD_WORDS.search(step.text):
        return True
    return any(region in TRUNK_AND_FACE for region in sensitive_regions(step.text))


def is_outside_in(exercise: Exercise) -> bool:
    """Whether ``exercise`` works from the outside in.

    Precisely: some step names an outside anchor (hands, feet, floor, chair, seat, the room,
    sounds, or eyes opening or looking around; see
    :func:`~kapcompanion.domain.wording.names_anchor`) strictly before the first inward step
    (:func:`is_inward`), and no step names a region of the trunk or face (so no inward body
    scan). A step that is both anchored and inward counts as inward.
    """
    steps = exercise.steps
    if any(region in TRUNK_AND_FACE for s in steps for region in sensitive_regions(s.text)):
        return False
    first_inward = next((i for i, s in enumerate(steps) if is_inward(s)), len(steps))
    first_anchor = next((i for i, s in enumerate(steps) if names_anchor(s.text)), None)
    return first_anchor is not None and first_anchor < first_inward
