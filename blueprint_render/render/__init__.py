"""Drawing a computed layout: SVG from Jinja templates, PNG and PDF through cairosvg."""

from blueprint_render.render.raster import svg_to_pdf, svg_to_png
from blueprint_render.render.svg import format_number, render_svg

__all__ = ["format_number", "render_svg", "svg_to_pdf", "svg_to_png"]
