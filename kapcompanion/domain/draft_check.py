"""Checking a script draft as its file would be read, and where the editor's form shows each
problem.

:func:`check_draft` runs the draft's written text through the loader and adds the checks the
loader cannot make on its own text: an id another exercise already uses, a recording that is
neither on disk nor waiting to be saved, and a step asking for written words or ticks that
would end on a timer while the person is still at it. :func:`place_of` turns a problem's key
(``step[3].breathing.preset``) into the step and field it is about; :func:`script_problems` and
:func:`step_problems` put the problems in words under the parts of the form.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath

from kapcompanion.domain.drafts import UNTIL_CONTINUE, ScriptDraft
from kapcompanion.domain.script_check import check_text
from kapcompanion.domain.script_source import SourceMap
from kapcompanion.domain.scripts import VOICE_PATH, Exercise, ScriptError, empty_text
from kapcompanion.i18n import _, pgettext

_STEP_KEY = re.compile(r"step\[(\d+)\](?:\.(.*))?")
_INDEX = re.compile(r"\[\d+\]")


# --- checking ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Known:
    """An exercise whose id is taken: its title and file (for the message)."""

    id: str
    title: str
    source: str


def known_from(exercises: Iterable[Exercise]) -> list[Known]:
    return [Known(e.id, e.title, e.source) for e in exercises]


def check_draft(
    draft: ScriptDraft,
    text: str,
    *,
    file: str = "<new script>",
    known: Iterable[Known] = (),
    recordings: Iterable[str] = (),
) -> tuple[Exercise | None, list[ScriptError]]:
    """Run the draft through the loader, as its file would be read.

    ``text`` is the draft as its file holds it
    (:func:`kapcompanion.storage.script_files.to_toml`); ``known`` are the exercises whose ids
    are taken (the file being edited left out); ``recordings`` are the voice paths that exist
    beside the script or wait to be saved with it. Returns the exercise (None when anything is
    wrong) and every problem.
    """
    exercise, problems = check_text(text, file)
    for other in known:
        if other.id == draft.id:
            problems.append(
                ScriptError(
                    file,
                    1,
                    "id",
                    _("an id no other exercise uses"),
                    _('"{id}", already the id of "{title}" in {file}').format(
                        id=draft.id,
                        title=other.title,
                        file=PurePath(other.source).name or _("the app"),
                    ),
                )
            )
            break
    have = set(recordings)
    where: SourceMap | None = None
    for index, step in enumerate(draft.steps):
        if step.voice and VOICE_PATH.fullmatch(step.voice) and step.voice not in have:
            where = where or SourceMap(text)
            problems.append(
                ScriptError(
                    file,
                    where.line_of(("step", index, "voice")),
                    f"step[{index + 1}].voice",
                    _("a recording {file} beside the script").format(file=step.voice),
                    _("no such file (you might record this step again)"),
                )
            )
        if (
            step.input is not None
            and step.input.kind in WAITS_FOR_THE_PERSON
            and (step.timing != UNTIL_CONTINUE)
        ):
            where = where or SourceMap(text)
            problems.append(
                ScriptError(
                    file,
                    where.line_of(("step", index)),
                    f"step[{index + 1}].until_continue",
                    _(
                        "a step that asks for written words or ticks to end when the person "
                        "continues, so no one is cut off while still writing"
                    ),
                    _ends_now(step.seconds),
                )
            )
    return (exercise if not problems else None), problems


#: Answers a person takes their own time over: the step waits for them.
WAITS_FOR_THE_PERSON = ("text", "checklist")


def _ends_now(seconds: float | None) -> str:
    if seconds is None:
        return _("it ends with its breathing")
    return _("it ends after {n} seconds").format(n=f"{seconds:g}")


@dataclass(frozen=True)
class Place:
    """Where a problem belongs in the form: a step (0-based; None for the script's own
    fields) and a field such as ``"seconds"``, ``"breathing.preset"``, ``"input.items"``
    (list positions left out), or ``""`` for the step or the script as a whole."""

    step: int | None
    field: str

    @property
    def group(self) -> str:
        """The part of the form: the first part of the field ("breathing", "input", …)."""
        return self.field.split(".", 1)[0]


def place_of(key: str) -> Place:
    """``"step[3].breathing.preset"`` -> ``Place(2, "breathing.preset")``; ``"for[2]"`` ->
    ``Place(None, "for")``; ``"step"`` -> ``Place(None, "steps")``."""
    m = _STEP_KEY.fullmatch(key)
    if m:
        rest = _INDEX.sub("", m.group(2) or "")
        return Place(int(m.group(1)) - 1, rest)
    if key == "step":
        return Place(None, "steps")
    return Place(None, _INDEX.sub("", key))


def problem_text(problem: ScriptError) -> str:
    """A problem in words for the form: what would do, and what is there now. The form is not
    the file: nothing is said about quotes, and an empty field is "nothing yet"."""
    # The words said of quotes in every expected value of a script's problems, left out here.
    quotes = pgettext("what a script problem says of quotes, left out in the editor", " in quotes")
    expected = problem.expected.replace(quotes, "")
    expected = expected[:1].upper() + expected[1:]
    found = _("nothing yet") if problem.found == empty_text() else problem.found
    return _("{expected}; now: {found}.").format(expected=expected, found=found)


# --- where the form shows each problem --------------------------------------------------------

#: The script's own fields, each with its problems shown below it.
SCRIPT_FIELDS = ("id", "title", "description", "for", "minutes")


@dataclass(frozen=True)
class ScriptProblems:
    """The problems of the script as a whole, in words: by its own field (one of
    :data:`SCRIPT_FIELDS`), those about its list of steps, and any other (shown below the
    form)."""

    fields: dict[str, list[str]]
    steps: list[str]
    general: list[str]


def script_problems(problems: Iterable[ScriptError]) -> ScriptProblems:
    fields: dict[str, list[str]] = {}
    steps: list[str] = []
    general: list[str] = []
    for problem in problems:
        place = place_of(problem.key)
        if place.step is not None:
            continue
        if place.field == "steps":
            steps.append(problem_text(problem))
        elif place.field in SCRIPT_FIELDS:
            fields.setdefault(place.field, []).append(problem_text(problem))
        else:
            general.append(problem_text(problem))
    return ScriptProblems(fields, steps, general)


@dataclass(frozen=True)
class StepProblems:
    """One step's problems, in words, by the part of its form ("text", "timing", "breathing",
    "sound", "input", "voice"), and the fields that have one (``"breathing.preset"``)."""

    parts: dict[str, list[str]]
    fields: set[str]


def step_problems(problems: Iterable[ScriptError], step: int) -> StepProblems:
    """The problems of the step at ``step`` (0-based). What is about the step as a whole or how
    long it lasts is shown with its timing."""
    parts: dict[str, list[str]] = {}
    fields: set[str] = set()
    for problem in problems:
        place = place_of(problem.key)
        if place.step != step:
            continue
        part = place.group
        if part in ("", "seconds", "until_continue"):
            part = "timing"
        parts.setdefault(part, []).append(problem_text(problem))
        fields.add(place.field)
    return StepProblems(parts, fields)


def steps_with_problems(problems: Iterable[ScriptError]) -> set[int]:
    """The steps (0-based) that have a problem."""
    return {p.step for e in problems if (p := place_of(e.key)).step is not None}
