"""Plain data to the text of each format: canonical and deterministic.

* YAML: PyYAML's pure-Python safe dumper (the same bytes with or without libyaml), block
  style, Unicode kept, no aliases; short lists of ids (flows, phase steps, data entities) in
  flow style. Strings that YAML 1.1 would read as something else (``no``, ``1.10``,
  ``12:30``, ``null``) are quoted by the dumper's own resolver check.
* JSON: two-space indent, Unicode kept.
* TOML: ``tomlkit``, so that the keys keep their order (a step's lanes are written in the
  order of its cards); cards and lanes are inline tables in multi-line arrays.
"""

from __future__ import annotations

import json
from typing import Any

from blueprint_render.fileformat.formats import Format
from blueprint_render.fileformat.yaml_reader import import_yaml

__all__ = ["emit"]

_FLOW_STYLE_KEYS = frozenset({"flows", "steps", "data"})


def emit(data: dict[str, Any], format: Format) -> str:
    """The text of a file holding ``data``, in ``format``."""
    if format is Format.YAML:
        return _yaml(data)
    if format is Format.JSON:
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return _toml(data)


class _Inline(list):  # type: ignore[type-arg]
    """A list the YAML dumper writes in flow style: ``[a, b]``."""


def _yaml(data: dict[str, Any]) -> str:
    yaml = import_yaml()

    class Dumper(yaml.SafeDumper):  # type: ignore[name-defined,misc]
        def ignore_aliases(self, data: object) -> bool:
            return True

    def inline(dumper: Any, value: _Inline) -> Any:
        return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)

    Dumper.add_representer(_Inline, inline)
    text: str = yaml.dump(
        _mark_inline(data),
        Dumper=Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=88,
    )
    return text


def _mark_inline(value: Any, key: str | None = None) -> Any:
    """Short lists of plain strings (a flow pair, a phase's steps, data) in flow style."""
    if isinstance(value, dict):
        return {k: _mark_inline(v, k) for k, v in value.items()}
    if isinstance(value, list):
        items = [_mark_inline(v, key) for v in value]
        simple = all(isinstance(v, str) and len(v) <= 40 for v in value)
        if value and simple and key in _FLOW_STYLE_KEYS:
            return _Inline(items)
        return items
    return value


def _toml(data: dict[str, Any]) -> str:
    import tomlkit

    document = tomlkit.document()
    # plain values first: after the first [table] header every key belongs to that table
    for key, value in data.items():
        if not _is_table(value):
            document.add(key, _toml_value(value))
    for key, value in data.items():
        if isinstance(value, dict):
            document.add(key, _toml_table(value))
        elif _is_table(value):
            array = tomlkit.aot()
            for item in value:
                array.append(_toml_table(item))
            document.add(key, array)
    return tomlkit.dumps(document)


def _is_table(value: object) -> bool:
    """Whether a top-level value is written as a ``[table]`` or an array of ``[[tables]]``."""
    if isinstance(value, dict):
        return True
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _toml_table(value: dict[str, Any]) -> Any:
    import tomlkit

    table = tomlkit.table()
    for name, item in value.items():
        table.add(name, _toml_value(item))
    return table


def _toml_value(value: Any) -> Any:
    import tomlkit

    if isinstance(value, dict):
        table = tomlkit.inline_table()
        for key, item in value.items():
            table.append(key, _toml_value(item))
        return table
    if isinstance(value, list):
        array = tomlkit.array()
        for item in value:
            array.append(_toml_value(item))
        if any(isinstance(item, dict | list) for item in value) or len(value) > 4:
            array.multiline(True)
        return array
    return value
