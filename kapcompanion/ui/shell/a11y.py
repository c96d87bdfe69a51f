"""Accessibility helpers: announcements, what the system asks for, and checks of the widget tree.

- :class:`Announcer` tells screen readers about changes politely (a
  ``QAccessibleAnnouncementEvent``), and sparingly: never more often than every few seconds.
- :class:`PhaseAnnouncer` announces the breath's phases of a breathing screen. It computes the
  next phase change from the pacer timeline (a pure function of time) and sets one single-shot
  timer for it, so nothing polls and nothing counts ticks.
- :func:`system_theme` and :func:`system_reduced_motion` read what Qt knows of the system's
  wishes (colour scheme, high contrast, animation effects); :func:`resolve_theme` combines the
  colour scheme with the person's own choice (reduced motion is combined in
  :func:`kapcompanion.domain.preferences.resolve_reduced_motion`).
- :func:`interactive_widgets` and :func:`accessible_name` walk a screen the way a screen reader
  or a keyboard user meets it; the tests use them to hold every screen to names and focus.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTextEdit,
    QWidget,
)

from kapcompanion.domain.clock import Clock
from kapcompanion.domain.pacing import PacerTimeline
from kapcompanion.ui.shell import theme as themes

#: The shortest gap between two announcements, in seconds (a screen reader would otherwise
#: talk over itself, and over the person's own attention).
MIN_GAP_S = 3.0


@dataclass(frozen=True)
class Announcement:
    at: float
    text: str


class Announcer:
    """Polite announcements to assistive technology, at most one every ``min_gap`` seconds.

    ``history`` keeps what was announced (and when, on the app's clock), so tests can check
    how often it speaks.
    """

    def __init__(self, clock: Clock, min_gap: float = MIN_GAP_S) -> None:
        self._clock = clock
        self.min_gap = min_gap
        self.history: list[Announcement] = []

    def announce(self, widget: QObject, text: str, *, urgent: bool = False) -> bool:
        """Announce ``text`` for ``widget``; False when it comes too soon after the last one
        (``urgent`` announcements, such as the end of a practice, always go)."""
        text = text.strip()
        if not text:
            return False
        now = self._clock.now()
        if self.history and not urgent and now - self.history[-1].at < self.min_gap:
            return False
        self.history.append(Announcement(now, text))
        event = QAccessibleAnnouncementEvent(widget, text)
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Polite)
        QAccessible.updateAccessibility(event)
        return True


class PhaseAnnouncer(QObject):
    """Announces the phases of a breathing practice as they begin.

    ``elapsed`` reads the practice's elapsed time and ``paused`` whether it is paused (both
    from the screen, both on the one clock). One single-shot timer waits for the next phase
    change of ``timeline``; while paused it looks again once a second.
    """

    def __init__(
        self,
        widget: QWidget,
        timeline: PacerTimeline,
        elapsed: Callable[[], float],
        paused: Callable[[], bool],
        announcer: Announcer,
    ) -> None:
        super().__init__(widget)
        self._widget = widget
        self._timeline = timeline
        self._elapsed = elapsed
        self._paused = paused
        self._announcer = announcer
        self._last_phase: tuple[int, int] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.check)
        widget.destroyed.connect(self._timer.stop)

    def start(self) -> None:
        self.check()

    def stop(self) -> None:
        self._timer.stop()

    def check(self) -> None:
        """Announce the phase now showing (if it is new), then wait for the next change."""
        if self._paused():
            self._timer.start(1000)
            return
        t = self._elapsed()
        state = self._timeline.state_at(t)
        if state.finished:
            return
        phase = (state.cycle, state.phase_index)
        if phase != self._last_phase:
            self._last_phase = phase
            self._announcer.announce(self._widget, state.label)
        upcoming = next(iter(self._timeline.phase_changes(t + 1e-6, t + 120.0)), None)
        if upcoming is None:
            return
        wait_ms = max(20, math.ceil((upcoming[0] - t) * 1000) + 5)
        self._timer.start(wait_ms)


# -- what the system asks for ---------------------------------------------------------------


def system_high_contrast() -> bool:
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return False
    # Keep the style hints in a name while asking: a temporary would take the accessibility
    # hints down with it.
    style_hints = app.styleHints()
    hints = style_hints.accessibility()
    return bool(hints.contrastPreference() == Qt.ContrastPreference.HighContrast)


def system_theme() -> str | None:
    """ "high-contrast", "light" or "dark" when the system says so, else None."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return None
    if system_high_contrast():
        return "high-contrast"
    style_hints = app.styleHints()
    scheme = style_hints.colorScheme()
    if scheme == Qt.ColorScheme.Light:
        return "light"
    if scheme == Qt.ColorScheme.Dark:
        return "dark"
    return None


def resolve_theme(choice: str, system: str | None) -> themes.Theme:
    """The palette for the person's choice ("system" follows ``system``, else dark)."""
    name = (system or "dark") if choice == "system" else choice
    return themes.THEMES.get(name, themes.DARK)


def motion_setting_known() -> bool:
    """Whether this system tells Qt if the person wants animations: Windows does, and so does
    KDE Plasma (its animation setting); elsewhere Qt cannot tell."""
    if sys.platform.startswith("win"):
        return True
    app = QGuiApplication.instance()
    if app is None or QGuiApplication.platformName() in ("offscreen", "minimal"):
        return False
    desktop = os.environ.get("XDG_CURRENT_DESKTOP", "").upper()
    return "KDE" in desktop


def system_reduced_motion() -> bool | None:
    """True when the system asks for less motion, False when it allows it, None when Qt cannot
    tell here (then the switch in Settings decides)."""
    if not motion_setting_known():
        return None
    return not QApplication.isEffectEnabled(Qt.UIEffect.UI_General)


# -- the widget tree ---------------------------------------------------------------------------

INTERACTIVE = (
    QAbstractButton,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)


def _focusable(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)


def interactive_widgets(root: QWidget, *, visible_only: bool = True) -> Iterator[QWidget]:
    """Every control a person can operate under ``root``: buttons, fields, lists, sliders, and
    any other widget that takes the focus with Tab (such as an exercise row)."""
    for widget in root.findChildren(QWidget):
        if visible_only and not widget.isVisibleTo(root):
            continue
        if not widget.isEnabled() or isinstance(widget, QScrollBar) or not _is_own_control(widget):
            continue
        if isinstance(widget, INTERACTIVE) or (
            _focusable(widget) and widget.focusProxy() is None and _is_plain_focusable(widget)
        ):
            yield widget


def _is_own_control(widget: QWidget) -> bool:
    """A control in its own right: not a part of another control (the line edit inside a spin
    box, the list inside a combo box), which the outer control speaks for."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, INTERACTIVE):
            return False
        parent = parent.parentWidget()
    return True


def _is_plain_focusable(widget: QWidget) -> bool:
    """A focusable widget of the app's own kind (such as an exercise row), not a container."""
    return type(widget).__name__ not in (
        "QWidget",
        "QScrollArea",
        "QStackedWidget",
        "QFrame",
        "QAbstractScrollArea",
    )


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader reads for ``widget`` (its own, its text, or its buddy label)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    if interface is None:
        return widget.accessibleName()
    return interface.text(QAccessible.Text.Name) or widget.accessibleName()


def unnamed(root: QWidget) -> list[str]:
    """Describe each interactive control under ``root`` that has no accessible name."""
    missing = []
    for widget in interactive_widgets(root):
        if not accessible_name(widget).strip():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} in {_path(widget)}")
    return missing


def _path(widget: QWidget) -> str:
    names = []
    node: QWidget | None = widget
    while node is not None:
        names.append(node.objectName() or type(node).__name__)
        node = node.parentWidget()
    return " < ".join(names[1:4])
