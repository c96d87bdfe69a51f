"""What this computer says about where it is: its locale and its time zone.

Read only to pre-select an answer in the region question (see
:mod:`kapcompanion.domain.region_guess`); the person always confirms.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from kapcompanion.domain.region_guess import guess_territory, zone_countries
from kapcompanion.storage.safe_read import read_limited

ZONE_TAB = Path("/usr/share/zoneinfo/zone.tab")
TIMEZONE_FILE = Path("/etc/timezone")
LOCALTIME = Path("/etc/localtime")


def locale_name(environ: Mapping[str, str] = os.environ) -> str:
    """The locale messages are shown in, as the C library chooses it from the environment."""
    for key in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(key, "").strip()
        if value:
            return value
    return ""


def zone_name(
    environ: Mapping[str, str] = os.environ,
    timezone_file: Path = TIMEZONE_FILE,
    localtime: Path = LOCALTIME,
) -> str:
    """The time zone's name ("Europe/Berlin"), or "" when the system does not say."""
    tz = environ.get("TZ", "").strip().lstrip(":")
    if tz and "/" in tz and not tz.startswith("/"):
        return tz
    try:
        named = read_limited(timezone_file, 256).decode("utf-8", "replace").strip()
        if named:
            return named
    except OSError:
        pass
    try:
        target = os.readlink(localtime)
    except OSError:
        return ""
    marker = "zoneinfo/"
    return target.split(marker, 1)[1] if marker in target else ""


def zones(zone_tab: Path = ZONE_TAB) -> dict[str, str]:
    try:
        return zone_countries(read_limited(zone_tab, 1 << 20).decode("utf-8", "replace"))
    except OSError:
        return {}


def guessed_territory(environ: Mapping[str, str] = os.environ) -> str:
    """The country to pre-select in the region question, or "" when nothing tells."""
    return guess_territory(locale_name(environ), zone_name(environ), zones())
