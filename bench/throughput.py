"""Throughput of the pipeline (figures, not a test).

    python bench/throughput.py [--repeat N] [--ocr] [--workers] [--baselines]

Prints, on this machine:
- documents/s for text (.txt/.md) and DOCX, pages/s for born-digital PDF end to end
  (corpora/seeds, corpora/rendered), in one process, per-text caches cleared before every
  document (a real corpus does not repeat its paragraphs);
- with ``--baselines``, on the same files in the same run: pdfplumber's ``extract_text`` alone,
  and ``unstructured``'s ``partition_pdf(strategy="fast")`` / ``partition_docx`` when that package
  is installed (it is not a dependency: ``pip install "unstructured[pdf,docx]"`` for the bench);
- with ``--ocr``, pages/s of OCR on corpora/fixtures/pdf-scanned-003.pdf;
- with ``--workers``, documents/s of ``vnplan extract`` with 1 and 2 workers on a generated
  corpus of 1,000 seed-sized documents (each a seed with its own number ending every line of
  prose, so that no paragraph repeats), the speed-up, and the peak memory (RSS) of a worker.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
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


def _pages(pdfs: list[Path]) -> int:
    import pypdfium2

    return sum(len(pypdfium2.PdfDocument(str(p))) for p in pdfs)


def _text_caches() -> list:
    """The bounded caches of the code (a paragraph's unit scan, place keys, cleaned lines):
    per-text results that a corpus rarely repeats. The unbounded ones hold pattern tables."""
    import importlib
    import pkgutil

    import extractors
    import pipeline

    out = []
    for pkg in (extractors, pipeline):
        for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
            if info.name in ("pipeline.cli", "pipeline.distributed"):
                continue  # the command line and Dask: no per-text work, heavy imports
            mod = importlib.import_module(info.name)
            out += [obj for obj in vars(mod).values()
                    if getattr(obj, "cache_parameters", None) is not None
                    and obj.cache_parameters()["maxsize"] is not None and obj not in out]
    return out


def bench_formats(repeat: int, baselines: bool) -> None:
    from pipeline.run import process

    caches = _text_caches()

    def run(p: Path) -> None:
        # every document as if never seen: the per-text caches would otherwise serve the
        # repeats of the timing loop, which no real corpus has
        for c in caches:
            c.cache_clear()
        process(p)

    text = sorted((ROOT / "corpora" / "seeds").glob("*.txt"))
    docx = sorted((ROOT / "corpora" / "rendered").glob("*.docx"))
    pdfs = sorted((ROOT / "corpora" / "rendered").glob("*.pdf"))
    s = _time(run, text, repeat)
    print(f"text   {len(text):3d} documents  {len(text) / s:8.1f} documents/s")
    s = _time(run, docx, repeat)
    print(f"docx   {len(docx):3d} documents  {len(docx) / s:8.1f} documents/s")
    pages = _pages(pdfs)
    s_pdf = _time(run, pdfs, repeat)
    print(f"pdf    {pages:3d} pages      {pages / s_pdf:8.1f} pages/s end to end")
    if not baselines:
        return
    import pdfplumber

    def plumber(p: Path) -> None:
        with pdfplumber.open(p) as pdf:
            for page in pdf.pages:
                page.extract_text()

    b = _time(plumber, pdfs, repeat)
    print(f"pdf    {pages:3d} pages      {pages / b:8.1f} pages/s pdfplumber extract_text alone "
          f"-> vnplan end to end is {b / s_pdf:.2f}x its speed")
    try:
        import spacy
        import unstructured.nlp.tokenize as utok
        from unstructured.partition.docx import partition_docx
        from unstructured.partition.pdf import partition_pdf
    except ImportError:
        print("unstructured not installed: its baseline skipped")
        return

    # unstructured downloads en_core_web_sm at run time (no network here): give it a blank
    # English pipeline with a sentencizer instead, which only makes it faster than it is
    def _blank_en():  # noqa: ANN202
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        return nlp

    utok._load_spacy_model = _blank_en
    if hasattr(utok, "_get_nlp"):
        utok._get_nlp.cache_clear()
    if not partition_pdf(filename=str(pdfs[0]), strategy="fast"):
        print("unstructured partition_pdf(fast) returned no elements here: baseline not valid")
    else:
        u = _time(lambda p: partition_pdf(filename=str(p), strategy="fast"), pdfs, repeat)
        print(f"pdf    {pages:3d} pages      {pages / u:8.1f} pages/s unstructured partition_pdf"
              f"(fast) -> vnplan end to end is {u / s_pdf:.2f}x its speed")
    d = _time(lambda p: partition_docx(filename=str(p)), docx, repeat)
    s_docx = _time(run, docx, 1)
    print(f"docx   {len(docx):3d} documents  {len(docx) / d:8.1f} documents/s unstructured "
          f"partition_docx -> vnplan end to end is {d / s_docx:.2f}x its speed")


def bench_ocr() -> None:
    from pipeline.run import process

    scan = ROOT / "corpora" / "fixtures" / "pdf-scanned-003.pdf"
    pages = _pages([scan])
    t = time.perf_counter()
    process(scan)
    s = time.perf_counter() - t
    print(f"ocr    {pages:3d} pages      {pages / s:8.2f} pages/s (300 dpi, tesseract vie, "
          f"pages in parallel)")


def bench_workers(n_docs: int = 1000, runs: int = 3) -> None:
    seeds = sorted((ROOT / "corpora" / "seeds").glob("*.txt"))
    with tempfile.TemporaryDirectory(prefix="vnplan-bench-") as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        for i in range(n_docs):
            seed = seeds[i % len(seeds)].read_text(encoding="utf-8")
            # a distinct document each time, down to its paragraphs (no per-text cache serves a
            # repeat): the document's number ends every line of prose; same size and shape
            lines = [f"{x} {i}" if x.strip() and not x.lstrip().startswith("|") else x
                     for x in seed.splitlines()]
            (src / f"{i:05d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        rates = {}
        for jobs in (1, 2):
            out = Path(tmp) / f"out{jobs}"
            best = float("inf")
            for _ in range(runs):  # the best of a few: this VM's speed drifts by about 10%
                t = time.perf_counter()
                subprocess.run([sys.executable, "-m", "pipeline.cli", "extract", str(src),
                                "--out", str(out), "--jobs", str(jobs), "--quiet"], check=False)
                best = min(best, time.perf_counter() - t)
                shutil.rmtree(out, ignore_errors=True)
            rates[jobs] = n_docs / best
            print(f"extract --jobs {jobs}: {n_docs} documents  {rates[jobs]:8.1f} documents/s "
                  f"(whole command: start-up, workers, outputs; best of {runs})")
        print(f"speed-up 1 -> 2 workers: {rates[2] / rates[1]:.2f}x")
        # a worker's peak: one process reading every document of the corpus in turn
        code = ("import resource, sys; from pathlib import Path; from pipeline.run import process\n"
                "[process(p) for p in sorted(Path(sys.argv[1]).iterdir())]\n"
                "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
        res = subprocess.run([sys.executable, "-c", code, str(src)], capture_output=True,
                             text=True, check=False)
        print(f"peak memory of a worker over {n_docs} documents: "
              f"{int(res.stdout.split()[-1]) / 1024:.0f} MB")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory of the extract command's processes (the largest of them): "
          f"{peak:.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--ocr", action="store_true")
    ap.add_argument("--workers", action="store_true")
    ap.add_argument("--baselines", action="store_true")
    args = ap.parse_args()
    bench_formats(args.repeat, args.baselines)
    if args.ocr:
        bench_ocr()
    if args.workers:
        bench_workers()


if __name__ == "__main__":
    main()
