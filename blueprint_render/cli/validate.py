"""``blueprint-render validate FILE...``: one line per problem, ``file:line:col: path: message``."""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from blueprint_render.errors import BlueprintError, Problem
from blueprint_render.fileformat import Format, loads, validate_path
from blueprint_render.model.limits import MAX_FILE_BYTES

__all__ = ["add_parser", "check", "run"]


def add_parser(commands: Any) -> None:
    """Add the ``validate`` subcommand."""
    parser = commands.add_parser(
        "validate",
        help="check blueprint files and list every problem",
        description="Check blueprint files (YAML, JSON or TOML; `-` reads standard input) and "
        "print one line per problem as file:line:col: path: message. Exits 1 when any file "
        "has a problem.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="blueprint files to check")
    parser.add_argument(
        "--format",
        choices=[f.value for f in Format],
        help="the files' format (default: from each file's suffix; YAML for `-`)",
    )
    parser.set_defaults(run=run)


def check(name: str, format: str | None) -> list[Problem]:
    """Every problem of one file (``-``: standard input)."""
    if name != "-":
        return validate_path(name, format=format)
    try:
        loads(sys.stdin.buffer.read(MAX_FILE_BYTES + 1), format or "yaml", filename="<stdin>")
    except BlueprintError as err:
        return list(err.problems)
    return []


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Check each file; 1 when any has a problem."""
    failed = 0
    count = 0
    for name in args.files:
        problems = check(name, args.format)
        failed += bool(problems)
        count += len(problems)
        for problem in problems:
            print(problem, file=out)
    files = len(args.files)
    checked = f"{files} file{'s' if files != 1 else ''} checked"
    if failed:
        total = f"{count} problem{'s' if count != 1 else ''}"
        print(f"{checked}, {failed} with problems ({total})", file=err)
        return 1
    print(f"{checked}: no problems", file=err)
    return 0
