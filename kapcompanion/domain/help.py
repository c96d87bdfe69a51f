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
from kapcompanion.domain.words import long_date
from kapcompanion.i18n import N_, _

# The sheet's fixed words, translated where shown: ``_(HEADING)``.
HEADING = N_("Help, when you need it")
OWN_HEADING = N_("Your people")
OWN_EMPTY = N_(
    "You can add your clinic, your therapist or someone you trust here. They will be shown first."
)
PUBLIC_HEADING = N_("Lines for {region}")
NO_REGION = N_(
    "No region is chosen yet. You can choose one, so the right numbers are shown. "
    "In an emergency, call your local emergency number."
)
NOT_COMPLETE = N_("This list is short and not complete. Numbers can change.")
EMERGENCY_NOTE = N_(
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
    title = _("{role}: {name}").format(role=contact.role.label, name=contact.name)
    return HelpEntry(title, contact.reach, (contact.note,) if contact.note else ())


def _checked(day: date | None) -> str:
    return _("checked {date}").format(date=long_date(day)) if day else ""


def _line(line: CrisisLine) -> HelpEntry:
    details = [line.hours] if line.hours else []
    if line.kind not in ("crisis", "emergency"):
        note = line.kind_label()
        details.append(_("{Kind}.").format(Kind=note[0].upper() + note[1:]))
    return HelpEntry(
        line.name, line.contact, tuple(details), line.source, _checked(line.checked_on)
    )


def help_sheet(contacts: Sequence[Contact], region: CrisisRegion | None) -> HelpSheet:
    """Help for a person with these contacts in ``region`` (None: not chosen yet)."""
    own = tuple(_own(c) for c in contacts)
    if region is None or region.key == OTHER:
        return HelpSheet(own, "", None, (), "", chosen=region is not None)
    emergency = HelpEntry(
        _("Emergency services"),
        region.emergency or _("your local emergency number"),
        (),
        region.emergency_source,
        _checked(region.emergency_checked_on),
    )
    lines = tuple(_line(line) for line in region.lines)
    return HelpSheet(own, region.name, emergency, lines, region.dated(), chosen=True)


def sheet_text(sheet: HelpSheet) -> str:
    """The sheet as plain lines for a terminal or a printout."""
    out = [_(HEADING), "", _(OWN_HEADING)]
    if sheet.own:
        for entry in sheet.own:
            out.append(f"  {entry.title}: {entry.reach}")
            out += [f"    {d}" for d in entry.details]
    else:
        out.append(f"  {_(OWN_EMPTY)}")
    out.append("")
    if not sheet.region_name:
        out.append(_(NO_REGION))
        return "\n".join(out) + "\n"
    out.append(_(PUBLIC_HEADING).format(region=sheet.region_name))
    entries = ([sheet.emergency] if sheet.emergency else []) + list(sheet.lines)
    for entry in entries:
        out.append(f"  {entry.title}: {entry.reach}")
        out += [f"    {d}" for d in entry.details]
        if entry.source:
            if entry.checked:
                source = _("Source: {source} ({checked})").format(
                    source=entry.source, checked=entry.checked
                )
            else:
                source = _("Source: {source}").format(source=entry.source)
            out.append(f"    {source}")
    out += ["", _(EMERGENCY_NOTE), f"{sheet.dated}. {_(NOT_COMPLETE)}"]
    return "\n".join(out) + "\n"
