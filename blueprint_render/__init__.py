"""Draw service blueprints: steps as columns, layers as swimlanes, and the line of visibility."""

from blueprint_render.drawing import FORMATS, describe, render, save
from blueprint_render.errors import (
    BlueprintError,
    GraphvizFailed,
    GraphvizNotFound,
    GraphvizTimeout,
    Problem,
    RenderError,
)
from blueprint_render.fileformat.api import dump, dumps, example_path, load, loads, schema
from blueprint_render.layout import Layout, compute_layout
from blueprint_render.model import (
    STANDARD_LANES,
    Blueprint,
    Card,
    Flow,
    Lane,
    MeasureKind,
    Owner,
    Phase,
    Side,
    Step,
    ValueChain,
)
from blueprint_render.theme import THEMES, Theme

__version__ = "0.1.0"

__all__ = [
    "FORMATS",
    "STANDARD_LANES",
    "THEMES",
    "Blueprint",
    "BlueprintError",
    "Card",
    "Flow",
    "GraphvizFailed",
    "GraphvizNotFound",
    "GraphvizTimeout",
    "Lane",
    "Layout",
    "MeasureKind",
    "Owner",
    "Phase",
    "Problem",
    "RenderError",
    "Side",
    "Step",
    "Theme",
    "ValueChain",
    "__version__",
    "compute_layout",
    "describe",
    "dump",
    "dumps",
    "example_path",
    "load",
    "loads",
    "render",
    "save",
    "schema",
]
