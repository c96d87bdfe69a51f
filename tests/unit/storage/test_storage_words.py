"""What storage tells the person is in their language, and what it keeps is not.

In the pseudo-language every refusal of a backup or a shared script, every failed export and
every notice about the log must be made of translated sentences (the file's own name, the
backup's field names and values aside). In Spanish a real sentence is checked. And a backup
written while the app speaks Spanish keeps the same machine keys and values: it is imported in
English, by another process, with exactly the same records, and back again."""

from __future__ import annotations

import csv
import errno
import json
import os
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from kapcompanion import i18n
from kapcompanion.domain.clock import MonotonicClock
from kapcompanion.storage import ImportFormatError, open_log
from kapcompanion.storage.bundle import BundleError
from kapcompanion.storage.bundle_check import check_bundle
from kapcompanion.storage.errors import (
    LogLockedError,
    NewerVersionError,
    Problem,
    StorageFailure,
    advice,
)
from kapcompanion.storage.export import (
    export_csv,
    export_failed,
    export_json,
    import_json,
    record_to_dict,
)
from kapcompanion.storage.log import PracticeLog
from tests.helpers.cli import run_app
from tests.helpers.practices import RECORDS, SESSIONS
from tests.helpers.pseudo import CLOSE, CODE, OPEN, untranslated

UUID = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b"
#: Words that are the backup's own (field names, values, kinds): shown as they are written.
FILE_WORDS = [
    "uuid", "kind", "ref", "status", "started_utc", "ended_utc", "local_date", "steps",
    "skipped", "format_version", "practices", "medicine_sessions", "journal_entries",
    "body_marks", "written_at", "follows", "sensation", "true", "false", "yesterday",
    "rating_before",
    "completed", "stopped", "interrupted", "in_progress", "breathing", "exercise", "dancing",
    "kapcompanion", "json", "manifest", "toml", "wav", "kapscript", "Expecting", "value", "two",
]  # fmt: skip
FILE_WORDS += [part for word in FILE_WORDS for part in word.split("_")]


_PLACE = re.compile(r"(\{[^{}]*\})")


def _marked(message: str) -> str:
    """``message`` with each run of its own words marked and its placeholders left outside, so
    what fills them is checked too (an English reason inside a translated sentence shows)."""
    return "".join(
        part if _PLACE.fullmatch(part) else f"{OPEN}{part}{CLOSE}"
        for part in _PLACE.split(message)
        if part
    )


class PlaceholderPseudo:
    """The pseudo-language, strict about what fills a sentence's placeholders."""

    def gettext(self, message: str, /) -> str:
        return _marked(message)

    def ngettext(self, singular: str, plural: str, n: int, /) -> str:
        return _marked(singular if n == 1 else plural)

    def pgettext(self, context: str, message: str, /) -> str:
        return _marked(message)


@pytest.fixture
def pseudo() -> Iterator[None]:
    i18n.use_translations(PlaceholderPseudo(), CODE)
    yield
    i18n.use_language("en")


@pytest.fixture
def spanish() -> Iterator[None]:
    if (
        i18n.use_language("es") != "es"
        or i18n._("Nothing was imported.") == "Nothing was imported."
    ):
        i18n.use_language("en")
        pytest.skip("the Spanish catalog is not compiled (python packaging/translations.py)")
    yield
    i18n.use_language("en")


@pytest.fixture
def log(tmp_path: Path) -> Iterator[PracticeLog]:
    with open_log(tmp_path / "practice-log.sqlite3", clock=MonotonicClock()) as opened:
        opened.merge_records(RECORDS, SESSIONS)
        yield opened


def backup(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def with_practice(copies: int = 1, **changes: object) -> str:
    item: dict[str, object] = {
        "uuid": UUID,
        "kind": "breathing",
        "ref": "resonance",
        "status": "completed",
        "started_utc": "2025-03-03T08:00:00+00:00",
        "local_date": "2025-03-03",
        "steps": [],
    }
    item.update(changes)
    return json.dumps(
        {"format": "kapcompanion-practice-log", "format_version": 3, "practices": [item] * copies},
        indent=1,
    )


#: Backups that cannot be imported, one for each kind of refusal.
BAD_BACKUPS = {
    "broken.json": '{"format": "kapcompanion-practice-log", "practices": [',
    "other.json": '{"format": "something else"}',
    "newer.json": '{"format": "kapcompanion-practice-log", "format_version": 99}',
    "version.json": '{"format": "kapcompanion-practice-log", "format_version": "two"}',
    "no-list.json": '{"format": "kapcompanion-practice-log", "format_version": 3}',
    "sessions.json": (
        '{"format": "kapcompanion-practice-log", "format_version": 3, "practices": [],'
        ' "medicine_sessions": ["yesterday"]}'
    ),
    "twice.json": with_practice(copies=2),
    "status.json": with_practice(status="dancing"),
    "uuid.json": with_practice(uuid="0000"),
    "missing.json": with_practice().replace('"kind"', '"kinds"'),
    "date.json": with_practice(local_date="2025-02-30"),
    "steps.json": with_practice(steps=[{"skipped": "yes"}]),
    "backwards.json": with_practice(ended_utc="2025-03-03T07:00:00+00:00"),
    "rating.json": with_practice(rating_before=11),
    "far.json": with_practice(started_utc="1850-01-01T08:00:00+00:00"),
    "entry.json": (
        '{"format": "kapcompanion-practice-log", "format_version": 3, "practices": [],'
        ' "journal_entries": [{"uuid": "x", "written_at": "2025-03-03"}]}'
    ),
    "marks.json": (
        '{"format": "kapcompanion-practice-log", "format_version": 3, "practices": [],'
        ' "body_marks": "many"}'
    ),
}


def refusal(log: PracticeLog, path: Path) -> str:
    with pytest.raises(ImportFormatError) as caught:
        import_json(log, path)
    return str(caught.value).replace(str(path), "")


def test_every_refusal_of_a_backup_is_a_translated_sentence(pseudo, log, tmp_path):
    before = log.count_practices()
    for name, text in BAD_BACKUPS.items():
        said = refusal(log, backup(tmp_path, name, text))
        # Python's own JSON parser names what it expected in English ("Expecting value").
        left = untranslated(said, allowed=FILE_WORDS)
        assert left == [], (name, said)
    folder = tmp_path / "a-folder.json"
    folder.mkdir()
    assert untranslated(refusal(log, folder), allowed=FILE_WORDS) == []
    assert log.count_practices() == before


def test_a_refused_backup_is_explained_in_spanish(spanish, log, tmp_path):
    said = refusal(log, backup(tmp_path, "status.json", with_practice(status="dancing")))
    assert said.startswith("No se pudo importar la copia de seguridad  (práctica 1, línea ")
    assert "'status' debe ser uno de estos: " in said
    assert said.endswith("No se añadió nada de ella y tu registro sigue igual.")


def test_failed_writes_and_the_log_s_troubles_are_translated(pseudo, tmp_path):
    path = tmp_path / "practice-log.sqlite3"
    texts = [advice(problem, path) for problem in Problem]
    failure = OSError(errno.ENOSPC, "No space left on device")
    texts += [
        export_failed(path, failure, what=what).message
        for what in ("export", "summary", "take-home card")
    ]
    texts.append(str(LogLockedError(path, 1234)))
    texts.append(str(LogLockedError(path, None)))
    texts.append(str(NewerVersionError(path, 9, 3)))
    for text in texts:
        plain = text.replace(str(path), "").replace(str(path.parent), "")
        # The system's own words for an OS error ("No space left on device") come as they are.
        assert untranslated(plain, allowed=["No", "space", "left", "on", "device"]) == [], text


def test_a_log_in_the_way_of_a_pipe_is_set_aside_with_translated_words(pseudo, tmp_path):
    path = tmp_path / "practice-log.sqlite3"
    os.mkfifo(path)
    with open_log(path, clock=MonotonicClock()) as opened:
        notices = [n.message for n in opened.take_notices()]
    assert notices, "a pipe where the log should be is said"
    for text in notices:
        assert "⟦a pipe⟧" in text
        plain = text.replace(str(tmp_path), "")
        # The file's name, and the name it was set aside under.
        assert untranslated(plain, allowed=["practice", "log", "sqlite", "corrupt"]) == [], text


def test_a_shared_script_that_is_refused_says_why_in_translated_words(pseudo, tmp_path):
    not_zip = tmp_path / "notes.kapscript"
    not_zip.write_bytes(b"just some words, not a zip")
    outside = tmp_path / "outside.kapscript"
    with zipfile.ZipFile(outside, "w") as zf:
        zf.writestr("../escape.toml", "id = 'x'")
    for bundle in (not_zip, outside):
        with pytest.raises(BundleError) as caught:
            check_bundle(bundle, tmp_path / "scripts", known=[])
        said = str(caught.value).replace(str(tmp_path), "")
        assert untranslated(said, allowed=[*FILE_WORDS, "notes", "outside", "escape"]) == [], said


def test_a_failure_s_message_is_kept_whole_in_the_log_s_notices(pseudo, tmp_path):
    failure = StorageFailure(Problem.DISK_FULL, tmp_path / "practice-log.sqlite3")
    assert failure.message.startswith("⟦") and failure.message.endswith("⟧")


def test_the_spreadsheet_s_headings_follow_the_language_and_its_cells_do_not(
    spanish, log, tmp_path
):
    target = tmp_path / "log.csv"
    assert export_csv(log, target) == len(RECORDS)
    with open(target, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {"Fecha", "Tipo", "Práctica", "Cómo terminó", "Calma después (0-10)", "uuid"} <= set(
        rows[0]
    )
    assert {row["Tipo"] for row in rows} == {"breathing", "exercise"}  # the log's own values
    assert {row["Cómo terminó"] for row in rows} == {"completed"}


def test_a_backup_written_in_spanish_imports_in_english_with_the_same_records(
    spanish, log, tmp_path
):
    """Exported while speaking Spanish, imported by another process speaking English, exported
    there in English and imported here in Spanish again: the same records all the way."""
    first = tmp_path / "copia.json"
    assert export_json(log, first) == len(RECORDS)
    data = json.loads(first.read_text(encoding="utf-8"))
    assert data["format"] == "kapcompanion-practice-log"  # machine keys, never translated
    assert {p["kind"] for p in data["practices"]} == {"breathing", "exercise"}
    assert {p["status"] for p in data["practices"]} == {"completed"}

    elsewhere = tmp_path / "another-computer"
    english = {"KAPCOMPANION_DATA_DIR": str(elsewhere), "LANGUAGE": "en", "LANG": "en_GB.UTF-8"}
    done = run_app("import", str(first), env=english)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Added {len(RECORDS)} practices")  # said in English
    second = tmp_path / "back.json"
    done = run_app("export", "--format", "json", "--out", str(second), env=english)
    assert done.returncode == 0, done.stderr

    with open_log(elsewhere / "practice-log.sqlite3", clock=MonotonicClock()) as copy:
        assert [record_to_dict(r) for r in copy.iter_records()] == [
            record_to_dict(r) for r in log.iter_records()
        ]
        assert copy.session_dates() == log.session_dates() == SESSIONS

    with open_log(tmp_path / "third.sqlite3", clock=MonotonicClock()) as third:
        result = import_json(third, second)  # in Spanish again
        assert result.added == len(RECORDS)
        assert [record_to_dict(r) for r in third.iter_records()] == [
            record_to_dict(r) for r in log.iter_records()
        ]
