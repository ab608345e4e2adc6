"""PNG and PDF through cairosvg: valid, deterministic, size-limited, and never fetching."""

from __future__ import annotations

import http.server
import io
import os
import struct
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_render_svg import draw, make_layout

from blueprint_render.errors import RenderError
from blueprint_render.render import raster
from blueprint_render.render.raster import MAX_PNG_PIXELS, MAX_PNG_SIDE, svg_to_pdf, svg_to_png

cairocffi = pytest.importorskip("cairocffi")
pytest.importorskip("cairosvg")

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
RED = (255, 0, 0)


def png_size(png: bytes) -> tuple[int, int]:
    assert png.startswith(PNG_MAGIC)
    assert png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def pixel(png: bytes, x: int, y: int) -> tuple[int, int, int]:
    """The RGB of one pixel (cairo stores premultiplied BGRA, little-endian)."""
    surface = cairocffi.ImageSurface.create_from_png(io.BytesIO(png))
    data = bytes(surface.get_data())
    offset = y * surface.get_stride() + x * 4
    b, g, r = data[offset], data[offset + 1], data[offset + 2]
    return r, g, b


def plain_svg(width: float, height: float, body: str = "") -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>{body}</svg>'
    )


# --- PNG -----------------------------------------------------------------------------------


def test_png_of_a_blueprint_has_its_size() -> None:
    layout = make_layout()
    png = svg_to_png(draw(layout))
    assert png_size(png) == (round(layout.width), round(layout.height))
    assert png_size(svg_to_png(draw(layout), scale=2)) == (
        round(layout.width * 2),
        round(layout.height * 2),
    )


def test_png_dpi_sets_pixels_and_records_resolution() -> None:
    png = svg_to_png(plain_svg(96, 48), dpi=192)
    assert png_size(png) == (192, 96)
    at = png.index(b"pHYs")
    per_metre_x, per_metre_y, unit = struct.unpack(">IIB", png[at + 4 : at + 13])
    assert per_metre_x == per_metre_y == round(192 / 0.0254)
    assert unit == 1
    assert b"pHYs" not in svg_to_png(plain_svg(96, 48))
    # still a valid PNG cairo can read back
    assert pixel(png, 10, 10) == (255, 255, 255)


@pytest.mark.parametrize(
    "kwargs", [{"scale": 0}, {"scale": -1}, {"dpi": 0}, {"scale": float("nan")}]
)
def test_png_refuses_bad_scale(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="positive"):
        svg_to_png(plain_svg(10, 10), **kwargs)


def test_png_is_byte_identical_on_repeat() -> None:
    svg = draw()
    assert svg_to_png(svg) == svg_to_png(svg)


def test_too_wide_png_is_scaled_to_fit_with_a_warning() -> None:
    body = '<rect x="39900" y="0" width="100" height="100" fill="#ff0000"/>'
    with pytest.warns(UserWarning, match="too large"):
        png = svg_to_png(plain_svg(40_000, 100, body))
    width, height = png_size(png)
    assert width == MAX_PNG_SIDE
    assert height == round(100 * MAX_PNG_SIDE / 40_000)
    # the whole drawing is there, shrunk: the red square at the far right
    assert pixel(png, width - 5, 5) == RED
    assert pixel(png, width - 200, 5) == (255, 255, 255)


def test_png_far_too_large_is_refused_suggesting_svg_or_pdf() -> None:
    with pytest.raises(RenderError, match="SVG or PDF"):
        svg_to_png(plain_svg(200_000, 100))
    with pytest.raises(RenderError, match="SVG or PDF"):
        svg_to_png(plain_svg(10_000, 100), scale=20)


def test_fit_respects_the_side_and_pixel_budgets() -> None:
    assert raster._fit(1000, 1000) == 1.0
    factor = raster._fit(30_000, 30_000)
    assert round(30_000 * factor) ** 2 <= MAX_PNG_PIXELS
    factor = raster._fit(65_534.4, 10)
    assert round(65_534.4 * factor) <= MAX_PNG_SIDE


def test_broken_svg_is_a_render_error() -> None:
    with pytest.raises(RenderError, match="cairosvg could not convert"):
        svg_to_png("<svg xmlns='http://www.w3.org/2000/svg'><rect></svg>")
    with pytest.raises(RenderError, match="empty"):
        svg_to_png("  ")


# --- PDF -----------------------------------------------------------------------------------


def test_pdf_is_a_pdf_with_pinned_dates_and_title() -> None:
    pdf = svg_to_pdf(draw(), title="Address complaint")
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert len(pdf) > 1000
    assert b"19700101000000Z" in pdf
    assert b"/Title (Address complaint)" in pdf
    assert svg_to_pdf(draw()) == svg_to_pdf(draw())


def test_pdf_date_honours_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert b"20231114221320Z" in svg_to_pdf(plain_svg(10, 10))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "not a number")
    assert b"19700101000000Z" in svg_to_pdf(plain_svg(10, 10))


_CHILD = """
import sys
from blueprint_render.render.raster import svg_to_{kind}
sys.stdout.buffer.write(svg_to_{kind}(sys.stdin.read()))
"""


@pytest.mark.parametrize("kind", ["pdf", "png"])
def test_same_bytes_in_fresh_processes(kind: str) -> None:
    svg = draw()
    outputs = []
    for seed in ("1", "2"):
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        env["PYTHONHASHSEED"] = seed
        done = subprocess.run(
            [sys.executable, "-c", _CHILD.format(kind=kind)],
            input=svg.encode(),
            capture_output=True,
            env=env,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr.decode(errors="replace")
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0].startswith(b"%PDF-" if kind == "pdf" else PNG_MAGIC)
    assert outputs[0] == (svg_to_pdf(svg) if kind == "pdf" else svg_to_png(svg))


# --- safety --------------------------------------------------------------------------------


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that records every request made to it."""
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", requests
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_nothing_outside_the_svg_is_fetched(
    server: tuple[str, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base, requests = server
    red = tmp_path / "red.png"
    red.write_bytes(svg_to_png(plain_svg(50, 50, '<rect width="50" height="50" fill="#ff0000"/>')))
    opened: list[str] = []
    import cairosvg.url

    real = cairosvg.url.urlopen

    def spy(request: object, *args: object, **kwargs: object) -> object:
        opened.append(getattr(request, "full_url", str(request)))
        return real(request, *args, **kwargs)

    monkeypatch.setattr(cairosvg.url, "urlopen", spy)
    body = (
        f'<style>@import url("{base}/style.css");</style>'
        f'<image x="0" y="0" width="50" height="50" href="file://{red}"/>'
        f'<image x="0" y="0" width="50" height="50" xlink:href="{red}"/>'
        '<image x="50" y="0" width="50" height="50" href="file:///etc/passwd"/>'
        f'<image x="0" y="50" width="50" height="50" href="{base}/image.png"/>'
        f'<use href="{base}/sprite.svg#x"/>'
        f'<use href="file://{red}#x"/>'
    )
    svg = plain_svg(100, 100, body)
    png = svg_to_png(svg)
    pdf = svg_to_pdf(svg)
    assert requests == []
    assert opened == []
    assert pixel(png, 25, 25) == (255, 255, 255)  # the red file was not read
    assert pdf.startswith(b"%PDF-")


def test_xml_entities_are_refused() -> None:
    xxe = (
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&x;</text></svg>'
    )
    with pytest.raises(RenderError):
        svg_to_png(xxe)
    with pytest.raises(RenderError):
        svg_to_pdf(xxe)


@pytest.mark.parametrize(("convert", "extra"), [(svg_to_png, "png"), (svg_to_pdf, "pdf")])
def test_missing_cairosvg_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, convert: object, extra: str
) -> None:
    monkeypatch.setitem(sys.modules, "cairosvg", None)
    monkeypatch.setitem(sys.modules, "cairosvg.surface", None)
    with pytest.raises(RenderError, match=rf"blueprint-render\[{extra}\]"):
        convert(plain_svg(10, 10))  # type: ignore[operator]
