"""Built-in themes: complete, frozen, readable (WCAG contrast of text on what it sits on)."""

from __future__ import annotations

import re

import attrs
import pytest

from blueprint_render.theme import DEFAULT, THEMES, Theme, get_theme

HEX = re.compile(r"^#[0-9a-f]{6}$")
SIDES = ("customer", "frontstage", "backstage", "support")


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of ``#rrggbb``."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, two: str) -> float:
    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_pairs(theme: Theme) -> list[tuple[str, str, str]]:
    """(what, text colour, the fill it sits on) for every text the renderer draws."""
    lane_fills = [(side, theme.lane_fill(side)) for side in SIDES]
    pairs = [
        ("title on background", theme.text, theme.background),
        ("subtitle on background", theme.muted_text, theme.background),
        ("lane title", theme.text, theme.lane_title_fill),
        ("step title", theme.text, theme.header_fill),
        ("value chain", theme.muted_text, theme.header_fill),
        ("phase title", theme.phase_text, theme.phase_fill),
        ("card text", theme.text, theme.card_fill),
        ("card meta", theme.muted_text, theme.card_fill),
        ("edge label", theme.muted_text, theme.background),
        ("fail badge", theme.badge_text, theme.fail_fill),
        ("wait badge", theme.badge_text, theme.wait_fill),
        ("handoff badge", theme.badge_text, theme.handoff_fill),
    ]
    for kind in ("interaction", "visibility", "internal"):
        colour = getattr(theme, f"{kind}_line")
        pairs.append((f"{kind} label in the title column", colour, theme.lane_title_fill))
        pairs.extend((f"{kind} label on {side}", colour, fill) for side, fill in lane_fills)
    return pairs


def test_the_four_built_ins_exist() -> None:
    assert set(THEMES) == {"default", "print", "high-contrast", "dark"}
    for name, theme in THEMES.items():
        assert theme.name == name
        assert get_theme(name) is theme


def test_themes_are_read_only() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        DEFAULT.text = "#000000"  # type: ignore[misc]
    with pytest.raises(TypeError):
        THEMES["mine"] = DEFAULT  # type: ignore[index]


def test_get_theme_lists_choices() -> None:
    assert get_theme(None) is DEFAULT
    custom = attrs.evolve(DEFAULT, name="mine")
    assert get_theme(custom) is custom
    with pytest.raises(ValueError, match="dark, default, high-contrast, print"):
        get_theme("neon")


@pytest.mark.parametrize("name", sorted(THEMES))
def test_colours_are_literal_hex(name: str) -> None:
    theme = THEMES[name]
    for field in attrs.fields(Theme):
        value = getattr(theme, field.name)
        if field.name.endswith(("_fill", "_text", "_line", "_stroke", "_edge")) or field.name in {
            "background",
            "text",
            "grid",
            "edge",
        }:
            assert HEX.match(value), (field.name, value)


@pytest.mark.parametrize("name", sorted(THEMES))
def test_text_contrast(name: str) -> None:
    theme = THEMES[name]
    needed = 7.0 if name == "high-contrast" else 4.5
    poor = [
        f"{what}: {fg} on {bg} is {contrast(fg, bg):.2f}:1"
        for what, fg, bg in text_pairs(theme)
        if contrast(fg, bg) < needed
    ]
    assert not poor, poor


@pytest.mark.parametrize("name", sorted(THEMES))
def test_arrows_and_card_edges_stand_out(name: str) -> None:
    """Non-text contrast (WCAG 1.4.11): arrows 3:1 on every lane; card outlines in high-contrast."""
    theme = THEMES[name]
    for side in SIDES:
        fill = theme.lane_fill(side)
        assert contrast(theme.edge, fill) >= 3.0, (side, theme.edge)
        assert contrast(theme.handoff_edge, fill) >= 3.0, (side, theme.handoff_edge)
    if name == "high-contrast":
        assert min(contrast(theme.card_stroke, theme.lane_fill(s)) for s in SIDES) >= 3.0


def test_print_is_greyscale() -> None:
    theme = THEMES["print"]
    for field in attrs.fields(Theme):
        value = getattr(theme, field.name)
        if isinstance(value, str) and HEX.match(value):
            assert value[1:3] == value[3:5] == value[5:7], (field.name, value)


def test_high_contrast_strokes_are_thicker() -> None:
    theme = THEMES["high-contrast"]
    for field in ("line_width", "edge_width", "card_stroke_width", "handoff_edge_width"):
        assert getattr(theme, field) > getattr(DEFAULT, field), field


def test_lines_differ_by_dash_in_every_theme() -> None:
    for theme in THEMES.values():
        dashes = {theme.interaction_dash, theme.visibility_dash, theme.internal_dash}
        assert len(dashes) == 3


def test_dark_is_dark() -> None:
    dark = THEMES["dark"]
    assert luminance(dark.background) < 0.05 < luminance(dark.text)
