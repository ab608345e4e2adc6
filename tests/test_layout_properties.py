"""The layout's invariants, proved over generated blueprints of every shape and nasty text."""

from __future__ import annotations

import pytest
from hypothesis import given
from strategies import blueprints

from blueprint_render.layout import Layout, compute_layout
from blueprint_render.layout.geometry import Box, Point, TextBlock
from blueprint_render.layout.obstacles import segment_crosses
from blueprint_render.layout.text import measure
from blueprint_render.model import Blueprint, Side
from blueprint_render.theme import DEFAULT, THEMES

pytestmark = pytest.mark.graphviz

EPS = 1e-6
PAD = DEFAULT.cell_padding
RANK = {side.value: side.rank for side in Side}
LINE_RANK = {"interaction": 1, "visibility": 2, "internal": 3}


def check_lanes(bp: Blueprint, layout: Layout) -> None:
    """Lanes keep their order, span the full width, do not overlap and tile the lane area."""
    assert [lane.key for lane in layout.lanes] == [lane.key for lane in bp.visible_lanes]
    grid = layout.grid
    assert layout.lanes[0].box.y == pytest.approx(grid.y)
    assert layout.lanes[-1].box.bottom == pytest.approx(grid.bottom)
    for upper, lower in zip(layout.lanes, layout.lanes[1:], strict=False):
        assert upper.box.bottom == pytest.approx(lower.box.y)
    for lane in layout.lanes:
        assert lane.box.height > 0
        assert lane.box.x == pytest.approx(grid.x)
        assert lane.box.right == pytest.approx(grid.right)
        assert lane.box.contains(lane.title_box)
        assert lane.title_box.contains(lane.title_text.box)


def check_columns(bp: Blueprint, layout: Layout) -> None:
    """Columns are in step order, abut, align across every lane, and phases cover their steps."""
    assert [c.step_id for c in layout.columns] == [s.id for s in bp.steps]
    assert layout.columns[0].box.x == pytest.approx(layout.lanes[0].title_box.right)
    assert layout.columns[-1].box.right == pytest.approx(layout.grid.right)
    for left, right in zip(layout.columns, layout.columns[1:], strict=False):
        assert left.box.right == pytest.approx(right.box.x)
    for column in layout.columns:
        assert column.box.bottom == pytest.approx(layout.grid.bottom)
        assert column.header_box.bottom == pytest.approx(layout.grid.y)
        assert column.header_box.contains(column.title_text.box)
    by_id = {c.step_id: c for c in layout.columns}
    for phase, geometry in zip(bp.phases, layout.phases, strict=True):
        first, last = by_id[phase.steps[0]], by_id[phase.steps[-1]]
        assert geometry.box.x == pytest.approx(first.box.x)
        assert geometry.box.right == pytest.approx(last.box.right)
        assert geometry.box.bottom <= layout.grid.y + EPS


def check_cards(bp: Blueprint, layout: Layout) -> None:
    """Every shown card lies in its lane band and step column, with padding; none overlap."""
    lanes = {lane.key: lane for lane in layout.lanes}
    shown = [p for p in bp.places() if p.lane in lanes]
    assert sorted(c.card_id for c in layout.cards) == sorted(p.card.id or "" for p in shown)
    for card in layout.cards:
        lane, column = lanes[card.lane].box, layout.columns[card.step_index].box
        assert card.box.x >= column.x + PAD - EPS
        assert card.box.right <= column.right - PAD + EPS
        assert card.box.y >= lane.y + PAD - EPS
        assert card.box.bottom <= lane.bottom - PAD + EPS
        assert bp.place(card.card_id).step == card.step_index
    boxes = sorted((c.box for c in layout.cards), key=lambda b: (b.x, b.y))
    for i, box in enumerate(boxes):
        for other in boxes[i + 1 :]:
            if other.x >= box.right:
                break
            assert not box.overlaps(other)


def fits(block: TextBlock, box: Box) -> None:
    """Every wrapped line of ``block`` fits inside ``box`` as measured."""
    assert box.contains(block.box)
    for line, width in zip(block.lines, block.widths, strict=True):
        assert measure(line, block.size, bold=block.bold) == pytest.approx(width)
        assert width <= box.width + EPS


def check_text_fits(layout: Layout) -> None:
    """No text is clipped: statements, details and badges lie inside their cards."""
    for card in layout.cards:
        inner = card.box.inset(DEFAULT.card_padding - EPS)
        fits(card.text, inner)
        if card.meta is not None:
            fits(card.meta, inner)
        for badge in card.badges:
            assert inner.contains(badge.box)
            fits(badge.text, badge.box)


def check_lines(layout: Layout) -> None:
    """Each line lies on the boundary between its sides and spans the full width."""
    assert [line.kind for line in layout.lines] == ["interaction", "visibility", "internal"]
    for line in layout.lines:
        rank = LINE_RANK[line.kind]
        assert line.x1 == pytest.approx(layout.grid.x)
        assert line.x2 == pytest.approx(layout.grid.right)
        for lane in layout.lanes:
            if RANK[lane.side] < rank:
                assert lane.box.bottom <= line.y + EPS
            else:
                assert lane.box.y >= line.y - EPS
        edges = [lane.box.y for lane in layout.lanes] + [layout.grid.bottom]
        assert any(line.y == pytest.approx(y) for y in edges)


def on_border(point: Point, box: Box) -> bool:
    tol = 0.01
    inside_x = box.x - tol <= point.x <= box.right + tol
    inside_y = box.y - tol <= point.y <= box.bottom + tol
    on_x = min(abs(point.x - box.x), abs(point.x - box.right)) <= tol
    on_y = min(abs(point.y - box.y), abs(point.y - box.bottom)) <= tol
    return (on_x and inside_y) or (on_y and inside_x)


def check_arrows(bp: Blueprint, layout: Layout) -> None:
    """Arrows run from border to border, through no card or lane title, on the canvas."""
    cards = {c.card_id: c.box for c in layout.cards}
    titles = [lane.title_box for lane in layout.lanes]
    shown = [f for f in bp.flows if f.source in cards and f.target in cards]
    assert [(e.source, e.target) for e in layout.edges] == [(f.source, f.target) for f in shown]
    for edge in layout.edges:
        assert len(edge.points) >= 2
        assert on_border(edge.points[0], cards[edge.source])
        assert on_border(edge.points[-1], cards[edge.target])
        assert edge.handoff == bp.is_handoff(bp.flows[edge.index])
        for a, b in zip(edge.points, edge.points[1:], strict=False):
            for box in [*cards.values(), *titles]:
                assert not segment_crosses(a, b, box), (edge, box)
        for p in edge.points:
            assert 0 <= p.x <= layout.width
            assert 0 <= p.y <= layout.height


def check_all(bp: Blueprint, layout: Layout) -> None:
    check_lanes(bp, layout)
    check_columns(bp, layout)
    check_cards(bp, layout)
    check_text_fits(layout)
    check_lines(layout)
    check_arrows(bp, layout)
    assert layout.width > layout.grid.right
    assert layout.height > layout.grid.bottom


@given(blueprints(max_steps=8))
def test_small_blueprints_keep_every_invariant(bp: Blueprint) -> None:
    check_all(bp, compute_layout(bp))


@given(blueprints(min_steps=20, max_steps=60, max_cards_per_cell=2, max_flows=60))
def test_long_blueprints_keep_every_invariant(bp: Blueprint) -> None:
    check_all(bp, compute_layout(bp))


@pytest.mark.parametrize("name", sorted(THEMES))
def test_every_theme_keeps_the_invariants(name: str, example: Blueprint) -> None:
    check_all(example, compute_layout(example, THEMES[name]))


def test_layout_is_deterministic(example: Blueprint) -> None:
    assert compute_layout(example) == compute_layout(example)
