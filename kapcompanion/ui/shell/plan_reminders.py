"""Reminders on the days of an integration plan (see :mod:`kapcompanion.domain.plan`).

When the person's reminders are on and their plan names a time, each plan day gets one gentle
reminder at that time, offering that day's practice, in the place of the other reminders of
that day. Quiet hours and days already practised are respected as for every reminder.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Protocol

from kapcompanion.domain.plan import Plan, plan_reminder
from kapcompanion.domain.reminders import Reminder, ReminderPlan, Suggestion
from kapcompanion.i18n import _


class PlanSource(Protocol):
    """Where the plan comes from: home's plan (:class:`~kapcompanion.ui.shell.home_plan.
    HomePlan`)."""

    def current(self) -> Plan | None: ...

    def title_of(self, practice: str) -> str: ...


def plan_days_reminded(shown: Iterable[Reminder]) -> list[date]:
    """The days a plan reminder was shown on (no other reminder follows on those days)."""
    return [r.at.date() for r in shown if r.suggestion is Suggestion.PLAN]


def sooner_from_plan(
    general: Reminder | None,
    settings: ReminderPlan,
    now: datetime,
    practised: Iterable[date],
    shown: Iterable[Reminder],
    source: PlanSource | None,
) -> Reminder | None:
    """``general`` (the next everyday reminder), or the plan's reminder when that comes on
    the same day or sooner."""
    if source is None:
        return general
    found = plan_reminder(source.current(), settings, now, [*practised, *plan_days_reminded(shown)])
    if found is None:
        return general
    at, practice = found
    if general is not None and general.at.date() < at.date():
        return general
    text = _("{practice} is here, if it feels right today.").format(
        practice=source.title_of(practice)
    )
    return Reminder(at, Suggestion.PLAN, _("Your plan for today"), text, True, practice)
