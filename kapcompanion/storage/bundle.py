"""Sharing a script with its recordings as one ``.kapscript`` file, and taking one in.

A bundle is a zip archive holding exactly:

- ``manifest.json``: ``{"format": "kapcompanion-script", "version": 1, "id": …, "script": …,
  "files": [{"name": …, "size": …, "sha256": …}, …]}`` listing every other entry;
- the script, one ``<id>.toml`` at the top;
- the recordings its steps name (``voice = "voice/step-03.wav"``), at those same paths.

:func:`export_bundle` writes one from a script that loads cleanly. :func:`import_bundle` takes one
into the person's scripts folder as a folder of its own, ``<scripts>/<id>/``, and trusts nothing
in it: every entry's name, kind, size and compression ratio is checked before anything is
written; the entries are unpacked into a hidden temporary folder inside the scripts folder,
checked against the manifest (sizes and SHA-256), the script is loaded with the usual loader,
every recording is checked as a WAV file, and the id must be new. Only then is the folder
renamed into place, in one step. On any problem a :class:`BundleError` names the entry and what
the person can do, and the temporary folder is removed: nothing is ever partly imported.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
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

from kapcompanion.domain.scripts import MAX_FILE_BYTES, MAX_STEPS, VOICE_PATH, Exercise, ScriptError
from kapcompanion.domain.voice import MAX_SECONDS, RATE, SAMPLE_WIDTH, VoiceError
from kapcompanion.storage.library import load_builtin, load_folder, load_script
from kapcompanion.storage.wav import wav_info

from .files import sync_folder
from .paths import DIR_MODE, FILE_MODE, ensure_private_dir, user_scripts_dir

SUFFIX = ".kapscript"
FORMAT = "kapcompanion-script"
VERSION = 1
MANIFEST = "manifest.json"
_TEMP_PREFIX = ".import-"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_CHUNK = 1 << 16
_SCRIPT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\.toml")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_MB = 1_000_000


@dataclass(frozen=True)
class Limits:
    """What an imported bundle may hold (bytes, unpacked)."""

    script_bytes: int = MAX_FILE_BYTES
    manifest_bytes: int = 256_000
    #: A recording of the longest length, plus room for a larger header.
    recording_bytes: int = int(MAX_SECONDS * RATE * SAMPLE_WIDTH) + 64_000
    total_bytes: int = 200 * _MB
    #: The bundle file itself.
    bundle_bytes: int = 200 * _MB
    entries: int = MAX_STEPS + 8
    #: Unpacked / packed size above which an entry (over ``ratio_from`` bytes) is refused.
    #: Speech barely compresses; text some 3-5 times; only crafted data packs 20 times down.
    max_ratio: float = 20.0
    ratio_from: int = 64_000


class BundleError(ValueError):
    """Why a bundle cannot be made or taken in, for a person. ``entry`` names the file inside
    the bundle the problem is about (None for the bundle as a whole)."""

    def __init__(self, message: str, entry: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.entry = entry

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class ImportedScript:
    """A script taken in: its exercise (loaded from its new place) and its folder."""

    exercise: Exercise
    folder: Path
    script: Path
    recordings: tuple[Path, ...]


@dataclass(frozen=True)
class ExportedBundle:
    path: Path
    exercise: Exercise
    recordings: tuple[str, ...]
    size: int


# --- export ---------------------------------------------------------------------------------


def _sha256(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
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
            f"This script cannot be shared yet: {problem}. You might fix that first "
            "(kapcompanion check-script shows every problem).",
            source.name,
        ) from None
    folder = source.parent
    voices = sorted({s.voice for s in exercise.steps if s.voice is not None})
    for name in voices:
        try:
            wav_info(folder / name)
        except VoiceError as problem:
            raise BundleError(f"This script cannot be shared yet: {problem}", name) from None
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
        "version": VERSION,
        "id": exercise.id,
        "title": exercise.title,
        "script": script_name,
        "files": files,
    }
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with zipfile.ZipFile(tmp, "w") as zf:
            zf.writestr(
                _zip_info(MANIFEST, zipfile.ZIP_DEFLATED),
                json.dumps(manifest, indent=2, ensure_ascii=False) + "\n",
            )
            for name, path in parts:
                compress = zipfile.ZIP_DEFLATED if name.endswith(".toml") else zipfile.ZIP_STORED
                with path.open("rb") as src, zf.open(_zip_info(name, compress), "w") as dst:
                    shutil.copyfileobj(src, dst, _CHUNK)
        with tmp.open("rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except OSError as problem:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise BundleError(
            f"The shared script could not be written to {target} "
            f"({problem.strerror or problem}). Nothing was written; you might choose another "
            "place or free some space."
        ) from None
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return ExportedBundle(target, exercise, tuple(voices), target.stat().st_size)


# --- import ---------------------------------------------------------------------------------

_NOTHING = "Nothing was imported."
_ASK_AGAIN = "You might ask the person who shared it for a fresh copy."


def _refuse(entry: str | None, what: str, todo: str = _ASK_AGAIN) -> BundleError:
    text = f'"{entry}" in this bundle {what}' if entry else f"This bundle {what}"
    return BundleError(f"{text}. {_NOTHING} {todo}", entry)


def _size_text(n: int) -> str:
    if n >= _MB:
        return f"{n / _MB:.1f} MB"
    return f"{n / 1000:.0f} kB" if n >= 10_000 else f"{n:,} bytes"


@dataclass(frozen=True)
class _Entry:
    info: zipfile.ZipInfo
    kind: str  # "manifest", "script" or "recording"


def _check_name(name: str) -> str | None:
    """Why an entry's name is not acceptable, or None."""
    if not name:
        return "has an empty name"
    if "\x00" in name or any(ord(c) < 32 for c in name):
        return "has control characters in its name"
    if "\\" in name:
        return 'has a backslash in its name; a bundle names folders with "/" only'
    if name.startswith("/"):
        return "has an absolute path (starting with /); a bundle holds only relative names"
    if re.match(r"[A-Za-z]:", name):
        return "names a drive (such as C:); a bundle holds only relative names"
    parts = name.rstrip("/").split("/")
    if ".." in parts:
        return 'points outside its folder (".."); a bundle may not reach outside it'
    if any(p in ("", ".") for p in parts):
        return "has an empty or '.' part in its path"
    return None


def _file_type(info: zipfile.ZipInfo) -> str | None:
    """Why an entry is not a plain file or folder, or None."""
    if info.flag_bits & 0x1:
        return "is encrypted; a bundle's files are never encrypted"
    if info.create_system == 3:  # Unix: the mode is in the high 16 bits
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            return "is a symbolic link; a bundle holds only plain files"
        if mode and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            return "is a special file (not a plain file); a bundle holds only plain files"
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return "is packed in a way this app does not read"
    return None


def _survey(zf: zipfile.ZipFile, limits: Limits, packed_size: int) -> list[_Entry]:
    """Check every entry's name, kind and size before anything is unpacked."""
    infos = zf.infolist()
    if len(infos) > limits.entries:
        raise _refuse(
            None,
            f"holds {len(infos)} files; a shared script has at most {limits.entries}",
        )
    seen: dict[str, str] = {}
    entries: list[_Entry] = []
    total = 0
    scripts = []
    for info in infos:
        name = info.filename
        problem = _check_name(name) or _file_type(info)
        if problem:
            raise _refuse(name, problem)
        folded = name.rstrip("/").casefold()
        if folded in seen:
            twice = (
                "appears twice"
                if seen[folded] == name.rstrip("/")
                else f'has the same name as "{seen[folded]}" apart from upper and lower case'
            )
            raise _refuse(name, twice)
        seen[folded] = name.rstrip("/")
        if info.is_dir():
            continue
        if name == MANIFEST:
            kind, limit = "manifest", limits.manifest_bytes
        elif "/" not in name and name.endswith(".toml"):
            if not _SCRIPT_NAME.fullmatch(name):
                raise _refuse(
                    name,
                    "has a name this app does not accept for a script (letters, digits, "
                    '".", "-" and "_", ending in .toml)',
                )
            kind, limit = "script", limits.script_bytes
            scripts.append(name)
        elif name.endswith(".wav"):
            if not VOICE_PATH.fullmatch(name):
                raise _refuse(
                    name,
                    "has a name this app does not accept for a recording (letters, digits, "
                    '".", "-" and "_", folders separated by "/", ending in .wav)',
                )
            kind, limit = "recording", limits.recording_bytes
        else:
            raise _refuse(
                name,
                "is not part of a shared script: a bundle holds only manifest.json, one "
                "script (.toml) and its recordings (.wav)",
            )
        if info.file_size > limit:
            raise _refuse(
                name,
                f"is {_size_text(info.file_size)} unpacked, more than the "
                f"{_size_text(limit)} a {kind} may have",
            )
        if info.file_size > limits.ratio_from and info.file_size > limits.max_ratio * max(
            1, info.compress_size
        ):
            ratio = info.file_size / max(1, info.compress_size)
            raise _refuse(
                name,
                f"would unpack to {ratio:.0f} times its packed size; real scripts and "
                "recordings never pack that small, so it is not opened",
                "If you did not expect this file, you might simply delete it.",
            )
        total += info.file_size
        if total > limits.total_bytes:
            raise _refuse(
                None,
                f"would unpack to more than {_size_text(limits.total_bytes)}, more than a "
                "shared script may hold",
            )
        entries.append(_Entry(info, kind))
    if total > limits.ratio_from and total > limits.max_ratio * max(1, packed_size):
        raise _refuse(
            None,
            "would unpack to many times its own size; it is not opened",
            "If you did not expect this file, you might simply delete it.",
        )
    if MANIFEST not in seen.values():
        raise _refuse(None, "has no manifest.json, so its contents cannot be checked")
    if len(scripts) != 1:
        found = "no script" if not scripts else f"{len(scripts)} scripts ({', '.join(scripts)})"
        raise _refuse(None, f"should hold exactly one script (.toml) but holds {found}")
    return entries


def _unpack(zf: zipfile.ZipFile, entry: _Entry, into: Path) -> tuple[int, str]:
    """Copy one entry to ``into`` (a fresh file, 0600); its size and SHA-256."""
    name = entry.info.filename
    target = into.joinpath(*PurePosixPath(name).parts)
    # The name was checked, but make sure once more that the file lands inside the folder.
    if not target.resolve().is_relative_to(into.resolve()):
        raise _refuse(name, "points outside its folder")
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
                while chunk := src.read(_CHUNK):
                    size += len(chunk)
                    if size > entry.info.file_size:
                        raise _refuse(name, "holds more than its listed size")
                    digest.update(chunk)
                    out.write(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError) as problem:
            raise _refuse(name, f"is damaged ({problem})") from None
        out.flush()
        os.fsync(out.fileno())
    return size, digest.hexdigest()


def _read_manifest(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as problem:
        raise _refuse(MANIFEST, f"is not readable JSON ({problem})") from None
    if not isinstance(data, dict):
        raise _refuse(MANIFEST, "is not a JSON object")
    if data.get("format") != FORMAT:
        raise _refuse(MANIFEST, f'does not say it belongs to a shared script ("{FORMAT}")')
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _refuse(MANIFEST, "has no valid version")
    if version > VERSION:
        raise _refuse(
            MANIFEST,
            f"was made by a newer version of this app (bundle version {version})",
            "You might update the app and open it again.",
        )
    return data


def _match_manifest(data: dict[str, object], unpacked: dict[str, tuple[int, str]]) -> str:
    """Check the manifest's list against what was unpacked; the script's name."""
    files = data.get("files")
    if not isinstance(files, list):
        raise _refuse(MANIFEST, 'has no list of "files"')
    listed: dict[str, dict[str, object]] = {}
    for item in files:
        name = item.get("name") if isinstance(item, dict) else None
        if not isinstance(item, dict) or not isinstance(name, str):
            raise _refuse(MANIFEST, 'lists a file without a "name"')
        if name in listed:
            raise _refuse(MANIFEST, f'lists "{name}" twice')
        listed[name] = item
    for name in unpacked:
        if name not in listed:
            raise _refuse(name, "is not listed in manifest.json, so it cannot be checked")
    for name, item in listed.items():
        if name not in unpacked:
            raise _refuse(name, "is listed in manifest.json but missing from the bundle")
        size, digest = unpacked[name]
        if item.get("size") != size:
            raise _refuse(
                name,
                f"is {size:,} bytes but manifest.json lists {item.get('size')!r}; the file "
                "was changed or damaged on the way",
            )
        listed_digest = item.get("sha256")
        if not isinstance(listed_digest, str) or not _SHA256.fullmatch(listed_digest):
            raise _refuse(MANIFEST, f'has no valid sha256 for "{name}"')
        if listed_digest != digest:
            raise _refuse(
                name,
                "does not match its checksum in manifest.json; the file was changed or "
                "damaged on the way",
            )
    script = data.get("script")
    if not isinstance(script, str) or script not in unpacked or not script.endswith(".toml"):
        raise _refuse(MANIFEST, "does not name the bundle's script")
    return script


def _clash(exercise: Exercise, folder: Path, known: Iterable[Exercise] | None) -> str | None:
    """Why the exercise cannot go into ``folder`` under its id, or None."""
    if known is None:
        builtin, _ = load_builtin()
        own, _ = load_folder(folder, known=builtin) if folder.is_dir() else ([], [])
        known = [*builtin, *own]
    for other in known:
        if other.id == exercise.id:
            where = Path(other.source).name if other.source else "the app"
            return f'Its id "{exercise.id}" is already used by "{other.title}" ({where})'
    for name in (exercise.id, f"{exercise.id}.toml"):
        if os.path.lexists(folder / name):
            return f'Your scripts folder already has something called "{name}"'
    return None


@contextlib.contextmanager
def _unpacked(
    bundle: Path, folder: Path, limits: Limits, known: Iterable[Exercise] | None
) -> Iterator[tuple[Path, Exercise, str, list[str]]]:
    """Unpack and check a bundle in a temporary folder inside ``folder``; always removed
    afterwards unless the caller renamed it away."""
    try:
        packed_size = bundle.stat().st_size
    except OSError as problem:
        raise BundleError(
            f"The file {bundle.name} cannot be read ({problem.strerror or problem}). {_NOTHING}"
        ) from None
    if packed_size > limits.bundle_bytes:
        raise _refuse(
            None,
            f"is {_size_text(packed_size)}, more than the {_size_text(limits.bundle_bytes)} a "
            "shared script may have",
        )
    try:
        ensure_private_dir(folder)
        temp = Path(tempfile.mkdtemp(prefix=_TEMP_PREFIX, dir=folder))
    except OSError as problem:
        raise BundleError(
            f"Your scripts folder {folder} cannot be written to "
            f"({problem.strerror or problem}). {_NOTHING}"
        ) from None
    try:
        try:
            zf = zipfile.ZipFile(bundle)
        except (zipfile.BadZipFile, OSError, EOFError):
            raise BundleError(
                f"{bundle.name} is not a shared script this app can open (it is not a whole "
                f"zip file). {_NOTHING} {_ASK_AGAIN}"
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
                        f'"{entry.info.filename}" could not be written to your scripts folder '
                        f"({problem.strerror or problem}). {_NOTHING} You might free some "
                        "space and try again.",
                        entry.info.filename,
                    ) from None
                if entry.kind == "manifest":
                    manifest = _read_manifest(temp / MANIFEST)
                else:
                    unpacked[entry.info.filename] = result
        script = _match_manifest(manifest, unpacked)
        (temp / MANIFEST).unlink()
        try:
            exercise = load_script(temp / script)
        except ScriptError as problem:
            raise _refuse(
                script,
                f"has a problem: {problem}",
                "You might ask the person who shared it to fix it (kapcompanion check-script "
                "shows every problem) and share it again.",
            ) from None
        listed_id = manifest.get("id")
        if listed_id is not None and listed_id != exercise.id:
            raise _refuse(
                MANIFEST,
                f'names the script "{listed_id}", but the script\'s id is "{exercise.id}"',
            )
        used = {s.voice for s in exercise.steps if s.voice is not None}
        recordings = sorted(n for n in unpacked if n.endswith(".wav"))
        for name in recordings:
            if name not in used:
                raise _refuse(name, "is a recording that no step of the script uses")
            try:
                wav_info(temp / name)
            except VoiceError as problem:
                raise _refuse(
                    name, f"is not a recording this app can play: it {problem.detail}"
                ) from None
        clash = _clash(exercise, folder, known)
        if clash:
            raise BundleError(
                f"{clash}. {_NOTHING} If it is an older copy of the same script, you might "
                f"remove that one from {folder} first; otherwise ask for a copy with a "
                "different id.",
                script,
            )
        yield temp, exercise, script, recordings
    finally:
        if temp.exists():
            shutil.rmtree(temp, ignore_errors=True)


def check_bundle(
    bundle: Path | str,
    scripts_folder: Path | None = None,
    *,
    known: Iterable[Exercise] | None = None,
    limits: Limits = Limits(),
) -> Exercise:
    """Everything :func:`import_bundle` checks, without keeping anything: the exercise the
    bundle holds (to show before importing it). Raises :class:`BundleError`."""
    folder = scripts_folder if scripts_folder is not None else user_scripts_dir()
    with _unpacked(Path(bundle), folder, limits, known) as (_temp, exercise, _script, _rec):
        return exercise


def import_bundle(
    bundle: Path | str,
    scripts_folder: Path | None = None,
    *,
    known: Iterable[Exercise] | None = None,
    limits: Limits = Limits(),
) -> ImportedScript:
    """Take a ``.kapscript`` into ``scripts_folder`` (the person's scripts folder by default)
    as ``<scripts_folder>/<id>/``.

    ``known`` are the exercises whose ids are taken; by default the shipped ones and those
    already in ``scripts_folder``. Raises :class:`BundleError`; then nothing was added.
    """
    folder = scripts_folder if scripts_folder is not None else user_scripts_dir()
    with _unpacked(Path(bundle), folder, limits, known) as (temp, exercise, script, recordings):
        final = folder / exercise.id
        try:
            os.chmod(temp, DIR_MODE)
            if os.path.lexists(final):
                raise FileExistsError(final)
            os.rename(temp, final)
        except OSError as problem:
            raise BundleError(
                f'The script "{exercise.title}" could not be put into your scripts folder '
                f"({problem.strerror or problem}). {_NOTHING}",
                script,
            ) from None
        sync_folder(folder)
    source = final / script
    return ImportedScript(
        exercise=dataclasses.replace(exercise, source=str(source)),
        folder=final,
        script=source,
        recordings=tuple(final.joinpath(*PurePosixPath(n).parts) for n in recordings),
    )
