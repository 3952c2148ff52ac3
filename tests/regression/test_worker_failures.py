"""A document over the time limit, and a worker killed under a document, cost only that document:
it gets an error entry (``timeout`` / ``worker_died``), a new worker takes the rest, and the
documents queued to the lost worker still come out, each once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ..conftest import ROOT, SEEDS

SCAN = ROOT / "corpora" / "fixtures" / "pdf-scanned-003.pdf"  # OCR: many seconds a run


def _extract(out: Path, *args: str) -> subprocess.Popen:
    good = sorted(SEEDS.glob("*.txt"))
    # the scan first: the one worker has it and two seeds queued behind it
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "extract", str(SCAN), *map(str, good[:2]),
         "--out", str(out), "--jobs", "1", "--ocr", "always", "--quiet", *args],
        cwd=ROOT)


def _outputs(out: Path) -> tuple[list[dict], list[dict]]:
    recs = [json.loads(x) for x in (out / "documents.jsonl").read_text().splitlines()]
    errs = [json.loads(x) for x in (out / "errors.jsonl").read_text().splitlines()]
    return recs, errs


def _children(pid: int) -> list[int]:
    out = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(d.name))
    return out


def _running(name: str) -> list[int]:
    found = []
    for d in Path("/proc").iterdir():
        try:
            if d.name.isdigit() and (d / "comm").read_text().strip() == name:
                state = (d / "stat").read_text().rsplit(")", 1)[1].split()[0]
                if state not in "ZX":  # killed, not yet reaped: gone
                    found.append(int(d.name))
        except OSError:
            continue
    return found


def test_a_document_over_the_time_limit(tmp_path):
    out = tmp_path / "out"
    proc = _extract(out, "--timeout", "2")
    assert proc.wait(timeout=300) == 1  # 1: some documents failed
    # the killed worker's tesseract processes went with it (else they slow the rest down)
    assert not _running("tesseract")
    recs, errs = _outputs(out)
    assert [Path(e["path"]).name for e in errs] == [SCAN.name]
    assert errs[0]["reason"] == "timeout" and "2 s" in errs[0]["message"]
    assert len(recs) == 2 and len({r["doc_id"] for r in recs}) == 2


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_a_worker_killed_under_a_document(tmp_path):
    out = tmp_path / "out"
    proc = _extract(out, "--timeout", "600")
    # the worker is a child of the forkserver, itself a child of the command
    deadline = time.monotonic() + 120
    worker = None
    while worker is None and time.monotonic() < deadline:
        for server in _children(proc.pid):
            kids = _children(server)
            if kids:
                worker = kids[0]
        time.sleep(0.2)
    assert worker is not None, "no worker process appeared"
    time.sleep(2)  # inside the OCR of the scan by now
    os.kill(worker, signal.SIGKILL)
    assert proc.wait(timeout=300) == 1
    recs, errs = _outputs(out)
    assert [(Path(e["path"]).name, e["reason"]) for e in errs] == [(SCAN.name, "worker_died")]
    assert len(recs) == 2
