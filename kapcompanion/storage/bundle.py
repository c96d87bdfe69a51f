"""Sharing a script with its recordings as one ``.kapscript`` file: the format, its limits and
its words for a person.

A bundle is a zip archive holding exactly:

- ``manifest.json``: ``{"format": "kapcompanion-script", "version": 1, "id": …, "script": …,
  "files": [{"name": …, "size": …, "sha256": …}, …]}`` listing every other entry;
- the script, one ``<id>.toml`` at the top;
- the recordings its steps name (``voice = "voice/step-03.wav"``), at those same paths.

Or, from version 2 on, an integration plan instead of a script: ``manifest.json`` (with
``"plan": "plan.json"``) and ``plan.json`` (:func:`kapcompanion.domain.plan.plan_data`), read
and written by :mod:`kapcompanion.storage.bundle_plan`. A shared script is still written as
version 1, so older copies of the app keep taking it in; they refuse a plan as made by a newer
version.

:func:`kapcompanion.storage.bundle_export.export_bundle` writes one from a script that loads
cleanly. :mod:`kapcompanion.storage.bundle_check` reads one and trusts nothing in it: every
entry's name, kind, size and compression ratio is checked before anything is written; the
entries are unpacked into a hidden temporary folder inside the scripts folder, checked against
the manifest (sizes and SHA-256), the script is loaded with the usual loader, every recording is
checked as a WAV file, and the id must be new.
:func:`kapcompanion.storage.bundle_import.import_bundle` then renames that folder into place as
``<scripts>/<id>/``, in one step. On any problem a :class:`BundleError` names the entry and what
the person can do, and the temporary folder is removed: nothing is ever partly imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kapcompanion.domain.scripts import MAX_FILE_BYTES, MAX_STEPS, Exercise
from kapcompanion.domain.voice import MAX_SECONDS, RATE, SAMPLE_WIDTH
from kapcompanion.i18n import N_, _, ngettext

SUFFIX = ".kapscript"
FORMAT = "kapcompanion-script"
#: The newest bundle version this app reads (2: a bundle may hold a plan instead of a script).
VERSION = 2
#: The version a shared script is written as (unchanged since version 1).
SCRIPT_VERSION = 1
#: The plan's entry in a bundle that holds one.
PLAN = "plan.json"
MANIFEST = "manifest.json"
#: Files are copied in pieces of this size.
CHUNK = 1 << 16
_MB = 1_000_000

#: The end of every refusal, and what the person can usually do.
NOTHING = N_("Nothing was imported.")
ASK_AGAIN = N_("You might ask the person who shared it for a fresh copy.")


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


#: The limits every bundle is held to, unless a caller names others.
DEFAULT_LIMITS = Limits()


class BundleError(ValueError):
    """Why a bundle cannot be made or taken in, for a person. ``entry`` names the file inside
    the bundle the problem is about (None for the bundle as a whole)."""

    def __init__(self, message: str, entry: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.entry = entry

    def __str__(self) -> str:
        return self.message


class OlderCopyError(BundleError):
    """The bundle holds a script the person already has, by id, in their own scripts folder:
    most likely an updated copy of it. It may take that copy's place when the person agrees
    (:func:`kapcompanion.storage.bundle_import.import_bundle` with ``put_aside``).

    ``older`` is what would be put aside: the copy's own folder (its recordings with it), or
    only its file when it shares a folder with other scripts; ``title`` is the copy's title and
    ``exercise`` the bundle's script."""

    def __init__(
        self, message: str, entry: str | None, *, older: Path, title: str, exercise: Exercise
    ) -> None:
        super().__init__(message, entry)
        self.older = older
        self.title = title
        self.exercise = exercise


@dataclass(frozen=True)
class ImportedScript:
    """A script taken in: its exercise (loaded from its new place) and its folder."""

    exercise: Exercise
    folder: Path
    script: Path
    recordings: tuple[Path, ...]
    #: The older copy this one took the place of (where it was), or None.
    replaced: Path | None = None


@dataclass(frozen=True)
class ExportedBundle:
    path: Path
    exercise: Exercise
    recordings: tuple[str, ...]
    size: int


def refuse(entry: str | None, what: str, todo: str | None = None) -> BundleError:
    """A bundle refused: ``entry`` (or the bundle as a whole) ``what``; nothing was imported.
    ``what`` and ``todo`` (what the person might do; None: ask for a fresh copy) come
    translated."""
    text = (
        _('"{entry}" in this bundle {what}').format(entry=entry, what=what)
        if entry
        else _("This bundle {what}").format(what=what)
    )
    todo = _(ASK_AGAIN) if todo is None else todo
    return BundleError(f"{text}. {_(NOTHING)} {todo}", entry)


def size_text(n: int) -> str:
    """A size in bytes as a person reads it: "1.5 MB", "64 kB", "512 bytes"."""
    if n >= _MB:
        return f"{n / _MB:.1f} MB"
    if n >= 10_000:
        return f"{n / 1000:.0f} kB"
    return ngettext("{n} byte", "{n} bytes", n).format(n=f"{n:,}")
