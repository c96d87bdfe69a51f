"""The app's settings: one INI file in the person's config folder, read through QSettings.

``$XDG_CONFIG_HOME/kapcompanion/settings.ini`` on Linux (the platform's config folder
elsewhere). The file carries a ``version`` key so a later version can move settings on.

Every setting is declared once, as a :class:`Setting` with its key, its default and the values
it allows, and read with :meth:`SettingsStore.get`, which always gives a value of the right
type. Nothing a person may have typed into the file is lost or crashes the app:

- a value that cannot be read (``volume = loud``) gives the default, says so once in
  :attr:`SettingsStore.problems` and stays in the file until the setting is changed;
- a file that cannot be read at all is moved aside (``settings.ini.unreadable-<time>``), never
  deleted, and the app starts with the defaults, saying where the old file went;
- a file written by a newer version is read for the settings this version knows; the others
  are left as they are.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, QSettings, Signal

from kapcompanion.domain.cues import CUE_LIMIT, OWN_CUE_KEYS
from kapcompanion.domain.limits import BREATHING_MINUTES, TEXT_SIZE_PERCENT, Bounds
from kapcompanion.domain.pacing import DEFAULT_PATTERN as PATTERN_BY_DEFAULT
from kapcompanion.domain.pacing import available_patterns
from kapcompanion.i18n import N_, _
from kapcompanion.storage.paths import APP_NAME, config_dir, ensure_private_dir, make_private
from kapcompanion.storage.safe_read import UnsafeFileError, read_limited

SETTINGS_VERSION = 1
#: Settings that moved: the new key, then the keys an older version may have left it under.
#: ``General/first_start_done`` is how a file written with the key ``general/first_start_done``
#: (the "[%General]" section) reads back; ``first_start_done`` is the same line put by hand
#: under "[General]", which QSettings treats as the top level.
MOVED_KEYS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("start/first_start_done", ("General/first_start_done", "first_start_done")),
)
#: A settings file holds a few dozen short lines; anything this big is not one.
MAX_FILE_BYTES = 1024 * 1024
FILE_NAME = "settings.ini"
VERSION_KEY = "version"

T = TypeVar("T")


def settings_path() -> Path:
    return config_dir() / FILE_NAME


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One setting: where it lives, its default, and how a stored value is read.

    ``parse`` returns None for a value it cannot accept; ``allowed`` says in words what it
    accepts, for the message that names a broken value. ``label`` and ``allowed`` are marked
    with ``N_`` and translated where they are shown; ``allowed`` may name ``places`` to fill.
    """

    key: str
    label: str
    default: T
    parse: Callable[[object], T | None]
    allowed: str
    places: tuple[tuple[str, object], ...] = ()

    def read(self, raw: object) -> T | None:
        return self.parse(raw)

    def label_words(self) -> str:
        """The setting's name, in the language in use."""
        return _(self.label).format(**dict(self.places))

    def allowed_words(self) -> str:
        """What the setting accepts, in the language in use."""
        return _(self.allowed).format(**dict(self.places))


def _parse_bool(raw: object) -> bool | None:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str):
        text = raw.strip().lower()
        if text in ("true", "yes", "on", "1"):
            return True
        if text in ("false", "no", "off", "0"):
            return False
    if isinstance(raw, int):
        return {0: False, 1: True}.get(raw)
    return None


def bool_setting(key: str, label: str, default: bool) -> Setting[bool]:
    return Setting(key, label, default, _parse_bool, N_("true or false"))


def int_setting(key: str, label: str, default: int, low: int, high: int) -> Setting[int]:
    def parse(raw: object) -> int | None:
        if isinstance(raw, bool):
            return None
        if isinstance(raw, int):
            value = raw
        elif isinstance(raw, str):
            try:
                value = int(raw.strip())
            except ValueError:
                return None
        else:
            return None
        return value if low <= value <= high else None

    return Setting(
        key,
        label,
        default,
        parse,
        N_("a whole number from {low} to {high}"),
        (("low", low), ("high", high)),
    )


def bounded_setting(key: str, label: str, bounds: Bounds) -> Setting[int]:
    """A whole number within ``bounds`` (see :mod:`kapcompanion.domain.limits`)."""
    return int_setting(key, label, bounds.default, bounds.low, bounds.high)


def text_setting(
    key: str, label: str, default: str, limit: int = 200, **places: object
) -> Setting[str]:
    """A line of text; ``places`` fill the label's placeholders."""

    def parse(raw: object) -> str | None:
        if isinstance(raw, str) and len(raw) <= limit and raw.isprintable():
            return raw
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            return str(raw)  # an INI reader may have turned "2" into a number
        return None

    return Setting(
        key,
        label,
        default,
        parse,
        N_("a line of text (up to {limit} characters)"),
        (("limit", limit),),
    )


def _show(raw: object) -> str:
    text = raw if isinstance(raw, str) else repr(raw)
    return text if len(text) <= 40 else text[:39] + "…"


class SettingsStore(QObject):
    """Typed settings on a QSettings INI file. Emits ``changed(key)`` after a value changes.

    ``path`` defaults to :func:`settings_path`; tests and a second window may pass their own.
    """

    changed = Signal(str)

    def __init__(self, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path if path is not None else settings_path()
        #: What could not be used, each said anew in the language in use (see :attr:`problems`).
        self._notes: list[Callable[[], str]] = []
        self._reported: set[str] = set()
        self._taken = 0
        self._save_failed = False
        #: Choices made while nothing may be written (guest practice from the command line).
        self._held: dict[str, object] | None = None
        self._settings = self._open()
        self._check_version()
        self._move_old_keys()

    # -- opening ------------------------------------------------------------------------------

    def _open(self) -> QSettings:
        # The folder is made only when a setting is first saved (see sync), so reading the
        # settings, as every start does (a guest's too), writes nothing at all.
        # Checked before QSettings opens it: a pipe, a device or a huge file there would
        # hang the start or fill the memory.
        readable = self._readable_text()
        settings = QSettings(str(self.path), QSettings.Format.IniFormat) if readable else None
        if settings is None or settings.status() == QSettings.Status.FormatError:
            aside = self._move_aside()

            def unreadable() -> str:
                if aside is not None:
                    where = _("The old file was kept as {name} in the same folder.").format(
                        name=aside.name
                    )
                else:
                    where = _(
                        "The old file could not be moved aside, so it was left as it is and "
                        "nothing will be saved over it."
                    )
                return _(
                    "The settings file {path} could not be read, so the usual settings are "
                    "in use. {where}"
                ).format(path=self.path, where=where)

            self._note(unreadable)
            if aside is None:
                self._save_failed = True
                return QSettings(str(self.path) + ".new", QSettings.Format.IniFormat)
            settings = QSettings(str(self.path), QSettings.Format.IniFormat)
        return settings

    def _readable_text(self) -> bool:
        """False when the file exists but is not text (QSettings may read binary as keys), or
        is not a plain file of a sensible size (a link to one is read)."""
        try:
            data = read_limited(self.path, MAX_FILE_BYTES, follow_links=True)
        except FileNotFoundError:
            return not self.path.is_symlink()  # a link to nothing is set aside too
        except UnsafeFileError:
            return False
        except OSError:
            return True  # QSettings reports access problems itself
        if b"\x00" in data:
            return False
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return True

    def _move_aside(self) -> Path | None:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        for n in range(100):
            suffix = f".unreadable-{stamp}" + (f"-{n}" if n else "")
            aside = self.path.with_name(self.path.name + suffix)
            if aside.exists():
                continue
            try:
                self.path.rename(aside)
            except OSError:
                return None
            return aside
        return None

    def _check_version(self) -> None:
        raw = self._settings.value(VERSION_KEY)
        if raw is None:
            if not self._settings.allKeys():
                return  # a new file: the version is written with the first setting
            version: int | None = SETTINGS_VERSION  # written before versions were kept
        else:
            try:
                version = int(str(raw).strip())
            except ValueError:
                version = None
        if version is None:
            self._note(
                lambda: _(
                    "The settings file {path} has a version line that could not be read "
                    "({value}); the settings in it are read as this version's."
                ).format(path=self.path, value=_show(raw))
            )
        elif version > SETTINGS_VERSION:
            self._note(
                lambda: _(
                    "The settings file {path} was written by a newer version of "
                    "{app}. The settings this version knows are used; the others are kept "
                    "as they are."
                ).format(path=self.path, app=APP_NAME)
            )

    def _move_old_keys(self) -> None:
        """Carry a value from a key an older version used over to its new key, once."""
        moved = False
        for new, olds in MOVED_KEYS:
            for old in olds:
                raw = self._settings.value(old)
                if raw is None:
                    continue
                if self._settings.value(new) is None:
                    self._settings.setValue(new, raw)
                self._settings.remove(old)
                moved = True
        if moved:
            self.sync()

    # -- reading and writing --------------------------------------------------------------------

    @property
    def version(self) -> int | None:
        raw = self._settings.value(VERSION_KEY)
        try:
            return int(str(raw).strip()) if raw is not None else None
        except ValueError:
            return None

    def hold_in_memory(self) -> None:
        """From now on nothing is written to the file: choices hold until the app closes
        (``--guest``: nothing at all is written)."""
        if self._held is None:
            self._held = {}

    def get(self, setting: Setting[T]) -> T:
        """The stored value, or the default when there is none or it cannot be used."""
        held = self._held
        raw = (
            held[setting.key] if held and setting.key in held else self._settings.value(setting.key)
        )
        if raw is None:
            return setting.default
        value = setting.read(raw)
        if value is None:
            if setting.key not in self._reported:
                self._reported.add(setting.key)
                self._note(
                    lambda: _(
                        "{setting} in {file} was {value}, which is not {allowed}; "
                        "{default} is used until you change it."
                    ).format(
                        setting=setting.label_words(),
                        file=self.path.name,
                        value=repr(_show(raw)),
                        allowed=setting.allowed_words(),
                        default=repr(_show(str(setting.default))),
                    )
                )
            return setting.default
        return value

    def set(self, setting: Setting[T], value: T) -> bool:
        """Store ``value``; False when it could not be saved to disk (it still holds for now)."""
        if setting.read(value) is None:
            raise ValueError(
                f"{setting.key}: {value!r} is not {setting.allowed.format(**dict(setting.places))}"
            )
        if self._held is not None:
            before_held = self.get(setting)
            self._held[setting.key] = value
            if before_held != value:
                self.changed.emit(setting.key)
            return True
        before = self._settings.value(setting.key)
        self._settings.setValue(setting.key, value)
        if self._settings.value(VERSION_KEY) is None:
            self._settings.setValue(VERSION_KEY, SETTINGS_VERSION)
        saved = self.sync()
        self._reported.discard(setting.key)
        if before is None or setting.read(before) != value:
            self.changed.emit(setting.key)
        return saved

    def sync(self) -> bool:
        """Write pending changes now; False (and one notice) when the file cannot be written."""
        if self._save_failed:
            return False
        folder = self.path.parent
        try:
            ensure_private_dir(folder)
        except OSError as exc:
            problem = exc.strerror or str(exc)
            self._note(
                lambda: _(
                    "The settings folder {folder} could not be made ({problem}). "
                    "Your choices work until the app closes, but will not be kept."
                ).format(folder=folder, problem=problem)
            )
            self._save_failed = True
            return False
        self._settings.sync()
        if self._settings.status() == QSettings.Status.AccessError:
            self._save_failed = True
            self._note(
                lambda: _(
                    "Settings could not be saved to {path}. Your choices work until the app "
                    "closes; the folder may be read-only or the disk full."
                ).format(path=self.path)
            )
            return False
        with contextlib.suppress(OSError):
            make_private(self.path)
        return True

    @property
    def problems(self) -> list[str]:
        """Calm sentences about settings that could not be used, in the language in use (the
        settings screen shows them; a change of language reaches them too)."""
        return [words() for words in self._notes]

    def take_new_problems(self) -> list[str]:
        """Problems noted since the last call (for a one-time notice)."""
        new = self.problems[self._taken :]
        self._taken = len(self._notes)
        return new

    def _note(self, words: Callable[[], str]) -> None:
        """Keep a problem, said by ``words`` in the language in use (once, however often)."""
        if words() not in self.problems:
            self._notes.append(words)


def choice_setting(key: str, label: str, default: str, choices: tuple[str, ...]) -> Setting[str]:
    """One of a few named values (stored as the name)."""
    if default not in choices:
        raise ValueError(f"{key}: the default {default!r} is not one of {choices}")

    def parse(raw: object) -> str | None:
        text = raw.strip().lower() if isinstance(raw, str) else None
        return text if text in choices else None

    return Setting(
        key, label, default, parse, N_("one of {choices}"), (("choices", ", ".join(choices)),)
    )


def time_setting(key: str, label: str, default: str) -> Setting[str]:
    """A time of day as "HH:MM" (24-hour clock)."""

    def parse(raw: object) -> str | None:
        if isinstance(raw, list) and len(raw) == 2:  # an INI reader splits "19,30" into two
            return None
        if not isinstance(raw, str):
            return None
        hours, sep, minutes = raw.strip().partition(":")
        if not sep or not hours.isdigit() or not minutes.isdigit() or len(minutes) != 2:
            return None
        h, m = int(hours), int(minutes)
        return f"{h:02d}:{m:02d}" if 0 <= h <= 23 and 0 <= m <= 59 else None

    if parse(default) is None:
        raise ValueError(f"{key}: the default {default!r} is not a time like 19:30")
    return Setting(key, label, default, parse, N_("a time of day like 19:30"))


# -- the app's general settings (the settings screen's other sections) ---------------------------
# Sound and the rating question keep theirs beside their own code (ui/shell/sound_output.py,
# ui/log/ratings.py).

THEME_CHOICES = ("system", "light", "dark", "high-contrast")
THEME = choice_setting("appearance/theme", N_("Theme"), "system", THEME_CHOICES)
TEXT_SIZE = bounded_setting("appearance/text_size", N_("Text size"), TEXT_SIZE_PERCENT)
MOTION_CHOICES = ("system", "on", "off")
REDUCED_MOTION = choice_setting(
    "appearance/reduced_motion", N_("Reduced motion"), "system", MOTION_CHOICES
)
#: Only patterns without breath holds can be the default (holds are always opt-in).
PATTERN_CHOICES = tuple(p.key for p in available_patterns(allow_holds=False))
DEFAULT_PATTERN = choice_setting(
    "practice/pattern", N_("Default breathing pattern"), PATTERN_BY_DEFAULT, PATTERN_CHOICES
)
DEFAULT_MINUTES = bounded_setting("practice/minutes", N_("Default length"), BREATHING_MINUTES)
GUEST_DEFAULT = bool_setting("practice/guest_default", N_("Practise as a guest by default"), False)
#: The last practice, for home's "again" shortcut (read and written by
#: :mod:`kapcompanion.domain.last_practice`).
LAST_PRACTICE = text_setting("home/last_practice", N_("Last practice"), "")
#: Kept under "start/": QSettings' INI format gives a group named "general" a section of its
#: own ("[%General]") that a second process reads back under another key, so the notice came
#: back at every launch. :data:`MOVED_KEYS` carries the old value over.
FIRST_START_DONE = bool_setting("start/first_start_done", N_("First-start notice seen"), False)
#: "" means: guess the region from the system's locale.
CRISIS_REGION = text_setting("crisis/region", N_("Region for crisis resources"), "", limit=20)
REMINDER_MODES = ("off", "daily", "after-sessions")
REMINDER_MODE = choice_setting("reminders/mode", N_("Reminders"), "off", REMINDER_MODES)
REMINDER_TIME = time_setting("reminders/time", N_("Reminder time"), "19:00")
REMINDER_EXTRA_TIME = time_setting("reminders/extra_time", N_("Extra reminder time"), "10:00")
REMINDER_WINDOW_DAYS = int_setting(
    "reminders/window_days", N_("Days of extra reminders after a session"), 3, 1, 14
)
QUIET_HOURS = bool_setting("reminders/quiet", N_("Quiet hours"), True)
QUIET_START = time_setting("reminders/quiet_start", N_("Quiet hours begin"), "22:00")
QUIET_END = time_setting("reminders/quiet_end", N_("Quiet hours end"), "08:00")
#: The day reminders come again after "Pause reminders until tomorrow" (ISO date; "" for none).
REMINDERS_PAUSED_UNTIL = text_setting(
    "reminders/paused_until", N_("Reminders paused until"), "", 10
)

#: The therapist's own grounding cues, offered by keys 7, 8 and 9 while presenting.
OWN_CUES = tuple(
    text_setting(
        f"presentation/cue_{key}", N_("Your cue for key {number}"), "", CUE_LIMIT, number=key
    )
    for key in OWN_CUE_KEYS
)
