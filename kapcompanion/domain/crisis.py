"""Crisis resources: a short, dated list of lines for the person's region, which they can edit.

The app ships a few well-known lines per region in ``resources/crisis/*.toml`` (see the README
there). None of these lists is complete, and each says when its numbers were last checked. The
person's region is guessed from the system's locale (:func:`region_for_territory`) and can be
changed; their own edited version of a region is kept in a file of their own and always wins
over the shipped one.

Everything here is plain Python: reading and writing the TOML, checking it and finding a region.
Problems are :class:`CrisisError` with the file, the key and what to do.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

#: The region shown when none fits: no lines, only the advice to call local emergency services.
OTHER = "other"
MAX_LINES = 12
MAX_TEXT = 200
REGION_KEY = re.compile(r"[a-z][a-z0-9-]{0,19}")
TERRITORY = re.compile(r"[A-Z]{2}")

EMERGENCY_ADVICE = (
    "In an emergency, or if you might act on thoughts of harming yourself, please call your "
    "local emergency number or go to the nearest emergency department."
)
NOT_COMPLETE = (
    "This list is short and not complete, and numbers can change. You can check and edit it."
)


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
    source: str = ""


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

    def dated(self) -> str:
        """ "Checked on 21 November 2026", "Edited by you", or "Not dated"."""
        if self.edited:
            return "Edited by you" + (f" on {_day(self.checked_on)}" if self.checked_on else "")
        if self.checked_on is None:
            return "Not dated"
        return f"Checked on {_day(self.checked_on)}"

    def emergency_line(self) -> str:
        if self.emergency:
            return f"Emergency services: {self.emergency}"
        return "Emergency services: your local emergency number"


def _day(day: date) -> str:
    return f"{day.day} {day.strftime('%B')} {day.year}"


def other_region() -> CrisisRegion:
    return CrisisRegion(OTHER, "Somewhere else")


# -- reading ------------------------------------------------------------------------------------


def _text(file: str, key: str, value: object, *, required: bool) -> str:
    if value is None:
        if required:
            raise CrisisError(file, key, "is missing; add it as a line of text")
        return ""
    if not isinstance(value, str):
        raise CrisisError(file, key, f"should be text in quotes, found {value!r}")
    text = value.strip()
    if required and not text:
        raise CrisisError(file, key, "is empty; write what to show")
    if len(text) > MAX_TEXT:
        raise CrisisError(file, key, f"is longer than {MAX_TEXT} characters; shorten it")
    if not text.isprintable():
        raise CrisisError(file, key, "has characters that cannot be shown (such as tabs)")
    return text


KNOWN_KEYS = {"region", "name", "territories", "checked_on", "emergency", "line"}
LINE_KEYS = {"name", "contact", "hours", "source"}


def region_from_mapping(data: Mapping[str, object], file: str, *, edited: bool) -> CrisisRegion:
    unknown = sorted(set(data) - KNOWN_KEYS)
    if unknown:
        raise CrisisError(
            file, unknown[0], "is not a known key; known: " + ", ".join(sorted(KNOWN_KEYS))
        )
    key = _text(file, "region", data.get("region"), required=True)
    if not REGION_KEY.fullmatch(key):
        raise CrisisError(
            file, "region", f"{key!r} should be a short id of lowercase letters, digits, hyphens"
        )
    name = _text(file, "name", data.get("name"), required=True)
    emergency = _text(file, "emergency", data.get("emergency"), required=False)
    raw_territories = data.get("territories", [])
    if not isinstance(raw_territories, list):
        raise CrisisError(file, "territories", 'should be a list like ["US"]')
    territories = []
    for code in raw_territories:
        if not isinstance(code, str) or not TERRITORY.fullmatch(code):
            raise CrisisError(
                file, "territories", f"{code!r} is not a two-letter country code like US"
            )
        territories.append(code)
    checked = data.get("checked_on")
    if checked is not None and (not isinstance(checked, date) or hasattr(checked, "hour")):
        raise CrisisError(
            file, "checked_on", f"should be a date like 2026-11-21, found {checked!r}"
        )
    raw_lines = data.get("line", [])
    if not isinstance(raw_lines, list):
        raise CrisisError(file, "line", "should be a list of [[line]] tables")
    if len(raw_lines) > MAX_LINES:
        raise CrisisError(file, "line", f"has {len(raw_lines)} lines; keep at most {MAX_LINES}")
    lines = []
    for n, entry in enumerate(raw_lines, start=1):
        where = f"line {n}"
        if not isinstance(entry, dict):
            raise CrisisError(file, where, "should be a [[line]] table")
        extra = sorted(set(entry) - LINE_KEYS)
        if extra:
            raise CrisisError(
                file,
                f"{where}.{extra[0]}",
                "is not a known key; known: contact, hours, name, source",
            )
        lines.append(
            CrisisLine(
                name=_text(file, f"{where}.name", entry.get("name"), required=True),
                contact=_text(file, f"{where}.contact", entry.get("contact"), required=True),
                hours=_text(file, f"{where}.hours", entry.get("hours"), required=False),
                source=_text(file, f"{where}.source", entry.get("source"), required=False),
            )
        )
    return CrisisRegion(
        key=key,
        name=name,
        emergency=emergency,
        lines=tuple(lines),
        territories=tuple(territories),
        checked_on=checked if isinstance(checked, date) else None,
        edited=edited,
        file=file,
    )


def parse_region(text: str, file: str, *, edited: bool = False) -> CrisisRegion:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CrisisError(file, "", f"is not valid TOML ({exc})") from None
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
            problems.append(CrisisError(path.name, "", f"could not be read ({exc})"))
    return regions, problems


def load_shipped() -> tuple[list[CrisisRegion], list[CrisisError]]:
    from kapcompanion.resources import resources_dir

    folder = resources_dir() / "crisis"
    return load_folder(Path(str(folder)))


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


# -- writing ------------------------------------------------------------------------------------


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def region_to_toml(region: CrisisRegion) -> str:
    """TOML that :func:`parse_region` reads back to the same region."""
    out = [
        "# Crisis resources, edited in kapcompanion. You can change this file or delete it to",
        "# go back to the list the app ships.",
        f"region = {_quote(region.key)}",
        f"name = {_quote(region.name)}",
    ]
    if region.territories:
        out.append("territories = [" + ", ".join(_quote(t) for t in region.territories) + "]")
    if region.checked_on is not None:
        out.append(f"checked_on = {region.checked_on.isoformat()}")
    out.append(f"emergency = {_quote(region.emergency)}")
    for line in region.lines:
        out += ["", "[[line]]", f"name = {_quote(line.name)}", f"contact = {_quote(line.contact)}"]
        if line.hours:
            out.append(f"hours = {_quote(line.hours)}")
        if line.source:
            out.append(f"source = {_quote(line.source)}")
    return "\n".join(out) + "\n"


def edited_region(
    base: CrisisRegion,
    emergency: str,
    lines: Iterable[tuple[str, str, str]],
    today: date,
) -> CrisisRegion:
    """The person's version of ``base`` from what they typed: (name, contact, hours) rows.

    Blank rows are dropped; a row with a name but no contact (or the reverse) is a CrisisError
    naming the row, so nothing half-filled is kept by mistake.
    """
    kept: list[CrisisLine] = []
    for n, (name, contact, hours) in enumerate(lines, start=1):
        name, contact, hours = name.strip(), contact.strip(), hours.strip()
        if not (name or contact or hours):
            continue
        if not name:
            raise CrisisError("your list", f"row {n}", "has a number but no name; add a name")
        if not contact:
            raise CrisisError("your list", f"row {n}", "has a name but no number or contact")
        old = next((x for x in base.lines if x.name == name), None)
        kept.append(CrisisLine(name, contact, hours, old.source if old else ""))
    region = CrisisRegion(
        key=base.key,
        name=base.name,
        emergency=emergency.strip(),
        lines=tuple(kept),
        territories=base.territories,
        checked_on=today,
        edited=True,
        file=base.file,
    )
    # The same checks as a file gets (lengths, characters), with the same messages.
    return region_from_mapping(_as_mapping(region), "your list", edited=True)


def _as_mapping(region: CrisisRegion) -> dict[str, object]:
    return tomllib.loads(region_to_toml(region))


def own_file_name(region_key: str) -> str:
    return f"{region_key}.toml"
