"""Where each field of a file sits: field path -> (line, column), both 1-based."""

from __future__ import annotations

from blueprint_render.fileformat.paths import ancestors

__all__ = ["Position", "SourceMap"]

Position = tuple[int, int]
"""A 1-based (line, column) in a file."""


class SourceMap:
    """Positions of the values and keys of a file, by field path.

    ``raw`` keeps the source text of YAML plain scalars (so that a message can say that ``no``
    was read as ``false``); ``links`` maps the path where a YAML alias or merge was used to the
    path of the anchored node, whose positions stand for it.
    """

    __slots__ = ("keys", "links", "raw", "values")

    def __init__(self) -> None:
        self.values: dict[str, Position] = {}
        self.keys: dict[str, Position] = {}
        self.raw: dict[str, str] = {}
        self.links: dict[str, str] = {}

    def add(self, path: str, position: Position, *, key: Position | None = None) -> None:
        """Record where the value at ``path`` (and, for a mapping entry, its key) starts."""
        self.values.setdefault(path, position)
        if key is not None:
            self.keys.setdefault(path, key)

    def position(self, path: str, *, key: bool = False) -> Position | None:
        """Where the field at ``path`` starts, or its nearest enclosing field that is known.

        With ``key`` the position of the field's key is preferred (for "unknown key" messages).
        """
        for candidate in ancestors(path):
            resolved = self._resolve(candidate)
            if key and resolved in self.keys:
                return self.keys[resolved]
            if resolved in self.values:
                return self.values[resolved]
            if resolved in self.keys:
                return self.keys[resolved]
        return None

    def raw_text(self, path: str) -> str | None:
        """The source text of the plain YAML scalar at ``path``, if that is what it was."""
        return self.raw.get(self._resolve(path))

    def _resolve(self, path: str) -> str:
        """Follow alias links: a path inside an alias is the path inside its anchor."""
        if not self.links:
            return path
        for _ in range(64):  # links may chain (an alias inside an anchor); never loop forever
            for prefix in ancestors(path):
                if prefix in self.links and (prefix != path or prefix not in self.values):
                    path = self.links[prefix] + path[len(prefix) :]
                    break
            else:
                return path
        return path
