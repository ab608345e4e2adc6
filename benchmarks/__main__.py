"""Render time against the bare Graphviz calls on the same graphs.

Run: ``.venv/bin/python -m benchmarks [--sizes 10,30,100] [--repeat 5]``. For each size of a
synthetic blueprint it reports medians of: the whole render to SVG and to PNG; the Graphviz
routing calls alone (``neato -n2 -Tjson0`` on exactly the graphs the layout sends, what
``render(bp, "dot")`` emits, one after the other); and Graphviz's own ``-Tpng`` of those
graphs; then the ratios. ``png`` is blank where the drawing is too wide for one PNG.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import time
from collections.abc import Callable

from benchmarks.synthetic import synthetic_blueprint
from blueprint_render.drawing import render
from blueprint_render.errors import GraphvizFailed, RenderError
from blueprint_render.layout.arrows import routing_sources
from blueprint_render.layout.graphviz_run import run_graphviz


def median_time(action: Callable[[], object], repeat: int) -> float:
    """The median wall time of ``repeat`` runs of ``action``, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_all(graphs: list[str], output: str) -> None:
    """Run Graphviz on each graph in turn, as a bare baseline (a crash counts as done)."""
    for graph in graphs:
        with contextlib.suppress(GraphvizFailed):
            run_graphviz("neato", ["-n2", output], graph)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--sizes", default="10,30,100,300,1000")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(
        f"{'steps':>6} {'cards':>6} {'flows':>6} {'svg s':>8} {'png s':>8} "
        f"{'gv route s':>11} {'gv png s':>9} {'svg/route':>10} {'png/gv png':>11}"
    )
    for size in (int(s) for s in args.sizes.split(",")):
        bp = synthetic_blueprint(size)
        repeat = args.repeat if size <= 100 else max(1, args.repeat // 2)
        graphs = routing_sources(bp)
        svg = median_time(lambda: render(bp, "svg"), repeat)  # noqa: B023
        try:
            png = median_time(lambda: render(bp, "png"), repeat)  # noqa: B023
        except RenderError:
            png = float("nan")  # too wide for one PNG: refused, SVG or PDF suggested
        route = median_time(lambda: run_all(graphs, "-Tjson0"), repeat)  # noqa: B023
        gv_png = median_time(lambda: run_all(graphs, "-Tpng"), repeat)  # noqa: B023
        cards = sum(len(step.cards) for step in bp.steps)
        print(
            f"{size:>6} {cards:>6} {len(bp.flows):>6} {svg:>8.3f} {png:>8.3f} "
            f"{route:>11.3f} {gv_png:>9.3f} {svg / route:>10.2f} {png / gv_png:>11.2f}"
        )


if __name__ == "__main__":
    main()
