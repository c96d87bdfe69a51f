"""The body over time: where something was marked, over a month, three months or a year, or in
the week before and after the last session.

A layout-only view: the summaries come from :class:`~.controller.JournalController`. Each region
is also listed in words, so nothing on the outline is only seen.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from kapcompanion.domain.body_map import RegionSummary
from kapcompanion.domain.journal import day_words
from kapcompanion.ui.journal.body_map import BodyMapWidget
from kapcompanion.ui.journal.controller import JournalController, Span
from kapcompanion.ui.journal.entries import list_style
from kapcompanion.ui.shell import scaffold
from kapcompanion.ui.shell.theme import Theme

TITLE = "What the body has noticed"
ABOUT = (
    "Where you marked something, and what it was like. The fuller a region looks, the more "
    "often it was marked there."
)
EMPTY = "Nothing marked in these days."


class BodySummaryView(QWidget):
    """The outline(s) and the regions in words. Emits ``back`` to return to the list."""

    back = Signal()

    def __init__(
        self,
        controller: JournalController,
        theme: Theme,
        *,
        now: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self.span = QComboBox()
        self.span.setAccessibleName("Which days")
        self.span.currentIndexChanged.connect(self._span_chosen)
        self.before = BodyMapWidget(theme, now=now, editable=False)
        self.after = BodyMapWidget(theme, now=now, editable=False)
        self.before.canvas.setAccessibleDescription("Before the session")
        self.before_label = scaffold.label("", "muted", wrap=True)
        self.after_label = scaffold.label("", "muted", wrap=True)
        self.regions = QListWidget()
        self.regions.setAccessibleName("What was marked, region by region")
        self.regions.setMinimumHeight(120)
        self.regions.setStyleSheet(list_style(theme))
        self.status = scaffold.label("", "notice", wrap=True)
        self.back_button = scaffold.button("Back to the journal", slot=self.back.emit)

        maps = QHBoxLayout()
        maps.setSpacing(24)
        for label, widget in ((self.before_label, self.before), (self.after_label, self.after)):
            column = QVBoxLayout()
            column.addWidget(label)
            column.addWidget(widget, 1)
            maps.addLayout(column, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(scaffold.label(TITLE, "title"))
        layout.addWidget(scaffold.label(ABOUT, "muted", wrap=True))
        layout.addWidget(self.span)
        layout.addLayout(maps, 3)
        layout.addWidget(self.regions, 1)
        layout.addWidget(self.status)
        layout.addLayout(scaffold.hint_row("Esc goes back", self.back_button))
        self.status.hide()
        self.setTabOrder(self.span, self.before.canvas)
        self.setTabOrder(self.before.canvas, self.after.canvas)
        self.setTabOrder(self.after.canvas, self.regions)
        self.setTabOrder(self.regions, self.back_button)

    def open(self) -> None:
        """Offer the spans that apply now and show the first."""
        self.span.blockSignals(True)
        self.span.clear()
        for span in self._controller.spans():
            self.span.addItem(span.value, span)
        self.span.setCurrentIndex(0)
        self.span.blockSignals(False)
        self.show_span(Span.MONTH)
        self.span.setFocus()

    def _span_chosen(self, index: int) -> None:
        span = self.span.itemData(index)
        if isinstance(span, Span):
            self.show_span(span)

    def show_span(self, span: Span) -> None:
        summary, around, problem = self._controller.summary(span)
        self.status.setText(problem)
        self.status.setVisible(bool(problem))
        self.before_label.setVisible(around is not None)
        self.before.setVisible(around is not None)
        self.after_label.setVisible(around is not None)
        if around is not None:
            first, last = around.before_span
            self.before_label.setText(f"Before: {day_words(first)} to {day_words(last)}")
            self.after_label.setText(
                f"After: {day_words(around.session)} to {day_words(around.after_span[1])}"
            )
            self.before.set_summary(around.before)
            self._list({"Before": around.before, "After": around.after})
        else:
            self._list({"": summary})
        self.after.set_summary(summary)

    def _list(self, parts: Mapping[str, Mapping[str, RegionSummary]]) -> None:
        self.regions.clear()
        for heading, summary in parts.items():
            if not summary:
                self.regions.addItem(f"{heading}: {EMPTY}" if heading else EMPTY)
            for region_summary in summary.values():
                words = region_summary.words()
                self.regions.addItem(f"{heading}: {words}" if heading else words)
