"""Checking a draft as its file would be read: problems land on the right field, an id another
exercise uses or a recording the loader cannot see is a problem too, and the form shows each
problem under the part it is about."""

from __future__ import annotations

from pathlib import Path

import pytest

from kapcompanion.domain import draft_check as dc
from kapcompanion.domain.drafts import new_draft
from kapcompanion.domain.scripts import ScriptError
from kapcompanion.storage.library import load_builtin
from kapcompanion.storage.script_files import draft_from_file, to_toml
from tests.helpers.drafts import full_draft


def problem(key: str, expected: str = "something", found: str = "nothing") -> ScriptError:
    return ScriptError("x.toml", 1, key, expected, found)


# --- checking ------------------------------------------------------------------------------------


def test_a_problem_is_reported_at_the_field_that_has_it():
    draft = full_draft()
    draft.steps[2].seconds = 0
    draft.steps[1].breathing.preset = "box"  # holds, in a session-close exercise
    draft.steps[5].input.items = []
    exercise, problems = dc.check_draft(draft, to_toml(draft))
    assert exercise is None
    places = {dc.place_of(p.key) for p in problems}
    assert places == {
        dc.Place(2, "seconds"),
        dc.Place(1, "breathing.preset"),
        dc.Place(5, "input.items"),
    }
    seconds = next(p for p in problems if p.key == "step[3].seconds")
    assert dc.problem_text(seconds) == "A number of seconds from 1 to 1800; now: 0."


def test_an_id_another_exercise_uses_is_a_problem():
    builtin, _ = load_builtin()
    known = dc.known_from(builtin)
    draft = draft_from_file(Path(builtin[0].source))
    _, problems = dc.check_draft(draft, to_toml(draft), known=known)
    assert [p.key for p in problems] == ["id"]
    assert builtin[0].title in problems[0].found
    others = [k for k in known if k.source != builtin[0].source]  # editing that very file
    assert dc.check_draft(draft, to_toml(draft), known=others)[1] == []


def test_a_recording_that_is_neither_saved_nor_waiting_is_a_problem_at_its_line():
    draft = full_draft()
    draft.steps[3].voice = "voice/evening-landing-1.wav"
    text = to_toml(draft)
    _, problems = dc.check_draft(draft, text)
    (found,) = problems
    assert found.key == "step[4].voice"
    assert text.split("\n")[found.line - 1] == 'voice = "voice/evening-landing-1.wav"'
    exercise, problems = dc.check_draft(draft, text, recordings={"voice/evening-landing-1.wav"})
    assert problems == [] and exercise.steps[3].voice == "voice/evening-landing-1.wav"


def test_an_empty_new_draft_still_needs_words():
    draft = new_draft()
    exercise, problems = dc.check_draft(draft, to_toml(draft))
    assert exercise is None
    assert {p.key for p in problems} >= {"id", "title", "step[1].text"}


# --- where problems show -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "place"),
    [
        ("id", dc.Place(None, "id")),
        ("for[2]", dc.Place(None, "for")),
        ("step", dc.Place(None, "steps")),
        ("step[3]", dc.Place(2, "")),
        ("step[3].seconds", dc.Place(2, "seconds")),
        ("step[1].breathing.preset", dc.Place(0, "breathing.preset")),
        ("step[12].input.items[2]", dc.Place(11, "input.items")),
        ("", dc.Place(None, "")),
    ],
)
def test_problem_keys_map_to_a_step_and_a_field(key, place):
    assert dc.place_of(key) == place


def test_the_scripts_own_problems_go_under_their_fields_the_steps_or_below_the_form():
    shown = dc.script_problems(
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
    shown = dc.step_problems(found, 1)
    assert sorted(shown.parts) == ["breathing", "input", "timing"]
    assert len(shown.parts["timing"]) == 3
    assert shown.fields == {"", "seconds", "until_continue", "breathing.preset", "input.items"}
    assert dc.step_problems(found, -1) == dc.StepProblems({}, set())  # no step chosen
    assert dc.steps_with_problems(found) == {1, 3}


@pytest.mark.parametrize("kind", ["text", "checklist"])
def test_a_step_asking_for_words_or_ticks_that_ends_on_a_timer_is_a_problem(kind):
    """A writing step that ended at its 20 seconds while the person was still typing."""
    from kapcompanion.domain.drafts import InputDraft, StepDraft

    draft = full_draft()
    items = ["Water nearby"] if kind == "checklist" else []
    draft.steps.append(StepDraft(text="A few words, if you like.", seconds=20.0))
    draft.steps[-1].input = InputDraft(kind, "late", items=items)
    exercise, problems = dc.check_draft(draft, to_toml(draft))
    assert exercise is None
    (timed,) = problems
    assert dc.place_of(timed.key) == dc.Place(len(draft.steps) - 1, "until_continue")
    assert dc.step_problems(problems, len(draft.steps) - 1).parts["timing"] == [
        dc.problem_text(timed)
    ]
    assert "ends when the person continues" in timed.expected.replace("to end", "ends")
    assert timed.found == "it ends after 20 seconds"
    draft.steps[-1].set_timing("until-continue")
    assert dc.check_draft(draft, to_toml(draft))[1] == []
