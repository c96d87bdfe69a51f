"""The guided exercises on the home screen.

Exercises are grouped by when they are meant for (before my session, closing a session,
between sessions, any time); one group shows at a time, chosen with a row of quiet buttons.
Each exercise is a row with its title, length and short description; Enter, Space or a click
starts it, Up and Down move between rows. Above the groups: a shortcut to the exercise started
last, and, only when some of the person's scripts could not be loaded, one quiet line that
opens the list of problems.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kapcompanion.domain.exercise_info import (
    MOMENT_HEADINGS,
    MOMENT_NOTES,
    MOMENT_ORDER,
    group_by_moment,
    length_label,
)
from kapcompanion.domain.scripts import Exercise, Moment, ScriptError
from kapcompanion.i18n import N_, _, ngettext
from kapcompanion.services.library import ExerciseLibrary
from kapcompanion.ui.shell.theme import BASE_PT, SMALL_PT, Theme, pt

DEFAULT_MOMENT = Moment.BETWEEN_SESSIONS
HEADING = N_("Guided exercises")
RECENT_CAPTION = N_("Started recently")
EMPTY_GROUP = N_("No exercises here yet.")


def problems_line(problems: Sequence[ScriptError]) -> str:
    """ "1 script has problems" / "3 scripts have problems" (counting files, not problems)."""
    files = len({p.file for p in problems})
    return ngettext("{n} script has problems", "{n} scripts have problems", files).format(n=files)


def list_styles(theme: Theme) -> str:
    t = theme
    return f"""
QFrame#exercise {{
    background: {t.surface}; border: 2px solid {t.edge_colour() if t.outlined else t.surface};
    border-radius: 12px;
}}
QFrame#exercise:hover {{ border-color: {t.button_hover}; }}
QFrame#exercise:focus {{ border-color: {t.focus}; }}
QFrame#exercise QLabel {{ background: transparent; }}
QLabel#exercisetitle {{ font-size: {pt(BASE_PT + 2)}pt; }}
QLabel#exerciselength, QLabel#exerciseabout, QLabel#caption {{ color: {t.muted}; }}
QLabel#exerciseabout, QLabel#caption {{ font-size: {pt(SMALL_PT)}pt; }}
QPushButton#moment {{
    background: transparent; border: 2px solid transparent; border-radius: 10px;
    color: {t.muted}; padding: 6px 14px;
}}
QPushButton#moment:hover {{ color: {t.text}; }}
QPushButton#moment:checked {{ background: {t.button}; color: {t.text}; }}
QPushButton#moment:focus {{ border-color: {t.focus}; }}
QPushButton#problems {{
    background: transparent; border: 2px solid transparent; color: {t.muted};
    text-decoration: underline; padding: 2px 0px; min-height: 0px; text-align: left;
}}
QPushButton#problems:focus {{ border-color: {t.focus}; }}
"""


class ExerciseRow(QFrame):
    """One exercise: title and length on the first line, the description below.

    Enter, Space or a click emits ``chosen``; Up and Down move to the row above or below.
    """

    chosen = Signal(object)

    def __init__(self, exercise: Exercise, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.exercise = exercise
        self.setObjectName("exercise")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover, True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        length = length_label(exercise.minutes)
        self.setAccessibleName(_("{title}, {length}").format(title=exercise.title, length=length))
        self.setAccessibleDescription(
            _("{description} Enter starts it.").format(description=exercise.description)
        )
        title = QLabel(exercise.title)
        title.setObjectName("exercisetitle")
        title.setWordWrap(True)  # a long title (or a longer language) takes a second line
        title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        length_text = QLabel(length)
        length_text.setObjectName("exerciselength")
        about = QLabel(exercise.description)
        about.setObjectName("exerciseabout")
        about.setWordWrap(True)
        about.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(title, 1)
        top.addWidget(length_text)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 14)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(about)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.chosen.emit(self.exercise)
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self._move(1 if key == Qt.Key.Key_Down else -1)
        else:
            super().keyPressEvent(event)

    def _move(self, step: int) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        rows = [w for w in parent.findChildren(ExerciseRow) if w.isVisibleTo(parent)]
        rows.sort(key=lambda w: w.mapTo(parent, w.rect().topLeft()).y())
        if self in rows:
            k = rows.index(self) + step
            if 0 <= k < len(rows):
                rows[k].setFocus(Qt.FocusReason.TabFocusReason)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.chosen.emit(self.exercise)
            return
        super().mouseReleaseEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        # Keep the focused row in sight when the page scrolls.
        widget = self.parentWidget()
        while widget is not None and not isinstance(widget, QScrollArea):
            widget = widget.parentWidget()
        if isinstance(widget, QScrollArea):
            widget.ensureWidgetVisible(self, 0, 24)


class ExerciseList(QWidget):
    """Emits ``exercise_chosen(Exercise)`` and ``problems_requested()``."""

    exercise_chosen = Signal(object)
    problems_requested = Signal()

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(list_styles(theme))
        self.exercises: list[Exercise] = []
        self.problems: list[ScriptError] = []
        self.folder: Path | None = None
        self.recent: Exercise | None = None
        self._moment = DEFAULT_MOMENT
        self._rows: list[ExerciseRow] = []

        heading = QLabel(_(HEADING))
        heading.setObjectName("heading")

        self.recent_caption = QLabel(_(RECENT_CAPTION))
        self.recent_caption.setObjectName("caption")
        self.recent_box = QVBoxLayout()
        self.recent_box.setSpacing(6)
        self.recent_box.addWidget(self.recent_caption)
        self.recent_row: ExerciseRow | None = None
        self.recent_caption.hide()

        self.problems_button = QPushButton("")
        self.problems_button.setObjectName("problems")
        self.problems_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.problems_button.setAutoDefault(True)
        self.problems_button.clicked.connect(self.problems_requested)
        self.problems_button.hide()

        self.moment_buttons: dict[Moment, QPushButton] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        moments = QHBoxLayout()
        moments.setSpacing(6)
        for moment in MOMENT_ORDER:
            button = QPushButton(_(MOMENT_HEADINGS[moment]))
            button.setObjectName("moment")
            button.setCheckable(True)
            button.setAutoDefault(True)
            button.setAccessibleName(
                _("Show exercises for: {moment}").format(moment=_(MOMENT_HEADINGS[moment]))
            )
            button.clicked.connect(lambda _=False, m=moment: self.select_moment(m))
            self._group.addButton(button)
            moments.addWidget(button)
            self.moment_buttons[moment] = button
        moments.addStretch(1)

        self.moment_note = QLabel("")
        self.moment_note.setObjectName("caption")
        self.moment_note.setWordWrap(True)
        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(10)
        self.empty_label = QLabel(_(EMPTY_GROUP))
        self.empty_label.setObjectName("muted")
        self.empty_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 18, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(self.problems_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(self.recent_box)
        self.moments_bar = QWidget()
        self.moments_bar.setLayout(moments)
        moments.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.moments_bar)
        layout.addWidget(self.moment_note)
        layout.addLayout(self.rows_box)
        layout.addWidget(self.empty_label)
        self.moment_buttons[self._moment].setChecked(True)
        self._fill()

    # -- the library ---------------------------------------------------------------------------

    def follow(self, library: ExerciseLibrary) -> None:
        """List ``library``'s exercises now and again whenever it changes (a method, not a
        closure, so the library stops calling once this list is gone)."""
        self._library = library
        library.changed.connect(self._library_changed)
        self._library_changed()

    def _library_changed(self) -> None:
        library = self._library
        self.set_library(library.exercises, library.problems, library.folder)

    def set_library(
        self,
        exercises: Sequence[Exercise],
        problems: Sequence[ScriptError] = (),
        folder: Path | None = None,
    ) -> None:
        self.exercises = list(exercises)
        self.problems = list(problems)
        self.folder = folder
        self.problems_button.setText(problems_line(self.problems) if self.problems else "")
        self.problems_button.setAccessibleName(
            _("{problems}: show what to fix").format(problems=problems_line(self.problems))
            if self.problems
            else ""
        )
        self.problems_button.setVisible(bool(self.problems))
        if self.recent is not None:
            self.set_recent(self.recent.id)
        self._fill()

    def exercise(self, exercise_id: str) -> Exercise | None:
        return next((e for e in self.exercises if e.id == exercise_id), None)

    # -- groups --------------------------------------------------------------------------------

    @property
    def moment(self) -> Moment:
        return self._moment

    def set_moment_buttons_visible(self, visible: bool) -> None:
        """Show or hide the row of group buttons (home chooses the group by situation)."""
        self.moments_bar.setVisible(visible)

    def restyle(self, theme: Theme) -> None:
        """Take a new theme or text size."""
        self.setStyleSheet(list_styles(theme))

    def select_moment(self, moment: Moment) -> None:
        self._moment = moment
        self.moment_buttons[moment].setChecked(True)
        self._fill()

    def rows(self) -> list[ExerciseRow]:
        """The rows of the group shown now, top to bottom."""
        return list(self._rows)

    def _fill(self) -> None:
        for row in self._rows:
            self.rows_box.removeWidget(row)
            row.hide()
            row.deleteLater()
        self._rows = []
        group = group_by_moment(self.exercises)[self._moment]
        self.moment_note.setText(_(MOMENT_NOTES[self._moment]))
        previous: QWidget = self.moment_buttons[MOMENT_ORDER[-1]]
        for exercise in group:
            row = ExerciseRow(exercise)
            row.chosen.connect(self.exercise_chosen)
            self.rows_box.addWidget(row)
            row.show()  # at once, not on the next turn of the event loop
            self._rows.append(row)
            QWidget.setTabOrder(previous, row)
            previous = row
        self.empty_label.setVisible(not group)

    # -- recent --------------------------------------------------------------------------------

    def set_recent(self, exercise_id: str | None) -> bool:
        """Offer ``exercise_id`` as a shortcut above the groups (None removes it). Returns
        False when no loaded exercise has that id (then nothing is offered)."""
        exercise = self.exercise(exercise_id) if exercise_id else None
        if self.recent_row is not None:
            self.recent_box.removeWidget(self.recent_row)
            self.recent_row.hide()
            self.recent_row.deleteLater()
            self.recent_row = None
        self.recent = exercise
        self.recent_caption.setVisible(exercise is not None)
        if exercise is not None:
            self.recent_row = ExerciseRow(exercise)
            self.recent_row.setAccessibleName(
                _("Started recently: {exercise}").format(exercise=self.recent_row.accessibleName())
            )
            self.recent_row.chosen.connect(self.exercise_chosen)
            self.recent_box.addWidget(self.recent_row)
            self.recent_row.show()
        return exercise is not None or not exercise_id
