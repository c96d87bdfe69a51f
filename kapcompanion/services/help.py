"""Help's model: the person's own contacts and the chosen region, read when Help opens.

The contacts file is read each time Help opens (it is tiny), so an edit made in another window
or by hand shows at once; a damaged file is named in Help and nothing else stops working.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject

from kapcompanion.domain.contacts import Contact, ContactError, contacts_from_rows
from kapcompanion.domain.crisis import CrisisRegion
from kapcompanion.domain.help import HelpSheet, help_sheet
from kapcompanion.i18n import N_, _, pgettext
from kapcompanion.storage.contacts import ContactsFileError, load_contacts, save_contacts

GUEST_NOTE = N_("As a guest, your people are kept only until the app closes.")


def field_words(field: str) -> str:
    """The name of a contact's box, as a person reads it."""
    names = {
        "name": pgettext("contact field", "name"),
        "how to reach": pgettext("contact field", "how to reach"),
        "note": pgettext("contact field", "note"),
        "role": pgettext("contact field", "role"),
        "contact": pgettext("contact field", "contact"),
    }
    return names.get(field, field)


class Regions(Protocol):
    """Where the regions come from and which one the person chose."""

    @property
    def regions(self) -> Sequence[CrisisRegion]: ...

    def chosen(self) -> CrisisRegion | None:
        """The region the person confirmed, or None when they have not chosen yet."""
        ...

    def guessed(self) -> CrisisRegion: ...

    def choose(self, key: str) -> None: ...


class HelpDesk(QObject):
    """What Help shows, and keeping the person's own contacts.

    ``regions`` knows the regions and the one chosen; ``guest`` says whether nothing may be
    written (then contacts live in memory only)."""

    def __init__(
        self,
        contacts_path: Path,
        regions: Regions,
        *,
        guest: Callable[[], bool] = lambda: False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = contacts_path
        self.regions = regions
        self._guest = guest
        self._in_memory: tuple[Contact, ...] | None = None
        #: Why the contacts file could not be read, in words for a person ("" when it could).
        self.problem = ""

    @property
    def guest(self) -> bool:
        return self._guest()

    def contacts(self) -> tuple[Contact, ...]:
        if self._in_memory is not None:
            return self._in_memory
        try:
            found = load_contacts(self.path)
        except ContactsFileError as exc:
            self.problem = _(
                "{problem} Your people could not be shown; the file is left as it is."
            ).format(problem=exc)
            return ()
        self.problem = ""
        return found

    def sheet(self) -> HelpSheet:
        return help_sheet(self.contacts(), self.regions.chosen())

    def keep(self, rows: Sequence[Sequence[str]]) -> str:
        """Keep the contacts typed as (role, name, reach, note) rows. Returns "" when kept, or
        a sentence naming the row and the box to change (nothing is kept then)."""
        try:
            contacts = contacts_from_rows(rows)
        except ContactError as exc:
            return _("Contact {row}: the {field} {problem}.").format(
                row=exc.row, field=field_words(exc.field), problem=exc.problem
            )
        if self.guest:
            self._in_memory = contacts
            return ""
        try:
            save_contacts(self.path, contacts)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            return _(
                "Your people could not be saved ({reason}). What you typed is still here."
            ).format(reason=reason)
        self._in_memory = None
        return ""
