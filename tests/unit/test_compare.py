"""The corpus store (incremental add, DataFrames, post-2025 provinces, variants) and the
comparison outputs (tables, CSV with BOM, Parquet, Excel, charts, HTML), on the seeds."""

from __future__ import annotations

import datetime
import shutil

import pandas as pd
import pytest
from typer.testing import CliRunner

from analysis import compare
from analysis.cli import app
from analysis.themes import theme_ids
from tests.conftest import RENDERED, SEEDS
from vnplan.corpus import open_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    c = open_corpus(tmp_path_factory.mktemp("compare") / "corpus.duckdb")
    rep = c.add([SEEDS])
    assert len(rep.added) == 5 and not rep.failed
    return c


def test_add_is_incremental_and_skips_known_documents(tmp_path):
    c = open_corpus(tmp_path / "c.duckdb")
    first = c.add([SEEDS / "000_3dff8da8b37ccaa0.txt"])
    assert len(first.added) == 1
    again = c.add([SEEDS])
    assert len(again.skipped) == 1 and len(again.added) == 4
    copy = tmp_path / "copy.txt"
    shutil.copy(SEEDS / "000_3dff8da8b37ccaa0.txt", copy)
    assert c.add([copy]).skipped == [str(copy)]  # same sha256, other path
    assert len(c.documents) == 5
    assert c.documents["doc_id"].is_unique


def test_tables_have_the_layout_of_emit(corpus, tmp_path):
    import json

    from pipeline import emit
    from pipeline.run import process

    want = emit.rows([process(p).record for p in sorted(SEEDS.glob("*.txt"))])
    for name in emit.TABLES:
        df = getattr(corpus, name)
        columns = {k for row in want[name] for k in row}
        assert columns == set(df.columns), name
        assert len(df) == len(want[name]), name
    rows = corpus.assignments
    assert all(isinstance(json.loads(v), list) for v in rows["lead"])


def test_dataframe_attributes(corpus):
    for name in ("documents", "sections", "citations", "deadlines", "assignments", "links",
                 "themes", "tasks", "graph_nodes", "graph_edges"):
        assert isinstance(getattr(corpus, name), pd.DataFrame), name
    assert len(corpus.documents) == 5
    assert not corpus.links.empty and not corpus.themes.empty


def test_provinces_after_the_2025_merger(corpus):
    docs = corpus.documents.set_index("path")
    p25 = {p.split("/")[-1][:3]: v for p, v in docs["province_2025"].items()}
    assert p25["000"] == p25["004"] == "Lâm Đồng"
    assert p25["001"] == "Thanh Hóa" and p25["002"] == "Hà Tĩnh"


@pytest.mark.skipif(not RENDERED.exists(), reason="corpora/rendered not made")
def test_formats_of_one_document_count_once(tmp_path):
    c = open_corpus(tmp_path / "c.duckdb")
    c.add([SEEDS / "003_3bb2bdd22fe39909.txt", *RENDERED.glob("003_*")])
    var = c.variants
    assert var["canonical_id"].nunique() == 1
    assert len(c.canonical_documents()) == 1
    assert c.canonical_documents()["format"].iloc[0] == "txt"


def test_comparison_tables(corpus):
    t = compare.tables(corpus, by=["province", "year"])
    docs = t["documents"]
    assert int(docs["documents"].sum()) == 5
    dn = docs[docs["province"] == "Đắk Nông"]
    assert set(dn["year"]) == {2021, 2024} and set(dn["province_2025"]) == {"Lâm Đồng"}
    assert compare.NATIONAL in set(docs["province"])
    mat = t["theme_matrix"]
    assert set(theme_ids()) <= set(mat.columns) and len(mat) == 5
    assert (mat[list(theme_ids())].to_numpy() >= 0).all()
    assert int(mat["international"].sum()) >= 3
    grouped = t["theme_by_group"]
    assert int(grouped["tasks"].sum()) == int(mat["tasks"].sum())
    assert not t["units"].empty and "sector" in t["units"]
    assert "labour_social" in set(t["sectors"]["sector"])
    months = set(t["deadlines_by_month"]["month"])
    assert "2024-06" in months and "2024-12" in months
    top = t["top_instruments"]
    assert top["citing_documents"].is_monotonic_decreasing
    assert top.iloc[0]["citing_documents"] >= 3


def test_level_filter_and_other_keys(corpus):
    t = compare.tables(corpus, by=["province_2025"], level="province")
    assert set(t["documents"]["level"]) == {"province"}
    assert int(t["documents"]["documents"].sum()) == 3
    with pytest.raises(ValueError):
        compare.tables(corpus, by=["colour"])


def test_compare_cli_writes_every_output(corpus, tmp_path):
    out = tmp_path / "cmp"
    res = CliRunner().invoke(app, ["compare", "--db", str(corpus.path), "--by",
                                   "province,year", "--out", str(out)])
    assert res.exit_code == 0, res.output
    for name in ("documents", "theme_matrix", "units", "deadlines_by_month",
                 "top_instruments"):
        raw = (out / f"{name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), name
        assert (out / f"{name}.parquet").exists()
    assert "Đắk Nông".encode() in (out / "documents.csv").read_bytes()
    for png in ("documents", "themes", "sectors", "deadlines", "instruments"):
        assert (out / f"{png}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", png
    html = (out / "index.html").read_text("utf-8")
    assert html.count("data:image/png;base64,") >= 5
    assert "Đắk Nông" in html and '<meta charset="utf-8">' in html


def test_excel_workbook_keeps_numbers_dates_and_vietnamese(corpus, tmp_path):
    import openpyxl

    compare.write(compare.tables(corpus, ["province", "year"]), tmp_path, ["province", "year"])
    wb = openpyxl.load_workbook(tmp_path / "compare.xlsx")
    assert {"documents", "theme_matrix", "top_instruments"} <= set(wb.sheetnames)
    ws = wb["documents"]
    header = [c.value for c in ws[1]]
    rows = [dict(zip(header, (c.value for c in r))) for r in ws.iter_rows(min_row=2)]
    assert any(r["province"] == "Đắk Nông" for r in rows)
    assert all(isinstance(r["year"], int) and isinstance(r["documents"], int) for r in rows)
    ws = wb["document_list"]
    header = [c.value for c in ws[1]]
    col = header.index("issued_date") + 1
    cells = [ws.cell(r, col) for r in range(2, ws.max_row + 1)]
    dated = [c for c in cells if isinstance(c.value, datetime.datetime)]
    assert dated and all(c.number_format == "DD/MM/YYYY" for c in dated)
    assert any(c.value == "2024-04" for c in cells)  # a month-only date stays as printed


def test_corpus_add_cli(tmp_path):
    db = tmp_path / "c.duckdb"
    runner = CliRunner()
    res = runner.invoke(app, ["corpus", "add", str(SEEDS / "001_e3c1ff0902a8d188.txt"),
                              "--db", str(db)])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["corpus", "add", str(SEEDS), "--db", str(db)])
    assert res.exit_code == 0 and "1 already present" in " ".join(res.output.split())
    res = runner.invoke(app, ["corpus", "add", str(tmp_path / "missing.txt"), "--db", str(db)])
    assert res.exit_code == 2
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    res = runner.invoke(app, ["corpus", "add", str(bad), "--db", str(db)])
    assert res.exit_code == 1
    assert len(open_corpus(db).errors) == 1
