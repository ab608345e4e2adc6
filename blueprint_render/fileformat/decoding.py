"""Bytes to text: the size cap, UTF-8 only (a UTF-8 BOM accepted), raw control characters."""

from __future__ import annotations

import codecs
import re

from blueprint_render.errors import BlueprintError, Problem
from blueprint_render.fileformat.document import file_problem
from blueprint_render.model.limits import MAX_FILE_BYTES

__all__ = ["MAX_REPORTED", "check_size", "decode", "line_column"]

MAX_REPORTED = 20
"""Most raw control characters reported for one file."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def check_size(size: int, file: str | None) -> None:
    """Refuse a file over :data:`MAX_FILE_BYTES` before anything reads it."""
    if size > MAX_FILE_BYTES:
        raise BlueprintError(
            [
                file_problem(
                    file,
                    f"the file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes "
                    "(split the blueprint into several files)",
                )
            ]
        )


def line_column(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of the character at ``index`` in ``text``."""
    line = text.count("\n", 0, index) + 1
    start = text.rfind("\n", 0, index) + 1
    return line, index - start + 1


def decode(data: bytes, file: str | None) -> str:
    """The text of a blueprint file.

    Checks the size cap first, accepts and drops a UTF-8 byte-order mark, and refuses anything
    that is not UTF-8 (naming the line and column of the first bad byte) or that holds raw
    control characters (other than tab, line feed and carriage return).
    """
    check_size(len(data), file)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise BlueprintError([file_problem(file, "the file is UTF-16 encoded; save it as UTF-8")])
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise BlueprintError([_bad_utf8(data, err, file)]) from None
    problems = [
        file_problem(
            file,
            f"contains the control character U+{ord(match.group()):04X}; remove it",
            line_column(text, match.start()),
        )
        for _, match in zip(range(MAX_REPORTED), _CONTROL.finditer(text), strict=False)
    ]
    if problems:
        raise BlueprintError(problems)
    return text


def _bad_utf8(data: bytes, err: UnicodeDecodeError, file: str | None) -> Problem:
    line_start = data.rfind(b"\n", 0, err.start) + 1
    line = data.count(b"\n", 0, err.start) + 1
    column = len(data[line_start : err.start].decode("utf-8", errors="replace")) + 1
    bad = data[err.start : err.end].hex(" ").upper()
    return file_problem(
        file,
        f"is not valid UTF-8 (byte {bad}: {err.reason}); save the file as UTF-8",
        (line, column),
    )
