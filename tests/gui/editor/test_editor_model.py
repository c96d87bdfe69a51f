"""The editor's model without widgets: the TOML writer round-trips every value and every shipped
script, problems land on the right field, ids never clash and files are written all or nothing."""

from __future__ import annotations

import dataclasses
import math
import os
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kapcompanion.domain.script_check import parse_script
from kapcompanion.domain.scripts import ScriptError
from kapcompanion.storage.library import load_builtin, load_script
from kapcompanion.ui.editor import model as em

ROOT = Path(__file__).resolve().parents[3]
BUILT_IN = sorted((ROOT / "resources" / "exercises").glob("*.toml"))

# Text a person can type: anything but lone surrogates (no file can hold those).
TYPED = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)


def same_exercise(a, b) -> bool:
    return dataclasses.replace(a, source="") == dataclasses.replace(b, source="")


# --- strings and numbers -------------------------------------------------------------------------


@given(TYPED)
@settings(max_examples=400, deadline=None)
def test_any_typed_text_survives_a_round_trip(text):
    assert tomllib.loads(f"x = {em.toml_string(text)}")["x"] == text


@pytest.mark.parametrize(
    "text",
    ['say "hello"', "back\\slash", "tab\there", "line\nbreak", "\x00\x1f\x7f", "ümlaut · 🌿"],
)
def test_quotes_backslashes_and_control_characters_are_escaped(text):
    written = em.toml_string(text)
    assert "\n" not in written and "\x7f" not in written
    assert tomllib.loads(f"x = {written}")["x"] == text


def test_a_lone_surrogate_becomes_a_replacement_character():
    written = em.toml_string("a\ud800b")
    assert tomllib.loads(f"x = {written}")["x"] == "a\ufffdb"


@given(
    st.one_of(
        st.integers(-(10**12), 10**12),
        st.floats(allow_nan=False, allow_infinity=True, width=64),
    )
)
@settings(max_examples=400, deadline=None)
def test_numbers_survive_a_round_trip(value):
    read = tomllib.loads(f"x = {em.toml_number(value)}")["x"]
    assert read == value
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        assert "." not in em.toml_number(value)  # 20, not 20.0


def test_nan_is_written_as_toml_spells_it():
    assert math.isnan(tomllib.loads(f"x = {em.toml_number(float('nan'))}")["x"])
    with pytest.raises(TypeError):
        em.toml_number(True)


# --- whole scripts -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", BUILT_IN, ids=[p.stem for p in BUILT_IN])
def test_every_shipped_script_round_trips_through_a_draft(path):
    draft = em.draft_from_file(path)
    text = em.to_toml(draft)
    assert same_exercise(parse_script(text, path.name), load_script(path))
    assert em.draft_from_text(text) == draft


def full_draft() -> em.ScriptDraft:
    return em.ScriptDraft(
        id="evening-landing",
        title='An "evening" landing',
        description="Feet, seat and hands.\nThen a few breaths.",
        moments=["session-close", "any-time"],
        minutes=4.5,
        steps=[
            em.StepDraft(text="Welcome \\ hello", seconds=12.5, sound="soft-bell"),
            em.StepDraft(
                text="Breathe with the shape, if it feels right.",
                seconds=None,
                breathing=em.BreathingDraft(preset="longer-exhale", seconds=60),
            ),
            em.StepDraft(
                text="Your own pace.",
                seconds=40,
                breathing=em.BreathingDraft(preset=None, inhale=3.5, exhale=6, seconds=30),
            ),
            em.StepDraft(
                text="How settled?",
                seconds=None,
                until_continue=True,
                input=em.InputDraft("rating", "settled", low="not at all", high="very"),
            ),
            em.StepDraft(
                text="A word?",
                seconds=None,
                until_continue=True,
                input=em.InputDraft("text", "word", max_length=30, hint="a word or two"),
            ),
            em.StepDraft(
                text="Before you go",
                seconds=None,
                until_continue=True,
                input=em.InputDraft("checklist", "ready", items=["Water", 'A "snack"']),
            ),
        ],
    )


def test_a_draft_with_every_kind_of_step_round_trips_and_loads():
    draft = full_draft()
    text = em.to_toml(draft)
    exercise = parse_script(text)
    assert em.draft_from_text(text) == draft
    assert [s.duration for s in exercise.steps][:1] == [12.5]
    assert exercise.steps[1].breathing.preset == "longer-exhale"
    assert exercise.steps[2].breathing.pattern.phases[0].seconds == 3.5
    assert exercise.steps[5].input.items == ("Water", 'A "snack"')


def test_timing_choices_write_what_the_loader_expects():
    step = em.StepDraft(text="x", seconds=20)
    assert step.timing == em.TIMED
    step.set_timing(em.UNTIL_CONTINUE)
    assert (step.seconds, step.until_continue, step.timing) == (None, True, em.UNTIL_CONTINUE)
    step.set_timing(em.BREATHING_ONLY)
    assert step.breathing is not None and step.timing == em.BREATHING_ONLY
    step.set_timing(em.TIMED, 30)
    assert step.seconds == 30 and not step.until_continue
    with pytest.raises(ValueError):
        step.set_timing("sometimes")


# --- where problems belong -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "place"),
    [
        ("id", em.Place(None, "id")),
        ("for[2]", em.Place(None, "for")),
        ("step", em.Place(None, "steps")),
        ("step[3]", em.Place(2, "")),
        ("step[3].seconds", em.Place(2, "seconds")),
        ("step[1].breathing.preset", em.Place(0, "breathing.preset")),
        ("step[12].input.items[2]", em.Place(11, "input.items")),
        ("", em.Place(None, "")),
    ],
)
def test_problem_keys_map_to_a_step_and_a_field(key, place):
    assert em.place_of(key) == place


def test_a_problem_is_reported_at_the_field_that_has_it():
    draft = full_draft()
    draft.steps[2].seconds = 0
    draft.steps[1].breathing.preset = "box"  # holds, in a session-close exercise
    draft.steps[5].input.items = []
    exercise, problems = em.check_draft(draft)
    assert exercise is None
    places = {em.place_of(p.key) for p in problems}
    assert places == {
        em.Place(2, "seconds"),
        em.Place(1, "breathing.preset"),
        em.Place(5, "input.items"),
    }
    seconds = next(p for p in problems if p.key == "step[3].seconds")
    assert em.problem_text(seconds) == "A number of seconds from 1 to 1800; now: 0."


def test_an_id_taken_by_another_exercise_is_a_problem_unless_it_is_the_same_file(tmp_path):
    builtin, _ = load_builtin()
    known = em.known_from(builtin)
    draft = em.draft_from_file(Path(builtin[0].source))
    _, problems = em.check_draft(draft, known=known)
    assert [p.key for p in problems] == ["id"]
    assert builtin[0].title in problems[0].found
    _, problems = em.check_draft(draft, known=known, own_source=builtin[0].source)
    assert problems == []


def test_a_recording_that_is_neither_saved_nor_waiting_is_a_problem():
    draft = full_draft()
    draft.steps[0].voice = "voice/evening-landing-1.wav"
    _, problems = em.check_draft(draft)
    (problem,) = problems
    assert problem.key == "step[1].voice"
    assert em.to_toml(draft).split("\n")[problem.line - 1].startswith("voice = ")
    exercise, problems = em.check_draft(draft, recordings={"voice/evening-landing-1.wav"})
    assert problems == [] and exercise.steps[0].voice == "voice/evening-landing-1.wav"


# --- ids and names -------------------------------------------------------------------------------


def test_a_duplicate_gets_a_new_valid_id_and_says_it_is_a_copy():
    builtin, _ = load_builtin()
    taken = [e.id for e in builtin]
    original = em.draft_from_file(Path(builtin[0].source))
    copy = em.duplicate_of(original, taken)
    assert copy.id == f"{original.id}-mine" and copy.id not in taken
    assert copy.title.endswith("(my copy)") and len(copy.title) <= 80
    again = em.duplicate_of(original, [*taken, copy.id])
    assert again.id == f"{original.id}-mine-2"
    assert original.id == builtin[0].id  # the original draft is untouched
    _, problems = em.check_draft(copy, known=em.known_from(builtin))
    assert problems == []


@given(st.text(max_size=80), st.lists(st.text(max_size=10), max_size=5))
def test_a_free_id_is_always_valid(base, taken):
    made = em.free_id(base, taken)
    assert made not in taken
    assert parse_script(em.to_toml(dataclasses.replace(full_draft(), id=made))).id == made


def test_recording_names_are_new_and_valid():
    assert em.voice_name("Evening landing!", []) == "voice/evening-landing-1.wav"
    assert em.voice_name("x", ["voice/x-1.wav", "voice/x-2.wav"]) == "voice/x-3.wav"
    assert em.voice_name("", []) == "voice/script-1.wav"


def test_new_scripts_get_a_folder_of_their_own(tmp_path):
    assert em.new_script_path(tmp_path, "calm") == tmp_path / "calm" / "calm.toml"
    (tmp_path / "calm").mkdir()
    assert em.new_script_path(tmp_path, "calm") == tmp_path / "calm-2" / "calm.toml"


# --- writing files -------------------------------------------------------------------------------


def test_a_file_is_written_whole_and_private(tmp_path):
    path = tmp_path / "a.toml"
    em.write_text_atomically(path, 'id = "a"\n')
    assert path.read_text() == 'id = "a"\n'
    assert (path.stat().st_mode & 0o777) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["a.toml"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "a.toml"
    path.write_text("old\n")

    def broken(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(OSError, match="No space"):
        em.write_text_atomically(path, "new\n")
    assert path.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.toml"]


def test_a_script_that_is_not_toml_cannot_become_a_draft():
    with pytest.raises(tomllib.TOMLDecodeError):
        em.draft_from_text("id = \n")
    with pytest.raises(ScriptError):
        parse_script(em.to_toml(em.new_draft()))  # an empty new draft still needs words
