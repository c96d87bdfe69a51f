"""A first guess at the person's country, to pre-select in the region question.

The guess is only ever a pre-selection: the person confirms or changes it before anything is
kept. It reads the locale first; but many machines everywhere run ``en_US`` or the plain ``C``
locale, which say nothing about where a person is, so for those the time zone's country (from
the system's ``zone.tab``) is preferred when it names one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

#: Locales that are a machine's default far more often than a statement of place.
_UNTELLING = {"", "C", "POSIX", "US"}
_LOCALE = re.compile(r"^[A-Za-z]{2,3}[_-]([A-Za-z]{2})(?:[.@].*)?$")


def territory_of_locale(name: str) -> str:
    """``de_DE.UTF-8`` -> ``DE``; ``C``, ``POSIX`` or a language alone -> ``""``."""
    m = _LOCALE.match(name.strip())
    return m.group(1).upper() if m else ""


def zone_countries(zone_tab: str) -> dict[str, str]:
    """Time zone -> country code, from the text of the system's ``zone.tab``.

    Its lines are ``CC<TAB>coordinates<TAB>Zone/Name[<TAB>comment]``; ``#`` starts a comment.
    ``zone1970.tab`` lists several codes in its first column; the first is taken."""
    found: dict[str, str] = {}
    for line in zone_tab.splitlines():
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 3:
            continue
        code = parts[0].split(",")[0].strip().upper()
        if re.fullmatch(r"[A-Z]{2}", code):
            found.setdefault(parts[2].strip(), code)
    return found


def guess_territory(locale_name: str, zone: str, zones: Mapping[str, str]) -> str:
    """The country to pre-select: the locale's, unless the locale is a common default that
    says nothing of place and the time zone names a country; ``""`` when neither tells."""
    from_locale = territory_of_locale(locale_name)
    from_zone = zones.get(zone.strip(), "")
    if from_locale and from_locale not in _UNTELLING:
        return from_locale
    return from_zone or from_locale
