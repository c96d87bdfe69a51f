"""The pages after the practice summary: what the person chose to share, and nothing else.

:func:`draw_shared` draws a :class:`~kapcompanion.domain.journal_share.Shared` from the top of
a fresh page: the intention they came in with, a picture of the body map over the dates they
chose (front and back, each region as full as it was marked often, the words beside it), and
the journal entries they picked, oldest first, whole. A new page begins whenever the next
piece would not fit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from kapcompanion.domain.body_map import ASPECT, Side
from kapcompanion.domain.journal_share import (
    ENTRIES_HEADING,
    INTENTION_HEADING,
    SHARED_INTRO,
    SHARED_TITLE,
    BodyPicture,
    Shared,
    entry_heading,
    entry_prompt,
)
from kapcompanion.i18n import _, pgettext
from kapcompanion.ui.journal.body_canvas import paint_outline

if TYPE_CHECKING:  # pragma: no cover
    from kapcompanion.ui.log.report import _Page

#: The longest piece of an entry drawn in one go (longer paragraphs are cut between words).
CHUNK = 1200
FIGURE_H = 230.0


def _chunks(text: str) -> list[str]:
    """``text`` as paragraphs, each at most :data:`CHUNK` characters (cut between words)."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        rest = paragraph.rstrip()
        if not rest:
            continue
        while len(rest) > CHUNK:
            cut = rest.rfind(" ", 0, CHUNK)
            cut = cut if cut > CHUNK // 2 else CHUNK
            out.append(rest[:cut])
            rest = rest[cut:].lstrip()
        out.append(rest)
    return out


class _Flow:
    """Where the next piece goes, turning to a new page when it would not fit."""

    def __init__(self, page: _Page, height: float, new_page: Callable[[], bool]) -> None:
        self.page = page
        self.bottom = height - 24  # leaves the footer's room free
        self.new_page = new_page
        self.y = 0.0

    def room_for(self, h: float) -> None:
        if self.y > 0 and self.y + h > self.bottom:
            self.new_page()
            self.y = 0.0

    def text(
        self,
        w: float,
        text: str,
        size: float,
        *,
        bold: bool = False,
        colour: str | None = None,
        gap: float = 0.0,
    ) -> None:
        self.room_for(self.page.measure(w, text, size, bold=bold))
        self.y += self.page.text(0, self.y, w, text, size, bold=bold, colour=colour) + gap


def _body(flow: _Flow, picture: BodyPicture, width: float) -> None:
    page = flow.page
    t = page.theme
    flow.room_for(20 + FIGURE_H)
    flow.text(width, picture.heading(), 11, bold=True, gap=2)
    flow.text(width, _("The fuller a region, the more often it was marked."), 8.5, colour=t.muted)
    flow.y += 6
    top = flow.y
    fig_w = FIGURE_H * ASPECT
    fills = picture.fills()
    for i, side in enumerate((Side.FRONT, Side.BACK)):
        x = i * (fig_w + 14)
        box = page.rect(x, top, fig_w, FIGURE_H - 14)
        paint_outline(page.p, box, side, fills, t, edge_alpha=200, line=0.6 * page.s)
        name = pgettext("body map", "front") if side is Side.FRONT else pgettext("body map", "back")
        page.text(x, top + FIGURE_H - 12, fig_w, name, 8, colour=t.muted, align=_CENTRE)
    x = 2 * fig_w + 40
    y = top
    for line in picture.lines():
        y += page.text(x, y, width - x, line, 9) + 3
    flow.y = max(top + FIGURE_H, y) + 10


_CENTRE = Qt.AlignmentFlag.AlignHCenter


def draw_shared(
    page: _Page, shared: Shared, width: float, height: float, new_page: Callable[[], bool]
) -> None:
    """Draw ``shared`` from the top of the current page; ``new_page`` turns to a fresh one."""
    t = page.theme
    flow = _Flow(page, height, new_page)
    flow.text(width, _(SHARED_TITLE), 18, bold=True, gap=4)
    flow.text(width, _(SHARED_INTRO), 9, colour=t.muted, gap=14)
    said = shared.intention_text()
    if said:
        flow.text(width, _(INTENTION_HEADING), 11, bold=True, gap=3)
        flow.text(width, said, 10.5, gap=14)
    if shared.body is not None:
        _body(flow, shared.body, width)
    entries = shared.ordered_entries()
    if entries:
        flow.room_for(60)
        flow.text(width, _(ENTRIES_HEADING), 11, bold=True, gap=6)
    for entry in entries:
        flow.room_for(50)
        flow.text(width, entry_heading(entry), 9.5, bold=True, gap=1)
        prompt = entry_prompt(entry)
        if prompt:
            flow.text(width, prompt, 8.5, colour=t.muted, gap=2)
        for piece in _chunks(entry.text):
            flow.text(width, piece, 10, gap=3)
        flow.y += 8
