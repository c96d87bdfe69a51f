"""What a person chooses to share with their therapist from the journal and the body map.

Nothing is shared unless it is picked: a :class:`Shared` starts empty, and each part (the
intention a session began with, chosen entries, a picture of the body map over a span) is
added only by the person's own choice. The summary page draws exactly what is here, in the
words given here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from kapcompanion.domain.body_map import RegionSummary
from kapcompanion.domain.journal import JournalEntry, day_words, intention_line
from kapcompanion.domain.journal_prompts import prompt_by_id
from kapcompanion.i18n import N_, _, ngettext

# The pages' fixed words, translated where shown: ``_(SHARED_TITLE)``.
SHARED_TITLE = N_("In their own words")
SHARED_INTRO = N_(
    "What the person chose to bring from their journal and body map. Nothing else from "
    "them is on these pages."
)
INTENTION_HEADING = N_("The intention they came in with")
ENTRIES_HEADING = N_("From their journal")
NO_MARKS = N_("Nothing was marked on the body map in these dates.")


@dataclass(frozen=True)
class BodyPicture:
    """The body map summed over ``first`` to ``last``: what was marked, region by region."""

    first: date
    last: date
    regions: Mapping[str, RegionSummary] = field(default_factory=dict)

    def fills(self) -> dict[str, float]:
        """How strongly to fill each region (0 to 1): its marks against the most marked."""
        most = max((r.count for r in self.regions.values()), default=0)
        if not most:
            return {}
        return {rid: r.count / most for rid, r in self.regions.items()}

    def heading(self) -> str:
        return _("Where they felt something, {first} to {last}").format(
            first=day_words(self.first), last=day_words(self.last)
        )

    def lines(self) -> list[str]:
        """One line per region marked ("Chest: warmth 3, tightness 1"), in body order."""
        return [r.words() for r in self.regions.values()] or [_(NO_MARKS)]


@dataclass(frozen=True)
class Shared:
    """The picks: each part is None or empty until the person chooses it."""

    intention: str | None = None
    entries: tuple[JournalEntry, ...] = ()
    body: BodyPicture | None = None

    @property
    def empty(self) -> bool:
        return not self.intention_text() and not self.entries and self.body is None

    def intention_text(self) -> str:
        """The intention as it is shown ("You came in with: ...") or ""."""
        return intention_line(self.intention or "")

    def ordered_entries(self) -> list[JournalEntry]:
        """The chosen entries, oldest first, as they were lived."""
        return sorted(self.entries, key=lambda e: e.written_at)


def entry_heading(entry: JournalEntry) -> str:
    """ "13 March 2025, 3 days after the session of 10 March 2025" (or just the day)."""
    day = day_words(entry.written_on)
    if entry.follows is None:
        return day
    days = (entry.written_on - entry.follows).days
    if days == 0:
        return _("{date}, the day of a session").format(date=day)
    return ngettext(
        "{date}, {n} day after the session of {session}",
        "{date}, {n} days after the session of {session}",
        days,
    ).format(date=day, n=days, session=day_words(entry.follows))


def entry_prompt(entry: JournalEntry) -> str:
    """The prompt the entry was written from, or ""."""
    prompt = prompt_by_id(entry.prompt_id)
    return prompt.text if prompt is not None else ""
