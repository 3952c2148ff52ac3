"""OCR of scanned PDF pages: pypdfium2 renders each page (300 dpi), tesseract reads it with the
Vietnamese model (``tesseract-ocr-vie``).

Tesseract's TSV output gives each word with its box and confidence; the PDF reader turns the
words into characters on the page and lays them out as it does a text layer (header columns,
paragraphs, running heads), so a scan and a born-digital PDF of the same document give the same
blocks. Pages are read in parallel (tesseract runs as a subprocess, so threads suffice), each
under a time limit.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pipeline.ingest import IngestError


@dataclass(frozen=True, slots=True)
class Word:
    """A word tesseract read, its box in PDF points (top-down) and its confidence (0-100)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    conf: float
    line: tuple[int, int, int]  # (block, paragraph, line) of tesseract's layout


@dataclass(frozen=True, slots=True)
class OcrPage:
    page: int  # 1-based
    words: tuple[Word, ...]

    @property
    def confidence(self) -> float | None:
        confs = [w.conf for w in self.words if w.conf >= 0]
        return sum(confs) / len(confs) if confs else None


def available(lang: str = "vie") -> bool:
    exe = shutil.which("tesseract")
    if exe is None:
        return False
    try:
        res = subprocess.run([exe, "--list-langs"], capture_output=True, timeout=20, check=False)
    except (subprocess.TimeoutExpired, OSError):
        return False
    return lang in res.stdout.decode("utf-8", errors="replace").split()


def _parse_tsv(tsv: str, page: int, scale: float) -> OcrPage:
    """Words of tesseract's TSV (level 5 rows), pixel boxes scaled to PDF points."""
    words = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        left, top, width, height = (float(c) for c in cols[6:10])
        words.append(Word(cols[11].strip(), left * scale, top * scale, (left + width) * scale,
                          (top + height) * scale, float(cols[10]),
                          (int(cols[2]), int(cols[3]), int(cols[4]))))
    return OcrPage(page=page, words=tuple(words))


def _tesseract(png: Path, page: int, lang: str, timeout: float, scale: float) -> OcrPage:
    try:
        res = subprocess.run(["tesseract", str(png), "stdout", "-l", lang, "--psm", "3", "tsv"],
                             capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise IngestError("timeout", f"OCR of page {page} took over {timeout:.0f} s") from exc
    if res.returncode != 0:
        raise IngestError("ocr_failed", f"tesseract failed on page {page}: "
                          + res.stderr.decode("utf-8", errors="replace")[:200])
    return _parse_tsv(res.stdout.decode("utf-8", errors="replace"), page, scale)


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
            return list(pool.map(lambda pi: _tesseract(pi[0], pi[1], lang, timeout, 72 / dpi),
                                 pngs))
