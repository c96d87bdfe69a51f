"""Render the app icon's PNG sizes from its SVG, with Qt's SVG renderer (no display needed).

The SVG in resources/desktop/icons/hicolor/scalable/apps/ is the one drawing; every PNG beside it
(icons/hicolor/<n>x<n>/apps/) is made from it by this script, so change the SVG and run:

    .venv/bin/python packaging/render_icons.py          # write the PNGs
    .venv/bin/python packaging/render_icons.py --check  # exit 1 if a PNG differs from the SVG

Usage as a module: :func:`render` gives one size as a QImage.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "io.github.kapcompanion.KapCompanion"
ICONS = ROOT / "resources" / "desktop" / "icons" / "hicolor"
SVG = ICONS / "scalable" / "apps" / f"{APP_ID}.svg"
#: The sizes desktops look for in the hicolor theme.
SIZES = (16, 22, 24, 32, 48, 64, 128, 256)
#: How far one colour channel of a committed PNG may be from a fresh rendering (another Qt
#: version may round an antialiased edge differently).
TOLERANCE = 3


def png_path(size: int) -> Path:
    return ICONS / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def render(size: int, svg: Path = SVG) -> QImage:
    """The icon at ``size`` x ``size`` pixels, on a transparent ground."""
    if QGuiApplication.instance() is None:
        _app = QGuiApplication(sys.argv[:1])  # kept alive by Qt as the instance
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not an SVG that Qt can draw")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def largest_difference(a: QImage, b: QImage) -> int:
    """The largest difference of one channel (0-255) between two images of one size; 256 when
    the sizes differ."""
    if a.size() != b.size():
        return 256
    a = a.convertToFormat(QImage.Format.Format_ARGB32)
    b = b.convertToFormat(QImage.Format.Format_ARGB32)
    worst = 0
    for y in range(a.height()):
        for x in range(a.width()):
            pa, pb = a.pixel(x, y), b.pixel(x, y)
            for shift in (0, 8, 16, 24):
                worst = max(worst, abs(((pa >> shift) & 0xFF) - ((pb >> shift) & 0xFF)))
    return worst


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    stale = []
    for size in SIZES:
        image = render(size)
        target = png_path(size)
        if args.check:
            difference = largest_difference(image, QImage(str(target)))
            if difference > TOLERANCE:
                stale.append(f"{target.relative_to(ROOT)} (differs by {difference})")
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target), b"PNG"):
            print(f"could not write {target}", file=sys.stderr)
            return 1
        print(f"wrote {target.relative_to(ROOT)}")
    if stale:
        print("not made from the SVG as it is now: " + ", ".join(stale), file=sys.stderr)
        print("run: python packaging/render_icons.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
