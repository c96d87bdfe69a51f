"""What the breathing screen says: soft words, numbers only when asked, none when presented."""

from __future__ import annotations

import re

import pytest

from kapcompanion.domain.breath_words import (
    ANCHOR_LINE,
    BreathDisplay,
    about_text,
    count_text,
    phase_text,
    time_left_text,
)
from kapcompanion.domain.pacing import PHASE_WORDS, PRESETS, PacerTimeline

BOX = PRESETS["box"]


def state_at(t: float, pattern=PRESETS["resonance"]):
    return PacerTimeline(pattern, 60.0).state_at(t)


def test_the_words_describe_and_never_order():
    for word in PHASE_WORDS.values():
        assert not word.startswith("breathe "), word  # no command
    assert phase_text(state_at(1.0), BreathDisplay()) == "breathing in"
    assert phase_text(state_at(7.0), BreathDisplay()) == "breathing out"


def test_holds_are_named_holds_not_rest():
    hold = PacerTimeline(BOX, 60.0).state_at(5.0)  # a second into the hold after the breath in
    assert phase_text(hold, BreathDisplay()) == "holding"
    assert "rest" not in BOX.summary() and "rest" not in BOX.description
    assert BOX.summary().startswith("4 in · 4 hold · 4 out · 4 hold")
    assert "hold for 7" in PRESETS["4-7-8"].description


def test_the_word_is_optional():
    assert phase_text(state_at(1.0), BreathDisplay(words=False)) == ""


@pytest.mark.parametrize("presented", [False, True])
def test_no_numbers_unless_asked_for(presented):
    quiet = BreathDisplay(presented=presented)
    assert count_text(state_at(1.0), quiet) == ""
    assert time_left_text(200.0, quiet) == ""
    assert about_text(PRESETS["longer-exhale"], quiet) == "Longer breath out"


def test_numbers_when_asked_for():
    asked = BreathDisplay(numbers=True)
    assert count_text(state_at(1.0), asked) == "5"  # 5.45 s in, 1 s gone
    assert time_left_text(272.2, asked) == "4:33 left"
    assert about_text(PRESETS["longer-exhale"], asked) == (
        "Longer breath out · 4 in · 6 out · 6 breaths a minute"
    )


def test_a_presented_screen_never_shows_numbers_even_when_asked():
    shown = BreathDisplay(numbers=True, presented=True)
    assert not shown.shows_numbers
    texts = [
        count_text(state_at(1.0), shown),
        time_left_text(200.0, shown),
        about_text(PRESETS["longer-exhale"], shown),
        phase_text(state_at(1.0), shown),
    ]
    assert not any(re.search(r"\d", t) for t in texts), texts


def test_the_anchor_line_offers_the_feet():
    assert "feel your feet" in ANCHOR_LINE and ANCHOR_LINE.startswith("Or ")
