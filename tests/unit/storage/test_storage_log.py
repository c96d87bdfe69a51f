"""The saved practice log: what the UI calls, checked against the file on disk."""

from __future__ import annotations

import json
import sqlite3
import stat
import tempfile
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kapcompanion.domain.clock import MonotonicClock
from kapcompanion.domain.practice import Kind, PracticeInputError, Status, StepTime
from kapcompanion.storage import (
    GuestLog,
    NotRunningError,
    PracticeStore,
    UnknownPracticeError,
    open_log,
)
from tests.unit.storage.test_storage_support import CET, Wall, practise, raw_rows


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "log" / "practice-log.sqlite3"


def test_a_practice_is_on_disk_from_its_start(db: Path) -> None:
    with open_log(db, wall=Wall(), clock=MonotonicClock()) as log:
        pid = log.start_practice(
            "breathing", "resonance", planned_s=300, rating_before=4, intention="to arrive"
        )
        assert raw_rows(db, "SELECT uuid, status, local_date FROM practices") == [
            (pid, "in_progress", "2025-03-03")
        ]
        log.record_progress(pid, actual_s=60.0, steps=[StepTime("settle", 0, 60)])
        assert raw_rows(db, "SELECT actual_s FROM practices") == [(60.0,)]
        done = log.finish_practice(
            pid,
            actual_s=300.0,
            steps=[StepTime("settle", 0, 60), StepTime("pace", 60, 240)],
            rating_after=7,
        )
        assert raw_rows(db, "SELECT status, actual_s, rating_after FROM practices") == [
            ("completed", 300.0, 7)
        ]
        assert raw_rows(db, "SELECT step_id, duration_s FROM practice_steps ORDER BY position") == [
            ("settle", 60.0),
            ("pace", 240.0),
        ]
        assert log.get(pid) == done
        assert done.intention == "to arrive" and done.rating_before == 4
        assert log.take_notices() == []
        assert log.saves


def test_the_file_and_its_journals_are_private(db: Path) -> None:
    with open_log(db, wall=Wall(), clock=MonotonicClock()) as log:
        practise(log)
        files = {p.name: stat.S_IMODE(p.stat().st_mode) for p in db.parent.iterdir()}
        assert {
            "practice-log.sqlite3",
            "practice-log.sqlite3-wal",
            "practice-log.sqlite3-shm",
            "practice-log.sqlite3.lock",
        } <= set(files)
        assert set(files.values()) == {0o600}
        assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700
        assert raw_rows(db, "PRAGMA journal_mode") == [("wal",)]


def test_a_crash_leaves_an_interrupted_record_with_its_progress(db: Path, tmp_path: Path) -> None:
    crashed = tmp_path / "crashed.sqlite3"
    with open_log(db, wall=Wall(), clock=MonotonicClock()) as log:
        done = practise(log)
        pid = log.start_practice("exercise", "body-scan-10", planned_s=600)
        log.record_progress(pid, actual_s=120.0, steps=[StepTime("feet", 0, 120)])
        # What is on disk at this moment, as a power cut would leave it.
        source = sqlite3.connect(db)
        target = sqlite3.connect(crashed)
        source.backup(target)
        source.close()
        target.close()
    with open_log(crashed, wall=Wall(), clock=MonotonicClock()) as after:
        notices = after.take_notices()
        assert [n.kind.value for n in notices] == ["interrupted"]
        assert "marked as interrupted" in notices[0].message
        left = after.get(pid)
        assert left is not None and left.status is Status.INTERRUPTED
        assert left.actual_s == 120.0 and left.steps == (StepTime("feet", 0.0, 120.0),)
        assert after.get(done.uuid) == done
        with pytest.raises(NotRunningError):
            after.finish_practice(pid, actual_s=1)


def test_listing_filters_orders_and_pages(db: Path) -> None:
    wall = Wall()
    with open_log(db, wall=wall, clock=MonotonicClock()) as log:
        made = []
        for i in range(7):
            made.append(
                practise(log, minutes=i + 1, kind="exercise" if i % 3 == 0 else "breathing")
            )
            wall.jump(timedelta(days=1))
        newest = [r.uuid for r in reversed(made)]
        assert [r.uuid for r in log.list_practices()] == newest
        assert [r.uuid for r in log.list_practices(limit=2, offset=3)] == newest[3:5]
        assert [r.uuid for r in log.list_practices(newest_first=False, limit=None)] == newest[::-1]
        first, last = date(2025, 3, 4), date(2025, 3, 6)
        ranged = log.list_practices(first=first, last=last)
        assert [r.local_date for r in ranged] == [
            date(2025, 3, 6),
            date(2025, 3, 5),
            date(2025, 3, 4),
        ]
        assert log.count_practices(first=first, last=last) == 3
        exercises = log.list_practices(kind=Kind.EXERCISE)
        assert [r.uuid for r in exercises] == [made[6].uuid, made[3].uuid, made[0].uuid]
        assert log.count_practices(kind=Kind.EXERCISE) == 3
        assert log.count_practices() == 7


def test_notes_can_be_changed_and_removed(db: Path) -> None:
    with open_log(db, wall=Wall(), clock=MonotonicClock()) as log:
        r = practise(log, note="first words")
        log.update_note(r.uuid, "later words")
        assert raw_rows(db, "SELECT note FROM practices") == [("later words",)]
        log.update_note(r.uuid, "   ")
        got = log.get(r.uuid)
        assert got is not None and got.note is None and got.steps == r.steps
        with pytest.raises(UnknownPracticeError):
            log.update_note("no-such-id", "x")


def test_a_note_written_during_a_practice_survives_its_end(db: Path) -> None:
    with open_log(db, wall=Wall(), clock=MonotonicClock()) as log:
        pid = log.start_practice("breathing", "box")
        log.update_note(pid, "noticed my feet")
        done = log.finish_practice(pid, actual_s=30)
        assert done.note == "noticed my feet"
        assert raw_rows(db, "SELECT note, status FROM practices") == [
            ("noticed my feet", "completed")
        ]


def test_a_row_is_finished_at_the_real_end_and_what_comes_after_is_added(db: Path) -> None:
    wall = Wall()
    with open_log(db, wall=wall, clock=MonotonicClock()) as log:
        pid = log.start_practice("exercise", "session-close", planned_s=480, rating_before=3)
        done = log.finish_practice(pid, actual_s=470.0, steps=[StepTime("step-1", 0, 470)])
        ended = done.ended_utc
        assert ended is not None
        assert raw_rows(db, "SELECT status, ended_utc, rating_after FROM practices") == [
            ("completed", ended.isoformat(timespec="microseconds"), None)
        ]
        wall.jump(timedelta(minutes=3))  # the person takes their time with the question
        after = log.record_after(
            pid,
            rating_after=7,
            intention="to land",
            answers={"first-words": ["heavy and warm"], "ready-to-leave": ["Water", "A ride"]},
        )
        assert after.ended_utc == ended  # still the real end, not when they answered
        assert after.actual_s == 470.0 and after.steps == done.steps
        assert log.get(pid) == after
        ((status, ended_text, rating, inputs),) = raw_rows(
            db, "SELECT status, ended_utc, rating_after, inputs FROM practices"
        )
        assert (status, rating) == ("completed", 7)
        assert datetime.fromisoformat(ended_text) == ended
        assert json.loads(inputs) == {
            "intention": "to land",
            "answers": {"first-words": ["heavy and warm"], "ready-to-leave": ["Water", "A ride"]},
        }
        # Skipping adds nothing; bad values are refused and change nothing.
        assert log.record_after(pid) == after
        with pytest.raises(PracticeInputError, match="answers"):
            log.record_after(pid, answers={"Not A Key": ["x"]})
        assert log.get(pid) == after
        with pytest.raises(UnknownPracticeError):
            log.record_after("no-such-id", rating_after=3)


def test_answers_of_any_input_survive_closing_and_opening_the_log(db: Path) -> None:
    answers = {
        "first-words": ("heavy and warm",),
        "ready_to_leave": ("Water nearby", "Someone to call"),
        "settled": ("7",),
        "see": ("a lamp", "Ängste – leiser; 静か"),
    }
    with open_log(db, wall=Wall(), clock=MonotonicClock()) as log:
        done = practise(log, kind="exercise", answers=answers)
    with open_log(db, wall=Wall(), clock=MonotonicClock()) as again:
        kept = again.get(done.uuid)
        assert kept is not None and kept.answers == answers
        assert list(kept.answers) == list(answers)  # in the order they were asked


def test_delete_one_and_delete_all_leave_no_trace_in_the_file(db: Path) -> None:
    secret = "a private sentence 7f3a9"
    with open_log(db, wall=Wall(), clock=MonotonicClock()) as log:
        keep = practise(log, steps=[StepTime("a", 0, 10)])
        gone = practise(log, note=secret, steps=[StepTime("b", 0, 10)])
        assert log.delete_practice(gone.uuid)
        assert not log.delete_practice(gone.uuid)
        assert log.get(gone.uuid) is None
        assert raw_rows(db, "SELECT count(*) FROM practice_steps") == [(1,)]
        log.add_session_date(date(2025, 3, 1))
        assert log.get(keep.uuid) == keep
        assert log.delete_all() == 1
        assert log.list_practices() == [] and log.session_dates() == []
    blob = b"".join(p.read_bytes() for p in db.parent.iterdir() if p.is_file())
    assert secret.encode() not in blob


def test_medicine_session_dates(db: Path) -> None:
    with open_log(db, wall=Wall(), clock=MonotonicClock()) as log:
        assert log.add_session_date(date(2025, 3, 1))
        assert not log.add_session_date(date(2025, 3, 1))
        assert log.add_session_date(date(2025, 2, 1))
        assert log.session_dates() == [date(2025, 2, 1), date(2025, 3, 1)]
        window = log.integration_window(today=date(2025, 3, 3))
        assert window.days_since == 2 and window.in_window
        assert log.remove_session_date(date(2025, 3, 1))
        assert not log.remove_session_date(date(2025, 3, 1))
        assert log.integration_window(today=date(2025, 3, 3)).days_since == 30
    assert raw_rows(db, "SELECT * FROM medicine_sessions") == [("2025-02-01",)]


def test_bad_input_is_refused_before_anything_is_written(db: Path) -> None:
    with open_log(db, wall=Wall(), clock=MonotonicClock()) as log:
        with pytest.raises(PracticeInputError, match="rating_before"):
            log.start_practice("breathing", "x", rating_before=11)
        pid = log.start_practice("breathing", "x")
        with pytest.raises(PracticeInputError, match="rating_after"):
            log.finish_practice(pid, actual_s=10, rating_after=-1)
        # The practice is still running and can end properly.
        log.finish_practice(pid, actual_s=10, rating_after=1)
        with pytest.raises(NotRunningError):
            log.finish_practice(pid, actual_s=10)
    assert raw_rows(db, "SELECT status FROM practices") == [("completed",)]


def test_history_queries(db: Path) -> None:
    wall = Wall()
    with open_log(db, wall=wall, clock=MonotonicClock()) as log:
        practise(log, 5, rating_after=6)  # Monday 3 March
        practise(log, 10, kind="exercise")
        wall.jump(timedelta(days=2))
        practise(log, 2)  # Wednesday
        wall.jump(timedelta(days=6))
        practise(log, 7)  # Tuesday of the next week
        monday = date(2025, 3, 3)
        per_day = log.minutes_per_day(monday, monday + timedelta(days=9))
        assert per_day[monday] == pytest.approx(15.0)
        assert per_day[monday + timedelta(days=2)] == pytest.approx(2.0)
        assert per_day[monday + timedelta(days=8)] == pytest.approx(7.0)
        assert sum(per_day.values()) == pytest.approx(24.0)
        assert log.minutes_per_day(monday, monday, Kind.EXERCISE) == {monday: pytest.approx(10.0)}
        weeks = log.minutes_per_week(monday + timedelta(days=1), monday + timedelta(days=8))
        assert weeks == {
            monday: pytest.approx(17.0),
            monday + timedelta(days=7): pytest.approx(7.0),
        }
        assert log.days_practised_in_week(monday + timedelta(days=4)) == [
            monday,
            monday + timedelta(days=2),
        ]
        assert [(p.local_date, p.after) for p in log.ratings_over_time()] == [(monday, 6)]


def test_ratings_of_one_kind_and_per_day(db: Path) -> None:
    wall = Wall()
    with open_log(db, wall=wall, clock=MonotonicClock()) as log:
        pid = log.start_practice("breathing", "resonance", rating_before=2)
        log.finish_practice(pid, actual_s=60, rating_after=6)
        pid = log.start_practice("exercise", "orienting", rating_before=4)
        log.finish_practice(pid, actual_s=60, rating_after=9)
        pid = log.start_practice("exercise", "orienting", rating_before=5)
        log.finish_practice(pid, actual_s=60)
        practise(log, 1)  # not rated
        wall.jump(timedelta(days=2))
        practise(log, 1, rating_after=3)
        monday = date(2025, 3, 3)
        points = log.ratings_over_time(kind=Kind.EXERCISE)
        assert [(p.before, p.after) for p in points] == [(4, 9), (5, None)]
        assert [p.after for p in log.ratings_over_time(kind=Kind.BREATHING)] == [6, 3]
        per_day = log.ratings_per_day()
        assert [(d.local_date, d.rated, d.paired) for d in per_day] == [
            (monday, 3, 2),
            (monday + timedelta(days=2), 1, 0),
        ]
        assert (per_day[0].before_total, per_day[0].after_total) == (11, 15)
        assert (per_day[0].paired_before_total, per_day[0].paired_after_total) == (6, 15)
        assert [d.rated for d in log.ratings_per_day(kind=Kind.EXERCISE)] == [2]
        assert log.ratings_per_day(monday + timedelta(days=1), monday + timedelta(days=9)) == [
            per_day[1]
        ]


def test_the_rating_queries_read_a_covering_index(db: Path) -> None:
    """Ratings of one kind, and ratings per day, never look up the table's rows."""
    from kapcompanion.storage.log_rows import RATED, RATINGS_PER_DAY, Filter

    with open_log(db, wall=Wall(), clock=MonotonicClock()) as log:
        for i in range(6):
            practise(log, kind="exercise" if i % 2 else "breathing", rating_after=i)
    for kind in (None, Kind.EXERCISE):
        for first, last in ((None, None), (date(2025, 1, 1), date(2025, 12, 31))):
            flt = Filter(first, last, kind, in_time_order=True, kind_in_index=False)
            sql = (
                "SELECT uuid, started_utc, local_date, rating_before, rating_after "
                f"FROM practices{flt.where_and(RATED)} ORDER BY started_utc, uuid"
            )
            # One step, already in time order (no sorting afterwards).
            (plan,) = raw_rows(db, "EXPLAIN QUERY PLAN " + sql, tuple(flt.params))
            assert "COVERING INDEX practices_rated " in plan[-1] + " "
            flt = Filter(first, last, kind, kind_in_index=False)
            sql = RATINGS_PER_DAY.format(where=flt.where_and(RATED))
            # One step, already in day order (no grouping table).
            (plan,) = raw_rows(db, "EXPLAIN QUERY PLAN " + sql, tuple(flt.params))
            assert "COVERING INDEX practices_rated_by_day" in plan[-1]


def test_the_logs_share_one_interface(db: Path) -> None:
    with open_log(db, clock=MonotonicClock()) as log:
        assert isinstance(log, PracticeStore)
    assert isinstance(GuestLog(), PracticeStore)


# --- the saved log and the guest log agree on every query (the guest log is computed in
# pure Python from the domain functions; the saved log in SQL) ---

practice_plans = st.lists(
    st.tuples(
        st.integers(0, 20),  # day offset
        st.integers(0, 23),  # hour
        st.sampled_from(["breathing", "exercise"]),
        st.floats(0, 3600, allow_nan=False),
        st.one_of(st.none(), st.integers(0, 10)),
        st.one_of(st.none(), st.integers(0, 10)),
        st.sampled_from(["completed", "stopped", None]),  # None: left running
    ),
    max_size=12,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(practice_plans, st.integers(0, 20), st.integers(0, 20))
def test_saved_and_guest_logs_answer_alike(plans: list, a: int, b: int) -> None:
    base = datetime(2025, 3, 1, 0, 0, tzinfo=CET)
    with tempfile.TemporaryDirectory() as folder:
        walls = [Wall(base), Wall(base)]
        saved = open_log(Path(folder) / "log.sqlite3", wall=walls[0], clock=MonotonicClock())
        guest = GuestLog(wall=walls[1])
        stores: list[PracticeStore] = [saved, guest]
        try:
            for n, (day, hour, kind, seconds, before, after, outcome) in enumerate(plans):
                ids = []
                for store, wall in zip(stores, walls, strict=True):
                    # Distinct start times, so both logs order the list the same way.
                    wall.t = base + timedelta(days=day, hours=hour, minutes=n)
                    pid = store.start_practice(kind, "k", rating_before=before)
                    if outcome:
                        store.finish_practice(
                            pid, actual_s=seconds, status=outcome, rating_after=after
                        )
                    else:
                        store.record_progress(pid, actual_s=seconds)
                    ids.append(pid)
            first = date(2025, 3, 1) + timedelta(days=min(a, b))
            last = date(2025, 3, 1) + timedelta(days=max(a, b))

            def answers(s: PracticeStore) -> tuple:
                return (
                    [
                        (
                            r.local_date,
                            r.kind,
                            r.status,
                            r.actual_s,
                            r.rating_before,
                            r.rating_after,
                        )
                        for r in s.list_practices(limit=None)
                    ],
                    [
                        (r.local_date, r.kind)
                        for r in s.list_practices(first=first, last=last, kind=Kind.BREATHING)
                    ],
                    s.count_practices(first=first, last=last),
                    {d: round(m, 9) for d, m in s.minutes_per_day(first, last).items()},
                    {
                        d: round(m, 9)
                        for d, m in s.minutes_per_week(first, last, Kind.EXERCISE).items()
                    },
                    [(p.local_date, p.before, p.after) for p in s.ratings_over_time(first, last)],
                    [
                        (p.local_date, p.before, p.after)
                        for p in s.ratings_over_time(first, last, Kind.EXERCISE)
                    ],
                    s.ratings_per_day(first, last),
                    s.ratings_per_day(kind=Kind.BREATHING),
                    s.days_practised_in_week(first),
                )

            assert answers(saved) == answers(guest)
        finally:
            saved.close()


@pytest.mark.parametrize("hours", [14, -12, 0, 5.5])
def test_day_ranges_hold_at_the_edges_of_every_time_zone(db: Path, hours: float) -> None:
    zone = timezone(timedelta(hours=hours))
    day = date(2025, 3, 10)
    wall = Wall()  # the wall clock of a person in that zone
    with open_log(db, wall=wall, clock=MonotonicClock()) as log:
        stamps = [
            datetime(2025, 3, 9, 23, 59, tzinfo=zone),
            datetime(2025, 3, 10, 0, 0, tzinfo=zone),
            datetime(2025, 3, 10, 23, 59, 59, tzinfo=zone),
            datetime(2025, 3, 11, 0, 0, tzinfo=zone),
        ]
        for when in stamps:
            wall.t = when
            practise(log, 1, rating_after=5)
        inside = {r.started_utc for r in log.list_practices(first=day, last=day)}
        assert inside == {stamps[1].astimezone(UTC), stamps[2].astimezone(UTC)}
        assert len(log.ratings_over_time(day, day)) == 2
        assert len(list(log.iter_records(day, day))) == 2
        assert log.count_practices(first=day, last=day) == 2
        assert log.minutes_per_day(day, day) == {day: pytest.approx(2.0)}
