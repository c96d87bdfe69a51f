"""Where things are in a script's text: the line on which each table, key and list item begins.

``tomllib`` reports no positions for values, so :class:`SourceMap` scans the (valid) source text
once and remembers them.
"""

from __future__ import annotations

import bisect
import contextlib
import re
import tomllib

from kapcompanion.domain.scripts import _BARE_KEY, KeyPath

# --- where things are in the source ----------------------------------------------------------


class _StopScan(Exception):
    pass


class SourceMap:
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
