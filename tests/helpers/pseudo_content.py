"""The shipped scripts and crisis lines in the pseudo-language, for tests that look for words
that were never translated.

:func:`pseudo_content` writes a pseudo-translation of every shipped script and crisis region
(each text a person reads wrapped in ⟦ ⟧, see :mod:`tests.helpers.pseudo`) into a folder and has
the library and the crisis list read them while the pseudo-language is in use, exactly as they
read the Spanish ones in Spanish. A screen walked in the pseudo-language then shows shipped
content as translated, and only words that never went through a translation stand out::

    with pseudo_content(tmp_path):
        speak_pseudo()
        ...  # build the screens; the library and the crisis list read the pseudo versions

The person's own scripts and their own versions of a region are never wrapped: they are theirs.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import tomli_w

from kapcompanion.domain.crisis import shipped_folder
from kapcompanion.domain.crisis_words import LINE_TEXTS, add_words, template
from kapcompanion.storage.library import add_translations, builtin_folder
from tests.helpers.pseudo import CLOSE, CODE, OPEN

#: The texts of a step's input that a person reads.
_INPUT_TEXTS = ("low", "high", "hint")


def wrapped(text: str) -> str:
    return f"{OPEN}{text}{CLOSE}"


def pseudo_script(data: dict[str, Any]) -> dict[str, Any]:
    """A script's tables with every text a person reads wrapped; timing and keys unchanged."""
    out = dict(data)
    for key in ("title", "description"):
        out[key] = wrapped(data[key])
    steps = []
    for step in data.get("step", []):
        step = dict(step)
        step["text"] = wrapped(step["text"])
        if isinstance(step.get("input"), dict):
            field = dict(step["input"])
            for key in _INPUT_TEXTS:
                if key in field:
                    field[key] = wrapped(field[key])
            if "items" in field:
                field["items"] = [wrapped(item) for item in field["items"]]
            step["input"] = field
        steps.append(step)
    out["step"] = steps
    return out


def pseudo_words(region: dict[str, Any]) -> dict[str, Any]:
    """The words file of a region in the pseudo-language: every text wrapped, its numbers and
    addresses placed as a translation places them (so they still come from the English file)."""
    words: dict[str, Any] = {"region": region["region"], "name": wrapped(template(region["name"]))}
    lines = []
    for line in region.get("line", []):
        said = {"id": line["id"]}
        said.update({k: wrapped(template(line[k])) for k in LINE_TEXTS if k in line})
        lines.append(said)
    if lines:
        words["line"] = lines
    return words


def write_pseudo_content(folder: Path) -> tuple[Path, Path]:
    """Write the pseudo-translations into ``folder``; returns (scripts folder, crisis folder)."""
    scripts = folder / "exercises" / CODE
    crisis = folder / "crisis" / CODE
    scripts.mkdir(parents=True, exist_ok=True)
    crisis.mkdir(parents=True, exist_ok=True)
    shipped = Path(str(builtin_folder()))
    for path in sorted(shipped.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        (scripts / path.name).write_text(tomli_w.dumps(pseudo_script(data)), encoding="utf-8")
    for path in sorted(shipped_folder().glob("*.toml")):
        region = tomllib.loads(path.read_text(encoding="utf-8"))
        (crisis / path.name).write_text(tomli_w.dumps(pseudo_words(region)), encoding="utf-8")
    return scripts, crisis


@contextmanager
def pseudo_content(folder: Path) -> Iterator[tuple[Path, Path]]:
    """While inside, the shipped scripts and crisis lines in the pseudo-language (code
    :data:`tests.helpers.pseudo.CODE`) are read from pseudo-translations written to ``folder``.
    It does not change the language: call :func:`tests.helpers.pseudo.speak_pseudo` for that
    (before building the screens, or after: the library then reads them again)."""
    scripts, crisis = write_pseudo_content(folder)
    undo_scripts = add_translations(CODE, scripts)
    undo_words = add_words(CODE, crisis)
    try:
        yield scripts, crisis
    finally:
        undo_words()
        undo_scripts()
