"""The person's own contacts for Help, kept in ``contacts.toml`` in their config folder (0600)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import tomli_w

from kapcompanion.domain.contacts import Contact, ContactError, contacts_from_mapping
from kapcompanion.domain.contacts import contacts_to_mapping as _mapping
from kapcompanion.i18n import _
from kapcompanion.storage.files import replacing
from kapcompanion.storage.paths import config_dir, ensure_private_dir
from kapcompanion.storage.safe_read import FileFormatError, decode_text, parse_toml, read_limited

FILE_NAME = "contacts.toml"
MAX_BYTES = 64 * 1024
HEADER = b"# Your own contacts for Help, kept by kapcompanion. Only you can read this file.\n"


class ContactsFileError(ValueError):
    """The contacts file could not be used: ``message`` says what and what to do."""


def contacts_path(folder: Path | None = None) -> Path:
    return (folder if folder is not None else config_dir()) / FILE_NAME


def load_contacts(path: Path) -> tuple[Contact, ...]:
    """The contacts kept at ``path``; none when there is no file yet.

    Raises :class:`ContactsFileError` naming the file and the problem when it cannot be read."""
    try:
        data = read_limited(path, MAX_BYTES)
    except FileNotFoundError:
        return ()
    except OSError as exc:
        raise ContactsFileError(
            _("{name} could not be read: {why}").format(name=path.name, why=exc)
        ) from None
    try:
        parsed = parse_toml(path, decode_text(path, data))
        return contacts_from_mapping(parsed)
    except FileFormatError as exc:
        raise ContactsFileError(
            _("{name} is not a list this app can read ({why})").format(
                name=path.name, why=exc.cause
            )
        ) from None
    except ContactError as exc:
        raise ContactsFileError(f"{path.name}: {exc}") from None


def save_contacts(path: Path, contacts: Sequence[Contact]) -> None:
    """Keep ``contacts`` at ``path``, all or nothing."""
    ensure_private_dir(path.parent)
    with replacing(path) as f:
        f.write(HEADER)
        f.write(tomli_w.dumps(_mapping(contacts)).encode("utf-8"))
