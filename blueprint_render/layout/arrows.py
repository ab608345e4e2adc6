"""Arrows on the grid: routed polylines, their labels and their handoff badges."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from blueprint_render.layout.blocks import place_lines
from blueprint_render.layout.geometry import Badge, Box, EdgeGeometry, Layout, Point, TextBlock
from blueprint_render.layout.graphviz_run import DEFAULT_TIMEOUT
from blueprint_render.layout.grid import Grid, badge, badge_width, build_grid
from blueprint_render.layout.obstacles import BoxIndex
from blueprint_render.layout.routing import Router
from blueprint_render.layout.text import wrap
from blueprint_render.model import Blueprint, Flow
from blueprint_render.theme import Theme, get_theme

__all__ = ["compute_layout", "grid_router", "routing_sources"]

_LABEL_WIDTH = 140.0
"""Widest an arrow's label may be before it wraps."""


def grid_router(grid: Grid, theme: Theme, *, timeout: float = DEFAULT_TIMEOUT) -> Router:
    """The router of a grid's arrows: its cards, columns, lane edges, lane titles as fences,
    and the lane area right of the titles as the bounds every arrow stays in."""
    titles = grid.lanes[0].title_box.width
    return Router(
        [card.box for card in grid.cards],
        [card.step_index for card in grid.cards],
        [column.box for column in grid.columns],
        [lane.box.y for lane in grid.lanes] + [grid.grid.bottom],
        [lane.title_box for lane in grid.lanes],
        Box(grid.grid.x + titles, grid.grid.y, grid.grid.width - titles, grid.grid.height),
        theme.cell_padding,
        timeout=timeout,
    )


def _shown_flows(bp: Blueprint, grid: Grid) -> tuple[list[tuple[int, Flow]], list[tuple[int, int]]]:
    """The flows between shown cards (with their indices), and their (source, target) cards."""
    index = {card.card_id: i for i, card in enumerate(grid.cards)}
    flows = [
        (number, flow)
        for number, flow in enumerate(bp.flows)
        if flow.source in index and flow.target in index
    ]
    return flows, [(index[f.source], index[f.target]) for _, f in flows]


def routing_sources(bp: Blueprint, theme: Theme | str | None = None) -> list[str]:
    """The DOT source of every Graphviz call that laying out ``bp`` makes (for debugging)."""
    chosen = get_theme(theme)
    grid = build_grid(bp, chosen)
    return grid_router(grid, chosen).sources(_shown_flows(bp, grid)[1])


def compute_layout(
    bp: Blueprint, theme: Theme | str | None = None, *, timeout: float = DEFAULT_TIMEOUT
) -> Layout:
    """The full layout of ``bp``: the grid, and every flow between shown cards as an arrow."""
    theme = get_theme(theme)
    grid = build_grid(bp, theme)
    flows, pairs = _shown_flows(bp, grid)
    router = grid_router(grid, theme, timeout=timeout)
    routes, _stats = router.route(pairs)
    # labels and badges keep clear of the cards, the three lines, their labels and lane titles
    taken = BoxIndex(
        [card.box for card in grid.cards]
        + [Box(line.x1, line.y - 2, line.x2 - line.x1, 4) for line in grid.lines]
        + [line.label.box for line in grid.lines]
        + [lane.title_box for lane in grid.lanes]
    )
    edges = []
    for (number, flow), points in zip(flows, routes, strict=True):
        label = None
        if flow.label:
            label = _label(flow.label, points, taken, theme)
            taken.add(label.box)
        handoff = bp.is_handoff(flow)
        marker = None
        if handoff:
            marker = _handoff_badge(points, taken, theme)
            if marker is not None:
                taken.add(marker.box)
        edges.append(
            EdgeGeometry(
                index=number,
                source=flow.source,
                target=flow.target,
                points=points,
                handoff=handoff,
                label=label,
                badge=marker,
            )
        )
    return Layout(
        width=grid.width,
        height=grid.height,
        title=grid.title,
        subtitle=grid.subtitle,
        grid=grid.grid,
        lanes=grid.lanes,
        columns=grid.columns,
        phases=grid.phases,
        lines=grid.lines,
        cards=grid.cards,
        edges=tuple(edges),
    )


def _segments(points: Sequence[Point]) -> list[tuple[Point, Point]]:
    """The segments of a polyline, longest first (ties in path order)."""
    pairs = list(itertools.pairwise(points))
    return sorted(pairs, key=lambda ab: -(abs(ab[1].x - ab[0].x) + abs(ab[1].y - ab[0].y)))


def _spot(width: float, height: float, points: Sequence[Point], taken: BoxIndex) -> Box | None:
    """A box of this size centred on a segment (its middle first), clear of cards and labels."""
    for a, b in _segments(points):
        for t in (0.5, 0.35, 0.65, 0.2, 0.8):
            at = Point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t)
            box = Box(at.x - width / 2, at.y - height / 2, width, height)
            if not taken.meets(box):
                return box
    return None


def _label(text: str, points: Sequence[Point], taken: BoxIndex, theme: Theme) -> TextBlock:
    lines = wrap(text, _LABEL_WIDTH, theme.meta_size)
    block = place_lines(lines, x=0, top=0, size=theme.meta_size, line_height=theme.line_height)
    width, height = block.box.width + 4, block.box.height
    spot = _spot(width, height, points, taken)
    if spot is None:  # nowhere clear: the middle of the longest segment all the same
        a, b = _segments(points)[0]
        spot = Box((a.x + b.x - width) / 2, (a.y + b.y - height) / 2, width, height)
    return place_lines(
        lines,
        x=spot.center.x,
        top=spot.y,
        size=theme.meta_size,
        line_height=theme.line_height,
        anchor="middle",
    )


def _handoff_badge(points: Sequence[Point], taken: BoxIndex, theme: Theme) -> Badge | None:
    width = badge_width("HANDOFF", theme)
    spot = _spot(width, theme.badge_height, points, taken)
    if spot is None:
        return None
    return badge("handoff", "HANDOFF", "Handoff between owners", spot, theme)
