"""Read a drawing's geometry back from its SVG, by the stable classes the renderer emits.

Everything comes back as plain data (floats, tuples, dicts), parsed from the attributes the
renderer wrote, so a test can compare it with the layout the SVG was drawn from. Numbers are
written with at most two decimals (:func:`blueprint_render.render.svg.format_number`), so
compare with ``float(format_number(v))`` of the layout's value, or within 0.005.

    >>> read_svg(render_svg(layout, ...)) == expected_drawing(layout)  # doctest: +SKIP
    >>> drawing = read_svg(svg)                                          # doctest: +SKIP
    >>> drawing.lanes["customer"], drawing.cards["c1"], drawing.lines["visibility"]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET  # type: ignore[import-untyped]

from blueprint_render.layout.geometry import Box, Layout
from blueprint_render.render.svg import format_number

__all__ = [
    "SVG_NS",
    "Drawing",
    "EdgeRead",
    "classes",
    "expected_drawing",
    "find_classed",
    "parse_path",
    "parse_svg",
    "read_svg",
    "text_lines",
]

SVG_NS = "http://www.w3.org/2000/svg"
_Q = f"{{{SVG_NS}}}"

Rect = tuple[float, float, float, float]
"""x, y, width, height."""
Pt = tuple[float, float]


@dataclass(frozen=True)
class EdgeRead:
    source: str
    target: str
    handoff: bool
    points: tuple[Pt, ...]
    flow: int


@dataclass(frozen=True)
class Drawing:
    """What :func:`read_svg` finds in a drawing."""

    width: float
    height: float
    lanes: dict[str, Rect]
    """The band of each lane, by key, in drawing order."""
    lane_titles: dict[str, Rect]
    lane_order: tuple[str, ...]
    steps: dict[str, Rect]
    """The header cell of each step, by step id."""
    columns: dict[str, Rect]
    """The column of each step (header top to grid bottom)."""
    phases: tuple[Rect, ...]
    lines: dict[str, tuple[float, float, float, float]]
    """x1, y1, x2, y2 of each line, by kind (interaction, visibility, internal)."""
    cards: dict[str, Rect]
    card_titles: dict[str, str]
    badges: tuple[tuple[str, Rect], ...]
    """(kind, box) of every badge, cards' and edges', in drawing order."""
    edges: tuple[EdgeRead, ...]
    ids: tuple[str, ...] = field(default=(), compare=False)
    """Every ``id`` in the document (not compared: they depend on the content hash)."""


def parse_svg(svg: str | bytes) -> Element:
    """The root element (entities and external references refused)."""
    data = svg.encode("utf-8") if isinstance(svg, str) else svg
    root: Element = SafeET.fromstring(data)
    if root.tag != _Q + "svg":
        raise ValueError(f"not an SVG document: root element is {root.tag!r}")
    return root


def classes(element: Element) -> set[str]:
    return set(element.get("class", "").split())


def find_classed(root: Element, name: str) -> Iterator[Element]:
    """Every element carrying the CSS class ``name`` (a whole class, not a substring)."""
    for element in root.iter():
        if name in classes(element):
            yield element


def _number(element: Element, name: str) -> float:
    value = element.get(name)
    if value is None:
        raise ValueError(f"<{_local(element)}> has no {name}")
    return float(value)


def _local(element: Element) -> str:
    return element.tag.removeprefix(_Q)


def _rect(element: Element) -> Rect:
    return (
        _number(element, "x"),
        _number(element, "y"),
        _number(element, "width"),
        _number(element, "height"),
    )


def _first(element: Element, tag: str) -> Element:
    found = element.find(f".//{_Q}{tag}")
    if found is None:
        raise ValueError(f"{element.get('class')!r} holds no <{tag}>")
    return found


def _classed_child(element: Element, name: str) -> Element:
    for child in element.iter():
        if name in classes(child):
            return child
    raise ValueError(f"{element.get('class')!r} holds nothing of class {name!r}")


_TOKEN = re.compile(r"[MLml]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def parse_path(d: str) -> tuple[Pt, ...]:
    """The points of a polyline ``d`` made of absolute ``M`` and ``L`` commands."""
    cleaned = d.replace(",", " ")
    tokens = _TOKEN.findall(cleaned)
    if "".join(tokens).replace(" ", "") != re.sub(r"\s", "", cleaned):
        raise ValueError(f"path {d!r} has commands other than absolute M and L")
    points: list[Pt] = []
    command = None
    numbers: list[float] = []
    for token in tokens:
        if token in "MLml":
            if token in "ml":
                raise ValueError(f"path {d!r} uses a relative command")
            command = token
            continue
        if command is None:
            raise ValueError(f"path {d!r} does not start with M")
        numbers.append(float(token))
        if len(numbers) == 2:
            points.append((numbers[0], numbers[1]))
            numbers = []
    if numbers or not points or not d.lstrip().startswith("M"):
        raise ValueError(f"path {d!r} is not a polyline")
    return tuple(points)


def text_lines(element: Element) -> list[tuple[str, float, float]]:
    """(text, x, y) of each ``<tspan>`` in a ``<text>`` element."""
    return [
        (span.text or "", _number(span, "x"), _number(span, "y"))
        for span in element.iter(_Q + "tspan")
    ]


def read_svg(svg: str | bytes) -> Drawing:
    """The geometry drawn in ``svg``, read by class (see the module docstring)."""
    root = parse_svg(svg)
    lanes: dict[str, Rect] = {}
    lane_titles: dict[str, Rect] = {}
    for group in find_classed(root, "bp-lane"):
        keys = [c.removeprefix("bp-lane--") for c in classes(group) if c.startswith("bp-lane--")]
        if len(keys) != 1:
            raise ValueError(f"lane with classes {group.get('class')!r} has no single key")
        lanes[keys[0]] = _rect(_first(group, "rect"))
        lane_titles[keys[0]] = _rect(_classed_child(group, "bp-lane__title"))
    steps: dict[str, Rect] = {}
    columns: dict[str, Rect] = {}
    for group in find_classed(root, "bp-step"):
        step = group.get("data-step", "")
        steps[step] = _rect(_first(group, "rect"))
        columns[step] = _rect(_classed_child(group, "bp-step__column"))
    lines: dict[str, tuple[float, float, float, float]] = {}
    for kind in ("interaction", "visibility", "internal"):
        for group in find_classed(root, f"bp-line--{kind}"):
            line = group if _local(group) == "line" else _first(group, "line")
            lines[kind] = (
                _number(line, "x1"),
                _number(line, "y1"),
                _number(line, "x2"),
                _number(line, "y2"),
            )
    cards: dict[str, Rect] = {}
    card_titles: dict[str, str] = {}
    for group in find_classed(root, "bp-card"):
        card = group.get("data-card", "")
        cards[card] = _rect(_first(group, "rect"))
        title = group.find(_Q + "title")
        card_titles[card] = (title.text or "") if title is not None else ""
    badges = []
    for group in find_classed(root, "bp-badge"):
        kinds = [c.removeprefix("bp-badge--") for c in classes(group) if c.startswith("bp-badge--")]
        badges.append((kinds[0] if kinds else "", _rect(_first(group, "rect"))))
    edges = tuple(
        EdgeRead(
            source=group.get("data-from", ""),
            target=group.get("data-to", ""),
            handoff="bp-edge--handoff" in classes(group),
            points=parse_path(_first(group, "path").get("d", "")),
            flow=int(group.get("data-flow", "-1")),
        )
        for group in find_classed(root, "bp-edge")
    )
    return Drawing(
        width=_number(root, "width"),
        height=_number(root, "height"),
        lanes=lanes,
        lane_titles=lane_titles,
        lane_order=tuple(lanes),
        steps=steps,
        columns=columns,
        phases=tuple(_rect(_first(g, "rect")) for g in find_classed(root, "bp-phase")),
        lines=lines,
        cards=cards,
        card_titles=card_titles,
        badges=tuple(badges),
        edges=edges,
        ids=tuple(e.get("id", "") for e in root.iter() if e.get("id") is not None),
    )


def _r(value: float) -> float:
    """``value`` as the SVG carries it."""
    return float(format_number(value))


def _box(box: Box) -> Rect:
    return (_r(box.x), _r(box.y), _r(box.width), _r(box.height))


def expected_drawing(layout: Layout) -> Drawing:
    """What :func:`read_svg` must find in the drawing of ``layout`` (numbers rounded alike)."""
    return Drawing(
        width=_r(layout.width),
        height=_r(layout.height),
        lanes={lane.key: _box(lane.box) for lane in layout.lanes},
        lane_titles={lane.key: _box(lane.title_box) for lane in layout.lanes},
        lane_order=tuple(lane.key for lane in layout.lanes),
        steps={c.step_id: _box(c.header_box) for c in layout.columns},
        columns={c.step_id: _box(c.box) for c in layout.columns},
        phases=tuple(_box(p.box) for p in layout.phases),
        lines={ln.kind: (_r(ln.x1), _r(ln.y), _r(ln.x2), _r(ln.y)) for ln in layout.lines},
        cards={c.card_id: _box(c.box) for c in layout.cards},
        card_titles={c.card_id: c.title for c in layout.cards},
        badges=(
            *((b.kind, _box(b.box)) for c in layout.cards for b in c.badges),
            *((e.badge.kind, _box(e.badge.box)) for e in layout.edges if e.badge is not None),
        ),
        edges=tuple(
            EdgeRead(
                source=e.source,
                target=e.target,
                handoff=e.handoff,
                points=tuple((_r(p.x), _r(p.y)) for p in e.points),
                flow=e.index,
            )
            for e in layout.edges
        ),
    )
