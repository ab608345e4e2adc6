"""Documented caps on what one blueprint may hold, so untrusted input stays cheap to handle."""

from __future__ import annotations

__all__ = [
    "MAX_CARDS",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_FLOWS",
    "MAX_LANES",
    "MAX_NODES",
    "MAX_OWNERS",
    "MAX_PHASES",
    "MAX_STEPS",
    "MAX_TEXT",
]

MAX_FILE_BYTES = 8 * 1024 * 1024
"""Largest blueprint file read, in bytes."""
MAX_DEPTH = 24
"""Deepest nesting of mappings and lists in a file."""
MAX_NODES = 500_000
"""Most values (scalars, lists and mappings) in one file, aliases counted at each use."""
MAX_STEPS = 2_000
MAX_LANES = 32
MAX_CARDS = 20_000
"""Most cards in the whole blueprint."""
MAX_FLOWS = 40_000
MAX_PHASES = 500
MAX_OWNERS = 1_000
MAX_TEXT = 2_000
"""Longest text of any one field, in characters."""
