"""The command line reads the chosen language from the settings file without loading Qt."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from kapcompanion import i18n
from kapcompanion.storage.settings_peek import (
    language_choice,
    peek,
    settings_file,
    speak_chosen_language,
)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_the_language_is_read_from_its_section(tmp_path: Path) -> None:
    path = write(
        tmp_path / "settings.ini",
        "[General]\nversion=1\n\n[appearance]\ntheme=dark\nlanguage=es\n\n[practice]\nminutes=5\n",
    )
    assert language_choice(path) == "es"
    assert peek("appearance/theme", path) == "dark"
    assert peek("practice/minutes", path) == "5"


def test_the_same_name_in_another_section_is_not_the_language(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.ini", "[start]\nlanguage=es\n[appearance]\ntheme=dark\n")
    assert language_choice(path) == "system"


@pytest.mark.parametrize(
    "text",
    [
        "",  # an empty file
        '[appearance]\nlanguage="es, en"\n',  # quoted: not a word QSettings writes for a code
        "[appearance]\n; language=es\n",  # a comment
        "\x00\x01\x02",  # not text
    ],
)
def test_anything_else_reads_as_not_chosen(tmp_path: Path, text: str) -> None:
    assert language_choice(write(tmp_path / "settings.ini", text)) == "system"


def test_a_missing_file_or_a_folder_reads_as_not_chosen(tmp_path: Path) -> None:
    assert language_choice(tmp_path / "nothing.ini") == "system"
    assert language_choice(tmp_path) == "system"


def test_a_pipe_in_place_of_the_file_never_holds_up_the_start(tmp_path: Path) -> None:
    pipe = tmp_path / "settings.ini"
    os.mkfifo(pipe)
    answer: list[str] = []
    reader = threading.Thread(target=lambda: answer.append(language_choice(pipe)), daemon=True)
    reader.start()
    reader.join(5)
    assert answer == ["system"]


def test_the_file_is_the_one_in_the_config_folder() -> None:
    assert settings_file() == Path(os.environ["XDG_CONFIG_HOME"]) / "kapcompanion" / "settings.ini"


def test_the_chosen_language_is_spoken_and_the_system_decides_otherwise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = write(tmp_path / "chosen.ini", "[appearance]\nlanguage=es\n")
    assert speak_chosen_language(chosen) == "es"
    assert i18n.language() == "es"
    system = write(tmp_path / "system.ini", "[appearance]\nlanguage=system\n")
    monkeypatch.setenv("LANGUAGE", "es_MX:en")
    assert speak_chosen_language(system) == "es"
    monkeypatch.setenv("LANGUAGE", "en")
    assert speak_chosen_language(system) == "en"
    # A code the app does not speak (typed into the file by hand) follows the system too.
    unknown = write(tmp_path / "unknown.ini", "[appearance]\nlanguage=tlh\n")
    assert speak_chosen_language(unknown) == "en"
