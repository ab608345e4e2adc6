"""The three file formats and how a file's format is told from its suffix."""

from __future__ import annotations

import enum
import os
from pathlib import PurePath

__all__ = ["SUFFIXES", "Format", "format_for_path", "parse_format"]


class Format(enum.Enum):
    """A file format a blueprint can be read from and written to."""

    YAML = "yaml"
    JSON = "json"
    TOML = "toml"


SUFFIXES: dict[str, Format] = {
    ".yaml": Format.YAML,
    ".yml": Format.YAML,
    ".json": Format.JSON,
    ".toml": Format.TOML,
}
"""File suffixes and the format each one means."""

_NAMES = {"yaml": Format.YAML, "yml": Format.YAML, "json": Format.JSON, "toml": Format.TOML}


def parse_format(value: str | Format) -> Format:
    """The format named by ``value`` (``"yaml"``, ``"yml"``, ``"json"``, ``"toml"``, any case).

    >>> parse_format("YML")
    <Format.YAML: 'yaml'>
    """
    if isinstance(value, Format):
        return value
    found = _NAMES.get(str(value).strip().lower().lstrip("."))
    if found is None:
        choices = sorted(f.value for f in Format)
        raise ValueError(f"unknown format: {value!r} (must be one of {choices})")
    return found


def format_for_path(path: str | os.PathLike[str], given: str | Format | None = None) -> Format:
    """The format of a file: ``given`` when set, otherwise told by the file's suffix.

    >>> format_for_path("blueprints/claim.toml")
    <Format.TOML: 'toml'>
    """
    if given is not None:
        return parse_format(given)
    suffix = PurePath(path).suffix.lower()
    found = SUFFIXES.get(suffix)
    if found is None:
        known = ", ".join(SUFFIXES)
        raise ValueError(
            f"cannot tell the format of {os.fspath(path)!r} from its suffix {suffix!r}: "
            f"name the file with one of {known}, or give the format"
        )
    return found
