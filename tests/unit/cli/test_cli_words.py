"""The command line's own words go through a translation: in the pseudo-language every help
line, heading, count and message it writes for a person is marked; ids, file names, option
names and argparse's own words ("usage:", "options:") are not its words to translate."""

from __future__ import annotations

import argparse
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from kapcompanion import i18n
from kapcompanion.__main__ import COMMANDS, build_parser
from kapcompanion.cli import exercises as exercise_cli
from kapcompanion.cli import help_lines
from kapcompanion.cli import log as log_cli
from kapcompanion.domain.pacing import PRESETS
from kapcompanion.storage import LogLockedError, NewerVersionError
from kapcompanion.storage.library import load_builtin
from tests.helpers.pseudo import speak_pseudo, untranslated


@pytest.fixture(autouse=True)
def pseudo() -> Iterator[None]:
    speak_pseudo()
    yield
    i18n.use_language("en")


#: argparse's own options, whose help lines are Python's words.
ARGPARSES_OWN = (argparse._HelpAction, argparse._VersionAction)


def helps(parser: argparse.ArgumentParser) -> Iterator[tuple[str, str]]:
    for action in parser._actions:
        if isinstance(action, ARGPARSES_OWN) or action.help in (None, argparse.SUPPRESS):
            continue
        yield "/".join(action.option_strings) or str(action.dest), str(action.help)


@pytest.mark.parametrize("name", [command.name for command in COMMANDS])
def test_every_help_line_of_every_command_is_translated(name: str) -> None:
    parser, parsers = build_parser(only=name)
    child = parsers[name]
    found = [f"{where}: {text}" for where, text in helps(child) if untranslated(text)]
    assert found == []
    assert untranslated(child.description or "") == []
    top = [f"{where}: {text}" for where, text in helps(parser) if untranslated(text)]
    assert top == [] and untranslated(parser.description or "") == []
    # The epilog lists the patterns under a heading, and the keys. Each pattern's id is what the
    # person types after --pattern, the same in every language; its name and timings are words.
    epilog = parser.epilog or ""
    ids = [part for key in PRESETS for part in key.split("-")]
    assert len(epilog.splitlines()) > 2
    assert untranslated(epilog, allowed=ids) == []


def test_a_broken_help_line_would_be_found() -> None:
    _parser, parsers = build_parser(only="breathe")
    parsers["breathe"].add_argument("--loud", help="an untranslated line")
    found = [text for _where, text in helps(parsers["breathe"]) if untranslated(text)]
    assert found == ["an untranslated line"]


def test_the_lists_headings_and_notes_are_translated(tmp_path: Path) -> None:
    out = io.StringIO()
    exercises, _problems = load_builtin()
    exercise_cli.write_list(out, exercises, [], tmp_path)
    headings = [line for line in out.getvalue().splitlines() if line and not line[0].isspace()]
    assert len(headings) >= 6
    found = [line for line in headings if untranslated(line)]
    assert found == []


def test_check_scripts_counts_and_summaries_are_translated() -> None:
    for text in (
        exercise_cli.summary(1, []),
        exercise_cli.summary(3, []),
        exercise_cli.summary(2, [], ["a.kapscript: broken"]),
        exercise_cli.unknown_exercise("orientng", load_builtin()[0]),
    ):
        assert untranslated(text) == [], text


def test_the_logs_messages_are_translated(tmp_path: Path) -> None:
    err = io.StringIO()
    args = argparse.Namespace(format="csv", first=None, last=None, out=tmp_path / "x.csv")
    assert log_cli.run_export(args, argparse.ArgumentParser(), io.StringIO(), err) == 1
    assert untranslated(err.getvalue()) == []  # no practice log yet: nothing to export
    path = tmp_path / "practice.sqlite3"
    for refusal, verb in (
        (LogLockedError(path, 4242), "export"),
        (LogLockedError(path, None), "import"),
        (NewerVersionError(path, 9, 3), "import"),
    ):
        assert untranslated(log_cli._refusal(refusal, verb)) == []


def test_help_lines_name_an_unknown_region_in_translated_words() -> None:
    err = io.StringIO()
    args = argparse.Namespace(region="atlantis")
    status = help_lines.run_help_lines(args, argparse.ArgumentParser(), io.StringIO(), err)
    assert status == help_lines.UNKNOWN_EXIT
    # The regions' own names follow, inside our sentence (the crisis files' words).
    assert err.getvalue().startswith("⟦kapcompanion help-lines: no region 'atlantis'; ⟦known")
