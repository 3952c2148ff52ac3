"""A run killed with SIGKILL in the middle, then started again with --resume, ends with each
document exactly once (and the second run does not read again what the first finished)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

N_DOCS = 1000


def _corpus(folder: Path) -> None:
    folder.mkdir()
    for i in range(N_DOCS):
        (folder / f"kh_{i:04d}.txt").write_text(
            f"Số: {i + 1}/KH-UBND\n\nHà Tĩnh, ngày 2 tháng 3 năm 2024\n\nKẾ HOẠCH\n\n"
            f"Thực hiện công tác bình đẳng giới năm 2024 số {i}\n\nI. MỤC ĐÍCH, YÊU CẦU\n\n"
            "1. Mục đích\n\nBáo cáo kết quả trước ngày 15/6/2024.\n", encoding="utf-8")


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline.cli", *args]


def _workers() -> set[int]:
    """Pids of the processes forked from a multiprocessing fork server (workers, the server)."""
    out = set()
    for d in Path("/proc").iterdir():
        try:
            cmd = (d / "cmdline").read_bytes()
        except OSError:
            continue
        if d.name.isdigit() and b"multiprocessing.forkserver" in cmd:
            out.add(int(d.name))
    return out


def test_kill_then_resume(tmp_path):
    src = tmp_path / "in"
    out = tmp_path / "out"
    _corpus(src)
    before = _workers()
    proc = subprocess.Popen(_cli("extract", str(src), "--out", str(out), "--jobs", "2", "--quiet"),
                            start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    journal = out / ".journal.jsonl"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if journal.exists() and journal.read_text(encoding="utf-8").count("\n") >= N_DOCS // 4:
            break
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    first = journal.read_text(encoding="utf-8").count("\n")
    assert 0 < first < N_DOCS, "the kill came too late to test anything"
    # its workers (in process groups of their own, which the kill missed) end by themselves
    orphans = _workers() - before
    deadline = time.monotonic() + 30
    while orphans and time.monotonic() < deadline:
        time.sleep(0.2)
        orphans &= _workers()
    assert not orphans, f"workers outlived the killed run: {sorted(orphans)}"

    res = subprocess.run(_cli("extract", str(src), "--out", str(out), "--jobs", "2", "--resume"),
                         capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr
    assert "already done" in res.stderr
    paths = [json.loads(x)["source"]["path"]
             for x in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(paths) == N_DOCS
    assert len(set(paths)) == N_DOCS
    assert not journal.exists()
    # the texts of the first run's documents came through the journal: one per document
    import duckdb

    con = duckdb.connect(str(out / "corpus.duckdb"), read_only=True)
    assert con.execute("select count(distinct doc_id), count(*) from texts").fetchone() == (
        N_DOCS, N_DOCS)
    assert con.execute("select count(*) from texts where text like '%KẾ HOẠCH%'").fetchone()[0] \
        == N_DOCS
