"""What a practice screen offers presentation mode.

Presentation mode shows a practice screen large and quiet on the client's screen and steers
it from controls of its own. It needs only what :class:`PresentedPractice` names: the widget to
show, a way to fit it to the client's screen, what the controls show, and the actions the
controls and keys ask for. Each practice screen's package offers one (see
``ui/exercise/presented.py`` and ``ui/breathing/presented.py``), so presentation mode never
reaches into a screen for its widgets.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QWidget

from kapcompanion.domain.present_status import PresentStatus
from kapcompanion.ui.shell.theme import Theme


class PresentedPractice(Protocol):
    """A practice as presentation mode drives it."""

    @property
    def content(self) -> QWidget:
        """The practice screen itself, shown full screen on the client's screen."""
        ...

    @property
    def closed(self) -> SignalInstance:
        """Emitted when the practice is left (stopped, or left after its end)."""
        ...

    def present_at(self, scale: float, *, asks_elsewhere: bool = False) -> None:
        """Fit the screen to the client's screen: its own buttons, hints and volume put away
        (the controls are elsewhere), its words and shape ``scale`` times larger. With
        ``asks_elsewhere`` (the controls on another screen) "stop here?" and the pause are
        shown only there; the client's screen keeps its words."""
        ...

    def therapist_panel(self, theme: Theme) -> QWidget | None:
        """What the practice adds to the therapist's control window, if anything."""
        ...

    def status(self, *, closed: bool) -> PresentStatus:
        """What the controls show now; ``closed``: the presentation has ended."""
        ...

    def start(self) -> None: ...

    def stop(self) -> None:
        """End the practice if it is still going (what was entered is kept) and leave it."""
        ...

    def toggle_pause(self) -> None:
        """Space: pause or carry on; while "stop here?" is asked, keep going."""
        ...

    def next(self) -> None:
        """Move on to the next step (nothing for a practice without steps)."""
        ...

    def back(self) -> None:
        """The previous step (nothing for a practice without steps)."""
        ...

    def request_stop(self) -> None:
        """Esc: ask "stop here?" first; asked again, stop. After the end, leave."""
        ...

    def keep_going(self) -> None: ...

    def confirm_stop(self) -> None: ...


def put_away(owner: QWidget, widgets: Iterable[QWidget]) -> QWidget:
    """Take ``widgets`` out of sight and out of reach for good: they move into a holder inside
    ``owner`` that is never shown and never enabled, so the screen showing, hiding or focusing
    them later changes nothing (a disabled widget never takes the keyboard focus away from
    the practice). Returns the holder (it goes with ``owner``)."""
    holder = QWidget(owner)
    holder.setObjectName("putAway")
    holder.hide()
    holder.setEnabled(False)
    for widget in widgets:
        widget.setParent(holder)
    return holder
