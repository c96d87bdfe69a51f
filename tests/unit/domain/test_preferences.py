"""The reduced-motion choice combined with what the system asks for."""

from __future__ import annotations

import pytest

from kapcompanion.domain.preferences import resolve_reduced_motion


@pytest.mark.parametrize(
    ("choice", "system", "reduced"),
    [
        ("system", True, True),
        ("system", False, False),
        ("system", None, False),  # the system cannot tell: the shape keeps moving
        ("on", False, True),
        ("on", None, True),
        ("off", True, False),
        ("off", None, False),
    ],
)
def test_the_persons_choice_comes_first_then_the_systems(choice, system, reduced):
    assert resolve_reduced_motion(choice, system) is reduced
