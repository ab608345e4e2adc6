"""The blueprint: its steps, lanes, phases, flows and owners, checked as a whole."""

from __future__ import annotations

import functools
from collections.abc import Container, Iterable, Iterator, Mapping
from typing import Any

import attrs

from blueprint_render.errors import BlueprintError, Problem
from blueprint_render.model import limits
from blueprint_render.model.elements import Card, Flow, Owner, Phase, Step
from blueprint_render.model.lanes import STANDARD_LANES, Lane, standard_lane
from blueprint_render.model.suggest import did_you_mean
from blueprint_render.model.text import check_id, check_text

__all__ = ["Blueprint", "CardPlace"]


def _owners(value: Mapping[str, str] | Iterable[Owner]) -> tuple[Owner, ...]:
    if isinstance(value, Mapping):
        return tuple(Owner(key, name) for key, name in value.items())
    return tuple(value)


def _lanes(value: Iterable[Lane | str] | None) -> tuple[Lane, ...]:
    """Lanes as given (standard lanes may be named by key), then unlisted standard lanes, hidden."""
    if value is None:
        return STANDARD_LANES
    listed: list[Lane] = []
    for item in value:
        if isinstance(item, str):
            lane = standard_lane(item)
            if lane is None:
                hint = did_you_mean(item, [s.key for s in STANDARD_LANES])
                raise BlueprintError.single(
                    "lanes",
                    f"`{item}` is not a standard lane{hint}"
                    " (declare a custom lane with a key, a title and a side)",
                )
            item = lane
        listed.append(item)
    keys = {lane.key for lane in listed}
    return tuple(listed) + tuple(
        attrs.evolve(lane, hidden=True) for lane in STANDARD_LANES if lane.key not in keys
    )


def _steps(value: Iterable[Step]) -> tuple[Step, ...]:
    return tuple(value)


def _phases(value: Iterable[Phase]) -> tuple[Phase, ...]:
    return tuple(value)


def _flows(value: Iterable[Flow | tuple[str, str] | tuple[str, str, str]]) -> tuple[Flow, ...]:
    return tuple(item if isinstance(item, Flow) else Flow(*item) for item in value)


@attrs.frozen
class CardPlace:
    """Where a card sits: its step's index, its lane's key, its position in that cell."""

    step: int
    lane: str
    position: int
    card: Card

    @property
    def path(self) -> str:
        """The card's field path in the file: ``steps[2].backstage[0]``."""
        return f"steps[{self.step}].{self.lane}[{self.position}]"


@attrs.frozen
class Blueprint:
    """A service blueprint: one scenario as a grid of steps (columns) and lanes (rows).

    Construction checks the whole blueprint and raises :class:`BlueprintError` listing every
    problem found: duplicate ids, flows to unknown cards, owners missing from the registry,
    phases over unknown or non-consecutive steps, lanes out of order across the lines.
    """

    id: str = attrs.field(validator=check_id)
    title: str = attrs.field(validator=check_text)
    steps: tuple[Step, ...] = attrs.field(default=(), converter=_steps)
    scenario: str | None = attrs.field(default=None, kw_only=True, validator=check_text)
    service_owner: str | None = attrs.field(default=None, kw_only=True, validator=check_text)
    version: str | None = attrs.field(default=None, kw_only=True, validator=check_text)
    owners: tuple[Owner, ...] = attrs.field(default=(), kw_only=True, converter=_owners)
    lanes: tuple[Lane, ...] = attrs.field(default=None, kw_only=True, converter=_lanes)
    phases: tuple[Phase, ...] = attrs.field(default=(), kw_only=True, converter=_phases)
    flows: tuple[Flow, ...] = attrs.field(default=(), kw_only=True, converter=_flows)

    def __attrs_post_init__(self) -> None:
        problems = list(_check(self))
        if problems:
            raise BlueprintError(problems)

    @functools.cached_property
    def _places(self) -> dict[str, CardPlace]:
        places: dict[str, CardPlace] = {}
        for index, step in enumerate(self.steps):
            positions: dict[str, int] = {}
            for card in step.cards:
                position = positions.get(card.lane, 0)
                positions[card.lane] = position + 1
                assert card.id is not None  # every card in a step has an id
                places.setdefault(card.id, CardPlace(index, card.lane, position, card))
        return places

    def places(self) -> Iterator[CardPlace]:
        """Every card with where it sits, step by step."""
        return iter(self._places.values())

    def card(self, card_id: str) -> Card:
        """The card with this id; KeyError when there is none."""
        return self._places[card_id].card

    def place(self, card_id: str) -> CardPlace:
        """Where the card with this id sits; KeyError when there is none."""
        return self._places[card_id]

    @property
    def visible_lanes(self) -> tuple[Lane, ...]:
        """The lanes drawn, top to bottom."""
        return tuple(lane for lane in self.lanes if not lane.hidden)

    def owner_name(self, owner_id: str | None) -> str | None:
        """The registered name of an owner id (None for None)."""
        if owner_id is None:
            return None
        return next((o.name for o in self.owners if o.id == owner_id), owner_id)

    def with_card(self, card_id: str, **changes: Any) -> Blueprint:
        """A copy with one card changed (``attrs.evolve`` of it); KeyError for an unknown id.

        >>> risky = bp.with_card("c-wait", fail="Callers hang up.")  # doctest: +SKIP
        """
        index = self.place(card_id).step
        step = self.steps[index]
        cards = [attrs.evolve(c, **changes) if c.id == card_id else c for c in step.cards]
        steps = (*self.steps[:index], attrs.evolve(step, cards=cards), *self.steps[index + 1 :])
        return attrs.evolve(self, steps=steps)

    def with_lanes_hidden(self, *keys: str, hidden: bool = True) -> Blueprint:
        """A copy with these lanes hidden (or shown again, with ``hidden=False``); their cards
        stay in the blueprint. KeyError for a key that names no lane."""
        unknown = set(keys) - {lane.key for lane in self.lanes}
        if unknown:
            raise KeyError(f"no lane has the key {', '.join(sorted(unknown))}")
        lanes = [
            attrs.evolve(lane, hidden=hidden) if lane.key in keys else lane for lane in self.lanes
        ]
        return attrs.evolve(self, lanes=lanes)

    def _repr_mimebundle_(
        self, include: Container[str] | None = None, exclude: Container[str] | None = None
    ) -> dict[str, str | bytes]:
        """Inline display in notebooks: SVG by default, PNG when asked for."""
        from blueprint_render.notebook import mimebundle  # rendering is at the edge

        return mimebundle(self, include, exclude)

    def is_handoff(self, flow: Flow) -> bool:
        """Whether a flow crosses from one owner to another (both cards having an owner)."""
        source = self.card(flow.source).owner
        target = self.card(flow.target).owner
        return source is not None and target is not None and source != target


def _check(bp: Blueprint) -> Iterator[Problem]:
    """Every problem of the blueprint as a whole, with file paths."""
    yield from _check_caps(bp)
    yield from _check_lanes(bp)
    yield from _check_steps(bp)
    yield from _check_owners(bp)
    yield from _check_flows(bp)
    yield from _check_phases(bp)


def _check_caps(bp: Blueprint) -> Iterator[Problem]:
    counts = {
        "steps": (len(bp.steps), limits.MAX_STEPS),
        "lanes": (len(bp.lanes), limits.MAX_LANES),
        "flows": (len(bp.flows), limits.MAX_FLOWS),
        "phases": (len(bp.phases), limits.MAX_PHASES),
        "owners": (len(bp.owners), limits.MAX_OWNERS),
    }
    for path, (count, cap) in counts.items():
        if count > cap:
            yield Problem(path, f"has {count:,} items; the limit is {cap:,}")
    cards = sum(len(step.cards) for step in bp.steps)
    if cards > limits.MAX_CARDS:
        yield Problem("steps", f"hold {cards:,} cards; the limit is {limits.MAX_CARDS:,}")
    if not bp.steps:
        yield Problem("steps", "a blueprint needs at least one step")


def _check_lanes(bp: Blueprint) -> Iterator[Problem]:
    if all(lane.hidden for lane in bp.lanes):
        yield Problem("lanes", "every lane is hidden; show at least one")
    seen: set[str] = set()
    for index, lane in enumerate(bp.lanes):
        if lane.key in seen:
            yield Problem(f"lanes[{index}]", f"lane `{lane.key}` is listed twice")
        seen.add(lane.key)
    lowest = None
    for index, lane in enumerate(bp.lanes):
        if lane.hidden:
            continue
        if lowest is not None and lane.side.rank < lowest.side.rank:
            line = _line_between(lane, lowest)
            yield Problem(
                f"lanes[{index}]",
                f"lane `{lowest.key}` ({lowest.side.value}) is above lane `{lane.key}` "
                f"({lane.side.value}), which puts it on the wrong side of the {line}; "
                f"move `{lane.key}` above `{lowest.key}`",
            )
        elif lowest is None or lane.side.rank > lowest.side.rank:
            lowest = lane


def _line_between(upper: Lane, lower: Lane) -> str:
    """The name of the first line between two sides."""
    names = ("line of interaction", "line of visibility", "line of internal interaction")
    return names[min(upper.side.rank, lower.side.rank)]


def _check_steps(bp: Blueprint) -> Iterator[Problem]:
    lane_keys = [lane.key for lane in bp.lanes]
    step_ids: dict[str, int] = {}
    card_ids: dict[str, str] = {}
    for index, step in enumerate(bp.steps):
        if step.id in step_ids:
            yield Problem(
                f"steps[{index}].id",
                f"duplicate step id `{step.id}` (first used by steps[{step_ids[step.id]}])",
            )
        step_ids.setdefault(step.id, index)
        positions: dict[str, int] = {}
        for card in step.cards:
            position = positions.get(card.lane, 0)
            positions[card.lane] = position + 1
            path = f"steps[{index}].{card.lane}[{position}]"
            if position == 0 and card.lane not in lane_keys:
                yield Problem(
                    f"steps[{index}].{card.lane}",
                    f"unknown lane `{card.lane}`{did_you_mean(card.lane, lane_keys)}"
                    " (custom lanes are declared under `lanes`)",
                )
            assert card.id is not None
            if card.id in card_ids:
                yield Problem(
                    f"{path}.id",
                    f"duplicate card id `{card.id}` (first used at {card_ids[card.id]}); "
                    "give each card its own id",
                )
            card_ids.setdefault(card.id, path)


def _check_owners(bp: Blueprint) -> Iterator[Problem]:
    registry: set[str] = set()
    for owner in bp.owners:
        if owner.id in registry:
            yield Problem(f"owners.{owner.id}", f"owner `{owner.id}` is registered twice")
        registry.add(owner.id)
    for place in bp.places():
        wanted = place.card.owner
        if wanted is not None and wanted not in registry:
            hint = did_you_mean(wanted, registry) or f"; add `{wanted}` under `owners`"
            yield Problem(f"{place.path}.owner", f"owner `{wanted}` is not in the registry{hint}")


def _check_flows(bp: Blueprint) -> Iterator[Problem]:
    known = bp._places
    seen: dict[tuple[str, str], int] = {}
    for index, flow in enumerate(bp.flows):
        for end, card_id in (("from", flow.source), ("to", flow.target)):
            if card_id not in known:
                yield Problem(
                    f"flows[{index}].{end}",
                    f"no card has the id `{card_id}`{did_you_mean(card_id, known)}",
                )
        if flow.source == flow.target:
            yield Problem(f"flows[{index}]", f"flow from `{flow.source}` to itself")
        pair = (flow.source, flow.target)
        if pair in seen:
            yield Problem(f"flows[{index}]", f"duplicate of flows[{seen[pair]}]; remove one")
        seen.setdefault(pair, index)


def _check_phases(bp: Blueprint) -> Iterator[Problem]:
    order = {step.id: index for index, step in enumerate(bp.steps)}
    owner_of: dict[str, int] = {}
    for p_index, phase in enumerate(bp.phases):
        indices = []
        for s_index, step_id in enumerate(phase.steps):
            path = f"phases[{p_index}].steps[{s_index}]"
            if step_id not in order:
                yield Problem(path, f"no step has the id `{step_id}`{did_you_mean(step_id, order)}")
                continue
            if step_id in owner_of:
                yield Problem(path, f"step `{step_id}` is already in phases[{owner_of[step_id]}]")
            owner_of.setdefault(step_id, p_index)
            indices.append(order[step_id])
        if indices and indices != list(range(indices[0], indices[0] + len(indices))):
            first, last = min(indices), max(indices)
            missing = [bp.steps[i].id for i in range(first, last + 1) if i not in indices]
            verb = "lies" if len(missing) == 1 else "lie"
            detail = (
                f"`{'`, `'.join(missing)}` {verb} between them"
                if missing
                else "list them in the order of the steps"
            )
            yield Problem(
                f"phases[{p_index}].steps",
                f"a phase must cover consecutive steps, in order: {detail}",
            )
