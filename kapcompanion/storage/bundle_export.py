"""Writing a ``.kapscript``: a script that loads cleanly and the recordings its steps name, as one
file to share (the format is described in :mod:`kapcompanion.storage.bundle`)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import stat
import zipfile
from pathlib import Path

from kapcompanion.domain.scripts import ScriptError
from kapcompanion.domain.voice import VoiceError
from kapcompanion.i18n import _

from .bundle import CHUNK, FORMAT, MANIFEST, SCRIPT_VERSION, SUFFIX, BundleError, ExportedBundle
from .library import load_script
from .paths import FILE_MODE
from .safe_read import create_new
from .wav import wav_info

#: Every entry gets the same time, so the same script makes the same bundle.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _sha256(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def _zip_info(name: str, compress: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = compress
    info.create_system = 3  # Unix, so the mode below is read as such
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    return info


def export_bundle(script: Path | str, destination: Path | str) -> ExportedBundle:
    """Write ``script`` and the recordings its steps name to one ``.kapscript`` file.

    ``destination`` is a folder (the file is then ``<id>.kapscript`` in it) or a file name. The
    file is written beside its final name and renamed into place, so it is whole or absent.
    Raises :class:`BundleError` when the script has a problem or a recording is missing or not
    in the app's format.
    """
    source = Path(script)
    try:
        exercise = load_script(source)
    except ScriptError as problem:
        raise BundleError(
            _(
                "This script cannot be shared yet: {problem}. You might fix that first "
                "(kapcompanion check-script shows every problem)."
            ).format(problem=problem),
            source.name,
        ) from None
    folder = source.parent
    voices = sorted({s.voice for s in exercise.steps if s.voice is not None})
    for name in voices:
        try:
            wav_info(folder / name)
        except VoiceError as problem:
            raise BundleError(
                _("This script cannot be shared yet: {problem}").format(problem=problem), name
            ) from None
    target = Path(destination)
    if target.is_dir():
        target = target / f"{exercise.id}{SUFFIX}"
    elif target.suffix != SUFFIX:
        target = target.with_name(target.name + SUFFIX)
    script_name = f"{exercise.id}.toml"
    parts = [(script_name, source)] + [(name, folder / name) for name in voices]
    files = []
    for name, path in parts:
        size, digest = _sha256(path)
        files.append({"name": name, "size": size, "sha256": digest})
    manifest = {
        "format": FORMAT,
        "version": SCRIPT_VERSION,
        "id": exercise.id,
        "title": exercise.title,
        "script": script_name,
        "files": files,
    }
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        try:
            fd = create_new(tmp, FILE_MODE)  # never through a link placed at that name
        except FileExistsError:
            tmp.unlink()  # this process's own name: an earlier leftover, or a planted link
            fd = create_new(tmp, FILE_MODE)
        with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w") as zf:
            zf.writestr(
                _zip_info(MANIFEST, zipfile.ZIP_DEFLATED),
                json.dumps(manifest, indent=2, ensure_ascii=False) + "\n",
            )
            for name, path in parts:
                compress = zipfile.ZIP_DEFLATED if name.endswith(".toml") else zipfile.ZIP_STORED
                with path.open("rb") as src, zf.open(_zip_info(name, compress), "w") as dst:
                    shutil.copyfileobj(src, dst, CHUNK)
        with tmp.open("rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except OSError as problem:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise BundleError(
            _(
                "The shared script could not be written to {target} ({why}). Nothing was "
                "written; you might choose another place or free some space."
            ).format(target=target, why=problem.strerror or problem)
        ) from None
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return ExportedBundle(target, exercise, tuple(voices), target.stat().st_size)
