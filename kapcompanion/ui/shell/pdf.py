"""Pages the app writes as PDF (the summary for a therapist, the take-home card): one A4
writer, in memory, at print resolution, named by the app.

Drawing on it is each page's own work; writing the bytes to a file goes through
:func:`kapcompanion.storage.export.write_export` (0600, all or nothing).
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

from kapcompanion import __version__
from kapcompanion.i18n import N_, _

#: Dots per inch the pages are drawn at.
RESOLUTION = 300
#: What a page is called when it cannot be drawn, by the ``what`` the callers pass.
WHAT = {"card": N_("the take-home card"), "summary": N_("the summary")}


def a4_in_memory(
    what: str, title: str, margins_mm: tuple[float, float, float, float]
) -> tuple[QBuffer, QPdfWriter]:
    """An open buffer and an A4 portrait writer on it titled ``title``, with margins (left,
    top, right, bottom) in millimetres. Raises OSError naming ``what`` when the buffer cannot
    be opened. Read the bytes from the buffer once the painter has ended."""
    buffer = QBuffer()
    if not buffer.open(QIODevice.OpenModeFlag.WriteOnly):
        named = _(WHAT[what]) if what in WHAT else what
        raise OSError(_("{what} could not be drawn in memory").format(what=named))
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setTitle(title)
    writer.setCreator(f"kapcompanion {__version__}")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(*margins_mm),
            QPageLayout.Unit.Millimeter,
        )
    )
    return buffer, writer
