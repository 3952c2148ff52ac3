"""Emit stage: document records as JSON, and a run's outputs on disk.

``record(doc)`` is the JSON object of RECORDS.md (plus ``schema_version`` and the extra fields
the records declare). ``write_run`` writes ``documents.jsonl`` (sorted keys, one line per
document, ordered by path), ``errors.jsonl``, ``tables/*.parquet`` (one table per record kind,
each row with ``doc_id``) and ``corpus.duckdb`` holding the same tables. Every file is written to
a temporary name and renamed, so a killed run never leaves a half-written output.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pipeline.document import Document
from pipeline.records import SCHEMA_VERSION, Metadata

TABLES = ("documents", "sections", "citations", "deadlines", "assignments")
# the normalized text of each document (doc_id, text): what every span of the tables points into
TEXTS = "texts"


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
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(tmp, mode, **({} if isinstance(data, bytes) else {"encoding": "utf-8"})) as fh:
        fh.write(data)
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


def write_run(out_dir: Path, records: list[dict | Emitted], errors: list[dict],
              texts: dict[str, str] | None = None) -> dict[str, int]:
    """Write every output of a run; return the row count of each table. ``texts`` (doc_id ->
    text) serves the records given as plain dicts (an earlier run's, on ``--resume``)."""
    texts = texts or {}
    ready = sorted((r if isinstance(r, Emitted) else emitted(r, texts.get(r["doc_id"]))
                    for r in records), key=lambda e: e.key)
    errors = sorted(errors, key=lambda e: e["path"])
    atomic_write(out_dir / "documents.jsonl", "".join(e.line + "\n" for e in ready))
    atomic_write(out_dir / "errors.jsonl",
                 "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in errors))
    tables: dict[str, list[dict]] = {t: [] for t in (*TABLES, TEXTS)}
    for e in ready:
        for name, rws in e.rows.items():
            tables[name].extend(rws)
    write_tables(out_dir, tables)
    return {k: len(v) for k, v in tables.items()}


def preload() -> None:
    """Import what ``write_tables`` needs (pyarrow, duckdb: half a second) — a batch
    run calls it in a thread while the workers go on, rather than at the end."""
    import duckdb  # noqa: F401
    import pyarrow as pa
    import pyarrow.parquet  # noqa: F401

    pa.Table.from_pylist([{"a": 1}])  # its first conversion imports more (pandas: 0.2 s)


def write_tables(out_dir: Path, tables: dict[str, list[dict]]) -> None:
    """``tables/NAME.parquet`` and ``corpus.duckdb`` from the rows of each table (Arrow types
    inferred over every row: a count with a missing value stays an integer)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    tdir = out_dir / "tables"
    tdir.mkdir(parents=True, exist_ok=True)
    arrow = {}
    for name, rws in tables.items():
        columns = ("doc_id", "text") if name == TEXTS else ("doc_id",)
        t = pa.Table.from_pylist(rws) if rws else pa.table(
            {c: pa.array([], pa.string()) for c in columns})
        arrow[name] = t
        tmp = tdir / f".{name}.parquet.{os.getpid()}.tmp"
        pq.write_table(t, tmp)
        os.replace(tmp, tdir / f"{name}.parquet")
    write_duckdb(out_dir / "corpus.duckdb", arrow)


def write_duckdb(db_path: Path, tables: dict[str, Any]) -> None:
    """``corpus.duckdb`` holding each Arrow table of ``tables`` under its name."""
    import duckdb

    tmp = db_path.with_name(f".{db_path.name}.{os.getpid()}.tmp")
    if tmp.exists():
        tmp.unlink()
    con = duckdb.connect(str(tmp))
    try:
        for name in tables:
            con.register("incoming", tables[name])
            con.execute(f"CREATE TABLE {name} AS SELECT * FROM incoming")
            con.unregister("incoming")
    finally:
        con.close()
    os.replace(tmp, db_path)
