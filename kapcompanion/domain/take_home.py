"""The take-home card: one page the client leaves a medicine session with.

At the close of a session the therapist may give the client a card: their own first words (only
if they want them on it), the intention they came in with, and a few practices for the days
after. It also says, once and kindly, what the next days can bring and where support is. The
therapist chooses every part; nothing is on the card that was not chosen. This module holds the
card's content as plain values and text; drawing it is the interface's work.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kapcompanion.domain.words import long_date
from kapcompanion.i18n import N_, _

# The card's fixed words, translated where shown (``_(TITLE)``; :func:`sections` and
# :func:`card_text` translate their own).
TITLE = N_("For the days after your session")
FIRST_WORDS_HEADING = N_("Your first words")
INTENTION_HEADING = N_("What you came in with")
PRACTICES_HEADING = N_("Practices for the next days")
PRACTICES_NOTE = N_("Any of these, on any day you like. One is plenty.")
DAYS_AFTER_HEADING = N_("In the days after")
DAYS_AFTER = (
    N_(
        "Tears, trembling, warmth or tiredness can come in the next days. They are often the "
        "body settling what opened, and they can simply be there."
    ),
    N_("Water, something to eat, rest and a slow walk can help you land."),
    N_("You might write down what you notice, in a few words, to bring to your next session."),
    N_("Big decisions can wait until you have talked them through."),
)
SUPPORT = N_(
    "If something feels too much, you can contact your therapist in the way you agreed. "
    "In an emergency, call your local emergency number."
)


@dataclass(frozen=True)
class TakeHome:
    """What the therapist chose for the card."""

    made: date
    first_words: str = ""
    intention: str = ""
    practices: tuple[str, ...] = ()


def sections(card: TakeHome) -> list[tuple[str, list[str]]]:
    """The card's parts in order, each a heading and its lines (in the language in use); parts
    left empty are left out."""
    parts: list[tuple[str, list[str]]] = []
    words = " ".join(card.first_words.split())
    if words:
        parts.append((_(FIRST_WORDS_HEADING), [_("“{words}”").format(words=words)]))
    intention = " ".join(card.intention.split())
    if intention:
        parts.append((_(INTENTION_HEADING), [intention]))
    if card.practices:
        parts.append((_(PRACTICES_HEADING), [*card.practices, _(PRACTICES_NOTE)]))
    parts.append((_(DAYS_AFTER_HEADING), [_(line) for line in DAYS_AFTER]))
    parts.append(("", [_(SUPPORT)]))
    return parts


def card_text(card: TakeHome) -> str:
    """The whole card as plain text (what the page says, in order)."""
    lines = [_(TITLE), long_date(card.made), ""]
    for heading, body in sections(card):
        if heading:
            lines.append(heading)
        lines.extend(body)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
