"""Legacy Word 97 through LibreOffice and a scanned PDF through tesseract give the header of
the same document read from its text (needs libreoffice-writer-nogui and tesseract-ocr-vie,
which .ci/run installs)."""

from __future__ import annotations

import pytest

from pipeline.run import Failure, process

from ..conftest import ROOT, SEEDS

FIXTURES = ROOT / "corpora" / "fixtures"
FIELDS = ("doc_type", "number", "issued_date", "title", "level", "province")


def _meta(path, **kw):
    res = process(path, **kw)
    assert not isinstance(res, Failure), res
    return res.record


def test_word97_doc_reads_like_its_text():
    rec = _meta(FIXTURES / "word97-001.doc")
    want = _meta(SEEDS / "001_e3c1ff0902a8d188.txt")["metadata"]
    assert rec["source"]["format"] == "doc"
    assert {k: rec["metadata"][k] for k in FIELDS} == {k: want[k] for k in FIELDS}
    assert rec["metadata"]["signer"]["name"] == want["signer"]["name"]
    assert len(rec["sections"]) == len(_meta(SEEDS / "001_e3c1ff0902a8d188.txt")["sections"])


def test_scanned_pdf_is_read_by_ocr():
    rec = _meta(FIXTURES / "pdf-scanned-003.pdf")
    want = _meta(SEEDS / "003_3bb2bdd22fe39909.txt")["metadata"]
    assert rec["source"]["ocr"] is True
    assert rec["source"]["ocr_confidence"] > 80
    for k in ("doc_type", "number", "issued_date", "level"):
        assert rec["metadata"][k] == want[k], k
    assert [s["path"] for s in rec["sections"]] == ["1", "4", "5"]


def test_ocr_never_refuses_a_scan():
    from pipeline.ingest import IngestSettings
    from pipeline.run import Settings

    res = process(FIXTURES / "pdf-scanned-003.pdf", Settings(ingest=IngestSettings(ocr="never")))
    assert isinstance(res, Failure) and res.reason == "no_text_layer"


@pytest.mark.parametrize("name", ["word97-001.doc", "pdf-scanned-003.pdf"])
def test_fixture_present(name):
    assert (FIXTURES / name).stat().st_size > 1000
