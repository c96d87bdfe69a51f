"""The shipped crisis resources in Spanish: the words of every region, with its numbers,
addresses, sources and dates read from the English file only, and English for any region whose
words are missing or no longer fit."""

from __future__ import annotations

import dataclasses
import re
import shutil
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from kapcompanion import i18n
from kapcompanion.domain.crisis import (
    CrisisRegion,
    in_words,
    load_folder,
    load_shipped,
    parse_region,
    region_to_toml,
    shipped_folder,
)
from kapcompanion.domain.crisis_words import (
    LINE_TEXTS,
    WordsError,
    add_words,
    facts,
    fill,
    template,
    words_folder,
)
from kapcompanion.storage.crisis_files import read_regions, save_own_region

SPANISH = shipped_folder() / "es"
TEXTS = ("name", *(f"line.{t}" for t in LINE_TEXTS))


def by_key(regions: list[CrisisRegion]) -> dict[str, CrisisRegion]:
    return {r.key: r for r in regions}


def texts(region: CrisisRegion) -> dict[str, str]:
    found = {"name": region.name}
    for line in region.lines:
        for name in LINE_TEXTS:
            found[f"{line.id}.{name}"] = getattr(line, name)
    return found


def without_texts(region: CrisisRegion) -> CrisisRegion:
    """``region`` with its words taken out: what is left are the facts."""
    lines = tuple(
        dataclasses.replace(line, name="", description="", contact="", hours="")
        for line in region.lines
    )
    return dataclasses.replace(region, name="", lines=lines)


@pytest.fixture
def spanish() -> Iterator[None]:
    i18n.use_language("es")
    yield
    i18n.use_language("en")


def test_every_shipped_region_has_its_words_in_spanish() -> None:
    english, problems = load_shipped("en")
    assert problems == []
    spanish, problems = load_shipped("es")
    assert problems == []
    assert sorted(p.name for p in SPANISH.glob("*.toml")) == sorted(r.file for r in english)
    assert words_folder("es", shipped_folder()) == SPANISH
    assert words_folder("en", shipped_folder()) is None
    es, en = by_key(spanish), by_key(english)
    assert es["es"].name == "España" and es["us"].name == "Estados Unidos"
    assert es["us"].lines[1].contact == "Llamada o mensaje al 62-FIRESIDE (623-473-7433)"
    assert es["es"].lines[0].contact == "Llamada gratuita al 024"
    assert es["gb"].lines[1].contact == "Llamada gratuita al 111; para salud mental, la opción 2"
    for key, region in es.items():
        # Every line's description, contact and hours are in Spanish (names may stay as
        # they are: most are the services' own names).
        for line, original in zip(region.lines, en[key].lines, strict=True):
            for name in ("description", "contact", "hours"):
                if getattr(original, name):
                    assert getattr(line, name) != getattr(original, name), (key, line.id, name)


def test_the_facts_come_from_the_english_file_only() -> None:
    english = by_key(load_shipped("en")[0])
    spanish = by_key(load_shipped("es")[0])
    for key, region in spanish.items():
        # Numbers, kinds, ways, sources, dates and territories: the English region's, exactly.
        assert without_texts(region) == without_texts(english[key]), key
        # Each text shows the very numbers and addresses of its English text, in order.
        en = texts(english[key])
        for where, text in texts(region).items():
            assert facts(text) == facts(en[where]), (key, where, text)
    for path in sorted(SPANISH.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        # No fact is written in a words file: no dates, sources, numbers, territories, kinds.
        assert set(data) <= {"region", "name", "line"}, path.name
        for line in data.get("line", []):
            assert set(line) <= {"id", *LINE_TEXTS}, path.name
            for name in LINE_TEXTS:
                assert not re.search(r"\d", re.sub(r"\{\d+\}", "", line.get(name, ""))), (
                    path.name,
                    line,
                )


def test_a_number_changed_in_english_is_the_number_shown_in_spanish(tmp_path: Path) -> None:
    text = (shipped_folder() / "us.toml").read_text(encoding="utf-8")
    (tmp_path / "us.toml").write_text(
        text.replace("623-473-7433", "623-000-1111").replace('"911"', '"912"'), encoding="utf-8"
    )
    regions, problems = in_words(load_folder(tmp_path)[0], tmp_path, SPANISH)
    assert problems == []
    us = regions[0]
    assert us.name == "Estados Unidos" and us.emergency == "912"
    assert us.lines[1].contact == "Llamada o mensaje al 62-FIRESIDE (623-000-1111)"


def test_a_region_without_words_that_fit_is_shown_in_english(tmp_path: Path) -> None:
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    for key in ("us", "gb", "es", "ie", "fi", "it"):
        shutil.copy(shipped_folder() / f"{key}.toml", shipped / f"{key}.toml")
    words = tmp_path / "es"
    words.mkdir()
    shutil.copy(SPANISH / "us.toml", words / "us.toml")  # fits
    # es: the English file gained a number the Spanish words do not place.
    english_es = (shipped / "es.toml").read_text(encoding="utf-8")
    (shipped / "es.toml").write_text(
        english_es.replace('"Call 024 (free)"', '"Call 024 or 717 003 717"'), encoding="utf-8"
    )
    shutil.copy(SPANISH / "es.toml", words / "es.toml")
    # ie: a line id the English file does not have.
    (words / "ie.toml").write_text(
        (SPANISH / "ie.toml").read_text(encoding="utf-8").replace('"50808"', '"text-line"'),
        encoding="utf-8",
    )
    # fi: a number of its own instead of a place.
    (words / "fi.toml").write_text(
        (SPANISH / "fi.toml").read_text(encoding="utf-8").replace("{1} a {2}", "9:00 a {2}"),
        encoding="utf-8",
    )
    # it: not TOML.
    (words / "it.toml").write_text('region = "it"\nname = ', encoding="utf-8")
    regions, problems = in_words(load_folder(shipped)[0], shipped, words)
    names = {r.key: r.name for r in regions}
    assert names == {
        "es": "Spain",
        "fi": "Finland",
        "gb": "United Kingdom",  # no words at all
        "ie": "Ireland",
        "it": "Italy",
        "us": "Estados Unidos",
    }
    said = {p.file: str(p) for p in problems}
    assert set(said) == {"es/es.toml", "es/fi.toml", "es/ie.toml", "es/it.toml"}
    assert said["es/es.toml"].startswith(
        "es/es.toml: line 1.contact: should use the places of the English text's 2 numbers"
    )
    assert said["es/ie.toml"] == (
        "es/ie.toml: line 2.id: 'text-line' is not the id of a line in English"
    )
    assert "has a number or address of its own (9:00)" in said["es/fi.toml"]
    assert said["es/it.toml"].startswith("es/it.toml: is not valid TOML")
    # The English region is whole: its own texts, its own file.
    es = next(r for r in regions if r.key == "es")
    assert es.lines[0].contact == "Call 024 or 717 003 717" and es.file == "es.toml"


def test_the_language_in_use_is_the_default_and_the_persons_own_list_wins(
    spanish: None, tmp_path: Path
) -> None:
    regions, problems = read_regions(tmp_path / "none yet")
    assert problems == []
    assert by_key(regions)["us"].name == "Estados Unidos"
    # The person's version of a region is shown as they kept it, whatever the language.
    own = dataclasses.replace(
        by_key(load_shipped("en")[0])["gb"], name="My United Kingdom", edited=True
    )
    save_own_region(tmp_path / "own", own)
    regions, problems = read_regions(tmp_path / "own")
    assert problems == []
    gb = by_key(regions)["gb"]
    assert gb.name == "My United Kingdom" and gb.lines[0].description.startswith("Volunteers")


def test_line_ids_are_kept_and_written_back() -> None:
    us = by_key(load_shipped("en")[0])["us"]
    assert [line.id for line in us.lines] == ["988-lifeline", "fireside-project"]
    assert parse_region(region_to_toml(us), "us.toml") == us
    with pytest.raises(ValueError, match=r"line 1\.id"):
        parse_region(
            'region = "x"\nname = "X"\n[[line]]\nid = "Not an id"\nname = "A"\ncontact = "B"\n',
            "x.toml",
        )


def test_facts_and_their_places() -> None:
    contact = "Call 0800-0113 (free) or 113, or chat at 113.nl"
    assert facts(contact) == ["0800-0113", "113", "113.nl"]
    assert template(contact) == "Call {1} (free) or {2}, or chat at {3}"
    assert facts("Fridays 9:00 to 13:00") == ["9:00", "13:00"]
    assert facts("Call 0800 111 0 111 or 0800 111 0 222 (free)") == [
        "0800 111 0 111",
        "0800 111 0 222",
    ]
    assert fill("Llamada al {2} o al {1}", "Call 1 2 or 3", "contact") == "Llamada al 3 o al 1 2"
    with pytest.raises(WordsError, match="places of the English text's 2"):
        fill("Llamada al {1}", "Call 1 2 or 3", "contact")
    with pytest.raises(WordsError, match="of its own"):
        fill("Llamada al {1} o al 113", "Call 112", "contact")


def test_more_words_can_be_read_from_a_folder_of_their_own(tmp_path: Path) -> None:
    (tmp_path / "us.toml").write_text('region = "us"\nname = "⟦United States⟧"\n', "utf-8")
    undo = add_words("qps", tmp_path)
    try:
        regions, problems = load_shipped("qps")
        assert problems == []
        assert by_key(regions)["us"].name == "⟦United States⟧"
        assert by_key(regions)["gb"].name == "United Kingdom"
    finally:
        undo()
    assert by_key(load_shipped("qps")[0])["us"].name == "United States"
