"""Home's situations: what each shows and how it sets the breathing card."""

from __future__ import annotations

import pytest

from kapcompanion.domain.pacing import PRESETS
from kapcompanion.domain.scripts import Moment
from kapcompanion.domain.situations import (
    GENTLE_PATTERN,
    SITUATION_KEYS,
    SITUATIONS,
    situation,
    takes_default_pattern,
)


def test_the_four_situations_in_reading_order():
    assert SITUATION_KEYS == ("before", "closing", "between", "breathe")
    assert [s.moment for s in SITUATIONS] == [
        Moment.BEFORE_DOSING,
        Moment.SESSION_CLOSE,
        Moment.BETWEEN_SESSIONS,
        Moment.ANY_TIME,
    ]


def test_around_a_session_the_card_offers_gentle_settling_without_holds():
    assert situation("before").pattern == situation("closing").pattern == GENTLE_PATTERN
    assert not PRESETS[GENTLE_PATTERN].has_holds
    assert situation("between").keeps_default and situation("breathe").keeps_default
    assert not situation("before").keeps_default


def test_a_new_default_shows_only_where_no_situation_asks_for_another():
    assert takes_default_pattern("")
    assert takes_default_pattern("between") and takes_default_pattern("breathe")
    assert not takes_default_pattern("before") and not takes_default_pattern("closing")


def test_an_unknown_situation_names_the_known_ones():
    with pytest.raises(ValueError, match="known: before, closing, between, breathe"):
        situation("later")
