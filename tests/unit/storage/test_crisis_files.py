"""The crisis resources on disk: the shipped ones with the person's versions over them, each
version written privately and all or nothing."""

from __future__ import annotations

import stat
from datetime import date

import pytest

from kapcompanion.domain.crisis import (
    OTHER,
    CrisisRegion,
    edited_region,
    load_shipped,
    region_to_toml,
)
from kapcompanion.storage.crisis_files import read_regions, save_own_region

SHIPPED = {r.key: r for r in load_shipped()[0]}


def mine(key: str = "ca") -> CrisisRegion:
    return edited_region(
        SHIPPED[key],
        "911",
        [("My clinic", "555 0199", "weekdays")],
        date(2026, 3, 1),
    )


def test_without_a_folder_of_ones_own_the_shipped_regions_are_offered(tmp_path):
    regions, problems = read_regions(tmp_path / "not-made-yet")
    assert problems == []
    assert {r.key for r in regions} == {*SHIPPED, OTHER}
    assert regions[-1].key == OTHER
    assert not (tmp_path / "not-made-yet").exists()  # reading makes nothing


def test_a_saved_version_is_private_and_replaces_the_shipped_one(tmp_path):
    folder = tmp_path / "crisis"
    region = mine()
    path = save_own_region(folder, region)
    assert path == folder / "ca.toml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert path.read_text(encoding="utf-8") == region_to_toml(region)
    regions, problems = read_regions(folder)
    assert problems == []
    ca = next(r for r in regions if r.key == "ca")
    assert ca.edited and ca.lines[-1].name == "My clinic"
    assert ca.territories == SHIPPED["ca"].territories
    assert len([r for r in regions if r.key == "ca"]) == 1


def test_saving_again_replaces_the_file_and_leaves_no_temporary_one(tmp_path):
    folder = tmp_path / "crisis"
    save_own_region(folder, mine())
    second = edited_region(SHIPPED["ca"], "911", [("Someone", "555 0100", "")], date(2026, 4, 1))
    save_own_region(folder, second)
    assert sorted(p.name for p in folder.iterdir()) == ["ca.toml"]
    regions, _ = read_regions(folder)
    assert [line.name for line in next(r for r in regions if r.key == "ca").lines] == ["Someone"]


def test_a_broken_file_of_ones_own_is_named_and_the_rest_still_offered(tmp_path):
    folder = tmp_path / "crisis"
    save_own_region(folder, mine("au"))
    (folder / "zz.toml").write_text("region = ", encoding="utf-8")
    regions, problems = read_regions(folder)
    assert [p.file for p in problems] == ["zz.toml"]
    assert next(r for r in regions if r.key == "au").edited


def test_a_folder_that_cannot_be_made_says_so_and_keeps_nothing_half_written(tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    with pytest.raises(OSError):
        save_own_region(blocked / "crisis", mine())
    assert blocked.read_text(encoding="utf-8") == "not a folder"
