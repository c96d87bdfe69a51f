"""Presentation mode's controls: back, pause, next and stop, the time left, what comes next and
the volume, in the therapist's small window or floating over the practice (one screen only).
The therapist's window also offers the grounding cues, one key each (1-9; 0 lets a cue fade).

The controls call a :class:`Driver` (the :class:`~.present.Presentation`) and show what its
:meth:`Driver.status` says; they never reach into the practice themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Protocol

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from kapcompanion.domain.cues import Cue
from kapcompanion.domain.present_status import PresentStatus
from kapcompanion.i18n import N_, _, pgettext
from kapcompanion.ui.shell import scaffold
from kapcompanion.ui.shell.sound_output import SoundController
from kapcompanion.ui.shell.theme import BASE_PT, DARK, SMALL_PT, Theme, pt, stylesheet, text_scale
from kapcompanion.ui.shell.volume import VolumeControl

CONTROL_SIZE = (760, 480)
#: The live picture of the client's screen in the therapist's window.
PREVIEW_SIZE = QSize(192, 120)

ENDED_TEXT = N_("The practice has ended. Close returns to the app.")
ASKING_TEXT = N_("Stop here? The practice rests until you choose.")
CONTROL_HINT = N_("Space pauses · Left and Right move between steps · Esc asks to stop · F1 Help")
BREATHING_HINT = N_("Space pauses · Esc asks to stop · F1 Help")
CUES_HEADING = N_("A word on the client's screen")
CUES_HINT = N_("keys 1-9 offer one, 0 lets it fade")
NO_CUE = N_("Nothing is showing now.")


class Driver(Protocol):
    """What the controls call (a :class:`~.present.Presentation`)."""

    def next(self) -> None: ...

    def back(self) -> None: ...

    def toggle_pause(self) -> None: ...

    def request_stop(self) -> None: ...

    def keep_going(self) -> None: ...

    def confirm_stop(self) -> None: ...

    def close(self) -> None: ...

    def status(self) -> PresentStatus: ...

    def open_help(self, over: QWidget) -> None:
        """Help over ``over``'s window (the therapist's controls, or the practice with one
        screen); the practice waits paused while it is open."""
        ...

    @property
    def stepped_in(self) -> bool:
        """A grounding practice runs in place of the presented one, which waits."""
        ...

    @property
    def outer_title(self) -> str: ...

    def groundings(self) -> list[str]: ...

    def step_into_grounding(self, index: int) -> None: ...

    def step_back(self) -> None: ...

    def take_home(self, over: QWidget) -> object:
        """The take-home card's dialog, over ``over``'s window."""
        ...

    @property
    def cues(self) -> Mapping[int, Cue]:
        """The cue each key (1-9) offers."""
        ...

    def offer_cue(self, number: int) -> None: ...

    def take_away_cue(self) -> None: ...

    def showing_cue(self) -> Cue | None: ...


def panel_styles(theme: Theme, *, floating: bool) -> str:
    t = theme
    frame = (
        f"QFrame#controlPanel {{ background: {t.surface}; border: 1px solid {t.button_hover};"
        f" border-radius: 14px; }}"
        if floating
        # A frame of its own: without a window manager the window would blend into home.
        else f"QFrame#controlPanel {{ background: {t.background};"
        f" border: 2px solid {t.edge_colour()}; }}"
    )
    return (
        frame
        + f"""
QFrame#controlPanel QLabel {{ background: transparent; }}
QLabel#controlTitle {{ font-size: {pt(BASE_PT + 2)}pt; color: {t.text}; }}
QLabel#controlLeft, QLabel#controlPosition, QLabel#controlHint {{
    color: {t.muted}; font-size: {pt(SMALL_PT)}pt;
}}
QLabel#controlNow {{ color: {t.text}; }}
QLabel#controlNext {{ color: {t.muted}; }}
QLabel#cueShowing {{ color: {t.text}; }}
QLabel#clientPreview {{ background: #000000; border: 1px solid {t.button_hover}; }}
QPushButton#cue {{ padding: 4px 10px; min-height: 0; }}
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
        extra: QWidget | None = None,
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
        self.title.setWordWrap(True)
        self.time_left = QLabel("")
        self.time_left.setObjectName("controlLeft")
        self.time_left.setAccessibleName(_("Time left"))
        self.position = QLabel("")
        self.position.setObjectName("controlPosition")
        self.now = QLabel("")
        self.now.setObjectName("controlNow")
        self.now.setWordWrap(True)
        self.now.setAccessibleName(_("The step showing now"))
        self.coming = QLabel("")
        self.coming.setObjectName("controlNext")
        self.coming.setWordWrap(True)
        self.coming.setAccessibleName(_("What comes next"))
        for label in (self.now, self.coming):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        self.back_button = self._button(_("Back"), _("Go back to the previous step"), driver.back)
        self.pause_button = self._button(
            pgettext("button", "Pause"), _("Pause the practice"), driver.toggle_pause
        )
        self.next_button = self._button(_("Next"), _("Move on to the next step"), driver.next)
        self.stop_button = self._button(
            pgettext("button", "Stop"), _("Ask to stop the practice"), driver.request_stop
        )
        self.keep_button = self._button(_("Keep going"), _("Keep going"), driver.keep_going)
        self.keep_button.setObjectName("primary")
        self.stop_here_button = self._button(_("Stop here"), _("Stop here"), driver.confirm_stop)
        self.close_button = self._button(_("Close"), _("Close the presentation"), driver.close)
        self.close_button.setObjectName("primary")
        self.help_button = self._button(
            _("Help"), _("Help: your people and crisis lines (F1)"), self._open_help
        )
        self.volume = VolumeControl(sound, theme)
        if floating:  # usable with the mouse; the keys stay with the practice
            self.volume.switch.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.volume.slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hint = QLabel(_(CONTROL_HINT))
        self.hint.setObjectName("controlHint")
        self.hint.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.time_left, 0, Qt.AlignmentFlag.AlignRight)
        top.addSpacing(12)
        top.addWidget(self.help_button)
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
        self.into_button = scaffold.button(
            _("Step into"), _("Step into a grounding practice and come back to this step")
        )
        menu = QMenu(self.into_button)
        for index, name in enumerate(driver.groundings()):
            menu.addAction(name, partial(driver.step_into_grounding, index))
        self.into_button.setMenu(menu)
        self.back_to_button = self._button("", "", driver.step_back)
        self.card_button = self._button(
            _("Take-home card"), _("Make a take-home card for the client"), self._take_home
        )
        # A row of their own, so the main buttons fit a narrow window at large text.
        more = scaffold.button_row(
            self.into_button, self.back_to_button, self.card_button, spacing=10
        )

        #: A small live picture of the client's screen (two screens only).
        self.preview = QLabel()
        self.preview.setObjectName("clientPreview")
        self.preview.setAccessibleName(_("What the client's screen shows"))
        self.preview.setFixedSize(PREVIEW_SIZE)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        words = QVBoxLayout()
        words.setSpacing(6)
        words.addWidget(self.position)
        words.addWidget(self.now)
        words.addWidget(self.coming)
        words.addStretch(1)
        middle = QHBoxLayout()
        middle.setSpacing(16)
        middle.addLayout(words, 1)
        if not floating:  # over the practice itself, the practice is there to see
            middle.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignTop)
        else:
            self.preview.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 16, 22, 14)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(middle)
        layout.addSpacing(6)
        layout.addLayout(buttons)
        if not floating:  # with one screen, the practice's own keys are enough
            layout.addLayout(more)
        #: What the practice adds for the therapist (breathing together: tap, pace, quiet).
        self.extra: QWidget | None = None
        self._extra_at = layout.count()
        self.set_extra(extra)
        self.cue_buttons: list[QPushButton] = []
        self.cue_showing = QLabel(_(NO_CUE))
        if not floating:  # cues are for a client on another screen
            layout.addSpacing(6)
            layout.addWidget(self._cue_grid(driver))
        layout.addSpacing(4)
        layout.addWidget(self.volume)
        layout.addWidget(self.hint)
        layout.addStretch(1)  # room to spare goes below, never between the parts
        self.refresh()

    def _cue_grid(self, driver: Driver) -> QWidget:
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        heading = QLabel(f"{_(CUES_HEADING)} · {_(CUES_HINT)}")
        heading.setObjectName("controlHint")
        heading.setWordWrap(True)
        # Three to a row, two with large text, so the window never needs to be wider.
        cols = 2 if text_scale() > 1.25 else 3
        grid.addWidget(heading, 0, 0, 1, cols)
        for n, cue in sorted(driver.cues.items()):
            button = scaffold.button(
                f"{n}  {cue.name}",
                _("Show on the client's screen: {words}").format(words=cue.words),
                None,
            )
            button.setObjectName("cue")
            button.clicked.connect(partial(driver.offer_cue, n))
            grid.addWidget(button, 1 + (n - 1) // cols, (n - 1) % cols)
            self.cue_buttons.append(button)
        self.cue_showing.setObjectName("cueShowing")
        self.cue_showing.setWordWrap(True)
        self.cue_showing.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.cue_showing.setAccessibleName(_("The cue on the client's screen"))
        grid.addWidget(self.cue_showing, 6, 0, 1, cols)
        for col in range(cols):
            grid.setColumnStretch(col, 1)
        return box

    def _button(self, text: str, name: str, slot: Callable[[], None]) -> QPushButton:
        button = scaffold.button(text, name, slot)
        if self._floating:
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return button

    def set_extra(self, extra: QWidget | None) -> None:
        """Show what the practice now presented adds for the therapist (None: nothing)."""
        layout = self.layout()
        if self.extra is not None:
            self.extra.hide()
            if layout is not None:
                layout.removeWidget(self.extra)
            self.extra.deleteLater()
        self.extra = extra
        if extra is not None and isinstance(layout, QVBoxLayout):
            layout.insertWidget(self._extra_at, extra)

    def show_preview(self, picture: QPixmap) -> None:
        """The client's screen as it is now, made small (:data:`PREVIEW_SIZE`)."""
        self.preview.setPixmap(picture)

    def _take_home(self) -> None:
        self._driver.take_home(self)

    def _open_help(self) -> None:
        self._driver.open_help(self.window())

    def refresh(self) -> None:
        if not self._floating:
            cue = self._driver.showing_cue()
            self.cue_showing.setText(
                _("Showing: “{words}” · 0 lets it fade").format(words=cue.words)
                if cue
                else _(NO_CUE)
            )
        status = self._driver.status()
        if status == self._shown:
            return
        self._shown = status
        self.title.setText(status.title)
        self.time_left.setText(status.time_left)
        self.position.setText(
            _("{position} · paused").format(position=status.position)
            if status.paused and not status.ended
            else status.position
        )
        if status.ended:
            self.now.setText(_(ENDED_TEXT))
            self.coming.setText("")
        elif status.asking:
            self.now.setText(_(ASKING_TEXT))
            self.coming.setText("")
        else:
            self.now.setText(status.now)
            self.coming.setText(_("Next: {step}").format(step=status.next) if status.next else "")
        self.coming.setVisible(bool(self.coming.text()))
        # Over the practice itself the step's words are already there to read.
        self.now.setVisible(not self._floating or status.ended or status.asking)
        going = not status.ended and not status.asking
        for b in (self.back_button, self.next_button):
            b.setVisible(going and status.has_steps)
            b.setEnabled(status.can_move)
        self.pause_button.setVisible(going)
        self.pause_button.setText(_("Carry on") if status.paused else pgettext("button", "Pause"))
        self.pause_button.setAccessibleName(
            _("Carry on with the practice") if status.paused else _("Pause the practice")
        )
        self.stop_button.setVisible(going)
        stepped_in = self._driver.stepped_in
        self.into_button.setVisible(going and not stepped_in and not self._floating)
        self.card_button.setVisible(not self._floating and status.ended)
        self.back_to_button.setVisible(stepped_in and not self._floating)
        if stepped_in:
            outer = self._driver.outer_title
            self.back_to_button.setText(_("Back to {title}").format(title=outer))
            self.back_to_button.setAccessibleName(
                _("Back to {title}, at the same step").format(title=outer)
            )
        self.keep_button.setVisible(status.asking and not status.ended)
        self.stop_here_button.setVisible(status.asking and not status.ended)
        self.close_button.setVisible(status.ended)
        self.hint.setText(_(CONTROL_HINT) if status.has_steps else _(BREATHING_HINT))


class ControlWindow(QWidget):
    """The therapist's small window: the control panel, with Space, Esc and the arrows."""

    def __init__(
        self,
        driver: Driver,
        theme: Theme = DARK,
        *,
        sound: SoundController | None = None,
        extra: QWidget | None = None,
    ):
        super().__init__(None)
        self.setObjectName("screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.setStyleSheet(stylesheet(theme))
        self.setWindowTitle(_("Controls — {title}").format(title=driver.status().title))
        # Above the app's own window, which shares the therapist's screen.
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self._driver = driver
        self._closing_by_driver = False
        self.panel = ControlPanel(driver, theme, sound=sound, extra=extra)
        # In an area that scrolls, so large text or a small screen never squeezes it; the
        # area never takes the keys, which stay with the window's shortcuts.
        scroll = scaffold.scroll_area(self.panel)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.fit_to(None)
        self.keys = window_keys(self, driver, arrows=True, cues=True)

    def fit_to(self, area: QRect | None) -> None:
        """As large as its content asks (at least :data:`CONTROL_SIZE`), within ``area`` (the
        therapist's screen's free space) when it is known."""
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        need = self.panel.sizeHint().expandedTo(self.panel.minimumSizeHint())
        width = max(CONTROL_SIZE[0], need.width() + bar + 2)
        if area is not None:
            width = min(width, area.width() - 40)
        tall = self.panel.heightForWidth(width - bar - 2)  # as tall as its words at that width
        size = QSize(width, max(CONTROL_SIZE[1], tall if tall > 0 else need.height()) + 2)
        if area is not None:
            size = size.boundedTo(QSize(area.width() - 40, area.height() - 60))
        self.resize(size)

    def close_quietly(self) -> None:
        self._closing_by_driver = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing the controls ends the presentation too: nothing would be left to steer it.
        if not self._closing_by_driver:
            self._driver.close()
        super().closeEvent(event)


def window_keys(
    window: QWidget, driver: Driver, *, arrows: bool, cues: bool = False
) -> list[QShortcut]:
    """Space pauses, Esc asks to stop and F1 opens Help anywhere in ``window``; with
    ``arrows``, Left and Right move between steps; with ``cues``, 1-9 offer a cue on the
    client's screen and 0 lets it fade."""
    made = []
    keys: list[tuple[Qt.Key, Callable[[], None]]] = [
        (Qt.Key.Key_Escape, driver.request_stop),
        (Qt.Key.Key_Space, driver.toggle_pause),
        (Qt.Key.Key_F1, lambda: driver.open_help(window)),
    ]
    if arrows:
        keys += [(Qt.Key.Key_Right, driver.next), (Qt.Key.Key_Left, driver.back)]
    if cues:
        keys.append((Qt.Key.Key_0, driver.take_away_cue))
        for n in sorted(driver.cues):
            keys.append((Qt.Key(Qt.Key.Key_0.value + n), partial(driver.offer_cue, n)))
    for key, slot in keys:
        shortcut = QShortcut(QKeySequence(key), window)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.setAutoRepeat(False)
        shortcut.activated.connect(slot)
        made.append(shortcut)
    return made
