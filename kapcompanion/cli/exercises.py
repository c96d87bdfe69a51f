"""Command-line parts for guided exercises: ``check-script``, ``list``, ``run EXERCISE_ID`` and
``present EXERCISE_ID|PATTERN``.

Nothing here loads Qt: checking and listing scripts is plain Python, so the answers come at
once and work without a display.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from kapcompanion.domain.exercise_info import MOMENT_HEADINGS, group_by_moment, length_label
from kapcompanion.domain.feelings import FEELINGS, offered
from kapcompanion.domain.pacing import PRESETS
from kapcompanion.domain.scripts import Exercise, ScriptError
from kapcompanion.domain.text import printable
from kapcompanion.domain.wording import check_wording
from kapcompanion.i18n import N_, _, ngettext
from kapcompanion.storage.library import check_files, load_builtin, load_library, load_script
from kapcompanion.storage.paths import user_scripts_dir

#: How many exercise ids an "unknown exercise" message suggests.
SUGGESTIONS = 5
FEELINGS_HEADING = N_("By how you feel (the first begins outside: your eyes, your feet, the room)")


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
        help=_("exercise scripts (.toml) or shared scripts (.kapscript) to check"),
    )


def check_scripts(files: Sequence[Path]) -> list[ScriptError]:
    """Every problem in ``files``. Ids are checked against the shipped exercises too, except
    against a shipped exercise that is itself among ``files`` (checking it must not clash)."""
    unique: dict[Path, Path] = {}
    for file in files:
        unique.setdefault(_resolved(file), file)
    builtins, _problems = load_builtin()
    known = [e for e in builtins if _resolved(Path(e.source)) not in unique]
    return check_files(list(unique.values()), known=known)


#: The file name ending of a shared script (see kapcompanion.storage.bundle).
SHARED_SUFFIX = ".kapscript"


def is_bundle(file: Path) -> bool:
    """A shared script: named so, or a zip file whatever its name. Only a plain file is looked
    into (a pipe or a device is left to the script check, which names it without waiting)."""
    if file.suffix.lower() == SHARED_SUFFIX:
        return True
    from kapcompanion.storage.safe_read import open_plain

    try:
        fd = open_plain(file)
    except OSError:  # none there, not a plain file (a pipe, a device), or unreadable
        return False
    with os.fdopen(fd, "rb") as f:
        return f.read(4) == b"PK\x03\x04"


def check_bundles(files: Sequence[Path]) -> tuple[list[str], list[str]]:
    """Each shared script checked as taking it in would check it, nothing kept: a line for
    each that is fine and one for each problem."""
    if not files:
        return [], []  # the bundle checks (and the numbers they read sound with) stay unloaded
    import tempfile

    from kapcompanion.storage.bundle import BundleError
    from kapcompanion.storage.bundle_check import check_bundle
    from kapcompanion.storage.bundle_plan import holds_plan

    from .plan import check_plan_bundle

    fine: list[str] = []
    problems: list[str] = []
    known, _problems = load_builtin()
    for file in files:
        name = printable(file.name)
        if holds_plan(file):  # an integration plan (see kapcompanion.storage.bundle_plan)
            ok, line = check_plan_bundle(file, name, [e.id for e in known])
            (fine if ok else problems).append(line)
            continue
        with tempfile.TemporaryDirectory() as scratch:
            try:
                exercise = check_bundle(file, Path(scratch), known=known)
            except BundleError as error:
                if error.entry:
                    line = _("{name} ({entry} inside it): {problem}").format(
                        name=name, entry=printable(error.entry), problem=error.message
                    )
                else:
                    line = _("{name}: {problem}").format(name=name, problem=error.message)
                problems.append(line)
                continue
        voices = sum(1 for step in exercise.steps if step.voice)
        title = printable(exercise.title)
        if voices:
            line = ngettext(
                "{name}: a shared script of “{title}”, with {n} recorded step.",
                "{name}: a shared script of “{title}”, with {n} recorded steps.",
                voices,
            ).format(name=name, title=title, n=voices)
        else:
            line = _("{name}: a shared script of “{title}”.").format(name=name, title=title)
        fine.append(line)
    return fine, problems


def summary(
    files: int, problems: Sequence[ScriptError], bundle_problems: Sequence[str] = ()
) -> str:
    count = len(problems) + len(bundle_problems)
    if not count:
        if files == 1:
            return _("The script is fine.")
        return ngettext("All {n} script is fine.", "All {n} scripts are fine.", files).format(
            n=files
        )
    bad = len({p.file for p in problems}) + len(bundle_problems)
    scripts = ngettext("{n} script", "{n} scripts", files).format(n=files)
    things = ngettext("{n} problem", "{n} problems", count).format(n=count)
    return _(
        "{problems} in {bad} of {scripts}; every line above names the file, line and key."
    ).format(problems=things, bad=bad, scripts=scripts)


def run_check_script(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Exit status 0 when every file is fine, 1 when any has problems (2 for usage errors)."""
    files: list[Path] = args.files
    for file in files:
        if file.is_dir():
            parser.error(
                _(
                    "argument FILE: {path} is a folder; give the scripts inside it, "
                    "for example {example}"
                ).format(path=repr(str(file)), example=file / "*.toml")
            )
        if not file.exists():
            parser.error(_("argument FILE: {path} does not exist").format(path=repr(str(file))))
    bundles = [f for f in files if is_bundle(f)]
    scripts = [f for f in files if f not in bundles]
    problems = check_scripts(scripts) if scripts else []
    fine, bundle_problems = check_bundles(bundles)
    out = sys.stdout
    for line in [*fine, *bundle_problems]:
        out.write(f"{line}\n")
    for problem in problems:
        out.write(f"{problem}\n")
    warnings = wording_warnings(scripts, problems)
    for line in warnings:
        out.write(f"{line}\n")
    out.write(summary(len({_resolved(f) for f in files}), problems, bundle_problems) + "\n")
    if warnings:
        out.write(
            ngettext(
                "{n} wording warning to consider; a warning never stops a script from loading.",
                "{n} wording warnings to consider; a warning never stops a script from loading.",
                len(warnings),
            ).format(n=len(warnings))
            + "\n"
        )
    return 1 if problems or bundle_problems else 0


def wording_warnings(files: Sequence[Path], problems: Sequence[ScriptError]) -> list[str]:
    """The wording warnings of every script that loaded, each line naming its file."""
    broken = {_resolved(Path(p.file)) for p in problems}
    lines: list[str] = []
    for file in dict.fromkeys(_resolved(f) for f in files):
        if file in broken:
            continue
        try:
            exercise = load_script(file)
        except ScriptError:
            continue
        name = printable(file.name)
        lines += [f"{name}, {w}" if w.where else f"{name}: {w}" for w in check_wording(exercise)]
    return lines


# -- list -----------------------------------------------------------------------------------


def add_list(parser: argparse.ArgumentParser) -> None:
    del parser  # no options


def write_list(
    out: TextIO, exercises: Sequence[Exercise], problems: Sequence[ScriptError], folder: Path
) -> None:
    groups = group_by_moment(exercises)
    width = max((len(e.id) for e in exercises), default=10) + 2
    out.write(_("Exercises (kapcompanion run EXERCISE_ID starts one):") + "\n")
    for moment, heading in MOMENT_HEADINGS.items():
        out.write(f"\n{_(heading)}\n")
        if not groups[moment]:
            out.write("  " + _("(none yet)") + "\n")
        for exercise in groups[moment]:
            out.write(
                f"  {exercise.id:<{width}}{printable(exercise.title)} · "
                f"{length_label(exercise.minutes)}\n"
            )
    write_feelings(out, exercises)
    out.write("\n" + _("Breathing patterns (kapcompanion breathe --pattern KEY):") + "\n")
    key_width = max(len(k) for k in PRESETS) + 2
    for key, pattern in PRESETS.items():
        note = "  " + _("[has breath holds: add --allow-holds]") if pattern.has_holds else ""
        out.write(f"  {key:<{key_width}}{pattern.name}: {pattern.summary()}{note}\n")
    out.write(
        "\n" + _("Your own scripts go in: {folder}").format(folder=printable(str(folder))) + "\n"
    )
    if problems:
        bad = sorted({p.file for p in problems})
        out.write(
            ngettext(
                "{n} script there has problems; kapcompanion check-script FILE shows what to fix:",
                "{n} scripts there have problems; "
                "kapcompanion check-script FILE shows what to fix:",
                len(bad),
            ).format(n=len(bad))
            + "\n"
            + "".join(f"  {printable(file)}\n" for file in bad)
        )


def write_feelings(out: TextIO, exercises: Sequence[Exercise]) -> None:
    """Home's ways in by feeling: each feeling's practices, the one it starts first leading."""
    out.write(f"\n{_(FEELINGS_HEADING)}\n")
    titles = [entry.title for entry in FEELINGS]
    width = max(len(title) for title in titles) + 2
    for entry, title in zip(FEELINGS, titles, strict=True):
        ids = [e.id for e in offered(entry, exercises)]
        listed = ", ".join(ids) if ids else _("(none here)")
        out.write(f"  {title:<{width}}{listed}\n")


def run_list(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    del args, parser
    folder = user_scripts_dir(create=False)
    exercises, problems = load_library(folder)
    write_list(sys.stdout, exercises, problems, folder)
    write_screens(sys.stdout)
    return 0


def write_screens(out: TextIO) -> None:
    """The screens a presentation can use (asked of a short-lived child process, so a missing
    display never stops the list)."""
    from kapcompanion.ui.presentation.screens import list_screens_safely, screens_text

    screens, reason = list_screens_safely()
    out.write("\n" + _("Screens (kapcompanion present EXERCISE_ID --screen N):") + "\n")
    if reason:
        out.write("  " + _("(none: {reason})").format(reason=reason) + "\n")
    else:
        out.write(screens_text(screens) + "\n")


# -- run EXERCISE_ID ------------------------------------------------------------------------


def add_exercise_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "exercise",
        nargs="?",
        default=None,
        metavar="EXERCISE_ID",
        help=_("open straight into this exercise (kapcompanion list shows them)"),
    )


def unknown_exercise(wanted: str, exercises: Sequence[Exercise]) -> str:
    ids = [e.id for e in exercises]
    close = difflib.get_close_matches(wanted, ids, n=1, cutoff=0.6)
    hint = _("did you mean {id}? ").format(id=repr(close[0])) if close else ""
    some = ", ".join(ids[:SUGGESTIONS])
    more = ", …" if len(ids) > SUGGESTIONS else ""
    return _(
        "argument EXERCISE_ID: {wanted} is not a known exercise; {hint}"
        "some you can choose: {some} (kapcompanion list shows them all)"
    ).format(wanted=repr(wanted), hint=hint, some=some + more)


def find_exercise(wanted: str, parser: argparse.ArgumentParser) -> Exercise:
    """The exercise with id ``wanted`` (shipped or the person's own); a usage error (exit 2)
    naming a few valid ids when there is none."""
    exercises, _problems = load_library(user_scripts_dir(create=False))
    for exercise in exercises:
        if exercise.id == wanted:
            return exercise
    parser.error(unknown_exercise(wanted, exercises))


# -- present EXERCISE_ID|PATTERN --------------------------------------------------------------


def add_present(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "target",
        metavar="EXERCISE_ID|PATTERN",
        help=_("an exercise or a breathing pattern to present (kapcompanion list shows them)"),
    )
    parser.add_argument(
        "--screen",
        type=_screen_number,
        default=None,
        metavar="N",
        help=_(
            "the screen to present on (kapcompanion list shows them; by default a screen "
            "other than the main one, or the only screen)"
        ),
    )
    parser.add_argument(
        "--minutes",
        default="5",
        metavar="N",
        help=_("for a breathing pattern: the length in minutes (default: 5)"),
    )
    parser.add_argument(
        "--allow-holds",
        action="store_true",
        help=_(
            "allow a breathing pattern with breath holds (they are optional and can feel "
            "activating)"
        ),
    )
    parser.add_argument(
        "--reduced-motion",
        action="store_true",
        help=_("keep the breathing shape still; a slow fill shows the breath instead"),
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help=_(
            "keep this practice in your own practice log (by default a presented practice "
            "is your client's and is not kept)"
        ),
    )


def _screen_number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text} is not a screen number (0, 1, …; kapcompanion list shows them)").format(
                text=repr(text)
            )
        ) from None
    if value < 0:
        raise argparse.ArgumentTypeError(
            _("{text} is not a screen number (0, 1, …)").format(text=repr(text))
        )
    return value


def find_present_target(args: argparse.Namespace, parser: argparse.ArgumentParser) -> object:
    """The exercise (by id) or breathing practice (by pattern key) to present; a usage error
    (exit 2) that names some of each when ``args.target`` is neither."""
    from kapcompanion.domain.breathing_config import BreathingConfig, check_minutes
    from kapcompanion.domain.pacing import PatternError, find_pattern

    wanted: str = args.target
    exercises, _problems = load_library(user_scripts_dir(create=False))
    for exercise in exercises:
        if exercise.id == wanted:
            return exercise
    if wanted.strip().lower() in PRESETS:  # a pattern in capitals is the same pattern
        wanted = wanted.strip().lower()
        try:
            pattern = find_pattern(wanted, allow_holds=args.allow_holds)
            minutes = check_minutes(args.minutes)
        except PatternError as error:
            if error.field == "minutes":
                parser.error(
                    _("argument --minutes: {value}; allowed: {allowed}").format(
                        value=repr(args.minutes), allowed=error.allowed
                    )
                )
            parser.error(
                _(
                    "argument EXERCISE_ID|PATTERN: {wanted} includes breath holds, which are "
                    "off; add --allow-holds to use it"
                ).format(wanted=repr(wanted))
            )
        return BreathingConfig(
            pattern=pattern,
            minutes=minutes,
            reduced_motion=args.reduced_motion,
            allow_holds=args.allow_holds,
        )
    ids = [e.id for e in exercises]
    close = difflib.get_close_matches(wanted, [*ids, *PRESETS], n=1, cutoff=0.6)
    hint = _("did you mean {id}? ").format(id=repr(close[0])) if close else ""
    some = ", ".join(ids[:SUGGESTIONS]) + (", …" if len(ids) > SUGGESTIONS else "")
    parser.error(
        _(
            "argument EXERCISE_ID|PATTERN: {wanted} is neither an exercise nor a breathing "
            "pattern; {hint}exercises include {some}; patterns are {patterns} "
            "(kapcompanion list shows them all)"
        ).format(wanted=repr(wanted), hint=hint, some=some, patterns=", ".join(PRESETS))
    )
