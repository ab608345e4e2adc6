"""Where nesting first gets too deep, for inputs too deep for the parser itself.

``json`` and ``tomllib`` parse nested lists recursively and give up with ``RecursionError``
(with no position) long before a stack overflow. This finds the bracket that opens the level
past :data:`MAX_DEPTH`, skipping strings and comments, so the error can name its line. It only
counts brackets; it is not a parser and runs only after the real parser has failed.
"""

from __future__ import annotations

import re

from blueprint_render.fileformat.decoding import line_column
from blueprint_render.fileformat.formats import Format
from blueprint_render.model.limits import MAX_DEPTH

__all__ = ["too_deep_position"]

_TOKENS = {
    Format.JSON: re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL),
    Format.TOML: re.compile(
        r'"""(?:[^\\]|\\.)*?"""|\'\'\'.*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*|[\[\]{}]',
        re.DOTALL,
    ),
}


def too_deep_position(text: str, format: Format) -> tuple[int, int]:
    """The line and column of the bracket that opens nesting level ``MAX_DEPTH + 1``."""
    depth = 0
    for match in _TOKENS[format].finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line_column(text, match.start())
        elif token in "]}":
            depth -= 1
    return (1, 1)
