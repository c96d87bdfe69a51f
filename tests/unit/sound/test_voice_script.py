"""A step's recording in the script format: ``voice = "voice/step-03.wav"`` beside the script,
checked like every other key (file, line, key), and scripts kept in folders of their own."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from kapcompanion.domain.script_check import check_text
from kapcompanion.domain.scripts import ScriptError
from kapcompanion.storage.library import load_folder, load_library, load_script
from kapcompanion.storage.wav import write_wav

HEAD = """\
id = "spoken"
title = "Spoken"
description = "A script with a recorded voice."
for = ["session-close"]
minutes = 1

[[step]]
text = "You might let the chair hold you."
seconds = 10
"""


def with_voice(value: str) -> str:
    return HEAD + f'\n[[step]]\ntext = "Noticing the room."\nseconds = 10\nvoice = {value}\n'


def test_a_step_can_name_its_recording(tmp_path: Path) -> None:
    (tmp_path / "voice").mkdir()
    write_wav(tmp_path / "voice" / "step-02.wav", np.zeros(4800))
    path = tmp_path / "spoken.toml"
    path.write_text(with_voice('"voice/step-02.wav"'))
    exercise = load_script(path)
    assert [s.voice for s in exercise.steps] == [None, "voice/step-02.wav"]


@pytest.mark.parametrize(
    "value",
    [
        '"../step-02.wav"',
        '"voice/../../step-02.wav"',
        '"/home/someone/step-02.wav"',
        '"C:/voice/step-02.wav"',
        '"voice\\\\step-02.wav"',
        '".hidden.wav"',
        '"voice/step-02.mp3"',
        '"voice/step 02.wav"',
        '"voice//step-02.wav"',
        '"a/b/c/d/step-02.wav"',
        '""',
        "3",
        '["voice/step-02.wav"]',
    ],
)
def test_a_recording_name_outside_the_rules_is_a_problem_on_its_line(value: str) -> None:
    exercise, problems = check_text(with_voice(value), "spoken.toml")
    assert exercise is None
    (problem,) = problems
    assert problem.key == "step[2].voice"
    assert problem.line == 14
    assert "voice/step-03.wav" in problem.expected


def test_an_overlong_recording_name_is_a_problem() -> None:
    name = "voice/" + "a" * 120 + ".wav"
    (problem,) = check_text(with_voice(f'"{name}"'), "spoken.toml")[1]
    assert problem.key == "step[2].voice"


def test_a_missing_recording_is_a_problem_when_loading_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "spoken.toml"
    path.write_text(with_voice('"voice/step-02.wav"'))
    with pytest.raises(ScriptError) as caught:
        load_script(path)
    assert str(caught.value) == (
        "spoken.toml, line 14, step[2].voice: expected a recording voice/step-02.wav beside the "
        "script, found no such file"
    )
    # Text alone (an editor checking as the person types) has no folder to look in ...
    exercise, problems = check_text(with_voice('"voice/step-02.wav"'))
    assert exercise is not None and problems == []
    # ... unless it is given one.
    _, problems = check_text(
        with_voice('"voice/step-02.wav"'), "spoken.toml", lambda v: (tmp_path / v).is_file()
    )
    assert [p.key for p in problems] == ["step[2].voice"]


def test_a_folder_in_place_of_the_recording_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "voice" / "step-02.wav").mkdir(parents=True)
    path = tmp_path / "spoken.toml"
    path.write_text(with_voice('"voice/step-02.wav"'))
    _, problems = load_folder(tmp_path)
    assert [p.key for p in problems] == ["step[2].voice"]


def test_scripts_in_folders_of_their_own_are_found_and_hidden_folders_are_not(
    tmp_path: Path,
) -> None:
    own = tmp_path / "spoken"
    (own / "voice").mkdir(parents=True)
    write_wav(own / "voice" / "step-02.wav", np.zeros(4800))
    (own / "spoken.toml").write_text(with_voice('"voice/step-02.wav"'))
    hidden = tmp_path / ".import-x1y2"
    hidden.mkdir()
    (hidden / "half.toml").write_text("this is not read at all [")
    (tmp_path / "flat.toml").write_text(HEAD.replace('"spoken"', '"flat"'))
    exercises, problems = load_folder(tmp_path)
    assert problems == []
    assert [e.id for e in exercises] == ["flat", "spoken"]
    library, problems = load_library(tmp_path)
    assert problems == []
    assert {"flat", "spoken"} <= {e.id for e in library}
