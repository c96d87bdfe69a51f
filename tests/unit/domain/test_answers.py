"""What of a practice's answers and steps goes into the log (pure, no Qt, no storage)."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from kapcompanion.domain.answers import (
    INTENTION_KEY,
    STARTS_AT_ONCE,
    RatingPlan,
    after_question,
    clamp_seconds,
    has_intention,
    has_other_answers,
    joined_note,
    kept_inputs,
    rating_plan,
    step_times,
)
from kapcompanion.domain.practice import MAX_ANSWERS_TEXT, MAX_SECONDS, MAX_TEXT, check_answers


def test_kept_inputs_sort_answers_into_what_the_log_holds():
    answers = {
        "intention": ("to be kind to myself",),
        "see": ("a lamp", "a mug", "light", "a door", "a chair", "a sixth"),
        "first-words": ("heavy and warm", "  "),
        "ready-to-leave": ("Water nearby", "Someone to call"),
        "settled": ("7",),
        "many": tuple(f"item {i}" for i in range(14)),
        "Not A Key": ("kept all the same",),
        "blank": (" ",),
    }
    none = kept_inputs(answers, keep_intention=False, keep_others=False)
    assert none.intention is None and none.answers == {} and none.note is None
    default = kept_inputs(answers, keep_intention=True, keep_others=False)
    assert default.intention == "to be kind to myself" and default.answers == {}
    assert default.note is None
    everything = kept_inputs(answers, keep_intention=True, keep_others=True)
    assert everything.answers == {
        "see": ("a lamp", "a mug", "light", "a door", "a chair", "a sixth"),
        "first-words": ("heavy and warm",),
        "ready-to-leave": ("Water nearby", "Someone to call"),
        "settled": ("7",),
        "many": tuple(f"item {i}" for i in range(12)),
    }
    # What the log cannot hold under its key is still kept, in the note.
    assert everything.note.splitlines() == [
        "Many: item 12, item 13",
        "Not A Key: kept all the same",
    ]
    assert check_answers(everything.answers) == everything.answers


def test_kept_answers_are_trimmed_to_what_the_log_accepts():
    long = {f"text-{i}": ("x" * 5000,) for i in range(20)}
    kept = kept_inputs(long, keep_intention=True, keep_others=True)
    assert all(len(t) <= MAX_TEXT for texts in kept.answers.values() for t in texts)
    assert sum(len(t) for texts in kept.answers.values() for t in texts) == MAX_ANSWERS_TEXT
    assert check_answers(kept.answers) == kept.answers


def test_step_times_follow_each_other():
    steps = step_times(((0, 4.0), (1, 3.0), (0, 2.0)))
    assert [(s.step_id, s.started_s, s.duration_s) for s in steps] == [
        ("step-1", 0.0, 4.0),
        ("step-2", 4.0, 3.0),
        ("step-1", 7.0, 2.0),
    ]


def test_step_times_keep_to_what_a_record_accepts():
    steps = step_times(((0, float("nan")), (1, -3.0), (2, 2 * MAX_SECONDS), (3, 5.0)))
    assert [s.duration_s for s in steps] == [0.0, 0.0, MAX_SECONDS, 5.0]
    assert steps[-1].started_s == MAX_SECONDS  # never beyond a day, however long before


def test_seconds_are_clamped_to_a_day_and_nan_is_none():
    assert clamp_seconds(None) is None and clamp_seconds(math.nan) is None
    assert clamp_seconds(-1.0) == 0.0 and clamp_seconds(12.5) == 12.5
    assert clamp_seconds(math.inf) == MAX_SECONDS


def test_an_intention_and_other_answers_are_told_apart():
    assert has_intention({INTENTION_KEY: ("  to rest ",)})
    assert not has_intention({INTENTION_KEY: ("  ",), "see": ("a lamp",)})
    assert has_other_answers({"see": ("a lamp",)})
    assert not has_other_answers({INTENTION_KEY: ("to rest",), "see": (" ",)})


def test_the_question_afterwards_is_worth_asking_only_with_something_to_ask():
    nothing = after_question({}, ask_rating=False)
    assert not nothing.worth_asking and nothing.intention is None
    rating = after_question({}, ask_rating=True)
    assert rating.worth_asking
    intention = after_question({INTENTION_KEY: ("to be", "kind")}, ask_rating=False)
    assert intention.worth_asking and intention.intention == "to be kind"
    others = after_question({"see": ("a lamp",)}, ask_rating=False)
    assert others.worth_asking and others.has_other_answers and others.intention is None


def test_a_kept_note_goes_under_what_the_record_held():
    assert joined_note(None, "Many: a, b") == "Many: a, b"
    assert joined_note("Warm hands.", None) is None
    assert joined_note("Warm hands.", "Many: a, b") == "Warm hands.\nMany: a, b"
    assert len(joined_note("x" * MAX_TEXT, "more") or "") == MAX_TEXT


#: What a person can type into an exercise's field (a NUL character cannot be typed).
TYPED = st.characters(blacklist_characters="\x00")


@given(
    st.dictionaries(
        st.text(TYPED, min_size=1, max_size=70),
        st.lists(st.text(TYPED, max_size=300), max_size=15).map(tuple),
        max_size=30,
    )
)
def test_whatever_is_kept_the_log_accepts(answers):
    kept = kept_inputs(answers, keep_intention=True, keep_others=True)
    assert check_answers(kept.answers) == kept.answers
    assert kept.intention is None or len(kept.intention) <= MAX_TEXT
    assert kept.note is None or len(kept.note) <= MAX_TEXT


# -- the one question of a practice's flow ---------------------------------------------------


def test_the_practices_that_begin_and_close_a_session_start_without_a_question():
    assert {"before-dosing", "session-close"} == STARTS_AT_ONCE
    for ref in STARTS_AT_ONCE:
        assert rating_plan(ref, asking=True, asks_inside=False) == RatingPlan(after=True)


def test_other_practices_ask_before_and_a_practice_with_its_own_rating_is_not_asked():
    assert rating_plan("daily-check-in", asking=True, asks_inside=False) == RatingPlan(before=True)
    assert rating_plan("", asking=True, asks_inside=False) == RatingPlan(before=True)  # breathing
    assert rating_plan("daily-check-in", asking=True, asks_inside=True) == RatingPlan()
    assert rating_plan("session-close", asking=True, asks_inside=True) == RatingPlan()


def test_a_person_who_switched_the_question_off_is_never_asked():
    for ref in ("", "daily-check-in", *STARTS_AT_ONCE):
        assert rating_plan(ref, asking=False, asks_inside=False) == RatingPlan()


@given(st.text(max_size=40), st.booleans(), st.booleans())
def test_the_question_comes_at_most_once_and_never_before_a_session_begins(ref, asking, inside):
    plan = rating_plan(ref, asking=asking, asks_inside=inside)
    assert not (plan.before and plan.after)
    assert not ((plan.before or plan.after) and (inside or not asking))
    if ref in STARTS_AT_ONCE:
        assert not plan.before
