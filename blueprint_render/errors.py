"""Errors with structured problems: what went wrong, where (file, line, column, field path)."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = [
    "BlueprintError",
    "GraphvizFailed",
    "GraphvizNotFound",
    "GraphvizTimeout",
    "Problem",
    "RenderError",
]


@attrs.frozen
class Problem:
    """One thing wrong with a blueprint.

    ``path`` names the field in the file's terms (``steps[3].backstage[1].owner``); ``line`` and
    ``column`` are 1-based and known when the blueprint came from a file.
    """

    path: str
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = [self.file or "<blueprint>"]
        if self.line is not None:
            where.append(str(self.line))
            if self.column is not None:
                where.append(str(self.column))
        prefix = ":".join(where)
        return f"{prefix}: {self.path or '(top)'}: {self.message}"


class BlueprintError(ValueError):
    """A blueprint that cannot be accepted; ``problems`` lists every reason found."""

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        count = len(self.problems)
        head = "1 problem" if count == 1 else f"{count} problems"
        return f"{head}:\n" + "\n".join(f"  {p}" for p in self.problems)

    @classmethod
    def single(cls, path: str, message: str) -> BlueprintError:
        """An error with one problem."""
        return cls([Problem(path, message)])


class RenderError(RuntimeError):
    """Rendering failed for a reason outside the blueprint (a tool missing, a time-out)."""


class GraphvizNotFound(RenderError):
    """The Graphviz binary is not installed or not on PATH."""


class GraphvizTimeout(RenderError):
    """A Graphviz call took longer than its time-out and was stopped."""


class GraphvizFailed(RenderError):
    """A Graphviz call exited with an error (its standard error is in the message)."""
