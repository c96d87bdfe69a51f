"""The person's own contacts for a hard moment: their clinic, their therapist, someone they trust.

They come first in Help, before any public line, because the people who know the person are
usually the right first call. Only the person adds them; nothing is guessed or shipped.

Plain Python: the values, their checks and the mapping that is kept in a file. Problems are
:class:`ContactError` naming the row and the field, with what to change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from kapcompanion.domain.text import clean_text
from kapcompanion.i18n import _, ngettext, pgettext

MAX_CONTACTS = 8
MAX_NAME = 80
MAX_REACH = 120
MAX_NOTE = 160


class Role(StrEnum):
    CLINIC = "clinic"
    THERAPIST = "therapist"
    TRUSTED = "trusted"

    @property
    def label(self) -> str:
        """The role in words, in the language in use."""
        return {
            Role.CLINIC: _("My clinic"),
            Role.THERAPIST: _("My therapist"),
            Role.TRUSTED: _("Someone I trust"),
        }[self]


def field_words(field: str) -> str:
    """A box of a contact as a message names it, in the language in use (``field`` is the
    id an error keeps)."""
    words = {
        "role": pgettext("a box of a contact", "role"),
        "name": pgettext("a box of a contact", "name"),
        "how to reach": pgettext("a box of a contact", "how to reach"),
        "note": pgettext("a box of a contact", "note"),
        "contact": pgettext("a box of a contact", "contact"),
    }
    return words.get(field, field)


class ContactError(ValueError):
    """A contact that cannot be kept. ``row`` counts from 1; ``field`` names the box."""

    def __init__(self, row: int, field: str, problem: str) -> None:
        self.row = row
        self.field = field
        self.problem = problem
        super().__init__(
            _("Contact {row}, {field}: {problem}").format(
                row=row, field=field_words(field), problem=problem
            )
        )


@dataclass(frozen=True)
class Contact:
    role: Role
    name: str
    #: How to reach them, in the person's words: a number, "text 07700 900123", an address.
    reach: str
    #: When, or anything else worth remembering ("weekdays 9-5", "the on-call number").
    note: str = ""


def _field(row: int, field: str, value: object, limit: int, *, required: bool) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ContactError(row, field, _("should be text"))
    text = clean_text(value)
    if required and not text:
        raise ContactError(row, field, _("is empty; you might write who this is"))
    if len(text) > limit:
        raise ContactError(
            row,
            field,
            _("is longer than {n} characters; you might shorten it").format(n=limit),
        )
    return text


def make_contact(row: int, role: object, name: object, reach: object, note: object) -> Contact:
    """A checked contact from what was typed or read (``row`` counts from 1)."""
    try:
        kept_role = Role(str(role))
    except ValueError:
        choices = ", ".join(r.value for r in Role)
        raise ContactError(
            row, "role", _("should be one of {choices}").format(choices=choices)
        ) from None
    kept_name = _field(row, "name", name, MAX_NAME, required=True)
    kept_reach = _field(row, "how to reach", reach, MAX_REACH, required=False)
    if not kept_reach:
        raise ContactError(row, "how to reach", _("is empty; you might add a number or an address"))
    return Contact(
        kept_role, kept_name, kept_reach, _field(row, "note", note, MAX_NOTE, required=False)
    )


def contacts_from_rows(rows: Iterable[Sequence[str]]) -> tuple[Contact, ...]:
    """Contacts from (role, name, reach, note) rows as typed; wholly blank rows are dropped."""
    kept: list[Contact] = []
    for n, row in enumerate(rows, start=1):
        role, name, reach, note = [*row, "", "", "", ""][:4]
        if not (name.strip() or reach.strip() or note.strip()):
            continue
        kept.append(make_contact(n, role, name, reach, note))
    if len(kept) > MAX_CONTACTS:
        raise ContactError(MAX_CONTACTS + 1, "name", _too_many())
    return tuple(kept)


def _too_many() -> str:
    return ngettext(
        "at most {n} contact is kept", "at most {n} contacts are kept", MAX_CONTACTS
    ).format(n=MAX_CONTACTS)


def contacts_to_mapping(contacts: Iterable[Contact]) -> dict[str, object]:
    return {
        "contact": [
            {"role": c.role.value, "name": c.name, "reach": c.reach, "note": c.note}
            for c in contacts
        ]
    }


def contacts_from_mapping(data: Mapping[str, object]) -> tuple[Contact, ...]:
    """The contacts kept in a file; raises :class:`ContactError` for the first bad one."""
    raw = data.get("contact", [])
    if not isinstance(raw, list):
        raise ContactError(1, "contact", _("should be a list of tables"))
    rows: list[Contact] = []
    for n, item in enumerate(raw[: MAX_CONTACTS + 1], start=1):
        if not isinstance(item, dict):
            raise ContactError(n, "contact", _("should be a table with role, name and reach"))
        rows.append(
            make_contact(n, item.get("role"), item.get("name"), item.get("reach"), item.get("note"))
        )
    if len(rows) > MAX_CONTACTS:
        raise ContactError(MAX_CONTACTS + 1, "name", _too_many())
    return tuple(rows)
