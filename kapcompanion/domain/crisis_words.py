"""The words of a shipped crisis region in another language, with its facts taken from English.

Each shipped region (``resources/crisis/us.toml``) may have its words in another language in a
folder named by the language's code (``resources/crisis/es/us.toml``): the region's name, and
for each line, found by its ``id``, its name, description, contact wording and hours. Any of
them may be left out (the English is shown). The facts are never written twice: every number
and web address of an English text is written ``{1}``, ``{2}``... in order in its translation,
and filled in from the English file when the region is read. So a number checked and changed in
the English file is the number shown in every language, and sources and dates live only there.

A translation that no longer fits its English region (a line id that is gone, a text that uses
another count of facts, a number of its own) is refused with a :class:`WordsError` naming the
key, and the region is shown in English (see :func:`kapcompanion.domain.crisis.load_folder`).

Plain Python: this works on the TOML tables as read, before they become a region.
"""

from __future__ import annotations

import copy
import re
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from kapcompanion import i18n

#: The texts of a line that a translation may word.
LINE_TEXTS = ("name", "description", "contact", "hours")
WORDS_KEYS = {"region", "name", "line"}
LINE_KEYS = {"id", *LINE_TEXTS}

#: A fact as written in an English text: a web address (988lifeline.org), or a number with the
#: spaces, hyphens or colons inside it (116 123, 0800-0113, 9:00) and a word spelled in capitals
#: after a hyphen (62-FIRESIDE).
FACT = re.compile(
    r"(?:https?://)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/[^\s,;)]*)?"
    r"|\d+(?:[ :.\-]\d+)*(?:-[A-Z]{2,})?"
)
_PLACE = re.compile(r"\{(\d+)\}")


class WordsError(ValueError):
    """A translation that cannot be used; ``key`` says where (``line 2.contact``)."""

    def __init__(self, key: str, problem: str) -> None:
        self.key = key
        self.problem = problem
        super().__init__(f"{key}: {problem}" if key else problem)


def facts(text: str) -> list[str]:
    """The numbers and web addresses of ``text``, in order."""
    return [m.group(0) for m in FACT.finditer(text)]


def template(text: str) -> str:
    """``text`` with each fact replaced by its place: how a translation writes it."""
    count = iter(range(1, 10_000))
    return FACT.sub(lambda _m: "{" + str(next(count)) + "}", text)


def fill(words: str, english: str, key: str) -> str:
    """``words`` with ``{1}``, ``{2}``... replaced by the facts of ``english``. Every fact is
    used, and ``words`` has none of its own; otherwise a :class:`WordsError` for ``key``."""
    found = facts(english)
    own = facts(_PLACE.sub(" ", words))
    if own:
        raise WordsError(
            key,
            f"has a number or address of its own ({own[0]}); write {{1}}, {{2}}... for the "
            "numbers and addresses of the English text, in order",
        )
    used = {int(n) for n in _PLACE.findall(words)}
    wanted = set(range(1, len(found) + 1))
    if used != wanted:
        places = ", ".join("{" + str(n) + "}" for n in sorted(wanted)) or "none"
        raise WordsError(
            key,
            f"should use the places of the English text's {len(found)} numbers and addresses "
            f"({places}), as in {english!r}",
        )
    return _PLACE.sub(lambda m: found[int(m.group(1)) - 1], words)


def _text(value: object, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise WordsError(key, "should be text in quotes")
    return value.strip()


def worded(english: Mapping[str, Any], words: Mapping[str, Any]) -> dict[str, Any]:
    """The English region's tables (as read, already checked) with the texts of ``words``;
    raises :class:`WordsError` if ``words`` does not fit them."""
    extra = sorted(set(words) - WORDS_KEYS)
    if extra:
        raise WordsError(extra[0], "is not a key of a translation; known: line, name, region")
    if words.get("region") != english.get("region"):
        raise WordsError("region", f"should be {english.get('region')!r}, as in the English file")
    data = copy.deepcopy(dict(english))
    if "name" in words:
        data["name"] = fill(_text(words["name"], "name"), str(english["name"]), "name")
    lines = data.get("line", [])
    by_id = {line.get("id"): line for line in lines if isinstance(line, dict) and "id" in line}
    said = words.get("line", [])
    if not isinstance(said, list):
        raise WordsError("line", "should be a list of [[line]] tables")
    seen: set[str] = set()
    for n, entry in enumerate(said, start=1):
        where = f"line {n}"
        if not isinstance(entry, dict):
            raise WordsError(where, "should be a [[line]] table")
        extra = sorted(set(entry) - LINE_KEYS)
        if extra:
            known = ", ".join(sorted(LINE_KEYS))
            raise WordsError(f"{where}.{extra[0]}", f"is not a key of a line; known: {known}")
        line_id = _text(entry.get("id"), f"{where}.id")
        line = by_id.get(line_id)
        if line is None or line_id in seen:
            raise WordsError(f"{where}.id", f"{line_id!r} is not the id of a line in English")
        seen.add(line_id)
        for name in LINE_TEXTS:
            if name not in entry:
                continue
            key = f"{where}.{name}"
            if name not in line:
                raise WordsError(key, "the English line has no text to translate here")
            line[name] = fill(_text(entry[name], key), str(line[name]), key)
    return data


def worded_file(english: Path, words: Path) -> dict[str, Any]:
    """:func:`worded` for the English region's file and its words' file; a file that cannot be
    read or is not TOML is a :class:`WordsError` too."""
    try:
        original = tomllib.loads(english.read_text(encoding="utf-8"))
        return worded(original, tomllib.loads(words.read_text(encoding="utf-8")))
    except tomllib.TOMLDecodeError as exc:
        raise WordsError("", f"is not valid TOML ({exc})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise WordsError("", f"could not be read ({exc})") from None


#: Folders of words other than the shipped ones, by language code (a test's pseudo-language).
_more_words: dict[str, Path] = {}


def add_words(code: str, folder: Path) -> Callable[[], None]:
    """Read the shipped regions' words in ``code`` from ``folder`` instead of from
    ``resources/crisis/<code>``; returns what undoes it."""
    _more_words[code] = folder

    def undo() -> None:
        if _more_words.get(code) == folder:
            del _more_words[code]

    return undo


def words_folder(code: str | None, shipped: Path) -> Path | None:
    """Where the words in ``code`` (the language in use if None) of the regions shipped in
    ``shipped`` are; None for English."""
    code = i18n.language() if code is None else code
    if code == i18n.SOURCE:
        return None
    return _more_words.get(code, shipped / code)
