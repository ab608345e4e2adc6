"""The blueprint object model: frozen, typed, validated attrs classes."""

from blueprint_render.model.blueprint import Blueprint, CardPlace
from blueprint_render.model.elements import Card, Flow, Owner, Phase, Step, derived_card_id
from blueprint_render.model.lanes import STANDARD_LANES, Lane
from blueprint_render.model.vocab import MeasureKind, Side, ValueChain

__all__ = [
    "STANDARD_LANES",
    "Blueprint",
    "Card",
    "CardPlace",
    "Flow",
    "Lane",
    "MeasureKind",
    "Owner",
    "Phase",
    "Side",
    "Step",
    "ValueChain",
    "derived_card_id",
]
