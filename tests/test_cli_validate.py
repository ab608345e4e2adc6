"""The command line: validate, schema and example, called as ``main(argv, stdout, stderr)``."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from blueprint_render import dumps, example_path, load
from blueprint_render.cli import main

DATA = Path(__file__).parent / "data"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def test_validate_the_example_exits_0() -> None:
    status, out, err = run("validate", str(example_path()))
    assert (status, out) == (0, "")
    assert "no problems" in err


def test_validate_prints_one_line_per_problem() -> None:
    path = DATA / "bad-address-complaint.yaml"
    status, out, _ = run("validate", str(path))
    assert status == 1
    assert out.splitlines() == [
        f"{path}:3:8: title: expected text, but YAML reads `no` as the boolean false; "
        'put it in quotes: "no"',
        f"{path}:4:10: version: expected text, but YAML reads `1.10` as the number 1.1; "
        'put it in quotes: "1.10"',
        f"{path}:13:5: steps[0].backstge: unknown key `backstge`, did you mean `backstage`?",
        f"{path}:19:15: steps[1].customer[0].wait: expected a duration such as `4 min`, but "
        "YAML reads `12:30` as the number 750 (YAML 1.1 reads digits separated by `:` as a "
        'base-60 number); put it in quotes: "12:30"',
    ]


def test_validate_reports_model_problems_with_lines() -> None:
    path = DATA / "bad-references.json"
    status, out, _ = run("validate", str(path))
    assert status == 1
    assert out.splitlines() == [
        f"{path}:7:103: steps[0].customer[0].owner: owner `opz` is not in the registry, "
        "did you mean `ops`?",
        f"{path}:12:16: flows[1].to: no card has the id `c-wiat`, did you mean `c-wait`?",
    ]


def test_validate_toml(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text(dumps(load(example_path()), "toml"), encoding="utf-8")
    assert run("validate", str(good))[0] == 0
    path = DATA / "bad-unknown-key.toml"
    status, out, _ = run("validate", str(path))
    assert status == 1
    assert (
        out == f"{path}:9:1: steps[0].backstge: unknown key `backstge`, did you mean `backstage`?\n"
    )


def test_a_missing_file_is_a_problem_line_not_a_traceback(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    status, out, err = run("validate", str(example_path()), str(missing))
    assert status == 1
    assert out == f"{missing}:1:1: (top): cannot read the file: No such file or directory\n"
    assert "2 files checked, 1 with problems (1 problem)" in err


def test_a_folder_is_a_problem_line(tmp_path: Path) -> None:
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    status, out, _ = run("validate", str(folder))
    assert status == 1
    assert "is not a regular file" in out


def test_an_unknown_suffix_is_a_problem_line(tmp_path: Path) -> None:
    path = tmp_path / "blueprint.txt"
    path.write_text("x", encoding="utf-8")
    status, out, _ = run("validate", str(path))
    assert status == 1
    assert "cannot tell the format" in out
    assert run("validate", "--format", "yaml", str(path))[0] == 1


def test_usage_errors_exit_2() -> None:
    status, out, err = run("validate")
    assert status == 2
    assert "usage:" in err
    assert out == ""
    assert run("frobnicate")[0] == 2
    assert run()[0] == 2


def test_help_exits_0() -> None:
    status, out, _ = run("--help")
    assert status == 0
    assert "validate" in out


def test_schema_prints_the_schema() -> None:
    status, out, _ = run("schema")
    assert status == 0
    assert json.loads(out)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_example_prints_a_summary() -> None:
    status, out, _ = run("example")
    assert status == 0
    assert "steps:   7 in 3 phases" in out
    assert "cards:   41" in out
    assert "flows:   23, 7 of them handoffs" in out
    assert "owners:  5" in out


def test_python_dash_m() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "blueprint_render", "validate", str(example_path())],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_validate_reads_standard_input() -> None:
    source = (DATA / "bad-references.json").read_text(encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "blueprint_render", "validate", "--format", "json", "-"],
        input=source,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith("<stdin>:7:103: steps[0].customer[0].owner:")
