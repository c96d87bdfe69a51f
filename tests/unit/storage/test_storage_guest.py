"""Guest practice writes nothing at all."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

from kapcompanion.domain.clock import MonotonicClock
from kapcompanion.domain.practice import Kind, Status, StepTime
from kapcompanion.storage import GuestLog, PracticeStore, open_log
from tests.unit.storage.test_storage_support import Wall, practise, snapshot


def _a_whole_guest_session(guest: PracticeStore, wall: Wall) -> None:
    pid = guest.start_practice("breathing", "resonance", rating_before=4, intention="to land")
    guest.record_progress(pid, actual_s=30, steps=[StepTime("settle", 0, 30)])
    done = guest.finish_practice(pid, actual_s=300, rating_after=6, note="quiet")
    guest.update_note(done.uuid, "quieter")
    wall.jump(timedelta(days=1))
    other = practise(guest, 3, kind="exercise", answers={"see": ["lamp"]})
    guest.record_after(other.uuid, rating_after=7, answers={"first-words": ["warm"]})
    guest.add_session_date(date(2025, 3, 1))
    guest.list_practices()
    guest.minutes_per_day(date(2025, 3, 1), date(2025, 3, 10))
    guest.minutes_per_week(date(2025, 3, 1), date(2025, 3, 10))
    guest.ratings_over_time()
    guest.ratings_over_time(kind=Kind.EXERCISE)
    guest.ratings_per_day()
    guest.days_practised_in_week()
    guest.integration_window()
    guest.delete_practice(done.uuid)
    guest.close()


def test_guest_practice_never_creates_the_data_folder() -> None:
    folder = Path(os.environ["KAPCOMPANION_DATA_DIR"])
    assert not folder.exists()
    wall = Wall()
    _a_whole_guest_session(GuestLog(wall=wall), wall)
    assert not folder.exists()


def test_guest_practice_leaves_an_existing_folder_byte_for_byte_unchanged() -> None:
    with open_log(wall=Wall(), clock=MonotonicClock()) as log:
        practise(log)
    folder = Path(os.environ["KAPCOMPANION_DATA_DIR"])
    before = snapshot(folder)
    assert before
    wall = Wall()
    _a_whole_guest_session(GuestLog(wall=wall), wall)
    assert snapshot(folder) == before


def test_guest_log_behaves_like_a_log() -> None:
    wall = Wall()
    guest = GuestLog(wall=wall)
    assert guest.path is None and not guest.saves
    first = practise(guest, 5, rating_after=8)
    pid = guest.start_practice("exercise", "orienting")
    running = guest.get(pid)
    assert running is not None and running.status is Status.IN_PROGRESS
    assert [r.uuid for r in guest.list_practices()] == [pid, first.uuid]
    assert guest.count_practices() == 2
    assert guest.minutes_per_day(first.local_date, first.local_date) == {first.local_date: 5.0}
    assert guest.days_practised_in_week() == [first.local_date]
    assert guest.delete_all() == 2
    assert guest.list_practices() == [] and guest.take_notices() == []
    assert guest.retry_unsaved() == 0
