"""Emit stage: document records as JSON, and a run's outputs on disk.

``record(doc)`` is the JSON object of RECORDS.md (plus ``schema_version`` and the extra fields
the records declare). :class:`Gather` takes a run's results as they arrive and writes
``documents.jsonl`` (sorted keys, one line per document, ordered by path), ``errors.jsonl``,
``tables/*.parquet`` (one table per record kind, each row with ``doc_id``) and ``corpus.duckdb``
holding the same tables. Every file is written to a temporary name and renamed, so a killed run
never leaves a half-written output.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from pipeline.document import Document
from pipeline.records import SCHEMA_VERSION, Metadata

TABLES = ("documents", "sections", "citations", "deadlines", "assignments")
# the normalized text of each document (doc_id, text): what every span of the tables points into
TEXTS = "texts"
ALL_TABLES = (*TABLES, TEXTS)


_FIELDS: dict[type, tuple[str, ...]] = {}  # the field names of each record class met
_SCALARS = (str, int, float, bool, type(None))


def _plain(value: Any) -> Any:
    """Records as JSON values: a dataclass a dict of its fields, a tuple a list."""
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    names = _FIELDS.get(type(value))
    if names is None:
        if not (dataclasses.is_dataclass(value) and not isinstance(value, type)):
            return value
        names = _FIELDS[type(value)] = tuple(f.name for f in dataclasses.fields(value))
    return {n: _plain(getattr(value, n)) for n in names}


def _metadata(md: Metadata | None) -> dict:
    d = _plain(md if md is not None else Metadata())
    d["spans"] = {name: list(span) for name, span in (md.spans if md is not None else ())}
    return d


def record(doc: Document, path: str | None = None) -> dict:
    """The JSON-ready document record of ``doc``."""
    src = doc.source
    return {
        "schema_version": SCHEMA_VERSION,
        "doc_id": doc.doc_id,
        "source": {"path": path or src.path, "format": src.format, "sha256": src.sha256,
                   "pages": src.pages, "ocr": src.ocr, "ocr_confidence": src.ocr_confidence,
                   "encoding": src.encoding},
        "metadata": _metadata(doc.metadata),
        "sections": _plain(doc.sections),
        "citations": _plain(doc.citations),
        "deadlines": _plain(doc.deadlines),
        "assignments": _plain(doc.assignments),
        "warnings": list(doc.warnings),
        "text_length": len(doc.text),
    }


def dumps(rec: dict) -> str:
    return json.dumps(rec, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    with atomic_file(path, binary=isinstance(data, bytes)) as fh:
        fh.write(data)


@contextmanager
def atomic_file(path: Path, binary: bool = False) -> Iterator[IO]:
    """A file to write ``path`` through: a temporary name, renamed once written and synced
    (nothing is left at ``path`` if the writing fails)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8"})) as fh:
        yield fh
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _json_cell(v: Any) -> Any:
    return json.dumps(v, ensure_ascii=False, sort_keys=True) if isinstance(v, (dict, list)) else v


def rows(records: Iterable[dict]) -> dict[str, list[dict]]:
    """Flatten records into one row list per table; nested values become JSON strings."""
    out: dict[str, list[dict]] = {t: [] for t in TABLES}
    for rec in records:
        md = rec["metadata"]
        signer = md.get("signer") or {}
        out["documents"].append({
            "doc_id": rec["doc_id"], "path": rec["source"]["path"],
            "format": rec["source"]["format"], "sha256": rec["source"]["sha256"],
            "pages": rec["source"]["pages"], "ocr": rec["source"].get("ocr", False),
            **{k: _json_cell(md.get(k)) for k in (
                "doc_type", "number", "symbol", "issuer", "level", "province", "province_2025",
                "district", "commune", "place", "issued_date", "title", "year")},
            "period_start": (md.get("period") or [None, None])[0],
            "period_end": (md.get("period") or [None, None])[1],
            "signer_name": signer.get("name"), "signer_title": signer.get("title"),
            "signer_authority": signer.get("authority"),
            "recipients": _json_cell(md.get("recipients") or []),
            "n_sections": len(rec["sections"]), "n_citations": len(rec["citations"]),
            "n_deadlines": len(rec["deadlines"]), "n_assignments": len(rec["assignments"]),
            "warnings": _json_cell(rec.get("warnings") or []),
        })
        for kind in TABLES[1:]:
            for i, item in enumerate(rec[kind]):
                row = {"doc_id": rec["doc_id"], "idx": i}
                for k, v in item.items():
                    if k == "span":
                        row["span_start"], row["span_end"] = (v or [None, None])
                    else:
                        row[k] = _json_cell(v)
                out[kind].append(row)
    return out


@dataclasses.dataclass(frozen=True, slots=True)
class Emitted:
    """A record ready for a run's outputs: its documents.jsonl line and its table rows. Made
    where the document was read (a worker), so that the end of a run, the part no worker
    shares, only joins what is ready."""

    path: str
    doc_id: str
    line: str
    rows: dict[str, list[dict]]

    @property
    def key(self) -> tuple[str, str]:
        return self.path, self.doc_id


def emitted(rec: dict, text: str | None = None) -> Emitted:
    """``rec`` ready for the outputs; ``text``, its normalized text, goes to the texts table."""
    tables = rows([rec])
    tables[TEXTS] = [{"doc_id": rec["doc_id"], "text": text}] if text is not None else []
    return Emitted(path=rec["source"]["path"], doc_id=rec["doc_id"], line=dumps(rec),
                   rows=tables)


def read_texts(out_dir: Path) -> dict[str, str]:
    """doc_id -> text of an earlier run's ``tables/texts.parquet`` (empty when there is none)."""
    p = out_dir / "tables" / f"{TEXTS}.parquet"
    if not p.exists():
        return {}
    import pyarrow.parquet as pq

    try:
        t = pq.read_table(p, columns=["doc_id", "text"]).to_pydict()
    except (OSError, KeyError, ValueError):
        return {}
    return dict(zip(t["doc_id"], t["text"], strict=True))


@dataclasses.dataclass(frozen=True, slots=True)
class _Placed:
    """Where a gathered record's parts are: its line in the spill file, and for each table the
    batch holding its rows, their first index there, their count and the first row's columns."""

    key: tuple[str, str]
    offset: int
    length: int
    rows: dict[str, tuple[int, int, int, tuple[str, ...]]]


class Gather:
    """A run's results gathered for its outputs as they arrive, in bounded memory: a record's
    output line goes to a spill file (its offset kept), its table rows to Arrow batches of
    ``CHUNK`` records on disk (``OUT/.gather.PID/``). A path given again keeps its newest
    result. :meth:`write` writes every output in path order, ``GROUP`` documents at a time,
    the same tables as one conversion of all the rows would give (each column's type inferred
    over all of them: a count with a missing value stays an integer)."""

    CHUNK = 256
    GROUP = 1024

    def __init__(self, out_dir: Path) -> None:
        self.out = out_dir
        for stale in out_dir.glob(".gather.*"):  # a killed run's
            shutil.rmtree(stale, ignore_errors=True)
        self.tmp = out_dir / f".gather.{os.getpid()}"
        self.tmp.mkdir(parents=True)
        self._spill = open(self.tmp / "lines", "wb")  # noqa: SIM115 (closed by write)
        self._size = 0
        self._latest: dict[str, _Placed | dict] = {}  # path -> its record's place or its error
        self._pending: dict[str, list[dict]] = {t: [] for t in ALL_TABLES}
        self._batches = 0
        self._added = 0
        self.records = 0  # once written: how many records, and the error entries in path order
        self.errors: list[dict] = []

    def add(self, record: Emitted | dict, texts: dict[str, str] | None = None) -> None:
        """A record (an earlier run's as a dict: ``texts`` gives its text by doc_id)."""
        e = record if isinstance(record, Emitted) else emitted(
            record, (texts or {}).get(record["doc_id"]))
        data = (e.line + "\n").encode("utf-8")
        self._spill.write(data)
        rows = {}
        for name, rws in e.rows.items():
            if rws:
                pending = self._pending[name]
                rows[name] = (self._batches, len(pending), len(rws), tuple(rws[0]))
                pending.extend(rws)
        self._latest[e.path] = _Placed(e.key, self._size, len(data), rows)
        self._size += len(data)
        self._added += 1
        if self._added % self.CHUNK == 0:
            self._flush()

    def fail(self, error: dict) -> None:
        """An error entry."""
        self._latest[error["path"]] = error

    def _flush(self) -> None:
        """The pending rows of each table as one Arrow batch on disk (columns: every key met,
        in the order met)."""
        import pyarrow as pa

        for name, rws in self._pending.items():
            if not rws:
                continue
            names = list(dict.fromkeys(k for r in rws for k in r))
            t = pa.Table.from_arrays([[r.get(n) for r in rws] for n in names], names)
            with pa.OSFile(str(self.tmp / f"{name}.{self._batches}.arrow"), "wb") as fh, \
                    pa.ipc.new_file(fh, t.schema) as w:
                w.write_table(t)
            rws.clear()
        self._batches += 1

    def write(self) -> dict[str, int]:
        """Write documents.jsonl, errors.jsonl, tables/*.parquet and corpus.duckdb; remove the
        spill. Returns the row count of each table."""
        self._flush()
        self._spill.close()
        placed = sorted((p for p in self._latest.values() if isinstance(p, _Placed)),
                        key=lambda p: p.key)
        errors = self.errors = sorted((e for e in self._latest.values() if isinstance(e, dict)),
                                      key=lambda e: e["path"])
        self.records = len(placed)
        with open(self.tmp / "lines", "rb") as src, \
                atomic_file(self.out / "documents.jsonl", binary=True) as fh:
            for p in placed:
                src.seek(p.offset)
                fh.write(src.read(p.length))
        atomic_write(self.out / "errors.jsonl",
                     "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n"
                             for e in errors))
        counts = self._write_tables(placed)
        shutil.rmtree(self.tmp, ignore_errors=True)
        return counts

    def _write_tables(self, placed: list[_Placed]) -> dict[str, int]:
        import duckdb
        import pyarrow as pa
        import pyarrow.parquet as pq

        tdir = self.out / "tables"
        tdir.mkdir(parents=True, exist_ok=True)
        db = self.out / "corpus.duckdb"
        db_tmp = db.with_name(f".{db.name}.{os.getpid()}.tmp")
        db_tmp.unlink(missing_ok=True)
        con = duckdb.connect(str(db_tmp))
        counts = {}
        try:
            for name in ALL_TABLES:
                mine = [p for p in placed if name in p.rows]
                counts[name] = sum(p.rows[name][2] for p in mine)
                parquet_tmp = tdir / f".{name}.parquet.{os.getpid()}.tmp"
                if not mine:
                    columns = ("doc_id", "text") if name == TEXTS else ("doc_id",)
                    empty = pa.table({c: pa.array([], pa.string()) for c in columns})
                    pq.write_table(empty, parquet_tmp)
                    _duck_table(con, name, empty, create=True)
                else:
                    table, base = self._table(name, mine[0].rows[name][3])
                    with pq.ParquetWriter(parquet_tmp, table.schema) as w:
                        for g in range(0, len(mine), self.GROUP):
                            idx: list[int] = []
                            for p in mine[g:g + self.GROUP]:  # each document's rows, in order
                                batch, first, n, _ = p.rows[name]
                                idx.extend(range(base[batch] + first, base[batch] + first + n))
                            part = table.take(pa.array(idx, pa.int64()))
                            w.write_table(part)
                            _duck_table(con, name, part, create=g == 0)
                os.replace(parquet_tmp, tdir / f"{name}.parquet")
        finally:
            con.close()
        os.replace(db_tmp, db)
        return counts

    def _table(self, name: str, names: tuple[str, ...]) -> tuple[Any, dict[int, int]]:
        """Every batch of table ``name`` (memory-mapped) as one table of columns ``names``, each
        of the type all batches' values share; and the index of each batch's first row."""
        import pyarrow as pa

        batches: dict[int, Any] = {}
        for b in range(self._batches):
            path = self.tmp / f"{name}.{b}.arrow"
            if path.exists():
                batches[b] = pa.ipc.open_file(pa.memory_map(str(path))).read_all()
        schema = pa.unify_schemas([t.schema for t in batches.values()],
                                  promote_options="permissive")
        types = {n: schema.field(n).type for n in names}
        fitted, base, at = [], {}, 0
        for b, t in batches.items():
            cols = []
            for n in names:
                if n not in t.column_names:  # no row of the batch has it
                    cols.append(pa.nulls(len(t), types[n]))
                else:
                    col = t.column(n)
                    cols.append(col if col.type == types[n] else col.cast(types[n]))
            fitted.append(pa.Table.from_arrays(cols, list(names)))
            base[b] = at
            at += len(t)
        return pa.concat_tables(fitted), base


def _duck_table(con: Any, name: str, table: Any, create: bool) -> None:
    con.register("incoming", table)
    if create:
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM incoming")
    else:
        con.execute(f"INSERT INTO {name} SELECT * FROM incoming")
    con.unregister("incoming")


def preload() -> None:
    """Import what :meth:`Gather.write` needs (pyarrow, duckdb: half a second) — a batch
    run calls it in a thread while the workers go on, rather than at the end."""
    import duckdb  # noqa: F401
    import pyarrow as pa
    import pyarrow.parquet  # noqa: F401

    pa.Table.from_pylist([{"a": 1}])  # its first conversion imports more (pandas: 0.2 s)
