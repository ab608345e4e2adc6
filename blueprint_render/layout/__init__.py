"""The swimlane layout: from a blueprint and a theme, every coordinate of the drawing.

``build_grid`` computes the exact structure; ``Router`` has Graphviz route the arrows around
the pinned cards; ``compute_layout`` puts them together with the arrows' labels and badges.
"""

from blueprint_render.layout.arrows import compute_layout
from blueprint_render.layout.geometry import Layout

__all__ = ["Layout", "compute_layout"]
