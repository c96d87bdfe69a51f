"""Taking a ``.kapscript`` into the person's scripts folder: checked whole first
(:mod:`kapcompanion.storage.bundle_check`), then its folder renamed into place in one step, so
nothing is ever partly imported."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

from kapcompanion.domain.scripts import Exercise
from kapcompanion.i18n import _

from .bundle import DEFAULT_LIMITS, NOTHING, BundleError, ImportedScript, Limits
from .bundle_check import unpacked
from .files import sync_folder
from .paths import DIR_MODE, user_scripts_dir


def import_bundle(
    bundle: Path | str,
    scripts_folder: Path | None = None,
    *,
    known: Iterable[Exercise] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    put_aside: Callable[[Path], None] | None = None,
) -> ImportedScript:
    """Take a ``.kapscript`` into ``scripts_folder`` (the person's scripts folder by default)
    as ``<scripts_folder>/<id>/``.

    ``known`` are the exercises whose ids are taken; by default the shipped ones and those
    already in ``scripts_folder``. When the person already has a copy of the script (by id),
    :class:`OlderCopyError` is raised, unless ``put_aside`` is given: the bundle is then
    checked whole first, and only then is ``put_aside`` called with the older copy (the app
    moves it to the computer's trash; raising OSError leaves everything as it was) before the
    new copy is put in its place. Raises :class:`BundleError`; then nothing was added.
    """
    folder = scripts_folder if scripts_folder is not None else user_scripts_dir()
    with unpacked(Path(bundle), folder, limits, known, replace=put_aside is not None) as checked:
        exercise = checked.exercise
        final = folder / exercise.id
        if checked.older is not None and put_aside is not None:
            _put_aside(put_aside, checked.older, exercise.title, checked.script)
        try:
            os.chmod(checked.temp, DIR_MODE)
            if os.path.lexists(final):
                raise FileExistsError(final)
            os.rename(checked.temp, final)
        except OSError as problem:
            said = _(
                'The script "{title}" could not be put into your scripts folder ({why}). {nothing}'
            ).format(title=exercise.title, why=problem.strerror or problem, nothing=_(NOTHING))
            if checked.older is not None:
                said += " " + _("Your earlier copy is in the computer's trash.")
            raise BundleError(said, checked.script) from None
        sync_folder(folder)
    source = final / checked.script
    return ImportedScript(
        exercise=dataclasses.replace(exercise, source=str(source)),
        folder=final,
        script=source,
        recordings=tuple(final.joinpath(*PurePosixPath(n).parts) for n in checked.recordings),
        replaced=checked.older,
    )


def _put_aside(put_aside: Callable[[Path], None], older: Path, title: str, entry: str) -> None:
    try:
        put_aside(older)
    except OSError as problem:
        raise BundleError(
            _(
                "Your copy of “{title}” could not be moved to the trash ({why}), so it was "
                "left in place. {nothing}"
            ).format(title=title, why=problem.strerror or problem, nothing=_(NOTHING)),
            entry,
        ) from None
