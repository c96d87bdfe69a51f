"""The person's own scripts on disk: a draft written as TOML reads back the same and loads as
the exercise it shows, whatever was typed; every shipped script survives the trip; files are
written whole and private, with their recordings beside them; and shipped files are known as
such."""

from __future__ import annotations

import dataclasses
import math
import os
import tomllib
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kapcompanion.domain.drafts import ScriptDraft, draft_from_text, new_draft
from kapcompanion.domain.script_check import parse_script
from kapcompanion.domain.voice import RATE
from kapcompanion.storage import script_files as sf
from kapcompanion.storage.library import load_script
from kapcompanion.storage.wav import read_wav
from tests.helpers.drafts import full_draft

ROOT = Path(__file__).resolve().parents[3]
BUILT_IN = sorted((ROOT / "resources" / "exercises").glob("*.toml"))

# Text a person can type: anything but lone surrogates (no file can hold those).
TYPED = st.text(st.characters(blacklist_categories=["Cs"]), max_size=60)


def same_exercise(a, b) -> bool:
    return dataclasses.replace(a, source="") == dataclasses.replace(b, source="")


def with_text(text: str) -> ScriptDraft:
    draft = full_draft()
    draft.title = text
    draft.description = text
    draft.steps[0].text = text
    scale, words, choice = (draft.steps[i].input for i in (3, 4, 5))
    assert scale is not None and words is not None and choice is not None
    scale.low = text
    words.hint = text
    choice.items = [text, "Water"]
    return draft


# --- strings and numbers -------------------------------------------------------------------------


@given(TYPED)
@settings(max_examples=300, deadline=None)
def test_any_typed_text_survives_a_round_trip(text):
    draft = with_text(text)
    assert draft_from_text(sf.to_toml(draft)) == draft


@pytest.mark.parametrize(
    "text",
    ['say "hello"', "back\\slash", "tab\there", "line\nbreak", "\x00\x1f\x7f", "ümlaut · 🌿"],
)
def test_quotes_backslashes_and_control_characters_are_escaped(text):
    written = sf.to_toml(with_text(text))
    title = next(line for line in written.split("\n") if line.startswith("title = "))
    assert "\x7f" not in written and "\x00" not in written
    assert tomllib.loads(title)["title"] == text  # the whole title on its one line


def test_a_lone_surrogate_is_written_as_a_replacement_character():
    draft = new_draft()
    draft.title = "a\ud800b"
    written = sf.to_toml(draft)
    written.encode("utf-8")  # a file can hold it
    assert draft_from_text(written).title == "a\ufffdb"


@given(
    st.one_of(
        st.integers(-(10**12), 10**12),
        st.floats(allow_nan=False, allow_infinity=True, width=64),
    )
)
@settings(max_examples=300, deadline=None)
def test_numbers_survive_a_round_trip(value):
    draft = full_draft()
    draft.minutes = value
    draft.steps[0].seconds = value
    written = sf.to_toml(draft)
    back = draft_from_text(written)
    assert back.minutes == value and back.steps[0].seconds == value
    if float(value).is_integer() and abs(value) < 1e15:
        assert f"minutes = {int(value)}\n" in written  # 20, not 20.0


def test_nan_is_written_as_toml_spells_it():
    draft = new_draft()
    draft.minutes = float("nan")
    assert "minutes = nan\n" in sf.to_toml(draft)
    assert math.isnan(draft_from_text(sf.to_toml(draft)).minutes)


# --- whole scripts -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", BUILT_IN, ids=[p.stem for p in BUILT_IN])
def test_every_shipped_script_round_trips_through_a_draft(path):
    draft = sf.draft_from_file(path)
    text = sf.to_toml(draft)
    assert same_exercise(parse_script(text, path.name), load_script(path))
    assert draft_from_text(text) == draft


def test_a_draft_with_every_kind_of_step_round_trips_and_loads():
    draft = full_draft()
    text = sf.to_toml(draft)
    exercise = parse_script(text)
    assert draft_from_text(text) == draft
    assert [s.duration for s in exercise.steps][:1] == [12.5]
    assert exercise.steps[1].breathing.preset == "longer-exhale"
    assert exercise.steps[2].breathing.pattern.phases[0].seconds == 3.5
    assert exercise.steps[5].input.items == ("Water", 'A "snack"')


def test_each_step_is_a_table_of_its_own_with_its_parts_below_it():
    draft = full_draft()
    draft.steps = draft.steps[:2] + draft.steps[3:4]  # short steps, which fit on one line
    lines = sf.to_toml(draft).split("\n")
    assert lines.count("[[step]]") == 3
    assert lines.count("[step.breathing]") == 1 and lines.count("[step.input]") == 1
    assert lines.index("[step.breathing]") < lines.index("[step.input]")
    assert lines[0] == 'id = "evening-landing"' and lines[-1] == ""


def test_a_script_that_is_not_toml_cannot_become_a_draft(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text("id = \n")
    with pytest.raises(tomllib.TOMLDecodeError):
        sf.draft_from_file(path)


# --- where new scripts go ------------------------------------------------------------------------


def test_new_scripts_get_a_folder_of_their_own(tmp_path):
    assert sf.new_script_path(tmp_path, "calm") == tmp_path / "calm" / "calm.toml"
    (tmp_path / "calm").mkdir()
    assert sf.new_script_path(tmp_path, "calm") == tmp_path / "calm-2" / "calm.toml"
    assert sf.new_script_path(tmp_path, "Not an id") == (
        tmp_path / "my-exercise" / "my-exercise.toml"
    )


def test_shipped_scripts_are_known_as_shipped(tmp_path):
    assert all(sf.is_shipped(p) for p in BUILT_IN)
    assert not sf.is_shipped(tmp_path / "mine.toml")
    assert sf.same_file(BUILT_IN[0], BUILT_IN[0].parent / ".." / "exercises" / BUILT_IN[0].name)
    assert not sf.same_file(BUILT_IN[0], BUILT_IN[1])


# --- writing files -------------------------------------------------------------------------------


def test_a_script_is_written_whole_and_private(tmp_path):
    path = tmp_path / "a.toml"
    sf.write_script(path, full_draft())
    assert sf.draft_from_file(path) == full_draft()
    assert (path.stat().st_mode & 0o777) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["a.toml"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "a.toml"
    path.write_text("old\n")

    def broken(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(OSError, match="No space"):
        sf.write_script(path, full_draft())
    assert path.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.toml"]


def test_a_saved_script_keeps_the_recordings_its_steps_name(tmp_path):
    draft = full_draft()
    draft.steps[0].voice = "voice/evening-landing-2.wav"
    take = (0.1 * np.sin(np.arange(RATE // 2) / 10)).astype(np.float32)
    path = tmp_path / "scripts" / "evening-landing" / "evening-landing.toml"
    sf.save_script(
        path,
        draft,
        {"voice/evening-landing-1.wav": take, "voice/evening-landing-2.wav": take},
    )
    folder = path.parent
    assert sorted(p.name for p in (folder / "voice").iterdir()) == ["evening-landing-2.wav"]
    assert len(read_wav(folder / "voice" / "evening-landing-2.wav")) == len(take)
    assert (folder.stat().st_mode & 0o777) == 0o700
    exercise = load_script(path)  # the loader finds the recording beside the script
    assert exercise.steps[0].voice == "voice/evening-landing-2.wav"
