"""The shipped crisis resources: every file loads, every number names where and when it was
checked, and each country is offered its own list."""

from __future__ import annotations

import re
from datetime import date

import pytest

from kapcompanion.domain.crisis import (
    KINDS,
    OTHER,
    CrisisRegion,
    load_shipped,
    merge,
    region_for_territory,
    shipped_folder,
)

SHIPPED, PROBLEMS = load_shipped()
BY_KEY = {r.key: r for r in SHIPPED}
COUNTRIES = [
    "US", "CA", "GB", "IE", "AU", "NZ", "DE", "AT", "CH", "FR", "BE",
    "NL", "ES", "IT", "PT", "DK", "SE", "NO", "FI", "IS", "PL", "CZ",
]  # fmt: skip
#: The EU and EEA, for the fallback: every one either has a file or is in eu.toml.
EU_EEA = [
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
    "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
    "IS", "LI", "NO",
]  # fmt: skip
URL = re.compile(r"https://[a-z0-9.-]+\.[a-z]{2,}(/\S*)?")
#: The earliest and latest plausible check date: the format is from 2026.
EARLIEST, LATEST = date(2026, 1, 1), date(2027, 12, 31)


def entries(region: CrisisRegion) -> list[tuple[str, str, date | None]]:
    """(what, source, checked_on) for the emergency number and each line."""
    found = [("emergency", region.emergency_source, region.emergency_checked_on)]
    found += [(line.name, line.source, line.checked_on) for line in region.lines]
    return found


def test_every_shipped_file_loads():
    assert PROBLEMS == []
    files = sorted(p.name for p in shipped_folder().glob("*.toml"))
    assert sorted(r.file for r in SHIPPED) == files
    for region in SHIPPED:
        assert region.file == f"{region.key}.toml"
        assert not region.edited


@pytest.mark.parametrize("region", SHIPPED, ids=lambda r: r.key)
def test_every_number_names_its_source_and_date(region):
    assert region.emergency, "every region gives an emergency number"
    assert region.checked_on is not None and EARLIEST <= region.checked_on <= LATEST
    for what, source, checked in entries(region):
        assert URL.fullmatch(source), f"{region.key} {what}: source {source!r} is not an address"
        assert checked is not None, f"{region.key} {what}: no checked_on"
        assert EARLIEST <= checked <= LATEST, f"{region.key} {what}: checked_on {checked}"


@pytest.mark.parametrize("region", SHIPPED, ids=lambda r: r.key)
def test_every_line_says_what_it_is(region):
    for line in region.lines:
        assert line.kind in KINDS
        assert line.description, f"{region.key} {line.name}: no description"
        assert line.ways, f"{region.key} {line.name}: say how it is reached"
        for way in line.ways:
            assert way in line.contact.lower(), f"{region.key} {line.name}: {way} not in contact"
        if line.kind == "peer-support":
            assert "peer support" in line.name.lower()
            assert line.description.lower().startswith("peer support, not a crisis line")
        if line.kind == "urgent-care":
            assert "not emergencies" in line.name.lower()


def test_no_territory_is_claimed_twice():
    seen: dict[str, str] = {}
    for region in SHIPPED:
        for code in region.territories:
            assert code not in seen, f"{code} is in both {seen[code]} and {region.key}"
            seen[code] = region.key


@pytest.mark.parametrize("country", COUNTRIES)
def test_each_country_has_its_own_list(country):
    region = region_for_territory(country, merge(SHIPPED, []))
    assert region.key == country.lower()
    assert region.file == f"{country.lower()}.toml"


@pytest.mark.parametrize("country", sorted(set(EU_EEA) - set(COUNTRIES)))
def test_the_rest_of_the_eu_and_eea_falls_back_to_112(country):
    region = region_for_territory(country, merge(SHIPPED, []))
    assert region.key == "eu"
    assert region.emergency == "112"


def test_the_fallback_and_somewhere_else():
    regions = merge(SHIPPED, [])
    assert region_for_territory("LU", regions).key == "eu"
    assert region_for_territory("GR", regions).key == "eu"
    assert BY_KEY["eu"].lines == ()
    assert region_for_territory("JP", regions).key == OTHER


def test_the_lines_people_look_for_are_there():
    def contacts(key: str) -> str:
        return " | ".join(line.contact for line in BY_KEY[key].lines)

    assert "988" in contacts("us") and BY_KEY["us"].emergency == "911"
    assert "116 123" in contacts("gb") and "116 123" in contacts("ie")
    assert "50808" in contacts("ie")
    nhs = [line for line in BY_KEY["gb"].lines if "111" in line.contact]
    assert [line.kind for line in nhs] == ["urgent-care"]
    fireside = [line for line in BY_KEY["us"].lines if "FIRESIDE" in line.contact]
    assert [line.kind for line in fireside] == ["peer-support"]
    assert "13 11 14" in contacts("au") and BY_KEY["au"].emergency == "000"
    assert "1737" in contacts("nz") and BY_KEY["nz"].emergency == "111"
