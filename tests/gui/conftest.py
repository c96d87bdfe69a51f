"""Fixtures the GUI tests share."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kapcompanion import i18n
from kapcompanion.services.settings import TEXT_SIZE, SettingsStore
from kapcompanion.ui.shell.appearance import apply_appearance


@pytest.fixture
def spanish_at_200() -> Iterator[None]:
    """Spanish at twice the text size, as a person would set both; English at 100 % after."""
    store = SettingsStore()
    store.set(TEXT_SIZE, 200)
    apply_appearance(store)
    i18n.use_language("es")
    yield
    i18n.use_language("en")
    store.set(TEXT_SIZE, 100)
    apply_appearance(store)
