"""Export (CSV, JSON) and import of JSON backups."""

from __future__ import annotations

import csv
import json
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest

from kapcompanion.domain.clock import MonotonicClock
from kapcompanion.domain.practice import StepTime
from kapcompanion.storage import GuestLog, ImportFormatError, PracticeStore, open_log
from kapcompanion.storage.export import (
    CSV_COLUMNS,
    csv_safe,
    export_csv,
    export_json,
    import_json,
    iter_csv_rows,
    read_backup,
)
from tests.unit.storage.test_storage_support import Wall, practise, snapshot


def _fill(store: PracticeStore, wall: Wall) -> None:
    practise(
        store,
        5,
        rating_after=7,
        steps=[StepTime("settle", 0, 60), StepTime("pace", 60, 240, True)],
        note='a "quoted", comma; line\nbreak',
    )
    wall.jump(timedelta(days=1))
    pid = store.start_practice(
        "exercise", "five-four-three-two-one", rating_before=3, intention="Ängste 静か"
    )
    store.finish_practice(
        pid,
        actual_s=200.25,
        status="stopped",
        answers={"see": ["lamp", "window"], "taste": ["tea"]},
    )
    wall.jump(timedelta(days=1))
    pid = store.start_practice("exercise", "session-close", rating_before=4)
    store.finish_practice(pid, actual_s=480.0)
    store.record_after(
        pid,
        rating_after=8,
        answers={"first-words": ["=heavy, warm"], "ready-to-leave": ["Water", "-A ride home"]},
    )
    wall.jump(timedelta(days=3))
    practise(store, 1.5)
    store.add_session_date(date(2025, 3, 2))
    store.add_session_date(date(2025, 2, 1))


@pytest.fixture
def filled(tmp_path: Path):
    wall = Wall()
    log = open_log(tmp_path / "log" / "practice-log.sqlite3", wall=wall, clock=MonotonicClock())
    _fill(log, wall)
    yield log
    log.close()


def test_json_round_trip_gives_identical_records(filled, tmp_path: Path) -> None:
    backup = tmp_path / "backup.json"
    assert export_json(filled, backup) == 4
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    data = json.loads(backup.read_text(encoding="utf-8"))
    assert data["format_version"] == 3
    assert data["practices"][2]["answers"] == {
        "first-words": ["=heavy, warm"],
        "ready-to-leave": ["Water", "-A ride home"],
    }
    with open_log(tmp_path / "other" / "practice-log.sqlite3", clock=MonotonicClock()) as empty:
        result = import_json(empty, backup)
        assert (result.added, result.already_present, result.sessions_added) == (4, 0, 2)
        assert empty.list_practices(limit=None) == filled.list_practices(limit=None)
        assert empty.session_dates() == filled.session_dates()
        # Importing the same backup again adds nothing.
        again = import_json(empty, backup)
        assert (again.added, again.already_present, again.sessions_added) == (0, 4, 0)
        assert empty.count_practices() == 4


def test_a_backup_merges_into_a_log_with_its_own_practices(filled, tmp_path: Path) -> None:
    backup = tmp_path / "backup.json"
    export_json(filled, backup)
    with open_log(
        tmp_path / "other" / "practice-log.sqlite3", wall=Wall(), clock=MonotonicClock()
    ) as other:
        own = practise(other, 2)
        import_json(other, backup)
        assert other.count_practices() == 5
        assert other.get(own.uuid) == own
        # And back the other way: only the practice the first log lacks comes in.
        export_json(other, backup)
    result = import_json(filled, backup)
    assert (result.added, result.already_present) == (1, 4)
    assert filled.get(own.uuid) == own


def test_json_export_of_a_date_range(filled, tmp_path: Path) -> None:
    backup = tmp_path / "range.json"
    assert export_json(filled, backup, date(2025, 3, 4), date(2025, 3, 31)) == 3
    data = json.loads(backup.read_text(encoding="utf-8"))
    assert data["format"] == "kapcompanion-practice-log"
    assert [p["local_date"] for p in data["practices"]] == [
        "2025-03-04",
        "2025-03-05",
        "2025-03-08",
    ]
    assert data["medicine_sessions"] == []
    assert (data["first"], data["last"]) == ("2025-03-04", "2025-03-31")


def test_csv_opens_with_the_csv_module_and_has_a_header(filled, tmp_path: Path) -> None:
    target = tmp_path / "practice.csv"
    assert export_csv(filled, target) == 4
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with open(target, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    answers = ["first-words", "ready-to-leave", "see", "taste"]
    journal = ["Words written", "Felt", "Intensity", "After the session of"]
    assert rows[0] == [*CSV_COLUMNS, *(f"Answer: {k}" for k in answers), *journal, "uuid"]
    assert len(rows) == 5
    by_name = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    assert by_name[0]["Note"] == 'a "quoted", comma; line\nbreak'
    assert by_name[1]["Intention"] == "Ängste 静か"
    assert by_name[1]["How it ended"] == "stopped"
    assert by_name[3]["Settled before (0-10)"] == ""
    ranged = tmp_path / "range.csv"
    assert export_csv(filled, ranged, last=date(2025, 3, 3)) == 1


def test_csv_is_for_a_spreadsheet_local_times_minutes_and_a_column_per_answer(
    filled, tmp_path: Path
) -> None:
    """Not UTC stamps, seconds to fourteen places and JSON in cells: the backup keeps those."""
    target = tmp_path / "practice.csv"
    export_csv(filled, target)
    rows = list(iter_csv_rows(target))
    records = sorted(filled.iter_records(), key=lambda r: r.started_utc)
    for row, record in zip(rows, records, strict=True):
        assert row["Date"] == record.local_date.isoformat()
        assert row["Start"] == record.started_utc.astimezone().strftime("%H:%M")
        assert row["uuid"] == record.uuid
        for cell in row.values():
            assert not cell.startswith(("{", "[")), cell  # no JSON anywhere
    assert rows[1]["Practised (min)"] == "3.3"  # 200.25 s
    assert rows[1]["Answer: see"] == "lamp; window" and rows[1]["Answer: taste"] == "tea"
    assert rows[0]["Answer: see"] == ""
    assert rows[2]["Answer: ready-to-leave"] == "Water; -A ride home"
    assert rows[2]["Answer: first-words"] == "'=heavy, warm"  # a spreadsheet shows it as text
    assert rows[2]["Settled after (0-10)"] == "8"
    assert rows[3]["Practised (min)"] == "1.5"


def test_an_export_replaces_an_older_one_and_stays_private(filled, tmp_path: Path) -> None:
    target = tmp_path / "backup.json"
    target.write_text("old")
    target.chmod(0o644)
    export_json(filled, target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert read_backup(target)[0] == filled.list_practices(limit=None, newest_first=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup.json", "log"]


def test_guest_practice_can_be_exported_and_imported_without_writing_elsewhere(
    tmp_path: Path,
) -> None:
    wall = Wall()
    guest = GuestLog(wall=wall)
    _fill(guest, wall)
    target = tmp_path / "guest.json"
    assert export_json(guest, target) == 4
    other = GuestLog()
    assert import_json(other, target).added == 4
    assert other.list_practices(limit=None) == guest.list_practices(limit=None)


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://example.invalid","open")',
        "+1+2",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=1+1",
        "\r=1+1",
        "   =1+1",
    ],
)
def test_csv_cells_that_a_spreadsheet_would_run_are_written_as_text(
    tmp_path: Path, text: str
) -> None:
    wall = Wall()
    log = GuestLog(wall=wall)
    pid = log.start_practice("exercise", "session-close", intention=text)
    log.finish_practice(pid, actual_s=60.0, note=text)
    target = tmp_path / "practice.csv"
    export_csv(log, target)
    (row,) = iter_csv_rows(target)
    assert row["Note"] == "'" + text
    assert row["Intention"] == "'" + text
    # Numbers stay numbers, and a backup keeps the text exactly.
    assert row["Practised (min)"] == "1.0"
    export_json(log, tmp_path / "backup.json")
    (record,), _ = read_backup(tmp_path / "backup.json")
    assert record.note == text


def test_csv_leaves_ordinary_text_alone() -> None:
    for value in ("calm", "a-b", "x=y", "'quoted'", "", "4.5", 12.5, None):
        assert csv_safe(value) == value
    for value in ("=1", "+1", "-1", "@x", "\t1", "\r1", " =1"):
        assert csv_safe(value) == "'" + value


def test_a_backup_in_the_first_format_still_imports(tmp_path: Path) -> None:
    path = _bad(tmp_path, _backup([{**GOOD, "answers": {"see": ["lamp"]}}]))
    guest = GuestLog()
    assert import_json(guest, path).added == 1
    (record,) = guest.list_practices()
    assert record.answers == {"see": ("lamp",)}


def _bad(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "bad.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _backup(practices: list, **extra: object) -> str:
    return json.dumps(
        {
            "format": "kapcompanion-practice-log",
            "format_version": 1,
            "practices": practices,
            **extra,
        }
    )


GOOD = {
    "uuid": "0b6f1a52-3c1e-4d0a-9a55-2f3c6d1e9a01",
    "kind": "breathing",
    "ref": "resonance",
    "status": "completed",
    "local_date": "2025-03-01",
    "started_utc": "2025-03-01T09:00:00+00:00",
    "actual_s": 60,
}


@pytest.mark.parametrize(
    ("content", "where", "words"),
    [
        ("{not json", "line 1, column 2", "not valid JSON"),
        (b"\xff\xfe\x00", "", "not UTF-8"),
        ('{"practices": []}', "", "not a kapcompanion practice backup"),
        (_backup([], format_version=9), "format_version", "newer version"),
        (
            _backup([{**GOOD, "answers": {"First Words": ["x"]}}]),
            "practice 1",
            "'answers' is not accepted",
        ),
        (
            _backup([{**GOOD, "answers": {"see": ["x"] * 13}}]),
            "practice 1",
            "'answers.see' is not accepted (at most 12 texts)",
        ),
        (_backup([{**GOOD, "rating_after": 12}]), "practice 1", "'rating_after'"),
        (_backup([GOOD, {**GOOD, "uuid": "nope"}]), "practice 2", "'uuid' must be a UUID"),
        (_backup([GOOD, GOOD]), "practice 2", "appears twice"),
        (_backup([{**GOOD, "status": "lost"}]), "practice 1", "'status' must be one of"),
        (_backup([{k: v for k, v in GOOD.items() if k != "kind"}]), "practice 1", "'kind'"),
        (_backup([{**GOOD, "started_utc": "2025-03-01T09:00"}]), "practice 1", "time zone"),
        (_backup([{**GOOD, "actual_s": "NaN"}]), "practice 1", "'actual_s'"),
        (
            '{"format": "kapcompanion-practice-log", "format_version": 1, "practices": '
            '[{"actual_s": NaN}]}',
            "",
            "NaN is not a number JSON allows",
        ),
        (
            _backup([{**GOOD, "steps": [{"step_id": "a", "started_s": 0}]}]),
            "practice 1",
            "'duration_s' is missing",
        ),
        (_backup([GOOD], medicine_sessions=["03/01/2025"]), "session 1", "a date like"),
    ],
)
def test_a_bad_backup_says_where_and_what_and_changes_nothing(
    filled, tmp_path: Path, content: str | bytes, where: str, words: str
) -> None:
    path = _bad(tmp_path, content)
    before = filled.list_practices(limit=None)
    log_files = snapshot(filled.path.parent)
    with pytest.raises(ImportFormatError) as info:
        import_json(filled, path)
    message = str(info.value)
    assert str(path) in message
    assert words in message
    # A practice is named with the line it begins on, once it has a uuid to find it by.
    assert info.value.where == where or info.value.where.startswith(where + ", line ")
    assert "Nothing from it was added" in message
    assert filled.list_practices(limit=None) == before
    assert snapshot(filled.path.parent) == log_files


def test_a_missing_backup_says_so(filled, tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError, match="could not be read"):
        import_json(filled, tmp_path / "nowhere.json")


def test_an_export_to_a_missing_folder_says_so_and_leaves_nothing(filled, tmp_path: Path) -> None:
    from kapcompanion.storage import StorageFailure

    with pytest.raises(StorageFailure) as info:
        export_csv(filled, tmp_path / "no-such-folder" / "x.csv")
    assert "could not be written" in info.value.message
    assert "your log is unchanged" in info.value.message
