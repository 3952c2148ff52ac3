"""The ``vnplan`` command line.

    vnplan extract PATH... --out DIR [--jobs N]   files and folders (recursive) -> records
    vnplan eval OUT/documents.jsonl --gold corpora/gold [--detail] [--json]

Exit status of ``extract``: 0 every document read, 1 some failed (see ``DIR/errors.jsonl``),
2 usage error. Heavy imports happen inside the commands, so ``vnplan --help`` starts fast.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Optional

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


def _work(args: tuple[str, object]) -> tuple[str, dict, bool]:
    from pipeline.run import Failure, process

    path, settings = args
    res = process(Path(path), settings)  # type: ignore[arg-type]
    if isinstance(res, Failure):
        return path, res.record(), False
    return path, res.record, True


@app.command()
def extract(
    paths: list[Path] = typer.Argument(..., help="files and folders (searched recursively)"),
    out: Path = typer.Option(..., "--out", "-o", help="output folder"),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="worker processes"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress bar or summary"),
) -> None:
    """Read documents and write documents.jsonl, tables/*.parquet, corpus.duckdb, errors.jsonl."""
    from rich.console import Console

    from pipeline import emit
    from pipeline.run import Settings

    console = Console(stderr=True)
    missing = [p for p in paths if not p.exists()]
    if missing:
        console.print(f"[red]no such file or folder:[/red] {', '.join(map(str, missing))}")
        raise typer.Exit(2)
    files = collect(paths)
    settings = Settings()
    started = time.perf_counter()
    records: list[dict] = []
    errors: list[dict] = []
    show = not quiet and console.is_terminal

    def take(result: tuple[str, dict, bool]) -> None:
        (records if result[2] else errors).append(result[1])

    tasks = [(str(f), settings) for f in files]
    if show:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        progress = Progress("[progress.description]{task.description}", BarColumn(),
                            MofNCompleteColumn(), TimeElapsedColumn(), console=console)
    else:
        progress = None
    if progress:
        progress.start()
        bar = progress.add_task("extracting", total=len(tasks))
    try:
        if jobs == 1 or len(tasks) < 2:
            for t in tasks:
                take(_work(t))
                if progress:
                    progress.advance(bar)
        else:
            from concurrent.futures import ProcessPoolExecutor

            with ProcessPoolExecutor(max_workers=jobs) as pool:
                for result in pool.map(_work, tasks, chunksize=max(1, len(tasks) // (jobs * 8))):
                    take(result)
                    if progress:
                        progress.advance(bar)
    finally:
        if progress:
            progress.stop()
    counts = emit.write_run(out, records, errors)
    seconds = time.perf_counter() - started
    if not quiet:
        console.print(f"{len(records)} documents, {len(errors)} failed, {seconds:.1f} s -> {out}/ "
                      f"({counts['sections']} sections, {counts['citations']} citations, "
                      f"{counts['deadlines']} deadlines, {counts['assignments']} assignments)")
        for e in sorted(errors, key=lambda e: e["path"]):
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


def main(argv: Optional[list[str]] = None) -> None:
    app(args=argv if argv is not None else sys.argv[1:], prog_name="vnplan")


if __name__ == "__main__":
    main()
