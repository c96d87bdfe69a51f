"""The editor's draft model without widgets or files: the values a draft's file holds read back
as the same draft, timing choices and step moves do what the form says, ids never clash,
problems land on the right field, and an id or a recording the loader cannot see is a problem
too."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kapcompanion.domain import drafts as dr
from kapcompanion.domain.script_check import parse_script
from kapcompanion.domain.scripts import ScriptError
from kapcompanion.storage.library import load_builtin
from kapcompanion.storage.script_files import draft_from_file, to_toml
from tests.helpers.drafts import full_draft


def problem(key: str, expected: str = "something", found: str = "nothing") -> ScriptError:
    return ScriptError("x.toml", 1, key, expected, found)


# --- the values of a file --------------------------------------------------------------------


def test_a_draft_reads_back_from_the_values_of_its_file():
    draft = full_draft()
    assert dr.draft_from_document(dr.to_document(draft)) == draft


def test_keys_with_nothing_to_say_are_left_out_and_whole_numbers_are_integers():
    document = dr.to_document(full_draft())
    first, breathing = document["step"][0], document["step"][1]
    assert first == {"text": "Welcome \\ hello", "seconds": 12.5, "sound": "soft-bell"}
    assert breathing == {
        "text": "Breathe with the shape, if it feels right.",
        "breathing": {"preset": "longer-exhale", "seconds": 60},
    }
    assert type(breathing["breathing"]["seconds"]) is int
    own = document["step"][2]["breathing"]
    assert own == {"inhale": 3.5, "exhale": 6, "seconds": 30}  # no holds: no hold keys
    assert "step" not in dr.to_document(dr.ScriptDraft(steps=[]))


def test_a_lone_surrogate_becomes_a_replacement_character():
    draft = dr.new_draft()
    draft.title = "a\ud800b"
    draft.steps[0].text = "\udfff"
    document = dr.to_document(draft)
    assert document["title"] == "a\ufffdb" and document["step"][0]["text"] == "\ufffd"


def test_values_of_the_wrong_kind_are_left_at_the_form_defaults():
    draft = dr.draft_from_document(
        {
            "id": 3,
            "for": "any-time",
            "minutes": True,
            "step": [{"text": "x", "seconds": "10", "input": {"type": "poll", "items": [1]}}, 7],
        }
    )
    assert draft.id == "" and draft.moments == ["any-time"] and draft.minutes == 5.0
    (step,) = draft.steps
    assert step.seconds is None and step.input == dr.InputDraft(kind="rating", items=[])


def test_nan_minutes_stay_nan():
    draft = dr.new_draft()
    draft.minutes = float("nan")
    assert math.isnan(dr.to_document(draft)["minutes"])


# --- the form's choices --------------------------------------------------------------------------


def test_timing_choices_write_what_the_loader_expects():
    step = dr.StepDraft(text="x", seconds=20)
    assert step.timing == dr.TIMED
    step.set_timing(dr.UNTIL_CONTINUE)
    assert (step.seconds, step.until_continue, step.timing) == (None, True, dr.UNTIL_CONTINUE)
    step.set_timing(dr.BREATHING_ONLY)
    assert step.breathing is not None and step.timing == dr.BREATHING_ONLY
    step.set_timing(dr.TIMED, 30)
    assert step.seconds == 30 and not step.until_continue
    with pytest.raises(ValueError):
        step.set_timing("sometimes")


def texts(draft: dr.ScriptDraft) -> list[str]:
    return [s.text for s in draft.steps]


def test_steps_are_added_after_the_chosen_one_moved_and_removed():
    draft = dr.ScriptDraft(steps=[dr.StepDraft(text=t) for t in ("One.", "Two.")])
    assert draft.add_step(0) == 1 and texts(draft) == ["One.", "", "Two."]
    assert draft.steps[1].seconds == dr.STEP_SECONDS
    assert draft.add_step(-1) == 3 and len(draft.steps) == 4  # none chosen: at the end
    del draft.steps[3]
    draft.steps[1].text = "Three."
    assert draft.move_step(1, 1) == 2 and texts(draft) == ["One.", "Two.", "Three."]
    assert draft.move_step(0, -1) is None and draft.move_step(2, 1) is None
    assert draft.remove_step(2) == 1 and texts(draft) == ["One.", "Two."]
    assert draft.remove_step(5) is None
    assert draft.remove_step(0) == 0 and draft.remove_step(0) == -1 and draft.steps == []


# --- ids and names -------------------------------------------------------------------------------


def test_a_duplicate_gets_a_new_valid_id_and_says_it_is_a_copy():
    builtin, _ = load_builtin()
    taken = [e.id for e in builtin]
    original = draft_from_file(Path(builtin[0].source))
    copy = dr.duplicate_of(original, taken)
    assert copy.id == f"{original.id}-mine" and copy.id not in taken
    assert copy.title.endswith("(my copy)") and len(copy.title) <= 80
    again = dr.duplicate_of(original, [*taken, copy.id])
    assert again.id == f"{original.id}-mine-2"
    assert original.id == builtin[0].id  # the original draft is untouched
    _, problems = dr.check_draft(copy, to_toml(copy), known=dr.known_from(builtin))
    assert problems == []


@given(st.text(max_size=80), st.lists(st.text(max_size=10), max_size=5))
def test_a_free_id_is_always_valid(base, taken):
    made = dr.free_id(base, taken)
    assert made not in taken
    assert parse_script(to_toml(dataclasses.replace(full_draft(), id=made))).id == made


def test_recording_names_are_new_and_valid():
    assert dr.voice_name("Evening landing!", []) == "voice/evening-landing-1.wav"
    assert dr.voice_name("x", ["voice/x-1.wav", "voice/x-2.wav"]) == "voice/x-3.wav"
    assert dr.voice_name("", []) == "voice/script-1.wav"


# --- checking ------------------------------------------------------------------------------------


def test_a_problem_is_reported_at_the_field_that_has_it():
    draft = full_draft()
    draft.steps[2].seconds = 0
    draft.steps[1].breathing.preset = "box"  # holds, in a session-close exercise
    draft.steps[5].input.items = []
    exercise, problems = dr.check_draft(draft, to_toml(draft))
    assert exercise is None
    places = {dr.place_of(p.key) for p in problems}
    assert places == {
        dr.Place(2, "seconds"),
        dr.Place(1, "breathing.preset"),
        dr.Place(5, "input.items"),
    }
    seconds = next(p for p in problems if p.key == "step[3].seconds")
    assert dr.problem_text(seconds) == "A number of seconds from 1 to 1800; now: 0."


def test_an_id_another_exercise_uses_is_a_problem():
    builtin, _ = load_builtin()
    known = dr.known_from(builtin)
    draft = draft_from_file(Path(builtin[0].source))
    _, problems = dr.check_draft(draft, to_toml(draft), known=known)
    assert [p.key for p in problems] == ["id"]
    assert builtin[0].title in problems[0].found
    others = [k for k in known if k.source != builtin[0].source]  # editing that very file
    assert dr.check_draft(draft, to_toml(draft), known=others)[1] == []


def test_a_recording_that_is_neither_saved_nor_waiting_is_a_problem_at_its_line():
    draft = full_draft()
    draft.steps[3].voice = "voice/evening-landing-1.wav"
    text = to_toml(draft)
    _, problems = dr.check_draft(draft, text)
    (found,) = problems
    assert found.key == "step[4].voice"
    assert text.split("\n")[found.line - 1] == 'voice = "voice/evening-landing-1.wav"'
    exercise, problems = dr.check_draft(draft, text, recordings={"voice/evening-landing-1.wav"})
    assert problems == [] and exercise.steps[3].voice == "voice/evening-landing-1.wav"


def test_an_empty_new_draft_still_needs_words():
    draft = dr.new_draft()
    exercise, problems = dr.check_draft(draft, to_toml(draft))
    assert exercise is None
    assert {p.key for p in problems} >= {"id", "title", "step[1].text"}


# --- where problems show -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "place"),
    [
        ("id", dr.Place(None, "id")),
        ("for[2]", dr.Place(None, "for")),
        ("step", dr.Place(None, "steps")),
        ("step[3]", dr.Place(2, "")),
        ("step[3].seconds", dr.Place(2, "seconds")),
        ("step[1].breathing.preset", dr.Place(0, "breathing.preset")),
        ("step[12].input.items[2]", dr.Place(11, "input.items")),
        ("", dr.Place(None, "")),
    ],
)
def test_problem_keys_map_to_a_step_and_a_field(key, place):
    assert dr.place_of(key) == place


def test_the_scripts_own_problems_go_under_their_fields_the_steps_or_below_the_form():
    shown = dr.script_problems(
        [problem("title"), problem("for[1]"), problem("step"), problem(""), problem("step[2]")]
    )
    assert set(shown.fields) == {"title", "for"}
    assert shown.fields["title"] == ["Something; now: nothing."]
    assert len(shown.steps) == 1 and len(shown.general) == 1


def test_a_steps_problems_go_under_the_part_of_its_form():
    found = [
        problem("step[2]"),
        problem("step[2].seconds"),
        problem("step[2].until_continue"),
        problem("step[2].breathing.preset"),
        problem("step[2].input.items[3]"),
        problem("step[4].voice"),
    ]
    shown = dr.step_problems(found, 1)
    assert sorted(shown.parts) == ["breathing", "input", "timing"]
    assert len(shown.parts["timing"]) == 3
    assert shown.fields == {"", "seconds", "until_continue", "breathing.preset", "input.items"}
    assert dr.step_problems(found, -1) == dr.StepProblems({}, set())  # no step chosen
    assert dr.steps_with_problems(found) == {1, 3}
