"""The one-page summary of practice, as a PDF to bring to a therapist.

:func:`render_pdf` draws a :class:`~kapcompanion.domain.summary.Summary` on one A4 page with
Qt's :class:`QPdfWriter`, in memory; :func:`export_pdf` sums a date range of a log and writes
the page 0600 and all or nothing, through the same helper as every other private file
(:func:`kapcompanion.storage.files.replacing`), and only when the person asks for it.

The page is drawn in the light palette's colours on white paper, so it prints well.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPainter,
    QPen,
)

from kapcompanion import __version__, i18n
from kapcompanion.domain.journal_share import Shared
from kapcompanion.domain.summary import (
    Summary,
    after_session_text,
    figures,
    period_text,
    rating_change_text,
    summarize,
    title_text,
)
from kapcompanion.domain.words import long_date, minutes_text
from kapcompanion.i18n import N_, _, ngettext
from kapcompanion.storage import PracticeStore
from kapcompanion.storage.export import export_failed, write_export
from kapcompanion.ui.shell.pdf import a4_in_memory
from kapcompanion.ui.shell.theme import LIGHT, Theme

#: How many kinds of practice the page lists at most.
TOP_KINDS = 8
#: How many medicine sessions the page lists at most (the latest ones).
TOP_SESSIONS = 8

INTRO = N_(
    "Practice kept with kapcompanion on the person's own computer and exported at their "
    "request, as a starting point for talking it through. Ratings are their own sense of how "
    "settled and present in their body they felt, from 0 (not at all) to 10 (completely)."
)
FOOTER = N_("A record of practice, not an assessment. Made with kapcompanion {version} on {made}.")


# -- the page -------------------------------------------------------------------------------


class _Page:
    """Drawing helpers in points (1/72 inch) on the writer's device."""

    def __init__(self, painter: QPainter, scale: float, width_pt: float, theme: Theme) -> None:
        self.p = painter
        self.s = scale
        self.width = width_pt
        self.theme = theme
        self.family = QGuiApplication.font().family()

    def font(self, size: float, bold: bool = False) -> QFont:
        font = QFont(self.family)
        font.setPointSizeF(size)
        font.setBold(bold)
        return font

    def rect(self, x: float, y: float, w: float, h: float) -> QRectF:
        return QRectF(x * self.s, y * self.s, w * self.s, h * self.s)

    def text(
        self,
        x: float,
        y: float,
        w: float,
        text: str,
        size: float = 10.0,
        *,
        colour: str | None = None,
        bold: bool = False,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        wrap: bool = True,
    ) -> float:
        """Draw ``text`` in a box ``w`` points wide from ``y``; returns its height in points."""
        font = self.font(size, bold)
        self.p.setFont(font)
        self.p.setPen(QColor(colour or self.theme.text))
        flags = int(align) | int(Qt.AlignmentFlag.AlignTop)
        if wrap:
            flags |= int(Qt.TextFlag.TextWordWrap)
        metrics = QFontMetricsF(font, self.p.device())
        bound = metrics.boundingRect(QRectF(0, 0, w * self.s, 10_000 * self.s), flags, text)
        height = bound.height() / self.s
        self.p.drawText(self.rect(x, y, w, height + 2), flags, text)
        return height

    def measure(self, w: float, text: str, size: float = 10.0, *, bold: bool = False) -> float:
        """The height in points ``text`` takes wrapped ``w`` points wide."""
        font = self.font(size, bold)
        flags = int(Qt.AlignmentFlag.AlignTop) | int(Qt.TextFlag.TextWordWrap)
        metrics = QFontMetricsF(font, self.p.device())
        bound = metrics.boundingRect(QRectF(0, 0, w * self.s, 10_000 * self.s), flags, text)
        return float(bound.height()) / self.s

    def line(self, x1: float, y1: float, x2: float, y2: float, colour: str, width: float) -> None:
        self.p.setPen(QPen(QColor(colour), width * self.s))
        self.p.drawLine(QPointF(x1 * self.s, y1 * self.s), QPointF(x2 * self.s, y2 * self.s))

    def box(self, x: float, y: float, w: float, h: float, colour: str) -> None:
        self.p.setPen(Qt.PenStyle.NoPen)
        self.p.setBrush(QColor(colour))
        self.p.drawRect(self.rect(x, y, w, h))


def _figure(
    page: _Page, x: float, y: float, w: float, label: str, value: str, detail: str
) -> float:
    t = page.theme
    h = page.text(x, y, w, label, 9, colour=t.muted)
    h += page.text(x, y + h + 2, w, value, 16, bold=True, wrap=False)
    h += page.text(x, y + h + 4, w, detail, 8.5, colour=t.muted)
    return h + 4


def _nice_top(value: float) -> float:
    if value <= 0:
        return 10.0
    exp = 10.0 ** math.floor(math.log10(value))
    for step in (1.0, 2.0, 2.5, 5.0, 10.0):
        if value <= step * exp:
            return step * exp
    return 10.0 * exp


def _week_chart(page: _Page, s: Summary, x: float, y: float, w: float, h: float) -> None:
    t = page.theme
    axis_w = 30.0
    plot_x, plot_w = x + axis_w, w - axis_w
    plot_h = h - 16
    weeks = s.weeks
    top = _nice_top(max((m for _, m in weeks), default=0.0))
    for frac in (0.0, 0.5, 1.0):
        yy = y + plot_h * (1 - frac)
        page.line(plot_x, yy, plot_x + plot_w, yy, t.guide if frac else t.muted, 0.5)
        page.text(
            x,
            yy - 5,
            axis_w - 4,
            f"{top * frac:g}",
            7,
            colour=t.muted,
            wrap=False,
            align=Qt.AlignmentFlag.AlignRight,
        )
    if not weeks:
        return
    first_monday = weeks[0][0]
    span_days = (weeks[-1][0] - first_monday).days + 7
    per_day = plot_w / span_days

    def x_of(day: date) -> float:
        return plot_x + (day - first_monday).days * per_day

    bar_w = max(0.8, per_day * 7 * 0.72)
    for monday, minutes in weeks:
        if minutes <= 0:
            continue
        bh = plot_h * min(1.0, minutes / top)
        page.box(x_of(monday) + (per_day * 7 - bar_w) / 2, y + plot_h - bh, bar_w, bh, t.accent)
    dashed = QPen(QColor(t.focus), 0.8 * page.s, Qt.PenStyle.DashLine)
    page.p.setPen(dashed)
    for session in s.sessions:
        sx = (x_of(session.day) + per_day / 2) * page.s
        page.p.drawLine(QPointF(sx, y * page.s), QPointF(sx, (y + plot_h) * page.s))
    # A few month labels along the bottom.
    labels: list[tuple[float, str]] = []
    day = date(first_monday.year, first_monday.month, 1)
    end = weeks[-1][0] + timedelta(days=6)
    months = (end.year - day.year) * 12 + end.month - day.month + 1
    every = max(1, math.ceil(months / 12))
    for i in range(0, months, every):
        month = (day.month - 1 + i) % 12 + 1
        year = day.year + (day.month - 1 + i) // 12
        first_of = date(year, month, 1)
        if first_monday <= first_of <= end:
            labels.append((x_of(first_of), _month(first_of)))
    for lx, text in labels:
        page.line(lx, y + plot_h, lx, y + plot_h + 3, t.muted, 0.5)
        page.text(lx + 1.5, y + plot_h + 3, 40, text, 7, colour=t.muted, wrap=False)


def _month(day: date) -> str:
    """The short name of ``day``'s month in the language in use ("Mar", "mar")."""
    locale = QLocale(i18n.language())
    return locale.standaloneMonthName(day.month, QLocale.FormatType.ShortFormat)


def _ratings_chart(page: _Page, s: Summary, x: float, y: float, w: float, h: float) -> None:
    t = page.theme
    axis_w = 30.0
    plot_x, plot_w = x + axis_w, w - axis_w
    plot_h = h - 6
    for value in (0, 5, 10):
        yy = y + plot_h * (1 - value / 10)
        page.line(plot_x, yy, plot_x + plot_w, yy, t.guide if value else t.muted, 0.5)
        page.text(
            x,
            yy - 5,
            axis_w - 4,
            str(value),
            7,
            colour=t.muted,
            wrap=False,
            align=Qt.AlignmentFlag.AlignRight,
        )
    if not s.weeks:
        return
    first_monday = s.weeks[0][0]
    span_days = (s.weeks[-1][0] - first_monday).days + 7
    per_day = plot_w / span_days

    def point(monday: date, value: float) -> QPointF:
        px = plot_x + ((monday - first_monday).days + 3.5) * per_day
        return QPointF(px * page.s, (y + plot_h * (1 - value / 10)) * page.s)

    series = (
        (t.muted, [(monday, b) for monday, b, _a in s.week_ratings if b is not None]),
        (t.accent, [(monday, a) for monday, _b, a in s.week_ratings if a is not None]),
    )
    for colour, values in series:
        pts = [point(monday, v) for monday, v in values]
        page.p.setPen(QPen(QColor(colour), 1.2 * page.s))
        page.p.setBrush(QColor(colour))
        for a, b in itertools.pairwise(pts):
            page.p.drawLine(a, b)
        for pt in pts:
            page.p.drawEllipse(pt, 1.3 * page.s, 1.3 * page.s)


def _lists(page: _Page, s: Summary, y: float, width: float) -> None:
    """What was practised (left) and the medicine sessions (right), from ``y`` down."""
    t = page.theme
    right = Qt.AlignmentFlag.AlignRight
    half = (width - 24) / 2
    y1 = y + page.text(0, y, half, _("What was practised"), 11, bold=True) + 4
    if not s.kinds:
        y1 += page.text(0, y1, half, _("No practice in this period."), 9, colour=t.muted)
    for line in s.kinds[:TOP_KINDS]:
        page.text(0, y1, half - 110, line.name, 9, wrap=False)
        count = f"{line.count}×"
        page.text(half - 110, y1, 50, count, 9, colour=t.muted, wrap=False, align=right)
        length = minutes_text(line.minutes)
        y1 += page.text(half - 55, y1, 55, length, 9, colour=t.muted, wrap=False, align=right) + 3
    if len(s.kinds) > TOP_KINDS:
        rest = len(s.kinds) - TOP_KINDS
        more = ngettext("and {n} more", "and {n} more", rest).format(n=rest)
        y1 += page.text(0, y1, half, more, 8.5, colour=t.muted)

    x2 = half + 24
    y2 = y + page.text(x2, y, half, _("Medicine sessions"), 11, bold=True) + 4
    if not s.sessions:
        none = _("No session dates recorded in this period.")
        y2 += page.text(x2, y2, half, none, 9, colour=t.muted)
    else:
        after = ngettext(
            "Practice in the day after each session:",
            "Practice in the {n} days after each session:",
            s.window_days,
        ).format(n=s.window_days)
        y2 += page.text(x2, y2, half, after, 8.5, colour=t.muted) + 3
    shown = s.sessions[-TOP_SESSIONS:]
    for session in shown:
        page.text(x2, y2, half - 150, long_date(session.day), 9, wrap=False)
        text = after_session_text(session)
        y2 += page.text(x2 + half - 150, y2, 150, text, 9, colour=t.muted, wrap=False, align=right)
        y2 += 3
    if len(s.sessions) > len(shown):
        left = len(s.sessions) - len(shown)
        earlier = ngettext("and {n} earlier", "and {n} earlier", left).format(n=left)
        y2 += page.text(x2, y2, half, earlier, 8.5, colour=t.muted)


def _draw(page: _Page, s: Summary, width: float, height: float, made: datetime) -> None:
    t = page.theme
    y = 0.0
    y += page.text(0, y, width, _("Practice summary"), 22, bold=True)
    y += 2
    y += page.text(0, y, width, period_text(s), 12, colour=t.muted)
    y += 8
    y += page.text(0, y, width, _(INTRO), 9, colour=t.muted)
    y += 14

    col = (width - 3 * 14) / 4
    tallest = 0.0
    for i, figure in enumerate(figures(s)):
        x = i * (col + 14)
        drawn = _figure(page, x, y, col, figure.label, figure.value, figure.detail)
        tallest = max(tallest, drawn)
    y += tallest + 10
    page.line(0, y, width, y, t.guide, 0.8)
    y += 10

    y += page.text(0, y, width, _("Minutes practised each week"), 11, bold=True)
    dashed = _("Dashed lines mark the dates of medicine sessions.") if s.sessions else " "
    y += page.text(0, y + 1, width, dashed, 8, colour=t.muted)
    y += 6
    _week_chart(page, s, 0, y, width, 150)
    y += 160

    y += page.text(0, y, width, _("How settled and present, before and after"), 11, bold=True)
    y += page.text(0, y + 1, width, rating_change_text(s), 8.5, colour=t.muted)
    y += 4
    page.box(0, y + 3, 8, 2, t.muted)
    page.text(11, y, 160, _("before a practice"), 8, colour=t.muted)
    page.box(170, y + 3, 8, 2, t.accent)
    page.text(181, y, 160, _("after a practice"), 8, colour=t.muted)
    y += 14
    _ratings_chart(page, s, 0, y, width, 95)
    y += 108

    page.line(0, y, width, y, t.guide, 0.8)
    y += 10
    _lists(page, s, y, width)

    footer = _(FOOTER).format(version=__version__, made=long_date(made.date()))
    page.text(0, height - 12, width, footer, 7.5, colour=t.muted, wrap=False)


def render_pdf(
    summary: Summary, *, made: datetime | None = None, shared: Shared | None = None
) -> bytes:
    """``summary`` drawn on one A4 page, and what the person chose to share (``shared``: their
    intention, journal entries, a body-map picture) on the pages after it, only when something
    was chosen: the bytes of the PDF. Needs a QGuiApplication."""
    if QGuiApplication.instance() is None:
        raise RuntimeError("a QGuiApplication is needed to draw the summary")
    buffer, writer = a4_in_memory("summary", title_text(summary), (16, 16, 16, 14))
    scale = writer.resolution() / 72.0
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(_("the summary could not be drawn"))
    try:
        width = writer.width() / scale
        height = writer.height() / scale
        page = _Page(painter, scale, width, LIGHT)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        _draw(page, summary, width, height, made or datetime.now())
        if shared is not None and not shared.empty:
            from kapcompanion.ui.log.report_shared import draw_shared

            writer.newPage()
            draw_shared(page, shared, width, height, writer.newPage)
    finally:
        painter.end()  # the PDF is complete in the buffer only now
    buffer.close()
    return bytes(buffer.data().data())


def export_pdf(
    store: PracticeStore,
    target: Path,
    first: date | None = None,
    last: date | None = None,
    *,
    titles: Mapping[str, str],
    made: datetime | None = None,
    shared: Shared | None = None,
) -> Summary:
    """Write the one-page summary of ``store`` from ``first`` to ``last`` to ``target`` (0600,
    all or nothing), with what the person chose to share after it (``shared``; nothing when
    None); ``titles`` names the exercises by id. Raises :class:`StorageFailure` with
    a message when it cannot be written, and leaves whatever was at ``target`` as it was."""
    target = Path(target)
    summary = summarize(
        store.iter_records(first, last), store.session_dates(), first, last, titles=titles
    )
    try:
        data = render_pdf(summary, made=made, shared=shared)
    except OSError as exc:
        raise export_failed(target, exc, what="summary") from exc
    write_export(target, data, what="summary")
    return summary
