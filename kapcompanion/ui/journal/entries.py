"""The journal's list as a model: headings for each session, drafts first, then entries.

A model (rather than a list of items) keeps a long journal quick to show: the rows are small
records whose words are put together only when the view asks for a row it draws. Headings can be
read but not chosen, so the arrow keys pass over them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from kapcompanion.domain.journal import EntryHead, day_words, group_heading, preview
from kapcompanion.i18n import N_, _
from kapcompanion.ui.journal.controller import Listing
from kapcompanion.ui.shell.theme import Theme

DRAFTS_HEADING = N_("Not kept yet")
NOTHING_YET = N_("Nothing written yet. Whenever you like, Write opens an empty page.")
NOTHING_FOUND = N_("Nothing found for “{query}”.")
#: How a row names its entry: ``{when}`` is the day and time it was written or set aside.
ENTRY = N_("{when}")
ENTRY_EDITED = N_("{when} · changed later")
DRAFT_NEW = N_("A new entry, {when}")
DRAFT_CHANGES = N_("Changes to an entry, {when}")
NO_WORDS = N_("(no words yet)")
UUID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class RowKind(Enum):
    HEADING = "heading"
    DRAFT = "draft"
    ENTRY = "entry"
    NOTE = "note"


@dataclass(frozen=True)
class Row:
    """A row of the list: a heading or note (``words``, translated), a draft or an entry
    (``head``, named by ``words``: one of the ``{when}`` sentences above, marked only)."""

    kind: RowKind
    words: str = ""
    uuid: str | None = None
    head: EntryHead | None = None

    @property
    def text(self) -> str:
        head = self.head
        if head is None:
            return self.words
        name = ENTRY_EDITED if self.words == ENTRY and head.edited_at is not None else self.words
        when = _(name).format(when=when_words(head.written_at))
        return f"{when} · {head.preview}"


def list_style(theme: Theme) -> str:
    """The journal's lists: quiet surfaces with room around each row."""
    return (
        f"QListView {{ background: {theme.surface}; border: none; border-radius: 10px; "
        f"padding: 6px; }} QListView::item {{ padding: 5px 8px; }}"
    )


def when_words(when: datetime) -> str:
    """ "3 March 2025, 21:30"."""
    return _("{day}, {time}").format(
        day=day_words(when.date()), time=f"{when.hour:02d}:{when.minute:02d}"
    )


def rows_of(listing: Listing) -> list[Row]:
    rows: list[Row] = []
    if listing.drafts:
        rows.append(Row(RowKind.HEADING, _(DRAFTS_HEADING)))
        for draft, is_new in listing.drafts:
            what = DRAFT_NEW if is_new else DRAFT_CHANGES
            head = EntryHead(
                draft.entry_uuid, draft.saved_at, preview(draft.text) or _(NO_WORDS), 0
            )
            rows.append(Row(RowKind.DRAFT, what, draft.entry_uuid, head))
    for group in listing.groups:
        heading = group_heading(group.session, any_sessions=listing.any_sessions)
        rows.append(Row(RowKind.HEADING, heading))
        rows.extend(Row(RowKind.ENTRY, ENTRY, h.uuid, h) for h in group.entries)
    if not listing.groups and not listing.drafts:
        note = _(NOTHING_FOUND).format(query=listing.query) if listing.query else _(NOTHING_YET)
        rows.append(Row(RowKind.NOTE, note))
    return rows


class EntryListModel(QAbstractListModel):
    """Rows of the journal's list; ``UUID_ROLE`` gives an entry's or draft's id."""

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self._rows: list[Row] = []
        self._muted = QColor(theme.muted)
        self._heading_font = QFont()
        self._heading_font.setBold(True)

    def set_listing(self, listing: Listing) -> None:
        self.beginResetModel()
        self._rows = rows_of(listing)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def row(self, n: int) -> Row:
        return self._rows[n]

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_of(self, entry_uuid: str) -> int | None:
        for n, r in enumerate(self._rows):
            if r.uuid == entry_uuid:
                return n
        return None

    def first_choosable(self) -> int | None:
        for n, r in enumerate(self._rows):
            if r.uuid is not None:
                return n
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return r.text
        if role == UUID_ROLE:
            return r.uuid
        if role == KIND_ROLE:
            return r.kind.value
        if role == Qt.ItemDataRole.FontRole and r.kind is RowKind.HEADING:
            return self._heading_font
        if role == Qt.ItemDataRole.ForegroundRole and r.kind in (RowKind.HEADING, RowKind.NOTE):
            return self._muted
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._rows[index.row()].uuid is None:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
