"""Practice records, ratings and the integration window (pure domain, no storage)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kapcompanion.domain.practice import (
    ANSWER_KEY,
    MAX_ANSWER_ITEMS,
    MAX_ANSWER_KEYS,
    MAX_ANSWERS_TEXT,
    Kind,
    PracticeInputError,
    Status,
    StepTime,
    check_answers,
    check_rating,
)
from kapcompanion.domain.practice_flow import (
    PROGRESS_EVERY_S,
    begin_record,
    finish_record,
    interrupted,
    next_progress_in,
    with_after,
    with_note,
    with_progress,
)
from kapcompanion.domain.script_check import parse_script
from kapcompanion.domain.scripts import ScriptError
from kapcompanion.storage.library import load_builtin

BERLIN_SUMMER = timezone(timedelta(hours=2))
START = datetime(2025, 6, 10, 23, 30, tzinfo=BERLIN_SUMMER)


def test_a_new_practice_is_in_progress_on_the_local_day() -> None:
    r = begin_record("breathing", "resonance", START, planned_s=300, rating_before=3)
    assert r.status is Status.IN_PROGRESS
    assert r.kind is Kind.BREATHING
    # 23:30 in Berlin is 21:30 UTC; the practice belongs to the local day.
    assert r.started_utc == datetime(2025, 6, 10, 21, 30, tzinfo=UTC)
    assert r.local_date == date(2025, 6, 10)
    assert r.planned_s == 300.0 and r.rating_before == 3
    assert len(r.uuid) == 36
    assert begin_record("exercise", "x", START).uuid != r.uuid


def test_finishing_keeps_what_was_given_and_what_was_there() -> None:
    r = begin_record("exercise", "five-four-three-two-one", START, intention="to land")
    r = with_progress(r, actual_s=30, steps=[StepTime("see", 0, 30)])
    r = with_note(r, "written during")
    done = finish_record(
        r,
        START + timedelta(minutes=5),
        status="stopped",
        actual_s=200.5,
        steps=[StepTime("see", 0, 90), StepTime("touch", 90, 110.5, skipped=True)],
        rating_after=8,
        answers={"hear": ["rain", "  "], "see": ["lamp"]},
    )
    assert done.status is Status.STOPPED
    assert done.ended_utc == datetime(2025, 6, 10, 21, 35, tzinfo=UTC)
    assert done.actual_s == 200.5 and done.rating_after == 8
    assert done.intention == "to land" and done.note == "written during"
    # Blank answers are dropped; answers keep the order they were given in.
    assert list(done.answers.items()) == [("hear", ("rain",)), ("see", ("lamp",))]
    assert done.steps[1].skipped


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"rating_after": 11}, "rating_after"),
        ({"rating_after": -1}, "rating_after"),
        ({"rating_after": 5.5}, "rating_after"),
        ({"rating_after": True}, "rating_after"),
        ({"actual_s": -3}, "actual_s"),
        ({"actual_s": float("nan")}, "actual_s"),
        ({"actual_s": None}, "actual_s"),
        ({"status": "in_progress"}, "status"),
        ({"status": "interrupted"}, "status"),
        ({"answers": {"see": ["a"] * (MAX_ANSWER_ITEMS + 1)}}, "answers.see"),
        ({"answers": {"sixth sense": ["a"]}}, "answers"),
        ({"answers": {"First-Words": ["a"]}}, "answers"),
        ({"answers": {"first--words": ["a"]}}, "answers"),
        ({"answers": {"-first": ["a"]}}, "answers"),
        ({"answers": {"k" * 65: ["a"]}}, "answers"),
        ({"answers": {7: ["a"]}}, "answers"),
        ({"answers": {f"k{i}": ["a"] for i in range(MAX_ANSWER_KEYS + 1)}}, "answers"),
        ({"answers": {"see": "lamp"}}, "answers.see"),
        ({"answers": {"see": [3]}}, "answers.see"),
        ({"answers": {"first-words": ["x" * 4001]}}, "answers.first-words"),
        ({"answers": {f"k{i}": ["x" * 4000] for i in range(17)}}, "answers.k16"),
        ({"answers": ["see", "lamp"]}, "answers"),
        ({"note": "x" * 5000}, "note"),
        ({"steps": [StepTime("", 0, 1)]}, "steps[0].step_id"),
    ],
)
def test_bad_values_name_the_field_and_what_is_allowed(kwargs: dict, field: str) -> None:
    r = begin_record("breathing", "box", START)
    args = {"actual_s": 10.0, **kwargs}
    with pytest.raises(PracticeInputError) as info:
        finish_record(r, START, **args)
    assert info.value.field == field
    assert "allowed:" in str(info.value)


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("walking", "x"), "kind"),
        (("breathing", ""), "ref"),
        (("breathing", "x" * 201), "ref"),
    ],
)
def test_bad_starts_are_refused(args: tuple[str, str], field: str) -> None:
    with pytest.raises(PracticeInputError) as info:
        begin_record(*args, START)
    assert info.value.field == field


def test_a_time_without_zone_is_refused() -> None:
    with pytest.raises(PracticeInputError, match="time zone"):
        begin_record("breathing", "x", datetime(2025, 1, 1, 12))


@given(st.one_of(st.none(), st.integers(0, 10)))
def test_ratings_from_0_to_10_or_none_pass(value: int | None) -> None:
    assert check_rating("r", value) == value


def test_answers_of_none_are_empty() -> None:
    assert check_answers(None) == {}


def test_any_exercise_input_can_keep_its_answers() -> None:
    answers = {
        "first-words": ["heavy and warm", " "],
        "ready-to-leave": ("Water nearby", "Someone to call"),
        "settled": ["7"],
        "see": ["a lamp", "a mug", "light", "a door", "a chair", "a sixth"],
        "nothing_here": ["", "  "],
    }
    assert check_answers(answers) == {
        "first-words": ("heavy and warm",),
        "ready-to-leave": ("Water nearby", "Someone to call"),
        "settled": ("7",),
        "see": ("a lamp", "a mug", "light", "a door", "a chair", "a sixth"),
    }
    # The limits are generous for real use: the most items a checklist may have, and in all
    # far more text than any script can ask for.
    most = {f"k{i}": ["x" * 300] * MAX_ANSWER_ITEMS for i in range(17)}
    assert sum(len(t) for v in check_answers(most).values() for t in v) <= MAX_ANSWERS_TEXT


def test_every_input_key_of_the_shipped_exercises_can_be_kept() -> None:
    exercises, problems = load_builtin()
    assert not problems
    keys = [spec.key for e in exercises for _, spec in e.inputs()]
    assert {"first-words", "ready-to-leave", "see", "today"} <= set(keys)
    for key in keys:
        assert check_answers({key: ["an answer"]}) == {key: ("an answer",)}


def _script_with_input_key(key: str) -> str:
    return (
        'id = "keys"\ntitle = "Keys"\ndescription = "A key."\nfor = ["any-time"]\n'
        'minutes = 1\n\n[[step]]\ntext = "A few words, if you like."\nuntil_continue = true\n'
        f'input = {{ type = "text", key = {json.dumps(key)} }}\n'
    )


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(
        st.from_regex(ANSWER_KEY, fullmatch=True),
        st.text(alphabet="abcXYZ019-_ .é", min_size=0, max_size=70),
    )
)
def test_the_log_keeps_exactly_the_keys_the_script_loader_accepts(key: str) -> None:
    try:
        parse_script(_script_with_input_key(key))
        loader_accepts = True
    except ScriptError:
        loader_accepts = False
    try:
        check_answers({key: ["an answer"]})
        log_accepts = True
    except PracticeInputError:
        log_accepts = False
    assert log_accepts == loader_accepts


def test_after_the_end_the_rating_and_kept_answers_are_added() -> None:
    r = begin_record("exercise", "session-close", START, rating_before=3)
    done = finish_record(r, START + timedelta(minutes=8), actual_s=480.0)
    done = with_note(done, "written during")
    after = with_after(
        done, rating_after=7, intention="to land", answers={"first-words": ["heavy, warm"]}
    )
    assert after.ended_utc == done.ended_utc and after.status is Status.COMPLETED
    assert after.rating_before == 3 and after.rating_after == 7
    assert after.intention == "to land" and after.answers == {"first-words": ("heavy, warm",)}
    assert after.note == "written during"
    # A skipped question changes nothing.
    assert with_after(after) == after
    with pytest.raises(PracticeInputError) as info:
        with_after(done, rating_after=11)
    assert info.value.field == "rating_after"
    with pytest.raises(PracticeInputError) as info:
        with_after(done, answers={"Bad Key": ["x"]})
    assert info.value.field == "answers"


def test_progress_is_due_every_so_many_seconds_of_practice() -> None:
    assert PROGRESS_EVERY_S == 30.0
    assert next_progress_in(0.0, 0.0) == 30.0
    assert next_progress_in(12.5, 0.0) == 17.5
    assert next_progress_in(30.0, 0.0) == 0.0
    assert next_progress_in(75.0, 30.0) == 0.0  # overdue is due now
    assert next_progress_in(40.0, 31.0, every_s=10.0) == pytest.approx(1.0)


def test_interrupted_only_changes_running_records() -> None:
    r = begin_record("breathing", "x", START)
    assert interrupted(r).status is Status.INTERRUPTED
    done = finish_record(r, START, actual_s=1)
    assert interrupted(done) is done
