"""The layout's result as plain data: every coordinate the drawing uses, in SVG user units.

The templates only paint what is here; they compute no geometry. y grows downwards.
"""

from __future__ import annotations

from typing import Literal

import attrs

__all__ = [
    "Badge",
    "Box",
    "CardGeometry",
    "ColumnGeometry",
    "EdgeGeometry",
    "LaneGeometry",
    "Layout",
    "LineGeometry",
    "PhaseGeometry",
    "Point",
    "TextBlock",
]

LineKind = Literal["interaction", "visibility", "internal"]
BadgeKind = Literal["fail", "wait", "handoff"]


@attrs.frozen
class Point:
    x: float
    y: float


@attrs.frozen
class Box:
    """An axis-aligned rectangle."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    @property
    def center(self) -> Point:
        return Point(self.x + self.width / 2, self.y + self.height / 2)

    def contains(self, other: Box, tolerance: float = 1e-6) -> bool:
        """Whether ``other`` lies wholly inside this box."""
        return (
            other.x >= self.x - tolerance
            and other.y >= self.y - tolerance
            and other.right <= self.right + tolerance
            and other.bottom <= self.bottom + tolerance
        )

    def overlaps(self, other: Box) -> bool:
        """Whether the interiors of the two boxes meet."""
        return (
            self.x < other.right
            and other.x < self.right
            and self.y < other.bottom
            and other.y < self.bottom
        )

    def inset(self, amount: float) -> Box:
        """The box shrunk by ``amount`` on every side."""
        return Box(
            self.x + amount, self.y + amount, self.width - 2 * amount, self.height - 2 * amount
        )


@attrs.frozen
class TextBlock:
    """Text wrapped into lines and placed: ``x`` and ``baselines`` say where each line goes.

    ``anchor`` is the SVG ``text-anchor`` (``start`` or ``middle``); ``widths`` are the measured
    widths of the lines, so ``box`` holds every line.
    """

    lines: tuple[str, ...]
    x: float
    baselines: tuple[float, ...]
    size: float
    bold: bool
    anchor: Literal["start", "middle"]
    widths: tuple[float, ...]
    box: Box


@attrs.frozen
class Badge:
    """A small marker with a short label: a fail point, a wait point or a handoff."""

    kind: BadgeKind
    box: Box
    text: TextBlock
    title: str
    """The full text, shown as a tooltip."""


@attrs.frozen
class LaneGeometry:
    """A swimlane band across the whole grid, with its title cell at the left."""

    key: str
    title: str
    side: str
    box: Box
    """The whole band, title column included."""
    title_box: Box
    title_text: TextBlock


@attrs.frozen
class ColumnGeometry:
    """A step column: its header cell and the x-range it gives every lane."""

    step_id: str
    index: int
    box: Box
    """From the top of the header to the bottom of the last lane."""
    header_box: Box
    title_text: TextBlock
    value_chain: TextBlock | None


@attrs.frozen
class PhaseGeometry:
    title: str
    step_ids: tuple[str, ...]
    box: Box
    text: TextBlock


@attrs.frozen
class LineGeometry:
    """One of the three lines: horizontal at ``y`` from ``x1`` to ``x2``, with its label."""

    kind: LineKind
    y: float
    x1: float
    x2: float
    label: TextBlock


@attrs.frozen
class CardGeometry:
    card_id: str
    lane: str
    step_index: int
    box: Box
    text: TextBlock
    """The statement, wrapped to the card."""
    meta: TextBlock | None
    """Owner and the lane's details (channel, SOP, threshold ...), in a smaller size."""
    badges: tuple[Badge, ...]
    title: str
    """The full statement, for the tooltip and for screen readers."""


@attrs.frozen
class EdgeGeometry:
    """An arrow as a polyline from the source card's border to the target card's border."""

    index: int
    """The flow's index in the blueprint."""
    source: str
    target: str
    points: tuple[Point, ...]
    handoff: bool
    label: TextBlock | None
    badge: Badge | None
    """The handoff marker, when the flow crosses owners."""


@attrs.frozen
class Layout:
    """Everything the drawing needs, computed from a blueprint and a theme."""

    width: float
    height: float
    title: TextBlock
    subtitle: TextBlock | None
    grid: Box
    """The lanes and columns, title column included (no header rows)."""
    lanes: tuple[LaneGeometry, ...]
    columns: tuple[ColumnGeometry, ...]
    phases: tuple[PhaseGeometry, ...]
    lines: tuple[LineGeometry, ...]
    cards: tuple[CardGeometry, ...]
    edges: tuple[EdgeGeometry, ...]
