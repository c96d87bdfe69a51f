"""`kapcompanion check-script`, `list` and `run EXERCISE_ID`: plain output, clear exit
statuses, and no Qt loaded for any of them."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kapcompanion.__main__ import main
from kapcompanion.storage.library import builtin_folder, load_builtin
from kapcompanion.storage.paths import user_scripts_dir
from tests.helpers.cli import run_app

ROOT = Path(__file__).resolve().parents[3]
BROKEN = ROOT / "tests" / "data" / "scripts"
BUILTIN_FILES = sorted(Path(str(p)) for p in builtin_folder().iterdir() if p.name.endswith(".toml"))

GOOD = """
id = "my-pause"
title = "A small pause"
description = "Mine."
for = "any-time"
minutes = 1

[[step]]
text = "You might notice your feet."
seconds = 20
"""


def run_cli(capsys, *argv: str) -> tuple[int, list[str], str]:
    try:
        code = main(list(argv))
    except SystemExit as stop:
        assert isinstance(stop.code, int), stop.code  # a clear status, never a message or None
        code = stop.code
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def test_every_shipped_script_passes_together(capsys):
    assert len(BUILTIN_FILES) == len(load_builtin()[0]) >= 10
    code, out, _ = run_cli(capsys, "check-script", *map(str, BUILTIN_FILES))
    assert code == 0
    assert out == [f"All {len(BUILTIN_FILES)} scripts are fine."]


@pytest.mark.parametrize("path", BUILTIN_FILES, ids=lambda p: p.name)
def test_each_shipped_script_passes_alone_without_clashing_with_itself(capsys, path):
    code, out, _ = run_cli(capsys, "check-script", str(path))
    assert (code, out) == (0, ["The script is fine."])


def test_a_broken_script_exits_1_naming_file_line_and_key(capsys):
    code, out, _ = run_cli(capsys, "check-script", str(BROKEN / "negative-seconds.toml"))
    assert code == 1
    assert out[0] == (
        "negative-seconds.toml, line 14, step[3].seconds: "
        "expected a number of seconds from 1 to 1800, found -5"
    )
    assert out[1].startswith("1 problem in 1 of 1 script;")


def test_good_and_broken_together_report_only_the_broken_ones(capsys, tmp_path):
    mine = tmp_path / "my-pause.toml"
    mine.write_text(GOOD, encoding="utf-8")
    files = [mine, BROKEN / "unknown-key.toml", BROKEN / "syntax.toml"]
    code, out, _ = run_cli(capsys, "check-script", *map(str, files))
    assert code == 1
    assert len(out) == 3
    assert out[0].startswith("unknown-key.toml, line 13, step[2].secnds: expected one of the keys")
    assert out[1].startswith("syntax.toml, line 9: expected valid TOML")
    assert out[2].startswith("2 problems in 2 of 3 scripts;")


def test_every_broken_example_is_reported_with_its_line(capsys):
    files = sorted(BROKEN.glob("*.toml"))
    code, out, _ = run_cli(capsys, "check-script", *map(str, files))
    assert code == 1
    problems = out[:-1]
    named = {line.split(",")[0] for line in problems}
    # dup-a.toml is fine by itself; dup-b.toml repeats its id.
    assert named == {f.name for f in files} - {"dup-a.toml"}
    assert all(", line " in line and ": expected " in line for line in problems)


def test_a_copy_of_a_shipped_script_clashes_with_its_id(capsys, tmp_path):
    copy = tmp_path / "my-orienting.toml"
    copy.write_text((builtin_folder() / "orienting.toml").read_text(), encoding="utf-8")
    code, out, _ = run_cli(capsys, "check-script", str(copy))
    assert code == 1
    assert out[0].startswith("my-orienting.toml, line ")
    assert ', id: expected an id no other exercise uses, found "orienting"' in out[0]


def test_the_same_file_twice_is_checked_once(capsys):
    path = str(BUILTIN_FILES[0])
    code, out, _ = run_cli(capsys, "check-script", path, path)
    assert (code, out) == (0, ["The script is fine."])


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ((), "the following arguments are required: FILE"),
        (("missing.toml",), "argument FILE: 'missing.toml' does not exist"),
    ],
)
def test_usage_errors_exit_2(capsys, argv, message):
    code, out, err = run_cli(capsys, "check-script", *argv)
    assert code == 2 and out == []
    assert err.strip().splitlines()[-1] == f"kapcompanion check-script: error: {message}"


def test_a_folder_is_a_usage_error_that_shows_what_to_give(capsys, tmp_path):
    code, _, err = run_cli(capsys, "check-script", str(tmp_path))
    assert code == 2
    assert "is a folder; give the scripts inside it" in err and "*.toml" in err


def test_list_groups_exercises_by_moment_with_lengths_and_shows_patterns(capsys):
    folder = user_scripts_dir()
    (folder / "my-pause.toml").write_text(GOOD, encoding="utf-8")
    (folder / "negative-seconds.toml").write_text(
        (BROKEN / "negative-seconds.toml").read_text(), encoding="utf-8"
    )
    code, out, _ = run_cli(capsys, "list")
    assert code == 0
    text = "\n".join(out)
    headings = ["Before my session", "Closing a session", "Between sessions", "Any time"]
    at = [out.index(h) for h in headings]
    assert at == sorted(at)
    before = out[at[0] + 1 : at[1] - 1]
    assert [line.split()[0] for line in before] == [
        "when-it-gets-big",
        "weight-and-contact",
        "before-dosing",
    ]
    assert "Settling before my session · about 6 min" in before[2]
    any_time = out[at[3] + 1 :]
    assert any("my-pause" in line and "A small pause · about 1 min" in line for line in any_time)
    assert "resonance" in text and "[has breath holds: add --allow-holds]" in text
    assert f"Your own scripts go in: {folder}" in text
    assert "1 script there has problems" in text
    assert str(folder / "negative-seconds.toml") in text


def test_run_with_an_unknown_exercise_exits_2_listing_some_valid_ones(capsys):
    code, _, err = run_cli(capsys, "run", "body-scan")
    assert code == 2
    line = err.strip().splitlines()[-1]
    assert line.startswith(
        "kapcompanion run: error: argument EXERCISE_ID: 'body-scan' is not a known exercise; "
        "did you mean 'body-scan-"
    )
    assert "some you can choose: " in line and "kapcompanion list shows them all" in line


def test_none_of_these_commands_loads_qt():
    script = textwrap.dedent(
        f"""
        import sys
        from kapcompanion.__main__ import main
        codes = [main(["check-script", {str(BUILTIN_FILES[0])!r}])]
        codes.append(main(["check-script", {str(BROKEN / "zero-seconds.toml")!r}]))
        codes.append(main(["list"]))
        try:
            main(["run", "no-such-exercise"])
        except SystemExit as stop:
            codes.append(stop.code)
        heavy = [m for m in ("PySide6", "numpy", "pyqtgraph", "sounddevice") if m in sys.modules]
        print("codes", codes, "loaded", heavy)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip().splitlines()[-1] == "codes [0, 1, 0, 2] loaded []", result.stderr


def test_python_dash_m_check_script_exit_status():
    result = run_app("check-script", str(BROKEN / "wrong-type.toml"))
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "wrong-type.toml, line 9, step[1].seconds: expected a number of seconds from 1 to 1800, "
        'found "ten"'
    )


WARNED = """id = "belly-only"
title = "A belly step"
description = "A step that names the belly and offers no way back."
for = "any-time"
minutes = 1

[[step]]
text = "You might notice your feet on the floor."
seconds = 20

[[step]]
text = "The belly."
seconds = 20
"""


def test_wording_warnings_name_the_file_and_step_and_leave_the_exit_status(capsys, tmp_path):
    path = tmp_path / "belly\x1b[31m.toml"
    path.write_text(WARNED)
    code, out, _ = run_cli(capsys, "check-script", str(path))
    assert code == 0
    assert out[0].startswith("belly\\x1b[31m.toml, step[2]: it names a sensitive region (belly)")
    assert out[0].endswith("(sensitive-region)")
    assert out[-2:] == [
        "The script is fine.",
        "1 wording warning to consider; a warning never stops a script from loading.",
    ]


def test_check_script_checks_a_shared_script_as_taking_it_in_would(capsys, tmp_path):
    """A .kapscript is a bundle, not text: it is checked whole, and nothing is kept."""
    from kapcompanion.storage.bundle_export import export_bundle

    folder = tmp_path / "mine" / "my-pause"
    folder.mkdir(parents=True)
    (folder / "my-pause.toml").write_text(GOOD, encoding="utf-8")
    shared = export_bundle(folder / "my-pause.toml", tmp_path).path
    code, out, _ = run_cli(capsys, "check-script", str(shared))
    assert code == 0
    assert out[0] == "my-pause.kapscript: a shared script of “A small pause”."
    assert "UTF-8" not in "\n".join(out)
    assert out[-1] == "The script is fine."
    assert not user_scripts_dir(create=False).exists()  # nothing taken in

    broken = tmp_path / "broken.kapscript"
    broken.write_bytes(shared.read_bytes()[:-40])
    code, out, _ = run_cli(capsys, "check-script", str(broken), str(folder / "my-pause.toml"))
    assert code == 1
    assert out[0].startswith("broken.kapscript")
    assert out[-1].startswith("1 problem in 1 of 2 scripts")
