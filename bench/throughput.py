"""Throughput of the pipeline on the bundled corpus (figures, not a test).

    python bench/throughput.py [--repeat N]

Prints documents/s for text (.txt/.md) and DOCX, pages/s for born-digital PDF end to end, and,
on the same PDFs, pages/s of pdfplumber's ``extract_text`` alone (the baseline a user would
otherwise reach for). One process, one core; run it on an idle machine.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _time(fn, items, repeat: int) -> float:
    fn(items[0])  # warm caches (pattern tables, spaCy pipeline) outside the timing
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        for it in items:
            fn(it)
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    from pipeline.run import process

    def run(p: Path) -> None:
        process(p)

    text = sorted((ROOT / "corpora" / "seeds").glob("*.txt"))
    docx = sorted((ROOT / "corpora" / "rendered").glob("*.docx"))
    pdfs = sorted((ROOT / "corpora" / "rendered").glob("*.pdf"))
    if text:
        s = _time(run, text, args.repeat)
        print(f"text  {len(text):3d} documents  {len(text) / s:8.1f} documents/s")
    if docx:
        s = _time(run, docx, args.repeat)
        print(f"docx  {len(docx):3d} documents  {len(docx) / s:8.1f} documents/s")
    if pdfs:
        import pdfplumber
        import pypdfium2

        pages = sum(len(pypdfium2.PdfDocument(str(p))) for p in pdfs)
        s = _time(run, pdfs, args.repeat)
        print(f"pdf   {pages:3d} pages      {pages / s:8.1f} pages/s end to end")

        def plumber(p: Path) -> None:
            with pdfplumber.open(p) as pdf:
                for page in pdf.pages:
                    page.extract_text()

        b = _time(plumber, pdfs, args.repeat)
        print(f"pdf   {pages:3d} pages      {pages / b:8.1f} pages/s pdfplumber extract_text alone"
              f"  (vnplan end to end is {b / s:.2f}x its speed)")


if __name__ == "__main__":
    main()
