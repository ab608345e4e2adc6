"""Reading JSON: values by the standard ``json`` module, positions from a syntax tree."""

from __future__ import annotations

import json
from typing import Any

from blueprint_render.errors import BlueprintError, Problem
from blueprint_render.fileformat.document import Document, file_problem
from blueprint_render.fileformat.formats import Format
from blueprint_render.fileformat.nesting import too_deep_position
from blueprint_render.fileformat.paths import join
from blueprint_render.fileformat.shape import check_shape, too_deep_message
from blueprint_render.fileformat.sourcemap import Position, SourceMap
from blueprint_render.fileformat.treesitter import Columns, parse_tree

__all__ = ["json_source_map", "read_json"]


class _Duplicates:
    """An ``object_pairs_hook`` that notes whether any object repeats a key."""

    def __init__(self) -> None:
        self.found = False

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) != len(pairs):
            self.found = True
        return result


def read_json(text: str, file: str | None) -> Document:
    """Plain data from JSON text; raises :class:`BlueprintError` for syntax errors, duplicate
    keys, and nesting or size past the caps, each with its line and column."""
    duplicates = _Duplicates()
    try:
        data = json.loads(text, object_pairs_hook=duplicates)
    except json.JSONDecodeError as err:
        raise BlueprintError(
            [file_problem(file, f"JSON syntax: {err.msg}", (err.lineno, err.colno))]
        ) from None
    except RecursionError:
        position = too_deep_position(text, Format.JSON)
        raise BlueprintError([file_problem(file, too_deep_message(), position)]) from None
    except ValueError as err:  # e.g. an integer with too many digits
        raise BlueprintError([file_problem(file, f"JSON: {err}")]) from None
    document = Document(data, Format.JSON, file, lambda: json_source_map(text))
    if duplicates.found:
        problems: list[Problem] = []
        json_source_map(text, duplicates=problems, file=file)
        raise BlueprintError(problems)
    shape = check_shape(data)
    if shape is not None:
        # the first bracket past the cap is the first too-deep list or mapping
        position = (1, 1) if shape.whole_file else too_deep_position(text, Format.JSON)
        raise BlueprintError([file_problem(file, shape.message, position, shape.path)])
    return document


def json_source_map(
    text: str, *, duplicates: list[Problem] | None = None, file: str | None = None
) -> SourceMap:
    """Positions of every key and value of a JSON document (which must be valid JSON).

    With ``duplicates``, a problem naming both lines is added for each repeated key.
    """
    source = text.encode("utf-8")
    columns = Columns(source)
    tree = parse_tree(source, Format.JSON)
    result = SourceMap()
    stack = [(node, "") for node in tree.root_node.named_children if node.type != "comment"]
    while stack:
        node, path = stack.pop()
        result.add(path, columns.position(node))
        if node.type == "object":
            seen: dict[str, Position] = {}
            for pair in node.named_children:
                key_node = pair.child_by_field_name("key")
                value_node = pair.child_by_field_name("value")
                if pair.type != "pair" or key_node is None or value_node is None:
                    continue
                key = _key_text(key_node.text or b"")
                key_position = columns.position(key_node)
                child = join(path, key)
                if key in seen and duplicates is not None:
                    duplicates.append(_duplicate(file, child, key, seen[key], key_position))
                seen.setdefault(key, key_position)
                result.add(child, columns.position(value_node), key=key_position)
                stack.append((value_node, child))
        elif node.type == "array":
            items = [item for item in node.named_children if item.type != "comment"]
            stack.extend((item, join(path, index)) for index, item in enumerate(items))
    return result


def _key_text(raw: bytes) -> str:
    if b"\\" not in raw and raw[:1] == b'"' and raw[-1:] == b'"':
        return raw[1:-1].decode("utf-8", errors="replace")
    try:
        key = json.loads(raw.decode("utf-8", errors="replace"))
    except ValueError:
        return raw.decode("utf-8", errors="replace").strip('"')
    return key if isinstance(key, str) else str(key)


def _duplicate(file: str | None, path: str, key: str, first: Position, again: Position) -> Problem:
    return Problem(
        path,
        f"duplicate key `{key}` (first at line {first[0]}, again at line {again[0]}); "
        "keep one of them",
        file,
        again[0],
        again[1],
    )
