"""Running the JSON Schema over plain data: every error as a small neutral record.

Two engines give the same records: ``jsonschema-rs`` (compiled; a cap-sized file checks in
milliseconds) when it is installed and can take the data, and ``jsonschema`` (pure Python)
otherwise. Both run the same generated schema.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any, NamedTuple

import jsonschema

from blueprint_render.fileformat.paths import PathPart
from blueprint_render.fileformat.schema import build_schema
from blueprint_render.model.limits import MAX_LANES

__all__ = ["SchemaError", "declared_custom_lanes", "schema_errors"]

_SURROGATE = re.compile(r"[\ud800-\udfff]")
_INT_RANGE = (-(2**63), 2**63 - 1)


class SchemaError(NamedTuple):
    """One failed keyword: where in the data, which keyword of which (sub)schema, and the
    failing value (for ``propertyNames``, the mapping whose keys failed)."""

    path: tuple[PathPart, ...]
    keyword: str
    schema: dict[str, Any]
    instance: object
    property_names: bool


def declared_custom_lanes(data: object) -> tuple[str, ...]:
    """The keys of the custom lanes a file declares under ``lanes`` (their shape unchecked:
    the schema checks it)."""
    if not isinstance(data, dict) or not isinstance(data.get("lanes"), list):
        return ()
    lanes = data["lanes"][:MAX_LANES]
    keys = [item.get("key") for item in lanes if isinstance(item, dict)]
    return tuple(dict.fromkeys(key for key in keys if isinstance(key, str)))


@functools.lru_cache(maxsize=32)
def _schema(custom_lanes: tuple[str, ...]) -> dict[str, Any]:
    return build_schema(custom_lanes)


@functools.lru_cache(maxsize=32)
def _python_validator(custom_lanes: tuple[str, ...]) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(_schema(custom_lanes))


@functools.lru_cache(maxsize=32)
def _rust_validator(custom_lanes: tuple[str, ...]) -> Any:
    try:
        import jsonschema_rs
    except ImportError:  # pragma: no cover - an optional accelerator
        return None
    return jsonschema_rs.validator_for(_schema(custom_lanes))


def schema_errors(data: object, *, engine: str = "auto") -> list[SchemaError]:
    """Every schema error of a blueprint file's data (``engine``: auto, python or rust)."""
    custom = declared_custom_lanes(data)
    if engine != "python":
        errors = _rust_errors(custom, data)
        if errors is not None:
            return errors
    return list(_python_errors(custom, data))


def _python_errors(custom: tuple[str, ...], data: object) -> Iterator[SchemaError]:
    for error in _python_validator(custom).iter_errors(data):
        path = tuple(error.absolute_path)
        in_names = "propertyNames" in error.relative_schema_path
        schema = error.schema if isinstance(error.schema, dict) else {}
        instance = _at(data, path) if in_names else error.instance
        yield SchemaError(path, str(error.validator), schema, instance, in_names)


def _rust_errors(custom: tuple[str, ...], data: object) -> list[SchemaError] | None:
    """The errors by jsonschema-rs, or None when it is missing or cannot take the data."""
    check = _rust_validator(custom)
    if check is None:
        return None
    refused = (ValueError, TypeError, OverflowError, UnicodeError)
    try:
        if check.is_valid(data):
            return []
        found = list(check.iter_errors(data))
    except refused:  # a date, a huge integer, a lone surrogate: replace and try again
        try:
            found = list(check.iter_errors(_json_only(data)))
        except (_Unusable, *refused):
            return None
    root = _schema(custom)
    errors = []
    for error in found:
        path = tuple(error.instance_path)
        keyword_path = list(error.schema_path)
        schema = _at(root, tuple(keyword_path[:-1]))
        errors.append(
            SchemaError(
                path,
                str(keyword_path[-1]),
                schema if isinstance(schema, dict) else {},
                _at(data, path),
                type(error.kind).__name__ == "PropertyNames",
            )
        )
    return errors


def _at(data: object, path: tuple[PathPart, ...]) -> object:
    """The value at ``path`` in nested dicts and lists."""
    for part in path:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


class _Unusable(Exception):
    """The data holds something the compiled engine cannot be given."""


def _json_only(data: object) -> object:
    """A copy with what JSON cannot hold replaced so that it still fails the schema: dates and
    huge integers become null (no schema location accepts null), lone surrogates NUL (a
    forbidden character). Raises :class:`_Unusable` for a key with a lone surrogate. The data
    is at most ``MAX_DEPTH`` deep, so recursion is safe."""
    if isinstance(data, dict):
        if any(_SURROGATE.search(key) for key in data):
            raise _Unusable
        return {key: _json_only(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_json_only(value) for value in data]
    if isinstance(data, str):
        return _SURROGATE.sub("\x00", data)
    if isinstance(data, bool | float | None):
        return data
    if isinstance(data, int):
        return data if _INT_RANGE[0] <= data <= _INT_RANGE[1] else None
    return None  # dates, times
