"""Closed vocabularies: ITIL 4 value-chain activities, measure kinds and lane sides."""

from __future__ import annotations

import enum
import re

__all__ = ["MeasureKind", "Side", "ValueChain"]


def _fold(text: str) -> str:
    """Lower case, '&' as 'and', letters only: e.g. 'Obtain/Build' -> 'obtainbuild'."""
    return re.sub(r"[^a-z]", "", text.lower().replace("&", "and"))


class _Spelled(enum.Enum):
    """An enum whose members are found by any usual spelling of their value."""

    @classmethod
    def parse(cls, value: object) -> _Spelled:
        """The member ``value`` names, in any case, with spaces, hyphens, '/' or '&'."""
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            folded = _fold(value)
            for member in cls:
                if folded in member.spellings():
                    return member
        choices = ", ".join(repr(m.value) for m in cls)
        raise ValueError(f"{value!r} is not one of {choices}")

    def spellings(self) -> frozenset[str]:
        """The folded spellings that name this member."""
        return frozenset({_fold(self.value), _fold(self.name)})


class ValueChain(_Spelled):
    """An ITIL 4 service value chain activity."""

    PLAN = "plan"
    IMPROVE = "improve"
    ENGAGE = "engage"
    DESIGN_AND_TRANSITION = "design and transition"
    OBTAIN_BUILD = "obtain/build"
    DELIVER_AND_SUPPORT = "deliver and support"

    def spellings(self) -> frozenset[str]:
        extra = {"obtainandbuild", "obtain"} if self is ValueChain.OBTAIN_BUILD else set()
        return super().spellings() | extra


class MeasureKind(_Spelled):
    """What a performance measure tells: how it felt, how it moved, whether it kept to policy."""

    PERCEPTION = "perception"
    FLOW = "flow"
    CONTROL = "control"


class Side(_Spelled):
    """Where a lane sits relative to the three lines, top to bottom.

    The line of interaction lies between ``CUSTOMER`` and ``FRONTSTAGE`` lanes, the line of
    visibility between ``FRONTSTAGE`` and ``BACKSTAGE``, the line of internal interaction
    between ``BACKSTAGE`` and ``SUPPORT``.
    """

    CUSTOMER = "customer"
    FRONTSTAGE = "frontstage"
    BACKSTAGE = "backstage"
    SUPPORT = "support"

    @property
    def rank(self) -> int:
        """Position from the top: 0 for customer ... 3 for support."""
        return list(Side).index(self)
