"""What the pieces the main window opens may use of it, each as a small Protocol.

The everyday services, the editor, the presentation and its setup page are given the window as
one of these: they use only what is named here, and none of them imports the window (which
imports them when they are opened). The window satisfies every one; a test may pass anything
that does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from kapcompanion.domain.breathing_config import BreathingConfig
    from kapcompanion.domain.clock import Clock
    from kapcompanion.domain.scripts import Exercise
    from kapcompanion.services.autostart import Autostart
    from kapcompanion.services.events import PracticeEvents
    from kapcompanion.services.library import ExerciseLibrary
    from kapcompanion.services.preferences import PracticePreferences
    from kapcompanion.services.settings import SettingsStore
    from kapcompanion.ui.editor.voice_player import VoicePlayer
    from kapcompanion.ui.shell.sound_output import SoundController
    from kapcompanion.ui.shell.theme import Theme


class ScreenStack(Protocol):
    """Shows a screen above the others, in the window's theme."""

    @property
    def theme(self) -> Theme: ...

    def push(self, screen: QWidget) -> None: ...


class EverydayHost(ScreenStack, Protocol):
    """What the everyday services need: the screen showing now, a practice begun as home
    begins it, the window brought forward (for a reminder that is clicked) and the app ended
    (the tray's Quit)."""

    @property
    def current_screen(self) -> QWidget: ...

    def begin_breathing(self, config: BreathingConfig) -> None: ...

    def begin_exercise(self, exercise: Exercise) -> None: ...

    def bring_forward(self) -> None: ...

    def quit_app(self) -> None: ...

    def hide_window(self) -> None: ...

    #: Starting with the computer (given by the app; None where it cannot be offered).
    autostart: Autostart | None


class EditorHost(ScreenStack, Protocol):
    """What the script editor needs: the clock and the voices for its previews, and the
    library it reads again after a save."""

    @property
    def clock(self) -> Clock: ...

    @property
    def voice(self) -> VoicePlayer: ...

    @property
    def library(self) -> ExerciseLibrary: ...


class PresentationHost(Protocol):
    """What presenting needs: the clock, the practice hub (the log follows it), the sound,
    Help (opened over the therapist's controls), and the window the presentation belongs to
    (``window()``)."""

    @property
    def clock(self) -> Clock: ...

    @property
    def practice(self) -> PracticeEvents: ...

    @property
    def sound(self) -> SoundController: ...

    def help_over(self, over: QWidget, pause: Callable[[], bool]) -> object:
        """Help over ``over``'s window; ``pause`` pauses a practice and says whether it did."""
        ...

    def window(self) -> QWidget: ...


class PresentSetupHost(ScreenStack, PresentationHost, Protocol):
    """What the setup page needs: the exercises to choose from, the person's preferences, the
    settings (the therapist's own cues), and what presenting needs."""

    @property
    def library(self) -> ExerciseLibrary: ...

    @property
    def settings(self) -> SettingsStore: ...

    @property
    def preferences(self) -> PracticePreferences: ...
