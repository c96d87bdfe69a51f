"""The problems a script's author reads (the loader's, the editor's, the wording warnings) go
through the translation module; the keys of the file and the values found in it stay as they
are written there."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from kapcompanion.domain.draft_check import check_draft, problem_text
from kapcompanion.domain.drafts import duplicate_of, new_draft
from kapcompanion.domain.script_check import check_text, parse_script
from kapcompanion.domain.wording import check_wording
from tests.helpers.pseudo import untranslated
from tests.helpers.pseudo_parts import speak_pseudo_parts

#: A script with something wrong in almost every key.
BROKEN = """\
id = "Not An Id"
title = ""
colour = "blue"
for = ["before-dosing", "someday"]
minutes = 500

[[step]]
text = "One."
seconds = 0.5
until_continue = "yes"

[[step]]
text = "Two."
seconds = 10
until_continue = true
sound = "gong"
voice = "../escape.mp3"
breathing = { preset = "box", inhale = 4 }

[[step]]
text = "Three."
breathing = { inhale = 40, exhale = 3, hold_after_inhale = 2 }

[[step]]
text = "Four."
until_continue = true
input = { type = "rating", key = "A B" }

[[step]]
text = "Five."
until_continue = true
input = { type = "checklist", key = "ok", items = [] }

[[step]]
text = "Six."
until_continue = true
input = { type = "text", key = "ok", max_length = 0 }

[[step]]
text = "Seven."
until_continue = true
input = { type = "dance" }

[[step]]
text = "Eight."
"""

#: A valid script that breaks every wording rule.
UNKIND = """\
id = "unkind"
title = "A safe place"
description = "Heals with deep breaths and the right dose."
for = ["session-close"]
minutes = 10

[[step]]
text = "Notice your chest and belly and jaw, and sink into the heaviness, melting down."
seconds = 5

[[step]]
text = "LONG"
until_continue = true

[[step]]
text = "How settled?"
seconds = 30
input = { type = "rating", key = "settled", low = "not", high = "very" }

[[step]]
text = "And now?"
until_continue = true
input = { type = "rating", key = "again", low = "not", high = "very" }

[[step]]
text = "Rest here."
seconds = 400
""".replace(
    "LONG",
    "You might perhaps, if you like, maybe rest one two three four five six seven eight nine "
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty.",
)

#: Words of the file itself: its name, its keys and what is written in it.
_KEY = re.compile(r"[a-z_]+")


def file_words(text: str) -> set[str]:
    keys = {"id", "title", "description", "for", "minutes", "step", "low", "high", "hint"}
    return {w.lower() for w in re.findall(r"[A-Za-z]+", text)} | {"broken", "toml", "wav"} | keys


@pytest.fixture(autouse=True)
def pseudo() -> Iterator[None]:
    speak_pseudo_parts()
    yield


def test_every_problem_of_a_broken_script_is_said_in_the_language_in_use():
    exercise, problems = check_text(BROKEN, "broken.toml")
    assert exercise is None and len(problems) > 12
    allowed = file_words(BROKEN) | {"step", "preset", "presets"} | {"gentle", "settle"}
    allowed |= {"resonance", "longer", "exhale", "cyclic", "sigh", "chime", "bell", "soft"}
    allowed |= {"any", "time", "between", "sessions", "session", "close", "dosing"}
    allowed |= {"body", "map", "rating", "text", "checklist", "hold", "after", "inhale"}
    allowed |= {"until", "continue", "seconds", "breathing", "type", "key", "items"}
    for problem in problems:
        assert untranslated(str(problem), allowed) == [], str(problem)
        assert untranslated(problem_text(problem), allowed) == [], problem_text(problem)


@pytest.mark.parametrize(
    "text",
    ["title = ", 'id = "x"\n' + "a = [" * 2000],
)
def test_a_file_that_is_not_toml_is_said_so(text):
    _exercise, problems = check_text(text, "broken.toml")
    assert len(problems) == 1
    problem = problems[0]
    # What the TOML reader found is quoted in its own (English) words; the rest is translated.
    allowed = {"broken", "toml", "step"}
    assert untranslated(problem.expected, allowed) == [], problem.expected
    assert untranslated(str(problem).replace(problem.found, ""), allowed) == [], str(problem)


def test_every_wording_warning_is_said_in_the_language_in_use():
    exercise = parse_script(UNKIND, "unkind.toml")
    warnings = check_wording(exercise)
    assert {w.rule.value for w in warnings} >= {
        "reading-time",
        "sensitive-region",
        "big-feelings",
        "ratings",
        "rating-around-session",
        "answer-time",
        "long-sentence",
        "hedges",
        "sinking",
        "safety-promise",
        "big-breaths",
        "claims",
    }
    quoted = file_words(UNKIND) | {"until", "continue", "true"}
    for warning in warnings:
        message = re.sub(r"'[^']*'", " ", warning.message)  # the script's own words, quoted
        assert untranslated(message, quoted) == [], warning.message


def test_the_editor_s_own_problems_and_a_copy_s_title():
    draft = new_draft()
    draft.id, draft.title, draft.description = "mine", "Mine", "Mine."
    draft.steps[0].text = "Hello."
    draft.steps[0].voice = "voice/step-01.wav"
    from tests.helpers.drafts import full_draft

    text = 'id = "mine"\ntitle = "Mine"\ndescription = "Mine."\nfor = "any-time"\nminutes = 3\n'
    text += '[[step]]\ntext = "Hello."\nseconds = 20\nvoice = "voice/step-01.wav"\n'
    from kapcompanion.domain.draft_check import Known

    _exercise, problems = check_draft(draft, text, known=[Known("mine", "Mine", "mine.toml")])
    assert len(problems) == 2
    allowed = {"mine", "toml", "voice", "step", "wav", "id", "new", "script"}
    for problem in problems:
        assert untranslated(str(problem), allowed) == [], str(problem)
        assert untranslated(problem_text(problem), allowed) == [], problem_text(problem)
    copy = duplicate_of(full_draft(), [])
    assert copy.title.rstrip().endswith("⟦(my copy)⟧")
