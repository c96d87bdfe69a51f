"""Prompts for the integration journal, by the days since a medicine session.

Follow-up after a session is commonly around the first day, the third, a week, two weeks and a
month. The prompts move with it: from noticing (what is here, the body, sleep, the people
around, how one speaks to oneself), to what the session seemed to point toward, to one small
choice. Every phase ends with a way back out of the writing. They are invitations: nothing
here counts the days without writing.
"""

from __future__ import annotations

from dataclasses import dataclass

from kapcompanion.i18n import N_, _


@dataclass(frozen=True)
class Prompt:
    """An invitation to write. ``theme`` says what it turns toward (body, sleep, relating,
    self-talk, pointed, choice, here, way-out). ``words`` is the invitation as written (marked
    with ``N_``); :attr:`text` says it in the language in use. Only the id is ever kept."""

    id: str
    words: str
    theme: str

    @property
    def text(self) -> str:
        return _(self.words)


@dataclass(frozen=True)
class Phase:
    """A stretch of days after a session (``first`` to ``last`` days since it, inclusive; ``last``
    None for open-ended) and the prompts offered in it. ``title_words`` is as written;
    :attr:`title` says it in the language in use."""

    key: str
    title_words: str
    first: int
    last: int | None
    prompts: tuple[Prompt, ...]

    @property
    def title(self) -> str:
        return _(self.title_words)

    def holds(self, days_since: int) -> bool:
        return self.first <= days_since and (self.last is None or days_since <= self.last)


#: Offered in every phase, last: a way back out of the writing.
WAY_OUT = Prompt(
    "way-out",
    N_("If writing stirs a lot, you can stop and feel your feet on the floor. The page will wait."),
    "way-out",
)

PHASES: tuple[Phase, ...] = (
    Phase(
        "first-day",
        N_("The first day"),
        0,
        1,
        (
            Prompt("first-here", N_("What is here right now, as you begin to write?"), "here"),
            Prompt(
                "first-fragments",
                N_(
                    "Are there images, words or moments from the session you would like to keep? "
                    "A few fragments are enough."
                ),
                "pointed",
            ),
            Prompt(
                "first-body",
                N_(
                    "Where in your body do you notice something today? Your hands, your feet, "
                    "your breath, or anywhere else."
                ),
                "body",
            ),
            Prompt(
                "first-sleep",
                N_("If you have slept since the session, how was the night?"),
                "sleep",
            ),
            WAY_OUT,
        ),
    ),
    Phase(
        "day-three",
        N_("A few days on"),
        2,
        4,
        (
            Prompt(
                "three-shifted",
                N_("What feels different since the session, even slightly?"),
                "here",
            ),
            Prompt(
                "three-body",
                N_(
                    "Has anything shifted in how your body feels? Your breath, your shoulders, "
                    "how you sit or walk."
                ),
                "body",
            ),
            Prompt(
                "three-sleep",
                N_(
                    "How have the nights been? Anything about rest, dreams or waking you want "
                    "to note."
                ),
                "sleep",
            ),
            Prompt(
                "three-self-talk",
                N_(
                    "How have you been speaking to yourself since the session? One sentence you "
                    "have heard inside is enough."
                ),
                "self-talk",
            ),
            WAY_OUT,
        ),
    ),
    Phase(
        "first-week",
        N_("About a week on"),
        5,
        10,
        (
            Prompt(
                "week-relating",
                N_(
                    "How has it been with the people around you this week? A moment of closeness, "
                    "or of distance, that stays with you."
                ),
                "relating",
            ),
            Prompt(
                "week-self-talk",
                N_(
                    "Has the way you speak to yourself changed at all? Kinder, harsher, or much "
                    "the same."
                ),
                "self-talk",
            ),
            Prompt(
                "week-pointed",
                N_(
                    "Looking back at the session, what did it seem to point toward? A word or an "
                    "image is enough."
                ),
                "pointed",
            ),
            Prompt(
                "week-body",
                N_(
                    "What does your body seem to ask for this week? Rest, movement, warmth, "
                    "company or quiet."
                ),
                "body",
            ),
            WAY_OUT,
        ),
    ),
    Phase(
        "second-week",
        N_("About two weeks on"),
        11,
        20,
        (
            Prompt(
                "fortnight-alive",
                N_("What from the session still feels alive, two weeks on?"),
                "pointed",
            ),
            Prompt(
                "fortnight-everyday",
                N_("Where has it shown up in everyday life? At home, at work, in a conversation."),
                "here",
            ),
            Prompt(
                "fortnight-relating",
                N_(
                    "Is there someone you would like to share something with? Or something you "
                    "would rather keep to yourself for now?"
                ),
                "relating",
            ),
            Prompt(
                "fortnight-choice",
                N_("If you tried one small thing in that direction this week, what might it be?"),
                "choice",
            ),
            WAY_OUT,
        ),
    ),
    Phase(
        "month",
        N_("A month or more on"),
        21,
        None,
        (
            Prompt(
                "month-reading",
                N_("Reading back over what you wrote, what stands out to you now?"),
                "pointed",
            ),
            Prompt(
                "month-changed",
                N_("What has changed since the session, and what has stayed the same?"),
                "here",
            ),
            Prompt(
                "month-body",
                N_(
                    "How does your body feel in ordinary moments now? Waking up, walking, sitting "
                    "down to eat."
                ),
                "body",
            ),
            Prompt(
                "month-choice",
                N_(
                    "Is there one small choice you would like to keep making? It can be very small."
                ),
                "choice",
            ),
            Prompt(
                "month-bring",
                N_("Is there something you would like to bring to your therapist next time?"),
                "relating",
            ),
            WAY_OUT,
        ),
    ),
)

#: When no session is noted (or the only ones are still ahead).
ANY_TIME = Phase(
    "any-time",
    N_("Any day"),
    0,
    None,
    (
        Prompt("any-here", N_("What is here right now, as you begin to write?"), "here"),
        Prompt("any-body", N_("Where in your body do you notice something right now?"), "body"),
        Prompt("any-sleep", N_("How have you been sleeping lately?"), "sleep"),
        Prompt("any-relating", N_("Who or what has felt close to you lately?"), "relating"),
        Prompt(
            "any-choice",
            N_("Is there one small thing you would like to do for yourself this week?"),
            "choice",
        ),
        WAY_OUT,
    ),
)

_ALL_PROMPTS = {p.id: p for phase in (*PHASES, ANY_TIME) for p in phase.prompts}


def phase_for(days_since: int | None) -> Phase:
    """The phase for ``days_since`` the last session (None, or a negative number: no session)."""
    if days_since is None or days_since < 0:
        return ANY_TIME
    for phase in PHASES:
        if phase.holds(days_since):
            return phase
    return PHASES[-1]


def prompts_for(days_since: int | None) -> tuple[Prompt, ...]:
    """The prompts offered ``days_since`` the last session (see :func:`phase_for`)."""
    return phase_for(days_since).prompts


def prompt_by_id(prompt_id: str | None) -> Prompt | None:
    """The prompt with ``prompt_id`` (None when it is unknown, or no longer offered)."""
    return _ALL_PROMPTS.get(prompt_id) if prompt_id else None
