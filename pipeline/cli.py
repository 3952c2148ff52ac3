"""The ``vnplan`` command line.

    vnplan extract PATH... --out DIR [--jobs N]   files and folders (recursive) -> records
    vnplan eval OUT/documents.jsonl --gold corpora/gold [--detail] [--json]
    vnplan corpus add|graph|info|rebuild …        a corpus grown incrementally (analysis/)
    vnplan compare --db corpus.duckdb --by province,year --out DIR
    vnplan align LOWER --against HIGHER --out DIR  |  vnplan align --db … --auto --out DIR

Exit status of ``extract``: 0 every document read, 1 some failed (see ``DIR/errors.jsonl``),
2 usage error. Heavy imports happen inside the commands, so ``vnplan --help`` starts fast.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Vietnamese gender-equality plans, programmes and decisions -> records.")

DOC_SUFFIXES = {".txt", ".md", ".markdown", ".docx", ".pdf", ".doc", ".odt", ".rtf"}


def collect(paths: list[Path]) -> list[Path]:
    """Files named, and the document files below folders named (hidden ones skipped), sorted."""
    out: set[Path] = set()
    for p in paths:
        if p.is_dir():
            for f in p.rglob("*"):
                if (f.is_file() and f.suffix.lower() in DOC_SUFFIXES
                        and not any(part.startswith(".") for part in f.relative_to(p).parts)):
                    out.add(f)
        else:
            out.add(p)
    return sorted(out, key=str)


@app.command()
def extract(
    paths: list[Path] = typer.Argument(..., help="files and folders (searched recursively)"),
    out: Path = typer.Option(..., "--out", "-o", help="output folder"),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="worker processes"),
    timeout: float = typer.Option(300.0, "--timeout", min=0,
                                  help="seconds per document before it is given up (0: no limit, "
                                       "in this process)"),
    memory_mb: int = typer.Option(3072, "--memory-mb", min=0,
                                  help="memory limit per worker process, MB (0: none)"),
    resume: bool = typer.Option(False, "--resume",
                                help="skip documents already in OUT (same path and sha256)"),
    ocr: str = typer.Option("auto", "--ocr", help="OCR of pages without text: auto|always|never"),
    dask: str | None = typer.Option(None, "--dask",
                                       help="run on a Dask cluster: scheduler address or 'local'"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress bar or summary"),
) -> None:
    """Read documents and write documents.jsonl, tables/*.parquet, corpus.duckdb, errors.jsonl."""
    from rich.console import Console

    from pipeline import emit, workers
    from pipeline.ingest import IngestSettings
    from pipeline.run import Settings

    console = Console(stderr=True, soft_wrap=True)
    if ocr not in ("auto", "always", "never"):
        console.print(f"[red]--ocr must be auto, always or never, not {ocr!r}[/red]")
        raise typer.Exit(2)
    missing = [p for p in paths if not p.exists()]
    if missing:
        console.print(f"[red]no such file or folder:[/red] {', '.join(map(str, missing))}")
        raise typer.Exit(2)
    files = [str(f) for f in collect(paths)]
    settings = Settings(ingest=IngestSettings(ocr=ocr))
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    done, texts = workers.previous(out) if resume else ([], {})
    if not resume:
        (out / workers.JOURNAL).unlink(missing_ok=True)
    seen = {(r[0], (r[1].get("source") or {}).get("sha256") if r[2] else r[1].get("sha256"))
            for r in done}
    todo = [f for f in files if not seen or (f, workers.sha256_of(Path(f))) not in seen]
    journal = workers.Journal(out)
    threading.Thread(target=emit.preload, daemon=True).start()
    show = not quiet and console.is_terminal
    progress = None
    if show:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        progress = Progress("[progress.description]{task.description}", BarColumn(),
                            MofNCompleteColumn(), TimeElapsedColumn(), console=console)
        progress.start()
        bar = progress.add_task("extracting", total=len(todo))

    # the results go to disk as they come (bounded memory): an earlier run's first, but not
    # those of the files read again, which keep their newest result
    gather = emit.Gather(out)
    again = set(todo)
    for path, item, ok in done:
        if path in again:
            continue
        if ok:
            gather.add(item, texts)
        else:
            gather.fail(item)
    del done, texts

    def take(d: workers.Done) -> None:
        journal.add(d)
        if d[3] is not None:
            gather.add(d[3])
        else:
            gather.fail(workers.parse(d)[1])
        if progress:
            progress.advance(bar)

    try:
        if dask:
            from pipeline import distributed

            distributed.run(todo, settings, dask, take)
        elif timeout == 0:
            from pipeline.run import process

            for f in todo:
                take(workers.outcome(f, process(Path(f), settings)))
        else:
            workers.run_parallel(todo, settings, workers.RunSettings(
                jobs=jobs, timeout=timeout, memory_mb=memory_mb), take)
    finally:
        if progress:
            progress.stop()
    counts = gather.write()
    errors = gather.errors
    journal.remove()
    seconds = time.perf_counter() - started
    if not quiet:
        skipped = len(files) - len(todo)
        console.print(f"{gather.records} documents, {len(errors)} failed"
                      + (f", {skipped} already done" if skipped else "")
                      + f", {seconds:.1f} s -> {out}/ "
                      f"({counts['sections']} sections, {counts['citations']} citations, "
                      f"{counts['deadlines']} deadlines, {counts['assignments']} assignments)")
        for e in errors:
            console.print(f"  [yellow]{e['path']}[/yellow]: {e['reason']}: {e['message']}")
    raise typer.Exit(1 if errors else 0)


@app.command("eval")
def evaluate(
    pred: Path = typer.Argument(..., help="documents.jsonl of a run"),
    gold: Path = typer.Option(Path("corpora/gold"), "--gold", help="folder of gold *.json"),
    detail: bool = typer.Option(False, "--detail", help="list what each document missed"),
    as_json: bool = typer.Option(False, "--json", help="print the summary as JSON"),
) -> None:
    """Score records against gold annotations (the figures of ../shared/eval/score.py)."""
    from pipeline import score

    argv = ["--pred", str(pred), "--gold", str(gold)]
    argv += ["--detail"] if detail else []
    argv += ["--json"] if as_json else []
    raise typer.Exit(score.main(argv))


# corpus-level commands (analysis/): registered after the per-document ones, shown after them
from analysis.cli import align, compare, corpus_app  # noqa: E402

app.add_typer(corpus_app, name="corpus")
app.command("compare")(compare)
app.command("align")(align)


def main(argv: list[str] | None = None) -> None:
    app(args=argv if argv is not None else sys.argv[1:], prog_name="vnplan")


if __name__ == "__main__":
    main()
