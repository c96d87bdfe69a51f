"""Guided exercises: the script model, the TOML loader and its validation.

An exercise is written by hand as a TOML file (see ``resources/exercises/FORMAT.md``): a few
keys at the top (``id``, ``title``, ``description``, ``for``, ``minutes``) and one ``[[step]]``
table per step. Loading never trusts the file: every problem becomes a :class:`ScriptError`
naming the file, the line, the key (a dotted path such as ``step[3].seconds``, counting steps
from 1), what was expected and what was found, so a person can fix it. A broken file never
stops the others from loading.

``tomllib`` reports no positions for values, so :class:`_SourceMap` scans the (valid) source
text once and remembers the line on which every table, key and list item begins.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import difflib
import json
import math
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import ClassVar

from kapcompanion.domain.pacing import PRESETS, BreathPattern, PacerTimeline, PatternError

# --- limits -------------------------------------------------------------------------------------

MIN_STEP_S = 1.0
MAX_STEP_S = 30 * 60.0
MIN_MINUTES = 1.0
MAX_MINUTES = 120.0
MAX_STEPS = 200
MAX_TITLE = 80
MAX_DESCRIPTION = 300
MAX_STEP_TEXT = 300
MAX_LABEL = 40
MAX_HINT = 80
MAX_ITEM = 120
MAX_ITEMS = 12
DEFAULT_TEXT_LENGTH = 200
MAX_TEXT_LENGTH = 2000
MAX_FILE_BYTES = 1_000_000

#: How long an "until I continue" step is expected to take, for estimates only (seconds,
#: on top of any breathing segment in the step).
UNTIL_CONTINUE_ESTIMATE_S = 20.0

#: The cue sounds a step may name; the sound engine provides one file per name.
SOUND_CUES: tuple[str, ...] = ("step-chime", "bell", "soft-bell")

#: A step's recording, relative to the script's folder: "voice/step-03.wav". Every part starts
#: with a letter or digit, so there is no "..", no hidden file and no absolute path.
VOICE_PATH = re.compile(r"(?:[A-Za-z0-9][A-Za-z0-9_.-]*/){0,3}[A-Za-z0-9][A-Za-z0-9_.-]*\.wav")
MAX_VOICE_PATH = 120

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_INPUT_KEY = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_MAX_ID = 64


class Moment(StrEnum):
    """When an exercise is meant to be used."""

    BEFORE_DOSING = "before-dosing"
    SESSION_CLOSE = "session-close"
    BETWEEN_SESSIONS = "between-sessions"
    ANY_TIME = "any-time"

    @property
    def label(self) -> str:
        return _MOMENT_LABELS[self]

    @property
    def gentle(self) -> bool:
        """Moments around a medicine session: no breath holds at all."""
        return self in (Moment.BEFORE_DOSING, Moment.SESSION_CLOSE)


_MOMENT_LABELS = {
    Moment.BEFORE_DOSING: "Before dosing",
    Moment.SESSION_CLOSE: "Closing a session",
    Moment.BETWEEN_SESSIONS: "Between sessions",
    Moment.ANY_TIME: "Any time",
}


# --- errors -------------------------------------------------------------------------------------


class ScriptError(ValueError):
    """One problem in one script file.

    ``file`` is the path as given, ``line`` the 1-based line (None only when the file could not
    be read at all), ``key`` a dotted path such as ``step[3].breathing.preset`` (empty for
    problems with the file as a whole), ``expected`` and ``found`` say what would be accepted
    and what is there. ``str(error)`` is one line a person can act on.
    """

    def __init__(self, file: str, line: int | None, key: str, expected: str, found: str) -> None:
        self.file = file
        self.line = line
        self.key = key
        self.expected = expected
        self.found = found
        super().__init__(file, line, key, expected, found)

    @property
    def file_name(self) -> str:
        return _base_name(self.file)

    def __str__(self) -> str:
        where = [self.file_name]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.key:
            where.append(self.key)
        return f"{', '.join(where)}: expected {self.expected}, found {self.found}"


def _base_name(file: str) -> str:
    name = re.split(r"[\\/]", file.rstrip("/\\"))[-1]
    return name or file


# --- the model ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Breathing:
    """A paced-breathing segment shown with the step's text.

    It starts with the step and runs to the end of the whole breath at or after ``seconds``
    (the pacer never stops mid-breath), so it lasts :attr:`length` seconds.
    """

    pattern: BreathPattern
    seconds: float
    preset: str | None = None

    def timeline(self) -> PacerTimeline:
        return PacerTimeline(self.pattern, self.seconds)

    @cached_property
    def length(self) -> float:
        end = self.timeline().end_time
        assert end is not None  # a timeline with a session length always has an end
        return end


@dataclass(frozen=True)
class RatingInput:
    """A 0-10 rating with a label at each end."""

    key: str
    low: str
    high: str
    kind: ClassVar[str] = "rating"
    minimum: ClassVar[int] = 0
    maximum: ClassVar[int] = 10


@dataclass(frozen=True)
class TextInput:
    """A short free text of at most ``max_length`` characters."""

    key: str
    max_length: int = DEFAULT_TEXT_LENGTH
    hint: str = ""
    kind: ClassVar[str] = "text"


@dataclass(frozen=True)
class ChecklistInput:
    """Items a person may tick."""

    key: str
    items: tuple[str, ...]
    kind: ClassVar[str] = "checklist"


StepInput = RatingInput | TextInput | ChecklistInput


@dataclass(frozen=True)
class Step:
    """One step: a short text shown for ``seconds``, or until the person continues.

    ``seconds`` is the time as written (None when not given). A step with breathing but no
    ``seconds`` lasts as long as its breathing; a step with both lasts at least until the
    breathing's last breath ends.
    """

    text: str
    seconds: float | None = None
    until_continue: bool = False
    breathing: Breathing | None = None
    sound: str | None = None
    input: StepInput | None = None
    #: A recording of the step, relative to the script's folder (see :data:`VOICE_PATH`).
    voice: str | None = None

    @property
    def duration(self) -> float | None:
        """Seconds after which the step moves on by itself; None if it waits for continue."""
        if self.until_continue:
            return None
        breath = self.breathing.length if self.breathing is not None else 0.0
        if self.seconds is None:
            return breath
        return max(self.seconds, breath)

    @property
    def planned_seconds(self) -> float:
        """The step's expected length: its duration, or for a step that waits, its
        breathing (if any) plus :data:`UNTIL_CONTINUE_ESTIMATE_S`."""
        duration = self.duration
        if duration is not None:
            return duration
        breath = self.breathing.length if self.breathing is not None else 0.0
        return breath + UNTIL_CONTINUE_ESTIMATE_S

    @property
    def has_holds(self) -> bool:
        return self.breathing is not None and self.breathing.pattern.has_holds


@dataclass(frozen=True)
class Exercise:
    """A guided exercise loaded from a script."""

    id: str
    title: str
    description: str
    moments: tuple[Moment, ...]
    minutes: float
    steps: tuple[Step, ...]
    source: str = ""

    @property
    def planned_seconds(self) -> float:
        """Sum of the steps' planned lengths (timed steps and breathing segments exactly,
        steps that wait for continue at an estimate)."""
        return math.fsum(s.planned_seconds for s in self.steps)

    @property
    def has_holds(self) -> bool:
        return any(s.has_holds for s in self.steps)

    @property
    def gentle(self) -> bool:
        """Meant for before dosing or closing a session (and so free of holds)."""
        return any(m.gentle for m in self.moments)

    def is_for(self, moment: Moment) -> bool:
        return moment in self.moments

    def inputs(self) -> list[tuple[int, StepInput]]:
        """(step index, input) for every step that asks for something."""
        return [(i, s.input) for i, s in enumerate(self.steps) if s.input is not None]


# --- where things are in the source ----------------------------------------------------------

PathPart = str | int
KeyPath = tuple[PathPart, ...]


class _StopScan(Exception):
    pass


class _SourceMap:
    """The line on which each table, key and list item of a valid TOML text begins.

    Paths are tuples of keys and 0-based list indices, as in the parsed document:
    ``("step", 2, "seconds")`` is the ``seconds`` key of the third ``[[step]]``.
    """

    def __init__(self, text: str) -> None:
        self._s = text
        self._n = len(text)
        self._i = 0
        self._newlines = [m.start() for m in re.finditer("\n", text)]
        self._aot: dict[KeyPath, int] = {}
        self.lines: dict[KeyPath, int] = {}
        # On anything unexpected keep what was found so far: lookups fall back to the
        # nearest containing path that was recorded.
        with contextlib.suppress(_StopScan, IndexError, ValueError, RecursionError):
            self._document()

    def line_of(self, path: KeyPath) -> int:
        """The line of ``path``, or of the nearest containing table or key; 1 if none."""
        for end in range(len(path), 0, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return 1

    def _line_at(self, pos: int) -> int:
        return bisect.bisect_left(self._newlines, pos) + 1

    def _record(self, path: KeyPath, pos: int) -> None:
        self.lines.setdefault(path, self._line_at(pos))

    def _peek(self, k: int = 0) -> str:
        j = self._i + k
        return self._s[j] if j < self._n else ""

    def _skip_blank(self, newlines: bool) -> None:
        while self._i < self._n:
            c = self._s[self._i]
            if c in " \t" or (newlines and c in "\r\n"):
                self._i += 1
            elif c == "#" and newlines:
                end = self._s.find("\n", self._i)
                self._i = self._n if end < 0 else end
            else:
                return

    def _document(self) -> None:
        table: KeyPath = ()
        while True:
            self._skip_blank(newlines=True)
            if self._i >= self._n:
                return
            if self._peek() == "[":
                array = self._peek(1) == "["
                self._i += 2 if array else 1
                self._skip_blank(newlines=False)
                pos = self._i
                parts = self._key()
                self._skip_blank(newlines=False)
                self._i += 2 if array else 1
                table = self._header(parts, array, pos)
            else:
                pos = self._i
                parts = self._key()
                path = self._record_key(table, parts, pos)
                self._skip_blank(newlines=False)
                if self._peek() != "=":
                    raise _StopScan
                self._i += 1
                self._skip_blank(newlines=False)
                self._value(path)
            self._skip_blank(newlines=False)
            if self._peek() == "#":
                self._skip_blank(newlines=True)

    def _header(self, parts: list[str], array: bool, pos: int) -> KeyPath:
        path: KeyPath = ()
        for k, part in enumerate(parts):
            path = (*path, part)
            last = k == len(parts) - 1
            if last and array:
                self._record(path, pos)
                index = self._aot.get(path, 0)
                self._aot[path] = index + 1
                path = (*path, index)
            elif path in self._aot:
                path = (*path, self._aot[path] - 1)
            self._record(path, pos)
        return path

    def _record_key(self, table: KeyPath, parts: list[str], pos: int) -> KeyPath:
        path = table
        for part in parts:
            path = (*path, part)
            self._record(path, pos)
        return path

    def _key(self) -> list[str]:
        parts: list[str] = []
        while True:
            self._skip_blank(newlines=False)
            c = self._peek()
            if c in "\"'":
                start = self._i
                self._string()
                raw = self._s[start : self._i]
                parts.append(str(tomllib.loads(f"k = {raw}")["k"]))
            else:
                m = _BARE_KEY.match(self._s, self._i)
                if m is None:
                    raise _StopScan
                parts.append(m.group())
                self._i = m.end()
            self._skip_blank(newlines=False)
            if self._peek() != ".":
                return parts
            self._i += 1

    def _string(self) -> None:
        quote = self._peek()
        triple = self._s.startswith(quote * 3, self._i)
        self._i += 3 if triple else 1
        while self._i < self._n:
            c = self._s[self._i]
            if c == "\\" and quote == '"':
                self._i += 2
            elif triple and self._s.startswith(quote * 3, self._i):
                self._i += 3
                extra = 0  # up to two quotes may end the content right before the closing three
                while extra < 2 and self._peek() == quote:
                    self._i += 1
                    extra += 1
                return
            elif not triple and c == quote:
                self._i += 1
                return
            else:
                self._i += 1
        raise _StopScan

    def _value(self, path: KeyPath) -> None:
        c = self._peek()
        if c in "\"'":
            self._string()
        elif c == "[":
            self._i += 1
            index = 0
            while True:
                self._skip_blank(newlines=True)
                if self._peek() == "]":
                    self._i += 1
                    return
                if self._i >= self._n:
                    raise _StopScan
                self._record((*path, index), self._i)
                self._value((*path, index))
                self._skip_blank(newlines=True)
                if self._peek() == ",":
                    self._i += 1
                    index += 1
        elif c == "{":
            self._i += 1
            while True:
                self._skip_blank(newlines=True)
                if self._peek() == "}":
                    self._i += 1
                    return
                if self._i >= self._n:
                    raise _StopScan
                pos = self._i
                inner = self._record_key(path, self._key(), pos)
                self._skip_blank(newlines=False)
                if self._peek() != "=":
                    raise _StopScan
                self._i += 1
                self._skip_blank(newlines=False)
                self._value(inner)
                self._skip_blank(newlines=True)
                if self._peek() == ",":
                    self._i += 1
        else:
            start = self._i
            while self._i < self._n and self._s[self._i] not in ",]}\r\n#":
                self._i += 1
            if self._i == start:
                raise _StopScan


# --- describing values ------------------------------------------------------------------------


def key_text(path: KeyPath) -> str:
    """``("step", 2, "seconds")`` -> ``step[3].seconds`` (list positions count from 1)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            name = part if _BARE_KEY.fullmatch(part) else json.dumps(part, ensure_ascii=False)
            out += f".{name}" if out else name
    return out


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe(value: object) -> str:
    """How a TOML value is shown in a message: ``-5``, ``"five"``, ``true``, ``a table``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return f"{value:g}"
    if isinstance(value, str):
        if not value.strip():
            return "empty text" if not value else "only spaces"
        return json.dumps(_short(value), ensure_ascii=False)
    if isinstance(value, list):
        return "an empty list" if not value else f"a list of {len(value)}"
    if isinstance(value, dict):
        return "a table" if value else "an empty table"
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return f"a date or time ({value.isoformat()})"
    return _short(repr(value))


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _fmt(x: float) -> str:
    return f"{x:g}"


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
}
_STEPS_EXPECTED = f"a number of seconds from {_fmt(MIN_STEP_S)} to {_fmt(MAX_STEP_S)}"


class _Checker:
    """Validates one parsed document, collecting every problem it can find."""

    def __init__(self, file: str, text: str, folder: Path | None = None) -> None:
        self.file = file
        self.text = text
        self.folder = folder  # where recordings are looked for; None: not checked
        self.problems: list[ScriptError] = []
        self._map: _SourceMap | None = None

    def line_of(self, path: KeyPath) -> int:
        if self._map is None:
            self._map = _SourceMap(self.text)
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
        flowing = " ".join(value.split())
        if not flowing:
            self.error(where, expected, describe(value))
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
        if self.folder is not None and not (self.folder / value).is_file():
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
class _Loaded:
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


def _check_text(text: str, file: str, folder: Path | None = None) -> _Loaded:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as problem:
        return _Loaded(None, [_syntax_error(file, text, problem)])
    except RecursionError:
        return _Loaded(
            None,
            [ScriptError(file, 1, "", "values nested a few levels deep at most", "deep nesting")],
        )
    checker = _Checker(file, text, folder)
    exercise = checker.exercise(data)
    id_line = checker.line_of(("id",)) if exercise is not None else 1
    return _Loaded(exercise, checker.problems, id_line)


def check_text(
    text: str, file: str = "<script>", folder: Path | None = None
) -> tuple[Exercise | None, list[ScriptError]]:
    """Validate a script's text: the exercise (None if anything is wrong) and every problem.
    With ``folder``, steps' recordings must exist there."""
    loaded = _check_text(text, file, folder)
    return loaded.exercise, loaded.problems


def parse_script(text: str, file: str = "<script>") -> Exercise:
    """The exercise in ``text``; raises the first :class:`ScriptError` if anything is wrong."""
    exercise, problems = check_text(text, file)
    if problems:
        raise problems[0]
    assert exercise is not None
    return exercise


def _read(source: Path | Traversable) -> _Loaded:
    file = str(source)
    try:
        data = source.read_bytes()
    except OSError as problem:
        reason = problem.strerror or type(problem).__name__
        return _Loaded(None, [ScriptError(file, None, "", "a readable script file", reason)])
    if len(data) > MAX_FILE_BYTES:
        return _Loaded(
            None,
            [
                ScriptError(
                    file,
                    None,
                    "",
                    f"a script under {MAX_FILE_BYTES // 1000} kB",
                    f"{len(data)} bytes",
                )
            ],
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        line = data[: problem.start].count(b"\n") + 1
        return _Loaded(
            None,
            [ScriptError(file, line, "", "text saved as UTF-8", "bytes that are not UTF-8")],
        )
    return _check_text(text, file, source.parent if isinstance(source, Path) else None)


def load_script(path: Path | str) -> Exercise:
    """Load one script file; raises the first :class:`ScriptError` if anything is wrong."""
    loaded = _read(Path(path))
    if loaded.problems:
        raise loaded.problems[0]
    assert loaded.exercise is not None
    return loaded.exercise


def _gather(
    sources: Iterable[Path | Traversable], known: Iterable[Exercise]
) -> tuple[list[Exercise], list[ScriptError]]:
    exercises: list[Exercise] = []
    problems: list[ScriptError] = []
    taken = {e.id: e for e in known}
    for source in sources:
        loaded = _read(source)
        problems.extend(loaded.problems)
        exercise = loaded.exercise
        if exercise is None:
            continue
        other = taken.get(exercise.id)
        if other is not None:
            problems.append(
                ScriptError(
                    exercise.source,
                    loaded.id_line,
                    "id",
                    "an id no other exercise uses",
                    f'"{exercise.id}", already the id of "{other.title}" '
                    f"in {_base_name(other.source)}",
                )
            )
            continue
        taken[exercise.id] = exercise
        exercises.append(exercise)
    return exercises, problems


def _scripts_in(folder: Path | Traversable) -> list[Path | Traversable]:
    def tomls(where: Path | Traversable) -> list[Path | Traversable]:
        return sorted(
            (p for p in where.iterdir() if p.name.endswith(".toml") and p.is_file()),
            key=lambda p: p.name,
        )

    # A script that came with recordings lives in a folder of its own, one level down
    # (see kapcompanion/storage/bundle.py); folders starting with "." are never read.
    subfolders = sorted(
        (p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")),
        key=lambda p: p.name,
    )
    return tomls(folder) + [p for sub in subfolders for p in tomls(sub)]


def load_folder(
    folder: Path | Traversable, *, known: Iterable[Exercise] = ()
) -> tuple[list[Exercise], list[ScriptError]]:
    """Load every ``*.toml`` script in ``folder`` (by file name).

    Returns the exercises that loaded and the problems of those that did not. An exercise
    whose id is already taken (by an earlier file or by ``known``) is a problem and is left out.
    """
    if not folder.is_dir():
        return [], [ScriptError(str(folder), None, "", "a folder of .toml scripts", "no folder")]
    return _gather(_scripts_in(folder), known)


def builtin_folder() -> Traversable:
    """Where the shipped exercise scripts are."""
    from kapcompanion.resources import resources_dir

    return resources_dir() / "exercises"


def load_builtin() -> tuple[list[Exercise], list[ScriptError]]:
    """The shipped exercises (and problems, which the tests keep at none)."""
    return load_folder(builtin_folder())


def load_library(user_folder: Path | None = None) -> tuple[list[Exercise], list[ScriptError]]:
    """The shipped exercises followed by the person's own scripts from ``user_folder``.

    A missing user folder is not a problem (nobody has written a script yet).
    """
    exercises, problems = load_builtin()
    if user_folder is not None and user_folder.is_dir():
        more, more_problems = load_folder(user_folder, known=exercises)
        exercises += more
        problems += more_problems
    return exercises, problems


def check_files(
    paths: Iterable[Path | str], *, known: Iterable[Exercise] = ()
) -> list[ScriptError]:
    """Every problem in the given script files, including ids used twice among them (or
    already used by ``known``). An empty list means all of them are fine."""
    return _gather([Path(p) for p in paths], known)[1]
