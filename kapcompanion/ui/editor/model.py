"""What the script editor edits, in plain Python (no Qt): drafts, a TOML writer for the script
format, where each loader problem belongs in the form, and saving a file all or nothing.

A :class:`ScriptDraft` holds exactly what the form shows, including values the loader would
refuse (an empty text, zero seconds), so a mistake can be shown next to its field instead of
being lost. :func:`to_toml` writes a draft in the format of ``resources/exercises/FORMAT.md``;
:func:`check_draft` runs that text through the loader (:func:`check_text`) and adds the two
checks the loader cannot make on its own text: an id another exercise already uses, and a
recording that is neither on disk nor waiting to be saved. :func:`place_of` turns a problem's
key (``step[3].breathing.preset``) into the step and field it is about.

Nothing here overwrites a shipped exercise: a shipped script is only ever duplicated under a new
id (:func:`duplicate_of`) and saved into the person's own scripts folder.
"""

from __future__ import annotations

import copy
import math
import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kapcompanion.domain.script_check import check_text
from kapcompanion.domain.scripts import MAX_TITLE, VOICE_PATH, Exercise, Moment, ScriptError
from kapcompanion.storage.files import replacing

#: Step timings the form offers.
TIMED = "seconds"
UNTIL_CONTINUE = "until-continue"
BREATHING_ONLY = "breathing"

INPUT_KINDS = ("rating", "text", "checklist")
DEFAULT_PRESET = "gentle-settle"
COPY_MARK = "(my copy)"
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_MAX_ID = 64
_STEP_KEY = re.compile(r"step\[(\d+)\](?:\.(.*))?")
_INDEX = re.compile(r"\[\d+\]")


# --- drafts -------------------------------------------------------------------------------------


@dataclass
class InputDraft:
    """Something a step asks: a rating, a short text or a checklist.

    ``max_length`` None leaves the key out of the file (the loader's default applies).
    """

    kind: str = "rating"
    key: str = ""
    low: str = ""
    high: str = ""
    max_length: int | None = None
    hint: str = ""
    items: list[str] = field(default_factory=list)


@dataclass
class BreathingDraft:
    """A breathing segment: a preset, or (``preset`` None) the script's own timing."""

    preset: str | None = DEFAULT_PRESET
    seconds: float = 60.0
    inhale: float = 4.0
    exhale: float = 6.0
    hold_after_inhale: float = 0.0
    hold_after_exhale: float = 0.0


@dataclass
class StepDraft:
    text: str = ""
    seconds: float | None = 20.0
    until_continue: bool = False
    breathing: BreathingDraft | None = None
    sound: str | None = None
    input: InputDraft | None = None
    voice: str | None = None

    @property
    def timing(self) -> str:
        """How the step ends, as the form offers it."""
        if self.until_continue:
            return UNTIL_CONTINUE
        if self.seconds is None and self.breathing is not None:
            return BREATHING_ONLY
        return TIMED

    def set_timing(self, timing: str, seconds: float = 20.0) -> None:
        if timing == UNTIL_CONTINUE:
            self.until_continue = True
            self.seconds = None
        elif timing == BREATHING_ONLY:
            self.until_continue = False
            self.seconds = None
            if self.breathing is None:
                self.breathing = BreathingDraft()
        elif timing == TIMED:
            self.until_continue = False
            if self.seconds is None:
                self.seconds = seconds
        else:
            raise ValueError(f"unknown timing {timing!r}")


@dataclass
class ScriptDraft:
    id: str = ""
    title: str = ""
    description: str = ""
    moments: list[str] = field(default_factory=lambda: [Moment.ANY_TIME.value])
    minutes: float = 5.0
    steps: list[StepDraft] = field(default_factory=list)

    def copy(self) -> ScriptDraft:
        return copy.deepcopy(self)

    def voices(self) -> list[str]:
        return [s.voice for s in self.steps if s.voice]


def new_draft() -> ScriptDraft:
    """A fresh script with one gentle step, so the form never starts empty."""
    return ScriptDraft(
        id="",
        title="",
        description="",
        moments=[Moment.ANY_TIME.value],
        minutes=3.0,
        steps=[StepDraft(text="", seconds=20.0)],
    )


# --- writing TOML -------------------------------------------------------------------------------

_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped. A lone
    surrogate (which no text file can hold) becomes U+FFFD."""
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04X}")
        elif 0xD800 <= code <= 0xDFFF:
            out.append("\ufffd")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def toml_number(value: float) -> str:
    """A number as TOML writes it: whole numbers without a point, others as Python's shortest
    round-tripping form (``0.5``, ``1e-07``), and ``inf``/``nan`` as TOML spells them."""
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number here")
    if isinstance(value, int):
        return str(value)
    x = float(value)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    if x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    return repr(x)  # "0.5", "1e-07", "1.5e+16": all valid TOML floats


def _inline(pairs: Iterable[tuple[str, str]]) -> str:
    return "{ " + ", ".join(f"{k} = {v}" for k, v in pairs) + " }"


def _breathing(b: BreathingDraft) -> str:
    pairs: list[tuple[str, str]] = []
    if b.preset is not None:
        pairs.append(("preset", toml_string(b.preset)))
    else:
        pairs.append(("inhale", toml_number(b.inhale)))
        if b.hold_after_inhale:
            pairs.append(("hold_after_inhale", toml_number(b.hold_after_inhale)))
        pairs.append(("exhale", toml_number(b.exhale)))
        if b.hold_after_exhale:
            pairs.append(("hold_after_exhale", toml_number(b.hold_after_exhale)))
    pairs.append(("seconds", toml_number(b.seconds)))
    return _inline(pairs)


def _input_lines(spec: InputDraft) -> list[str]:
    lines = [
        "",
        "[step.input]",
        f"type = {toml_string(spec.kind)}",
        f"key = {toml_string(spec.key)}",
    ]
    if spec.kind == "rating":
        lines += [f"low = {toml_string(spec.low)}", f"high = {toml_string(spec.high)}"]
    elif spec.kind == "text":
        if spec.max_length is not None:
            lines.append(f"max_length = {spec.max_length}")
        if spec.hint:
            lines.append(f"hint = {toml_string(spec.hint)}")
    elif spec.kind == "checklist":
        lines.append("items = [" + ", ".join(toml_string(i) for i in spec.items) + "]")
    return lines


def to_toml(draft: ScriptDraft) -> str:
    """The draft as a script file (UTF-8 text ending in a newline)."""
    lines = [
        f"id = {toml_string(draft.id)}",
        f"title = {toml_string(draft.title)}",
        f"description = {toml_string(draft.description)}",
        "for = [" + ", ".join(toml_string(m) for m in draft.moments) + "]",
        f"minutes = {toml_number(draft.minutes)}",
    ]
    for step in draft.steps:
        lines += ["", "[[step]]", f"text = {toml_string(step.text)}"]
        if step.until_continue:
            lines.append("until_continue = true")
        if step.seconds is not None:
            lines.append(f"seconds = {toml_number(step.seconds)}")
        if step.breathing is not None:
            lines.append(f"breathing = {_breathing(step.breathing)}")
        if step.sound:
            lines.append(f"sound = {toml_string(step.sound)}")
        if step.voice:
            lines.append(f"voice = {toml_string(step.voice)}")
        if step.input is not None:
            lines += _input_lines(step.input)
    return "\n".join(lines) + "\n"


# --- reading a script into a draft ---------------------------------------------------------------


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _num(value: object, default: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return default
    return float(value)


def _opt_num(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _breathing_draft(value: object) -> BreathingDraft | None:
    if not isinstance(value, dict):
        return None
    preset = value.get("preset")
    return BreathingDraft(
        preset=preset if isinstance(preset, str) else None,
        seconds=_num(value.get("seconds"), 60.0),
        inhale=_num(value.get("inhale"), 4.0),
        exhale=_num(value.get("exhale"), 6.0),
        hold_after_inhale=_num(value.get("hold_after_inhale"), 0.0),
        hold_after_exhale=_num(value.get("hold_after_exhale"), 0.0),
    )


def _input_draft(value: object) -> InputDraft | None:
    if not isinstance(value, dict):
        return None
    kind = value.get("type")
    max_length = value.get("max_length")
    items = value.get("items")
    return InputDraft(
        kind=kind if isinstance(kind, str) and kind in INPUT_KINDS else "rating",
        key=_text(value.get("key")),
        low=_text(value.get("low")),
        high=_text(value.get("high")),
        max_length=max_length
        if isinstance(max_length, int) and not isinstance(max_length, bool)
        else None,
        hint=_text(value.get("hint")),
        items=[i for i in items if isinstance(i, str)] if isinstance(items, list) else [],
    )


def draft_from_document(data: Mapping[str, object]) -> ScriptDraft:
    """A draft of a parsed script (``tomllib.loads``). Values of the wrong kind are left at
    the form's defaults; checking the draft then names what is missing."""
    moments = data.get("for")
    if isinstance(moments, str):
        moments = [moments]
    steps: list[StepDraft] = []
    raw_steps = data.get("step")
    for raw in raw_steps if isinstance(raw_steps, list) else []:
        if not isinstance(raw, dict):
            continue
        sound = raw.get("sound")
        voice = raw.get("voice")
        steps.append(
            StepDraft(
                text=_text(raw.get("text")),
                seconds=_opt_num(raw.get("seconds")),
                until_continue=raw.get("until_continue") is True,
                breathing=_breathing_draft(raw.get("breathing")),
                sound=sound if isinstance(sound, str) else None,
                input=_input_draft(raw.get("input")),
                voice=voice if isinstance(voice, str) else None,
            )
        )
    return ScriptDraft(
        id=_text(data.get("id")),
        title=_text(data.get("title")),
        description=_text(data.get("description")),
        moments=[m for m in moments if isinstance(m, str)] if isinstance(moments, list) else [],
        minutes=_num(data.get("minutes"), 5.0),
        steps=steps,
    )


def draft_from_text(text: str) -> ScriptDraft:
    """A draft of a script's text; raises ``tomllib.TOMLDecodeError`` when it is not TOML."""
    return draft_from_document(tomllib.loads(text))


def draft_from_file(path: Path) -> ScriptDraft:
    """A draft of a script file; raises OSError, UnicodeDecodeError or TOMLDecodeError."""
    return draft_from_text(path.read_bytes().decode("utf-8-sig"))


# --- ids ------------------------------------------------------------------------------------------


def free_id(base: str, taken: Iterable[str], suffix: str = "mine") -> str:
    """A valid id, not in ``taken``, made from ``base``: "body-scan-10-mine", then "-mine-2"…"""
    used = set(taken)
    stem = "-".join(re.findall(r"[a-z0-9]+", base.lower())) or "my-exercise"
    stem = stem[: _MAX_ID - len(suffix) - 5].strip("-") or "my-exercise"
    candidate = f"{stem}-{suffix}"
    n = 2
    while candidate in used:
        candidate = f"{stem}-{suffix}-{n}"
        n += 1
    return candidate


def duplicate_of(draft: ScriptDraft, taken: Iterable[str]) -> ScriptDraft:
    """A copy under a new id and a title that says it is a copy. Recordings keep their names;
    the caller copies the files they name."""
    copy_ = draft.copy()
    copy_.id = free_id(draft.id, taken)
    title = draft.title.strip() or "My exercise"
    if not title.endswith(COPY_MARK):
        title = f"{title[: MAX_TITLE - len(COPY_MARK) - 1].rstrip()} {COPY_MARK}"
    copy_.title = title
    return copy_


def voice_name(script_id: str, taken: Iterable[str]) -> str:
    """A new recording's path relative to the script: ``voice/<id>-<n>.wav``, unused so far."""
    used = set(taken)
    stem = "-".join(re.findall(r"[a-z0-9]+", script_id.lower()))[:40].strip("-") or "script"
    n = 1
    while f"voice/{stem}-{n}.wav" in used:
        n += 1
    name = f"voice/{stem}-{n}.wav"
    assert VOICE_PATH.fullmatch(name)
    return name


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
    *,
    file: str = "<new script>",
    known: Iterable[Known] = (),
    own_source: str | None = None,
    recordings: Iterable[str] = (),
) -> tuple[Exercise | None, list[ScriptError]]:
    """Run the draft through the loader, as the file would be read.

    ``known`` are the exercises whose ids are taken (the one loaded from ``own_source``, the
    file being edited, is left out); ``recordings`` are the voice paths that exist beside the
    script or wait to be saved with it. Returns the exercise (None when anything is wrong) and
    every problem.
    """
    text = to_toml(draft)
    exercise, problems = check_text(text, file)
    own = _norm(own_source) if own_source else None
    for other in known:
        if other.id == draft.id and (own is None or _norm(other.source) != own):
            problems.append(
                ScriptError(
                    file,
                    1,
                    "id",
                    "an id no other exercise uses",
                    f'"{draft.id}", already the id of "{other.title}" in '
                    f"{Path(other.source).name or 'the app'}",
                )
            )
            break
    have = set(recordings)
    lines = text.split("\n")
    for index, step in enumerate(draft.steps):
        if step.voice and VOICE_PATH.fullmatch(step.voice) and step.voice not in have:
            problems.append(
                ScriptError(
                    file,
                    _voice_line(lines, index),
                    f"step[{index + 1}].voice",
                    f"a recording {step.voice} beside the script",
                    "no such file (you might record this step again)",
                )
            )
    return (exercise if not problems else None), problems


def _voice_line(lines: list[str], index: int) -> int:
    seen = -1
    for number, line in enumerate(lines, 1):
        if line == "[[step]]":
            seen += 1
        elif seen == index and line.startswith("voice = "):
            return number
    return 1


def _norm(path: str) -> str:
    try:
        return str(Path(path).resolve())
    except OSError:
        return path


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
    """A problem in words for the form: what would do, and what is there now."""
    expected = problem.expected[:1].upper() + problem.expected[1:]
    return f"{expected}; now: {problem.found}."


# --- files ------------------------------------------------------------------------------------


def write_text_atomically(path: Path, text: str, mode: int = 0o600) -> None:
    """Write ``text`` as UTF-8 to ``path`` all or nothing: a temporary file in the same folder
    is flushed to the disk and renamed over ``path``; on any error it is removed and ``path``
    is as it was."""
    data = text.encode("utf-8")
    with replacing(path, mode=mode) as f:
        f.write(data)


def is_inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError):
        return False
    return True


def new_script_path(scripts_folder: Path, script_id: str) -> Path:
    """Where a new script goes: a folder of its own, ``<scripts>/<id>/<id>.toml`` (so its
    recordings sit beside it), with "-2", "-3"… on the folder if that name is taken."""
    stem = script_id if _ID.fullmatch(script_id) else "my-exercise"
    folder = scripts_folder / stem
    n = 2
    while os.path.lexists(folder):
        folder = scripts_folder / f"{stem}-{n}"
        n += 1
    return folder / f"{stem}.toml"
