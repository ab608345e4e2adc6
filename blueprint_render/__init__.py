"""Draw service blueprints: steps as columns, layers as swimlanes, and the line of visibility."""

from blueprint_render.errors import BlueprintError, Problem, RenderError
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

__version__ = "0.1.0"

__all__ = [
    "STANDARD_LANES",
    "Blueprint",
    "BlueprintError",
    "Card",
    "Flow",
    "Lane",
    "MeasureKind",
    "Owner",
    "Phase",
    "Problem",
    "RenderError",
    "Side",
    "Step",
    "ValueChain",
    "__version__",
]
