"""Spreading arrow ends along card sides, so arrows that meet one side do not share a stem.

Graphviz's ortho router ignores ports: every arrow that reaches a side of a card reaches its
middle, so two arrows into one side merge into one line and read as one. Here the ends that
share a side are spaced evenly along it, in the order of where the arrows come from (so they
do not cross), each moved together with the bend before it. A moved route that would fail the
checks keeps its old end.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

from blueprint_render.layout.geometry import Box, Point

__all__ = ["spread_ends"]

Side = Literal["left", "right", "top", "bottom"]
Route = tuple[Point, ...]
_TOLERANCE = 0.01


def _side(end: Point, neighbour: Point, box: Box) -> Side | None:
    """The side of ``box`` that ``end`` lies on, when the segment to it is perpendicular."""
    if abs(end.y - neighbour.y) < _TOLERANCE:
        if abs(end.x - box.x) < _TOLERANCE:
            return "left"
        if abs(end.x - box.right) < _TOLERANCE:
            return "right"
    if abs(end.x - neighbour.x) < _TOLERANCE:
        if abs(end.y - box.y) < _TOLERANCE:
            return "top"
        if abs(end.y - box.bottom) < _TOLERANCE:
            return "bottom"
    return None


def _along(point: Point, side: Side) -> float:
    return point.y if side in ("left", "right") else point.x


def _moved(route: Route, first: bool, side: Side, value: float) -> Route:
    """``route`` with its first (or last) point and the bend after (or before) it moved along
    the side to ``value``."""
    points = list(route)
    indices = (0, 1) if first else (-1, -2)
    for index in indices:
        p = points[index]
        points[index] = Point(p.x, value) if side in ("left", "right") else Point(value, p.y)
    return tuple(points)


def spread_ends(
    routes: Sequence[Route],
    pairs: Sequence[tuple[int, int]],
    cards: Sequence[Box],
    acceptable: Callable[[Route, tuple[int, int]], bool],
) -> list[Route]:
    """The routes with the ends that share a card side spread along it (see the module doc)."""
    groups: dict[tuple[int, Side], list[tuple[float, int, bool]]] = {}
    for index, (route, (source, target)) in enumerate(zip(routes, pairs, strict=True)):
        for first, card in ((True, source), (False, target)):
            end, neighbour = (route[0], route[1]) if first else (route[-1], route[-2])
            side = _side(end, neighbour, cards[card])
            if side is None:
                continue
            # order by where the arrow comes from: the bend after the stem, else its far end
            far = route[2] if first and len(route) > 2 else route[-3] if len(route) > 2 else None
            key = _along(far if far is not None else (route[-1] if first else route[0]), side)
            groups.setdefault((card, side), []).append((key, index, first))
    result = list(routes)
    for (card, side), members in sorted(groups.items()):
        if len(members) < 2:
            continue
        box = cards[card]
        start, length = (box.y, box.height) if side in ("left", "right") else (box.x, box.width)
        margin = min(8.0, length / 4)
        usable = length - 2 * margin
        for slot, (_, index, first) in enumerate(sorted(members)):
            route = result[index]
            if len(route) < 3:  # a straight arrow: moving one end would tilt it
                continue
            value = start + margin + usable * (slot + 1) / (len(members) + 1)
            candidate = _moved(route, first, side, value)
            if acceptable(candidate, pairs[index]):
                result[index] = candidate
    return result
