"""``blueprint-render example``: check the bundled example and summarise it."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from blueprint_render.errors import BlueprintError
from blueprint_render.fileformat import example_path, load
from blueprint_render.model import Blueprint

__all__ = ["add_parser", "run", "summary"]


def add_parser(commands: Any) -> None:
    """Add the ``example`` subcommand."""
    parser = commands.add_parser(
        "example",
        help="check the bundled example blueprint and summarise it",
        description="Load and check the bundled example (Address complaint) and print a "
        "summary of it.",
    )
    parser.set_defaults(run=run)


def summary(bp: Blueprint) -> list[str]:
    """A few lines on a blueprint: steps, lanes shown, cards, flows and handoffs, owners."""
    shown = bp.visible_lanes
    cards = sum(len(step.cards) for step in bp.steps)
    handoffs = sum(1 for flow in bp.flows if bp.is_handoff(flow))
    titles = ", ".join(lane.title for lane in shown)
    return [
        f"{bp.title} ({bp.id})",
        f"steps:   {len(bp.steps)} in {len(bp.phases)} phases",
        f"lanes:   {len(shown)} shown of {len(bp.lanes)}: {titles}",
        f"cards:   {cards}",
        f"flows:   {len(bp.flows)}, {handoffs} of them handoffs",
        f"owners:  {len(bp.owners)}",
    ]


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Load the example and print its summary."""
    path = example_path()
    try:
        bp = load(path)
    except BlueprintError as error:
        for problem in error.problems:
            print(problem, file=err)
        return 1
    print(f"{path}: no problems", file=out)
    for line in summary(bp):
        print(f"  {line}", file=out)
    return 0
