"""The gallery: real blueprints that load, and committed images that are not stale."""

from __future__ import annotations

from pathlib import Path

import pytest

from blueprint_render import load, render

pytestmark = pytest.mark.graphviz

GALLERY = Path(__file__).parent.parent / "gallery"
FAILURES = Path(__file__).parent / "_failures"
BLUEPRINTS = sorted(GALLERY.glob("*.yaml"))


def test_the_gallery_holds_the_six_scenarios() -> None:
    names = {path.stem for path in BLUEPRINTS}
    assert {
        "address-complaint",
        "lodge-insurance-claim",
        "start-utility-service",
        "open-bank-account",
        "collect-overdue-payment",
        "hotel-stay",
    } <= names


def test_the_gallery_example_is_the_bundled_one() -> None:
    bundled = Path(__file__).parent.parent / "blueprint_render/examples/address-complaint.yaml"
    assert (GALLERY / "address-complaint.yaml").read_bytes() == bundled.read_bytes()


@pytest.mark.parametrize("path", BLUEPRINTS, ids=[p.stem for p in BLUEPRINTS])
def test_committed_images_are_up_to_date(path: Path) -> None:
    """Each committed SVG and PNG is what the library draws now (regenerate: ./dev gallery).

    On a mismatch the expected and the actual image are written to tests/_failures/ to compare.
    """
    blueprint = load(path)
    stale = []
    for fmt in ("svg", "png"):
        committed = path.with_suffix(f".{fmt}")
        drawn = render(blueprint, fmt)  # type: ignore[arg-type]
        if not committed.exists() or committed.read_bytes() != drawn:
            FAILURES.mkdir(exist_ok=True)
            (FAILURES / f"{path.stem}.actual.{fmt}").write_bytes(drawn)
            if committed.exists():
                (FAILURES / f"{path.stem}.expected.{fmt}").write_bytes(committed.read_bytes())
            stale.append(committed.name)
    assert not stale, f"stale gallery images {stale}: run ./dev gallery (see {FAILURES})"


@pytest.mark.parametrize("path", BLUEPRINTS, ids=[p.stem for p in BLUEPRINTS])
def test_the_gallery_readme_shows_each_picture(path: Path) -> None:
    readme = (GALLERY / "README.md").read_text(encoding="utf-8")
    assert f"({path.stem}.png)" in readme
