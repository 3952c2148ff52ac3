"""The corpus store: a DuckDB file grown one batch of documents at a time.

``Corpus.add(paths)`` runs :func:`pipeline.run.process` on every file not already in the store
(same sha256: skipped) and appends its rows to the five tables of :func:`pipeline.emit.rows`
(``documents sections citations deadlines assignments``, same columns, nested values as JSON
strings). It then recomputes the derived tables over the whole corpus:

==============  ==================================================================================
``texts``       ``doc_id, text``: the normalized text every span points into
``errors``      ``path, reason, message, sha256, doc_id``: files that could not be read
``variants``    ``doc_id, canonical_id, similarity, reason``: the same document in several formats
                (a ``.txt`` and the ``.docx``/``.pdf`` made from it) counts once, as its canonical
``tasks``       task units (:mod:`analysis.tasks`): assignments and task paragraphs
``themes``      ``doc_id, unit, idx, theme, score, via, evidence``: codebook themes of sections,
                assignments and tasks (multi-label)
``links``       citations resolved to documents of the corpus (:mod:`analysis.links`)
``graph_nodes`` documents and cited instruments, with their level
``graph_edges`` mentions: citing document -> cited document or instrument
==============  ==================================================================================

``documents.province_2025`` is the metadata extractor's value or, when missing, the mapping of
``models/gazetteers/provinces.tsv`` (post-2025-merger province), so that comparisons across
2019-2026 survive the merger. Every write goes to a temporary file renamed over the store.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

BASE_TABLES = ("documents", "sections", "citations", "deadlines", "assignments")
DERIVED_TABLES = ("texts", "errors", "variants", "tasks", "themes", "links", "graph_nodes",
                  "graph_edges")
TABLES = BASE_TABLES + DERIVED_TABLES
FORMAT_RANK = {"md": 0, "txt": 1, "docx": 2, "odt": 3, "doc": 4, "rtf": 5, "html": 6, "pdf": 7}
VARIANT_SIMILARITY = 0.9


@dataclass(slots=True)
class AddReport:
    """What one ``add`` did: paths added, skipped (already present) and failed."""

    added: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[dict] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        return (f"{len(self.added)} added, {len(self.skipped)} already present, "
                f"{len(self.failed)} failed; corpus: "
                + ", ".join(f"{v} {k}" for k, v in self.counts.items()))


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _work(args: tuple[str, Any]) -> tuple[str, dict, str | None, bool]:
    """Process one file: ``(path, record or error, normalized text, ok)``."""
    from pipeline.run import Failure, process

    path, settings = args
    res = process(Path(path), settings)
    if isinstance(res, Failure):
        return path, res.record(), None, False
    return path, res.record, res.document.text, True


def _is_null(v: Any) -> bool:
    try:
        return v is None or bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _sanitize(df: pd.DataFrame) -> pd.DataFrame:
    """Object columns DuckDB can type: mixed python types become strings, all-null -> string."""
    df = df.copy()
    for col in df.columns:
        if df[col].dtype != object:
            continue
        vals = [v for v in df[col] if not _is_null(v)]
        kinds = {type(v) for v in vals}
        if not vals:
            df[col] = pd.Series([None] * len(df), dtype="string", index=df.index)
        elif kinds <= {bool}:
            df[col] = df[col].astype("boolean")
        elif kinds <= {int, bool} or kinds <= {int, float}:
            df[col] = pd.to_numeric(df[col])
        elif len(kinds) > 1 or not kinds <= {str}:
            df[col] = df[col].map(lambda v: None if _is_null(v) else
                                  (v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
                                   if isinstance(v, (dict, list)) else str(v)))
    return df


def province_2025_of(province: str | None) -> str | None:
    """The post-2025 province holding a pre-2025 one, from ``models/gazetteers/provinces.tsv``.

    >>> province_2025_of("Đắk Nông")
    'Lâm Đồng'
    """
    if not province or _is_null(province):
        return None
    try:
        from extractors.places import province_2025
    except ImportError:
        province_2025 = None
    if province_2025 is not None:
        found = province_2025(province)
        if found:
            return found
    return _gazetteer_2025().get(" ".join(str(province).casefold().split()))


def _gazetteer_2025() -> dict[str, str]:
    from models import ROOT

    path = ROOT / "gazetteers" / "provinces.tsv"
    if not path.exists():
        return {}
    out: dict[str, str] = {}
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    if not lines:
        return out
    head = lines[0].split("\t")
    if "name" not in head or "province_2025" not in head:
        return out
    for ln in lines[1:]:
        row = dict(zip(head, ln.split("\t")))
        target = row.get("province_2025") or row.get("name")
        for name in [row.get("name") or "", *(row.get("spellings") or "").split("|")]:
            if name:
                out[" ".join(name.casefold().split())] = target
    return out


def _shingles(text: str) -> Counter[str]:
    words = [w for w in text.casefold().split() if any(c.isalpha() for c in w)]
    return Counter(f"{a} {b}" for a, b in itertools.pairwise(words))


def _cos(a: Counter[str], b: Counter[str]) -> float:
    if len(a) > len(b):
        a, b = b, a
    num = sum(v * b.get(k, 0) for k, v in a.items())
    den = (sum(v * v for v in a.values()) * sum(v * v for v in b.values())) ** 0.5
    return num / den if den else 0.0


def find_variants(documents: pd.DataFrame, texts: dict[str, str | None]) -> pd.DataFrame:
    """One row per document: its canonical document (itself, or the same text in another
    format), the similarity that made it a variant, and why."""
    docs = documents.to_dict("records")
    parent = {d["doc_id"]: d["doc_id"] for d in docs}
    why: dict[str, tuple[float, str]] = {}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    grams = {d["doc_id"]: _shingles(texts.get(d["doc_id"]) or "") for d in docs}
    sizes = {k: sum(v.values()) for k, v in grams.items()}
    for i, a in enumerate(docs):
        for b in docs[i + 1:]:
            ia, ib = a["doc_id"], b["doc_id"]
            sim, reason = 0.0, ""
            if sizes[ia] and sizes[ib] and 0.6 <= sizes[ia] / sizes[ib] <= 1.67:
                sim = _cos(grams[ia], grams[ib])
                reason = "text"
            if sim < VARIANT_SIMILARITY and not (sizes[ia] and sizes[ib]):
                same = all(not _is_null(a.get(k)) and a.get(k) == b.get(k)
                           for k in ("doc_type", "number", "issued_date", "title"))
                sim, reason = (1.0, "metadata") if same else (sim, reason)
            if sim >= VARIANT_SIMILARITY:
                parent[root(ib)] = root(ia)
                why[ib] = why[ia] = (round(sim, 4), reason)
    groups: dict[str, list[dict]] = {}
    for d in docs:
        groups.setdefault(root(d["doc_id"]), []).append(d)
    rows = []
    for members in groups.values():
        best = min(members, key=lambda d: (FORMAT_RANK.get(str(d.get("format")), 9),
                                           -int(d.get("n_sections") or 0), str(d.get("path"))))
        for d in members:
            sim, reason = why.get(d["doc_id"], (1.0, "self"))
            rows.append({"doc_id": d["doc_id"], "canonical_id": best["doc_id"],
                         "similarity": sim if d["doc_id"] != best["doc_id"] else 1.0,
                         "reason": reason if d["doc_id"] != best["doc_id"] else "canonical"})
    return pd.DataFrame(rows, columns=["doc_id", "canonical_id", "similarity", "reason"])


def _group(df: pd.DataFrame) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    if df is None or df.empty or "doc_id" not in df:
        return out
    for r in df.to_dict("records"):
        out.setdefault(r["doc_id"], []).append(r)
    return out


def derive(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Recompute every derived table from the base tables and ``texts`` (pure: returns new
    frames, the inputs are not changed)."""
    from analysis import links, tasks, themes

    out = dict(tables)
    docs = tables.get("documents", pd.DataFrame()).copy()
    if docs.empty:
        for name in ("variants", "tasks", "themes", "links", "graph_nodes", "graph_edges"):
            out[name] = pd.DataFrame({"doc_id": pd.Series([], dtype="string")})
        out["documents"] = docs
        return out
    if "province_2025" not in docs:
        docs["province_2025"] = None
    docs["province_2025"] = [p25 if not _is_null(p25) else province_2025_of(p)
                             for p, p25 in zip(docs.get("province", [None] * len(docs)),
                                               docs["province_2025"])]
    out["documents"] = docs
    tx = tables.get("texts", pd.DataFrame(columns=["doc_id", "text"]))
    texts = dict(zip(tx.get("doc_id", []), tx.get("text", [])))
    out["variants"] = find_variants(docs, texts)

    secs = _group(tables.get("sections", pd.DataFrame()))
    asg = _group(tables.get("assignments", pd.DataFrame()))
    task_rows = tasks.corpus_tasks(docs["doc_id"], secs, asg, texts)
    out["tasks"] = pd.DataFrame(task_rows) if task_rows else pd.DataFrame(
        {"doc_id": pd.Series([], dtype="string")})

    theme_rows: list[dict] = []
    for doc_id, rows in secs.items():
        text = texts.get(doc_id)
        units = []
        ordered = sorted(rows, key=lambda s: (s.get("start") or 0))
        for s in ordered:
            body = str(s.get("title") or "")
            if text and not _is_null(s.get("start")) and not _is_null(s.get("end")):
                st, en = int(s["start"]), int(s["end"])
                child = [int(c["start"]) for c in ordered
                         if str(c["path"]).startswith(str(s["path"]) + ".")
                         and not _is_null(c.get("start"))]
                body = text[st:min([en, *child])]
            units.append({"doc_id": doc_id, "idx": s["idx"], "text": body})
        theme_rows += themes.label_rows("section", units)
    for doc_id, rows in asg.items():
        theme_rows += themes.label_rows("assignment", [
            {"doc_id": doc_id, "idx": a["idx"], "text": a.get("task")} for a in rows])
    theme_rows += themes.label_rows("task", task_rows, heading_key="headings")
    out["themes"] = pd.DataFrame(theme_rows, columns=[
        "doc_id", "unit", "idx", "theme", "score", "via", "evidence"])

    link_rows = links.resolve(docs, tables.get("citations", pd.DataFrame()), texts,
                              out["variants"])
    out["links"] = pd.DataFrame(link_rows, columns=links.LINK_COLUMNS)
    nodes, edges = links.graph(docs, out["links"], out["variants"])
    out["graph_nodes"], out["graph_edges"] = nodes, edges
    return out


class Corpus:
    """A corpus store on disk (a DuckDB file); tables are read as pandas DataFrames.

    >>> c = open_corpus("corpus.duckdb")          # doctest: +SKIP
    >>> c.add(["corpora/seeds"]).summary()        # doctest: +SKIP
    >>> c.links[c.links["status"] == "linked"]    # doctest: +SKIP
    """

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self._frames: dict[str, pd.DataFrame] | None = None

    # -- reading --------------------------------------------------------------------------

    def _load(self) -> dict[str, pd.DataFrame]:
        if self._frames is not None:
            return self._frames
        frames: dict[str, pd.DataFrame] = {}
        if self.path.exists():
            import duckdb

            con = duckdb.connect(str(self.path), read_only=True)
            try:
                present = {r[0] for r in con.execute(
                    "select table_name from information_schema.tables").fetchall()}
                for name in sorted(present):
                    frames[name] = con.table(name).df()
            finally:
                con.close()
        self._frames = frames
        return frames

    def table(self, name: str) -> pd.DataFrame:
        """A table of the store as a DataFrame (an empty one if the store has none)."""
        df = self._load().get(name)
        return df.copy() if df is not None else pd.DataFrame({"doc_id": pd.Series(
            [], dtype="string")})

    def tables(self) -> list[str]:
        """The names of the tables in the store."""
        return sorted(self._load())

    documents = property(lambda self: self.table("documents"), doc="one row per document")
    sections = property(lambda self: self.table("sections"), doc="the section trees")
    citations = property(lambda self: self.table("citations"), doc="every citation mention")
    deadlines = property(lambda self: self.table("deadlines"), doc="every deadline")
    assignments = property(lambda self: self.table("assignments"), doc="every assignment")
    links = property(lambda self: self.table("links"), doc="citations resolved to documents")
    themes = property(lambda self: self.table("themes"), doc="themes of sections and tasks")
    tasks = property(lambda self: self.table("tasks"), doc="task units")
    texts = property(lambda self: self.table("texts"), doc="normalized texts")
    errors = property(lambda self: self.table("errors"), doc="files that could not be read")
    variants = property(lambda self: self.table("variants"), doc="formats of one document")
    graph_nodes = property(lambda self: self.table("graph_nodes"), doc="citation graph nodes")
    graph_edges = property(lambda self: self.table("graph_edges"), doc="citation graph edges")

    def canonical_documents(self) -> pd.DataFrame:
        """The documents, each counted once (variants in other formats left out)."""
        docs, var = self.documents, self.variants
        if docs.empty or var.empty:
            return docs
        keep = set(var.loc[var["doc_id"] == var["canonical_id"], "doc_id"])
        return docs[docs["doc_id"].isin(keep)].reset_index(drop=True)

    def text(self, doc_id: str) -> str | None:
        """The normalized text of a document, if stored."""
        tx = self.texts
        hit = tx.loc[tx["doc_id"] == doc_id, "text"] if "text" in tx else []
        return None if len(hit) == 0 else str(hit.iloc[0])

    def sql(self, query: str, params: Sequence[Any] | None = None) -> pd.DataFrame:
        """Run a read-only SQL query on the store."""
        import duckdb

        con = duckdb.connect(str(self.path), read_only=True)
        try:
            return con.execute(query, list(params or [])).df()
        finally:
            con.close()

    def resolve(self, ref: str | os.PathLike[str]) -> str:
        """The doc_id of a document named by doc_id (or a prefix of it), path, file name or
        number; the canonical one when several formats match. Raises ``KeyError``."""
        docs = self.documents
        if docs.empty:
            raise KeyError(f"empty corpus: {ref}")
        s = str(ref)
        hits = docs[docs["doc_id"] == s]
        if hits.empty and len(s) >= 6:
            hits = docs[docs["doc_id"].str.startswith(s)]
        if hits.empty:
            p = Path(s)
            sha = _sha256(p) if p.is_file() else None
            hits = docs[(docs["path"] == s) | (docs["sha256"] == sha)
                        | (docs["path"].map(lambda x: Path(str(x)).name) == p.name)]
        if hits.empty and "number" in docs:
            hits = docs[docs["number"] == s]
        if hits.empty:
            raise KeyError(f"no document {ref!r} in {self.path}")
        ids = list(hits["doc_id"])
        var = self.variants
        if len(ids) > 1 and not var.empty:
            canon = dict(zip(var["doc_id"], var["canonical_id"]))
            roots = {canon.get(i, i) for i in ids}
            if len(roots) == 1:
                return roots.pop()
        return ids[0]

    # -- writing --------------------------------------------------------------------------

    def add(self, paths: Iterable[str | os.PathLike[str]], *, jobs: int = 1,
            update: bool = False) -> AddReport:
        """Process the files (folders searched recursively) not yet in the store and add
        them; with ``update``, documents already present are processed again and replaced."""
        from pipeline import emit
        from pipeline.cli import collect
        from pipeline.run import Settings

        files = collect([Path(p) for p in paths])
        frames = {k: v.copy() for k, v in self._load().items()}
        docs = frames.get("documents", pd.DataFrame())
        known = set(docs["sha256"]) if "sha256" in docs else set()
        report = AddReport()
        todo: list[str] = []
        batch: set[str] = set()
        for f in files:
            try:
                sha = _sha256(f)
            except OSError:
                sha = None
            if sha is not None and ((sha in known and not update) or sha in batch):
                report.skipped.append(str(f))
                continue
            if sha is not None:
                batch.add(sha)
            todo.append(str(f))
        settings = Settings()
        if jobs > 1 and len(todo) > 1:
            from concurrent.futures import ProcessPoolExecutor

            with ProcessPoolExecutor(max_workers=jobs) as pool:
                results = list(pool.map(_work, [(t, settings) for t in todo]))
        else:
            results = [_work((t, settings)) for t in todo]
        records = [r for _p, r, _t, ok in results if ok]
        new_texts = [{"doc_id": r["doc_id"], "text": t} for _p, r, t, ok in results if ok]
        fails = [r for _p, r, _t, ok in results if not ok]
        report.added = [p for p, _r, _t, ok in results if ok]
        report.failed = fails
        new_ids = {r["doc_id"] for r in records}
        new_rows = emit.rows(records)
        for name in BASE_TABLES:
            old = frames.get(name)
            if old is not None and not old.empty and new_ids and "doc_id" in old:
                old = old[~old["doc_id"].isin(new_ids)]
            add = pd.DataFrame(new_rows[name]) if new_rows[name] else None
            parts = [x for x in (old, add) if x is not None and not x.empty]
            frames[name] = (pd.concat(parts, ignore_index=True) if parts else
                            (old if old is not None else pd.DataFrame(
                                {"doc_id": pd.Series([], dtype="string")})))
        tx = frames.get("texts", pd.DataFrame(columns=["doc_id", "text"]))
        tx = tx[~tx["doc_id"].isin(new_ids)] if not tx.empty else tx
        frames["texts"] = pd.concat([tx, pd.DataFrame(new_texts, columns=["doc_id", "text"])],
                                    ignore_index=True)
        err = frames.get("errors", pd.DataFrame(
            columns=["path", "reason", "message", "sha256", "doc_id"]))
        if not err.empty:  # files processed again: their old error goes
            err = err[~err["sha256"].isin(batch)]
        frames["errors"] = pd.concat([err, pd.DataFrame(fails, columns=[
            "path", "reason", "message", "sha256", "doc_id"])], ignore_index=True)
        frames = derive(frames)
        self._write(frames)
        report.counts = {k: len(frames[k]) for k in ("documents", "citations", "links", "tasks",
                                                      "themes")}
        return report

    def rebuild(self) -> None:
        """Recompute the derived tables (after a change of the codebook or of the linker)."""
        frames = derive({k: v.copy() for k, v in self._load().items()})
        self._write(frames)

    def _write(self, frames: dict[str, pd.DataFrame]) -> None:
        import duckdb

        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        if tmp.exists():
            tmp.unlink()
        con = duckdb.connect(str(tmp))
        try:
            for name, df in frames.items():
                clean = _sanitize(df)
                con.register("_frame", clean)
                con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM _frame')
                con.unregister("_frame")
        finally:
            con.close()
        os.replace(tmp, self.path)
        self._frames = None

    def export_parquet(self, folder: str | os.PathLike[str]) -> list[Path]:
        """Write every table as ``folder/NAME.parquet``; return the paths."""
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name in self.tables():
            p = out / f"{name}.parquet"
            _sanitize(self.table(name)).to_parquet(p, index=False)
            written.append(p)
        return written

    # -- analyses -------------------------------------------------------------------------

    def export_graph(self, out: str | os.PathLike[str], fmt: str = "graphml") -> Path:
        """Write the citation graph as GraphML or node-link JSON."""
        from analysis.links import write_graph

        return write_graph(self.graph_nodes, self.graph_edges, Path(out), fmt)

    def compare(self, by: Sequence[str] = ("province", "year"), level: str | None = None,
                out: str | os.PathLike[str] | None = None) -> dict[str, pd.DataFrame]:
        """The comparison tables (:func:`analysis.compare.tables`); written to ``out`` (CSV,
        Parquet, Excel, charts, HTML) when given."""
        from analysis import compare

        result = compare.tables(self, by=list(by), level=level)
        if out is not None:
            compare.write(result, Path(out), by=list(by), level=level)
        return result

    def align(self, lower: str, higher: str, out: str | os.PathLike[str] | None = None
              ) -> dict:
        """The alignment report of ``lower`` against ``higher`` (doc ids, paths, numbers)."""
        from analysis import align

        rep = align.align(self, self.resolve(lower), self.resolve(higher))
        if out is not None:
            align.write([rep], Path(out))
        return rep

    def __repr__(self) -> str:
        n = len(self.documents) if self.path.exists() else 0
        return f"Corpus({str(self.path)!r}, {n} documents)"


def open_corpus(path: str | os.PathLike[str] = "corpus.duckdb") -> Corpus:
    """Open (or name, to create on the first ``add``) a corpus store.

    >>> corpus = open_corpus("/tmp/c.duckdb")       # doctest: +SKIP
    >>> corpus.add(["corpora/seeds"])               # doctest: +SKIP
    >>> corpus.documents[["path", "province", "year"]]  # doctest: +SKIP
    """
    return Corpus(path)
