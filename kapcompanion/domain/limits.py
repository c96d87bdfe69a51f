"""The ranges a person's choices are kept within, each said once (plain Python, no Qt).

Every control, setting, command-line option and stored value that takes one of these reads its
range here, so the home screen, Settings, the command line and the "again" shortcut can never
disagree about what is allowed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kapcompanion.i18n import _


@dataclass(frozen=True)
class Bounds:
    """Whole numbers from ``low`` to ``high`` (both allowed), with a ``default`` among them."""

    low: int
    high: int
    default: int

    def __post_init__(self) -> None:
        if not self.low <= self.default <= self.high:
            raise ValueError(f"{self.default} is outside {self.low}-{self.high}")

    def __contains__(self, value: object) -> bool:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        return self.low <= value <= self.high

    def clamp(self, value: int) -> int:
        """``value`` moved into the range (the nearest end when it lies outside)."""
        return min(self.high, max(self.low, value))


#: The length of a breathing practice, in minutes (home, Settings, ``breathe --minutes``, the
#: "again" shortcut and presenting a breathing practice).
BREATHING_MINUTES = Bounds(low=1, high=30, default=5)

#: The app-wide text size, in percent of the usual size.
TEXT_SIZE_PERCENT = Bounds(low=80, high=200, default=100)

#: The days a practice, a medicine session or an export range may be on. Outside them a date is
#: a typing or clock mistake, and years such as 9999 would overflow once a time zone is applied.
EARLIEST_DAY = date(1970, 1, 1)
LATEST_DAY = date(2100, 12, 31)


def day_in_range(day: date) -> bool:
    return EARLIEST_DAY <= day <= LATEST_DAY


def clamp_day(day: date) -> date:
    """``day`` moved into the range (the nearest end when it lies outside)."""
    return min(LATEST_DAY, max(EARLIEST_DAY, day))


def days_range_words() -> str:
    return _("from {first} to {last}").format(
        first=EARLIEST_DAY.isoformat(), last=LATEST_DAY.isoformat()
    )
