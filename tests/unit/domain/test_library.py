"""The built-in exercises: they load, they keep to their labels, they hold no breath holds where
none belong, and their wording invites rather than instructs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kapcompanion.domain.clock import FakeClock
from kapcompanion.domain.runner import ExerciseRunner, Outcome
from kapcompanion.domain.scripts import (
    SOUND_CUES,
    ChecklistInput,
    Exercise,
    Moment,
    RatingInput,
    TextInput,
)
from kapcompanion.storage.library import builtin_folder, check_files, load_builtin

ROOT = Path(__file__).resolve().parents[3]
FILES = sorted((ROOT / "resources" / "exercises").glob("*.toml"))


@pytest.fixture(scope="module")
def library() -> dict[str, Exercise]:
    exercises, problems = load_builtin()
    assert problems == []
    return {e.id: e for e in exercises}


def all_text(ex: Exercise) -> str:
    parts = [ex.title, ex.description]
    for step in ex.steps:
        parts.append(step.text)
        if isinstance(step.input, RatingInput):
            parts += [step.input.low, step.input.high]
        elif isinstance(step.input, TextInput):
            parts.append(step.input.hint)
        elif isinstance(step.input, ChecklistInput):
            parts += step.input.items
    return "\n".join(parts)


def test_every_built_in_script_passes_the_checker() -> None:
    assert len(FILES) >= 10
    assert check_files(FILES) == []
    assert Path(str(builtin_folder())).resolve() == (ROOT / "resources" / "exercises")


def test_the_library_has_what_was_promised(library: dict[str, Exercise]) -> None:
    assert set(library) == {
        "body-scan-3",
        "body-scan-10",
        "body-scan-20",
        "orienting",
        "weight-and-contact",
        "five-senses",
        "session-close",
        "before-dosing",
        "daily-check-in",
        "containment",
        "resource",
        "when-it-gets-big",
        "coming-back",
        "body-scan-contact",
    }
    for moment in Moment:
        assert any(e.is_for(moment) for e in library.values()), moment
    for name in (p.stem for p in FILES):
        assert name in library  # file name and id agree


@pytest.mark.parametrize("minutes", [3, 10, 20])
def test_body_scans_keep_to_their_labels(library: dict[str, Exercise], minutes: int) -> None:
    scan = library[f"body-scan-{minutes}"]
    assert scan.minutes == minutes
    assert abs(scan.planned_seconds - 60 * minutes) <= 0.1 * 60 * minutes
    assert all(s.duration is not None for s in scan.steps)  # a scan runs by itself


def test_longer_body_scans_leave_more_quiet(library: dict[str, Exercise]) -> None:
    means = [
        library[f"body-scan-{m}"].planned_seconds / len(library[f"body-scan-{m}"].steps)
        for m in (3, 10, 20)
    ]
    assert means == sorted(means) and means[0] < means[2] - 10


REGIONS = [
    r"\b(meets|contact)\b",
    r"\btoes\b",
    r"\bthe left\b",
    r"\bthe right\b",
    r"\b(pelvis|hips)\b",
    r"\b(belly|chest)\b",
    r"\barms?\b",
    r"\bneck\b",
    r"\bface|jaw\b",
    r"\bhead\b",
    r"\bwhole body\b",
]


@pytest.mark.parametrize("minutes", [3, 10, 20])
def test_body_scans_follow_the_usual_order(library: dict[str, Exercise], minutes: int) -> None:
    texts = [s.text.lower() for s in library[f"body-scan-{minutes}"].steps]
    firsts = []
    for pattern in REGIONS:
        index = next((i for i, t in enumerate(texts) if re.search(pattern, t)), None)
        assert index is not None, pattern
        firsts.append(index)
    assert firsts == sorted(firsts)


def test_no_built_in_exercise_contains_a_breath_hold(library: dict[str, Exercise]) -> None:
    for ex in library.values():
        assert not ex.has_holds, ex.id
        for step in ex.steps:
            if step.breathing is not None:
                assert not step.breathing.pattern.has_holds


def test_gentle_exercises_breathe_only_with_gentle_settle(library: dict[str, Exercise]) -> None:
    gentle = [e for e in library.values() if e.gentle]
    assert {e.id for e in gentle} >= {"session-close", "before-dosing"}
    for ex in gentle:
        for step in ex.steps:
            if step.breathing is not None:
                assert step.breathing.preset == "gentle-settle", ex.id
        words = all_text(ex).lower()
        assert "hold your breath" not in words and "breath hold" not in words


COMMANDS = {
    "breathe",
    "close",
    "relax",
    "notice",
    "feel",
    "let",
    "take",
    "hold",
    "focus",
    "bring",
    "move",
    "open",
    "look",
    "keep",
    "try",
    "imagine",
    "sit",
    "lie",
    "place",
    "put",
    "turn",
    "drink",
    "eat",
    "stop",
    "listen",
    "inhale",
    "exhale",
    "stay",
    "allow",
    "release",
    "remember",
    "think",
    "picture",
    "go",
    "come",
    "return",
    "sense",
}
FORBIDDEN = [
    r"\bmust\b",
    r"\bshould\b",
    r"\bhave to\b",
    r"\bdeep breaths?\b",
    r"\bbig breaths?\b",
    r"\btreat",
    r"\bcure",
    r"\bheal",
    r"\bsymptom",
    r"\bketamine\b",
    r"\bmedicine\b",
    r"\bdrug",
    r"\bdiagnos",
]


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?:])\s+|\n", text) if s.strip()]


def test_wording_invites_and_claims_nothing(library: dict[str, Exercise]) -> None:
    for ex in library.values():
        for sentence in sentences(all_text(ex)):
            first = re.sub(r"[^a-z']", "", sentence.split()[0].lower())
            assert first not in COMMANDS, f"{ex.id}: {sentence!r}"
        lowered = all_text(ex).lower()
        for pattern in FORBIDDEN:
            assert not re.search(pattern, lowered), f"{ex.id}: {pattern}"
        for step in ex.steps:
            assert "!" not in step.text


@pytest.mark.parametrize("minutes", [3, 10, 20])
def test_body_scans_offer_choices_and_other_anchors(
    library: dict[str, Exercise], minutes: int
) -> None:
    words = all_text(library[f"body-scan-{minutes}"]).lower()
    assert "eyes can close" in words and "open" in words
    assert "skip" in words and "stop" in words
    assert re.search(r"\b(chair|floor|hands?|seat)\b", words)


def test_session_close(library: dict[str, Exercise]) -> None:
    ex = library["session-close"]
    assert ex.moments == (Moment.SESSION_CLOSE,)
    words = all_text(ex).lower()
    for needed in ("water", "eat", "weight", "room", "first words"):
        assert needed in words
    inputs = dict((i.key, i) for _, i in ex.inputs())
    words_input = inputs["first-words"]
    assert isinstance(words_input, TextInput)
    ready = inputs["ready-to-leave"]
    assert isinstance(ready, ChecklistInput)
    items = " ".join(ready.items).lower()
    assert "home" in items and "drive" in items and "decisions" in items
    # Unhurried: the person decides when to go on with water, food, words and leaving.
    assert sum(s.until_continue for s in ex.steps) >= 4
    assert ex.steps[-1].until_continue


def test_before_dosing(library: dict[str, Exercise]) -> None:
    ex = library["before-dosing"]
    assert ex.moments == (Moment.BEFORE_DOSING,)
    first_breath = next(i for i, s in enumerate(ex.steps) if s.breathing is not None)
    words = [s.text.lower() for s in ex.steps]
    first_question = next(i for i, t in enumerate(words) if "understand" in t)
    assert first_breath < first_question
    joined = " ".join(words)
    assert "release" in joined and "compassion" in joined
    inputs = dict((i.key, i) for _, i in ex.inputs())
    assert isinstance(inputs["intention"], TextInput)
    assert not any(isinstance(i, RatingInput) for i in inputs.values())  # the app asks before


def test_between_sessions_check_in(library: dict[str, Exercise]) -> None:
    ex = library["daily-check-in"]
    assert ex.is_for(Moment.BETWEEN_SESSIONS)
    kinds = {i.key: type(i) for _, i in ex.inputs()}
    assert kinds == {"today": RatingInput, "body": TextInput, "intention": TextInput}


def test_orienting_and_its_way_out(library: dict[str, Exercise]) -> None:
    words = [s.text.lower() for s in library["orienting"].steps]
    three = [i for i, t in enumerate(words) if "three" in t]
    inside = next(i for i, t in enumerate(words) if "sensation inside" in t)
    assert len(three) == 2 and three[0] < inside < three[1]
    assert sum("too much" in t and "feet" in t for t in words) >= 2


def test_five_senses_asks_in_order(library: dict[str, Exercise]) -> None:
    ex = library["five-senses"]
    keys = [i.key for _, i in ex.inputs()]
    assert keys == ["see", "touch", "hear", "smell", "taste"]
    assert all(isinstance(i, TextInput) for _, i in ex.inputs())


def test_containment_and_resourcing(library: dict[str, Exercise]) -> None:
    words = all_text(library["containment"]).lower()
    assert "container" in words and "therapist" in words
    resource = all_text(library["resource"]).lower()
    assert "fine if nothing comes" in resource and "safe" not in resource


def test_sounds_are_known_and_sparing(library: dict[str, Exercise]) -> None:
    for ex in library.values():
        sounds = [s.sound for s in ex.steps if s.sound]
        assert set(sounds) <= set(SOUND_CUES)
        assert len(sounds) <= 3, ex.id


@pytest.mark.parametrize("name", [p.stem for p in FILES])
def test_each_built_in_runs_to_completion_on_a_fake_clock(
    library: dict[str, Exercise], name: str
) -> None:
    ex = library[name]
    clock = FakeClock()
    runner = ExerciseRunner(ex, clock)
    runner.start()
    for _ in range(len(ex.steps) + 1):
        state = runner.state()
        if state.finished:
            break
        if state.waits_for_continue:
            clock.advance(5)
            runner.next(from_step=state.step_index)
        else:
            clock.advance(state.step_time_left or 0.0)
    state = runner.state()
    assert state.outcome is Outcome.COMPLETED
    assert [v.step for v in state.visits] == list(range(len(ex.steps)))
