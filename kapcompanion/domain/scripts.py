"""Guided exercises: the script model and its limits.

An exercise is written by hand as a TOML file (see ``resources/exercises/FORMAT.md``): a few
keys at the top (``id``, ``title``, ``description``, ``for``, ``minutes``) and one ``[[step]]``
table per step. :mod:`kapcompanion.domain.script_check` turns a script's text into an
:class:`Exercise` or a list of :class:`ScriptError` naming the file, the line, the key (a dotted
path such as ``step[3].seconds``, counting steps from 1), what was expected and what was found;
:mod:`kapcompanion.storage.library` reads the files.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import ClassVar

from kapcompanion.domain.pacing import BreathPattern, PacerTimeline
from kapcompanion.domain.text import printable
from kapcompanion.i18n import N_, _

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
        """The moment in words, in the language in use."""
        return _(_MOMENT_LABELS[self])

    @property
    def gentle(self) -> bool:
        """Moments around a medicine session: no breath holds at all."""
        return self in (Moment.BEFORE_DOSING, Moment.SESSION_CLOSE)


_MOMENT_LABELS = {
    Moment.BEFORE_DOSING: N_("Before my session"),
    Moment.SESSION_CLOSE: N_("Closing a session"),
    Moment.BETWEEN_SESSIONS: N_("Between sessions"),
    Moment.ANY_TIME: N_("Any time"),
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
        where = [printable(self.file_name)]
        if self.line is not None:
            where.append(_("line {n}").format(n=self.line))
        if self.key:
            where.append(self.key)
        return _("{where}: expected {expected}, found {found}").format(
            where=", ".join(where), expected=self.expected, found=self.found
        )


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


@dataclass(frozen=True)
class BodyMapInput:
    """A body map: the person may mark where they feel something and name it (see
    :mod:`kapcompanion.domain.body_map`); marking nothing is an answer too."""

    key: str
    kind: ClassVar[str] = "body-map"


StepInput = RatingInput | TextInput | ChecklistInput | BodyMapInput


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


PathPart = str | int
#: Where a value is in a script: keys and 0-based list indices, as in the parsed document.
KeyPath = tuple[PathPart, ...]


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
            return empty_text() if not value else _("only spaces")
        return printable(json.dumps(_short(value), ensure_ascii=False))
    if isinstance(value, list):
        return _("an empty list") if not value else _("a list of {n}").format(n=len(value))
    if isinstance(value, dict):
        return _("a table") if value else _("an empty table")
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return _("a date or time ({value})").format(value=value.isoformat())
    return _short(repr(value))


def empty_text() -> str:
    """What :func:`describe` says of empty text, in the language in use."""
    return _("empty text")


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _fmt(x: float) -> str:
    return f"{x:g}"
