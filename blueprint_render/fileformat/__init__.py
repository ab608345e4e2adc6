"""Blueprint files: YAML, JSON and TOML, one structure, a JSON Schema, and errors that name
the file, line, column and field.

Reading goes bytes -> text (:mod:`.decoding`) -> plain data with a source map (one reader per
format) -> the JSON Schema (:mod:`.validation`) -> model objects (:mod:`.build`). Writing goes
blueprint -> canonical plain data (:mod:`.writing`) -> text (:mod:`.emitters`).

The schema itself is :func:`blueprint_render.schema` (:mod:`.schema` builds it).
"""

from blueprint_render.fileformat.api import (
    dump,
    dumps,
    example_path,
    load,
    loads,
    validate_path,
)
from blueprint_render.fileformat.formats import Format
from blueprint_render.fileformat.schema import SCHEMA_ID

__all__ = [
    "SCHEMA_ID",
    "Format",
    "dump",
    "dumps",
    "example_path",
    "load",
    "loads",
    "validate_path",
]
