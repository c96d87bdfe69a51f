"""The journal's store on real SQLite files: entries, drafts, body-map marks, summaries, and
what a second process and a killed one see. The child processes are this file run as a module:
``python -m tests.unit.storage.test_journal_store <scenario> <db> [seed]``."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import stat
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from kapcompanion.domain.body_map import (
    REGIONS,
    Mark,
    Sensation,
    around_session,
    new_mark,
    summarise,
)
from kapcompanion.domain.clock import FakeClock
from kapcompanion.domain.journal import (
    Draft,
    JournalEntry,
    JournalInputError,
    edited,
    new_entry,
    search,
)
from kapcompanion.storage import StorageFailure, open_log
from kapcompanion.storage.errors import Problem
from kapcompanion.storage.journal import SCHEMA, JournalStore, connect, ensure_schema

REPO = Path(__file__).resolve().parents[3]
DB = "journal.sqlite3"
PLUS_TWO = timezone(timedelta(hours=2))
AT = datetime(2025, 3, 10, 20, 15, 30, 123456, tzinfo=PLUS_TWO)


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    c = connect(tmp_path / DB)
    yield c
    c.close()


@pytest.fixture
def store(conn: sqlite3.Connection) -> JournalStore:
    return JournalStore(conn)


def child_text(i: int) -> str:
    return f"Entry {i}. " + "Slept, woke, sat with tea. " * (1 + i % 7)


# --- schema and files ---------------------------------------------------------------------------


def test_the_file_is_private_and_the_schema_can_be_ensured_again(tmp_path: Path) -> None:
    folder = tmp_path / "private"
    c = connect(folder / DB)
    try:
        ensure_schema(c)
        ensure_schema(c)
        JournalStore(c).add_entry(new_entry("words", written_at=AT))
        names = {r[0] for r in c.execute("SELECT name FROM sqlite_schema")}
        assert {"journal_entries", "journal_drafts", "body_marks"} <= names
        assert {"journal_list", "body_marks_by_day", "body_marks_by_entry"} <= names
        assert c.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert c.execute("PRAGMA foreign_key_list(body_marks)").fetchall() == []
    finally:
        c.close()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for name in (DB, DB + "-wal", DB + "-shm"):
        path = folder / name
        if path.exists():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, name
    assert len(SCHEMA) == 6


def test_the_journal_lives_beside_the_practice_log(tmp_path: Path) -> None:
    day = date(2025, 3, 10)
    wall = datetime(2025, 3, 10, 9, 0, tzinfo=PLUS_TWO)
    with open_log(tmp_path / "practice-log.sqlite3", clock=FakeClock(), wall=lambda: wall) as log:
        log.add_session_date(day)
        log.add_session_date(date(2025, 2, 1))
        pid = log.start_practice("exercise", "before-dosing")
        log.finish_practice(pid, actual_s=120)
        log.record_after(pid, intention="to listen to my body")
        conn = log._conn  # the log's own connection, as the app would pass it
        assert conn is not None
        ensure_schema(conn)
        journal = JournalStore(conn)
        assert journal.session_days() == [date(2025, 2, 1), day]
        assert journal.intention_for(day) == "to listen to my body"
        assert journal.intention_for(day + timedelta(days=1)) is None
        entry = journal.add_entry(
            new_entry("After.", written_at=AT, session_days=journal.session_days())
        )
        assert entry.follows == day
        # The log still works on the same connection.
        assert log.session_dates() == [date(2025, 2, 1), day]


def test_alone_a_file_has_no_sessions_and_a_caller_transaction_is_refused(
    conn: sqlite3.Connection,
) -> None:
    store = JournalStore(conn)
    assert store.session_days() == [] and store.intention_for(date(2025, 3, 10)) is None
    conn.execute("BEGIN")
    with pytest.raises(RuntimeError, match="already inside a transaction"):
        store.add_entry(new_entry("words", written_at=AT))
    conn.execute("ROLLBACK")


# --- entries ------------------------------------------------------------------------------------


def test_entries_come_back_as_they_were_written(store: JournalStore) -> None:
    entry = new_entry(
        "Dreamt of water.\n\tWoke early.",
        written_at=AT,
        session_days=[date(2025, 3, 9)],
        prompt_id="three-sleep",
    )
    store.add_entry(entry)
    got = store.get_entry(entry.uuid)
    assert got == entry
    assert got is not None and got.written_at.utcoffset() == timedelta(hours=2)
    assert store.get_entry(str(uuid.uuid4())) is None
    later = edited(entry, "Dreamt of the sea.", at=AT + timedelta(days=1))
    assert store.update_entry(later)
    assert store.get_entry(entry.uuid) == later
    assert not store.update_entry(new_entry("never kept", written_at=AT))
    assert store.count_entries() == 1


def test_lists_are_newest_first_across_time_zones(store: JournalStore) -> None:
    # 10:00 in Tokyo is earlier than 09:00 the same day in London.
    tokyo = new_entry(
        "tokyo", written_at=datetime(2025, 3, 10, 10, tzinfo=timezone(timedelta(hours=9)))
    )
    london = new_entry("london", written_at=datetime(2025, 3, 10, 9, tzinfo=UTC))
    store.add_entries([tokyo, london])
    assert [e.text for e in store.list_entries()] == ["london", "tokyo"]
    heads = store.list_heads()
    assert [h.uuid for h in heads] == [london.uuid, tokyo.uuid]
    assert heads[1].written_at == tokyo.written_at and heads[1].preview == "tokyo"
    assert [h.uuid for h in store.list_heads(limit=1)] == [london.uuid]


def test_the_list_and_the_sums_are_read_from_indexes_alone(conn: sqlite3.Connection) -> None:
    from kapcompanion.storage.journal import _HEAD_COLUMNS, _NEWEST_FIRST

    def plan(sql: str) -> str:
        return " ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql))

    heads = plan(f"SELECT {_HEAD_COLUMNS} FROM journal_entries {_NEWEST_FIRST}")
    assert "COVERING INDEX journal_list" in heads and "TEMP B-TREE" not in heads
    sums = plan(
        "SELECT region, label, count(*), sum(intensity), count(intensity) FROM body_marks "
        "WHERE local_date BETWEEN '2025-01-01' AND '2025-12-31' GROUP BY region, label"
    )
    assert "COVERING INDEX body_marks_by_day" in sums


def test_a_head_is_read_without_the_whole_entry(store: JournalStore) -> None:
    text = "First line\nsecond line " + "long " * 3000
    entry = store.add_entry(new_entry(text, written_at=AT))
    (head,) = store.list_heads()
    assert head.length == len(entry.text) and len(head.preview) == 120
    assert head.preview.startswith("First line second line")


def test_words_that_cannot_be_kept_are_refused_and_nothing_is_written(store: JournalStore) -> None:
    good = new_entry("fine", written_at=AT)
    with pytest.raises(JournalInputError):
        store.add_entry(JournalEntry(str(uuid.uuid4()), AT, " \x00 "))
    with pytest.raises(JournalInputError):
        store.add_entries([good, JournalEntry(str(uuid.uuid4()), AT, "x" * 20_001)])
    store.add_entry(good)
    # A batch with an entry already kept is written all or not at all.
    with pytest.raises(sqlite3.IntegrityError):
        store.add_entries([new_entry("new", written_at=AT), good])
    assert [e.text for e in store.list_entries()] == ["fine"]


def test_the_table_itself_refuses_what_the_domain_would(conn: sqlite3.Connection) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO journal_entries (uuid, written_utc, written_at, local_date, length, "
            "preview, text, folded) VALUES ('u', 't', 't', 'd', 0, '', '', '')"
        )
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO body_marks (uuid, region, sensation, own_word, label, at_utc, "
            "at_local, local_date) VALUES ('u', 'chest', 'ache', 'dull', 'x', 't', 't', 'd')"
        )


def test_deleting_an_entry_takes_its_marks_and_draft_with_it(store: JournalStore) -> None:
    keep = store.add_entry(new_entry("keep", written_at=AT))
    gone = store.add_entry(new_entry("let go", written_at=AT))
    store.save_mark(new_mark("chest", at=AT, sensation="warmth", entry_uuid=gone.uuid))
    other = store.save_mark(new_mark("hand-left", at=AT, sensation="warmth", entry_uuid=keep.uuid))
    loose = store.save_mark(new_mark("foot-left", at=AT, sensation="heaviness"))
    store.save_draft(Draft(gone.uuid, "half a thought", AT))
    assert store.delete_entry(gone.uuid)
    assert not store.delete_entry(gone.uuid)
    assert [e.uuid for e in store.list_entries()] == [keep.uuid]
    day = AT.date()
    assert {m.uuid for m in store.marks(day, day)} == {other.uuid, loose.uuid}
    assert store.drafts() == []
    assert store.marks_for_entry(keep.uuid) == [other]


# --- search -------------------------------------------------------------------------------------


TEXTS = [
    "Walked by the sea; the café was warm.",
    "CAFE closed. Sat on the beach instead.",
    "Straße, Søren and a long talk about the session.",
    "Nothing much. Slept well.",
    "Schlief gut. Träumte vom Meer.",
    "Tears without a reason, then lightness.",
]


@pytest.mark.parametrize(
    "query",
    ["cafe", "CAFÉ", "sea", "sea café", "strasse", "soren", "traumte", "SLEPT", "  ", "tea", "x"],
)
def test_the_store_searches_as_the_domain_does(store: JournalStore, query: str) -> None:
    entries = [new_entry(t, written_at=AT + timedelta(hours=i)) for i, t in enumerate(TEXTS)]
    store.add_entries(entries)
    expected = [e.uuid for e in search(entries, query)]
    assert [h.uuid for h in store.search(query)] == expected


def test_search_finds_accented_words_from_plain_ones(store: JournalStore) -> None:
    store.add_entries([new_entry(t, written_at=AT) for t in TEXTS])
    assert {h.preview for h in store.search("cafe")} == {TEXTS[0], TEXTS[1]}
    assert len(store.search("reason lightness")) == 1
    assert store.search("%") == [] and store.search("_") == []  # no wildcards


# --- drafts -------------------------------------------------------------------------------------


def test_drafts_are_kept_one_per_entry_and_go_when_the_words_are_kept(store: JournalStore) -> None:
    entry = store.add_entry(new_entry("kept", written_at=AT))
    fresh = str(uuid.uuid4())  # an entry being written, not kept yet
    store.save_draft(Draft(fresh, "new words\x00", AT, prompt_id="any-here"))
    store.save_draft(Draft(fresh, "newer words", AT + timedelta(minutes=5), "any-here"))
    store.save_draft(Draft(entry.uuid, "an edit", AT + timedelta(minutes=1)))
    drafts = store.drafts()
    assert [(d.entry_uuid, d.text) for d in drafts] == [
        (fresh, "newer words"),
        (entry.uuid, "an edit"),
    ]
    assert drafts[0].saved_at == AT + timedelta(minutes=5) and drafts[0].prompt_id == "any-here"
    store.update_entry(edited(entry, "an edit", at=AT))
    assert [d.entry_uuid for d in store.drafts()] == [fresh]
    store.add_entry(new_entry("newer words", written_at=AT, entry_uuid=fresh))
    assert store.drafts() == []
    store.save_draft(Draft(fresh, "again", AT))
    assert store.discard_draft(fresh) and not store.discard_draft(fresh)
    with pytest.raises(ValueError, match="time zone"):
        store.save_draft(Draft(fresh, "x", datetime(2025, 1, 1)))


# --- marks --------------------------------------------------------------------------------------


def test_a_mark_is_kept_and_saved_over_itself(store: JournalStore) -> None:
    mark = store.save_mark(new_mark("hand-left", at=AT, sensation="warmth", intensity=4))
    day = AT.date()
    assert store.marks(day, day) == [mark]
    stronger = replace(mark, intensity=7)
    store.save_mark(stronger)
    assert store.marks(day, day) == [stronger]
    own = store.save_mark(new_mark("chest", at=AT, own_word="Fizzy", practice_uuid="p1"))
    assert own.own_word == "fizzy"
    assert {m.uuid: m.practice_uuid for m in store.marks(day, day)} == {
        mark.uuid: None,
        own.uuid: "p1",
    }
    assert store.delete_mark(mark.uuid) and not store.delete_mark(mark.uuid)
    assert store.marks(day - timedelta(days=1), day - timedelta(days=1)) == []


def random_marks(count: int, seed: int, first: date, days: int) -> list[Mark]:
    rng = random.Random(seed)
    ids = [r.id for r in REGIONS]
    out = []
    for _ in range(count):
        day = first + timedelta(days=rng.randrange(days))
        at = datetime(day.year, day.month, day.day, rng.randrange(24), tzinfo=PLUS_TWO)
        if rng.random() < 0.15:
            out.append(new_mark(rng.choice(ids), at=at, own_word=rng.choice(["fizzy", "Calm"])))
        else:
            out.append(
                new_mark(
                    rng.choice(ids),
                    at=at,
                    sensation=rng.choice(list(Sensation)),
                    intensity=rng.choice([None, *range(11)]),
                )
            )
    return out


def test_the_summary_query_sums_as_the_domain_does(store: JournalStore) -> None:
    first = date(2025, 1, 1)
    marks = random_marks(3000, 11, first, 120)
    assert store.save_marks(marks) == 3000
    for a, b in [(first, first + timedelta(days=119)), (date(2025, 2, 3), date(2025, 2, 9))]:
        assert store.summary(a, b) == summarise(marks, a, b)
    assert store.summary(date(2030, 1, 1), date(2030, 2, 1)) == {}


def test_around_a_session_the_store_uses_the_logs_dates(tmp_path: Path) -> None:
    session = date(2025, 2, 10)
    with open_log(tmp_path / "practice-log.sqlite3", clock=FakeClock()) as log:
        for day in (session, date(2025, 2, 14)):
            log.add_session_date(day)
        conn = log._conn
        assert conn is not None
        ensure_schema(conn)
        store = JournalStore(conn)
        marks = random_marks(800, 3, date(2025, 1, 25), 40)
        store.save_marks(marks)
        around = store.around_session(session)
        assert around.after_span == (session, date(2025, 2, 13))
        assert around == around_session(marks, session, 7, [session, date(2025, 2, 14)])


# --- failures -----------------------------------------------------------------------------------


def test_a_busy_file_is_a_storage_failure_and_nothing_is_half_written(tmp_path: Path) -> None:
    c = connect(tmp_path / DB, busy_timeout_s=0.05)
    other = sqlite3.connect(tmp_path / DB, isolation_level=None)
    try:
        store = JournalStore(c)
        other.execute("BEGIN IMMEDIATE")  # another program writing and taking its time
        with pytest.raises(StorageFailure) as info:
            store.add_entry(new_entry("words", written_at=AT))
        assert info.value.problem is Problem.LOCKED
        assert str(tmp_path / DB) in info.value.message
        assert not c.in_transaction
        other.execute("ROLLBACK")
        store.add_entry(new_entry("words", written_at=AT))
        assert store.count_entries() == 1
    finally:
        other.close()
        c.close()


def test_a_read_only_file_can_be_read_and_says_why_it_cannot_be_written(tmp_path: Path) -> None:
    c = connect(tmp_path / DB)
    JournalStore(c).add_entry(new_entry("kept", written_at=AT))
    c.close()
    ro = sqlite3.connect((tmp_path / DB).as_uri() + "?mode=ro", uri=True, isolation_level=None)
    try:
        store = JournalStore(ro)
        assert [e.text for e in store.list_entries()] == ["kept"]
        with pytest.raises(StorageFailure) as info:
            store.add_entry(new_entry("more", written_at=AT))
        assert info.value.problem is Problem.READ_ONLY
    finally:
        ro.close()


# --- other processes ----------------------------------------------------------------------------


def _run(scenario: str, db: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.unit.storage.test_journal_store", scenario, str(db), *extra],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_second_process_reads_what_this_one_wrote_and_this_one_sees_its_writes(
    store: JournalStore, tmp_path: Path
) -> None:
    entries = [new_entry(t, written_at=AT + timedelta(minutes=i)) for i, t in enumerate(TEXTS)]
    store.add_entries(entries)
    store.save_mark(new_mark("chest", at=AT, sensation="warmth", intensity=5))
    with _run("read", tmp_path / DB) as child:
        out, err = child.communicate(timeout=60)
    assert child.returncode == 0, err
    seen = json.loads(out)
    assert seen["heads"] == [
        e.uuid for e in sorted(entries, key=lambda e: e.written_at, reverse=True)
    ]
    assert seen["cafe"] == [h.uuid for h in store.search("café")]
    assert seen["summary"] == {"chest": 1}
    # This connection stays open while the other process writes; it sees the new entry.
    with _run("write", tmp_path / DB) as child:
        out, err = child.communicate(timeout=60)
    assert child.returncode == 0, err
    written = json.loads(out)["uuid"]
    got = store.get_entry(written)
    assert got is not None and got.text == "Written by another process."


def test_a_process_killed_while_writing_leaves_every_reported_row_whole(tmp_path: Path) -> None:
    db = tmp_path / DB
    rng = random.Random(20250310)
    entries: dict[str, int] = {}
    marks: dict[str, int] = {}
    kills = 0
    for round_ in range(4):
        with _run("writer", db, str(round_ * 100_000)) as child:
            assert child.stdout is not None
            lines = [child.stdout.readline() for _ in range(3)]  # in its loop from here on
            time.sleep(rng.uniform(0.05, 0.25))
            child.send_signal(signal.SIGKILL)
            kills += 1
            rest, err = child.communicate(timeout=30)
            assert child.returncode == -signal.SIGKILL, err
        for line in "".join([*lines, rest]).split("\n")[:-1]:  # a line cut by the kill: unsaid
            kind, row_uuid, number = line.split()
            (entries if kind == "E" else marks)[row_uuid] = int(number)
    assert len(entries) >= 12, "the writer never got going"

    c = sqlite3.connect(db, isolation_level=None)
    try:
        assert c.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        store = JournalStore(c)
        kept = {e.uuid: e for e in store.list_entries()}
        for entry_uuid, i in entries.items():
            assert entry_uuid in kept, f"entry {i} was reported kept and is gone"
        # Whatever was kept is whole, reported or not.
        for entry in kept.values():
            n = int(entry.text.split()[1].rstrip("."))
            assert entry.text == child_text(n).strip()
        kept_marks = {m.uuid: m for m in store.marks(date(2000, 1, 1), date(2100, 1, 1))}
        for mark_uuid, i in marks.items():
            mark = kept_marks[mark_uuid]
            assert mark.intensity == i % 11 and mark.entry_uuid in kept
        # At most one row per kill was kept without being reported.
        assert len(set(kept) - set(entries)) <= kills
        assert len(set(kept_marks) - set(marks)) <= kills
    finally:
        c.close()


def _read(db: Path) -> dict[str, object]:
    store = JournalStore(sqlite3.connect(db, isolation_level=None))
    summary = store.summary(date(2025, 1, 1), date(2025, 12, 31))
    return {
        "heads": [h.uuid for h in store.list_heads()],
        "cafe": [h.uuid for h in store.search("CAFE")],
        "summary": {k: v.count for k, v in summary.items()},
    }


def _write(db: Path) -> dict[str, object]:
    entry = new_entry("Written by another process.", written_at=AT)
    return {"uuid": JournalStore(connect(db)).add_entry(entry).uuid}


def _writer(db: Path, start: int) -> None:
    store = JournalStore(connect(db))
    for i in range(start, start + 100_000):
        entry = store.add_entry(new_entry(child_text(i), written_at=datetime.now(UTC)))
        print("E", entry.uuid, i, flush=True)
        mark = new_mark("hand-left", at=entry.written_at, sensation="warmth", intensity=i % 11)
        store.save_mark(replace(mark, entry_uuid=entry.uuid))
        print("M", mark.uuid, i, flush=True)


if __name__ == "__main__":
    scenario, path = sys.argv[1], Path(sys.argv[2])
    if scenario == "writer":
        _writer(path, int(sys.argv[3]))
    else:
        print(json.dumps({"read": _read, "write": _write}[scenario](path)))
    sys.stdout.flush()
    os._exit(0)
