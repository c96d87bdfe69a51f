"""The take-home card, made on the therapist's screen and saved as a one-page PDF to print or
send.

The dialog opens from the therapist's control window. It offers the client's first words (if
they typed any at the close, and only when the therapist ticks that the client wants them on
the card), the intention the client came in with, and the practices for the days after (ticked
from the library's between-session practices). The page itself is
:mod:`kapcompanion.domain.take_home`'s text, drawn large and plain on A4 paper in the light
palette, and written 0600, all or nothing.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPageLayout,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kapcompanion.domain.exercise_info import length_label
from kapcompanion.domain.present_status import present_order
from kapcompanion.domain.scripts import Exercise, Moment
from kapcompanion.domain.take_home import TITLE, TakeHome, sections
from kapcompanion.domain.words import long_date
from kapcompanion.i18n import N_, _
from kapcompanion.storage.errors import StorageFailure
from kapcompanion.storage.export import export_failed, write_export
from kapcompanion.ui.shell import scaffold
from kapcompanion.ui.shell.pdf import a4_in_memory
from kapcompanion.ui.shell.theme import LIGHT, Theme, stylesheet

ABOUT = N_(
    "A page your client can take home. Only what you choose here is on it. It also says what "
    "the next days can bring and how to reach support."
)
FIRST_WORDS_CHECK = N_("Put their first words on the card (if they would like that)")
DEFAULT_NAME = "take-home-card.pdf"


def card_html(card: TakeHome, theme: Theme = LIGHT) -> str:
    """The card as simple HTML for a :class:`QTextDocument` (every word escaped)."""
    out = [
        f"<h1 style='font-size:22pt; font-weight:normal; color:{theme.text}'>"
        f"{html.escape(_(TITLE))}</h1>",
        f"<p style='color:{theme.muted}'>{html.escape(long_date(card.made))}</p>",
    ]
    for heading, lines in sections(card):
        if heading:
            out.append(
                f"<h2 style='font-size:14pt; font-weight:normal; color:{theme.accent}; "
                f"margin-top:14pt'>{html.escape(heading)}</h2>"
            )
        out.extend(f"<p style='margin-top:4pt'>{html.escape(line)}</p>" for line in lines)
    return f"<div style='font-size:12pt; color:{theme.text}'>{''.join(out)}</div>"


def render_card(card: TakeHome) -> bytes:
    """The card on one A4 page: the bytes of the PDF. Needs a QGuiApplication."""
    buffer, writer = a4_in_memory("card", _(TITLE), (22, 20, 22, 18))
    document = QTextDocument()
    # Its own type, not the app's (which follows the person's text size on screen).
    document.setDefaultFont(QFont(QGuiApplication.font().family(), 12))
    document.setHtml(card_html(card))
    # Lay the text out on the page's printable area, in points, as the writer prints it.
    area = writer.pageLayout().paintRect(QPageLayout.Unit.Point)
    document.setPageSize(QSizeF(area.width(), area.height()))
    document.print_(writer)
    buffer.close()
    return bytes(buffer.data().data())


def save_card(card: TakeHome, target: Path) -> None:
    """Write the card to ``target`` (0600, all or nothing). Raises :class:`StorageFailure`
    with a message to show when that is not possible."""
    try:
        data = render_card(card)
    except OSError as exc:
        raise export_failed(Path(target), exc, what=_("take-home card")) from exc
    write_export(Path(target), data, what=_("take-home card"))


class TakeHomeDialog(QDialog):
    """Choose what goes on the card, then save it."""

    def __init__(
        self,
        exercises: Sequence[Exercise],
        *,
        first_words: str = "",
        theme: Theme,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Take-home card"))
        self.setStyleSheet(stylesheet(theme))
        self._today, self._theme = today, theme
        self.saved_to: Path | None = None

        about = scaffold.label(_(ABOUT), "muted", wrap=True)
        self.first_words = QPlainTextEdit(first_words)
        self.first_words.setAccessibleName(_("Their first words"))
        self.first_words.setTabChangesFocus(True)
        self.first_words.setFixedHeight(70)
        self.first_words_check = QCheckBox(_(FIRST_WORDS_CHECK))
        self.intention = QLineEdit()
        self.intention.setMaxLength(300)
        self.intention.setAccessibleName(_("What they came in with"))
        self.intention.setPlaceholderText(_("Their intention, in their words"))
        self.practices = QListWidget()
        self.practices.setAccessibleName(_("Practices for the next days"))
        for exercise in present_order(exercises):  # by length, not by the words
            if exercise.is_for(Moment.BETWEEN_SESSIONS) and not exercise.has_holds:
                item = QListWidgetItem(f"{exercise.title} · {length_label(exercise.minutes)}")
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                item.setData(Qt.ItemDataRole.UserRole, exercise.title)
                self.practices.addItem(item)
        self.message = scaffold.label("", "notice", wrap=True)
        self.message.hide()
        self.save_button = scaffold.button(
            _("Save the card…"), _("Save the card as a PDF"), self.choose_file, style="primary"
        )
        self.cancel_button = scaffold.button(_("Close"), _("Close without saving"), self.reject)

        form = QFormLayout()
        form.addRow(self._label(_("Their &first words"), self.first_words), self.first_words)
        form.addRow("", self.first_words_check)
        form.addRow(self._label(_("&Came in with"), self.intention), self.intention)
        form.addRow(self._label(_("&Practices"), self.practices), self.practices)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(scaffold.hint_row(_("Esc closes."), self.cancel_button, self.save_button))
        self.resize(640, 560)

        # The plan for the days after, as a file for the client (see plan.py).
        from kapcompanion.ui.presentation.plan import plan_button

        self._exercises = exercises
        self.plan_dialog: QDialog | None = None
        self.plan_button = plan_button(self.open_plan)
        form.addRow("", self.plan_button)
        QWidget.setTabOrder(self.practices, self.plan_button)  # Tab follows the page

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def card(self) -> TakeHome:
        chosen = []
        for row in range(self.practices.count()):
            item = self.practices.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                chosen.append(str(item.data(Qt.ItemDataRole.UserRole)))
        words = self.first_words.toPlainText() if self.first_words_check.isChecked() else ""
        return TakeHome(self._today, words, self.intention.text(), tuple(chosen))

    def open_plan(self) -> QDialog:
        """The plan's dialog, over this one."""
        from kapcompanion.ui.presentation.plan import PlanDialog

        dialog = PlanDialog(self._exercises, theme=self._theme, today=self._today, parent=self)
        self.plan_dialog = dialog
        dialog.open()
        return dialog

    def choose_file(self) -> None:
        start = str(Path.home() / DEFAULT_NAME)
        name, _filter = QFileDialog.getSaveFileName(self, _("Save the card"), start, "PDF (*.pdf)")
        if name:
            self.save_to(Path(name))

    def save_to(self, target: Path) -> bool:
        """Save the card to ``target``; says what happened in the dialog either way."""
        try:
            save_card(self.card(), target)
        except StorageFailure as failure:
            self._say(
                _("{problem} What you chose here is still here.").format(problem=failure.message)
            )
            return False
        self.saved_to = target
        self._say(
            _("Saved to {file}. You might print it or send it to your client.").format(file=target)
        )
        return True

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
