"""The parts of a blueprint: owners, cards, steps, phases and flows."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from blueprint_render.errors import BlueprintError
from blueprint_render.model.lanes import LANE_FIELDS, Lane
from blueprint_render.model.text import check_duration, check_id, check_text
from blueprint_render.model.vocab import MeasureKind, ValueChain

__all__ = ["DETAIL_FIELDS", "Card", "Flow", "Owner", "Phase", "Step", "derived_card_id"]

DETAIL_FIELDS = tuple(sorted({f for fields in LANE_FIELDS.values() for f in fields}))
"""Every lane-specific card field."""


def _optional(parse: type[MeasureKind] | type[ValueChain], name: str, *, kw_only: bool) -> Any:
    """An optional enum field that accepts any usual spelling of a member."""

    def convert(value: object) -> object:
        if value is None:
            return None
        try:
            return parse.parse(value)
        except ValueError as err:
            raise BlueprintError.single(name, str(err)) from None

    return attrs.field(default=None, converter=convert, kw_only=kw_only)


def _text_tuple(values: Iterable[str] | str) -> tuple[str, ...]:
    if isinstance(values, str):
        return (values,)
    return tuple(values)


def _check_texts(
    instance: object, attribute: attrs.Attribute[tuple[str, ...]], value: object
) -> None:
    for item in value:  # type: ignore[attr-defined]
        check_text(instance, attribute, item)


@attrs.frozen
class Owner:
    """A team or role that owns elements of the blueprint, by a short id."""

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(validator=check_text)


@attrs.frozen
class Card:
    """One element of the blueprint: an atomic statement in one lane of one step.

    Every card may have an owner (an id from the blueprint's owner registry), a fail point and
    a wait point; the standard lanes add their own fields (see :data:`LANE_FIELDS`).
    """

    text: str = attrs.field(validator=check_text)
    lane: str = attrs.field(validator=attrs.validators.instance_of(str))
    id: str | None = attrs.field(default=None, kw_only=True, validator=check_id)
    owner: str | None = attrs.field(default=None, kw_only=True, validator=check_id)
    fail: str | None = attrs.field(default=None, kw_only=True, validator=check_text)
    wait: str | None = attrs.field(default=None, kw_only=True, validator=check_duration)
    channel: str | None = attrs.field(default=None, kw_only=True, validator=check_text)
    artefact: str | None = attrs.field(default=None, kw_only=True, validator=check_text)
    role: str | None = attrs.field(default=None, kw_only=True, validator=check_text)
    sop: str | None = attrs.field(default=None, kw_only=True, validator=check_text)
    system: str | None = attrs.field(default=None, kw_only=True, validator=check_text)
    data: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=_text_tuple, validator=_check_texts
    )
    control: str | None = attrs.field(default=None, kw_only=True, validator=check_text)
    risk: str | None = attrs.field(default=None, kw_only=True, validator=check_text)
    kind: MeasureKind | None = _optional(MeasureKind, "kind", kw_only=True)
    threshold: str | None = attrs.field(default=None, kw_only=True, validator=check_text)
    sampling: str | None = attrs.field(default=None, kw_only=True, validator=check_text)

    def __attrs_post_init__(self) -> None:
        allowed = LANE_FIELDS.get(self.lane, ())
        for name in DETAIL_FIELDS:
            if name not in allowed and getattr(self, name) not in (None, ()):
                owners = [lane for lane, fields in LANE_FIELDS.items() if name in fields]
                raise BlueprintError.single(
                    name, f"`{name}` belongs on {owners[0]} cards, not on {self.lane} cards"
                )

    def details(self) -> dict[str, str]:
        """The lane-specific fields that are set, as display text, in lane order."""
        shown: dict[str, str] = {}
        for name in LANE_FIELDS.get(self.lane, ()):
            value = getattr(self, name)
            if isinstance(value, tuple):
                if value:
                    shown[name] = ", ".join(value)
            elif isinstance(value, MeasureKind):
                shown[name] = value.value
            elif value is not None:
                shown[name] = value
        return shown


def derived_card_id(step_id: str, lane: str, position: int) -> str:
    """The id a card gets when none is given: ``<step>.<lane>.<n>``, n counting from 1."""
    return f"{step_id}.{lane}.{position}"


def _group_by_lane(cards: Iterable[Card]) -> tuple[Card, ...]:
    """Cards grouped by lane, lanes in order of first appearance, cards in order within each."""
    cells: dict[str, list[Card]] = {}
    for card in cards:
        if not isinstance(card, Card):
            raise BlueprintError.single("cards", f"expected a Card, got {type(card).__name__}")
        cells.setdefault(card.lane, []).append(card)
    return tuple(card for cell in cells.values() for card in cell)


@attrs.frozen
class Step:
    """A column of the blueprint: one step of the journey, and the cards in each lane.

    ``cards`` is kept grouped by lane (in order of first appearance), and every card without an
    id gets a derived one (:func:`derived_card_id`).
    """

    id: str = attrs.field(validator=check_id)
    title: str = attrs.field(validator=check_text)
    value_chain: ValueChain | None = _optional(ValueChain, "value_chain", kw_only=False)
    cards: tuple[Card, ...] = attrs.field(default=(), kw_only=True, converter=_group_by_lane)

    def __attrs_post_init__(self) -> None:
        counts: dict[str, int] = {}
        named = []
        for card in self.cards:
            counts[card.lane] = counts.get(card.lane, 0) + 1
            if card.id is None:
                card = attrs.evolve(card, id=derived_card_id(self.id, card.lane, counts[card.lane]))
            named.append(card)
        object.__setattr__(self, "cards", tuple(named))

    def cell(self, lane: str | Lane) -> tuple[Card, ...]:
        """The cards of this step in one lane, in order."""
        key = lane.key if isinstance(lane, Lane) else lane
        return tuple(card for card in self.cards if card.lane == key)

    def lanes(self) -> tuple[str, ...]:
        """The keys of the lanes this step has cards in, in order of first appearance."""
        return tuple(dict.fromkeys(card.lane for card in self.cards))


@attrs.frozen
class Phase:
    """A band over a contiguous run of steps, named by their ids."""

    title: str = attrs.field(validator=check_text)
    steps: tuple[str, ...] = attrs.field(converter=_text_tuple)

    @steps.validator
    def _check_steps(
        self, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
    ) -> None:
        if not value:
            raise BlueprintError.single("steps", "a phase needs at least one step")
        for item in value:
            check_id(self, attribute, item)


@attrs.frozen
class Flow:
    """An arrow from one card to another, by their ids, with an optional label."""

    source: str = attrs.field(validator=check_id)
    target: str = attrs.field(validator=check_id)
    label: str | None = attrs.field(default=None, validator=check_text)
