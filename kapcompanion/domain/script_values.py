"""The small checks every part of a script's check is built from: a table and its keys, a text,
a number, an id.

Each reports a :class:`ScriptError` naming the file, the line, the key, what was expected and
what was found, and returns None after reporting; the checks of a step's inputs
(:mod:`kapcompanion.domain.script_inputs`) and of the whole document
(:mod:`kapcompanion.domain.script_check`) build on them.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable, Sequence

from kapcompanion.domain.script_source import SourceMap
from kapcompanion.domain.scripts import _MAX_ID, KeyPath, ScriptError, describe, key_text
from kapcompanion.domain.text import clean_text, has_visible
from kapcompanion.i18n import _, ngettext, pgettext


def missing() -> str:
    """What is found where a value is missing, in the language in use."""
    return _("nothing (it is missing)")


def characters(n: int) -> str:
    """ "42 characters", in the language in use."""
    return ngettext("{n} character", "{n} characters", n).format(n=n)


class ValueChecks:
    """Checks of one parsed document's values, collecting every problem they find."""

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

    def unknown_keys(
        self, table: dict[str, object], path: KeyPath, allowed: Sequence[str]
    ) -> set[str]:
        """Report keys not in ``allowed``; returns the known keys they were probably meant as."""
        meant: set[str] = set()
        for key in table:
            if key in allowed:
                continue
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            found = repr(key)
            if close:
                found = _("{key} (did you mean {close}?)").format(key=found, close=repr(close[0]))
            self.error(
                (*path, key), _("one of the keys {keys}").format(keys=", ".join(allowed)), found
            )
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
        what: str = "",
    ) -> str | None:
        value = table.get(key)
        where = (*path, key)
        expected = _("{what} in quotes, at most {n} characters").format(
            what=what or pgettext("expected in a script", "text"), n=limit
        )
        if value is None:
            if required:
                self.error(where, expected, missing())
            return None
        if not isinstance(value, str):
            self.error(where, expected, describe(value))
            return None
        flowing = clean_text(value)
        if not flowing:
            self.error(where, expected, describe(value))
            return None
        if not has_visible(flowing):
            self.error(where, expected, _("only characters that cannot be seen"))
            return None
        if len(flowing) > limit:
            self.error(where, expected, characters(len(flowing)))
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

    def identifier(
        self, value: object, where: KeyPath, pattern: re.Pattern[str], expected: str
    ) -> str | None:
        """An id in quotes (the exercise's, an input's key): ``pattern``, at most
        :data:`~kapcompanion.domain.scripts._MAX_ID` characters."""
        if value is None:
            self.error(where, expected, missing())
            return None
        if not isinstance(value, str) or len(value) > _MAX_ID or not pattern.fullmatch(value):
            self.error(where, expected, describe(value))
            return None
        return value
