"""Whether a script taken in from a bundle can go into the person's scripts folder under its id:
a shipped script's id never can; the person's own copy of the same script (most likely an older
copy of it) may be put aside to make room, when the person agrees."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kapcompanion.domain.scripts import Exercise
from kapcompanion.i18n import _

from . import script_files
from .library import load_builtin, load_folder


@dataclass(frozen=True)
class Clash:
    """Why the exercise cannot simply go into the scripts folder under its id. ``older`` is set
    when the clash is with the person's own copy of a script with the same id, which may be put
    aside to make room; ``title`` is that copy's title."""

    reason: str
    older: Path | None = None
    title: str = ""


def clash_of(exercise: Exercise, folder: Path, known: Iterable[Exercise] | None) -> Clash | None:
    """Why ``exercise`` cannot simply go into ``folder`` under its id, or None. ``known`` are
    the exercises whose ids are taken (None: the shipped ones and those in ``folder``)."""
    if known is None:
        builtin, _problems = load_builtin()
        own, _problems = load_folder(folder, known=builtin) if folder.is_dir() else ([], [])
        known = [*builtin, *own]
    older: Clash | None = None
    for other in known:
        if other.id != exercise.id:
            continue
        if not other.source:
            return Clash(
                _('Its id "{id}" is already used by "{title}" (the app)').format(
                    id=exercise.id, title=other.title
                )
            )
        reason = _('Its id "{id}" is already used by "{title}" ({file})').format(
            id=exercise.id, title=other.title, file=Path(other.source).name
        )
        unit = script_files.own_copy(Path(other.source), folder)
        if unit is None:
            return Clash(reason)
        older = Clash(reason, unit, other.title)
    for name in (exercise.id, f"{exercise.id}.toml"):
        place = folder / name
        if os.path.lexists(place) and (older is None or not _same(place, older.older)):
            return Clash(
                _('Your scripts folder already has something called "{name}"').format(name=name)
            )
    return older


def _same(a: Path, b: Path | None) -> bool:
    try:
        return b is not None and a.resolve() == b.resolve()
    except OSError:
        return False
