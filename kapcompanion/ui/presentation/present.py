"""Presentation mode: the practice large and quiet on the client's screen, its controls with the
therapist.

A :class:`Presentation` shows an ordinary practice screen (an :class:`ExerciseScreen` or a
:class:`BreathingScreen`, not a copy) full screen on a chosen screen, in the dimmed
:data:`~kapcompanion.ui.shell.theme.PRESENT` palette with type scaled to the screen's size, and with
the screen's own buttons and key hints put away. The controls live elsewhere:

- with two or more screens, a small control window on the therapist's screen: back, pause,
  next, stop, the time left, the volume, and the first words of the step that comes next;
- with one screen, the same controls float over the bottom of the practice while the mouse
  moves or a key is pressed and fade from view after :data:`IDLE_S` seconds; the mouse pointer
  hides too.

Space pauses and Esc asks "stop here?" (a second Esc stops) in both windows, always. The idle
timing reads the one clock (a timer only asks whether enough time has gone by), so tests move a
fake clock instead of waiting.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QCursor,
    QGuiApplication,
    QKeySequence,
    QResizeEvent,
    QScreen,
    QShortcut,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kapcompanion.domain.breathing_config import BreathingConfig, format_time_left
from kapcompanion.domain.clock import Clock
from kapcompanion.domain.exercise_info import time_left_words
from kapcompanion.domain.pacing import PacerState
from kapcompanion.domain.runner import RunnerState
from kapcompanion.domain.scripts import Exercise
from kapcompanion.services.events import PracticeEvents
from kapcompanion.ui.breathing.screen import BreathingScreen
from kapcompanion.ui.exercise import screen as exercise_ui
from kapcompanion.ui.exercise.screen import ExerciseScreen
from kapcompanion.ui.exercise.widgets import BREATH_WORD_PT, PROMPT_PT, STEP_TEXT_PT
from kapcompanion.ui.presentation.screens import ScreenPlan, current_screens, plan_screens
from kapcompanion.ui.shell import scaffold
from kapcompanion.ui.shell.sound_output import SoundController
from kapcompanion.ui.shell.theme import (
    BASE_PT,
    COUNT_PT,
    DARK,
    PHASE_PT,
    PRESENT,
    SMALL_PT,
    TITLE_PT,
    Theme,
    stylesheet,
)
from kapcompanion.ui.shell.volume import VolumeControl

if TYPE_CHECKING:
    from kapcompanion.ui.shell.hosts import PresentationHost

#: Seconds without a mouse movement or a key before the floating controls and the pointer hide.
IDLE_S = 3.0
#: How often the idle time and the control panel are looked at (ms).
IDLE_CHECK_MS = 250
REFRESH_MS = 250
#: Type grows with the screen's height relative to this, between the two limits.
REFERENCE_HEIGHT = 800
MIN_SCALE = 1.0
MAX_SCALE = 2.4
#: Words of a step shown in the control panel.
PREVIEW_WORDS = 9
OVERLAY_WIDTH = 820
CONTROL_SIZE = (700, 330)

PAUSED_PRESENT = "Paused. Take all the time you need."
LAST_STEP = "This is the last step."
ENDED_TEXT = "The practice has ended. Close returns to the app."
ASKING_TEXT = "The practice screen asks “Stop here?”."
CONTROL_HINT = "Space pauses · Left and Right move between steps · Esc asks to stop"
BREATHING_HINT = "Space pauses · Esc asks to stop"
BREATHING_STOP_TEXT = "The breathing is paused. You can stop here, or keep going; either is fine."


def scale_for(height: int) -> float:
    """How much larger the type is on a screen ``height`` pixels high."""
    return min(MAX_SCALE, max(MIN_SCALE, height / REFERENCE_HEIGHT))


def first_words(text: str, count: int = PREVIEW_WORDS) -> str:
    """The first ``count`` words of ``text``, with "…" when there is more."""
    words = text.split()
    if len(words) <= count:
        return " ".join(words)
    return re.sub(r"[,;:.]$", "", " ".join(words[:count])) + "…"


# -- what the controls show -------------------------------------------------------------------


@dataclass(frozen=True)
class PresentStatus:
    """What the control panel shows at one moment (plain values, for tests and the panel)."""

    title: str
    position: str  # "Step 3 of 8", "Breathing"
    now: str  # the first words of the step, or the breath's word
    next: str  # the first words of the step that comes next, or LAST_STEP, or ""
    time_left: str
    paused: bool
    asking: bool  # "stop here?" is showing
    ended: bool
    can_move: bool  # back and next apply


def exercise_status(
    exercise: Exercise, state: RunnerState | None, *, asking: bool, ended: bool
) -> PresentStatus:
    if state is None:
        first = exercise.steps[0]
        following = exercise.steps[1].text if len(exercise.steps) > 1 else ""
        return PresentStatus(
            exercise.title,
            f"Step 1 of {len(exercise.steps)}",
            first_words(first.text),
            first_words(following) if following else LAST_STEP,
            time_left_words(exercise.planned_seconds),
            False,
            asking,
            ended,
            False,
        )
    index = state.step_index
    later = exercise.steps[index + 1] if index + 1 < len(exercise.steps) else None
    return PresentStatus(
        title=exercise.title,
        position=f"Step {state.step_number} of {state.step_count}",
        now=first_words(state.step.text),
        next=first_words(later.text) if later is not None else LAST_STEP,
        time_left="" if ended else time_left_words(state.time_left),
        paused=state.paused,
        asking=asking,
        ended=ended or state.finished,
        can_move=not (ended or state.finished or asking),
    )


def breathing_status(
    config: BreathingConfig,
    state: PacerState | None,
    *,
    paused: bool,
    asking: bool,
    ended: bool,
) -> PresentStatus:
    left = ""
    if state is not None and state.time_left is not None and not ended:
        left = f"{format_time_left(state.time_left)} left"
    return PresentStatus(
        title=f"Breathing · {config.pattern.name}",
        position="Breathing",
        now=state.label if state is not None and not ended else "",
        next="",
        time_left=left,
        paused=paused,
        asking=asking,
        ended=ended,
        can_move=False,
    )


# -- the controls ---------------------------------------------------------------------------


class Driver(Protocol):
    """What the controls call (a :class:`Presentation`)."""

    def next(self) -> None: ...

    def back(self) -> None: ...

    def toggle_pause(self) -> None: ...

    def request_stop(self) -> None: ...

    def keep_going(self) -> None: ...

    def confirm_stop(self) -> None: ...

    def close(self) -> None: ...

    def status(self) -> PresentStatus: ...


def panel_styles(theme: Theme, *, floating: bool) -> str:
    t = theme
    frame = (
        f"QFrame#controlPanel {{ background: {t.surface}; border: 1px solid {t.button_hover};"
        f" border-radius: 14px; }}"
        if floating
        else f"QFrame#controlPanel {{ background: {t.background}; }}"
    )
    return (
        frame
        + f"""
QFrame#controlPanel QLabel {{ background: transparent; }}
QLabel#controlTitle {{ font-size: {BASE_PT + 2}pt; color: {t.text}; }}
QLabel#controlLeft, QLabel#controlPosition, QLabel#controlHint {{
    color: {t.muted}; font-size: {SMALL_PT}pt;
}}
QLabel#controlNow {{ color: {t.text}; }}
QLabel#controlNext {{ color: {t.muted}; }}
"""
    )


class ControlPanel(QFrame):
    """Back, pause, next and stop, the time left, what comes next and the volume.

    ``floating`` panels sit over the practice itself: their buttons never take the keyboard
    focus, so the keys keep reaching the practice.
    """

    def __init__(
        self,
        driver: Driver,
        theme: Theme = DARK,
        *,
        sound: SoundController | None = None,
        floating: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("controlPanel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(panel_styles(theme, floating=floating))
        self._driver = driver
        self._floating = floating
        self._shown: PresentStatus | None = None

        self.title = QLabel("")
        self.title.setObjectName("controlTitle")
        self.time_left = QLabel("")
        self.time_left.setObjectName("controlLeft")
        self.time_left.setAccessibleName("Time left")
        self.position = QLabel("")
        self.position.setObjectName("controlPosition")
        self.now = QLabel("")
        self.now.setObjectName("controlNow")
        self.now.setWordWrap(True)
        self.now.setAccessibleName("The step showing now")
        self.coming = QLabel("")
        self.coming.setObjectName("controlNext")
        self.coming.setWordWrap(True)
        self.coming.setAccessibleName("What comes next")
        for label in (self.now, self.coming):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        self.back_button = self._button("Back", "Go back to the previous step", driver.back)
        self.pause_button = self._button("Pause", "Pause the practice", driver.toggle_pause)
        self.next_button = self._button("Next", "Move on to the next step", driver.next)
        self.stop_button = self._button("Stop", "Ask to stop the practice", driver.request_stop)
        self.keep_button = self._button("Keep going", "Keep going", driver.keep_going)
        self.keep_button.setObjectName("primary")
        self.stop_here_button = self._button("Stop here", "Stop here", driver.confirm_stop)
        self.close_button = self._button("Close", "Close the presentation", driver.close)
        self.close_button.setObjectName("primary")
        self.volume = VolumeControl(sound, theme)
        if floating:  # usable with the mouse; the keys stay with the practice
            self.volume.switch.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.volume.slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hint = QLabel(CONTROL_HINT)
        self.hint.setObjectName("controlHint")

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.time_left, 0, Qt.AlignmentFlag.AlignRight)
        buttons = scaffold.button_row(
            self.back_button,
            self.pause_button,
            self.next_button,
            self.stop_button,
            self.keep_button,
            self.stop_here_button,
            self.close_button,
            spacing=10,
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 16, 22, 14)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.position)
        layout.addWidget(self.now)
        layout.addWidget(self.coming)
        layout.addSpacing(6)
        layout.addLayout(buttons)
        layout.addSpacing(4)
        layout.addWidget(self.volume)
        layout.addWidget(self.hint)
        self.refresh()

    def _button(self, text: str, name: str, slot: Callable[[], None]) -> QPushButton:
        button = scaffold.button(text, name, slot)
        if self._floating:
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return button

    def refresh(self) -> None:
        status = self._driver.status()
        if status == self._shown:
            return
        self._shown = status
        self.title.setText(status.title)
        self.time_left.setText(status.time_left)
        self.position.setText(
            f"{status.position} · paused" if status.paused and not status.ended else status.position
        )
        if status.ended:
            self.now.setText(ENDED_TEXT)
            self.coming.setText("")
        elif status.asking:
            self.now.setText(ASKING_TEXT)
            self.coming.setText("")
        else:
            self.now.setText(status.now)
            self.coming.setText(f"Next: {status.next}" if status.next else "")
        self.coming.setVisible(bool(self.coming.text()))
        # Over the practice itself the step's words are already there to read.
        self.now.setVisible(not self._floating or status.ended or status.asking)
        going = not status.ended and not status.asking
        for b in (self.back_button, self.next_button):
            b.setVisible(going and status.position != "Breathing")
            b.setEnabled(status.can_move)
        self.pause_button.setVisible(going)
        self.pause_button.setText("Carry on" if status.paused else "Pause")
        self.pause_button.setAccessibleName(
            "Carry on with the practice" if status.paused else "Pause the practice"
        )
        self.stop_button.setVisible(going)
        self.keep_button.setVisible(status.asking and not status.ended)
        self.stop_here_button.setVisible(status.asking and not status.ended)
        self.close_button.setVisible(status.ended)
        self.hint.setText(CONTROL_HINT if status.position != "Breathing" else BREATHING_HINT)


class ControlWindow(QWidget):
    """The therapist's small window: the control panel, with Space, Esc and the arrows."""

    def __init__(
        self, driver: Driver, theme: Theme = DARK, *, sound: SoundController | None = None
    ):
        super().__init__(None)
        self.setObjectName("screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.setStyleSheet(stylesheet(theme))
        self.setWindowTitle(f"Controls — {driver.status().title}")
        # Above the app's own window, which shares the therapist's screen.
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self._driver = driver
        self._closing_by_driver = False
        self.panel = ControlPanel(driver, theme, sound=sound)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.panel)
        self.resize(*CONTROL_SIZE)
        self.keys = _shortcuts(self, driver, arrows=True)

    def close_quietly(self) -> None:
        self._closing_by_driver = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing the controls ends the presentation too: nothing would be left to steer it.
        if not self._closing_by_driver:
            self._driver.close()
        super().closeEvent(event)


def _shortcuts(window: QWidget, driver: Driver, *, arrows: bool) -> list[QShortcut]:
    made = []
    keys: list[tuple[Qt.Key, Callable[[], None]]] = [
        (Qt.Key.Key_Escape, driver.request_stop),
        (Qt.Key.Key_Space, driver.toggle_pause),
    ]
    if arrows:
        keys += [(Qt.Key.Key_Right, driver.next), (Qt.Key.Key_Left, driver.back)]
    for key, slot in keys:
        shortcut = QShortcut(QKeySequence(key), window)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.setAutoRepeat(False)
        shortcut.activated.connect(slot)
        made.append(shortcut)
    return made


# -- the client's screen --------------------------------------------------------------------


class StopAsk(QFrame):
    """The gentle "stop here?" for a breathing practice (the exercise screen has its own)."""

    def __init__(self, driver: Driver, theme: Theme, scale: float, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("stopAsk")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        t = theme
        self.setStyleSheet(
            f"QFrame#stopAsk {{ background: {t.background}; }}"
            f" QLabel#askTitle {{ font-size: {round(PROMPT_PT * scale)}pt; color: {t.text}; }}"
            f" QLabel#askText {{ color: {t.muted}; }}"
        )
        title = QLabel(exercise_ui.STOP_TITLE)
        title.setObjectName("askTitle")
        text = QLabel(BREATHING_STOP_TEXT)
        text.setObjectName("askText")
        for label in (title, text):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
        self.keep_button = QPushButton("Keep going")
        self.keep_button.setObjectName("primary")
        self.keep_button.clicked.connect(driver.keep_going)
        self.stop_button = QPushButton("Stop here")
        self.stop_button.clicked.connect(driver.confirm_stop)
        for button in (self.keep_button, self.stop_button):
            button.setAutoDefault(True)  # Enter presses the focused one
        hint = QLabel(exercise_ui.STOP_HINT)
        hint.setObjectName("hint")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.keep_button)
        row.addSpacing(16)
        row.addWidget(self.stop_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setSpacing(18)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addSpacing(10)
        layout.addLayout(row)
        layout.addWidget(hint)
        layout.addStretch(1)
        self.hide()


def present_overrides(scale: float) -> str:
    """Type for the client's screen: the practice's own sizes times ``scale``."""

    def pt(size: float) -> int:
        return max(1, round(size * scale))

    return f"""
QWidget {{ font-size: {pt(BASE_PT)}pt; }}
QLabel#hint {{ font-size: {pt(SMALL_PT)}pt; }}
QLabel#title {{ font-size: {pt(TITLE_PT)}pt; }}
QLabel#phase {{ font-size: {pt(PHASE_PT)}pt; }}
QLabel#count {{ font-size: {pt(COUNT_PT)}pt; }}
QLabel#steptext {{ font-size: {pt(STEP_TEXT_PT * 1.1)}pt; }}
QLabel#breathword {{ font-size: {pt(BREATH_WORD_PT)}pt; }}
QLabel#prompt {{ font-size: {pt(PROMPT_PT)}pt; }}
QLabel#paused {{ font-size: {pt(BASE_PT + 2)}pt; }}
"""


class PresentationWindow(QWidget):
    """The client's screen: the practice alone, full screen, in the present palette.

    ``floating`` adds the control panel over the bottom of the practice (one screen only); it
    shows while there is activity and hides after :data:`IDLE_S` seconds, as the pointer does.
    """

    def __init__(
        self,
        content: QWidget,
        driver: Driver,
        clock: Clock,
        *,
        theme: Theme = PRESENT,
        scale: float = 1.0,
        floating: bool = False,
        sound: SoundController | None = None,
        panel_theme: Theme = DARK,
    ) -> None:
        super().__init__(None)
        self.setObjectName("screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(stylesheet(theme) + present_overrides(scale))
        self.setWindowTitle(driver.status().title)
        self.content = content
        self.scale = scale
        self._clock = clock
        self._driver = driver
        self._last_activity = clock.now()
        self._idle = False
        self._closing_by_driver = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(content)
        self.ask = StopAsk(driver, theme, scale, self)
        self.overlay: ControlPanel | None = None
        if floating:
            self.overlay = ControlPanel(
                driver, panel_theme, sound=sound, floating=True, parent=self
            )
            self.overlay.hide()
        self.keys = _shortcuts(self, driver, arrows=False)
        self._idle_timer = QTimer(self)
        self._idle_timer.setInterval(IDLE_CHECK_MS)
        self._idle_timer.timeout.connect(self.check_idle)
        self._watched: QObject | None = None

    # -- activity and idleness ----------------------------------------------------------------

    @property
    def idle(self) -> bool:
        return self._idle

    @property
    def pointer_hidden(self) -> bool:
        return self.cursor().shape() == Qt.CursorShape.BlankCursor

    def start_watching(self) -> None:
        """Watch the window for mouse movement and keys (from when it is shown)."""
        handle = self.windowHandle()
        if handle is not None and self._watched is not handle:
            handle.installEventFilter(self)
            self._watched = handle
        self._idle_timer.start()
        self.activity()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (
            QEvent.Type.MouseMove,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.KeyPress,
            QEvent.Type.Wheel,
        ):
            self.activity()
        return False

    def activity(self) -> None:
        """The mouse moved or a key was pressed: show the pointer (and the controls)."""
        self._last_activity = self._clock.now()
        if self._idle:
            self._idle = False
            self.unsetCursor()
        overlay = self.overlay
        if overlay is not None and not overlay.isVisible():
            self._place_overlay()
            overlay.refresh()
            overlay.show()
            overlay.raise_()

    def check_idle(self) -> None:
        """The timer's slot: after :data:`IDLE_S` without activity, hide the pointer and the
        floating controls (the practice's own "stop here?" and closing words have buttons)."""
        if self.overlay is not None and self.overlay.isVisible():
            self.overlay.refresh()
        if self._idle or self._clock.now() - self._last_activity < IDLE_S:
            return
        self._idle = True
        self.setCursor(QCursor(Qt.CursorShape.BlankCursor))
        if self.overlay is not None:
            self.overlay.hide()

    def _place_overlay(self) -> None:
        overlay = self.overlay
        if overlay is None:
            return
        width = min(OVERLAY_WIDTH, self.width() - 48)
        overlay.setFixedWidth(max(320, width))
        overlay.adjustSize()
        x = (self.width() - overlay.width()) // 2
        y = self.height() - overlay.height() - 32
        overlay.move(max(0, x), max(0, y))

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.ask.setGeometry(self.rect())
        if self.overlay is not None and self.overlay.isVisible():
            self._place_overlay()
        super().resizeEvent(event)

    def show_ask(self, on: bool) -> None:
        self.ask.setGeometry(self.rect())
        self.ask.setVisible(on)
        if on:
            self.ask.raise_()
            self.ask.keep_button.setFocus(Qt.FocusReason.OtherFocusReason)
            if self.overlay is not None and self.overlay.isVisible():
                self.overlay.raise_()

    def close_quietly(self) -> None:
        self._closing_by_driver = True
        self._idle_timer.stop()
        if self._watched is not None:
            self._watched.removeEventFilter(self)
            self._watched = None
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing_by_driver:
            self._driver.close()
        super().closeEvent(event)


# -- the whole presentation ---------------------------------------------------------------


def _put_away(widgets: list[QWidget], holder: QWidget) -> None:
    """Take a screen's own buttons and hints out of sight for good: they move into a holder
    that is never shown, so the screen showing or hiding them changes nothing."""
    for w in widgets:
        w.setParent(holder)


class Presentation(QObject):
    """One practice presented: the client's window, the controls, and what they do.

    Build it with :func:`present`; ``closed`` is emitted once when it ends (the practice stopped
    or finished and was left, or a window was closed).
    """

    closed = Signal()

    def __init__(
        self,
        content: ExerciseScreen | BreathingScreen,
        clock: Clock,
        *,
        present_screen: QScreen | None = None,
        control_screen: QScreen | None = None,
        separate_controls: bool = True,
        sound: SoundController | None = None,
        theme: Theme = PRESENT,
        control_theme: Theme = DARK,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.content = content
        self.clock = clock
        self._asking = False  # a breathing practice's "stop here?"
        self._resume_after_ask = False
        self._closed = False
        height = present_screen.geometry().height() if present_screen is not None else 800
        self.scale = scale_for(height)
        self._holder = QWidget()
        self._holder.hide()
        self._fit_content(theme)
        self.view = PresentationWindow(
            content,
            self,
            clock,
            theme=theme,
            scale=self.scale,
            floating=not separate_controls,
            sound=sound,
            panel_theme=control_theme,
        )
        self.controls: ControlWindow | None = None
        if separate_controls:
            self.controls = ControlWindow(self, control_theme, sound=sound)
        self._present_screen = present_screen
        self._control_screen = control_screen
        content.closed.connect(self.close)
        self._refresh = QTimer(self)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self.refresh)
        app = QGuiApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close)
        if isinstance(parent, QWidget):
            parent.installEventFilter(self)  # the app's window closing ends it too

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close and watched is self.parent():
            self.close()
        return False

    def _fit_content(self, theme: Theme) -> None:
        content = self.content
        scale = self.scale
        # A screen's own volume control belongs with the therapist's controls, not the client.
        _put_away(list(content.findChildren(VolumeControl)), self._holder)
        if isinstance(content, ExerciseScreen):
            _put_away([content.controls, content.hint_label, content.progress_label], self._holder)
            content.paused_label.setText(PAUSED_PRESENT)
            # The screen's own sheet sets its type; the same rules, larger, come after it.
            content.setStyleSheet(content.styleSheet() + present_overrides(scale))
            for label in content.findChildren(QLabel):
                if label.maximumWidth() == exercise_ui.STEP_TEXT_WIDTH:
                    label.setMaximumWidth(round(exercise_ui.STEP_TEXT_WIDTH * scale))
            content.disc.setMaximumHeight(round(exercise_ui.DISC_MAX_HEIGHT * scale))
            content.progress_line.setFixedWidth(round(420 * scale))
        else:
            _put_away(
                [
                    content.pause_button,
                    content.stop_button,
                    content.hint_label,
                    content.time_left_label,
                ],
                self._holder,
            )
            # The same largest shape as in an exercise: calm, never filling the whole screen.
            content.disc.setMaximumHeight(round(exercise_ui.DISC_MAX_HEIGHT * scale))

    # -- opening and closing --------------------------------------------------------------------

    def show(self) -> None:
        """Put the windows on their screens and begin the practice."""
        view = self.view
        if self._present_screen is not None:
            view.setScreen(self._present_screen)
            view.setGeometry(self._present_screen.geometry())
        view.showFullScreen()
        view.start_watching()
        if self.controls is not None:
            if self._control_screen is not None:
                self.controls.setScreen(self._control_screen)
                area = self._control_screen.availableGeometry()
                self.controls.move(
                    area.x() + (area.width() - self.controls.width()) // 2,
                    area.y() + (area.height() - self.controls.height()) // 2,
                )
            self.controls.show()
            self.controls.raise_()
            self.controls.activateWindow()
        else:
            view.activateWindow()
        self.content.setFocus(Qt.FocusReason.OtherFocusReason)
        self.content.start()
        self._refresh.start()
        self.refresh()

    def close(self) -> None:
        """End the presentation (the practice stops if it is still going)."""
        if self._closed:
            return
        self._closed = True
        self._refresh.stop()
        self.content.stop()  # ends the run if it is still going; answers are kept
        self.view.close_quietly()
        if self.controls is not None:
            self.controls.close_quietly()
        self._holder.deleteLater()
        self.closed.emit()
        self.view.deleteLater()
        if self.controls is not None:
            self.controls.deleteLater()

    @property
    def is_closed(self) -> bool:
        return self._closed

    # -- reading -----------------------------------------------------------------------------

    def status(self) -> PresentStatus:
        content = self.content
        if isinstance(content, ExerciseScreen):
            return exercise_status(
                content.exercise,
                content.state,
                asking=content.mode == "prompt",
                ended=content.finished or self._closed,
            )
        return breathing_status(
            content.config,
            content.state,
            paused=content.paused,
            asking=self._asking,
            ended=content.finished or self._closed,
        )

    def refresh(self) -> None:
        if self._closed:
            return
        if self.controls is not None:
            self.controls.panel.refresh()
        overlay = self.view.overlay
        if overlay is not None and overlay.isVisible():
            overlay.refresh()

    # -- actions -------------------------------------------------------------------------------

    def next(self) -> None:
        if isinstance(self.content, ExerciseScreen):
            self.content.next()
        self.refresh()

    def back(self) -> None:
        if isinstance(self.content, ExerciseScreen):
            self.content.back()
        self.refresh()

    def toggle_pause(self) -> None:
        content = self.content
        if isinstance(content, BreathingScreen) and self._asking:
            self.keep_going()
            return
        content.toggle_pause()
        self.refresh()

    def request_stop(self) -> None:
        """Esc: the gentle "stop here?" first; a second Esc stops. After the end, it closes."""
        content = self.content
        if isinstance(content, ExerciseScreen):
            content.request_stop()  # closes (and so ends the presentation) once confirmed
        elif content.finished:
            self.close()
        elif self._asking:
            self.confirm_stop()
        else:
            self._asking = True
            self._resume_after_ask = not content.paused
            if not content.paused:
                content.pause()
            self.view.show_ask(True)
        self.refresh()

    def keep_going(self) -> None:
        content = self.content
        if isinstance(content, ExerciseScreen):
            content.keep_going()
        elif self._asking:
            self._asking = False
            self.view.show_ask(False)
            if self._resume_after_ask:
                content.resume()
        self.refresh()

    def confirm_stop(self) -> None:
        content = self.content
        if isinstance(content, ExerciseScreen):
            content.confirm_stop()
        else:
            self._asking = False
            content.stop()  # closes the presentation through the screen's closed signal
        self.refresh()


def present(
    target: Exercise | BreathingConfig,
    clock: Clock,
    *,
    screen: int | None = None,
    events: PracticeEvents | None = None,
    sound: SoundController | None = None,
    on_breathing: Callable[[BreathingScreen, BreathingConfig], object] | None = None,
    reduced_motion: bool = False,
    parent: QObject | None = None,
) -> Presentation:
    """Open ``target`` in presentation mode on screen number ``screen`` (see
    :func:`~kapcompanion.ui.presentation.screens.plan_screens`). ``events`` is the practice hub
    the exercise reports to; ``on_breathing(screen, config)`` lets the app log a breathing
    practice. Raises :class:`~kapcompanion.ui.presentation.screens.ScreenChoiceError`."""
    plan: ScreenPlan = plan_screens(current_screens(), screen)
    screens = QGuiApplication.screens()
    present_screen = screens[plan.present]
    control_screen = screens[plan.control] if plan.control is not None else None
    content: ExerciseScreen | BreathingScreen
    if isinstance(target, Exercise):
        content = ExerciseScreen(
            target, clock, PRESENT, events=events, reduced_motion=reduced_motion
        )
    else:
        content = BreathingScreen(target, clock, PRESENT, events=events)
    presentation = Presentation(
        content,
        clock,
        present_screen=present_screen,
        control_screen=control_screen,
        separate_controls=control_screen is not None,
        sound=sound,
        parent=parent,
    )
    presentation.show()
    if (
        on_breathing is not None
        and isinstance(content, BreathingScreen)
        and isinstance(target, BreathingConfig)
    ):
        on_breathing(content, target)
    return presentation


@dataclass(frozen=True)
class PresentRequest:
    """What ``kapcompanion present`` asked for: an exercise or a breathing practice, and the
    screen number (None: the usual choice, see :func:`plan_screens`)."""

    target: Exercise | BreathingConfig
    screen: int | None = None


def open_presentation(
    window: PresentationHost,
    target: Exercise | BreathingConfig,
    screen: int | None = None,
    *,
    reduced_motion: bool = False,
) -> Presentation:
    """Present ``target`` from the app's main window: the exercise reports to its practice hub
    (so the log, the sound and the voices follow it), a breathing practice is logged as from
    home, and the volume controls follow the app's sound. A presentation already open is
    closed first."""
    parent = window.window()
    for running in parent.findChildren(Presentation):
        running.close()
    return present(
        target,
        window.clock,
        screen=screen,
        events=window.practice,
        sound=window.sound,
        reduced_motion=reduced_motion,
        parent=parent,
    )
