"""The translation catalogs: find the sentences in the code, check each language, compile it.

    python packaging/translations.py              compile every language's .po files into its .mo
    python packaging/translations.py --check      say what is missing, stale or inconsistent
    python packaging/translations.py --todo es ui-log
                                                  print .po entries still to write for one area

Each language keeps one ``.po`` file per area of the code (``ui-log.po`` holds the sentences of
``kapcompanion/ui/log``, ``domain.po`` those of ``kapcompanion/domain``), so the words of one
feature are translated and reviewed together; they compile into one ``kapcompanion.mo``.
Sentences are found with Babel's extractor, by the names in :mod:`kapcompanion.i18n`.
"""

from __future__ import annotations

import argparse
import datetime
import io
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kapcompanion"
LOCALE = ROOT / "resources" / "locale"
DOMAIN = "kapcompanion"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
#: gettext's plural rule per language (CLDR's third Spanish form, for millions, is left out).
PLURALS = {"es": "nplurals=2; plural=(n != 1);"}
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")

_FIXED = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)

Key = tuple[str | None, str]  # (context, English words)


@dataclass
class Sentence:
    key: Key
    plural: str | None
    places: list[str] = field(default_factory=list)


def area_of(path: Path) -> str:
    """``kapcompanion/ui/log/x.py`` -> ``ui-log``; ``kapcompanion/domain/x.py`` -> ``domain``;
    a module at the top of the package -> ``app``."""
    parts = path.relative_to(PACKAGE).parts[:-1]
    return "-".join(parts) if parts else "app"


def extract(package: Path = PACKAGE) -> dict[str, dict[Key, Sentence]]:
    """Every marked sentence in the code, by area."""
    found: dict[str, dict[Key, Sentence]] = {}
    for path in sorted(package.rglob("*.py")):
        area = found.setdefault(area_of(path), {})
        for line, message, _comments, context in extract_from_file(
            "python", str(path), keywords=KEYWORDS
        ):
            if isinstance(message, tuple):
                singular, plural = message[0], message[1]
            else:
                singular, plural = message, None
            if not singular:
                continue
            key = (context, singular)
            sentence = area.setdefault(key, Sentence(key, plural))
            sentence.places.append(f"{path.relative_to(ROOT)}:{line}")
    return {name: area for name, area in found.items() if area}


def languages() -> list[str]:
    return sorted(p.name for p in LOCALE.iterdir() if p.is_dir()) if LOCALE.is_dir() else []


def parts(language: str) -> Iterator[tuple[str, Catalog]]:
    for path in sorted((LOCALE / language).glob("*.po")):
        with path.open("rb") as file:
            yield path.stem, read_po(file, locale=language, domain=DOMAIN)


def _translated(message: object) -> bool:
    # Plural translations need the two forms gettext uses (see PLURALS).
    strings = list(message)[:2] if isinstance(message, (list, tuple)) else [message]
    return bool(strings) and all(isinstance(s, str) and s.strip() for s in strings)


def merged(language: str) -> tuple[Catalog, list[str]]:
    """One catalog from a language's parts, and the sentences two parts translate differently."""
    # Fixed dates, so the same .po files always compile to the same bytes.
    catalog = Catalog(
        locale=language,
        domain=DOMAIN,
        charset="utf-8",
        project="kapcompanion",
        creation_date=_FIXED,
        revision_date=_FIXED,
    )
    if language in PLURALS:
        catalog.mime_headers = [("Plural-Forms", PLURALS[language])]
    problems: list[str] = []
    for area, part in parts(language):
        for message in part:
            if not message.id:
                continue
            msgid = message.id if isinstance(message.id, str) else message.id[0]
            old = catalog.get(message.id, context=message.context)
            if old is not None and old.string != message.string and _translated(old.string):
                problems.append(f"{area}: {msgid!r} is translated two ways")
                continue
            if old is None or not _translated(old.string):
                catalog[message.id] = message
    return catalog, problems


def compiled(language: str) -> bytes:
    catalog, _problems = merged(language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def mo_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.mo"


def check(language: str, found: dict[str, dict[Key, Sentence]] | None = None) -> list[str]:
    """What is wrong with one language: sentences without a translation, placeholders that
    differ, two translations of one sentence, a stale compiled catalog."""
    found = extract() if found is None else found
    catalog, problems = merged(language)
    for area, sentences in sorted(found.items()):
        for (context, words), sentence in sentences.items():
            message = catalog.get(words, context=context)
            if message is None or not _translated(message.string):
                problems.append(f"{area}: no translation of {words!r} ({sentence.places[0]})")
                continue
            strings = (
                list(message.string)[:2]
                if isinstance(message.string, (list, tuple))
                else [message.string]
            )
            wanted = set(_PLACEHOLDER.findall(words + (sentence.plural or "")))
            for string in strings:
                have = set(_PLACEHOLDER.findall(string or ""))
                # A plural form may leave the count out ("a minute"); nothing may be added.
                if have != wanted and not (sentence.plural and have <= wanted):
                    problems.append(f"{area}: placeholders differ in {words!r}")
    path = mo_path(language)
    if not path.is_file() or path.read_bytes() != compiled(language):
        problems.append(
            f"{path.relative_to(ROOT)} is not compiled from the .po files: run `make translations`"
        )
    return problems


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def todo(language: str, area: str) -> str:
    """.po entries for the sentences of ``area`` that ``language`` does not translate yet."""
    catalog, _problems = merged(language)
    out: list[str] = []
    for (context, words), sentence in extract().get(area, {}).items():
        message = catalog.get(words, context=context)
        if message is not None and _translated(message.string):
            continue
        out.append(f"#: {' '.join(sentence.places)}")
        if context:
            out.append(f"msgctxt {_quote(context)}")
        out.append(f"msgid {_quote(words)}")
        if sentence.plural is not None:
            out += [f"msgid_plural {_quote(sentence.plural)}", 'msgstr[0] ""', 'msgstr[1] ""']
        else:
            out.append('msgstr ""')
        out.append("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--todo", nargs=2, metavar=("LANGUAGE", "AREA"))
    args = parser.parse_args(argv)
    if args.todo:
        print(todo(*args.todo))
        return 0
    if args.check:
        found = extract()
        problems = [p for language in languages() for p in check(language, found)]
        print("\n".join(problems) or "Every language is complete and compiled.")
        return 1 if problems else 0
    for language in languages():
        path = mo_path(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(compiled(language))
        print(f"compiled {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
