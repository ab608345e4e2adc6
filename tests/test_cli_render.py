"""``blueprint-render render``: batches, incremental runs, bad files, kills, exit codes."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from blueprint_render import dumps, example_path, load
from blueprint_render.batch import MANIFEST
from blueprint_render.cli import main

pytestmark = pytest.mark.graphviz

PNG = b"\x89PNG\r\n\x1a\n"
CLI = [sys.executable, "-m", "blueprint_render"]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


def complete(path: Path) -> bool:
    """Whether a written output is whole: a PNG ends with its IEND chunk, an SVG with </svg>."""
    data = path.read_bytes()
    if path.suffix == ".png":
        return data.startswith(PNG) and data.endswith(b"IEND\xaeB`\x82")
    if path.suffix == ".pdf":
        return data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    return data.rstrip().endswith(b"</svg>")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder of three blueprints (YAML, JSON, TOML), one in a subfolder."""
    source = tmp_path / "in"
    (source / "sub").mkdir(parents=True)
    bp = load(example_path())
    shutil.copy(example_path(), source / "complaint.yaml")
    (source / "complaint-json.json").write_text(dumps(bp, "json"), encoding="utf-8")
    (source / "sub" / "complaint-toml.toml").write_text(dumps(bp, "toml"), encoding="utf-8")
    return source


def test_a_folder_renders_in_parallel_then_not_again(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    status, stdout, stderr = run("render", str(folder), "-o", str(out), "-f", "svg,png", "-j", "2")
    assert status == 0, stderr
    names = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert names == [
        MANIFEST,
        "complaint-json.png",
        "complaint-json.svg",
        "complaint.png",
        "complaint.svg",
        f"sub/{MANIFEST}",
        "sub/complaint-toml.png",
        "sub/complaint-toml.svg",
    ]
    assert all(complete(p) for p in out.rglob("*.*g"))
    assert stdout.count("rendered") == 3
    assert "3 rendered, 0 unchanged, 0 failed" in stderr
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    status, _, stderr = run("render", str(folder), "-o", str(out), "-f", "svg,png")
    assert status == 0
    assert "nothing to render: every output is up to date (3 files)" in stderr
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == before


def test_a_changed_input_or_option_renders_again(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("render", str(folder / "complaint.yaml"), "-o", str(out))[0] == 0
    text = (folder / "complaint.yaml").read_text(encoding="utf-8")
    (folder / "complaint.yaml").write_text(text.replace("Wrap up", "Wrap"), encoding="utf-8")
    assert "1 rendered" in run("render", str(folder / "complaint.yaml"), "-o", str(out))[2]
    assert (
        "1 rendered"
        in run("render", str(folder / "complaint.yaml"), "-o", str(out), "--theme", "dark")[2]
    )
    (out / "complaint.svg").write_text("tampered", encoding="utf-8")
    assert "1 rendered" in run("render", str(folder / "complaint.yaml"), "-o", str(out))[2]
    assert complete(out / "complaint.svg")


def test_glob_patterns_are_expanded_by_the_command(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    status, stdout, _ = run("render", str(folder / "**" / "*.toml"), "-o", str(out))
    assert status == 0
    assert "complaint-toml.toml" in stdout
    assert (out / "complaint-toml.svg").exists()


def test_output_names_come_from_file_names_not_content(tmp_path: Path) -> None:
    text = example_path().read_text(encoding="utf-8")
    evil = tmp_path / "in" / "plain.yaml"
    evil.parent.mkdir()
    evil.write_text(text.replace("id: address-complaint", "id: ../../escape"), encoding="utf-8")
    out = tmp_path / "out"
    status, _, stderr = run("render", str(evil), "-o", str(out))
    # the id is not a valid id, so nothing is written anywhere
    assert status == 1
    assert "escape" in stderr
    assert not list(tmp_path.rglob("*.svg"))
    evil.write_text(text.replace("title: Address complaint", "title: ../../x"), encoding="utf-8")
    assert run("render", str(evil), "-o", str(out))[0] == 0
    assert [p.name for p in tmp_path.rglob("*.svg")] == ["plain.svg"]


def test_one_bad_file_does_not_stop_the_others(folder: Path, tmp_path: Path) -> None:
    (folder / "broken.yaml").write_text(
        example_path().read_text(encoding="utf-8").replace("backstage:", "backstge:", 1),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    status, stdout, stderr = run("render", str(folder), "-o", str(out), "-f", "png")
    assert status == 1
    assert f"{folder / 'broken.yaml'}:" in stderr
    assert "steps[2].backstge: unknown key `backstge`, did you mean `backstage`?" in stderr
    assert "3 rendered, 0 unchanged, 1 failed" in stderr
    assert "failed" in stdout
    assert not (out / "broken.png").exists()
    assert sorted(p.name for p in out.rglob("*.png")) == [
        "complaint-json.png",
        "complaint-toml.png",
        "complaint.png",
    ]
    assert not list(out.rglob("*.part"))


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL], ids=["term", "kill"])
def test_a_render_killed_midway_leaves_no_partial_image(
    tmp_path: Path, how: signal.Signals
) -> None:
    source = tmp_path / "in"
    source.mkdir()
    for number in range(8):
        shutil.copy(example_path(), source / f"copy{number}.yaml")
    out = tmp_path / "out"
    command = [*CLI, "render", str(source), "-o", str(out), "-f", "png,pdf", "-j", "2"]
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while not list(out.glob("*.png")) and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(process.pid, how)
    process.wait(timeout=30)
    images = [p for p in out.glob("*") if p.suffix in (".png", ".pdf")]
    assert all(complete(p) for p in images)
    if how == signal.SIGTERM:
        assert not list(out.glob(".*.part"))
    # the next run finishes the job and clears whatever a hard kill left behind
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert len([p for p in out.glob("*") if p.suffix in (".png", ".pdf")]) == 16
    assert all(complete(p) for p in out.glob("*.p*"))
    assert not list(out.glob(".*.part"))


def test_missing_graphviz_exits_3(tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    env = {**os.environ, "PATH": str(empty)}
    done = subprocess.run(
        [*CLI, "render", str(example_path()), "-o", str(tmp_path / "x.svg")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 3
    assert "apt-get install graphviz" in done.stderr


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["render", "no/such/file.yaml"], "no such file or folder"),
        (["render", "{example}", "-f", "gif"], "unknown format"),
        (["render", "{example}", "-j", "0"], "--jobs"),
        (["render"], "usage:"),
    ],
)
def test_usage_errors_exit_2(argv: list[str], message: str) -> None:
    args = [a.replace("{example}", str(example_path())) for a in argv]
    status, _, stderr = run(*args)
    assert status == 2
    assert message in stderr


def test_one_output_file_takes_one_input(folder: Path, tmp_path: Path) -> None:
    status, _, stderr = run("render", str(folder), "-o", str(tmp_path / "one.svg"))
    assert status == 2
    assert "names one file, but there are 3 inputs" in stderr


def test_standard_input_to_standard_output() -> None:
    done = subprocess.run(
        [*CLI, "render", "-", "-o", "-", "-f", "png"],
        input=example_path().read_bytes(),
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(PNG)


def test_new_writes_a_starter_that_renders(tmp_path: Path) -> None:
    for name in ("start.yaml", "start.json", "start.toml"):
        target = tmp_path / name
        status, stdout, _ = run("new", str(target))
        assert status == 0
        assert "wrote" in stdout
        assert run("validate", str(target))[0] == 0
        assert run("new", str(target))[0] == 2  # never overwritten unasked
        assert run("render", str(target), "-o", str(tmp_path / f"{name}.svg"))[0] == 0


def test_the_example_command_draws_every_format(tmp_path: Path) -> None:
    status, stdout, _ = run("example", "-o", str(tmp_path))
    assert status == 0
    assert "Address complaint" in stdout
    for fmt in ("svg", "png", "pdf"):
        assert complete(tmp_path / f"address-complaint.{fmt}")


class Terminal(io.StringIO):
    """Standard error as a terminal sees it."""

    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_progress_bar_instead_of_lines(folder: Path, tmp_path: Path) -> None:
    out, err = io.StringIO(), Terminal()
    status = main(["render", str(folder), "-o", str(tmp_path / "out"), "-j", "1"], out, err)
    assert status == 0
    assert out.getvalue() == ""  # no per-file lines
    assert "0/3" in err.getvalue()
    assert "file/s" in err.getvalue()
    assert "3 rendered, 0 unchanged, 0 failed (3 files)" in err.getvalue()
