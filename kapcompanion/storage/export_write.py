"""Writing an export, a summary or a take-home card: 0600 and all or nothing, and what to tell
the person when it cannot be written."""

from __future__ import annotations

import errno
from pathlib import Path

from kapcompanion.i18n import N_, _

from .errors import Problem, StorageFailure, problem_of
from .files import replacing

_NOT_WRITTEN = {
    "export": N_(
        "The export {target} could not be written ({why}). "
        "You might choose another folder or free some space; your log is unchanged."
    ),
    "summary": N_(
        "The summary {target} could not be written ({why}). "
        "You might choose another folder or free some space; your log is unchanged."
    ),
    "take-home card": N_(
        "The take-home card {target} could not be written ({why}). "
        "You might choose another folder or free some space; your log is unchanged."
    ),
}


def export_failed(target: Path, exc: OSError, *, what: str = "export") -> StorageFailure:
    """What to tell the person when ``target`` could not be written; ``what`` is "export",
    "summary" or "take-home card"."""
    problem = problem_of(exc) or Problem.IO
    sentence = _(_NOT_WRITTEN.get(what, _NOT_WRITTEN["export"]))
    return StorageFailure(problem, target, sentence.format(target=target, why=exc.strerror or exc))


def write_export(target: Path, data: bytes, *, what: str = "export") -> None:
    """Write ``data`` to ``target``: 0600 and all or nothing (see
    :func:`~kapcompanion.storage.files.replacing`); ``what`` names it in the message of the
    :class:`StorageFailure` raised when that is not possible."""
    try:
        if not data:
            raise OSError(errno.EIO, _("nothing could be written"))
        with replacing(target) as out:
            out.write(data)
    except OSError as exc:
        raise export_failed(target, exc, what=what) from exc
