"""Text measuring and wrapping: the width table, grapheme clusters, wrapping properties, and
agreement with what cairosvg really draws."""

from __future__ import annotations

import doctest
import importlib.util
import io
import itertools
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from xml.sax.saxutils import escape

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from strategies import nasty_text

from blueprint_render.errors import RenderError
from blueprint_render.layout import text as text_module
from blueprint_render.layout.text import (
    FONT_FAMILY,
    check_font,
    graphemes,
    measure,
    wrap,
)

ROOT = Path(__file__).resolve().parent.parent
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
EM = 2048  # DejaVu Sans units per em
NOTDEF = 1229  # the advance of the box cairo draws for a character the font lacks

BREAKABLE = re.compile(r"[^\S\u00a0\u2007\u202f]+")
"""Whitespace a line may break at (all but the no-break spaces), as the tests see it."""


def em(size: float, units: float) -> float:
    return units * size / EM


# --- measure ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "bold", "units"),
    [
        ("", False, 0),
        ("Hello", False, 1540 + 1260 + 569 + 569 + 1253),
        ("Hello", True, 1714 + 1389 + 702 + 702 + 1407),
        ("a a", False, 1255 + 651 + 1255),
        ("\u05d0", False, 1369),  # Hebrew alef, in DejaVu Sans
        ("\u0627", True, 702),  # Arabic alef, in DejaVu Sans Bold
        ("e\u0301", False, 1260),  # a combining mark adds nothing
    ],
)
def test_measure_sums_advances(text: str, bold: bool, units: int) -> None:
    """Each character counts its advance, rounded up to whole pixels where cairo rounds."""
    width = measure(text, 11, bold=bold)
    assert em(11, units) - 1e-9 <= width <= em(11, units) + 0.51 * len(text)
    assert width == sum(measure(char, 11, bold=bold) for char in text)


def test_measure_has_no_kerning_and_scales_with_size() -> None:
    for pair in ("AV", "To", "Ty", "LT", "Wa"):
        assert measure(pair, 20) == pytest.approx(measure(pair[0], 20) + measure(pair[1], 20))
    assert measure("Customer", 22) == pytest.approx(2 * measure("Customer", 11), rel=0.05)
    assert measure("Customer", 11, bold=True) > measure("Customer", 11)


def test_tabs_and_line_breaks_count_as_spaces() -> None:
    assert measure("a\tb\nc", 12) == pytest.approx(measure("a b c", 12))


@pytest.mark.parametrize(
    ("char", "at_least_em"),
    [
        ("漢", 1.0),  # CJK: DejaVu Sans lacks it
        ("\u3042", 1.0),  # hiragana
        ("\uff21", 1.0),  # fullwidth A
        ("\U0001f9d1", 1.25),  # an emoji DejaVu Sans lacks
        ("\u0e01", 1.0),  # Thai: not in DejaVu Sans
        ("\U0001f1ec", 0.625),  # regional indicator: half a flag
        ("\U000e0067", NOTDEF / EM),  # tag character: cairo draws the box
        ("\U0001f3fd", NOTDEF / EM),  # skin tone modifier
    ],
)
def test_lacking_characters_are_generous(char: str, at_least_em: float) -> None:
    assert char not in text_module._REGULAR  # else this tests the table, not the fallback
    width = measure(char, 10)
    assert width >= 10 * at_least_em - 1e-9
    assert width >= em(10, NOTDEF) - 1e-9  # never narrower than what cairo draws


def test_characters_in_the_font_use_the_table() -> None:
    assert em(16, 2135) <= measure("\U0001f600", 16) <= em(16, 2135) + 0.51  # in DejaVu Sans
    assert measure("\u2014", 10) == pytest.approx(10.0)  # em dash


@pytest.mark.parametrize("size", [-1.0, float("nan"), float("inf")])
def test_measure_rejects_bad_sizes(size: float) -> None:
    with pytest.raises(ValueError, match="text size"):
        measure("x", size)


# --- grapheme clusters ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "clusters"),
    [
        ("", ()),
        ("abc", ("a", "b", "c")),
        ("e\u0301\u0302x", ("e\u0301\u0302", "x")),
        ("\U0001f1ec\U0001f1e7\U0001f1eb\U0001f1f7\U0001f1e9", ("🇬🇧", "🇫🇷", "\U0001f1e9")),
        ("\U0001f468\u200d\U0001f469\u200d\U0001f467!", ("👨\u200d👩\u200d👧", "!")),
        ("\U0001f44d\U0001f3fdx", ("👍🏽", "x")),
        ("\u260e\ufe0fx", ("☎️", "x")),
        ("\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f", None),
        ("\u1100\u1161\u11a8\uac00", ("\u1100\u1161\u11a8", "\uac00")),  # jamo, then a syllable
        ("\u0915\u094d\u0937\u093f", ("\u0915\u094d\u0937\u093f",)),  # Devanagari conjunct
        ("\u0e01\u0e33", ("\u0e01\u0e33",)),  # Thai sara am
        ("\u0600\u0661x", ("\u0600\u0661", "x")),  # a prepended Arabic number sign
        ("a\r\nb", ("a", "\r\n", "b")),
        ("\x00\u0301", ("\x00", "\u0301")),  # a control takes no marks
    ],
)
def test_graphemes(text: str, clusters: tuple[str, ...] | None) -> None:
    if clusters is None:  # a subdivision flag is one cluster
        clusters = (text,)
    assert graphemes(text) == clusters


TRICKY = (
    "a",
    "Z",
    "5",
    "-",
    "\u00a0",
    "\u00ad",
    "\u0301",
    "\u0308",
    "\u200b",
    "\u200c",
    "\u200d",
    "\ufe0f",
    "\ufe0e",
    "\U0001f1ec",
    "\U0001f1e7",
    "\U0001f3fd",
    "\U0001f469",
    "\U0001f4bb",
    "\u2764",
    "\U000e0067",
    "\u1100",
    "\u1161",
    "\u11a8",
    "\uac00",
    "\uac01",
    "\u0915",
    "\u094d",
    "\u093c",
    "\u0937",
    "\u093f",
    "\u0e01",
    "\u0e33",
    "\u0600",
    "\u05d0",
    "\u0627",
    "\u064e",
    "\u6f22",
    "\r",
    "\n",
    "\x00",
)
any_char = st.characters(exclude_categories=("Cs", "Cn"))
tricky_text = st.text(st.one_of(st.sampled_from(TRICKY), any_char), max_size=24)


@given(tricky_text)
def test_graphemes_rejoin_into_the_text(text: str) -> None:
    clusters = graphemes(text)
    assert "".join(clusters) == text
    assert all(clusters)


@given(tricky_text)
@example("\U0001f1ec\U0001f1e7\U0001f1eb")
@example("\u0915\u094d\u093c\u0937")
def test_graphemes_never_split_a_cluster_the_standard_keeps(text: str) -> None:
    """Every boundary is one UAX #29 has too (checked with the regex module's ``\\X``)."""
    regex = pytest.importorskip("regex")
    standard = {match.start() for match in regex.finditer(r"\X", text)}
    ours = {len("".join(graphemes(text)[:i])) for i in range(len(graphemes(text)))}
    assert ours <= standard


# --- wrap: examples ---------------------------------------------------------------------


def test_wrap_examples() -> None:
    assert wrap("Customer calls the   help line", 110, 11) == ("Customer calls the", "help line")
    assert wrap("Customer calls", 1000, 11) == ("Customer calls",)
    assert wrap("  \t\n ", 100, 11) == ()
    assert wrap("", 100, 11) == ()
    assert wrap("one\ttwo", 1000, 11) == ("one two",)


def test_wrap_keeps_line_breaks_and_one_blank_line() -> None:
    assert wrap("one\ntwo", 1000, 11) == ("one", "two")
    assert wrap("\n\none\n\n\n\ntwo\n\n", 1000, 11) == ("one", "", "two")
    assert wrap("one \n \t \n two", 1000, 11) == ("one", "", "two")


def test_wrap_breaks_after_hyphens_but_not_in_numbers() -> None:
    assert wrap("check-in desk", measure("check-in", 11) - 0.1, 11) == ("check-", "in desk")
    assert wrap("a well-known-fact", measure("a well-", 11), 11)[0] == "a well-"
    for word in ("2-3", "-5", "a--b", "x-"):
        # the word moves to the next line whole rather than break after its hyphen
        width = measure(f"ab {word}", 11) - 0.1
        assert wrap(f"ab {word}", width, 11) == ("ab", word)


def test_wrap_no_break_space_holds() -> None:
    text = "10\u00a0km away"
    assert wrap(text, measure("10\u00a0km", 11), 11) == ("10\u00a0km", "away")


def test_wrap_breaks_long_words_between_clusters() -> None:
    word = "e\u0301" * 30
    lines = wrap(word, measure("e\u0301" * 7, 11), 11)
    assert lines == ("e\u0301" * 7,) * 4 + ("e\u0301" * 2,)
    flags = "\U0001f1ec\U0001f1e7" * 5
    assert all(len(graphemes(line)) == 1 for line in wrap(flags, 1, 11))
    assert "".join(wrap(flags, 1, 11)) == flags


def test_wrap_narrower_than_a_cluster_gives_each_its_own_line() -> None:
    assert wrap("ab cd", 0, 11) == ("a", "b", "c", "d")
    assert wrap("ab", -5, 11) == ("a", "b")


def test_wrap_rejects_bad_numbers() -> None:
    with pytest.raises(ValueError, match="width"):
        wrap("x", float("nan"), 11)
    with pytest.raises(ValueError, match="text size"):
        wrap("x", 10, -1)
    assert wrap("x y", float("inf"), 11) == ("x y",)


def test_wrap_bold_is_measured_bold() -> None:
    width = measure("Mmmm mmmm", 12) + 0.5
    assert wrap("Mmmm mmmm", width, 12) == ("Mmmm mmmm",)
    assert wrap("Mmmm mmmm", width, 12, bold=True) == ("Mmmm", "mmmm")


# --- wrap: properties -------------------------------------------------------------------

TRICKY_WORDS = (
    "Pneumonoultramicroscopicsilicovolcanoconiosis",
    "check-in",
    "well-known-long-hyphenated-compound",
    "2-3",
    "--",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466",
    "\U0001f44d\U0001f3fd",
    "\U0001f1ec\U0001f1e7\U0001f1eb\U0001f1f7",
    "\u2615\ufe0f",
    "\u05e9\u05dc\u05d5\u05dd",
    "\u0627\u0644\u0639\u0645\u064a\u0644",
    "\u9867\u5ba2\u304c\u96fb\u8a71\u3059\u308b",
    "\u1100\u1161\u11a8\u1100\u1161",
    "\u0915\u094d\u0937\u093f",
    "e\u0301te\u0301",
    "<&\"'\\>",
    "a\u200bb\u200bc",
    "10\u00a0km",
    "x" * 80,
)
word = st.one_of(
    st.sampled_from(TRICKY_WORDS),
    st.text(st.one_of(st.sampled_from(TRICKY), any_char), min_size=1, max_size=16),
).map(lambda w: "".join(c for c in w if not BREAKABLE.match(c)) or "x")
separator = st.sampled_from([" ", " ", "  ", "\t", "\n", " \n\n ", "\u3000", "\u2003"])


@st.composite
def wrap_text(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 3)) == 0:
        return draw(nasty_text())
    words = draw(st.lists(word, min_size=1, max_size=12))
    parts = [words[0]]
    for item in words[1:]:
        parts += [draw(separator), item]
    return draw(st.sampled_from(["", " ", "\n"])) + "".join(parts)


def walk_words(text: str, lines: tuple[str, ...]) -> list[list[tuple[str, int]]]:
    """Match the lines' fragments (split at spaces) to the text's words: for each line, the
    word and offset in it where each fragment starts. Fails when a character is lost, added
    or moved, or a word breaks other than at a line's end."""
    words = [w for w in BREAKABLE.split(text) if w]
    fragments = [
        (number, fragment, index == len(line.split(" ")) - 1)
        for number, line in enumerate(lines)
        for index, fragment in enumerate(line.split(" "))
        if fragment
    ]
    found: list[list[tuple[str, int]]] = [[] for _ in lines]
    position = 0
    for w in words:
        done = ""
        while done != w:
            assert position < len(fragments), f"{w!r} is lost"
            number, fragment, ends_line = fragments[position]
            assert w.startswith(done + fragment), f"{fragment!r} is not next in {w!r}"
            found[number].append((w, len(done)))
            done += fragment
            position += 1
            assert done == w or ends_line, f"{w!r} broken inside a line"
    assert position == len(fragments), "lines hold more than the text"
    return found


@given(wrap_text(), st.floats(0, 300), st.sampled_from([9.5, 11.0, 12.0, 20.0]), st.booleans())
@example("a b", 5.0, 11.0, False)
@example("\U0001f1ec\U0001f1e7" * 9, 30.0, 11.0, True)
def test_wrap_properties(text: str, width: float, size: float, bold: bool) -> None:
    lines = wrap(text, width, size, bold=bold)
    # deterministic, also when not cached
    text_module._wrap.cache_clear()
    assert wrap(text, width, size, bold=bold) == lines

    blank = not BREAKABLE.sub("", text)
    assert (lines == ()) == blank
    if lines:
        assert lines[0]
        assert lines[-1]
    for line, after in itertools.pairwise(lines):
        assert line or after, "two blank lines in a row"
    for line in lines:
        assert line == line.strip(" ")
        assert "  " not in line
        assert not BREAKABLE.search(line.replace(" ", ""))

    widest = max((measure(c, size, bold=bold) for c in graphemes(text)), default=0.0)
    if width >= widest:
        for line in lines:
            assert measure(line, size, bold=bold) <= width

    regex = _regex()
    for w, offset in (item for line in walk_words(text, lines) for item in line):
        if not offset:
            continue
        starts = [len("".join(graphemes(w)[:i])) for i in range(len(graphemes(w)))]
        assert offset in starts, f"{w!r} split inside a grapheme cluster at {offset}"
        if regex is not None:
            assert any(m.start() == offset for m in regex.finditer(r"\X", w))

    # each paragraph wraps on its own; greedy: a line that starts a word had no room for it
    # on the line before (a word too wide for any line starts a line, then breaks)
    paragraphs = [p for p in text.splitlines() if BREAKABLE.sub("", p)]
    wrapped = [wrap(p, width, size, bold=bold) for p in paragraphs]
    assert [line for line in lines if line] == [line for group in wrapped for line in group]
    for paragraph, group in zip(paragraphs, wrapped, strict=True):
        starts = walk_words(paragraph, group)
        for number in range(1, len(group)):
            w, offset = starts[number][0]
            if not offset:
                assert measure(f"{group[number - 1]} {w}", size, bold=bold) > width


def _regex() -> ModuleType | None:
    try:
        import regex
    except ImportError:
        return None
    return regex


# --- the metrics file -------------------------------------------------------------------


def test_metrics_file_is_what_the_script_builds() -> None:
    pytest.importorskip("fontTools")
    if not (FONT_DIR / "DejaVuSans.ttf").exists():
        pytest.skip(f"DejaVu fonts not in {FONT_DIR}")
    spec = importlib.util.spec_from_file_location(
        "build_font_metrics", ROOT / "tools/build_font_metrics.py"
    )
    assert spec
    assert spec.loader
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    committed = ROOT / "blueprint_render/layout/dejavu-metrics.json"
    assert committed.read_text(encoding="utf-8") == script.build_metrics(FONT_DIR), (
        "run: python tools/build_font_metrics.py"
    )
    assert committed.stat().st_size < 200_000


# --- agreement with cairosvg ------------------------------------------------------------

SAMPLES = (
    "Customer calls the help line about a late parcel",
    "Agent checks the address: 12 Rue de l'Église, Zürich",
    "Ünïcödé façade naïve résumé Ærøskøbing Łódź",
    "Ελληνικά: ο πελάτης καλεί την υποστήριξη",
    "Кириллица: клиент звонит в поддержку",
    "עברית: הלקוח מתקשר לתמיכה",
    "العربية: العميل يتصل بالدعم",
    "Quotes <&\"'\\> and (brackets) [x] {y} 100% #1 @ AVAWAY",
)
MARKER = "I"
"""Ends every sample: its stem is drawn right after the sample's advance."""


def render_rows(rows: list[str], size: float, bold: bool, scale: float) -> list[float]:
    """Draw each row (a sample then the marker, or the marker alone) with cairosvg; the right
    edge of each row's ink, in SVG px."""
    cairosvg = pytest.importorskip("cairosvg")
    image_module = pytest.importorskip("PIL.Image")
    pitch = 2 * size
    width = max(measure(row, size, bold=bold) for row in rows) + 40
    height = pitch * (len(rows) + 1)
    texts = "".join(
        f'<text x="10" y="{(i + 1) * pitch}">{escape(row)}</text>' for i, row in enumerate(rows)
    )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'font-family="{FONT_FAMILY}" font-size="{size}" '
        f'font-weight="{"bold" if bold else "normal"}">'
        f"{texts}</svg>"
    )
    png = cairosvg.svg2png(bytestring=svg.encode(), scale=scale)
    alpha = image_module.open(io.BytesIO(png)).convert("RGBA").getchannel("A")
    edges = []
    for i in range(len(rows)):
        baseline = (i + 1) * pitch * scale
        # the marker's stem, between the baseline and the cap height
        band = alpha.crop((0, int(baseline - 0.6 * size * scale), alpha.width, int(baseline)))
        box = band.getbbox()
        assert box, f"nothing drawn for {rows[i]!r}"
        edges.append(box[2] / scale)
    return edges


def drawn_advances(samples: tuple[str, ...], size: float, bold: bool, scale: float) -> list[float]:
    """The advance cairosvg gave each sample: where the marker after it ends, less where the
    marker alone ends. Glyphs are placed on whole device pixels, so this is within half a
    device pixel."""
    rows = [row for sample in samples for row in (sample + MARKER, MARKER)]
    edges = render_rows(rows, size, bold, scale)
    return [edges[2 * i] - edges[2 * i + 1] for i in range(len(samples))]


@pytest.mark.parametrize("bold", [False, True], ids=["regular", "bold"])
@pytest.mark.parametrize("scale", [1.0, 2.0])
@pytest.mark.parametrize("size", [9.5, 11.0, 12.0, 20.0])
def test_measure_agrees_with_cairosvg(size: float, scale: float, bold: bool) -> None:
    """Drawn text is never wider than measured, and at most about 5% narrower."""
    check_font()
    for sample, drawn in zip(SAMPLES, drawn_advances(SAMPLES, size, bold, scale), strict=True):
        measured = measure(sample, size, bold=bold)
        assert drawn <= measured + 0.5 / scale + 0.01, (sample, drawn, measured)
        assert drawn >= measured * 0.94, (sample, drawn, measured)


@pytest.mark.parametrize("bold", [False, True], ids=["regular", "bold"])
@pytest.mark.parametrize("scale", [1, 2])
@pytest.mark.parametrize("size", [9.0, 9.5, 11.0, 12.0, 20.0])
def test_no_character_is_drawn_wider_than_measured(size: float, scale: int, bold: bool) -> None:
    """cairo, asked as cairosvg asks it for a PNG (metrics hinted to device pixels), advances
    no character of the table further than :func:`measure` counts it."""
    cairo = pytest.importorskip("cairocffi")
    check_font()
    context = cairo.Context(cairo.ImageSurface(cairo.FORMAT_ARGB32, 1, 1))
    context.scale(scale, scale)
    weight = cairo.FONT_WEIGHT_BOLD if bold else cairo.FONT_WEIGHT_NORMAL
    context.select_font_face(FONT_FAMILY, cairo.FONT_SLANT_NORMAL, weight)
    context.set_font_size(size)
    table = text_module._BOLD if bold else text_module._REGULAR
    wider = {
        char: (context.text_extents(char)[4], measure(char, size, bold=bold))
        for char in list(table)[::7]
        if char not in "\t\n\r\x00"
        and context.text_extents(char)[4] > measure(char, size, bold=bold) + 1e-9
    }
    assert not wider


@pytest.mark.parametrize("bold", [False, True], ids=["regular", "bold"])
def test_every_advance_in_the_table_is_cairos(bold: bool) -> None:
    """cairo, asked as cairosvg asks it (toy API, metrics not hinted), gives each character in
    the table exactly the table's advance."""
    cairo = pytest.importorskip("cairocffi")
    check_font()
    context = cairo.Context(cairo.ImageSurface(cairo.FORMAT_ARGB32, 1, 1))
    options = cairo.FontOptions()
    options.set_hint_metrics(cairo.HINT_METRICS_OFF)
    context.set_font_options(options)
    weight = cairo.FONT_WEIGHT_BOLD if bold else cairo.FONT_WEIGHT_NORMAL
    context.select_font_face(FONT_FAMILY, cairo.FONT_SLANT_NORMAL, weight)
    context.set_font_size(EM)
    table = text_module._BOLD if bold else text_module._REGULAR
    wrong = {
        char: (advance, context.text_extents(char)[4])
        for char, advance in table.items()
        if char not in "\t\n\r\x00" and abs(context.text_extents(char)[4] - advance) > 0.01
    }
    assert not wrong
    assert len(table) > 5000


def test_lacking_characters_are_drawn_no_wider_than_measured() -> None:
    samples = (
        "漢字 and かな",
        "flags \U0001f1ec\U0001f1e7\U0001f1eb\U0001f1f7",
        "\U0001f9d1\u200d\U0001f4bb ok",
    )
    for sample, drawn in zip(samples, drawn_advances(samples, 11, False, 2.0), strict=True):
        assert drawn <= measure(sample, 11) + 0.25


def test_wrapped_lines_fit_when_drawn() -> None:
    text = " ".join(SAMPLES)
    width = 150.0
    lines = wrap(text, width, 11)
    for scale in (1.0, 2.0):
        drawn = drawn_advances(lines, 11, False, scale)
        assert all(advance <= width + 0.5 / scale for advance in drawn)


# --- check_font -------------------------------------------------------------------------


def test_check_font_passes_here() -> None:
    check_font()
    check_font("DejaVu Sans")
    check_font('"DejaVu Sans", sans-serif')  # the first family counts, as in cairosvg


@pytest.mark.parametrize("family", ["No Such Font Anywhere", "sans-serif", "DejaVu Serif"])
def test_check_font_rejects_other_families(family: str) -> None:
    with pytest.raises(RenderError, match=f"{family!r} cannot be measured.*DejaVu Sans"):
        check_font(family)


def test_check_font_asks_fc_match_when_cairo_is_missing() -> None:
    if shutil.which("fc-match") is None:
        pytest.skip("fontconfig's fc-match is not installed")
    assert text_module._problem_from_fc_match(FONT_FAMILY) is None


def test_check_font_explains_a_missing_font(tmp_path: Path) -> None:
    """With fontconfig seeing no fonts, both ways of checking fail with an install hint."""
    (tmp_path / "fonts").mkdir()
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><fontconfig>'
        f"<dir>{tmp_path / 'fonts'}</dir><cachedir>{tmp_path / 'cache'}</cachedir>"
        "</fontconfig>",
        encoding="utf-8",
    )
    program = (
        "from blueprint_render.errors import RenderError\n"
        "from blueprint_render.layout import text\n"
        "print(text._problem_from_fc_match('DejaVu Sans'))\n"
        "try:\n"
        "    text.check_font()\n"
        "except RenderError as error:\n"
        "    print(error)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program],
        env={**os.environ, "FONTCONFIG_FILE": str(conf)},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        cwd=ROOT,
    )
    lines = done.stdout.splitlines()
    assert len(lines) == 2, done.stdout + done.stderr
    for line in lines:
        assert "apt-get install fonts-dejavu-core" in line
    assert "not drawn with the DejaVu Sans" in lines[1]


def test_docstring_examples() -> None:
    assert doctest.testmod(text_module).failed == 0
