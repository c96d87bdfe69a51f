"""Reading a ``.kapscript`` and checking everything in it before anything is kept (the format
is described in :mod:`kapcompanion.storage.bundle`).

:func:`unpacked` checks every entry's name, kind, size and compression ratio, unpacks the
entries into a hidden temporary folder inside the scripts folder, checks them against the
manifest, loads the script with the usual loader, checks every recording as a WAV file and makes
sure the id is new; the folder is removed afterwards unless the caller moved it into place.
:func:`check_bundle` does all of that and keeps nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from kapcompanion.domain.scripts import VOICE_PATH, Exercise, ScriptError
from kapcompanion.domain.text import printable
from kapcompanion.domain.voice import VoiceError
from kapcompanion.i18n import N_, _

from .bundle import (
    ASK_AGAIN,
    CHUNK,
    DEFAULT_LIMITS,
    FORMAT,
    MANIFEST,
    NOTHING,
    PLAN,
    VERSION,
    BundleError,
    Limits,
    OlderCopyError,
    refuse,
    size_text,
)
from .bundle_clash import clash_of
from .library import load_script
from .paths import DIR_MODE, FILE_MODE, ensure_private_dir, user_scripts_dir
from .safe_read import (
    FileFormatError,
    UnsafeFileError,
    decode_text,
    open_plain,
    parse_json,
    read_limited,
)
from .wav import wav_info

_TEMP_PREFIX = ".import-"
_SCRIPT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\.toml")
_SHA256 = re.compile(r"[0-9a-f]{64}")


#: What a refused entry that is too large "is", by its kind.
_TOO_LARGE = {
    "manifest": N_("is {size} unpacked, more than the {limit} a manifest may have"),
    "script": N_("is {size} unpacked, more than the {limit} a script may have"),
    "recording": N_("is {size} unpacked, more than the {limit} a recording may have"),
}
UNEXPECTED = N_("If you did not expect this file, you might simply delete it.")


@dataclass(frozen=True)
class _Entry:
    info: zipfile.ZipInfo
    kind: str  # "manifest", "script" or "recording"


def _check_name(name: str) -> str | None:
    """Why an entry's name is not acceptable, or None."""
    if not name:
        return _("has an empty name")
    if "\x00" in name or any(ord(c) < 32 for c in name):
        return _("has control characters in its name")
    if "\\" in name:
        return _('has a backslash in its name; a bundle names folders with "/" only')
    if name.startswith("/"):
        return _("has an absolute path (starting with /); a bundle holds only relative names")
    if re.match(r"[A-Za-z]:", name):
        return _("names a drive (such as C:); a bundle holds only relative names")
    parts = name.rstrip("/").split("/")
    if ".." in parts:
        return _('points outside its folder (".."); a bundle may not reach outside it')
    if any(p in ("", ".") for p in parts):
        return _("has an empty or '.' part in its path")
    return None


def _file_type(info: zipfile.ZipInfo) -> str | None:
    """Why an entry is not a plain file or folder, or None."""
    if info.flag_bits & 0x1:
        return _("is encrypted; a bundle's files are never encrypted")
    if info.create_system == 3:  # Unix: the mode is in the high 16 bits
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            return _("is a symbolic link; a bundle holds only plain files")
        # Permission bits without a file type (as zipfile.writestr writes them) are a plain
        # file; only a type other than file or folder is refused.
        if stat.S_IFMT(mode) and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            return _("is a special file (not a plain file); a bundle holds only plain files")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return _("is packed in a way this app does not read")
    return None


def _survey(zf: zipfile.ZipFile, limits: Limits, packed_size: int) -> list[_Entry]:
    """Check every entry's name, kind and size before anything is unpacked."""
    infos = zf.infolist()
    if len(infos) > limits.entries:
        raise refuse(
            None,
            _("holds {n} files; a shared script has at most {most}").format(
                n=len(infos), most=limits.entries
            ),
        )
    seen: dict[str, str] = {}
    entries: list[_Entry] = []
    total = 0
    scripts = []
    for info in infos:
        name = info.filename
        problem = _check_name(name) or _file_type(info)
        if problem:
            raise refuse(name, problem)
        folded = name.rstrip("/").casefold()
        if folded in seen:
            twice = (
                _("appears twice")
                if seen[folded] == name.rstrip("/")
                else _('has the same name as "{other}" apart from upper and lower case').format(
                    other=seen[folded]
                )
            )
            raise refuse(name, twice)
        seen[folded] = name.rstrip("/")
        if info.is_dir():
            continue
        if name == PLAN:
            raise refuse(
                name,
                "is an integration plan, not a script",
                "A plan is taken in by opening its file with kapcompanion (a double-click, or "
                "kapcompanion FILE in a terminal).",
            )
        if name == MANIFEST:
            kind, limit = "manifest", limits.manifest_bytes
        elif "/" not in name and name.endswith(".toml"):
            if not _SCRIPT_NAME.fullmatch(name):
                raise refuse(
                    name,
                    _(
                        "has a name this app does not accept for a script (letters, digits, "
                        '".", "-" and "_", ending in .toml)'
                    ),
                )
            kind, limit = "script", limits.script_bytes
            scripts.append(name)
        elif name.endswith(".wav"):
            if not VOICE_PATH.fullmatch(name):
                raise refuse(
                    name,
                    _(
                        "has a name this app does not accept for a recording (letters, digits, "
                        '".", "-" and "_", folders separated by "/", ending in .wav)'
                    ),
                )
            kind, limit = "recording", limits.recording_bytes
        else:
            raise refuse(
                name,
                _(
                    "is not part of a shared script: a bundle holds only manifest.json, one "
                    "script (.toml) and its recordings (.wav)"
                ),
            )
        if info.file_size > limit:
            raise refuse(
                name,
                _(_TOO_LARGE[kind]).format(size=size_text(info.file_size), limit=size_text(limit)),
            )
        if info.file_size > limits.ratio_from and info.file_size > limits.max_ratio * max(
            1, info.compress_size
        ):
            ratio = info.file_size / max(1, info.compress_size)
            raise refuse(
                name,
                _(
                    "would unpack to {ratio} times its packed size; real scripts and "
                    "recordings never pack that small, so it is not opened"
                ).format(ratio=f"{ratio:.0f}"),
                _(UNEXPECTED),
            )
        total += info.file_size
        if total > limits.total_bytes:
            raise refuse(
                None,
                _("would unpack to more than {limit}, more than a shared script may hold").format(
                    limit=size_text(limits.total_bytes)
                ),
            )
        entries.append(_Entry(info, kind))
    if total > limits.ratio_from and total > limits.max_ratio * max(1, packed_size):
        raise refuse(
            None,
            _("would unpack to many times its own size; it is not opened"),
            _(UNEXPECTED),
        )
    if MANIFEST not in seen.values():
        raise refuse(None, _("has no manifest.json, so its contents cannot be checked"))
    if len(scripts) != 1:
        found = (
            _("should hold exactly one script (.toml) but holds no script")
            if not scripts
            else _("should hold exactly one script (.toml) but holds {n} scripts ({names})")
        ).format(n=len(scripts), names=", ".join(scripts))
        raise refuse(None, found)
    return entries


def _unpack(zf: zipfile.ZipFile, entry: _Entry, into: Path) -> tuple[int, str]:
    """Copy one entry to ``into`` (a fresh file, 0600); its size and SHA-256."""
    name = entry.info.filename
    target = into.joinpath(*PurePosixPath(name).parts)
    # The name was checked, but make sure once more that the file lands inside the folder.
    if not target.resolve().is_relative_to(into.resolve()):
        raise refuse(name, _("points outside its folder"))
    where = into
    for part in PurePosixPath(name).parts[:-1]:
        where = where / part
        with contextlib.suppress(FileExistsError):
            where.mkdir(mode=DIR_MODE)
    digest = hashlib.sha256()
    size = 0
    fd = os.open(
        target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), FILE_MODE
    )
    with os.fdopen(fd, "wb") as out:
        try:
            with zf.open(entry.info) as src:
                while chunk := src.read(CHUNK):
                    size += len(chunk)
                    if size > entry.info.file_size:
                        raise refuse(name, _("holds more than its listed size"))
                    digest.update(chunk)
                    out.write(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError) as problem:
            raise refuse(name, _("is damaged ({why})").format(why=problem)) from None
        out.flush()
        os.fsync(out.fileno())
    return size, digest.hexdigest()


def _read_manifest(path: Path, limits: Limits) -> dict[str, object]:
    try:
        data = parse_json(
            MANIFEST, decode_text(MANIFEST, read_limited(path, limits.manifest_bytes))
        )
    except FileFormatError as problem:
        where = f"{problem.where}: " if problem.where else ""
        raise refuse(
            MANIFEST, _("is not readable JSON ({why})").format(why=f"{where}{problem.cause}")
        ) from None
    except OSError as problem:
        raise refuse(MANIFEST, _("could not be read ({why})").format(why=problem)) from None
    if not isinstance(data, dict):
        raise refuse(MANIFEST, _("is not a JSON object"))
    if data.get("format") != FORMAT:
        raise refuse(
            MANIFEST,
            _('does not say it belongs to a shared script ("{format}")').format(format=FORMAT),
        )
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise refuse(MANIFEST, _("has no valid version"))
    if version > VERSION:
        raise refuse(
            MANIFEST,
            _("was made by a newer version of this app (bundle version {version})").format(
                version=version
            ),
            _("You might update the app and open it again."),
        )
    return data


def _match_manifest(data: dict[str, object], unpacked: dict[str, tuple[int, str]]) -> str:
    """Check the manifest's list against what was unpacked; the script's name."""
    files = data.get("files")
    if not isinstance(files, list):
        raise refuse(MANIFEST, _('has no list of "files"'))
    listed: dict[str, dict[str, object]] = {}
    for item in files:
        name = item.get("name") if isinstance(item, dict) else None
        if not isinstance(item, dict) or not isinstance(name, str):
            raise refuse(MANIFEST, _('lists a file without a "name"'))
        if name in listed:
            raise refuse(MANIFEST, _('lists "{name}" twice').format(name=name))
        listed[name] = item
    for name in unpacked:
        if name not in listed:
            raise refuse(name, _("is not listed in manifest.json, so it cannot be checked"))
    for name, item in listed.items():
        if name not in unpacked:
            raise refuse(name, _("is listed in manifest.json but missing from the bundle"))
        size, digest = unpacked[name]
        if item.get("size") != size:
            raise refuse(
                name,
                _(
                    "is {size} bytes but manifest.json lists {listed}; the file "
                    "was changed or damaged on the way"
                ).format(size=f"{size:,}", listed=repr(item.get("size"))),
            )
        listed_digest = item.get("sha256")
        if not isinstance(listed_digest, str) or not _SHA256.fullmatch(listed_digest):
            raise refuse(MANIFEST, _('has no valid sha256 for "{name}"').format(name=name))
        if listed_digest != digest:
            raise refuse(
                name,
                _(
                    "does not match its checksum in manifest.json; the file was changed or "
                    "damaged on the way"
                ),
            )
    script = data.get("script")
    if not isinstance(script, str) or script not in unpacked or not script.endswith(".toml"):
        raise refuse(MANIFEST, _("does not name the bundle's script"))
    return script


@dataclass(frozen=True)
class Unpacked:
    """A bundle unpacked and checked in a temporary folder (``temp``) inside the scripts
    folder: its exercise, the script's name in the bundle and the recordings' paths."""

    temp: Path
    exercise: Exercise
    script: str
    recordings: tuple[str, ...]
    #: The person's older copy of the same script, to be put aside (see ``replace``).
    older: Path | None = None


def _open_bundle(bundle: Path, limits: Limits) -> tuple[BinaryIO, int]:
    """The bundle file, open for reading, and its size: checked first to be a plain file (a
    pipe would wait forever, a device never end) of at most the size a bundle may have."""
    try:
        fd = open_plain(bundle, None, follow_links=True)
    except UnsafeFileError as problem:
        what = problem.what or problem.reason.split(";")[0].removeprefix("is ")
        raise BundleError(
            _("{name} is {what}, not a shared script (one plain file). {nothing}").format(
                name=printable(bundle.name), what=what, nothing=_(NOTHING)
            )
        ) from None
    except OSError as problem:
        raise BundleError(
            _("The file {name} cannot be read ({why}). {nothing}").format(
                name=bundle.name, why=problem.strerror or problem, nothing=_(NOTHING)
            )
        ) from None
    file = os.fdopen(fd, "rb")
    packed_size = os.fstat(fd).st_size
    if packed_size > limits.bundle_bytes:
        file.close()
        raise refuse(
            None,
            _("is {size}, more than the {limit} a shared script may have").format(
                size=size_text(packed_size), limit=size_text(limits.bundle_bytes)
            ),
        )
    return file, packed_size


def _temporary_folder(folder: Path) -> Path:
    try:
        ensure_private_dir(folder)
        return Path(tempfile.mkdtemp(prefix=_TEMP_PREFIX, dir=folder))
    except OSError as problem:
        raise BundleError(
            _("Your scripts folder {folder} cannot be written to ({why}). {nothing}").format(
                folder=folder, why=problem.strerror or problem, nothing=_(NOTHING)
            )
        ) from None


def _unpack_all(
    bundle: Path, file: BinaryIO, temp: Path, limits: Limits, packed_size: int
) -> tuple[dict[str, object], dict[str, tuple[int, str]]]:
    """Every entry surveyed, then unpacked into ``temp``: the manifest and, for every other
    entry, its size and SHA-256."""
    try:
        zf = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, EOFError):
        raise BundleError(
            _(
                "{name} is not a shared script this app can open (it is not a whole "
                "zip file). {nothing} {todo}"
            ).format(name=bundle.name, nothing=_(NOTHING), todo=_(ASK_AGAIN))
        ) from None
    with zf:
        entries = _survey(zf, limits, packed_size)
        unpacked: dict[str, tuple[int, str]] = {}
        manifest: dict[str, object] = {}
        for entry in entries:
            try:
                result = _unpack(zf, entry, temp)
            except OSError as problem:
                raise BundleError(
                    _(
                        '"{name}" could not be written to your scripts folder '
                        "({why}). {nothing} You might free some space and try again."
                    ).format(
                        name=entry.info.filename,
                        why=problem.strerror or problem,
                        nothing=_(NOTHING),
                    ),
                    entry.info.filename,
                ) from None
            if entry.kind == "manifest":
                manifest = _read_manifest(temp / MANIFEST, limits)
            else:
                unpacked[entry.info.filename] = result
    return manifest, unpacked


def _load(temp: Path, script: str, manifest: dict[str, object]) -> Exercise:
    try:
        exercise = load_script(temp / script)
    except ScriptError as problem:
        raise refuse(
            script,
            _("has a problem: {problem}").format(problem=problem),
            _(
                "You might ask the person who shared it to fix it (kapcompanion check-script "
                "shows every problem) and share it again."
            ),
        ) from None
    listed_id = manifest.get("id")
    if listed_id is not None and listed_id != exercise.id:
        raise refuse(
            MANIFEST,
            _('names the script "{listed}", but the script\'s id is "{id}"').format(
                listed=listed_id, id=exercise.id
            ),
        )
    return exercise


def _check_recordings(temp: Path, exercise: Exercise, names: Iterable[str]) -> tuple[str, ...]:
    used = {s.voice for s in exercise.steps if s.voice is not None}
    recordings = sorted(n for n in names if n.endswith(".wav"))
    for name in recordings:
        if name not in used:
            raise refuse(name, _("is a recording that no step of the script uses"))
        try:
            wav_info(temp / name)
        except VoiceError as problem:
            raise refuse(
                name,
                _("is not a recording this app can play: it {why}").format(why=problem.detail),
            ) from None
    return tuple(recordings)


@contextlib.contextmanager
def unpacked(
    bundle: Path,
    folder: Path,
    limits: Limits,
    known: Iterable[Exercise] | None,
    *,
    replace: bool = False,
) -> Iterator[Unpacked]:
    """Unpack and check a bundle in a temporary folder inside ``folder``; always removed
    afterwards unless the caller renamed it away. ``known`` are the exercises whose ids are
    taken (None: the shipped ones and those in ``folder``). A script the person already has a
    copy of raises :class:`OlderCopyError`, unless ``replace`` (the caller puts the copy named
    in ``older`` aside). Raises :class:`BundleError`."""
    file, packed_size = _open_bundle(bundle, limits)
    try:
        temp = _temporary_folder(folder)
    except BaseException:
        file.close()
        raise
    try:
        with file:
            manifest, files = _unpack_all(bundle, file, temp, limits, packed_size)
        script = _match_manifest(manifest, files)
        (temp / MANIFEST).unlink()
        exercise = _load(temp, script, manifest)
        recordings = _check_recordings(temp, exercise, files)
        clash = clash_of(exercise, folder, known)
        if clash is not None and clash.older is not None:
            if not replace:
                raise OlderCopyError(
                    _(
                        "{clash}. {nothing} If it is an updated copy of your script, it can take "
                        "that one's place: open the file with kapcompanion and choose to "
                        "replace your copy."
                    ).format(clash=clash.reason, nothing=_(NOTHING)),
                    script,
                    older=clash.older,
                    title=clash.title,
                    exercise=exercise,
                )
        elif clash is not None:
            raise BundleError(
                _("{clash}. {nothing} You might ask for a copy with a different id.").format(
                    clash=clash.reason, nothing=_(NOTHING)
                ),
                script,
            )
        yield Unpacked(temp, exercise, script, recordings, clash.older if clash else None)
    finally:
        if temp.exists():
            shutil.rmtree(temp, ignore_errors=True)


def check_bundle(
    bundle: Path | str,
    scripts_folder: Path | None = None,
    *,
    known: Iterable[Exercise] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Exercise:
    """Everything :func:`kapcompanion.storage.bundle_import.import_bundle` checks, without
    keeping anything: the exercise the bundle holds (to show before importing it). Raises
    :class:`BundleError`."""
    folder = scripts_folder if scripts_folder is not None else user_scripts_dir()
    with unpacked(Path(bundle), folder, limits, known) as checked:
        return checked.exercise
