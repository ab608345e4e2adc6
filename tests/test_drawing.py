"""The pipeline end to end: the SVG draws what the layout computed, and output is deterministic."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from strategies import blueprints
from svgread import expected_drawing, read_svg

from blueprint_render import Blueprint, render, save
from blueprint_render.drawing import describe
from blueprint_render.layout import compute_layout
from blueprint_render.render.svg import render_svg
from blueprint_render.theme import DEFAULT

pytestmark = pytest.mark.graphviz

SIGNATURES = {"svg": b"<svg", "png": b"\x89PNG\r\n\x1a\n", "pdf": b"%PDF-"}


@settings(max_examples=30)
@given(blueprints(max_steps=6))
def test_the_svg_draws_exactly_the_layout(bp: Blueprint) -> None:
    layout = compute_layout(bp)
    svg = render_svg(layout, theme=DEFAULT, title=bp.title, description=describe(bp))
    assert read_svg(svg) == expected_drawing(layout)


@settings(max_examples=15)
@given(blueprints(max_steps=5))
def test_the_same_blueprint_gives_the_same_svg_bytes(bp: Blueprint) -> None:
    assert render(bp, "svg") == render(bp, "svg")


@pytest.mark.parametrize("format", ["svg", "png", "pdf"])
def test_the_example_renders_to_every_format(example: Blueprint, format: str) -> None:
    data = render(example, format)  # type: ignore[arg-type]
    assert data.lstrip()[: len(SIGNATURES[format])] == SIGNATURES[format] or (
        format == "svg" and b"<svg" in data[:200]
    )
    assert len(data) > 10_000
    assert render(example, format) == data  # type: ignore[arg-type]


def test_the_example_svg_parses_as_xml(example: Blueprint) -> None:
    drawing = read_svg(render(example, "svg"))
    assert drawing.lane_order[:2] == ("evidence", "customer")
    assert len(drawing.cards) == len(list(example.places()))


def test_bytes_are_the_same_in_a_fresh_process(example: Blueprint, tmp_path: Path) -> None:
    """Determinism across processes (hash seeds differ), for every format."""
    script = (
        "import sys; from blueprint_render import load, render, example_path\n"
        "bp = load(example_path())\n"
        "for fmt in ('svg', 'png', 'pdf'):\n"
        "    open(sys.argv[1] + '.' + fmt, 'wb').write(render(bp, fmt))\n"
    )
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", script, str(tmp_path / seed)], check=True, env=env)
    for fmt in ("svg", "png", "pdf"):
        first = (tmp_path / f"1.{fmt}").read_bytes()
        assert first == (tmp_path / f"2.{fmt}").read_bytes()
        assert first == render(example, fmt)  # type: ignore[arg-type]


def test_save_takes_the_format_from_the_suffix(example: Blueprint, tmp_path: Path) -> None:
    for fmt in ("svg", "png", "pdf", "dot"):
        path = save(example, tmp_path / f"out.{fmt}")
        assert path.read_bytes() == render(example, fmt)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="cannot tell the format"):
        save(example, tmp_path / "out.gif")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "out.dot",
        "out.pdf",
        "out.png",
        "out.svg",
    ]


def test_a_failed_save_leaves_the_old_file_whole(example: Blueprint, tmp_path: Path) -> None:
    target = tmp_path / "out.png"
    target.write_bytes(b"old image")
    with pytest.raises(ValueError, match="unknown theme"):
        save(example, target, theme="no-such-theme")
    assert target.read_bytes() == b"old image"
    assert [p.name for p in tmp_path.iterdir()] == ["out.png"]


def test_the_dot_output_carries_no_user_text(example: Blueprint) -> None:
    dot = render(example, "dot").decode("ascii")
    assert "complaint" not in dot.lower()
    assert "n0" in dot
    assert "->" in dot


def test_notebooks_get_svg_by_default_and_png_on_request(example: Blueprint) -> None:
    bundle = example._repr_mimebundle_()
    assert set(bundle) == {"image/svg+xml", "text/plain"}
    assert "<svg" in str(bundle["image/svg+xml"])
    png = example._repr_mimebundle_(include={"image/png"})
    assert set(png) == {"image/png"}
    assert bytes(png["image/png"]).startswith(SIGNATURES["png"])
