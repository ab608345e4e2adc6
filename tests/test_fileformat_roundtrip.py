"""Writing: canonical, deterministic output that reads back to an equal blueprint."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import attrs
import jsonschema
import pytest
import yaml

from blueprint_render import (
    STANDARD_LANES,
    Blueprint,
    Card,
    Flow,
    Lane,
    MeasureKind,
    Owner,
    Phase,
    Side,
    Step,
    ValueChain,
    dump,
    dumps,
    example_path,
    load,
    loads,
    schema,
)

FORMATS = ["yaml", "json", "toml"]
SHARED_EXAMPLE = (
    Path(__file__).resolve().parents[2] / "shared" / "examples" / "address-complaint.yaml"
)

NASTY = [
    "no",
    "yes",
    "1.10",
    "12:30",
    "null",
    "~",
    "#",
    "# not a comment",
    "- dash",
    ": colon",
    "key: value",
    "  leading spaces",
    "trailing spaces  ",
    "line one\nline two",
    "tab\there",
    "\ttab first",
    "<script>alert(\"x\")</script> & 'quotes' \\ backslash",
    "emoji 🙂 👩‍💻 🇬🇧",
    "שלום العميل يتصل",
    "x" * 300,
    "a" * 1000 + " " + "b" * 999,
    "@at %percent !tag *star &amp",
    "0x1F",
    "1e3",
    "true",
    "[not, a, list]",
    "{not: a mapping}",
    "'''",
    '"""',
    "\u2028 line separator",
    "\ufeff bom inside",
    "e\u0301te\u0301",
]


def nasty_blueprint() -> Blueprint:
    owners = (Owner("ops", NASTY[0]), Owner("1.10", "Team 1.10"), Owner("no", "Team no"))
    steps = []
    for index, text in enumerate(NASTY):
        steps.append(
            Step(
                f"s{index}",
                text,
                list(ValueChain)[index % len(ValueChain)],
                cards=[
                    Card(text, "customer", owner="no", wait="12 min"),
                    Card(text, "frontstage", channel=text, artefact=text, fail=text),
                    Card(text, "backstage", id=f"b{index}", role=text, sop=text),
                    Card(text, "systems", system=text, data=(text, "CRM")),
                    Card(text, "policies", control=text, risk=text),
                    Card(text, "measures", kind=MeasureKind.FLOW, threshold=text, sampling=text),
                    Card(text, "evidence"),
                ],
            )
        )
    flows = [Flow("b0", "b1"), Flow("b1", "b2", "1.10"), Flow("b2", "s3.customer.1", NASTY[5])]
    return Blueprint(
        "nasty",
        "no",
        steps,
        scenario="12:30",
        service_owner="~",
        version="1.10",
        owners=owners,
        phases=[Phase("null", ("s0", "s1")), Phase("#", ("s2",))],
        flows=flows,
    )


@pytest.fixture(scope="module")
def example() -> Blueprint:
    return load(example_path())


def test_the_bundled_example_is_the_shared_one() -> None:
    if not SHARED_EXAMPLE.exists():
        pytest.skip("the shared folder is not beside the project")
    assert example_path().read_bytes() == SHARED_EXAMPLE.read_bytes()


def test_the_example_loads(example: Blueprint) -> None:
    assert example.id == "address-complaint"
    assert len(example.steps) == 7
    assert example.owner_name("cc-ops") == "Contact Centre Operations"
    assert example.card("wait-msg").channel == "IVR"
    assert example.steps[0].cards[0].id == "call.evidence.1"


@pytest.mark.parametrize("format", FORMATS)
def test_the_example_round_trips(example: Blueprint, format: str) -> None:
    assert loads(dumps(example, format), format) == example


def test_the_example_file_validates_against_the_schema() -> None:
    data = yaml.safe_load(example_path().read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema()).validate(data)


@pytest.mark.parametrize("format", FORMATS)
def test_nasty_text_round_trips(format: str) -> None:
    bp = nasty_blueprint()
    text = dumps(bp, format)
    assert loads(text, format) == bp


@pytest.mark.parametrize("format", FORMATS)
def test_dumps_validate_against_the_shipped_schema(format: str) -> None:
    text = dumps(nasty_blueprint(), format)
    data = {"yaml": yaml.safe_load, "json": json.loads, "toml": tomllib.loads}[format](text)
    jsonschema.Draft202012Validator(schema()).validate(data)


@pytest.mark.parametrize("format", FORMATS)
def test_dumps_is_deterministic(example: Blueprint, format: str) -> None:
    assert dumps(example, format) == dumps(load(example_path()), format)


def test_yaml_keeps_misreadable_strings_quoted() -> None:
    text = dumps(nasty_blueprint(), "yaml")
    assert "title: 'no'" in text
    assert "version: '1.10'" in text
    assert "scenario: '12:30'" in text
    assert "service_owner: '~'" in text


def test_derived_ids_and_defaults_are_left_out(example: Blueprint) -> None:
    data = yaml.safe_load(dumps(example))
    assert "lanes" not in data
    first = data["steps"][0]
    assert first["evidence"] == ["Service number printed on the bill."]
    assert first["customer"][0]["id"] == "c-call"
    assert data["flows"][0] == ["c-call", "c-wait"]
    assert data["flows"][17] == {"from": "confirm", "to": "c-accept", "label": "offer"}


def test_a_given_id_equal_to_the_derived_one_is_left_out() -> None:
    bp = Blueprint("b", "B", [Step("s", "S", cards=[Card("x", "customer", id="s.customer.1")])])
    assert yaml.safe_load(dumps(bp))["steps"][0]["customer"] == ["x"]


def test_trailing_hidden_standard_lanes_are_left_out() -> None:
    lanes = [STANDARD_LANES[1], Lane("emotions", "Emotions", Side.CUSTOMER), STANDARD_LANES[2]]
    bp = Blueprint("b", "B", [Step("s", "S")], lanes=lanes)
    data = yaml.safe_load(dumps(bp))
    assert data["lanes"] == [
        "customer",
        {"key": "emotions", "title": "Emotions", "side": "customer"},
        "frontstage",
    ]
    assert loads(dumps(bp)) == bp


def test_renamed_and_hidden_standard_lanes_are_written_as_mappings() -> None:
    renamed = attrs.evolve(STANDARD_LANES[0], title="Evidence", hidden=True)
    bp = Blueprint("b", "B", [Step("s", "S")], lanes=[renamed, *STANDARD_LANES[1:]])
    assert yaml.safe_load(dumps(bp))["lanes"][0] == {
        "key": "evidence",
        "title": "Evidence",
        "hidden": True,
    }
    assert loads(dumps(bp, "toml"), "toml") == bp


def test_all_but_one_lane_hidden_round_trips() -> None:
    lanes = [attrs.evolve(lane, hidden=lane.key != "backstage") for lane in STANDARD_LANES]
    bp = Blueprint("b", "B", [Step("s", "S")], lanes=lanes)
    assert "backstage" in yaml.safe_load(dumps(bp))["lanes"]
    for format in FORMATS:
        assert loads(dumps(bp, format), format) == bp


def test_toml_keeps_the_order_of_a_steps_lanes() -> None:
    cards = [
        Card("later lane first", "systems", system="CRM"),
        Card("plain", "customer"),
        Card("mapping", "customer", owner=None, fail="x"),
    ]
    bp = Blueprint("b", "B", [Step("s", "S", cards=cards)])
    assert loads(dumps(bp, "toml"), "toml") == bp


@pytest.mark.parametrize("suffix", [".yaml", ".yml", ".json", ".toml"])
def test_dump_and_load_by_suffix(tmp_path: Path, example: Blueprint, suffix: str) -> None:
    path = tmp_path / f"example{suffix}"
    dump(example, path)
    assert load(path) == example
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


def test_dump_refuses_an_unknown_suffix(tmp_path: Path, example: Blueprint) -> None:
    with pytest.raises(ValueError, match=r"\.yaml, \.yml, \.json, \.toml"):
        dump(example, tmp_path / "example.txt")


def test_unknown_format_lists_the_choices(example: Blueprint) -> None:
    with pytest.raises(ValueError, match=r"unknown format: 'xml' \(must be one of"):
        dumps(example, "xml")
