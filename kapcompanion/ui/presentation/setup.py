"""Choosing what to present and where: the screen behind the "Present" action on home.

One exercise (or a breathing pattern and its length) and one screen, then Present. The
practices for the room come first: closing a session and settling before one, then the
breathing patterns without holds, then the rest, each group by length. The screens are read when
the page opens and again with "Look for screens again" (after a projector is plugged in).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kapcompanion.domain.breathing_config import BreathingConfig
from kapcompanion.domain.cues import CUE_LIMIT, OWN_CUE_KEYS, cue_keys
from kapcompanion.domain.exercise_info import length_label
from kapcompanion.domain.limits import BREATHING_MINUTES
from kapcompanion.domain.pacing import PRESETS
from kapcompanion.domain.present_status import for_the_room, present_order
from kapcompanion.domain.scripts import Exercise
from kapcompanion.domain.together import TogetherPace
from kapcompanion.i18n import N_, _, pgettext
from kapcompanion.services.settings import OWN_CUES
from kapcompanion.ui.presentation.identify import ScreenCard, identify_screens
from kapcompanion.ui.presentation.screens import (
    ScreenInfo,
    current_screens,
    plan_screens,
)
from kapcompanion.ui.shell import scaffold
from kapcompanion.ui.shell.theme import DARK, Theme

if TYPE_CHECKING:
    from kapcompanion.ui.shell.hosts import PresentSetupHost

TITLE = N_("Present on a screen")
ABOUT = N_(
    "The practice shows large and quiet on the screen you choose, in dim colours, with nothing "
    "else on it. Its controls stay on this screen: back, pause, next, stop, the volume and what "
    "comes next. With only one screen, the controls appear over the practice while the mouse "
    "moves and step aside after a few seconds. Space pauses and Esc asks before stopping, "
    "in both places. The practice is your client's: it stays out of your own log unless "
    "you choose to keep it."
)
OWN_CUES_ABOUT = N_(
    "With two screens, keys 1 to 6 put a short grounding cue on the client's screen: their "
    "feet, their hands, the room, that they are here, water, the session coming to an end. "
    "Keys 7, 8 and 9 can offer your own words."
)
CONTENT_WIDTH = 760
TOGETHER_ITEM = N_("Breathing together · you match their breath, then slow it")


def screen_label(screen: ScreenInfo, count: int) -> str:
    if screen.name:
        label = _("Screen {number} · {name} · {width} × {height}").format(
            number=screen.index, name=screen.name, width=screen.width, height=screen.height
        )
    else:
        label = _("Screen {number} · {width} × {height}").format(
            number=screen.index, width=screen.width, height=screen.height
        )
    if count == 1:
        return label + " · " + _("the only one")
    return label + (" · " + _("this screen") if screen.primary else "")


class PresentSetup(QWidget):
    """Emits ``present_requested(target, screen_index)`` and ``closed``."""

    present_requested = Signal(object, int)
    closed = Signal()

    def __init__(
        self,
        exercises: Sequence[Exercise],
        theme: Theme = DARK,
        *,
        chosen: str | None = None,
        own_cues: Sequence[str] = ("", "", ""),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        scaffold.as_screen(self)
        self.title = _(TITLE)
        self._theme = theme
        self.cards: list[ScreenCard] = []

        title = scaffold.label(_(TITLE), "title")
        about = scaffold.label(_(ABOUT), "muted", wrap=True)

        self.practice_combo = QComboBox()
        self.practice_combo.setAccessibleName(_("What to present"))
        ordered = present_order(exercises)
        room = [e for e in ordered if for_the_room(e)]
        for exercise in room:
            self._add_exercise(exercise)
        self.practice_combo.addItem(_(TOGETHER_ITEM), TogetherPace())
        self.practice_combo.insertSeparator(self.practice_combo.count())
        for pattern in PRESETS.values():
            if pattern.has_holds:
                continue  # holds stay opt-in, from home or the command line
            config = BreathingConfig(pattern=pattern, minutes=BREATHING_MINUTES.default)
            self.practice_combo.addItem(
                _("Breathing: {pattern}").format(pattern=pattern.name), config
            )
        self.practice_combo.insertSeparator(self.practice_combo.count())
        for exercise in ordered:
            if not for_the_room(exercise):
                self._add_exercise(exercise)
        ids = [self.practice_combo.itemData(i) for i in range(self.practice_combo.count())]
        wanted = next(
            (i for i, d in enumerate(ids) if isinstance(d, Exercise) and d.id == chosen), 0
        )
        self.practice_combo.setCurrentIndex(wanted)

        self.minutes_spin = QSpinBox()
        self.minutes_spin.setRange(BREATHING_MINUTES.low, BREATHING_MINUTES.high)
        self.minutes_spin.setValue(BREATHING_MINUTES.default)
        self.minutes_spin.setSuffix(" " + _("min"))
        self.minutes_spin.setAccessibleName(_("How long the breathing lasts, in minutes"))
        self.practice_combo.currentIndexChanged.connect(self._chosen)

        self.screen_combo = QComboBox()
        self.screen_combo.setAccessibleName(_("The screen to present on"))
        self.rescan_button = scaffold.button(
            _("Look again"), _("Look for screens again"), self.fill_screens
        )

        practice_label = QLabel(_("&Practice"))
        practice_label.setBuddy(self.practice_combo)
        screen_label_ = QLabel(_("&Screen"))
        screen_label_.setBuddy(self.screen_combo)
        self.identify_button = scaffold.button(
            _("Show numbers"),
            _("Show each screen's number on it for a few seconds"),
            self._identify,
        )
        screen_row = QVBoxLayout()
        screen_row.setSpacing(8)
        screen_row.addWidget(self.screen_combo)
        screen_row.addLayout(
            scaffold.button_row(self.rescan_button, self.identify_button, spacing=10)
        )
        for combo in (self.practice_combo, self.screen_combo):
            # As wide as the column allows, never wider: long names are shown whole in the list.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(16)
        form = QFormLayout()
        form.setHorizontalSpacing(20)
        form.setVerticalSpacing(14)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.keep_check = QCheckBox(_("&Keep this practice in my own log"))
        self.keep_check.setAccessibleDescription(
            _(
                "Left unticked, the practice is the client's: it is not written into this "
                "computer's practice log and nothing is asked afterwards."
            )
        )
        self.minutes_label = QLabel(_("&Length"))
        self.minutes_label.setBuddy(self.minutes_spin)
        form.addRow(practice_label, self.practice_combo)
        form.addRow(self.minutes_label, self.minutes_spin)
        form.addRow(screen_label_, screen_row)
        form.addRow("", self.keep_check)

        self.present_button = scaffold.button(
            pgettext("button", "Present"),
            _("Present the practice on the chosen screen"),
            self._present,
            style="primary",
        )
        self.back_button = scaffold.button(_("Back"), slot=self.stop)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.present_button)

        cues_card, cues_layout = scaffold.card(_("Your own cues"), spacing=10, padding=18)
        cues_layout.addWidget(scaffold.label(_(OWN_CUES_ABOUT), "muted", wrap=True))
        cue_form = QFormLayout()
        cue_form.setHorizontalSpacing(20)
        cue_form.setVerticalSpacing(10)
        self.cue_edits: list[QLineEdit] = []
        for key, line in zip(OWN_CUE_KEYS, own_cues, strict=False):
            edit = QLineEdit(line)
            edit.setMaxLength(CUE_LIMIT)
            edit.setAccessibleName(_("Your cue for key {number}").format(number=key))
            edit.setPlaceholderText(_("Words of your own, short and kind"))
            label = QLabel(_("Key &{key}").format(key=key))
            label.setBuddy(edit)
            cue_form.addRow(label, edit)
            self.cue_edits.append(edit)
        cues_layout.addLayout(cue_form)

        choice, card_layout = scaffold.card(spacing=16, padding=22)
        card_layout.addLayout(form)
        card_layout.addLayout(buttons)

        column, column_layout = scaffold.page_column(CONTENT_WIDTH, top=36, bottom=36, spacing=16)
        column_layout.addWidget(title)
        column_layout.addWidget(about)
        column_layout.addWidget(choice)
        column_layout.addWidget(cues_card)
        column_layout.addStretch(1)
        scaffold.scrolling_page(self, column)
        self.setTabOrder(self.practice_combo, self.minutes_spin)
        self.setTabOrder(self.minutes_spin, self.screen_combo)
        self.setTabOrder(self.screen_combo, self.rescan_button)
        self.setTabOrder(self.rescan_button, self.identify_button)
        self.setTabOrder(self.identify_button, self.keep_check)
        self.setTabOrder(self.keep_check, self.back_button)
        self.setTabOrder(self.back_button, self.present_button)
        for a, b in itertools.pairwise([self.present_button, *self.cue_edits]):
            self.setTabOrder(a, b)
        self.fill_screens()
        self._chosen()

    def _add_exercise(self, exercise: Exercise) -> None:
        self.practice_combo.addItem(
            f"{exercise.title} · {length_label(exercise.minutes)}", exercise
        )

    def _chosen(self) -> None:
        """The length is asked only for a breathing pattern (an exercise has its own)."""
        breathing = isinstance(self.practice_combo.currentData(), BreathingConfig)
        self.minutes_spin.setVisible(breathing)
        self.minutes_label.setVisible(breathing)

    def fill_screens(self) -> None:
        screens = current_screens()
        keep = self.screen_combo.currentData()
        self.screen_combo.clear()
        for screen in screens:
            self.screen_combo.addItem(screen_label(screen, len(screens)), screen.index)
        usual = plan_screens(screens, None).present if screens else 0
        index = self.screen_combo.findData(keep if keep is not None else usual)
        self.screen_combo.setCurrentIndex(max(0, index))

    def target(self) -> Exercise | BreathingConfig | TogetherPace:
        data = self.practice_combo.currentData()
        assert isinstance(data, Exercise | BreathingConfig | TogetherPace)
        if isinstance(data, BreathingConfig):
            return replace(data, minutes=self.minutes_spin.value())
        return data

    def _identify(self) -> None:
        self.cards = identify_screens(self._theme)

    def own_cue_lines(self) -> list[str]:
        """What the therapist typed for keys 7, 8 and 9 (blank: the key offers nothing)."""
        return [" ".join(edit.text().split()) for edit in self.cue_edits]

    def screen_index(self) -> int:
        data = self.screen_combo.currentData()
        return int(data) if data is not None else 0

    def _present(self) -> None:
        self.present_requested.emit(self.target(), self.screen_index())

    def stop(self) -> None:
        self.closed.emit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.practice_combo.setFocus(Qt.FocusReason.OtherFocusReason)


def open_setup(window: PresentSetupHost, chosen: str | None = None) -> PresentSetup:
    """Push the setup page on the main window (``chosen``: the exercise offered first);
    Present opens the presentation from there."""
    from kapcompanion.ui.presentation.present import open_presentation

    settings = window.settings
    page = PresentSetup(
        window.library.exercises,
        window.theme,
        chosen=chosen,
        own_cues=[settings.get(setting) for setting in OWN_CUES],
    )

    def go(target: object, screen: int) -> None:
        assert isinstance(target, Exercise | BreathingConfig | TogetherPace)
        lines = page.own_cue_lines()
        for setting, line in zip(OWN_CUES, lines, strict=True):
            settings.set(setting, line)  # kept for the next session
        page.stop()  # back to home on the therapist's screen
        open_presentation(
            window,
            target,
            screen,
            reduced_motion=window.preferences.reduced_motion,
            cues=cue_keys(lines),
            keep=page.keep_check.isChecked(),
        )

    page.present_requested.connect(go)
    window.push(page)
    return page
