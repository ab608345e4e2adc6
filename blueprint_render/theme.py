"""Themes: the sizes the layout uses and the colours the drawing paints, frozen.

Colours are resolved into the SVG (cairosvg ignores CSS variables). Built-in themes are in
:data:`THEMES`; make a variant with ``attrs.evolve(theme, ...)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import attrs

__all__ = ["DARK", "DEFAULT", "HIGH_CONTRAST", "PRINT", "THEMES", "Theme", "get_theme"]


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

    # strokes
    grid_width: float = 1.0
    """Lane and column rules."""
    card_stroke_width: float = 1.0
    line_width: float = 1.5
    """The three lines."""
    edge_width: float = 1.4
    handoff_edge_width: float = 2.0
    interaction_dash: str = "8 4"
    """``stroke-dasharray`` of the line of interaction; each line has its own pattern."""
    visibility_dash: str = "14 4 3 4"
    internal_dash: str = "3 3"
    arrow_size: float = 9.0
    """Length and width of arrowheads."""
    badge_radius: float = 8.0
    """Corner radius of badges (clamped to half their height: pills)."""

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
    interaction_line: str = "#1864ab"
    visibility_line: str = "#c92a2a"
    internal_line: str = "#5f3dc4"
    edge: str = "#486581"
    handoff_edge: str = "#0b7285"
    fail_fill: str = "#c92a2a"
    wait_fill: str = "#975a16"
    handoff_fill: str = "#0b7285"
    badge_text: str = "#ffffff"

    def lane_fill(self, side: str) -> str:
        """The band colour of a lane on this side of the lines."""
        fill: str = getattr(self, f"{side}_fill")
        return fill


DEFAULT = Theme()

PRINT = Theme(
    name="print",
    background="#ffffff",
    text="#000000",
    muted_text="#404040",
    grid="#a6a6a6",
    header_fill="#f2f2f2",
    phase_fill="#404040",
    phase_text="#ffffff",
    lane_title_fill="#f2f2f2",
    customer_fill="#ffffff",
    frontstage_fill="#f7f7f7",
    backstage_fill="#eeeeee",
    support_fill="#e4e4e4",
    card_fill="#ffffff",
    card_stroke="#595959",
    interaction_line="#000000",
    visibility_line="#000000",
    internal_line="#000000",
    edge="#262626",
    handoff_edge="#000000",
    fail_fill="#000000",
    wait_fill="#4d4d4d",
    handoff_fill="#262626",
    badge_text="#ffffff",
    line_width=1.6,
    handoff_edge_width=2.2,
)
"""Greyscale for printing: the lines differ by dash pattern and label, not by colour."""

HIGH_CONTRAST = Theme(
    name="high-contrast",
    background="#ffffff",
    text="#000000",
    muted_text="#333333",
    grid="#595959",
    header_fill="#ffffff",
    phase_fill="#000000",
    phase_text="#ffffff",
    lane_title_fill="#ffffff",
    customer_fill="#fff8db",
    frontstage_fill="#ecfdf3",
    backstage_fill="#eef4ff",
    support_fill="#f4f0ff",
    card_fill="#ffffff",
    card_stroke="#000000",
    interaction_line="#0033a0",
    visibility_line="#a00000",
    internal_line="#4b0082",
    edge="#000000",
    handoff_edge="#00515c",
    fail_fill="#a00000",
    wait_fill="#6b4000",
    handoff_fill="#00515c",
    badge_text="#ffffff",
    grid_width=1.5,
    card_stroke_width=2.0,
    line_width=2.5,
    edge_width=2.2,
    handoff_edge_width=3.0,
    arrow_size=11.0,
)
"""Text at 7:1 or more against what it sits on, and thicker strokes."""

DARK = Theme(
    name="dark",
    background="#111827",
    text="#e5e7eb",
    muted_text="#9ca3af",
    grid="#374151",
    header_fill="#1f2937",
    phase_fill="#3b5b7a",
    phase_text="#ffffff",
    lane_title_fill="#1f2937",
    customer_fill="#2a2414",
    frontstage_fill="#132a22",
    backstage_fill="#15233b",
    support_fill="#221d36",
    card_fill="#273244",
    card_stroke="#56657a",
    interaction_line="#74c0fc",
    visibility_line="#ff8787",
    internal_line="#b197fc",
    edge="#a5b4c8",
    handoff_edge="#63e6be",
    fail_fill="#c92a2a",
    wait_fill="#975a16",
    handoff_fill="#087f5b",
    badge_text="#ffffff",
)
"""Light text on dark bands, for dark-mode pages and notebooks."""

THEMES: Mapping[str, Theme] = MappingProxyType(
    {theme.name: theme for theme in (DEFAULT, PRINT, HIGH_CONTRAST, DARK)}
)
"""The built-in themes by name (read-only)."""


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
