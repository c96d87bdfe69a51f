"""Checking a script's text: every problem found, each with its file, line and key.

Checking never trusts the text: every problem becomes a :class:`ScriptError` naming the file, the
line, the key, what was expected and what was found, so a person can fix it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass

from kapcompanion.domain.pacing import PRESETS, BreathPattern, PatternError
from kapcompanion.domain.script_inputs import InputChecks
from kapcompanion.domain.script_values import missing
from kapcompanion.domain.scripts import (
    _ID,
    _MAX_ID,
    MAX_DESCRIPTION,
    MAX_MINUTES,
    MAX_STEP_S,
    MAX_STEP_TEXT,
    MAX_STEPS,
    MAX_TITLE,
    MAX_VOICE_PATH,
    MIN_MINUTES,
    MIN_STEP_S,
    SOUND_CUES,
    VOICE_PATH,
    Breathing,
    Exercise,
    KeyPath,
    Moment,
    ScriptError,
    Step,
    StepInput,
    _fmt,
    _is_number,
    describe,
)
from kapcompanion.i18n import N_, _, ngettext, pgettext

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


def _steps_expected() -> str:
    return _("a number of seconds from {low} to {high}").format(
        low=_fmt(MIN_STEP_S), high=_fmt(MAX_STEP_S)
    )


class _Checker(InputChecks):
    """Validates one parsed document, collecting every problem it can find (the small checks
    are :class:`~kapcompanion.domain.script_values.ValueChecks`')."""

    # -- the document --

    def exercise(self, data: dict[str, object]) -> Exercise | None:
        self.unknown_keys(data, (), _ROOT_KEYS)
        ex_id = self.exercise_id(data.get("id"))
        title = self.text_value(data, (), "title", MAX_TITLE, what=_("a title"))
        description = self.text_value(
            data, (), "description", MAX_DESCRIPTION, what=_("a short description")
        )
        moments = self.moments(data.get("for"))
        minutes: float | None = None
        limits = {"low": _fmt(MIN_MINUTES), "high": _fmt(MAX_MINUTES)}
        if "minutes" not in data:
            self.error(
                ("minutes",),
                _("the length in minutes, from {low} to {high}").format(**limits),
                missing(),
            )
        else:
            minutes = self.number(
                data["minutes"],
                ("minutes",),
                MIN_MINUTES,
                MAX_MINUTES,
                _("a number of minutes from {low} to {high}").format(**limits),
            )
        gentle = moments is not None and any(m.gentle for m in moments)
        steps = self.steps(data.get("step"), gentle)
        if self.problems:
            return None
        assert ex_id and title and description and moments and minutes and steps
        return Exercise(ex_id, title, description, moments, minutes, steps, self.file)

    def exercise_id(self, value: object) -> str | None:
        expected = _(
            'an id in quotes such as "body-scan-10": lowercase letters, digits and single '
            "hyphens, at most {n} characters"
        ).format(n=_MAX_ID)
        return self.identifier(value, ("id",), _ID, expected)

    def moments(self, value: object) -> tuple[Moment, ...] | None:
        choices = ", ".join(f'"{m.value}"' for m in Moment)
        expected = _("one or more of {choices}").format(choices=choices)
        if value is None:
            self.error(("for",), expected, missing())
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
        expected = _("one or more [[step]] tables")
        if value is None:
            self.error(("step",), expected, _("no steps"))
            return None
        if not isinstance(value, list) or not value:
            self.error(("step",), expected, describe(value))
            return None
        if len(value) > MAX_STEPS:
            self.error(
                ("step",),
                _("at most {n} steps").format(n=MAX_STEPS),
                ngettext("{n} step", "{n} steps", len(value)).format(n=len(value)),
            )
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
        table = self.table(value, path, _("a [[step]] table with text and seconds"))
        if table is None:
            return None
        before = len(self.problems)
        meant = self.unknown_keys(table, path, _STEP_KEYS)
        text = self.text_value(table, path, "text", MAX_STEP_TEXT, what=_("the step's text"))

        seconds: float | None = None
        if "seconds" in table:
            seconds = self.number(
                table["seconds"], (*path, "seconds"), MIN_STEP_S, MAX_STEP_S, _steps_expected()
            )
        until = False
        if "until_continue" in table:
            raw = table["until_continue"]
            if isinstance(raw, bool):
                until = raw
            else:
                self.error((*path, "until_continue"), _("true or false (no quotes)"), describe(raw))

        breathing: Breathing | None = None
        if "breathing" in table:
            breathing = self.breathing(table["breathing"], (*path, "breathing"), gentle)

        if until and "seconds" in table:
            self.error(
                (*path, "until_continue"),
                _("either seconds = … or until_continue = true in one step, not both"),
                pgettext("found in a script", "both"),
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
                _("seconds = … ({seconds}) or until_continue = true").format(
                    seconds=_steps_expected()
                ),
                pgettext("found in a script", "neither"),
            )
        raw_breathing = table.get("breathing")
        if seconds is not None and isinstance(raw_breathing, dict):
            b_seconds = raw_breathing.get("seconds")
            if isinstance(b_seconds, int | float) and b_seconds > seconds:
                self.error(
                    (*path, "breathing", "seconds"),
                    _("at most the step's own {n} seconds").format(n=_fmt(seconds)),
                    describe(b_seconds),
                )

        sound: str | None = None
        if "sound" in table:
            raw = table["sound"]
            if isinstance(raw, str) and raw in SOUND_CUES:
                sound = raw
            else:
                choices = ", ".join(f'"{s}"' for s in SOUND_CUES)
                expected = _("one of the sounds {choices}").format(choices=choices)
                self.error((*path, "sound"), expected, describe(raw))

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
                _(
                    'a recording beside the script in quotes, such as "voice/step-03.wav": '
                    'letters, digits, ".", "-" or "_", folders separated by "/", ending in .wav'
                ),
                describe(value),
            )
            return None
        if self.recording_exists is not None and not self.recording_exists(value):
            self.error(
                where,
                _("a recording {file} beside the script").format(file=value),
                _("no such file"),
            )
            return None
        return value

    def breathing(self, value: object, path: KeyPath, gentle: bool) -> Breathing | None:
        table = self.table(
            value, path, _('a table such as {{ preset = "gentle-settle", seconds = 60 }}').format()
        )
        if table is None:
            return None
        before = len(self.problems)
        self.unknown_keys(table, path, _BREATHING_KEYS)
        seconds: float | None = None
        if "seconds" not in table:
            self.error(
                (*path, "seconds"),
                _("how long to breathe: {seconds}").format(seconds=_steps_expected()),
                missing(),
            )
        else:
            seconds = self.number(
                table["seconds"], (*path, "seconds"), MIN_STEP_S, MAX_STEP_S, _steps_expected()
            )
        inline = [k for k in _BREATHING_KEYS[1:5] if k in table]
        pattern: BreathPattern | None = None
        preset: str | None = None
        if "preset" in table:
            pattern, preset = self.preset(table["preset"], (*path, "preset"), gentle)
            if inline:
                self.error(
                    (*path, inline[0]),
                    _("either a preset or your own inhale and exhale, not both"),
                    pgettext("found in a script", "both"),
                )
        elif not inline:
            self.error(
                path,
                _("a preset ({presets}) or inhale = … and exhale = … in seconds").format(
                    presets=", ".join(PRESETS)
                ),
                pgettext("found in a script", "neither"),
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
            self.error(
                where, _("one of the patterns {choices}").format(choices=choices), describe(value)
            )
            return None, None
        pattern = PRESETS[value]
        if gentle and pattern.has_holds:
            self.error(
                where,
                _(
                    "a pattern without breath holds, as this exercise is for before dosing or "
                    "closing a session: {choices}"
                ).format(choices=choices),
                _("{value}, which has holds").format(value=describe(value)),
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
                    _("{key} = … in seconds, with the other breathing values").format(key=name),
                    missing(),
                )
                return None
        if gentle:
            for name in ("hold_after_inhale", "hold_after_exhale"):
                hold = table.get(name, 0)
                if _is_number(hold) and hold != 0:
                    self.error(
                        (*path, name),
                        _(
                            "no breath hold (0), as this exercise is for before dosing or "
                            "closing a session"
                        ),
                        describe(hold),
                    )
                    return None
        try:
            return BreathPattern.from_seconds(
                "custom",
                N_("Breathing for this step"),
                inhale=table["inhale"],
                exhale=table["exhale"],
                hold_after_inhale=table.get("hold_after_inhale", 0),
                hold_after_exhale=table.get("hold_after_exhale", 0),
                gentle=gentle,
            )
        except PatternError as problem:
            where: KeyPath = (*path, problem.field) if problem.field in table else path
            value = table.get(problem.field, problem.value)
            found = (
                describe(value)
                if problem.field in table
                else _("{n} seconds").format(n=problem.value)
            )
            self.error(where, problem.allowed, found)
            return None


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
    what = message.strip().rstrip(".") or _("a problem")
    what = what[0].lower() + what[1:]
    if column:
        what = _("{problem} at column {n}").format(problem=what, n=column)
    return ScriptError(
        file, int(line or 1), "", _("valid TOML (key = value lines and [[step]] tables)"), what
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
            [
                ScriptError(
                    file, 1, "", _("values nested a few levels deep at most"), _("deep nesting")
                )
            ],
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
