"""Checking plain data against the JSON Schema, every error turned into a :class:`Problem`.

The schema engine finds the errors (:mod:`.schema_errors`); this module says each one in a
service designer's words, at the field's path, line and column: what was expected, and a fix
where one is obvious.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import Any

from blueprint_render.errors import Problem
from blueprint_render.fileformat.document import Document
from blueprint_render.fileformat.formats import Format
from blueprint_render.fileformat.messages import describe, expected, misread_hint
from blueprint_render.fileformat.paths import format_path, join
from blueprint_render.fileformat.schema import FORMAT_VERSION
from blueprint_render.fileformat.schema_errors import SchemaError, schema_errors
from blueprint_render.model.elements import DETAIL_FIELDS
from blueprint_render.model.lanes import (
    LANE_FIELDS,
    STANDARD_LANES,
)
from blueprint_render.model.suggest import did_you_mean
from blueprint_render.model.text import ID_PATTERN, text_problem
from blueprint_render.model.vocab import MeasureKind, Side, ValueChain

__all__ = ["MAX_PROBLEMS", "schema_problems"]

_ID = re.compile(ID_PATTERN)

_VOCABULARIES: dict[str, tuple[str, type[ValueChain] | type[MeasureKind] | type[Side]]] = {
    "value chain activity": ("a value-chain activity", ValueChain),
    "measure kind": ("a measure kind", MeasureKind),
    "lane side": ("a lane side", Side),
}


MAX_PROBLEMS = 1000
"""Most schema problems reported for one file; past this a last problem says how many more."""


def schema_problems(document: Document, *, engine: str = "auto") -> list[Problem]:
    """Every way the document breaks the schema (the first :data:`MAX_PROBLEMS`), as problems
    at their lines."""
    errors = schema_errors(document.data, engine=engine)
    # a value of the wrong type breaks every other rule too: say only that
    mistyped = {e.path for e in errors if e.keyword == "type"}
    problems: list[Problem] = []
    for error in errors:
        if error.keyword != "type" and error.path in mistyped:
            continue
        for problem in _translate(document, error):
            if len(problems) == MAX_PROBLEMS:
                problems.append(
                    document.problem(
                        "",
                        f"more problems are not listed (only the first {MAX_PROBLEMS:,} are); "
                        "fix these first",
                    )
                )
                return problems
            problems.append(problem)
    return problems


def _translate(document: Document, error: SchemaError) -> Iterator[Problem]:
    path = format_path(error.path)
    keyword = error.keyword
    schema = error.schema
    title = schema.get("title")
    value = error.instance
    if error.property_names:
        for key in value if isinstance(value, dict) else ():
            if not _ID.match(key):
                yield document.problem(join(path, key), _id_message(key, "owner id"), key=True)
    elif keyword == "additionalProperties":
        yield from _unknown_keys(document, error, path)
    elif keyword == "required" and isinstance(value, dict):
        missing = [name for name in schema.get("required", []) if name not in value]
        yield document.problem(path, _missing_message(missing, title))
    elif keyword == "type":
        yield document.problem(path, _type_message(document, path, error, title))
    elif title == "text" and isinstance(value, str):
        yield document.problem(path, text_problem(value) or "is not acceptable text")
    elif title == "id" and keyword == "pattern":
        yield document.problem(path, _id_message(value, "id"))
    elif title in _VOCABULARIES and keyword == "pattern":
        yield document.problem(path, _vocabulary_message(str(title), value))
    else:
        yield document.problem(path, _other_message(keyword, title, error))


def _unknown_keys(document: Document, error: SchemaError, path: str) -> Iterator[Problem]:
    schema = error.schema
    allowed = list(schema.get("properties", {}))
    patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
    title = schema.get("title")
    value = error.instance if isinstance(error.instance, dict) else {}
    for key in value:
        if key in allowed or any(p.search(key) for p in patterns):
            continue
        yield document.problem(
            join(path, key), _unknown_message(key, title, allowed, error), key=True
        )


def _unknown_message(key: str, title: object, allowed: list[str], error: SchemaError) -> str:
    head = f"unknown key `{key}`"
    hint = did_you_mean(key, allowed)
    if title == "card":
        lane = _card_lane(error)
        takes = f"{lane or 'these'} cards take {_listing(allowed)}"
        if hint:
            return head + hint
        field = key if key in DETAIL_FIELDS else _closest(key, DETAIL_FIELDS)
        owners = [name for name, fields in LANE_FIELDS.items() if field in fields]
        if field is None or not owners:
            return f"{head}; {takes}"
        if field == key:
            return f"{head}: `{key}` belongs on {owners[0]} cards; {takes}"
        return f"{head}, did you mean `{field}`? It belongs on {owners[0]} cards; {takes}"
    if title == "step":
        if hint:
            return head + hint
        standard = [lane.key for lane in STANDARD_LANES]
        return (
            f"{head}: a step takes id, title, value_chain and one key per lane "
            f"({', '.join(standard)}); to add a lane `{key}`, declare it under `lanes` "
            "with a key, a title and a side"
        )
    return f"{head}{hint or '; expected one of ' + _listing(allowed)}"


def _closest(word: str, choices: tuple[str, ...]) -> str | None:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return close[0] if close else None


def _card_lane(error: SchemaError) -> str | None:
    """The lane key of the card an error is about (``steps[0].<lane>[2]``)."""
    parts = list(error.path)
    if len(parts) >= 2 and isinstance(parts[-2], str):
        return parts[-2]
    return None


def _listing(names: list[str]) -> str:
    return ", ".join(f"`{n}`" for n in names)


def _missing_message(missing: list[str], title: object) -> str:
    names = " and ".join(f"`{name}`" for name in missing)
    if title == "blueprint" and "blueprint" in missing:
        rest = [name for name in missing if name != "blueprint"]
        also = f"; also missing {' and '.join(f'`{n}`' for n in rest)}" if rest else ""
        return (
            f"missing the format version: start the file with `blueprint: {FORMAT_VERSION}`" + also
        )
    if title == "custom lane":
        return f"missing {names}: a custom lane needs a key, a title and a side"
    if title == "step" and missing == ["title"]:
        return "missing `title`: say in a few words what happens in this step"
    return f"missing {names}"


def _type_message(document: Document, path: str, error: SchemaError, title: object) -> str:
    value = error.instance
    want = expected(error.schema.get("type"), str(title) if title is not None else None)
    raw = document.source_map.raw_text(path) if document.format is Format.YAML else None
    hint = misread_hint(raw, value)
    if hint:
        return f"expected {want}{hint}"
    quote = ""
    if "string" in _as_list(error.schema.get("type")) and isinstance(value, int | float):
        quote = f'; write it in quotes: "{value}"' if not isinstance(value, bool) else ""
    return f"expected {want}, got {describe(value)}{quote}"


def _as_list(value: object) -> list[object]:
    return value if isinstance(value, list) else [value]


def _id_message(value: object, what: str) -> str:
    if not isinstance(value, str):
        return f"expected {what}, got {describe(value)}"
    detail = ""
    if " " in value:
        detail = "; ids cannot hold spaces (use - or _)"
    elif len(value) > 100:
        detail = f"; it is {len(value)} characters long"
    return (
        f"`{value}` is not a valid {what}: use letters, digits and _ . : - "
        f"(starting with a letter or digit, at most 100 characters){detail}"
    )


def _vocabulary_message(title: str, value: object) -> str:
    what, vocabulary = _VOCABULARIES[title]
    choices = [member.value for member in vocabulary]
    return _sentence(
        f"`{value}` is not {what}",
        did_you_mean(str(value), choices),
        f"choose one of {_listing(choices)}",
    )


def _sentence(head: str, hint: str, rest: str) -> str:
    """``head, did you mean `x`? Rest.`` or ``head; rest`` when there is no suggestion."""
    if hint:
        return f"{head}{hint} {rest[0].upper()}{rest[1:]}"
    return f"{head}; {rest}"


def _other_message(keyword: str, title: object, error: SchemaError) -> str:
    schema = error.schema
    value: Any = error.instance
    if keyword == "const" and title == "format version":
        return (
            f"this file is in format version {value!r}; this library reads version "
            f"{FORMAT_VERSION} (`blueprint: {FORMAT_VERSION}`)"
        )
    if keyword == "enum" and title == "standard lane key":
        choices = list(schema.get("enum", []))
        return _sentence(
            f"`{value}` is not a standard lane",
            did_you_mean(str(value), choices),
            f"the standard lanes are {_listing(choices)}; declare a custom lane as a mapping "
            "with a key, a title and a side",
        )
    if keyword == "not" and title == "lane key":
        return f"`{value}` is a step field, so it cannot name a lane; choose another key"
    if keyword == "pattern" and title == "lane key":
        return (
            f"`{value}` is not a valid lane key: use lower-case letters, digits, _ and -, "
            "starting with a letter (at most 40 characters)"
        )
    if keyword == "pattern" and title == "duration":
        return (
            f"`{value}` is not a duration: write a number and a unit, such as `4 min`, "
            "`1 day` or `2-3 days`"
        )
    if keyword == "minItems":
        if title == "steps":
            return "a blueprint needs at least one step"
        if title == "phase steps":
            return "a phase needs at least one step"
        if title == "flow":
            return f"a flow needs a `from` and a `to` card: [from, to]; this one has {len(value)}"
        return f"needs at least {schema.get('minItems')} items"
    if keyword == "maxItems":
        if title == "flow":
            return f"a flow is [from, to] or [from, to, label]; this one has {len(value)} items"
        return f"has {len(value):,} items; the limit is {schema.get('maxItems'):,}"
    if keyword == "maxProperties":
        return f"has {len(value):,} entries; the limit is {schema.get('maxProperties'):,}"
    return f"breaks the schema rule `{keyword}`: {schema.get(keyword)!r}"
