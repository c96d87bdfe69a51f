"""Command-line parts for guided exercises: ``check-script``, ``list`` and ``run EXERCISE_ID``.

Nothing here loads Qt: checking and listing scripts is plain Python, so the answers come at
once and work without a display.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from kapcompanion.domain.pacing import PRESETS
from kapcompanion.domain.scripts import (
    Exercise,
    ScriptError,
    check_files,
    load_builtin,
    load_library,
)
from kapcompanion.storage.paths import user_scripts_dir
from kapcompanion.ui.exercise_info import MOMENT_HEADINGS, group_by_moment, length_label

#: How many exercise ids an "unknown exercise" message suggests.
SUGGESTIONS = 5


def _resolved(path: Path) -> Path:
    try:
        return path.expanduser().resolve()
    except OSError:
        return path.absolute()


# -- check-script ---------------------------------------------------------------------------


def add_check_script(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="exercise scripts (.toml) to check",
    )


def check_scripts(files: Sequence[Path]) -> list[ScriptError]:
    """Every problem in ``files``. Ids are checked against the shipped exercises too, except
    against a shipped exercise that is itself among ``files`` (checking it must not clash)."""
    unique: dict[Path, Path] = {}
    for file in files:
        unique.setdefault(_resolved(file), file)
    builtins, _ = load_builtin()
    known = [e for e in builtins if _resolved(Path(e.source)) not in unique]
    return check_files(list(unique.values()), known=known)


def summary(files: int, problems: Sequence[ScriptError]) -> str:
    scripts = "1 script" if files == 1 else f"{files} scripts"
    if not problems:
        return "The script is fine." if files == 1 else f"All {scripts} are fine."
    bad = len({p.file for p in problems})
    things = "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
    return f"{things} in {bad} of {scripts}; every line above names the file, line and key."


def run_check_script(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Exit status 0 when every file is fine, 1 when any has problems (2 for usage errors)."""
    files: list[Path] = args.files
    for file in files:
        if file.is_dir():
            parser.error(
                f"argument FILE: {str(file)!r} is a folder; give the scripts inside it, "
                f"for example {file / '*.toml'}"
            )
        if not file.exists():
            parser.error(f"argument FILE: {str(file)!r} does not exist")
    problems = check_scripts(files)
    out = sys.stdout
    for problem in problems:
        out.write(f"{problem}\n")
    out.write(summary(len({_resolved(f) for f in files}), problems) + "\n")
    return 1 if problems else 0


# -- list -----------------------------------------------------------------------------------


def add_list(parser: argparse.ArgumentParser) -> None:
    del parser  # no options


def write_list(
    out: TextIO, exercises: Sequence[Exercise], problems: Sequence[ScriptError], folder: Path
) -> None:
    groups = group_by_moment(exercises)
    width = max((len(e.id) for e in exercises), default=10) + 2
    out.write("Exercises (kapcompanion run EXERCISE_ID starts one):\n")
    for moment, heading in MOMENT_HEADINGS.items():
        out.write(f"\n{heading}\n")
        if not groups[moment]:
            out.write("  (none yet)\n")
        for exercise in groups[moment]:
            out.write(
                f"  {exercise.id:<{width}}{exercise.title} · {length_label(exercise.minutes)}\n"
            )
    out.write("\nBreathing patterns (kapcompanion breathe --pattern KEY):\n")
    key_width = max(len(k) for k in PRESETS) + 2
    for key, pattern in PRESETS.items():
        note = "  [has breath holds: add --allow-holds]" if pattern.has_holds else ""
        out.write(f"  {key:<{key_width}}{pattern.name}: {pattern.summary()}{note}\n")
    out.write(f"\nYour own scripts go in: {folder}\n")
    if problems:
        bad = sorted({p.file for p in problems})
        scripts = "1 script there has" if len(bad) == 1 else f"{len(bad)} scripts there have"
        out.write(
            f"{scripts} problems; kapcompanion check-script FILE shows what to fix:\n"
            + "".join(f"  {file}\n" for file in bad)
        )


def run_list(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    del args, parser
    folder = user_scripts_dir(create=False)
    exercises, problems = load_library(folder)
    write_list(sys.stdout, exercises, problems, folder)
    return 0


# -- run EXERCISE_ID ------------------------------------------------------------------------


def add_exercise_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "exercise",
        nargs="?",
        default=None,
        metavar="EXERCISE_ID",
        help="open straight into this exercise (kapcompanion list shows them)",
    )


def unknown_exercise(wanted: str, exercises: Sequence[Exercise]) -> str:
    ids = [e.id for e in exercises]
    close = difflib.get_close_matches(wanted, ids, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}? " if close else ""
    some = ", ".join(ids[:SUGGESTIONS])
    more = ", …" if len(ids) > SUGGESTIONS else ""
    return (
        f"argument EXERCISE_ID: {wanted!r} is not a known exercise; {hint}"
        f"some you can choose: {some}{more} (kapcompanion list shows them all)"
    )


def find_exercise(wanted: str, parser: argparse.ArgumentParser) -> Exercise:
    """The exercise with id ``wanted`` (shipped or the person's own); a usage error (exit 2)
    naming a few valid ids when there is none."""
    exercises, _ = load_library(user_scripts_dir(create=False))
    for exercise in exercises:
        if exercise.id == wanted:
            return exercise
    parser.error(unknown_exercise(wanted, exercises))
