"""Properties over every shape of blueprint (``strategies.blueprints``): round trips through
each format, dumps that meet the shipped schema, and invalid mutations refused at their path."""

from __future__ import annotations

import json
import tomllib
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import blueprints, nasty_text

from blueprint_render import Blueprint, BlueprintError, dumps, loads, schema
from blueprint_render.fileformat.emitters import emit
from blueprint_render.fileformat.formats import Format
from blueprint_render.fileformat.paths import PathPart, format_path
from blueprint_render.fileformat.writing import to_data

FORMATS = ["yaml", "json", "toml"]
PARSE = {"yaml": yaml.safe_load, "json": json.loads, "toml": tomllib.loads}
VALIDATOR = jsonschema.Draft202012Validator(schema())


@given(bp=blueprints())
def test_round_trip_through_each_format_and_the_schema(bp: Blueprint) -> None:
    # one test for all formats: drawing a blueprint costs more than the checks
    for format in FORMATS:
        text = dumps(bp, format)
        assert loads(text, format) == bp, format
        VALIDATOR.validate(PARSE[format](text))


@given(text=nasty_text())
def test_nasty_titles_round_trip(text: str) -> None:
    data = {
        "blueprint": 1,
        "id": "b",
        "title": text,
        "steps": [{"id": "s", "title": text, "customer": [text, {"text": text, "fail": text}]}],
    }
    for format in FORMATS:
        bp = loads(emit(data, Format(format)), format)
        assert bp.title == text


def mappings(data: Any, path: tuple[PathPart, ...] = ()) -> list[tuple[PathPart, ...]]:
    """The paths of every mapping in plain data."""
    found = []
    if isinstance(data, dict):
        found.append(path)
        for key, value in data.items():
            found.extend(mappings(value, (*path, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.extend(mappings(value, (*path, index)))
    return found


def at(data: Any, path: tuple[PathPart, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def refused_paths(data: dict[str, Any], format: str) -> list[tuple[str, int | None]]:
    with pytest.raises(BlueprintError) as caught:
        loads(emit(data, Format(format)), format)
    return [(p.path, p.line) for p in caught.value.problems]


@settings(max_examples=40)
@given(bp=blueprints(max_steps=5), choice=st.data())
def test_invalid_mutations_are_refused_at_their_path(bp: Blueprint, choice: st.DataObject) -> None:
    format = choice.draw(st.sampled_from(FORMATS))
    unknown_key(bp, format, choice)
    unregistered_owner(bp, format, choice)


def unknown_key(bp: Blueprint, format: str, choice: st.DataObject) -> None:
    """A key no mapping takes, inserted into a random mapping."""
    data = to_data(bp)
    target = choice.draw(st.sampled_from(mappings(data)))
    at(data, target)["?unknown"] = "x"
    found = refused_paths(data, format)
    path = format_path((*target, "?unknown"))
    assert path in [p for p, _ in found], found
    assert all(line is not None for _, line in found)


def unregistered_owner(bp: Blueprint, format: str, choice: st.DataObject) -> None:
    """A random card's owner set to an id missing from the registry."""
    places = list(bp.places())
    if not places:
        return
    place = choice.draw(st.sampled_from(places))
    data = to_data(bp)
    cell = data["steps"][place.step][place.lane]
    card = cell[place.position]
    if isinstance(card, str):
        card = cell[place.position] = {"text": card}
    card["owner"] = "not-registered-anywhere"
    found = refused_paths(data, format)
    assert found == [(f"{place.path}.owner", found[0][1])]
    assert found[0][1] is not None
