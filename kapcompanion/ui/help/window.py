"""The Help window: opened with F1 over whatever is on screen, closed with Esc.

It opens over the window it was asked from (the main window, or the therapist's control
window, never the client's screen), pauses a running practice first, and gives the keyboard
focus back to where it was when it closes, so the person returns exactly where they were.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kapcompanion.i18n import N_, _
from kapcompanion.services.help import GUEST_NOTE, HelpDesk
from kapcompanion.ui.help.panel import ContactsView, SheetView
from kapcompanion.ui.shell import scaffold

PAUSED_NOTE = N_("Your practice is paused. It waits for you; Space carries on when you are back.")
MAX_SIZE = QSize(780, 720)


class RegionView(QWidget):
    """Choosing the region whose lines Help shows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column, layout = scaffold.page_column(680, top=20, bottom=20)
        box, inner = scaffold.card(_("Your region"))
        inner.addWidget(
            scaffold.label(
                _(
                    "Choose where you are, so the right numbers are shown. "
                    "The first choice is a guess from this computer's settings."
                ),
                "muted",
                wrap=True,
            )
        )
        self.combo = QComboBox()
        self.combo.setAccessibleName(_("Region"))
        inner.addWidget(self.combo)
        self.use_button = scaffold.button(
            _("Use this region"), _("Use the chosen region"), style="primary"
        )
        self.back_button = scaffold.button(_("Back"), _("Back to Help without changing the region"))
        layout.addWidget(box)
        layout.addLayout(scaffold.hint_row(_("Esc goes back."), self.back_button, self.use_button))
        layout.addStretch(1)
        scaffold.scrolling_page(self, column)


class HelpWindow(QDialog):
    """Help's pages: the sheet, the person's own contacts, and the region."""

    def __init__(self, desk: HelpDesk, parent: QWidget, *, paused: bool = False) -> None:
        super().__init__(parent)
        self.desk = desk
        self.paused = paused
        self.setWindowTitle(_("Help"))
        self.setObjectName("screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAccessibleName(_("Help: your people and the lines for your region"))
        self.pages = QStackedWidget()
        self.sheet = SheetView()
        self.contacts = ContactsView()
        self.region = RegionView()
        for page in (self.sheet, self.contacts, self.region):
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.sheet.close_requested.connect(self.reject)
        self.sheet.edit_requested.connect(self.edit_contacts)
        self.sheet.region_requested.connect(self.choose_region)
        self.contacts.save_requested.connect(self.save_contacts)
        self.contacts.back_requested.connect(self.show_sheet)
        self.region.back_button.clicked.connect(self.show_sheet)
        self.region.use_button.clicked.connect(self.use_region)
        self._fit(parent)
        self.show_sheet()

    def _fit(self, parent: QWidget) -> None:
        """As large as it reads well, never larger than the screen, nor than the window below
        when that window has room for it (a smaller one, such as the therapist's controls,
        gets the room of its screen instead: Help is not squeezed to its size)."""
        room = parent.window().size()
        screen = parent.screen() or QApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry().size()
            if room.width() < MAX_SIZE.width() or room.height() < MAX_SIZE.height():
                room = area
            room = room.boundedTo(area)
        size = MAX_SIZE.boundedTo(QSize(max(360, room.width() - 40), max(320, room.height() - 40)))
        self.resize(size)

    # -- pages ---------------------------------------------------------------------------------

    def show_sheet(self) -> None:
        sheet = self.desk.sheet()
        self.sheet.show_sheet(
            sheet, paused=_(PAUSED_NOTE) if self.paused else "", problem=self.desk.problem
        )
        self.pages.setCurrentWidget(self.sheet)
        self.sheet.close_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def edit_contacts(self) -> None:
        self.contacts.fill(self.desk.contacts(), _(GUEST_NOTE) if self.desk.guest else "")
        self.pages.setCurrentWidget(self.contacts)
        self.contacts.rows[0][1].setFocus(Qt.FocusReason.OtherFocusReason)

    def save_contacts(self) -> None:
        problem = self.desk.keep(self.contacts.typed())
        if problem:
            self.contacts.say(problem)
            return
        self.show_sheet()

    def choose_region(self) -> None:
        regions = self.desk.regions
        chosen = regions.chosen() or regions.guessed()
        combo = self.region.combo
        combo.clear()
        for region in regions.regions:
            name = region.name
            if region.edited:
                name = _("{region} (edited)").format(region=name)
            combo.addItem(name, region.key)
        combo.setCurrentIndex(max(0, combo.findData(chosen.key)))
        self.pages.setCurrentWidget(self.region)
        combo.setFocus(Qt.FocusReason.OtherFocusReason)

    def use_region(self) -> None:
        key = self.region.combo.currentData()
        if isinstance(key, str):
            self.desk.regions.choose(key)
        self.show_sheet()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.pages.currentWidget() is not self.sheet:
            self.show_sheet()  # Esc steps back a page; from the sheet it closes Help
            event.accept()
            return
        super().keyPressEvent(event)


def open_help(desk: HelpDesk, over: QWidget, pause: Callable[[], bool]) -> HelpWindow:
    """Open Help over ``over``'s window. ``pause`` pauses a running practice and says whether
    it did. The keyboard focus goes back where it was when Help closes."""
    before = QApplication.focusWidget()
    below = over.window()
    window = HelpWindow(desk, below, paused=pause())
    window.setWindowModality(Qt.WindowModality.WindowModal)

    def back(_result: int) -> None:
        below.activateWindow()
        if before is not None and before.isVisible():
            before.setFocus(Qt.FocusReason.OtherFocusReason)
        window.deleteLater()

    window.finished.connect(back)
    window.open()
    window.raise_()
    window.activateWindow()
    return window
