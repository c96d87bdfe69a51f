"""Taking a ``.kapscript`` into the person's scripts folder: checked whole first
(:mod:`kapcompanion.storage.bundle_check`), then its folder renamed into place in one step, so
nothing is ever partly imported."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable
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
) -> ImportedScript:
    """Take a ``.kapscript`` into ``scripts_folder`` (the person's scripts folder by default)
    as ``<scripts_folder>/<id>/``.

    ``known`` are the exercises whose ids are taken; by default the shipped ones and those
    already in ``scripts_folder``. Raises :class:`BundleError`; then nothing was added.
    """
    folder = scripts_folder if scripts_folder is not None else user_scripts_dir()
    with unpacked(Path(bundle), folder, limits, known) as checked:
        exercise = checked.exercise
        final = folder / exercise.id
        try:
            os.chmod(checked.temp, DIR_MODE)
            if os.path.lexists(final):
                raise FileExistsError(final)
            os.rename(checked.temp, final)
        except OSError as problem:
            raise BundleError(
                _(
                    'The script "{title}" could not be put into your scripts folder '
                    "({why}). {nothing}"
                ).format(title=exercise.title, why=problem.strerror or problem, nothing=_(NOTHING)),
                checked.script,
            ) from None
        sync_folder(folder)
    source = final / checked.script
    return ImportedScript(
        exercise=dataclasses.replace(exercise, source=str(source)),
        folder=final,
        script=source,
        recordings=tuple(final.joinpath(*PurePosixPath(n).parts) for n in checked.recordings),
    )
