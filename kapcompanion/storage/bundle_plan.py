"""An integration plan as a ``.kapscript`` bundle: written on the therapist's computer, read on
the client's (the format is described in :mod:`kapcompanion.storage.bundle`).

A plan bundle holds exactly ``manifest.json`` and ``plan.json``, both small. Reading one trusts
nothing: the file must be a plain file and a whole zip archive, its entries exactly those two
(checked by name, kind and size before anything is read), the manifest's format and version
known, and ``plan.json``'s size and SHA-256 those the manifest lists; then the plan itself is
checked by :func:`kapcompanion.domain.plan.plan_from_data`. Nothing is unpacked to disk: the
two entries are read into memory, within their limits.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import zipfile
import zlib
from pathlib import Path

from kapcompanion.domain.plan import Plan, PlanError, plan_data, plan_from_data
from kapcompanion.i18n import _

from .bundle import DEFAULT_LIMITS, FORMAT, MANIFEST, PLAN, SUFFIX, VERSION, BundleError
from .bundle_check import _check_name, _file_type, _open_bundle
from .bundle_export import _zip_info
from .paths import FILE_MODE
from .safe_read import FileFormatError, create_new, decode_text, parse_json

#: The version a plan bundle is written as (the first that may hold a plan).
PLAN_VERSION = 2
#: What each of the two entries may hold, unpacked.
ENTRY_BYTES = 64_000


def _refused(entry: str | None, why: str) -> BundleError:
    """A plan bundle refused, with what the person can do."""
    return BundleError(
        _("{why} Nothing was taken in. You might ask your therapist for a fresh copy.").format(
            why=why
        ),
        entry,
    )


def plan_bytes(plan: Plan) -> bytes:
    return (json.dumps(plan_data(plan), indent=2, ensure_ascii=False) + "\n").encode()


def export_plan(plan: Plan, destination: Path | str) -> Path:
    """Write ``plan`` as a ``.kapscript`` file at ``destination`` (the ending is added when
    missing); whole or not at all. Raises :class:`BundleError` when it cannot be written."""
    target = Path(destination)
    if target.suffix != SUFFIX:
        target = target.with_name(target.name + SUFFIX)
    body = plan_bytes(plan)
    manifest = {
        "format": FORMAT,
        "version": PLAN_VERSION,
        "plan": PLAN,
        "files": [{"name": PLAN, "size": len(body), "sha256": hashlib.sha256(body).hexdigest()}],
    }
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        try:
            fd = create_new(tmp, FILE_MODE)
        except FileExistsError:
            tmp.unlink()
            fd = create_new(tmp, FILE_MODE)
        with os.fdopen(fd, "wb") as raw:
            with zipfile.ZipFile(raw, "w") as zf:
                zf.writestr(
                    _zip_info(MANIFEST, zipfile.ZIP_DEFLATED),
                    json.dumps(manifest, indent=2, ensure_ascii=False) + "\n",
                )
                zf.writestr(_zip_info(PLAN, zipfile.ZIP_DEFLATED), body)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp, target)
    except OSError as problem:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise BundleError(
            _(
                "The plan could not be written to {target} ({why}). Nothing was written; you "
                "might choose another place or free some space."
            ).format(target=target, why=problem.strerror or problem)
        ) from None
    return target


def holds_plan(bundle: Path | str) -> bool:
    """Whether ``bundle`` is a zip archive with a plan in it (False for anything else: the
    script check then says what is wrong with it)."""
    try:
        file, _size = _open_bundle(Path(bundle), DEFAULT_LIMITS)
    except BundleError:
        return False
    with file:
        try:
            with zipfile.ZipFile(file) as zf:
                return PLAN in zf.namelist()
        except (zipfile.BadZipFile, OSError, EOFError):
            return False


def _read_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    name = info.filename
    try:
        with zf.open(info) as src:
            data = src.read(ENTRY_BYTES + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as problem:
        raise _refused(
            name, _('"{name}" in this plan is damaged ({why}).').format(name=name, why=problem)
        ) from None
    if len(data) > ENTRY_BYTES or len(data) != info.file_size:
        raise _refused(
            name, _('"{name}" in this plan is not the size it says it is.').format(name=name)
        )
    return data


def _json(name: str, data: bytes) -> object:
    try:
        return parse_json(name, decode_text(name, data))
    except FileFormatError as problem:
        where = f"{problem.where}: " if problem.where else ""
        raise _refused(
            name,
            _('"{name}" in this plan is not readable JSON ({why}).').format(
                name=name, why=f"{where}{problem.cause}"
            ),
        ) from None


def _check_manifest(manifest: object, body: bytes) -> None:
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _refused(
            MANIFEST, _("The manifest of this plan does not say it belongs to kapcompanion.")
        )
    version = manifest.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < PLAN_VERSION:
        raise _refused(MANIFEST, _("The manifest of this plan has no valid version."))
    if version > VERSION:
        raise BundleError(
            _(
                "This plan was made by a newer version of kapcompanion (bundle version "
                "{version}). Nothing was taken in. You might update the app and open it again."
            ).format(version=version),
            MANIFEST,
        )
    files = manifest.get("files")
    listed = (
        files[0]
        if isinstance(files, list) and len(files) == 1 and isinstance(files[0], dict)
        else {}
    )
    if manifest.get("plan") != PLAN or listed.get("name") != PLAN:
        raise _refused(MANIFEST, _("The manifest of this plan does not list plan.json."))
    if listed.get("size") != len(body) or listed.get("sha256") != hashlib.sha256(body).hexdigest():
        raise _refused(
            PLAN,
            _(
                "plan.json does not match its size or checksum in the manifest; the file was "
                "changed or damaged on the way."
            ),
        )


def read_plan(bundle: Path | str) -> Plan:
    """The plan in ``bundle``, checked whole; nothing is kept anywhere. Raises
    :class:`BundleError` naming the entry and what the person can do."""
    path = Path(bundle)
    file, _size = _open_bundle(path, DEFAULT_LIMITS)
    with file:
        try:
            zf = zipfile.ZipFile(file)
        except (zipfile.BadZipFile, OSError, EOFError):
            raise _refused(
                None,
                _("{name} is not a plan this app can open (it is not a whole zip file).").format(
                    name=path.name
                ),
            ) from None
        with zf:
            infos = {info.filename: info for info in zf.infolist()}
            for name, info in infos.items():
                problem = _check_name(name) or _file_type(info)
                if problem:
                    why = _('"{name}" in this plan cannot be used: it {problem}.')
                    raise _refused(name, why.format(name=name, problem=problem))
                if name not in (MANIFEST, PLAN):
                    why = _(
                        '"{name}" is not part of a plan (a plan holds manifest.json and plan.json).'
                    )
                    raise _refused(name, why.format(name=name))
                if info.file_size > ENTRY_BYTES:
                    why = _('"{name}" is larger than a plan ever is.')
                    raise _refused(name, why.format(name=name))
            if set(infos) != {MANIFEST, PLAN} or len(zf.infolist()) != 2:
                raise _refused(None, _("This plan should hold manifest.json and plan.json."))
            manifest = _json(MANIFEST, _read_entry(zf, infos[MANIFEST]))
            body = _read_entry(zf, infos[PLAN])
    _check_manifest(manifest, body)
    try:
        return plan_from_data(_json(PLAN, body))
    except PlanError as problem:
        where = f"{problem.key}: " if problem.key else ""
        raise _refused(
            PLAN,
            _("The plan has a problem: {where}{what}.").format(
                where=where, what=problem.message.rstrip(".")
            ),
        ) from None
