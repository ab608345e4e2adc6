"""The fallback router: arrows along the card-free gutters between columns and lanes.

Cards sit inside their cells with padding on every side, so the strips along column and lane
boundaries never hold a card. A path that runs only there can never cross a card; it is used
for any arrow whose Graphviz route fails the checks.
"""

from __future__ import annotations

from collections.abc import Sequence

from blueprint_render.layout.geometry import Box, Point

__all__ = ["gutter_route"]


def gutter_route(
    source: Box,
    source_column: int,
    target: Box,
    target_column: int,
    columns: Sequence[Box],
    lane_edges: Sequence[float],
    padding: float,
    spread: int,
) -> tuple[Point, ...]:
    """An orthogonal path from ``source``'s border to ``target``'s through the gutters.

    ``lane_edges`` are the y of every lane boundary, top and bottom included; ``padding`` is the
    cell padding (the half-width of a gutter); ``spread`` fans parallel arrows apart.
    """
    nudge = ((spread % 5) - 2) * min(3.0, padding / 6)
    sy, ty = source.center.y, target.center.y
    if source_column == target_column:
        gx = columns[source_column].right + nudge - padding / 2
        return _clean(
            (
                Point(source.right, sy),
                Point(gx, sy),
                Point(gx, ty),
                Point(target.right, ty),
            )
        )
    forward = source_column < target_column
    exit_x = source.right if forward else source.x
    entry_x = target.x if forward else target.right
    gx1 = (columns[source_column].right if forward else columns[source_column].x) + nudge
    gx2 = (columns[target_column].x if forward else columns[target_column].right) + nudge
    if abs(source_column - target_column) == 1:
        return _clean((Point(exit_x, sy), Point(gx1, sy), Point(gx1, ty), Point(entry_x, ty)))
    bottom = lane_edges[-1]
    boundary = min(lane_edges, key=lambda y: (abs(y - (sy + ty) / 2), y))
    channel = boundary + (padding / 2 if boundary < bottom else -padding / 2) + nudge
    return _clean(
        (
            Point(exit_x, sy),
            Point(gx1, sy),
            Point(gx1, channel),
            Point(gx2, channel),
            Point(gx2, ty),
            Point(entry_x, ty),
        )
    )


def _clean(points: tuple[Point, ...]) -> tuple[Point, ...]:
    """The path without repeated points or interior points on a straight run."""
    kept: list[Point] = []
    for point in points:
        if kept and point == kept[-1]:
            continue
        if len(kept) >= 2 and _collinear(kept[-2], kept[-1], point):
            kept[-1] = point
            continue
        kept.append(point)
    return tuple(kept)


def _collinear(a: Point, b: Point, c: Point) -> bool:
    return (a.x == b.x == c.x) or (a.y == b.y == c.y)
