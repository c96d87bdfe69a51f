"""The one-page summary's figures, the PDF itself, and export/import from the command line."""

from __future__ import annotations

import csv
import errno
import json
import os
import re
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

from kapcompanion.__main__ import main
from kapcompanion.domain.clock import MonotonicClock
from kapcompanion.domain.practice import Kind
from kapcompanion.storage import StorageFailure, open_log
from kapcompanion.storage.export import record_to_dict
from kapcompanion.storage.paths import database_path
from kapcompanion.ui.log.report import export_pdf
from tests.helpers.cli import run_app
from tests.helpers.practices import RECORDS, SESSIONS, TODAY

TITLES = {"five-senses": "5-4-3-2-1 senses", "body-scan-3": "A three-minute body scan"}


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def pdf_text(path: Path) -> str:
    """The words on a PDF's page (poppler's pdftotext)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


@pytest.fixture
def saved():
    log = open_log(clock=MonotonicClock())
    log.merge_records(RECORDS, SESSIONS)
    log.close()
    return database_path(create=False)


def test_the_pdf_is_one_page_written_privately(qapp, tmp_path):
    log = open_log(clock=MonotonicClock())
    try:
        log.merge_records(RECORDS, SESSIONS)
        target = tmp_path / "summary.pdf"
        summary = export_pdf(log, target, TODAY - timedelta(days=90), TODAY, titles=TITLES)
    finally:
        log.close()
    data = target.read_bytes()
    assert data.startswith(b"%PDF-")
    assert page_count(data) == 1
    assert re.search(rb"/Count\s+1\b", data)
    assert summary.practices == 6
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert not list(tmp_path.glob(".*.tmp"))
    text = pdf_text(target)
    assert "Practice summary" in text and "5-4-3-2-1 senses" in text


def test_the_pdf_is_synced_to_the_disk_before_it_replaces_the_old_one(qapp, tmp_path, monkeypatch):
    target = tmp_path / "summary.pdf"
    target.write_bytes(b"the summary from last month")
    synced: list[str] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    with open_log(clock=MonotonicClock()) as log:
        log.merge_records(RECORDS, SESSIONS)
        export_pdf(log, target, TODAY - timedelta(days=90), TODAY, titles=TITLES)
    # The page was written to a file beside the target and flushed to the disk, then renamed
    # over it (the folder is synced last, so the new name stays too).
    assert synced[0].startswith(str(tmp_path / ".summary.pdf."))
    assert synced[-1] == str(tmp_path)
    assert target.read_bytes().startswith(b"%PDF-")


def test_a_pdf_that_cannot_be_finished_leaves_the_old_file_as_it_was(qapp, tmp_path, monkeypatch):
    target = tmp_path / "summary.pdf"
    target.write_bytes(b"the summary from last month")
    os.chmod(target, 0o600)

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with open_log(clock=MonotonicClock()) as log:
        log.merge_records(RECORDS, SESSIONS)
        with pytest.raises(StorageFailure) as failed:
            export_pdf(log, target, TODAY - timedelta(days=90), TODAY, titles=TITLES)
    assert f"The summary {target} could not be written" in failed.value.message
    assert "your log is unchanged" in failed.value.message
    assert target.read_bytes() == b"the summary from last month"
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
    assert {r["Kind"] for r in table} == {"breathing", "exercise"}
    by_uuid = {r["uuid"]: r for r in table}
    assert by_uuid[RECORDS[3].uuid]["Note"] == "Warm hands."
    assert by_uuid[RECORDS[3].uuid]["Settled after (0-10)"] == "7"

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

    original = open_log(saved, clock=MonotonicClock())
    copy = open_log(tmp_path / "another-computer" / "practice-log.sqlite3", clock=MonotonicClock())
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
    log = open_log(saved, clock=MonotonicClock())
    try:
        assert log.count_practices() == 7
    finally:
        log.close()
