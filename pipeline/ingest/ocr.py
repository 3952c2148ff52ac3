"""OCR of scanned PDF pages: pypdfium2 renders each page (300 dpi), tesseract reads it with the
Vietnamese model (``tesseract-ocr-vie``).

Tesseract's TSV output gives words with their block, paragraph and line numbers and a
confidence; each OCR paragraph becomes a paragraph block on its page, and the mean word
confidence of the document is reported. Pages are read in parallel (tesseract runs as a
subprocess, so threads suffice), each under a time limit.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pipeline.document import Hints, RawBlock
from pipeline.ingest import IngestError


@dataclass(frozen=True, slots=True)
class OcrPage:
    page: int
    blocks: tuple[RawBlock, ...]
    confidence: float | None  # mean word confidence, 0-100
    words: int


def available(lang: str = "vie") -> bool:
    exe = shutil.which("tesseract")
    if exe is None:
        return False
    try:
        res = subprocess.run([exe, "--list-langs"], capture_output=True, timeout=20, check=False)
    except (subprocess.TimeoutExpired, OSError):
        return False
    return lang in res.stdout.decode("utf-8", errors="replace").split()


def _parse_tsv(tsv: str, page: int) -> OcrPage:
    paras: dict[tuple[int, int], list[list[str]]] = {}
    lines_left: dict[tuple[int, int, int], float] = {}
    confs: list[float] = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        word = cols[11].strip()
        if not word:
            continue
        block, par, line = int(cols[2]), int(cols[3]), int(cols[4])
        conf = float(cols[10])
        if conf >= 0:
            confs.append(conf)
        key = (block, par)
        lines = paras.setdefault(key, [])
        lkey = (block, par, line)
        if lkey not in lines_left:
            lines_left[lkey] = float(cols[6])
            lines.append([])
        lines[-1].append(word)
    blocks = []
    for (_b, _p), lines in paras.items():
        text = "\n".join(" ".join(ws) for ws in lines)
        blocks.append(RawBlock(kind="paragraph", text=text, page=page, hints=Hints()))
    conf = sum(confs) / len(confs) if confs else None
    return OcrPage(page=page, blocks=tuple(blocks), confidence=conf, words=len(confs))


def _tesseract(png: Path, page: int, lang: str, timeout: float) -> OcrPage:
    try:
        res = subprocess.run(["tesseract", str(png), "stdout", "-l", lang, "--psm", "3", "tsv"],
                             capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise IngestError("timeout", f"OCR of page {page} took over {timeout:.0f} s") from exc
    if res.returncode != 0:
        raise IngestError("ocr_failed", f"tesseract failed on page {page}: "
                          + res.stderr.decode("utf-8", errors="replace")[:200])
    return _parse_tsv(res.stdout.decode("utf-8", errors="replace"), page)


def ocr_pdf(data: bytes, pages: list[int], *, dpi: int = 300, lang: str = "vie",
            workers: int | None = None, timeout: float = 180.0) -> list[OcrPage]:
    """OCR the given 0-based pages of a PDF; pages in order.

    Pages are rendered one at a time in this thread (pdfium is not thread-safe) to PNG files,
    and tesseract reads them in parallel subprocesses.
    """
    import pypdfium2

    if not available(lang):
        raise IngestError("ocr_unavailable",
                          f"PDF has no text layer and tesseract with the '{lang}' model is missing")
    with tempfile.TemporaryDirectory(prefix="vnplan-ocr-") as tmp:
        pdf = pypdfium2.PdfDocument(data)
        pngs = []
        try:
            for i in pages:
                png = Path(tmp) / f"p{i:05d}.png"
                pdf[i].render(scale=dpi / 72, grayscale=True).to_pil().save(png)
                pngs.append((png, i + 1))
        finally:
            pdf.close()
        n = workers or max(1, min(len(pngs), os.cpu_count() or 1))
        with ThreadPoolExecutor(max_workers=n) as pool:
            return list(pool.map(lambda pi: _tesseract(pi[0], pi[1], lang, timeout), pngs))
