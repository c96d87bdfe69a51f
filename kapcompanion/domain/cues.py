"""Grounding cues: a few quiet words the therapist puts on the client's screen with one key.

While a practice is presented, the therapist may offer a cue over whatever runs: the feet on
the floor, the hands, the room, "you're here", water, the session coming to an end. Keys 1-9
in the control window each offer one; the built-in cues come first, then the therapist's own
(kept in the settings, keys 7-9). A cue fades in, stays long enough to be read twice
slowly, and fades out; a second key (0) or another cue takes it away sooner.

Its look over time is a pure function of the one clock (:func:`cue_opacity`), so the screen
only asks "how visible now?" and tests move a fake clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kapcompanion.i18n import N_, _

#: Keys 1-9 offer a cue each.
MAX_CUES = 9
#: The keys for the therapist's own cues, after the built-in ones.
OWN_CUE_KEYS = (7, 8, 9)
#: How long a cue may be, in characters (a cue is a short line, read at a glance).
CUE_LIMIT = 80
#: How long a cue's name on the therapist's button may be.
NAME_LIMIT = 24
#: Seconds a cue takes to appear and to go.
FADE_IN_S = 1.5
FADE_OUT_S = 2.5
#: Seconds a cue stays fully shown: long enough to read a short line twice, slowly.
HOLD_S = 12.0


@dataclass(frozen=True)
class Cue:
    """One cue: the words on the client's screen and a short name for the therapist's button.

    A built-in cue (``built_in``) holds its words as written (marked with ``N_``) and says them
    in the language in use; the therapist's own are shown as they typed them."""

    name_words: str
    line_words: str
    built_in: bool = False

    @property
    def name(self) -> str:
        return _(self.name_words) if self.built_in else self.name_words

    @property
    def words(self) -> str:
        return _(self.line_words) if self.built_in else self.line_words


BUILT_IN_CUES: tuple[Cue, ...] = (
    Cue(N_("Feet"), N_("You might feel your feet on the floor."), built_in=True),
    Cue(N_("Hands"), N_("You might notice your hands, and what they rest on."), built_in=True),
    Cue(N_("The room"), N_("The room is here around you. You can look around it."), built_in=True),
    Cue(N_("You're here"), N_("You're here, in this room, and you're not alone."), built_in=True),
    Cue(N_("Water"), N_("There is water beside you, whenever you'd like some."), built_in=True),
    Cue(
        N_("Coming to an end"),
        N_("The session is slowly coming to an end. There's no hurry."),
        built_in=True,
    ),
)


def own_cue(line: str) -> Cue | None:
    """The therapist's own cue from one line of their settings: None when blank; spaces are
    tidied and a line longer than :data:`CUE_LIMIT` is shortened at a word."""
    words = " ".join(line.split())
    if not words:
        return None
    if len(words) > CUE_LIMIT:
        words = words[:CUE_LIMIT].rsplit(" ", 1)[0] + "…"
    name = words if len(words) <= NAME_LIMIT else words[: NAME_LIMIT - 2].rstrip() + "…"
    return Cue(name, words)


def cue_keys(own: Sequence[str] = ()) -> dict[int, Cue]:
    """The cue each key offers: 1-6 the built-in ones, 7-9 the therapist's own lines (a blank
    line leaves its key free, so a cue keeps its key when another is cleared)."""
    keys = dict(enumerate(BUILT_IN_CUES, start=1))
    for key, line in zip(OWN_CUE_KEYS, own, strict=False):
        cue = own_cue(line)
        if cue is not None:
            keys[key] = cue
    return keys


def cue_opacity(shown_at: float, now: float, *, hidden_at: float | None = None) -> float:
    """How visible a cue shown at ``shown_at`` is at ``now`` (0 to 1): it fades in, holds and
    fades out; ``hidden_at`` (the therapist took it away) starts the fade out sooner."""
    age = now - shown_at
    if age < 0:
        return 0.0
    rise = min(1.0, age / FADE_IN_S)
    fall_from = shown_at + FADE_IN_S + HOLD_S
    if hidden_at is not None:
        fall_from = min(fall_from, hidden_at)
    fall = 1.0 - (now - fall_from) / FADE_OUT_S if now > fall_from else 1.0
    return max(0.0, min(rise, fall, 1.0))


def cue_over(shown_at: float, now: float, *, hidden_at: float | None = None) -> bool:
    """Whether a cue shown at ``shown_at`` has faded out completely by ``now``."""
    return now > shown_at and cue_opacity(shown_at, now, hidden_at=hidden_at) == 0.0
