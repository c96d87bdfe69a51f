"""The script editor: write a new exercise, copy a shipped one, change the steps, record a voice
for any of them, try it out, save it, and share it or take one in.

Every change is checked as the file would be read: the draft is written out as TOML and run
through the loader (see :mod:`kapcompanion.ui.editor.model`), and each problem appears under the
field it is about, with the step marked in the list. Saving writes into the person's own scripts
folder, all or nothing (a temporary file renamed into place), with the recordings beside the
script; a shipped exercise is never written: opening one makes a copy under a new id. Nothing
typed is thrown away without asking: leaving with unsaved changes asks first.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kapcompanion.domain.clock import Clock
from kapcompanion.domain.exercise_info import MOMENT_HEADINGS
from kapcompanion.domain.scripts import Exercise, Moment, ScriptError
from kapcompanion.storage.library import builtin_folder, load_builtin, load_folder, load_script
from kapcompanion.storage.paths import ensure_private_dir, user_scripts_dir
from kapcompanion.ui.editor.model import (
    Known,
    Place,
    ScriptDraft,
    StepDraft,
    check_draft,
    draft_from_file,
    duplicate_of,
    is_inside,
    known_from,
    new_draft,
    new_script_path,
    place_of,
    problem_text,
    to_toml,
    voice_name,
    write_text_atomically,
)
from kapcompanion.ui.editor.step import StepForm, mark, problem_label, seconds_spin, set_problem
from kapcompanion.ui.editor.voice_panel import VoicePanel, VoicePlayer
from kapcompanion.ui.presentation.present import first_words
from kapcompanion.ui.shell import scaffold
from kapcompanion.ui.shell.theme import BASE_PT, SMALL_PT, Theme

if TYPE_CHECKING:
    from kapcompanion.ui.shell.hosts import EditorHost

#: Checking waits this long after the last change (ms), so typing stays smooth.
CHECK_DELAY_MS = 150

TITLE = "Your scripts"
NEW_ITEM = "A new script"
ALL_WELL = "Everything checks out."
UNSAVED = "Not saved yet."
LEAVE_ASK = (
    "There are changes that are not saved yet. Save keeps them; Esc again (or Leave) goes back "
    "without them."
)
NOT_TOML = (
    "{name} is not valid TOML, so it cannot be shown here: {problem}. You might fix it in a text "
    "editor (kapcompanion check-script {name} shows where), then open it again."
)


def editor_styles(theme: Theme) -> str:
    t = theme
    return f"""
QLabel#problem {{
    color: {t.text}; font-size: {SMALL_PT}pt; border-left: 3px solid {t.focus};
    padding: 2px 0px 2px 8px; background: transparent;
}}
QLabel#status {{ color: {t.muted}; }}
QLabel#caption {{ color: {t.muted}; font-size: {SMALL_PT}pt; }}
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
    font-size: {BASE_PT}pt;
}}
QListWidget:focus {{ border-color: {t.focus}; }}
QListWidget::item {{ padding: 6px 8px; border-radius: 6px; }}
QListWidget::item:selected {{ background: {t.button_hover}; color: {t.text}; }}
QPushButton#small {{ padding: 6px 14px; }}
"""


@dataclasses.dataclass(frozen=True)
class LibraryEntry:
    """A script the editor can open: shipped (opened as a copy) or the person's own."""

    exercise: Exercise
    builtin: bool

    @property
    def label(self) -> str:
        if self.builtin:
            return f"{self.exercise.title} (shipped; opens as your copy)"
        return f"{self.exercise.title} ({Path(self.exercise.source).name})"


class EditorScreen(QWidget):
    """See the module's text. ``preview(exercise)`` runs a draft in the exercise screen;
    ``saved()`` is called after every save or import (the home list reloads)."""

    closed = Signal()

    def __init__(
        self,
        theme: Theme,
        clock: Clock,
        *,
        scripts_folder: Path | None = None,
        player: VoicePlayer | None = None,
        preview: Callable[[Exercise], object] | None = None,
        saved: Callable[[], object] | None = None,
        recorder_factory: Callable[[Clock], Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        scaffold.as_screen(self)
        self.setStyleSheet(editor_styles(theme))
        self.title = TITLE
        self._theme = theme
        self._clock = clock
        self.folder = (
            scripts_folder if scripts_folder is not None else user_scripts_dir(create=False)
        )
        self._preview = preview
        self._saved = saved
        self.draft: ScriptDraft = new_draft()
        self.path: Path | None = None  # the file being edited; None until a new one is saved
        self.origin = ""  # what a new draft was copied from, for the status line
        self.pending: dict[str, Any] = {}  # recordings waiting to be saved, by voice path
        self._on_disk: dict[str, Any] = {}  # recordings read from beside the script
        self.dirty = False
        self.exercise: Exercise | None = None  # the draft, when it checks out
        self.problems: list[ScriptError] = []
        self.library: list[LibraryEntry] = []
        self._asking_leave = False
        self._loading = False
        self._current = -1

        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.validate_now)

        # -- the header ------------------------------------------------------------------------
        title = scaffold.label(TITLE, "title")
        self.open_combo = QComboBox()
        self.open_combo.setAccessibleName("Open a script")
        self.open_combo.setMinimumWidth(320)
        self.open_combo.activated.connect(self._open_chosen)
        self.new_button = self._button("New", "Start a new script", self.new_script)
        self.duplicate_button = self._button(
            "Duplicate", "Make a copy of this script under a new id", self.duplicate
        )
        self.import_button = self._button(
            "Import…", "Take in a shared script (.kapscript)", self._ask_import
        )
        self.export_button = self._button(
            "Export…", "Share this script with its recordings as one file", self._ask_export
        )
        self.close_button = self._button("Close", "Close the editor", self.stop)
        header = QHBoxLayout()
        header.setSpacing(10)
        header.addWidget(title)
        header.addSpacing(12)
        header.addWidget(self.open_combo, 1)
        for b in (
            self.new_button,
            self.duplicate_button,
            self.import_button,
            self.export_button,
            self.close_button,
        ):
            header.addWidget(b)

        # -- the script's own fields -----------------------------------------------------------
        self.id_edit = QLineEdit()
        self.id_edit.setAccessibleName("Id: lowercase letters, digits and hyphens")
        self.id_edit.setPlaceholderText("for example evening-landing")
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("Title")
        self.description_edit = QPlainTextEdit()
        self.description_edit.setAccessibleName("Description")
        self.description_edit.setFixedHeight(62)
        self.description_edit.setTabChangesFocus(True)
        self.moment_checks: dict[str, QCheckBox] = {}
        moments = QGridLayout()
        moments.setContentsMargins(0, 0, 0, 0)
        moments.setHorizontalSpacing(12)
        moments.setVerticalSpacing(0)
        for k, moment in enumerate(Moment):
            check = QCheckBox(MOMENT_HEADINGS[moment])
            check.setAccessibleName(f"For: {MOMENT_HEADINGS[moment]}")
            check.toggled.connect(self._meta_changed)
            moments.addWidget(check, k // 2, k % 2)
            self.moment_checks[moment.value] = check
        self.minutes_spin = seconds_spin(0.0, 600.0, " min")
        self.minutes_spin.setAccessibleName("Length shown in the list, in minutes")
        self.id_edit.textEdited.connect(self._meta_changed)
        self.title_edit.textEdited.connect(self._meta_changed)
        self.description_edit.textChanged.connect(self._meta_changed)
        self.minutes_spin.valueChanged.connect(self._meta_changed)
        self.meta_problems = {
            k: problem_label() for k in ("id", "title", "description", "for", "minutes")
        }
        meta = QFormLayout()
        meta.setHorizontalSpacing(14)
        meta.setVerticalSpacing(6)
        meta.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        for text, widget, key in (
            ("&Id", self.id_edit, "id"),
            ("&Title", self.title_edit, "title"),
            ("&About", self.description_edit, "description"),
        ):
            meta.addRow(self._label(text, widget), widget)
            meta.addRow("", self.meta_problems[key])
        moments_box = QWidget()
        moments_box.setLayout(moments)
        meta.addRow("For", moments_box)
        meta.addRow("", self.meta_problems["for"])
        meta.addRow(self._label("&Minutes", self.minutes_spin), self.minutes_spin)
        meta.addRow("", self.meta_problems["minutes"])

        # -- the steps -------------------------------------------------------------------------
        steps_heading = QLabel("Steps")
        steps_heading.setObjectName("heading")
        self.step_list = QListWidget()
        self.step_list.setAccessibleName("Steps")
        self.step_list.setMinimumHeight(140)
        self.step_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.step_list.setWordWrap(False)
        self.step_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.step_list.currentRowChanged.connect(self._step_chosen)
        self.add_button = self._button("Add", "Add a step after this one", self.add_step, True)
        self.remove_button = self._button("Remove", "Remove this step", self.remove_step, True)
        self.up_button = self._button("Up", "Move this step earlier", self.move_up, True)
        self.down_button = self._button("Down", "Move this step later", self.move_down, True)
        step_buttons = scaffold.button_row(
            self.add_button, self.remove_button, self.up_button, self.down_button, spacing=8
        )
        self.steps_problem = problem_label()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 12, 0)
        left_layout.setSpacing(10)
        about = QLabel("About this exercise")
        about.setObjectName("heading")
        left_layout.addWidget(about)
        left_layout.addLayout(meta)
        left_layout.addSpacing(8)
        left_layout.addWidget(steps_heading)
        left_layout.addWidget(self.step_list, 1)
        left_layout.addLayout(step_buttons)
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
        body = QHBoxLayout()
        body.setSpacing(20)
        body.addWidget(self.left_scroll, 5)
        body.addWidget(self.right_scroll, 6)

        # -- the footer -----------------------------------------------------------------------
        self.status = QLabel("")
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.general_problem = problem_label()
        self.leave_button = self._button("Leave", "Leave without saving", self._leave_now)
        self.leave_button.hide()
        self.preview_button = self._button("Preview", "Try the exercise as it is now", self.preview)
        self.save_button = self._button("Save", "Save into your scripts folder", self.save)
        self.save_button.setObjectName("primary")
        footer = QHBoxLayout()
        footer.setSpacing(10)
        footer.addWidget(self.status, 1)
        footer.addWidget(self.leave_button)
        footer.addWidget(self.preview_button)
        footer.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 18, 28, 16)
        layout.setSpacing(12)
        layout.addLayout(header)
        layout.addLayout(body, 1)
        layout.addWidget(self.general_problem)
        layout.addLayout(footer)

        save_key = QShortcut(QKeySequence.StandardKey.Save, self)
        save_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save_key.activated.connect(self.save)
        self._keys = [save_key]

        self.reload_library()
        self.set_draft(new_draft(), None)

    # -- building ---------------------------------------------------------------------------

    def _button(
        self, text: str, name: str, slot: Callable[[], object], small: bool = False
    ) -> QPushButton:
        return scaffold.button(text, name, slot, style="small" if small else "")

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    # -- the library -------------------------------------------------------------------------

    def reload_library(self) -> None:
        builtin, _ = load_builtin()
        own: list[Exercise] = []
        if self.folder.is_dir():
            own, _ = load_folder(self.folder, known=builtin)
        self.library = [LibraryEntry(e, False) for e in own] + [
            LibraryEntry(e, True) for e in builtin
        ]
        self.open_combo.blockSignals(True)
        self.open_combo.clear()
        self.open_combo.addItem(NEW_ITEM, None)
        for entry in self.library:
            self.open_combo.addItem(entry.label, entry)
        self.open_combo.blockSignals(False)
        self._show_open_choice()

    def _show_open_choice(self) -> None:
        if self.path is None:
            name = self.draft.title.strip() or "a new script"
            self.open_combo.setItemText(0, f"{name} (not saved yet)")
        else:
            self.open_combo.setItemText(0, NEW_ITEM)
        index = 0
        if self.path is not None:
            for i in range(1, self.open_combo.count()):
                entry = self.open_combo.itemData(i)
                if isinstance(entry, LibraryEntry) and _same(entry.exercise.source, self.path):
                    index = i
        self.open_combo.setCurrentIndex(index)

    def known(self) -> list[Known]:
        return known_from(e.exercise for e in self.library)

    def _open_chosen(self, index: int) -> None:
        entry = self.open_combo.itemData(index)
        if entry is None:
            self.new_script()
        elif isinstance(entry, LibraryEntry):
            self.open_entry(entry)

    def open_entry(self, entry: LibraryEntry) -> bool:
        """Open a script: the person's own to edit in place, a shipped one as a copy."""
        path = Path(entry.exercise.source)
        try:
            draft = draft_from_file(path)
        except tomllib.TOMLDecodeError as problem:
            self._say(NOT_TOML.format(name=path.name, problem=problem))
            return False
        except (OSError, UnicodeDecodeError) as problem:
            self._say(f"{path.name} could not be read ({problem}).")
            return False
        if entry.builtin:
            taken = [e.exercise.id for e in self.library]
            copy = duplicate_of(draft, taken)
            self.set_draft(copy, None, origin=entry.exercise.title)
        else:
            self.set_draft(draft, path)
        return True

    def open_path(self, path: Path) -> bool:
        for entry in self.library:
            if _same(entry.exercise.source, path):
                return self.open_entry(entry)
        return False

    # -- the draft ----------------------------------------------------------------------------

    def set_draft(self, draft: ScriptDraft, path: Path | None, *, origin: str = "") -> None:
        self.draft = draft
        self.path = path
        self.origin = origin
        self.pending = {}
        self._on_disk = {}
        self.dirty = path is None and bool(origin)
        self._asking_leave = False
        self.leave_button.hide()
        self._load_meta()
        self._fill_steps(0)
        self._show_open_choice()
        self.validate_now()

    @property
    def script_folder(self) -> Path | None:
        return self.path.parent if self.path is not None else None

    def _load_meta(self) -> None:
        d = self.draft
        self._loading = True
        try:
            self.id_edit.setText(d.id)
            self.title_edit.setText(d.title)
            if self.description_edit.toPlainText() != d.description:
                self.description_edit.setPlainText(d.description)
            for value, check in self.moment_checks.items():
                check.setChecked(value in d.moments)
            self.minutes_spin.setValue(d.minutes)
        finally:
            self._loading = False

    def _meta_changed(self, *_args: object) -> None:
        if self._loading:
            return
        d = self.draft
        d.id = self.id_edit.text()
        d.title = self.title_edit.text()
        d.description = self.description_edit.toPlainText()
        d.moments = [m.value for m in Moment if self.moment_checks[m.value].isChecked()]
        d.minutes = self.minutes_spin.value()
        self._changed()

    def _changed(self) -> None:
        self.dirty = True
        self._asking_leave = False
        self.leave_button.hide()
        self._check_timer.start()

    # -- steps ---------------------------------------------------------------------------------

    def _step_label(self, index: int, step: StepDraft) -> str:
        words = first_words(step.text, 7) or "(no words yet)"
        voice = "  ♪" if step.voice else ""
        return f"{index + 1}. {words}{voice}"

    def _fill_steps(self, select: int) -> None:
        self._loading = True
        try:
            self.step_list.clear()
            for i, step in enumerate(self.draft.steps):
                self.step_list.addItem(QListWidgetItem(self._step_label(i, step)))
        finally:
            self._loading = False
        count = len(self.draft.steps)
        self._current = -1
        if count:
            self.step_list.setCurrentRow(min(max(0, select), count - 1))
        else:
            self._step_chosen(-1)
        self._show_step_buttons()

    def _show_step_buttons(self) -> None:
        row = self.step_list.currentRow()
        count = len(self.draft.steps)
        self.remove_button.setEnabled(count > 0 and row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)

    def _step_chosen(self, row: int) -> None:
        if self._loading:
            return
        self._current = row
        step = self.draft.steps[row] if 0 <= row < len(self.draft.steps) else None
        self.step_form.set_step(step, row + 1)
        name = step.voice if step is not None else None
        self.voice_panel.show_step(name, self._samples(name), enabled=step is not None)
        self._show_step_buttons()
        self._show_problems()

    @property
    def current_step(self) -> int:
        return self._current

    def select_step(self, index: int) -> None:
        self.step_list.setCurrentRow(index)

    def _step_changed(self) -> None:
        row = self._current
        if 0 <= row < len(self.draft.steps):
            item = self.step_list.item(row)
            if item is not None:
                item.setText(self._step_label(row, self.draft.steps[row]))
        self._changed()

    def add_step(self) -> None:
        at = self._current + 1 if self._current >= 0 else len(self.draft.steps)
        self.draft.steps.insert(at, StepDraft(text="", seconds=20.0))
        self._fill_steps(at)
        self._changed()
        self.step_form.text_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def remove_step(self) -> None:
        row = self._current
        if not 0 <= row < len(self.draft.steps):
            return
        del self.draft.steps[row]
        self._fill_steps(min(row, len(self.draft.steps) - 1))
        self._changed()

    def move_up(self) -> None:
        self._move(-1)

    def move_down(self) -> None:
        self._move(1)

    def _move(self, by: int) -> None:
        row = self._current
        to = row + by
        steps = self.draft.steps
        if not (0 <= row < len(steps) and 0 <= to < len(steps)):
            return
        steps[row], steps[to] = steps[to], steps[row]
        self._fill_steps(to)
        self._changed()

    # -- voices ---------------------------------------------------------------------------------

    def _samples(self, name: str | None) -> Any:
        if not name:
            return None
        if name in self.pending:
            return self.pending[name]
        if name in self._on_disk:
            return self._on_disk[name]
        folder = self.script_folder
        if folder is None:
            return None
        from kapcompanion.domain.voice import VoiceError
        from kapcompanion.storage.wav import read_wav

        try:
            samples = read_wav(folder / name)
        except VoiceError:
            samples = None
        self._on_disk[name] = samples
        return samples

    def recordings(self) -> set[str]:
        """Voice paths that exist beside the script or wait to be saved with it."""
        have = set(self.pending)
        folder = self.script_folder
        if folder is not None:
            have |= {v for v in self.draft.voices() if (folder / v).is_file()}
        return have

    def _recorded(self, prepared: Any) -> None:
        row = self._current
        if not 0 <= row < len(self.draft.steps):
            return
        step = self.draft.steps[row]
        taken = set(self.draft.voices()) | set(self.pending)
        folder = self.script_folder
        if folder is not None and (folder / "voice").is_dir():
            taken |= {f"voice/{p.name}" for p in (folder / "voice").iterdir()}
        name = voice_name(self.draft.id, taken)
        self.pending[name] = prepared.samples
        step.voice = name
        self._step_changed()
        self.validate_now()

    def _voice_removed(self) -> None:
        row = self._current
        if 0 <= row < len(self.draft.steps):
            self.draft.steps[row].voice = None
            self._step_changed()
            self.validate_now()

    # -- checking ------------------------------------------------------------------------------

    def validate_now(self) -> list[ScriptError]:
        """Check the draft as the file would be read, and show every problem in place."""
        self._check_timer.stop()
        file = self.path.name if self.path is not None else f"{self.draft.id or 'new'}.toml"
        exercise, problems = check_draft(
            self.draft,
            file=file,
            known=self.known(),
            own_source=str(self.path) if self.path is not None else None,
            recordings=self.recordings(),
        )
        self.problems = problems
        if exercise is not None and self.path is not None:
            exercise = dataclasses.replace(exercise, source=str(self.path))
        self.exercise = exercise
        self._show_problems()
        return problems

    def problems_at(self, step: int | None) -> list[tuple[Place, ScriptError]]:
        return [(p, e) for e in self.problems if (p := place_of(e.key)).step == step]

    def _show_problems(self) -> None:
        meta: dict[str, list[str]] = {}
        general: list[str] = []
        for place, problem in self.problems_at(None):
            target = place.field if place.field in self.meta_problems else ""
            if place.field == "steps":
                target = "steps"
            (meta.setdefault(target, []) if target else general).append(problem_text(problem))
        for key, label in self.meta_problems.items():
            set_problem(label, meta.get(key, ()))
        mark(self.id_edit, "id" in meta)
        mark(self.title_edit, "title" in meta)
        mark(self.description_edit, "description" in meta)
        mark(self.minutes_spin, "minutes" in meta)
        set_problem(self.steps_problem, meta.get("steps", ()))
        set_problem(self.general_problem, general)

        by_group: dict[str, list[str]] = {}
        fields: set[str] = set()
        for place, problem in self.problems_at(self._current):
            group = place.group
            if group in ("", "seconds", "until_continue"):
                group = "timing"
            by_group.setdefault(group, []).append(problem_text(problem))
            fields.add(place.field)
        self.step_form.show_problems(by_group, fields)

        bad_steps = {p.step for e in self.problems if (p := place_of(e.key)).step is not None}
        for i in range(self.step_list.count()):
            item = self.step_list.item(i)
            if item is None:
                continue
            item.setForeground(QColor(self._theme.focus if i in bad_steps else self._theme.text))
            item.setToolTip("This step needs a look" if i in bad_steps else "")
            item.setData(
                Qt.ItemDataRole.AccessibleDescriptionRole, "needs a look" if i in bad_steps else ""
            )
        self._show_status()

    def _show_status(self, extra: str = "") -> None:
        if self._asking_leave:
            text = LEAVE_ASK
        elif self.problems:
            n = len(self.problems)
            text = f"{n} problem{'s' if n != 1 else ''} to look at; each is shown where it is."
        else:
            text = ALL_WELL
        where = ""
        if self.path is not None:
            where = f" {self.path.name}"
            where += ": changes not saved yet." if self.dirty else ": saved."
        elif self.origin:
            where = f" A copy of “{self.origin}”; not saved yet."
        else:
            where = f" {UNSAVED}"
        self.status.setText((extra + " " if extra else "") + text + where)
        ok = not self.problems
        self.preview_button.setEnabled(ok)
        self.save_button.setEnabled(True)
        self.export_button.setEnabled(self.path is not None)

    def _say(self, text: str) -> None:
        set_problem(self.general_problem, [text])

    # -- actions -------------------------------------------------------------------------------

    def new_script(self) -> None:
        self.set_draft(new_draft(), None)
        self.id_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def duplicate(self) -> None:
        """A copy of what shows now, under a new id, to be saved as a new script."""
        title = self.draft.title or "this script"
        voices = {v: self._samples(v) for v in self.draft.voices()}
        copy = duplicate_of(self.draft, [e.exercise.id for e in self.library])
        self.set_draft(copy, None, origin=title)
        # The copy keeps its recordings: they are written beside it when it is saved.
        self.pending = {k: v for k, v in voices.items() if v is not None}
        self.validate_now()

    def preview(self) -> bool:
        self.validate_now()
        if self.exercise is None or self._preview is None:
            return False
        self._preview(self.exercise)
        return True

    def save(self) -> Path | None:
        """Write the script (and its new recordings) into the scripts folder; the path, or None
        with the reason shown when it cannot be saved."""
        problems = self.validate_now()
        if problems:
            self._show_status("Not saved:")
            return None
        target = self.path or new_script_path(self.folder, self.draft.id)
        if is_inside(target, Path(str(builtin_folder()))):
            self._say("Shipped exercises are never changed; Duplicate makes your own copy.")
            return None
        try:
            ensure_private_dir(target.parent)
            self._write_recordings(target.parent)
            write_text_atomically(target, to_toml(self.draft))
        except OSError as problem:
            self._say(
                f"The script could not be saved to {target.parent} "
                f"({problem.strerror or problem}). The file as it was is unchanged; you might "
                "free some space or check the folder, then save again."
            )
            return None
        try:
            load_script(target)
        except ScriptError as problem:  # should not happen: the same checks ran before
            self._say(f"Saved, but the file has a problem: {problem}")
        self.path = target
        self.origin = ""
        self.pending = {}
        self.dirty = False
        self._asking_leave = False
        self.leave_button.hide()
        self.reload_library()
        self.validate_now()
        self._show_status("Saved.")
        if self._saved is not None:
            self._saved()
        return target

    def _write_recordings(self, folder: Path) -> None:
        from kapcompanion.storage.wav import write_wav

        for name, samples in self.pending.items():
            if name not in self.draft.voices():
                continue  # recorded, then removed or recorded again: not kept
            dest = folder / name
            ensure_private_dir(dest.parent)
            write_wav(dest, samples)

    def _ask_export(self) -> None:
        if self.path is None:
            return
        start = str(Path.home() / f"{self.draft.id}.kapscript")
        name, _ = QFileDialog.getSaveFileName(
            self, "Share this script", start, "Shared scripts (*.kapscript)"
        )
        if name:
            self.export_to(Path(name))

    def export_to(self, destination: Path) -> Path | None:
        """Write the saved script and its recordings as one .kapscript file."""
        from kapcompanion.storage.bundle import BundleError, export_bundle

        if self.path is None or self.dirty:
            self._say("You might save the script first; what is shared is the saved file.")
            return None
        try:
            done = export_bundle(self.path, destination)
        except BundleError as problem:
            self._say(str(problem))
            return None
        set_problem(self.general_problem, [])
        recordings = len(done.recordings)
        self._show_status(
            f"Shared as {done.path.name} ({recordings} recording{'s' if recordings != 1 else ''})."
        )
        return done.path

    def _ask_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Take in a shared script", str(Path.home()), "Shared scripts (*.kapscript)"
        )
        if name:
            self.import_from(Path(name))

    def import_from(self, bundle: Path) -> Path | None:
        """Take in a .kapscript (every entry checked first; nothing is half imported) and open
        it; the bundle's own message is shown when it cannot be taken in."""
        from kapcompanion.storage.bundle import BundleError, import_bundle

        try:
            done = import_bundle(bundle, ensure_private_dir(self.folder))
        except BundleError as problem:
            self._say(str(problem))
            return None
        except OSError as problem:
            self._say(f"Your scripts folder could not be made ({problem.strerror or problem}).")
            return None
        self.reload_library()
        self.open_path(done.script)
        self._show_status(f"Took in “{done.exercise.title}”.")
        if self._saved is not None:
            self._saved()
        return done.script

    # -- leaving ----------------------------------------------------------------------------

    def stop(self) -> None:
        """Esc or Close: leave; with unsaved changes, ask first (a second Esc leaves)."""
        if self.voice_panel.recording:
            self.voice_panel.stop()
            return
        if self.dirty and not self._asking_leave:
            self._asking_leave = True
            self.leave_button.show()
            self._show_status()
            self.save_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._leave_now()

    def request_stop(self) -> None:
        self.stop()

    def _leave_now(self) -> None:
        self.voice_panel.close_recorder()
        self.closed.emit()


def _same(a: str | Path, b: str | Path) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return str(a) == str(b)


def open_editor(window: EditorHost, **options: Any) -> EditorScreen:
    """Push the editor on the main window: previews run in the exercise screen (nothing is
    logged), and the home list is read again after every save or import."""
    from kapcompanion.ui.exercise.screen import ExerciseScreen

    def preview(exercise: Exercise) -> None:
        screen = ExerciseScreen(exercise, window.clock, window.theme, events=None)
        window.push(screen)
        screen.start()

    editor = EditorScreen(
        window.theme,
        window.clock,
        player=window.voice,
        preview=preview,
        saved=window.library.reload,
        **options,
    )
    window.push(editor)
    return editor
