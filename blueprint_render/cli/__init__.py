"""The ``blueprint-render`` command line: one small module per command.

``main(argv, stdout, stderr)`` takes its streams as arguments so that tests (and tools that
embed it) call it directly. Exit status: 0 when all is well, 1 when a blueprint has problems,
2 for a usage error, 3 when Graphviz is not installed.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Sequence
from typing import TextIO

from blueprint_render import __version__
from blueprint_render.cli import example, new, render, schema, validate

__all__ = ["build_parser", "main"]

_COMMANDS = (render, validate, schema, new, example)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one subcommand per command module."""
    parser = argparse.ArgumentParser(
        prog="blueprint-render",
        description="Draw service blueprints from YAML, JSON or TOML files.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in _COMMANDS:
        command.add_parser(commands)
    return parser


def main(
    argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run the command line; returns the exit status."""
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    parser = build_parser()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = parser.parse_args(argv)
    except SystemExit as exit:
        return exit.code if isinstance(exit.code, int) else 2
    status: int = args.run(args, out, err)
    return status
