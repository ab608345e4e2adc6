"""``blueprint-render schema``: print the JSON Schema of blueprint files."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from blueprint_render.fileformat.schema import schema_json

__all__ = ["add_parser", "run"]


def add_parser(commands: Any) -> None:
    """Add the ``schema`` subcommand."""
    parser = commands.add_parser(
        "schema",
        help="print the JSON Schema of blueprint files",
        description="Print the JSON Schema (Draft 2020-12) of blueprint files, for editors "
        "and other tools.",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Print the schema."""
    out.write(schema_json())
    return 0
