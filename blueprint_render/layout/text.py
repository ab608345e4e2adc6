"""Text width as cairosvg draws it, and greedy word wrapping by that width.

How cairosvg draws a line of text, and so what :func:`measure` adds up:

- Each character (code point) is drawn on its own with cairo's "toy" text API, at the pen
  position the previous character's advance width left it. There is no kerning (the toy API
  applies none, and character-at-a-time drawing leaves nothing to kern), no ligatures, no
  shaping (Arabic letters keep their isolated forms) and no bidi reordering (right-to-left
  text is drawn in logical order, which leaves its width unchanged).
- The font is the one fontconfig resolves the first ``font-family`` to, with no fallback to
  other fonts: a character the font lacks is drawn as the font's ``.notdef`` box.

So a line is the sum of its characters' advance widths in DejaVu Sans (regular or bold), read
from a table built from the font files (``dejavu-metrics.json``, made by
``tools/build_font_metrics.py``). cairo rounds each advance to whole device pixels when it
draws a PNG ("hint metrics": to whole px at scale 1, half px at scale 2) and not in a PDF, so
each character counts for the widest of the three: its exact advance, and it rounded at scale 1
and at scale 2. A line then never comes out wider than measured in any of those, and at most
about half a pixel a character narrower. (cairosvg's ``text-rendering="geometricPrecision"``
would turn the rounding off, but with cairo 1.16 it draws broken glyphs.) Widths are added in
fixed point (1/1024 px), so :func:`measure` and :func:`wrap` agree exactly.

For characters DejaVu Sans lacks, the width is generous rather than exact, so that a label is
not clipped where another renderer (a browser showing the SVG) falls back to another font:
emoji 1.25 em, East Asian wide characters and other letters 1 em, a regional indicator (half a
flag) 0.625 em, and marks and format characters the width of the ``.notdef`` box cairo draws
for them. None is narrower than that box.

:func:`check_font` checks that the font drawn is the one measured.
"""

from __future__ import annotations

import functools
import importlib
import json
import math
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any, Final

from blueprint_render.errors import RenderError

__all__ = ["FONT_FAMILY", "check_font", "graphemes", "measure", "wrap"]

FONT_FAMILY: Final = "DejaVu Sans"
"""The one font family the widths are measured in; the drawing must pin it."""


_METRICS_FILE: Final = "dejavu-metrics.json"
_INSTALL_HINT: Final = (
    f"install {FONT_FAMILY} (Debian or Ubuntu: apt-get install fonts-dejavu-core; "
    "Fedora: dnf install dejavu-sans-fonts; macOS: brew install --cask font-dejavu)"
)
_FC_MATCH_TIMEOUT: Final = 10.0
"""Seconds ``fc-match`` may take (it may build the font cache on a first run)."""


# --- the width table ---------------------------------------------------------------------


class _Advances(dict[str, int]):
    """Advance widths of one face in font units, by character; lacking ones get a fallback.

    Nothing is added on a miss, so the table never grows.
    """

    __slots__ = ("file", "notdef")

    def __init__(self, items: Iterator[tuple[str, int]], *, notdef: int, file: str) -> None:
        super().__init__(items)
        self.notdef = notdef
        self.file = file

    def __missing__(self, char: str) -> int:
        return _fallback(char, self.notdef)


def _load() -> tuple[int, _Advances, _Advances]:
    """Units per em and the regular and bold tables, from the package data."""
    source = resources.files("blueprint_render.layout").joinpath(_METRICS_FILE)
    doc: dict[str, Any] = json.loads(source.read_text(encoding="utf-8"))
    faces: list[_Advances] = []
    units_per_em: set[int] = set()
    for key in ("regular", "bold"):
        style = doc["styles"][key]
        units_per_em.add(int(style["units_per_em"]))
        items = (
            (chr(first + offset), int(advance))
            for first, advances in style["advances"]
            for offset, advance in enumerate(advances)
        )
        face = _Advances(items, notdef=int(style["notdef"]), file=str(style["file"]))
        # cairosvg turns tabs and line breaks into spaces before drawing
        for char in "\t\n\r":
            face[char] = face[" "]
        faces.append(face)
    if len(units_per_em) != 1:
        raise RuntimeError(f"{_METRICS_FILE}: the faces differ in units per em")
    return units_per_em.pop(), faces[0], faces[1]


_UNITS_PER_EM, _REGULAR, _BOLD = _load()

_EMOJI_RANGES: Final = (
    (0x231A, 0x23FF),  # watch, hourglass, media controls
    (0x2600, 0x27BF),  # miscellaneous symbols, dingbats
    (0x2B00, 0x2BFF),  # stars, squares and circles
    (0x1F000, 0x1FAFF),  # mahjong to symbols and pictographs extended-A
)
_NARROW_CATEGORIES: Final = frozenset({"Mn", "Me", "Mc", "Cf", "Cc", "Cs", "Zl", "Zp"})
"""Characters that join or format others: as wide as the box cairo draws for them."""


@functools.lru_cache(maxsize=4096)
def _fallback(char: str, notdef: int) -> int:
    """A generous width in font units for a character the font lacks (see the module doc)."""
    code = ord(char)
    em = _UNITS_PER_EM
    if 0x1F1E6 <= code <= 0x1F1FF:  # regional indicator: two make a flag
        width = em * 5 // 8
    elif 0x1F3FB <= code <= 0x1F3FF:  # skin tone: joins the emoji before it
        width = notdef
    elif any(first <= code <= last for first, last in _EMOJI_RANGES):
        width = em * 5 // 4
    elif unicodedata.east_asian_width(char) in ("W", "F"):
        width = em
    elif unicodedata.category(char) in _NARROW_CATEGORIES:
        width = notdef
    else:
        width = em
    return max(width, notdef)


_CACHED_LENGTH: Final = 120
"""Longer strings are rarely measured twice: they are not cached, which bounds its memory."""
_FIXED: Final = 1024
"""Widths are added in 1/1024 px."""


def _hinted(width: float, scale: int) -> float:
    """An advance as cairo rounds it at ``scale`` (ties, within a hundredth, rounding up)."""
    return math.floor(width * scale + 0.51) / scale


class _Widths(dict[str, int]):
    """Each character's width at one size and weight, in 1/1024 px (see the module doc)."""

    __slots__ = ("face", "size")

    def __init__(self, face: _Advances, size: float) -> None:
        super().__init__()
        self.face = face
        self.size = size

    def __missing__(self, char: str) -> int:
        exact = self.face[char] * self.size / _UNITS_PER_EM
        widest = max(exact, _hinted(exact, 1), _hinted(exact, 2))
        fixed = math.ceil(widest * _FIXED - 1e-6)
        if char in self.face:  # kept: the table then holds at most the font's characters
            self[char] = fixed
        return fixed


@functools.lru_cache(maxsize=64)
def _widths(size: float, bold: bool) -> _Widths:
    return _Widths(_BOLD if bold else _REGULAR, size)


def _units(text: str, size: float, bold: bool) -> int:
    """The width of ``text`` in 1/1024 px."""
    if len(text) > _CACHED_LENGTH:
        return sum(map(_widths(size, bold).__getitem__, text))
    return _cached_units(text, size, bold)


@functools.lru_cache(maxsize=16_384)
def _cached_units(text: str, size: float, bold: bool) -> int:
    return sum(map(_widths(size, bold).__getitem__, text))


def _px(units: int) -> float:
    """Fixed-point width in SVG px; :func:`measure` and :func:`wrap` both use this."""
    return units / _FIXED


def _check_size(size: float) -> None:
    if not 0 <= size < math.inf:
        raise ValueError(f"text size must be a finite number >= 0, got {size!r}")


def measure(text: str, size: float, *, bold: bool = False) -> float:
    """The width in SVG px of ``text`` drawn on one line in DejaVu Sans at ``size`` px.

    The pen advance from the start of the first character to the end of the last, as cairosvg
    draws it (see the module doc); tabs and line breaks count as the spaces cairosvg makes of
    them. Fast: a few microseconds, and recently measured strings come from a bounded cache.

    >>> round(measure("Hello", 11), 3)
    28.613
    >>> measure("AV", 20) == measure("A", 20) + measure("V", 20)  # no kerning
    True
    """
    _check_size(size)
    return _px(_units(text, float(size), bold))


# --- grapheme clusters -------------------------------------------------------------------

# Grapheme_Cluster_Break classes (UAX #29), as far as the rules below need them
_OTHER, _CR, _LF, _CONTROL, _EXTEND, _ZWJ, _PREPEND, _RI, _L, _V, _T, _LV, _LVT = range(13)

_PREPEND_CHARS: Final = frozenset(
    [
        *range(0x0600, 0x0606), 0x06DD, 0x070F, 0x0890, 0x0891, 0x08E2, 0x0D4E, 0x110BD, 0x110CD,
        0x111C2, 0x111C3, 0x1193F, 0x11941, 0x11A3A, *range(0x11A84, 0x11A8A), 0x11D46, 0x11F02,
    ]
)  # fmt: skip
_EXTEND_CHARS: Final = frozenset(
    [0x200C, 0xFF9E, 0xFF9F, *range(0x1F3FB, 0x1F400), *range(0xE0020, 0xE0080)]
)
_SPACING_LETTERS: Final = frozenset([0x0E33, 0x0EB3])
"""Thai and Lao vowels that are letters but attach like spacing marks."""


@functools.lru_cache(maxsize=4096)
def _gcb(char: str) -> int:
    """The grapheme cluster break class of a character (spacing marks count as extend)."""
    code = ord(char)
    if char == "\r":
        return _CR
    if char == "\n":
        return _LF
    if code == 0x200D:
        return _ZWJ
    if code in _PREPEND_CHARS:
        return _PREPEND
    if code in _EXTEND_CHARS or code in _SPACING_LETTERS:
        return _EXTEND
    if 0x1F1E6 <= code <= 0x1F1FF:
        return _RI
    if 0xAC00 <= code <= 0xD7A3:
        return _LV if (code - 0xAC00) % 28 == 0 else _LVT
    if 0x1100 <= code <= 0x115F or 0xA960 <= code <= 0xA97C:
        return _L
    if 0x1160 <= code <= 0x11A7 or 0xD7B0 <= code <= 0xD7C6:
        return _V
    if 0x11A8 <= code <= 0x11FF or 0xD7CB <= code <= 0xD7FB:
        return _T
    category = unicodedata.category(char)
    if category in ("Mn", "Me", "Mc"):
        return _EXTEND
    if category in ("Cc", "Cf", "Zl", "Zp"):
        return _CONTROL
    return _OTHER


_HANGUL_JOINS: Final = frozenset(
    [(_L, cur) for cur in (_L, _V, _LV, _LVT)]
    + [(prev, cur) for prev in (_LV, _V) for cur in (_V, _T)]
    + [(_LVT, _T), (_T, _T)]
)


def _cluster_starts(text: str) -> list[int]:
    """Where each extended grapheme cluster of ``text`` starts (UAX #29).

    Follows the standard's rules, simplified only towards joining more: a zero width joiner
    always joins the next character (the standard asks for an emoji on both sides), a virama
    joins a following letter of any script, and every spacing mark attaches to what precedes
    it. So no real cluster is ever split.
    """
    starts: list[int] = []
    prev = _CONTROL
    regional = 0  # regional indicators right before this character
    linker = False  # a virama since the last letter (conjuncts, GB9c)
    for index, char in enumerate(text):
        cur = _gcb(char)
        if not index:
            join = False
        elif prev == _CR and cur == _LF:
            join = True
        elif prev in (_CR, _LF, _CONTROL) or cur in (_CR, _LF, _CONTROL):
            join = False
        else:
            join = (
                (prev, cur) in _HANGUL_JOINS
                or cur in (_EXTEND, _ZWJ)
                or prev in (_PREPEND, _ZWJ)
                or (cur == _RI and regional % 2 == 1)
                or (linker and unicodedata.category(char) == "Lo")
            )
        if not join:
            starts.append(index)
        regional = regional + 1 if cur == _RI else 0
        if cur == _EXTEND:
            linker = linker or unicodedata.combining(char) == 9
        elif cur != _ZWJ:
            linker = False
        prev = cur
    return starts


def graphemes(text: str) -> tuple[str, ...]:
    """``text`` split into user-perceived characters (extended grapheme clusters).

    A letter with its combining marks, an emoji with its modifiers, variation selectors and
    zero-width-joined partners, a flag's two regional indicators, a Hangul syllable's jamo
    stay together.

    >>> [len(c) for c in graphemes("e\\u0301\\U0001F1EC\\U0001F1E7\\U0001F469\\u200d\\U0001F4BBx")]
    [2, 2, 3, 1]
    """
    starts = _cluster_starts(text)
    if not starts:
        return ()
    ends = [*starts[1:], len(text)]
    return tuple(text[start:end] for start, end in zip(starts, ends, strict=True))


# --- wrapping ----------------------------------------------------------------------------

_SPACES: Final = re.compile(r"[^\S\u00a0\u2007\u202f]+")
"""Runs of whitespace a line may break at: all but the no-break spaces."""

_DASHES: Final = frozenset("-\u2010\u2013\u2014")
_ZWSP: Final = "\u200b"
_MAY_BREAK: Final = re.compile(r"[-\u2010\u2013\u2014\u200b]")


def _pieces(word: str) -> list[str]:
    """``word`` cut after each hyphen or dash it may break at, and after zero width spaces.

    A dash breaks only between two other characters, neither a dash, and not before a digit
    (``-5``, ``--``, ``2-3`` stay whole), and only where a grapheme cluster ends.
    """
    if not _MAY_BREAK.search(word):
        return [word]
    clusters = graphemes(word)
    pieces: list[str] = []
    start = 0
    for index in range(1, len(clusters) - 1):
        here, before, after = clusters[index], clusters[index - 1], clusters[index + 1]
        if here == _ZWSP or (
            here in _DASHES
            and before not in _DASHES
            and after[0] not in _DASHES
            and not after[0].isdigit()
        ):
            pieces.append("".join(clusters[start : index + 1]))
            start = index + 1
    pieces.append("".join(clusters[start:]))
    return pieces


def _limit(width: float) -> float:
    """The most fixed-point units that fit in ``width`` px, by the very formula of
    :func:`measure`."""
    if width < 0:
        return -1
    if width * _FIXED > 2**52:  # wider than any text
        return math.inf
    return math.floor(width * _FIXED)


def wrap(text: str, width: float, size: float, *, bold: bool = False) -> tuple[str, ...]:
    """``text`` broken into lines that each :func:`measure` at most ``width`` px.

    Greedy, first fit: each line takes as many words as fit. Whitespace runs collapse to one
    space and lines neither start nor end with one; no-break spaces do not break. A line break
    in the text is kept (a blank line in the text gives one empty line; blank lines at the
    start and end are dropped). A word may also break after a hyphen or dash inside it and
    after a zero width space; a word still too wide is broken between grapheme clusters, never
    inside one (no hyphen is added). So every line fits, unless ``width`` is narrower than a
    single grapheme cluster, which then gets a line of its own.

    Returns ``()`` for blank text, and never loses, adds or reorders a non-space character.
    Deterministic; recent answers come from a bounded cache.

    >>> wrap("Customer calls the   help line", 110, 11)
    ('Customer calls the', 'help line')
    >>> wrap("check-in desk", 45, 11)
    ('check-', 'in desk')
    """
    _check_size(size)
    if math.isnan(width):
        raise ValueError("wrap width must be a number, got nan")
    return _wrap(text, float(width), float(size), bool(bold))


@functools.lru_cache(maxsize=8192)
def _wrap(text: str, width: float, size: float, bold: bool) -> tuple[str, ...]:
    limit = _limit(width)
    space = _units(" ", size, bold)
    lines: list[str] = []
    for paragraph in text.splitlines():
        words = [word for word in _SPACES.split(paragraph) if word]
        if not words:
            if lines and lines[-1]:
                lines.append("")  # a blank line, once
            continue
        line: list[str] = []
        used = 0  # font units in ``line``
        for index, word in enumerate(words):
            for number, piece in enumerate(_pieces(word)):
                gap = space if index and not number and line else 0
                wide = _units(piece, size, bold)
                if used + gap + wide <= limit:
                    line.extend((" ", piece) if gap else (piece,))
                    used += gap + wide
                    continue
                if line:
                    lines.append("".join(line))
                if wide <= limit:
                    line, used = [piece], wide
                    continue
                # too wide for a line of its own: break between grapheme clusters
                line, used = [], 0
                for cluster in graphemes(piece):
                    units = _units(cluster, size, bold)
                    if line and used + units > limit:
                        lines.append("".join(line))
                        line, used = [], 0
                    line.append(cluster)
                    used += units
        lines.append("".join(line))
    while lines and not lines[-1]:
        lines.pop()
    return tuple(lines)


# --- the font drawn ----------------------------------------------------------------------

_PROBE: Final = "aeimnorsW0@ ÄßΩЖשم—…"
"""Characters whose widths tell DejaVu Sans (and its bold) from look-alikes and fallbacks."""


def check_font(family: str = FONT_FAMILY) -> None:
    """Check that text drawn in ``family`` is DejaVu Sans, the font :func:`measure` knows.

    cairosvg draws with whatever font fontconfig resolves the family to, silently standing in
    another for one it cannot find; the widths would then be wrong and text clipped. Call this
    before rendering PNG or PDF. It asks cairo (as cairosvg will) for the widths of a few
    characters in the regular and the bold face, or when cairo cannot be loaded, asks
    ``fc-match`` which font files the family resolves to. The answer is cached for the
    process.

    ``family`` is read like cairosvg reads ``font-family``: its first name counts.

    Raises:
        RenderError: the family is not DejaVu Sans, or fontconfig resolves it to other fonts
            (the message says how to install DejaVu Sans), or nothing can tell.
    """
    problem = _font_problem(family.split(",")[0].strip("\"' "))
    if problem:
        raise RenderError(problem)


@functools.lru_cache(maxsize=16)
def _font_problem(family: str) -> str | None:
    if family.casefold() != FONT_FAMILY.casefold():
        return (
            f"font family {family!r} cannot be measured: text is measured in {FONT_FAMILY}, "
            f"so the drawing must use font-family {FONT_FAMILY!r}"
        )
    try:
        cairo = importlib.import_module("cairocffi")
    except (ImportError, OSError):  # OSError: the cairo library itself is missing
        return _problem_from_fc_match(family)
    return _problem_from_cairo(cairo, family)


def _problem_from_cairo(cairo: Any, family: str) -> str | None:
    """Compare the advances cairo gives the probe characters with the table."""
    # cairo's default font options, as cairosvg uses them: other options would change how
    # cairo draws this font for the rest of the process (it caches the face's hinting)
    context = cairo.Context(cairo.ImageSurface(cairo.FORMAT_ARGB32, 1, 1))
    for name, weight, table in (
        ("regular", cairo.FONT_WEIGHT_NORMAL, _REGULAR),
        ("bold", cairo.FONT_WEIGHT_BOLD, _BOLD),
    ):
        context.select_font_face(family, cairo.FONT_SLANT_NORMAL, weight)
        context.set_font_size(_UNITS_PER_EM)  # so advances come in font units
        for char in _PROBE:
            drawn = float(context.text_extents(char)[4])
            if abs(drawn - table[char]) > 0.5:
                found = _fc_match_file(family, bold=name == "bold")
                return (
                    f"font family {family!r} ({name}) is not drawn with the {FONT_FAMILY} the "
                    f"text is measured in{f' but with {found}' if found else ''}: {char!r} is "
                    f"{drawn:.0f} font units wide, not {table[char]}; {_INSTALL_HINT}"
                )
    return None


def _problem_from_fc_match(family: str) -> str | None:
    """Compare the font files fontconfig resolves the family to with the table's."""
    if shutil.which("fc-match") is None:
        return (
            "cannot check which font draws the text: neither cairo (cairocffi) nor "
            "fontconfig's fc-match is available; install cairo and fontconfig"
        )
    for bold, table in ((False, _REGULAR), (True, _BOLD)):
        found = _fc_match_file(family, bold=bold)
        if found is None or Path(found).name != table.file:
            return (
                f"fontconfig resolves font family {family!r}"
                f"{' (bold)' if bold else ''} to {found or 'nothing'}, not to {table.file}; "
                f"{_INSTALL_HINT}"
            )
    return None


def _fc_match_file(family: str, *, bold: bool) -> str | None:
    """The font file fontconfig picks for the family, as cairo asks for it; None if unknown."""
    executable = shutil.which("fc-match")
    if executable is None:
        return None
    pattern = f"{family}:slant=roman:weight={'bold' if bold else 'medium'}"
    try:
        done = subprocess.run(
            [executable, "--format=%{file}", pattern],
            capture_output=True,
            text=True,
            timeout=_FC_MATCH_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = done.stdout.strip()
    return found if done.returncode == 0 and found else None
