"""Checks shared by every text field of the model, the file loader and the JSON Schema."""

from __future__ import annotations

import re
from typing import Any

import attrs

from blueprint_render.errors import BlueprintError
from blueprint_render.model.limits import MAX_TEXT

__all__ = [
    "DURATION_PATTERN",
    "FORBIDDEN_CHARACTERS",
    "ID_PATTERN",
    "check_duration",
    "check_id",
    "check_text",
    "text_problem",
]

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$"
"""Ids: a letter or digit, then letters, digits, ``_ . : -``; at most 100 characters."""

FORBIDDEN_CHARACTERS = r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]"
"""Control characters (tab and newline allowed), and lone surrogates."""

_UNIT = r"(?:s|secs?|seconds?|min|mins|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|months?)"
_NUMBER = r"\d+(?:[.,]\d+)?"
DURATION_PATTERN = rf"^(?:{_NUMBER}\s*(?:[-–]|to)\s*)?{_NUMBER}\s*{_UNIT}$"
"""A wait point's duration: ``4 min``, ``1 day``, ``2-3 days``, ``90 s``."""

_ID = re.compile(ID_PATTERN)
_FORBIDDEN = re.compile(FORBIDDEN_CHARACTERS)
_DURATION = re.compile(DURATION_PATTERN)


def text_problem(value: object, *, allow_empty: bool = False) -> str | None:
    """Why ``value`` is not acceptable text, or None when it is."""
    if not isinstance(value, str):
        return f"expected text, got {type(value).__name__}"
    if not allow_empty and not value.strip():
        return "must not be empty; write one statement"
    if len(value) > MAX_TEXT:
        return f"is {len(value):,} characters long; the limit is {MAX_TEXT:,}"
    bad = _FORBIDDEN.search(value)
    if bad:
        code = ord(bad.group())
        return (
            f"contains the control character U+{code:04X} at position {bad.start() + 1}; remove it"
        )
    return None


def check_text(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: non-empty text without control characters, within the length cap."""
    if value is None and attribute.default is None:
        return
    problem = text_problem(value)
    if problem:
        raise BlueprintError.single(attribute.name, problem)


def check_id(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator for ids (see :data:`ID_PATTERN`)."""
    if value is None and attribute.default is None:
        return
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise BlueprintError.single(
            attribute.name,
            f"{value!r} is not a valid id: use letters, digits and _ . : - "
            "(starting with a letter or digit, at most 100 characters)",
        )


def check_duration(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator for wait durations (see :data:`DURATION_PATTERN`)."""
    if value is None:
        return
    if not isinstance(value, str) or not _DURATION.fullmatch(value.strip()):
        raise BlueprintError.single(
            attribute.name,
            f"{value!r} is not a duration: write a number and a unit, such as '4 min' or '1 day'",
        )
