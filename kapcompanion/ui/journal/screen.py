"""The journal screen: the person's own words between sessions, listed by the session they follow.

A layout-only view over :class:`~.controller.JournalController`. Three pages:

- the list: prompts for the days since the last session, a search box, drafts and entries
  grouped by session (newest first); Enter opens, Delete asks once, calmly, in the page itself;
- the page for writing: the prompt (or "Your words"), the intention the session began with,
  a quiet way out, the words, and if wanted the body map to mark where something is felt;
- the body over time (:mod:`.summary`).

Esc goes back one page; from the list it leaves. Nothing typed is lost on the way: words not yet
kept become a draft, which waits at the top of the list.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QLocale, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kapcompanion import i18n
from kapcompanion.domain.body_map import Mark
from kapcompanion.domain.journal import MAX_ENTRY_CHARS, WAY_OUT
from kapcompanion.i18n import N_, _, ngettext
from kapcompanion.ui.journal.body_map import BodyMapWidget
from kapcompanion.ui.journal.controller import Editing, JournalController, Outcome
from kapcompanion.ui.journal.entries import (
    KIND_ROLE,
    UUID_ROLE,
    EntryListModel,
    RowKind,
    list_style,
)
from kapcompanion.ui.journal.summary import BodySummaryView
from kapcompanion.ui.shell import scaffold
from kapcompanion.ui.shell.theme import Theme

TITLE = N_("Journal")
ABOUT = N_("Your own words, between sessions. Write when you like; nothing here counts the days.")
GUEST_NOTE = N_(
    "You are practising as a guest: what you write here is forgotten when the app closes."
)
LIST_KEYS = N_("Enter opens · Delete removes · Esc goes back")
EDIT_KEYS = N_("Ctrl+Enter keeps your words · Esc puts them aside (nothing is lost)")
NEAR_LIMIT = 18_000
#: The short integration practice: a moment of grounding, then a prompt for these days.
GROUND_HEADING = N_("A moment first")
GROUND_LINES = (
    N_("You might let your feet rest flat on the floor."),
    N_("Notice where the chair or the ground holds your weight."),
    N_("Let your eyes rest on one thing in the room."),
    N_("Breathe as you are breathing; nothing needs to change."),
)
GROUND_NEXT = N_("When you feel ready, there is a prompt for today.")
GROUND_KEYS = N_("Enter goes on to the prompt · Esc goes back to the journal")


class JournalScreen(QWidget):
    """The journal. Emits ``closed`` to leave and ``changed`` after entries change."""

    closed = Signal()
    changed = Signal()
    share_requested = Signal()

    def __init__(
        self,
        controller: JournalController,
        theme: Theme,
        *,
        now: Callable[[], datetime],
        guest: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        scaffold.as_screen(self)
        self.title = _(TITLE)
        self.controller = controller
        self.editing: Editing | None = None
        self._pending_delete: tuple[str, bool] | None = None

        self.pages = QStackedWidget()
        self.list_page = self._build_list(theme, guest)
        self.edit_page = self._build_editor(theme, now)
        self.body_page = BodySummaryView(controller, theme, now=now)
        self.body_page.back.connect(self.show_list)
        self.ground_page = self._build_grounding()
        for page in (self.list_page, self.edit_page, self.body_page, self.ground_page):
            self.pages.addWidget(page)
        column, col = scaffold.page_column(900, top=30, bottom=20)
        col.addWidget(self.pages)
        scaffold.centre(column, QHBoxLayout(self))
        self.guest_note.setVisible(guest)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self.edit_page, self.keep)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refresh()

    # -- building ----------------------------------------------------------------------------

    def _build_list(self, theme: Theme, guest: bool) -> QWidget:
        page = QWidget()
        self.guest_note = scaffold.label(_(GUEST_NOTE), "notice", wrap=True)
        self.prompt_intro = scaffold.label("", "muted", wrap=True)
        self.prompt_list = QListWidget()
        self.prompt_list.setAccessibleName(_("Prompts to write from"))
        self.prompt_list.setWordWrap(True)
        self.prompt_list.setMaximumHeight(190)
        self.prompt_list.setStyleSheet(list_style(theme))
        self.prompt_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.prompt_list.itemActivated.connect(self._prompt_chosen)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search your words"))
        self.search.setAccessibleName(_("Search your journal"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.refresh)
        self.write_button = scaffold.button(
            _("Write"), _("Write a new entry"), lambda: self.write(), style="primary"
        )
        self.model = EntryListModel(theme)
        self.entries = QListView()
        self.entries.setModel(self.model)
        self.entries.setUniformItemSizes(True)
        self.entries.setAccessibleName(_("Your entries, newest first"))
        self.entries.setStyleSheet(list_style(theme))
        self.entries.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.entries.activated.connect(self._entry_activated)
        self.entries.installEventFilter(self)
        self.confirm, self.confirm_text = self._build_confirm()
        self.list_status = scaffold.label("", "notice", wrap=True)
        self.open_button = scaffold.button(_("Open"), _("Open the chosen entry"), self.open_current)
        self.delete_button = scaffold.button(
            _("Delete…"), _("Delete the chosen entry"), self.ask_delete
        )
        self.body_button = scaffold.button(_("The body over time"), slot=self.show_body)
        self.share_button = scaffold.button(
            _("For my therapist…"),
            _("A summary for your therapist, with only what you choose from here"),
            self.share_requested.emit,
        )
        self.done_button = scaffold.button(_("Done"), _("Leave the journal"), self.closed.emit)

        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.write_button)
        # Two rows: in a longer language or with large text one row runs out of room.
        buttons = QHBoxLayout()
        for button in (self.open_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        more = QHBoxLayout()
        for button in (self.body_button, self.share_button):
            more.addWidget(button)
        more.addStretch(1)
        more.addWidget(self.done_button)
        scaffold.line_or_column(page, more)  # one under another when a line does not fit
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(scaffold.label(_(TITLE), "title"))
        layout.addWidget(scaffold.label(_(ABOUT), "muted", wrap=True))
        layout.addWidget(self.guest_note)
        layout.addWidget(self.prompt_intro)
        layout.addWidget(self.prompt_list)
        layout.addLayout(search_row)
        layout.addWidget(self.entries, 1)
        layout.addWidget(self.confirm)
        layout.addWidget(self.list_status)
        layout.addLayout(buttons)
        layout.addLayout(more)
        layout.addWidget(scaffold.label(_(LIST_KEYS), "hint"))
        self.list_status.hide()
        page.setTabOrder(self.prompt_list, self.search)
        page.setTabOrder(self.search, self.write_button)
        page.setTabOrder(self.write_button, self.entries)
        # With large text, or a longer language, the list may need more room than the window
        # has: it scrolls, following the keyboard's focus, rather than cutting lines short.
        return scaffold.scroll_area(page)

    def _build_confirm(self) -> tuple[QFrame, QLabel]:
        frame, layout = scaffold.card(padding=14)
        text = scaffold.label("", wrap=True)
        self.confirm_delete = scaffold.button(_("Delete"), _("Delete it"), self.delete_confirmed)
        self.confirm_keep = scaffold.button(_("Keep it"), _("Keep it"), self.cancel_delete)
        layout.addWidget(text)
        layout.addLayout(scaffold.button_row(self.confirm_keep, self.confirm_delete, spacing=12))
        frame.hide()
        return frame, text

    def _build_editor(self, theme: Theme, now: Callable[[], datetime]) -> QWidget:
        page = QWidget()
        self.edit_heading = scaffold.label("", "heading", wrap=True)
        self.intention = scaffold.label("", "muted", wrap=True)
        self.way_out = scaffold.label(_(WAY_OUT.text), "hint", wrap=True)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName(_("Your words"))
        self.editor.setTabChangesFocus(True)
        self.editor.setMinimumHeight(140)
        self.editor.textChanged.connect(self._text_changed)
        self.near_limit = scaffold.label("", "hint")
        self.body_toggle = scaffold.button(_("Mark where you feel it"), slot=self._toggle_body)
        self.body_toggle.setCheckable(True)
        self.body_map = BodyMapWidget(theme, now=now)
        self.body_map.marked.connect(self._marked)
        self.body_map.unmarked.connect(self._unmarked)
        self.keep_button = scaffold.button(
            _("Keep these words"), _("Keep these words"), self.keep, style="primary"
        )
        self.aside_button = scaffold.button(
            _("Put aside"), _("Put these words aside and go back to the list"), self.request_stop
        )
        self.let_go_button = scaffold.button(_("Let go of this draft"), slot=self.let_go)
        self.edit_status = scaffold.label("", "notice", wrap=True)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        for widget in (self.edit_heading, self.intention, self.way_out):
            layout.addWidget(widget)
        layout.addWidget(self.editor, 2)
        layout.addWidget(self.near_limit)
        layout.addWidget(self.body_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.body_map, 3)
        layout.addWidget(self.edit_status)
        buttons = scaffold.button_row(
            self.keep_button, self.aside_button, self.let_go_button, spacing=12
        )
        layout.addLayout(buttons)
        layout.addWidget(scaffold.label(_(EDIT_KEYS), "hint"))
        self.body_map.hide()
        self.near_limit.hide()
        self.edit_status.hide()
        # With large text the page may need more room than the window has: it scrolls, and
        # follows the keyboard's focus, rather than squeezing the body map and the words.
        scroll = scaffold.scroll_area(page)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._edit_scroll = scroll
        return scroll

    def _build_grounding(self) -> QWidget:
        page = QWidget()
        self.ground_intention = scaffold.label("", "muted", wrap=True)
        self.ground_next = scaffold.button(
            _("Go on to a prompt"),
            _("Go on to a prompt for today"),
            self.ground_done,
            style="primary",
        )
        self.ground_back = scaffold.button(
            _("Back to the journal"), _("Back to the list of entries"), self.show_list
        )
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(scaffold.label(_(GROUND_HEADING), "title"))
        for line in GROUND_LINES:
            layout.addWidget(scaffold.label(_(line), wrap=True))
        layout.addWidget(self.ground_intention)
        layout.addWidget(scaffold.label(_(GROUND_NEXT), "muted", wrap=True))
        layout.addLayout(scaffold.button_row(self.ground_next, self.ground_back, spacing=12))
        layout.addStretch(1)
        layout.addWidget(scaffold.label(_(GROUND_KEYS), "hint"))
        return page

    # -- the list ----------------------------------------------------------------------------

    @property
    def page(self) -> str:
        current = self.pages.currentWidget()
        if current is self.edit_page:
            return "edit"
        if current is self.ground_page:
            return "ground"
        return "body" if current is self.body_page else "list"

    def integrate(self) -> None:
        """The short integration practice: a moment of grounding, then a prompt."""
        line = self.controller.start_new().intention
        self.ground_intention.setText(line)
        self.ground_intention.setVisible(bool(line))
        self.pages.setCurrentWidget(self.ground_page)
        self.ground_next.setFocus()

    def ground_done(self) -> None:
        prompts = self.controller.prompts()
        self.write(prompts[0].id if prompts else None)

    def refresh(self, _query: str = "") -> None:
        """Read the list again (for the words in the search box)."""
        listing = self.controller.listing(self.search.text())
        self.model.set_listing(listing)
        self._say(self.list_status, listing.problem)
        self.prompt_intro.setText(self.controller.prompt_intro())
        if self.prompt_list.count() == 0 or not self.search.text():
            self.prompt_list.clear()
            for prompt in self.controller.prompts():
                item = QListWidgetItem(_(prompt.text))
                item.setData(Qt.ItemDataRole.UserRole, prompt.id)
                self.prompt_list.addItem(item)
        first = self.model.first_choosable()
        if first is not None:
            self.entries.setCurrentIndex(self.model.index(first))
        self.open_button.setEnabled(first is not None)
        self.delete_button.setEnabled(first is not None)

    def select(self, entry_uuid: str) -> bool:
        row = self.model.row_of(entry_uuid)
        if row is None:
            return False
        self.entries.setCurrentIndex(self.model.index(row))
        return True

    def current(self) -> tuple[str, bool] | None:
        """The chosen row's id, and whether it is a draft."""
        index = self.entries.currentIndex()
        entry_uuid = index.data(UUID_ROLE) if index.isValid() else None
        if not isinstance(entry_uuid, str):
            return None
        return entry_uuid, index.data(KIND_ROLE) == RowKind.DRAFT.value

    def _entry_activated(self, index: QModelIndex) -> None:
        entry_uuid = index.data(UUID_ROLE)
        if isinstance(entry_uuid, str):
            self.open(entry_uuid)

    def open_current(self) -> None:
        chosen = self.current()
        if chosen is not None:
            self.open(chosen[0])

    def _prompt_chosen(self, item: QListWidgetItem) -> None:
        self.write(item.data(Qt.ItemDataRole.UserRole))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.entries
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Delete
        ):
            self.ask_delete()
            return True
        return super().eventFilter(watched, event)

    def show_list(self) -> None:
        self.pages.setCurrentWidget(self.list_page)
        self.refresh()
        self.entries.setFocus()

    def show_body(self) -> None:
        self.pages.setCurrentWidget(self.body_page)
        self.body_page.open()

    # -- deleting ----------------------------------------------------------------------------

    def ask_delete(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        self._pending_delete = chosen
        self.confirm_text.setText(self.controller.delete_question(*chosen))
        self.confirm.show()
        self.confirm_keep.setFocus()

    def cancel_delete(self) -> None:
        self._pending_delete = None
        self.confirm.hide()
        self.entries.setFocus()

    def delete_confirmed(self) -> None:
        if self._pending_delete is None:
            return
        outcome = self.controller.delete(*self._pending_delete)
        self.cancel_delete()
        self.refresh()
        self._say(self.list_status, outcome.message)
        if outcome.ok:
            self.changed.emit()

    # -- writing -----------------------------------------------------------------------------

    def write(self, prompt_id: str | None = None) -> None:
        """Open an empty page, perhaps with a prompt."""
        self._edit(self.controller.start_new(prompt_id))

    def open(self, entry_uuid: str) -> None:
        self._edit(self.controller.open(entry_uuid))

    def _edit(self, editing: Editing) -> None:
        self.editing = editing
        self.edit_heading.setText(editing.heading)
        self.intention.setText(editing.intention)
        self.intention.setVisible(bool(editing.intention))
        self.way_out.setVisible(editing.prompt is not WAY_OUT)
        self.editor.setPlainText(editing.text)
        self.editor.moveCursor(self.editor.textCursor().MoveOperation.End)
        self.body_map.set_sitting(editing.sitting)
        self.body_toggle.setChecked(bool(editing.sitting.marks()))
        self._toggle_body()
        self.let_go_button.setVisible(editing.from_draft)
        self._say(self.edit_status, editing.problem)
        self.pages.setCurrentWidget(self.edit_page)
        self.editor.setFocus()

    def _text_changed(self) -> None:
        n = len(self.editor.toPlainText())
        self.near_limit.setVisible(n > NEAR_LIMIT)
        if n > NEAR_LIMIT:
            locale = QLocale(i18n.language())
            self.near_limit.setText(
                ngettext(
                    "{used} of {most} character", "{used} of {most} characters", MAX_ENTRY_CHARS
                ).format(used=locale.toString(n), most=locale.toString(MAX_ENTRY_CHARS))
            )

    def _toggle_body(self) -> None:
        self.body_map.setVisible(self.body_toggle.isChecked())
        if self.body_toggle.isChecked():
            QTimer.singleShot(0, lambda: self._edit_scroll.ensureWidgetVisible(self.body_map))

    def keep(self) -> Outcome | None:
        if self.editing is None or self.page != "edit":
            return None
        editing = self.editing
        outcome = self.controller.keep(editing, self.editor.toPlainText())
        if not outcome.ok:
            self._say(self.edit_status, outcome.message)
            return outcome
        self.changed.emit()
        self.editing = None
        self.show_list()
        self.select(editing.entry_uuid)
        self._say(self.list_status, outcome.message)
        return outcome

    def let_go(self) -> None:
        if self.editing is None:
            return
        outcome = self.controller.let_go(self.editing)
        if outcome.ok and self.editing.is_new:
            self.editing = None
            self.show_list()
            self._say(self.list_status, outcome.message)
            return
        self.editor.setPlainText(self.editing.text)
        self.let_go_button.setVisible(self.editing.from_draft)
        self._say(self.edit_status, outcome.message)

    def _marked(self, mark: Mark) -> None:
        self._mark_outcome(self.controller.save_mark(mark))

    def _unmarked(self, mark: Mark) -> None:
        self._mark_outcome(self.controller.remove_mark(mark))

    def _mark_outcome(self, outcome: Outcome) -> None:
        if not outcome.ok:
            self._say(self.edit_status, outcome.message)

    def _say(self, where: QLabel, text: str) -> None:
        where.setText(text)
        where.setVisible(bool(text))

    # -- leaving -----------------------------------------------------------------------------

    def _put_aside(self) -> Outcome:
        if self.editing is None:
            return Outcome(True)
        outcome = self.controller.put_aside(self.editing, self.editor.toPlainText())
        if outcome.ok:
            self.editing = None
        return outcome

    def request_stop(self) -> None:
        """Esc: one step back. A question is closed, words not kept become a draft (and stay
        here if even that fails), the body page returns to the list, the list leaves."""
        if self.page == "list" and self.confirm.isVisible():
            self.cancel_delete()
        elif self.page == "edit":
            outcome = self._put_aside()
            if not outcome.ok:
                self._say(self.edit_status, outcome.message)
                return
            self.show_list()
            self._say(self.list_status, outcome.message)
        elif self.page in ("body", "ground"):
            self.show_list()
        else:
            self.closed.emit()

    def stop(self) -> None:
        """The app is closing or going home: keep what can be kept, then leave."""
        self._put_aside()
        self.closed.emit()
