"""The screens a presentation can go to: listing them, choosing one, and naming them in messages.

``kapcompanion list`` must answer without a window and must never be taken down by a display
that is missing or does not answer (Qt ends the whole process when it cannot reach one), so
:func:`list_screens_safely` asks a short-lived child process (``python -m
kapcompanion.ui.presentation.screens``), which prints one JSON object per screen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from kapcompanion.i18n import _

#: How long the child process may take to list the screens.
LIST_TIMEOUT_S = 15.0


@dataclass(frozen=True)
class ScreenInfo:
    """One screen: its place in Qt's list (what ``--screen N`` means), name and geometry."""

    index: int
    name: str
    x: int
    y: int
    width: int
    height: int
    primary: bool = False

    @property
    def geometry(self) -> str:
        return _("{width}x{height} at {x},{y}").format(
            width=self.width, height=self.height, x=self.x, y=self.y
        )

    def line(self) -> str:
        name = self.name or _("screen")
        line = f"  {self.index}  {name}  {self.geometry}"
        return line + "  " + _("(main screen)") if self.primary else line


class ScreenChoiceError(ValueError):
    """A screen number that is not there; the message lists the screens there are."""


def current_screens() -> list[ScreenInfo]:
    """The screens of the running application (a QGuiApplication must exist)."""
    from PySide6.QtGui import QGuiApplication

    primary = QGuiApplication.primaryScreen()
    found = []
    for i, screen in enumerate(QGuiApplication.screens()):
        g = screen.geometry()
        found.append(
            ScreenInfo(i, screen.name(), g.x(), g.y(), g.width(), g.height(), screen is primary)
        )
    return found


def screens_text(screens: Sequence[ScreenInfo]) -> str:
    if not screens:
        return "  " + _("(no screens were found)")
    return "\n".join(s.line() for s in screens)


@dataclass(frozen=True)
class ScreenPlan:
    """Where the practice shows (``present``) and where its controls go (``control``; None when
    there is only the one screen, and the controls float over the practice when asked for)."""

    present: int
    control: int | None


def plan_screens(screens: Sequence[ScreenInfo], wanted: int | None) -> ScreenPlan:
    """Choose the screens: ``wanted`` for the practice (by default the first screen that is not
    the main one, or the only screen), the main screen (or another one) for the controls.

    Raises :class:`ScreenChoiceError` naming the screens when ``wanted`` is not one of them.
    """
    if not screens:
        raise ScreenChoiceError(_("No screen was found to present on."))
    indices = [s.index for s in screens]
    primary = next((s.index for s in screens if s.primary), indices[0])
    if wanted is None:
        present = next((i for i in indices if i != primary), primary)
    elif wanted in indices:
        present = wanted
    else:
        raise ScreenChoiceError(
            _(
                "there is no screen {wanted} here; the screens are:\n{screens}\n"
                "(kapcompanion list shows them too)"
            ).format(wanted=wanted, screens=screens_text(screens))
        )
    others = [i for i in indices if i != present]
    control = primary if primary != present else (others[0] if others else None)
    return ScreenPlan(present, control)


def list_screens_safely(timeout: float = LIST_TIMEOUT_S) -> tuple[list[ScreenInfo], str | None]:
    """The screens, asked of a child process; ([], reason) when there is no display to ask."""
    env = dict(os.environ)
    if not env.get("QT_QPA_PLATFORM") and not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        return [], _("no display is available here")
    try:
        done = subprocess.run(
            [sys.executable, "-m", "kapcompanion.ui.presentation.screens"],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as problem:
        return [], _("the display did not answer ({problem})").format(
            problem=type(problem).__name__
        )
    if done.returncode != 0:
        return [], _("the display could not be reached")
    screens = []
    for line in done.stdout.splitlines():
        try:
            data = json.loads(line)
            screens.append(ScreenInfo(**data))
        except (ValueError, TypeError):
            continue
    return screens, None


def _main() -> int:
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication([sys.argv[0]])
    for screen in current_screens():
        sys.stdout.write(json.dumps(screen.__dict__) + "\n")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(_main())
