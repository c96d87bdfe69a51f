from __future__ import annotations

import pytest

from kapcompanion.domain.region_guess import guess_territory, territory_of_locale, zone_countries

ZONE_TAB = """# tzdb timezone descriptions
#
DE\t+5230+01322\tEurope/Berlin\tmost of Germany
NZ\t-3652+17446\tPacific/Auckland\tmost of New Zealand
US\t+404251-0740023\tAmerica/New_York\tEastern (most areas)
broken line
"""
ZONES = zone_countries(ZONE_TAB)


def test_zone_tab_gives_a_country_per_zone() -> None:
    assert ZONES == {
        "Europe/Berlin": "DE",
        "Pacific/Auckland": "NZ",
        "America/New_York": "US",
    }


@pytest.mark.parametrize(
    ("name", "territory"),
    [
        ("de_DE.UTF-8", "DE"),
        ("en_NZ", "NZ"),
        ("es-ES", "ES"),
        ("C", ""),
        ("POSIX", ""),
        ("C.UTF-8", ""),
        ("en", ""),
        ("sr_RS@latin", "RS"),
    ],
)
def test_the_locale_names_a_country_or_none(name: str, territory: str) -> None:
    assert territory_of_locale(name) == territory


@pytest.mark.parametrize(
    ("locale", "zone", "expected"),
    [
        ("de_DE.UTF-8", "Europe/Berlin", "DE"),
        ("de_DE.UTF-8", "", "DE"),
        # A telling locale wins even abroad: the person chose it.
        ("de_DE.UTF-8", "America/New_York", "DE"),
        # en_US is a default far beyond the US: the time zone tells more.
        ("en_US.UTF-8", "Europe/Berlin", "DE"),
        ("en_US.UTF-8", "Pacific/Auckland", "NZ"),
        ("en_US.UTF-8", "America/New_York", "US"),
        ("en_US.UTF-8", "", "US"),
        ("C", "Pacific/Auckland", "NZ"),
        ("C", "", ""),
        ("C.UTF-8", "Nowhere/Unknown", ""),
    ],
)
def test_the_guess_prefers_a_telling_locale_then_the_time_zone(
    locale: str, zone: str, expected: str
) -> None:
    assert guess_territory(locale, zone, ZONES) == expected
