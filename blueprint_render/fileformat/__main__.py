"""``python -m blueprint_render.fileformat``: write the generated schema to the package data."""

from __future__ import annotations

from blueprint_render.atomic import write_atomic
from blueprint_render.fileformat.schema import SCHEMA_FILE, schema_json


def main() -> None:
    """Regenerate ``blueprint.schema.json`` from the model's constants."""
    write_atomic(SCHEMA_FILE, schema_json().encode("utf-8"))
    print(f"wrote {SCHEMA_FILE}")


if __name__ == "__main__":
    main()
