"""Caps on the shape of parsed data: nesting depth and number of values."""

from __future__ import annotations

from blueprint_render.fileformat.paths import PathPart, format_path
from blueprint_render.model.limits import MAX_DEPTH, MAX_NODES

__all__ = ["ShapeProblem", "check_shape", "too_deep_message", "too_many_message"]


def too_deep_message() -> str:
    """What to say about nesting deeper than :data:`MAX_DEPTH`."""
    return f"nesting is deeper than {MAX_DEPTH} levels of lists and mappings"


def too_many_message() -> str:
    """What to say about more values than :data:`MAX_NODES`."""
    return (
        f"the file holds more than {MAX_NODES:,} values (lists, mappings and scalars; "
        f"YAML aliases count at each use); the limit is {MAX_NODES:,}"
    )


class ShapeProblem:
    """The first place, in the order of the file, where data breaks a cap: its path, what to
    say, and whether it is about the file as a whole (too many values)."""

    __slots__ = ("message", "path", "whole_file")

    def __init__(self, path: str, message: str, *, whole_file: bool = False) -> None:
        self.path = path
        self.message = message
        self.whole_file = whole_file


def check_shape(data: object) -> ShapeProblem | None:
    """The first list or mapping (in the order of the file) nested deeper than
    :data:`MAX_DEPTH`, or more than :data:`MAX_NODES` values; None when the data keeps to both
    caps. Iterative, so any depth is safe."""
    stack: list[tuple[object, int, tuple[PathPart, ...]]] = [(data, 0, ())]
    count = 0
    while stack:
        value, depth, path = stack.pop()
        count += 1
        if count > MAX_NODES:
            return ShapeProblem("", too_many_message(), whole_file=True)
        if isinstance(value, dict):
            if depth + 1 > MAX_DEPTH:
                return ShapeProblem(format_path(path), too_deep_message())
            items = [(item, depth + 1, (*path, key)) for key, item in value.items()]
            stack.extend(reversed(items))
        elif isinstance(value, list):
            if depth + 1 > MAX_DEPTH:
                return ShapeProblem(format_path(path), too_deep_message())
            items = [(item, depth + 1, (*path, index)) for index, item in enumerate(value)]
            stack.extend(reversed(items))
    return None
