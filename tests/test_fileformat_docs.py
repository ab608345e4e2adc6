"""The examples in docs/format.md load, and say the same in each format."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from blueprint_render import Blueprint, dumps, loads

DOC = Path(__file__).resolve().parents[1] / "docs" / "format.md"
FENCE = re.compile(r"```(yaml|json|toml)\n(.*?)```", re.DOTALL)


def blocks() -> list[tuple[str, str]]:
    return FENCE.findall(DOC.read_text(encoding="utf-8"))


def test_the_small_file_reads_the_same_in_each_format() -> None:
    yaml_text, json_text, toml_text = (text for _, text in blocks()[:3])
    bp = loads(yaml_text, "yaml")
    assert loads(json_text, "json") == bp
    assert loads(toml_text, "toml") == bp
    assert bp.card("call.customer.1").text.startswith("Customer calls")


def test_the_toml_example_is_what_the_writer_writes() -> None:
    yaml_text, _, toml_text = (text for _, text in blocks()[:3])
    assert dumps(loads(yaml_text, "yaml"), "toml") == toml_text


@pytest.mark.parametrize("key", ["phases", "flows", "lanes"])
def test_the_fragments_are_valid(key: str) -> None:
    fragment = next(text for fmt, text in blocks() if fmt == "yaml" and text.startswith(key))
    steps = "\n".join(
        f"  - {{id: {s}, title: S, customer: [{{id: {c}, text: x, owner: o}}]}}"
        for s, c in [
            ("call", "c-call"),
            ("queue", "c-wait"),
            ("explain", "confirm"),
            ("check", "c-accept"),
            ("remedy", "approve"),
            ("wrap", "w"),
        ]
    )
    source = f"blueprint: 1\nid: d\ntitle: D\nowners: {{o: O}}\nsteps:\n{steps}\n{fragment}"
    bp = loads(source)
    assert isinstance(bp, Blueprint)
