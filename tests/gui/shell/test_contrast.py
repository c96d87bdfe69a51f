"""Every palette keeps text readable and outlines visible (WCAG 1.4.3 and 1.4.11), computed from
the palettes themselves."""

from __future__ import annotations

import pytest

from kapcompanion.ui.shell import theme

PALETTES = list(theme.THEMES.values())
IDS = [p.name for p in PALETTES]


def test_every_choosable_palette_is_registered():
    assert {t.name for t in theme.CHOOSABLE} == {"light", "dark", "high-contrast"}
    assert all(theme.THEMES[t.name] is t for t in theme.CHOOSABLE)


@pytest.mark.parametrize("palette", PALETTES, ids=IDS)
def test_text_contrast_is_at_least_4_5_to_1(palette):
    for what, fg, bg in palette.text_pairs():
        ratio = theme.contrast_ratio(fg, bg)
        assert ratio >= 4.5, f"{palette.name}: {what} is {ratio:.2f}:1"


@pytest.mark.parametrize("palette", PALETTES, ids=IDS)
def test_focus_ring_and_input_edges_stand_out_by_3_to_1(palette):
    for what, fg, bg in palette.outline_pairs():
        ratio = theme.contrast_ratio(fg, bg)
        assert ratio >= 3.0, f"{palette.name}: {what} is {ratio:.2f}:1"


def test_high_contrast_is_the_strongest():
    hc = theme.HIGH_CONTRAST
    assert theme.contrast_ratio(hc.text, hc.background) == pytest.approx(21.0)
    assert theme.contrast_ratio(hc.muted, hc.background) >= 7.0  # WCAG AAA for all text
    assert hc.outlined
    for other in (theme.DARK, theme.LIGHT):
        assert theme.contrast_ratio(hc.text, hc.background) > theme.contrast_ratio(
            other.text, other.background
        )


def test_a_failing_pair_would_be_caught():
    # The check itself can fail: a grey that is too light on white is below 4.5:1.
    assert theme.contrast_ratio("#999999", "#ffffff") < 4.5


@pytest.mark.parametrize("percent", [80, 100, 150, 200])
def test_text_size_scales_every_point_size_in_the_style_sheet(percent):
    try:
        theme.set_text_scale(percent)
        sheet = theme.stylesheet(theme.DARK)
        assert f"font-size: {round(theme.BASE_PT * percent / 100)}pt" in sheet
        assert f"font-size: {round(theme.TITLE_PT * percent / 100)}pt" in sheet
    finally:
        theme.set_text_scale(100)


def test_text_size_outside_80_to_200_is_refused():
    for bad in (79, 201):
        with pytest.raises(ValueError, match="80-200%"):
            theme.set_text_scale(bad)
    assert theme.text_scale() == 1.0
