"""``kapcompanion breathe`` options as a person types them: pattern names in any case, minutes
as the help describes them, and the help honest about how long a slow pattern runs."""

from __future__ import annotations

import pytest

from kapcompanion.__main__ import breathing_config, build_parser
from kapcompanion.domain.breathing_config import BreathingConfig, format_time_left
from kapcompanion.domain.pacing import PRESETS
from tests.helpers.cli import run_app


def parsed(*words: str) -> BreathingConfig:
    parser, _ = build_parser("breathe")
    return breathing_config(parser.parse_args(["breathe", *words]))


@pytest.mark.parametrize("typed", ["BOX", "Box", " box "])
def test_a_pattern_name_in_capitals_is_the_same_pattern(typed: str) -> None:
    assert parsed("--pattern", typed, "--allow-holds").pattern.key == "box"
    assert parsed("--pattern", "Longer-Exhale").pattern.key == "longer-exhale"


def test_box_in_capitals_without_holds_allowed_says_why_not() -> None:
    done = run_app("breathe", "--pattern", "BOX")
    assert done.returncode == 2
    assert "'box' includes breath holds, which are off" in done.stderr


def test_the_minutes_the_help_describes_are_the_minutes_accepted() -> None:
    help_text = " ".join(run_app("breathe", "--help").stdout.split())
    assert "from 1 to 30, such as 2.5" in help_text
    assert parsed("--minutes", "2.5").minutes == 2.5
    done = run_app("breathe", "--minutes", "0.5")
    assert done.returncode == 2 and "from 1 to 30" in done.stderr


def test_the_help_says_how_long_the_slowest_pattern_runs_for_a_minute() -> None:
    help_text = " ".join(run_app("breathe", "--help").stdout.split())
    slowest = max(PRESETS.values(), key=lambda p: p.cycle_seconds)
    config = BreathingConfig(slowest, 1, allow_holds=True)
    end = config.timeline().end_time
    assert end is not None and end > 60  # it does run over, so the help must say so
    assert f"runs {format_time_left(end)} for 1 minute" in help_text
