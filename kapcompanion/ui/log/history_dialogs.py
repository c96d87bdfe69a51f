"""The history's dialogs: what to export, deleting everything, deleting one practice."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kapcompanion.domain.words import long_date
from kapcompanion.i18n import N_, _, pgettext
from kapcompanion.ui.shell.theme import DARK, Theme

#: The word typed to confirm deleting everything, in English; the person types it in the
#: language in use (see :func:`delete_all_word`).
DELETE_ALL_WORD = "delete"
DELETE_ALL_TEXT = N_(
    "This deletes every practice and every medicine-session date in your log, for good. "
    "If you might want them later, you could export a JSON backup first."
)
#: The export formats: (key, what the person chooses, the file dialog's filter).
FORMATS = (
    ("csv", N_("A table (CSV), for a spreadsheet"), N_("CSV files (*.csv)")),
    ("json", N_("A backup (JSON), which can be imported again"), N_("JSON files (*.json)")),
    ("pdf", N_("A one-page summary (PDF), for your therapist"), N_("PDF files (*.pdf)")),
)


def delete_all_word() -> str:
    """The word to type to delete everything, in the language in use."""
    return pgettext("the word typed to confirm deleting everything", "delete")


class DeleteAllDialog(QDialog):
    """Type the word to confirm: deleting everything is never one click away."""

    def __init__(self, theme: Theme = DARK, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Delete all my data"))
        self.setModal(True)
        self._word = delete_all_word()
        text = QLabel(_(DELETE_ALL_TEXT))
        text.setWordWrap(True)
        ask = QLabel(_("To go ahead, type the word {word} below.").format(word=self._word))
        ask.setObjectName("muted")
        ask.setWordWrap(True)
        self.word = QLineEdit()
        self.word.setAccessibleName(_("Type {word} to confirm").format(word=self._word))
        self.word.setPlaceholderText(self._word)
        self.keep_button = QPushButton(_("Keep my data"))
        self.keep_button.setDefault(True)
        self.keep_button.clicked.connect(self.reject)
        self.delete_button = QPushButton(_("Delete everything"))
        self.delete_button.setEnabled(False)
        self.delete_button.clicked.connect(self.accept)
        self.word.textChanged.connect(self._typed)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(14)
        layout.addWidget(text)
        layout.addWidget(ask)
        layout.addWidget(self.word)
        layout.addLayout(buttons)
        self.setMinimumWidth(520)
        self.setStyleSheet(f"QDialog {{ background: {theme.surface}; }}")

    def _typed(self, text: str) -> None:
        self.delete_button.setEnabled(self._matches(text))

    def _matches(self, text: str) -> bool:
        return text.strip().casefold() == self._word.casefold()

    @property
    def confirmed(self) -> bool:
        return self._matches(self.word.text())


class ExportDialog(QDialog):
    """Which format and which dates; the file name is asked next."""

    def __init__(
        self,
        shown: tuple[date | None, date | None],
        theme: Theme = DARK,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Export"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        intro = QLabel(_("Nothing leaves this computer unless you choose to share the file."))
        intro.setObjectName("muted")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self._formats = QButtonGroup(self)
        for i, (key, label, _pattern) in enumerate(FORMATS):
            radio = QRadioButton(_(label))
            radio.setProperty("format", key)
            self._formats.addButton(radio, i)
            layout.addWidget(radio)
        self._formats.button(0).setChecked(True)
        layout.addSpacing(8)
        first, last = shown
        shown_text = (
            _("The dates shown ({first} to {last})").format(
                first=long_date(first), last=long_date(last)
            )
            if first is not None and last is not None
            else _("The dates shown (everything)")
        )
        self.shown_radio = QRadioButton(shown_text)
        self.all_radio = QRadioButton(_("Everything in my log"))
        self.shown_radio.setChecked(True)
        self._range = QButtonGroup(self)
        self._range.addButton(self.shown_radio)
        self._range.addButton(self.all_radio)
        layout.addWidget(self.shown_radio)
        layout.addWidget(self.all_radio)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = QPushButton(_("Cancel"))
        cancel.clicked.connect(self.reject)
        go = QPushButton(_("Choose where to save…"))
        go.setDefault(True)
        go.clicked.connect(self.accept)
        buttons.addWidget(cancel)
        buttons.addWidget(go)
        layout.addSpacing(8)
        layout.addLayout(buttons)
        self.setStyleSheet(f"QDialog {{ background: {theme.surface}; }}")

    @property
    def format(self) -> str:
        button = self._formats.checkedButton()
        return str(button.property("format")) if button is not None else FORMATS[0][0]

    @property
    def everything(self) -> bool:
        return self.all_radio.isChecked()


def confirm_delete(parent: QWidget, title: str, text: str) -> bool:
    """Ask before deleting one practice; keeping it is the default and Esc."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    keep = box.addButton(_("Keep it"), QMessageBox.ButtonRole.RejectRole)
    delete = box.addButton(_("Delete"), QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is delete
