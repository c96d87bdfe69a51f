from __future__ import annotations

from datetime import date

from kapcompanion.domain.contacts import Contact, Role
from kapcompanion.domain.crisis import CrisisLine, CrisisRegion, other_region
from kapcompanion.domain.help import NO_REGION, NOT_COMPLETE, OWN_EMPTY, help_sheet, sheet_text

REGION = CrisisRegion(
    "gb",
    "United Kingdom",
    emergency="999 or 112",
    lines=(CrisisLine("Samaritans", "Call 116 123 (free)", "Any time, day or night"),),
    territories=("GB",),
    checked_on=date(2026, 12, 4),
)
ME = (Contact(Role.THERAPIST, "Dr. Lee", "020 7946 0000", "weekdays"),)


def test_the_persons_own_contacts_come_before_any_public_line() -> None:
    text = sheet_text(help_sheet(ME, REGION))
    assert text.index("My therapist: Dr. Lee") < text.index("Emergency services: 999 or 112")
    assert text.index("Emergency services") < text.index("Samaritans: Call 116 123")
    assert "Checked on 4 December 2026" in text and NOT_COMPLETE in text


def test_without_contacts_the_sheet_invites_adding_them() -> None:
    text = sheet_text(help_sheet((), REGION))
    assert OWN_EMPTY in text


def test_no_region_says_so_and_never_assumes_one() -> None:
    for region in (None, other_region()):
        sheet = help_sheet(ME, region)
        assert sheet.emergency is None and sheet.lines == ()
        text = sheet_text(sheet)
        assert NO_REGION in text and "911" not in text and "988" not in text
