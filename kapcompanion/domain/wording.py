"""Wording checks for guided exercises: warnings about text a tender reader may struggle with.

A script can be valid (see :mod:`kapcompanion.domain.scripts`) and still be hard to follow
after a session: a long step shown too briefly, a sensitive part of the body named with no way
back to the hands, feet or room, a long practice with nothing to do when feelings get big. The
functions here read a loaded :class:`~kapcompanion.domain.scripts.Exercise` and return
:class:`WordingWarning` s; they never change or reject anything. ``resources/exercises/FORMAT.md``
("Wording") describes every rule in plain words, and every shipped script produces none.

All matching is on words, case-insensitive, with plurals of the listed words included. The word
lists are constants so the rules can be read (and tested) as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from kapcompanion.domain import wording_es as es
from kapcompanion.domain.scripts import Exercise, Moment, RatingInput
from kapcompanion.i18n import _, ngettext, pgettext

# --- reading time -------------------------------------------------------------------------------

#: Seconds a tender reader needs per word (about 150 words a minute, slower than everyday reading).
READING_S_PER_WORD = 0.4
#: Seconds on top of the reading for the words to land before the step moves on.
SETTLE_S = 5.0
#: The most words a sentence should have; longer ones are hard to hold in a tender state.
MAX_SENTENCE_WORDS = 20
#: The most words a step should have (one idea per step), whatever its timing.
MAX_STEP_WORDS = 35
#: A practice planned longer than this (in seconds) needs an "if it gets big" step.
BIG_FEELINGS_AFTER_S = 180.0
#: At most this many rating inputs in one practice.
MAX_RATINGS = 1

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_SENTENCE_END = re.compile(r"(?<=[.?!…])\s+")


def words(text: str) -> list[str]:
    """The words of ``text`` ("you're" and "5-4-3-2-1" are one word each)."""
    return _WORD.findall(text)


def reading_seconds(text: str) -> float:
    """Seconds a step showing ``text`` should stay: the words at :data:`READING_S_PER_WORD`
    plus :data:`SETTLE_S`."""
    return len(words(text)) * READING_S_PER_WORD + SETTLE_S


def sentences(text: str) -> list[str]:
    """``text`` split after ".", "?", "!" or "…" (a colon or semicolon does not end a sentence)."""
    return [s.strip() for s in _SENTENCE_END.split(text.strip()) if s.strip()]


# --- word lists ---------------------------------------------------------------------------------


def _plural(word: str) -> str:
    """A regular-expression fragment for ``word`` and its plural."""
    if " " in word:
        return re.escape(word)
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "o", "u"):
        return f"{re.escape(word[:-1])}(?:y|ies)"
    if word.endswith(("s", "x", "ch", "sh")):
        return f"{re.escape(word)}(?:es)?"
    return f"{re.escape(word)}s?"


def _any_of(terms: Iterable[str]) -> re.Pattern[str]:
    alternatives = "|".join(_plural(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


#: Parts of the body trauma-sensitive teachers offer but never insist on, by the region they
#: belong to. A step naming any of these offers a way back to an outside anchor too.
SENSITIVE_REGIONS: dict[str, tuple[str, ...]] = {
    "pelvis": ("pelvis", "pelvic", "hip", "groin", "genitals", "buttock"),
    "belly": ("belly", "stomach", "abdomen", "tummy", "gut"),
    "chest": ("chest", "breast", "rib", "ribcage", "rib cage"),
    "throat": ("throat", "neck"),
    "jaw": ("jaw", "mouth", "lip", "tongue", "tooth", "teeth"),
    "face": ("face", "cheek", "forehead", "temple", "nose"),
    "eyes": ("eye", "eyelid"),
}
#: The regions of the trunk and face (everything but the eyes, which also do the looking when
#: a person orients to the room).
TRUNK_AND_FACE = ("pelvis", "belly", "chest", "throat", "jaw", "face")

#: Anchors outside the body's inner sensations: places of contact and the room.
ANCHOR_TERMS = (
    "hand",
    "foot",
    "feet",
    "floor",
    "ground",
    "chair",
    "seat",
    "room",
    "sound",
)
#: Words that make an anchor a choice the person is offered ("or your hands", "back to the
#: floor", "your feet instead").
OFFER_TERMS = (
    "or",
    "instead",
    "rather",
    "skip",
    "any time",
    "anytime",
    "whenever",
    "switch",
    "prefer",
)
_COMING_BACK = re.compile(
    r"\b(?:come|coming|comes|go|going|move|moving|turn|turning)\s+back\b|\bback to\b|\breturn\w*",
    re.IGNORECASE,
)
#: Eyes opening or looking out: an outside anchor offered by itself ("you might open your eyes",
#: "your eyes can stay open", "lift your gaze and look around").
EYES_OUTWARD = re.compile(
    r"\bopen(?:s|ing)?\b(?:\s+\w+){0,2}\s+(?:eyes?|gaze)\b"
    r"|\b(?:eyes?|gaze)\b(?:[\s,]+\w+){0,4}[\s,]+open\b"
    r"|\blift\w*\s+(?:your\s+|the\s+)?gaze\b"
    r"|\blook\w*\s+(?:around|up|out)\b",
    re.IGNORECASE,
)
#: Words that name big feelings.
BIG_FEELINGS = re.compile(
    r"\btoo much\b|\boverwhelm\w*|\bintense\b|\bbig feelings?\b"
    r"|\bstrong (?:feelings?|emotions?)\b"
    r"|\b(?:get|gets|getting|feel|feels|grow|grows|growing)\s+(?:very\s+|too\s+|quite\s+)?big\b",
    re.IGNORECASE,
)
#: Stopping or pausing, the other way out of a practice.
STOPPING = re.compile(r"\bstop(?:s|ping)?\b|\bpause\b", re.IGNORECASE)
#: Softening words; more than one in a sentence delays the invitation itself.
HEDGES = (
    "you might",
    "you may",
    "you could",
    "perhaps",
    "maybe",
    "if you like",
    "if you'd like",
    "if you want",
    "if you wish",
    "if you prefer",
    "if it feels right",
    "if it feels okay",
    "if it's okay",
    "when you're ready",
    "when you feel ready",
    "only if",
)
_HEDGES = re.compile(
    r"\b(?:" + "|".join(re.escape(h).replace("'", "['’]") for h in HEDGES) + r")\b",
    re.IGNORECASE,
)
#: Cues that invite sinking or heaviness, which can deepen feeling numb or far away.
SINKING_TERMS = ("heavy", "heaviness", "sink", "sinking", "melt", "melting", "gravity", "drift")
#: Promises of safety, which a practice cannot keep.
SAFETY_PROMISES = re.compile(
    r"\bsafe place\b|\b(?:you are|you're|you’re|you will be|you'll be|you’ll be|it is|it's|it’s)"
    r"\s+(?:completely\s+|totally\s+|perfectly\s+)?safe\b|\bperfectly safe\b",
    re.IGNORECASE,
)
#: Cues for big breaths, which invite over-breathing.
BIG_BREATHS = re.compile(
    r"\b(?:deep|deeper|big|bigger|full|fuller)\s+breath(?:s|es)?\b"
    r"|\bbreathe\s+(?:in\s+)?(?:deeply|as much as)\b",
    re.IGNORECASE,
)
#: Words of treatment, diagnosis or doses: no claims, and nothing about any medicine.
CLAIMS = re.compile(
    r"\btreat(?:s|ed|ing|ment|ments)?\b|\bcur(?:e|es|ed|ing)\b|\bheal(?:s|ed|ing)?\b"
    r"|\bsymptoms?\b|\bdiagnos\w*|\btherap(?:y|eutic) for\b"
    r"|\bdos(?:e|es|age|ages)\b|\bmilligrams?\b|\bmg\b|\bketamine\b|\bdrugs?\b",
    re.IGNORECASE,
)


def _either(*patterns: re.Pattern[str]) -> re.Pattern[str]:
    """One pattern matching what any of ``patterns`` matches."""
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.IGNORECASE)


# The checks read the English words above and their Spanish ones (:mod:`wording_es`) together.
_SENSITIVE = {
    region: _either(_any_of(terms), es.SENSITIVE_REGIONS[region])
    for region, terms in SENSITIVE_REGIONS.items()
}
_ANCHOR = _either(_any_of(ANCHOR_TERMS), es.ANCHOR)
_OFFER = _either(_any_of(OFFER_TERMS), es.OFFER)
_SINKING = _either(
    re.compile(r"\b(?:" + "|".join(SINKING_TERMS) + r")\w*", re.IGNORECASE), es.SINKING
)
_BACK = _either(_COMING_BACK, es.COMING_BACK)
_EYES = _either(EYES_OUTWARD, es.EYES_OUTWARD)
_BIG = _either(BIG_FEELINGS, es.BIG_FEELINGS)
_STOP = _either(STOPPING, es.STOPPING)
_SOFT = _either(_HEDGES, re.compile(r"\b(?:" + "|".join(es.HEDGES) + r")\b"))
_SAFETY = _either(SAFETY_PROMISES, es.SAFETY_PROMISES)
_BREATHS = _either(BIG_BREATHS, es.BIG_BREATHS)
_CLAIMS = _either(CLAIMS, es.CLAIMS)


def sensitive_regions(text: str) -> list[str]:
    """The regions of :data:`SENSITIVE_REGIONS` that ``text`` names, in the dictionary's order."""
    return [region for region, pattern in _SENSITIVE.items() if pattern.search(text)]


def names_anchor(text: str) -> bool:
    """Whether ``text`` names an outside anchor (hands, feet, floor, the room, eyes open...)."""
    return bool(_ANCHOR.search(text) or _EYES.search(text))


def offers_anchor(text: str) -> bool:
    """Whether a sentence of ``text`` offers an outside anchor as a choice: it invites the eyes
    to open or look around, or it names an anchor together with an offer ("or", "instead",
    "back to", "any time"...)."""
    for sentence in sentences(text):
        if _EYES.search(sentence):
            return True
        offered = _OFFER.search(sentence) or _BACK.search(sentence)
        if offered and _ANCHOR.search(sentence):
            return True
    return False


def is_big_feelings_route(text: str) -> bool:
    """Whether a step's ``text`` says what to do if feelings get big: it names big feelings
    (:data:`BIG_FEELINGS`) and, in the same step, an outside anchor or stopping."""
    if not _BIG.search(text):
        return False
    return names_anchor(text) or bool(_STOP.search(text))


def hedges(sentence: str) -> list[str]:
    """The softening phrases of :data:`HEDGES` in ``sentence``, in order."""
    return [m.group().lower() for m in _SOFT.finditer(sentence)]


# --- warnings -----------------------------------------------------------------------------------


class Rule(StrEnum):
    """What a warning is about; the value is the name shown with it."""

    READING_TIME = "reading-time"
    SENSITIVE_REGION = "sensitive-region"
    BIG_FEELINGS = "big-feelings"
    RATINGS = "ratings"
    RATING_AROUND_SESSION = "rating-around-session"
    ANSWER_TIME = "answer-time"
    LONG_SENTENCE = "long-sentence"
    LONG_STEP = "long-step"
    HEDGES = "hedges"
    SINKING = "sinking"
    SAFETY_PROMISE = "safety-promise"
    BIG_BREATHS = "big-breaths"
    CLAIMS = "claims"


@dataclass(frozen=True)
class WordingWarning:
    """One thing to reconsider in a script.

    ``step`` is the 0-based index into ``exercise.steps``, or None when the warning is about
    the exercise as a whole (its length, title or description). ``message`` says what to change,
    in the language in use when the check ran.
    """

    rule: Rule
    step: int | None
    message: str

    @property
    def where(self) -> str:
        """``step[3]`` for the third step (counting from 1, as the loader's messages do), or
        empty for the whole exercise."""
        return "" if self.step is None else f"step[{self.step + 1}]"

    def __str__(self) -> str:
        prefix = f"{self.where}: " if self.where else ""
        return f"{prefix}{self.message} ({self.rule})"


def reading_time_warnings(exercise: Exercise) -> list[WordingWarning]:
    """(i) A step that moves on by itself before its words can be read and settle."""
    found = []
    for i, step in enumerate(exercise.steps):
        duration = step.duration
        if duration is None:
            continue
        needed = reading_seconds(step.text)
        if duration < needed:
            count = len(words(step.text))
            found.append(
                WordingWarning(
                    Rule.READING_TIME,
                    i,
                    ngettext(
                        "{n} word needs about {needed} s to read and settle, and the step moves "
                        "on after {after} s: give it at least {needed} seconds, shorten the "
                        "text, or use until_continue = true",
                        "{n} words need about {needed} s to read and settle, and the step moves "
                        "on after {after} s: give it at least {needed} seconds, shorten the "
                        "text, or use until_continue = true",
                        count,
                    ).format(n=count, needed=f"{needed:.0f}", after=f"{duration:.0f}"),
                )
            )
    return found


def sensitive_region_warnings(exercise: Exercise) -> list[WordingWarning]:
    """(ii) A step naming a sensitive region with no outside anchor offered in the same step."""
    found = []
    for i, step in enumerate(exercise.steps):
        regions = sensitive_regions(step.text)
        if regions and not offers_anchor(step.text):
            named = ", ".join(regions)
            found.append(
                WordingWarning(
                    Rule.SENSITIVE_REGION,
                    i,
                    _(
                        "it names a sensitive region ({regions}) without offering a way back in "
                        "the same step: add a choice such as 'or your hands instead' or 'your "
                        "eyes can open at any time'"
                    ).format(regions=named),
                )
            )
    return found


def has_big_feelings_route(exercise: Exercise) -> bool:
    """Whether some step says what to do if feelings get big (see :func:`is_big_feelings_route`)."""
    return any(is_big_feelings_route(step.text) for step in exercise.steps)


def big_feelings_warnings(exercise: Exercise) -> list[WordingWarning]:
    """(iii) A practice planned longer than three minutes with no "if it gets big" step."""
    if exercise.planned_seconds <= BIG_FEELINGS_AFTER_S or has_big_feelings_route(exercise):
        return []
    minutes = exercise.planned_seconds / 60
    return [
        WordingWarning(
            Rule.BIG_FEELINGS,
            None,
            _(
                "a practice of about {n} minutes has no step for when feelings get big: add one "
                "that names them ('if it gets to be too much') and says what to do (open your "
                "eyes, feel your feet, name what you see, stop at any time)"
            ).format(n=f"{minutes:.0f}"),
        )
    ]


def rating_warnings(exercise: Exercise) -> list[WordingWarning]:
    """(iv) More than one rating in a practice, and any rating in a practice for the time
    before or at the close of a session (the app asks how a person is before and after)."""
    found = []
    ratings = [(i, s) for i, s in enumerate(exercise.steps) if isinstance(s.input, RatingInput)]
    for i, _step in ratings[MAX_RATINGS:]:
        found.append(
            WordingWarning(
                Rule.RATINGS,
                i,
                _(
                    "this is another rating in the same practice: keep at most one, or ask with "
                    "a few words (a text input) instead"
                ),
            )
        )
    around = [m for m in exercise.moments if m in (Moment.BEFORE_DOSING, Moment.SESSION_CLOSE)]
    if around:
        label = pgettext("between two moments", " and ").join(m.value for m in around)
        for i, _step in ratings[:MAX_RATINGS]:
            found.append(
                WordingWarning(
                    Rule.RATING_AROUND_SESSION,
                    i,
                    _(
                        "a rating inside a {moment} practice asks for a number at a tender "
                        "time: leave it out, or ask with a few optional words instead"
                    ).format(moment=label),
                )
            )
    return found


def answer_time_warnings(exercise: Exercise) -> list[WordingWarning]:
    """(iv) A step that asks for an answer but moves on by itself."""
    return [
        WordingWarning(
            Rule.ANSWER_TIME,
            i,
            _("it asks for an answer but moves on by itself: use until_continue = true"),
        )
        for i, step in enumerate(exercise.steps)
        if step.input is not None and not step.until_continue
    ]


def sentence_warnings(exercise: Exercise) -> list[WordingWarning]:
    """(iv) Sentences over :data:`MAX_SENTENCE_WORDS` words, steps over :data:`MAX_STEP_WORDS`
    words, and sentences with more than one hedge."""
    found = []
    for i, step in enumerate(exercise.steps):
        count = len(words(step.text))
        if count > MAX_STEP_WORDS:
            found.append(
                WordingWarning(
                    Rule.LONG_STEP,
                    i,
                    _(
                        "{n} words in one step: keep to one idea in at most {most} words, and "
                        "split the rest into a step of its own"
                    ).format(n=count, most=MAX_STEP_WORDS),
                )
            )
        for sentence in sentences(step.text):
            n = len(words(sentence))
            if n > MAX_SENTENCE_WORDS:
                found.append(
                    WordingWarning(
                        Rule.LONG_SENTENCE,
                        i,
                        _(
                            "a sentence of {n} words ('{start}…'): split it into sentences of "
                            "at most {most} words"
                        ).format(n=n, start=_start(sentence), most=MAX_SENTENCE_WORDS),
                    )
                )
            soft = hedges(sentence)
            if len(soft) > 1:
                found.append(
                    WordingWarning(
                        Rule.HEDGES,
                        i,
                        _(
                            "{n} hedges in one sentence ({hedges}): one is enough, then say "
                            "the invitation plainly"
                        ).format(n=len(soft), hedges=", ".join(soft)),
                    )
                )
    return found


def sinking_warnings(exercise: Exercise) -> list[WordingWarning]:
    """(iv) A cue to feel heavy or sink with no way up offered in the same step."""
    found = []
    for i, step in enumerate(exercise.steps):
        match = _SINKING.search(step.text)
        if match and not offers_anchor(step.text):
            found.append(
                WordingWarning(
                    Rule.SINKING,
                    i,
                    _(
                        "'{words}' can deepen feeling numb or far away: speak of weight and "
                        "support instead, or offer a way up in the same step (eyes open, "
                        "pressing the feet, a small movement)"
                    ).format(words=match.group()),
                )
            )
    return found


def _texts(exercise: Exercise) -> list[tuple[int | None, str]]:
    return [(None, exercise.title), (None, exercise.description)] + [
        (i, step.text) for i, step in enumerate(exercise.steps)
    ]


def _phrase_warnings(
    exercise: Exercise, pattern: re.Pattern[str], rule: Rule, advice: Callable[[str], str]
) -> list[WordingWarning]:
    found = []
    for i, text in _texts(exercise):
        match = pattern.search(text)
        if match:
            found.append(WordingWarning(rule, i, advice(match.group())))
    return found


def promise_warnings(exercise: Exercise) -> list[WordingWarning]:
    """(iv) Promises of safety, cues for big breaths, and claims or words about medicine,
    in the title, the description or any step."""
    return (
        _phrase_warnings(
            exercise,
            _SAFETY,
            Rule.SAFETY_PROMISE,
            lambda found: _(
                "'{words}' promises safety, which no practice can: speak of what helps or "
                "feels okay for now"
            ).format(words=found),
        )
        + _phrase_warnings(
            exercise,
            _BREATHS,
            Rule.BIG_BREATHS,
            lambda found: _(
                "'{words}' invites over-breathing: invite easy, low and slow breaths instead"
            ).format(words=found),
        )
        + _phrase_warnings(
            exercise,
            _CLAIMS,
            Rule.CLAIMS,
            lambda found: _(
                "'{words}' speaks of treatment or medicine: a practice makes no claims and "
                "says nothing about doses"
            ).format(words=found),
        )
    )


#: Every check, in the order their warnings are listed.
CHECKS: tuple[Callable[[Exercise], list[WordingWarning]], ...] = (
    reading_time_warnings,
    sensitive_region_warnings,
    big_feelings_warnings,
    rating_warnings,
    answer_time_warnings,
    sentence_warnings,
    sinking_warnings,
    promise_warnings,
)


def check_wording(exercise: Exercise) -> list[WordingWarning]:
    """Every wording warning for ``exercise``: whole-exercise ones first, then by step."""
    found = [w for check in CHECKS for w in check(exercise)]
    return sorted(found, key=lambda w: -1 if w.step is None else w.step)


def _start(sentence: str, count: int = 6) -> str:
    return " ".join(sentence.split()[:count])
