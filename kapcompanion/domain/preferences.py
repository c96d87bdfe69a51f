"""What a person prefers for practice, as plain values (no Qt).

The model that follows the settings file is :mod:`kapcompanion.services.preferences`.
"""

from __future__ import annotations

from dataclasses import dataclass


def resolve_reduced_motion(choice: str, system: bool | None) -> bool:
    """ "on" and "off" are the person's; "system" follows the system when it can tell
    (``system`` None: it cannot), else motion stays on (the breathing shape moves unless
    someone asks otherwise)."""
    if choice == "on":
        return True
    if choice == "off":
        return False
    return bool(system)


@dataclass(frozen=True)
class PracticeDefaults:
    """What Settings says a practice starts with: the breathing pattern (its key), the length
    in minutes, and whether reduced motion is wanted."""

    pattern: str
    minutes: int
    reduced_motion: bool
