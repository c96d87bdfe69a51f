"""One setting read straight from the settings file, before Qt is loaded.

The command line chooses its language before it builds its parser (its help and its messages
are in that language), and it must stay quick and free of Qt: loading QtCore only to read one
line would cost more than the rest of a ``kapcompanion list``. So the language is read here from
the INI file the app's :class:`~kapcompanion.services.settings.SettingsStore` writes through
QSettings. Only the simple form QSettings writes for a short plain word is understood
(``[appearance]`` then ``language=es``); anything else (a file that cannot be read, a pipe, a
quoted or escaped value) reads as "not set", and the window's own reading through QSettings,
which says what was wrong, decides for the app.
"""

from __future__ import annotations

from pathlib import Path

from kapcompanion import i18n
from kapcompanion.storage.paths import config_dir
from kapcompanion.storage.safe_read import read_limited

#: The file :class:`~kapcompanion.services.settings.SettingsStore` keeps its settings in.
FILE_NAME = "settings.ini"
#: The language setting's key (its group, then its name), as QSettings stores it.
LANGUAGE_KEY = "appearance/language"
#: A settings file holds a few dozen short lines; a larger one is left to QSettings' reading.
MAX_BYTES = 1024 * 1024


def settings_file() -> Path:
    return config_dir() / FILE_NAME


def peek(key: str, path: Path | None = None) -> str | None:
    """The value of ``key`` ("group/name") in the INI file at ``path`` (the settings file when
    None), or None when it is not there or not a plain word."""
    group, _slash, name = key.rpartition("/")
    try:
        data = read_limited(path or settings_file(), MAX_BYTES, follow_links=True)
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    section: str | None = ""  # keys before any section header are at the top level
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line[0] in ";#":
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
            continue
        left, equals, right = line.partition("=")
        if equals and section == group and left.strip() == name:
            value = right.strip()
            return value if value.replace("-", "").isalnum() else None
    return None


def language_choice(path: Path | None = None) -> str:
    """The language chosen in Settings ("system", "en", "es"...), "system" when none was."""
    return (peek(LANGUAGE_KEY, path) or i18n.SYSTEM).lower()


def speak_chosen_language(path: Path | None = None) -> str:
    """Speak the language chosen in Settings, or the system's (see :func:`i18n.resolve`)."""
    return i18n.use_language(i18n.resolve(language_choice(path)))
