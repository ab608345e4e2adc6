"""Loading and dumping blueprint files: the public functions of the file format."""

from __future__ import annotations

import os
import stat
from importlib import resources
from pathlib import Path

from blueprint_render.atomic import write_atomic
from blueprint_render.errors import BlueprintError, Problem
from blueprint_render.fileformat.build import build_blueprint
from blueprint_render.fileformat.decoding import check_size
from blueprint_render.fileformat.document import Document, file_problem, sort_problems
from blueprint_render.fileformat.emitters import emit
from blueprint_render.fileformat.formats import Format, format_for_path, parse_format
from blueprint_render.fileformat.reading import read_document
from blueprint_render.fileformat.schema import schema
from blueprint_render.fileformat.validation import schema_problems
from blueprint_render.fileformat.writing import to_data
from blueprint_render.model import Blueprint
from blueprint_render.model.limits import MAX_FILE_BYTES

__all__ = ["dump", "dumps", "example_path", "load", "loads", "schema", "validate_path"]


def loads(
    source: str | bytes, format: str | Format = "yaml", *, filename: str | None = None
) -> Blueprint:
    """The blueprint in ``source``, the content of a YAML, JSON or TOML file.

    Raises :class:`~blueprint_render.BlueprintError` listing every problem, each with its field
    path and, from ``filename`` and the source, its file, line and column.

    >>> bp = loads("blueprint: 1\\nid: demo\\ntitle: Demo\\nsteps:\\n- {id: s, title: Start}\\n")
    >>> bp.steps[0].title
    'Start'
    """
    return _blueprint(read_document(source, parse_format(format), filename))


def load(path: str | os.PathLike[str], *, format: str | Format | None = None) -> Blueprint:
    """The blueprint in the file at ``path`` (format from the suffix unless given)."""
    fmt, data = _read(path, format)
    return loads(data, fmt, filename=os.fspath(path))


def dumps(bp: Blueprint, format: str | Format = "yaml") -> str:
    """The text of a file holding ``bp``: canonical, with defaults and derived ids left out.

    ``loads(dumps(bp, fmt), fmt) == bp`` for every blueprint and format.
    """
    return emit(to_data(bp), parse_format(format))


def dump(
    bp: Blueprint, path: str | os.PathLike[str], *, format: str | Format | None = None
) -> Path:
    """Write ``bp`` to ``path`` atomically (format from the suffix unless given)."""
    text = dumps(bp, format_for_path(path, format))
    return write_atomic(path, text.encode("utf-8"))


def example_path() -> Path:
    """The bundled example blueprint ("Address complaint", YAML)."""
    return Path(str(resources.files("blueprint_render") / "examples" / "address-complaint.yaml"))


def validate_path(
    path: str | os.PathLike[str], *, format: str | Format | None = None
) -> list[Problem]:
    """Every problem of the file at ``path`` (none for a good blueprint); never raises for a
    bad or missing file."""
    try:
        load(path, format=format)
    except BlueprintError as err:
        return list(err.problems)
    return []


def _blueprint(document: Document) -> Blueprint:
    problems = schema_problems(document)
    if problems:
        raise BlueprintError(sort_problems(problems))
    try:
        return build_blueprint(document)
    except BlueprintError as err:
        raise BlueprintError(sort_problems(err.problems)) from None


def _read(path: str | os.PathLike[str], format: str | Format | None) -> tuple[Format, bytes]:
    """The format and bytes of a file, refusing what is not a regular file or is too big."""
    name = os.fspath(path)
    try:
        fmt = format_for_path(path, format)
    except ValueError as err:
        raise BlueprintError([file_problem(name, str(err))]) from None
    try:
        info = os.stat(path)
        if not _regular(info.st_mode):
            raise BlueprintError([file_problem(name, "is not a regular file")])
        check_size(info.st_size, name)
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        reason = err.strerror or str(err)
        raise BlueprintError([file_problem(name, f"cannot read the file: {reason}")]) from None
    return fmt, data


def _regular(mode: int) -> bool:
    return stat.S_ISREG(mode)
