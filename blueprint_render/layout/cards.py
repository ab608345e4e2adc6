"""Cards: their content wrapped to a column (statement, details, badges), then placed."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from blueprint_render.layout.blocks import block_height, place_lines
from blueprint_render.layout.geometry import Badge, Box, CardGeometry
from blueprint_render.layout.text import measure, wrap
from blueprint_render.model import Blueprint, Card
from blueprint_render.theme import Theme

__all__ = ["GAP", "CardDraft", "badge", "badge_width", "card_width", "draft_card", "place_card"]

_DETAIL_LABELS = {
    "channel": "Channel",
    "artefact": "Artefact",
    "role": "Role",
    "sop": "SOP",
    "system": "System",
    "data": "Data",
    "control": "Control",
    "risk": "Risk",
    "kind": "Measure",
    "threshold": "Threshold",
    "sampling": "Sampling",
}
GAP = 4.0
"""Space between the blocks inside a card, and between badges."""
_BADGE_PAD = 6.0


@attrs.frozen
class CardDraft:
    """A card's content, wrapped to its column, not yet placed."""

    card: Card
    statement: tuple[str, ...]
    meta: tuple[str, ...]
    badges: tuple[tuple[str, str, str], ...]
    """(kind, label, full text) of each badge."""
    height: float


def _meta_entries(bp: Blueprint, card: Card) -> list[str]:
    entries = []
    if card.owner:
        entries.append(f"Owner: {bp.owner_name(card.owner)}")
    entries.extend(f"{_DETAIL_LABELS[name]}: {value}" for name, value in card.details().items())
    if card.fail:
        entries.append(f"Fail point: {card.fail}")
    return entries


def _badge_specs(bp: Blueprint, card: Card) -> tuple[tuple[str, str, str], ...]:
    del bp
    specs = []
    if card.fail:
        specs.append(("fail", "FAIL POINT", card.fail))
    if card.wait:
        specs.append(("wait", f"WAIT {card.wait}", f"Wait point: {card.wait}"))
    return tuple(specs)


def _natural_width(bp: Blueprint, card: Card, theme: Theme) -> float:
    """How wide a card would be to hold its statement on one line."""
    pad = 2 * theme.card_padding
    widths = [measure(_one_line(card.text), theme.card_size) + pad]
    widths.extend(
        measure(_one_line(entry), theme.meta_size) + pad for entry in _meta_entries(bp, card)
    )
    widths.append(
        sum(
            measure(label, theme.badge_size, bold=True) + 2 * _BADGE_PAD + GAP
            for _, label, _ in _badge_specs(bp, card)
        )
        + pad
    )
    return max(widths)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def card_width(bp: Blueprint, cards: Sequence[Card], theme: Theme) -> float:
    """A column's card width: its widest card, within the theme's bounds."""
    natural = max((_natural_width(bp, card, theme) for card in cards), default=0.0)
    return min(theme.card_max_width, max(theme.card_min_width, natural))


def draft_card(bp: Blueprint, card: Card, width: float, theme: Theme) -> CardDraft:
    inner = width - 2 * theme.card_padding
    statement = wrap(card.text, inner, theme.card_size)
    meta = tuple(
        line for entry in _meta_entries(bp, card) for line in wrap(entry, inner, theme.meta_size)
    )
    badges = _badge_specs(bp, card)
    height = 2 * theme.card_padding + block_height(
        len(statement), theme.card_size, theme.line_height
    )
    if meta:
        height += GAP + block_height(len(meta), theme.meta_size, theme.line_height)
    if badges:
        height += GAP + _badge_rows(badges, inner, theme) * (theme.badge_height + GAP) - GAP
    return CardDraft(card, statement, meta, badges, height)


def badge_width(label: str, theme: Theme) -> float:
    """The width of a badge pill holding ``label``."""
    return measure(label, theme.badge_size, bold=True) + 2 * _BADGE_PAD


def _badge_rows(badges: Sequence[tuple[str, str, str]], inner: float, theme: Theme) -> int:
    return len(_badge_positions(badges, 0.0, inner, theme))


def _badge_positions(
    badges: Sequence[tuple[str, str, str]], left: float, inner: float, theme: Theme
) -> list[list[tuple[float, float, tuple[str, str, str]]]]:
    """Badges flowed into rows: for each row, (x, width, spec) of each badge."""
    rows: list[list[tuple[float, float, tuple[str, str, str]]]] = []
    x = left
    for spec in badges:
        width = min(badge_width(spec[1], theme), inner)
        if not rows or x + width > left + inner + 1e-9:
            rows.append([])
            x = left
        rows[-1].append((x, width, spec))
        x += width + GAP
    return rows


def place_card(draft: CardDraft, index: int, box: Box, theme: Theme) -> CardGeometry:
    pad = theme.card_padding
    inner = box.width - 2 * pad
    statement = place_lines(
        draft.statement,
        x=box.x + pad,
        top=box.y + pad,
        size=theme.card_size,
        line_height=theme.line_height,
    )
    top = statement.box.bottom
    meta = None
    if draft.meta:
        meta = place_lines(
            draft.meta,
            x=box.x + pad,
            top=top + GAP,
            size=theme.meta_size,
            line_height=theme.line_height,
        )
        top = meta.box.bottom
    badges = []
    for row in _badge_positions(draft.badges, box.x + pad, inner, theme):
        top += GAP
        for x, width, (kind, label, title) in row:
            badges.append(badge(kind, label, title, Box(x, top, width, theme.badge_height), theme))
        top += theme.badge_height
    assert draft.card.id is not None
    return CardGeometry(
        card_id=draft.card.id,
        lane=draft.card.lane,
        step_index=index,
        box=box,
        text=statement,
        meta=meta,
        badges=tuple(badges),
        title=draft.card.text,
    )


def badge(kind: str, label: str, title: str, box: Box, theme: Theme) -> Badge:
    """A pill with its label centred (and cut to fit, the full text in ``title``)."""
    lines = wrap(label, box.width - 2 * _BADGE_PAD, theme.badge_size, bold=True)[:1]
    text = place_lines(
        lines,
        x=box.center.x,
        top=box.y + (box.height - theme.badge_size * theme.line_height) / 2,
        size=theme.badge_size,
        line_height=theme.line_height,
        bold=True,
        anchor="middle",
    )
    return Badge(kind=kind, box=box, text=text, title=title)  # type: ignore[arg-type]
