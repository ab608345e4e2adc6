"""The SVG renderer paints exactly what the layout says, escapes all text, and is stable."""

from __future__ import annotations

import re
from typing import Literal

import attrs
import pytest
from svgread import (
    SVG_NS,
    expected_drawing,
    find_classed,
    parse_svg,
    read_svg,
    text_lines,
)

from blueprint_render.layout.geometry import (
    Badge,
    Box,
    CardGeometry,
    ColumnGeometry,
    EdgeGeometry,
    LaneGeometry,
    Layout,
    LineGeometry,
    PhaseGeometry,
    Point,
    TextBlock,
)
from blueprint_render.render.svg import format_number, path_data, render_svg
from blueprint_render.theme import DEFAULT, THEMES, Theme

# --- a hand-made layout: 2 lanes (customer above the lines, frontstage below), 2 steps -------


def block(
    lines: tuple[str, ...],
    x: float,
    top: float,
    size: float = 11.0,
    *,
    bold: bool = False,
    anchor: Literal["start", "middle"] = "start",
) -> TextBlock:
    """Lines placed from ``top``, 1.3 lines apart, 0.55 em per character (good enough here)."""
    step = size * 1.3
    widths = tuple(len(line) * size * 0.55 for line in lines)
    widest = max(widths, default=0.0)
    left = x - widest / 2 if anchor == "middle" else x
    return TextBlock(
        lines=lines,
        x=x,
        baselines=tuple(top + size + i * step for i in range(len(lines))),
        size=size,
        bold=bold,
        anchor=anchor,
        widths=widths,
        box=Box(left, top, widest, step * len(lines)),
    )


def badge(kind: Literal["fail", "wait", "handoff"], label: str, title: str, box: Box) -> Badge:
    text = block((label,), box.x + box.width / 2, box.y + 2, 9.0, bold=True, anchor="middle")
    return Badge(kind=kind, box=box, text=text, title=title)


def make_layout(
    customer_text: str = "Customer calls the contact centre about a wrong bill.",
    lane_title: str = "Customer actions",
    title: str = "Address complaint",
) -> Layout:
    """2 lanes × 2 steps, 3 cards (one with fail and wait badges), 2 edges (one a handoff)."""
    left, title_w, col_w = 24.0, 150.0, 252.0
    grid_left = left + title_w
    header_top, header_h = 100.0, 56.0
    lane_top = header_top + header_h
    lane_h = (120.0, 150.0)
    ys = (lane_top, lane_top + lane_h[0], lane_top + lane_h[0] + lane_h[1])
    width = grid_left + 2 * col_w + left
    keys = (("customer", "Customer", "customer"), ("frontstage", "Frontstage", "frontstage"))
    lanes = tuple(
        LaneGeometry(
            key=key,
            title=lane_title if key == "customer" else name,
            side=side,
            box=Box(left, ys[i], width - 2 * left, lane_h[i]),
            title_box=Box(left, ys[i], title_w, lane_h[i]),
            title_text=block(
                (lane_title if key == "customer" else "Frontstage interactions",),
                left + 8,
                ys[i] + lane_h[i] / 2 - 7,
                12.0,
                bold=True,
            ),
        )
        for i, (key, name, side) in enumerate(keys)
    )
    columns = tuple(
        ColumnGeometry(
            step_id=step_id,
            index=i,
            box=Box(grid_left + i * col_w, header_top, col_w, ys[2] - header_top),
            header_box=Box(grid_left + i * col_w, header_top, col_w, header_h),
            title_text=block(
                (name,),
                grid_left + i * col_w + col_w / 2,
                header_top + 8,
                12.0,
                bold=True,
                anchor="middle",
            ),
            value_chain=block(
                ("Engage",),
                grid_left + i * col_w + col_w / 2,
                header_top + 30,
                9.5,
                anchor="middle",
            ),
        )
        for i, (step_id, name) in enumerate((("s1", "Call in"), ("s2", "Verify identity")))
    )
    phase = PhaseGeometry(
        title="Contact",
        step_ids=("s1", "s2"),
        box=Box(grid_left, 64.0, 2 * col_w, 36.0),
        text=block(("Contact",), grid_left + col_w, 72.0, 12.0, bold=True, anchor="middle"),
    )
    line_y = ys[1]
    lines = (
        LineGeometry(
            kind="interaction",
            y=line_y,
            x1=left,
            x2=width - left,
            label=block(("Line of interaction",), left + 4, line_y + 2, 9.5),
        ),
        LineGeometry(
            kind="visibility",
            y=ys[2],
            x1=left,
            x2=width - left,
            label=block(("Line of visibility",), left + 4, ys[2] - 15, 9.5),
        ),
        LineGeometry(
            kind="internal",
            y=ys[2],
            x1=left,
            x2=width - left,
            label=block(("Line of internal interaction",), left + 4, ys[2] + 2, 9.5),
        ),
    )
    card_w = col_w - 32
    c1 = Box(grid_left + 16, ys[0] + 16, card_w, 70.0)
    c2 = Box(grid_left + 16, ys[1] + 16, card_w, 110.0)
    c3 = Box(grid_left + col_w + 16, ys[1] + 16, card_w, 64.0)
    cards = (
        CardGeometry(
            card_id="c1",
            lane="customer",
            step_index=0,
            box=c1,
            text=block(
                ("Customer calls the contact", "centre about a wrong bill."), c1.x + 8, c1.y + 8
            ),
            meta=block(("Owner: Customer",), c1.x + 8, c1.y + 40, 9.5),
            badges=(),
            title=customer_text,
        ),
        CardGeometry(
            card_id="c2",
            lane="frontstage",
            step_index=0,
            box=c2,
            text=block(("IVR routes the call to", "the billing queue."), c2.x + 8, c2.y + 8),
            meta=block(("Owner: Contact centre", "Channel: IVR"), c2.x + 8, c2.y + 40, 9.5),
            badges=(
                badge(
                    "fail",
                    "FAIL POINT",
                    "Caller picks the wrong option",
                    Box(c2.x + 8, c2.y + 84, 70, 16),
                ),
                badge("wait", "WAIT 4 min", "Wait point: 4 min", Box(c2.x + 82, c2.y + 84, 70, 16)),
            ),
            title="IVR routes the call to the billing queue.",
        ),
        CardGeometry(
            card_id="c3",
            lane="frontstage",
            step_index=1,
            box=c3,
            text=block(("Agent verifies the caller's", "identity."), c3.x + 8, c3.y + 8),
            meta=None,
            badges=(),
            title="Agent verifies the caller's identity.",
        ),
    )
    edges = (
        EdgeGeometry(
            index=0,
            source="c1",
            target="c2",
            points=(Point(c1.center.x, c1.bottom), Point(c2.center.x, c2.y)),
            handoff=True,
            label=None,
            badge=badge(
                "handoff",
                "HANDOFF",
                "Handoff: Customer to Contact centre",
                Box(c1.center.x + 6, (c1.bottom + c2.y) / 2 - 8, 64, 16),
            ),
        ),
        EdgeGeometry(
            index=1,
            source="c2",
            target="c3",
            points=(
                Point(c2.right, c2.y + 30),
                Point(c2.right + 16, c2.y + 30),
                Point(c2.right + 16, c3.y + 32),
                Point(c3.x, c3.y + 32),
            ),
            handoff=False,
            label=block(("then",), c2.right + 2, c2.y + 12, 9.5),
            badge=None,
        ),
    )
    return Layout(
        width=width,
        height=ys[2] + 24,
        title=block((title,), left, 24.0, 20.0, bold=True),
        subtitle=block(("Contact centre · Service owner: Head of service",), left, 50.0, 12.0),
        grid=Box(left, lane_top, width - 2 * left, ys[2] - lane_top),
        lanes=lanes,
        columns=columns,
        phases=(phase,),
        lines=lines,
        cards=cards,
        edges=edges,
    )


def draw(layout: Layout | None = None, theme: Theme = DEFAULT, **kwargs: str) -> str:
    options = {"title": "Address complaint", "description": "A service blueprint.", **kwargs}
    return render_svg(layout or make_layout(), theme=theme, **options)


def rounded(value: float) -> float:
    return float(format_number(value))


def box(b: Box) -> tuple[float, float, float, float]:
    return (rounded(b.x), rounded(b.y), rounded(b.width), rounded(b.height))


# --- structure ---------------------------------------------------------------------------


def test_svg_parses_and_has_the_size_of_the_layout() -> None:
    layout = make_layout()
    root = parse_svg(draw(layout))
    assert root.get("width") == format_number(layout.width)
    assert (
        root.get("viewBox") == f"0 0 {format_number(layout.width)} {format_number(layout.height)}"
    )
    assert root.get("font-family") == DEFAULT.font_family


def test_geometry_read_back_equals_the_layout() -> None:
    layout = make_layout()
    drawing = read_svg(draw(layout))
    assert drawing == expected_drawing(layout)
    # and, spelled out, what that comparison means
    assert drawing.lane_order == tuple(lane.key for lane in layout.lanes)
    for lane in layout.lanes:
        assert drawing.lanes[lane.key] == box(lane.box)
        assert drawing.lane_titles[lane.key] == box(lane.title_box)
    for column in layout.columns:
        assert drawing.steps[column.step_id] == box(column.header_box)
        assert drawing.columns[column.step_id] == box(column.box)
    assert drawing.phases == tuple(box(p.box) for p in layout.phases)
    for line in layout.lines:
        assert drawing.lines[line.kind] == (
            rounded(line.x1),
            rounded(line.y),
            rounded(line.x2),
            rounded(line.y),
        )
    for card in layout.cards:
        assert drawing.cards[card.card_id] == box(card.box)
        assert drawing.card_titles[card.card_id] == card.title
    assert [(e.source, e.target, e.handoff, e.flow) for e in drawing.edges] == [
        (e.source, e.target, e.handoff, e.index) for e in layout.edges
    ]
    for read, edge in zip(drawing.edges, layout.edges, strict=True):
        assert read.points == tuple((rounded(p.x), rounded(p.y)) for p in edge.points)
    expected_badges = [(b.kind, box(b.box)) for c in layout.cards for b in c.badges]
    expected_badges += [(e.badge.kind, box(e.badge.box)) for e in layout.edges if e.badge]
    assert list(drawing.badges) == expected_badges


def test_text_is_drawn_line_by_line_where_the_layout_puts_it() -> None:
    layout = make_layout()
    root = parse_svg(draw(layout))
    card = next(g for g in find_classed(root, "bp-card") if g.get("data-card") == "c2")
    text = next(find_classed(card, "bp-card__text"))
    geometry = layout.cards[1].text
    assert text_lines(text) == [
        (line, rounded(geometry.x), rounded(y))
        for line, y in zip(geometry.lines, geometry.baselines, strict=True)
    ]
    meta = next(find_classed(card, "bp-card__meta"))
    assert meta.get("fill") == DEFAULT.muted_text
    # no whitespace between the tspans: it would shift centred lines
    assert all(not (span.tail or "").strip(" \n") and not span.tail for span in text)
    title = next(find_classed(root, "bp-step__title"))
    assert title.get("font-weight") == "bold"


def test_stable_classes_are_present() -> None:
    root = parse_svg(draw())
    for name in (
        "bp-lane",
        "bp-lane--customer",
        "bp-lane--frontstage",
        "bp-card",
        "bp-edge",
        "bp-edge--handoff",
        "bp-line",
        "bp-line--interaction",
        "bp-line--visibility",
        "bp-line--internal",
        "bp-phase",
        "bp-step",
        "bp-badge",
        "bp-badge--fail",
        "bp-badge--wait",
        "bp-badge--handoff",
        "bp-title",
    ):
        assert list(find_classed(root, name)), name


def test_lines_are_dashed_distinct_and_labelled() -> None:
    root = parse_svg(draw())
    styles = set()
    for kind, label in (
        ("interaction", "Line of interaction"),
        ("visibility", "Line of visibility"),
        ("internal", "Line of internal interaction"),
    ):
        group = next(find_classed(root, f"bp-line--{kind}"))
        line = group.find(f"{{{SVG_NS}}}line")
        assert line is not None
        assert line.get("stroke-dasharray")
        styles.add((line.get("stroke"), line.get("stroke-dasharray")))
        assert [t for t, _, _ in text_lines(next(find_classed(group, "bp-line__label")))] == [label]
    assert len(styles) == 3
    assert len({dash for _, dash in styles}) == 3


def test_lanes_are_tinted_by_side_and_arrows_have_heads() -> None:
    root = parse_svg(draw())
    for lane in find_classed(root, "bp-lane"):
        band = next(find_classed(lane, "bp-lane__band"))
        assert band.get("fill") == DEFAULT.lane_fill(lane.get("data-side", ""))
    markers = {m.get("id") for m in root.iter(f"{{{SVG_NS}}}marker")}
    for edge in find_classed(root, "bp-edge"):
        path = edge.find(f"{{{SVG_NS}}}path")
        assert path is not None
        match = re.fullmatch(r"url\(#(.+)\)", path.get("marker-end", ""))
        assert match
        assert match.group(1) in markers
        handoff = "bp-edge--handoff" in edge.get("class", "")
        assert path.get("stroke") == (DEFAULT.handoff_edge if handoff else DEFAULT.edge)


def test_cards_have_rounded_boxes_titles_and_ids() -> None:
    root = parse_svg(draw())
    cards = list(find_classed(root, "bp-card"))
    assert [c.get("data-card") for c in cards] == ["c1", "c2", "c3"]
    for card in cards:
        assert card[0].tag == f"{{{SVG_NS}}}title"
        rect = card.find(f"{{{SVG_NS}}}rect")
        assert rect is not None
        assert rect.get("rx") == format_number(DEFAULT.corner_radius)
    edge = next(find_classed(root, "bp-edge--handoff"))
    assert (edge.get("data-from"), edge.get("data-to")) == ("c1", "c2")


# --- accessibility and ids ---------------------------------------------------------------


def test_accessible_root_with_title_and_desc() -> None:
    svg = draw(title="Address complaint", description="Seven lanes, five steps.")
    root = parse_svg(svg)
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby", "").split()
    assert root[0].tag == f"{{{SVG_NS}}}title"
    assert root[0].get("id") == title_id
    assert root[0].text == "Address complaint"
    assert root[1].tag == f"{{{SVG_NS}}}desc"
    assert root[1].get("id") == desc_id
    assert root[1].text == "Seven lanes, five steps."


def test_every_id_carries_the_drawing_prefix_and_references_resolve() -> None:
    svg = draw()
    drawing = read_svg(svg)
    prefixes = {i.rsplit("-", 1)[0].split("-arrow")[0] for i in drawing.ids}
    prefix = parse_svg(svg).get("aria-labelledby", "").split()[0].removesuffix("-title")
    assert all(i.startswith(prefix + "-") for i in drawing.ids), (prefixes, drawing.ids)
    assert len(set(drawing.ids)) == len(drawing.ids)
    for ref in re.findall(r"url\(#([^)]+)\)", svg):
        assert ref in drawing.ids


def test_prefix_follows_content_so_two_drawings_never_clash() -> None:
    one = read_svg(draw(make_layout(title="One"))).ids
    two = read_svg(draw(make_layout(title="Two"))).ids
    assert not set(one) & set(two)
    assert read_svg(draw(make_layout(title="One"))).ids == one  # deterministic
    dark = read_svg(draw(make_layout(title="One"), theme=THEMES["dark"])).ids
    assert not set(one) & set(dark)


def test_id_prefix_can_be_given_and_is_checked() -> None:
    svg = render_svg(make_layout(), theme=DEFAULT, title="t", description="d", id_prefix="fig-1")
    assert set(read_svg(svg).ids) == {
        "fig-1-title",
        "fig-1-desc",
        "fig-1-arrow",
        "fig-1-arrow-handoff",
    }
    with pytest.raises(ValueError, match="id_prefix"):
        render_svg(
            make_layout(), theme=DEFAULT, title="t", description="d", id_prefix='x" onload="'
        )


# --- escaping ----------------------------------------------------------------------------

HOSTILE = "<script>alert('x')</script> & \"quoted\" ]]> {{ 7*7 }} {% raw %} <!-- -->"


def test_user_text_is_escaped_and_inert() -> None:
    layout = make_layout(customer_text=HOSTILE, lane_title=HOSTILE, title=HOSTILE)
    card = attrs.evolve(
        layout.cards[0], text=attrs.evolve(layout.cards[0].text, lines=(HOSTILE, "ok"))
    )
    layout = attrs.evolve(layout, cards=(card, *layout.cards[1:]))
    svg = render_svg(layout, theme=DEFAULT, title=HOSTILE, description=HOSTILE)
    root = parse_svg(svg)  # still well-formed XML
    assert "<script" not in svg
    assert "<!-- -->" not in svg
    assert "49" not in svg  # the template did not evaluate user text
    assert not list(root.iter(f"{{{SVG_NS}}}script"))
    assert root[0].text == HOSTILE
    assert root[1].text == HOSTILE
    assert read_svg(svg).card_titles["c1"] == HOSTILE
    lane = next(find_classed(root, "bp-lane--customer"))
    assert [t for t, _, _ in text_lines(next(find_classed(lane, "bp-lane__label")))] == [HOSTILE]
    drawn = next(find_classed(next(find_classed(root, "bp-card")), "bp-card__text"))
    assert text_lines(drawn)[0][0] == HOSTILE


def test_hostile_ids_and_keys_stay_in_their_attributes() -> None:
    layout = make_layout()
    evil = '"><script>x</script>'
    card = attrs.evolve(layout.cards[0], card_id=evil)
    edge = attrs.evolve(layout.edges[0], source=evil)
    layout = attrs.evolve(layout, cards=(card, *layout.cards[1:]), edges=(edge, *layout.edges[1:]))
    root = parse_svg(draw(layout))
    assert next(find_classed(root, "bp-card")).get("data-card") == evil
    assert next(find_classed(root, "bp-edge")).get("data-from") == evil
    assert not list(root.iter(f"{{{SVG_NS}}}script"))


def test_characters_xml_cannot_hold_are_replaced() -> None:
    svg = draw(title="bell\x07 and \x00nul", description="ok")
    assert parse_svg(svg)[0].text == "bell\ufffd and \ufffdnul"


# --- numbers and determinism -------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.0, "0"),
        (-0.0, "0"),
        (-0.004, "0"),
        (12.0, "12"),
        (12.5, "12.5"),
        (1 / 3, "0.33"),
        (-2.675, "-2.67"),
        (1e6, "1000000"),
        (123.456789, "123.46"),
    ],
)
def test_numbers_are_compact(value: float, text: str) -> None:
    assert format_number(value) == text


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf")])
def test_non_finite_coordinates_are_refused(value: float) -> None:
    with pytest.raises(ValueError, match="finite"):
        format_number(value)


def test_path_data() -> None:
    assert path_data([Point(0, 0), Point(1.005, -0.001)]) == "M 0 0 L 1 0"
    with pytest.raises(ValueError, match="two points"):
        path_data([Point(0, 0)])


def test_no_long_or_negative_zero_numbers_in_the_svg() -> None:
    layout = make_layout()
    shifted = attrs.evolve(layout, width=layout.width + 1 / 3, height=layout.height - 1e-9)
    svg = draw(shifted)
    numbers = re.findall(r"(?<![\w#])-?\d+\.\d+", svg)
    assert all(len(n.split(".")[1]) <= 2 for n in numbers)
    assert not re.search(r'"-0"|\s-0[\s"]', svg)


@pytest.mark.parametrize("name", sorted(THEMES))
def test_same_input_same_bytes_in_every_theme(name: str) -> None:
    theme = THEMES[name]
    first, second = draw(theme=theme), draw(theme=theme)
    assert first == second
    root = parse_svg(first)
    assert root.get("data-theme") == name
    assert "var(" not in first
    assert "<filter" not in first
    assert "foreignObject" not in first


def test_empty_layout_draws() -> None:
    layout = attrs.evolve(make_layout(), phases=(), cards=(), edges=(), subtitle=None)
    drawing = read_svg(draw(layout))
    assert drawing.cards == {}
    assert drawing.edges == ()
    assert drawing.phases == ()


@pytest.mark.graphviz
def test_the_bundled_example_is_drawn_as_laid_out() -> None:
    """The real layout of the example, every element read back from the SVG."""
    from blueprint_render.fileformat.api import example_path, load
    from blueprint_render.layout import compute_layout

    bp = load(example_path())
    for theme in THEMES.values():
        layout = compute_layout(bp, theme)
        svg = render_svg(layout, theme=theme, title=bp.title, description="The example.")
        assert read_svg(svg) == expected_drawing(layout)


def test_docstring_examples() -> None:
    import doctest

    from blueprint_render.render import raster, svg

    for module in (svg, raster):
        failures, _ = doctest.testmod(module)
        assert failures == 0, module.__name__
