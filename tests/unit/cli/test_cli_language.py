"""The command line speaks the language chosen in Settings before it builds its parser."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from kapcompanion import __main__ as cli
from kapcompanion import i18n
from kapcompanion.storage.settings_peek import settings_file


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
