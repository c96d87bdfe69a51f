"""Crisis resources: the shipped lists, the region guess, the person's own edits, bad files."""

from __future__ import annotations

from datetime import date

import pytest

from kapcompanion.domain.crisis import (
    OTHER,
    CrisisError,
    CrisisLine,
    CrisisRegion,
    edited_region,
    load_folder,
    load_shipped,
    merge,
    parse_region,
    region_for_territory,
    region_to_toml,
)

SHIPPED, SHIPPED_PROBLEMS = load_shipped()
BY_KEY = {r.key: r for r in SHIPPED}


def test_every_shipped_file_loads_and_is_dated():
    assert SHIPPED_PROBLEMS == []
    assert {"us", "ca", "gb", "ie", "au", "eu"} <= set(BY_KEY)
    for region in SHIPPED:
        assert region.checked_on is not None, region.key
        assert region.dated().startswith("Checked on "), region.key
        assert region.emergency, region.key
        assert not region.edited
        for line in region.lines:
            assert line.source, f"{region.key}: {line.name} names no source to check it against"


def test_the_well_known_lines_are_there():
    def contacts(key):
        return " ".join(line.contact for line in BY_KEY[key].lines)

    assert "988" in contacts("us") and BY_KEY["us"].emergency == "911"
    assert "9-8-8" in contacts("ca")
    assert "116 123" in contacts("gb") and "116 123" in contacts("ie")
    assert "13 11 14" in contacts("au") and BY_KEY["au"].emergency == "000"
    assert BY_KEY["eu"].emergency == "112" and BY_KEY["eu"].lines == ()


def test_no_territory_is_claimed_twice():
    seen: dict[str, str] = {}
    for region in SHIPPED:
        for code in region.territories:
            assert code not in seen, f"{code} is in both {seen[code]} and {region.key}"
            seen[code] = region.key


@pytest.mark.parametrize(
    ("territory", "expected"),
    [
        ("US", "us"),
        ("ca", "ca"),
        ("GB", "gb"),
        ("IE", "ie"),
        ("AU", "au"),
        ("DE", "eu"),
        ("FR", "eu"),
        ("JP", OTHER),
        ("", OTHER),
    ],
)
def test_the_region_is_guessed_from_the_country(territory, expected):
    assert region_for_territory(territory, merge(SHIPPED, [])).key == expected


def test_somewhere_else_has_no_lines_but_the_emergency_advice():
    other = region_for_territory("JP", merge(SHIPPED, []))
    assert other.lines == ()
    assert other.emergency_line() == "Emergency services: your local emergency number"


def test_the_persons_version_replaces_the_shipped_one_and_keeps_its_countries():
    mine = CrisisRegion(
        "us", "United States", "911", (CrisisLine("My therapist", "555 0100"),), edited=True
    )
    regions = merge(SHIPPED, [mine])
    chosen = region_for_territory("US", regions)
    assert chosen.edited and chosen.lines[0].name == "My therapist"
    assert chosen.territories == BY_KEY["us"].territories
    assert regions[-1].key == OTHER


def test_an_edit_round_trips_through_toml(tmp_path):
    base = BY_KEY["gb"]
    rows = [
        ("Samaritans", "Call 116 123 (free)", "Any time"),
        ("", "", ""),
        ('My GP "out of hours"', "111", ""),
    ]
    mine = edited_region(base, " 999 ", rows, date(2026, 12, 1))
    assert [line.name for line in mine.lines] == ["Samaritans", 'My GP "out of hours"']
    assert mine.lines[0].source == "samaritans.org"  # kept from the shipped line
    assert mine.emergency == "999"
    assert mine.dated() == "Edited by you on 1 December 2026"
    (tmp_path / "gb.toml").write_text(region_to_toml(mine), encoding="utf-8")
    loaded, problems = load_folder(tmp_path, edited=True)
    assert problems == []
    assert loaded == [mine]


def test_a_half_filled_row_is_named():
    with pytest.raises(CrisisError, match="row 2: has a name but no number"):
        edited_region(BY_KEY["us"], "911", [("A", "1", ""), ("B", " ", "")], date(2026, 1, 1))
    with pytest.raises(CrisisError, match="row 1: has a number but no name"):
        edited_region(BY_KEY["us"], "911", [("", "123", "")], date(2026, 1, 1))
    with pytest.raises(CrisisError, match="longer than 200"):
        edited_region(BY_KEY["us"], "911", [("A", "1" * 300, "")], date(2026, 1, 1))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('name = "X"', "region: is missing"),
        ('region = "Bad Key"\nname = "X"', "region: 'Bad Key' should be a short id"),
        ('region = "x"\nname = "X"\ncolour = "red"', "colour: is not a known key"),
        ('region = "x"\nname = "X"\nterritories = ["usa"]', "'usa' is not a two-letter"),
        ('region = "x"\nname = "X"\nchecked_on = "May"', "checked_on: should be a date"),
        ('region = "x"\nname = "X"\n[[line]]\nname = "A"', "line 1.contact: is missing"),
        (
            'region = "x"\nname = "X"\n[[line]]\nname = "A"\ncontact = "1"\nurl = "u"',
            "line 1.url: is not a known key",
        ),
        ('region = "x"\nname = ', "is not valid TOML"),
    ],
)
def test_a_broken_file_is_named_with_its_key(text, message):
    with pytest.raises(CrisisError, match=message) as caught:
        parse_region(text, "mine.toml")
    assert str(caught.value).startswith("mine.toml")


def test_a_broken_file_in_a_folder_leaves_the_others(tmp_path):
    (tmp_path / "a.toml").write_text(region_to_toml(BY_KEY["au"]), encoding="utf-8")
    (tmp_path / "b.toml").write_text("region = ", encoding="utf-8")
    (tmp_path / "c.toml").write_bytes(b"\xff\xfe")
    regions, problems = load_folder(tmp_path)
    assert [r.key for r in regions] == ["au"]
    assert [p.file for p in problems] == ["b.toml", "c.toml"]
