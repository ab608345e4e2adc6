"""Text or bytes in one of the three formats to a :class:`Document` (plain data and positions)."""

from __future__ import annotations

from blueprint_render.fileformat.decoding import check_size, decode
from blueprint_render.fileformat.document import Document
from blueprint_render.fileformat.formats import Format
from blueprint_render.fileformat.json_reader import read_json
from blueprint_render.fileformat.toml_reader import read_toml
from blueprint_render.fileformat.yaml_reader import read_yaml

__all__ = ["read_document"]


def read_document(source: str | bytes, format: Format, file: str | None = None) -> Document:
    """Read a blueprint file's content; raises :class:`BlueprintError` for anything that keeps
    it from being read (size, encoding, syntax, duplicate keys, tags, nesting, aliases)."""
    if isinstance(source, str):
        check_size(len(source), file)  # cheap first look: characters are at least bytes
        source = source.encode("utf-8", errors="surrogatepass")
    text = decode(source, file)
    if format is Format.YAML:
        return read_yaml(text, file)
    if format is Format.JSON:
        return read_json(text, file)
    return read_toml(text, file)
