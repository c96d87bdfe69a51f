"""A summary for the therapist, with what the person chooses to share from the journal.

The practice summary is always its first page. After it comes only what is ticked here: the
intention the latest session in the dates began with, a picture of the body map over the dates,
and single journal entries. Nothing is ticked to begin with, and nothing leaves the computer:
the PDF is written where the person says, and only when they ask.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from kapcompanion import i18n
from kapcompanion.domain.journal import JournalEntry, preview
from kapcompanion.domain.journal_share import BodyPicture, Shared, entry_heading
from kapcompanion.i18n import N_, _, pgettext
from kapcompanion.storage import PracticeStore, StorageFailure
from kapcompanion.storage.journal import JournalStore
from kapcompanion.ui.journal.entries import list_style
from kapcompanion.ui.log.report import export_pdf
from kapcompanion.ui.shell import scaffold
from kapcompanion.ui.shell.theme import Theme

TITLE = N_("A summary for your therapist")
ABOUT = N_(
    "The first page tells what you practised in these dates. Nothing from your journal or "
    "body map goes with it unless you tick it here."
)
BODY_PICK = N_("A picture of the body map for these dates")
NO_ENTRIES = N_("No journal entries in these dates.")
KEYS = N_("Space ticks or unticks · Tab moves on · Esc goes back")
#: How far back the dates begin, in days.
DEFAULT_SPAN = 90


def _tick_style(theme: Theme) -> str:
    """The list's ticks look like the app's other tick boxes: an outline, filled when ticked."""
    t = theme
    return (
        f"QListView::indicator {{ width: 18px; height: 18px; border: 2px solid {t.muted}; "
        f"border-radius: 5px; background: {t.surface}; }} "
        f"QListView::indicator:checked {{ background: {t.accent}; border-color: {t.accent}; }}"
    )


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class ShareScreen(QWidget):
    """Choose what to share, then write the PDF. Emits ``closed`` to leave."""

    closed = Signal()

    def __init__(
        self,
        store: PracticeStore,
        journal: JournalStore,
        theme: Theme,
        *,
        titles: Mapping[str, str],
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        scaffold.as_screen(self)
        self.title = _(TITLE)
        self.store = store
        self.journal = journal
        self.titles = titles
        #: Asks where to write the PDF (None: not now); replaced in tests.
        self.choose_target: Callable[[Path], Path | None] = self._ask_target
        self._entries: list[JournalEntry] = []
        self._intention: str | None = None

        last = today()
        self.first_edit = QDateEdit(_qdate(last - timedelta(days=DEFAULT_SPAN)))
        self.last_edit = QDateEdit(_qdate(last))
        names = (_("From this date"), _("To this date"))
        for edit, name in zip((self.first_edit, self.last_edit), names, strict=True):
            edit.setCalendarPopup(True)
            # The months' names in the person's language.
            edit.setLocale(QLocale(i18n.language()))
            edit.setDisplayFormat("d MMM yyyy")
            edit.setAccessibleName(name)
            edit.dateChanged.connect(self.refresh)
        self.intention_check = QCheckBox("")
        self.body_check = QCheckBox(_(BODY_PICK))
        self.entry_list = QListWidget()
        self.entry_list.setAccessibleName(
            _("Journal entries in these dates; tick the ones to share")
        )
        self.entry_list.setWordWrap(True)
        self.entry_list.setStyleSheet(list_style(theme) + _tick_style(theme))
        self.entry_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.no_entries = scaffold.label(_(NO_ENTRIES), "muted")
        self.status = scaffold.label("", "notice", wrap=True)
        self.status.hide()
        self.save_button = scaffold.button(
            _("Save the PDF…"),
            _("Save the summary with what you ticked"),
            self.save,
            style="primary",
        )
        self.back_button = scaffold.button(_("Back"), _("Back without saving"), self.closed.emit)

        dates = QHBoxLayout()
        dates.setSpacing(10)
        between = (pgettext("dates", "From"), pgettext("dates", "to"))
        for text, edit in zip(between, (self.first_edit, self.last_edit), strict=True):
            dates.addWidget(scaffold.label(text))
            dates.addWidget(edit)
        dates.addStretch(1)
        column, col = scaffold.page_column(820, top=30, bottom=20, spacing=12)
        col.addWidget(scaffold.label(_(TITLE), "title"))
        col.addWidget(scaffold.label(_(ABOUT), "muted", wrap=True))
        col.addLayout(dates)
        col.addWidget(self.intention_check)
        col.addWidget(self.body_check)
        col.addWidget(scaffold.label(_("Journal entries to share"), "heading"))
        col.addWidget(self.no_entries)
        col.addWidget(self.entry_list, 1)
        col.addWidget(self.status)
        col.addLayout(scaffold.button_row(self.save_button, self.back_button, spacing=12))
        col.addWidget(scaffold.label(_(KEYS), "hint"))
        scaffold.centre(column, QHBoxLayout(self))
        self.refresh()

    # -- what can be chosen --------------------------------------------------------------------

    @property
    def first(self) -> date:
        return _day(self.first_edit.date())

    @property
    def last(self) -> date:
        return _day(self.last_edit.date())

    def refresh(self) -> None:
        """Offer what the dates hold; every tick starts off."""
        first, last = sorted((self.first, self.last))
        try:
            entries = [e for e in self.journal.list_entries() if first <= e.written_on <= last]
            sessions = [d for d in self.journal.session_days() if first <= d <= last]
            self._intention = None
            for day in reversed(sessions):
                self._intention = self.journal.intention_for(day)
                if self._intention:
                    break
        except StorageFailure as failure:
            self._say(failure.message)
            entries = []
        self._entries = sorted(entries, key=lambda e: e.written_at)
        self.intention_check.setChecked(False)
        self.intention_check.setVisible(bool(self._intention))
        if self._intention:
            self.intention_check.setText(
                _("The intention you came in with: “{intention}”").format(intention=self._intention)
            )
        self.entry_list.clear()
        for entry in self._entries:
            item = QListWidgetItem(f"{entry_heading(entry)}\n{preview(entry.text, 160)}")
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole, f"{entry_heading(entry)}: {entry.text}"
            )
            self.entry_list.addItem(item)
        if self._entries:
            self.entry_list.setCurrentRow(0)
        self.entry_list.setVisible(bool(self._entries))
        self.no_entries.setVisible(not self._entries)

    def picks(self) -> Shared:
        """Exactly what is ticked."""
        first, last = sorted((self.first, self.last))
        chosen = tuple(
            entry
            for i, entry in enumerate(self._entries)
            if self.entry_list.item(i).checkState() == Qt.CheckState.Checked
        )
        body = None
        if self.body_check.isChecked():
            body = BodyPicture(first, last, self.journal.summary(first, last))
        intention = self._intention if self.intention_check.isChecked() else None
        return Shared(intention=intention, entries=chosen, body=body)

    # -- writing -------------------------------------------------------------------------------

    def _ask_target(self, suggested: Path) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(
            self, _(TITLE), str(suggested), _("PDF (*.pdf)")
        )
        return Path(name) if name else None

    def save(self) -> Path | None:
        """Ask where, then write the summary with the picks; says what happened."""
        first, last = sorted((self.first, self.last))
        suggested = Path.home() / f"practice-summary-{last.isoformat()}.pdf"
        target = self.choose_target(suggested)
        if target is None:
            return None
        try:
            shared = self.picks()
            export_pdf(self.store, target, first, last, titles=self.titles, shared=shared)
        except StorageFailure as failure:
            self._say(failure.message)
            return None
        if shared.empty:
            said = _("Saved the practice summary to {file}.")
        else:
            said = _("Saved the practice summary and what you ticked to {file}.")
        self._say(said.format(file=target))
        return target

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
