"""Command-line parts for the practice log: ``export`` and ``import``.

``export --format csv|json|pdf [--from DATE] [--to DATE] --out FILE`` writes the log (or the
practices of a date range) without opening a window; only the PDF needs Qt, which then draws on
the offscreen platform. ``import FILE`` merges a JSON backup into the log and says how many
practices were added. Nothing is exported unless asked for, and a log that does not exist yet is
never created by an export.

Exit status: 0 done, 1 the log or the file could not be used (the message says why and what to
do), 2 a mistake in the options.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TextIO

from kapcompanion.domain.clock import MonotonicClock
from kapcompanion.domain.limits import clamp_day
from kapcompanion.i18n import _, ngettext, pgettext
from kapcompanion.storage import (
    ImportFormatError,
    LogLockedError,
    LogUnavailable,
    NewerVersionError,
    PracticeStore,
    StorageFailure,
    database_path,
    open_log,
)
from kapcompanion.storage.export import export_csv, export_json, import_json
from kapcompanion.storage.log import PracticeLog

FORMATS = ("csv", "json", "pdf")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text} is not a date; write it like 2025-03-01 (year-month-day)").format(
                text=repr(text)
            )
        ) from None


def add_export(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help=_(
            "csv (a table), json (a backup that can be imported again) or pdf (a one-page "
            "summary); by default taken from the name given to --out"
        ),
    )
    parser.add_argument(
        "--from",
        dest="first",
        type=_day,
        default=None,
        metavar="DATE",
        help=_("the first day to include (YYYY-MM-DD; default: the first practice)"),
    )
    parser.add_argument(
        "--to",
        dest="last",
        type=_day,
        default=None,
        metavar="DATE",
        help=_("the last day to include (YYYY-MM-DD; default: the last practice)"),
    )
    parser.add_argument(
        "--out", type=Path, required=True, metavar="FILE", help=_("where to write the export")
    )


def add_import(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("backup", type=Path, metavar="FILE", help=_("a JSON backup made by export"))


def _format_of(args: argparse.Namespace, parser: argparse.ArgumentParser) -> str:
    if args.format:
        return str(args.format)
    suffix = Path(args.out).suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    parser.error(
        _(
            "argument --format: not given, and {path} does not end in .csv, .json or "
            ".pdf; add --format csv, --format json or --format pdf"
        ).format(path=repr(str(args.out)))
    )


def _open_existing(err: TextIO) -> PracticeStore | None:
    path = database_path(create=False)
    if not path.exists():
        err.write(
            _(
                "kapcompanion: there is no practice log yet at {path}, so there is nothing to "
                "export."
            ).format(path=path)
            + "\n"
        )
        return None
    try:
        store = open_log(path, clock=MonotonicClock())
    except LogUnavailable as refusal:
        err.write(f"kapcompanion: {_refusal(refusal, 'export')}\n")
        return None
    for notice in store.take_notices():
        err.write(f"kapcompanion: {notice.message}\n")
    if isinstance(store, PracticeLog) and store.connection is None:
        store.close()
        err.write(_("kapcompanion: so nothing was exported.") + "\n")
        return None
    return store


def _refusal(refusal: LogUnavailable, command: str) -> str:
    """The refusal in words for the command line (the app's own speak of guest practice)."""
    if isinstance(refusal, LogLockedError):
        verb = _verb(command)
        if refusal.pid:
            return _(
                "the practice log {path} is open in kapcompanion right now (process {pid}), so "
                "nothing was done. You might close the app and {command} again, or use History "
                "in the app."
            ).format(path=refusal.path, pid=refusal.pid, command=verb)
        return _(
            "the practice log {path} is open in kapcompanion right now, so "
            "nothing was done. You might close the app and {command} again, or use History "
            "in the app."
        ).format(path=refusal.path, command=verb)
    if isinstance(refusal, NewerVersionError):
        return _(
            "the practice log {path} was written by a newer version of kapcompanion "
            "(log format {found}; this version knows formats up to "
            "{supported}). It has been left exactly as it is; you might {command} "
            "with the newer version."
        ).format(
            path=refusal.path,
            found=refusal.found,
            supported=refusal.supported,
            command=_verb(command),
        )
    return refusal.message


def _verb(command: str) -> str:
    """The command's verb in a sentence ("export", "import")."""
    if command == "export":
        return pgettext("command-line verb", "export")
    if command == "import":
        return pgettext("command-line verb", "import")
    return command


def _pdf(store: PracticeStore, target: Path, first: date | None, last: date | None) -> int:
    from PySide6.QtGui import QGuiApplication

    from kapcompanion.services.library import ExerciseLibrary
    from kapcompanion.ui.log.report import export_pdf

    app = QGuiApplication.instance()
    if app is None:
        # Drawing a page needs fonts, not a screen.
        app = QGuiApplication(
            [sys.argv[0] if sys.argv else "kapcompanion", "-platform", "offscreen"]
        )
    titles = ExerciseLibrary().titles()  # the shipped exercises and the person's own
    return export_pdf(store, target, first, last, titles=titles).practices


def run_export(
    args: argparse.Namespace,
    parser: argparse.ArgumentParser,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    fmt = _format_of(args, parser)
    first, last = args.first, args.last
    if first is not None and last is not None and last < first:
        parser.error(
            _(
                "argument --to: {last} is before --from {first}; "
                "the last day must be on or after the first"
            ).format(last=last.isoformat(), first=first.isoformat())
        )
    # No practice lies outside the days the log keeps, so a range reaching past them (say
    # --to 9999-12-31) means "to the end" and is brought within them.
    first = clamp_day(first) if first is not None else None
    last = clamp_day(last) if last is not None else None
    store = _open_existing(err)
    if store is None:
        return 1
    target = Path(args.out).expanduser()
    try:
        if fmt == "csv":
            count = export_csv(store, target, first, last)
        elif fmt == "json":
            count = export_json(store, target, first, last)
        else:
            count = _pdf(store, target, first, last)
    except StorageFailure as failure:
        err.write(f"kapcompanion: {failure.message}\n")
        return 1
    finally:
        for notice in store.take_notices():  # rows left out while reading, say
            err.write(f"kapcompanion: {notice.message}\n")
        store.close()
    if fmt == "csv":
        done = ngettext(
            "Wrote a table of {n} practice to {path}.",
            "Wrote a table of {n} practices to {path}.",
            count,
        )
    elif fmt == "json":
        done = ngettext(
            "Wrote a backup of {n} practice to {path}.",
            "Wrote a backup of {n} practices to {path}.",
            count,
        )
    else:
        done = ngettext(
            "Wrote a one-page summary of {n} practice to {path}.",
            "Wrote a one-page summary of {n} practices to {path}.",
            count,
        )
    out.write(done.format(n=count, path=target) + "\n")
    return 0


def run_import(
    args: argparse.Namespace,
    parser: argparse.ArgumentParser,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    del parser
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        store = open_log(clock=MonotonicClock())
    except LogUnavailable as refusal:
        err.write(f"kapcompanion: {_refusal(refusal, 'import')}\n")
        return 1
    try:
        for notice in store.take_notices():
            err.write(f"kapcompanion: {notice.message}\n")
        result = import_json(store, Path(args.backup).expanduser())
    except ImportFormatError as problem:
        err.write(f"kapcompanion: {problem}\n")
        return 1
    except StorageFailure as failure:
        err.write(
            _("kapcompanion: nothing was imported. {problem}").format(problem=failure.message)
            + "\n"
        )
        return 1
    finally:
        store.close()
    present = result.already_present
    practices = ngettext("{n} practice", "{n} practices", result.added).format(n=result.added)
    already = ngettext(
        "{n} was already in your log", "{n} were already in your log", present
    ).format(n=present)
    sessions = ngettext(
        "{n} medicine-session date", "{n} medicine-session dates", result.sessions_added
    ).format(n=result.sessions_added)
    out.write(
        _("Added {practices} ({already}) and {sessions} to {path}.").format(
            practices=practices, already=already, sessions=sessions, path=store.path
        )
        + "\n"
    )
    return 0
