"""Positions: every format maps field paths to the line and column where they start."""

from __future__ import annotations

from blueprint_render.fileformat.formats import Format
from blueprint_render.fileformat.json_reader import json_source_map
from blueprint_render.fileformat.paths import ancestors, format_path, join
from blueprint_render.fileformat.reading import read_document
from blueprint_render.fileformat.toml_reader import toml_source_map

TOML = """\
title = "Demo"            # line 1
owners.ops = "Operations" # a dotted key

[[steps]]
id = "s1"
customer = ["a", {text = "b", data = ["x", "y"]}]

[[steps]]
id = "s2"

[[steps.backstage]]
text = "c"

[[steps.backstage]]
"text" = "d"

[steps.extra]
"odd key" = 1
"""


def test_toml_positions() -> None:
    where = toml_source_map(TOML)
    assert where.position("title") == (1, 9)
    assert where.position("owners.ops") == (2, 14)
    assert where.position("owners.ops", key=True) == (2, 1)
    assert where.position("steps[0]") == (4, 1)
    assert where.position("steps[0].customer[1].data[1]") == (6, 44)
    assert where.position("steps[1].id") == (9, 6)
    assert where.position("steps[1].backstage[0].text") == (12, 8)
    assert where.position("steps[1].backstage[1].text", key=True) == (15, 1)
    assert where.position('steps[1].extra["odd key"]', key=True) == (18, 1)
    assert where.position("steps[1].backstage[1].nothing") == (14, 1)


def test_toml_positions_count_characters_not_bytes() -> None:
    where = toml_source_map('title = "é🙂"\nid = "x"\nnote = "🙂"  \n')
    assert where.position("note") == (3, 8)
    where = toml_source_map('a = ["é🙂", "x"]\n')
    assert where.position("a[1]") == (1, 12)


def test_json_positions() -> None:
    text = '{\n  "a": [1, {"b": "🙂", "c": null}],\n  "d\\u0065": true\n}'
    where = json_source_map(text)
    assert where.position("a[1].c") == (2, 28)
    assert where.position("a[1].c", key=True) == (2, 23)
    assert where.position("de") == (3, 14)


def test_yaml_positions_follow_aliases_to_their_anchor() -> None:
    document = read_document("a: &x {b: 1}\nc: *x\n", Format.YAML)
    assert document.source_map.position("c") == (2, 4)
    assert document.source_map.position("c.b") == (1, 11)


def test_paths() -> None:
    assert format_path(["steps", 3, "backstage", 1, "owner"]) == "steps[3].backstage[1].owner"
    assert join("owners", "cc-ops") == "owners.cc-ops"
    assert join("", "odd key") == '["odd key"]'
    assert list(ancestors('owners["a b"].x[2]')) == [
        'owners["a b"].x[2]',
        'owners["a b"].x',
        'owners["a b"]',
        "owners",
        "",
    ]
