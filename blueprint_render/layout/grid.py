"""The swimlane grid: lane bands, step columns, phases, the three lines, and cards in cells.

Structure is computed exactly here, never by Graphviz: lanes in order and tiling the lane
area, columns aligned across every lane, each line on the boundary between its sides.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from blueprint_render.layout.blocks import block_height, label_lines, place_lines, text_block
from blueprint_render.layout.cards import GAP, CardDraft, card_width, draft_card, place_card
from blueprint_render.layout.geometry import (
    Box,
    ColumnGeometry,
    LaneGeometry,
    Layout,
    LineGeometry,
    LineKind,
    PhaseGeometry,
)
from blueprint_render.layout.text import wrap
from blueprint_render.model import Blueprint, Card, Lane, Side
from blueprint_render.theme import Theme

__all__ = ["build_grid"]

_LINE_NAMES: dict[LineKind, str] = {
    "interaction": "Line of interaction",
    "visibility": "Line of visibility",
    "internal": "Line of internal interaction",
}
_LINE_BELOW: dict[LineKind, Side] = {
    "interaction": Side.FRONTSTAGE,
    "visibility": Side.BACKSTAGE,
    "internal": Side.SUPPORT,
}
"""Each line lies above the first lane of this side or any side below it."""


def build_grid(bp: Blueprint, theme: Theme) -> Layout:
    """Lay out every lane, column, phase, line and card of ``bp``: the layout less its arrows
    (``edges`` is empty)."""
    lanes = bp.visible_lanes
    shown = {lane.key for lane in lanes}
    widths = [card_width(bp, step_cards, theme) for step_cards in _cards_by_step(bp, shown)]
    drafts: dict[tuple[int, str], list[CardDraft]] = {}
    for index, step in enumerate(bp.steps):
        for card in step.cards:
            if card.lane in shown:
                drafts.setdefault((index, card.lane), []).append(
                    draft_card(bp, card, widths[index], theme)
                )

    pad = theme.cell_padding
    gap_after, column_extra = _label_room(bp, drafts, theme)
    column_widths = [
        width + 2 * pad + extra for width, extra in zip(widths, column_extra, strict=True)
    ]
    left = theme.margin
    grid_left = left + theme.lane_title_width
    grid_right = grid_left + sum(column_widths)
    full_width = grid_right - left

    # title and subtitle
    top = theme.margin
    title = text_block(
        bp.title,
        width=full_width,
        x=left,
        top=top,
        size=theme.title_size,
        line_height=theme.line_height,
        bold=True,
    )
    top = title.box.bottom
    subtitle = None
    if _subtitle_text(bp):
        subtitle = text_block(
            _subtitle_text(bp),
            width=full_width,
            x=left,
            top=top + GAP,
            size=theme.subtitle_size,
            line_height=theme.line_height,
        )
        top = subtitle.box.bottom
    top += theme.margin / 2

    # column x positions
    xs = [grid_left]
    for width in column_widths:
        xs.append(xs[-1] + width)

    # phase band
    phase_height = 0.0
    if bp.phases:
        phase_height = theme.header_size * theme.line_height + 2 * theme.card_padding
        for phase in bp.phases:
            first, last = _phase_span(bp, phase.steps)
            inner = xs[last + 1] - xs[first] - 2 * theme.card_padding
            lines = wrap(phase.title, inner, theme.header_size, bold=True)
            phase_height = max(
                phase_height,
                block_height(len(lines), theme.header_size, theme.line_height)
                + 2 * theme.card_padding,
            )
    phase_top = top
    header_top = top + phase_height

    # step headers
    headers = []
    header_height = 0.0
    for index, step in enumerate(bp.steps):
        inner = column_widths[index] - 2 * theme.card_padding
        lines = wrap(step.title, inner, theme.header_size, bold=True)
        chain = step.value_chain.value.capitalize() if step.value_chain else None
        chain_lines = wrap(chain, inner, theme.meta_size) if chain else ()
        headers.append((lines, chain_lines))
        height = block_height(len(lines), theme.header_size, theme.line_height)
        if chain_lines:
            height += GAP + block_height(len(chain_lines), theme.meta_size, theme.line_height)
        header_height = max(header_height, height + 2 * theme.card_padding)
    lanes_top = header_top + header_height

    # lane heights
    title_inner = theme.lane_title_width - 2 * theme.card_padding
    lane_titles = [
        wrap(lane.title, title_inner, theme.lane_title_size, bold=True) for lane in lanes
    ]
    heights = []
    for lane, title_lines in zip(lanes, lane_titles, strict=True):
        title_need = (
            block_height(len(title_lines), theme.lane_title_size, theme.line_height) + 2 * pad + 16
        )
        cells = [
            sum(d.height + _gap(d, gap_after, theme) for d in drafts.get((index, lane.key), []))
            - (theme.card_gap if drafts.get((index, lane.key)) else 0)
            + 2 * pad
            for index in range(len(bp.steps))
        ]
        heights.append(max([theme.empty_lane_height, title_need, *cells]))
    ys = [lanes_top]
    for height in heights:
        ys.append(ys[-1] + height)
    lanes_bottom = ys[-1]

    lane_geoms = tuple(
        _lane(lane, title_lines, Box(left, ys[i], full_width, heights[i]), theme)
        for i, (lane, title_lines) in enumerate(zip(lanes, lane_titles, strict=True))
    )
    columns = tuple(
        _column(
            index,
            step.id,
            headers[index],
            Box(xs[index], header_top, column_widths[index], lanes_bottom - header_top),
            header_height,
            theme,
        )
        for index, step in enumerate(bp.steps)
    )
    phases = tuple(
        _phase(phase.title, phase.steps, bp, xs, phase_top, phase_height, theme)
        for phase in bp.phases
    )
    cards = []
    for index in range(len(bp.steps)):
        x = xs[index] + pad
        for lane_index, lane in enumerate(lanes):
            y = ys[lane_index] + pad
            for draft in drafts.get((index, lane.key), []):
                cards.append(
                    place_card(draft, index, Box(x, y, widths[index], draft.height), theme)
                )
                y += draft.height + _gap(draft, gap_after, theme)
    return Layout(
        # whole pixels, so the background covers every pixel of a PNG
        width=math.ceil(grid_right + theme.margin),
        height=math.ceil(lanes_bottom + theme.margin),
        title=title,
        subtitle=subtitle,
        grid=Box(left, lanes_top, full_width, lanes_bottom - lanes_top),
        lanes=lane_geoms,
        columns=columns,
        phases=phases,
        lines=_lines(lanes, ys, left, grid_right, theme),
        cards=tuple(cards),
        edges=(),
    )


def _label_room(
    bp: Blueprint, drafts: dict[tuple[int, str], list[CardDraft]], theme: Theme
) -> tuple[dict[str, float], list[float]]:
    """Room for the labels of short arrows: extra space below a card whose next card in the
    cell a labelled flow joins it to, and extra width right of a column whose neighbour a
    labelled flow in the same lane reaches, so the label sits beside the arrow, not over it."""
    gap_after: dict[str, float] = {}
    column_extra = [0.0] * len(bp.steps)
    below = {
        cell[k].card.id: cell[k + 1].card.id
        for cell in drafts.values()
        for k in range(len(cell) - 1)
    }
    for flow in bp.flows:
        if not flow.label:
            continue
        _, width, height = label_lines(flow.label, theme.meta_size, theme.line_height)
        for upper, lower in ((flow.source, flow.target), (flow.target, flow.source)):
            if below.get(upper) == lower:
                gap_after[upper] = max(gap_after.get(upper, 0.0), height + 8)
        source, target = bp.place(flow.source), bp.place(flow.target)
        if source.lane == target.lane and abs(source.step - target.step) == 1:
            left = min(source.step, target.step)
            need = width + 16 - 2 * theme.cell_padding
            column_extra[left] = max(column_extra[left], need)
    return gap_after, column_extra


def _gap(draft: CardDraft, gap_after: dict[str, float], theme: Theme) -> float:
    """The space below a card, before the next in its cell."""
    return theme.card_gap + gap_after.get(draft.card.id or "", 0.0)


def _cards_by_step(bp: Blueprint, shown: set[str]) -> list[list[Card]]:
    return [[card for card in step.cards if card.lane in shown] for step in bp.steps]


def _subtitle_text(bp: Blueprint) -> str:
    parts = [bp.scenario] if bp.scenario else []
    if bp.service_owner:
        parts.append(f"Service owner: {bp.service_owner}")
    if bp.version:
        parts.append(f"Version {bp.version}")
    return " · ".join(parts)


def _lane(lane: Lane, title_lines: tuple[str, ...], box: Box, theme: Theme) -> LaneGeometry:
    title_box = Box(box.x, box.y, theme.lane_title_width, box.height)
    height = block_height(len(title_lines), theme.lane_title_size, theme.line_height)
    text = place_lines(
        title_lines,
        x=box.x + theme.card_padding,
        top=box.y + (box.height - height) / 2,
        size=theme.lane_title_size,
        line_height=theme.line_height,
        bold=True,
    )
    return LaneGeometry(
        key=lane.key,
        title=lane.title,
        side=lane.side.value,
        box=box,
        title_box=title_box,
        title_text=text,
    )


def _column(
    index: int,
    step_id: str,
    header: tuple[tuple[str, ...], tuple[str, ...]],
    box: Box,
    header_height: float,
    theme: Theme,
) -> ColumnGeometry:
    lines, chain_lines = header
    title = place_lines(
        lines,
        x=box.center.x,
        top=box.y + theme.card_padding,
        size=theme.header_size,
        line_height=theme.line_height,
        bold=True,
        anchor="middle",
    )
    chain = None
    if chain_lines:
        chain = place_lines(
            chain_lines,
            x=box.center.x,
            top=title.box.bottom + GAP,
            size=theme.meta_size,
            line_height=theme.line_height,
            anchor="middle",
        )
    return ColumnGeometry(
        step_id=step_id,
        index=index,
        box=box,
        header_box=Box(box.x, box.y, box.width, header_height),
        title_text=title,
        value_chain=chain,
    )


def _phase_span(bp: Blueprint, step_ids: Sequence[str]) -> tuple[int, int]:
    indices = [i for i, step in enumerate(bp.steps) if step.id in set(step_ids)]
    return min(indices), max(indices)


def _phase(
    title: str,
    step_ids: tuple[str, ...],
    bp: Blueprint,
    xs: Sequence[float],
    top: float,
    height: float,
    theme: Theme,
) -> PhaseGeometry:
    first, last = _phase_span(bp, step_ids)
    box = Box(xs[first], top, xs[last + 1] - xs[first], height)
    lines = wrap(title, box.width - 2 * theme.card_padding, theme.header_size, bold=True)
    text = place_lines(
        lines,
        x=box.center.x,
        top=box.y
        + (box.height - block_height(len(lines), theme.header_size, theme.line_height)) / 2,
        size=theme.header_size,
        line_height=theme.line_height,
        bold=True,
        anchor="middle",
    )
    return PhaseGeometry(title=title, step_ids=step_ids, box=box, text=text)


def _lines(
    lanes: Sequence[Lane], ys: Sequence[float], left: float, right: float, theme: Theme
) -> tuple[LineGeometry, ...]:
    """The three lines, each above the first lane on or below its side."""
    lines: list[LineGeometry] = []
    label_height = theme.line_label_size * theme.line_height
    for kind, side in _LINE_BELOW.items():
        index = next((i for i, lane in enumerate(lanes) if lane.side.rank >= side.rank), len(lanes))
        y = ys[index]
        # labels sit just below their line, stacked where lines coincide (an empty side)
        stacked = sum(1 for line in lines if line.y == y)
        label = place_lines(
            (_LINE_NAMES[kind],),
            x=left + theme.card_padding / 2,
            top=y + 2 + stacked * label_height,
            size=theme.line_label_size,
            line_height=theme.line_height,
        )
        lines.append(LineGeometry(kind=kind, y=y, x1=left, x2=right, label=label))
    return tuple(lines)
