"""The command line speaks the language chosen in Settings before it builds its parser."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from kapcompanion import __main__ as cli
from kapcompanion import i18n
from kapcompanion.storage.settings_peek import settings_file
from tests.helpers.cli import run_app


class Built(Exception):
    pass


def test_the_language_is_chosen_before_the_parser_is_built(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path: Path = settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[appearance]\nlanguage=es\n", encoding="utf-8")
    spoken: list[str] = []

    def build_parser(
        only: str | None = None,
    ) -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
        spoken.append(i18n.language())
        raise Built

    monkeypatch.setattr(cli, "build_parser", build_parser)
    with pytest.raises(Built):
        cli.main(["list"])
    assert spoken == ["es"]


def test_without_a_choice_the_command_line_follows_the_system(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LANGUAGE", "es_ES:en")
    spoken: list[str] = []

    def build_parser(
        only: str | None = None,
    ) -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
        spoken.append(i18n.language())
        raise Built

    monkeypatch.setattr(cli, "build_parser", build_parser)
    with pytest.raises(Built):
        cli.main(["list"])
    assert spoken == ["es"]


def _builtin_titles(code: str) -> dict[str, str]:
    from kapcompanion.storage.library import load_library

    before = i18n.language()
    i18n.use_language(code)
    try:
        exercises, _problems = load_library(None)
    finally:
        i18n.use_language(before)
    return {e.id: e.title for e in exercises}


def test_a_spanish_system_lists_the_spanish_titles_of_the_exercises() -> None:
    """``LANG=es_ES.UTF-8 kapcompanion list``: titles from the library in the language in use."""
    spanish, english = _builtin_titles("es"), _builtin_titles("en")
    if spanish == english:
        pytest.skip("the built-in exercises have no Spanish versions in this checkout yet")
    done = run_app("list", env={"LANG": "es_ES.UTF-8"}, unset=("LANGUAGE", "LC_ALL", "LC_MESSAGES"))
    assert done.returncode == 0, done.stderr
    listed = {}
    for line in done.stdout.splitlines():
        first, _gap, rest = line.strip().partition(" ")
        if line.startswith("  ") and first in spanish:
            listed[first] = rest.strip().split(" · ")[0]
    assert listed == spanish
