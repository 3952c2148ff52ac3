"""Every fixture of corpora/fixtures/broken gives an error entry with a clear reason; none
crashes or hangs the run, and the good documents of the same run still come out."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from pipeline.cli import main

from ..conftest import ROOT, SEEDS

BROKEN = ROOT / "corpora" / "fixtures" / "broken"
sys.path.insert(0, str(ROOT / "corpora" / "fixtures"))

EXPECTED = {
    "zero-bytes.pdf": "empty", "zero-bytes.docx": "empty", "zero-bytes.txt": "empty",
    "random-bytes.pdf": "unknown_format", "random-bytes.docx": "unknown_format",
    "truncated.pdf": "corrupt", "corrupt.pdf": "corrupt", "encrypted.pdf": "encrypted",
    "nul-bytes.txt": "binary", "not-a-zip.docx": "corrupt", "corrupt-xml.docx": "corrupt",
    "entity-expansion.docx": "hostile", "external-entity.docx": "hostile",
    "zip-bomb.docx": "zip_bomb", "truncated.docx": "corrupt",
    "single-line-50mb.txt": "not_a_document",
}


@pytest.fixture(scope="module")
def run_out(tmp_path_factory) -> Path:
    from make_broken import big_single_line

    tmp = tmp_path_factory.mktemp("broken")
    big_single_line(tmp / "single-line-50mb.txt", 50)
    out = tmp / "out"
    good = sorted(SEEDS.glob("*.txt"))[0]
    with pytest.raises(SystemExit) as exc:
        main(["extract", str(BROKEN), str(tmp / "single-line-50mb.txt"), str(good), "--out",
              str(out), "--timeout", "120", "--jobs", "2", "--quiet"])
    assert exc.value.code == 1
    return out


def test_every_fixture_is_present():
    assert {p.name for p in BROKEN.iterdir()} >= set(EXPECTED) - {"single-line-50mb.txt"}


@pytest.mark.parametrize("name,reason", sorted(EXPECTED.items()))
def test_error_entry(run_out, name, reason):
    errors = {Path(e["path"]).name: e for e in
              map(json.loads, (run_out / "errors.jsonl").read_text().splitlines())}
    assert name in errors, f"{name} gave no error entry"
    assert errors[name]["reason"] == reason, errors[name]
    assert len(errors[name]["message"]) > 10


def test_the_good_document_survives(run_out):
    recs = (run_out / "documents.jsonl").read_text().splitlines()
    assert len(recs) == 1


def test_nothing_fetched_or_expanded(run_out):
    text = (run_out / "errors.jsonl").read_text()
    assert "root:x:0" not in text and "lollollol" not in text
