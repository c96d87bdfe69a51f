"""The crisis resources on offer and the region chosen.

:class:`CrisisBook` keeps the regions (the shipped ones and the person's own versions, read
through :mod:`kapcompanion.storage.crisis_files`) and which one is chosen (the
``crisis/region`` setting; "" means: guessed from the system's locale).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from kapcompanion.domain.crisis import CrisisRegion, edited_region, region_for_territory
from kapcompanion.services.settings import CRISIS_REGION, SettingsStore
from kapcompanion.storage.crisis_files import own_crisis_folder, read_regions, save_own_region
from kapcompanion.storage.system_region import guessed_territory


def system_territory() -> str:
    """The country this computer suggests: its locale's, or for a locale that says nothing of
    place (en_US, C) its time zone's; "" when neither tells (see domain/region_guess.py)."""
    return guessed_territory()


class CrisisBook:
    """The crisis resources on offer and the region chosen."""

    def __init__(
        self,
        store: SettingsStore,
        folder: Path | None = None,
        territory: Callable[[], str] = system_territory,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.store = store
        self.folder = folder if folder is not None else own_crisis_folder()
        self._territory = territory
        self._today = today
        self.problems: list[str] = []
        self.regions: list[CrisisRegion] = []
        self.reload()

    def reload(self) -> None:
        regions, problems = read_regions(self.folder)
        self.regions = regions
        self.problems = [str(p) for p in problems]

    def guessed(self) -> CrisisRegion:
        return region_for_territory(self._territory(), self.regions)

    def chosen(self) -> CrisisRegion | None:
        """The region the person confirmed, or None while they have not chosen one."""
        key = self.store.get(CRISIS_REGION)
        return next((r for r in self.regions if r.key == key), None) if key else None

    def current(self) -> CrisisRegion:
        """The confirmed region, else the guess (shown only as a pre-selection)."""
        chosen = self.chosen()
        return chosen if chosen is not None else self.guessed()

    def choose(self, key: str) -> None:
        if not any(r.key == key for r in self.regions):
            raise ValueError(f"unknown region {key!r}")
        self.store.set(CRISIS_REGION, key)

    def save(self, base: CrisisRegion, emergency: str, rows: list[tuple[str, str, str]]) -> str:
        """Keep the person's version of ``base``; returns where it was written. Raises
        CrisisError for what they typed and OSError when the file cannot be written."""
        region = edited_region(base, emergency, rows, self._today())
        path = save_own_region(self.folder, region)
        self.reload()
        self.store.set(CRISIS_REGION, region.key)
        return str(path)
