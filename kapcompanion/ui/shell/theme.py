"""Calm colours and large, readable type.

Palettes: a dim dark one (the default, easy on the eyes in an office or in the evening), a soft
light one and a high-contrast one (pure black, white text, a yellow focus ring). Every text colour
keeps a contrast of at least 4.5:1 against the backgrounds it is drawn on (WCAG 1.4.3), and the
focus ring and the edges of inputs at least 3:1 (WCAG 1.4.11); :func:`contrast_ratio` checks it and
the tests hold the palettes to it.

Text size is one app-wide factor (see ``TEXT_SIZE_PERCENT`` in
:mod:`kapcompanion.domain.limits`): every style sheet asks :func:`pt` for its point sizes,
so a change of :func:`set_text_scale` followed by :func:`apply` resizes all text.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPalette, QPolygonF
from PySide6.QtWidgets import QApplication

from kapcompanion.domain.limits import TEXT_SIZE_PERCENT


@dataclass(frozen=True)
class Theme:
    name: str
    background: str  # the window
    surface: str  # cards on the window
    text: str
    muted: str  # secondary text
    accent: str  # the breathing shape
    accent_dim: str  # the unfilled part of the shape in reduced motion
    guide: str  # a faint ring showing how far the shape will grow
    button: str
    button_hover: str
    button_text: str
    focus: str  # the focus outline: keyboard users must always see where they are
    accent_text: str  # text on an accent-coloured button
    #: The outline of inputs (lists, fields, spin boxes) and, in high contrast, of buttons.
    edge: str = ""
    #: True for the high-contrast palette: buttons and cards get visible outlines.
    outlined: bool = False

    def text_pairs(self) -> list[tuple[str, str, str]]:
        """(what, foreground, background) for every text colour the screens draw."""
        return [
            ("text on background", self.text, self.background),
            ("text on surface", self.text, self.surface),
            ("muted on background", self.muted, self.background),
            ("muted on surface", self.muted, self.surface),
            ("button text", self.button_text, self.button),
            ("button text, hovered", self.button_text, self.button_hover),
            ("primary button text", self.accent_text, self.accent),
        ]

    def edge_colour(self) -> str:
        return self.edge or self.muted

    def outline_pairs(self) -> list[tuple[str, str, str]]:
        """(what, colour, background) for outlines that must stand out by 3:1 (WCAG 1.4.11)."""
        return [
            ("focus ring on background", self.focus, self.background),
            ("focus ring on surface", self.focus, self.surface),
            ("focus ring on a button", self.focus, self.button),
            ("input edge on background", self.edge_colour(), self.background),
            ("input edge on surface", self.edge_colour(), self.surface),
        ]


DARK = Theme(
    name="dark",
    background="#12161c",
    surface="#1a2028",
    text="#e3e7ec",
    muted="#a4adb9",
    accent="#6f9fb0",
    accent_dim="#26343c",
    guide="#202830",
    button="#28323d",
    button_hover="#313d4a",
    button_text="#e3e7ec",
    focus="#9cc8d6",
    accent_text="#0d1115",
    edge="#6f7a87",
)

LIGHT = Theme(
    name="light",
    background="#f2efe8",
    surface="#faf8f3",
    text="#1f2429",
    muted="#4c545e",
    accent="#5e8e9e",
    accent_dim="#d5dfe0",
    guide="#e3ded3",
    button="#e2ddd2",
    button_hover="#d8d2c5",
    button_text="#1f2429",
    focus="#2f6476",
    accent_text="#0d1115",
    edge="#80878f",
)

#: The client's screen in presentation mode: DARK dimmed further, with softer text and a quieter
#: shape, for a darkened room and eyes that may be sensitive to light.
PRESENT = replace(
    DARK,
    name="present",
    background="#0b0e12",
    surface="#13171d",
    text="#c9cfd6",
    muted="#8e98a4",
    accent="#547e8b",
    accent_dim="#1c262c",
    guide="#161c22",
    button="#1d242c",
    button_hover="#252e38",
    button_text="#c9cfd6",
    focus="#86b2c0",
    accent_text="#050607",
    edge="#5f6975",
)

#: For people who need the strongest contrast: black, white text, outlined controls, yellow focus.
HIGH_CONTRAST = Theme(
    name="high-contrast",
    background="#000000",
    surface="#000000",
    text="#ffffff",
    muted="#e0e0e0",
    accent="#3fa7d6",
    accent_dim="#1b3440",
    guide="#5a5a5a",
    button="#000000",
    button_hover="#1f3a47",
    button_text="#ffffff",
    focus="#ffd83d",
    accent_text="#000000",
    edge="#ffffff",
    outlined=True,
)

THEMES = {t.name: t for t in (DARK, LIGHT, PRESENT, HIGH_CONTRAST)}
#: A disabled button's words in an outlined (high-contrast) theme: plainly greyer than the rest.
DISABLED_OUTLINED = "#9a9a9a"
#: The palettes a person can choose in Settings (PRESENT is only for the client's screen).
CHOOSABLE = (LIGHT, DARK, HIGH_CONTRAST)

#: Point sizes at 100% text: large enough to read from a chair a little way from the screen.
BASE_PT = 14
SMALL_PT = 12
TITLE_PT = 26
PHASE_PT = 34
COUNT_PT = 20

_text_scale = 1.0


def set_text_scale(percent: int) -> None:
    """Make all text ``percent`` % of its usual size; takes effect with :func:`apply`."""
    global _text_scale
    if percent not in TEXT_SIZE_PERCENT:
        low, high = TEXT_SIZE_PERCENT.low, TEXT_SIZE_PERCENT.high
        raise ValueError(f"text size {percent}% is outside {low}-{high}%")
    _text_scale = percent / 100.0


def text_scale() -> float:
    return _text_scale


def width(pixels: int) -> int:
    """A column's largest width, widened with larger text so lines keep a readable length."""
    return round(pixels * max(1.0, _text_scale))


def pt(points: float) -> int:
    """A point size scaled by the person's text size (at least 8 pt)."""
    return max(8, round(points * _text_scale))


def _channel(value: int) -> float:
    c = value / 255.0
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_colour: str) -> float:
    """WCAG relative luminance of an ``#rrggbb`` colour (0 black to 1 white)."""
    h = hex_colour.lstrip("#")
    if len(h) != 6:
        raise ValueError(f"expected a colour like #12abef, found {hex_colour!r}")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio between two colours, from 1 to 21."""
    a = relative_luminance(foreground)
    b = relative_luminance(background)
    hi, lo = max(a, b), min(a, b)
    return (hi + 0.05) / (lo + 0.05)


_arrow_folder: Path | None = None


def _remove_arrow_folder() -> None:
    if _arrow_folder is not None:
        shutil.rmtree(_arrow_folder, ignore_errors=True)


def arrow_images(colour: str) -> tuple[str, str]:
    """Small up and down arrows in ``colour`` for spin boxes and lists (a style sheet that draws
    an input's outline must also give its arrows). Drawn once per colour into a private
    temporary folder that goes when the app ends; the data folder is never touched."""
    global _arrow_folder
    if _arrow_folder is None:
        _arrow_folder = Path(tempfile.mkdtemp(prefix="kapcompanion-arrows-"))
        atexit.register(_remove_arrow_folder)
    paths = []
    for name, points in (
        ("up", ((1.0, 8.0), (6.0, 2.5), (11.0, 8.0))),
        ("down", ((1.0, 3.5), (6.0, 9.0), (11.0, 3.5))),
    ):
        path = _arrow_folder / f"{name}-{colour.lstrip('#')}.png"
        if not path.exists():
            image = QImage(24, 24, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colour))
            painter.scale(2.0, 2.0)
            painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in points]))
            painter.end()
            image.save(str(path))
        paths.append(path.as_posix())
    return paths[0], paths[1]


def stylesheet(theme: Theme) -> str:
    t = theme
    up, down = arrow_images(t.text)
    box = round(16 * max(1.0, _text_scale))  # a tick box grows with the text beside it
    edge = t.edge_colour()
    button_edge = edge if t.outlined else t.button
    hover_edge = edge if t.outlined else t.button_hover
    # Where muted text is nearly as bright as the rest (high contrast), a disabled button's words
    # are a clear grey; its edge is dashed in every theme, so the state never rests on colour.
    disabled_text = DISABLED_OUTLINED if t.outlined else t.muted
    card_edge = f"border: 2px solid {edge};" if t.outlined else ""
    # A button is never lower than a line of its text: a floor in pixels that stayed at 28 let
    # a crowded layout squeeze large text out of its buttons.
    button_floor = max(28, round(pt(BASE_PT) * 96 / 72 * 1.25))
    return f"""
QWidget {{ color: {t.text}; font-size: {pt(BASE_PT)}pt; }}
QMainWindow, QStackedWidget, QScrollArea, QScrollArea > QWidget > QWidget {{
    background: {t.background};
}}
QWidget#screen {{ background: {t.background}; }}
QFrame#card {{ background: {t.surface}; border-radius: 14px; {card_edge} }}
QFrame#card QLabel, QFrame#card QCheckBox, QFrame#card QRadioButton {{
    background: transparent;
}}
QLabel#title {{ font-size: {pt(TITLE_PT)}pt; }}
QLabel#heading {{ font-size: {pt(BASE_PT + 4)}pt; }}
QLabel#muted, QLabel#hint, QLabel#notice {{ color: {t.muted}; }}
QLabel#hint {{ font-size: {pt(SMALL_PT)}pt; }}
QLabel#phase {{ font-size: {pt(PHASE_PT)}pt; }}
QLabel#count {{ font-size: {pt(COUNT_PT)}pt; color: {t.muted}; }}
QLabel#ending {{ font-size: {pt(BASE_PT + 6)}pt; }}
QPushButton {{
    background: {t.button}; color: {t.button_text}; border: 2px solid {button_edge};
    border-radius: 10px; padding: 8px 22px; min-height: {button_floor}px;
}}
QPushButton:hover {{ background: {t.button_hover}; border-color: {hover_edge}; }}
QPushButton:disabled {{ color: {disabled_text}; border-style: dashed; }}
QPushButton:focus, QCheckBox:focus, QRadioButton:focus {{
    border: 2px solid {t.focus};
}}
QPushButton#primary {{ background: {t.accent}; border-color: {t.accent}; color: {t.accent_text}; }}
QPushButton#primary:focus {{ border-color: {t.focus}; }}
QPushButton#helpCorner {{
    background: transparent; color: {t.muted}; border: 1px solid {button_edge};
    border-radius: 8px; padding: 2px 12px; min-height: 20px; font-size: {pt(SMALL_PT)}pt;
}}
QPushButton#helpCorner:hover {{ color: {t.text}; background: {t.button_hover}; }}
QComboBox, QSpinBox, QTimeEdit, QDateEdit, QLineEdit, QPlainTextEdit, QListWidget {{
    background: {t.surface}; color: {t.text}; border: 2px solid {edge}; border-radius: 6px;
    selection-background-color: {t.button_hover}; selection-color: {t.text};
}}
QComboBox, QSpinBox, QTimeEdit, QDateEdit, QLineEdit {{ min-height: 34px; padding: 0px 10px; }}
QSpinBox, QTimeEdit {{ padding-right: 30px; }}
QSpinBox::up-button, QSpinBox::down-button, QTimeEdit::up-button, QTimeEdit::down-button {{
    subcontrol-origin: border; width: 28px; border: none; background: transparent;
}}
QSpinBox::up-button, QTimeEdit::up-button {{ subcontrol-position: top right; }}
QSpinBox::down-button, QTimeEdit::down-button {{ subcontrol-position: bottom right; }}
QSpinBox::up-button:hover, QSpinBox::down-button:hover, QTimeEdit::up-button:hover,
QTimeEdit::down-button:hover {{ background: {t.button_hover}; border-radius: 4px; }}
QSpinBox::up-arrow, QTimeEdit::up-arrow {{ image: url({up}); width: 12px; height: 12px; }}
QSpinBox::down-arrow, QTimeEdit::down-arrow {{ image: url({down}); width: 12px; height: 12px; }}
QComboBox::drop-down {{ border: none; width: 30px; }}
QComboBox::down-arrow {{ image: url({down}); width: 12px; height: 12px; }}
QComboBox:focus, QSpinBox:focus, QTimeEdit:focus, QDateEdit:focus, QLineEdit:focus,
QPlainTextEdit:focus, QListWidget:focus, QTableView:focus, QSlider:focus {{
    border: 2px solid {t.focus};
}}
QSlider {{ border: 2px solid transparent; border-radius: 6px; }}
QComboBox:disabled, QSpinBox:disabled, QTimeEdit:disabled, QLineEdit:disabled {{
    color: {t.muted}; border-style: dashed;
}}
QComboBox QAbstractItemView {{
    background: {t.surface}; color: {t.text}; selection-background-color: {t.button_hover};
}}
QCheckBox, QRadioButton {{
    spacing: 12px; border: 2px solid transparent; border-radius: 6px; padding: 2px;
}}
QCheckBox::indicator, QRadioButton::indicator {{
    width: {box}px; height: {box}px; border: 2px solid {edge}; border-radius: 5px;
    background: {t.surface};
}}
QRadioButton::indicator {{ border-radius: 10px; }}
QCheckBox::indicator:checked, QRadioButton::indicator:checked {{
    background: {t.accent}; border: 2px solid {t.accent};
}}
QCheckBox::indicator:checked:focus, QCheckBox::indicator:focus,
QRadioButton::indicator:focus {{ border-color: {t.focus}; }}
QCheckBox:disabled, QRadioButton:disabled {{ color: {t.muted}; }}
"""


def apply(app: QApplication, theme: Theme = DARK) -> None:
    """Give the whole application the theme's palette, type and style sheet."""
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: theme.background,
        QPalette.ColorRole.Base: theme.surface,
        QPalette.ColorRole.AlternateBase: theme.button,
        QPalette.ColorRole.Text: theme.text,
        QPalette.ColorRole.WindowText: theme.text,
        QPalette.ColorRole.Button: theme.button,
        QPalette.ColorRole.ButtonText: theme.button_text,
        QPalette.ColorRole.Highlight: theme.button_hover,
        QPalette.ColorRole.HighlightedText: theme.text,
        QPalette.ColorRole.PlaceholderText: theme.muted,
        QPalette.ColorRole.ToolTipBase: theme.surface,
        QPalette.ColorRole.ToolTipText: theme.text,
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    app.setPalette(palette)
    font = QFont(app.font())
    font.setPointSize(pt(BASE_PT))
    app.setFont(font)
    app.setStyleSheet(stylesheet(theme))
