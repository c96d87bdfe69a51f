"""What Help says: the person's own contacts first, then the lines for their region.

One pure description (:class:`HelpSheet`) feeds both the Help panel in the app and
``kapcompanion help-lines`` in a terminal, so a printed list and the panel never disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from kapcompanion.domain.contacts import Contact
from kapcompanion.domain.crisis import OTHER, CrisisLine, CrisisRegion

HEADING = "Help, when you need it"
OWN_HEADING = "Your people"
OWN_EMPTY = (
    "You can add your clinic, your therapist or someone you trust here. They will be shown first."
)
PUBLIC_HEADING = "Lines for {region}"
NO_REGION = (
    "No region is chosen yet. You can choose one, so the right numbers are shown. "
    "In an emergency, call your local emergency number."
)
NOT_COMPLETE = "This list is short and not complete. Numbers can change."
EMERGENCY_NOTE = (
    "If you might act on thoughts of harming yourself, or someone is in danger, "
    "call your emergency number now."
)


@dataclass(frozen=True)
class HelpEntry:
    """One way to reach someone: a title, how to reach them, and smaller words beneath; for a
    public line also where its number was checked, and when."""

    title: str
    reach: str
    details: tuple[str, ...] = ()
    source: str = ""
    checked: str = ""


@dataclass(frozen=True)
class HelpSheet:
    own: tuple[HelpEntry, ...]
    region_name: str
    emergency: HelpEntry | None
    lines: tuple[HelpEntry, ...]
    #: "Checked on 4 December 2026", "Edited by you", or "" for no region.
    dated: str
    chosen: bool


def _own(contact: Contact) -> HelpEntry:
    title = f"{contact.role.label}: {contact.name}"
    return HelpEntry(title, contact.reach, (contact.note,) if contact.note else ())


def _checked(day: date | None) -> str:
    return f"checked {day.day} {day.strftime('%B')} {day.year}" if day else ""


def _line(line: CrisisLine) -> HelpEntry:
    details = [line.hours] if line.hours else []
    if line.kind not in ("crisis", "emergency"):
        note = line.kind_label()
        details.append(note[0].upper() + note[1:] + ".")
    return HelpEntry(
        line.name, line.contact, tuple(details), line.source, _checked(line.checked_on)
    )


def help_sheet(contacts: Sequence[Contact], region: CrisisRegion | None) -> HelpSheet:
    """Help for a person with these contacts in ``region`` (None: not chosen yet)."""
    own = tuple(_own(c) for c in contacts)
    if region is None or region.key == OTHER:
        return HelpSheet(own, "", None, (), "", chosen=region is not None)
    emergency = HelpEntry(
        "Emergency services",
        region.emergency or "your local emergency number",
        (),
        region.emergency_source,
        _checked(region.emergency_checked_on),
    )
    lines = tuple(_line(line) for line in region.lines)
    return HelpSheet(own, region.name, emergency, lines, region.dated(), chosen=True)


def sheet_text(sheet: HelpSheet) -> str:
    """The sheet as plain lines for a terminal or a printout."""
    out = [HEADING, "", OWN_HEADING]
    if sheet.own:
        for entry in sheet.own:
            out.append(f"  {entry.title}: {entry.reach}")
            out += [f"    {d}" for d in entry.details]
    else:
        out.append(f"  {OWN_EMPTY}")
    out.append("")
    if not sheet.region_name:
        out.append(NO_REGION)
        return "\n".join(out) + "\n"
    out.append(PUBLIC_HEADING.format(region=sheet.region_name))
    entries = ([sheet.emergency] if sheet.emergency else []) + list(sheet.lines)
    for entry in entries:
        out.append(f"  {entry.title}: {entry.reach}")
        out += [f"    {d}" for d in entry.details]
        if entry.source:
            out.append(
                f"    Source: {entry.source}" + (f" ({entry.checked})" if entry.checked else "")
            )
    out += ["", EMERGENCY_NOTE, f"{sheet.dated}. {NOT_COMPLETE}"]
    return "\n".join(out) + "\n"
