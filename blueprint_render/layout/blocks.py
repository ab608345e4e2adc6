"""Wrapped, placed text: turning a string and a width into a :class:`TextBlock`."""

from __future__ import annotations

from typing import Literal

from blueprint_render.layout.geometry import Box, TextBlock
from blueprint_render.layout.text import measure, wrap

__all__ = [
    "ASCENT",
    "DESCENT",
    "LABEL_WIDTH",
    "block_height",
    "label_lines",
    "place_lines",
    "text_block",
]

ASCENT = 0.928
"""DejaVu Sans ascent, in em."""
DESCENT = 0.236
"""DejaVu Sans descent, in em."""


LABEL_WIDTH = 140.0
"""Widest an arrow's label may be before it wraps."""


def label_lines(text: str, size: float, line_height: float) -> tuple[tuple[str, ...], float, float]:
    """An arrow's label wrapped, with its width and height."""
    lines = wrap(text, LABEL_WIDTH, size)
    width = max((measure(line, size) for line in lines), default=0.0)
    return lines, width, block_height(len(lines), size, line_height)


def block_height(count: int, size: float, line_height: float) -> float:
    """The height of ``count`` lines of text."""
    return count * size * line_height


def place_lines(
    lines: tuple[str, ...],
    *,
    x: float,
    top: float,
    size: float,
    line_height: float,
    bold: bool = False,
    anchor: Literal["start", "middle"] = "start",
) -> TextBlock:
    """Place wrapped ``lines`` with their top at ``top``; ``x`` is the left edge or the centre."""
    step = size * line_height
    # each line's glyphs (ascent + descent) are centred in a slot one line high
    first = top + (step - (ASCENT + DESCENT) * size) / 2 + ASCENT * size
    widths = tuple(measure(line, size, bold=bold) for line in lines)
    widest = max(widths, default=0.0)
    left = x - widest / 2 if anchor == "middle" else x
    return TextBlock(
        lines=lines,
        x=x,
        baselines=tuple(first + i * step for i in range(len(lines))),
        size=size,
        bold=bold,
        anchor=anchor,
        widths=widths,
        box=Box(left, top, widest, block_height(len(lines), size, line_height)),
    )


def text_block(
    text: str,
    *,
    width: float,
    x: float,
    top: float,
    size: float,
    line_height: float,
    bold: bool = False,
    anchor: Literal["start", "middle"] = "start",
) -> TextBlock:
    """``text`` wrapped to ``width`` and placed with its top at ``top``."""
    return place_lines(
        wrap(text, width, size, bold=bold),
        x=x,
        top=top,
        size=size,
        line_height=line_height,
        bold=bold,
        anchor=anchor,
    )
