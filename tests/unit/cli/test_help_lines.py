"""``kapcompanion help-lines`` in a terminal, run as a person would type it."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from kapcompanion.domain.contacts import Contact, Role
from kapcompanion.domain.crisis import known_region_keys
from kapcompanion.domain.help import NO_REGION, NOT_COMPLETE
from kapcompanion.storage.contacts import save_contacts
from tests.helpers.cli import run_app


def _config() -> Path:
    return Path(os.environ["XDG_CONFIG_HOME"]) / "kapcompanion"


@pytest.mark.parametrize(
    ("region", "expected"),
    [("gb", ["999", "Samaritans", "NHS 111"]), ("NZ", ["111", "1737"]), ("de", ["112"])],
)
def test_a_region_by_id_or_country_code_prints_its_lines_with_sources(
    region: str, expected: list[str]
) -> None:
    done = run_app("help-lines", "--region", region)
    assert done.returncode == 0, done.stderr
    for text in expected:
        assert text in done.stdout
    assert "Source: https://" in done.stdout
    assert re.search(r"checked \d{1,2} \w+ 20\d\d", done.stdout)  # each line's date
    assert NOT_COMPLETE in done.stdout


def test_an_unknown_region_exits_2_with_every_known_region() -> None:
    done = run_app("help-lines", "--region", "xx")
    assert done.returncode == 2
    assert "no region 'xx'" in done.stderr
    for key in known_region_keys():
        assert f"{key} (" in done.stderr


def test_the_persons_own_contacts_come_first() -> None:
    save_contacts(_config() / "contacts.toml", [Contact(Role.THERAPIST, "Dr. Lee", "555 0100")])
    done = run_app("help-lines", "--region", "ie")
    assert done.returncode == 0, done.stderr
    assert done.stdout.index("My therapist: Dr. Lee") < done.stdout.index("Emergency services")


def test_with_no_region_chosen_nothing_is_assumed() -> None:
    done = run_app("help-lines", env={"LANG": "en_US.UTF-8", "TZ": "Europe/Berlin"})
    assert done.returncode == 0, done.stderr
    assert NO_REGION in done.stdout
    assert "911" not in done.stdout and "988" not in done.stdout
    assert "this computer suggests de" in done.stdout
