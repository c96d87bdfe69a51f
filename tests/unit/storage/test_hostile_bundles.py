"""Hostile .kapscript bundles (issue 18, item 8): a pipe, a link to /dev/zero or a huge file
named .kapscript, a manifest nested thousands of levels deep, a bundle Python's
``zipfile.writestr`` made, and an import killed midway. Each is refused at once with words
naming the file, or taken in; nothing is left behind."""

from __future__ import annotations

import json
import os
import time
import zipfile
from pathlib import Path

import pytest

from kapcompanion.storage.bundle import MANIFEST
from kapcompanion.storage.bundle_import import import_bundle
from kapcompanion.storage.cleanup import MIN_AGE_S, remove_leftovers
from tests.data.hostile import corpus
from tests.unit.storage.test_bundle import (
    bundle_of,
    client,  # noqa: F401 (a fixture)
    good_parts,
    refused,
    therapist_script,  # noqa: F401 (a fixture)
)

NAMED = {"pipe": "is a pipe", "link to /dev/zero": "is a link to a device", "folder": "folder"}


@pytest.mark.parametrize("kind", list(NAMED))
def test_a_special_file_named_kapscript_is_refused_at_once(
    client: Path,  # noqa: F811
    tmp_path: Path,
    kind: str,
) -> None:
    bundle = corpus.SPECIAL[kind](tmp_path / "shared.kapscript")
    started = time.monotonic()
    refused(bundle, client, NAMED[kind], "shared.kapscript")
    assert time.monotonic() - started < 2.0


def test_a_huge_file_named_kapscript_is_refused_before_reading(
    client: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    bundle = corpus.sparse(tmp_path / "shared.kapscript")
    refused(bundle, client, "more than the")


def test_a_deeply_nested_manifest_is_refused_with_its_cause(
    therapist_script: Path,  # noqa: F811
    client: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    deep = ("[" * corpus.DEEP + "]" * corpus.DEEP).encode()
    bundle = bundle_of(tmp_path, good_parts(therapist_script), manifest=deep)
    refused(bundle, client, MANIFEST, "nested more than 64 levels")


def test_a_bundle_made_with_zipfile_writestr_is_taken_in(
    therapist_script: Path,  # noqa: F811
    client: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    parts = good_parts(therapist_script)
    data = {
        "format": "kapcompanion-script",
        "version": 1,
        "id": "closing-together",
        "script": "closing-together.toml",
        "files": [
            {"name": n, "size": len(b), "sha256": __import__("hashlib").sha256(b).hexdigest()}
            for n, b in parts.items()
        ],
    }
    bundle = tmp_path / "plain.kapscript"
    with zipfile.ZipFile(bundle, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(MANIFEST, json.dumps(data))  # names given as text: no file type kept
        for name, body in parts.items():
            zf.writestr(name, body)
    imported = import_bundle(bundle)
    assert imported.exercise.id == "closing-together"
    assert (client / "closing-together" / "closing-together.toml").is_file()


def test_an_import_killed_midway_is_tidied_at_the_next_start(
    client: Path,  # noqa: F811
) -> None:
    left = client / ".import-abc123"
    (left / "voice").mkdir(parents=True)
    (left / "voice" / "step-01.wav").write_bytes(b"\0" * 1000)
    young = client / ".import-young"
    young.mkdir()
    old = time.time() - MIN_AGE_S - 60
    os.utime(left, (old, old))
    removed = remove_leftovers([client], temp_root=client / "none")
    assert removed == [left] and not left.exists()
    assert young.exists()  # maybe an import still going: left alone
    assert (client / "my-evening.toml").exists()


def test_exporting_never_writes_through_a_link_at_its_temporary_name(
    therapist_script: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    from kapcompanion.storage.bundle_export import export_bundle

    outside = tmp_path / "outside.txt"
    outside.write_text("precious\n")
    target = tmp_path / "out" / "shared.kapscript"
    target.parent.mkdir()
    (target.parent / f".shared.kapscript.{os.getpid()}.tmp").symlink_to(outside)
    exported = export_bundle(therapist_script, target)
    assert outside.read_text() == "precious\n"
    assert exported.path == target and zipfile.is_zipfile(target) and not target.is_symlink()
