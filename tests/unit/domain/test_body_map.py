"""The body map's regions, marks, a sitting with the map and summaries over time."""

from __future__ import annotations

import random
import time
import uuid
from collections import Counter
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kapcompanion.domain.body_map import (
    FIRST_REGION,
    REGION_IDS,
    REGIONS,
    BodyMapInputError,
    Direction,
    Ellipse,
    Mark,
    Polygon,
    Sensation,
    Side,
    Sitting,
    around_session,
    check_mark,
    describe,
    drawing_order,
    neighbour,
    new_mark,
    on_side,
    region,
    region_at,
    regions_on,
    spans_around,
    summarise,
    summary_from_counts,
)
from kapcompanion.domain.wording import SENSITIVE_REGIONS

AT = datetime(2025, 3, 10, 9, 0, tzinfo=timezone(timedelta(hours=1)))


def reachable(side: Side, start: str) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        here = todo.pop()
        for d in Direction:
            there = neighbour(side, here, d)
            if there is not None and there not in seen:
                seen.add(there)
                todo.append(there)
    return seen


# --- regions ------------------------------------------------------------------------------------


def test_the_outlines_hold_the_parts_a_person_might_name() -> None:
    front = {r.id for r in regions_on(Side.FRONT)}
    back = {r.id for r in regions_on(Side.BACK)}
    both = {"head", "shoulder-left", "shoulder-right", "arm-left", "arm-right", "hand-left"}
    both |= {"hand-right", "leg-left", "leg-right", "foot-left", "foot-right"}
    assert both <= front and both <= back
    assert {"face", "eyes", "jaw", "throat", "chest", "belly", "pelvis"} <= front
    assert {"neck", "upper-back", "lower-back", "hips"} <= back
    assert len({r.name for r in REGIONS}) == len(REGIONS) == len(REGION_IDS)
    for r in REGIONS:
        assert set(r.shapes) == set(r.anchors) == set(r.sides) and r.sides


def test_every_tender_region_is_marked_sensitive_and_no_other() -> None:
    named = {r.sensitive_as for r in REGIONS if r.sensitive}
    assert named == set(SENSITIVE_REGIONS)
    calm = {
        "head",
        "upper-back",
        "lower-back",
        "shoulder-left",
        "arm-right",
        "hand-left",
        "foot-right",
    }
    assert not any(REGION_IDS[r].sensitive for r in calm)
    assert not REGION_IDS[FIRST_REGION].sensitive


@pytest.mark.parametrize("side", list(Side))
def test_each_anchor_finds_its_own_region(side: Side) -> None:
    for r in regions_on(side):
        found = region_at(side, *r.anchors[side])
        assert found is not None and found.id == r.id, (r.id, found)
    assert region_at(side, 0.02, 0.02) is None
    assert region_at(side, 0.5, 0.99) is None


def test_the_front_faces_the_viewer_and_the_back_turns_away() -> None:
    hand = REGION_IDS["hand-left"]
    assert hand.anchors[Side.FRONT][0] > 0.5  # the person's left, on the viewer's right
    assert hand.anchors[Side.BACK][0] < 0.5
    x, y = REGION_IDS["hand-right"].anchors[Side.FRONT]
    assert x < 0.5 and REGION_IDS["hand-right"].anchors[Side.BACK] == (1 - x, y)


def test_smaller_shapes_win_where_they_overlap_and_are_drawn_over() -> None:
    eyes, head = region_at(Side.FRONT, 0.5, 0.066), region_at(Side.BACK, 0.5, 0.066)
    assert eyes is not None and eyes.id == "eyes"
    assert head is not None and head.id == "head"
    order = [r.id for r in drawing_order(Side.FRONT)]
    assert order.index("head") < order.index("face") < order.index("eyes")


def test_shapes() -> None:
    square = Polygon(((0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)))
    assert square.area == pytest.approx(1.0) and square.centre == pytest.approx((0.5, 0.5))
    assert square.contains(0.5, 0.5) and not square.contains(1.5, 0.5)
    tri = Polygon(((0.0, 0.0), (0.3, 0.0), (0.0, 0.3)))
    assert tri.mirrored().contains(0.95, 0.05) and not tri.mirrored().contains(0.05, 0.05)
    oval = Ellipse(0.5, 0.5, 0.2, 0.1)
    assert oval.contains(0.69, 0.5) and not oval.contains(0.5, 0.61)
    assert oval.mirrored() == oval and Ellipse(0.2, 0.5, 0.1, 0.1).mirrored().cx == 0.8


@pytest.mark.parametrize("side", list(Side))
def test_the_arrow_keys_reach_every_region_from_anywhere(side: Side) -> None:
    every = {r.id for r in regions_on(side)}
    for r in every:
        assert reachable(side, r) == every, r


@pytest.mark.parametrize(
    ("side", "start", "direction", "end"),
    [
        (Side.FRONT, "head", Direction.DOWN, "eyes"),
        (Side.FRONT, "jaw", Direction.DOWN, "throat"),
        (Side.FRONT, "throat", Direction.DOWN, "chest"),
        (Side.FRONT, "chest", Direction.DOWN, "belly"),
        (Side.FRONT, "belly", Direction.DOWN, "pelvis"),
        (Side.FRONT, "chest", Direction.RIGHT, "shoulder-left"),
        (Side.FRONT, "arm-left", Direction.DOWN, "hand-left"),
        (Side.FRONT, "leg-right", Direction.DOWN, "foot-right"),
        (Side.FRONT, "foot-right", Direction.RIGHT, "foot-left"),
        (Side.FRONT, "foot-left", Direction.DOWN, None),
        (Side.FRONT, "head", Direction.UP, None),
        (Side.BACK, "neck", Direction.DOWN, "upper-back"),
        (Side.BACK, "upper-back", Direction.LEFT, "shoulder-left"),
        (Side.BACK, "lower-back", Direction.DOWN, "hips"),
        (Side.BACK, "hips", Direction.UP, "lower-back"),
    ],
)
def test_arrows_move_to_the_nearest_region_that_way(
    side: Side, start: str, direction: Direction, end: str | None
) -> None:
    assert neighbour(side, start, direction) == end


def test_turning_the_map_keeps_ones_place() -> None:
    assert on_side(Side.BACK, "hand-left") == "hand-left"
    assert on_side(Side.BACK, "chest") == "upper-back"
    assert on_side(Side.FRONT, "upper-back") == "chest"
    assert on_side(Side.BACK, "throat") == "neck"
    assert on_side(Side.FRONT, "hips") == "pelvis"
    assert on_side(Side.BACK, "eyes") == "head"
    with pytest.raises(BodyMapInputError, match="not a part"):
        region("tail")


# --- marks --------------------------------------------------------------------------------------


def test_a_mark_names_one_sensation_or_one_word_of_ones_own() -> None:
    warm = new_mark("hand-left", at=AT, sensation="warmth", intensity=4)
    assert warm.sensation is Sensation.WARMTH and warm.label == "warmth" and warm.day == AT.date()
    own = new_mark("chest", at=AT, own_word="  Buzzing\n  Softly ")
    assert own.own_word == "buzzing softly" and own.sensation is None and own.label == own.own_word
    with pytest.raises(BodyMapInputError, match="one sensation, or one word"):
        new_mark("chest", at=AT)
    with pytest.raises(BodyMapInputError, match="one sensation, or one word"):
        new_mark("chest", at=AT, sensation=Sensation.ACHE, own_word="dull")
    with pytest.raises(BodyMapInputError, match="one sensation, or one word"):
        new_mark("chest", at=AT, own_word="  \x00 ")
    with pytest.raises(BodyMapInputError, match="listed sensations"):
        new_mark("chest", at=AT, sensation="itchy")
    with pytest.raises(BodyMapInputError, match="up to 40"):
        new_mark("chest", at=AT, own_word="x" * 41)


@pytest.mark.parametrize("bad", [-1, 11, 2.5, True, "4"])
def test_strength_is_a_whole_number_from_0_to_10(bad: Any) -> None:  # wrong types on purpose
    with pytest.raises(BodyMapInputError):
        new_mark("chest", at=AT, sensation="ache", intensity=bad)
    for ok in (0, 10, None):
        assert new_mark("chest", at=AT, sensation="ache", intensity=ok).intensity == ok


def test_a_mark_needs_a_known_region_an_id_and_a_zoned_time() -> None:
    good = new_mark("foot-left", at=AT, sensation="heaviness")
    with pytest.raises(BodyMapInputError, match="not a part"):
        check_mark(Mark(good.uuid, "wing", AT, Sensation.ACHE))
    with pytest.raises(BodyMapInputError, match="not a mark id"):
        check_mark(Mark("x", "chest", AT, Sensation.ACHE))
    with pytest.raises(BodyMapInputError, match="time zone"):
        check_mark(Mark(good.uuid, "chest", datetime(2025, 3, 1), Sensation.ACHE))
    assert check_mark(good) == good


def test_a_region_is_described_as_a_screen_reader_says_it() -> None:
    warm = new_mark("hand-left", at=AT, sensation="warmth", intensity=4)
    tight = new_mark("hand-left", at=AT, sensation="tightness")
    assert describe("hand-left", [warm]) == "Left hand, warmth, 4 of 10"
    assert describe("hand-left", [warm, tight]) == "Left hand, warmth, 4 of 10, tightness"
    assert describe("foot-right") == "Right foot"
    assert describe("foot-right", pending=0) == "Right foot, 0 of 10"


# --- a sitting ----------------------------------------------------------------------------------


def test_a_sitting_adds_marks_and_never_doubles_one() -> None:
    sitting = Sitting(entry_uuid="e1")
    first = sitting.choose("chest", at=AT, sensation=Sensation.WARMTH)
    assert first.entry_uuid == "e1"
    assert sitting.choose("chest", at=AT, sensation="warmth") is first
    own = sitting.choose("chest", at=AT, own_word="Open")
    assert [m.label for m in sitting.marks_for("chest")] == ["warmth", "open"]
    assert sitting.describe("chest") == "Chest, warmth, open"
    assert own.uuid != first.uuid


def test_a_strength_goes_to_the_latest_mark_or_waits_for_one() -> None:
    sitting = Sitting()
    assert sitting.set_intensity("hand-right", 6) is None
    assert sitting.describe("hand-right") == "Right hand, 6 of 10"
    mark = sitting.choose("hand-right", at=AT, sensation="tingling")
    assert mark.intensity == 6 and sitting.pending("hand-right") is None
    changed = sitting.set_intensity("hand-right", 3)
    assert changed is not None and changed.uuid == mark.uuid and changed.intensity == 3
    assert sitting.describe("hand-right") == "Right hand, tingling, 3 of 10"
    assert sitting.strongest("hand-right") == 3
    cleared = sitting.set_intensity("hand-right", None)
    assert cleared is not None and cleared.intensity is None
    with pytest.raises(BodyMapInputError):
        sitting.set_intensity("hand-right", 12)


def test_plus_and_minus_step_within_0_and_10() -> None:
    sitting = Sitting()
    sitting.step_intensity("foot-left", +1)
    assert sitting.pending("foot-left") == 1
    sitting.choose("foot-left", at=AT, sensation="heaviness")
    for _ in range(15):
        sitting.step_intensity("foot-left", +1)
    assert sitting.marks_for("foot-left")[-1].intensity == 10
    for _ in range(15):
        sitting.step_intensity("foot-left", -1)
    assert sitting.marks_for("foot-left")[-1].intensity == 0
    sitting.step_intensity("foot-right", -1)
    assert sitting.pending("foot-right") == 0


def test_the_latest_mark_can_be_taken_back() -> None:
    sitting = Sitting()
    a = sitting.choose("belly", at=AT, sensation="ache")
    b = sitting.choose("belly", at=AT, sensation="openness")
    assert sitting.remove_latest("belly") == b
    assert sitting.remove_latest("belly") == a
    assert sitting.remove_latest("belly") is None
    sitting.set_intensity("belly", 2)
    assert sitting.remove_latest("belly") is None and sitting.pending("belly") is None
    assert sitting.marks() == []


def test_a_sitting_can_begin_with_the_marks_made_before() -> None:
    earlier = [
        new_mark("chest", at=AT, sensation="warmth", intensity=3, entry_uuid="e"),
        new_mark("chest", at=AT, own_word="wide", entry_uuid="e"),
    ]
    sitting = Sitting(entry_uuid="e", marks=earlier)
    assert sitting.describe("chest") == "Chest, warmth, 3 of 10, wide"
    assert sitting.choose("chest", at=AT, sensation="warmth") == earlier[0]
    changed = sitting.set_intensity("chest", 5)
    assert changed is not None and changed.uuid == earlier[1].uuid


def test_a_sitting_lists_its_marks_from_head_to_feet() -> None:
    sitting = Sitting()
    sitting.choose("foot-left", at=AT, sensation="warmth")
    sitting.choose("head", at=AT, sensation="lightness")
    assert [m.region for m in sitting.marks()] == ["head", "foot-left"]


# --- summaries ----------------------------------------------------------------------------------


def mark(region_id: str, day: date, label: str, intensity: int | None = None) -> Mark:
    at = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
    if label in Sensation.__members__.values():
        return new_mark(region_id, at=at, sensation=label, intensity=intensity)
    return new_mark(region_id, at=at, own_word=label, intensity=intensity)


def test_marks_are_summed_per_region_over_a_span() -> None:
    d = date(2025, 3, 10)
    marks = [
        mark("chest", d, "warmth", 4),
        mark("chest", d, "warmth", 6),
        mark("chest", d + timedelta(days=1), "tightness"),
        mark("chest", d, "fizzy", 2),
        mark("hand-left", d, "tingling"),
        mark("hand-left", d + timedelta(days=30), "tingling"),  # outside
        mark("hand-left", d - timedelta(days=1), "ache"),  # outside
    ]
    summary = summarise(marks, d, d + timedelta(days=6))
    assert list(summary) == ["chest", "hand-left"]  # head to feet
    chest = summary["chest"]
    assert chest.count == 4
    assert chest.sensations == (("warmth", 2), ("fizzy", 1), ("tightness", 1))
    assert chest.mean_intensity == pytest.approx(4.0)
    assert chest.words() == "Chest: warmth 2, fizzy 1, tightness 1"
    assert summary["hand-left"].count == 1 and summary["hand-left"].mean_intensity is None


def test_counts_from_a_query_merge_like_marks() -> None:
    rows = [("chest", "warmth", 2, 10, 2), ("chest", "warmth", 1, 0, 0), ("head", "ache", 0, 0, 0)]
    summary = summary_from_counts(rows)
    assert list(summary) == ["chest"]
    assert summary["chest"].sensations == (("warmth", 3),)
    assert summary["chest"].mean_intensity == 5.0


@given(
    st.lists(
        st.tuples(
            st.sampled_from([r.id for r in REGIONS]),
            st.integers(0, 40),
            st.sampled_from([*(s.value for s in Sensation), "fizzy", "calm"]),
            st.one_of(st.none(), st.integers(0, 10)),
        ),
        max_size=60,
    ),
    st.integers(0, 40),
    st.integers(0, 20),
)
def test_a_summary_counts_exactly_the_marks_in_its_span(
    specs: list[tuple[str, int, str, int | None]], start: int, length: int
) -> None:
    base = date(2025, 1, 1)
    marks = [mark(r, base + timedelta(days=n), label, i) for r, n, label, i in specs]
    first, last = base + timedelta(days=start), base + timedelta(days=start + length)
    summary = summarise(marks, first, last)
    inside = [m for m in marks if first <= m.day <= last]
    assert {k: v.count for k, v in summary.items()} == dict(Counter(m.region for m in inside))
    for r, s in summary.items():
        given_ = [m.intensity for m in inside if m.region == r and m.intensity is not None]
        assert s.intensity_count == len(given_) and s.intensity_total == sum(given_)
        assert dict(s.sensations) == dict(Counter(m.label for m in inside if m.region == r))


def test_spans_around_a_session_stop_short_of_its_neighbours() -> None:
    s = date(2025, 3, 10)
    assert spans_around(s) == ((date(2025, 3, 3), date(2025, 3, 9)), (s, date(2025, 3, 16)))
    near = [date(2025, 3, 6), s, date(2025, 3, 13)]
    assert spans_around(s, 7, near) == (
        (date(2025, 3, 7), date(2025, 3, 9)),
        (s, date(2025, 3, 12)),
    )
    with pytest.raises(BodyMapInputError):
        spans_around(s, 0)


def test_before_and_after_a_session() -> None:
    s = date(2025, 3, 10)
    marks = [
        mark("jaw", s - timedelta(days=2), "tightness", 7),
        mark("jaw", s + timedelta(days=1), "openness", 3),
        mark("chest", s, "warmth"),
        mark("chest", s - timedelta(days=20), "ache"),
    ]
    around = around_session(marks, s)
    assert {k: v.count for k, v in around.before.items()} == {"jaw": 1}
    assert {k: v.count for k, v in around.after.items()} == {"jaw": 1, "chest": 1}
    assert around.after["jaw"].sensations == (("openness", 1),)


def test_fifty_thousand_marks_are_summed_quickly() -> None:
    rng = random.Random(7)
    ids = [r.id for r in REGIONS]
    labels = [s.value for s in Sensation]
    start = datetime(2024, 1, 1, 8, tzinfo=UTC)
    marks = [
        Mark(
            str(uuid.uuid4()),
            rng.choice(ids),
            start + timedelta(minutes=rng.randrange(60 * 24 * 400)),
            Sensation(rng.choice(labels)),
            None,
            rng.choice([None, *range(11)]),
        )
        for _ in range(50_000)
    ]
    began = time.perf_counter()
    summary = summarise(marks, date(2024, 1, 1), date(2024, 12, 31))
    took = time.perf_counter() - began
    assert sum(s.count for s in summary.values()) == sum(m.day.year == 2024 for m in marks)
    assert took < 1.0, f"summing 50,000 marks took {took:.3f} s"
