"""What is shared with the therapist: nothing until picked, and in plain words."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from kapcompanion.domain.body_map import RegionSummary
from kapcompanion.domain.journal import new_entry
from kapcompanion.domain.journal_share import NO_MARKS, BodyPicture, Shared, entry_heading

ZONE = timezone(timedelta(hours=-5))
SESSION = date(2025, 3, 10)


def at(day: int) -> datetime:
    return datetime(2025, 3, day, 21, 30, tzinfo=ZONE)


def test_nothing_is_shared_until_picked() -> None:
    assert Shared().empty
    assert Shared(intention="   ").empty  # only spaces say nothing
    assert not Shared(intention="to rest").empty
    assert Shared(intention="to rest").intention_text() == "You came in with: “to rest”"


def test_entries_are_headed_by_their_day_and_the_session_they_follow() -> None:
    three = new_entry("a", written_at=at(13), session_days=[SESSION])
    one = new_entry("b", written_at=at(11), session_days=[SESSION])
    same = new_entry("c", written_at=at(10), session_days=[SESSION])
    before = new_entry("d", written_at=at(9), session_days=[SESSION])
    assert entry_heading(three) == "13 March 2025, 3 days after the session of 10 March 2025"
    assert entry_heading(one) == "11 March 2025, 1 day after the session of 10 March 2025"
    assert entry_heading(same) == "10 March 2025, the day of a session"
    assert entry_heading(before) == "9 March 2025"
    assert Shared(entries=(three, one)).ordered_entries() == [one, three]


def test_the_body_picture_fills_by_how_often_a_region_was_marked() -> None:
    chest = RegionSummary("chest", 4, (("warmth", 3), ("ache", 1)))
    belly = RegionSummary("belly", 1, (("tingling", 1),))
    picture = BodyPicture(date(2025, 3, 1), date(2025, 3, 31), {"chest": chest, "belly": belly})
    assert picture.fills() == {"chest": 1.0, "belly": 0.25}
    assert picture.lines() == ["Chest: warmth 3, ache 1", "Belly: tingling 1"]
    assert picture.heading() == "Where they felt something, 1 March 2025 to 31 March 2025"
    empty = BodyPicture(date(2025, 3, 1), date(2025, 3, 31))
    assert empty.fills() == {} and empty.lines() == [NO_MARKS]
