"""How the practice screens look: their type sizes and widths, and the same larger for the
client's screen in presentation mode."""

from __future__ import annotations

from kapcompanion.ui.shell.theme import BASE_PT, COUNT_PT, PHASE_PT, SMALL_PT, TITLE_PT

STEP_TEXT_PT = TITLE_PT - 2
BREATH_WORD_PT = BASE_PT + 6
PROMPT_PT = TITLE_PT
#: The widest a line of a step's words (or of "stop here?") may be, in pixels.
TEXT_WIDTH = 900
#: The breathing shape's largest height in pixels: calm, never filling the whole screen.
DISC_MAX_HEIGHT = 560
#: The width of an exercise's quiet progress line, in pixels.
PROGRESS_WIDTH = 420

#: In presentation mode type grows with the screen's height relative to this, within limits.
REFERENCE_HEIGHT = 800
MIN_SCALE = 1.0
MAX_SCALE = 2.4


def scale_for(height: int) -> float:
    """How much larger the type is on a screen ``height`` pixels high."""
    return min(MAX_SCALE, max(MIN_SCALE, height / REFERENCE_HEIGHT))


def scaled(pixels: int, scale: float) -> int:
    return round(pixels * scale)


def present_overrides(scale: float) -> str:
    """Type for the client's screen: the practice's own sizes times ``scale``."""

    def pt(size: float) -> int:
        return max(1, round(size * scale))

    return f"""
QWidget {{ font-size: {pt(BASE_PT)}pt; }}
QLabel#hint {{ font-size: {pt(SMALL_PT)}pt; }}
QLabel#title {{ font-size: {pt(TITLE_PT)}pt; }}
QLabel#phase {{ font-size: {pt(PHASE_PT)}pt; }}
QLabel#count {{ font-size: {pt(COUNT_PT)}pt; }}
QLabel#steptext {{ font-size: {pt(STEP_TEXT_PT * 1.1)}pt; }}
QLabel#breathword {{ font-size: {pt(BREATH_WORD_PT)}pt; }}
QLabel#prompt {{ font-size: {pt(PROMPT_PT)}pt; }}
QLabel#paused {{ font-size: {pt(BASE_PT + 2)}pt; }}
"""
