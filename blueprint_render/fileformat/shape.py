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
    """The first place where data breaks a cap: its path and what to say."""

    __slots__ = ("message", "path")

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message


def check_shape(data: object) -> ShapeProblem | None:
    """The first list or mapping nested deeper than :data:`MAX_DEPTH`, or the value past
    :data:`MAX_NODES`; None when the data keeps to both caps. Iterative, so any depth is safe.
    """
    stack: list[tuple[object, int, tuple[PathPart, ...]]] = [(data, 0, ())]
    count = 0
    while stack:
        value, depth, path = stack.pop()
        count += 1
        if count > MAX_NODES:
            return ShapeProblem(format_path(path), too_many_message())
        if isinstance(value, dict):
            if depth + 1 > MAX_DEPTH:
                return ShapeProblem(format_path(path), too_deep_message())
            stack.extend((item, depth + 1, (*path, key)) for key, item in value.items())
        elif isinstance(value, list):
            if depth + 1 > MAX_DEPTH:
                return ShapeProblem(format_path(path), too_deep_message())
            stack.extend((item, depth + 1, (*path, index)) for index, item in enumerate(value))
    return None
