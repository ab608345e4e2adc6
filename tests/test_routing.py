"""Routing arrows: Graphviz run safely, its result checked, and the gutter fallback proved."""

from __future__ import annotations

import itertools
import re
import string
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import blueprints

from blueprint_render import Blueprint
from blueprint_render.errors import GraphvizFailed, GraphvizNotFound, GraphvizTimeout
from blueprint_render.layout import compute_layout, graphviz_run
from blueprint_render.layout.arrows import grid_router
from blueprint_render.layout.geometry import Box
from blueprint_render.layout.graphviz_run import run_graphviz
from blueprint_render.layout.grid import build_grid
from blueprint_render.layout.gutters import gutter_route
from blueprint_render.layout.obstacles import Obstacles, segment_crosses
from blueprint_render.layout.routing import _read_routes, routing_graph
from blueprint_render.theme import DEFAULT

pytestmark = pytest.mark.graphviz


@pytest.fixture
def no_graphviz(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A PATH on which Graphviz cannot be found."""
    monkeypatch.setenv("PATH", str(tmp_path))
    graphviz_run._executable.cache_clear()
    yield
    graphviz_run._executable.cache_clear()


@pytest.mark.usefixtures("no_graphviz")
def test_missing_graphviz_is_a_clear_error_with_an_install_hint(example: Blueprint) -> None:
    with pytest.raises(GraphvizNotFound, match=r"apt-get install graphviz"):
        compute_layout(example)


def test_a_graphviz_time_out_is_a_clear_error_not_a_hang(example: Blueprint) -> None:
    start = time.monotonic()
    with pytest.raises(GraphvizTimeout, match=r"took longer than 0\.001 s"):
        compute_layout(example, timeout=0.001)
    assert time.monotonic() - start < 10


def test_a_graphviz_failure_carries_its_stderr() -> None:
    with pytest.raises(GraphvizFailed, match=r"syntax error"):
        run_graphviz("neato", ["-n2", "-Tjson0"], "digraph { a -> }")


def test_the_routing_graph_holds_only_generated_names_and_numbers() -> None:
    dot = routing_graph([Box(0, 0, 10, 10), Box(50, 0, 10, 10)], [Box(0, 30, 5, 5)], [(0, 1)])
    assert {"n0", "n1", "f0"} <= set(re.findall(r"\b[nf]\d+\b", dot))
    assert set(dot) <= set(string.ascii_letters + string.digits + ' \t\n[]{}=",.!-_>')


def test_a_node_graphviz_moved_gets_its_arrows_rerouted() -> None:
    cards = [Box(0, 0, 100, 50), Box(200, 0, 100, 50)]
    data = {
        "objects": [
            {"name": "n0", "pos": "50,-25"},
            {"name": "n1", "pos": "290,-25"},  # pinned at x=250, came back at 290
        ],
        "edges": [{"id": "e0", "tail": 0, "head": 1, "pos": "102,-25 150,-25 150,-25 198,-25"}],
    }
    assert _read_routes(data, cards, 1) == [None]


@settings(max_examples=25)
@given(blueprints(max_steps=8), st.data())
def test_gutter_routes_never_cross_a_card(bp: Blueprint, data: st.DataObject) -> None:
    """The fallback router is safe for any pair of cards in any grid."""
    grid = build_grid(bp, DEFAULT)
    if len(grid.cards) < 2:
        return
    columns = [c.box for c in grid.columns]
    edges = [lane.box.y for lane in grid.lanes] + [grid.grid.bottom]
    obstacles = Obstacles([c.box for c in grid.cards], columns, [])
    for _ in range(10):
        i, j = data.draw(
            st.tuples(*(st.integers(0, len(grid.cards) - 1),) * 2).filter(lambda p: p[0] != p[1])
        )
        source, target = grid.cards[i], grid.cards[j]
        points = gutter_route(
            source.box,
            source.step_index,
            target.box,
            target.step_index,
            columns,
            edges,
            DEFAULT.cell_padding,
            data.draw(st.integers(0, 10)),
        )
        assert not obstacles.blocked(points)
        for a, b in itertools.pairwise(points):
            assert a.x == b.x or a.y == b.y  # orthogonal
            for lane in grid.lanes:
                assert not segment_crosses(a, b, lane.title_box)


def test_most_arrows_of_the_example_are_routed_without_the_fallback(example: Blueprint) -> None:
    grid = build_grid(example, DEFAULT)
    index = {c.card_id: i for i, c in enumerate(grid.cards)}
    router = grid_router(grid, DEFAULT)
    _, stats = router.route([(index[f.source], index[f.target]) for f in example.flows])
    assert stats.fallback <= 2
    assert stats.straight + stats.graphviz + stats.fallback == len(example.flows)
