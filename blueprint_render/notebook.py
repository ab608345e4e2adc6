"""Inline display in Jupyter and IPython: SVG by default, PNG only on request."""

from __future__ import annotations

from collections.abc import Container

from blueprint_render.drawing import render
from blueprint_render.model import Blueprint

__all__ = ["mimebundle"]

SVG = "image/svg+xml"
PNG = "image/png"
TEXT = "text/plain"


def mimebundle(
    bp: Blueprint,
    include: Container[str] | None = None,
    exclude: Container[str] | None = None,
) -> dict[str, str | bytes]:
    """The MIME bundle of ``bp``: ``image/svg+xml`` and ``text/plain`` unless ``include``
    asks for others; ``image/png`` only when included by name (it costs a cairosvg call)."""

    def wanted(mime: str, default: bool) -> bool:
        if exclude is not None and mime in exclude:
            return False
        return mime in include if include is not None else default

    bundle: dict[str, str | bytes] = {}
    if wanted(SVG, True):
        bundle[SVG] = render(bp, "svg").decode("utf-8")
    if wanted(PNG, False):
        bundle[PNG] = render(bp, "png")
    if wanted(TEXT, True):
        bundle[TEXT] = f"<Blueprint {bp.id!r}: {bp.title}, {len(bp.steps)} steps>"
    return bundle
