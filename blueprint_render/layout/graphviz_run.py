"""Running the Graphviz binaries: found on PATH, with a time-out, and clear errors."""

from __future__ import annotations

import functools
import shutil
import subprocess

from blueprint_render.errors import GraphvizFailed, GraphvizNotFound, GraphvizTimeout

__all__ = ["DEFAULT_TIMEOUT", "run_graphviz"]

DEFAULT_TIMEOUT = 60.0
"""Seconds Graphviz may take, in all, to route the arrows of one drawing."""

INSTALL_HINT = (
    "install Graphviz (Debian/Ubuntu: `apt-get install graphviz`; macOS: `brew install graphviz`) "
    "and make sure its `neato` is on PATH"
)


@functools.cache
def _executable(engine: str) -> str | None:
    return shutil.which(engine)


def run_graphviz(
    engine: str, args: list[str], source: str, *, timeout: float = DEFAULT_TIMEOUT
) -> bytes:
    """Run ``engine`` (``neato``, ``dot`` ...) on DOT ``source`` and return its standard output."""
    path = _executable(engine)
    if path is None:
        _executable.cache_clear()
        raise GraphvizNotFound(f"Graphviz `{engine}` was not found: {INSTALL_HINT}")
    try:
        done = subprocess.run(
            [path, *args],
            input=source.encode("ascii"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise GraphvizTimeout(
            f"Graphviz `{engine}` did not finish within {timeout:g} s and was stopped; "
            "split the blueprint or raise the time-out"
        ) from None
    except OSError as err:
        _executable.cache_clear()
        raise GraphvizNotFound(
            f"Graphviz `{engine}` could not be run ({err}): {INSTALL_HINT}"
        ) from err
    if done.returncode != 0:
        stderr = done.stderr.decode("utf-8", "replace").strip()
        raise GraphvizFailed(
            f"Graphviz `{engine}` failed with exit code {done.returncode}: {stderr}"
        )
    return done.stdout
