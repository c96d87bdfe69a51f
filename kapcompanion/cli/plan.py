"""``kapcompanion check-script`` for a bundle that holds an integration plan: the plan checked
as taking it in would check it, and described in one line."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from kapcompanion.domain.plan import unknown_practices
from kapcompanion.i18n import _, ngettext


def check_plan_bundle(file: Path, name: str, known: Iterable[str]) -> tuple[bool, str]:
    """(True, a line on what the plan holds) when it can be taken in, else (False, a line on
    why not); each line starts with ``name``."""
    from kapcompanion.storage.bundle import BundleError
    from kapcompanion.storage.bundle_plan import read_plan

    try:
        plan = read_plan(file)
    except BundleError as error:
        inside = f" ({error.entry} inside it)" if error.entry else ""
        return False, f"{name}{inside}: {error.message}"
    missing = unknown_practices(plan, known)
    if missing:
        return False, name + ": " + _(
            "The plan names practices this app does not have: {ids}. Nothing was taken in. "
            "A plan can name only the practices that come with the app."
        ).format(ids=", ".join(missing))
    days = len(plan.entries)
    return True, name + ": " + ngettext(
        "an integration plan for {n} day after the session of {date}.",
        "an integration plan for {n} days after the session of {date}.",
        days,
    ).format(n=days, date=plan.session.isoformat())
