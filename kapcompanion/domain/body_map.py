"""The body map: where in the body something is felt, and what it is like.

A person marks a region of a front or back outline (:mod:`kapcompanion.domain.body_regions`)
with a sensation (warmth, tingling...) or a word of their own, and if they like, how strong it is
from 0 to 10. :class:`Sitting` holds the marks of one sitting with the map, so a view only
forwards keys and clicks. Marks over a span of days are summed per region (:func:`summarise`),
also for the days before and after a session (:func:`around_session`). Pure Python.
"""

from __future__ import annotations

import re
import uuid as uuid_module
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum

from kapcompanion.domain.body_regions import (
    ASPECT,
    FIRST_REGION,
    REGION_IDS,
    REGIONS,
    BodyMapInputError,
    Direction,
    Ellipse,
    Polygon,
    Region,
    Shape,
    Side,
    drawing_order,
    neighbour,
    on_side,
    region,
    region_at,
    regions_on,
)
from kapcompanion.i18n import N_, _, ngettext

__all__ = [
    "ASPECT",
    "FIRST_REGION",
    "INTENSITY_MAX",
    "INTENSITY_MIN",
    "MAX_OWN_WORD",
    "REGIONS",
    "REGION_IDS",
    "Around",
    "BodyMapInputError",
    "Direction",
    "Ellipse",
    "Mark",
    "Polygon",
    "Region",
    "RegionSummary",
    "Sensation",
    "Shape",
    "Side",
    "Sitting",
    "around_session",
    "check_intensity",
    "check_mark",
    "clean_own_word",
    "describe",
    "drawing_order",
    "neighbour",
    "new_mark",
    "on_side",
    "region",
    "region_at",
    "regions_on",
    "sensation_words",
    "spans_around",
    "strength_words",
    "summarise",
    "summary_from_counts",
]

#: The longest word of one's own, in characters.
MAX_OWN_WORD = 40
INTENSITY_MIN = 0
INTENSITY_MAX = 10


class Sensation(StrEnum):
    WARMTH = "warmth"
    TINGLING = "tingling"
    TIGHTNESS = "tightness"
    HEAVINESS = "heaviness"
    LIGHTNESS = "lightness"
    TREMBLING = "trembling"
    NUMBNESS = "numbness"
    ACHE = "ache"
    OPENNESS = "openness"

    @property
    def label(self) -> str:
        """The sensation in a word, in the language in use ("warmth")."""
        return _(_SENSATION_WORDS[self])


_SENSATION_WORDS = {
    Sensation.WARMTH: N_("warmth"),
    Sensation.TINGLING: N_("tingling"),
    Sensation.TIGHTNESS: N_("tightness"),
    Sensation.HEAVINESS: N_("heaviness"),
    Sensation.LIGHTNESS: N_("lightness"),
    Sensation.TREMBLING: N_("trembling"),
    Sensation.NUMBNESS: N_("numbness"),
    Sensation.ACHE: N_("ache"),
    Sensation.OPENNESS: N_("openness"),
}


def sensation_words(label: str) -> str:
    """What was felt, as a :attr:`Mark.label` holds it (a sensation's value, or the person's
    own word), in the language in use: a listed sensation is translated, one's own word kept."""
    if label in Sensation._value2member_map_:
        return Sensation(label).label
    return label


# --- marks --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """Something felt in ``region`` at ``at``: a listed ``sensation`` or an ``own_word`` (one of
    the two), perhaps how strong (0-10). ``entry_uuid`` / ``practice_uuid`` name the journal
    entry or practice it was made in, if any."""

    uuid: str
    region: str
    at: datetime
    sensation: Sensation | None = None
    own_word: str | None = None
    intensity: int | None = None
    entry_uuid: str | None = None
    practice_uuid: str | None = None

    @property
    def label(self) -> str:
        """What was felt, in a word: the sensation's value (an id, "warmth") or one's own word
        (see :func:`sensation_words` for the words shown)."""
        if self.own_word:
            return self.own_word
        return self.sensation.value if self.sensation else ""

    @property
    def day(self) -> date:
        return self.at.date()


def clean_own_word(word: str) -> str:
    """A word of one's own on one line, lower case, inner spaces single."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in word).split()).lower()


def check_intensity(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise BodyMapInputError(
            _("How strong is a whole number from 0 to 10, not {value}.").format(value=repr(value))
        )
    if not INTENSITY_MIN <= value <= INTENSITY_MAX:
        raise BodyMapInputError(
            _("How strong goes from 0 to 10; {value} is outside that.").format(value=value)
        )
    return value


def check_mark(mark: Mark) -> Mark:
    """``mark`` checked and tidied, or :class:`BodyMapInputError` saying what is wrong."""
    region(mark.region)
    if not isinstance(mark.at, datetime) or mark.at.utcoffset() is None:
        raise BodyMapInputError(_("A mark needs a time with its time zone."))
    try:
        uid = str(uuid_module.UUID(mark.uuid))
    except (ValueError, TypeError, AttributeError):
        raise BodyMapInputError(_("{id} is not a mark id.").format(id=repr(mark.uuid))) from None
    sensation = Sensation(mark.sensation) if mark.sensation is not None else None
    own = clean_own_word(mark.own_word) if mark.own_word is not None else None
    if own == "":
        own = None
    if own is not None and len(own) > MAX_OWN_WORD:
        raise BodyMapInputError(
            ngettext(
                "A word of your own can be up to {n} character long.",
                "A word of your own can be up to {n} characters long.",
                MAX_OWN_WORD,
            ).format(n=MAX_OWN_WORD)
        )
    if (sensation is None) == (own is None):
        raise BodyMapInputError(_("A mark names one sensation, or one word of your own."))
    return replace(
        mark,
        uuid=uid,
        sensation=sensation,
        own_word=own,
        intensity=check_intensity(mark.intensity),
    )


def new_mark(
    region_id: str,
    *,
    at: datetime,
    sensation: Sensation | str | None = None,
    own_word: str | None = None,
    intensity: int | None = None,
    entry_uuid: str | None = None,
    practice_uuid: str | None = None,
) -> Mark:
    """A new, checked mark (a ``sensation`` may be given by its value, "warmth")."""
    if isinstance(sensation, str) and not isinstance(sensation, Sensation):
        try:
            sensation = Sensation(sensation)
        except ValueError:
            raise BodyMapInputError(
                _("{sensation} is not one of the listed sensations.").format(
                    sensation=repr(sensation)
                )
            ) from None
    return check_mark(
        Mark(
            uuid=str(uuid_module.uuid4()),
            region=region_id,
            at=at,
            sensation=sensation,
            own_word=own_word,
            intensity=intensity,
            entry_uuid=entry_uuid,
            practice_uuid=practice_uuid,
        )
    )


def strength_words(intensity: int | None) -> str:
    """ "4 of 10", in the language in use."""
    if intensity is None:
        return ""
    return _("{n} of 10").format(n=intensity)


def describe(region_id: str, marks: Iterable[Mark] = (), pending: int | None = None) -> str:
    """A region and what is marked there, as a screen reader says it: "Left hand, warmth, 4 of
    10"; a strength chosen before any sensation follows the name."""
    parts = [region(region_id).name]
    for m in marks:
        parts.append(sensation_words(m.label))
        if m.intensity is not None:
            parts.append(strength_words(m.intensity))
    if pending is not None:
        parts.append(strength_words(pending))
    return ", ".join(parts)


def _kept_line(mark: Mark) -> str:
    """One mark as an answer keeps it: in the words as written whatever the language, so
    :func:`marks_from_answer` reads it back the same in any language."""
    parts = [region(mark.region).words, mark.label]
    if mark.intensity is not None:
        parts.append(f"{mark.intensity} of 10")
    return ", ".join(parts)


# --- one sitting with the map --------------------------------------------------------------------


class Sitting:
    """The marks of one sitting with the map, as a view changes them.

    Choosing a sensation for a region adds a mark (choosing one already there changes nothing);
    a strength applies to the region's latest mark, or waits for the next one chosen there.
    Every change returns the mark as it now is (same uuid), so it can be saved over itself.
    """

    def __init__(
        self,
        *,
        entry_uuid: str | None = None,
        practice_uuid: str | None = None,
        marks: Iterable[Mark] = (),
    ) -> None:
        """``marks``: marks made before (when an entry is opened again), in the order made."""
        self.entry_uuid = entry_uuid
        self.practice_uuid = practice_uuid
        self._marks: dict[str, list[Mark]] = {}
        self._pending: dict[str, int] = {}
        for mark in marks:
            self._marks.setdefault(mark.region, []).append(check_mark(mark))

    def marks(self) -> list[Mark]:
        """Every mark of the sitting, in the order of :data:`REGIONS`."""
        return [m for r in REGIONS for m in self._marks.get(r.id, ())]

    def marks_for(self, region_id: str) -> tuple[Mark, ...]:
        return tuple(self._marks.get(region_id, ()))

    def pending(self, region_id: str) -> int | None:
        return self._pending.get(region_id)

    def describe(self, region_id: str) -> str:
        return describe(region_id, self.marks_for(region_id), self.pending(region_id))

    def strongest(self, region_id: str) -> int | None:
        """The greatest strength marked in ``region_id`` (None when none is given)."""
        values = [m.intensity for m in self.marks_for(region_id) if m.intensity is not None]
        pending = self.pending(region_id)
        if pending is not None:
            values.append(pending)
        return max(values) if values else None

    def choose(
        self,
        region_id: str,
        *,
        at: datetime,
        sensation: Sensation | str | None = None,
        own_word: str | None = None,
    ) -> Mark:
        """Mark ``region_id`` with a sensation or a word of one's own."""
        mark = new_mark(
            region_id,
            at=at,
            sensation=sensation,
            own_word=own_word,
            intensity=self._pending.get(region_id),
            entry_uuid=self.entry_uuid,
            practice_uuid=self.practice_uuid,
        )
        here = self._marks.setdefault(region_id, [])
        for existing in here:
            if existing.label == mark.label:
                return existing
        self._pending.pop(region_id, None)
        here.append(mark)
        return mark

    def set_intensity(self, region_id: str, value: int | None) -> Mark | None:
        """Set how strong the region's latest mark is (None clears it); with no mark there yet,
        the strength waits for the next one (and None is returned)."""
        value = check_intensity(value)
        region(region_id)
        here = self._marks.get(region_id)
        if not here:
            if value is None:
                self._pending.pop(region_id, None)
            else:
                self._pending[region_id] = value
            return None
        here[-1] = replace(here[-1], intensity=value)
        return here[-1]

    def step_intensity(self, region_id: str, step: int) -> Mark | None:
        """Raise (``step`` > 0) or lower the region's strength by ``step``, within 0 to 10 (a
        region with none yet counts as 0)."""
        here = self._marks.get(region_id)
        current = here[-1].intensity if here else self._pending.get(region_id)
        if current is None:
            current = INTENSITY_MIN
        value = min(INTENSITY_MAX, max(INTENSITY_MIN, current + step))
        return self.set_intensity(region_id, value)

    def remove_latest(self, region_id: str) -> Mark | None:
        """Take back the region's latest mark (or its waiting strength); the mark removed."""
        here = self._marks.get(region_id)
        if not here:
            self._pending.pop(region_id, None)
            return None
        removed = here.pop()
        if not here:
            del self._marks[region_id]
        return removed


# --- a body map as a script step's answer ------------------------------------------------------

_STRENGTH = re.compile(r", (\d{1,2}) of 10$")


def answer_text(marks: Iterable[Mark]) -> str:
    """The marks of a body-map step as its answer: one line each, as a screen reader says it
    ("Chest, warmth, 6 of 10"), in the order of :data:`REGIONS`; kept in the words as written
    (English), whatever the language in use, so it reads back the same."""
    return "\n".join(_kept_line(m) for m in marks)


def _mark_line(line: str) -> tuple[str, str, int | None] | None:
    """(region id, what was felt, strength) of one answer line; None when it is not one."""
    strength = None
    found = _STRENGTH.search(line)
    if found:
        strength = int(found.group(1))
        line = line[: found.start()]
    for r in sorted(REGIONS, key=lambda r: -len(r.words)):
        prefix = f"{r.words}, "
        if line.startswith(prefix) and line[len(prefix) :].strip():
            return r.id, line[len(prefix) :].strip(), strength
    return None


def marks_from_answer(
    lines: Iterable[str], *, at: datetime, practice_uuid: str, key: str
) -> list[Mark]:
    """The marks a body-map step's answer holds (its texts, a line per mark), made ``at``, tied
    to the practice. Their ids
    follow from the practice, the step's key and the line's place, so keeping them again
    changes nothing. Lines that are not marks are passed over."""
    marks = []
    every = [line for text in lines for line in text.split("\n")]
    for i, line in enumerate(every):
        parsed = _mark_line(line)
        if parsed is None:
            continue
        region_id, felt, strength = parsed
        listed = felt in {s.value for s in Sensation}
        try:
            mark = check_mark(
                Mark(
                    uuid=str(uuid_module.uuid5(_MARKS, f"{practice_uuid}/{key}/{i}")),
                    region=region_id,
                    at=at,
                    sensation=Sensation(felt) if listed else None,
                    own_word=None if listed else felt,
                    intensity=strength,
                    practice_uuid=practice_uuid,
                )
            )
        except BodyMapInputError:
            continue
        marks.append(mark)
    return marks


_MARKS = uuid_module.UUID("5b1f0c2e-8f57-4b8e-9d3c-6a2f4e1d7b90")


# --- summaries -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegionSummary:
    """What was marked in one region over a span: how many marks, each sensation (most first,
    then alphabetically) and the strengths that were given."""

    region: str
    count: int
    sensations: tuple[tuple[str, int], ...]
    intensity_total: int = 0
    intensity_count: int = 0

    @property
    def mean_intensity(self) -> float | None:
        if not self.intensity_count:
            return None
        return self.intensity_total / self.intensity_count

    def words(self) -> str:
        """ "Left hand: warmth 3, tingling 1" (for a list, or a screen reader)."""
        felt = ", ".join(f"{sensation_words(label)} {n}" for label, n in self.sensations)
        return f"{region(self.region).name}: {felt}"


#: One row of counts: region, what was felt (its label), marks, sum of strengths, strengths given.
CountRow = tuple[str, str, int, int, int]


def summary_from_counts(rows: Iterable[CountRow]) -> dict[str, RegionSummary]:
    """Region summaries from counts per (region, label), in the order of :data:`REGIONS`."""
    felt: dict[str, Counter[str]] = {}
    totals: dict[str, list[int]] = {}
    for region_id, label, count, total, given in rows:
        if not count:
            continue
        felt.setdefault(region_id, Counter())[label] += count
        t = totals.setdefault(region_id, [0, 0])
        t[0] += total
        t[1] += given
    out: dict[str, RegionSummary] = {}
    for r in REGIONS:
        if r.id not in felt:
            continue
        counts = felt[r.id]
        ordered = tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
        out[r.id] = RegionSummary(
            r.id, sum(counts.values()), ordered, totals[r.id][0], totals[r.id][1]
        )
    return out


def summarise(marks: Iterable[Mark], first: date, last: date) -> dict[str, RegionSummary]:
    """Marks made from ``first`` to ``last`` (inclusive, by the day they were made) summed per
    region."""
    counts: Counter[tuple[str, str]] = Counter()
    strengths: dict[tuple[str, str], list[int]] = {}
    for m in marks:
        if not first <= m.at.date() <= last:
            continue
        key = (m.region, m.label)
        counts[key] += 1
        if m.intensity is not None:
            s = strengths.setdefault(key, [0, 0])
            s[0] += m.intensity
            s[1] += 1
    return summary_from_counts(
        (rid, label, n, *strengths.get((rid, label), (0, 0))) for (rid, label), n in counts.items()
    )


@dataclass(frozen=True)
class Around:
    """Region summaries of the days before a session and of the days from it on."""

    session: date
    before_span: tuple[date, date]
    after_span: tuple[date, date]
    before: Mapping[str, RegionSummary]
    after: Mapping[str, RegionSummary]


def spans_around(
    session: date, days: int = 7, session_days: Iterable[date] = ()
) -> tuple[tuple[date, date], tuple[date, date]]:
    """The ``days`` days before ``session`` and the ``days`` days from it on; each stops short
    of a neighbouring session, so no day is counted for two sessions."""
    if days < 1:
        raise BodyMapInputError(_("A span around a session is at least one day."))
    first_before = session - timedelta(days=days)
    last_after = session + timedelta(days=days - 1)
    for other in session_days:
        if first_before <= other < session:
            first_before = other + timedelta(days=1)
        if session < other <= last_after:
            last_after = other - timedelta(days=1)
    return (first_before, session - timedelta(days=1)), (session, last_after)


def around_session(
    marks: Iterable[Mark], session: date, days: int = 7, session_days: Iterable[date] = ()
) -> Around:
    """Marks of the days before ``session`` and of the days from it on (see
    :func:`spans_around`), each summed per region."""
    before, after = spans_around(session, days, session_days)
    kept = list(marks)
    return Around(session, before, after, summarise(kept, *before), summarise(kept, *after))
