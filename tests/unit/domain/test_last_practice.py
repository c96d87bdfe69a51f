"""The last practice, as kept in the settings file for home's "again" shortcut."""

from __future__ import annotations

import pytest

from kapcompanion.domain.last_practice import (
    LastBreathing,
    LastExercise,
    format_last,
    last_from_start,
    parse_last,
)
from kapcompanion.domain.limits import BREATHING_MINUTES
from kapcompanion.domain.practice import Kind


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        # The lines written since the shortcut first came are read as they are.
        ("breathing:gentle-settle:5", LastBreathing("gentle-settle", 5)),
        ("breathing:box:12", LastBreathing("box", 12)),
        ("exercise:daily-check-in", LastExercise("daily-check-in")),
        ("  exercise:body-scan \n", LastExercise("body-scan")),
        # A hand-edited length outside the range is moved into it.
        ("breathing:resonance:0", LastBreathing("resonance", BREATHING_MINUTES.low)),
        ("breathing:resonance:45", LastBreathing("resonance", BREATHING_MINUTES.high)),
    ],
)
def test_stored_lines_are_read(stored, expected):
    assert parse_last(stored) == expected


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "breathing",
        "breathing:",
        "breathing:nope:3",
        "breathing:resonance:",
        "breathing:resonance:three",
        "breathing:resonance:-2",
        "breathing:resonance:2.5",
        "breathing:resonance:³",  # a digit to isdigit(), not to int()
        "exercise:",
        "exercise:a:b",
        "exercise:bad\tid",
        "walk:outside",
        "gentle-settle",
    ],
)
def test_a_line_that_names_nothing_offers_no_shortcut(stored):
    assert parse_last(stored) is None


@pytest.mark.parametrize(
    "last",
    [LastBreathing("longer-exhale", 1), LastBreathing("4-7-8", 30), LastExercise("grounding")],
)
def test_what_is_written_reads_back_the_same(last):
    assert parse_last(format_last(last)) == last


def test_the_written_line_keeps_the_old_format():
    assert format_last(LastBreathing("gentle-settle", 3)) == "breathing:gentle-settle:3"
    assert format_last(LastExercise("daily-check-in")) == "exercise:daily-check-in"


def test_a_practice_that_begins_becomes_the_last():
    assert last_from_start(Kind.BREATHING, "resonance", 300.0) == LastBreathing("resonance", 5)
    # Whole minutes, at least one and at most the longest practice.
    assert last_from_start(Kind.BREATHING, "resonance", 20.0) == LastBreathing("resonance", 1)
    assert last_from_start(Kind.BREATHING, "resonance", 89.0) == LastBreathing("resonance", 1)
    assert last_from_start(Kind.BREATHING, "resonance", 91.0) == LastBreathing("resonance", 2)
    assert last_from_start(Kind.BREATHING, "resonance", 4000.0) == LastBreathing("resonance", 30)
    assert last_from_start(Kind.EXERCISE, "body-scan", 600.0) == LastExercise("body-scan")
    # Nothing that could not be offered again.
    assert last_from_start(Kind.BREATHING, "not-a-pattern", 300.0) is None
    assert last_from_start(Kind.EXERCISE, "", 60.0) is None


def test_a_breathing_practice_comes_back_as_the_person_prefers_now():
    config = LastBreathing("gentle-settle", 3).config(glide=False, reduced_motion=True)
    assert (config.pattern.key, config.minutes, config.glide, config.reduced_motion) == (
        "gentle-settle",
        3,
        False,
        True,
    )
    assert not config.allow_holds
    # A pattern with holds was chosen with holds on, so they come back allowed.
    assert LastBreathing("box", 4).config(glide=True, reduced_motion=False).allow_holds


def test_descriptions_name_the_pattern_and_the_length():
    assert LastBreathing("gentle-settle", 5).describe() == "Gentle settle · 5 min"


def test_values_that_cannot_be_offered_are_refused():
    with pytest.raises(ValueError, match="unknown breathing pattern"):
        LastBreathing("nope", 5)
    with pytest.raises(ValueError, match="outside"):
        LastBreathing("resonance", 31)
    with pytest.raises(ValueError, match="not an exercise id"):
        LastExercise("")
