"""A run's outputs gathered on disk as results arrive (pipeline.emit.Gather): in batches and
groups, they are the outputs one conversion of every row at once gives."""

from __future__ import annotations

import json

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline import emit
from pipeline.run import process

from ..conftest import SEEDS


def _reference(records: list[dict], texts: dict[str, str]) -> dict[str, pa.Table]:
    """The tables as one conversion of all rows, in path order (what the outputs must equal)."""
    ready = sorted((emit.emitted(r, texts.get(r["doc_id"])) for r in records),
                   key=lambda e: e.key)
    out = {}
    for name in emit.ALL_TABLES:
        rows = [row for e in ready for row in e.rows[name]]
        out[name] = pa.Table.from_pylist(rows)
    return out


@pytest.fixture(scope="module")
def seed_records():
    got = [process(p) for p in sorted(SEEDS.glob("*.txt"))]
    return [g.record for g in got], {g.record["doc_id"]: g.document.text for g in got}


def _variants(records: list[dict]) -> list[dict]:
    """The seeds and copies of them under other paths: one OCR'd (a confidence where the others
    have none), one as an earlier run's record read back (keys in sorted order), one with no
    sections at all (a column type met only in some batches)."""
    out = list(records)
    for k, rec in enumerate(records):
        a = json.loads(json.dumps(rec))
        a["source"]["path"] = f"copy/{k}-ocr.txt"
        a["source"]["ocr"], a["source"]["ocr_confidence"] = True, 91.5
        b = json.loads(json.dumps(rec, sort_keys=True))
        b["source"]["path"] = f"copy/{k}-resumed.txt"
        c = json.loads(json.dumps(rec))
        c["source"]["path"] = f"copy/{k}-bare.txt"
        c["sections"] = []
        out += [a, b, c]
    return out


def test_batches_and_groups_give_the_one_conversion(seed_records, tmp_path, monkeypatch):
    records, texts = seed_records
    many = _variants(records)
    monkeypatch.setattr(emit.Gather, "CHUNK", 3)  # several batches, groups across them
    monkeypatch.setattr(emit.Gather, "GROUP", 4)
    gather = emit.Gather(tmp_path)
    for r in reversed(many):  # arrival order is not path order
        gather.add(r, texts)
    gather.fail({"path": "broken.pdf", "reason": "corrupt", "message": "x", "sha256": None,
                 "doc_id": None})
    counts = gather.write()
    want = _reference(many, texts)
    con = duckdb.connect(str(tmp_path / "corpus.duckdb"), read_only=True)
    for name, table in want.items():
        got = pq.read_table(tmp_path / "tables" / f"{name}.parquet")
        assert got.schema == table.schema, name
        assert got.to_pylist() == table.to_pylist(), name
        assert counts[name] == len(table)
        assert con.execute(f"select count(*) from {name}").fetchone()[0] == len(table)
    lines = (tmp_path / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["source"]["path"] for x in lines] == sorted(r["source"]["path"]
                                                                     for r in many)
    assert gather.records == len(many) and [e["path"] for e in gather.errors] == ["broken.pdf"]
    assert not list(tmp_path.glob(".gather.*"))  # the spill is gone


def test_a_path_given_again_keeps_its_newest_result(seed_records, tmp_path):
    records, texts = seed_records
    rec = records[0]
    gather = emit.Gather(tmp_path)
    gather.add(rec, texts)
    gather.fail({"path": rec["source"]["path"], "reason": "timeout", "message": "x",
                 "sha256": None, "doc_id": None})
    gather.write()
    assert (tmp_path / "documents.jsonl").read_text(encoding="utf-8") == ""
    assert [e["reason"] for e in gather.errors] == ["timeout"]
    assert pq.read_table(tmp_path / "tables" / "sections.parquet").num_rows == 0


def test_a_killed_runs_spill_is_cleared(tmp_path):
    (tmp_path / ".gather.12345").mkdir()
    (tmp_path / ".gather.12345" / "lines").write_bytes(b"half a line")
    emit.Gather(tmp_path).write()
    assert not (tmp_path / ".gather.12345").exists()
