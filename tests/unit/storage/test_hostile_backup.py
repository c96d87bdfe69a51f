"""A JSON backup to import, as bad luck or an attacker would make it (issue 18, item 9), and a
CSV export as a spreadsheet would read it (item 15). Every refusal names the file, the place
and the cause, and nothing is added; a backup the app itself could have written is taken in."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kapcompanion.domain.clock import MonotonicClock
from kapcompanion.storage import ImportFormatError, open_log
from kapcompanion.storage.export import csv_safe, export_json, import_json, read_backup
from kapcompanion.storage.log import PracticeLog
from tests.data.hostile import corpus
from tests.unit.storage.test_storage_support import Wall, practise

UUID = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b"


def backup_text(**changes: object) -> str:
    practice = {
        "uuid": UUID,
        "kind": "breathing",
        "ref": "resonance",
        "status": "completed",
        "started_utc": "2025-03-03T08:00:00+00:00",
        "local_date": "2025-03-03",
        "ended_utc": "2025-03-03T08:05:00+00:00",
        "planned_s": 300,
        "actual_s": 300,
        "steps": [],
    }
    practice.update(changes)
    header = {"format": "kapcompanion-practice-log", "format_version": 2}
    return json.dumps(header)[:-1] + ',\n"practices": [\n' + json.dumps(practice) + "\n]}\n"


@pytest.fixture
def log(tmp_path: Path) -> Iterator[PracticeLog]:
    with open_log(tmp_path / "practice-log.sqlite3", wall=Wall(), clock=MonotonicClock()) as opened:
        practise(opened)
        yield opened


def refused(log: PracticeLog, path: Path) -> ImportFormatError:
    before = log.count_practices()
    started = time.monotonic()
    with pytest.raises(ImportFormatError) as caught:
        import_json(log, path)
    assert time.monotonic() - started < 2.0
    assert str(path) in str(caught.value) and "Nothing from it was added" in str(caught.value)
    assert log.count_practices() == before
    return caught.value


@pytest.mark.parametrize("kind", ["pipe", "link to /dev/zero", "folder"])
def test_a_special_file_given_as_a_backup_is_refused_at_once(
    log: PracticeLog, tmp_path: Path, kind: str
) -> None:
    path = corpus.SPECIAL[kind](tmp_path / "backup.json")
    problem = refused(log, path)
    assert "only a plain file is read" in problem.problem


def test_a_backup_too_big_to_be_one_is_refused_before_reading(
    log: PracticeLog, tmp_path: Path
) -> None:
    path = corpus.sparse(tmp_path / "backup.json", 300 * 1024 * 1024)
    assert "more than the" in refused(log, path).problem


def test_a_deeply_nested_backup_is_refused_with_its_cause(log: PracticeLog, tmp_path: Path) -> None:
    path = corpus.deep_json(tmp_path / "backup.json")
    assert "nested more than 64 levels" in refused(log, path).problem


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"started_utc": "9999-12-31T23:00:00-05:00"}, "outside the days"),
        ({"started_utc": "0001-01-01T00:30:00+05:00"}, "outside the days"),
        ({"started_utc": "9999-06-01T08:00:00+00:00", "local_date": "9999-06-01"}, "outside"),
        ({"local_date": "1900-01-01"}, "outside the days"),
        ({"ended_utc": "2025-03-03T07:00:00+00:00"}, "it ends (2025-03-03T07:00:00+00:00) before"),
    ],
)
def test_dates_out_of_range_and_an_end_before_the_start_are_refused_with_the_line(
    log: PracticeLog, tmp_path: Path, changes: dict[str, object], words: str
) -> None:
    path = tmp_path / "backup.json"
    path.write_text(backup_text(**changes), encoding="utf-8")
    problem = refused(log, path)
    assert words in problem.problem
    assert problem.where == "practice 1, line 3"


def test_a_backup_with_a_byte_order_mark_is_taken_in(log: PracticeLog, tmp_path: Path) -> None:
    path = tmp_path / "backup.json"
    path.write_bytes(b"\xef\xbb\xbf" + backup_text().encode("utf-8"))
    assert import_json(log, path).added == 1


def test_a_link_to_a_backup_is_followed_to_a_plain_file(log: PracticeLog, tmp_path: Path) -> None:
    (tmp_path / "real.json").write_text(backup_text(), encoding="utf-8")
    (tmp_path / "backup.json").symlink_to(tmp_path / "real.json")
    assert import_json(log, tmp_path / "backup.json").added == 1


def test_what_the_app_exports_it_imports_again(log: PracticeLog, tmp_path: Path) -> None:
    export_json(log, tmp_path / "out.json")
    records, _ = read_backup(tmp_path / "out.json")
    assert len(records) == 1


@pytest.mark.parametrize(
    "text",
    ["=1+1", " =1", "\u00a0=HYPERLINK()", "\n=1", "\u3000=1", "\uff1d1+1", "\u200b@x", "\thi",
     "\rhi", "\nhello", "\uff0b1", "\ufe6b", "-2"],
)  # fmt: skip
def test_csv_escapes_what_a_spreadsheet_could_take_for_a_formula(text: str) -> None:
    assert csv_safe(text) == "'" + text


@pytest.mark.parametrize("text", ["a note", "I felt = calm", "5-4-3-2-1", 3, ""])
def test_csv_leaves_ordinary_text_as_it_is(text: object) -> None:
    assert csv_safe(text) == text
