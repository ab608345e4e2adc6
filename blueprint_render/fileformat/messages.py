"""Words for values and types in messages, with hints for what YAML 1.1 misreads."""

from __future__ import annotations

import datetime
import json
import re

__all__ = ["describe", "expected", "misread_hint"]

_TYPE_WORDS = {
    "string": "text",
    "object": "a mapping",
    "array": "a list",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "nothing",
}

_TITLE_WORDS = {
    "card": "a card (its text, or a mapping with `text`)",
    "lane": "a lane (a standard lane key, or a mapping with `key`)",
    "flow": "a flow ([from, to], [from, to, label], or a mapping with `from` and `to`)",
    "duration": "a duration such as `4 min`",
    "id": "an id",
    "value chain activity": "a value-chain activity",
    "measure kind": "a measure kind",
    "lane side": "a side",
    "lane key": "a lane key",
    "format version": "the format version 1",
    "blueprint": "a mapping of blueprint keys",
}

_SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?")


def expected(types: object, title: str | None) -> str:
    """What a field should hold: ``"text"``, ``"a list"``, ``"a duration such as `4 min`"``."""
    if title in _TITLE_WORDS:
        return _TITLE_WORDS[title]
    names = [types] if isinstance(types, str) else list(types) if isinstance(types, list) else []
    words = [_TYPE_WORDS.get(str(name), str(name)) for name in names]
    return " or ".join(words) if words else "another kind of value"


def describe(value: object) -> str:
    """A value as a message names it: ``"the number 1.1"``, ``"the boolean false"``."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {'true' if value else 'false'}"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def misread_hint(raw: str | None, value: object) -> str:
    """For a plain YAML scalar that was read as something other than text: what it was read
    as, and how to keep it text (``", but YAML reads `no` as ..."``). Empty when there is
    nothing to say."""
    if raw is None or isinstance(value, str | list | dict):
        return ""
    quoted = json.dumps(raw, ensure_ascii=False)
    if raw.strip() == "":
        return ", but the value is empty: write it after the colon"
    why = ""
    if isinstance(value, int) and not isinstance(value, bool) and _SEXAGESIMAL.fullmatch(raw):
        why = " (YAML 1.1 reads digits separated by `:` as a base-60 number)"
    return f", but YAML reads `{raw}` as {describe(value)}{why}; put it in quotes: {quoted}"
