"""Each language's catalog is complete, consistent and compiled from its .po files."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import translations  # noqa: E402


@pytest.fixture(scope="module")
def found() -> dict[str, dict[translations.Key, translations.Sentence]]:
    return translations.extract()


@pytest.mark.parametrize("language", translations.languages())
def test_every_sentence_is_translated_with_its_placeholders_and_compiled(language, found):
    assert translations.check(language, found) == []


def test_spanish_is_shipped():
    assert "es" in translations.languages()
