"""A shipped script in another language, held to the English one it translates.

A translation is a whole script (checked like any other) with the same id as its English
original and the same steps in the same order: the same kind of timing, breathing, sounds,
recordings and inputs (their keys, and as many checklist items). Only the words differ, and a
timed step may stay a little longer, since a sentence can take longer to read in another
language. Anything else means the translation no longer fits the script it translates, and
the English one is used instead (see :mod:`kapcompanion.storage.library`).
"""

from __future__ import annotations

import re

from kapcompanion.domain.scripts import (
    ChecklistInput,
    Exercise,
    RatingInput,
    ScriptError,
    Step,
    TextInput,
    _base_name,
)

#: A timed step of a translation may stay up to this many times as long as the English one
#: (and at least as long): room to read, not a different practice.
MAX_STRETCH = 1.5
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def placeholders(text: str) -> list[str]:
    """The ``{...}`` placeholders in ``text``, sorted (a translation keeps them all)."""
    return sorted(_PLACEHOLDER.findall(text))


def _texts(exercise: Exercise) -> list[tuple[str, str]]:
    found = [("title", exercise.title), ("description", exercise.description)]
    for n, step in enumerate(exercise.steps, start=1):
        found.append((f"step[{n}].text", step.text))
        field = step.input
        if field is None:
            continue
        if isinstance(field, ChecklistInput):
            found += [(f"step[{n}].input.items[{i}]", t) for i, t in enumerate(field.items, 1)]
        elif isinstance(field, TextInput):
            found.append((f"step[{n}].input.hint", field.hint))
        elif isinstance(field, RatingInput):
            found += [(f"step[{n}].input.low", field.low), (f"step[{n}].input.high", field.high)]
    return found


def _timing(step: Step) -> str:
    if step.until_continue:
        return "a step that waits for the person"
    if step.seconds is not None:
        return "a timed step"
    return "a step as long as its breathing"


def _step_differences(n: int, english: Step, other: Step) -> list[tuple[str, str, str]]:
    """(key, expected, found) for each way step ``n`` of a translation differs in shape."""
    where = f"step[{n}]"
    found: list[tuple[str, str, str]] = []
    if _timing(english) != _timing(other):
        found.append((where, _timing(english), _timing(other)))
    elif (
        english.seconds is not None
        and other.seconds is not None
        and not english.seconds <= other.seconds <= english.seconds * MAX_STRETCH
    ):
        span = f"{english.seconds:g} to {english.seconds * MAX_STRETCH:g} seconds"
        found.append((f"{where}.seconds", span, f"{other.seconds:g}"))
    if english.breathing != other.breathing:
        found.append((f"{where}.breathing", "the same breathing", "other breathing"))
    if english.sound != other.sound:
        found.append((f"{where}.sound", repr(english.sound), repr(other.sound)))
    if english.voice != other.voice:
        found.append((f"{where}.voice", repr(english.voice), repr(other.voice)))
    a, b = english.input, other.input
    if (a is None) != (b is None) or (
        a is not None and b is not None and (a.kind != b.kind or a.key != b.key)
    ):
        shape_a = f"{a.kind} {a.key!r}" if a is not None else "no input"
        shape_b = f"{b.kind} {b.key!r}" if b is not None else "no input"
        found.append((f"{where}.input", shape_a, shape_b))
    elif isinstance(a, ChecklistInput) and isinstance(b, ChecklistInput):
        if len(a.items) != len(b.items):
            found.append((f"{where}.input.items", f"{len(a.items)} items", f"{len(b.items)}"))
    elif isinstance(a, TextInput) and isinstance(b, TextInput) and a.max_length != b.max_length:
        found.append((f"{where}.input.max_length", str(a.max_length), str(b.max_length)))
    return found


def differences(english: Exercise, translated: Exercise) -> list[ScriptError]:
    """How ``translated`` differs from ``english`` in anything but its words; none when it
    fits. Each is a :class:`ScriptError` of the translation's file naming the English one."""
    file = translated.source
    origin = _base_name(english.source) or english.id
    found: list[tuple[str, str, str]] = []
    if english.id != translated.id:
        found.append(("id", f'"{english.id}"', f'"{translated.id}"'))
    if english.moments != translated.moments:
        found.append(("for", "the same moments", ", ".join(m.value for m in translated.moments)))
    if not english.minutes <= translated.minutes <= english.minutes * MAX_STRETCH:
        minutes = f"{english.minutes:g} or a little more"
        found.append(("minutes", minutes, f"{translated.minutes:g}"))
    if len(english.steps) != len(translated.steps):
        found.append(("step", f"{len(english.steps)} steps", f"{len(translated.steps)}"))
    else:
        for n, (a, b) in enumerate(zip(english.steps, translated.steps, strict=True), start=1):
            found += _step_differences(n, a, b)
    theirs = dict(_texts(translated))
    for key, text in _texts(english):
        mine, other = placeholders(text), placeholders(theirs.get(key, text))
        if mine != other:
            found.append((key, f"the placeholders {', '.join(mine) or 'none'}", str(other)))
    return [
        ScriptError(file, None, key, f"{expected}, as in the English {origin}", got)
        for key, expected, got in found
    ]
