"""Hostile files at the app's fixed paths (issue 18, items 1 and 2): a crisis-resources file
and the practice log as a pipe, a link to /dev/zero, a huge file or deep nesting. Nothing
hangs, nothing crashes; the file is named with its cause, left as it is or set aside, and the
app goes on with what it has. (settings.ini is tried in tests/integration/test_hostile_start.py,
as it is read through Qt.)"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from kapcompanion.domain.clock import MonotonicClock
from kapcompanion.domain.crisis import load_shipped
from kapcompanion.storage import NoticeKind, open_log
from kapcompanion.storage.crisis_files import read_own_regions, read_regions
from kapcompanion.storage.files import replacing
from tests.data.hostile import corpus
from tests.unit.storage.test_storage_support import Wall, practise

CASES: dict[str, Callable[[Path], Path]] = {**corpus.SPECIAL, "deep nesting": corpus.deep_toml}


@pytest.mark.parametrize("kind", list(CASES))
def test_a_hostile_crisis_file_is_named_and_the_shipped_lines_are_offered(
    tmp_path: Path, kind: str
) -> None:
    own = tmp_path / "crisis"
    own.mkdir()
    CASES[kind](own / "us.toml")
    started = time.monotonic()
    regions, problems = read_regions(own)
    assert time.monotonic() - started < 2.0
    assert [p.file for p in problems] == ["us.toml"]
    cause = str(problems[0])
    expected = {
        "pipe": "it is a pipe",
        "link to /dev/zero": "is a link",
        "3 GB sparse file": "more than the 65,536",
        "folder": "is a folder",
        "deep nesting": "nested more than 64 levels",
    }[kind]
    assert expected in cause
    # Every shipped region is still there, the United States' among them, unedited.
    shipped, _ = load_shipped()
    assert {r.key for r in shipped} <= {r.key for r in regions}
    assert not any(r.edited for r in regions)


def test_a_good_crisis_file_beside_a_bad_one_is_still_used(tmp_path: Path) -> None:
    own = tmp_path / "crisis"
    own.mkdir()
    corpus.fifo(own / "gb.toml")
    shipped, _ = load_shipped()
    us = next(r for r in shipped if r.key == "us")
    from kapcompanion.domain.crisis import region_to_toml

    (own / "us.toml").write_text(region_to_toml(us), encoding="utf-8")
    regions, problems = read_own_regions(own)
    assert [r.key for r in regions] == ["us"] and [p.file for p in problems] == ["gb.toml"]


LOG_CAUSES = {
    "pipe": "it is a pipe",
    "link to /dev/zero": "it is a link to a device",
    "3 GB sparse file": "it looks damaged",
    "folder": "it is a folder",
    "link to nothing": "it is a link to nothing",
}


@pytest.mark.parametrize("kind", list(LOG_CAUSES))
def test_a_special_file_where_the_log_should_be_is_set_aside_and_a_new_log_begun(
    tmp_path: Path, kind: str
) -> None:
    path = tmp_path / "practice-log.sqlite3"
    make = {**corpus.SPECIAL, "link to nothing": corpus.dangling_link}[kind]
    make(path)
    started = time.monotonic()
    with open_log(path, wall=Wall(), clock=MonotonicClock()) as log:
        assert time.monotonic() - started < 2.0
        notices = log.take_notices()
        assert [n.kind for n in notices] == [NoticeKind.SET_ASIDE]
        assert LOG_CAUSES[kind] in notices[0].message and str(path) in notices[0].message
        aside = notices[0].path
        assert aside is not None and aside.name.startswith("practice-log.sqlite3.corrupt-")
        assert aside.is_symlink() or aside.exists()  # kept, never removed
        practise(log)
        assert log.count_practices() == 1 and log.saves
    assert path.is_file() and not path.is_symlink()
    # Nothing was made where the link pointed.
    assert not (tmp_path / "practice-log.sqlite3.nowhere").exists()


# --- item 7: a link placed at the lock file's or a temporary file's name --------------------------


def test_a_link_at_the_lock_files_name_is_moved_aside_and_never_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("precious\n")
    data = tmp_path / "data"
    data.mkdir()
    (data / "practice-log.sqlite3.lock").symlink_to(outside)
    with open_log(data / "practice-log.sqlite3", wall=Wall(), clock=MonotonicClock()) as log:
        practise(log)
        lock = data / "practice-log.sqlite3.lock"
        assert lock.is_file() and not lock.is_symlink()
    assert outside.read_text() == "precious\n"
    aside = [p for p in data.iterdir() if ".lock.unsafe-" in p.name]
    assert len(aside) == 1 and aside[0].is_symlink()  # kept, as it was


def test_a_hard_link_at_the_lock_files_name_is_not_written_through(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("precious\n")
    data = tmp_path / "data"
    data.mkdir()
    os.link(outside, data / "practice-log.sqlite3.lock")
    with open_log(data / "practice-log.sqlite3", wall=Wall(), clock=MonotonicClock()):
        pass
    assert outside.read_text() == "precious\n"


def test_a_link_at_a_temporary_files_name_is_never_written_through(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("precious\n")
    target = tmp_path / "contacts.toml"
    (tmp_path / f".contacts.toml.{os.getpid()}.tmp").symlink_to(outside)
    with replacing(target) as f:
        f.write(b"x = 1\n")
    assert outside.read_text() == "precious\n"
    assert target.read_bytes() == b"x = 1\n" and not target.is_symlink()
    assert target.stat().st_mode & 0o777 == 0o600


# --- recordings and scripts opened in the editor ------------------------------------------------


@pytest.mark.parametrize("kind", ["pipe", "link to /dev/zero", "3 GB sparse file", "folder"])
def test_a_special_file_as_a_recording_or_a_script_to_edit_is_refused_at_once(
    tmp_path: Path, kind: str
) -> None:
    from kapcompanion.domain.voice import VoiceError
    from kapcompanion.storage.safe_read import UnsafeFileError
    from kapcompanion.storage.script_files import draft_from_file
    from kapcompanion.storage.wav import read_wav, wav_info

    wav = corpus.SPECIAL[kind](tmp_path / "step-01.wav")
    script = corpus.SPECIAL[kind](tmp_path / "mine.toml")
    started = time.monotonic()
    for read in (wav_info, read_wav):
        with pytest.raises(VoiceError) as caught:
            read(wav)
        assert "step-01.wav" in str(caught.value)
    with pytest.raises(UnsafeFileError):
        draft_from_file(script)
    assert time.monotonic() - started < 2.0


def test_a_deeply_nested_contacts_file_is_named_with_its_cause(tmp_path: Path) -> None:
    from kapcompanion.storage.contacts import ContactsFileError, load_contacts

    path = corpus.deep_toml(tmp_path / "contacts.toml")
    with pytest.raises(ContactsFileError, match=r"contacts\.toml .*nested more than 64 levels"):
        load_contacts(path)
