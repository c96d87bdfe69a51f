"""The history's charts: minutes practised per day or per week, and the ratings before and
after practice, with the dates of medicine sessions marked on the time axis of both.

pyqtgraph is imported only here, and only when :meth:`HistoryCharts.build` runs: the history
shows its list and figures first and builds the charts on the next turn of the event loop.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kapcompanion import i18n
from kapcompanion.domain.practice_history import local_midnight, week_start
from kapcompanion.domain.words import long_date
from kapcompanion.i18n import _, pgettext
from kapcompanion.ui.shell import scaffold
from kapcompanion.ui.shell.theme import SMALL_PT, Theme, width

if TYPE_CHECKING:  # pragma: no cover
    import pyqtgraph

#: Points of a chart: (x positions, values).
Series = tuple[list[float], list[float]]

NOON = 43200.0
DAY = 86400.0
_NAME = re.compile(r"[^\W\d_]+\.?")


def calendar_names() -> dict[str, str]:
    """The names of months and weekdays as pyqtgraph's time axis writes them (the C library's,
    through strftime) and the same names in the language in use."""
    own = QLocale(i18n.language())
    short, long = QLocale.FormatType.ShortFormat, QLocale.FormatType.LongFormat
    names: dict[str, str] = {}
    for month in range(1, 13):
        first = date(2001, month, 1)
        names[first.strftime("%b")] = own.standaloneMonthName(month, short)
        names[first.strftime("%B")] = own.standaloneMonthName(month, long)
    for day in range(1, 8):
        monday = date(2001, 1, day)  # 1 January 2001 was a Monday
        names[monday.strftime("%a")] = own.dayName(day, short)
        names[monday.strftime("%A")] = own.dayName(day, long)
    return names


def date_axis() -> object:
    """A time axis whose month and weekday names follow the language (made while the charts are
    built, when pyqtgraph is already imported)."""
    import pyqtgraph as pg

    names = calendar_names()

    class LocalDateAxis(pg.DateAxisItem):  # type: ignore[misc]  # pyqtgraph has no types
        def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
            return [
                _NAME.sub(lambda m: names.get(m.group(), m.group()), text)
                for text in super().tickStrings(values, scale, spacing)
            ]

    return LocalDateAxis(orientation="bottom")


class HistoryCharts(QFrame):
    """The charts' card. ``per_week_chosen(bool)`` when the person picks days or weeks."""

    per_week_chosen = Signal(bool)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.setObjectName("card")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        minutes_head = QHBoxLayout()
        self.minutes_title = scaffold.label(_("Minutes practised each day"), "heading", wrap=True)
        self.day_button = QPushButton(_("Per day"))
        self.week_button = QPushButton(_("Per week"))
        self._grain = QButtonGroup(self)
        for i, button in enumerate((self.day_button, self.week_button)):
            button.setCheckable(True)
            button.setObjectName("toggle")
            button.setAutoDefault(False)  # the toggles keep arrows and Space
            self._grain.addButton(button, i)
        self.day_button.setChecked(True)
        self._grain.idClicked.connect(lambda i: self.per_week_chosen.emit(i == 1))
        minutes_head.addWidget(self.minutes_title, 1)
        minutes_head.addWidget(self.day_button)
        minutes_head.addWidget(self.week_button)
        layout.addLayout(minutes_head)
        self._minutes_slot = QVBoxLayout()
        layout.addLayout(self._minutes_slot, 3)
        ratings_head = QHBoxLayout()
        ratings_title = scaffold.label(
            _("How settled you felt, when you chose to say"), "heading", wrap=True
        )
        self.legend = scaffold.label("", "hint")
        self.legend.setAccessibleName(
            _(
                "Legend: open circles are ratings before practice, filled circles after; "
                "dashed lines mark medicine sessions"
            )
        )
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        t = theme
        before = pgettext("chart legend", "before")
        after = pgettext("chart legend", "after")
        sessions = pgettext("chart legend", "sessions")
        self.legend.setText(
            f"<span style='color:{t.muted}'>○ {before}</span> &nbsp; "
            f"<span style='color:{t.accent}'>● {after}</span> &nbsp; "
            f"<span style='color:{t.focus}'>┆</span> {sessions}"
        )
        ratings_head.addWidget(ratings_title, 1)
        ratings_head.addWidget(self.legend)
        layout.addLayout(ratings_head)
        # With large text the legend goes under the title rather than holding the charts wide.
        scaffold.line_or_column(self, ratings_head)
        scaffold.line_or_column(self, minutes_head)
        self._ratings_slot = QVBoxLayout()
        layout.addLayout(self._ratings_slot, 2)
        self.waiting = scaffold.label(_("Drawing the charts…"), "muted")
        self.waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._minutes_slot.addWidget(self.waiting)
        self.minutes_plot: pyqtgraph.PlotWidget | None = None
        self.ratings_plot: pyqtgraph.PlotWidget | None = None
        self.minutes_bars: pyqtgraph.BarGraphItem | None = None
        self.before_points: pyqtgraph.ScatterPlotItem | None = None
        self.after_points: pyqtgraph.ScatterPlotItem | None = None
        self.session_lines: list[pyqtgraph.InfiniteLine] = []
        self._session_items: list[tuple[pyqtgraph.PlotWidget, pyqtgraph.InfiniteLine]] = []
        self.timings: dict[str, float] = {}

    @property
    def built(self) -> bool:
        return self.minutes_plot is not None

    def show_per_week(self, per_week: bool) -> None:
        self.week_button.setChecked(per_week)
        self.day_button.setChecked(not per_week)
        self.minutes_title.setText(
            _("Minutes practised each week") if per_week else _("Minutes practised each day")
        )

    def build(self) -> None:
        """Make the two charts (importing pyqtgraph) if that has not happened yet."""
        if self.built:
            return
        t0 = time.perf_counter()
        import pyqtgraph as pg

        self.timings["import_ms"] = (time.perf_counter() - t0) * 1000
        t = self.theme
        pg.setConfigOptions(antialias=True, background=t.surface, foreground=t.muted)

        def plot(y_label: str) -> pg.PlotWidget:
            widget = pg.PlotWidget(axisItems={"bottom": date_axis()})
            widget.setMenuEnabled(False)
            widget.setMouseEnabled(x=False, y=False)
            widget.hideButtons()
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            # Take the room the layout gives; never ask the page to grow for a chart.
            widget.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
            widget.setMinimumWidth(240)
            # Taller with larger text, so the axis's word (written upwards) fits beside it.
            scaffold.follow_text_size(widget, lambda: widget.setMinimumHeight(width(130)))
            item = widget.getPlotItem()
            item.showGrid(x=False, y=True, alpha=0.12)
            item.setLabel("left", y_label)
            tick_font = QFont(self.font())
            tick_font.setPointSize(SMALL_PT - 1)
            for side in ("left", "bottom"):
                axis = item.getAxis(side)
                axis.setStyle(tickFont=tick_font)
                axis.setPen(pg.mkPen(t.guide))
                axis.setTextPen(pg.mkPen(t.muted))
            return widget

        self.waiting.hide()
        minutes_plot = self.minutes_plot = plot(_("minutes"))
        ratings_plot = self.ratings_plot = plot("0–10")
        minutes_plot.setAccessibleName(_("Chart of minutes practised"))
        ratings_plot.setAccessibleName(_("Chart of ratings before and after practice"))
        ratings_plot.setYRange(0, 10.5, padding=0)
        ratings_plot.getPlotItem().getAxis("left").setTicks([[(v, str(v)) for v in (0, 5, 10)]])
        ratings_plot.setXLink(minutes_plot)
        self._minutes_slot.addWidget(minutes_plot)
        self._ratings_slot.addWidget(ratings_plot)
        self.minutes_bars = pg.BarGraphItem(
            x=[], height=[], width=1, brush=t.accent, pen=pg.mkPen(None)
        )
        minutes_plot.addItem(self.minutes_bars)
        self.before_points = pg.ScatterPlotItem(
            size=7, pen=pg.mkPen(t.muted, width=1.5), brush=pg.mkBrush(t.surface)
        )
        self.after_points = pg.ScatterPlotItem(size=7, pen=pg.mkPen(None), brush=t.accent)
        ratings_plot.addItem(self.before_points)
        ratings_plot.addItem(self.after_points)

    def draw(
        self,
        minutes: tuple[Sequence[date], Sequence[float]],
        ratings: tuple[Series, Series],
        sessions: Sequence[date],
        first: date,
        last: date,
        *,
        per_week: bool,
    ) -> None:
        """Show ``minutes`` (days or Mondays, minutes), ``ratings`` ((x, before), (x, after))
        and the ``sessions`` from ``first`` to ``last``."""
        import pyqtgraph as pg

        minutes_plot, ratings_plot = self.minutes_plot, self.ratings_plot
        assert minutes_plot is not None and ratings_plot is not None
        assert self.minutes_bars is not None
        assert self.before_points is not None and self.after_points is not None
        days, values = minutes
        span = 7 if per_week else 1
        xs = [local_midnight(d) + span * NOON for d in days]
        self.minutes_bars.setOpts(x=xs, height=list(values), width=span * DAY * 0.72)
        top = max(values, default=0.0)
        minutes_plot.setYRange(0, max(10.0, top * 1.08), padding=0)
        start = week_start(first) if per_week else first
        end = last + timedelta(days=1 if not per_week else 7 - last.weekday())
        minutes_plot.setXRange(local_midnight(start), local_midnight(end), padding=0.01)

        (bx, by), (ax, ay) = ratings
        self.before_points.setData(x=bx, y=by)
        self.after_points.setData(x=ax, y=ay)

        for chart, line in self._session_items:
            chart.removeItem(line)
        self._session_items = []
        self.session_lines = []
        pen = pg.mkPen(self.theme.focus, width=1.4, style=Qt.PenStyle.DashLine)
        for day in sessions:
            if not (first <= day <= last):
                continue
            for chart in (minutes_plot, ratings_plot):
                line = pg.InfiniteLine(pos=local_midnight(day) + NOON, angle=90, pen=pen)
                line.setToolTip(_("Medicine session, {date}").format(date=long_date(day)))
                chart.addItem(line)
                self._session_items.append((chart, line))
                self.session_lines.append(line)

    def bar_heights(self) -> list[float]:
        return [] if self.minutes_bars is None else list(self.minutes_bars.opts["height"])

    def session_positions(self) -> list[date]:
        """The session dates marked on the charts (once per date)."""
        return [
            datetime.fromtimestamp(line.value() - NOON).date() for line in self.session_lines[::2]
        ]
