"""The journal and the body map travel with the log's backup and CSV, and come back whole."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from kapcompanion.domain.body_map import new_mark
from kapcompanion.domain.clock import MonotonicClock
from kapcompanion.domain.journal import edited, new_entry
from kapcompanion.storage import ImportFormatError, PracticeLog, open_log
from kapcompanion.storage.export import export_csv, export_json, import_json, iter_csv_rows
from kapcompanion.storage.export_journal import entry_to_dict, mark_to_dict
from kapcompanion.storage.journal_open import journal_for

EAST = timezone(timedelta(hours=9))
WEST = timezone(timedelta(hours=-7))
SESSION = date(2025, 3, 10)
READ = (
    "import json, sqlite3, sys\n"
    "c = sqlite3.connect(sys.argv[1])\n"
    "print(json.dumps([c.execute('SELECT count(*) FROM journal_entries').fetchone()[0],\n"
    "                  c.execute('SELECT count(*) FROM body_marks').fetchone()[0],\n"
    "                  c.execute('PRAGMA integrity_check').fetchone()[0]]))\n"
)


def fill(log: PracticeLog) -> None:
    log.add_session_date(SESSION)
    journal = journal_for(log)
    first = new_entry(
        "=SUM(A1) my chest felt open",
        written_at=datetime(2025, 3, 11, 22, 0, tzinfo=EAST),
        session_days=[SESSION],
        prompt_id=None,
    )
    journal.add_entry(first)
    journal.update_entry(
        edited(first, "My chest felt open.", at=datetime(2025, 3, 12, 8, 0, tzinfo=EAST))
    )
    journal.add_entry(
        new_entry("Ängste, still here; and yet.", written_at=datetime(2025, 3, 14, 6, tzinfo=WEST))
    )
    journal.save_mark(
        new_mark(
            "chest",
            at=datetime(2025, 3, 11, 22, 5, tzinfo=EAST),
            sensation="warmth",
            intensity=6,
            entry_uuid=first.uuid,
        )
    )
    journal.save_mark(
        new_mark("hand-left", at=datetime(2025, 3, 13, 9, tzinfo=WEST), own_word="fizzing")
    )


def state(log: PracticeLog) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    journal = journal_for(log)
    return (
        [entry_to_dict(e) for e in journal.all_entries()],
        [mark_to_dict(m) for m in journal.marks(date.min, date.max)],
    )


def test_a_backup_carries_the_journal_to_another_log_once(tmp_path: Path) -> None:
    backup = tmp_path / "backup.json"
    with open_log(tmp_path / "a.sqlite3", clock=MonotonicClock()) as a:
        fill(a)
        export_json(a, backup)
        original = state(a)
    data = json.loads(backup.read_text(encoding="utf-8"))
    assert data["format_version"] == 3
    assert len(data["journal_entries"]) == 2 and len(data["body_marks"]) == 2
    other = tmp_path / "b.sqlite3"
    with open_log(other, clock=MonotonicClock()) as b:
        result = import_json(b, backup)
        assert (result.journal_added, result.marks_added) == (2, 2)
        again = import_json(b, backup)
        assert (again.journal_added, again.marks_added) == (0, 0)
    with open_log(other, clock=MonotonicClock()) as b:
        assert state(b) == original  # times keep the offset they were lived in
        uuid = original[0][0]["uuid"]
        assert isinstance(uuid, str)
        edited = journal_for(b).get_entry(uuid)
        assert edited is not None and edited.edited_at is not None
    done = subprocess.run(
        [sys.executable, "-c", READ, str(other)], capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout) == [2, 2, "ok"]


def test_a_dated_backup_holds_the_journal_of_those_dates_only(tmp_path: Path) -> None:
    backup = tmp_path / "march-11.json"
    with open_log(tmp_path / "a.sqlite3", clock=MonotonicClock()) as a:
        fill(a)
        export_json(a, backup, date(2025, 3, 11), date(2025, 3, 12))
    data = json.loads(backup.read_text(encoding="utf-8"))
    assert [e["text"] for e in data["journal_entries"]] == ["My chest felt open."]
    assert [m["region"] for m in data["body_marks"]] == ["chest"]


@pytest.mark.parametrize(
    ("change", "where", "problem"),
    [
        (lambda d: d["journal_entries"][1].update(text=""), "journal entry 2", ""),
        (lambda d: d["body_marks"][0].update(region="tail"), "body-map mark 1", ""),
        (lambda d: d["body_marks"][1].update(sensation="glow"), "body-map mark 2", "glow"),
        (
            lambda d: d["journal_entries"][0].update(written_at="2025-03-11"),
            "journal entry 1",
            "time zone",
        ),
        (lambda d: d.update(body_marks={}), "body_marks", "list"),
    ],
)
def test_a_bad_journal_item_names_its_place_and_nothing_is_imported(
    tmp_path: Path, change, where: str, problem: str
) -> None:
    backup = tmp_path / "backup.json"
    with open_log(tmp_path / "a.sqlite3", clock=MonotonicClock()) as a:
        fill(a)
        a.start_practice("breathing", "resonance")
        export_json(a, backup)
    data = json.loads(backup.read_text(encoding="utf-8"))
    change(data)
    backup.write_text(json.dumps(data), encoding="utf-8")
    with open_log(tmp_path / "b.sqlite3", clock=MonotonicClock()) as b:
        with pytest.raises(ImportFormatError) as refused:
            import_json(b, backup)
        assert where in str(refused.value) and problem in str(refused.value)
        assert b.count_practices() == 0 and state(b) == ([], [])


def test_an_older_backup_without_a_journal_still_imports(tmp_path: Path) -> None:
    backup = tmp_path / "old.json"
    backup.write_text(
        json.dumps(
            {
                "format": "kapcompanion-practice-log",
                "format_version": 2,
                "practices": [],
                "medicine_sessions": ["2025-03-10"],
            }
        ),
        encoding="utf-8",
    )
    with open_log(tmp_path / "b.sqlite3", clock=MonotonicClock()) as b:
        result = import_json(b, backup)
        assert result.sessions_added == 1 and result.journal_added == 0


def test_the_csv_lists_entries_and_marks_safely(tmp_path: Path) -> None:
    table = tmp_path / "log.csv"
    with open_log(tmp_path / "a.sqlite3", clock=MonotonicClock()) as a:
        fill(a)
        export_csv(a, table)
    rows = list(iter_csv_rows(table))
    assert [r["Kind"] for r in rows] == ["journal", "journal", "body-map", "body-map"]
    assert rows[0]["Words written"] == "My chest felt open."
    assert rows[0]["After the session of"] == "2025-03-10"
    assert rows[1]["Words written"] == "Ängste, still here; and yet."
    assert rows[1]["After the session of"] == ""
    assert (rows[2]["Practice"], rows[2]["Felt"], rows[2]["Intensity"]) == ("chest", "warmth", "6")
    assert (rows[3]["Practice"], rows[3]["Felt"]) == ("hand-left", "fizzing")
    assert oct(table.stat().st_mode & 0o777) == "0o600"


def test_a_formula_in_an_entry_is_plain_text_in_the_csv(tmp_path: Path) -> None:
    table = tmp_path / "log.csv"
    with open_log(tmp_path / "a.sqlite3", clock=MonotonicClock()) as a:
        a.add_session_date(SESSION)
        journal_for(a).add_entry(
            new_entry("=HYPERLINK(1)", written_at=datetime(2025, 3, 11, 9, tzinfo=EAST))
        )
        export_csv(a, table)
    (row,) = iter_csv_rows(table)
    assert row["Words written"] == "'=HYPERLINK(1)"
