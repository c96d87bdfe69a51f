"""Crisis resources: a short, dated, sourced list of lines for the person's region, which they
can edit.

The app ships a few well-known lines per region in ``resources/crisis/*.toml`` (see the README
there). None of these lists is complete. Each line and each emergency number names the page it
was checked against (``source``) and the day it was checked (``checked_on``). The person's
region is guessed from the system's locale (:func:`region_for_territory`) and can be changed;
their own edited version of a region is kept in a file of their own and always wins over the
shipped one. Files written by earlier versions (one ``checked_on`` for the whole region, an
optional free-text ``source`` per line, ``emergency`` as plain text) still load.

Everything here is plain Python: reading and writing the TOML, checking it and finding a region.
Problems are :class:`CrisisError` with the file, the key and what to do.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import tomli_w

from kapcompanion.domain.words import long_date
from kapcompanion.i18n import N_, _

#: The region shown when none fits: no lines, only the advice to call local emergency services.
OTHER = "other"
MAX_LINES = 12
MAX_TEXT = 200
MAX_SOURCE = 400
REGION_KEY = re.compile(r"[a-z][a-z0-9-]{0,19}")
TERRITORY = re.compile(r"[A-Z]{2}")
#: A line's id, by which its words in other languages find it (see domain/crisis_words.py).
LINE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")

#: What a line is for. A peer-support line is not a crisis service, and an urgent-care line is
#: not for emergencies; the name and description of such a line say so too.
KINDS = ("crisis", "peer-support", "urgent-care", "emergency")
KIND_LABELS = {
    "crisis": N_("crisis line"),
    "peer-support": N_("peer support, not a crisis line"),
    "urgent-care": N_("urgent care, not for emergencies"),
    "emergency": N_("emergency services"),
}
#: How a line can be reached.
WAYS = ("call", "text", "chat")

#: Shown with every list (translated where shown: ``_(EMERGENCY_ADVICE)``).
EMERGENCY_ADVICE = N_(
    "In an emergency, or if you might act on thoughts of harming yourself, please call your "
    "local emergency number or go to the nearest emergency department."
)
NOT_COMPLETE = N_(
    "This list is short and not complete, and numbers can change. You can check and edit it."
)
#: The name of the person's own list in messages, where a file name would stand.
YOUR_LIST = N_("your list")


class CrisisError(ValueError):
    """A crisis-resources file or entry that cannot be used. ``file`` and ``key`` say where."""

    def __init__(self, file: str, key: str, problem: str) -> None:
        self.file = file
        self.key = key
        self.problem = problem
        where = f"{file}: {key}" if key else file
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class CrisisLine:
    name: str
    contact: str
    hours: str = ""
    #: The address of the page the number was checked against (older files: free text).
    source: str = ""
    kind: str = "crisis"
    #: How it can be reached, a subset of :data:`WAYS` in that order.
    ways: tuple[str, ...] = ()
    description: str = ""
    checked_on: date | None = None
    #: The id of a shipped line ("" for the person's own).
    id: str = ""

    def kind_label(self) -> str:
        """What the line is for, in the language in use."""
        return _(KIND_LABELS[self.kind])


@dataclass(frozen=True)
class CrisisRegion:
    key: str
    name: str
    emergency: str = ""
    lines: tuple[CrisisLine, ...] = ()
    territories: tuple[str, ...] = ()
    checked_on: date | None = None
    #: True for the person's own version (shown as "edited by you").
    edited: bool = False
    file: str = field(default="", compare=False)
    #: Where the emergency number was checked, and when (empty for older or edited files).
    emergency_source: str = ""
    emergency_checked_on: date | None = None

    def dated(self) -> str:
        """ "Checked on 21 November 2026", "Edited by you", or "Not dated"."""
        if self.edited:
            if self.checked_on:
                return _("Edited by you on {date}").format(date=long_date(self.checked_on))
            return _("Edited by you")
        if self.checked_on is None:
            return _("Not dated")
        return _("Checked on {date}").format(date=long_date(self.checked_on))

    def emergency_line(self) -> str:
        if self.emergency:
            return _("Emergency services: {number}").format(number=self.emergency)
        return _("Emergency services: your local emergency number")


def other_region() -> CrisisRegion:
    return CrisisRegion(OTHER, _("Somewhere else"))


# -- cleaning what the person types ----------------------------------------------------------

_ESCAPE_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-Z\\-_]")


def clean_text(text: str) -> str:
    """What the person typed or pasted, made safe to keep: terminal colour codes and other
    control or invisible format characters are removed, any kind of space or line break becomes
    one plain space, and the ends are trimmed."""
    text = _ESCAPE_SEQUENCE.sub("", text)
    kept = []
    for char in text:
        if char.isspace():
            kept.append(" ")
        elif char.isprintable():
            kept.append(char)
    return " ".join("".join(kept).split())


def _unshowable(text: str) -> str | None:
    """A description of the first character in ``text`` that cannot be shown, if any."""
    for char in text:
        if char == " " or char.isprintable():
            continue
        code = f"U+{ord(char):04X}"
        if unicodedata.category(char) == "Cc":
            return _("has a control character ({code}) that cannot be shown; remove it").format(
                code=code
            )
        return _(
            "has a character that cannot be shown ({code}); remove it or use a plain space"
        ).format(code=code)
    return None


# -- reading ------------------------------------------------------------------------------------


def _text(file: str, key: str, value: object, *, required: bool, limit: int = MAX_TEXT) -> str:
    if value is None:
        if required:
            raise CrisisError(file, key, _("is missing; add it as a line of text"))
        return ""
    if not isinstance(value, str):
        raise CrisisError(
            file, key, _("should be text in quotes, found {value}").format(value=repr(value))
        )
    text = value.strip()
    if required and not text:
        raise CrisisError(file, key, _("is empty; write what to show"))
    if len(text) > limit:
        raise CrisisError(file, key, _("is longer than {n} characters; shorten it").format(n=limit))
    problem = _unshowable(text)
    if problem:
        raise CrisisError(file, key, problem)
    return text


def _date(file: str, key: str, value: object) -> date | None:
    if value is None:
        return None
    if not isinstance(value, date) or hasattr(value, "hour"):
        raise CrisisError(
            file,
            key,
            _("should be a date like 2026-11-21, found {value}").format(value=repr(value)),
        )
    return value


def _unknown(file: str, where: str, keys: Iterable[str], known: set[str]) -> None:
    extra = sorted(set(keys) - known)
    if extra:
        key = f"{where}.{extra[0]}" if where else extra[0]
        raise CrisisError(
            file, key, _("is not a known key; known: {keys}").format(keys=", ".join(sorted(known)))
        )


KNOWN_KEYS = {"region", "name", "territories", "checked_on", "emergency", "line"}
EMERGENCY_KEYS = {"number", "source", "checked_on"}
LINE_KEYS = {
    "name",
    "contact",
    "hours",
    "source",
    "kind",
    "ways",
    "description",
    "checked_on",
    "id",
}


def _emergency(file: str, value: object) -> tuple[str, str, date | None]:
    """The emergency entry: plain text (older files) or an ``[emergency]`` table."""
    if value is None or isinstance(value, str):
        return _text(file, "emergency", value, required=False), "", None
    if not isinstance(value, dict):
        raise CrisisError(
            file,
            "emergency",
            _('should be text like "112" or an [emergency] table with a number'),
        )
    _unknown(file, "emergency", value, EMERGENCY_KEYS)
    return (
        _text(file, "emergency.number", value.get("number"), required=True),
        _text(file, "emergency.source", value.get("source"), required=False, limit=MAX_SOURCE),
        _date(file, "emergency.checked_on", value.get("checked_on")),
    )


def _line(file: str, where: str, entry: object) -> CrisisLine:
    if not isinstance(entry, dict):
        raise CrisisError(file, where, _("should be a [[line]] table"))
    _unknown(file, where, entry, LINE_KEYS)
    kind = entry.get("kind", "crisis")
    if kind not in KINDS:
        raise CrisisError(
            file,
            f"{where}.kind",
            _("{kind} is not a known kind; known: {kinds}").format(
                kind=repr(kind), kinds=", ".join(KINDS)
            ),
        )
    raw_ways = entry.get("ways", [])
    if not isinstance(raw_ways, list):
        raise CrisisError(file, f"{where}.ways", _('should be a list like ["call", "text"]'))
    for way in raw_ways:
        if way not in WAYS:
            raise CrisisError(
                file,
                f"{where}.ways",
                _("{way} is not a known way; known: {ways}").format(
                    way=repr(way), ways=", ".join(WAYS)
                ),
            )
    if len(set(raw_ways)) != len(raw_ways):
        raise CrisisError(file, f"{where}.ways", _("names a way twice; keep each once"))
    return CrisisLine(
        name=_text(file, f"{where}.name", entry.get("name"), required=True),
        contact=_text(file, f"{where}.contact", entry.get("contact"), required=True),
        hours=_text(file, f"{where}.hours", entry.get("hours"), required=False),
        source=_text(
            file, f"{where}.source", entry.get("source"), required=False, limit=MAX_SOURCE
        ),
        kind=str(kind),
        ways=tuple(way for way in WAYS if way in raw_ways),
        description=_text(file, f"{where}.description", entry.get("description"), required=False),
        checked_on=_date(file, f"{where}.checked_on", entry.get("checked_on")),
        id=_line_id(file, f"{where}.id", entry.get("id")),
    )


def _line_id(file: str, key: str, value: object) -> str:
    if value is not None and not (isinstance(value, str) and LINE_ID.fullmatch(value)):
        raise CrisisError(
            file, key, f"{value!r} should be a short id of lowercase letters, digits, hyphens"
        )
    return value or ""


def region_from_mapping(data: Mapping[str, object], file: str, *, edited: bool) -> CrisisRegion:
    _unknown(file, "", data, KNOWN_KEYS)
    key = _text(file, "region", data.get("region"), required=True)
    if not REGION_KEY.fullmatch(key):
        raise CrisisError(
            file,
            "region",
            _("{key} should be a short id of lowercase letters, digits, hyphens").format(
                key=repr(key)
            ),
        )
    name = _text(file, "name", data.get("name"), required=True)
    emergency, emergency_source, emergency_checked = _emergency(file, data.get("emergency"))
    raw_territories = data.get("territories", [])
    if not isinstance(raw_territories, list):
        raise CrisisError(file, "territories", _('should be a list like ["US"]'))
    territories = []
    for code in raw_territories:
        if not isinstance(code, str) or not TERRITORY.fullmatch(code):
            raise CrisisError(
                file,
                "territories",
                _("{code} is not a two-letter country code like US").format(code=repr(code)),
            )
        if code in territories:
            raise CrisisError(
                file, "territories", _("{code} is listed twice; keep it once").format(code=code)
            )
        territories.append(code)
    checked = _date(file, "checked_on", data.get("checked_on"))
    raw_lines = data.get("line", [])
    if not isinstance(raw_lines, list):
        raise CrisisError(file, "line", _("should be a list of [[line]] tables"))
    if len(raw_lines) > MAX_LINES:
        raise CrisisError(
            file,
            "line",
            _("has {n} lines; keep at most {most}").format(n=len(raw_lines), most=MAX_LINES),
        )
    lines = [
        _line(file, _("line {n}").format(n=n), entry) for n, entry in enumerate(raw_lines, start=1)
    ]
    return CrisisRegion(
        key=key,
        name=name,
        emergency=emergency,
        lines=tuple(lines),
        territories=tuple(territories),
        checked_on=checked,
        edited=edited,
        file=file,
        emergency_source=emergency_source,
        emergency_checked_on=emergency_checked,
    )


def _not_toml(problem: Exception) -> str:
    return _("is not valid TOML ({problem})").format(problem=problem)


def _unreadable(problem: Exception) -> str:
    return _("could not be read ({problem})").format(problem=problem)


def parse_region(text: str, file: str, *, edited: bool = False) -> CrisisRegion:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CrisisError(file, "", _not_toml(exc)) from None
    return region_from_mapping(data, file, edited=edited)


def load_folder(
    folder: Path, *, edited: bool = False
) -> tuple[list[CrisisRegion], list[CrisisError]]:
    """Every ``*.toml`` in ``folder`` (sorted by name); a broken file is reported, not fatal."""
    regions: list[CrisisRegion] = []
    problems: list[CrisisError] = []
    if not folder.is_dir():
        return regions, problems
    for path in sorted(folder.glob("*.toml")):
        try:
            text = path.read_text(encoding="utf-8")
            regions.append(parse_region(text, path.name, edited=edited))
        except CrisisError as problem:
            problems.append(problem)
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(CrisisError(path.name, "", _unreadable(exc)))
    return regions, problems


def shipped_folder() -> Path:
    from kapcompanion.resources import resources_dir

    return Path(str(resources_dir() / "crisis"))


def load_shipped(language: str | None = None) -> tuple[list[CrisisRegion], list[CrisisError]]:
    """The shipped regions in ``language`` (the one in use if None), each in English where it
    has no words in that language that fit it."""
    from kapcompanion.domain.crisis_words import words_folder

    regions, problems = load_folder(shipped_folder())
    words = words_folder(language, shipped_folder())
    if words is None:
        return regions, problems
    worded_regions, more = in_words(regions, shipped_folder(), words)
    return worded_regions, problems + more


def in_words(
    regions: Iterable[CrisisRegion], folder: Path, words: Path
) -> tuple[list[CrisisRegion], list[CrisisError]]:
    """``regions`` (read from ``folder``), each in its words from the file of the same name in
    ``words`` (see :mod:`kapcompanion.domain.crisis_words`) where one fits it, else in English;
    and the problems of the words that do not fit."""
    from kapcompanion.domain.crisis_words import WordsError, worded_file

    shown: list[CrisisRegion] = []
    problems: list[CrisisError] = []
    for region in regions:
        said, name = words / region.file, f"{words.name}/{region.file}"
        try:
            if region.file and said.is_file():
                data = worded_file(folder / region.file, said)
                # The same checks as the English file (lengths, characters), naming the words.
                worded = region_from_mapping(data, name, edited=region.edited)
                region = replace(worded, file=region.file)
        except WordsError as exc:
            problems.append(CrisisError(name, exc.key, exc.problem))
        except CrisisError as problem:
            problems.append(problem)
        shown.append(region)  # in English when its words do not fit
    return shown, problems


def merge(shipped: Iterable[CrisisRegion], own: Iterable[CrisisRegion]) -> list[CrisisRegion]:
    """The regions to offer: the person's version of a region replaces the shipped one; the
    catch-all "somewhere else" comes last."""
    by_key = {r.key: r for r in shipped}
    for region in own:
        base = by_key.get(region.key)
        if base is not None and not region.territories:
            region = replace(region, territories=base.territories)
        by_key[region.key] = region
    by_key.setdefault(OTHER, other_region())
    ordered = sorted((r for r in by_key.values() if r.key != OTHER), key=lambda r: r.name)
    return [*ordered, by_key[OTHER]]


def region_for_territory(territory: str, regions: Iterable[CrisisRegion]) -> CrisisRegion:
    """The region offered for an ISO country code (from the system locale), else "other"."""
    listed = list(regions)
    code = territory.strip().upper()
    for region in listed:
        if code in region.territories:
            return region
    return next((r for r in listed if r.key == OTHER), other_region())


def region_keys(regions: Iterable[CrisisRegion]) -> list[str]:
    """The keys of ``regions`` in order (``us``, ``gb``, ...), "other" last if present."""
    keys = sorted({r.key for r in regions})
    if OTHER in keys:
        keys.remove(OTHER)
        keys.append(OTHER)
    return keys


def known_region_keys() -> list[str]:
    """Every region key the app knows: the shipped ones and "other"."""
    shipped, _ = load_shipped()
    return region_keys(merge(shipped, []))


def find_region(key: str, regions: Iterable[CrisisRegion]) -> CrisisRegion | None:
    wanted = key.strip().lower()
    return next((r for r in regions if r.key == wanted), None)


# -- writing ------------------------------------------------------------------------------------

_HEADER = (
    "# Crisis resources, edited in kapcompanion. You can change this file or delete it to\n"
    "# go back to the list the app ships.\n"
)


def region_as_mapping(region: CrisisRegion) -> dict[str, Any]:
    """The TOML tables of ``region``; only what is set is written."""
    data: dict[str, Any] = {"region": region.key, "name": region.name}
    if region.territories:
        data["territories"] = list(region.territories)
    if region.checked_on is not None:
        data["checked_on"] = region.checked_on
    if region.emergency_source or region.emergency_checked_on is not None:
        emergency: dict[str, Any] = {"number": region.emergency}
        if region.emergency_source:
            emergency["source"] = region.emergency_source
        if region.emergency_checked_on is not None:
            emergency["checked_on"] = region.emergency_checked_on
        data["emergency"] = emergency
    else:
        data["emergency"] = region.emergency
    lines = []
    for line in region.lines:
        entry: dict[str, Any] = {"name": line.name, "kind": line.kind}
        if line.id:
            entry["id"] = line.id
        if line.description:
            entry["description"] = line.description
        entry["contact"] = line.contact
        if line.ways:
            entry["ways"] = list(line.ways)
        if line.hours:
            entry["hours"] = line.hours
        if line.source:
            entry["source"] = line.source
        if line.checked_on is not None:
            entry["checked_on"] = line.checked_on
        lines.append(entry)
    if lines:
        data["line"] = lines
    return data


def region_to_toml(region: CrisisRegion) -> str:
    """TOML that :func:`parse_region` reads back to the same region. Every character is written
    so that the file stays valid TOML; one that cannot be shown (a pasted control character) is
    then refused by name when the file is read, rather than breaking the whole file."""
    return _HEADER + tomli_w.dumps(region_as_mapping(region))


def edited_region(
    base: CrisisRegion,
    emergency: str,
    lines: Iterable[tuple[str, str, str]],
    today: date,
) -> CrisisRegion:
    """The person's version of ``base`` from what they typed: (name, contact, hours) rows.

    Control characters and invisible format characters are removed from what was typed (a
    pasted colour code or tab cannot end up in the file). Blank rows are dropped; a row with a
    name but no contact (or the reverse) is a CrisisError naming the row, so nothing half-filled
    is kept by mistake. A line kept as shipped (same name and contact) keeps its source, kind
    and description; the emergency number likewise.
    """
    kept: list[CrisisLine] = []
    for n, (name, contact, hours) in enumerate(lines, start=1):
        name, contact, hours = clean_text(name), clean_text(contact), clean_text(hours)
        if not (name or contact or hours):
            continue
        row = _("row {n}").format(n=n)
        if not name:
            raise CrisisError(_(YOUR_LIST), row, _("has a number but no name; add a name"))
        if not contact:
            raise CrisisError(_(YOUR_LIST), row, _("has a name but no number or contact"))
        old = next((x for x in base.lines if x.name == name), None)
        if old is not None and old.contact == contact:
            kept.append(replace(old, hours=hours))
        elif old is not None:
            # The number changed, so the page that vouched for the old one no longer does.
            kept.append(CrisisLine(name, contact, hours, kind=old.kind))
        else:
            kept.append(CrisisLine(name, contact, hours))
    emergency = clean_text(emergency)
    same_emergency = emergency == base.emergency
    region = CrisisRegion(
        key=base.key,
        name=base.name,
        emergency=emergency,
        lines=tuple(kept),
        territories=base.territories,
        checked_on=today,
        edited=True,
        file=base.file,
        emergency_source=base.emergency_source if same_emergency else "",
        emergency_checked_on=base.emergency_checked_on if same_emergency else None,
    )
    # The same checks as a file gets (lengths, characters), with the same messages.
    return region_from_mapping(_as_mapping(region), _(YOUR_LIST), edited=True)


def _as_mapping(region: CrisisRegion) -> dict[str, object]:
    return tomllib.loads(region_to_toml(region))


def own_file_name(region_key: str) -> str:
    return f"{region_key}.toml"
