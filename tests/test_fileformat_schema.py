"""The JSON Schema: generated from the model, shipped up to date, agreeing with the model."""

from __future__ import annotations

import json
import re
from importlib import resources

import jsonschema
import pytest

from blueprint_render import MeasureKind, Side, ValueChain, schema
from blueprint_render.fileformat.schema import (
    SCHEMA_FILE,
    SCHEMA_ID,
    build_schema,
    schema_json,
    spelling_pattern,
)
from blueprint_render.model.lanes import LANE_FIELDS, STANDARD_LANES
from blueprint_render.model.limits import MAX_STEPS, MAX_TEXT


def test_the_shipped_schema_is_the_generated_one() -> None:
    shipped = SCHEMA_FILE.read_text(encoding="utf-8")
    assert shipped == schema_json(), (
        "blueprint.schema.json is out of date: run `python -m blueprint_render.fileformat`"
    )


def test_the_schema_ships_as_package_data() -> None:
    data = resources.files("blueprint_render") / "fileformat" / "blueprint.schema.json"
    assert json.loads(data.read_text(encoding="utf-8"))["$id"] == SCHEMA_ID


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_returns_a_copy() -> None:
    schema()["title"] = "changed"
    assert schema()["title"] == "blueprint"


def test_caps_and_lane_fields_come_from_the_model() -> None:
    generated = schema()
    assert generated["properties"]["steps"]["maxItems"] == MAX_STEPS
    assert generated["$defs"]["text"]["maxLength"] == MAX_TEXT
    for lane in STANDARD_LANES:
        card = generated["$defs"][f"card_{lane.key}"]["else"]["properties"]
        assert set(card) == {"id", "text", "owner", "fail", "wait", *LANE_FIELDS[lane.key]}


def test_the_schema_for_declared_lanes_names_them() -> None:
    step = build_schema(("emotions",))["$defs"]["step"]
    assert "emotions" in step["properties"]
    assert "patternProperties" not in step


@pytest.mark.parametrize(
    ("vocabulary", "spelling"),
    [
        (ValueChain, "Deliver & Support"),
        (ValueChain, "deliver-and-support"),
        (ValueChain, "obtain-build"),
        (ValueChain, "Obtain/Build"),
        (ValueChain, "obtain and build"),
        (ValueChain, "DESIGN_AND_TRANSITION"),
        (ValueChain, "Design & Transition"),
        (ValueChain, " plan "),
        (MeasureKind, "Perception"),
        (Side, "Front-stage"),
        (Side, "BACKSTAGE"),
    ],
)
def test_spelling_patterns_accept_what_the_model_accepts(
    vocabulary: type[ValueChain] | type[MeasureKind] | type[Side], spelling: str
) -> None:
    assert re.search(spelling_pattern(vocabulary), spelling)
    vocabulary.parse(spelling)


@pytest.mark.parametrize(
    ("vocabulary", "spelling"),
    [(ValueChain, "delivery"), (ValueChain, "plans"), (MeasureKind, "speed"), (Side, "top")],
)
def test_spelling_patterns_refuse_what_the_model_refuses(
    vocabulary: type[ValueChain] | type[MeasureKind] | type[Side], spelling: str
) -> None:
    assert not re.search(spelling_pattern(vocabulary), spelling)
    with pytest.raises(ValueError, match="is not one of"):
        vocabulary.parse(spelling)
