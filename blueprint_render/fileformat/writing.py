"""A blueprint as canonical plain data: what a person would write, defaults left out.

* ``lanes`` is left out when the lanes are the default ones; otherwise the hidden standard
  lanes at the end, which the loader adds back by itself, are left out;
* a card id equal to the one that would be derived at its place is left out;
* a card with nothing but text is written as its text; an unlabelled flow as ``[from, to]``.

Reading the data back gives an equal blueprint.
"""

from __future__ import annotations

from typing import Any

import attrs

from blueprint_render.fileformat.schema import FORMAT_VERSION
from blueprint_render.model import (
    STANDARD_LANES,
    Blueprint,
    Card,
    Flow,
    Lane,
    Step,
    derived_card_id,
)
from blueprint_render.model.lanes import LANE_FIELDS, standard_lane
from blueprint_render.model.vocab import MeasureKind

__all__ = ["to_data"]

_COMMON = ("owner", "fail", "wait")


def to_data(bp: Blueprint) -> dict[str, Any]:
    """The plain data (dicts, lists, strings, ints) of a blueprint file for ``bp``."""
    data: dict[str, Any] = {"blueprint": FORMAT_VERSION, "id": bp.id, "title": bp.title}
    for name in ("scenario", "service_owner", "version"):
        value = getattr(bp, name)
        if value is not None:
            data[name] = value
    if bp.owners:
        data["owners"] = {owner.id: owner.name for owner in bp.owners}
    lanes = _lanes(bp.lanes)
    if lanes is not None:
        data["lanes"] = lanes
    if bp.phases:
        data["phases"] = [{"title": p.title, "steps": list(p.steps)} for p in bp.phases]
    data["steps"] = [_step(step) for step in bp.steps]
    if bp.flows:
        data["flows"] = [_flow(flow) for flow in bp.flows]
    return data


def _readded(listed: tuple[Lane, ...]) -> tuple[Lane, ...]:
    """The lanes the loader adds after those listed: the unlisted standard ones, hidden."""
    keys = {lane.key for lane in listed}
    return tuple(attrs.evolve(lane, hidden=True) for lane in STANDARD_LANES if lane.key not in keys)


def _lanes(lanes: tuple[Lane, ...]) -> list[str | dict[str, Any]] | None:
    if lanes == STANDARD_LANES:
        return None
    count = next(n for n in range(len(lanes) + 1) if lanes[:n] + _readded(lanes[:n]) == lanes)
    return [_lane(lane) for lane in lanes[:count]]


def _lane(lane: Lane) -> str | dict[str, Any]:
    standard = standard_lane(lane.key)
    if standard is not None and lane == standard:
        return lane.key
    data: dict[str, Any] = {"key": lane.key}
    if standard is None or lane.title != standard.title:
        data["title"] = lane.title
    if standard is None or lane.side != standard.side:
        data["side"] = lane.side.value
    if lane.hidden:
        data["hidden"] = True
    return data


def _step(step: Step) -> dict[str, Any]:
    data: dict[str, Any] = {"id": step.id, "title": step.title}
    if step.value_chain is not None:
        data["value_chain"] = step.value_chain.value
    for lane in step.lanes():
        data[lane] = [
            _card(card, derived_card_id(step.id, lane, position))
            for position, card in enumerate(step.cell(lane), start=1)
        ]
    return data


def _card(card: Card, derived_id: str) -> str | dict[str, Any]:
    data: dict[str, Any] = {}
    if card.id != derived_id:
        data["id"] = card.id
    data["text"] = card.text
    for name in (*_COMMON, *LANE_FIELDS.get(card.lane, ())):
        value = getattr(card, name)
        if value is None or value == ():
            continue
        if isinstance(value, MeasureKind):
            value = value.value
        elif isinstance(value, tuple):
            value = list(value)
        data[name] = value
    return card.text if list(data) == ["text"] else data


def _flow(flow: Flow) -> list[str] | dict[str, str]:
    if flow.label is None:
        return [flow.source, flow.target]
    return {"from": flow.source, "to": flow.target, "label": flow.label}
