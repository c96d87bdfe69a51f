"""The palettes keep text readable (WCAG 1.4.3: at least 4.5:1)."""

from __future__ import annotations

import pytest

from kapcompanion.ui.shell import theme


def test_contrast_ratio_matches_the_wcag_reference_values():
    assert theme.contrast_ratio("#ffffff", "#000000") == pytest.approx(21.0)
    assert theme.contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    # #767676 on white is the well-known smallest grey that passes 4.5:1.
    assert theme.contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert theme.contrast_ratio("#777777", "#ffffff") < 4.5


@pytest.mark.parametrize("palette", list(theme.THEMES.values()), ids=list(theme.THEMES))
def test_every_text_colour_is_readable_on_its_background(palette):
    for what, fg, bg in palette.text_pairs():
        ratio = theme.contrast_ratio(fg, bg)
        assert ratio >= 4.5, f"{palette.name}: {what} is {ratio:.2f}:1"


@pytest.mark.parametrize("palette", list(theme.THEMES.values()), ids=list(theme.THEMES))
def test_the_shape_stands_out_softly(palette):
    # Visible against the background, but not glaring (WCAG 1.4.11 asks 3:1 for shapes).
    ratio = theme.contrast_ratio(palette.accent, palette.background)
    assert 3.0 <= ratio <= 9.0


def test_a_bad_colour_is_named():
    with pytest.raises(ValueError, match="'blue'"):
        theme.relative_luminance("blue")


def test_the_style_sheet_uses_the_palette():
    sheet = theme.stylesheet(theme.LIGHT)
    assert theme.LIGHT.background in sheet and theme.LIGHT.text in sheet
