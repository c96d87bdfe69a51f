"""A stricter pseudo-language: the words of a sentence are marked, its placeholders are not.

:func:`tests.helpers.pseudo.speak_pseudo` marks a whole sentence, so whatever fills its
placeholders lies inside the marks too, translated or not. Here only the sentence's own words
are marked (``"Step {number} of {count}"`` becomes ``" ⟦Step ⟧ {number} ⟦ of ⟧ {count}"``, a
space either side of a mark keeping the words between marks apart), so a value that is itself a
sentence shows whether a translation reached it: a word left outside the marks is one that did
not.
"""

from __future__ import annotations

import re

from kapcompanion import i18n
from tests.helpers.pseudo import CLOSE, CODE, OPEN

_PLACEHOLDER = re.compile(r"(\{[^{}]*\})")


def _marked(message: str) -> str:
    parts = _PLACEHOLDER.split(message.replace("{{", "\0").replace("}}", "\1"))
    out = [
        part if _PLACEHOLDER.fullmatch(part) or not part else f" {OPEN}{part}{CLOSE} "
        for part in parts
    ]
    return "".join(out).replace("\0", "{{").replace("\1", "}}")


class PartsTranslations:
    def gettext(self, message: str, /) -> str:
        return _marked(message)

    def ngettext(self, singular: str, plural: str, n: int, /) -> str:
        return _marked(singular if n == 1 else plural)

    def pgettext(self, context: str, message: str, /) -> str:
        return _marked(message)


def speak_pseudo_parts() -> None:
    i18n.use_translations(PartsTranslations(), CODE)
