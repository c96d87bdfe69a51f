"""Property tests: whatever a script file contains, the loader answers with an exercise or with
problems that each name a real line and a key; it never fails in any other way."""

from __future__ import annotations

import json
import math
import re
import tomllib
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kapcompanion.domain.script_check import check_text
from kapcompanion.domain.script_source import SourceMap
from kapcompanion.domain.scripts import Exercise, ScriptError, key_text

ROOT = Path(__file__).resolve().parents[3]
BUILT_IN = sorted((ROOT / "resources" / "exercises").glob("*.toml"))
BARE = re.compile(r"[A-Za-z0-9_-]+")

# --- a small TOML writer for generated documents -------------------------------------------------


def toml_key(key: str) -> str:
    return key if BARE.fullmatch(key) else toml_string(key)


def toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        inner = ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    raise TypeError(value)


def write_document(doc: dict[str, object], layout: list[bool]) -> str:
    """Top-level keys, then ``[[step]]`` tables; ``layout`` says, per step, whether its
    sub-tables are written as ``[step.x]`` tables (True) or inline (False)."""
    out: list[str] = []
    steps = doc.get("step")
    for key, value in doc.items():
        if key == "step" and isinstance(steps, list) and all(isinstance(s, dict) for s in steps):
            continue
        out.append(f"{toml_key(key)} = {toml_value(value)}")
    if isinstance(steps, list) and all(isinstance(s, dict) for s in steps):
        for k, step in enumerate(steps):
            assert isinstance(step, dict)
            out.append("")
            out.append("[[step]]")
            tables = layout[k % len(layout)] if layout else False
            later = []
            for key, value in step.items():
                if tables and isinstance(value, dict):
                    later.append((key, value))
                else:
                    out.append(f"{toml_key(key)} = {toml_value(value)}")
            for key, value in later:
                out.append(f"[step.{toml_key(key)}]")
                for inner, v in value.items():
                    out.append(f"{toml_key(inner)} = {toml_value(v)}")
    return "\n".join(out) + "\n"


# --- strategies -------------------------------------------------------------------------------

texts = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=40)
names = st.sampled_from(
    [
        "id",
        "title",
        "text",
        "seconds",
        "until_continue",
        "breathing",
        "preset",
        "inhale",
        "exhale",
        "hold_after_inhale",
        "input",
        "type",
        "key",
        "items",
        "low",
        "high",
        "sound",
        "for",
        "minutes",
    ]
) | st.from_regex(r"[a-z_]{1,8}", fullmatch=True)
scalars = st.one_of(
    texts,
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(),
    st.booleans(),
    st.sampled_from(["any-time", "session-close", "box", "gentle-settle", "rating", "bell"]),
)
junk = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(names, inner, max_size=4),
    max_leaves=8,
)

good_text = st.text(alphabet=st.characters(exclude_categories=["Cs"]), min_size=1, max_size=30)
good_text = good_text.filter(lambda t: t.strip() != "")
good_seconds = st.integers(min_value=1, max_value=1800) | st.floats(min_value=1, max_value=1800)
presets = st.sampled_from(["gentle-settle", "resonance", "longer-exhale", "box", "nope"])
moments = st.sampled_from(["before-dosing", "session-close", "between-sessions", "any-time"])


def mostly(draw: st.DrawFn, good: st.SearchStrategy[object], bad_percent: int = 6) -> object:
    """A good value most of the time, junk now and then (a band in the middle of the range,
    as generation favours the ends)."""
    if 40 <= draw(st.integers(0, 99)) < 40 + bad_percent:
        return draw(junk)
    return draw(good)


def sometimes_missing(draw: st.DrawFn) -> bool:
    return draw(st.integers(0, 29)) == 13


@st.composite
def breathing(draw: st.DrawFn) -> dict[str, object]:
    table: dict[str, object] = {}
    if not sometimes_missing(draw):
        table["seconds"] = mostly(draw, good_seconds)
    if draw(st.booleans()):
        table["preset"] = mostly(draw, presets)
    else:
        phase = st.floats(min_value=0.5, max_value=8) | st.integers(1, 8)
        for key in ("inhale", "exhale"):
            if not sometimes_missing(draw):
                table[key] = mostly(draw, phase)
        for key in ("hold_after_inhale", "hold_after_exhale"):
            if draw(st.integers(0, 5)) == 0:
                table[key] = mostly(draw, st.just(0) | phase)
    return table


@st.composite
def step_input(draw: st.DrawFn) -> dict[str, object]:
    kind = mostly(draw, st.sampled_from(["rating", "text", "checklist"]))
    table: dict[str, object] = {"type": kind}
    if not sometimes_missing(draw):
        table["key"] = mostly(draw, st.from_regex(r"[a-z]{1,6}", fullmatch=True))
    if kind == "rating":
        for end in ("low", "high"):
            if not sometimes_missing(draw):
                table[end] = mostly(draw, good_text)
    elif kind == "text":
        if draw(st.booleans()):
            table["max_length"] = mostly(draw, st.integers(1, 2000))
    elif not sometimes_missing(draw):
        table["items"] = mostly(draw, st.lists(good_text, min_size=1, max_size=12))
    return table


@st.composite
def steps(draw: st.DrawFn) -> dict[str, object]:
    step: dict[str, object] = {}
    if not sometimes_missing(draw):
        step["text"] = mostly(draw, good_text)
    timing = draw(st.sampled_from(["seconds"] * 4 + ["until"] * 3 + ["breathing"] * 2 + ["both"]))
    if sometimes_missing(draw):
        timing = "none"
    if timing in ("seconds", "both"):
        step["seconds"] = mostly(draw, good_seconds)
    if timing in ("until", "both"):
        step["until_continue"] = mostly(draw, st.just(True))
    if timing == "breathing" or draw(st.integers(0, 5)) == 0:
        step["breathing"] = mostly(draw, breathing())
    if draw(st.integers(0, 3)) == 0:
        step["sound"] = mostly(draw, st.sampled_from(["bell", "step-chime", "soft-bell"]))
    if draw(st.integers(0, 3)) == 0:
        step["input"] = mostly(draw, step_input())
    if draw(st.integers(0, 19)) == 0:
        step[draw(names)] = draw(junk)
    return step


@st.composite
def documents(draw: st.DrawFn) -> tuple[dict[str, object], list[bool]]:
    doc: dict[str, object] = {}
    fields: dict[str, st.SearchStrategy[object]] = {
        "id": st.from_regex(r"[a-z]{1,8}(-[a-z0-9]{1,4})?", fullmatch=True),
        "title": good_text,
        "description": good_text,
        "for": st.lists(moments, min_size=1, max_size=3) | moments,
        "minutes": st.integers(1, 120) | st.floats(min_value=1, max_value=120),
    }
    for key, strategy in fields.items():
        if not sometimes_missing(draw):
            doc[key] = mostly(draw, strategy)
    if draw(st.integers(0, 19)) == 0:
        doc[draw(names)] = draw(junk)
    doc["step"] = mostly(draw, st.lists(steps(), min_size=1, max_size=6), bad_percent=3)
    return doc, draw(st.lists(st.booleans(), min_size=1, max_size=3))


def assert_well_formed(text: str, exercise: Exercise | None, problems: list[ScriptError]) -> None:
    line_count = text.count("\n") + 1
    if exercise is None:
        assert problems
    else:
        assert not problems
        assert exercise.steps
        assert exercise.planned_seconds > 0
    for problem in problems:
        assert isinstance(problem, ScriptError)
        assert problem.file == "gen.toml"
        assert problem.line is not None and 1 <= problem.line <= line_count
        assert isinstance(problem.key, str)
        assert problem.expected and problem.found
        message = str(problem)
        assert message.startswith(f"gen.toml, line {problem.line}")
        assert "\n" not in message


# --- properties -------------------------------------------------------------------------------


@given(documents())
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_generated_documents_load_or_name_their_problems(
    generated: tuple[dict[str, object], list[bool]],
) -> None:
    doc, layout = generated
    text = write_document(doc, layout)
    exercise, problems = check_text(text, "gen.toml")
    assert_well_formed(text, exercise, problems)
    if exercise is not None:
        assert exercise.id == doc["id"]
        steps = doc["step"]
        assert isinstance(steps, list) and len(exercise.steps) == len(steps)


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_garbage_text_never_breaks_the_loader(text: str) -> None:
    exercise, problems = check_text(text, "gen.toml")
    assert_well_formed(text, exercise, problems)


@given(
    st.sampled_from(BUILT_IN),
    st.lists(
        st.tuples(st.integers(0, 10**6), st.integers(0, 12), st.text(max_size=12)),
        min_size=1,
        max_size=4,
    ),
)
@settings(max_examples=300, deadline=None)
def test_damaged_built_in_scripts_never_break_the_loader(
    path: Path, edits: list[tuple[int, int, str]]
) -> None:
    text = path.read_text()
    for at, cut, insert in edits:
        at %= len(text) + 1
        text = text[:at] + insert + text[at + cut :]
    exercise, problems = check_text(text, "gen.toml")
    assert_well_formed(text, exercise, problems)


VALID_STEP_FIELDS = {
    "seconds": (-5, "seconds"),
    "text": (7, "text"),
    "sound": ("gong", "sound"),
    "until_continue": ("yes", "until_continue"),
}


@given(
    st.integers(1, 6),
    st.data(),
    st.lists(st.booleans(), min_size=1, max_size=3),
)
@settings(max_examples=200, deadline=None)
def test_one_bad_value_is_found_on_its_own_line(
    count: int, data: st.DataObject, layout: list[bool]
) -> None:
    doc_steps: list[dict[str, Any]] = [
        {
            "text": f"Step {k}.",
            "seconds": 10 + k,
            "breathing": {"preset": "resonance", "seconds": 5},
        }
        for k in range(count)
    ]
    target = data.draw(st.integers(0, count - 1))
    where = data.draw(
        st.sampled_from(["seconds", "text", "sound", "breathing.preset", "breathing.seconds"])
    )
    if where.startswith("breathing."):
        inner = where.split(".")[1]
        doc_steps[target]["breathing"][inner] = "nope" if inner == "preset" else -1
    else:
        doc_steps[target][where] = VALID_STEP_FIELDS[where][0]
    doc: dict[str, object] = {
        "id": "gen",
        "title": "Generated",
        "description": "Made by a test.",
        "for": ["any-time"],
        "minutes": 3,
        "step": doc_steps,
    }
    text = write_document(doc, layout)
    exercise, problems = check_text(text, "gen.toml")
    assert exercise is None
    (problem,) = problems
    assert problem.key == f"step[{target + 1}].{where}"
    assert problem.line is not None
    line = text.split("\n")[problem.line - 1]
    name = where.split(".")[-1]
    assert line.startswith(f"{name} = ") or f" {name} = " in line
    # The line lies inside the right step: exactly `target` [[step]] headers come before it.
    before = text.split("\n")[: problem.line - 1]
    assert before.count("[[step]]") == target + 1


@given(documents())
@settings(max_examples=200, deadline=None)
def test_every_parsed_path_has_a_line(generated: tuple[dict[str, object], list[bool]]) -> None:
    doc, layout = generated
    text = write_document(doc, layout)
    parsed = tomllib.loads(text)
    found = SourceMap(text).lines

    def walk(value: object, path: tuple[str | int, ...]) -> None:
        assert path in found or not path, key_text(path)
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, (*path, k))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, (*path, i))

    walk(parsed, ())
    lines = text.split("\n")
    for path, line in found.items():
        last = path[-1]
        if isinstance(last, str) and BARE.fullmatch(last):
            assert last in lines[line - 1]
