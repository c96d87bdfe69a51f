"""Checking a script's text: every problem found, each with its file, line and key.

Checking never trusts the text: every problem becomes a :class:`ScriptError` naming the file, the
line, the key, what was expected and what was found, so a person can fix it.
"""

from __future__ import annotations

import difflib
import math
import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kapcompanion.domain.pacing import PRESETS, BreathPattern, PatternError
from kapcompanion.domain.script_source import SourceMap
from kapcompanion.domain.scripts import (
    _ID,
    _INPUT_KEY,
    _MAX_ID,
    DEFAULT_TEXT_LENGTH,
    MAX_DESCRIPTION,
    MAX_HINT,
    MAX_ITEM,
    MAX_ITEMS,
    MAX_LABEL,
    MAX_MINUTES,
    MAX_STEP_S,
    MAX_STEP_TEXT,
    MAX_STEPS,
    MAX_TEXT_LENGTH,
    MAX_TITLE,
    MAX_VOICE_PATH,
    MIN_MINUTES,
    MIN_STEP_S,
    SOUND_CUES,
    VOICE_PATH,
    BodyMapInput,
    Breathing,
    ChecklistInput,
    Exercise,
    KeyPath,
    Moment,
    RatingInput,
    ScriptError,
    Step,
    StepInput,
    TextInput,
    _fmt,
    _is_number,
    describe,
    key_text,
)
from kapcompanion.domain.text import clean_text, has_visible

# --- validation -------------------------------------------------------------------------------

_ROOT_KEYS = ("id", "title", "description", "for", "minutes", "step")
_STEP_KEYS = ("text", "seconds", "until_continue", "breathing", "sound", "input", "voice")
_BREATHING_KEYS = (
    "preset",
    "inhale",
    "exhale",
    "hold_after_inhale",
    "hold_after_exhale",
    "seconds",
)
_INPUT_KEYS: dict[str, tuple[str, ...]] = {
    "rating": ("type", "key", "low", "high"),
    "text": ("type", "key", "max_length", "hint"),
    "checklist": ("type", "key", "items"),
    "body-map": ("type", "key"),
}
_STEPS_EXPECTED = f"a number of seconds from {_fmt(MIN_STEP_S)} to {_fmt(MAX_STEP_S)}"


class _Checker:
    """Validates one parsed document, collecting every problem it can find."""

    def __init__(
        self, file: str, text: str, recording_exists: Callable[[str], bool] | None = None
    ) -> None:
        self.file = file
        self.text = text
        self.recording_exists = recording_exists  # None: recordings are not looked for
        self.problems: list[ScriptError] = []
        self._map: SourceMap | None = None

    def line_of(self, path: KeyPath) -> int:
        if self._map is None:
            self._map = SourceMap(self.text)
        return self._map.line_of(path)

    def error(self, path: KeyPath, expected: str, found: str) -> None:
        self.problems.append(
            ScriptError(self.file, self.line_of(path), key_text(path), expected, found)
        )

    # -- small checks; each returns None after reporting a problem --

    def unknown_keys(
        self, table: dict[str, object], path: KeyPath, allowed: Sequence[str]
    ) -> set[str]:
        """Report keys not in ``allowed``; returns the known keys they were probably meant as."""
        meant: set[str] = set()
        for key in table:
            if key in allowed:
                continue
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            found = f"{key!r}" + (f" (did you mean {close[0]!r}?)" if close else "")
            self.error((*path, key), "one of the keys " + ", ".join(allowed), found)
            meant.update(close)
        return meant

    def text_value(
        self,
        table: dict[str, object],
        path: KeyPath,
        key: str,
        limit: int,
        *,
        required: bool = True,
        what: str = "text",
    ) -> str | None:
        value = table.get(key)
        where = (*path, key)
        expected = f"{what} in quotes, at most {limit} characters"
        if value is None:
            if required:
                self.error(where, expected, "nothing (it is missing)")
            return None
        if not isinstance(value, str):
            self.error(where, expected, describe(value))
            return None
        flowing = clean_text(value)
        if not flowing:
            self.error(where, expected, describe(value))
            return None
        if not has_visible(flowing):
            self.error(where, expected, "only characters that cannot be seen")
            return None
        if len(flowing) > limit:
            self.error(where, expected, f"{len(flowing)} characters")
            return None
        return flowing

    def number(
        self, value: object, where: KeyPath, lo: float, hi: float, expected: str
    ) -> float | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.error(where, expected, describe(value))
            return None
        number = float(value)
        if not (math.isfinite(number) and lo <= number <= hi):
            self.error(where, expected, describe(value))
            return None
        return number

    def table(self, value: object, where: KeyPath, expected: str) -> dict[str, object] | None:
        if not isinstance(value, dict):
            self.error(where, expected, describe(value))
            return None
        return value

    # -- the document --

    def exercise(self, data: dict[str, object]) -> Exercise | None:
        self.unknown_keys(data, (), _ROOT_KEYS)
        ex_id = self.exercise_id(data.get("id"))
        title = self.text_value(data, (), "title", MAX_TITLE, what="a title")
        description = self.text_value(
            data, (), "description", MAX_DESCRIPTION, what="a short description"
        )
        moments = self.moments(data.get("for"))
        minutes: float | None = None
        if "minutes" not in data:
            self.error(
                ("minutes",),
                f"the length in minutes, from {_fmt(MIN_MINUTES)} to {_fmt(MAX_MINUTES)}",
                "nothing (it is missing)",
            )
        else:
            minutes = self.number(
                data["minutes"],
                ("minutes",),
                MIN_MINUTES,
                MAX_MINUTES,
                f"a number of minutes from {_fmt(MIN_MINUTES)} to {_fmt(MAX_MINUTES)}",
            )
        gentle = moments is not None and any(m.gentle for m in moments)
        steps = self.steps(data.get("step"), gentle)
        if self.problems:
            return None
        assert ex_id and title and description and moments and minutes and steps
        return Exercise(ex_id, title, description, moments, minutes, steps, self.file)

    def exercise_id(self, value: object) -> str | None:
        expected = (
            f'an id in quotes such as "body-scan-10": lowercase letters, digits and single '
            f"hyphens, at most {_MAX_ID} characters"
        )
        if value is None:
            self.error(("id",), expected, "nothing (it is missing)")
            return None
        if not isinstance(value, str) or len(value) > _MAX_ID or not _ID.fullmatch(value):
            self.error(("id",), expected, describe(value))
            return None
        return value

    def moments(self, value: object) -> tuple[Moment, ...] | None:
        choices = ", ".join(f'"{m.value}"' for m in Moment)
        expected = f"one or more of {choices}"
        if value is None:
            self.error(("for",), expected, "nothing (it is missing)")
            return None
        items = value if isinstance(value, list) else [value]
        if not items:
            self.error(("for",), expected, describe(value))
            return None
        found: list[Moment] = []
        ok = True
        for k, item in enumerate(items):
            where: KeyPath = ("for", k) if isinstance(value, list) else ("for",)
            if isinstance(item, str) and item in Moment._value2member_map_:
                moment = Moment(item)
                if moment not in found:
                    found.append(moment)
            else:
                self.error(where, expected, describe(item))
                ok = False
        return tuple(found) if ok else None

    def steps(self, value: object, gentle: bool) -> tuple[Step, ...] | None:
        expected = "one or more [[step]] tables"
        if value is None:
            self.error(("step",), expected, "no steps")
            return None
        if not isinstance(value, list) or not value:
            self.error(("step",), expected, describe(value))
            return None
        if len(value) > MAX_STEPS:
            self.error(("step",), f"at most {MAX_STEPS} steps", f"{len(value)} steps")
            return None
        input_keys: dict[str, int] = {}
        steps: list[Step] = []
        for index, item in enumerate(value):
            step = self.step(item, ("step", index), gentle, input_keys)
            if step is not None:
                steps.append(step)
        return tuple(steps) if len(steps) == len(value) else None

    def step(
        self, value: object, path: KeyPath, gentle: bool, input_keys: dict[str, int]
    ) -> Step | None:
        table = self.table(value, path, "a [[step]] table with text and seconds")
        if table is None:
            return None
        before = len(self.problems)
        meant = self.unknown_keys(table, path, _STEP_KEYS)
        text = self.text_value(table, path, "text", MAX_STEP_TEXT, what="the step's text")

        seconds: float | None = None
        if "seconds" in table:
            seconds = self.number(
                table["seconds"], (*path, "seconds"), MIN_STEP_S, MAX_STEP_S, _STEPS_EXPECTED
            )
        until = False
        if "until_continue" in table:
            raw = table["until_continue"]
            if isinstance(raw, bool):
                until = raw
            else:
                self.error((*path, "until_continue"), "true or false (no quotes)", describe(raw))

        breathing: Breathing | None = None
        if "breathing" in table:
            breathing = self.breathing(table["breathing"], (*path, "breathing"), gentle)

        if until and "seconds" in table:
            self.error(
                (*path, "until_continue"),
                "either seconds = … or until_continue = true in one step, not both",
                "both",
            )
        elif (
            not until
            and "seconds" not in table
            and "breathing" not in table
            and not meant & {"seconds", "until_continue", "breathing"}
            and isinstance(table.get("until_continue", False), bool)
        ):
            self.error(
                path,
                f"seconds = … ({_STEPS_EXPECTED}) or until_continue = true",
                "neither",
            )
        raw_breathing = table.get("breathing")
        if seconds is not None and isinstance(raw_breathing, dict):
            b_seconds = raw_breathing.get("seconds")
            if isinstance(b_seconds, int | float) and b_seconds > seconds:
                self.error(
                    (*path, "breathing", "seconds"),
                    f"at most the step's own {_fmt(seconds)} seconds",
                    describe(b_seconds),
                )

        sound: str | None = None
        if "sound" in table:
            raw = table["sound"]
            if isinstance(raw, str) and raw in SOUND_CUES:
                sound = raw
            else:
                choices = ", ".join(f'"{s}"' for s in SOUND_CUES)
                self.error((*path, "sound"), f"one of the sounds {choices}", describe(raw))

        step_input: StepInput | None = None
        if "input" in table:
            step_input = self.step_input(table["input"], (*path, "input"), input_keys)

        voice: str | None = None
        if "voice" in table:
            voice = self.voice(table["voice"], (*path, "voice"))

        if len(self.problems) > before or text is None:
            return None
        return Step(text, seconds, until, breathing, sound, step_input, voice)

    def voice(self, value: object, where: KeyPath) -> str | None:
        if (
            not isinstance(value, str)
            or len(value) > MAX_VOICE_PATH
            or not VOICE_PATH.fullmatch(value)
        ):
            self.error(
                where,
                'a recording beside the script in quotes, such as "voice/step-03.wav": letters, '
                'digits, ".", "-" or "_", folders separated by "/", ending in .wav',
                describe(value),
            )
            return None
        if self.recording_exists is not None and not self.recording_exists(value):
            self.error(where, f"a recording {value} beside the script", "no such file")
            return None
        return value

    def breathing(self, value: object, path: KeyPath, gentle: bool) -> Breathing | None:
        table = self.table(
            value, path, 'a table such as { preset = "gentle-settle", seconds = 60 }'
        )
        if table is None:
            return None
        before = len(self.problems)
        self.unknown_keys(table, path, _BREATHING_KEYS)
        seconds: float | None = None
        if "seconds" not in table:
            self.error(
                (*path, "seconds"),
                f"how long to breathe: {_STEPS_EXPECTED}",
                "nothing (it is missing)",
            )
        else:
            seconds = self.number(
                table["seconds"], (*path, "seconds"), MIN_STEP_S, MAX_STEP_S, _STEPS_EXPECTED
            )
        inline = [k for k in _BREATHING_KEYS[1:5] if k in table]
        pattern: BreathPattern | None = None
        preset: str | None = None
        if "preset" in table:
            pattern, preset = self.preset(table["preset"], (*path, "preset"), gentle)
            if inline:
                self.error(
                    (*path, inline[0]),
                    "either a preset or your own inhale and exhale, not both",
                    "both",
                )
        elif not inline:
            self.error(
                path,
                "a preset (" + ", ".join(PRESETS) + ") or inhale = … and exhale = … in seconds",
                "neither",
            )
        else:
            pattern = self.inline_pattern(table, path, gentle)
        if len(self.problems) > before or pattern is None or seconds is None:
            return None
        return Breathing(pattern, seconds, preset)

    def preset(
        self, value: object, where: KeyPath, gentle: bool
    ) -> tuple[BreathPattern | None, str | None]:
        allowed = [k for k, p in PRESETS.items() if not (gentle and p.has_holds)]
        choices = ", ".join(f'"{k}"' for k in allowed)
        if not isinstance(value, str) or value not in PRESETS:
            self.error(where, f"one of the patterns {choices}", describe(value))
            return None, None
        pattern = PRESETS[value]
        if gentle and pattern.has_holds:
            self.error(
                where,
                "a pattern without breath holds, as this exercise is for before dosing or "
                f"closing a session: {choices}",
                f"{describe(value)}, which has holds",
            )
            return None, None
        return pattern, value

    def inline_pattern(
        self, table: dict[str, object], path: KeyPath, gentle: bool
    ) -> BreathPattern | None:
        for name in ("inhale", "exhale"):
            if name not in table:
                self.error(
                    (*path, name),
                    f"{name} = … in seconds, with the other breathing values",
                    "nothing (it is missing)",
                )
                return None
        if gentle:
            for name in ("hold_after_inhale", "hold_after_exhale"):
                hold = table.get(name, 0)
                if _is_number(hold) and hold != 0:
                    self.error(
                        (*path, name),
                        "no breath hold (0), as this exercise is for before dosing or "
                        "closing a session",
                        describe(hold),
                    )
                    return None
        try:
            return BreathPattern.from_seconds(
                "custom",
                "Breathing for this step",
                inhale=table["inhale"],
                exhale=table["exhale"],
                hold_after_inhale=table.get("hold_after_inhale", 0),
                hold_after_exhale=table.get("hold_after_exhale", 0),
                gentle=gentle,
            )
        except PatternError as problem:
            where: KeyPath = (*path, problem.field) if problem.field in table else path
            value = table.get(problem.field, problem.value)
            found = describe(value) if problem.field in table else f"{problem.value} seconds"
            self.error(where, problem.allowed, found)
            return None

    def step_input(
        self, value: object, path: KeyPath, input_keys: dict[str, int]
    ) -> StepInput | None:
        table = self.table(value, path, 'a table such as { type = "rating", key = "settled", … }')
        if table is None:
            return None
        kind = table.get("type")
        kinds = ", ".join(f'"{k}"' for k in _INPUT_KEYS)
        if not isinstance(kind, str) or kind not in _INPUT_KEYS:
            found = "nothing (it is missing)" if kind is None else describe(kind)
            self.error((*path, "type"), f"one of the input types {kinds}", found)
            return None
        before = len(self.problems)
        self.unknown_keys(table, path, _INPUT_KEYS[kind])
        key = self.input_key(table.get("key"), (*path, "key"), input_keys)
        made: StepInput | None = None
        if kind == "rating":
            low = self.text_value(table, path, "low", MAX_LABEL, what="a label for 0")
            high = self.text_value(table, path, "high", MAX_LABEL, what="a label for 10")
            if key and low and high:
                made = RatingInput(key, low, high)
        elif kind == "text":
            max_length: float | None = DEFAULT_TEXT_LENGTH
            if "max_length" in table:
                raw = table["max_length"]
                expected = f"a whole number of characters from 1 to {MAX_TEXT_LENGTH}"
                max_length = None
                if isinstance(raw, int) and not isinstance(raw, bool):
                    max_length = self.number(
                        raw, (*path, "max_length"), 1, MAX_TEXT_LENGTH, expected
                    )
                else:
                    self.error((*path, "max_length"), expected, describe(raw))
            hint = self.text_value(table, path, "hint", MAX_HINT, required=False, what="a hint")
            if key and max_length is not None:
                made = TextInput(key, int(max_length), hint or "")
        elif kind == "body-map":
            if key:
                made = BodyMapInput(key)
        else:
            items = self.checklist_items(table.get("items"), (*path, "items"))
            if key and items:
                made = ChecklistInput(key, items)
        return made if len(self.problems) == before else None

    def input_key(self, value: object, where: KeyPath, seen: dict[str, int]) -> str | None:
        expected = (
            'a key in quotes such as "settled": lowercase letters, digits, "-" or "_", '
            "different for each input"
        )
        if value is None:
            self.error(where, expected, "nothing (it is missing)")
            return None
        if not isinstance(value, str) or len(value) > _MAX_ID or not _INPUT_KEY.fullmatch(value):
            self.error(where, expected, describe(value))
            return None
        if value in seen:
            self.error(where, expected, f"{describe(value)}, already used in step[{seen[value]}]")
            return None
        step_number = next((p + 1 for p in where if isinstance(p, int)), 0)
        seen[value] = step_number
        return value

    def checklist_items(self, value: object, where: KeyPath) -> tuple[str, ...] | None:
        expected = f'a list of 1 to {MAX_ITEMS} items such as ["Water nearby", "A blanket"]'
        if value is None:
            self.error(where, expected, "nothing (it is missing)")
            return None
        if not isinstance(value, list) or not value or len(value) > MAX_ITEMS:
            found = describe(value)
            if isinstance(value, list) and value:
                found = f"{len(value)} items"
            self.error(where, expected, found)
            return None
        items: list[str] = []
        for k, item in enumerate(value):
            text = " ".join(item.split()) if isinstance(item, str) else ""
            if not text or len(text) > MAX_ITEM:
                found = f"{len(text)} characters" if text else describe(item)
                self.error((*where, k), f"an item in quotes, at most {MAX_ITEM} characters", found)
            else:
                items.append(text)
        return tuple(items) if len(items) == len(value) else None


# --- loading ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Loaded:
    exercise: Exercise | None
    problems: list[ScriptError]
    id_line: int = 1


def _syntax_error(file: str, text: str, problem: Exception) -> ScriptError:
    message = str(problem)
    line = getattr(problem, "lineno", None)
    column = getattr(problem, "colno", None)
    m = re.search(r"\s*\(at line (\d+), column (\d+)\)\s*$", message)
    if m:
        line = line or int(m.group(1))
        column = column or int(m.group(2))
        message = message[: m.start()]
    elif "(at end of document)" in message:
        message = message.replace("(at end of document)", "").strip()
        line = line or text.count("\n") + 1
        column = None
    what = message.strip().rstrip(".") or "a problem"
    what = what[0].lower() + what[1:]
    if column:
        what += f" at column {column}"
    return ScriptError(
        file, int(line or 1), "", "valid TOML (key = value lines and [[step]] tables)", what
    )


def check_source(
    text: str, file: str, recording_exists: Callable[[str], bool] | None = None
) -> Loaded:
    """Check a script's text; ``recording_exists`` says whether a step's recording is there
    (None: recordings are not looked for)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as problem:
        return Loaded(None, [_syntax_error(file, text, problem)])
    except RecursionError:
        return Loaded(
            None,
            [ScriptError(file, 1, "", "values nested a few levels deep at most", "deep nesting")],
        )
    checker = _Checker(file, text, recording_exists)
    exercise = checker.exercise(data)
    id_line = checker.line_of(("id",)) if exercise is not None else 1
    return Loaded(exercise, checker.problems, id_line)


def check_text(
    text: str,
    file: str = "<script>",
    recording_exists: Callable[[str], bool] | None = None,
) -> tuple[Exercise | None, list[ScriptError]]:
    """Validate a script's text: the exercise (None if anything is wrong) and every problem.
    With ``recording_exists``, each step's recording must be there."""
    loaded = check_source(text, file, recording_exists)
    return loaded.exercise, loaded.problems


def parse_script(text: str, file: str = "<script>") -> Exercise:
    """The exercise in ``text``; raises the first :class:`ScriptError` if anything is wrong."""
    exercise, problems = check_text(text, file)
    if problems:
        raise problems[0]
    assert exercise is not None
    return exercise
