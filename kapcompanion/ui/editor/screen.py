"""The script editor's screen: write a new exercise, copy a shipped one, change the steps, record
a voice for any of them, try it out, save it, and share it or take one in.

This is the view: it lays out the form, forwards what the person does to the
:class:`~kapcompanion.ui.editor.controller.EditorController` (which holds the draft and makes
every decision), and shows what the controller says: each problem under the field it is about,
with the step marked in the list, and one status line. Nothing typed is thrown away without
asking: leaving with unsaved changes asks first.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kapcompanion.domain.clock import Clock
from kapcompanion.domain.draft_check import script_problems, step_problems, steps_with_problems
from kapcompanion.domain.drafts import StepDraft
from kapcompanion.domain.scripts import Exercise
from kapcompanion.i18n import N_, _, pgettext
from kapcompanion.services.library import ExerciseLibrary
from kapcompanion.ui.editor.controller import EditorController, LibraryEntry
from kapcompanion.ui.editor.fields import ScriptFields
from kapcompanion.ui.editor.narrow import OpenChoice, Panels
from kapcompanion.ui.editor.step import StepForm, problem_label, set_problem
from kapcompanion.ui.editor.switching import ask_before_switching
from kapcompanion.ui.editor.voice_panel import Playback, VoicePanel
from kapcompanion.ui.presentation.present import first_words
from kapcompanion.ui.shell import scaffold
from kapcompanion.ui.shell.replace_question import ask_to_replace, ask_yes_or_not
from kapcompanion.ui.shell.theme import BASE_PT, SMALL_PT, Theme, pt

if TYPE_CHECKING:
    from kapcompanion.storage.bundle import OlderCopyError
    from kapcompanion.ui.shell.hosts import EditorHost

TITLE = N_("Your scripts")


def editor_styles(theme: Theme) -> str:
    t = theme
    return f"""
QLabel#problem {{
    color: {t.text}; font-size: {pt(SMALL_PT)}pt; border-left: 3px solid {t.focus};
    padding: 2px 0px 2px 8px; background: transparent;
}}
QLabel#status {{ color: {t.muted}; }}
QLabel#caption {{ color: {t.muted}; font-size: {pt(SMALL_PT)}pt; }}
QLineEdit, QPlainTextEdit {{
    background: {t.surface}; color: {t.text}; border: 2px solid {t.button};
    border-radius: 8px; padding: 4px 6px;
}}
QLineEdit:focus, QPlainTextEdit:focus {{ border-color: {t.focus}; }}
QDoubleSpinBox, QSpinBox {{ min-height: 34px; padding: 0px 10px; }}
QLineEdit[problem="true"], QPlainTextEdit[problem="true"], QComboBox[problem="true"] {{
    border: 2px solid {t.focus}; border-radius: 8px;
}}
QDoubleSpinBox[problem="true"], QSpinBox[problem="true"] {{ background: {t.button_hover}; }}
QListWidget {{
    background: {t.surface}; border: 2px solid {t.surface}; border-radius: 10px; padding: 4px;
    font-size: {pt(BASE_PT)}pt;
}}
QListWidget:focus {{ border-color: {t.focus}; }}
QListWidget::item {{ padding: 6px 8px; border-radius: 6px; }}
QListWidget::item:selected {{ background: {t.button_hover}; color: {t.text}; }}
QPushButton#small {{ padding: 6px 14px; }}
"""


class EditorScreen(QWidget):
    """See the module's text. ``library`` is the app's shared exercise library (what can be
    opened, and whose ids are taken); ``preview(exercise)`` runs a draft in the exercise
    screen; ``player`` plays a recording back."""

    closed = Signal()

    def __init__(
        self,
        theme: Theme,
        clock: Clock,
        library: ExerciseLibrary,
        *,
        player: Playback | None = None,
        preview: Callable[[Exercise], object] | None = None,
        recorder_factory: Callable[[Clock], Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        scaffold.as_screen(self)
        # Its own sheet sets sizes in points: follow a text size set live.
        scaffold.styled_with_text_size(self, lambda: editor_styles(theme))
        self.title = _(TITLE)
        self._theme = theme
        self.controller = EditorController(library, preview=preview, parent=self)
        self._loading = False
        self._current = -1

        # -- the header ------------------------------------------------------------------------
        # The header scrolls with the panels when they stand one under the other (a narrow
        # window, large text); the foot with Save stays in sight below.
        page = QWidget()
        title = scaffold.label(_(TITLE), "title")
        self.open_combo = OpenChoice()
        self.open_combo.setAccessibleName(_("Open a script"))
        self.open_combo.activated.connect(self._open_chosen)
        self.new_button = scaffold.button(
            _("New"), _("Start a new script"), lambda: self._unless_unsaved(self.new_script)
        )
        self.duplicate_button = scaffold.button(
            _("Duplicate"),
            _("Make a copy of this script under a new id"),
            self.controller.duplicate,
        )
        self.import_button = scaffold.button(
            _("Import…"),
            _("Take in a shared script (.kapscript)"),
            lambda: self._unless_unsaved(self._ask_import),
        )
        self.export_button = scaffold.button(
            _("Export…"), _("Share this script with its recordings as one file"), self._ask_export
        )
        self.close_button = scaffold.button(_("Close"), _("Close the editor"), self.stop)
        # The title and the list of scripts on one line while they fit, else one under the other.
        chooser = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        chooser.setSpacing(10)
        chooser.addWidget(title)
        chooser.addSpacing(12)
        chooser.addWidget(self.open_combo, 1)
        # The buttons on one line while they fit, else in pairs of kindred ones (Close alone);
        # with large text they go under the chooser.
        actions = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        actions.setSpacing(10)
        actions.addStretch(1)
        for group in (
            (self.new_button, self.duplicate_button),
            (self.import_button, self.export_button),
            (self.close_button,),
        ):
            actions.addLayout(scaffold.button_row(*group, spacing=10))
        header = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        header.setSpacing(10)
        header.addLayout(chooser, 1)
        header.addLayout(actions)
        for box in (header, chooser, actions):
            scaffold.line_or_column(page, box)

        # -- the script's own fields -----------------------------------------------------------
        self.fields = ScriptFields()
        self.fields.changed.connect(self._fields_changed)

        # -- the steps -------------------------------------------------------------------------
        steps_heading = QLabel(_("Steps"))
        steps_heading.setObjectName("heading")
        self.step_list = QListWidget()
        self.step_list.setAccessibleName(_("Steps"))
        self.step_list.setMinimumHeight(140)
        self.step_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.step_list.setWordWrap(False)
        self.step_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.step_list.currentRowChanged.connect(self._step_chosen)
        self.add_button = scaffold.button(
            _("Add"), _("Add a step after this one"), self.add_step, style="small"
        )
        self.remove_button = scaffold.button(
            _("Remove"), _("Remove this step"), self.remove_step, style="small"
        )
        self.up_button = scaffold.button(
            pgettext("move a step", "Up"), _("Move this step earlier"), self.move_up, style="small"
        )
        self.down_button = scaffold.button(
            pgettext("move a step", "Down"),
            _("Move this step later"),
            self.move_down,
            style="small",
        )
        step_buttons = scaffold.button_row(
            self.add_button, self.remove_button, self.up_button, self.down_button, spacing=8
        )
        self.steps_problem = problem_label()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 12, 0)
        left_layout.setSpacing(10)
        about = QLabel(_("About this exercise"))
        about.setObjectName("heading")
        left_layout.addWidget(about)
        left_layout.addWidget(self.fields)
        left_layout.addSpacing(8)
        left_layout.addWidget(steps_heading)
        left_layout.addWidget(self.step_list, 1)
        left_layout.addLayout(step_buttons)
        scaffold.line_or_column(left, step_buttons)  # one under another in a narrow panel
        left_layout.addWidget(self.steps_problem)

        # -- one step ------------------------------------------------------------------------------
        self.voice_panel = VoicePanel(
            theme,
            player=player,
            clock=clock,
            recorder_factory=recorder_factory,
        )
        self.voice_panel.recorded.connect(self._recorded)
        self.voice_panel.removed.connect(self._voice_removed)
        self.step_form = StepForm(theme, self.voice_panel)
        self.step_form.changed.connect(self._step_changed)

        self.left_scroll = scaffold.scroll_area(left)
        self.right_scroll = scaffold.scroll_area(self.step_form)
        body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        body.setSpacing(20)
        body.addWidget(self.left_scroll, 5)
        body.addWidget(self.right_scroll, 6)
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(28, 18, 28, 0)
        page_layout.setSpacing(12)
        page_layout.addLayout(header)
        page_layout.addLayout(body, 1)
        self.page_scroll = scaffold.scroll_area(page)
        self.panels = Panels(
            page, body, self.left_scroll, self.right_scroll, breaking=(step_buttons,)
        )

        # -- the footer -----------------------------------------------------------------------
        self.delete_button = scaffold.button(
            _("Delete…"), _("Move this script to the computer's trash"), self._ask_delete
        )
        self.status = QLabel("")
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.general_problem = problem_label()
        self.leave_button = scaffold.button(  # its words may take two lines, as its pair's
            _("Leave without saving"),
            _("Leave, and let the changes go"),
            self._leave_now,
            wrap=True,
        )
        self.leave_button.hide()
        self.save_leave_button = scaffold.button(
            _("Save and leave"), _("Save the changes, then leave"), self._save_and_leave, wrap=True
        )
        self.save_leave_button.hide()
        self.preview_button = scaffold.button(  # "Vista previa" may take two lines
            _("Preview"), _("Try the exercise as it is now"), self.controller.preview, wrap=True
        )
        self.save_button = scaffold.button(
            _("Save"), _("Save into your scripts folder"), self.controller.save
        )
        self.save_button.setObjectName("primary")
        footer = QHBoxLayout()
        footer.setSpacing(10)
        footer.addWidget(self.delete_button)  # apart from Save, on the other side
        footer.addWidget(self.status, 1)
        footer.addStretch(0)  # keeps Save to the right when the status stands above
        footer.addWidget(self.leave_button)
        footer.addWidget(self.save_leave_button)
        footer.addWidget(self.preview_button)
        footer.addWidget(self.save_button)
        # Panels one under the other (a narrow window): the status goes above the buttons.
        status_above = QVBoxLayout()
        self.panels.move_when_stacked(self.status, footer, status_above)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 16)
        layout.setSpacing(12)
        layout.addWidget(self.page_scroll, 1)
        foot = QVBoxLayout()
        foot.setContentsMargins(28, 0, 28, 0)
        foot.setSpacing(12)
        foot.addWidget(self.general_problem)
        foot.addLayout(status_above)
        foot.addLayout(footer)
        layout.addLayout(foot)

        scaffold.guard_wheel(self)  # the wheel scrolls the form; it changes a choice in focus
        save_key = QShortcut(QKeySequence.StandardKey.Save, self)
        save_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save_key.activated.connect(self.controller.save)
        self._keys = [save_key]

        c = self.controller
        c.replaced.connect(self._show_draft)
        c.checked.connect(self.show_problems)
        c.status.connect(self._show_status)
        c.said.connect(self._say)
        c.entries_changed.connect(self._fill_open_choices)
        c.asking_leave.connect(self._asking_leave)
        c.minutes_followed.connect(self.fields.show_minutes)
        c.older_copy.connect(self._ask_replace)
        c.refresh_entries()
        c.new_script()

    # -- building ---------------------------------------------------------------------------

    # -- the scripts one can open -------------------------------------------------------------

    def _fill_open_choices(self) -> None:
        self.open_combo.blockSignals(True)
        self.open_combo.clear()
        self.open_combo.add_choice(self.controller.open_choice()[0], None)
        for entry in self.controller.entries:
            self.open_combo.add_choice(entry.label, entry)
        self.open_combo.blockSignals(False)
        self._show_open_choice()

    def _show_open_choice(self) -> None:
        first, entry = self.controller.open_choice()
        self.open_combo.set_choice_text(0, first)
        index = self.open_combo.findData(entry) if entry is not None else 0
        self.open_combo.setCurrentIndex(max(0, index))

    def _open_chosen(self, index: int) -> None:
        entry = self.open_combo.itemData(index)
        if entry is None:
            self._unless_unsaved(self.new_script, self._show_open_choice)
        elif isinstance(entry, LibraryEntry):
            self._unless_unsaved(lambda: self.controller.open_entry(entry), self._show_open_choice)

    def _unless_unsaved(
        self, go_on: Callable[[], object], stay: Callable[[], object] = lambda: None
    ) -> None:
        """Go on to another script now, or, with changes not saved yet, once the person has
        saved them or let them go (see switching.py)."""
        c = self.controller
        if not c.unsaved_work:
            go_on()
            return
        title = c.draft.title.strip() or _("this script")
        ask_before_switching(self, title, save=lambda: c.save() is not None, go_on=go_on, stay=stay)

    def new_script(self) -> None:
        self.controller.new_script()
        self.fields.id_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- the draft ----------------------------------------------------------------------------

    def _show_draft(self) -> None:
        """A whole new draft: every field, the steps (the first chosen) and the open choice."""
        self.fields.show_draft(self.controller.draft)
        self._fill_steps(0)
        self._show_open_choice()

    def _fields_changed(self) -> None:
        self.fields.write_into(self.controller.draft)
        self.controller.edited()

    # -- steps ---------------------------------------------------------------------------------

    @staticmethod
    def _step_label(index: int, step: StepDraft) -> str:
        words = first_words(step.text, 7) or _("(no words yet)")
        voice = "  ♪" if step.voice else ""
        return f"{index + 1}. {words}{voice}"

    def _fill_steps(self, select: int) -> None:
        steps = self.controller.draft.steps
        self._loading = True
        try:
            self.step_list.clear()
            for i, step in enumerate(steps):
                self.step_list.addItem(QListWidgetItem(self._step_label(i, step)))
        finally:
            self._loading = False
        self._current = -1
        if steps:
            self.step_list.setCurrentRow(min(max(0, select), len(steps) - 1))
        else:
            self._step_chosen(-1)
        self._show_step_buttons()

    def _show_step_buttons(self) -> None:
        row = self.step_list.currentRow()
        count = len(self.controller.draft.steps)
        self.remove_button.setEnabled(count > 0 and row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)

    def _step_chosen(self, row: int) -> None:
        if self._loading:
            return
        self._current = row
        steps = self.controller.draft.steps
        step = steps[row] if 0 <= row < len(steps) else None
        self.step_form.set_step(step, row + 1)
        name = step.voice if step is not None else None
        self.voice_panel.show_step(name, self.controller.samples(name), enabled=step is not None)
        self._show_step_buttons()
        self.show_problems()

    @property
    def current_step(self) -> int:
        return self._current

    def select_step(self, index: int) -> None:
        self.step_list.setCurrentRow(index)

    def _show_step_label(self) -> None:
        row = self._current
        steps = self.controller.draft.steps
        item = self.step_list.item(row) if 0 <= row < len(steps) else None
        if item is not None:
            item.setText(self._step_label(row, steps[row]))

    def _step_changed(self) -> None:
        self._show_step_label()
        self.controller.edited()

    def add_step(self) -> None:
        self._fill_steps(self.controller.add_step(self._current))
        self.step_form.text_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def remove_step(self) -> None:
        at = self.controller.remove_step(self._current)
        if at is not None:
            self._fill_steps(at)

    def move_up(self) -> None:
        self._move(-1)

    def move_down(self) -> None:
        self._move(1)

    def _move(self, by: int) -> None:
        at = self.controller.move_step(self._current, by)
        if at is not None:
            self._fill_steps(at)

    # -- voices ---------------------------------------------------------------------------------

    def _recorded(self, prepared: Any) -> None:
        if self.controller.keep_recording(self._current, prepared.samples) is not None:
            self._show_step_label()
            self.controller.check()

    def _voice_removed(self) -> None:
        if self.controller.remove_recording(self._current):
            self._show_step_label()
            self.controller.check()

    # -- problems and status --------------------------------------------------------------------

    def show_problems(self) -> None:
        """Each problem under its field: the script's own here, the chosen step's in its form,
        and every step with a problem marked in the list."""
        # A new script with nothing typed yet has nothing to fix, only things to fill in.
        problems = [] if self.controller.fresh else self.controller.problems
        own = script_problems(problems)
        self.fields.show_problems(own.fields)
        set_problem(self.steps_problem, own.steps)
        set_problem(self.general_problem, own.general)
        step = step_problems(problems, self._current)
        self.step_form.show_problems(step.parts, step.fields)
        bad_steps = steps_with_problems(problems)
        for i in range(self.step_list.count()):
            item = self.step_list.item(i)
            if item is None:
                continue
            bad = i in bad_steps
            item.setForeground(QColor(self._theme.focus if bad else self._theme.text))
            item.setToolTip(_("This step needs a look") if bad else "")
            item.setData(
                Qt.ItemDataRole.AccessibleDescriptionRole, _("needs a look") if bad else ""
            )
        self._show_status(self.controller.status_text())

    def _show_status(self, text: str) -> None:
        self.status.setText(text)
        self.preview_button.setEnabled(not self.controller.problems)
        self.save_button.setEnabled(True)
        self.export_button.setEnabled(self.controller.path is not None)
        self.delete_button.setEnabled(self.controller.deletable)

    def _say(self, text: str) -> None:
        set_problem(self.general_problem, [text] if text else [])

    # -- sharing ---------------------------------------------------------------------------------

    def _ask_export(self) -> None:
        if self.controller.path is None:
            return
        start = str(Path.home() / f"{self.controller.draft.id}.kapscript")
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Share this script"), start, _("Shared scripts (*.kapscript)")
        )
        if name:
            self.controller.export_to(Path(name))

    def _ask_import(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            _("Take in a shared script"),
            str(Path.home()),
            _("Shared scripts (*.kapscript)"),
        )
        if name:
            self.controller.import_from(Path(name))

    def _ask_replace(self, older: OlderCopyError, bundle: Path) -> None:
        """An updated copy of a script the person has: ask before it takes that one's place."""
        ask_to_replace(
            self, older, bundle.name, lambda: self.controller.import_from(bundle, replace=True)
        )

    # -- deleting ---------------------------------------------------------------------------

    def _ask_delete(self) -> None:
        """Ask before the script goes to the trash; "Keep it" (also Esc, and Enter) keeps it."""
        c = self.controller
        if not c.deletable or c.path is None:
            return

        def delete() -> None:
            c.delete()
            self.fields.id_edit.setFocus(Qt.FocusReason.OtherFocusReason)

        detail = _(
            "Its file and its recordings go to the computer's trash, where you can take "
            "them back. Practices you did with it stay in your history."
        )
        ask_yes_or_not(
            self,
            title=_("Delete this script"),
            question=_("Move “{title}” to the trash?").format(
                title=c.draft.title.strip() or c.path.stem
            ),
            detail=detail,
            yes=_("Move to the trash"),
            not_now=_("Keep it"),
            then=delete,
            not_by_default=True,
        )

    # -- leaving ----------------------------------------------------------------------------

    def stop(self) -> None:
        """Esc or Close: leave; with unsaved changes, ask first (Esc again keeps editing)."""
        if self.voice_panel.recording:
            self.voice_panel.stop()
            return
        if self.controller.may_leave():
            self._leave_now()

    def _asking_leave(self, asking: bool) -> None:
        # While "leave with changes not saved?" is asked, its two answers are the only buttons
        # below it (beside Delete…, Preview and Save, large text squeezed all five).
        for answer in (self.leave_button, self.save_leave_button):
            answer.setVisible(asking)
        for button in (self.delete_button, self.preview_button, self.save_button):
            button.setVisible(not asking)
        if asking:
            self.save_leave_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _save_and_leave(self) -> None:
        if self.controller.save() is not None:
            self._leave_now()

    def request_stop(self) -> None:
        self.stop()

    def _leave_now(self) -> None:
        self.voice_panel.close_recorder()
        self.closed.emit()


def open_editor(window: EditorHost, **options: Any) -> EditorScreen:
    """Push the editor on the main window: it edits the window's shared library, and previews
    run in the exercise screen (nothing is logged)."""
    from kapcompanion.ui.exercise.screen import ExerciseScreen

    def preview(exercise: Exercise) -> None:
        screen = ExerciseScreen(exercise, window.clock, window.theme, events=None)
        window.push(screen)
        screen.start()

    editor = EditorScreen(
        window.theme,
        window.clock,
        window.library,
        player=window.voice,
        preview=preview,
        **options,
    )
    window.push(editor)
    return editor
