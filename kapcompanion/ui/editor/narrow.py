"""The script editor in a narrow window (the least window, large text, a longer language).

Its two panels, the script with its list of steps and the chosen step's form, stand side by
side while both fit at their least width; when they do not, they stand one under the other and
scroll with the page instead of each on its own (:class:`Panels`), so no part of them scrolls
sideways. The list of scripts to open cuts a name too long for it with "…" and says the whole
name in its tooltip and in its list (:class:`OpenChoice`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QComboBox,
    QScrollArea,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QWidget,
)

from kapcompanion.ui.shell import scaffold
from kapcompanion.ui.shell.theme import width

#: The width the list of scripts asks for at 100 % text (more with larger text); it takes more
#: when the line has it, and shows a longer name cut with "…".
OPEN_CHOICE_WIDTH = 420


class OpenChoice(QComboBox):
    """The list of scripts to open: see the module's text."""

    def __init__(self) -> None:
        super().__init__()
        self.setMinimumWidth(320)

    def add_choice(self, text: str, data: object) -> None:
        self.addItem(text, data)
        self.setItemData(self.count() - 1, text, Qt.ItemDataRole.ToolTipRole)

    def set_choice_text(self, index: int, text: str) -> None:
        self.setItemText(index, text)
        self.setItemData(index, text, Qt.ItemDataRole.ToolTipRole)
        self.update()

    def sizeHint(self) -> QSize:
        # As wide as its longest name, up to a width that leaves the title room beside it.
        hint = super().sizeHint()
        return QSize(min(hint.width(), width(OPEN_CHOICE_WIDTH)), hint.height())

    def shown_text(self) -> str:
        """The current name as it fits the box: whole, or cut with "…"."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        room = max(0, field.width() - 2)  # the label is drawn a pixel in from either side
        return self.fontMetrics().elidedText(self.currentText(), Qt.TextElideMode.ElideRight, room)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        shown = self.shown_text()
        option.currentText = shown
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
        # The tooltip follows what is painted: the whole name, only while the box shows it cut.
        whole = self.currentText()
        tip = whole if shown != whole else ""
        if self.toolTip() != tip:
            self.setToolTip(tip)


class Panels(QObject):
    """Keeps the editor's two panels (``first`` and ``second``, each a scrolling area in
    ``body``, a box in ``page``) side by side while both fit at their least width, and one
    under the other when they do not. One under the other, each shows all it holds and the
    page scrolls instead."""

    def __init__(
        self,
        page: QWidget,
        body: QBoxLayout,
        first: QScrollArea,
        second: QScrollArea,
        *,
        breaking: tuple[QBoxLayout, ...] = (),
    ) -> None:
        super().__init__(page)
        self._page = page
        self._breaking = breaking
        self._body = body
        self._areas = (first, second)
        self._moves: list[Callable[[bool], object]] = []
        page.installEventFilter(self)
        for area in self._areas:
            area.viewport().installEventFilter(self)
            inner = area.widget()
            if inner is not None:
                inner.installEventFilter(self)
        self._busy = False
        app = QCoreApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._follow_focus)

    def _follow_focus(self, old: QWidget | None, new: QWidget | None) -> None:
        """Scroll to the control that takes the focus from outside its scrolling area: Tab
        from Save goes on to the top of the page (a scrolling area follows Tab within it)."""
        if new is None or not self._page.isAncestorOf(new):
            return
        outer = self._page.parentWidget()
        while outer is not None and not isinstance(outer, QScrollArea):
            outer = outer.parentWidget()
        for area in (outer, *self._areas):
            came_in = old is None or (area is not None and not area.isAncestorOf(old))
            if isinstance(area, QScrollArea) and area.isAncestorOf(new) and came_in:
                area.ensureWidgetVisible(new)

    def move_when_stacked(self, widget: QWidget, beside: QBoxLayout, above: QBoxLayout) -> None:
        """Move ``widget`` from its place in ``beside`` into ``above`` while the panels are one
        under the other, and back after."""
        index = beside.indexOf(widget)
        stretch = beside.stretch(index)

        def move(stacked: bool) -> None:
            (beside if stacked else above).removeWidget(widget)
            if stacked:
                above.addWidget(widget)
            else:
                beside.insertWidget(index, widget, stretch)

        self._moves.append(move)

    @property
    def stacked(self) -> bool:
        return self._body.direction() == QBoxLayout.Direction.TopToBottom

    def _fits(self, room: int) -> bool:
        """Whether each panel's share of ``room`` side by side (as the body shares it out) holds
        its least width beside a scroll bar."""
        bar = self._page.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        shares = [max(1, self._body.stretch(i)) for i in range(len(self._areas))]
        room -= max(0, self._body.spacing()) * (len(self._areas) - 1)
        return all(
            room * share // sum(shares) >= self._least(area) + bar
            for area, share in zip(self._areas, shares, strict=True)
        )

    def _least(self, area: QScrollArea) -> int:
        """The least width of the panel in ``area`` with each of its rows that break into a
        column (``breaking``) taken as a column: the same whichever way those rows stand now,
        so the panels settle the same way with the text size set live as at a start."""
        inner = area.widget()
        layout = inner.layout() if inner is not None else None
        if inner is None or layout is None:
            return 0
        widest = 0
        for index in range(layout.count()):
            item = layout.itemAt(index)
            if item is None:
                continue
            row = item.layout()
            if row is not None and any(row is box for box in self._breaking):
                parts = [
                    w.minimumSizeHint().width() for w in inner.findChildren(QWidget)
                    if row.indexOf(w) >= 0 and not w.isHidden()
                ]  # fmt: skip
                widest = max([widest, *parts])
            else:
                widest = max(widest, item.minimumSize().width())
        margins = layout.contentsMargins()
        return widest + margins.left() + margins.right()

    def arrange(self) -> None:
        if self._busy:
            return
        self._busy = True
        try:
            layout = self._page.layout()
            margins = layout.contentsMargins() if layout is not None else None
            room = self._page.contentsRect().width()
            if margins is not None:
                room -= margins.left() + margins.right()
            stacked = not self._fits(room)
            if stacked != self.stacked:
                self._body.setDirection(
                    QBoxLayout.Direction.TopToBottom
                    if stacked
                    else QBoxLayout.Direction.LeftToRight
                )
                for move in self._moves:
                    move(stacked)
            for area in self._areas:
                self._fit(area, stacked)
        finally:
            self._busy = False

    def _fit(self, area: QScrollArea, stacked: bool) -> None:
        inner = area.widget()
        if inner is None:
            return
        if stacked:
            # All of it in sight: the page scrolls, not the panel.
            area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            wide = area.viewport().width()
            high = inner.heightForWidth(wide) if inner.hasHeightForWidth() else -1
            high = max(high, inner.sizeHint().height(), inner.minimumSizeHint().height())
        else:
            area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
            high = 0
        if area.minimumHeight() != high:
            area.setMinimumHeight(high)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() in scaffold.RELAYOUT_EVENTS
            and not QCoreApplication.closingDown()
            and self._page.isVisible()  # once built: parts are moved only within the screen
        ):
            self.arrange()
        return False
