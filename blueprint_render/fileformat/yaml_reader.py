"""Reading YAML safely: PyYAML's event parser, composed here with positions and caps.

PyYAML's own composer is recursive and expands aliases without limit. This module reads the
parser's events one at a time and builds plain data itself, so that it can

* keep the line and column of every key and value (and the source text of plain scalars,
  for "``no`` was read as false" hints);
* refuse a nesting deeper than :data:`MAX_DEPTH` as soon as it is opened (no RecursionError,
  whatever the depth);
* count values with each alias counted at its full size where it is used, and stop past
  :data:`MAX_NODES` (so an alias bomb is refused after a few thousand events);
* refuse duplicate keys, naming both lines, and any tag that is not a plain YAML type.

Scalars are resolved and constructed by PyYAML's safe resolver and constructors. Mapping keys
are taken as written (``no:`` is the key ``"no"``): every key of a blueprint is text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from blueprint_render.errors import BlueprintError, Problem
from blueprint_render.fileformat.decoding import line_column
from blueprint_render.fileformat.document import Document, file_problem
from blueprint_render.fileformat.formats import Format
from blueprint_render.fileformat.paths import join
from blueprint_render.fileformat.shape import too_deep_message, too_many_message
from blueprint_render.fileformat.sourcemap import Position, SourceMap
from blueprint_render.model.limits import MAX_DEPTH, MAX_NODES

if TYPE_CHECKING:
    from types import ModuleType

__all__ = ["import_yaml", "read_yaml"]

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = frozenset(f"{_CORE}{name}" for name in ("str", "int", "float", "bool", "null"))
_DATE_TAG = f"{_CORE}timestamp"
_COLLECTION_TAGS = frozenset({f"{_CORE}seq", f"{_CORE}map"})
_MERGE_TAG = f"{_CORE}merge"
_MAX_PROBLEMS = 100


def import_yaml() -> ModuleType:
    """PyYAML, or an ImportError that names the extra to install."""
    try:
        import yaml
    except ImportError as err:  # pragma: no cover - PyYAML is installed in the test setup
        raise ImportError(
            "reading and writing YAML needs PyYAML: pip install 'blueprint-render[yaml]'"
        ) from err
    return yaml


class _Stop(Exception):
    """Reading cannot go on (a cap was passed); the problems so far are reported."""


class _Anchor:
    __slots__ = ("complete", "height", "path", "size", "value")

    def __init__(self, path: str | None) -> None:
        self.value: object = None
        self.size = 1
        self.height = 0
        self.path = path
        self.complete = False


class _Open:
    """A list or mapping being composed."""

    __slots__ = (
        "anchor",
        "explicit",
        "height",
        "is_map",
        "key",
        "key_position",
        "merges",
        "origins",
        "path",
        "position",
        "size",
        "value",
    )

    def __init__(self, is_map: bool, path: str | None, position: Position) -> None:
        self.is_map = is_map
        self.path = path
        self.position = position
        self.value: Any = {} if is_map else []
        self.size = 1
        self.height = 1
        self.anchor: _Anchor | None = None
        # mappings: the key waiting for its value (_EXPECT_KEY when a key comes next)
        self.key: object = _EXPECT_KEY
        self.key_position: Position = position
        self.explicit: dict[str, Position] = {}
        self.merges: list[tuple[dict[str, Any], str | None]] = []
        self.origins: list[str | None] = []


_EXPECT_KEY = object()
_SKIP = object()  # a key that was refused: its value is composed and dropped
_MERGE = object()


class _Composer:
    def __init__(self, yaml: ModuleType, loader: Any, text: str, file: str | None) -> None:
        self.yaml = yaml
        self.loader = loader
        self.text = text
        self.file = file
        self.map = SourceMap()
        self.problems: list[Problem] = []
        self.anchors: dict[str, _Anchor] = {}
        self.stack: list[_Open] = []
        self.count = 0
        self.root: object = None
        self.documents = 0
        # the origins of the items of the list just closed, for `<<: [*a, *b]`
        self.last_origins: list[str | None] | None = None

    # -- reporting ---------------------------------------------------------------------

    def problem(self, message: str, position: Position, path: str | None = "") -> None:
        self.problems.append(Problem(path or "", message, self.file, *position))
        if len(self.problems) >= _MAX_PROBLEMS:
            raise _Stop

    def stop(self, message: str, position: Position, path: str | None = "") -> None:
        self.problems.append(Problem(path or "", message, self.file, *position))
        raise _Stop

    # -- the event loop ----------------------------------------------------------------

    def run(self) -> object:
        events = self.yaml.events
        get_event = self.loader.get_event
        while True:
            event = get_event()
            kind = type(event)
            if kind is events.ScalarEvent:
                self.scalar(event)
            elif kind is events.MappingStartEvent or kind is events.SequenceStartEvent:
                self.open(event, kind is events.MappingStartEvent)
            elif kind is events.MappingEndEvent or kind is events.SequenceEndEvent:
                self.close()
            elif kind is events.AliasEvent:
                self.alias(event)
            elif kind is events.DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:
                    self.stop(
                        "a file holds one blueprint, but a second YAML document starts here; "
                        "remove the `---` or split the file",
                        _position(event),
                    )
            elif kind is events.StreamEndEvent:
                return self.root

    # -- where the next value goes -----------------------------------------------------

    def child_path(self) -> str | None:
        """The path of the value about to be composed (None for a key or a dropped value)."""
        if not self.stack:
            return ""
        top = self.stack[-1]
        if top.path is None:
            return None
        if not top.is_map:
            return join(top.path, len(top.value))
        if top.key is _EXPECT_KEY or top.key is _SKIP:
            return None
        if top.key is _MERGE:
            return join(top.path, "<<")
        assert isinstance(top.key, str)
        return join(top.path, top.key)

    def count_value(self, size: int, position: Position, path: str | None) -> None:
        self.count += size
        if self.count > MAX_NODES:
            self.stop(too_many_message(), position, path)

    def place(
        self, value: object, size: int, height: int, position: Position, origin: str | None
    ) -> None:
        """Put a finished value into the open list or mapping (or make it the root)."""
        if not self.stack:
            self.root = value
            return
        top = self.stack[-1]
        top.size += size
        if height >= top.height:
            top.height = height + 1
        if not top.is_map:
            top.value.append(value)
            top.origins.append(origin)
            return
        if top.key is _EXPECT_KEY:
            self.take_key(top, value, position)
            return
        key = top.key
        top.key = _EXPECT_KEY
        if key is _SKIP:
            return
        if key is _MERGE:
            self.take_merge(top, value, origin, position)
            return
        assert isinstance(key, str)
        top.value[key] = value

    def take_key(self, top: _Open, key: object, position: Position) -> None:
        if key is _MERGE:
            top.key = _MERGE
            return
        if not isinstance(key, str):
            self.problem("a key must be plain text, not a list or mapping", position, top.path)
            top.key = _SKIP
            return
        if key in top.explicit:
            first = top.explicit[key]
            path = join(top.path, key) if top.path is not None else None
            self.problem(
                f"duplicate key `{key}` (first at line {first[0]}, again at line {position[0]}); "
                "keep one of them",
                position,
                path,
            )
            top.key = _SKIP
            return
        top.explicit[key] = position
        top.key = key
        top.key_position = position

    def take_merge(self, top: _Open, value: object, origin: str | None, position: Position) -> None:
        """``<<: *anchor`` or ``<<: [*a, *b]``: mappings whose keys this mapping takes."""
        if isinstance(value, dict):
            top.merges.append((value, origin))
            return
        if isinstance(value, list) and all(isinstance(item, dict) for item in value):
            origins = self.last_origins or [None] * len(value)
            top.merges.extend(zip(value, origins, strict=False))
            return
        self.problem(
            "`<<` merges a mapping, or a list of mappings, into this one", position, top.path
        )

    # -- events ------------------------------------------------------------------------

    def scalar(self, event: Any) -> None:
        position = _position(event)
        top = self.stack[-1] if self.stack else None
        if top is not None and top.is_map and top.key is _EXPECT_KEY:
            self.count_value(1, position, top.path)
            if event.anchor is not None:
                self.problem("anchors on keys are not supported", position, top.path)
            self.key_scalar(top, event, position)
            return
        path = self.child_path()
        self.count_value(1, position, path)
        value = self.scalar_value(event, position, path)
        if path is not None:
            if top is not None and top.is_map:
                self.map.add(path, position, key=top.key_position)
            else:
                self.map.add(path, position)
            if event.style in (None, "") and event.implicit[0]:
                self.map.raw[path] = event.value
        if event.anchor is not None:
            anchor = _Anchor(path)
            anchor.value, anchor.complete = value, True
            self.anchors[event.anchor] = anchor
        self.place(value, 1, 0, position, path)

    def key_scalar(self, top: _Open, event: Any, position: Position) -> None:
        if event.tag not in (None, "!", f"{_CORE}str", _MERGE_TAG):
            self.problem(f"tag `{_short(event.tag)}` is not allowed on a key", position, top.path)
        plain = event.style in (None, "") and event.implicit[0]
        if plain and event.value == "<<":
            self.place(_MERGE, 1, 0, position, None)
        else:
            self.place(event.value, 1, 0, position, None)

    def scalar_value(self, event: Any, position: Position, path: str | None) -> object:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(self.yaml.ScalarNode, event.value, event.implicit)
        elif tag not in _SCALAR_TAGS and tag != _DATE_TAG:
            self.problem(_tag_message(tag), position, path)
            return None
        if tag not in _SCALAR_TAGS and tag != _DATE_TAG:
            return event.value  # implicit `=` (value) and `<<` (merge) outside keys: text
        if tag == f"{_CORE}str":
            return event.value
        node = self.yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        construct = self.yaml.constructor.SafeConstructor.yaml_constructors[tag]
        try:
            return construct(self.loader, node)
        except (ValueError, OverflowError, self.yaml.YAMLError):
            self.problem(f"cannot read `{event.value}` as {_short(tag)}", position, path)
            return None

    def open(self, event: Any, is_map: bool) -> None:
        position = _position(event)
        path = self.child_path()
        top = self.stack[-1] if self.stack else None
        if len(self.stack) + 1 > MAX_DEPTH:
            where = path if path is not None else (top.path if top is not None else "")
            self.stop(too_deep_message(), position, where)
        self.count_value(1, position, path)
        if event.tag not in (None, "!") and event.tag not in _COLLECTION_TAGS:
            self.problem(_tag_message(event.tag), position, path)
        if path is not None:
            if top is not None and top.is_map:
                self.map.add(path, position, key=top.key_position)
            else:
                self.map.add(path, position)
        frame = _Open(is_map, path, position)
        if event.anchor is not None:
            frame.anchor = self.anchors[event.anchor] = _Anchor(path)
        self.stack.append(frame)

    def close(self) -> None:
        frame = self.stack.pop()
        value = frame.value
        if frame.is_map and frame.merges:
            value = self.merged(frame)
        if frame.anchor is not None:
            frame.anchor.value = value
            frame.anchor.size = frame.size
            frame.anchor.height = frame.height
            frame.anchor.complete = True
        self.last_origins = frame.origins if not frame.is_map else None
        self.place(value, frame.size, frame.height, frame.position, frame.path)
        self.last_origins = None

    def merged(self, frame: _Open) -> dict[str, Any]:
        """A mapping with the keys of its ``<<`` merges first, its own keys winning."""
        result: dict[str, Any] = {}
        for source, origin in frame.merges:
            for key, item in source.items():
                if key in result or key in frame.value:
                    continue
                result[key] = item
                if frame.path is not None and origin is not None:
                    self.map.links[join(frame.path, key)] = join(origin, key)
        result.update(frame.value)
        return result

    def alias(self, event: Any) -> None:
        position = _position(event)
        path = self.child_path()
        top = self.stack[-1] if self.stack else None
        anchor = self.anchors.get(event.anchor)
        if anchor is None:
            self.stop(
                f"alias `*{event.anchor}` has no anchor `&{event.anchor}` before it",
                position,
                path,
            )
        assert anchor is not None
        if not anchor.complete:
            self.stop(
                f"alias `*{event.anchor}` is inside the node it refers to (a recursive structure)",
                position,
                path,
            )
        if len(self.stack) + anchor.height > MAX_DEPTH:
            self.stop(too_deep_message(), position, path)
        self.count_value(anchor.size, position, path)
        if top is not None and top.is_map and top.key is _EXPECT_KEY:
            self.place(anchor.value, anchor.size, anchor.height, position, anchor.path)
            return
        if path is not None:
            if top is not None and top.is_map:
                self.map.add(path, position, key=top.key_position)
            else:
                self.map.add(path, position)
            if anchor.path is not None:
                self.map.links[path] = anchor.path
        self.place(anchor.value, anchor.size, anchor.height, position, anchor.path)


def _position(event: Any) -> Position:
    return event.start_mark.line + 1, event.start_mark.column + 1


def _short(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


def _tag_message(tag: str) -> str:
    return (
        f"tag `{_short(tag)}` is not allowed: a blueprint holds only text, numbers, "
        "true/false, lists and mappings; remove the tag"
    )


def read_yaml(text: str, file: str | None) -> Document:
    """Plain data from YAML text, with positions; raises :class:`BlueprintError` for syntax
    errors, duplicate keys, disallowed tags, undefined or recursive aliases, and nesting or
    size past the caps, each with its line and column."""
    yaml = import_yaml()
    loader_class = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
    loader = loader_class(text)
    composer = _Composer(yaml, loader, text, file)
    try:
        root = composer.run()
    except _Stop:
        root = None
    except yaml.MarkedYAMLError as err:
        composer.problems.append(_syntax_problem(err, text, file))
        root = None
    except yaml.reader.ReaderError as err:
        composer.problems.append(
            file_problem(file, f"YAML: {err.reason}", line_column(text, max(err.position, 0)))
        )
        root = None
    except yaml.YAMLError as err:  # pragma: no cover - any other error PyYAML may add
        composer.problems.append(file_problem(file, f"YAML: {err}"))
        root = None
    finally:
        loader.dispose()
    if composer.problems:
        raise BlueprintError(composer.problems)
    return Document(root, Format.YAML, file, composer.map)


def _syntax_problem(err: Any, text: str, file: str | None) -> Problem:
    mark = err.problem_mark or err.context_mark
    position = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    message = err.problem or "cannot be read"
    if "nesting depth" in message:  # libyaml's own cap (1,000 levels), met before ours
        return file_problem(file, too_deep_message(), position)
    if err.context:
        where = ""
        if err.context_mark is not None and err.context_mark is not mark:
            where = f" at line {err.context_mark.line + 1}, column {err.context_mark.column + 1}"
        message = f"{message} ({err.context}{where})"
    return file_problem(file, f"YAML syntax: {message}", position)
