"""Deterministic synthetic blueprints of any length, shaped like real ones."""

from __future__ import annotations

import random

from blueprint_render.model import Blueprint, Card, Flow, MeasureKind, Phase, Step

__all__ = ["synthetic_blueprint"]

_OWNERS = {"ops": "Operations", "it": "Platform Engineering", "risk": "Risk", "cx": "Customer Care"}
_VERBS = ["checks", "records", "sends", "updates", "reviews", "approves", "confirms", "routes"]
_OBJECTS = ["the account", "the case", "the invoice", "a confirmation email", "the refund"]


def _sentence(rng: random.Random, subject: str) -> str:
    extra = " and notes the outcome in the case history" if rng.random() < 0.3 else ""
    return f"{subject} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}{extra}."


def synthetic_blueprint(steps: int, seed: int = 0) -> Blueprint:
    """A blueprint of ``steps`` steps over the seven standard lanes, with a customer path,
    flows across the lines, fail and wait points, measures and phases of five steps."""
    rng = random.Random(seed)
    built = []
    flows: list[Flow] = []
    for i in range(steps):
        cards = [Card(_sentence(rng, "Customer"), "customer", id=f"c{i}", owner="cx")]
        cards.append(
            Card(
                _sentence(rng, "Agent"),
                "frontstage",
                id=f"f{i}",
                owner="ops",
                channel=rng.choice(["Voice", "Chat", "Web form"]),
            )
        )
        for j in range(rng.choice([0, 1, 1, 2])):
            cards.append(
                Card(
                    _sentence(rng, "Back office"),
                    "backstage",
                    id=f"b{i}-{j}",
                    owner="ops",
                    sop=f"SOP-{i:03d}",
                    fail="Work item is lost in the queue." if rng.random() < 0.1 else None,
                    wait="1 day" if rng.random() < 0.1 else None,
                )
            )
        cards.append(Card(_sentence(rng, "CRM"), "systems", id=f"s{i}", owner="it"))
        if rng.random() < 0.4:
            cards.append(Card(_sentence(rng, "Policy"), "policies", owner="risk"))
        if rng.random() < 0.5:
            cards.append(
                Card(
                    "Time to resolve",
                    "measures",
                    owner="cx",
                    kind=MeasureKind.FLOW,
                    threshold="< 2 days",
                    sampling="All cases, weekly",
                )
            )
        if rng.random() < 0.3:
            cards.append(Card("Confirmation email.", "evidence"))
        built.append(Step(f"step{i}", f"Step {i + 1}", cards=cards))
        flows.append(Flow(f"c{i}", f"f{i}"))
        if i:
            flows.append(Flow(f"c{i - 1}", f"c{i}"))
        backstage = [c.id for c in cards if c.lane == "backstage" and c.id]
        for b in backstage:
            flows.append(Flow(f"f{i}", b, "request" if rng.random() < 0.2 else None))
            flows.append(Flow(b, f"s{i}"))
        if i >= 2 and rng.random() < 0.2:
            flows.append(Flow(f"s{i}", f"f{i - 2}", "callback"))
    phases = [
        Phase(f"Phase {n + 1}", tuple(f"step{i}" for i in range(start, min(start + 5, steps))))
        for n, start in enumerate(range(0, steps, 5))
    ]
    return Blueprint(
        f"synthetic-{steps}",
        f"Synthetic blueprint of {steps} steps",
        built,
        scenario="A generated journey for benchmarks and visual checks.",
        owners=_OWNERS,
        phases=phases,
        flows=flows,
    )
