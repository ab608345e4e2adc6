"""Paint a :class:`~blueprint_render.layout.geometry.Layout` as SVG.

The Jinja templates in ``templates/`` compute no geometry: every coordinate comes from the
layout and is only formatted here (:func:`format_number`, at most two decimals). Colours come
from the :class:`~blueprint_render.theme.Theme` as literal values, since cairosvg ignores CSS
variables. User text reaches the SVG only through Jinja's autoescape; the attribute strings
built here hold only formatted numbers and escaped theme values.

Every ``id`` in a drawing starts with a prefix derived from the drawing's content (a short
SHA-256 of the document), so several drawings inline on one page never clash.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Mapping, Sequence
from types import MappingProxyType

import jinja2
from markupsafe import Markup

from blueprint_render.layout.arrows import PendingLayout
from blueprint_render.layout.geometry import Box, Layout, Point, TextBlock
from blueprint_render.theme import Theme

__all__ = ["format_number", "path_data", "render_svg"]

_PREFIX = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 cannot carry, even escaped."""
_PLACEHOLDER = Markup("<bp-prefix>")
"""Stands for the id prefix until the document is hashed: autoescape turns any ``<`` of user
text or theme into ``&lt;``, so this can only be where the templates put it."""


def format_number(value: float) -> str:
    """``value`` as the SVG writes it: at most two decimals, no trailing zeros, never ``-0``.

    >>> format_number(12.0), format_number(3.14159), format_number(-0.001), format_number(2.5)
    ('12', '3.14', '0', '2.5')
    """
    text = f"{value:.2f}"
    if not text[-1].isdigit():  # inf, nan
        raise ValueError(f"cannot draw the coordinate {value!r}: the layout must be finite")
    if text[-1] == "0":
        text = text[:-3] if text[-2] == "0" else text[:-1]
        if text == "-0":
            return "0"
    return text


_n = format_number


def path_data(points: Sequence[Point]) -> str:
    """The ``d`` of a polyline through ``points``: ``M x y L x y ...``.

    >>> path_data([Point(0, 0), Point(10.5, 0), Point(10.5, 20)])
    'M 0 0 L 10.5 0 L 10.5 20'
    """
    if len(points) < 2:
        raise ValueError(f"an arrow needs at least two points, got {len(points)}")
    return "M " + " L ".join(f"{_n(p.x)} {_n(p.y)}" for p in points)


# Filters. Each returns attributes made of formatted numbers only, so they are safe markup.


def _box_attrs(box: Box) -> Markup:
    """``x y width height`` of a ``<rect>``."""
    return Markup(
        f'x="{_n(box.x)}" y="{_n(box.y)}" width="{_n(box.width)}" height="{_n(box.height)}"'
    )


def _text_attrs(text: TextBlock) -> Markup:
    """Position, size, weight and anchor of a ``<text>``."""
    first = _n(text.baselines[0]) if text.baselines else "0"
    attrs = f'x="{_n(text.x)}" y="{first}" font-size="{_n(text.size)}"'
    if text.bold:
        attrs += ' font-weight="bold"'
    if text.anchor == "middle":
        attrs += ' text-anchor="middle"'
    return Markup(attrs)


def _spans(text: TextBlock) -> list[tuple[Markup, str]]:
    """(``x y`` of the ``<tspan>``, its line) for each line; the line is escaped by the template."""
    x = _n(text.x)
    return [
        (Markup(f'x="{x}" y="{_n(y)}"'), line)
        for line, y in zip(text.lines, text.baselines, strict=True)
    ]


def _paint(**attributes: str | float) -> Markup:
    """Attributes from theme values, escaped: ``stroke_width`` → ``stroke-width``, ``class_``."""
    parts = []
    for name, value in attributes.items():
        shown = _n(value) if isinstance(value, (int, float)) else value
        parts.append(Markup('{}="{}"').format(name.rstrip("_").replace("_", "-"), shown))
    return Markup(" ").join(parts)


@functools.lru_cache(maxsize=16)
def _styles(theme: Theme) -> Mapping[str, Markup]:
    """The class and paint of each kind of element, built once per theme."""
    grid: dict[str, str | float] = {"stroke": theme.grid, "stroke_width": theme.grid_width}
    lines = {
        "interaction": (theme.interaction_line, theme.interaction_dash),
        "visibility": (theme.visibility_line, theme.visibility_dash),
        "internal": (theme.internal_line, theme.internal_dash),
    }
    styles = {
        "title": _paint(class_="bp-title__text", fill=theme.text),
        "subtitle": _paint(class_="bp-title__subtitle", fill=theme.muted_text),
        "lane_title_box": _paint(class_="bp-lane__title", fill=theme.lane_title_fill, **grid),
        "lane_label": _paint(class_="bp-lane__label", fill=theme.text),
        "step_header": _paint(class_="bp-step__header", fill=theme.header_fill, **grid),
        "step_column": _paint(class_="bp-step__column", fill="none", **grid),
        "step_title": _paint(class_="bp-step__title", fill=theme.text),
        "value_chain": _paint(class_="bp-step__value-chain", fill=theme.muted_text),
        "phase_band": _paint(
            class_="bp-phase__band",
            fill=theme.phase_fill,
            stroke=theme.background,
            stroke_width=theme.grid_width,
        ),
        "phase_title": _paint(class_="bp-phase__title", fill=theme.phase_text),
        "card_box": _paint(
            class_="bp-card__box",
            rx=theme.corner_radius,
            fill=theme.card_fill,
            stroke=theme.card_stroke,
            stroke_width=theme.card_stroke_width,
        ),
        "card_text": _paint(class_="bp-card__text", fill=theme.text),
        "card_meta": _paint(class_="bp-card__meta", fill=theme.muted_text),
        "badge_text": _paint(class_="bp-badge__text", fill=theme.badge_text),
        "edge": _paint(fill="none", stroke=theme.edge, stroke_width=theme.edge_width),
        "handoff_edge": _paint(
            fill="none", stroke=theme.handoff_edge, stroke_width=theme.handoff_edge_width
        ),
        "edge_label_box": _paint(class_="bp-edge__label-box", fill=theme.background),
        "edge_label": _paint(class_="bp-edge__label", fill=theme.muted_text),
    }
    for kind, fill in (
        ("fail", theme.fail_fill),
        ("wait", theme.wait_fill),
        ("handoff", theme.handoff_fill),
    ):
        styles[f"badge_{kind}"] = _paint(class_="bp-badge__box", rx=theme.badge_radius, fill=fill)
    for kind, (colour, dash) in lines.items():
        styles[f"line_{kind}"] = _paint(
            stroke=colour, stroke_width=theme.line_width, stroke_dasharray=dash
        )
        styles[f"line_label_{kind}"] = _paint(class_="bp-line__label", fill=colour)
    return MappingProxyType(styles)


def _lane_bands(layout: Layout | PendingLayout, theme: Theme) -> Mapping[str, Markup]:
    """The paint of each side's lane band."""
    return {
        lane.side: _paint(
            class_="bp-lane__band",
            fill=theme.lane_fill(lane.side),
            stroke=theme.grid,
            stroke_width=theme.grid_width,
        )
        for lane in layout.lanes
    }


@functools.cache
def _environment() -> jinja2.Environment:
    """The one template environment of the process."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("blueprint_render.render", "templates"),
        autoescape=True,  # every template is SVG: select_autoescape's defaults skip .svg
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        n=format_number,
        path_data=path_data,
        box=_box_attrs,
        text_attrs=_text_attrs,
        spans=_spans,
    )
    return env


def render_svg(
    layout: Layout | PendingLayout,
    *,
    theme: Theme,
    title: str,
    description: str,
    id_prefix: str | None = None,
) -> str:
    """The SVG document of ``layout``, painted in ``theme``.

    A :class:`~blueprint_render.layout.arrows.PendingLayout` is painted while its arrows are
    still being routed: the template reaches them last.

    ``title`` and ``description`` become the accessible ``<title>`` and ``<desc>`` of the
    drawing. Ids are prefixed with ``bp-`` and a hash of the document unless ``id_prefix`` is
    given (a letter, then letters, digits, ``_`` and ``-``), for pages that show one drawing
    twice.
    """
    if id_prefix is not None and not _PREFIX.match(id_prefix):
        raise ValueError(
            f"id_prefix {id_prefix!r} must be a letter then up to 63 letters, digits, _ or -"
        )
    template = _environment().get_template("blueprint.svg")
    svg = template.render(
        layout=layout,
        theme=theme,
        title=title,
        description=description,
        p=_PLACEHOLDER,
        s=_styles(theme),
        lane_bands=_lane_bands(layout, theme),
    )
    # characters XML cannot carry can only have come from user text: one pass for all of it
    if _NOT_XML.search(svg):
        svg = _NOT_XML.sub("\ufffd", svg)
    if id_prefix is None:
        id_prefix = "bp-" + hashlib.sha256(svg.encode("utf-8")).hexdigest()[:10]
    return svg.replace(_PLACEHOLDER, id_prefix)
