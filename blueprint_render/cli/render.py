"""``blueprint-render render INPUT...``: draw blueprint files to SVG, PNG and PDF, in batches.

Exit status: 0 when every input rendered (or was unchanged), 1 when some input failed, 2 for a
usage error, 3 when Graphviz is not installed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from blueprint_render.atomic import write_atomic
from blueprint_render.batch import (
    Options,
    Outcome,
    UsageError,
    find_inputs,
    plan,
    run,
    stop_cleanly_on_sigterm,
)
from blueprint_render.drawing import FORMATS, Format, render
from blueprint_render.errors import BlueprintError, GraphvizNotFound, RenderError
from blueprint_render.fileformat import load, loads
from blueprint_render.layout.graphviz_run import DEFAULT_TIMEOUT
from blueprint_render.model.limits import MAX_FILE_BYTES
from blueprint_render.theme import THEMES

__all__ = ["EXIT_FAILED", "EXIT_NO_GRAPHVIZ", "EXIT_USAGE", "add_parser", "run_command"]

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_NO_GRAPHVIZ = 3


def add_parser(commands: Any) -> None:
    """Add the ``render`` subcommand."""
    parser = commands.add_parser(
        "render",
        help="draw blueprint files to SVG, PNG or PDF",
        description="Draw blueprint files (files, folders searched for .yaml/.yml/.json/.toml, "
        "or glob patterns such as 'docs/**/*.yaml', expanded the same on every platform). "
        "Outputs are named after their input files; an output whose input, options and library "
        "version are unchanged is not drawn again. Every file is written atomically. "
        "Exit status: 0 all rendered, 1 some input failed, 2 usage error, 3 Graphviz not found.",
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders or patterns")
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="an output file (one input; the suffix gives the format) or folder "
        "(default: beside each input); '-' writes the one drawing to standard output",
    )
    parser.add_argument(
        "-f",
        "--format",
        default=None,
        metavar="FORMATS",
        help=f"comma-separated formats out of {','.join(FORMATS)} (default: svg, or the "
        "suffix of -o)",
    )
    parser.add_argument("--theme", default="default", choices=sorted(THEMES))
    parser.add_argument("--scale", type=float, default=1.0, help="PNG scale (default 1)")
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=None,
        help="parallel processes (default: the number of cores)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        help=f"seconds Graphviz may take to route one drawing (default {DEFAULT_TIMEOUT:g})",
    )
    parser.add_argument("--force", action="store_true", help="draw even what is unchanged")
    parser.set_defaults(run=run_command)


def _formats(value: str | None, output: str | None) -> tuple[Format, ...]:
    if value is None:
        suffix = Path(output).suffix.lower().lstrip(".") if output and output != "-" else ""
        return (suffix,) if suffix in FORMATS else ("svg",)
    formats = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise UsageError(
            f"unknown format {', '.join(unknown) or value!r} (use {','.join(FORMATS)})"
        )
    return formats  # type: ignore[return-value]


def run_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Render every input; see the module doc for the exit status."""
    try:
        formats = _formats(args.format, args.output)
        if args.jobs is not None and args.jobs < 1:
            raise UsageError("--jobs must be at least 1")
        if not args.scale > 0:
            raise UsageError("--scale must be positive")
        options = Options(formats, args.theme, args.scale, args.timeout, args.force)
        if "-" in args.inputs or args.output == "-":
            return _stream(args, options, err)
        inputs = find_inputs(args.inputs)
        output = Path(args.output) if args.output else None
        roots = [Path(p) for p in args.inputs if Path(p).is_dir()]
        jobs = plan(inputs, output, formats, roots=roots)
    except UsageError as error:
        print(f"blueprint-render render: {error}", file=err)
        return EXIT_USAGE
    stop_cleanly_on_sigterm()
    progress = _Progress(len(jobs), out, err)
    try:
        outcomes = run(jobs, options, workers=args.jobs, progress=progress)
    finally:
        progress.close()
    return _report(outcomes, err)


class _Progress:
    """A progress bar on a terminal; one line per file otherwise."""

    def __init__(self, total: int, out: TextIO, err: TextIO) -> None:
        self.out = out
        self.err = err
        self.bar: Any = None
        if err.isatty() and total > 1:
            from tqdm import tqdm

            self.bar = tqdm(total=total, file=err, unit="file", leave=False)

    def close(self) -> None:
        """Take the bar off the terminal."""
        if self.bar is not None:
            self.bar.close()

    def __call__(self, outcome: Outcome) -> None:
        for problem in outcome.problems:
            line = str(problem) if problem.file else f"{outcome.job.source}: {problem.message}"
            print(line, file=self.err)
        if self.bar is not None:
            self.bar.update(1)
            return
        names = ", ".join(str(path) for _, path in outcome.job.outputs)
        print(f"{outcome.status:>9}  {outcome.job.source} -> {names}", file=self.out)


def _report(outcomes: list[Outcome], err: TextIO) -> int:
    counts = dict.fromkeys(("rendered", "unchanged", "failed"), 0)
    for outcome in outcomes:
        counts[outcome.status] += 1
    summary = ", ".join(f"{count} {status}" for status, count in counts.items())
    files = f"{len(outcomes)} file{'s' if len(outcomes) != 1 else ''}"
    if counts["unchanged"] == len(outcomes):
        summary = "nothing to render: every output is up to date"
    print(f"{summary} ({files})", file=err)
    if any(outcome.graphviz_missing for outcome in outcomes):
        return EXIT_NO_GRAPHVIZ
    return EXIT_FAILED if counts["failed"] else 0


def _stream(args: argparse.Namespace, options: Options, err: TextIO) -> int:
    """One blueprint from a file or standard input to a file or standard output."""
    if len(args.inputs) != 1 or len(options.formats) != 1:
        raise UsageError("'-' takes exactly one input and one format")
    (name,) = args.inputs
    fmt = options.formats[0]
    try:
        if name == "-":
            blueprint = loads(sys.stdin.buffer.read(MAX_FILE_BYTES + 1), filename="<stdin>")
        else:
            blueprint = load(name)
        image = render(
            blueprint, fmt, theme=options.theme, scale=options.scale, timeout=options.timeout
        )
    except BlueprintError as error:
        for problem in error.problems:
            print(problem, file=err)
        return EXIT_FAILED
    except GraphvizNotFound as error:
        print(f"blueprint-render: {error}", file=err)
        return EXIT_NO_GRAPHVIZ
    except (RenderError, OSError) as error:
        print(f"blueprint-render: {error}", file=err)
        return EXIT_FAILED
    if args.output in (None, "-"):
        sys.stdout.buffer.write(image)
        sys.stdout.buffer.flush()
    else:
        write_atomic(args.output, image)
    return 0
