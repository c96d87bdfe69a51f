"""Scripts with problems: what could not be loaded, where, and what would fix it.

Opened from the quiet line on the home screen. Each script that could not be loaded is a card
naming the file; each problem in it says the line, the key, what was expected and what was
found. The folder to fix them in is shown (and can be copied). "Look again" reads the scripts
once more after a fix. Esc or Back returns home; the other exercises work meanwhile.

Cards are made a page at a time (:data:`PAGE_FILES` scripts, then "Show more"), so a folder of
a thousand broken scripts opens as quickly as one with a single problem.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kapcompanion.domain.scripts import ScriptError
from kapcompanion.i18n import N_, _, ngettext
from kapcompanion.ui.shell import scaffold
from kapcompanion.ui.shell.theme import BASE_PT, SMALL_PT, Theme

TITLE = N_("Scripts with problems")
INTRO = N_(
    "These scripts could not be opened, so they are not in the list for now. Every other "
    "exercise is ready to use. Each entry says where the problem is and what would fix it."
)
FOLDER_LABEL = N_("Your scripts folder")
NO_FOLDER = N_("No scripts folder has been made yet.")
AFTER_FIX = N_(
    "After changing a file, Look again reads the scripts once more. "
    "The guide FORMAT.md, shipped with the exercises, describes every key."
)
ALL_FINE = N_("Every script loads now. Thank you for fixing them.")
HINT = N_("Esc goes back")
#: How many scripts' cards are made at once.
PAGE_FILES = 20
MORE = N_("Show more")


def problem_lines(problem: ScriptError) -> tuple[str, str, str]:
    """(where, expected, found) as shown on a card."""
    if problem.line is not None and problem.key:
        place = _("Line {line} · {key}").format(line=problem.line, key=problem.key)
    elif problem.line is not None:
        place = _("Line {line}").format(line=problem.line)
    else:
        place = problem.key or _("The whole file")
    return (
        place,
        _("Expected: {expected}").format(expected=problem.expected),
        _("Found: {found}").format(found=problem.found),
    )


def _styles(theme: Theme) -> str:
    t = theme
    return f"""
QFrame#problemfile {{ background: {t.surface}; border-radius: 12px; }}
QFrame#problemfile QLabel {{ background: transparent; }}
QLabel#filename {{ font-size: {BASE_PT + 2}pt; }}
QLabel#filepath, QLabel#where {{ color: {t.muted}; font-size: {SMALL_PT}pt; }}
QLabel#folder {{ background: {t.surface}; border-radius: 8px; padding: 6px 10px; }}
"""


class ProblemsPanel(QWidget):
    """A screen listing script problems. Emits ``closed`` when the person leaves."""

    closed = Signal()

    def __init__(
        self,
        problems: Sequence[ScriptError],
        folder: Path | None,
        theme: Theme,
        *,
        recheck: Callable[[], Sequence[ScriptError]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        scaffold.as_screen(self)
        self.setStyleSheet(_styles(theme))
        self.title = _(TITLE)
        self.folder = folder
        self._recheck = recheck
        self.problems: list[ScriptError] = []
        self._waiting: list[tuple[str, list[ScriptError]]] = []
        self._shown = 0

        heading = scaffold.label(_(TITLE), "title")
        intro = scaffold.label(_(INTRO), "muted", wrap=True)

        folder_caption = scaffold.label(_(FOLDER_LABEL), "muted")
        self.folder_label = QLabel(str(folder) if folder is not None else _(NO_FOLDER))
        self.folder_label.setObjectName("folder")
        self.folder_label.setProperty("proper_names", True)  # a path, the same in every language
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setAccessibleName(_(FOLDER_LABEL))
        self.copy_button = scaffold.button(
            _("Copy the folder's path"), _("Copy the scripts folder's path"), self.copy_folder
        )
        self.copy_button.setEnabled(folder is not None)
        folder_row = QHBoxLayout()
        folder_row.setSpacing(12)
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.copy_button)

        self.cards_box = QVBoxLayout()
        self.cards_box.setSpacing(12)
        self.summary = scaffold.label("", "muted", wrap=True)
        self.more_button = scaffold.button(
            _(MORE), _("Show the next scripts with problems"), lambda: self.more()
        )
        more_row = QHBoxLayout()
        more_row.addWidget(self.more_button)
        more_row.addStretch(1)
        after = scaffold.label(_(AFTER_FIX), "hint", wrap=True)

        column, column_layout = scaffold.page_column(880, top=32, bottom=24, spacing=12)
        column_layout.addWidget(heading)
        column_layout.addWidget(intro)
        column_layout.addSpacing(6)
        column_layout.addWidget(folder_caption)
        column_layout.addLayout(folder_row)
        column_layout.addSpacing(6)
        column_layout.addWidget(self.summary)
        column_layout.addLayout(self.cards_box)
        column_layout.addLayout(more_row)
        column_layout.addWidget(after)
        column_layout.addStretch(1)
        page = QWidget()
        scaffold.centre(column, QHBoxLayout(page))
        scroll = scaffold.scroll_area(page)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the buttons take the focus, not the page

        self.recheck_button = scaffold.button(
            _("Look again"), _("Read the scripts again"), self.look_again
        )
        self.back_button = scaffold.button(_("Back"), _("Go back home"), style="primary")
        self.back_button.clicked.connect(self.closed)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(32, 0, 32, 0)
        buttons.setSpacing(16)
        buttons.addStretch(1)
        buttons.addWidget(self.recheck_button)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        # Hidden only once it is in a layout, so it never flashes up as a window of its own.
        self.recheck_button.setVisible(recheck is not None)
        hint = scaffold.label(_(HINT), "hint")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 16)
        layout.setSpacing(8)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        layout.addWidget(hint)
        self.setFocusProxy(self.back_button)
        self.set_problems(problems)

    def set_problems(self, problems: Sequence[ScriptError]) -> None:
        self.problems = list(problems)
        while self.cards_box.count():
            item = self.cards_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        by_file: dict[str, list[ScriptError]] = {}
        for problem in self.problems:
            by_file.setdefault(problem.file, []).append(problem)
        self._waiting = list(by_file.items())
        self._shown = 0
        self.more(focus=False)

    @property
    def cards_shown(self) -> int:
        return self._shown

    def more(self, *, focus: bool = True) -> None:
        """Make the next page of cards."""
        page, self._waiting = self._waiting[:PAGE_FILES], self._waiting[PAGE_FILES:]
        for file, found in page:
            self.cards_box.addWidget(self._card(file, found))
        self._shown += len(page)
        self.more_button.setVisible(bool(self._waiting))
        if not self.problems:
            self.summary.setText(_(ALL_FINE))
        else:
            files = self._shown + len(self._waiting)
            count = len(self.problems)
            # Two counts in one sentence: each is its own phrase, the sentence joins them.
            scripts = ngettext("{n} script", "{n} scripts", files).format(n=files)
            things = ngettext("{n} problem", "{n} problems", count).format(n=count)
            if self._waiting:
                self.summary.setText(
                    ngettext(
                        "{scripts}, {problems}. Here is the first:",
                        "{scripts}, {problems}. Here are the first {n}:",
                        self._shown,
                    ).format(scripts=scripts, problems=things, n=self._shown)
                )
            else:
                self.summary.setText(
                    _("{scripts}, {problems}:").format(scripts=scripts, problems=things)
                )
        if focus and not self._waiting:
            self.back_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _card(self, file: str, problems: list[ScriptError]) -> QFrame:
        card = QFrame()
        card.setObjectName("problemfile")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(24, 16, 24, 18)
        layout.setSpacing(4)
        name = QLabel(problems[0].file_name)
        name.setObjectName("filename")
        path = QLabel(file)
        path.setObjectName("filepath")
        for label in (name, path):  # a file and its path, the same in every language
            label.setProperty("proper_names", True)
        path.setWordWrap(True)
        path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(name)
        layout.addWidget(path)
        for problem in problems:
            place, expected, found = problem_lines(problem)
            layout.addSpacing(8)
            where = QLabel(place)
            where.setObjectName("where")
            layout.addWidget(where)
            for text in (expected, found):
                line = QLabel(text)
                line.setWordWrap(True)
                line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                layout.addWidget(line)
        card.setAccessibleName(
            _("{file}: {problems}").format(
                file=problems[0].file_name, problems="; ".join(map(str, problems))
            )
        )
        return card

    def copy_folder(self) -> None:
        clipboard = QApplication.clipboard()
        if self.folder is not None and clipboard is not None:
            clipboard.setText(str(self.folder))

    def look_again(self) -> None:
        if self._recheck is not None:
            self.set_problems(self._recheck())
