"""Concrete syntax trees from tree-sitter, for the positions of JSON and TOML fields.

The standard ``json`` and ``tomllib`` modules read the values; tree-sitter's grammars give
the line and column of every key and value (which those modules do not keep).
"""

from __future__ import annotations

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
    """Turns tree-sitter's (row, byte column) into a 1-based (line, character column)."""

    __slots__ = ("_lines",)

    def __init__(self, source: bytes) -> None:
        self._lines = source.split(b"\n")

    def position(self, node: tree_sitter.Node) -> Position:
        """Where ``node`` starts."""
        row, byte_column = node.start_point
        line = self._lines[row] if row < len(self._lines) else b""
        head = line[:byte_column]
        column = byte_column if head.isascii() else len(head.decode("utf-8", errors="replace"))
        return row + 1, column + 1
