"""Lanes: the standard layers of a service, their default order and titles, and custom lanes."""

from __future__ import annotations

import re
from typing import Any

import attrs

from blueprint_render.errors import BlueprintError
from blueprint_render.model.text import check_text
from blueprint_render.model.vocab import Side

__all__ = [
    "COMMON_CARD_FIELDS",
    "LANE_FIELDS",
    "LANE_KEY_PATTERN",
    "RESERVED_STEP_KEYS",
    "STANDARD_LANES",
    "Lane",
    "default_lanes",
    "standard_lane",
]

LANE_KEY_PATTERN = r"^[a-z][a-z0-9_-]{0,39}$"
"""A lane's key: lower-case letters, digits, ``_`` and ``-``, starting with a letter."""

RESERVED_STEP_KEYS = frozenset({"id", "title", "value_chain"})
"""Keys of a step that are not lanes, so no lane may take them."""

COMMON_CARD_FIELDS = ("id", "text", "owner", "fail", "wait")
"""Fields every card may have, whatever its lane."""

LANE_FIELDS: dict[str, tuple[str, ...]] = {
    "evidence": (),
    "customer": (),
    "frontstage": ("channel", "artefact"),
    "backstage": ("role", "sop"),
    "systems": ("system", "data"),
    "policies": ("control", "risk"),
    "measures": ("kind", "threshold", "sampling"),
}
"""The extra card fields of each standard lane; custom lanes have none."""


def _check_key(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not re.fullmatch(LANE_KEY_PATTERN, value):
        raise BlueprintError.single(
            attribute.name,
            f"{value!r} is not a valid lane key: use lower-case letters, digits, _ and -, "
            "starting with a letter",
        )
    if value in RESERVED_STEP_KEYS:
        raise BlueprintError.single(
            attribute.name, f"{value!r} is a step field, so it cannot name a lane; choose another"
        )


def _side(value: object) -> Side:
    try:
        return Side.parse(value)  # type: ignore[return-value]
    except ValueError as err:
        raise BlueprintError.single("side", str(err)) from None


@attrs.frozen
class Lane:
    """A swimlane: its key (used in files and CSS classes), title, side of the lines, visibility."""

    key: str = attrs.field(validator=_check_key)
    title: str = attrs.field(validator=check_text)
    side: Side = attrs.field(converter=_side)
    hidden: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))

    @property
    def standard(self) -> bool:
        """Whether this is one of the seven standard layers."""
        return self.key in LANE_FIELDS

    @property
    def fields(self) -> tuple[str, ...]:
        """The card fields this lane's cards may carry beyond the common ones."""
        return LANE_FIELDS.get(self.key, ())


STANDARD_LANES: tuple[Lane, ...] = (
    Lane("evidence", "Physical evidence", Side.CUSTOMER),
    Lane("customer", "Customer actions", Side.CUSTOMER),
    Lane("frontstage", "Frontstage interactions", Side.FRONTSTAGE),
    Lane("backstage", "Backstage activities", Side.BACKSTAGE),
    Lane("systems", "Support systems", Side.SUPPORT),
    Lane("policies", "Policies and controls", Side.SUPPORT),
    Lane("measures", "Performance measures", Side.SUPPORT),
)
"""The standard layers in their default order, top to bottom."""

_BY_KEY = {lane.key: lane for lane in STANDARD_LANES}


def standard_lane(key: str) -> Lane | None:
    """The standard lane with this key, or None."""
    return _BY_KEY.get(key)


def default_lanes() -> tuple[Lane, ...]:
    """The lanes of a blueprint that does not set its own: every standard lane, shown."""
    return STANDARD_LANES
