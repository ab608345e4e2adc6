"""Concrete syntax trees from tree-sitter, for the positions of JSON and TOML fields.

The standard ``json`` and ``tomllib`` modules read the values; tree-sitter's grammars give
the line and column of every key and value (which those modules do not keep).
"""

from __future__ import annotations

import bisect
import functools
from typing import TYPE_CHECKING

from blueprint_render.fileformat.formats import Format
from blueprint_render.fileformat.sourcemap import Position

if TYPE_CHECKING:
    import tree_sitter

__all__ = ["Columns", "parse_tree"]


@functools.cache
def _parser(format: Format) -> tree_sitter.Parser:
    import tree_sitter

    if format is Format.JSON:
        import tree_sitter_json

        language = tree_sitter_json.language()
    else:
        import tree_sitter_toml

        language = tree_sitter_toml.language()
    return tree_sitter.Parser(tree_sitter.Language(language))


def parse_tree(source: bytes, format: Format) -> tree_sitter.Tree:
    """The syntax tree of a JSON or TOML document."""
    return _parser(format).parse(source)


class Columns:
    """Turns tree-sitter's (row, byte column) into a 1-based (line, character column).

    A line that is not ASCII gets the byte offsets of its characters worked out once, so that
    each position costs a binary search (a minified file can be one long line).
    """

    __slots__ = ("_lines", "_starts")

    def __init__(self, source: bytes) -> None:
        self._lines = source.split(b"\n")
        self._starts: dict[int, list[int] | None] = {}

    def position(self, node: tree_sitter.Node) -> Position:
        """Where ``node`` starts."""
        row, byte_column = node.start_point
        if row not in self._starts:
            line = self._lines[row] if row < len(self._lines) else b""
            self._starts[row] = (
                None if line.isascii() else [i for i, b in enumerate(line) if b & 0xC0 != 0x80]
            )
        starts = self._starts[row]
        column = byte_column if starts is None else bisect.bisect_left(starts, byte_column)
        return row + 1, column + 1
