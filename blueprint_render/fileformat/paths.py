"""Field paths in a file's own terms: ``steps[3].backstage[1].owner``, ``owners.cc-ops``."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Iterator

__all__ = ["PathPart", "ancestors", "format_path", "join"]

PathPart = str | int
"""One step of a path: a mapping key or a list index."""

_SIMPLE_KEY = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.:-]*")
_LAST_PART = re.compile(r"(?:\.[^.\[\]]*|\[(?:\d+|\"(?:[^\"\\]|\\.)*\")\])\Z")


def join(parent: str, part: PathPart) -> str:
    """The path of ``part`` inside ``parent``.

    >>> join("steps[0]", "backstage"), join("steps", 3), join("owners", "team a")
    ('steps[0].backstage', 'steps[3]', 'owners["team a"]')
    """
    if isinstance(part, int):
        return f"{parent}[{part}]"
    if not parent:
        return _key_segment(part).lstrip(".")
    return parent + _key_segment(part)


@functools.lru_cache(maxsize=4096)
def _key_segment(key: str) -> str:
    """``.key``, or ``["odd key"]`` for a key that is not a plain word."""
    if not _SIMPLE_KEY.fullmatch(key):
        return f"[{json.dumps(key, ensure_ascii=False)}]"
    return f".{key}"


def format_path(parts: Iterable[PathPart]) -> str:
    """The path of a sequence of keys and indices.

    >>> format_path(["steps", 3, "backstage", 1, "owner"])
    'steps[3].backstage[1].owner'
    """
    path = ""
    for part in parts:
        path = join(path, part)
    return path


def ancestors(path: str) -> Iterator[str]:
    """``path`` itself, then each enclosing path, ending with the top (``""``).

    >>> list(ancestors("steps[3].owner"))
    ['steps[3].owner', 'steps[3]', 'steps', '']
    """
    while path:
        yield path
        trimmed = _LAST_PART.sub("", path)
        if trimmed == path:  # a top-level key
            trimmed = ""
        path = trimmed
    yield ""
