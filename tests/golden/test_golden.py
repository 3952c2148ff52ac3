"""Golden records: the records of corpora/seeds and corpora/rendered, in every format, compared
with the committed expectations in tests/golden/expected/. ``UPDATE_GOLDEN=1`` rewrites them; a
missing golden file is a failure, never silently written."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pipeline.emit import dumps
from pipeline.run import Failure, process

from ..conftest import RENDERED, ROOT, SEEDS

EXPECTED = Path(__file__).parent / "expected"
FILES = sorted(SEEDS.glob("*.txt")) + sorted(RENDERED.glob("*.docx")) + sorted(RENDERED.glob("*.pdf"))


def _record(path: Path) -> dict:
    res = process(path, display_path=str(path.relative_to(ROOT)))
    assert not isinstance(res, Failure), res
    return res.record


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_golden_record(path):
    rec = _record(path)
    golden = EXPECTED / f"{path.name}.json"
    text = json.dumps(json.loads(dumps(rec)), ensure_ascii=False, sort_keys=True, indent=1) + "\n"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}: run with UPDATE_GOLDEN=1 and review"
    assert json.loads(golden.read_text(encoding="utf-8")) == json.loads(text)


HEADER = ("number", "issuer", "issued_date", "title")


@pytest.mark.parametrize(
    "path", sorted(RENDERED.glob("*.docx")) + sorted(RENDERED.glob("*.pdf")), ids=lambda p: p.name
)
def test_rendering_header_equals_text(path):
    stem = path.name.split(".")[0]
    txt = _record(SEEDS / f"{stem}.txt")["metadata"]
    got = _record(path)["metadata"]
    assert {k: got[k] for k in HEADER} == {k: txt[k] for k in HEADER}
    assert got["signer"]["name"] == txt["signer"]["name"]
