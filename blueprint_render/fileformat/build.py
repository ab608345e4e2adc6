"""Plain data (already checked against the schema) to model objects, problems placed in the
file.

The model checks the blueprint as a whole (duplicate ids, flows to unknown cards, owners
missing from the registry, phases, lane order); its problems carry paths in the file's terms,
and this module looks each one up in the source map to add its line and column.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from blueprint_render.errors import BlueprintError, Problem
from blueprint_render.fileformat.document import Document
from blueprint_render.fileformat.paths import join
from blueprint_render.model import STANDARD_LANES, Blueprint, Card, Flow, Lane, Phase, Step
from blueprint_render.model.lanes import RESERVED_STEP_KEYS
from blueprint_render.model.limits import MAX_CARDS

__all__ = ["build_blueprint"]

T = TypeVar("T")

_STANDARD = {lane.key: lane for lane in STANDARD_LANES}
_FLOW_ENDS = ("from", "to", "label")


class _Builder:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.problems: list[Problem] = []

    def make(self, path: str, factory: Callable[[], T]) -> T | None:
        """``factory()``, or None with its problems re-pathed under ``path``."""
        try:
            return factory()
        except BlueprintError as err:
            for problem in err.problems:
                inner = ".".join(p for p in (path, problem.path) if p)
                self.problems.append(self.document.problem(inner, problem.message))
        except (TypeError, ValueError) as err:
            self.problems.append(self.document.problem(path, str(err)))
        return None

    def lane(self, path: str, item: str | dict[str, Any]) -> Lane | str | None:
        if isinstance(item, str):
            return item
        standard = _STANDARD.get(item["key"])
        # the schema has made sure that a custom lane has a title and a side
        title: str = item["title"] if "title" in item or standard is None else standard.title
        side: object = item["side"] if "side" in item or standard is None else standard.side
        return self.make(
            path, lambda: Lane(item["key"], title, side, hidden=item.get("hidden", False))
        )

    def card(self, path: str, lane: str, item: str | dict[str, Any]) -> Card | None:
        if isinstance(item, str):
            return self.make(path, lambda: Card(item, lane))
        fields = {name: value for name, value in item.items() if name != "text"}
        if isinstance(fields.get("data"), list):
            fields["data"] = tuple(fields["data"])
        return self.make(path, lambda: Card(item["text"], lane, **fields))

    def step(self, path: str, item: dict[str, Any]) -> Step | None:
        cards: list[Card] = []
        complete = True
        for lane, values in item.items():
            if lane in RESERVED_STEP_KEYS:
                continue
            for index, value in enumerate(values):
                card = self.card(join(join(path, lane), index), lane, value)
                complete = complete and card is not None
                if card is not None:
                    cards.append(card)
        if not complete:
            return None
        return self.make(
            path, lambda: Step(item["id"], item["title"], item.get("value_chain"), cards=cards)
        )

    def flow(self, path: str, item: list[str] | dict[str, str]) -> Flow | None:
        if isinstance(item, list):
            # the model names the ends `from`, `to`, `label`: point those at the list items
            links = self.document.source_map.links
            for index, end in enumerate(_FLOW_ENDS[: len(item)]):
                links.setdefault(join(path, end), join(path, index))
            return self.make(path, lambda: Flow(*item))
        return self.make(path, lambda: Flow(item["from"], item["to"], item.get("label")))

    def blueprint(self, data: dict[str, Any]) -> Blueprint | None:
        lanes: list[Lane | str] | None = None
        if "lanes" in data:
            lanes = _present(self.lane(join("lanes", i), v) for i, v in enumerate(data["lanes"]))
        steps = _present(self.step(join("steps", i), v) for i, v in enumerate(data["steps"]))
        phases = _present(
            self.phase(join("phases", i), v) for i, v in enumerate(data.get("phases", []))
        )
        flows = _present(
            self.flow(join("flows", i), v) for i, v in enumerate(data.get("flows", []))
        )
        if self.problems:
            return None
        return self.make(
            "",
            lambda: Blueprint(
                data["id"],
                data["title"],
                steps,
                scenario=data.get("scenario"),
                service_owner=data.get("service_owner"),
                version=data.get("version"),
                owners=data.get("owners", {}),
                lanes=lanes,
                phases=phases,
                flows=flows,
            ),
        )

    def phase(self, path: str, item: dict[str, Any]) -> Phase | None:
        return self.make(path, lambda: Phase(item["title"], tuple(item["steps"])))


def _count_cards(data: dict[str, Any]) -> int:
    steps = data.get("steps", [])
    return sum(
        len(cards) for step in steps for key, cards in step.items() if key not in RESERVED_STEP_KEYS
    )


def _present(items: Iterable[T | None]) -> list[T]:
    """The items that were built (the others have left problems behind)."""
    return [item for item in items if item is not None]


def build_blueprint(document: Document) -> Blueprint:
    """The blueprint a schema-valid document describes; raises :class:`BlueprintError` with
    every problem the model finds, each placed at its line and column."""
    if not isinstance(document.data, dict):  # the schema has said so already
        raise BlueprintError([document.problem("", "expected a mapping of blueprint keys")])
    cards = _count_cards(document.data)
    if cards > MAX_CARDS:  # say so before building tens of thousands of cards
        raise BlueprintError(
            [document.problem("steps", f"hold {cards:,} cards; the limit is {MAX_CARDS:,}")]
        )
    builder = _Builder(document)
    result = builder.blueprint(document.data)
    if result is None:
        raise BlueprintError(builder.problems)
    return result
