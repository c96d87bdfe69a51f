"""Sharing a script with its recordings as one .kapscript file: a round trip from a therapist's
folder to a client's, and hostile or broken bundles that are each refused with a clear message,
leaving the client's scripts folder exactly as it was."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import warnings
import zipfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from kapcompanion.domain.voice import RATE
from kapcompanion.sound.voice import prepare
from kapcompanion.storage.bundle import MANIFEST, BundleError, Limits
from kapcompanion.storage.bundle_check import check_bundle
from kapcompanion.storage.bundle_export import export_bundle
from kapcompanion.storage.bundle_import import import_bundle
from kapcompanion.storage.library import load_library, load_script
from kapcompanion.storage.paths import user_scripts_dir
from kapcompanion.storage.wav import write_wav

SCRIPT = """\
id = "closing-together"
title = "Closing together"
description = "Landing in the room at the end of a session, in a familiar voice."
for = ["session-close"]
minutes = 2

[[step]]
text = "You might feel where the chair holds you."
seconds = 20
voice = "voice/step-01.wav"

[[step]]
text = "If it feels right, let your eyes find something in the room."
seconds = 20
voice = "voice/step-02.wav"

[[step]]
text = "Take whatever time you need."
until_continue = true
"""


def spoken(hz: float, seconds: float = 0.6) -> np.ndarray:
    t = np.arange(round(seconds * RATE)) / RATE
    body = 0.1 * np.sin(2 * np.pi * hz * t) * np.hanning(len(t))
    pad = np.zeros(RATE // 4)
    return prepare(np.concatenate([pad, body, pad]).astype(np.float32)).samples


@pytest.fixture
def therapist_script(tmp_path: Path) -> Path:
    folder = tmp_path / "therapist" / "closing-together"
    (folder / "voice").mkdir(parents=True)
    write_wav(folder / "voice" / "step-01.wav", spoken(220.0))
    write_wav(folder / "voice" / "step-02.wav", spoken(330.0))
    path = folder / "closing-together.toml"
    path.write_text(SCRIPT)
    return path


@pytest.fixture
def client() -> Path:
    """The client's scripts folder, already holding a script of their own."""
    folder = user_scripts_dir()
    (folder / "my-evening.toml").write_text(
        SCRIPT.replace("closing-together", "my-evening").split("voice =")[0]
        + '\n[[step]]\ntext = "Resting."\nseconds = 10\n'
    )
    return folder


def snapshot(folder: Path) -> dict[str, tuple]:
    """Every entry below ``folder`` (hidden ones too): kind, mode and bytes."""
    out: dict[str, tuple] = {}
    for p in sorted(folder.rglob("*")):
        st = p.lstat()
        data = p.read_bytes() if stat.S_ISREG(st.st_mode) else None
        out[str(p.relative_to(folder))] = (stat.S_IFMT(st.st_mode), stat.S_IMODE(st.st_mode), data)
    return out


# --- the round trip ---------------------------------------------------------------------------


def test_a_script_and_its_recordings_travel_as_one_file(
    therapist_script: Path, client: Path, tmp_path: Path
) -> None:
    out = tmp_path / "usb"
    out.mkdir()
    exported = export_bundle(therapist_script, out)
    assert exported.path == out / "closing-together.kapscript"
    assert exported.recordings == ("voice/step-01.wav", "voice/step-02.wav")
    assert sorted(p.name for p in out.iterdir()) == ["closing-together.kapscript"]

    with zipfile.ZipFile(exported.path) as zf:
        assert sorted(zf.namelist()) == [
            "closing-together.toml",
            MANIFEST,
            "voice/step-01.wav",
            "voice/step-02.wav",
        ]
        manifest = json.loads(zf.read(MANIFEST))
    assert manifest["format"] == "kapcompanion-script" and manifest["version"] == 1
    assert manifest["id"] == "closing-together"
    assert manifest["script"] == "closing-together.toml"
    listed = {f["name"]: f for f in manifest["files"]}
    wav = therapist_script.parent / "voice" / "step-02.wav"
    assert listed["voice/step-02.wav"]["size"] == wav.stat().st_size
    assert listed["voice/step-02.wav"]["sha256"] == hashlib.sha256(wav.read_bytes()).hexdigest()

    before = snapshot(client)
    imported = import_bundle(exported.path)
    assert imported.folder == client / "closing-together"
    assert imported.script == client / "closing-together" / "closing-together.toml"
    assert imported.exercise.source == str(imported.script)

    # Only the new folder was added; the client's own script is untouched.
    after = snapshot(client)
    assert {k: v for k, v in after.items() if not k.startswith("closing-together")} == before
    assert sorted(k for k in after if k not in before) == [
        "closing-together",
        "closing-together/closing-together.toml",
        "closing-together/voice",
        "closing-together/voice/step-01.wav",
        "closing-together/voice/step-02.wav",
    ]
    # Private, like everything in the data folder.
    assert after["closing-together"][1] == 0o700
    assert after["closing-together/voice"][1] == 0o700
    assert after["closing-together/voice/step-01.wav"][1] == 0o600

    # The recordings arrive byte for byte, and the library loads the script with its voice.
    for name in ("step-01.wav", "step-02.wav"):
        assert (imported.folder / "voice" / name).read_bytes() == (
            therapist_script.parent / "voice" / name
        ).read_bytes()
    assert (imported.folder / "closing-together.toml").read_text() == SCRIPT
    exercises, problems = load_library(client)
    assert problems == []
    mine = next(e for e in exercises if e.id == "closing-together")
    assert [s.voice for s in mine.steps] == ["voice/step-01.wav", "voice/step-02.wav", None]
    assert load_script(imported.script) == mine


def test_exporting_twice_gives_the_same_bytes(therapist_script: Path, tmp_path: Path) -> None:
    a = export_bundle(therapist_script, tmp_path / "a.kapscript").path.read_bytes()
    b = export_bundle(therapist_script, tmp_path / "b").path.read_bytes()
    assert a == b
    assert (tmp_path / "b.kapscript").exists()


def test_a_script_without_recordings_can_be_shared_too(client: Path, tmp_path: Path) -> None:
    path = tmp_path / "plain.toml"
    path.write_text(
        SCRIPT.replace('voice = "voice/step-01.wav"\n', "")
        .replace('voice = "voice/step-02.wav"\n', "")
        .replace("closing-together", "plain-one")
    )
    bundle = export_bundle(path, tmp_path).path
    imported = import_bundle(bundle)
    assert imported.recordings == ()
    assert imported.exercise.id == "plain-one"


def test_check_bundle_says_what_is_inside_and_keeps_nothing(
    therapist_script: Path, client: Path, tmp_path: Path
) -> None:
    bundle = export_bundle(therapist_script, tmp_path).path
    before = snapshot(client)
    exercise = check_bundle(bundle)
    assert exercise.title == "Closing together" and len(exercise.steps) == 3
    assert snapshot(client) == before


def test_importing_the_same_script_again_is_refused_kindly(
    therapist_script: Path, client: Path, tmp_path: Path
) -> None:
    bundle = export_bundle(therapist_script, tmp_path).path
    import_bundle(bundle)
    before = snapshot(client)
    with pytest.raises(BundleError) as caught:
        import_bundle(bundle)
    text = str(caught.value)
    assert 'id "closing-together" is already used by "Closing together"' in text
    assert "Nothing was imported" in text and "replace your copy" in text
    assert snapshot(client) == before


def test_an_id_of_a_shipped_exercise_is_refused(client: Path, tmp_path: Path) -> None:
    path = tmp_path / "session-close.toml"
    path.write_text(
        SCRIPT.replace('id = "closing-together"', 'id = "session-close"')
        .replace('voice = "voice/step-01.wav"\n', "")
        .replace('voice = "voice/step-02.wav"\n', "")
    )
    bundle = export_bundle(path, tmp_path).path
    before = snapshot(client)
    with pytest.raises(BundleError) as caught:
        import_bundle(bundle)
    assert 'id "session-close" is already used' in str(caught.value)
    assert snapshot(client) == before


def test_a_folder_already_called_like_the_script_is_left_alone(
    therapist_script: Path, client: Path, tmp_path: Path
) -> None:
    (client / "closing-together").mkdir()
    (client / "closing-together" / "notes.txt").write_text("mine")
    bundle = export_bundle(therapist_script, tmp_path).path
    before = snapshot(client)
    with pytest.raises(BundleError) as caught:
        import_bundle(bundle)
    assert 'already has something called "closing-together"' in str(caught.value)
    assert snapshot(client) == before


# --- export problems --------------------------------------------------------------------------


def test_a_script_with_a_problem_is_not_exported(therapist_script: Path, tmp_path: Path) -> None:
    therapist_script.write_text(SCRIPT.replace("seconds = 20", "seconds = -5", 1))
    with pytest.raises(BundleError) as caught:
        export_bundle(therapist_script, tmp_path)
    assert "step[1].seconds" in str(caught.value) and "cannot be shared yet" in str(caught.value)
    assert not list(tmp_path.glob("*.kapscript"))


def test_a_missing_or_foreign_recording_stops_an_export(
    therapist_script: Path, tmp_path: Path
) -> None:
    wav = therapist_script.parent / "voice" / "step-02.wav"
    wav.unlink()
    with pytest.raises(BundleError) as caught:
        export_bundle(therapist_script, tmp_path)
    assert "step-02.wav" in str(caught.value)
    import wave

    with wave.open(str(wav), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(44_100)
        w.writeframes(b"\x00" * 400)
    with pytest.raises(BundleError) as caught:
        export_bundle(therapist_script, tmp_path)
    assert caught.value.entry == "voice/step-02.wav" and "44100 Hz" in str(caught.value)
    assert not list(tmp_path.glob("*.kapscript")) and not list(tmp_path.glob(".*.tmp"))


def test_an_export_to_a_place_that_cannot_be_written_says_so(
    therapist_script: Path, tmp_path: Path
) -> None:
    with pytest.raises(BundleError) as caught:
        export_bundle(therapist_script, tmp_path / "no-such-folder" / "x.kapscript")
    assert "could not be written" in str(caught.value)
    assert "Nothing was written" in str(caught.value)


# --- hostile and broken bundles ---------------------------------------------------------------


def file_info(name: str, compress: int = zipfile.ZIP_DEFLATED, mode: int = 0o644):
    info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
    info.compress_type = compress
    info.create_system = 3
    info.external_attr = (stat.S_IFREG | mode) << 16
    return info


def good_parts(therapist_script: Path) -> dict[str, bytes]:
    folder = therapist_script.parent
    return {
        "closing-together.toml": therapist_script.read_bytes(),
        "voice/step-01.wav": (folder / "voice" / "step-01.wav").read_bytes(),
        "voice/step-02.wav": (folder / "voice" / "step-02.wav").read_bytes(),
    }


def manifest_for(parts: dict[str, bytes], **extra) -> bytes:
    data = {
        "format": "kapcompanion-script",
        "version": 1,
        "id": "closing-together",
        "script": "closing-together.toml",
        "files": [
            {"name": n, "size": len(b), "sha256": hashlib.sha256(b).hexdigest()}
            for n, b in parts.items()
        ],
    }
    data.update(extra)
    return json.dumps(data).encode()


def write_bundle(path: Path, entries: Sequence[tuple[zipfile.ZipInfo | str, bytes]]) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate names made on purpose
        with zipfile.ZipFile(path, "w") as zf:
            for info, data in entries:
                if isinstance(info, str):
                    info = file_info(info)
                zf.writestr(info, data)
    return path


def bundle_of(tmp_path: Path, parts: dict[str, bytes], manifest: bytes | None = None) -> Path:
    entries: list[tuple[zipfile.ZipInfo | str, bytes]] = [
        (MANIFEST, manifest if manifest is not None else manifest_for(parts))
    ]
    entries += list(parts.items())
    return write_bundle(tmp_path / "shared.kapscript", entries)


def refused(bundle: Path, client: Path, *words: str, limits: Limits | None = None) -> BundleError:
    before = snapshot(client)
    with pytest.raises(BundleError) as caught:
        if limits is None:
            import_bundle(bundle)
        else:
            import_bundle(bundle, limits=limits)
    error = caught.value
    text = str(error)
    for word in words:
        assert word in text, text
    assert "Nothing was imported" in text or "not a shared script" in text, text
    # Nothing changed in the client's folder, and no temporary folder was left behind.
    assert snapshot(client) == before
    assert not [p for p in client.iterdir() if p.name.startswith(".import-")]
    return error


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("../escaped.wav", '"../escaped.wav" in this bundle points outside its folder'),
        ("voice/../../escaped.wav", "points outside its folder"),
        ("/tmp/escaped.wav", "has an absolute path"),
        ("C:/Users/escaped.wav", "names a drive"),
        ("c:escaped.wav", "names a drive"),
        ("voice\\..\\..\\escaped.wav", "has a backslash"),
        ("voice\\step-03.wav", "has a backslash"),
        ("voice//step-03.wav", "empty or '.' part"),
        ("./voice/step-03.wav", "empty or '.' part"),
    ],
)
def test_names_that_reach_outside_the_folder_are_refused(
    therapist_script: Path, client: Path, tmp_path: Path, name: str, words: str
) -> None:
    parts = good_parts(therapist_script)
    parts[name] = parts["voice/step-01.wav"]
    error = refused(bundle_of(tmp_path, parts), client, words)
    assert error.entry == name
    assert not (client.parent / "escaped.wav").exists()
    assert not Path("/tmp/escaped.wav").exists()


def test_a_symbolic_link_entry_is_refused(
    therapist_script: Path, client: Path, tmp_path: Path
) -> None:
    parts = good_parts(therapist_script)
    link = file_info("voice/step-01.wav", zipfile.ZIP_STORED)
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    entries = [
        (MANIFEST, manifest_for(parts)),
        ("closing-together.toml", parts["closing-together.toml"]),
        (link, b"/etc/passwd"),
        ("voice/step-02.wav", parts["voice/step-02.wav"]),
    ]
    error = refused(write_bundle(tmp_path / "link.kapscript", entries), client, "symbolic link")
    assert error.entry == "voice/step-01.wav"


def test_a_device_or_pipe_entry_is_refused(
    therapist_script: Path, client: Path, tmp_path: Path
) -> None:
    parts = good_parts(therapist_script)
    fifo = file_info("voice/step-01.wav")
    fifo.external_attr = (stat.S_IFIFO | 0o644) << 16
    entries = [(MANIFEST, manifest_for(parts)), (fifo, parts["voice/step-01.wav"])]
    refused(write_bundle(tmp_path / "fifo.kapscript", entries), client, "special file")


def test_an_oversized_recording_is_refused_before_it_is_unpacked(
    therapist_script: Path, client: Path, tmp_path: Path
) -> None:
    parts = good_parts(therapist_script)
    parts["voice/step-01.wav"] = bytes(20_000_000)  # 20 MB: more than 3 minutes of voice
    error = refused(bundle_of(tmp_path, parts), client, "20.0 MB unpacked", "a recording may")
    assert error.entry == "voice/step-01.wav"


def test_an_oversized_script_or_manifest_is_refused(
    therapist_script: Path, client: Path, tmp_path: Path
) -> None:
    parts = good_parts(therapist_script)
    parts["closing-together.toml"] += b"#" + bytes(range(32, 127)) * 20_000 + b"\n"
    refused(bundle_of(tmp_path, parts), client, "a script may have")
    parts = good_parts(therapist_script)
    refused(
        bundle_of(tmp_path, parts, manifest_for(parts, padding="x" * 300_000)),
        client,
        "a manifest may have",
    )


def test_a_bundle_too_large_in_total_is_refused(
    therapist_script: Path, client: Path, tmp_path: Path
) -> None:
    parts = good_parts(therapist_script)
    total = sum(len(b) for b in parts.values())
    refused(
        bundle_of(tmp_path, parts),
        client,
        "would unpack to more than",
        limits=Limits(total_bytes=total - 1000),
    )
    refused(
        bundle_of(tmp_path, parts),
        client,
        "more than the",
        limits=Limits(bundle_bytes=1000),
    )


def test_a_zip_bomb_is_refused_by_its_compression_ratio(
    therapist_script: Path, client: Path, tmp_path: Path
) -> None:
    parts = good_parts(therapist_script)
    parts["voice/step-01.wav"] = bytes(15_000_000)  # within the size limit, packs ~1000:1
    bundle = bundle_of(tmp_path, parts)
    assert bundle.stat().st_size < 200_000
    error = refused(bundle, client, "times its packed size")
    assert error.entry == "voice/step-01.wav"


def test_many_entries_are_refused(therapist_script: Path, client: Path, tmp_path: Path) -> None:
    parts = good_parts(therapist_script)
    for i in range(300):
        parts[f"voice/extra-{i}.wav"] = b"x"
    refused(bundle_of(tmp_path, parts), client, "holds 304 files")


@pytest.mark.parametrize(
    "name",
    ["notes.txt", "run.sh", "voice/step-03.mp3", "helper.py", "voice/nested.toml", "README"],
)
def test_unknown_kinds_of_file_are_refused(
    therapist_script: Path, client: Path, tmp_path: Path, name: str
) -> None:
    parts = good_parts(therapist_script)
    parts[name] = b"something"
    error = refused(bundle_of(tmp_path, parts), client, "is not part of a shared script")
    assert error.entry == name


def test_recording_and_script_names_outside_the_rules_are_refused(
    therapist_script: Path, client: Path, tmp_path: Path
) -> None:
    parts = good_parts(therapist_script)
    parts["voice/.hidden.wav"] = parts["voice/step-01.wav"]
    refused(bundle_of(tmp_path, parts), client, "name this app does not accept for a recording")
    parts = good_parts(therapist_script)
    parts["-odd.toml"] = parts.pop("closing-together.toml")
    refused(bundle_of(tmp_path, parts), client, "name this app does not accept for a script")


def test_broken_toml_is_refused_naming_the_line(
    therapist_script: Path, client: Path, tmp_path: Path
) -> None:
    parts = good_parts(therapist_script)
    parts["closing-together.toml"] = SCRIPT.replace("minutes = 2", "minutes = = 2").encode()
    error = refused(bundle_of(tmp_path, parts), client, "closing-together.toml, line 5", "TOML")
    assert error.entry == "closing-together.toml"
    assert "check-script" in str(error)


def test_a_script_that_is_not_utf8_is_refused(
    therapist_script: Path, client: Path, tmp_path: Path
) -> None:
    parts = good_parts(therapist_script)
    parts["closing-together.toml"] = SCRIPT.replace("Landing", "Land\xefng").encode("latin-1")
    refused(bundle_of(tmp_path, parts), client, "UTF-8")


def test_a_script_naming_a_missing_recording_is_refused(
    therapist_script: Path, client: Path, tmp_path: Path
) -> None:
    parts = good_parts(therapist_script)
    del parts["voice/step-02.wav"]
    refused(
        bundle_of(tmp_path, parts),
        client,
        "step[2].voice",
        "a recording voice/step-02.wav beside the script, found no such file",
    )


def test_a_recording_no_step_uses_is_refused(
    therapist_script: Path, client: Path, tmp_path: Path
) -> None:
    parts = good_parts(therapist_script)
    parts["voice/step-09.wav"] = parts["voice/step-01.wav"]
    refused(bundle_of(tmp_path, parts), client, "no step of the script uses")


def test_a_recording_that_is_not_a_usable_wav_is_refused(
    therapist_script: Path, client: Path, tmp_path: Path
) -> None:
    parts = good_parts(therapist_script)
    parts["voice/step-01.wav"] = b"RIFF but not really a wave file"
    error = refused(
        bundle_of(tmp_path, parts),
        client,
        "not a recording this app can play",
        "it is not a WAV file",
    )
    assert error.entry == "voice/step-01.wav"


@pytest.mark.parametrize(
    ("change", "words", "entry"),
    [
        (lambda p, m: (p, m.replace(b'"size": ', b'"size": 1', 1)), "manifest.json lists", None),
        (
            lambda p, m: ({**p, "voice/step-01.wav": p["voice/step-01.wav"][:-2] + b"\x01\x02"}, m),
            "does not match its checksum",
            "voice/step-01.wav",
        ),
        (
            lambda p, m: ({**p, "voice/step-03.wav": p["voice/step-01.wav"]}, m),
            "is not listed in manifest.json",
            "voice/step-03.wav",
        ),
        (
            lambda p, m: ({k: v for k, v in p.items() if k != "voice/step-02.wav"}, m),
            "listed in manifest.json but missing",
            "voice/step-02.wav",
        ),
        (lambda p, m: (p, b"{not json"), "is not readable JSON", MANIFEST),
        (lambda p, m: (p, b"[]"), "is not a JSON object", MANIFEST),
        (
            lambda p, m: (p, m.replace(b'"version": 1', b'"version": 7')),
            "newer version of this app",
            MANIFEST,
        ),
        (
            lambda p, m: (p, m.replace(b"kapcompanion-script", b"something-else")),
            "does not say it belongs",
            MANIFEST,
        ),
        (
            lambda p, m: (p, m.replace(b'"id": "closing-together"', b'"id": "other"')),
            'names the script "other", but the script\'s id is "closing-together"',
            MANIFEST,
        ),
        (
            lambda p, m: (p, m.replace(b'"script": "closing-together.toml"', b'"script": "x"')),
            "does not name the bundle's script",
            MANIFEST,
        ),
    ],
)
def test_a_manifest_that_does_not_match_is_refused(
    therapist_script: Path, client: Path, tmp_path: Path, change, words: str, entry: str | None
) -> None:
    parts = good_parts(therapist_script)
    parts, manifest = change(parts, manifest_for(parts))
    error = refused(bundle_of(tmp_path, parts, manifest), client, words)
    if entry is not None:
        assert error.entry == entry


def test_a_missing_manifest_is_refused(
    therapist_script: Path, client: Path, tmp_path: Path
) -> None:
    entries = list(good_parts(therapist_script).items())
    refused(write_bundle(tmp_path / "x.kapscript", entries), client, "has no manifest.json")


def test_duplicate_names_are_refused(therapist_script: Path, client: Path, tmp_path: Path) -> None:
    parts = good_parts(therapist_script)
    entries = [(MANIFEST, manifest_for(parts)), *parts.items()]
    entries.append(("voice/step-01.wav", b"a second, different file under the same name"))
    error = refused(write_bundle(tmp_path / "dup.kapscript", entries), client, "appears twice")
    assert error.entry == "voice/step-01.wav"


def test_names_differing_only_in_case_are_refused(
    therapist_script: Path, client: Path, tmp_path: Path
) -> None:
    parts = good_parts(therapist_script)
    parts["voice/Step-01.wav"] = parts["voice/step-01.wav"]
    refused(bundle_of(tmp_path, parts), client, "apart from upper and lower case")


def test_no_script_or_two_scripts_are_refused(
    therapist_script: Path, client: Path, tmp_path: Path
) -> None:
    parts = good_parts(therapist_script)
    parts["second.toml"] = parts["closing-together.toml"]
    refused(bundle_of(tmp_path, parts), client, "exactly one script", "2 scripts")
    parts = good_parts(therapist_script)
    del parts["closing-together.toml"]
    refused(bundle_of(tmp_path, parts), client, "exactly one script", "no script")


def test_an_encrypted_entry_is_refused(
    therapist_script: Path, client: Path, tmp_path: Path
) -> None:
    parts = good_parts(therapist_script)
    bundle = bundle_of(tmp_path, parts)
    # zipfile cannot write encrypted entries: mark one as such in the central directory.
    data = bytearray(bundle.read_bytes())
    name = b"voice/step-01.wav"
    at = data.find(b"PK\x01\x02")
    while data[at + 46 : at + 46 + len(name)] != name:
        at = data.find(b"PK\x01\x02", at + 4)
    data[at + 8] |= 0x1
    bundle.write_bytes(bytes(data))
    error = refused(bundle, client, "is encrypted")
    assert error.entry == "voice/step-01.wav"


def test_a_damaged_entry_is_refused(therapist_script: Path, client: Path, tmp_path: Path) -> None:
    parts = good_parts(therapist_script)
    bundle = bundle_of(tmp_path, parts)
    data = bytearray(bundle.read_bytes())
    # Flip bytes in the middle of the (deflated) first recording's data.
    at = data.find(b"voice/step-01.wav") + 17 + 2000
    data[at : at + 8] = bytes(8)
    bundle.write_bytes(bytes(data))
    error = refused(bundle, client, "is damaged")
    assert error.entry == "voice/step-01.wav"


@pytest.mark.parametrize(
    "content",
    [b"", b"just some text, not a zip", b"PK\x03\x04" + bytes(100)],
)
def test_a_file_that_is_not_a_bundle_is_refused(
    client: Path, tmp_path: Path, content: bytes
) -> None:
    bundle = tmp_path / "odd.kapscript"
    bundle.write_bytes(content)
    refused(bundle, client, "odd.kapscript is not a shared script this app can open")


def test_a_bundle_that_is_not_there_is_named(client: Path, tmp_path: Path) -> None:
    with pytest.raises(BundleError) as caught:
        import_bundle(tmp_path / "gone.kapscript")
    assert "gone.kapscript cannot be read" in str(caught.value)


def test_a_truncated_bundle_is_refused(
    therapist_script: Path, client: Path, tmp_path: Path
) -> None:
    bundle = export_bundle(therapist_script, tmp_path).path
    data = bundle.read_bytes()
    bundle.write_bytes(data[: len(data) // 2])
    refused(bundle, client, "is not a shared script this app can open")


def test_a_refused_import_leaves_a_missing_scripts_folder_empty(
    therapist_script: Path, tmp_path: Path
) -> None:
    # A first import into a scripts folder that does not exist yet.
    folder = tmp_path / "fresh" / "scripts"
    parts = good_parts(therapist_script)
    parts["notes.txt"] = b"x"
    with pytest.raises(BundleError):
        import_bundle(bundle_of(tmp_path, parts), folder)
    assert os.listdir(folder) == []
