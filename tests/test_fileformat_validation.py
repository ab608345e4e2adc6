"""Validation: every problem named with its path, line and column, and a message a service
designer can act on. Schema problems and the model's whole-blueprint problems alike."""

from __future__ import annotations

import time

import pytest

from blueprint_render import BlueprintError, Problem, loads
from blueprint_render.fileformat.document import sort_problems
from blueprint_render.fileformat.formats import Format
from blueprint_render.fileformat.reading import read_document
from blueprint_render.fileformat.validation import schema_problems
from blueprint_render.model.limits import MAX_CARDS, MAX_STEPS, MAX_TEXT

HEAD = """\
blueprint: 1
id: demo
title: Demo
owners:
  ops: Operations
"""


def problems(source: str, format: str = "yaml") -> list[Problem]:
    with pytest.raises(BlueprintError) as caught:
        loads(source, format, filename=f"in.{format}")
    found = list(caught.value.problems)
    assert found == sort_problems(found)
    return found


def where(found: list[Problem]) -> list[tuple[str, int | None, int | None]]:
    return [(p.path, p.line, p.column) for p in found]


def one(source: str, format: str = "yaml") -> Problem:
    found = problems(source, format)
    assert len(found) == 1, found
    return found[0]


# -- unknown keys ------------------------------------------------------------------------


def test_unknown_lane_key_in_a_step_suggests_the_lane() -> None:
    source = HEAD + "steps:\n  - id: s\n    title: S\n    backstge:\n      - Agent works.\n"
    problem = one(source)
    assert where([problem]) == [("steps[0].backstge", 9, 5)]
    assert problem.message == "unknown key `backstge`, did you mean `backstage`?"


def test_unknown_top_level_key() -> None:
    problem = one(HEAD + "stepz: []\nsteps: [{id: s, title: S}]\n")
    assert where([problem]) == [("stepz", 6, 1)]
    assert "did you mean `steps`?" in problem.message


def test_unknown_step_key_that_is_no_lane_says_how_to_add_one() -> None:
    problem = one(HEAD + "steps:\n  - id: s\n    title: S\n    emotions: [Happy.]\n")
    assert problem.path == "steps[0].emotions"
    assert "declare it under `lanes`" in problem.message


def test_declared_custom_lane_is_accepted() -> None:
    source = (
        HEAD
        + "lanes: [customer, {key: emotions, title: Emotions, side: customer}]\n"
        + "steps:\n  - id: s\n    title: S\n    emotions: [Happy.]\n"
    )
    bp = loads(source)
    assert bp.steps[0].cards[0].lane == "emotions"


def test_card_field_of_another_lane_is_named() -> None:
    source = HEAD + "steps:\n  - id: s\n    title: S\n    backstage:\n"
    source += "      - text: Agent works.\n        channel: Voice\n"
    problem = one(source)
    assert where([problem]) == [("steps[0].backstage[0].channel", 11, 9)]
    assert "`channel` belongs on frontstage cards" in problem.message
    assert "`role`, `sop`" in problem.message


def test_misspelt_card_field_of_another_lane() -> None:
    source = HEAD + "steps:\n  - id: s\n    title: S\n    customer:\n"
    source += "      - {text: Customer calls., chanel: Voice}\n"
    problem = one(source)
    assert problem.path == "steps[0].customer[0].chanel"
    assert "did you mean `channel`? It belongs on frontstage cards" in problem.message


def test_unknown_flow_key() -> None:
    source = HEAD + "steps:\n  - id: s\n    title: S\n    customer: [a, b]\n"
    source += "flows:\n  - {from: s.customer.1, to: s.customer.2, lable: next}\n"
    problem = one(source)
    assert where([problem]) == [("flows[0].lable", 11, 44)]
    assert "did you mean `label`?" in problem.message


# -- wrong types -------------------------------------------------------------------------

STEPS = "steps:\n  - id: s\n    title: S\n"


def test_yaml_no_read_as_false() -> None:
    problem = one(HEAD.replace("title: Demo", "title: no") + STEPS)
    assert where([problem]) == [("title", 3, 8)]
    assert problem.message == (
        'expected text, but YAML reads `no` as the boolean false; put it in quotes: "no"'
    )


def test_yaml_version_1_10_read_as_a_number() -> None:
    problem = one(HEAD + "version: 1.10\n" + STEPS)
    assert where([problem]) == [("version", 6, 10)]
    assert "reads `1.10` as the number 1.1" in problem.message
    assert 'put it in quotes: "1.10"' in problem.message


def test_yaml_wait_12_30_read_as_750() -> None:
    source = HEAD + STEPS + "    customer:\n      - text: Customer waits.\n        wait: 12:30\n"
    problem = one(source)
    assert where([problem]) == [("steps[0].customer[0].wait", 11, 15)]
    assert "reads `12:30` as the number 750" in problem.message
    assert "base-60" in problem.message


def test_yaml_empty_value() -> None:
    problem = one(HEAD.replace("title: Demo", "title:") + STEPS)
    assert problem.path == "title"
    assert problem.line == 3
    assert "empty" in problem.message


def test_yaml_date_read_as_a_date() -> None:
    problem = one(HEAD + "version: 2026-11-01\n" + STEPS)
    assert problem.path == "version"
    assert "as the date 2026-11-01" in problem.message


def test_json_number_for_text() -> None:
    source = '{"blueprint": 1, "id": "d", "title": "D",\n "version": 1.1,\n'
    source += ' "steps": [{"id": "s", "title": "S"}]}'
    problem = one(source, "json")
    assert where([problem]) == [("version", 2, 13)]
    assert problem.message == 'expected text, got the number 1.1; write it in quotes: "1.1"'


def test_toml_wrong_type() -> None:
    source = 'blueprint = 1\nid = "d"\ntitle = "D"\n\n[[steps]]\nid = "s"\ntitle = true\n'
    problem = one(source, "toml")
    assert where([problem]) == [("steps[0].title", 7, 9)]
    assert problem.message == "expected text, got the boolean true"


def test_wrong_type_of_a_list() -> None:
    problem = one(HEAD + "steps: {id: s}\n")
    assert where([problem]) == [("steps", 6, 8)]
    assert problem.message == "expected a list, got a mapping"


def test_card_of_the_wrong_type() -> None:
    problem = one(HEAD + STEPS + "    customer: [5]\n")
    assert where([problem]) == [("steps[0].customer[0]", 9, 16)]
    assert problem.message.startswith("expected a card")


def test_format_version() -> None:
    problem = one(HEAD.replace("blueprint: 1", "blueprint: 2") + STEPS)
    assert where([problem]) == [("blueprint", 1, 12)]
    assert "reads version 1" in problem.message


def test_missing_format_version_and_title() -> None:
    problem = one("id: demo\n" + STEPS)
    assert where([problem]) == [("", 1, 1)]
    assert "`blueprint: 1`" in problem.message
    assert "`title`" in problem.message


# -- closed vocabularies and patterns ----------------------------------------------------


def test_value_chain_lists_the_choices() -> None:
    problem = one(HEAD + STEPS + "    value_chain: delivery\n")
    assert where([problem]) == [("steps[0].value_chain", 9, 18)]
    assert "is not a value-chain activity" in problem.message
    assert "`obtain/build`" in problem.message


@pytest.mark.parametrize("spelling", ["Deliver & Support", "obtain-build", "DESIGN_AND_TRANSITION"])
def test_value_chain_spellings(spelling: str) -> None:
    bp = loads(HEAD + STEPS + f"    value_chain: {spelling}\n")
    assert bp.steps[0].value_chain is not None


def test_measure_kind_suggests() -> None:
    source = HEAD + STEPS + "    measures:\n      - {text: Speed, kind: flo}\n"
    problem = one(source)
    assert problem.path == "steps[0].measures[0].kind"
    assert "did you mean `flow`? Choose one of" in problem.message


def test_bad_id_explained() -> None:
    problem = one(HEAD + "steps:\n  - id: call the line\n    title: S\n")
    assert where([problem]) == [("steps[0].id", 7, 9)]
    assert "ids cannot hold spaces" in problem.message


def test_bad_owner_id_in_the_registry() -> None:
    problem = one(HEAD + "  team a: Team A\n" + STEPS)
    assert where([problem]) == [('owners["team a"]', 6, 3)]
    assert "not a valid owner id" in problem.message


def test_bad_duration() -> None:
    source = HEAD + STEPS + "    customer:\n      - {text: Waits., wait: a while}\n"
    problem = one(source)
    assert problem.path == "steps[0].customer[0].wait"
    assert "is not a duration" in problem.message


def test_empty_text() -> None:
    source = HEAD + STEPS + '    customer:\n      - ""\n      - {text: "   "}\n'
    found = problems(source)
    assert where(found) == [("steps[0].customer[0]", 10, 9), ("steps[0].customer[1].text", 11, 16)]
    assert all("must not be empty" in p.message for p in found)


def test_control_characters_and_nul_in_text() -> None:
    source = HEAD.replace("title: Demo", 'title: "De\\0mo"') + STEPS + '    customer: ["a\\x07b"]\n'
    found = problems(source)
    assert where(found) == [("title", 3, 8), ("steps[0].customer[0]", 9, 16)]
    assert "U+0000" in found[0].message
    assert "U+0007" in found[1].message


def test_text_over_the_cap() -> None:
    problem = one(HEAD.replace("Demo", "x" * (MAX_TEXT + 1)) + STEPS)
    assert where([problem]) == [("title", 3, 8)]
    assert f"the limit is {MAX_TEXT:,}" in problem.message


def test_custom_lane_without_title_and_side() -> None:
    problem = one(HEAD + "lanes:\n  - customer\n  - key: emotions\n" + STEPS)
    assert where([problem]) == [("lanes[1]", 8, 5)]
    assert "a custom lane needs a key, a title and a side" in problem.message


def test_unknown_standard_lane() -> None:
    problem = one(HEAD + "lanes: [custmer]\n" + STEPS)
    assert problem.path == "lanes[0]"
    assert "did you mean `customer`?" in problem.message


def test_flow_of_one_card() -> None:
    problem = one(HEAD + STEPS + "flows:\n  - [a]\n")
    assert where([problem]) == [("flows[0]", 10, 5)]


# -- the model's whole-blueprint checks ----------------------------------------------------

MODEL = (
    HEAD
    + """\
steps:
  - id: call
    title: Call
    customer:
      - {id: c-call, text: Customer calls., owner: ops}
  - id: wait
    title: Wait
    customer:
      - {id: c-wait, text: Customer waits.}
  - id: talk
    title: Talk
    customer:
      - Customer talks.
"""
)


def test_the_model_file_is_good() -> None:
    assert len(loads(MODEL).steps) == 3


def test_duplicate_step_ids() -> None:
    problem = one(MODEL.replace("id: wait", "id: call"))
    assert where([problem]) == [("steps[1].id", 11, 9)]
    assert "duplicate step id `call`" in problem.message


def test_duplicate_card_ids() -> None:
    problem = one(MODEL.replace("id: c-wait", "id: c-call"))
    assert where([problem]) == [("steps[1].customer[0].id", 14, 14)]
    assert "duplicate card id `c-call`" in problem.message


def test_derived_card_id_clashing_with_a_given_one() -> None:
    problem = one(MODEL.replace("id: c-wait", "id: talk.customer.1"))
    assert problem.path == "steps[2].customer[0].id"
    assert problem.line == 18  # the shorthand card: its id is derived


def test_flow_naming_an_unknown_card() -> None:
    problem = one(MODEL + "flows:\n  - [c-call, c-wiat]\n")
    assert where([problem]) == [("flows[0].to", 20, 14)]
    assert "no card has the id `c-wiat`, did you mean `c-wait`?" in problem.message


def test_flow_mapping_naming_an_unknown_card() -> None:
    problem = one(MODEL + "flows:\n  - {from: nobody, to: c-call, label: x}\n")
    assert where([problem]) == [("flows[0].from", 20, 12)]


def test_owner_not_in_the_registry() -> None:
    problem = one(MODEL.replace("text: Customer waits.", "text: Customer waits., owner: opz"))
    assert where([problem]) == [("steps[1].customer[0].owner", 14, 52)]
    assert "owner `opz` is not in the registry, did you mean `ops`?" in problem.message


def test_phase_naming_an_unknown_step() -> None:
    problem = one(MODEL + "phases:\n  - {title: P, steps: [call, wiat]}\n")
    assert where([problem]) == [("phases[0].steps[1]", 20, 30)]
    assert "no step has the id `wiat`" in problem.message


def test_phase_over_steps_that_are_not_consecutive() -> None:
    problem = one(MODEL + "phases:\n  - title: P\n    steps: [call, talk]\n")
    assert where([problem]) == [("phases[0].steps", 21, 12)]
    assert "consecutive" in problem.message
    assert "`wait`" in problem.message


def test_lanes_out_of_order_across_the_line_of_visibility() -> None:
    problem = one(
        MODEL.replace("steps:\n", "lanes: [customer, backstage, frontstage]\nsteps:\n", 1)
    )
    assert where([problem]) == [("lanes[2]", 6, 30)]
    assert "line of visibility" in problem.message


def test_every_problem_is_reported_in_file_order() -> None:
    source = MODEL.replace("title: Demo", "title: no").replace("id: wait", "id: call")
    source = source.replace("id: c-wait", "id: c wait") + "flows:\n  - [c-call, nobody]\n"
    found = problems(source)
    # the schema problems come first; the model's only once the schema is met
    assert where(found) == [("title", 3, 8), ("steps[1].customer[0].id", 14, 14)]


# -- caps ----------------------------------------------------------------------------------


def test_more_steps_than_the_cap_is_refused_fast() -> None:
    source = (
        HEAD + "steps:\n" + "".join(f"  - {{id: s{i}, title: S}}\n" for i in range(MAX_STEPS + 1))
    )
    start = time.perf_counter()
    problem = one(source)
    assert time.perf_counter() - start < 1.5
    assert where([problem]) == [("steps", 7, 3)]
    assert f"the limit is {MAX_STEPS:,}" in problem.message


def test_more_cards_than_the_cap_is_refused_fast() -> None:
    per_step = 20
    cards = ", ".join(['"x"'] * per_step)
    steps = ",\n".join(
        f'{{"id": "s{i}", "title": "S", "customer": [{cards}]}}'
        for i in range(MAX_CARDS // per_step + 1)
    )
    source = '{"blueprint": 1, "id": "d", "title": "D", "steps": [\n' + steps + "]}"
    start = time.perf_counter()
    problem = one(source, "json")
    assert time.perf_counter() - start < 1.5
    assert where([problem]) == [("steps", 1, 52)]
    assert f"the limit is {MAX_CARDS:,}" in problem.message


# -- both schema engines say the same ------------------------------------------------------

ENGINE_CASES = [
    HEAD.replace("title: Demo", "title: no") + "version: 1.10\nstepz: 1\n" + STEPS,
    HEAD + "  bad id: x\nlanes: [custmer, {key: emo}, {key: title, title: T, side: sky}]\n" + STEPS,
    HEAD
    + STEPS
    + "    customer: [5, {text: ''}, {text: x, wait: soon, channel: c}]\n"
    + "    value_chain: nope\nflows: [[a], [a, b, c, d], {from: a}]\n"
    + "phases: [{title: P, steps: []}]\n",
    HEAD + "released: 2024-01-01\nsteps: []\n",
]


@pytest.mark.parametrize("source", ENGINE_CASES)
def test_python_and_compiled_schema_engines_agree(source: str) -> None:
    document = read_document(source, Format.YAML, "in.yaml")
    fast = sort_problems(schema_problems(document))
    slow = sort_problems(schema_problems(document, engine="python"))
    assert fast == slow
    assert fast


def test_a_schema_key_for_editors_is_accepted_and_ignored() -> None:
    source = '{"$schema": "./blueprint.schema.json", "blueprint": 1, "id": "d", "title": "D",'
    source += ' "steps": [{"id": "s", "title": "S"}]}'
    assert loads(source, "json").title == "D"


def test_at_most_a_thousand_schema_problems_are_listed() -> None:
    keys = ", ".join(f"k{i}: 1" for i in range(1500))
    found = problems(HEAD + STEPS + "    customer: [{text: x, " + keys + "}]\n")
    assert len(found) == 1001
    assert any("more problems are not listed" in p.message for p in found)
