from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from kapcompanion.domain.contacts import Contact, Role
from kapcompanion.storage.contacts import ContactsFileError, load_contacts, save_contacts

CONTACTS = (
    Contact(Role.CLINIC, "Riverside clinic", "+1 555 0100", "on call at night"),
    Contact(Role.TRUSTED, 'Sam "Sunny" Lee', "text 555 0101"),
)


def test_contacts_are_kept_privately_and_read_back_by_another_process(tmp_path: Path) -> None:
    path = tmp_path / "config" / "contacts.toml"
    save_contacts(path, CONTACTS)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    code = (
        "import sys; from pathlib import Path; "
        "from kapcompanion.storage.contacts import load_contacts; "
        "print(repr([tuple(map(str, (c.role, c.name, c.reach, c.note))) "
        "for c in load_contacts(Path(sys.argv[1]))]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == repr(
        [tuple(map(str, (c.role, c.name, c.reach, c.note))) for c in CONTACTS]
    )


def test_no_file_means_no_contacts(tmp_path: Path) -> None:
    assert load_contacts(tmp_path / "contacts.toml") == ()


@pytest.mark.parametrize(
    "content",
    [b"contact = [", b"contact = 'Sam'", b"\xff\xfe", b"x = " + b"[" * 5000 + b"]" * 5000],
)
def test_a_damaged_file_is_a_clear_error_naming_it(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "contacts.toml"
    path.write_bytes(content)
    with pytest.raises(ContactsFileError, match=r"contacts\.toml"):
        load_contacts(path)


def test_a_pipe_in_its_place_is_refused_without_hanging(tmp_path: Path) -> None:
    path = tmp_path / "contacts.toml"
    os.mkfifo(path)
    with pytest.raises(ContactsFileError, match="pipe"):
        load_contacts(path)
