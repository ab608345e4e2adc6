"""Reading files: encoding, size, syntax, duplicate keys, tags, aliases and nesting.

Every error is checked for its path and line (and column where it means something); the
hostile inputs also for finishing well within a second.
"""

from __future__ import annotations

import codecs
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from blueprint_render import BlueprintError, Problem, loads
from blueprint_render.fileformat.formats import Format
from blueprint_render.fileformat.reading import read_document
from blueprint_render.model.limits import MAX_DEPTH, MAX_FILE_BYTES

GOOD = """\
blueprint: 1
id: demo
title: Demo
steps:
  - id: s
    title: Start
    customer:
      - Customer calls.
"""


def problems(source: str | bytes, format: str = "yaml") -> list[Problem]:
    with pytest.raises(BlueprintError) as caught:
        loads(source, format, filename=f"in.{format}")
    assert all(p.file == f"in.{format}" for p in caught.value.problems)
    return list(caught.value.problems)


def one(source: str | bytes, format: str = "yaml") -> Problem:
    found = problems(source, format)
    assert len(found) == 1, found
    return found[0]


@contextmanager
def within(seconds: float = 1.0) -> Iterator[None]:
    start = time.perf_counter()
    yield
    elapsed = time.perf_counter() - start
    assert elapsed < seconds, f"took {elapsed:.2f} s"


# -- encoding and size ---------------------------------------------------------------------


def test_utf8_bom_is_accepted() -> None:
    assert loads(codecs.BOM_UTF8 + GOOD.encode()).title == "Demo"


def test_bad_utf8_names_line_and_column() -> None:
    data = GOOD.replace("Customer calls.", "Customer ca\u00e9lls.").encode()
    data = data.replace("é".encode(), b"\xff")
    problem = one(data)
    assert (problem.path, problem.line, problem.column) == ("", 8, 20)
    assert "not valid UTF-8" in problem.message
    assert "FF" in problem.message


def test_utf16_is_refused_with_a_hint() -> None:
    problem = one(GOOD.encode("utf-16"))
    assert problem.line == 1
    assert "UTF-16" in problem.message


def test_file_over_the_size_cap_is_refused_before_parsing() -> None:
    data = b"# " + b"x" * MAX_FILE_BYTES + b"\n"
    with within():
        problem = one(data)
    assert (problem.path, problem.line, problem.column) == ("", 1, 1)
    assert f"{MAX_FILE_BYTES:,}" in problem.message


def test_raw_control_characters_are_refused_with_line_and_column() -> None:
    source = GOOD.replace("title: Demo", "title: De\x00mo")
    problem = one(source)
    assert (problem.line, problem.column) == (3, 10)
    assert "U+0000" in problem.message


# -- YAML ----------------------------------------------------------------------------------


def test_yaml_syntax_error_names_the_line() -> None:
    problem = one(GOOD + "  - [unclosed\n")
    assert problem.line == 10
    assert problem.message.startswith("YAML syntax:")


def test_yaml_duplicate_key_names_both_lines() -> None:
    source = GOOD.replace("title: Demo\n", "title: Demo\ntitle: Again\n")
    problem = one(source)
    assert (problem.path, problem.line, problem.column) == ("title", 4, 1)
    assert "first at line 3" in problem.message
    assert "again at line 4" in problem.message


def test_yaml_nested_duplicate_key() -> None:
    source = GOOD.replace("    title: Start\n", "    title: Start\n    id: t\n")
    problem = one(source)
    assert (problem.path, problem.line, problem.column) == ("steps[0].id", 7, 5)


@pytest.mark.parametrize(
    "tag",
    ["!!python/object:os.system", "!!python/object/apply:os.system", "!!binary", "!custom"],
)
def test_yaml_tags_that_are_not_plain_types_are_refused(tag: str) -> None:
    source = GOOD.replace("title: Demo", f"title: {tag} Demo")
    problem = one(source)
    assert (problem.path, problem.line, problem.column) == ("title", 3, 8)
    assert "tag" in problem.message
    assert tag.split(":")[0] in problem.message


def test_yaml_python_object_tag_on_a_mapping() -> None:
    source = GOOD + "flows: !!python/object/new:collections.OrderedDict {}\n"
    problem = one(source)
    assert (problem.path, problem.line) == ("flows", 9)


def test_yaml_plain_type_tags_are_allowed() -> None:
    bp = loads(GOOD.replace("title: Demo", "title: !!str 1.10"))
    assert bp.title == "1.10"


def test_yaml_alias_bomb_is_refused_fast() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 12):
        prev, name = chr(ord("a") + level - 1), chr(ord("a") + level)
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    source = "\n".join(lines) + "\n"
    with within():
        problem = one(source)
    assert problem.line is not None
    assert problem.line <= len(lines)
    assert "500,000" in problem.message
    assert "aliases" in problem.message


def test_yaml_recursive_alias_is_refused() -> None:
    problem = one("a: &a [1, *a]\n")
    assert (problem.path, problem.line, problem.column) == ("a[1]", 1, 11)
    assert "recursive" in problem.message


def test_yaml_undefined_alias_is_refused() -> None:
    problem = one(GOOD.replace("title: Demo", "title: *nowhere"))
    assert (problem.path, problem.line) == ("title", 3)


def test_yaml_aliases_and_merges_read_as_copies() -> None:
    source = """\
blueprint: 1
id: demo
title: Demo
owners: {ops: Operations}
steps:
  - id: s
    title: Start
    customer:
      - &card {text: Customer calls., owner: ops}
    frontstage:
      - <<: *card
        text: Agent answers.
        channel: Voice
"""
    bp = loads(source)
    cards = bp.steps[0].cards
    assert [(c.text, c.owner) for c in cards] == [
        ("Customer calls.", "ops"),
        ("Agent answers.", "ops"),
    ]


def test_yaml_error_inside_a_merge_points_at_the_anchor() -> None:
    source = """\
blueprint: 1
id: demo
title: Demo
owners: {ops: Operations}
base: &base {owner: nobody}
steps:
  - id: s
    title: Start
    customer:
      - <<: *base
        text: Customer calls.
"""
    found = problems(source)
    assert [(p.path, p.line) for p in found] == [("base", 5)]  # unknown top-level key first


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 100_000])
def test_yaml_nesting_too_deep(depth: int) -> None:
    source = "a: " + "[" * depth + "]" * depth + "\n"
    with within():
        problem = one(source)
    assert problem.line == 1
    assert "nesting" in problem.message


def test_yaml_block_nesting_too_deep_names_the_path() -> None:
    source = "".join("  " * level + f"k{level}:\n" for level in range(MAX_DEPTH + 2))
    problem = one(source)
    assert problem.path == ".".join(f"k{level}" for level in range(MAX_DEPTH))
    assert problem.line == MAX_DEPTH + 1


def test_yaml_second_document_is_refused() -> None:
    problem = one(GOOD + "---\nid: other\n")
    assert problem.line == 9
    assert "second YAML document" in problem.message


def test_yaml_empty_file() -> None:
    problem = one("# nothing here\n")
    assert (problem.path, problem.line, problem.column) == ("", 1, 1)
    assert "mapping" in problem.message


def test_yaml_complex_key_is_refused() -> None:
    problem = one("? [a, b]\n: c\n")
    assert problem.line == 1


# -- JSON ----------------------------------------------------------------------------------

GOOD_JSON = """{
  "blueprint": 1,
  "id": "demo",
  "title": "Demo",
  "steps": [
    {"id": "s", "title": "Start", "customer": ["Customer calls."]}
  ]
}
"""


def test_json_loads() -> None:
    assert loads(GOOD_JSON, "json").steps[0].cards[0].text == "Customer calls."


def test_json_syntax_error_names_line_and_column() -> None:
    problem = one(GOOD_JSON.replace('"Demo",', '"Demo"'), "json")
    assert (problem.line, problem.column) == (5, 3)
    assert problem.message.startswith("JSON syntax:")


def test_json_duplicate_key_names_both_lines() -> None:
    source = GOOD_JSON.replace('"title": "Demo",', '"title": "Demo",\n  "title": "Again",')
    problem = one(source, "json")
    assert (problem.path, problem.line, problem.column) == ("title", 5, 3)
    assert "first at line 4" in problem.message


def test_json_nested_duplicate_key() -> None:
    source = GOOD_JSON.replace('"title": "Start"', '"title": "Start", "id": "t"')
    problem = one(source, "json")
    assert (problem.path, problem.line) == ("steps[0].id", 6)


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 100_000])
def test_json_nesting_too_deep(depth: int) -> None:
    source = '{"a":\n' + "[" * depth + "]" * depth + "}"
    with within():
        problem = one(source, "json")
    assert problem.line == 2
    assert "nesting" in problem.message


def test_json_nul_escape_is_a_control_character_at_its_field() -> None:
    problem = one(GOOD_JSON.replace('"Demo"', '"De\\u0000mo"'), "json")
    assert (problem.path, problem.line, problem.column) == ("title", 4, 12)
    assert "U+0000" in problem.message


def test_json_lone_surrogate_escape_is_refused_at_its_field() -> None:
    problem = one(GOOD_JSON.replace('"Demo"', '"De\\ud800mo"'), "json")
    assert (problem.path, problem.line) == ("title", 4)
    assert "U+D800" in problem.message


# -- TOML ----------------------------------------------------------------------------------

GOOD_TOML = """\
blueprint = 1
id = "demo"
title = "Demo"

[[steps]]
id = "s"
title = "Start"
customer = ["Customer calls."]
"""


def test_toml_loads() -> None:
    assert loads(GOOD_TOML, "toml").steps[0].cards[0].text == "Customer calls."


def test_toml_syntax_error_names_line_and_column() -> None:
    problem = one(GOOD_TOML.replace('title = "Demo"', "title = Demo"), "toml")
    assert (problem.path, problem.line, problem.column) == ("", 3, 9)
    assert problem.message.startswith("TOML syntax:")


def test_toml_duplicate_key_names_the_line() -> None:
    problem = one(GOOD_TOML.replace('title = "Demo"', 'title = "Demo"\ntitle = "Again"'), "toml")
    assert problem.line == 4


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 100_000])
def test_toml_nesting_too_deep(depth: int) -> None:
    source = "blueprint = 1\na = " + "[" * depth + "]" * depth + "\n"
    with within():
        problem = one(source, "toml")
    assert problem.line == 2
    assert "nesting" in problem.message


def test_read_document_keeps_yaml_source_text_of_plain_scalars() -> None:
    document = read_document("a: no\nb: 'no'\n", Format.YAML)
    assert document.data == {"a": False, "b": "no"}
    assert document.source_map.raw_text("a") == "no"
    assert document.source_map.raw_text("b") is None
