"""Presentation mode: the practice large and quiet on the client's screen, its controls with the
therapist.

A :class:`Presentation` shows an ordinary practice screen (an exercise or a breathing practice,
not a copy) full screen on a chosen screen (:class:`~.window.PresentationWindow`), in the dimmed
:data:`~kapcompanion.ui.shell.theme.PRESENT` palette with type scaled to the screen's size, and
with the screen's own buttons and key hints put away. The controls
(:mod:`~kapcompanion.ui.presentation.controls`) live elsewhere:

- with two or more screens, a small control window on the therapist's screen: back, pause,
  next, stop, the time left, the volume, and the first words of the step that comes next;
- with one screen, the same controls float over the bottom of the practice while the mouse
  moves or a key is pressed and fade from view after a few seconds; the mouse pointer hides too.

With two screens, keys 1-9 in the control window offer a grounding cue
(:mod:`~kapcompanion.domain.cues`) on the client's screen over whatever runs; 0 lets it fade.

Space pauses and Esc asks "stop here?" (a second Esc stops) in both windows, always. The
presentation knows a practice only as a
:class:`~kapcompanion.ui.practice.presented.PresentedPractice`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

from kapcompanion.domain.breathing_config import BreathingConfig
from kapcompanion.domain.clock import Clock
from kapcompanion.domain.cues import Cue, cue_keys
from kapcompanion.domain.present_status import PresentStatus
from kapcompanion.domain.present_status import first_words as first_words  # the editor's preview
from kapcompanion.domain.scripts import Exercise
from kapcompanion.domain.together import TogetherPace
from kapcompanion.i18n import N_, _
from kapcompanion.services.events import PracticeEvents
from kapcompanion.storage.library import load_builtin
from kapcompanion.ui.breathing.presented import BreathingPresented
from kapcompanion.ui.breathing.screen import BreathingScreen
from kapcompanion.ui.exercise.presented import ExercisePresented
from kapcompanion.ui.exercise.screen import ExerciseScreen
from kapcompanion.ui.practice.look import scale_for
from kapcompanion.ui.practice.presented import PresentedPractice
from kapcompanion.ui.presentation.controls import PREVIEW_SIZE, ControlWindow
from kapcompanion.ui.presentation.screens import ScreenPlan, current_screens, plan_screens
from kapcompanion.ui.presentation.take_home import TakeHomeDialog
from kapcompanion.ui.presentation.together import TogetherPresented
from kapcompanion.ui.presentation.window import PresentationWindow
from kapcompanion.ui.shell.sound_output import SoundController
from kapcompanion.ui.shell.theme import DARK, PRESENT, Theme

if TYPE_CHECKING:
    from kapcompanion.ui.shell.hosts import PresentationHost

#: What the therapist can step into from any step of a presented practice and come back from:
#: its name, and the built-in exercise (None: breathing together).
GROUNDINGS: tuple[tuple[str, str | None], ...] = (
    (N_("Orienting to the room"), "orienting"),
    (N_("Weight and contact"), "weight-and-contact"),
    (N_("Breathing together"), None),
)

#: The key under which the closing practice keeps the client's first words.
FIRST_WORDS_KEY = "first-words"

#: How often the controls look at the practice (ms).
REFRESH_MS = 250
#: How often the therapist's picture of the client's screen is taken again (seconds).
PREVIEW_EVERY_S = 1.0

#: Opens Help over a widget's window; the second argument pauses the practice and says whether
#: it did (the main window's ``help_over``).
HelpOpener = Callable[[QWidget, Callable[[], bool]], object]


class Presentation(QObject):
    """One practice presented: the client's window, the controls, and what they do.

    Build it with :func:`present`; ``closed`` is emitted once when it ends (the practice stopped
    or finished and was left, or a window was closed).
    """

    closed = Signal()

    def __init__(
        self,
        practice: PresentedPractice,
        clock: Clock,
        *,
        present_screen: QScreen | None = None,
        control_screen: QScreen | None = None,
        separate_controls: bool = True,
        sound: SoundController | None = None,
        theme: Theme = PRESENT,
        control_theme: Theme = DARK,
        help_over: HelpOpener | None = None,
        cues: Mapping[int, Cue] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.practice = practice
        #: The cue each key (1-9) offers with two screens.
        self.cues = dict(cues) if cues is not None else cue_keys()
        self._help_over = help_over
        #: The practice screen shown on the client's screen.
        self.content = practice.content
        self.clock = clock
        self._closed = False
        self._preview_at: float | None = None
        #: The practice stepped out of (waiting, paused) while a grounding one runs, and
        #: whether it was already paused then.
        self._outer: tuple[PresentedPractice, bool] | None = None
        height = present_screen.geometry().height() if present_screen is not None else 800
        self.scale = scale_for(height)
        practice.present_at(self.scale, asks_elsewhere=separate_controls)
        self._separate = separate_controls
        self.view = PresentationWindow(
            self.content,
            self,
            clock,
            theme=theme,
            scale=self.scale,
            floating=not separate_controls,
            sound=sound,
            panel_theme=control_theme,
        )
        self.controls: ControlWindow | None = None
        self._control_theme = control_theme
        if separate_controls:
            extra = practice.therapist_panel(control_theme)
            self.controls = ControlWindow(self, control_theme, sound=sound, extra=extra)
        self._present_screen = present_screen
        self._control_screen = control_screen
        practice.closed.connect(self._practice_left)
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
                self.controls.fit_to(area)
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
        self.practice.start()
        self._refresh.start()
        self.refresh()

    def close(self) -> None:
        """End the presentation (the practice stops if it is still going; answers are kept)."""
        self._close(stop_practice=True)

    def _practice_left(self) -> None:
        self._close(stop_practice=False)  # it has stopped or ended already

    def _close(self, *, stop_practice: bool) -> None:
        if self._closed:
            return
        self._closed = True
        self._refresh.stop()
        if self._outer is not None:  # a grounding practice stepped into: both end
            inner, (outer, _paused) = self.practice, self._outer
            self._outer = None
            inner.stop()
            self.practice = outer
            stop_practice = True
        if stop_practice:
            self.practice.stop()
        self.view.close_quietly()
        if self.controls is not None:
            self.controls.close_quietly()
        self.closed.emit()
        self.view.deleteLater()
        if self.controls is not None:
            self.controls.deleteLater()

    @property
    def is_closed(self) -> bool:
        return self._closed

    # -- reading -----------------------------------------------------------------------------

    def status(self) -> PresentStatus:
        return self.practice.status(closed=self._closed)

    def refresh(self) -> None:
        if self._closed:
            return
        if self.controls is not None:
            self.controls.panel.refresh()
            status = self.status()
            # Paused or asked "stop here?" on the therapist's side: the client's screen keeps
            # its words, quietly dimmed.
            self.view.rest(status.paused and not status.ended)
            now = self.clock.now()
            if self._preview_at is None or now - self._preview_at >= PREVIEW_EVERY_S:
                self._preview_at = now
                self.controls.panel.show_preview(self.view.snapshot(PREVIEW_SIZE))
        overlay = self.view.overlay
        if overlay is not None and overlay.isVisible():
            overlay.refresh()

    # -- actions -------------------------------------------------------------------------------

    def next(self) -> None:
        self.practice.next()
        self.refresh()

    def back(self) -> None:
        self.practice.back()
        self.refresh()

    def toggle_pause(self) -> None:
        self.practice.toggle_pause()
        self.refresh()

    def request_stop(self) -> None:
        """Esc: the gentle "stop here?" first; a second Esc stops. After the end, it closes."""
        self.practice.request_stop()
        self.refresh()

    def keep_going(self) -> None:
        self.practice.keep_going()
        self.refresh()

    def confirm_stop(self) -> None:
        self.practice.confirm_stop()  # the practice leaves, which closes the presentation
        self.refresh()

    def open_help(self, over: QWidget) -> None:
        """F1 or Help: Help opens over ``over``'s window, which is the therapist's control
        window when there are two screens, so the client's screen stays as it is."""
        if self._help_over is not None and not self._closed:
            self._help_over(over, self._pause_for_help)

    # -- stepping into a grounding practice and back ------------------------------------------

    @property
    def stepped_in(self) -> bool:
        """A grounding practice runs in place of the presented one, which waits."""
        return self._outer is not None

    @property
    def outer_title(self) -> str:
        """The title of the practice that waits (empty when none does)."""
        return self._outer[0].status(closed=False).title if self._outer is not None else ""

    def step_into(self, inner: PresentedPractice) -> None:
        """Pause the practice and show ``inner`` in its place on the client's screen; when
        ``inner`` ends (or :meth:`step_back`), the practice comes back at the same step and
        time, paused again only if it was paused before."""
        if self._closed or self._outer is not None or self.status().ended:
            return
        outer = self.practice
        was_paused = self.status().paused
        if not was_paused:
            outer.toggle_pause()
        self._outer = (outer, was_paused)
        inner.present_at(self.scale, asks_elsewhere=self._separate)
        inner.closed.connect(self.step_back)
        self._show(inner)
        inner.start()

    def groundings(self) -> list[str]:
        """What the therapist can step into from any step, by name."""
        return [_(name) for name, _ref in GROUNDINGS]

    def step_into_grounding(self, index: int) -> None:
        """Step into grounding number ``index`` of :meth:`groundings` (silent, not logged)."""
        if not 0 <= index < len(GROUNDINGS) or self._outer is not None:
            return
        _title, ref = GROUNDINGS[index]
        inner: PresentedPractice
        if ref is None:
            inner = TogetherPresented(self.clock)
        else:
            exercise = {e.id: e for e in load_builtin()[0]}[ref]
            inner = ExercisePresented(ExerciseScreen(exercise, self.clock, PRESENT))
        self.step_into(inner)

    def step_back(self) -> None:
        """Back from the grounding practice to the one that waited."""
        if self._outer is None or self._closed:
            return
        inner, (outer, was_paused) = self.practice, self._outer
        self._outer = None
        inner.closed.disconnect(self.step_back)
        inner.stop()
        self._show(outer)
        if not was_paused and self.status().paused:
            outer.toggle_pause()
        inner.content.deleteLater()

    def _show(self, practice: PresentedPractice) -> None:
        self.practice = practice
        self.content = practice.content
        self.view.show_content(practice.content)
        if self.controls is not None:
            self.controls.panel.set_extra(practice.therapist_panel(self._control_theme))
        self.refresh()

    # -- the take-home card -------------------------------------------------------------------

    def take_home(self, over: QWidget) -> TakeHomeDialog:
        """The take-home card's dialog over ``over`` (the therapist's window), with the
        client's first words from a closing practice offered, not yet chosen."""
        practice = self._outer[0] if self._outer is not None else self.practice
        words = ""
        if isinstance(practice, ExercisePresented):
            typed = practice.screen.runner.answers.get(FIRST_WORDS_KEY, "")
            words = typed if isinstance(typed, str) else ""
        dialog = TakeHomeDialog(
            load_builtin()[0],
            first_words=words,
            theme=self._control_theme,
            today=date.today(),
            parent=over.window(),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.open()
        return dialog

    def offer_cue(self, number: int) -> None:
        """Key ``number`` (1-9): its cue on the client's screen, in place of any other."""
        cue = self.cues.get(number)
        if self._closed or cue is None:
            return
        self.view.cue.offer(cue)
        self.refresh()

    def take_away_cue(self) -> None:
        """Key 0: the cue on the client's screen fades now."""
        self.view.cue.take_away()
        self.refresh()

    def showing_cue(self) -> Cue | None:
        return self.view.cue.showing

    def _pause_for_help(self) -> bool:
        status = self.status()
        if status.ended:
            return False
        if not status.paused:
            self.toggle_pause()
        return True


def present(
    target: Exercise | BreathingConfig | TogetherPace,
    clock: Clock,
    *,
    screen: int | None = None,
    events: PracticeEvents | None = None,
    sound: SoundController | None = None,
    on_breathing: Callable[[BreathingScreen, BreathingConfig], object] | None = None,
    reduced_motion: bool = False,
    help_over: HelpOpener | None = None,
    cues: Mapping[int, Cue] | None = None,
    keep: bool = False,
    parent: QObject | None = None,
) -> Presentation:
    """Open ``target`` in presentation mode on screen number ``screen`` (see
    :func:`~kapcompanion.ui.presentation.screens.plan_screens`). ``events`` is the practice hub
    the practice reports to (the sound and voices follow it); the practice is the client's,
    not kept in this app's log nor offered again from its home, unless ``keep``.
    ``on_breathing(screen, config)`` lets the app follow a breathing practice.
    Raises :class:`~kapcompanion.ui.presentation.screens.ScreenChoiceError`."""
    plan: ScreenPlan = plan_screens(current_screens(), screen)
    screens = QGuiApplication.screens()
    present_screen = screens[plan.present]
    control_screen = screens[plan.control] if plan.control is not None else None
    practice: PresentedPractice
    breathing: BreathingScreen | None = None
    if isinstance(target, Exercise):
        practice = ExercisePresented(
            ExerciseScreen(target, clock, PRESENT, events=events, reduced_motion=reduced_motion)
        )
    elif isinstance(target, TogetherPace):
        practice = TogetherPresented(clock, target.bpm)
    else:
        breathing = BreathingScreen(target, clock, PRESENT, events=events)
        practice = BreathingPresented(breathing)
    presentation = Presentation(
        practice,
        clock,
        present_screen=present_screen,
        control_screen=control_screen,
        separate_controls=control_screen is not None,
        sound=sound,
        help_over=help_over,
        cues=cues,
        parent=parent,
    )
    if events is not None:
        events.keeping = keep
        hub = events

        def own_again() -> None:
            hub.keeping = True

        presentation.closed.connect(own_again)
    presentation.show()
    if on_breathing is not None and breathing is not None:
        on_breathing(breathing, breathing.config)
    return presentation


@dataclass(frozen=True)
class PresentRequest:
    """What ``kapcompanion present`` asked for: an exercise or a breathing practice, the
    screen number (None: the usual choice, see :func:`plan_screens`), and whether the practice
    is kept in the app's own log."""

    target: Exercise | BreathingConfig | TogetherPace
    screen: int | None = None
    keep: bool = False


def open_presentation(
    window: PresentationHost,
    target: Exercise | BreathingConfig | TogetherPace,
    screen: int | None = None,
    *,
    reduced_motion: bool = False,
    cues: Mapping[int, Cue] | None = None,
    keep: bool = False,
) -> Presentation:
    """Present ``target`` from the app's main window: the practice reports to its practice hub
    (so the sound and the voices follow it; the log only with ``keep``, the therapist's
    choice), the volume controls follow the app's sound, and Help opens as from the app. A
    presentation already open is closed first."""
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
        help_over=window.help_over,
        cues=cues,
        keep=keep,
        parent=parent,
    )
