"""Arrows routed by Graphviz around cards pinned where the grid put them.

Only generated ids and numbers go into the DOT source, never user text. Each window of columns
is routed by one ``neato -n2`` call with ``splines=ortho``, read back as JSON; the result is
checked (nodes where they were pinned, ends on the cards' borders, no segment through a card or
a lane title) and any arrow that fails is routed through the gutters instead.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor

import attrs
import graphviz

from blueprint_render.errors import GraphvizFailed, GraphvizTimeout
from blueprint_render.layout.geometry import Box, Point
from blueprint_render.layout.graphviz_run import DEFAULT_TIMEOUT, run_graphviz
from blueprint_render.layout.gutters import gutter_route
from blueprint_render.layout.obstacles import Obstacles
from blueprint_render.layout.ports import spread_ends

__all__ = ["WINDOW", "RouteStats", "Router", "Routing", "routing_graph"]

WINDOW = 16
"""Columns routed by one Graphviz call; longer blueprints are routed window by window."""
_CLEARANCE = 4.0
"""Extra room (in points) around each card as Graphviz sees it, so routes keep off borders."""
_MOVED = 0.75
"""How far (in points) Graphviz may move a pinned node before its arrows are re-routed."""
_MIN_FACING = 12.0
"""How much two cards must face each other for a straight arrow between them."""


@attrs.frozen
class RouteStats:
    """How the arrows were routed: by Graphviz, or through the gutters after failing a check."""

    straight: int
    graphviz: int
    fallback: int
    calls: int
    crashes: int
    """Graphviz calls that failed (their arrows were routed again in halves, or through the
    gutters)."""


@attrs.frozen
class _Window:
    cards: tuple[int, ...]
    edges: tuple[int, ...]
    fences: tuple[Box, ...]


class Router:
    """Routes arrows between the cards of one grid."""

    def __init__(
        self,
        cards: Sequence[Box],
        card_columns: Sequence[int],
        columns: Sequence[Box],
        lane_edges: Sequence[float],
        fences: Sequence[Box],
        bounds: Box,
        padding: float,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        window: int = WINDOW,
    ) -> None:
        self.cards = tuple(cards)
        self.card_columns = tuple(card_columns)
        self.columns = tuple(columns)
        self.lane_edges = tuple(lane_edges)
        self.fences = tuple(fences)
        self.bounds = bounds
        self.padding = padding
        self.timeout = timeout
        """Seconds all the Graphviz calls of one :meth:`route` may take together."""
        self.window = window
        self.obstacles = Obstacles(self.cards, self.columns, self.fences)

    def route(
        self, pairs: Sequence[tuple[int, int]]
    ) -> tuple[tuple[tuple[Point, ...], ...], RouteStats]:
        """A polyline for each (source card, target card) pair, from border to border."""
        return self.start(pairs).result()

    def start(self, pairs: Sequence[tuple[int, int]]) -> Routing:
        """Start routing: the Graphviz calls run in the background until
        :meth:`Routing.result` collects them."""
        return Routing(self, pairs)

    def _straights(self, pairs: Sequence[tuple[int, int]]) -> list[tuple[Point, ...] | None]:
        """The straight arrow of each pair, where one is possible (None elsewhere)."""
        both_ways = set(pairs)
        return [self._straight(pair, (pair[1], pair[0]) in both_ways) for pair in pairs]

    def _straight(self, pair: tuple[int, int], both_ways: bool) -> tuple[Point, ...] | None:
        """A straight arrow between two cards that face each other across free space, if any;
        two arrows between the same cards, one each way, run side by side, not on one line."""
        source, target = self.cards[pair[0]], self.cards[pair[1]]
        share = (0.35 if pair[0] < pair[1] else 0.65) if both_ways else 0.5
        if self.card_columns[pair[0]] != self.card_columns[pair[1]]:
            low, high = max(source.y, target.y), min(source.bottom, target.bottom)
            if high - low < _MIN_FACING:
                return None
            y = low + (high - low) * share
            forward = source.x < target.x
            points = (
                Point(source.right if forward else source.x, y),
                Point(target.x if forward else target.right, y),
            )
        else:
            low, high = max(source.x, target.x), min(source.right, target.right)
            if high - low < _MIN_FACING:
                return None
            x = low + (high - low) * share
            down = source.y < target.y
            points = (
                Point(x, source.bottom if down else source.y),
                Point(x, target.y if down else target.bottom),
            )
        return points if self._acceptable(points, pair) else None

    def _windows(self, pairs: Sequence[tuple[int, int]], edges: Sequence[int]) -> list[_Window]:
        """Edges grouped by the window of their leftmost column, with the cards each must avoid."""
        groups: dict[int, list[int]] = {}
        for index in edges:
            groups.setdefault(min(self._span(pairs[index])) // self.window, []).append(index)
        return [self._window(pairs, group) for _, group in sorted(groups.items())]

    def _span(self, pair: tuple[int, int]) -> tuple[int, int]:
        return self.card_columns[pair[0]], self.card_columns[pair[1]]

    def _window(self, pairs: Sequence[tuple[int, int]], edges: Sequence[int]) -> _Window:
        """A window for these edges: the cards of their columns and one more column each side."""
        lo = min(min(self._span(pairs[e])) for e in edges) - 1
        hi = max(max(self._span(pairs[e])) for e in edges) + 1
        cards = tuple(i for i, column in enumerate(self.card_columns) if lo <= column <= hi)
        left = self.columns[max(0, lo)].x
        right = self.columns[min(len(self.columns) - 1, hi)].right
        fences = tuple(f for f in self.fences if f.x < right and left < f.right)
        return _Window(cards, tuple(edges), fences)

    def _halves(self, window: _Window, pairs: Sequence[tuple[int, int]]) -> list[_Window]:
        """The window's edges in two smaller windows, left and right; none for a single edge."""
        if len(window.edges) < 2:
            return []
        ordered = sorted(window.edges, key=lambda e: (min(self._span(pairs[e])), e))
        middle = len(ordered) // 2
        return [self._window(pairs, ordered[:middle]), self._window(pairs, ordered[middle:])]

    def sources(self, pairs: Sequence[tuple[int, int]]) -> list[str]:
        """The DOT source of each Graphviz call :meth:`route` makes for these pairs."""
        pending = [i for i, route in enumerate(self._straights(pairs)) if route is None]
        return [self._source(window, pairs) for window in self._windows(pairs, pending)]

    def _source(self, window: _Window, pairs: Sequence[tuple[int, int]]) -> str:
        position = {card: i for i, card in enumerate(window.cards)}
        return routing_graph(
            [self.cards[i] for i in window.cards],
            window.fences,
            [(position[pairs[e][0]], position[pairs[e][1]]) for e in window.edges],
        )

    def _run(self, source: str, deadline: float) -> bytes | None:
        """Graphviz's JSON for one window's graph, or None when it crashed."""
        try:
            left = deadline - time.monotonic()
            if left <= 0:
                raise GraphvizTimeout("no time left")
            return run_graphviz("neato", ["-n2", "-Tjson0"], source, timeout=left)
        except GraphvizTimeout:
            raise GraphvizTimeout(
                f"routing the arrows took longer than {self.timeout:g} s and was stopped; "
                "split the blueprint or raise the time-out"
            ) from None
        except GraphvizFailed:
            # ortho has known crashes (maze.c assertions); a missing binary still raises
            return None

    def _acceptable(self, points: tuple[Point, ...], pair: tuple[int, int]) -> bool:
        source, target = self.cards[pair[0]], self.cards[pair[1]]
        return (
            len(points) >= 2
            and _on_border(points[0], source)
            and _on_border(points[-1], target)
            and all(self.bounds.x <= p.x <= self.bounds.right for p in points)
            and all(self.bounds.y <= p.y <= self.bounds.bottom for p in points)
            and not self.obstacles.blocked(points)
        )

    def _gutter(self, pair: tuple[int, int], index: int) -> tuple[Point, ...]:
        source, target = pair
        return gutter_route(
            self.cards[source],
            self.card_columns[source],
            self.cards[target],
            self.card_columns[target],
            self.columns,
            self.lane_edges,
            self.padding,
            index,
        )


class Routing:
    """Arrows being routed: the DOT sources are built at once, Graphviz runs in the background
    (its processes need no Python, so the caller can paint meanwhile), and :meth:`result`
    reads the routes back, checks them and finishes them."""

    def __init__(self, router: Router, pairs: Sequence[tuple[int, int]]) -> None:
        self.router = router
        self.pairs = tuple(pairs)
        self.routes = router._straights(pairs)
        pending = [i for i, route in enumerate(self.routes) if route is None]
        self.straight = len(pairs) - len(pending)
        self.deadline = time.monotonic() + router.timeout
        windows = router._windows(pairs, pending)
        self._pool = ThreadPoolExecutor(max_workers=max(1, min(len(windows), os.cpu_count() or 1)))
        self._jobs = [self._submit(window) for window in windows]

    def _submit(self, window: _Window) -> tuple[_Window, Future[bytes | None]]:
        source = self.router._source(window, self.pairs)
        return window, self._pool.submit(self.router._run, source, self.deadline)

    def result(self) -> tuple[tuple[tuple[Point, ...], ...], RouteStats]:
        """A polyline for each pair, from border to border, and how they were routed."""
        router, pairs, routes = self.router, self.pairs, self.routes
        calls = crashes = 0
        try:
            queue = self._jobs
            while queue:
                retry: list[tuple[_Window, Future[bytes | None]]] = []
                for window, job in queue:
                    calls += 1
                    output = job.result()
                    if output is None:
                        # ortho's maze crashes on some geometries: halves often pass
                        crashes += 1
                        retry.extend(self._submit(half) for half in router._halves(window, pairs))
                        continue
                    cards = [router.cards[i] for i in window.cards]
                    found = _read_routes(json.loads(output), cards, len(window.edges))
                    for edge, points in zip(window.edges, found, strict=True):
                        routes[edge] = points
                queue = retry
        finally:
            self._pool.shutdown(wait=False, cancel_futures=True)
        fallback = 0
        final = []
        for index, (pair, points) in enumerate(zip(pairs, routes, strict=True)):
            if points is None or not router._acceptable(points, pair):
                fallback += 1
                points = router._gutter(pair, index)
            final.append(points)
        final = spread_ends(final, pairs, router.cards, router._acceptable)
        stats = RouteStats(
            straight=self.straight,
            graphviz=len(pairs) - self.straight - fallback,
            fallback=fallback,
            calls=calls,
            crashes=crashes,
        )
        return tuple(final), stats


def _node_box(box: Box) -> Box:
    """A card as Graphviz sees it: grown by the clearance, so routes keep off its border."""
    return Box(
        box.x - _CLEARANCE,
        box.y - _CLEARANCE,
        box.width + 2 * _CLEARANCE,
        box.height + 2 * _CLEARANCE,
    )


def routing_graph(
    cards: Sequence[Box], fences: Sequence[Box], edges: Sequence[tuple[int, int]]
) -> str:
    """The DOT source Graphviz routes: pinned boxes ``n<i>`` for cards, ``f<i>`` for fences,
    edges ``e<i>``.

    Positions are in points with y negated (Graphviz's y grows upwards); only generated names
    and numbers are written.
    """
    graph = graphviz.Digraph(
        "routing",
        graph_attr={"splines": "ortho", "outputorder": "edgesfirst", "pad": "0"},
        node_attr={"shape": "box", "fixedsize": "true", "label": ""},
        edge_attr={"arrowhead": "none", "arrowtail": "none"},
    )
    for prefix, boxes in (
        ("n", [_node_box(box) for box in cards]),
        ("f", list(fences)),
    ):
        for index, box in enumerate(boxes):
            centre = box.center
            graph.node(
                f"{prefix}{index}",
                pos=f"{_num(centre.x)},{_num(-centre.y)}!",
                width=_num(box.width / 72),
                height=_num(box.height / 72),
            )
    for number, (source, target) in enumerate(edges):
        graph.edge(f"n{source}", f"n{target}", id=f"e{number}")
    return str(graph.source)


def _num(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _read_routes(
    data: dict[str, object], cards: Sequence[Box], count: int
) -> list[tuple[Point, ...] | None]:
    """The edges of Graphviz's JSON output in our coordinates; None where a node moved."""
    objects = data.get("objects", [])
    assert isinstance(objects, list)
    # Graphviz translates the drawing: find the shift from where the card nodes ended up
    shifts: dict[int, tuple[float, float]] = {}
    for gvid, obj in enumerate(objects):
        name = obj.get("name", "")
        if name.startswith("n"):
            x, y = (float(v) for v in obj["pos"].split(","))
            centre = cards[int(name[1:])].center
            shifts[gvid] = (x - centre.x, y + centre.y)
    if not shifts:
        return [None] * count
    dx, dy = sorted(shifts.values())[len(shifts) // 2]
    moved = {
        gvid for gvid, (sx, sy) in shifts.items() if abs(sx - dx) > _MOVED or abs(sy - dy) > _MOVED
    }
    routes: list[tuple[Point, ...] | None] = [None] * count
    edges = data.get("edges", [])
    assert isinstance(edges, list)
    for edge in edges:
        # Graphviz lists edges in its own order: each names its place in ours by its id
        number = int(edge["id"][1:])
        if edge.get("tail") in moved or edge.get("head") in moved or "pos" not in edge:
            continue
        controls = [
            tuple(float(v) for v in part.split(","))
            for part in edge["pos"].split()
            if not part.startswith(("s,", "e,"))
        ]
        points = [Point(x - dx, dy - y) for x, y in controls[::3]]
        routes[number] = _snap(
            points, cards[_index(objects, edge["tail"])], cards[_index(objects, edge["head"])]
        )
    return routes


def _index(objects: list[dict[str, object]], gvid: object) -> int:
    name = objects[int(gvid)]["name"]  # type: ignore[call-overload]
    assert isinstance(name, str)
    return int(name[1:])


def _snap(points: list[Point], source: Box, target: Box) -> tuple[Point, ...] | None:
    """The route with its first point moved onto ``source``'s border and its last onto
    ``target``'s, along the first and last segments; None when an end cannot be snapped."""
    if len(points) < 2:
        return None
    first = _onto_border(points[0], points[1], source)
    last = _onto_border(points[-1], points[-2], target)
    if first is None or last is None:
        return None
    return (first, *points[1:-1], last)


def _onto_border(end: Point, towards: Point, box: Box) -> Point | None:
    """``end`` moved along its axis-aligned segment onto the nearest side of ``box``."""
    if abs(end.y - towards.y) < 1e-6 and box.y <= end.y <= box.bottom:
        side = box.right if towards.x >= end.x else box.x
        if abs(side - end.x) <= 2 * _CLEARANCE + 1:
            return Point(side, end.y)
    if abs(end.x - towards.x) < 1e-6 and box.x <= end.x <= box.right:
        side = box.bottom if towards.y >= end.y else box.y
        if abs(side - end.y) <= 2 * _CLEARANCE + 1:
            return Point(end.x, side)
    return None


def _on_border(point: Point, box: Box, tolerance: float = 0.01) -> bool:
    inside_x = box.x - tolerance <= point.x <= box.right + tolerance
    inside_y = box.y - tolerance <= point.y <= box.bottom + tolerance
    on_x = min(abs(point.x - box.x), abs(point.x - box.right)) <= tolerance
    on_y = min(abs(point.y - box.y), abs(point.y - box.bottom)) <= tolerance
    return (on_x and inside_y) or (on_y and inside_x)
