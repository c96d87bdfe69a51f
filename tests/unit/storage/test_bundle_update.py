"""An updated copy of a shared script takes the place of the person's older copy, only when
asked to, only once it has been checked whole, and only after the older copy has been put
aside (the app moves it to the computer's trash)."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from kapcompanion.storage.bundle import BundleError, OlderCopyError
from kapcompanion.storage.bundle_check import check_bundle
from kapcompanion.storage.bundle_export import export_bundle
from kapcompanion.storage.bundle_import import import_bundle
from kapcompanion.storage.library import load_library
from kapcompanion.storage.wav import write_wav
from tests.unit.storage.test_bundle import (
    SCRIPT,
    client,  # noqa: F401  (a fixture)
    snapshot,
    spoken,
    therapist_script,  # noqa: F401  (a fixture)
)

UPDATED_WORDS = "You might feel where the floor meets your feet."


class Trash:
    """Somewhere to put older copies, as the computer's trash does: whole, under their name."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir()
        self.taken: list[Path] = []

    def __call__(self, path: Path) -> None:
        self.taken.append(path)
        shutil.move(path, self.folder / path.name)


def refusing_trash(path: Path) -> None:
    raise PermissionError(13, "Permission denied")


def updated_bundle(script: Path, tmp_path: Path) -> Path:
    """The therapist changes a step's words and records it again, and shares the script again."""
    script.write_text(SCRIPT.replace("You might feel where the chair holds you.", UPDATED_WORDS))
    write_wav(script.parent / "voice" / "step-01.wav", spoken(440.0))
    return export_bundle(script, tmp_path / "updated.kapscript").path


@pytest.fixture
def first_copy(therapist_script: Path, client: Path, tmp_path: Path) -> Path:  # noqa: F811
    first = export_bundle(therapist_script, tmp_path / "first.kapscript").path
    return import_bundle(first).folder


def test_an_updated_copy_is_named_as_one_and_changes_nothing_unasked(
    first_copy: Path,
    therapist_script: Path,  # noqa: F811
    client: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    bundle = updated_bundle(therapist_script, tmp_path)
    before = snapshot(client)
    for attempt in (check_bundle, import_bundle):
        with pytest.raises(OlderCopyError) as caught:
            attempt(bundle)
        older = caught.value
        assert older.older == first_copy
        assert older.title == "Closing together"
        assert older.exercise.steps[0].text == UPDATED_WORDS
        assert "Nothing was imported" in str(older) and "replace your copy" in str(older)
    assert snapshot(client) == before


def test_asked_to_the_updated_copy_takes_the_older_ones_place(
    first_copy: Path,
    therapist_script: Path,  # noqa: F811
    client: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    old_voice = (first_copy / "voice" / "step-01.wav").read_bytes()
    bundle = updated_bundle(therapist_script, tmp_path)
    trash = Trash(tmp_path / "trash")

    done = import_bundle(bundle, put_aside=trash)

    assert trash.taken == [first_copy] and done.replaced == first_copy
    assert done.folder == client / "closing-together"
    assert done.exercise.steps[0].text == UPDATED_WORDS
    assert (done.folder / "voice" / "step-01.wav").read_bytes() != old_voice
    # The older copy is whole where it was put, recordings and all.
    kept = trash.folder / "closing-together"
    old_words = (kept / "closing-together.toml").read_text()
    assert "You might feel where the chair holds you." in old_words
    assert (kept / "voice" / "step-01.wav").read_bytes() == old_voice
    # The library sees one "Closing together", the new one, beside the client's own script.
    exercises, problems = load_library(client)
    assert problems == []
    mine = [e for e in exercises if e.id == "closing-together"]
    assert len(mine) == 1 and mine[0].steps[0].text == UPDATED_WORDS
    assert any(e.id == "my-evening" for e in exercises)


def test_when_the_older_copy_cannot_be_put_aside_nothing_changes(
    first_copy: Path,
    therapist_script: Path,  # noqa: F811
    client: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    bundle = updated_bundle(therapist_script, tmp_path)
    before = snapshot(client)
    with pytest.raises(BundleError) as caught:
        import_bundle(bundle, put_aside=refusing_trash)
    text = str(caught.value)
    assert "could not be moved to the trash (Permission denied)" in text
    assert "left in place" in text and "Nothing was imported" in text
    assert snapshot(client) == before


def test_a_damaged_update_never_touches_the_older_copy(
    first_copy: Path,
    therapist_script: Path,  # noqa: F811
    client: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    bundle = updated_bundle(therapist_script, tmp_path)
    with zipfile.ZipFile(bundle) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    parts["closing-together.toml"] = parts["closing-together.toml"].replace(b"floor", b"FLOOR")
    with zipfile.ZipFile(bundle, "w") as zf:  # the manifest's checksum no longer matches
        for name, data in parts.items():
            zf.writestr(name, data)
    trash = Trash(tmp_path / "trash")
    before = snapshot(client)
    with pytest.raises(BundleError) as caught:
        import_bundle(bundle, put_aside=trash)
    assert not isinstance(caught.value, OlderCopyError)
    assert trash.taken == [] and snapshot(client) == before


def test_a_copy_sharing_its_folder_with_another_script_is_put_aside_alone(
    therapist_script: Path,  # noqa: F811
    client: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    shared = client / "from-my-therapist"
    shared.mkdir()
    (shared / "closing-together.toml").write_text(
        SCRIPT.replace('voice = "voice/step-01.wav"\n', "").replace(
            'voice = "voice/step-02.wav"\n', ""
        )
    )
    (shared / "other.toml").write_text(
        SCRIPT.replace("closing-together", "other-one")
        .replace('voice = "voice/step-01.wav"\n', "")
        .replace('voice = "voice/step-02.wav"\n', "")
    )
    bundle = updated_bundle(therapist_script, tmp_path)
    trash = Trash(tmp_path / "trash")
    done = import_bundle(bundle, put_aside=trash)
    assert trash.taken == [shared / "closing-together.toml"]
    assert (shared / "other.toml").exists()
    assert done.folder == client / "closing-together"


def test_a_shipped_practice_is_never_put_aside(client: Path, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "session-close.toml"
    path.write_text(
        SCRIPT.replace('id = "closing-together"', 'id = "session-close"')
        .replace('voice = "voice/step-01.wav"\n', "")
        .replace('voice = "voice/step-02.wav"\n', "")
    )
    bundle = export_bundle(path, tmp_path).path
    trash = Trash(tmp_path / "trash")
    with pytest.raises(BundleError) as caught:
        import_bundle(bundle, put_aside=trash)
    assert not isinstance(caught.value, OlderCopyError)
    assert 'id "session-close" is already used' in str(caught.value) and trash.taken == []
