"""`kapcompanion check-script` warns about wording: each rule on a small script file of its own
(tests/data/scripts/wording/<rule>.toml), exactly once, with the file, the step and the rule
named, and the exit status left at 0 (a warning never stops a script from loading). And
`kapcompanion list` names home's ways in by feeling."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from kapcompanion.__main__ import main
from kapcompanion.domain.wording import Rule
from kapcompanion.storage.library import builtin_folder

ROOT = Path(__file__).resolve().parents[3]
SMALL = ROOT / "tests" / "data" / "scripts" / "wording"
BUILTIN_FILES = sorted(Path(str(p)) for p in builtin_folder().iterdir() if p.name.endswith(".toml"))


def check(capsys, *paths: Path) -> tuple[int | str | None, list[str]]:
    code: int | str | None
    try:
        code = main(["check-script", *map(str, paths)])
    except SystemExit as stop:
        code = stop.code
    return code, capsys.readouterr().out.splitlines()


def test_every_rule_has_its_small_script():
    assert sorted(p.stem for p in SMALL.glob("*.toml")) == sorted(r.value for r in Rule)


@pytest.mark.parametrize("rule", list(Rule), ids=[r.value for r in Rule])
def test_each_warning_fires_alone_on_its_own_script(capsys, rule):
    path = SMALL / f"{rule.value}.toml"
    code, out = check(capsys, path)
    assert code == 0
    warned = [line for line in out if line.endswith(")") and line.startswith(path.name)]
    assert len(warned) == 1, out
    assert warned[0].endswith(f"({rule.value})")
    assert out[-1] == "1 wording warning to consider; a warning never stops a script from loading."


def test_every_built_in_script_passes_with_no_warnings(capsys):
    code, out = check(capsys, *BUILTIN_FILES)
    assert code == 0
    assert out == [f"All {len(BUILTIN_FILES)} scripts are fine."]


def test_list_offers_the_ways_in_by_feeling_first_practice_first(capsys):
    from kapcompanion.cli.exercises import FEELINGS_HEADING
    from kapcompanion.domain.feelings import FEELINGS

    with contextlib.suppress(SystemExit):
        main(["list"])
    out = capsys.readouterr().out.splitlines()
    at = out.index(FEELINGS_HEADING)
    rows = out[at + 1 : at + 1 + len(FEELINGS)]
    for entry, row in zip(FEELINGS, rows, strict=True):
        title, _, ids = row.strip().partition("  ")
        assert title == entry.title
        assert [i.strip() for i in ids.split(",")] == list(entry.practices)
