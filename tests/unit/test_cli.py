"""The command line end to end: outputs, error entries, exit codes, determinism, the schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.cli import main

from ..conftest import GOLD, SEEDS, SHARED


def run_cli(*args: str) -> int:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    return int(exc.value.code or 0)


@pytest.fixture(scope="module")
def seeds_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    assert run_cli("extract", str(SEEDS), "--out", str(out), "--quiet") == 0
    return out


def test_outputs_written(seeds_out):
    recs = [json.loads(x) for x in (seeds_out / "documents.jsonl").read_text().splitlines()]
    assert len(recs) == len(list(SEEDS.glob("*.txt")))
    assert (seeds_out / "errors.jsonl").read_text() == ""
    for name in ("documents", "sections", "citations", "deadlines", "assignments"):
        assert (seeds_out / "tables" / f"{name}.parquet").exists()


def test_every_span_points_into_the_texts_table(seeds_out):
    """The outputs alone trace each value to its text: tables/texts.parquet (and corpus.duckdb)
    hold the normalized text every span of the records points into."""
    import duckdb

    con = duckdb.connect(str(seeds_out / "corpus.duckdb"), read_only=True)
    texts = dict(con.execute("select doc_id, text from texts").fetchall())
    recs = [json.loads(x) for x in (seeds_out / "documents.jsonl").read_text().splitlines()]
    assert set(texts) == {r["doc_id"] for r in recs}
    checked = 0
    for rec in recs:
        text = texts[rec["doc_id"]]
        assert len(text) == rec["text_length"]
        for kind in ("citations", "deadlines"):
            for item in rec[kind]:
                s, e = item["span"]
                assert " ".join(text[s:e].split()) == " ".join(item["text"].split()), item
                checked += 1
        if "number" in rec["metadata"]["spans"]:
            s, e = rec["metadata"]["spans"]["number"]
            assert text[s:e].replace(" ", "") == rec["metadata"]["number"]
            checked += 1
    assert checked > 50
    pq_texts = __import__("pandas").read_parquet(seeds_out / "tables" / "texts.parquet")
    assert dict(zip(pq_texts["doc_id"], pq_texts["text"])) == texts


def test_records_follow_the_schema(seeds_out):
    import jsonschema

    schema = json.loads((Path(__file__).parents[2] / "pipeline" / "schema" /
                         "record.schema.json").read_text())
    for line in (seeds_out / "documents.jsonl").read_text().splitlines():
        jsonschema.validate(json.loads(line), schema)


def test_doc_id_is_sha_prefix(seeds_out):
    for line in (seeds_out / "documents.jsonl").read_text().splitlines():
        rec = json.loads(line)
        assert rec["doc_id"] == rec["source"]["sha256"][:16]


def test_duckdb_holds_the_tables(seeds_out):
    import duckdb

    con = duckdb.connect(str(seeds_out / "corpus.duckdb"), read_only=True)
    n = con.execute("select count(*) from documents").fetchone()[0]
    assert n == len(list(SEEDS.glob("*.txt")))
    cols = {r[0] for r in con.execute("describe sections").fetchall()}
    assert "doc_id" in cols or n == 0
    con.close()


def test_rerun_is_byte_identical(seeds_out, tmp_path):
    assert run_cli("extract", str(SEEDS), "--out", str(tmp_path), "--quiet") == 0
    a = (seeds_out / "documents.jsonl").read_bytes()
    assert a == (tmp_path / "documents.jsonl").read_bytes()


def test_parallel_equals_serial(seeds_out, tmp_path):
    assert run_cli("extract", str(SEEDS), "--out", str(tmp_path), "--jobs", "2", "--quiet") == 0
    assert (seeds_out / "documents.jsonl").read_bytes() == (tmp_path / "documents.jsonl").read_bytes()


@pytest.mark.parametrize(
    "name,content,reason",
    [
        pytest.param("empty.txt", b"", "empty", id="zero-bytes"),
        pytest.param("random.pdf", bytes(range(256)) * 4, "unknown_format", id="random-bytes-pdf"),
        pytest.param("random.docx", b"\x13\x37" * 500, "unknown_format", id="random-bytes-docx"),
        pytest.param("truncated.pdf", b"%PDF-1.7\n1 0 obj <<", "corrupt", id="truncated-pdf"),
        pytest.param("nul.txt", b"abc\x00\x00\x00def" * 10, "binary", id="nul-bytes"),
    ],
)
def test_bad_input_gives_an_error_entry(tmp_path, name, content, reason):
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / name).write_bytes(content)
    good = SEEDS / sorted(p.name for p in SEEDS.glob("*.txt"))[0]
    out = tmp_path / "out"
    assert run_cli("extract", str(bad / name), str(good), "--out", str(out), "--quiet") == 1
    errors = [json.loads(x) for x in (out / "errors.jsonl").read_text().splitlines()]
    assert [e["reason"] for e in errors] == [reason]
    assert errors[0]["message"]
    assert len((out / "documents.jsonl").read_text().splitlines()) == 1


def test_missing_path_is_a_usage_error(tmp_path):
    assert run_cli("extract", str(tmp_path / "nope"), "--out", str(tmp_path / "o")) == 2


def test_eval_prints_the_referee_figures(seeds_out, capsys):
    assert run_cli("eval", str(seeds_out / "documents.jsonl"), "--gold", str(GOLD)) == 0
    out = capsys.readouterr().out
    assert "overall" in out and "ALL" in out


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="no ../shared here")
def test_vendored_scorer_is_the_referee():
    ours = (Path(__file__).parents[2] / "pipeline" / "score.py").read_text()
    assert ours == (SHARED / "eval" / "score.py").read_text()
