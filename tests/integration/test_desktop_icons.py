"""The icon's PNG sizes are the SVG as it is drawn now, and the running app names its menu entry
(so a desktop matches the window to the entry and its icon)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication, QImage

from kapcompanion.cli.desktop import APP_ID

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import render_icons  # noqa: E402


@pytest.mark.gui
def test_every_png_is_the_svg_rendered_at_its_size(qapp: Any) -> None:
    assert render_icons.APP_ID == APP_ID
    for size in render_icons.SIZES:
        committed = QImage(str(render_icons.png_path(size)))
        assert (committed.width(), committed.height()) == (size, size)
        fresh = render_icons.render(size)
        assert render_icons.largest_difference(fresh, committed) <= render_icons.TOLERANCE
    # Not a blank square: the disc's colour is at the middle, the corners are clear.
    big = render_icons.render(256)
    assert big.pixelColor(128, 128).alpha() == 255
    assert big.pixelColor(128, 128).blue() > big.pixelColor(128, 128).red()
    assert big.pixelColor(1, 1).alpha() == 0


@pytest.mark.gui
def test_the_check_fails_when_a_png_is_not_the_svg(qapp: Any, tmp_path: Path) -> None:
    """The script's --check notices a stale PNG (run on a copy, in its own process)."""
    copy = tmp_path / "repo"
    for part in ("packaging", "resources/desktop"):
        shutil.copytree(ROOT / part, copy / part)
    script = copy / "packaging" / "render_icons.py"
    ok = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    stale = render_icons.png_path(48).relative_to(ROOT)
    QImage(str(render_icons.png_path(24))).scaled(48, 48).save(str(copy / stale))
    bad = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert bad.returncode == 1
    assert "48x48" in bad.stderr


@pytest.mark.gui
def test_the_app_names_its_menu_entry(qapp: Any) -> None:
    from kapcompanion.app import create_application

    app = create_application()
    assert isinstance(app, QGuiApplication)
    assert app.desktopFileName() == APP_ID
