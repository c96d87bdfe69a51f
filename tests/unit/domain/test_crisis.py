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
    find_region,
    known_region_keys,
    load_folder,
    load_shipped,
    merge,
    other_region,
    parse_region,
    region_for_territory,
    region_keys,
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
        ("DE", "de"),
        ("FR", "fr"),
        ("LU", "eu"),
        ("gr", "eu"),
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
    # Kept as shipped, so the shipped line's source, kind and date come along.
    assert mine.lines[0].source == base.lines[0].source
    assert mine.lines[0].source.startswith("https://")
    assert mine.lines[0].checked_on == base.lines[0].checked_on
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


# -- the format: older files, the richer entries, control characters ----------------------------

# Exactly what earlier versions wrote into the person's settings folder (region-level date only,
# emergency as text, a free-text source) and what they shipped.
OLD_EDITED = """\
# Crisis resources, edited in kapcompanion. You can change this file or delete it to
# go back to the list the app ships.
region = "gb"
name = "United Kingdom"
territories = ["GB", "IM", "JE", "GG"]
checked_on = 2026-12-01
emergency = "999"

[[line]]
name = "Samaritans"
contact = "Call 116 123 (free)"
hours = "Any time"
source = "samaritans.org"

[[line]]
name = "My GP \\"out of hours\\""
contact = "111"
"""

OLD_SHIPPED = """\
region = "eu"
name = "European Union (other countries)"
territories = ["AT", "BE"]
checked_on = 2026-11-21
emergency = "112"
"""


def test_a_file_in_the_older_format_still_loads(tmp_path):
    (tmp_path / "gb.toml").write_text(OLD_EDITED, encoding="utf-8")
    (tmp_path / "eu.toml").write_text(OLD_SHIPPED, encoding="utf-8")
    regions, problems = load_folder(tmp_path, edited=True)
    assert problems == []
    eu, gb = regions
    assert gb.emergency == "999" and gb.emergency_source == ""
    assert gb.dated() == "Edited by you on 1 December 2026"
    assert [line.name for line in gb.lines] == ["Samaritans", 'My GP "out of hours"']
    assert gb.lines[0].source == "samaritans.org"
    assert gb.lines[0].kind == "crisis" and gb.lines[0].ways == ()
    assert gb.lines[0].checked_on is None and gb.lines[1].source == ""
    assert eu.emergency == "112" and eu.lines == ()
    # Written again with the new writer, it reads back the same.
    assert parse_region(region_to_toml(gb), "gb.toml", edited=True) == gb


def test_the_richer_entries_round_trip():
    region = CrisisRegion(
        "xx",
        "Somewhere",
        "112",
        (
            CrisisLine(
                "Peer line",
                "Call or text 555 0100",
                "Evenings",
                "https://example.org/peer",
                kind="peer-support",
                ways=("call", "text"),
                description="Peer support, not a crisis line.",
                checked_on=date(2026, 12, 4),
            ),
        ),
        ("XX",),
        date(2026, 12, 4),
        emergency_source="https://example.org/112",
        emergency_checked_on=date(2026, 12, 4),
    )
    text = region_to_toml(region)
    assert "[emergency]" in text and 'kind = "peer-support"' in text
    assert parse_region(text, "xx.toml") == region
    assert region.lines[0].kind_label() == "peer support, not a crisis line"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('region = "x"\nname = "X"\n[emergency]\nsource = "s"', "emergency.number: is missing"),
        ('region = "x"\nname = "X"\n[emergency]\nnumber = "1"\nurl = "u"', "emergency.url: is not"),
        ('region = "x"\nname = "X"\nemergency = 112', "emergency: should be text"),
        (
            'region = "x"\nname = "X"\n[emergency]\nnumber = "1"\nchecked_on = "May"',
            "emergency.checked_on: should be a date",
        ),
        ('region = "x"\nname = "X"\nterritories = ["US", "US"]', "US is listed twice"),
        (
            'region = "x"\nname = "X"\n[[line]]\nname = "A"\ncontact = "1"\nkind = "hotline"',
            "line 1.kind: 'hotline' is not a known kind",
        ),
        (
            'region = "x"\nname = "X"\n[[line]]\nname = "A"\ncontact = "1"\nways = ["fax"]',
            "line 1.ways: 'fax' is not a known way",
        ),
        (
            'region = "x"\nname = "X"\n[[line]]\nname = "A"\ncontact = "1"\nways = "call"',
            "line 1.ways: should be a list",
        ),
        (
            'region = "x"\nname = "X"\n[[line]]\nname = "A"\ncontact = "1"\n'
            'ways = ["call", "call"]',
            "names a way twice",
        ),
        (
            'region = "x"\nname = "X"\n[[line]]\nname = "A"\ncontact = "1"\nchecked_on = 5',
            "line 1.checked_on: should be a date",
        ),
        (
            'region = "x"\nname = "X"\n[[line]]\nname = "A"\ncontact = "1"\ndescription = "'
            + "d" * 201
            + '"',
            "line 1.description: is longer than 200",
        ),
    ],
)
def test_a_broken_richer_entry_is_named(text, message):
    with pytest.raises(CrisisError, match=message):
        parse_region(text, "mine.toml")


def test_ways_are_kept_in_a_fixed_order():
    text = 'region = "x"\nname = "X"\n[[line]]\nname = "A"\ncontact = "1"\nways = ["chat", "call"]'
    assert parse_region(text, "x.toml").lines[0].ways == ("call", "chat")


@pytest.mark.parametrize("pasted", ["\x07", "\x1b[31m", "\x00", "\x7f", "\u200b", "\x9b"])
def test_a_pasted_control_character_never_makes_the_file_unreadable(tmp_path, pasted):
    """What the person types passes through the editor cleaned, so the file it writes is
    valid TOML and reads back to what was shown to them."""
    rows = [(f"My clinic{pasted}", f"555{pasted} 0100", f"week\tdays{pasted}")]
    mine = edited_region(BY_KEY["us"], f"911{pasted}", rows, date(2026, 12, 4))
    assert mine.emergency == "911"
    assert (mine.lines[0].name, mine.lines[0].contact) == ("My clinic", "555 0100")
    assert mine.lines[0].hours == "week days"
    (tmp_path / "us.toml").write_text(region_to_toml(mine), encoding="utf-8")
    loaded, problems = load_folder(tmp_path, edited=True)
    assert problems == []
    assert loaded == [mine]
    # The emergency number is the shipped one, so its source stays with it.
    assert mine.emergency_source == BY_KEY["us"].emergency_source != ""


def test_a_control_character_that_reaches_the_writer_is_refused_by_name():
    """A region built some other way still gives a readable file, and reading it names the
    field and the character instead of failing as broken TOML."""
    region = CrisisRegion("xx", "Somewhere", "112", (CrisisLine("A\x07B", "1"),))
    text = region_to_toml(region)
    assert "\x07" not in text
    with pytest.raises(CrisisError) as caught:
        parse_region(text, "xx.toml", edited=True)
    assert caught.value.key == "line 1.name"
    assert (
        caught.value.problem == "has a control character (U+0007) that cannot be shown; remove it"
    )


def test_an_invisible_character_in_a_file_is_named():
    with pytest.raises(
        CrisisError, match=r"name: has a character that cannot be shown \(U\+200B\)"
    ):
        parse_region('region = "x"\nname = "A\\u200bB"', "x.toml")


def test_an_edited_number_no_longer_claims_the_shipped_source():
    base = BY_KEY["us"]
    first = base.lines[0]
    rows = [(first.name, "Call 555 0100", ""), (first.name + " (mine)", first.contact, "")]
    mine = edited_region(base, "112", rows, date(2026, 12, 4))
    changed, renamed = mine.lines
    assert changed.source == "" and changed.checked_on is None and changed.ways == ()
    assert changed.kind == first.kind
    assert renamed.source == "" and renamed.kind == "crisis"
    assert mine.emergency_source == "" and mine.emergency_checked_on is None


def test_the_region_keys_are_listed():
    keys = known_region_keys()
    assert keys[-1] == OTHER
    assert keys[:-1] == sorted(keys[:-1])
    assert {"us", "gb", "de", "eu", "nz", "cz"} <= set(keys)
    assert region_keys([BY_KEY["us"], BY_KEY["au"], other_region()]) == ["au", "us", OTHER]
    assert find_region(" GB ", SHIPPED) is BY_KEY["gb"]
    assert find_region("zz", SHIPPED) is None
