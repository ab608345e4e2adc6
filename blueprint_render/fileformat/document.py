"""A file read into plain data, with its source map and the problems found while reading."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from blueprint_render.errors import BlueprintError, Problem
from blueprint_render.fileformat.formats import Format
from blueprint_render.fileformat.sourcemap import Position, SourceMap

__all__ = ["Document", "file_problem", "raise_if", "sort_problems"]


class Document:
    """Plain data read from a file (mappings, lists, scalars) and where each field sits.

    The source map is built on first use: JSON and TOML positions are only worked out when
    there is a problem to place.
    """

    __slots__ = ("_map", "_map_factory", "data", "file", "format")

    def __init__(
        self,
        data: object,
        format: Format,
        file: str | None,
        source_map: SourceMap | Callable[[], SourceMap],
    ) -> None:
        self.data = data
        self.format = format
        self.file = file
        if isinstance(source_map, SourceMap):
            self._map: SourceMap | None = source_map
            self._map_factory: Callable[[], SourceMap] | None = None
        else:
            self._map = None
            self._map_factory = source_map

    @property
    def source_map(self) -> SourceMap:
        """Positions of the fields of this file."""
        if self._map is None:
            assert self._map_factory is not None
            self._map = self._map_factory()
        return self._map

    def problem(self, path: str, message: str, *, key: bool = False) -> Problem:
        """A problem at ``path``, placed at that field (or its nearest known enclosing field;
        with ``key``, at the field's key)."""
        position = self.source_map.position(path, key=key) or (1, 1)  # (1, 1): an empty file
        return Problem(path, message, self.file, *position)


def file_problem(
    file: str | None, message: str, position: Position | None = (1, 1), path: str = ""
) -> Problem:
    """A problem with the file as a whole (or at a position with no field path yet)."""
    line, column = position if position is not None else (None, None)
    return Problem(path, message, file, line, column)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems without repeats, in the order of the file (line, then column)."""
    unique = list(dict.fromkeys(problems))
    big = 1 << 62
    return sorted(
        unique,
        key=lambda p: (p.line if p.line is not None else big, p.column or 0),
    )


def raise_if(problems: list[Problem]) -> None:
    """Raise :class:`BlueprintError` with the problems, sorted, when there are any."""
    if problems:
        raise BlueprintError(sort_problems(problems))
