"""Batch rendering: many blueprint files to many formats, in parallel, incrementally, atomically.

The engine behind ``blueprint-render render``, usable from documentation builds too:

- :func:`find_inputs` expands files, folders and glob patterns itself, so it works the same on
  every shell and platform;
- :func:`plan` names each output after its input file (never after anything inside it), and
  keeps it inside the output folder;
- :func:`run` renders the jobs in worker processes, skips outputs whose input, options and
  library version are unchanged (a manifest in each output folder records them), writes every
  file atomically, and reports each input as rendered, unchanged or failed, one bad file never
  stopping the others.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Literal

import attrs

from blueprint_render.atomic import write_atomic
from blueprint_render.drawing import FORMATS, Format, render
from blueprint_render.errors import BlueprintError, GraphvizNotFound, Problem, RenderError
from blueprint_render.fileformat import load
from blueprint_render.layout.graphviz_run import DEFAULT_TIMEOUT

__all__ = [
    "INPUT_SUFFIXES",
    "MANIFEST",
    "Job",
    "Options",
    "Outcome",
    "UsageError",
    "find_inputs",
    "plan",
    "run",
    "stop_cleanly_on_sigterm",
]

INPUT_SUFFIXES = (".yaml", ".yml", ".json", ".toml")
"""The files a folder is searched for."""
MANIFEST = ".blueprint-render.json"
"""The file in each output folder that records what each output was made from."""

Status = Literal["rendered", "unchanged", "failed"]


class UsageError(ValueError):
    """The inputs or options asked for cannot be carried out (exit code 2)."""


@attrs.frozen
class Options:
    """How every job is rendered; part of each output's fingerprint."""

    formats: tuple[Format, ...] = ("svg",)
    theme: str = "default"
    scale: float = 1.0
    timeout: float = DEFAULT_TIMEOUT
    force: bool = False
    """Render even what is unchanged."""


@attrs.frozen
class Job:
    """One input file and the output file of each format."""

    source: Path
    outputs: tuple[tuple[Format, Path], ...]


@attrs.frozen
class Outcome:
    """What became of one job."""

    job: Job
    status: Status
    problems: tuple[Problem, ...] = ()
    graphviz_missing: bool = False
    records: tuple[tuple[Path, str], ...] = ()
    """(output, fingerprint and digest) of each file written, for the manifest."""


def find_inputs(patterns: Iterable[str]) -> list[Path]:
    """The blueprint files named by ``patterns``: files, folders (searched recursively for
    :data:`INPUT_SUFFIXES`) and glob patterns (``*``, ``?``, ``[...]``, ``**``), in a stable
    order without repeats. A pattern that names nothing is a :class:`UsageError`."""
    found: dict[Path, None] = {}
    for pattern in patterns:
        matches = [Path(m) for m in sorted(glob.glob(pattern, recursive=True))]
        if not glob.has_magic(pattern) and not matches:
            matches = [Path(pattern)] if Path(pattern).exists() else []
        if not matches:
            raise UsageError(f"{pattern}: no such file or folder")
        for match in matches:
            for path in _files(match):
                found.setdefault(path, None)
    return list(found)


def _files(path: Path) -> Iterator[Path]:
    if path.is_dir():
        for folder, dirs, names in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                if name.endswith(INPUT_SUFFIXES) and not name.startswith("."):
                    yield Path(folder, name)
    else:
        yield path


def plan(
    inputs: Sequence[Path],
    output: Path | None,
    formats: Sequence[Format],
    *,
    roots: Sequence[Path] = (),
) -> list[Job]:
    """The job of each input. Without ``output`` the files go beside their inputs; with an
    output file (a single input, a suffix naming the format) there; otherwise into the
    ``output`` folder, under each input's path relative to the folder it was found in
    (``roots``). Names come from the input files' names only."""
    if output is not None and output.suffix.lower().lstrip(".") in FORMATS and not output.is_dir():
        if len(inputs) != 1:
            raise UsageError(f"-o {output} names one file, but there are {len(inputs)} inputs")
        chosen: Format = output.suffix.lower().lstrip(".")  # type: ignore[assignment]
        return [Job(inputs[0], ((chosen, output),))]
    jobs = []
    taken: dict[Path, Path] = {}
    for source in inputs:
        base = source.with_suffix("")
        if output is not None:
            base = output / _relative(source, roots).with_suffix("")
        outputs = tuple((fmt, base.with_name(f"{base.name}.{fmt}")) for fmt in formats)
        for _, path in outputs:
            if path in taken:
                raise UsageError(f"{taken[path]} and {source} would both be drawn to {path}")
            taken[path] = source
        jobs.append(Job(source, outputs))
    return jobs


def _relative(source: Path, roots: Sequence[Path]) -> Path:
    """``source`` relative to the deepest root folder holding it, else just its name."""
    resolved = source.resolve()
    for root in sorted(roots, key=lambda r: len(r.resolve().parts), reverse=True):
        if root.is_dir() and resolved.is_relative_to(root.resolve()):
            return resolved.relative_to(root.resolve())
    return Path(source.name)


def _fingerprint(data: bytes, fmt: Format, options: Options) -> str:
    from blueprint_render import __version__

    key = json.dumps([__version__, fmt, options.theme, options.scale], sort_keys=True)
    return hashlib.sha256(key.encode() + b"\0" + data).hexdigest()


def _manifest(folder: Path) -> dict[str, str]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def render_job(job: Job, options: Options) -> Outcome:
    """Render one job: load its file, draw each format that is not up to date, write it
    atomically. Never raises for a bad input: its problems are in the outcome."""
    try:
        data = job.source.read_bytes()
    except OSError as error:
        return Outcome(job, "failed", (Problem("", error.strerror or str(error), str(job.source)),))
    pending = []
    for fmt, path in job.outputs:
        manifest = _manifest(path.parent)
        record = manifest.get(path.name, "")
        fingerprint = _fingerprint(data, fmt, options)
        if options.force or record != f"{fingerprint}:{_digest(path)}":
            pending.append((fmt, path, fingerprint))
    if not pending:
        return Outcome(job, "unchanged")
    try:
        blueprint = load(job.source)
        written = []
        for fmt, path, fingerprint in pending:
            image = render(
                blueprint, fmt, theme=options.theme, scale=options.scale, timeout=options.timeout
            )
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, image)
            written.append((path, f"{fingerprint}:{hashlib.sha256(image).hexdigest()}"))
    except BlueprintError as error:
        return Outcome(job, "failed", error.problems)
    except GraphvizNotFound as error:
        return Outcome(job, "failed", (Problem("", str(error), str(job.source)),), True)
    except (RenderError, ValueError, OSError) as error:
        return Outcome(job, "failed", (Problem("", str(error), str(job.source)),))
    return Outcome(job, "rendered", records=tuple(written))


def run(
    jobs: Sequence[Job],
    options: Options,
    *,
    workers: int | None = None,
    progress: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Render every job, ``workers`` processes at a time (default: the number of cores), and
    update each output folder's manifest; ``progress`` hears of each job as it ends."""
    _remove_stale_parts(jobs)
    count = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    outcomes: list[Outcome] = []
    if count == 1:
        results: Iterable[Outcome] = (render_job(job, options) for job in jobs)
        for outcome in results:
            outcomes.append(outcome)
            if progress:
                progress(outcome)
    else:
        with ProcessPoolExecutor(max_workers=count, initializer=stop_cleanly_on_sigterm) as pool:
            for outcome in pool.map(render_job, jobs, [options] * len(jobs)):
                outcomes.append(outcome)
                if progress:
                    progress(outcome)
    _update_manifests(outcomes)
    return outcomes


def stop_cleanly_on_sigterm() -> None:
    """Turn SIGTERM into SystemExit, so a write under way removes its temporary file (see
    :func:`~blueprint_render.atomic.write_atomic`) before the process ends. Set in every
    worker; the command line sets it in its own process too (a library leaves that alone)."""

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)


def _update_manifests(outcomes: Sequence[Outcome]) -> None:
    """Record what each written output was made from, in its folder's manifest."""
    folders: dict[Path, dict[str, str]] = {}
    for outcome in outcomes:
        for path, record in outcome.records:
            folders.setdefault(path.parent, {})[path.name] = record
    for folder, records in folders.items():
        manifest = {**_manifest(folder), **records}
        text = json.dumps(dict(sorted(manifest.items())), indent=1) + "\n"
        write_atomic(folder / MANIFEST, text.encode("utf-8"))


def _remove_stale_parts(jobs: Sequence[Job]) -> None:
    """Remove the temporary files a killed earlier run left beside its outputs."""
    for job in jobs:
        for _, path in job.outputs:
            for part in path.parent.glob(f".{glob.escape(path.name)}.*.part"):
                part.unlink(missing_ok=True)
