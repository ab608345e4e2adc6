"""Build ``blueprint_render/layout/dejavu-metrics.json``: DejaVu Sans advance widths.

The layout measures text with this table (see :mod:`blueprint_render.layout.text`), so it must
come from the very fonts cairosvg draws with. It holds, for the regular and the bold face, the
advance width of every code point in the font's character map, in font units, with the font's
units per em and the advance of ``.notdef`` (what cairo draws for a character the font lacks).

Run from the repository root with fontTools installed (a development tool, not a dependency)::

    python tools/build_font_metrics.py            # rewrite the JSON file
    python tools/build_font_metrics.py --check    # exit 1 when the file is out of date

The output is deterministic: the same fonts give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

__all__ = ["FONT_DIR", "OUTPUT", "STYLES", "build_metrics", "main"]

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
"""Where Debian's ``fonts-dejavu-core`` installs the fonts."""

OUTPUT = Path(__file__).resolve().parent.parent / "blueprint_render/layout/dejavu-metrics.json"

STYLES = {"regular": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf"}
"""The faces cairo picks for ``font-weight`` normal and bold, by style name."""

FORMAT = 1


def _style(path: Path) -> dict[str, Any]:
    """The metrics of one font file: names, units per em, and runs of advance widths."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]  # a tool dependency

    with TTFont(path, lazy=True) as font:
        cmap: dict[int, str] = font.getBestCmap()
        hmtx = font["hmtx"]
        name = font["name"]
        # runs of consecutive code points: [first code point, [advance, advance, ...]]
        runs: list[list[Any]] = []
        for code in sorted(cmap):
            advance = int(hmtx[cmap[code]][0])
            if runs and runs[-1][0] + len(runs[-1][1]) == code:
                runs[-1][1].append(advance)
            else:
                runs.append([code, [advance]])
        return {
            "file": path.name,
            "family": name.getDebugName(1),
            "subfamily": name.getDebugName(2),
            "version": name.getDebugName(5),
            "units_per_em": int(font["head"].unitsPerEm),
            "notdef": int(hmtx[".notdef"][0]),
            "advances": runs,
        }


def _dumps(doc: dict[str, Any]) -> str:
    """JSON with one run of advances a line: compact, yet a change shows as a small diff."""
    lines = ["{"]
    lines.append(f'"format": {doc["format"]},')
    lines.append(f'"generator": {json.dumps(doc["generator"])},')
    lines.append('"styles": {')
    styles = doc["styles"]
    for index, (key, style) in enumerate(styles.items()):
        fields = {k: v for k, v in style.items() if k != "advances"}
        lines.append(f"{json.dumps(key)}: {{")
        lines.extend(f"{json.dumps(k)}: {json.dumps(v)}," for k, v in sorted(fields.items()))
        lines.append('"advances": [')
        runs = style["advances"]
        lines.extend(
            json.dumps(run, separators=(",", ":")) + ("," if i < len(runs) - 1 else "")
            for i, run in enumerate(runs)
        )
        lines.append("]")
        lines.append("}," if index < len(styles) - 1 else "}")
    lines.append("}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def build_metrics(font_dir: Path = FONT_DIR) -> str:
    """The JSON text of the metrics file, built from the fonts in ``font_dir``."""
    doc = {
        "format": FORMAT,
        "generator": "tools/build_font_metrics.py (do not edit by hand)",
        "styles": {key: _style(font_dir / file) for key, file in STYLES.items()},
    }
    text = _dumps(doc)
    assert json.loads(text) == doc  # the hand-made layout is still JSON
    return text


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check``, compare) the metrics file; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fonts", type=Path, default=FONT_DIR, help="folder of DejaVu fonts")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="the JSON file")
    parser.add_argument("--check", action="store_true", help="only check the file is current")
    args = parser.parse_args(argv)
    text = build_metrics(args.fonts)
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date: run {sys.argv[0]}", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {args.output} ({len(text.encode()):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
