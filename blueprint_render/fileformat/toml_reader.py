"""Reading TOML: values by ``tomllib``, positions from a syntax tree."""

from __future__ import annotations

import re
import tomllib
from typing import TYPE_CHECKING

from blueprint_render.errors import BlueprintError
from blueprint_render.fileformat.document import Document, file_problem
from blueprint_render.fileformat.formats import Format
from blueprint_render.fileformat.nesting import too_deep_position
from blueprint_render.fileformat.paths import PathPart, format_path
from blueprint_render.fileformat.shape import check_shape, too_deep_message
from blueprint_render.fileformat.sourcemap import SourceMap
from blueprint_render.fileformat.treesitter import Columns, parse_tree

if TYPE_CHECKING:
    import tree_sitter

__all__ = ["read_toml", "toml_source_map"]

_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*\Z")
_KEYS = frozenset({"bare_key", "quoted_key", "dotted_key"})


def read_toml(text: str, file: str | None) -> Document:
    """Plain data from TOML text; raises :class:`BlueprintError` for syntax errors (duplicate
    keys among them) and for nesting or size past the caps, each with its line and column."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        message, position = _split_error(err)
        raise BlueprintError([file_problem(file, f"TOML syntax: {message}", position)]) from None
    except RecursionError:
        position = too_deep_position(text, Format.TOML)
        raise BlueprintError([file_problem(file, too_deep_message(), position)]) from None
    document = Document(data, Format.TOML, file, lambda: toml_source_map(text))
    shape = check_shape(data)
    if shape is not None:
        if shape.whole_file:
            raise BlueprintError([file_problem(file, shape.message, (1, 1), shape.path)])
        raise BlueprintError([document.problem(shape.path, shape.message)])
    return document


def _split_error(err: tomllib.TOMLDecodeError) -> tuple[str, tuple[int, int]]:
    """The message of a tomllib error and its position (attributes from Python 3.14 on)."""
    line, column = getattr(err, "lineno", None), getattr(err, "colno", None)
    message = str(getattr(err, "msg", None) or err)
    match = _AT.search(message)
    if match:
        message = message[: match.start()]
        line, column = line or int(match.group(1)), column or int(match.group(2))
    return message, (line or 1, column or 1)


def toml_source_map(text: str) -> SourceMap:
    """Positions of every key, table and value of a TOML document (which must be valid TOML).

    Follows TOML's rules for naming: ``[a.b]`` and dotted keys name nested tables, each
    ``[[a]]`` starts a new element of the array of tables ``a``, and a header inside one
    (``[a.b]`` after ``[[a]]``) belongs to its last element.
    """
    source = text.encode("utf-8")
    columns = Columns(source)
    tree = parse_tree(source, Format.TOML)
    result = SourceMap()
    array_lengths: dict[tuple[PathPart, ...], int] = {}
    for node in tree.root_node.named_children:
        if node.type == "pair":
            _pair(node, (), result, columns)
        elif node.type in ("table", "table_array_element"):
            key_node = next((c for c in node.named_children if c.type in _KEYS), None)
            if key_node is None:
                continue
            parts = _key_parts(key_node)
            table: list[PathPart] = []
            for index, part in enumerate(parts):
                table.append(part)
                last = index == len(parts) - 1
                if last and node.type == "table_array_element":
                    base = tuple(table)
                    length = array_lengths.get(base, 0)
                    array_lengths[base] = length + 1
                    result.add(format_path(base), columns.position(node))
                    table.append(length)
                elif tuple(table) in array_lengths:
                    table.append(array_lengths[tuple(table)] - 1)
                result.add(format_path(table), columns.position(node))
            for child in node.named_children:
                if child.type == "pair":
                    _pair(child, tuple(table), result, columns)
    return result


def _pair(
    node: tree_sitter.Node, table: tuple[PathPart, ...], result: SourceMap, columns: Columns
) -> None:
    """Record a ``key = value`` pair and everything inside its value (iteratively)."""
    stack = [(node, table)]
    while stack:
        pair, base = stack.pop()
        children = [c for c in pair.named_children if c.type != "comment"]
        if len(children) < 2 or children[0].type not in _KEYS:
            continue
        key_node, value = children[0], children[-1]
        parts = _key_parts(key_node)
        key_position = columns.position(key_node)
        for depth in range(1, len(parts)):  # the tables a dotted key opens
            result.add(format_path((*base, *parts[:depth])), key_position)
        path = (*base, *parts)
        result.add(format_path(path), columns.position(value), key=key_position)
        values = [(value, path)]
        while values:
            item, item_path = values.pop()
            if item is not value:
                result.add(format_path(item_path), columns.position(item))
            if item.type == "array":
                elements = [c for c in item.named_children if c.type != "comment"]
                values.extend((c, (*item_path, i)) for i, c in enumerate(elements))
            elif item.type == "inline_table":
                stack.extend((c, item_path) for c in item.named_children if c.type == "pair")


def _key_parts(node: tree_sitter.Node) -> list[str]:
    """The parts of a key (``a."b c".d`` -> ``["a", "b c", "d"]``)."""
    parts: list[str] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "dotted_key":
            stack.extend(reversed([c for c in current.named_children if c.type in _KEYS]))
        else:
            parts.append(_key_text(current))
    return parts


def _key_text(node: tree_sitter.Node) -> str:
    raw = (node.text or b"").decode("utf-8", errors="replace")
    if node.type == "bare_key":
        return raw
    try:  # a quoted key: let tomllib undo its quoting and escapes
        return next(iter(tomllib.loads(f"{raw} = 0")))
    except (tomllib.TOMLDecodeError, StopIteration):
        return raw.strip("\"'")
