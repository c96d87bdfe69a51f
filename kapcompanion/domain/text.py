"""Text from files and from pasting, made safe to show and to print.

A title, a file name or a pasted contact can carry characters a person cannot see: control
characters (a terminal's colour and cursor codes), direction overrides that show words reversed,
and zero-width characters that make text look empty. :func:`clean_text` removes them from what
is kept; :func:`printable` shows them as escapes where the original must be named (a file name).
"""

from __future__ import annotations

import unicodedata

#: Kept although invisible: the joiner inside emoji sequences and some scripts' words.
_KEPT_FORMAT = {"\u200d"}


def _hidden(ch: str) -> bool:
    category = unicodedata.category(ch)
    return category == "Cc" or (category == "Cf" and ch not in _KEPT_FORMAT)


def clean_text(value: str) -> str:
    """``value`` with control, direction and zero-width characters turned into spaces, and
    runs of white space joined into one."""
    return " ".join("".join(" " if _hidden(ch) else ch for ch in value).split())


def has_visible(value: str) -> bool:
    """Whether anything remains to be seen once hidden characters and spaces are gone."""
    return any(not _hidden(ch) and not ch.isspace() and ch not in _KEPT_FORMAT for ch in value)


def printable(value: str) -> str:
    """``value`` with each hidden character written as an escape (``\\x1b``, ``\\u202e``), for
    naming a file or a value exactly without letting it change the screen or terminal."""
    out = []
    for ch in value:
        if _hidden(ch):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)
