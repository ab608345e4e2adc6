"""Themes: the sizes the layout uses and the colours the drawing paints, frozen.

Colours are resolved into the SVG (cairosvg ignores CSS variables). Built-in themes are in
:data:`THEMES`; make a variant with ``attrs.evolve(theme, ...)``.
"""

from __future__ import annotations

import attrs

__all__ = ["DEFAULT", "THEMES", "Theme", "get_theme"]


@attrs.frozen(kw_only=True)
class Theme:
    """Sizes (in SVG user units, 1 unit = 1 px at 96 DPI) and colours of a drawing."""

    name: str = "default"
    font_family: str = "DejaVu Sans"
    """The one font the layout measures with; it must be the font that is drawn."""

    # text sizes
    title_size: float = 20.0
    subtitle_size: float = 12.0
    header_size: float = 12.0
    lane_title_size: float = 12.0
    card_size: float = 11.0
    meta_size: float = 9.5
    badge_size: float = 9.0
    line_label_size: float = 9.5
    line_height: float = 1.3
    """Distance between baselines, as a multiple of the text size."""

    # spacing
    margin: float = 24.0
    lane_title_width: float = 150.0
    card_min_width: float = 150.0
    card_max_width: float = 220.0
    card_padding: float = 8.0
    cell_padding: float = 16.0
    """Space between a card and the edges of its lane band and step column."""
    card_gap: float = 12.0
    """Space between cards stacked in one cell."""
    empty_lane_height: float = 56.0
    badge_height: float = 16.0
    corner_radius: float = 4.0

    # colours
    background: str = "#ffffff"
    text: str = "#1f2933"
    muted_text: str = "#52606d"
    grid: str = "#d9e2ec"
    header_fill: str = "#f0f4f8"
    phase_fill: str = "#334e68"
    phase_text: str = "#ffffff"
    lane_title_fill: str = "#f0f4f8"
    customer_fill: str = "#fffaeb"
    frontstage_fill: str = "#effcf6"
    backstage_fill: str = "#eaf2ff"
    support_fill: str = "#f5f3ff"
    card_fill: str = "#ffffff"
    card_stroke: str = "#9aa5b1"
    interaction_line: str = "#b44d12"
    visibility_line: str = "#c62828"
    internal_line: str = "#5b3cc4"
    edge: str = "#486581"
    handoff_edge: str = "#d9480f"
    fail_fill: str = "#c62828"
    wait_fill: str = "#b7791f"
    handoff_fill: str = "#d9480f"
    badge_text: str = "#ffffff"

    def lane_fill(self, side: str) -> str:
        """The band colour of a lane on this side of the lines."""
        fill: str = getattr(self, f"{side}_fill")
        return fill


DEFAULT = Theme()

THEMES: dict[str, Theme] = {"default": DEFAULT}


def get_theme(theme: str | Theme | None) -> Theme:
    """A theme by name (see :data:`THEMES`), or the theme given; None means the default."""
    if theme is None:
        return DEFAULT
    if isinstance(theme, Theme):
        return theme
    try:
        return THEMES[theme]
    except KeyError:
        raise ValueError(
            f"unknown theme {theme!r} (must be one of {', '.join(sorted(THEMES))})"
        ) from None
