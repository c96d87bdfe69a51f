"""Grounding cues: which key offers which words, and how a cue fades on the clock."""

from __future__ import annotations

import itertools

import pytest

from kapcompanion.domain.cues import (
    BUILT_IN_CUES,
    CUE_LIMIT,
    FADE_IN_S,
    FADE_OUT_S,
    HOLD_S,
    NAME_LIMIT,
    cue_keys,
    cue_opacity,
    cue_over,
    own_cue,
)


def test_keys_one_to_six_offer_the_built_in_cues_and_seven_to_nine_the_therapists_own():
    keys = cue_keys(["Notice the chair.", "   ", "The blanket is here."])
    assert [keys[n] for n in range(1, 7)] == list(BUILT_IN_CUES)
    assert keys[7].words == "Notice the chair." and 8 not in keys  # a blank line leaves 8 free
    assert keys[9].words == "The blanket is here."
    assert cue_keys() == dict(enumerate(BUILT_IN_CUES, start=1))


def test_an_own_cue_is_tidied_and_kept_short():
    assert own_cue("") is None and own_cue(" \t ") is None
    cue = own_cue("  You   can   rest   here  ")
    assert cue is not None and cue.words == "You can rest here"
    long = own_cue("slow " * 40)
    assert long is not None and len(long.words) <= CUE_LIMIT + 1 and long.words.endswith("…")
    assert len(long.name) <= NAME_LIMIT


def test_the_built_in_cues_are_short_invitations_about_the_outside_world():
    for cue in BUILT_IN_CUES:
        assert len(cue.words) <= CUE_LIMIT and len(cue.name) <= NAME_LIMIT
        assert len(cue.words.split()) <= 12 and "!" not in cue.words, cue.words
        assert not {"must", "should", "try", "don't"} & set(cue.words.lower().split()), cue.words
    words = " ".join(c.words.lower() for c in BUILT_IN_CUES)
    for anchor in ("feet", "hands", "room", "here", "water", "end"):
        assert anchor in words


def test_a_cue_fades_in_holds_and_fades_out():
    assert cue_opacity(10.0, 9.0) == 0.0
    assert cue_opacity(10.0, 10.0 + FADE_IN_S / 2) == pytest.approx(0.5)
    assert cue_opacity(10.0, 10.0 + FADE_IN_S + HOLD_S) == pytest.approx(1.0)
    end = 10.0 + FADE_IN_S + HOLD_S
    assert cue_opacity(10.0, end + FADE_OUT_S / 2) == pytest.approx(0.5)
    assert cue_opacity(10.0, end + FADE_OUT_S) == 0.0
    assert not cue_over(10.0, end) and cue_over(10.0, end + FADE_OUT_S + 0.01)


def test_taken_away_a_cue_fades_from_where_it_is_without_a_jump():
    shown, hidden = 0.0, FADE_IN_S / 2  # taken away while still appearing
    before = cue_opacity(shown, hidden, hidden_at=hidden)
    after = cue_opacity(shown, hidden + 0.01, hidden_at=hidden)
    assert before == pytest.approx(0.5) and abs(after - before) < 0.02
    assert cue_over(shown, hidden + FADE_OUT_S + 0.01, hidden_at=hidden)
    samples = [cue_opacity(0.0, t / 100, hidden_at=5.0) for t in range(0, 1000)]
    assert max(abs(a - b) for a, b in itertools.pairwise(samples)) < 0.01
