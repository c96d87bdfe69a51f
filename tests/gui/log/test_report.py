"""The one-page summary's figures, the PDF itself, and export/import from the command line."""

from __future__ import annotations

import csv
import json
import re
import subprocess
from datetime import date, timedelta

import pytest

from kapcompanion.__main__ import main
from kapcompanion.domain.practice import Kind, Status
from kapcompanion.storage import open_log
from kapcompanion.storage.export import record_to_dict
from kapcompanion.storage.paths import database_path
from kapcompanion.ui.log.report import export_pdf, minutes_text, rating_change_text, summarize
from tests.gui.log.test_history import RECORDS, SESSIONS, TODAY, practice
from tests.helpers.cli import run_app


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


@pytest.fixture
def saved():
    log = open_log()
    log.merge_records(RECORDS, SESSIONS)
    log.close()
    return database_path(create=False)


def test_the_summary_counts_what_was_practised_in_the_range():
    first = TODAY - timedelta(days=30)
    stopped = practice(TODAY - timedelta(days=5), 2, status=Status.STOPPED)
    s = summarize([*RECORDS, stopped], SESSIONS, first, TODAY)
    assert (s.first, s.last, s.days_in_range) == (first, TODAY, 31)
    assert s.practices == 7 and s.completed == 6 and s.stopped == 1 and s.interrupted == 0
    assert s.minutes == pytest.approx(40.0)
    assert s.days_practised == 6
    assert [(k.name, k.count) for k in s.kinds][:1] == [("Resonance", 5)]
    assert s.rated_pairs == 3
    assert s.mean_before == pytest.approx(4.0) and s.mean_after == pytest.approx(6.0)
    assert s.mean_change == pytest.approx(2.0)
    assert "2.0 points higher after practice than before" in rating_change_text(s)
    assert [line.day for line in s.sessions] == SESSIONS
    # In the three days after each session: two practices the day after the first, and one
    # on each of the three days after the second.
    assert [line.practices_after for line in s.sessions] == [2, 3]
    assert sum(m for _, m in s.weeks) == pytest.approx(s.minutes)


def test_a_summary_without_practice_says_so_plainly():
    s = summarize([], [], date(2026, 1, 1), date(2026, 1, 31))
    assert s.practices == 0 and s.mean_change is None
    assert rating_change_text(s) == "No practice in this period was rated both before and after."


def test_minutes_read_naturally():
    assert minutes_text(4.6) == "5 min"
    assert minutes_text(89) == "89 min"
    assert minutes_text(125) == "2 h 05 min"


def test_the_pdf_is_one_page_written_privately(qapp, tmp_path):
    log = open_log()
    try:
        log.merge_records(RECORDS, SESSIONS)
        target = tmp_path / "summary.pdf"
        summary = export_pdf(log, target, TODAY - timedelta(days=90), TODAY)
    finally:
        log.close()
    data = target.read_bytes()
    assert data.startswith(b"%PDF-")
    assert page_count(data) == 1
    assert re.search(rb"/Count\s+1\b", data)
    assert summary.practices == 6
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert not list(tmp_path.glob(".*.tmp"))


def run_cli(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    # The PDF export chooses the offscreen platform itself.
    return run_app(*argv, env=env, unset=("QT_QPA_PLATFORM", "DISPLAY"))


def test_export_on_the_command_line_writes_csv_json_and_pdf(saved, tmp_path):
    out = tmp_path / "log.csv"
    done = run_cli("export", "--format", "csv", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Wrote a table of 7 practices to {out}."
    with open(out, newline="", encoding="utf-8") as f:
        table = list(csv.DictReader(f))
    assert len(table) == 7
    assert {r["kind"] for r in table} == {"breathing", "exercise"}
    by_uuid = {r["uuid"]: r for r in table}
    assert by_uuid[RECORDS[3].uuid]["note"] == "Warm hands."
    assert by_uuid[RECORDS[3].uuid]["rating_after"] == "7"

    ranged = tmp_path / "march.json"
    done = run_cli(
        "export", "--from", "2026-03-01", "--to", "2026-03-31", "--out", str(ranged)
    )  # the format comes from the name
    assert done.returncode == 0, done.stderr
    data = json.loads(ranged.read_text())
    assert [p["local_date"][:7] for p in data["practices"]] == ["2026-03"] * 3
    assert data["medicine_sessions"] == ["2026-03-15"]

    pdf = tmp_path / "summary.pdf"
    done = run_cli("export", "--format", "pdf", "--out", str(pdf), "--from", "2026-01-01")
    assert done.returncode == 0, done.stderr
    assert pdf.read_bytes().startswith(b"%PDF") and page_count(pdf.read_bytes()) == 1


def test_a_json_export_imports_back_identically(saved, tmp_path, private_data_dir):
    backup = tmp_path / "backup.json"
    assert run_cli("export", "--format", "json", "--out", str(backup)).returncode == 0
    elsewhere = {"KAPCOMPANION_DATA_DIR": str(tmp_path / "another-computer")}
    done = run_cli("import", str(backup), env=elsewhere)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(
        "Added 7 practices (0 were already in your log) and 2 medicine-session dates"
    )
    again = run_cli("import", str(backup), env=elsewhere)
    assert again.stdout.startswith("Added 0 practices (7 were already in your log)")

    original = open_log(saved)
    copy = open_log(tmp_path / "another-computer" / "practice-log.sqlite3")
    try:
        assert [record_to_dict(r) for r in copy.iter_records()] == [
            record_to_dict(r) for r in original.iter_records()
        ]
        assert copy.session_dates() == original.session_dates() == SESSIONS
        assert copy.count_practices(kind=Kind.EXERCISE) == 2
    finally:
        original.close()
        copy.close()


def test_export_problems_are_one_clear_line(tmp_path, private_data_dir, capsys):
    assert main(["export", "--out", str(tmp_path / "x.csv")]) == 1
    err = capsys.readouterr().err
    assert "there is no practice log yet" in err and "nothing to export" in err
    assert not (private_data_dir / "data").exists()  # an export never creates a log
    with pytest.raises(SystemExit) as stop:
        main(["export", "--out", str(tmp_path / "x.txt")])
    assert stop.value.code == 2
    assert "add --format csv" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["export", "--out", "x.csv", "--from", "2026-02-30"])
    assert "'2026-02-30' is not a date" in capsys.readouterr().err


def test_export_into_a_missing_folder_names_it_and_changes_nothing(saved, tmp_path, capsys):
    target = tmp_path / "no-such-folder" / "log.csv"
    assert main(["export", "--out", str(target)]) == 1
    err = capsys.readouterr().err
    assert str(target) in err and "your log is unchanged" in err


def test_a_broken_backup_is_refused_with_the_place_and_nothing_is_added(saved, tmp_path, capsys):
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "kapcompanion-practice-log", "format_version": 1, "practices": [')
    assert main(["import", str(broken)]) == 1
    err = capsys.readouterr().err
    assert "could not be imported (line 1" in err and "your log is unchanged" in err
    log = open_log(saved)
    try:
        assert log.count_practices() == 7
    finally:
        log.close()
