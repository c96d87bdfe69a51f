"""The command line: clear one-line errors (exit 2) before Qt is ever loaded."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kapcompanion.__main__ import breathing_config, build_parser, main
from kapcompanion.domain.pacing import PRESETS
from tests.helpers.cli import run_app

ROOT = Path(__file__).resolve().parents[3]


def error_of(capsys, argv) -> str:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    return err.strip().splitlines()[-1]


def test_an_unknown_pattern_names_the_option_the_value_and_the_choices(capsys):
    line = error_of(capsys, ["breathe", "--pattern", "square-breathing"])
    assert line.startswith("kapcompanion breathe: error: argument --pattern:")
    assert "'square-breathing'" in line
    for key in PRESETS:
        assert key in line


def test_a_pattern_with_holds_needs_allow_holds(capsys):
    line = error_of(capsys, ["breathe", "--pattern", "4-7-8"])
    assert "argument --pattern: '4-7-8' includes breath holds" in line
    assert "--allow-holds" in line
    assert "resonance" in line and "box" not in line.split("choose one of:")[1]


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("0", "is out of range"),
        ("31", "is out of range"),
        ("-3", "is out of range"),
        ("five", "is not a number"),
        ("inf", "is not a finite number"),
        ("", "is not a number"),
    ],
)
def test_minutes_outside_one_to_thirty_or_not_a_number(capsys, value, problem):
    line = error_of(capsys, ["breathe", "--minutes", value])
    assert f"argument --minutes: {value!r} {problem}" in line
    assert "allowed: a number of minutes from 1 to 30" in line


def test_unknown_options_are_reported_argparse_style(capsys):
    line = error_of(capsys, ["breathe", "--speed", "3"])
    assert "unrecognized arguments: --speed 3" in line


def test_help_lists_every_pattern_with_its_timing(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    for key, pattern in PRESETS.items():
        assert key in out
        assert pattern.summary() in out
    assert "breathe" in out and "run" in out
    with pytest.raises(SystemExit):
        main(["breathe", "--help"])
    sub = capsys.readouterr().out
    assert "--allow-holds" in sub and "resonance" in sub and "--reduced-motion" in sub


def test_good_options_make_the_practice():
    parser, _ = build_parser()
    args = parser.parse_args(
        ["breathe", "--pattern", "box", "--allow-holds", "--minutes", "2.5", "--no-glide"]
    )
    chosen = breathing_config(args)
    assert chosen.pattern.key == "box"
    assert chosen.minutes == 2.5
    assert chosen.glide is False and chosen.allow_holds is True
    assert chosen.reduced_motion is False
    args = parser.parse_args(["breathe", "--reduced-motion", "--full-screen"])
    chosen = breathing_config(args)
    assert chosen.pattern.key == "longer-exhale" and chosen.minutes == 5
    assert chosen.reduced_motion and chosen.full_screen and chosen.glide


def test_a_bad_option_exits_without_loading_qt_or_heavy_modules():
    script = textwrap.dedent(
        """
        import sys
        from kapcompanion.__main__ import main
        try:
            main(["breathe", "--pattern", "nope"])
        except SystemExit as stop:
            code = stop.code
        heavy = [m for m in ("PySide6", "numpy", "pyqtgraph", "sounddevice") if m in sys.modules]
        print("exit", code, "loaded", heavy)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "exit 2 loaded []", result.stderr
    assert "argument --pattern: 'nope' is not a known pattern" in result.stderr


def test_python_dash_m_runs_the_same_command_line():
    result = run_app("breathe", "--minutes", "99")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == (
        "kapcompanion breathe: error: argument --minutes: '99' is out of range; "
        "allowed: a number of minutes from 1 to 30"
    )
