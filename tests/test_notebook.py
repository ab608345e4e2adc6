"""The notebook tour (docs/notebooks/tour.ipynb) runs in a real kernel and shows the blueprint.

The kernel is this environment's Python: the test writes a ``python3`` kernel spec for
``sys.executable`` into a temporary folder and uses only that folder, so a kernel spec
installed elsewhere on the machine cannot stand in. Jupyter's and IPython's own folders, and
the temporary folder the notebook saves into, are inside the test's folder too.
"""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path
from typing import Any

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "docs" / "notebooks" / "tour.ipynb"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _read() -> Any:
    return nbformat.read(NOTEBOOK, as_version=4)  # type: ignore[no-untyped-call]


def _cells(notebook: Any) -> dict[str, Any]:
    return {cell.id: cell for cell in notebook.cells}


def _execute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The tour, run in a kernel of this environment, with a first cell printing the kernel's
    ``sys.executable``."""
    for name, folder in (
        ("JUPYTER_RUNTIME_DIR", "runtime"),
        ("JUPYTER_DATA_DIR", "data"),
        ("JUPYTER_CONFIG_DIR", "config"),
        ("IPYTHONDIR", "ipython"),
        ("TMPDIR", "tmp"),
    ):
        (tmp_path / folder).mkdir()
        monkeypatch.setenv(name, str(tmp_path / folder))
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")
    spec = tmp_path / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "Python 3 (blueprint_render tests)",
                "language": "python",
            }
        ),
        encoding="utf-8",
    )
    specs = KernelSpecManager(kernel_dirs=[str(tmp_path / "kernels")])
    kernel = KernelManager(kernel_name="python3", kernel_spec_manager=specs)

    notebook = _read()
    probe = nbformat.v4.new_code_cell(  # type: ignore[no-untyped-call]
        "import sys\nprint(sys.executable)", id="kernel-probe"
    )
    notebook.cells.insert(0, probe)
    client = NotebookClient(
        notebook,
        km=kernel,
        timeout=120,
        startup_timeout=60,
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()
    return notebook


def test_the_committed_notebook_has_no_outputs() -> None:
    notebook = _read()
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code
    for cell in code:
        assert cell.outputs == [], cell.id
        assert cell.execution_count is None, cell.id
    assert notebook.metadata.kernelspec.name == "python3"


@pytest.mark.graphviz
def test_the_tour_runs_and_shows_the_blueprint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notebook = _execute(tmp_path, monkeypatch)
    cells = _cells(notebook)

    # the kernel is this environment's Python
    assert cells["kernel-probe"].outputs[0]["text"].strip() == sys.executable

    # a Blueprint as a cell's last expression shows as inline SVG, before and after the change
    shown = {}
    for name in ("build", "change"):
        [result] = [o for o in cells[name].outputs if o.output_type == "execute_result"]
        svg = result["data"]["image/svg+xml"]
        assert svg.startswith("<svg")
        assert 'role="img"' in svg
        assert "<Blueprint 'return-parcel'" in result["data"]["text/plain"]
        shown[name] = svg
    # the change hides the measures lane and adds a fail point
    assert "bp-lane--measures" in shown["build"]
    assert "bp-lane--measures" not in shown["change"]
    assert "bp-badge--fail" not in shown["build"]
    assert "bp-badge--fail" in shown["change"]

    # saved as SVG and PNG in a temporary folder
    printed = "".join(o.get("text", "") for o in cells["save"].outputs if o.output_type == "stream")
    paths = [Path(line) for line in printed.split()]
    assert sorted(p.suffix for p in paths) == [".png", ".svg"]
    for path in paths:
        assert path.is_relative_to(tmp_path / "tmp"), path  # the kernel's temporary folder
        data = path.read_bytes()
        assert data.startswith(PNG_SIGNATURE if path.suffix == ".png" else b"<svg"), path
    saved_png = next(p for p in paths if p.suffix == ".png").read_bytes()

    # the saved PNG displayed with IPython.display.Image, and PNG inline on request
    [image] = cells["show-png"].outputs
    assert base64.b64decode(image["data"]["image/png"]) == saved_png
    [inline] = cells["inline-png"].outputs
    assert inline.output_type == "display_data"
    assert sorted(inline["data"]) == ["image/png"]
    assert base64.b64decode(inline["data"]["image/png"]).startswith(PNG_SIGNATURE)
