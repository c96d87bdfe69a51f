"""The words in the person's language.

Every sentence the person reads goes through one of these functions:

- ``_("Back home")`` translates now, in the language in use;
- ``N_("Back home")`` only marks a sentence that is translated later, where it is shown (for
  module-level constants and tables: nothing may be translated while a module is imported, or a
  change of language would not reach it);
- ``ngettext("{n} minute", "{n} minutes", n)`` picks the form for a count;
- ``pgettext("button", "Stop")`` tells two uses of the same English words apart.

Placeholders are named and filled after translating: ``_("Ends at {time}").format(time=t)``.

The catalogs are gettext ``.mo`` files in ``resources/locale/<language>/LC_MESSAGES``, compiled
from the ``.po`` files beside them (``make translations``). English is the source language and
needs no catalog. A language is chosen once at start (:func:`use_language`) and again when the
person picks another in Settings; the screens then build their words anew.

Pure Python, so the domain's sentences are translated too.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Callable, Mapping
from typing import Protocol

from kapcompanion.resources import resources_dir

DOMAIN = "kapcompanion"
SOURCE = "en"
#: The languages with a full translation, each named in its own words.
LANGUAGES: dict[str, str] = {"en": "English", "es": "Español"}
#: The setting that follows the system's language.
SYSTEM = "system"


class Translations(Protocol):
    def gettext(self, message: str, /) -> str: ...
    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...
    def pgettext(self, context: str, message: str, /) -> str: ...


_current: Translations = gettext.NullTranslations()
_language = SOURCE
_listeners: list[Callable[[str], None]] = []


def _(message: str) -> str:
    """``message`` in the language in use."""
    return _current.gettext(message)


def N_(message: str) -> str:
    """``message`` unchanged: marked to be translated where it is shown."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of ``singular``/``plural`` for ``n``, in the language in use."""
    return _current.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the language in use, as meant in ``context``."""
    return _current.pgettext(context, message)


def language() -> str:
    """The code of the language in use ("en", "es")."""
    return _language


def system_language(environ: Mapping[str, str] | None = None) -> str:
    """The first of the system's languages that kapcompanion speaks, else English.

    Read as gettext reads them: ``LANGUAGE`` (a list), then ``LC_ALL``, ``LC_MESSAGES``, ``LANG``.
    """
    env = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if not value:
            continue
        for entry in value.split(":"):
            code = entry.split(".")[0].split("@")[0].split("_")[0].lower()
            if code in LANGUAGES:
                return code
        if name != "LANGUAGE":
            # The first of LC_ALL, LC_MESSAGES and LANG that is set decides, as for gettext.
            return SOURCE
    return SOURCE


def resolve(choice: str, environ: Mapping[str, str] | None = None) -> str:
    """The language a setting means: ``"system"`` (or anything unknown) follows the system."""
    if choice in LANGUAGES:
        return choice
    return system_language(environ)


def catalog(code: str) -> Translations:
    """The translations into ``code``; English (or a language without a catalog) as written."""
    if code == SOURCE:
        return gettext.NullTranslations()
    folder = resources_dir() / "locale" / code / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with folder.open("rb") as file:
            return gettext.GNUTranslations(file)
    except OSError:
        return gettext.NullTranslations()


def use_language(code: str) -> str:
    """Speak ``code`` from now on (English when there is no such catalog); returns the code."""
    code = code if code in LANGUAGES else SOURCE
    use_translations(catalog(code), code)
    return code


def use_translations(translations: Translations, code: str) -> None:
    """Speak through ``translations``, known as ``code``: a catalog, or a test's own."""
    global _current, _language
    _current = translations
    _language = code
    for listener in list(_listeners):
        listener(code)


def on_change(listener: Callable[[str], None]) -> Callable[[], None]:
    """Call ``listener(code)`` after each change of language; returns what stops it."""
    _listeners.append(listener)

    def stop() -> None:
        if listener in _listeners:
            _listeners.remove(listener)

    return stop
