"""``blueprint-render example``: draw the bundled example to SVG, PNG and PDF, and summarise it."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from blueprint_render.cli.render import EXIT_NO_GRAPHVIZ
from blueprint_render.drawing import save
from blueprint_render.errors import BlueprintError, GraphvizNotFound, RenderError
from blueprint_render.fileformat import example_path, load
from blueprint_render.model import Blueprint

__all__ = ["add_parser", "run", "summary"]


def add_parser(commands: Any) -> None:
    """Add the ``example`` subcommand."""
    parser = commands.add_parser(
        "example",
        help="draw the bundled example blueprint to SVG, PNG and PDF",
        description="Load the bundled example (Address complaint), draw it to SVG, PNG and PDF "
        "in the output folder, and print a summary of it.",
    )
    parser.add_argument(
        "-o", "--output", default="out", metavar="DIR", help="output folder (default: out)"
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
    """Load the example, draw it in every format, and print its summary and the files."""
    path = example_path()
    try:
        bp = load(path)
    except BlueprintError as error:
        for problem in error.problems:
            print(problem, file=err)
        return 1
    folder = Path(args.output)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        written = [save(bp, folder / f"{path.stem}.{fmt}") for fmt in ("svg", "png", "pdf")]
    except RenderError as error:
        print(f"blueprint-render example: {error}", file=err)
        return EXIT_NO_GRAPHVIZ if isinstance(error, GraphvizNotFound) else 1
    for line in summary(bp):
        print(line, file=out)
    for file in written:
        print(f"wrote {file} ({file.stat().st_size:,} bytes)", file=out)
    return 0
