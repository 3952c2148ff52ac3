"""Command line of the analyses, registered under ``vnplan``:

    vnplan corpus add PATH... --db corpus.duckdb [--jobs N] [--update]
    vnplan corpus graph --db corpus.duckdb --format graphml|json --out FILE
    vnplan corpus info --db corpus.duckdb
    vnplan corpus rebuild --db corpus.duckdb
    vnplan compare --db corpus.duckdb --by province,year [--level province] --out DIR
    vnplan align LOWER --against HIGHER [--db corpus.duckdb] --out DIR
    vnplan align --db corpus.duckdb --auto --out DIR

Only typer is imported at module level, so ``vnplan --help`` stays fast. Exit status: 0 done,
1 some files could not be read (``corpus add``), 2 usage error.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

corpus_app = typer.Typer(add_completion=False, no_args_is_help=True,
                         help="Grow a corpus store (DuckDB) and export its citation graph.")

DB_HELP = "the corpus store (a DuckDB file)"
DbOption = Annotated[Path, typer.Option("--db", help=DB_HELP)]
DEFAULT_DB = Path("corpus.duckdb")


def _console():
    from rich.console import Console

    return Console(stderr=True)


def _need_db(db: Path) -> None:
    if not db.exists():
        _console().print(f"[red]no corpus store at {db}[/red] (make one: vnplan corpus add "
                         f"PATH... --db {db})")
        raise typer.Exit(2)


@corpus_app.command("add")
def corpus_add(
    paths: Annotated[list[Path], typer.Argument(help="files and folders (searched recursively)")],
    db: DbOption = DEFAULT_DB,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="worker processes")] = 1,
    update: Annotated[bool, typer.Option("--update", help="process documents already present "
                                         "again and replace them")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no summary")] = False,
) -> None:
    """Add documents to the store; a document already present (same sha256) is skipped."""
    from analysis.corpus import open_corpus

    missing = [p for p in paths if not p.exists()]
    if missing:
        _console().print(f"[red]no such file or folder:[/red] {', '.join(map(str, missing))}")
        raise typer.Exit(2)
    rep = open_corpus(db).add(paths, jobs=jobs, update=update)
    if not quiet:
        con = _console()
        con.print(rep.summary() + f" -> {db}")
        for f in rep.failed:
            con.print(f"  [yellow]{f['path']}[/yellow]: {f['reason']}: {f['message']}")
    raise typer.Exit(1 if rep.failed else 0)


@corpus_app.command("graph")
def corpus_graph(
    out: Annotated[Path, typer.Option("--out", "-o", help="file to write")],
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[str, typer.Option("--format", "-f", help="graphml or json")] = "graphml",
) -> None:
    """Export the citation graph (documents and instruments, mentions as edges)."""
    from analysis.corpus import open_corpus

    _need_db(db)
    if fmt not in ("graphml", "json"):
        _console().print(f"[red]unknown format {fmt!r}[/red]: graphml or json")
        raise typer.Exit(2)
    c = open_corpus(db)
    path = c.export_graph(out, fmt)
    _console().print(f"{len(c.graph_nodes)} nodes, {len(c.graph_edges)} edges -> {path}")


@corpus_app.command("info")
def corpus_info(db: DbOption = DEFAULT_DB) -> None:
    """The tables of the store and their row counts."""
    from analysis.corpus import open_corpus

    _need_db(db)
    c = open_corpus(db)
    for name in c.tables():
        typer.echo(f"{name}\t{len(c.table(name))}")


@corpus_app.command("rebuild")
def corpus_rebuild(db: DbOption = DEFAULT_DB) -> None:
    """Recompute the derived tables (links, themes, tasks, graph) from the stored records."""
    from analysis.corpus import open_corpus

    _need_db(db)
    open_corpus(db).rebuild()
    _console().print(f"rebuilt {db}")


def compare(
    out: Annotated[Path, typer.Option("--out", "-o", help="output folder")],
    db: DbOption = DEFAULT_DB,
    by: Annotated[str, typer.Option("--by", help="grouping keys, comma-separated: province, "
                                    "province_2025, year, level, doc_type, district")
                  ] = "province,year",
    level: Annotated[str | None, typer.Option("--level", help="only documents of this level")
                     ] = None,
) -> None:
    """Compare the corpus across groups: tables (CSV, Parquet, Excel), charts, index.html."""
    from analysis.corpus import open_corpus

    _need_db(db)
    keys = [k.strip() for k in by.split(",") if k.strip()]
    try:
        result = open_corpus(db).compare(by=keys, level=level, out=out)
    except ValueError as exc:
        _console().print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    n = int(result["documents"]["documents"].sum()) if not result["documents"].empty else 0
    _console().print(f"{n} documents compared by {', '.join(keys)} -> {out}/index.html")


def align(
    out: Annotated[Path, typer.Option("--out", "-o", help="output folder")],
    lower: Annotated[str | None, typer.Argument(help="the lower-level document: a file or a "
                                                "doc id / path / number in the store")] = None,
    against: Annotated[str | None, typer.Option("--against", help="the higher-level document")
                       ] = None,
    db: Annotated[Path | None, typer.Option("--db", help=DB_HELP)] = None,
    auto: Annotated[bool, typer.Option("--auto", help="every document against those it cites "
                                       "and the same-year programme of the level above")
                    ] = False,
) -> None:
    """Align a lower-level plan with a higher-level one: citations, themes, tasks, deadlines."""
    from analysis import align as al
    from analysis.corpus import open_corpus

    con = _console()
    if auto:
        if db is None or lower or against:
            con.print("[red]--auto needs --db and no LOWER/--against[/red]")
            raise typer.Exit(2)
        _need_db(db)
        corpus = open_corpus(db)
        model = al._model(corpus)
        reports = []
        for lo, hi, why in al.auto_pairs(corpus):
            rep = al.align(corpus, lo, hi, model=model)
            rep["why"] = why
            reports.append(rep)
        al.write(reports, out)
        con.print(f"{len(reports)} alignments -> {out}/")
        return
    if not lower or not against:
        con.print("[red]give LOWER and --against HIGHER, or --db with --auto[/red]")
        raise typer.Exit(2)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = _corpus_holding(db, [lower, against], Path(tmp))
        try:
            lo_id, hi_id = corpus.resolve(lower), corpus.resolve(against)
        except KeyError as exc:
            con.print(f"[red]{exc.args[0]}[/red]")
            raise typer.Exit(2) from exc
        rep = al.align(corpus, lo_id, hi_id)
        al.write([rep], out)
    s = rep["summary"]
    con.print(f"cites: {'yes' if s['cites_higher'] else 'no'}; themes taken up: "
              f"{', '.join(s['themes_taken_up']) or '-'}; not taken up: "
              f"{', '.join(s['themes_not_taken_up']) or '-'} -> {out}/")


def _corpus_holding(db: Path | None, refs: list[str], tmp: Path):
    """The store, or a temporary copy of it with the files among ``refs`` it lacks added."""
    from analysis.corpus import open_corpus

    if db is not None:
        _need_db(db)
        corpus = open_corpus(db)
        lacking = []
        for r in refs:
            try:
                corpus.resolve(r)
            except KeyError:
                if Path(r).is_file():
                    lacking.append(r)
        if not lacking:
            return corpus
        copy = tmp / "corpus.duckdb"
        shutil.copy(db, copy)
        corpus = open_corpus(copy)
        corpus.add(lacking)
        return corpus
    files = [r for r in refs if Path(r).exists()]
    if len(files) != len(refs):
        _console().print("[red]without --db, LOWER and --against must be files[/red]")
        raise typer.Exit(2)
    corpus = open_corpus(tmp / "corpus.duckdb")
    corpus.add(files)
    return corpus


app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="vnplan analyses (corpus, compare, align) before registration.")
app.add_typer(corpus_app, name="corpus")
app.command("compare")(compare)
app.command("align")(align)


if __name__ == "__main__":
    app(args=sys.argv[1:], prog_name="vnplan")
