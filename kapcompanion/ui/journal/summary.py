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
from kapcompanion.i18n import N_, _
from kapcompanion.ui.journal.body_map import BodyMapWidget
from kapcompanion.ui.journal.controller import JournalController, Span
from kapcompanion.ui.journal.entries import list_style
from kapcompanion.ui.shell import scaffold
from kapcompanion.ui.shell.theme import Theme

TITLE = N_("What the body has noticed")
ABOUT = N_(
    "Where you marked something, and what it was like. The fuller a region looks, the more "
    "often it was marked there."
)
EMPTY = N_("Nothing marked in these days.")
#: A row of the list around a session: ``{words}`` is a region and what was marked there.
BEFORE_ROW = N_("Before: {words}")
AFTER_ROW = N_("After: {words}")


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
        self.span.setAccessibleName(_("Which days"))
        self.span.currentIndexChanged.connect(self._span_chosen)
        self.before = BodyMapWidget(theme, now=now, editable=False)
        self.after = BodyMapWidget(theme, now=now, editable=False)
        self.before.canvas.setAccessibleDescription(_("Before the session"))
        self.before_label = scaffold.label("", "muted", wrap=True)
        self.after_label = scaffold.label("", "muted", wrap=True)
        self.regions = QListWidget()
        self.regions.setAccessibleName(_("What was marked, region by region"))
        self.regions.setMinimumHeight(120)
        self.regions.setStyleSheet(list_style(theme))
        self.status = scaffold.label("", "notice", wrap=True)
        self.back_button = scaffold.button(_("Back to the journal"), slot=self.back.emit)

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
        layout.addWidget(scaffold.label(_(TITLE), "title"))
        layout.addWidget(scaffold.label(_(ABOUT), "muted", wrap=True))
        layout.addWidget(self.span)
        layout.addLayout(maps, 3)
        layout.addWidget(self.regions, 1)
        layout.addWidget(self.status)
        layout.addLayout(scaffold.hint_row(_("Esc goes back"), self.back_button))
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
            self.span.addItem(_(span.value), span)
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
            self.before_label.setText(
                _("Before: {first} to {last}").format(first=day_words(first), last=day_words(last))
            )
            self.after_label.setText(
                _("After: {first} to {last}").format(
                    first=day_words(around.session), last=day_words(around.after_span[1])
                )
            )
            self.before.set_summary(around.before)
            self._list([(BEFORE_ROW, around.before), (AFTER_ROW, around.after)])
        else:
            self._list([(None, summary)])
        self.after.set_summary(summary)

    def _list(self, parts: list[tuple[str | None, Mapping[str, RegionSummary]]]) -> None:
        """Each part's regions in words; ``row`` (a marked sentence with ``{words}``) names the
        part, or nothing when there is only one."""
        self.regions.clear()
        for row, summary in parts:
            lines = [s.words() for s in summary.values()] or [_(EMPTY)]
            for words in lines:
                self.regions.addItem(_(row).format(words=words) if row else words)
