"""Arrows on the grid: routed polylines, their labels and their handoff badges."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from typing import Any

import attrs

from blueprint_render.layout.blocks import label_lines, place_lines
from blueprint_render.layout.cards import badge, badge_width
from blueprint_render.layout.geometry import Badge, Box, EdgeGeometry, Layout, Point, TextBlock
from blueprint_render.layout.graphviz_run import DEFAULT_TIMEOUT
from blueprint_render.layout.grid import build_grid
from blueprint_render.layout.obstacles import BoxIndex
from blueprint_render.layout.routing import Router
from blueprint_render.model import Blueprint, Flow
from blueprint_render.theme import Theme, get_theme

__all__ = ["PendingLayout", "compute_layout", "grid_router", "routing_sources"]


def grid_router(grid: Layout, theme: Theme, *, timeout: float = DEFAULT_TIMEOUT) -> Router:
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


def _shown_flows(
    bp: Blueprint, grid: Layout
) -> tuple[list[tuple[int, Flow]], list[tuple[int, int]]]:
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


class PendingLayout:
    """A layout whose grid is done and whose arrows are being routed in the background.

    It has every attribute of :class:`Layout`; reading ``edges`` waits for the arrows. A
    drawing can so paint lanes, columns and cards while Graphviz routes (the SVG template
    reaches the arrows last), and :meth:`result` gives the finished :class:`Layout`.
    """

    def __init__(self, bp: Blueprint, theme: Theme, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        self._bp = bp
        self._theme = theme
        self._grid = build_grid(bp, theme)
        self._flows, pairs = _shown_flows(bp, self._grid)
        self._routing = grid_router(self._grid, theme, timeout=timeout).start(pairs)
        self._edges: tuple[EdgeGeometry, ...] | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._grid, name)

    @property
    def edges(self) -> tuple[EdgeGeometry, ...]:
        """The arrows, once routed (re-raising what routing raised)."""
        if self._edges is None:
            routes, _stats = self._routing.result()
            self._edges = _arrows(self._bp, self._grid, self._theme, self._flows, routes)
        return self._edges

    def result(self) -> Layout:
        """The finished layout."""
        return attrs.evolve(self._grid, edges=self.edges)


def compute_layout(
    bp: Blueprint, theme: Theme | str | None = None, *, timeout: float = DEFAULT_TIMEOUT
) -> Layout:
    """The full layout of ``bp``: the grid, and every flow between shown cards as an arrow."""
    return PendingLayout(bp, get_theme(theme), timeout=timeout).result()


def _arrows(
    bp: Blueprint,
    grid: Layout,
    theme: Theme,
    flows: Sequence[tuple[int, Flow]],
    routes: Sequence[tuple[Point, ...]],
) -> tuple[EdgeGeometry, ...]:
    """Every routed flow as an arrow, with its label and handoff badge placed."""
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
    return tuple(edges)


def _segments(points: Sequence[Point]) -> list[tuple[Point, Point]]:
    """The segments of a polyline, longest first (ties in path order)."""
    pairs = list(itertools.pairwise(points))
    return sorted(pairs, key=lambda ab: -(abs(ab[1].x - ab[0].x) + abs(ab[1].y - ab[0].y)))


def _spots(
    width: float, height: float, points: Sequence[Point], *, beside_first: bool
) -> Iterator[Box]:
    """Where a box of this size may go along a route, longest segments first, their middles
    first: beside a segment (above a horizontal one, right of a vertical one, then the other
    side), which keeps a label's arrow in sight, and on it, which ties a badge to its arrow;
    ``beside_first`` says which comes first."""
    for a, b in _segments(points):
        for t in (0.5, 0.35, 0.65, 0.2, 0.8):
            x, y = a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t
            if a.y == b.y:
                beside = [(x - width / 2, y - height - 2), (x - width / 2, y + 2)]
            else:
                beside = [(x + 3, y - height / 2), (x - 3 - width, y - height / 2)]
            on = [(x - width / 2, y - height / 2)]
            for left, top in [*beside, *on] if beside_first else [*on, *beside]:
                yield Box(left, top, width, height)


def _spot(
    width: float, height: float, points: Sequence[Point], taken: BoxIndex, *, beside_first: bool
) -> Box | None:
    """The first free place for a box along a route (see :func:`_spots`), if any."""
    spots = _spots(width, height, points, beside_first=beside_first)
    return next((box for box in spots if not taken.meets(box)), None)


def _label(text: str, points: Sequence[Point], taken: BoxIndex, theme: Theme) -> TextBlock:
    lines, width, height = label_lines(text, theme.meta_size, theme.line_height)
    width += 4
    spot = _spot(width, height, points, taken, beside_first=True)
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
    spot = _spot(width, theme.badge_height, points, taken, beside_first=False)
    if spot is None:
        return None
    return badge("handoff", "HANDOFF", "Handoff between owners", spot, theme)
