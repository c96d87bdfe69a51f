"""The take-home card holds only what was chosen, and always where support is."""

from __future__ import annotations

from datetime import date

from kapcompanion.domain.take_home import (
    FIRST_WORDS_HEADING,
    INTENTION_HEADING,
    PRACTICES_HEADING,
    SUPPORT,
    TakeHome,
    card_text,
    sections,
)

DAY = date(2026, 12, 5)


def test_nothing_chosen_leaves_only_the_days_after_and_support():
    text = card_text(TakeHome(DAY))
    assert "5 December 2026" in text and SUPPORT in text
    for heading in (FIRST_WORDS_HEADING, INTENTION_HEADING, PRACTICES_HEADING):
        assert heading not in text


def test_what_was_chosen_comes_in_order_in_the_persons_own_words():
    card = TakeHome(DAY, "  warm,\n heavy ", "to listen", ("Orienting to the room",))
    headings = [heading for heading, _ in sections(card)]
    assert headings[:3] == [FIRST_WORDS_HEADING, INTENTION_HEADING, PRACTICES_HEADING]
    assert sections(card)[0][1] == ["“warm, heavy”"]
    assert "Orienting to the room" in sections(card)[2][1]


def test_the_card_makes_no_claims_and_gives_no_orders():
    text = card_text(TakeHome(DAY, "x", "y", ("z",))).lower()
    for word in ("must", "should", "dose", "cure", "treat", "symptom"):
        assert word not in text.split()
