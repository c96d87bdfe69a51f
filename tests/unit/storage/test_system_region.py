from __future__ import annotations

from pathlib import Path

from kapcompanion.storage.system_region import locale_name, zone_name


def test_the_locale_follows_the_c_library_order() -> None:
    assert locale_name({"LANG": "de_DE.UTF-8"}) == "de_DE.UTF-8"
    assert locale_name({"LANG": "de_DE.UTF-8", "LC_ALL": "C"}) == "C"
    assert locale_name({}) == ""


def test_the_zone_comes_from_tz_then_the_timezone_file_then_the_link(tmp_path: Path) -> None:
    none = tmp_path / "none"
    assert zone_name({"TZ": ":Europe/Berlin"}, none, none) == "Europe/Berlin"
    named = tmp_path / "timezone"
    named.write_text("Pacific/Auckland\n")
    assert zone_name({}, named, none) == "Pacific/Auckland"
    link = tmp_path / "localtime"
    link.symlink_to("/usr/share/zoneinfo/Europe/Oslo")
    assert zone_name({}, none, link) == "Europe/Oslo"
    assert zone_name({}, none, none) == ""
