"""The rendering pipeline end to end: blueprint → layout → SVG → PNG/PDF, and saving to files."""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import Literal

from blueprint_render.atomic import write_atomic
from blueprint_render.layout import Layout
from blueprint_render.layout.arrows import PendingLayout, routing_sources
from blueprint_render.layout.graphviz_run import DEFAULT_TIMEOUT
from blueprint_render.layout.text import check_font
from blueprint_render.model import Blueprint
from blueprint_render.render.raster import svg_to_pdf, svg_to_png
from blueprint_render.render.svg import render_svg
from blueprint_render.theme import Theme, get_theme

__all__ = ["FORMATS", "Format", "describe", "format_for_path", "render", "save"]

Format = Literal["svg", "png", "pdf", "dot"]
FORMATS: tuple[Format, ...] = ("svg", "png", "pdf", "dot")
"""Output formats: the drawing as SVG, PNG or PDF; and as DOT, the graphs that Graphviz routes
(one per window of columns; arrows drawn straight are not in them), for debugging."""


def describe(bp: Blueprint) -> str:
    """A plain-language summary of a blueprint, for the drawing's ``<desc>`` (screen readers)."""
    lanes = bp.visible_lanes
    places = [p for p in bp.places() if p.lane in {lane.key for lane in lanes}]
    handoffs = sum(1 for flow in bp.flows if bp.is_handoff(flow))
    fails = sum(1 for p in places if p.card.fail)
    waits = sum(1 for p in places if p.card.wait)

    def count(number: int, noun: str) -> str:
        return f"{number} {noun}" if number == 1 else f"{number} {noun}s"

    return (
        f"Service blueprint of {bp.title}: {count(len(bp.steps), 'step')} "
        f"({'; '.join(step.title for step in bp.steps)}) across {count(len(lanes), 'lane')} "
        f"({'; '.join(lane.title for lane in lanes)}), with {count(len(places), 'card')}, "
        f"{count(len(bp.flows), 'flow')} ({count(handoffs, 'handoff')}), "
        f"{count(fails, 'fail point')} and {count(waits, 'wait point')}."
    )


def _svg(bp: Blueprint, layout: Layout | PendingLayout, theme: Theme) -> str:
    return render_svg(layout, theme=theme, title=bp.title, description=describe(bp))


def render(
    bp: Blueprint,
    format: Format = "svg",
    *,
    theme: Theme | str | None = None,
    scale: float = 1.0,
    dpi: float | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> bytes:
    """The drawing of ``bp`` in ``format`` (one of :data:`FORMATS`), as bytes.

    ``scale`` (or ``dpi``) sizes a PNG; ``timeout`` bounds the Graphviz calls together. The same
    blueprint and options give the same bytes on every run.
    """
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r} (must be one of {', '.join(FORMATS)})")
    chosen = get_theme(theme)
    if format == "dot":
        return "".join(routing_sources(bp, chosen)).encode("ascii")
    # the arrows are routed in the background while the rest is painted
    svg = _svg(bp, PendingLayout(bp, chosen, timeout=timeout), chosen)
    if format in ("png", "pdf"):
        check_font(chosen.font_family)  # the widths were measured for the font cairo must draw
    if format == "png":
        return svg_to_png(svg, scale=scale, dpi=dpi)
    if format == "pdf":
        return svg_to_pdf(svg, title=bp.title)
    return svg.encode("utf-8")


def format_for_path(path: str | os.PathLike[str], format: str | None = None) -> Format:
    """The output format for ``path``: ``format`` if given (warning when the suffix disagrees),
    else taken from the suffix."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if format is None:
        if suffix not in FORMATS:
            raise ValueError(
                f"cannot tell the format of {os.fspath(path)!r} from its suffix "
                f"(use one of .{', .'.join(FORMATS)}, or pass format=...)"
            )
        return suffix
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r} (must be one of {', '.join(FORMATS)})")
    if suffix and suffix != format:
        warnings.warn(
            f"writing {format} to {os.fspath(path)!r}, whose suffix says {suffix}",
            stacklevel=2,
        )
    return format


def save(
    bp: Blueprint,
    path: str | os.PathLike[str],
    *,
    format: Format | None = None,
    theme: Theme | str | None = None,
    scale: float = 1.0,
    dpi: float | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Path:
    """Render ``bp`` to ``path`` (the format from its suffix unless given), written atomically:
    a failure never leaves a partial file, and an existing file is replaced only when done."""
    chosen = format_for_path(path, format)
    data = render(bp, chosen, theme=theme, scale=scale, dpi=dpi, timeout=timeout)
    return write_atomic(path, data)
