"""Exercise scripts: the model, the loader, and a message naming file, line and key for each
kind of mistake."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path
from typing import Any

import pytest

from kapcompanion.domain.pacing import PRESETS
from kapcompanion.domain.script_check import check_text, parse_script
from kapcompanion.domain.script_source import SourceMap
from kapcompanion.domain.scripts import (
    UNTIL_CONTINUE_ESTIMATE_S,
    ChecklistInput,
    Moment,
    RatingInput,
    ScriptError,
    TextInput,
    describe,
    key_text,
)
from kapcompanion.storage.library import check_files, load_folder, load_library, load_script

DATA = Path(__file__).resolve().parents[2] / "data" / "scripts"
ROOT = Path(__file__).resolve().parents[3]

HEAD = """\
id = "sample"
title = "Sample"
description = "A sample exercise."
for = ["any-time"]
minutes = 2
"""


def script(body: str, head: str = HEAD) -> str:
    return head + "\n" + textwrap.dedent(body)


def only_problem(text: str, file: str = "sample.toml") -> ScriptError:
    exercise, problems = check_text(text, file)
    assert exercise is None
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


# --- a valid script -------------------------------------------------------------------------


def test_a_full_script_loads_into_frozen_dataclasses() -> None:
    text = script(
        """\
        [[step]]
        text = "Welcome."
        seconds = 12.5
        sound = "soft-bell"

        [[step]]
        text = "Breathing, gently."
        breathing = { preset = "gentle-settle", seconds = 60 }

        [[step]]
        text = "Own timing, then quiet."
        seconds = 40

        [step.breathing]
        inhale = 4
        exhale = 6
        seconds = 30

        [[step]]
        text = '''How settled
            do you feel?'''
        until_continue = true

        [step.input]
        type = "rating"
        key = "settled"
        low = "not at all"
        high = "very"

        [[step]]
        text = "A word or two."
        until_continue = true
        input = { type = "text", key = "words", max_length = 50, hint = "anything" }

        [[step]]
        text = "Ready?"
        until_continue = true
        breathing = { preset = "resonance", seconds = 30 }
        input = { type = "checklist", key = "ready", items = ["Water", "  A   blanket "] }
        """
    )
    ex = parse_script(text, "sample.toml")
    assert (ex.id, ex.title, ex.minutes, ex.moments) == ("sample", "Sample", 2, (Moment.ANY_TIME,))
    assert ex.source == "sample.toml"
    s = ex.steps
    assert len(s) == 6
    assert s[0].seconds == 12.5 and s[0].duration == 12.5 and s[0].sound == "soft-bell"
    # A breathing step without seconds lasts to the end of its last whole breath: 8 s breaths.
    assert s[1].breathing is not None and s[1].breathing.preset == "gentle-settle"
    assert s[1].breathing.pattern is PRESETS["gentle-settle"]
    assert s[1].duration == pytest.approx(64.0)
    assert s[2].breathing is not None and s[2].breathing.preset is None
    assert [p.seconds for p in s[2].breathing.pattern.phases] == [4, 6]
    assert s[2].duration == 40  # the quiet rest of the step follows the 30 s of breathing
    assert s[3].text == "How settled do you feel?"  # line breaks join into one sentence
    assert s[3].until_continue and s[3].duration is None
    assert s[3].input == RatingInput("settled", "not at all", "very")
    assert s[4].input == TextInput("words", 50, "anything")
    assert s[5].input == ChecklistInput("ready", ("Water", "A blanket"))
    resonance_len = s[5].breathing.length if s[5].breathing else 0
    assert resonance_len >= 30
    expected = 12.5 + 64 + 40 + 20 + 20 + (resonance_len + UNTIL_CONTINUE_ESTIMATE_S)
    assert ex.planned_seconds == pytest.approx(expected)
    assert [k for k, _ in ex.inputs()] == [3, 4, 5]
    assert not ex.has_holds and not ex.gentle
    frozen: Any = ex  # the type checker refuses the change below; so does the exercise itself
    with pytest.raises(AttributeError):
        frozen.title = "changed"


def test_for_may_be_one_moment_in_quotes() -> None:
    ex = parse_script(
        script(
            '[[step]]\ntext = "x"\nseconds = 5\n', HEAD.replace('["any-time"]', '"session-close"')
        )
    )
    assert ex.moments == (Moment.SESSION_CLOSE,) and ex.gentle


def test_holds_are_allowed_outside_the_gentle_moments_and_reported() -> None:
    ex = parse_script(
        script('[[step]]\ntext = "x"\nbreathing = { preset = "box", seconds = 32 }\n')
    )
    assert ex.has_holds and ex.steps[0].has_holds


# --- every kind of mistake names file, line and key ----------------------------------------------


@pytest.mark.parametrize(
    ("name", "line", "key", "fragment"),
    [
        ("syntax.toml", 9, "", "valid TOML"),
        ("unknown-key.toml", 13, "step[2].secnds", "did you mean 'seconds'"),
        ("wrong-type.toml", 9, "step[1].seconds", 'found "ten"'),
        ("missing-text.toml", 16, "step[3].text", "found nothing"),
        ("negative-seconds.toml", 14, "step[3].seconds", "found -5"),
        ("zero-seconds.toml", 9, "step[1].seconds", "found 0"),
        ("absurd-seconds.toml", 13, "step[2].seconds", "from 1 to 1800, found 3600"),
        ("unknown-preset.toml", 9, "step[1].breathing.preset", 'found "resonant"'),
        ("hold-before-dosing.toml", 13, "step[2].breathing.preset", "which has holds"),
        (
            "inline-hold-session-close.toml",
            14,
            "step[1].breathing.hold_after_exhale",
            "no breath hold",
        ),
        ("bad-inline-pattern.toml", 12, "step[1].breathing.inhale", "0.5 to 30 seconds"),
        ("rating-ends.toml", 11, "step[1].input.low", "a label for 0"),
        ("empty-checklist.toml", 10, "step[1].input.items", "found an empty list"),
        ("both-timings.toml", 10, "step[1].until_continue", "not both"),
        ("no-timing.toml", 11, "step[2]", "found neither"),
        ("unknown-moment.toml", 6, "for[2]", 'found "after-lunch"'),
    ],
)
def test_each_mistake_names_file_line_and_key(
    name: str, line: int, key: str, fragment: str
) -> None:
    problems = check_files([DATA / name])
    assert len(problems) == 1, [str(p) for p in problems]
    (problem,) = problems
    assert problem.file == str(DATA / name)
    assert problem.file_name == name
    assert (problem.line, problem.key) == (line, key)
    message = str(problem)
    assert fragment in message
    assert "\n" not in message
    prefix = f"{name}, line {line}, {key}: expected " if key else f"{name}, line {line}: expected "
    assert message.startswith(prefix)
    assert ", found " in message
    with pytest.raises(ScriptError) as info:
        load_script(DATA / name)
    assert str(info.value) == message


def test_the_message_reads_as_one_actionable_line() -> None:
    problem = only_problem(
        (DATA / "negative-seconds.toml").read_text(), "/somewhere/negative-seconds.toml"
    )
    assert str(problem) == (
        "negative-seconds.toml, line 14, step[3].seconds: "
        "expected a number of seconds from 1 to 1800, found -5"
    )
    assert problem.expected == "a number of seconds from 1 to 1800"
    assert problem.found == "-5"


def test_the_example_in_the_format_guide_is_what_the_checker_says(tmp_path: Path) -> None:
    guide = (ROOT / "resources" / "exercises" / "FORMAT.md").read_text()
    original = (ROOT / "resources" / "exercises" / "body-scan-3.toml").read_text().splitlines()
    assert original[18] == "seconds = 15"  # line 19: the third step's seconds
    original[18] = "seconds = -5"
    broken = tmp_path / "body-scan-3.toml"
    broken.write_text("\n".join(original) + "\n")
    (problem,) = check_files([broken])
    assert str(problem) in guide


def test_the_whole_example_in_the_format_guide_loads() -> None:
    guide = (ROOT / "resources" / "exercises" / "FORMAT.md").read_text()
    blocks = guide.split("```toml\n")[1:]
    example = blocks[0].split("```")[0]
    ex = parse_script(example, "FORMAT.md")
    assert ex.id == "arriving" and len(ex.steps) == 3
    # The smaller snippets are valid step tables too.
    for block in blocks[1:]:
        snippet = block.split("```")[0]
        if snippet.startswith("[step."):
            parse_script(script('[[step]]\ntext = "x"\nuntil_continue = true\n' + snippet))


def test_duplicate_ids_across_the_loaded_set() -> None:
    problems = check_files([DATA / "dup-a.toml", DATA / "dup-b.toml"])
    (problem,) = problems
    assert (problem.file_name, problem.line, problem.key) == ("dup-b.toml", 3, "id")
    assert "dup-a.toml" in str(problem) and '"same-id"' in str(problem)
    # Alone, each file is fine.
    assert check_files([DATA / "dup-b.toml"]) == []
    # Against exercises already loaded (the built-in ones, say).
    first = load_script(DATA / "dup-a.toml")
    (again,) = check_files([DATA / "dup-b.toml"], known=[first])
    assert again.key == "id"


def test_a_folder_loads_what_it_can_and_lists_the_rest(tmp_path: Path) -> None:
    for name in ("negative-seconds.toml", "syntax.toml", "dup-a.toml", "dup-b.toml"):
        shutil.copy(DATA / name, tmp_path / name)
    shutil.copy(ROOT / "resources" / "exercises" / "orienting.toml", tmp_path / "orienting.toml")
    (tmp_path / "notes.txt").write_text("not a script")
    exercises, problems = load_folder(tmp_path)
    assert [e.id for e in exercises] == ["same-id", "orienting"]
    assert sorted(p.file_name for p in problems) == [
        "dup-b.toml",
        "negative-seconds.toml",
        "syntax.toml",
    ]


def test_a_user_script_may_not_take_a_built_in_id(tmp_path: Path) -> None:
    user = tmp_path / "scripts"
    user.mkdir()
    shutil.copy(ROOT / "resources" / "exercises" / "orienting.toml", user / "mine.toml")
    (user / "own.toml").write_text(script('[[step]]\ntext = "x"\nseconds = 5\n'))
    exercises, problems = load_library(user)
    ids = [e.id for e in exercises]
    assert ids.count("orienting") == 1 and ids[-1] == "sample"
    (problem,) = problems
    assert (problem.file_name, problem.key, problem.line) == ("mine.toml", "id", 2)
    assert "orienting.toml" in problem.found
    # No user folder yet is not a problem.
    assert load_library(tmp_path / "nothing-here")[1] == []


def test_file_level_problems(tmp_path: Path) -> None:
    missing = tmp_path / "missing.toml"
    (problem,) = check_files([missing])
    assert problem.line is None and problem.key == ""
    assert str(problem).startswith("missing.toml: expected a readable script file, found ")
    latin = tmp_path / "latin.toml"
    latin.write_bytes(b'id = "x"\ntitle = "caf\xe9"\n')
    (problem,) = check_files([latin])
    assert (problem.line, problem.key) == (2, "")
    assert "UTF-8" in str(problem)
    huge = tmp_path / "huge.toml"
    huge.write_text("# " + "x" * 1_100_000)
    (problem,) = check_files([huge])
    assert "kB" in problem.expected
    (problem,) = load_folder(tmp_path / "no-such-folder")[1]
    assert problem.line is None


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + script('[[step]]\ntext = "x"\nseconds = 5\n').encode())
    assert load_script(path).id == "sample"


# --- more validation, from text -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("head_change", "key", "fragment"),
    [
        (('id = "sample"', 'id = "Body Scan"'), "id", "lowercase letters"),
        (('id = "sample"', ""), "id", "missing"),
        (('title = "Sample"', "title = 3"), "title", "found 3"),
        (('title = "Sample"', 'title = "   "'), "title", "only spaces"),
        (('description = "A sample exercise."', 'description = ""'), "description", "empty"),
        (('for = ["any-time"]', "for = []"), "for", "an empty list"),
        (('for = ["any-time"]', 'for = "sometimes"'), "for", '"sometimes"'),
        (("minutes = 2", "minutes = 0"), "minutes", "from 1 to 120"),
        (("minutes = 2", "minutes = 600"), "minutes", "found 600"),
        (("minutes = 2", "minutes = true"), "minutes", "found true"),
        (("minutes = 2", "minutes = nan"), "minutes", "found nan"),
        (("minutes = 2", ""), "minutes", "missing"),
        (("minutes = 2", "minutes = 2\ncolour = 3"), "colour", "one of the keys"),
    ],
)
def test_top_level_mistakes(head_change: tuple[str, str], key: str, fragment: str) -> None:
    head = HEAD.replace(*head_change)
    text = script('[[step]]\ntext = "x"\nseconds = 5\n', head)
    problem = only_problem(text)
    assert problem.key == key
    assert fragment in str(problem)
    line = text.splitlines()[problem.line - 1] if problem.line else ""
    if "missing" not in fragment:
        assert line.startswith(key)
    else:
        assert problem.line == 1


@pytest.mark.parametrize(
    ("step", "key", "fragment"),
    [
        ('text = ""\nseconds = 5', "step[1].text", "empty text"),
        ('text = "' + "x" * 301 + '"\nseconds = 5', "step[1].text", "301 characters"),
        ("text = 5\nseconds = 5", "step[1].text", "found 5"),
        ('text = "x"\nseconds = inf', "step[1].seconds", "found inf"),
        ('text = "x"\nseconds = 1800.5', "step[1].seconds", "found 1800.5"),
        ('text = "x"\nseconds = 0.5', "step[1].seconds", "found 0.5"),
        ('text = "x"\nuntil_continue = "yes"', "step[1].until_continue", "true or false"),
        ('text = "x"\nseconds = 5\nsound = "gong"', "step[1].sound", '"step-chime"'),
        (
            'text = "x"\nseconds = 30\nbreathing = { preset = "resonance", seconds = 60 }',
            "step[1].breathing.seconds",
            "at most the step's own 30 seconds",
        ),
        (
            'text = "x"\nbreathing = { preset = "resonance" }',
            "step[1].breathing.seconds",
            "missing",
        ),
        ('text = "x"\nbreathing = { seconds = 60 }', "step[1].breathing", "neither"),
        (
            'text = "x"\nbreathing = { preset = "resonance", inhale = 4, seconds = 60 }',
            "step[1].breathing.inhale",
            "not both",
        ),
        (
            'text = "x"\nbreathing = { inhale = 4, seconds = 60 }',
            "step[1].breathing.exhale",
            "missing",
        ),
        (
            'text = "x"\nbreathing = { inhale = 0.5, exhale = 1, seconds = 60 }',
            "step[1].breathing",
            "at least 2 seconds",
        ),
        (
            'text = "x"\nbreathing = { inhale = "four", exhale = 4, seconds = 60 }',
            "step[1].breathing.inhale",
            'found "four"',
        ),
        ('text = "x"\nbreathing = "resonance"', "step[1].breathing", 'found "resonance"'),
        (
            'text = "x"\nbreathing = { preset = 5, seconds = 60 }',
            "step[1].breathing.preset",
            "found 5",
        ),
        (
            'text = "x"\nbreathing = { preset = "resonance", seconds = 60, pace = 2 }',
            "step[1].breathing.pace",
            "one of the keys",
        ),
        ('text = "x"\nseconds = 5\ninput = "rating"', "step[1].input", 'found "rating"'),
        ('text = "x"\nseconds = 5\ninput = { key = "a" }', "step[1].input.type", "missing"),
        (
            'text = "x"\nseconds = 5\ninput = { type = "slider", key = "a" }',
            "step[1].input.type",
            '"slider"',
        ),
        (
            'text = "x"\nseconds = 5\ninput = { type = "text" }',
            "step[1].input.key",
            "missing",
        ),
        (
            'text = "x"\nseconds = 5\ninput = { type = "text", key = "Bad Key" }',
            "step[1].input.key",
            '"Bad Key"',
        ),
        (
            'text = "x"\nseconds = 5\ninput = { type = "text", key = "a", max_length = 0 }',
            "step[1].input.max_length",
            "found 0",
        ),
        (
            'text = "x"\nseconds = 5\ninput = { type = "text", key = "a", max_length = 20.5 }',
            "step[1].input.max_length",
            "whole number",
        ),
        (
            'text = "x"\nseconds = 5\ninput = { type = "text", key = "a", items = ["x"] }',
            "step[1].input.items",
            "one of the keys type, key, max_length, hint",
        ),
        (
            'text = "x"\nseconds = 5\ninput = { type = "rating", key = "a", low = "l", high = "" }',
            "step[1].input.high",
            "empty text",
        ),
        (
            'text = "x"\nseconds = 5\ninput = { type = "checklist", key = "a" }',
            "step[1].input.items",
            "missing",
        ),
        (
            'text = "x"\nseconds = 5\ninput = { type = "checklist", key = "a", items = "x" }',
            "step[1].input.items",
            'found "x"',
        ),
        (
            'text = "x"\nseconds = 5\ninput = { type = "checklist", key = "a", items = ["x", 3] }',
            "step[1].input.items[2]",
            "found 3",
        ),
    ],
)
def test_step_mistakes(step: str, key: str, fragment: str) -> None:
    text = script("[[step]]\n" + step + "\n")
    problem = only_problem(text)
    assert problem.key == key
    assert fragment in str(problem), str(problem)
    # The line is the key's own, or (for a missing key) the line of the table it belongs in.
    assert problem.line is not None
    line = text.splitlines()[problem.line - 1]
    names = [part.split("[")[0] for part in key.split(".")]
    if "missing" in fragment:
        assert names[-2] in line or line == "[[step]]"
    else:
        assert names[-1] in line or line == "[[step]]"


def test_too_many_checklist_items_and_too_many_steps() -> None:
    items = ", ".join(f'"item {k}"' for k in range(13))
    checklist = f'input = {{ type = "checklist", key = "a", items = [{items}] }}'
    text = script(f'[[step]]\ntext = "x"\nseconds = 5\n{checklist}\n')
    assert "13 items" in str(only_problem(text))
    many = "".join('[[step]]\ntext = "x"\nseconds = 5\n' for _ in range(201))
    problem = only_problem(script(many))
    assert problem.key == "step" and "at most 200 steps" in str(problem)


def test_missing_and_empty_steps() -> None:
    assert "no steps" in str(only_problem(HEAD))
    assert only_problem(HEAD + "step = []\n").key == "step"
    problem = only_problem(HEAD + "step = [1]\n")
    assert problem.key == "step[1]" and "found 1" in str(problem)


def test_input_keys_must_differ_within_an_exercise() -> None:
    text = script(
        """\
        [[step]]
        text = "One."
        until_continue = true
        input = { type = "text", key = "same" }

        [[step]]
        text = "Two."
        until_continue = true

        [step.input]
        type = "rating"
        key = "same"
        low = "a"
        high = "b"
        """
    )
    problem = only_problem(text)
    assert problem.key == "step[2].input.key"
    assert "already used in step[1]" in str(problem)
    assert problem.line is not None
    assert text.splitlines()[problem.line - 1] == 'key = "same"'


def test_a_misspelt_timing_key_is_not_also_reported_as_missing() -> None:
    problem = only_problem(script('[[step]]\ntext = "x"\nuntil_contiue = true\n'))
    assert "did you mean 'until_continue'" in str(problem)


def test_every_problem_in_a_file_is_listed() -> None:
    text = script(
        """\
        [[step]]
        text = "One."
        seconds = -1

        [[step]]
        seconds = 5

        [[step]]
        text = "Three."
        seconds = 5
        sound = "gong"
        """
    )
    exercise, problems = check_text(text, "many.toml")
    assert exercise is None
    assert [p.key for p in problems] == ["step[1].seconds", "step[2].text", "step[3].sound"]
    lines = text.splitlines()
    assert [lines[p.line - 1] if p.line else None for p in problems] == [
        "seconds = -1",
        "[[step]]",
        'sound = "gong"',
    ]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('id = "x"\ntitle = \n', 2),
        ('id = "x"\n[[step]\n', 2),
        ('id = "x"\nid = "y"\n', 2),
        ('id = "x"\ntext = """never closed\n\n', 4),
        ("a = [1,\n2,\n", 3),
    ],
)
def test_toml_syntax_errors_name_the_line(text: str, line: int) -> None:
    problem = only_problem(text)
    assert problem.line == line
    assert problem.key == ""
    assert "valid TOML" in str(problem)


# --- finding lines in the source -------------------------------------------------------------


def test_the_source_map_follows_tricky_toml() -> None:
    text = textwrap.dedent(
        '''\
        # [[step]] in a comment is not a step
        id = "x"  # seconds = 1
        "title" = """A title with
        [[step]] and seconds = 3 inside"""
        for = [
            "any-time",  # a comment
            'between-sessions',
        ]
        meta.deep.value = 1

        [[step]]
        text = 'one'
        breathing = { preset = "resonance", seconds = 60, extra = { a = [1, 2] } }

        [ step.input ]
        type = "text"

        [[step]]
        text = """two \\""" still two"""
        "odd key" = 1
        [[step]]
        text = "three"
        '''
    )
    lines = SourceMap(text).lines
    assert lines[("id",)] == 2
    assert lines[("title",)] == 3
    assert lines[("for",)] == 5
    assert lines[("for", 0)] == 6
    assert lines[("for", 1)] == 7
    assert lines[("meta", "deep", "value")] == 9
    assert lines[("step",)] == 11
    assert lines[("step", 0)] == 11
    assert lines[("step", 0, "breathing", "seconds")] == 13
    assert lines[("step", 0, "breathing", "extra", "a", 1)] == 13
    assert lines[("step", 0, "input")] == 15
    assert lines[("step", 0, "input", "type")] == 16
    assert lines[("step", 1)] == 18
    assert lines[("step", 1, "odd key")] == 20
    assert lines[("step", 2, "text")] == 22
    assert ("step", 3) not in lines


def test_steps_written_as_an_inline_list() -> None:
    text = script(
        """\
        step = [
            { text = "one", seconds = 5 },
            { text = "two", seconds = -5 },
        ]
        """
    )
    problem = only_problem(text)
    assert problem.key == "step[2].seconds"
    assert problem.line is not None
    assert "-5" in text.splitlines()[problem.line - 1]


def test_key_text_and_describe() -> None:
    assert key_text(("step", 2, "input", "items", 0)) == "step[3].input.items[1]"
    assert key_text(("odd key",)) == '"odd key"'
    assert describe(True) == "true"
    assert describe(2.50) == "2.5"
    assert describe("x" * 100).endswith('…"')
    assert describe([1, 2]) == "a list of 2"
    assert describe({}) == "an empty table"
