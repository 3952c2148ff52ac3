"""notebooks/compare_provinces.ipynb runs from top to bottom (nbclient, python3 kernel)."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "compare_provinces.ipynb"
TIMEOUT = 900  # seconds per cell: a safety net, not a timing


def test_notebook_executes(tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    monkeypatch.setenv("VNPLAN_NOTEBOOK_OUT", str(tmp_path))
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=TIMEOUT, kernel_name="python3",
                                     resources={"metadata": {"path": str(ROOT)}})
    client.execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors
    text = "\n".join(str(o.get("data", {}).get("text/plain", o.get("text", "")))
                     for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    assert "560/KH-UBND" in text and "international" in text
    assert (tmp_path / "compare" / "index.html").exists()
    assert any((tmp_path / "align").glob("*.html"))
    images = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if "image/png" in o.get("data", {})]
    assert len(images) >= 6
