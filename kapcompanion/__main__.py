"""The command line: ``kapcompanion`` or ``python -m kapcompanion``.

Arguments are read and checked before Qt is loaded, so a mistake is reported at once, in one
line that names the option, the value and what is allowed (exit status 2, as argparse does).
Heavy modules (numpy, pyqtgraph, sounddevice) are never imported here.

Each subcommand is a :class:`Command` in :data:`COMMANDS`: a name, a help line, a function that
adds its options and a function that runs it. A new subcommand is one more entry there. Only the
command being run adds its options, and the modules behind the other commands (scripts, the
practice log's export) are imported only when their command runs, so a start stays quick.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kapcompanion import __version__
from kapcompanion.domain.breathing_config import (
    MINUTES_ALLOWED,
    BreathingConfig,
    check_minutes,
    format_time_left,
)
from kapcompanion.domain.limits import BREATHING_MINUTES
from kapcompanion.domain.pacing import DEFAULT_PATTERN, PRESETS, PatternError, find_pattern
from kapcompanion.i18n import N_, _

PROG = "kapcompanion"

AddArguments = Callable[[argparse.ArgumentParser], None]
RunCommand = Callable[[argparse.Namespace, argparse.ArgumentParser], int]


def _adder(module: str, name: str) -> AddArguments:
    """``kapcompanion.<module>.<name>``, imported when the options are added."""

    def add(parser: argparse.ArgumentParser) -> None:
        function: AddArguments = getattr(importlib.import_module(f"kapcompanion.{module}"), name)
        function(parser)

    return add


def _runner(module: str, name: str) -> RunCommand:
    """``kapcompanion.<module>.<name>``, imported when the command runs."""

    def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
        function: RunCommand = getattr(importlib.import_module(f"kapcompanion.{module}"), name)
        return function(args, parser)

    return run


def patterns_help() -> str:
    """The patterns and their timing, for --help."""
    width = max(len(key) for key in PRESETS) + 2
    lines = [_("patterns (for breathe --pattern):")]
    for key, pattern in PRESETS.items():
        note = "  " + _("[has breath holds: add --allow-holds]") if pattern.has_holds else ""
        lines.append(f"  {key:<{width}}{pattern.name}: {pattern.summary()}{note}")
    return "\n".join(lines)


def _launch_options() -> argparse.ArgumentParser:
    """Options every window-opening command shares; the hidden ones serve tests and benchmarks."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--full-screen", action="store_true", help=_("open full screen (F11 switches back)")
    )
    parent.add_argument(
        "--theme",
        choices=("system", "dark", "light", "high-contrast"),
        default=None,
        help=_("colours (default: as chosen in Settings)"),
    )
    parent.add_argument(
        "--guest",
        action="store_true",
        help=_("practise as a guest: nothing is saved, and the data folder is not touched"),
    )
    parent.add_argument("--screenshot", type=Path, default=None, help=argparse.SUPPRESS)
    parent.add_argument("--quit-after", type=_seconds, default=None, help=argparse.SUPPRESS)
    return parent


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text} is not a number of seconds").format(text=repr(text))
        ) from None
    if not 0 < value < 24 * 3600:
        raise argparse.ArgumentTypeError(
            _("{text} is not between 0 and a day in seconds").format(text=repr(text))
        )
    return value


def _launch(args: argparse.Namespace) -> object:
    from kapcompanion.app import LaunchOptions

    return LaunchOptions(
        full_screen=bool(getattr(args, "full_screen", False)),
        screenshot=getattr(args, "screenshot", None),
        quit_after=getattr(args, "quit_after", None),
        theme=getattr(args, "theme", None),
        guest=bool(getattr(args, "guest", False)),
        in_tray=bool(getattr(args, "in_tray", False)),
    )


# -- run ------------------------------------------------------------------------------------


def _add_run(parser: argparse.ArgumentParser) -> None:
    from kapcompanion.cli import exercises as exercise_cli

    exercise_cli.add_exercise_argument(parser)  # optional: open straight into an exercise
    parser.add_argument(
        "--in-tray",
        action="store_true",
        help=_(
            "wait in the system tray for reminders, without a window, as starting with the "
            "computer does (the window opens as usual when reminders are off or there is no tray)"
        ),
    )


def _run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    wanted = getattr(args, "exercise", None)
    exercise = None
    if wanted:
        from kapcompanion.cli import exercises as exercise_cli

        exercise = exercise_cli.find_exercise(wanted, parser)
    from kapcompanion import app

    options = _launch(args)
    assert isinstance(options, app.LaunchOptions)
    return app.run(None, options, exercise=exercise)


# -- breathe --------------------------------------------------------------------------------


def _add_breathe(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--pattern",
        default=DEFAULT_PATTERN,
        type=pattern_key,
        metavar="KEY",
        help=_("which pattern, in capitals or not (default: {default}; see the list below)").format(
            default=DEFAULT_PATTERN
        ),
    )
    parser.add_argument(
        "--minutes",
        default=str(BREATHING_MINUTES.default),
        metavar="N",
        help=_(
            "length of the practice: {allowed}, such as 2.5 (default: {default}); it ends with a "
            "whole breath, so a slow pattern may run a little over ({example})"
        ).format(
            allowed=MINUTES_ALLOWED,
            default=BREATHING_MINUTES.default,
            example=_one_minute_of(SLOWEST),
        ),
    )
    parser.add_argument(
        "--glide",
        action=argparse.BooleanOptionalAction,
        default=True,
        help=_("begin a little quicker and slow down gently to the pattern (default: on)"),
    )
    parser.add_argument(
        "--allow-holds",
        action="store_true",
        help=_("allow patterns with breath holds (they are optional and can feel activating)"),
    )
    parser.add_argument(
        "--reduced-motion",
        action="store_true",
        help=_("keep the shape still; a slow fill shows the breath instead"),
    )


#: The pattern with the longest breath, for the note on --minutes.
SLOWEST = max(PRESETS, key=lambda key: PRESETS[key].cycle_seconds)


def _one_minute_of(key: str) -> str:
    """How long one minute of pattern ``key`` runs, in words (it ends on a whole breath)."""
    config = BreathingConfig(PRESETS[key], 1, allow_holds=True)
    end = config.timeline().end_time or config.session_seconds
    breath = f"{PRESETS[key].cycle_seconds:g}"
    return _("{key}, a {seconds}-second breath, runs {time} for 1 minute").format(
        key=key, seconds=breath, time=format_time_left(end)
    )


def pattern_key(text: str) -> str:
    """A pattern's key as typed: ``BOX`` and `` Box`` are ``box``."""
    return text.strip().lower()


def breathing_config(args: argparse.Namespace) -> BreathingConfig:
    """The practice the breathe options describe; PatternError names what is wrong."""
    pattern = find_pattern(args.pattern, allow_holds=args.allow_holds)
    return BreathingConfig(
        pattern=pattern,
        minutes=check_minutes(args.minutes),
        glide=args.glide,
        reduced_motion=args.reduced_motion,
        allow_holds=args.allow_holds,
        full_screen=args.full_screen,
    )


def _option_error(error: PatternError) -> str:
    option = {"pattern": "--pattern", "minutes": "--minutes"}.get(error.field, error.field)
    if error.field == "pattern" and error.value in PRESETS:
        keys = ", ".join(key for key, p in PRESETS.items() if not p.has_holds)
        return _(
            "argument {option}: {value} includes breath holds, which are off; add --allow-holds "
            "to use it, or choose one of: {keys}"
        ).format(option=option, value=repr(error.value), keys=keys)
    if error.field == "pattern":
        return _("argument {option}: {value} is not a known pattern; choose one of: {keys}").format(
            option=option, value=repr(error.value), keys=", ".join(PRESETS)
        )
    # The error says what is wrong and what is allowed, in the language in use when it was
    # raised; only the option's name is put in place of the value's.
    problem = str(error).removeprefix(f"{error.field}: ")
    return _("argument {option}: {problem}").format(option=option, problem=problem)


def _breathe(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    try:
        config = breathing_config(args)
    except PatternError as error:
        parser.error(_option_error(error))
    from kapcompanion import app

    options = _launch(args)
    assert isinstance(options, app.LaunchOptions)
    return app.run(config, options)


# -- present ------------------------------------------------------------------------------


def _present(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from kapcompanion.cli import exercises as exercise_cli
    from kapcompanion.domain.scripts import Exercise

    target = exercise_cli.find_present_target(args, parser)
    from kapcompanion import app
    from kapcompanion.ui.presentation.present import PresentRequest

    options = _launch(args)
    assert isinstance(options, app.LaunchOptions)
    assert isinstance(target, Exercise | BreathingConfig)
    return app.run(None, options, present=PresentRequest(target, args.screen, keep=args.keep))


# -- open (a shared script, as a file manager hands it over) ---------------------------------

#: The file name ending of a shared script (kapcompanion.storage.bundle.SUFFIX).
SHARED_SUFFIX = ".kapscript"


def _add_open(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        type=Path,
        metavar="FILE",
        help=_("a shared script ({suffix}); the app opens and offers to take it in").format(
            suffix=SHARED_SUFFIX
        ),
    )


def _open(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    import dataclasses

    path: Path = args.file
    if not path.is_file():
        if path.is_dir():
            message = _("argument FILE: {path} is a folder; give a {suffix} file")
        else:
            message = _("argument FILE: {path} is not there; give a {suffix} file")
        parser.error(message.format(path=repr(str(path)), suffix=SHARED_SUFFIX))
    from kapcompanion import app

    options = _launch(args)
    assert isinstance(options, app.LaunchOptions)
    return app.run(None, dataclasses.replace(options, open_file=path.absolute()))


def _with_command(arguments: list[str]) -> list[str]:
    """A file named with no command, as a file manager does (``kapcompanion x.kapscript``), is
    opened: ``open`` is put before it."""
    for i, word in enumerate(arguments):
        if word.startswith("-"):
            continue
        if word in {c.name for c in COMMANDS}:
            return arguments
        if word.lower().endswith(SHARED_SUFFIX):
            return [*arguments[:i], "open", *arguments[i:]]
        return arguments
    return arguments


# -- the command table --------------------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    add_arguments: AddArguments
    run: RunCommand
    opens_window: bool = True

    def words(self) -> str:
        """The help line in the language in use."""
        return _(self.help).format(suffix=SHARED_SUFFIX)


#: Every subcommand. Later ones (check-script, present, export, list) are added here.
COMMANDS: tuple[Command, ...] = (
    Command(
        "run",
        N_("open the app on the home screen (the default), or straight into an exercise"),
        _add_run,
        _run,
    ),
    Command("breathe", N_("start straight into a breathing practice"), _add_breathe, _breathe),
    Command(
        "present",
        N_(
            "present an exercise or a breathing pattern full screen on a chosen screen, with its "
            "controls on another (or, with one screen, shown when the mouse moves)"
        ),
        _adder("cli.exercises", "add_present"),
        _present,
    ),
    Command(
        "check-script",
        N_("check exercise scripts and print each problem with its file, line and key"),
        _adder("cli.exercises", "add_check_script"),
        _runner("cli.exercises", "run_check_script"),
        opens_window=False,
    ),
    Command(
        "list",
        N_("list the exercises, grouped by when they are for, and the breathing patterns"),
        _adder("cli.exercises", "add_list"),
        _runner("cli.exercises", "run_list"),
        opens_window=False,
    ),
    Command(
        "export",
        N_("export the practice log as CSV, JSON (a backup) or a one-page PDF summary"),
        _adder("cli.log", "add_export"),
        _runner("cli.log", "run_export"),
        opens_window=False,
    ),
    Command(
        "import",
        N_("add the practices of a JSON backup to the practice log (none twice)"),
        _adder("cli.log", "add_import"),
        _runner("cli.log", "run_import"),
        opens_window=False,
    ),
    Command(
        "open",
        N_(
            "open the app and offer to take in a shared script ({suffix}); "
            "`kapcompanion FILE{suffix}` does the same"
        ),
        _add_open,
        _open,
    ),
    Command(
        "install-desktop",
        N_(
            "add kapcompanion to this user's applications menu, with its icon, and let it open "
            "{suffix} files (--uninstall takes them away again)"
        ),
        _adder("cli.desktop", "add_install_desktop"),
        _runner("cli.desktop", "run_install_desktop"),
        opens_window=False,
    ),
    Command(
        "help-lines",
        N_("print your own contacts and the crisis lines for your region, to read or to print"),
        _adder("cli.help_lines", "add_help_lines"),
        _runner("cli.help_lines", "run_help_lines"),
        opens_window=False,
    ),
)
DEFAULT_COMMAND = "run"


def build_parser(
    only: str | None = None,
) -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """The parser and each command's parser. With ``only``, only that command's options are
    added (the others' modules stay unloaded); every command is still listed."""
    epilog = (
        patterns_help()
        + "\n\n"
        + _("Keys: Space pauses, Esc ends a practice, F1 opens Help, F11 full screen.")
    )
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=_(
            "A calm grounding companion: paced breathing, body-scan prompts and "
            "grounding exercises. With no command it opens the home screen."
        ),
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    launch = _launch_options()
    parsers: dict[str, argparse.ArgumentParser] = {}
    for command in COMMANDS:
        parents = [launch] if command.opens_window else []
        words = command.words()
        child = sub.add_parser(
            command.name,
            help=words,
            description=words[:1].upper() + words[1:] + ".",
            epilog=epilog,
            parents=parents,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        if only is None or command.name == only:
            command.add_arguments(child)
        parsers[command.name] = child
    return parser, parsers


def _command_named(arguments: Sequence[str]) -> str:
    """The command the arguments ask for: the first word that is not an option (the parser's
    own options take no values), or the default command."""
    word = next((a for a in arguments if not a.startswith("-")), None)
    return word if word in {c.name for c in COMMANDS} else DEFAULT_COMMAND


def main(argv: Sequence[str] | None = None) -> int:
    from kapcompanion.storage.settings_peek import speak_chosen_language

    speak_chosen_language()  # before any help or message is worded
    arguments = _with_command(list(sys.argv[1:] if argv is None else argv))
    parser, parsers = build_parser(only=_command_named(arguments))
    args = parser.parse_args(arguments)
    name = args.command or DEFAULT_COMMAND
    if args.command is None:
        args = parsers[name].parse_args([])
    command = next(c for c in COMMANDS if c.name == name)
    return command.run(args, parsers[name])


if __name__ == "__main__":
    sys.exit(main())
