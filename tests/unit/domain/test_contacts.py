from __future__ import annotations

import pytest

from kapcompanion.domain.contacts import (
    MAX_CONTACTS,
    Contact,
    ContactError,
    Role,
    contacts_from_mapping,
    contacts_from_rows,
    contacts_to_mapping,
)
from kapcompanion.domain.text import clean_text


def test_rows_as_typed_become_contacts_and_blank_rows_are_dropped() -> None:
    rows = [
        ("therapist", " Dr. Ana Ruiz ", "+34 600 000 000", "weekdays"),
        ("clinic", "", "", ""),
        ("trusted", "Sam", "text 07700 900123", ""),
    ]
    assert contacts_from_rows(rows) == (
        Contact(Role.THERAPIST, "Dr. Ana Ruiz", "+34 600 000 000", "weekdays"),
        Contact(Role.TRUSTED, "Sam", "text 07700 900123"),
    )


@pytest.mark.parametrize(
    ("row", "field"),
    [
        (("clinic", "", "555 0100", ""), "name"),
        (("clinic", "The clinic", "", "after hours"), "how to reach"),
        (("friend", "Sam", "555 0100", ""), "role"),
        (("trusted", "S" * 81, "555 0100", ""), "name"),
    ],
)
def test_a_half_filled_or_wrong_row_names_its_row_and_field(
    row: tuple[str, str, str, str], field: str
) -> None:
    with pytest.raises(ContactError) as caught:
        contacts_from_rows([("trusted", "Sam", "1", ""), row])
    assert caught.value.row == 2 and caught.value.field == field


def test_pasted_control_and_direction_characters_are_removed() -> None:
    assert clean_text("Sam\x1b[31m\u202e\x07 \t Lee\n") == "Sam [31m Lee"
    (contact,) = contacts_from_rows([("trusted", "Sam\u202eeeL", "555\x00 0100", "")])
    assert contact.name == "Sam eeL" and contact.reach == "555 0100"


def test_a_mapping_round_trips_and_refuses_too_many() -> None:
    contacts = (
        Contact(Role.CLINIC, "Clinic", "555 0100", "24 hours"),
        Contact(Role.TRUSTED, "Sam", "555 0101"),
    )
    assert contacts_from_mapping(contacts_to_mapping(contacts)) == contacts
    many = {"contact": [{"role": "trusted", "name": f"P{n}", "reach": "1"} for n in range(9)]}
    assert len(many["contact"]) == MAX_CONTACTS + 1
    with pytest.raises(ContactError, match="at most"):
        contacts_from_mapping(many)


def test_a_mapping_of_the_wrong_shape_is_a_clear_error() -> None:
    with pytest.raises(ContactError, match="list"):
        contacts_from_mapping({"contact": "Sam"})
    with pytest.raises(ContactError, match="table"):
        contacts_from_mapping({"contact": ["Sam"]})
