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
            f"{text!r} is not a date; write it like 2025-03-01 (year-month-day)"
        ) from None


def add_export(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="csv (a table), json (a backup that can be imported again) or pdf (a one-page "
        "summary); by default taken from the name given to --out",
    )
    parser.add_argument(
        "--from",
        dest="first",
        type=_day,
        default=None,
        metavar="DATE",
        help="the first day to include (YYYY-MM-DD; default: the first practice)",
    )
    parser.add_argument(
        "--to",
        dest="last",
        type=_day,
        default=None,
        metavar="DATE",
        help="the last day to include (YYYY-MM-DD; default: the last practice)",
    )
    parser.add_argument(
        "--out", type=Path, required=True, metavar="FILE", help="where to write the export"
    )


def add_import(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("backup", type=Path, metavar="FILE", help="a JSON backup made by export")


def _format_of(args: argparse.Namespace, parser: argparse.ArgumentParser) -> str:
    if args.format:
        return str(args.format)
    suffix = Path(args.out).suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    parser.error(
        f"argument --format: not given, and {str(args.out)!r} does not end in .csv, .json or "
        ".pdf; add --format csv, --format json or --format pdf"
    )


def _open_existing(err: TextIO) -> PracticeStore | None:
    path = database_path(create=False)
    if not path.exists():
        err.write(
            f"kapcompanion: there is no practice log yet at {path}, so there is nothing to "
            "export.\n"
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
        err.write("kapcompanion: so nothing was exported.\n")
        return None
    return store


def _refusal(refusal: LogUnavailable, command: str) -> str:
    """The refusal in words for the command line (the app's own speak of guest practice)."""
    if isinstance(refusal, LogLockedError):
        who = f" (process {refusal.pid})" if refusal.pid else ""
        return (
            f"the practice log {refusal.path} is open in kapcompanion right now{who}, so "
            f"nothing was done. You might close the app and {command} again, or use History "
            "in the app."
        )
    if isinstance(refusal, NewerVersionError):
        return (
            f"the practice log {refusal.path} was written by a newer version of kapcompanion "
            f"(log format {refusal.found}; this version knows formats up to "
            f"{refusal.supported}). It has been left exactly as it is; you might {command} "
            "with the newer version."
        )
    return refusal.message


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
            f"argument --to: {last.isoformat()} is before --from {first.isoformat()}; "
            "the last day must be on or after the first"
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
    what = {"csv": "a table", "json": "a backup", "pdf": "a one-page summary"}[fmt]
    out.write(f"Wrote {what} of {count} practice{'s' if count != 1 else ''} to {target}.\n")
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
        err.write(f"kapcompanion: nothing was imported. {failure.message}\n")
        return 1
    finally:
        store.close()
    present = result.already_present
    out.write(
        f"Added {result.added} practice{'s' if result.added != 1 else ''} "
        f"({present} {'was' if present == 1 else 'were'} already in your log) and "
        f"{result.sessions_added} medicine-session date{'s' if result.sessions_added != 1 else ''}"
        f" to {store.path}.\n"
    )
    return 0
