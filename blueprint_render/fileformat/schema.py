"""The JSON Schema (Draft 2020-12) of blueprint files, generated from the model's constants.

Patterns, vocabularies, caps and lane fields all come from :mod:`blueprint_render.model`, so
the schema cannot drift from what the model accepts. The generated schema ships as package
data (``blueprint.schema.json``); a test checks that the shipped file is up to date.
Regenerate it with ``python -m blueprint_render.fileformat``.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from pathlib import Path
from typing import Any

from blueprint_render.model import limits
from blueprint_render.model.lanes import (
    COMMON_CARD_FIELDS,
    LANE_FIELDS,
    LANE_KEY_PATTERN,
    RESERVED_STEP_KEYS,
    STANDARD_LANES,
)
from blueprint_render.model.text import DURATION_PATTERN, FORBIDDEN_CHARACTERS, ID_PATTERN
from blueprint_render.model.vocab import MeasureKind, Side, ValueChain

__all__ = [
    "FORMAT_VERSION",
    "SCHEMA_FILE",
    "SCHEMA_ID",
    "build_schema",
    "schema",
    "schema_json",
    "spelling_pattern",
]

FORMAT_VERSION = 1
"""The value of the ``blueprint`` key this library reads and writes."""

SCHEMA_ID = "urn:blueprint-render:schema:blueprint:1"
"""The schema's stable ``$id``."""

SCHEMA_FILE = Path(__file__).with_name("blueprint.schema.json")
"""Where the generated schema ships inside the package."""

_SEPARATOR = "[^A-Za-z&]*"

_SURROGATES = r"\ud800-\udfff"
assert _SURROGATES in FORBIDDEN_CHARACTERS, "the model's forbidden characters have changed"
SCHEMA_FORBIDDEN_CHARACTERS = FORBIDDEN_CHARACTERS.replace(_SURROGATES, "")
"""The model's forbidden characters less lone surrogates, which no UTF-8 file can hold and
which regular-expression engines other than Python's refuse (the model still checks them)."""


def spelling_pattern(vocabulary: type[ValueChain] | type[MeasureKind] | type[Side]) -> str:
    """A regular expression matching every spelling that ``vocabulary.parse`` accepts.

    ``parse`` lower-cases a value, reads ``&`` as "and" and ignores everything but letters;
    the pattern allows the same: any case, any separators, ``&`` for "and".

    >>> import re
    >>> bool(re.search(spelling_pattern(ValueChain), "Deliver & Support"))
    True
    """
    alternatives = []
    for folded in sorted({s for member in vocabulary for s in member.spellings()}):
        parts = []
        for chunk in re.split(r"(and)", folded):
            if chunk == "and":
                parts.append(f"(?:{_letters('and')}|&)")
            elif chunk:
                parts.append(_letters(chunk))
        alternatives.append(_SEPARATOR.join(parts))
    return f"^{_SEPARATOR}(?:{'|'.join(alternatives)}){_SEPARATOR}$"


def _letters(word: str) -> str:
    return _SEPARATOR.join(f"[{c}{c.upper()}]" for c in word)


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/$defs/{name}"}


def _text(description: str) -> dict[str, Any]:
    return {**_ref("text"), "description": description}


def _card(lane: str | None) -> dict[str, Any]:
    """A card of one lane (``None``: of a custom lane): text, or a mapping with ``text``."""
    fields = LANE_FIELDS.get(lane, ()) if lane else ()
    properties: dict[str, Any] = {
        "id": {**_ref("id"), "description": "The card's stable id; derived when not given."},
        "text": _text("One atomic statement: subject, active verb, object."),
        "owner": {**_ref("id"), "description": "The owning team or role: an id from `owners`."},
        "fail": _text("A fail point: how the service can break here."),
        "wait": _ref("duration"),
    }
    described = {
        "channel": "The channel: IVR, live chat, branch, web form.",
        "artefact": "The UI artefact the customer meets.",
        "role": "The role doing the work.",
        "sop": "The standard operating procedure followed.",
        "system": "The system involved.",
        "control": "The control applied.",
        "risk": "The risk treated.",
        "threshold": "The threshold the measure is held to.",
        "sampling": "How the measure is sampled.",
    }
    for name in fields:
        if name == "kind":
            properties[name] = _ref("measure_kind")
        elif name == "data":
            properties[name] = {
                "title": "data entities",
                "type": "array",
                "description": "The data entities read or written.",
                "items": _ref("text"),
            }
        else:
            properties[name] = _text(described[name])
    assert set(properties) == set(COMMON_CARD_FIELDS) | set(fields)
    where = f"`{lane}`" if lane else "a custom"
    return {
        "title": "card",
        "description": f"A card in {where} lane: its text, or a mapping with `text`.",
        "type": ["string", "object"],
        "if": {"type": "string"},
        "then": _ref("text"),
        "else": {
            "title": "card",
            "type": "object",
            "required": ["text"],
            "additionalProperties": False,
            "properties": properties,
        },
    }


def _cards(lane: str | None) -> dict[str, Any]:
    name = f"card_{lane}" if lane else "card_custom"
    return {"title": "cards", "type": "array", "items": _ref(name)}


def _step(custom_lanes: tuple[str, ...] | None) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "id": _ref("id"),
        "title": _text("What happens in this step, in a few words."),
        "value_chain": _ref("value_chain"),
    }
    for lane in STANDARD_LANES:
        properties[lane.key] = {
            **_ref(f"cards_{lane.key}"),
            "description": f"Cards in the {lane.title.lower()} lane.",
        }
    step: dict[str, Any] = {
        "title": "step",
        "description": "A column of the blueprint: one step of the journey and its cards, "
        "one key per lane.",
        "type": "object",
        "required": ["id", "title"],
        "properties": properties,
        "additionalProperties": False,
    }
    if custom_lanes is None:
        taken = sorted(RESERVED_STEP_KEYS | set(LANE_FIELDS))
        pattern = f"^(?!(?:{'|'.join(re.escape(k) for k in taken)})$){LANE_KEY_PATTERN[1:]}"
        step["patternProperties"] = {pattern: _ref("cards_custom")}
    else:
        for key in custom_lanes:
            properties.setdefault(key, _ref("cards_custom"))
    return step


def build_schema(custom_lanes: tuple[str, ...] | None = None) -> dict[str, Any]:
    """The JSON Schema of a blueprint file.

    With ``custom_lanes`` (the keys of the custom lanes a file declares) steps accept exactly
    those lane keys, so a misspelt lane is an unknown key; without, any key shaped like a lane
    key is accepted as a custom lane (the shipped schema, for editors).
    """
    standard_keys = [lane.key for lane in STANDARD_LANES]
    defs: dict[str, Any] = {
        "text": {
            "title": "text",
            "type": "string",
            "minLength": 1,
            "maxLength": limits.MAX_TEXT,
            "pattern": r"\S",
            "not": {"type": "string", "pattern": SCHEMA_FORBIDDEN_CHARACTERS},
        },
        "id": {
            "title": "id",
            "type": "string",
            "pattern": ID_PATTERN,
            "description": "Letters, digits and _ . : -, starting with a letter or digit; "
            "at most 100 characters.",
        },
        "duration": {
            "title": "duration",
            "type": "string",
            "pattern": rf"^\s*{DURATION_PATTERN[1:-1]}\s*$",
            "description": "A wait point: how long the customer waits, such as `4 min`, "
            "`1 day` or `2-3 days`.",
            "examples": ["4 min", "1 day", "2-3 days", "90 s"],
        },
        "value_chain": {
            "title": "value chain activity",
            "type": "string",
            "pattern": spelling_pattern(ValueChain),
            "description": "The ITIL 4 service value chain activity of the step (any usual "
            "spelling: `Deliver & Support`, `obtain-build`).",
            "examples": [member.value for member in ValueChain],
        },
        "measure_kind": {
            "title": "measure kind",
            "type": "string",
            "pattern": spelling_pattern(MeasureKind),
            "description": "What the measure tells: how it felt (perception), how it moved "
            "(flow), whether it kept to policy (control).",
            "examples": [member.value for member in MeasureKind],
        },
        "side": {
            "title": "lane side",
            "type": "string",
            "pattern": spelling_pattern(Side),
            "description": "Where the lane sits relative to the lines of interaction, "
            "visibility and internal interaction.",
            "examples": [member.value for member in Side],
        },
        "lane_key": {
            "title": "lane key",
            "type": "string",
            "pattern": LANE_KEY_PATTERN,
            "not": {"enum": sorted(RESERVED_STEP_KEYS)},
        },
        "standard_lane_key": {"title": "standard lane key", "enum": standard_keys},
        "lane": {
            "title": "lane",
            "description": "A standard lane by its key, or a mapping that renames, moves to "
            "another side, hides, or adds a lane.",
            "type": ["string", "object"],
            "if": {"type": "string"},
            "then": _ref("standard_lane_key"),
            "else": {
                "title": "lane",
                "type": "object",
                "required": ["key"],
                "additionalProperties": False,
                "properties": {
                    "key": _ref("lane_key"),
                    "title": _text("The lane's title (standard lanes have one already)."),
                    "side": _ref("side"),
                    "hidden": {
                        "type": "boolean",
                        "description": "Keep the lane (and its cards) but do not draw it.",
                    },
                },
                "if": {"properties": {"key": {"enum": standard_keys}}},
                "else": {"title": "custom lane", "required": ["title", "side"]},
            },
        },
        "phase": {
            "title": "phase",
            "description": "A band over consecutive steps.",
            "type": "object",
            "required": ["title", "steps"],
            "additionalProperties": False,
            "properties": {
                "title": _text("The phase's title."),
                "steps": {
                    "title": "phase steps",
                    "type": "array",
                    "minItems": 1,
                    "items": _ref("id"),
                    "description": "The ids of the steps in the phase, consecutive and in order.",
                },
            },
        },
        "flow": {
            "title": "flow",
            "description": "An arrow from one card to another: `[from, to]`, "
            "`[from, to, label]` or a mapping with from, to and label.",
            "type": ["array", "object"],
            "if": {"type": "array"},
            "then": {
                "title": "flow",
                "prefixItems": [_ref("id"), _ref("id"), _ref("text")],
                "minItems": 2,
                "maxItems": 3,
            },
            "else": {
                "title": "flow",
                "type": "object",
                "required": ["from", "to"],
                "additionalProperties": False,
                "properties": {
                    "from": {**_ref("id"), "description": "The id of the card it starts at."},
                    "to": {**_ref("id"), "description": "The id of the card it ends at."},
                    "label": _text("What passes along the arrow."),
                },
            },
        },
        "step": _step(custom_lanes),
    }
    for lane in STANDARD_LANES:
        defs[f"cards_{lane.key}"] = _cards(lane.key)
        defs[f"card_{lane.key}"] = _card(lane.key)
    defs["cards_custom"] = _cards(None)
    defs["card_custom"] = _card(None)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "blueprint",
        "description": "A service blueprint: one scenario as steps (columns) and lanes (rows).",
        "type": "object",
        "required": ["blueprint", "id", "title", "steps"],
        "additionalProperties": False,
        "properties": {
            "$schema": {
                "type": "string",
                "description": "Where editors find this schema; ignored when loading.",
            },
            "blueprint": {
                "title": "format version",
                "description": "The version of this file format; write `blueprint: 1`.",
                "type": "integer",
                "const": FORMAT_VERSION,
            },
            "id": {**_ref("id"), "description": "The blueprint's id."},
            "title": _text("The blueprint's title."),
            "scenario": _text("The scenario: who does what, and what they come away with."),
            "service_owner": _text("Who holds the whole journey."),
            "version": _text('The blueprint\'s own version, as text: `"1.10"`, `"2026-11"`.'),
            "owners": {
                "title": "owners",
                "description": "The owners registry: owner id -> name of the team or role.",
                "type": "object",
                "maxProperties": limits.MAX_OWNERS,
                "propertyNames": _ref("id"),
                "additionalProperties": _ref("text"),
            },
            "lanes": {
                "title": "lanes",
                "description": "The lanes, top to bottom. Standard lanes not listed are hidden; "
                "leave out `lanes` for all the standard lanes in their default order.",
                "type": "array",
                "maxItems": limits.MAX_LANES,
                "items": _ref("lane"),
            },
            "phases": {
                "title": "phases",
                "type": "array",
                "maxItems": limits.MAX_PHASES,
                "items": _ref("phase"),
            },
            "steps": {
                "title": "steps",
                "description": "The steps of the journey, left to right.",
                "type": "array",
                "minItems": 1,
                "maxItems": limits.MAX_STEPS,
                "items": _ref("step"),
            },
            "flows": {
                "title": "flows",
                "type": "array",
                "maxItems": limits.MAX_FLOWS,
                "items": _ref("flow"),
            },
        },
        "$defs": defs,
    }


@functools.cache
def _generic() -> dict[str, Any]:
    return build_schema()


def schema() -> dict[str, Any]:
    """The JSON Schema of blueprint files (a fresh copy, free to change)."""
    return copy.deepcopy(_generic())


def schema_json() -> str:
    """The schema as the text of ``blueprint.schema.json``."""
    return json.dumps(_generic(), indent=2, ensure_ascii=False) + "\n"
