"""The present page's order: what a therapist reaches for in the room first, then by length."""

from __future__ import annotations

from kapcompanion.domain.present_status import for_the_room, present_order
from kapcompanion.storage.library import load_builtin


def test_closing_and_settling_come_first_then_by_length_not_by_the_words():
    order = present_order(load_builtin()[0])
    room = [e for e in order if for_the_room(e)]
    assert order[: len(room)] == room and {"session-close", "before-dosing"} <= {e.id for e in room}
    rest = order[len(room) :]
    assert [e.minutes for e in rest] == sorted(e.minutes for e in rest)  # 3 minutes before 10
    titles = [e.title for e in rest]
    assert titles.index("Body scan, 3 minutes") < titles.index("Body scan, 10 minutes")
    assert titles.index("Body scan, 10 minutes") < titles.index("Body scan, 20 minutes")
