"""What an arrow must not cross: cards and lane titles, indexed by column for fast checks."""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Iterable, Sequence

from blueprint_render.layout.geometry import Box, Point

__all__ = ["BoxIndex", "Obstacles", "segment_crosses"]

_EPS = 0.5
"""How far inside a box a segment must pass to count as crossing it (touching is allowed)."""


def segment_crosses(a: Point, b: Point, box: Box) -> bool:
    """Whether the segment from ``a`` to ``b`` passes through the interior of ``box``."""
    left, right = box.x + _EPS, box.right - _EPS
    top, bottom = box.y + _EPS, box.bottom - _EPS
    if left >= right or top >= bottom:
        return False
    if a.x == b.x:  # vertical: the common case, answered without clipping
        return left <= a.x <= right and min(a.y, b.y) <= bottom and max(a.y, b.y) >= top
    if a.y == b.y:
        return top <= a.y <= bottom and min(a.x, b.x) <= right and max(a.x, b.x) >= left
    inner = Box(left, top, right - left, bottom - top)
    # Liang-Barsky clipping of the segment against the inner box
    t0, t1 = 0.0, 1.0
    dx, dy = b.x - a.x, b.y - a.y
    for p, q in (
        (-dx, a.x - inner.x),
        (dx, inner.right - a.x),
        (-dy, a.y - inner.y),
        (dy, inner.bottom - a.y),
    ):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


class Obstacles:
    """Card boxes (by index) and fixed boxes (lane titles), looked up by x-range."""

    def __init__(self, cards: Sequence[Box], columns: Sequence[Box], fixed: Iterable[Box]) -> None:
        self.cards = tuple(cards)
        self.fixed = tuple(fixed)
        self._lefts = [column.x for column in columns]
        self._by_column: list[list[int]] = [[] for _ in columns]
        for index, card in enumerate(self.cards):
            column = max(0, bisect.bisect_right(self._lefts, card.center.x) - 1)
            self._by_column[column].append(index)

    def near(self, left: float, right: float) -> Iterable[int]:
        """Indices of the cards whose columns meet the x-range ``left``-``right``."""
        first = max(0, bisect.bisect_right(self._lefts, left) - 1)
        last = bisect.bisect_right(self._lefts, right)
        for column in range(first, min(last, len(self._by_column))):
            yield from self._by_column[column]

    def blocked(self, points: Sequence[Point]) -> bool:
        """Whether a polyline passes through any card (its own two included) or a fixed box."""
        for a, b in itertools.pairwise(points):
            for index in self.near(min(a.x, b.x), max(a.x, b.x)):
                if segment_crosses(a, b, self.cards[index]):
                    return True
            if any(segment_crosses(a, b, box) for box in self.fixed):
                return True
        return False


class BoxIndex:
    """Boxes bucketed by x, for quick 'does this box meet any of them' questions."""

    def __init__(self, boxes: Iterable[Box] = (), bucket: float = 256.0) -> None:
        self._bucket = bucket
        self._buckets: dict[int, list[Box]] = {}
        for box in boxes:
            self.add(box)

    def _keys(self, box: Box) -> range:
        return range(math.floor(box.x / self._bucket), math.floor(box.right / self._bucket) + 1)

    def add(self, box: Box) -> None:
        """Index one more box."""
        for key in self._keys(box):
            self._buckets.setdefault(key, []).append(box)

    def meets(self, box: Box) -> bool:
        """Whether ``box``'s interior meets any indexed box's."""
        return any(
            box.overlaps(other) for key in self._keys(box) for other in self._buckets.get(key, ())
        )
