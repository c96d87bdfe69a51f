"""The one-page summary of practice, as a PDF to bring to a therapist.

:func:`summarize` turns practice records into the figures the page shows (plain Python);
:func:`write_pdf` draws them on one A4 page with Qt's :class:`QPdfWriter`; :func:`export_pdf`
does both for a date range of a log. The page is written 0600 and all or nothing, like the
other exports, and only when the person asks for it.

The page is drawn in the light palette's colours on white paper, so it prints well.
"""

from __future__ import annotations

import contextlib
import itertools
import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from kapcompanion import __version__
from kapcompanion.domain.integration import DEFAULT_WINDOW_DAYS
from kapcompanion.domain.pacing import PRESETS
from kapcompanion.domain.practice import Kind, PracticeRecord, Status
from kapcompanion.domain.practice_history import minutes_per_day, minutes_per_week, whole_weeks
from kapcompanion.storage import PracticeStore, StorageFailure
from kapcompanion.storage.errors import Problem, problem_of
from kapcompanion.storage.paths import FILE_MODE
from kapcompanion.ui.shell.theme import LIGHT, Theme

#: How many kinds of practice the page lists at most.
TOP_KINDS = 8
#: How many medicine sessions the page lists at most (the latest ones).
TOP_SESSIONS = 8


# -- names ----------------------------------------------------------------------------------


@cache
def _exercise_titles() -> dict[str, str]:
    from kapcompanion.storage.library import load_library
    from kapcompanion.storage.paths import user_scripts_dir

    try:
        exercises, _problems = load_library(user_scripts_dir(create=False))
    except Exception:  # a name is a nicety; the id is shown instead
        return {}
    return {e.id: e.title for e in exercises}


def practice_name(kind: Kind, ref: str) -> str:
    """A person's word for what was practised: the pattern's or the exercise's name."""
    if kind is Kind.BREATHING:
        pattern = PRESETS.get(ref)
        return pattern.name if pattern is not None else ref
    return _exercise_titles().get(ref, ref)


# -- the figures ----------------------------------------------------------------------------


@dataclass(frozen=True)
class KindLine:
    name: str
    count: int
    minutes: float


@dataclass(frozen=True)
class SessionLine:
    day: date
    practices_after: int
    minutes_after: float


@dataclass(frozen=True)
class Summary:
    first: date
    last: date
    practices: int
    completed: int
    stopped: int
    interrupted: int
    minutes: float
    days_practised: int
    kinds: tuple[KindLine, ...]
    rated_pairs: int
    mean_before: float | None
    mean_after: float | None
    weeks: tuple[tuple[date, float], ...]
    week_ratings: tuple[tuple[date, float | None, float | None], ...]
    sessions: tuple[SessionLine, ...]
    window_days: int = DEFAULT_WINDOW_DAYS

    @property
    def days_in_range(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def mean_change(self) -> float | None:
        if self.mean_before is None or self.mean_after is None:
            return None
        return self.mean_after - self.mean_before


def _mean(values: Sequence[float]) -> float | None:
    return math.fsum(values) / len(values) if values else None


def summarize(
    records: Iterable[PracticeRecord],
    sessions: Iterable[date],
    first: date | None = None,
    last: date | None = None,
    *,
    window_days: int = DEFAULT_WINDOW_DAYS,
    today: date | None = None,
) -> Summary:
    """The page's figures for the practices from ``first`` to ``last`` (both included; when
    not given, from the first practice, and to the last practice or today)."""
    chosen = [
        r
        for r in records
        if (first is None or r.local_date >= first) and (last is None or r.local_date <= last)
    ]
    if first is None:
        first = min((r.local_date for r in chosen), default=today or date.today())
    if last is None:
        last = max((r.local_date for r in chosen), default=today or date.today())
    if last < first:
        first, last = last, first
    per_day = minutes_per_day(chosen, first, last)
    weeks = minutes_per_week(minutes_per_day(chosen, *whole_weeks(first, last)))

    by_kind: dict[tuple[Kind, str], list[float]] = {}
    for r in chosen:
        by_kind.setdefault((r.kind, r.ref), []).append(r.practised_s / 60.0)
    kinds = sorted(
        (KindLine(practice_name(k, ref), len(m), math.fsum(m)) for (k, ref), m in by_kind.items()),
        key=lambda line: (-line.count, -line.minutes, line.name),
    )

    pairs = [r for r in chosen if r.rating_before is not None and r.rating_after is not None]
    week_ratings: dict[date, tuple[list[float], list[float]]] = {}
    for r in chosen:
        monday = r.local_date - timedelta(days=r.local_date.weekday())
        before, after = week_ratings.setdefault(monday, ([], []))
        if r.rating_before is not None:
            before.append(r.rating_before)
        if r.rating_after is not None:
            after.append(r.rating_after)

    in_range = sorted(d for d in set(sessions) if first <= d <= last)
    session_lines = []
    for day in in_range:
        after_window = [
            r for r in chosen if day < r.local_date <= day + timedelta(days=window_days)
        ]
        session_lines.append(
            SessionLine(
                day, len(after_window), math.fsum(r.practised_s for r in after_window) / 60.0
            )
        )

    return Summary(
        first=first,
        last=last,
        practices=len(chosen),
        completed=sum(r.status is Status.COMPLETED for r in chosen),
        stopped=sum(r.status is Status.STOPPED for r in chosen),
        interrupted=sum(r.status in (Status.INTERRUPTED, Status.IN_PROGRESS) for r in chosen),
        minutes=math.fsum(per_day.values()),
        days_practised=sum(1 for m in per_day.values() if m > 0),
        kinds=tuple(kinds),
        rated_pairs=len(pairs),
        mean_before=_mean([float(r.rating_before or 0) for r in pairs]),
        mean_after=_mean([float(r.rating_after or 0) for r in pairs]),
        weeks=tuple(sorted(weeks.items())),
        week_ratings=tuple(
            (monday, _mean(b), _mean(a)) for monday, (b, a) in sorted(week_ratings.items())
        ),
        sessions=tuple(session_lines),
        window_days=window_days,
    )


# -- words ----------------------------------------------------------------------------------


def long_date(day: date) -> str:
    return f"{day.day} {day.strftime('%B')} {day.year}"


def short_date(day: date) -> str:
    return f"{day.day} {day.strftime('%b')}"


def minutes_text(minutes: float) -> str:
    if minutes >= 90:
        hours, rest = divmod(round(minutes), 60)
        return f"{hours} h {rest:02d} min"
    return f"{round(minutes)} min"


def rating_change_text(summary: Summary) -> str:
    change = summary.mean_change
    if change is None:
        return "No practice in this period was rated both before and after."
    direction = "higher" if change > 0.05 else "lower" if change < -0.05 else "about the same"
    size = f"{abs(change):.1f} points " if direction != "about the same" else ""
    return (
        f"On average {size}{direction} after practice than before "
        f"({summary.mean_before:.1f} before, {summary.mean_after:.1f} after), "
        f"over {summary.rated_pairs} practice{'s' if summary.rated_pairs != 1 else ''} "
        "rated both times."
    )


INTRO = (
    "Practice kept with kapcompanion on the person's own computer and exported at their "
    "request, as a starting point for talking it through. Ratings are their own sense of how "
    "settled and present in their body they felt, from 0 (not at all) to 10 (completely)."
)
FOOTER = "A record of practice, not an assessment. Made with kapcompanion {version} on {made}."


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
            labels.append((x_of(first_of), first_of.strftime("%b")))
    for lx, text in labels:
        page.line(lx, y + plot_h, lx, y + plot_h + 3, t.muted, 0.5)
        page.text(lx + 1.5, y + plot_h + 3, 40, text, 7, colour=t.muted, wrap=False)


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


def write_pdf(summary: Summary, target: Path, *, made: datetime | None = None) -> None:
    """Draw ``summary`` on one A4 page at ``target`` (overwritten). Needs a QGuiApplication."""
    if QGuiApplication.instance() is None:
        raise RuntimeError("a QGuiApplication is needed to draw the summary")
    theme = LIGHT
    writer = QPdfWriter(str(target))
    writer.setResolution(300)
    writer.setTitle(f"Practice summary, {long_date(summary.first)} to {long_date(summary.last)}")
    writer.setCreator(f"kapcompanion {__version__}")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(16, 16, 16, 14),
            QPageLayout.Unit.Millimeter,
        )
    )
    scale = writer.resolution() / 72.0
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"the PDF {target} could not be started")
    try:
        width = writer.width() / scale
        height = writer.height() / scale
        page = _Page(painter, scale, width, theme)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        s = summary
        t = theme
        y = 0.0
        y += page.text(0, y, width, "Practice summary", 22, bold=True)
        y += 2
        period = f"{long_date(s.first)} to {long_date(s.last)} · {s.days_in_range} days"
        y += page.text(0, y, width, period, 12, colour=t.muted)
        y += 8
        y += page.text(0, y, width, INTRO, 9, colour=t.muted)
        y += 14

        col = (width - 3 * 14) / 4
        per = s.minutes / s.practices if s.practices else 0.0
        figures = [
            (
                "Practices",
                str(s.practices),
                f"{s.completed} completed · {s.stopped} ended early"
                + (f" · {s.interrupted} interrupted" if s.interrupted else ""),
            ),
            ("Time practised", minutes_text(s.minutes), f"about {round(per)} min a practice"),
            (
                "Days with some practice",
                str(s.days_practised),
                f"of {s.days_in_range} days in this period",
            ),
            (
                "Rated before and after",
                "—" if s.mean_change is None else f"{s.mean_change:+.1f}",
                "average change, 0–10 scale"
                if s.mean_change is not None
                else "no practice rated both times",
            ),
        ]
        tallest = 0.0
        for i, (label, value, detail) in enumerate(figures):
            tallest = max(tallest, _figure(page, i * (col + 14), y, col, label, value, detail))
        y += tallest + 10
        page.line(0, y, width, y, t.guide, 0.8)
        y += 10

        y += page.text(0, y, width, "Minutes practised each week", 11, bold=True)
        y += page.text(
            0,
            y + 1,
            width,
            "Dashed lines mark the dates of medicine sessions." if s.sessions else " ",
            8,
            colour=t.muted,
        )
        y += 6
        _week_chart(page, s, 0, y, width, 150)
        y += 160

        y += page.text(0, y, width, "How settled and present, before and after", 11, bold=True)
        y += page.text(0, y + 1, width, rating_change_text(s), 8.5, colour=t.muted)
        y += 4
        legend_y = y
        page.box(0, legend_y + 3, 8, 2, t.muted)
        page.text(11, legend_y, 160, "before practice (weekly average)", 8, colour=t.muted)
        page.box(170, legend_y + 3, 8, 2, t.accent)
        page.text(181, legend_y, 160, "after practice (weekly average)", 8, colour=t.muted)
        y += 14
        _ratings_chart(page, s, 0, y, width, 95)
        y += 108

        page.line(0, y, width, y, t.guide, 0.8)
        y += 10
        half = (width - 24) / 2
        top_y = y
        y1 = top_y + page.text(0, top_y, half, "What was practised", 11, bold=True) + 4
        if not s.kinds:
            y1 += page.text(0, y1, half, "No practice in this period.", 9, colour=t.muted)
        for line in s.kinds[:TOP_KINDS]:
            page.text(0, y1, half - 110, line.name, 9, wrap=False)
            page.text(
                half - 110,
                y1,
                50,
                f"{line.count}×",
                9,
                colour=t.muted,
                wrap=False,
                align=Qt.AlignmentFlag.AlignRight,
            )
            y1 += (
                page.text(
                    half - 55,
                    y1,
                    55,
                    minutes_text(line.minutes),
                    9,
                    colour=t.muted,
                    wrap=False,
                    align=Qt.AlignmentFlag.AlignRight,
                )
                + 3
            )
        if len(s.kinds) > TOP_KINDS:
            rest = len(s.kinds) - TOP_KINDS
            y1 += page.text(0, y1, half, f"and {rest} more", 8.5, colour=t.muted)

        x2 = half + 24
        y2 = top_y + page.text(x2, top_y, half, "Medicine sessions", 11, bold=True) + 4
        if not s.sessions:
            y2 += page.text(
                x2, y2, half, "No session dates recorded in this period.", 9, colour=t.muted
            )
        else:
            y2 += (
                page.text(
                    x2,
                    y2,
                    half,
                    f"Practice in the {s.window_days} days after each session:",
                    8.5,
                    colour=t.muted,
                )
                + 3
            )
        shown = s.sessions[-TOP_SESSIONS:]
        for session in shown:
            page.text(x2, y2, half - 150, long_date(session.day), 9, wrap=False)
            n = session.practices_after
            after = (
                f"{n} practice{'s' if n != 1 else ''}, {minutes_text(session.minutes_after)}"
                if n
                else "no practice recorded"
            )
            y2 += (
                page.text(
                    x2 + half - 150,
                    y2,
                    150,
                    after,
                    9,
                    colour=t.muted,
                    wrap=False,
                    align=Qt.AlignmentFlag.AlignRight,
                )
                + 3
            )
        if len(s.sessions) > len(shown):
            y2 += page.text(
                x2, y2, half, f"and {len(s.sessions) - len(shown)} earlier", 8.5, colour=t.muted
            )

        made_text = long_date((made or datetime.now()).date())
        footer = FOOTER.format(version=__version__, made=made_text)
        page.text(0, height - 12, width, footer, 7.5, colour=t.muted, wrap=False)
    finally:
        painter.end()


def export_pdf(
    store: PracticeStore,
    target: Path,
    first: date | None = None,
    last: date | None = None,
    *,
    made: datetime | None = None,
) -> Summary:
    """Write the one-page summary of ``store`` from ``first`` to ``last`` to ``target`` (0600,
    all or nothing). Raises :class:`StorageFailure` with a message when it cannot be written."""
    target = Path(target)
    summary = summarize(store.iter_records(first, last), store.session_dates(), first, last)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        os.fchmod(fd, FILE_MODE)
        os.close(fd)
        write_pdf(summary, tmp, made=made)
        if tmp.stat().st_size == 0:
            raise OSError(5, "nothing could be written")
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        problem = problem_of(exc) or Problem.IO
        raise StorageFailure(
            problem,
            target,
            f"The summary {target} could not be written ({exc.strerror or exc}). "
            "You might choose another folder or free some space; your log is unchanged.",
        ) from exc
    return summary
