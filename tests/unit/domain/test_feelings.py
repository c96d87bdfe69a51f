"""Ways in by feeling: every entry offers shipped practices, outside-in first, and the practices
written for these states keep their promises."""

from __future__ import annotations

import json
import re

import pytest

from kapcompanion.domain.feelings import (
    FEELINGS,
    Feeling,
    FeelingEntry,
    entry_for,
    is_inward,
    is_outside_in,
    offered,
)
from kapcompanion.domain.script_check import parse_script
from kapcompanion.domain.scripts import Exercise, Moment
from kapcompanion.domain.wording import (
    SINKING_TERMS,
    TRUNK_AND_FACE,
    has_big_feelings_route,
    names_anchor,
    sensitive_regions,
    words,
)
from kapcompanion.storage.library import load_builtin


@pytest.fixture(scope="module")
def library() -> dict[str, Exercise]:
    exercises, problems = load_builtin()
    assert problems == []
    return {e.id: e for e in exercises}


def script(*texts: str, breathing_at: int | None = None) -> Exercise:
    steps = []
    for i, text in enumerate(texts):
        timing = (
            'breathing = { preset = "gentle-settle", seconds = 16 }'
            if i == breathing_at
            else "seconds = 20"
        )
        steps.append(f"[[step]]\ntext = {json.dumps(text)}\n{timing}\n")
    head = 'id = "x"\ntitle = "X"\ndescription = "X."\nfor = ["any-time"]\nminutes = 1\n\n'
    return parse_script(head + "\n".join(steps))


# --- the entries --------------------------------------------------------------------------------


def test_one_entry_for_each_feeling_in_the_order_home_shows_them() -> None:
    assert [e.feeling for e in FEELINGS] == list(Feeling)
    assert [e.title for e in FEELINGS] == [
        "Overwhelmed",
        "Numb or far away",
        "Can't settle",
        "Memories coming up",
        "Just checking in",
    ]
    for feeling in Feeling:
        assert entry_for(feeling).feeling is feeling


@pytest.mark.parametrize("entry", FEELINGS, ids=[e.feeling.value for e in FEELINGS])
def test_each_entry_has_a_short_title_and_one_gentle_sentence(entry: FeelingEntry) -> None:
    assert 0 < len(entry.title) <= 24
    assert entry.sentence.endswith(".") and entry.sentence.count(".") == 1
    assert len(words(entry.sentence)) <= 20
    lowered = entry.sentence.lower()
    for judging in ("should", "must", "have to", "wrong", "fix", "symptom"):
        assert judging not in lowered


@pytest.mark.parametrize("entry", FEELINGS, ids=[e.feeling.value for e in FEELINGS])
def test_every_offered_practice_is_shipped_once(
    library: dict[str, Exercise], entry: FeelingEntry
) -> None:
    assert len(entry.practices) >= 3
    assert len(set(entry.practices)) == len(entry.practices)
    assert all(i in library for i in entry.practices), entry.practices
    assert [e.id for e in offered(entry, library.values())] == list(entry.practices)


@pytest.mark.parametrize("entry", FEELINGS, ids=[e.feeling.value for e in FEELINGS])
def test_the_first_practice_of_each_entry_is_outside_in(
    library: dict[str, Exercise], entry: FeelingEntry
) -> None:
    first = library[entry.practices[0]]
    assert is_outside_in(first), first.id
    # Nothing that starts with the breath or a scan of the trunk comes first.
    assert first.steps[0].breathing is None
    assert not first.id.startswith(("body-scan-3", "body-scan-10", "body-scan-20"))


def test_inward_scans_are_never_before_an_outside_in_practice(
    library: dict[str, Exercise],
) -> None:
    for entry in FEELINGS:
        kinds = [is_outside_in(library[i]) for i in entry.practices]
        assert kinds == sorted(kinds, reverse=True), entry.feeling


def test_what_is_offered_when_far_away_never_slows_or_sinks(library: dict[str, Exercise]) -> None:
    sinking = re.compile(r"\b(?:" + "|".join(SINKING_TERMS) + r")", re.IGNORECASE)
    for practice in entry_for(Feeling.FAR_AWAY).practices:
        exercise = library[practice]
        assert all(s.breathing is None for s in exercise.steps), practice
        assert not any(sinking.search(s.text) for s in exercise.steps), practice
        assert not any(
            r in TRUNK_AND_FACE for s in exercise.steps for r in sensitive_regions(s.text)
        ), practice


def test_offered_keeps_the_order_and_leaves_out_what_is_missing(
    library: dict[str, Exercise],
) -> None:
    entry = entry_for(Feeling.OVERWHELMED)
    some = [library[i] for i in reversed(entry.practices[1:])]
    assert [e.id for e in offered(entry, some)] == list(entry.practices[1:])
    assert offered(entry, []) == []


# --- what outside-in means ----------------------------------------------------------------------


def test_an_anchor_before_anything_inward_is_outside_in() -> None:
    assert is_outside_in(script("Welcome.", "Your feet on the floor.", "A few breaths."))
    assert is_outside_in(script("You might look around the room.", "Easy.", breathing_at=1))
    assert is_outside_in(script("Your eyes can open.", "Your hands."))


def test_breath_or_the_inside_first_is_not_outside_in() -> None:
    assert not is_outside_in(script("A few breaths.", "Your feet on the floor."))
    assert not is_outside_in(script("Easy.", "Your feet on the floor.", breathing_at=0))
    assert not is_outside_in(script("What do you notice in your body?", "The room."))
    # A step that is anchored and inward at once counts as inward.
    assert not is_outside_in(script("Your breath, or your hands instead.", "The floor."))
    # No anchor at all.
    assert not is_outside_in(script("Welcome.", "A quiet moment."))


def test_a_scan_of_the_trunk_or_face_is_never_outside_in() -> None:
    scan = script("Your feet on the floor.", "The legs.", "The belly, or your hands instead.")
    assert not is_outside_in(scan)
    assert is_inward(scan.steps[2]) and not is_inward(scan.steps[1])
    # The eyes do the looking when orienting, so naming them is not inward.
    assert is_outside_in(script("Your eyes can open and look around the room."))


# --- the practices written for these states -----------------------------------------------------


def test_when_it_gets_big_is_short_outside_in_and_can_be_stopped(
    library: dict[str, Exercise],
) -> None:
    ex = library["when-it-gets-big"]
    assert 60 <= ex.planned_seconds <= 150 and ex.minutes == 2
    assert set(ex.moments) == set(Moment)  # around a session too: no holds
    assert not ex.has_holds and all(s.breathing is None for s in ex.steps)
    first = ex.steps[0].text.lower()
    assert "too much" in first and "stop" in first
    texts = [s.text.lower() for s in ex.steps]
    eyes = next(i for i, t in enumerate(texts) if "eyes" in t)
    feet = next(i for i, t in enumerate(texts) if "feet" in t)
    see = next(i for i, t in enumerate(texts) if "see" in t)
    breath = next(i for i, t in enumerate(texts) if "breath" in t)
    assert eyes < feet < see < breath  # outside in: the breath last, and only if welcome
    assert "if it's welcome" in texts[breath]


def test_coming_back_raises_energy_without_slowing(library: dict[str, Exercise]) -> None:
    ex = library["coming-back"]
    words_ = " ".join(s.text.lower() for s in ex.steps)
    for needed in ("numb", "far away", "out loud", "press", "feet", "water", "look"):
        assert needed in words_, needed
    assert all(s.breathing is None for s in ex.steps)
    assert "breath" not in words_ and "slow down" not in words_
    assert has_big_feelings_route(ex)


def test_the_resource_practice_promises_nothing_and_is_fine_with_nothing(
    library: dict[str, Exercise],
) -> None:
    ex = library["resource"]
    texts = [s.text.lower() for s in ex.steps]
    nothing = next(i for i, t in enumerate(texts) if "fine if nothing comes" in t)
    bring = next(i for i, t in enumerate(texts) if "bring to mind" in t)
    assert nothing < bring  # said before anything is asked for
    for kind in ("person", "animal", "place", "object", "moment"):
        assert kind in texts[0]
    assert not any("safe" in t for t in [*texts, ex.title.lower(), ex.description.lower()])
    assert any("therapist" in t for t in texts)


def test_the_container_leads_back_to_the_therapist(library: dict[str, Exercise]) -> None:
    texts = [s.text.lower() for s in library["containment"].steps]
    container = next(i for i, t in enumerate(texts) if "container" in t)
    therapist = next(i for i, t in enumerate(texts) if "therapist" in t)
    assert container < therapist
    assert not any("safe" in t for t in texts)


def test_the_contact_scan_stays_with_the_limbs_and_contact(library: dict[str, Exercise]) -> None:
    ex = library["body-scan-contact"]
    assert all(s.duration is not None for s in ex.steps)  # runs by itself, like the others
    # Only the eyes are named, and only to say they can stay open.
    named = {r for s in ex.steps for r in sensitive_regions(s.text)}
    assert named <= {"eyes"}
    assert all("open" in s.text for s in ex.steps if sensitive_regions(s.text))
    joined = " ".join(s.text.lower() for s in ex.steps)
    for part in ("hands", "arms", "feet", "legs", "seat", "back against the chair"):
        assert part in joined, part
    assert sum(names_anchor(s.text) for s in ex.steps) >= len(ex.steps) // 2
