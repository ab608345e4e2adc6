"""Every example in README.md and docs/*.md runs, and says what the library does.

Each checked block of a page is one test. The blocks of one page run in order, in one Python
namespace, in one temporary working directory that starts with a copy of the bundled example
as ``address-complaint.yaml`` (the file the pages name). What is checked:

- ```` ```python ````: executed.
- ```` ```yaml ```` whose first line is ``blueprint: 1``: loaded with
  ``blueprint_render.loads``; it must be valid.
- ```` ```console ```` or ```` ```sh ```` whose first line starts with ``$ blueprint-render``:
  each ``$`` line is run with bash (``blueprint-render`` from this environment first on
  ``PATH``), must exit 0, and every line shown under it must be among the lines it printed
  (standard output and error together); ``...`` in a shown line stands for any text.
  Skipped, with the reason, while the command or its subcommand does not exist.

Directives are HTML comments on the lines just above a fence, so readers do not see them:

- ``<!-- doc: no-run -->``: do not run this block (the test is reported as skipped). Use it
  sparingly, for code that needs what a test cannot have; prefer making the example runnable.
- ``<!-- doc: error -->``: a YAML block that is an intentional error example: loading it must
  raise ``BlueprintError``.
- ``<!-- doc: file NAME -->``: also write the block's text to ``NAME`` (a relative path) in the
  working directory, so that later blocks can use the file.
- ``<!-- doc: exit N -->``: the commands of this console block exit with status ``N``.
- ``<!-- doc: output -->``: a ```` ```text ```` block that is exactly what the previous Python
  block printed.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import attrs
import pytest

import blueprint_render as br
from blueprint_render import BlueprintError

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")])
CLI = Path(sys.executable).parent / "blueprint-render"

_FENCE = re.compile(r"^```([\w+-]*)[^\n]*\n(.*?)^```[ \t]*$", re.DOTALL | re.MULTILINE)
_DIRECTIVE = re.compile(r"<!--\s*doc:\s*([a-z-]+)(?:\s+(.*?))?\s*-->")
_DIRECTIVES = frozenset({"no-run", "error", "file", "exit", "output"})


@attrs.frozen
class Block:
    """One fenced block of a page that the tests check."""

    page: Path
    line: int
    """The line of the block's first line of text (1-based)."""
    kind: str
    """``python``, ``yaml``, ``console`` or ``output``."""
    text: str
    directives: dict[str, str] = attrs.field(hash=False)

    @property
    def name(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}:{self.kind}"


def _directives(before: str, page: Path, line: int) -> dict[str, str]:
    """The directives in the comment lines just above a fence."""
    found: dict[str, str] = {}
    for text in reversed(before.rstrip("\n").split("\n")):
        match = _DIRECTIVE.fullmatch(text.strip())
        if match is None:
            break
        key, value = match.group(1), match.group(2) or ""
        if key not in _DIRECTIVES:
            raise ValueError(f"{page}:{line}: unknown directive `doc: {key}`")
        found[key] = value
    return found


def _kind(language: str, text: str, directives: dict[str, str]) -> str | None:
    """What to check of a block, or None to leave it alone."""
    if language == "python":
        return "python"
    if language in ("yaml", "yml") and (text.startswith("blueprint: 1\n") or "file" in directives):
        return "yaml"
    if language in ("console", "sh", "shell") and text.startswith("$ blueprint-render"):
        return "console"
    if language == "text" and "output" in directives:
        return "output"
    return None


def page_blocks(page: Path) -> list[Block]:
    """The checked blocks of a page, in order."""
    source = page.read_text(encoding="utf-8")
    blocks = []
    for match in _FENCE.finditer(source):
        line = source.count("\n", 0, match.start(2)) + 1
        directives = _directives(source[: match.start()], page, line)
        kind = _kind(match.group(1), match.group(2), directives)
        if kind is not None:
            blocks.append(Block(page, line, kind, match.group(2), directives))
    return blocks


BLOCKS = [block for page in PAGES for block in page_blocks(page)]


@cache
def _subcommand_exists(name: str) -> bool:
    done = subprocess.run([str(CLI), name, "--help"], capture_output=True, timeout=60, check=False)
    return done.returncode == 0


def _commands(text: str) -> Iterator[tuple[str, list[str]]]:
    """Each ``$`` command of a console block (continuation lines joined) and the lines shown
    under it."""
    command: list[str] = []
    shown: list[str] = []
    continued = False
    for line in text.splitlines():
        if continued:
            command.append(line)
            continued = line.endswith("\\")
        elif line.startswith("$ "):
            if command:
                yield "\n".join(command), shown
            command, shown = [line[2:]], []
            continued = line.endswith("\\")
        elif line.strip():
            shown.append(line.rstrip())
    if command:
        yield "\n".join(command), shown


class PageRun:
    """The state of one page's blocks: namespace, working directory, what ran."""

    def __init__(self, page: Path, workdir: Path) -> None:
        self.blocks = [block for block in BLOCKS if block.page == page]
        self.workdir = workdir
        shutil.copy(br.example_path(), workdir / "address-complaint.yaml")
        self.namespace: dict[str, Any] = {"__name__": f"doc_{page.stem.replace('-', '_')}"}
        self.done = 0
        self.failed: Block | None = None
        self.stdout = ""

    def run(self, block: Block) -> None:
        """Run the blocks before ``block`` that have not run, then ``block``."""
        index = self.blocks.index(block)
        while self.done < index:
            earlier = self.blocks[self.done]
            try:
                self._check(earlier)
            except pytest.skip.Exception:
                pass
            except Exception:
                self.failed = self.failed or earlier
            self.done += 1
        if self.done > index:
            raise RuntimeError(f"{block.name} already ran")
        self.done += 1
        if self.failed is not None:
            pytest.skip(f"an earlier block of the page failed: {self.failed.name}")
        try:
            self._check(block)
        except pytest.skip.Exception:
            raise
        except BaseException:
            self.failed = block
            raise

    def _check(self, block: Block) -> None:
        if "no-run" in block.directives:
            pytest.skip("marked `<!-- doc: no-run -->`")
        if "file" in block.directives:
            name = Path(block.directives["file"])
            if name.is_absolute() or ".." in name.parts:
                raise ValueError(f"{block.name}: `doc: file` takes a path inside the folder")
            (self.workdir / name).parent.mkdir(parents=True, exist_ok=True)
            (self.workdir / name).write_text(block.text, encoding="utf-8")
        getattr(self, f"_{block.kind}")(block)

    def _python(self, block: Block) -> None:
        # pad with blank lines so that tracebacks give the line in the page
        code = compile("\n" * (block.line - 1) + block.text, str(block.page), "exec")
        printed = io.StringIO()
        try:
            with contextlib.redirect_stdout(printed):
                exec(code, self.namespace)
        finally:
            self.stdout = printed.getvalue()
            sys.stdout.write(self.stdout)  # shown by pytest when the test fails

    def _yaml(self, block: Block) -> None:
        if not block.text.startswith("blueprint: 1\n"):
            return  # a fragment, written to a file only
        if "error" in block.directives:
            with pytest.raises(BlueprintError):
                br.loads(block.text, "yaml", filename=block.name)
        else:
            br.loads(block.text, "yaml", filename=block.name)

    def _output(self, block: Block) -> None:
        def lines(text: str) -> list[str]:
            return [line.rstrip() for line in text.rstrip().splitlines()]

        assert lines(self.stdout) == lines(block.text)

    def _console(self, block: Block) -> None:
        if not CLI.exists():
            pytest.skip(f"the blueprint-render command does not exist yet ({CLI})")
        status = int(block.directives.get("exit") or 0)
        env = {"PATH": f"{CLI.parent}:/usr/local/bin:/usr/bin:/bin", "LC_ALL": "C.UTF-8"}
        for command, shown in _commands(block.text):
            words = command.split()
            sub = words[1] if words[0] == "blueprint-render" and len(words) > 1 else "-"
            if not sub.startswith("-") and not _subcommand_exists(sub):
                pytest.skip(f"`blueprint-render {sub}` does not exist yet")
            done = subprocess.run(
                ["bash", "-c", command],
                cwd=self.workdir,
                env=env,
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )
            printed = [line.rstrip() for line in (done.stdout + done.stderr).splitlines()]
            report = f"$ {command}\n(exit {done.returncode})\n{done.stdout}{done.stderr}"
            assert done.returncode == status, report
            missing = [line for line in shown if not any(_shows(line, p) for p in printed)]
            assert not missing, f"not printed: {missing}\n{report}"


def _shows(shown: str, printed: str) -> bool:
    """Whether a line shown in a page stands for a printed line (``...``: any text)."""
    if "..." not in shown:
        return shown == printed
    pattern = ".*".join(re.escape(part) for part in shown.split("..."))
    return re.fullmatch(pattern, printed) is not None


_RUNS: dict[Path, PageRun] = {}


@pytest.mark.graphviz
@pytest.mark.parametrize("block", BLOCKS, ids=[block.name for block in BLOCKS])
def test_doc_block(
    block: Block, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = _RUNS.get(block.page)
    if run is None:
        workdir = tmp_path_factory.mktemp(f"doc-{block.page.stem}")
        run = _RUNS[block.page] = PageRun(block.page, workdir)
    monkeypatch.chdir(run.workdir)
    run.run(block)


def test_every_page_has_checked_blocks() -> None:
    pages = {block.page for block in BLOCKS}
    for name in ("getting-started", "api", "themes", "embedding", "notebooks"):
        assert ROOT / "docs" / f"{name}.md" in pages


def test_directives_are_only_where_they_mean_something() -> None:
    for block in BLOCKS:
        allowed = {"no-run", "file"} | {
            "yaml": {"error"},
            "console": {"exit"},
            "output": {"output"},
        }.get(block.kind, set())
        assert set(block.directives) <= allowed, block.name


def test_themes_page_describes_every_theme_field() -> None:
    text = (ROOT / "docs" / "themes.md").read_text(encoding="utf-8")
    missing = [f.name for f in attrs.fields(br.Theme) if f"`{f.name}`" not in text]
    assert not missing


def _drawn_example() -> str:
    """The bundled example as SVG."""
    return br.render(br.load(br.example_path())).decode("utf-8")


def test_classes_and_attributes_named_in_the_themes_page_are_drawn() -> None:
    text = (ROOT / "docs" / "themes.md").read_text(encoding="utf-8")
    svg = _drawn_example()
    classes = set(re.findall(r'class="([^"]*)"', svg))
    drawn = {name for value in classes for name in value.split()}
    named = set(re.findall(r"\bbp-[a-z][a-z0-9_-]*", text))
    assert named, "the page names classes"
    for name in sorted(named):
        if name.endswith("--"):  # a modifier prefix such as bp-lane--<key>
            assert any(d.startswith(name) for d in drawn), name
        else:
            assert name in drawn, name
    attributes = set(re.findall(r"`(data-[a-z-]+)`", text))
    assert attributes, "the page names data attributes"
    for attribute in sorted(attributes):
        assert f" {attribute}=" in svg, attribute
