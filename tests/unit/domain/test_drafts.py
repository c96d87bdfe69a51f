"""The editor's draft model without widgets or files: the values a draft's file holds read back
as the same draft, timing choices and step moves do what the form says, and ids and recording
names never clash."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kapcompanion.domain import draft_check as dc
from kapcompanion.domain import drafts as dr
from kapcompanion.domain.script_check import parse_script
from kapcompanion.storage.library import load_builtin
from kapcompanion.storage.script_files import draft_from_file, to_toml
from tests.helpers.drafts import full_draft

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
    _, problems = dc.check_draft(copy, to_toml(copy), known=dc.known_from(builtin))
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


def test_the_steps_minutes_count_timed_and_breathing_steps_to_the_half_minute() -> None:
    from kapcompanion.domain.drafts import BreathingDraft, ScriptDraft, StepDraft

    draft = ScriptDraft(
        steps=[
            StepDraft(seconds=50),
            StepDraft(seconds=None, until_continue=True),  # waits for the person: no time
            StepDraft(seconds=None, breathing=BreathingDraft(seconds=120)),
        ]
    )
    assert draft.steps_minutes() == 3.0  # 170 s
    assert ScriptDraft(steps=[StepDraft(seconds=5)]).steps_minutes() == 1.0
    assert ScriptDraft(steps=[StepDraft(seconds=None, until_continue=True)]).steps_minutes() is None
