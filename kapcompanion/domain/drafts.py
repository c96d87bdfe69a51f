"""What the script editor edits: drafts of a script, in plain Python.

A :class:`ScriptDraft` holds exactly what the form shows, including values the loader would
refuse (an empty text, zero seconds), so a mistake can be shown next to its field instead of
being lost (:mod:`kapcompanion.domain.draft_check` finds and places each one).
:func:`to_document` gives the values a script file holds for a draft (written out by
:mod:`kapcompanion.storage.script_files`), and :func:`draft_from_document` reads them back.

Nothing here overwrites a shipped exercise: a shipped script is only ever duplicated under a new
id (:func:`duplicate_of`) and saved into the person's own scripts folder.
"""

from __future__ import annotations

import copy
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from kapcompanion.domain.scripts import MAX_TITLE, VOICE_PATH, Moment
from kapcompanion.i18n import N_, _

#: Step timings the form offers.
TIMED = "seconds"
UNTIL_CONTINUE = "until-continue"
BREATHING_ONLY = "breathing"

INPUT_KINDS = ("rating", "text", "checklist", "body-map")
DEFAULT_PRESET = "gentle-settle"
#: Said after a copy's title (translated where used: ``_(COPY_MARK)``).
COPY_MARK = N_("(my copy)")
#: The seconds a new timed step starts with.
STEP_SECONDS = 20.0
_MAX_ID = 64
_SURROGATE = re.compile("[\ud800-\udfff]")


# --- drafts -------------------------------------------------------------------------------------


@dataclass
class InputDraft:
    """Something a step asks: a rating, a short text, a checklist or a body map.

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
    seconds: float | None = STEP_SECONDS
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

    def set_timing(self, timing: str, seconds: float = STEP_SECONDS) -> None:
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

    def steps_minutes(self) -> float | None:
        """How long the steps with a time take together, to the half minute (at least one
        minute); None when every step waits for the person."""
        seconds = 0.0
        timed = False
        for step in self.steps:
            if step.until_continue:
                continue
            if step.seconds is not None:
                seconds += step.seconds
                timed = True
            elif step.breathing is not None:
                seconds += step.breathing.seconds
                timed = True
        if not timed:
            return None
        return max(1.0, round(seconds / 30) / 2)

    # -- the list of steps (rows are 0-based; each returns the row to show next) --

    def add_step(self, after: int) -> int:
        """A new timed step after row ``after`` (at the end when no row is chosen, -1)."""
        at = after + 1 if after >= 0 else len(self.steps)
        self.steps.insert(at, StepDraft(text="", seconds=STEP_SECONDS))
        return at

    def remove_step(self, row: int) -> int | None:
        """Remove the step at ``row``; None when there is none there."""
        if not 0 <= row < len(self.steps):
            return None
        del self.steps[row]
        return min(row, len(self.steps) - 1)

    def move_step(self, row: int, by: int) -> int | None:
        """Swap the step at ``row`` with the one ``by`` rows away; None when either is missing."""
        to = row + by
        steps = self.steps
        if not (0 <= row < len(steps) and 0 <= to < len(steps)):
            return None
        steps[row], steps[to] = steps[to], steps[row]
        return to


def new_draft() -> ScriptDraft:
    """A fresh script with one gentle step, so the form never starts empty."""
    return ScriptDraft(
        id="",
        title="",
        description="",
        moments=[Moment.ANY_TIME.value],
        minutes=3.0,
        steps=[StepDraft(text="", seconds=STEP_SECONDS)],
    )


# --- the values of a script file ----------------------------------------------------------------


def _text_value(text: str) -> str:
    """A lone surrogate (which no text file can hold) becomes U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def _number(value: float) -> float | int:
    """Whole numbers as integers (``seconds = 20``, as people write them), others as they are."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def _breathing_table(b: BreathingDraft) -> dict[str, object]:
    table: dict[str, object] = {}
    if b.preset is not None:
        table["preset"] = _text_value(b.preset)
    else:
        table["inhale"] = _number(b.inhale)
        if b.hold_after_inhale:
            table["hold_after_inhale"] = _number(b.hold_after_inhale)
        table["exhale"] = _number(b.exhale)
        if b.hold_after_exhale:
            table["hold_after_exhale"] = _number(b.hold_after_exhale)
    table["seconds"] = _number(b.seconds)
    return table


def _input_table(spec: InputDraft) -> dict[str, object]:
    table: dict[str, object] = {"type": _text_value(spec.kind), "key": _text_value(spec.key)}
    if spec.kind == "rating":
        table["low"] = _text_value(spec.low)
        table["high"] = _text_value(spec.high)
    elif spec.kind == "text":
        if spec.max_length is not None:
            table["max_length"] = spec.max_length
        if spec.hint:
            table["hint"] = _text_value(spec.hint)
    elif spec.kind == "checklist":
        table["items"] = [_text_value(i) for i in spec.items]
    return table


def step_table(step: StepDraft) -> dict[str, object]:
    """One step as its ``[[step]]`` table holds it; keys with nothing to say are left out."""
    table: dict[str, object] = {"text": _text_value(step.text)}
    if step.until_continue:
        table["until_continue"] = True
    if step.seconds is not None:
        table["seconds"] = _number(step.seconds)
    if step.breathing is not None:
        table["breathing"] = _breathing_table(step.breathing)
    if step.sound:
        table["sound"] = _text_value(step.sound)
    if step.voice:
        table["voice"] = _text_value(step.voice)
    if step.input is not None:
        table["input"] = _input_table(step.input)
    return table


def to_document(draft: ScriptDraft) -> dict[str, object]:
    """The values the draft's script file holds, as ``tomllib`` would read them back. A draft
    without steps has no ``step`` key (the loader then names the steps as missing)."""
    document: dict[str, object] = {
        "id": _text_value(draft.id),
        "title": _text_value(draft.title),
        "description": _text_value(draft.description),
        "for": [_text_value(m) for m in draft.moments],
        "minutes": _number(draft.minutes),
    }
    if draft.steps:
        document["step"] = [step_table(s) for s in draft.steps]
    return document


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
    title = draft.title.strip() or _("My exercise")
    mark = _(COPY_MARK)
    if not title.endswith(mark):
        title = f"{title[: MAX_TITLE - len(mark) - 1].rstrip()} {mark}"
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
