"""A body map as a step of any script: the checker, the editor's draft, the answer kept with a
practice, and the marks read back from it."""

from __future__ import annotations

import textwrap
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from kapcompanion.domain.body_map import (
    Sitting,
    answer_text,
    marks_from_answer,
)
from kapcompanion.domain.drafts import draft_from_text
from kapcompanion.domain.exercise_info import answers_for_log
from kapcompanion.domain.runner import ExerciseRunner
from kapcompanion.domain.script_check import check_text, parse_script
from kapcompanion.domain.scripts import BodyMapInput
from kapcompanion.storage.script_files import to_toml

ZONE = timezone(timedelta(hours=2))
AT = datetime(2025, 4, 2, 18, 30, tzinfo=ZONE)
SCRIPT = textwrap.dedent(
    """\
    id = "where-it-is"
    title = "Where it is"
    description = "Noticing where something is felt."
    for = ["between-sessions"]
    minutes = 2

    [[step]]
    text = "You might notice where in your body something is here. Your feet are here too."
    until_continue = true

    [step.input]
    type = "body-map"
    key = "felt"
    """
)


def test_a_body_map_step_is_read_from_a_script() -> None:
    exercise = parse_script(SCRIPT, "where-it-is.toml")
    assert exercise.steps[0].input == BodyMapInput("felt")
    assert exercise.inputs() == [(0, BodyMapInput("felt"))]


@pytest.mark.parametrize(
    ("extra", "key", "expected"),
    [
        ('items = ["a"]\n', "step[1].input.items", ""),
        ("", "step[1].input.key", 'a key in quotes such as "settled"'),
    ],
)
def test_a_body_map_with_a_wrong_key_is_named(extra: str, key: str, expected: str) -> None:
    text = SCRIPT + extra
    if not extra:
        text = text.replace('key = "felt"\n', "")
    exercise, problems = check_text(text, "where-it-is.toml")
    assert exercise is None
    (problem,) = problems
    assert problem.key == key and expected in problem.expected
    assert problem.line is not None


def test_the_editor_keeps_a_body_map_step_as_it_was() -> None:
    draft = draft_from_text(SCRIPT)
    step_input = draft.steps[0].input
    assert step_input is not None and step_input.kind == "body-map"
    again = parse_script(to_toml(draft), "where-it-is.toml")
    assert again.steps[0].input == BodyMapInput("felt")


def test_marks_become_one_answer_and_come_back_as_marks() -> None:
    sitting = Sitting()
    sitting.set_intensity("chest", 6)
    sitting.choose("chest", at=AT, sensation="warmth")
    sitting.choose("hand-left", at=AT, own_word="Fizzing, a bit")
    sitting.choose("jaw", at=AT, sensation="tightness")
    text = answer_text(sitting.marks())
    exercise = parse_script(SCRIPT, "where-it-is.toml")
    kept = answers_for_log(exercise, {"felt": text})
    (answer,) = kept["felt"]
    assert answer.splitlines() == [
        "Jaw, tightness",
        "Chest, warmth, 6 of 10",
        "Left hand, fizzing, a bit",
    ]
    practice = str(uuid.uuid4())
    marks = marks_from_answer(kept["felt"], at=AT, practice_uuid=practice, key="felt")
    assert [(m.region, m.label, m.intensity) for m in marks] == [
        ("jaw", "tightness", None),
        ("chest", "warmth", 6),
        ("hand-left", "fizzing, a bit", None),
    ]
    assert {m.practice_uuid for m in marks} == {practice}
    again = marks_from_answer(kept["felt"], at=AT, practice_uuid=practice, key="felt")
    assert [m.uuid for m in again] == [m.uuid for m in marks]  # kept twice, still one each


def test_nothing_marked_keeps_nothing_and_stray_lines_are_passed_over() -> None:
    exercise = parse_script(SCRIPT, "where-it-is.toml")
    assert answers_for_log(exercise, {"felt": ""}) == {}
    marks = marks_from_answer(
        ["Tail, warmth\nChest, \nBelly, lightness, 3 of 10"],
        at=AT,
        practice_uuid=str(uuid.uuid4()),
        key="felt",
    )
    assert [(m.region, m.label, m.intensity) for m in marks] == [("belly", "lightness", 3)]


def test_the_runner_takes_marks_as_the_steps_answer() -> None:
    from kapcompanion.domain.clock import FakeClock

    runner = ExerciseRunner(parse_script(SCRIPT, "where-it-is.toml"), FakeClock())
    runner.start()
    runner.set_answer("felt", "Chest, warmth")
    assert runner.answers == {"felt": "Chest, warmth"}
    with pytest.raises(ValueError, match="felt"):
        runner.set_answer("felt", 5)


def test_a_map_with_very_many_marks_is_kept_whole() -> None:
    from kapcompanion.domain.body_map import REGIONS, Sensation
    from kapcompanion.domain.practice import check_answers

    sitting = Sitting()
    for r in REGIONS:
        for s in Sensation:
            sitting.choose(r.id, at=AT, sensation=s)
            sitting.set_intensity(r.id, 7)
        sitting.choose(r.id, at=AT, own_word="a slow pulse like a tide coming in")
    text = answer_text(sitting.marks())
    assert len(text) > 4000
    exercise = parse_script(SCRIPT, "where-it-is.toml")
    kept = check_answers(answers_for_log(exercise, {"felt": text}))  # as the log checks it
    assert len(kept["felt"]) > 1
    marks = marks_from_answer(kept["felt"], at=AT, practice_uuid=str(uuid.uuid4()), key="felt")
    assert len(marks) == len(sitting.marks())
