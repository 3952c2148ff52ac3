"""Comparison of the documents of a corpus across provinces, years and levels.

``tables(corpus, by=["province", "year"], level=None)`` computes, over the canonical documents
(one per document, whatever its formats):

=====================  ==========================================================================
``document_list``      the documents compared, one row each
``documents``          documents per ``by`` x level (with the post-2025 province)
``documents_wide``     the same, one row per first key, one column per second key
``theme_matrix``       document x theme matrix of task counts (quanteda's ``dfm``)
``theme_by_group``     the matrix summed per ``by`` group (``dfm_group``)
``theme_shares``       each group's row as shares of its tasks
``units``              units carrying tasks (lead, support) per first key, with their sector
``sectors``            tasks led per sector per first key
``deadlines_by_month`` deadlines per month (``YYYY-MM``; ``--MM`` for a date of every year) and
                       kind, per ``by`` group
``top_instruments``    the most-cited instruments: citing documents, mentions, provinces, and
                       the document of the corpus each resolves to
=====================  ==========================================================================

``write(result, out)`` writes each table as CSV (UTF-8 with BOM, for Excel) and Parquet, all
of them in one Excel workbook (``compare.xlsx``), the charts as PNG and ``index.html`` showing
them together. A group key ``year`` is the plan's year, else its issue year, else the first
year of its period; ``province`` is ``(toàn quốc)`` for national documents.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pandas as pd

NATIONAL = "(toàn quốc)"
GROUP_KEYS = ("province", "province_2025", "year", "level", "doc_type", "district")


def _null(v: Any) -> bool:
    try:
        return v is None or bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _list(v: Any) -> list[str]:
    if _null(v):
        return []
    if isinstance(v, str):
        try:
            out = json.loads(v)
        except ValueError:
            return [v]
        return [str(x) for x in out] if isinstance(out, list) else [str(out)]
    return [str(x) for x in v]


def documents_frame(corpus: Any, level: str | None = None) -> pd.DataFrame:
    """The canonical documents with the comparison keys filled in (``year``, ``province``,
    ``province_2025``, a display ``label``)."""
    docs = corpus.canonical_documents()
    if docs.empty:
        return docs
    docs = docs.copy()

    def eff_year(r: pd.Series) -> Any:
        for k in ("year",):
            if not _null(r.get(k)):
                return int(r[k])
        d = r.get("issued_date")
        if not _null(d) and str(d)[:4].isdigit():
            return int(str(d)[:4])
        if not _null(r.get("period_start")):
            return int(r["period_start"])
        return None

    docs["year"] = pd.array([eff_year(r) for _, r in docs.iterrows()], dtype="Int64")
    national = docs["level"] == "national"
    docs["province"] = docs["province"].where(~docs["province"].isna(), None)
    docs.loc[national & docs["province"].isna(), "province"] = NATIONAL
    if "province_2025" not in docs:
        docs["province_2025"] = None
    docs.loc[national & docs["province_2025"].isna(), "province_2025"] = NATIONAL
    docs["province_2025"] = [p25 if not _null(p25) else p
                             for p, p25 in zip(docs["province"], docs["province_2025"])]
    docs["label"] = [
        f"{n if not _null(n) else '(không số)'} · {p or ''} {'' if _null(y) else y}".strip()
        for n, p, y in zip(docs["number"], docs["province"], docs["year"])]
    if level:
        docs = docs[docs["level"] == level]
    return docs.reset_index(drop=True)


def _keys(by: list[str]) -> list[str]:
    bad = [k for k in by if k not in GROUP_KEYS]
    if bad:
        raise ValueError(f"cannot group by {bad}: use {', '.join(GROUP_KEYS)}")
    return by


def _fill(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    df = df.copy()
    for k in keys:
        if _texty(df[k]):
            df[k] = df[k].fillna("(không rõ)")
    return df


def tables(corpus: Any, by: list[str] | None = None, level: str | None = None
           ) -> dict[str, pd.DataFrame]:
    """Every comparison table (see the module docstring)."""
    from analysis.themes import sector, theme_ids

    by = _keys(list(by or ["province", "year"]))
    docs = documents_frame(corpus, level)
    out: dict[str, pd.DataFrame] = {}
    ids = set(docs["doc_id"]) if not docs.empty else set()
    keys = by + (["level"] if "level" not in by else [])
    extra = ["province_2025"] if "province" in by and "province_2025" not in by else []

    if docs.empty:
        empty = pd.DataFrame()
        for name in ("documents", "documents_wide", "theme_matrix", "theme_by_group",
                     "theme_shares", "units", "sectors", "deadlines_by_month",
                     "top_instruments"):
            out[name] = empty
        return out

    d = _fill(docs, keys + extra)
    cols = ["doc_id", "label", "doc_type", "number", "issuer", "level", "province",
            "province_2025", "district", "commune", "issued_date", "year", "period_start",
            "period_end", "title", "n_sections", "n_citations", "n_deadlines", "n_assignments",
            "path"]
    out["document_list"] = d[[c for c in cols if c in d.columns]].sort_values(
        ["level", "province", "year"], na_position="first").reset_index(drop=True)
    grp = (d.groupby(keys + extra, dropna=False).size().reset_index(name="documents")
           .sort_values(keys).reset_index(drop=True))
    out["documents"] = grp
    if len(by) >= 2:
        wide = grp.pivot_table(index=by[0], columns=by[1], values="documents", aggfunc="sum",
                               fill_value=0)
        wide.columns = [str(c) for c in wide.columns]
        out["documents_wide"] = wide.reset_index()
    else:
        out["documents_wide"] = grp.groupby(by[0])["documents"].sum().reset_index()

    # document x theme matrix of task counts
    th = corpus.themes
    th = th[(th["unit"] == "task") & th["doc_id"].isin(ids)] if not th.empty else th
    themes = list(theme_ids())
    counts = (th.groupby(["doc_id", "theme"]).size().unstack(fill_value=0)
              if not th.empty else pd.DataFrame())
    tasks = corpus.tasks
    n_tasks = (tasks[tasks["doc_id"].isin(ids)].groupby("doc_id").size()
               if not tasks.empty else pd.Series(dtype=int))
    mat = d[["doc_id", "label", *by, "level", "title"]].copy()
    mat = mat.loc[:, ~mat.columns.duplicated()]
    mat["tasks"] = [int(n_tasks.get(i, 0)) for i in mat["doc_id"]]
    for t in themes:
        mat[t] = [int(counts.at[i, t]) if (not counts.empty and i in counts.index
                                           and t in counts.columns) else 0
                  for i in mat["doc_id"]]
    out["theme_matrix"] = mat
    gb = mat.groupby(by, dropna=False)[["tasks", *themes]].sum().reset_index()
    out["theme_by_group"] = gb
    shares = gb.copy()
    for t in themes:
        shares[t] = [round(v / n, 3) if n else 0.0 for v, n in zip(gb[t], gb["tasks"])]
    out["theme_shares"] = shares

    # units and sectors carrying tasks
    g0 = by[0]
    meta = d.set_index("doc_id")
    rows = []
    asg = corpus.assignments
    asg = asg[asg["doc_id"].isin(ids)] if not asg.empty else asg
    for r in asg.to_dict("records") if not asg.empty else []:
        for role in ("lead", "support"):
            for unit in _list(r.get(role)):
                rows.append({g0: meta.at[r["doc_id"], g0], "unit": unit, "role": role,
                             "doc_id": r["doc_id"]})
    labels = {t.get("id"): t.get("label") for t in _sector_rows()}
    if rows:
        u = pd.DataFrame(rows)
        u["sector"] = [sector(x) or "other" for x in u["unit"]]
        u["sector_label"] = [labels.get(s, "Other") for s in u["sector"]]
        units = (u.assign(tasks_lead=(u["role"] == "lead").astype(int),
                          tasks_support=(u["role"] == "support").astype(int))
                 .groupby([g0, "unit", "sector", "sector_label"], dropna=False)
                 .agg(tasks_lead=("tasks_lead", "sum"), tasks_support=("tasks_support", "sum"),
                      documents=("doc_id", "nunique"))
                 .reset_index().sort_values([g0, "tasks_lead"], ascending=[True, False]))
        out["units"] = units.reset_index(drop=True)
        out["sectors"] = (units.groupby([g0, "sector", "sector_label"], dropna=False)
                          [["tasks_lead", "tasks_support"]].sum().reset_index()
                          .sort_values([g0, "tasks_lead"], ascending=[True, False])
                          .reset_index(drop=True))
    else:
        out["units"] = pd.DataFrame(columns=[g0, "unit", "sector", "sector_label",
                                             "tasks_lead", "tasks_support", "documents"])
        out["sectors"] = pd.DataFrame(columns=[g0, "sector", "sector_label", "tasks_lead",
                                               "tasks_support"])

    # deadlines by month
    dl = corpus.deadlines
    dl = dl[dl["doc_id"].isin(ids)] if not dl.empty else dl
    drows = []
    for r in dl.to_dict("records") if not dl.empty else []:
        when = r.get("end") if not _null(r.get("end")) else r.get("start")
        if _null(when):
            continue
        w = str(when)
        year = meta.at[r["doc_id"], "year"]
        if w.startswith("--") and not _null(year):
            month = f"{int(year)}-{w[2:4]}"
        elif len(w) >= 7 and w[4] == "-":
            month = w[:7]
        else:
            continue
        recurring = w.startswith("--")
        drows.append({**{k: meta.at[r["doc_id"], k] for k in by},
                      "month": f"--{w[2:4]}" if recurring else month,
                      "month_of_year": int(month[5:7]), "kind": r.get("kind") or "",
                      "recurrence": None if _null(r.get("recurrence")) else r["recurrence"],
                      "doc_id": r["doc_id"]})
    if drows:
        dd = pd.DataFrame(drows)
        out["deadlines_by_month"] = (dd.groupby([*by, "month", "month_of_year", "kind"],
                                                dropna=False)
                                     .agg(deadlines=("doc_id", "size"),
                                          documents=("doc_id", "nunique"))
                                     .reset_index().sort_values(["month_of_year", "month", *by])
                                     .reset_index(drop=True))
    else:
        out["deadlines_by_month"] = pd.DataFrame(columns=[*by, "month", "month_of_year", "kind",
                                                          "deadlines", "documents"])

    # most-cited instruments
    out["top_instruments"] = top_instruments(corpus, d)
    return out


def _sector_rows() -> list[dict]:
    from analysis.themes import codebook_data

    return list(codebook_data().get("sectors") or [])


def _instrument_key(key: str) -> str:
    """An instrument's grouping key: case and the spacing around dashes unified, so that
    "giai đoạn 2021 - 2030" and "giai đoạn 2021-2030" are one instrument."""
    import regex

    return " ".join(regex.sub(r"\s*[-–]\s*", "-", key).split()).casefold()


def top_instruments(corpus: Any, docs: pd.DataFrame) -> pd.DataFrame:
    """Instruments by the number of (canonical) documents citing them."""
    cits = corpus.citations
    ids = set(docs["doc_id"])
    if cits.empty:
        return pd.DataFrame(columns=["instrument", "label", "type", "citing_documents",
                                     "mentions", "provinces", "levels", "status",
                                     "document"])
    cits = cits[cits["doc_id"].isin(ids)].copy()
    if cits.empty:
        return pd.DataFrame()
    links = corpus.links
    linked: dict[str, str] = {}
    if not links.empty:
        ok = links[links["status"] == "linked"]
        for iid, tgt in zip(ok["instrument_id"], ok["target_doc_id"]):
            linked.setdefault(_instrument_key(str(iid)), tgt)
    meta = docs.set_index("doc_id")
    cits["instrument"] = [str(i) if not _null(i) else str(k)
                          for i, k in zip(cits.get("instrument_id", cits["key"]), cits["key"])]
    cits["group"] = [_instrument_key(i) for i in cits["instrument"]]
    rows = []
    for key, g in cits.groupby("group"):
        first = g.iloc[0]
        inst = first["instrument"]
        number = first.get("number")
        name = first.get("name")
        label = (f"{number}" if not _null(number) else str(name if not _null(name)
                                                             else first["key"]))
        date = first.get("date")
        day = pd.to_datetime(date, errors="coerce", format="%Y-%m-%d") if not _null(date) and \
            len(str(date)) == 10 else None
        if not _null(number) and day is not None and not pd.isna(day):
            label += f" ngày {day.strftime('%d/%m/%Y')}"
        docs_ = sorted(set(g["doc_id"]))
        rows.append({
            "instrument": inst, "label": label, "type": first.get("type"),
            "date": None if day is None or pd.isna(day) else day.date(),
            "citing_documents": len(docs_), "mentions": len(g),
            "provinces": ", ".join(sorted({str(meta.at[i, "province"]) for i in docs_})),
            "levels": ", ".join(sorted({str(meta.at[i, "level"]) for i in docs_})),
            "status": "linked" if key in linked else "not_in_corpus",
            "document": linked.get(key),
        })
    df = pd.DataFrame(rows)
    return df.sort_values(["citing_documents", "mentions", "label"],
                          ascending=[False, False, True]).reset_index(drop=True)


def _integral(df: pd.DataFrame) -> pd.DataFrame:
    """Float columns holding whole numbers as integers (so Excel shows 2024, not 2024.0)."""
    df = df.copy()
    for c in df.columns:
        if df[c].dtype.kind == "f":
            vals = df[c].dropna()
            if len(vals) and (vals == vals.round()).all():
                df[c] = df[c].round().astype("Int64")
    return df


def write(result: dict[str, pd.DataFrame], out: Path, by: list[str] | None = None,
          level: str | None = None, title: str | None = None) -> list[Path]:
    """Write the tables (CSV, Parquet, one Excel workbook), the charts (PNG) and index.html."""
    from analysis import charts, report
    from analysis.themes import theme_labels

    by = list(by or ["province", "year"])
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    clean = {k: _integral(v) for k, v in result.items()}
    for name, df in clean.items():
        p = out / f"{name}.csv"
        df.to_csv(p, index=False, encoding="utf-8-sig")
        written.append(p)
        q = out / f"{name}.parquet"
        df.to_parquet(q, index=False)
        written.append(q)
    written.append(write_excel(clean, out / "compare.xlsx"))
    labels = theme_labels()
    figs: dict[str, Path | None] = {
        "documents": charts.documents_chart(clean["documents"], out / "documents.png", by),
        "themes": charts.theme_heatmap(clean["theme_matrix"], out / "themes.png", labels),
        "theme_groups": charts.theme_heatmap(
            clean["theme_by_group"].assign(label=[
                " · ".join(str(r[k]) for k in by) for _, r in clean["theme_by_group"].iterrows()])
            if not clean["theme_by_group"].empty else clean["theme_by_group"],
            out / "themes_by_group.png", labels, title="Nhiệm vụ theo chủ đề và nhóm"),
        "sectors": charts.sectors_chart(clean["sectors"], out / "sectors.png", by[0]),
        "deadlines": charts.deadlines_chart(clean["deadlines_by_month"],
                                            out / "deadlines.png"),
        "instruments": charts.instruments_chart(clean["top_instruments"],
                                                out / "instruments.png"),
    }
    written += [p for p in figs.values() if p]
    written.append(report.comparison_page(clean, figs, out, by=by, level=level, title=title))
    return written


def _texty(col: pd.Series) -> bool:
    return bool(pd.api.types.is_object_dtype(col) or pd.api.types.is_string_dtype(col))


def _excel_date(v: Any) -> Any:
    """A full ISO date as a date (Excel shows it as a date); a partial one ("2024-04",
    "--12-15") stays text."""
    if _null(v):
        return None
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v
    s = str(v)
    if len(s) == 10 and s[4] == "-" and s[7] == "-":
        try:
            return datetime.date.fromisoformat(s)
        except ValueError:
            return s
    return s


def write_excel(tables: dict[str, pd.DataFrame], path: Path) -> Path:
    """One workbook, one sheet per table: bold frozen header, widths fitted, numbers as
    numbers, dates as dates."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    path.parent.mkdir(parents=True, exist_ok=True)
    with pd.ExcelWriter(path, engine="openpyxl") as xw:
        for name, df in tables.items():
            sheet = name[:31]
            frame = df.copy()
            for c in frame.columns:
                if c in ("issued_date", "date", "cited_date") and _texty(frame[c]):
                    frame[c] = frame[c].astype(object).map(_excel_date)
                if str(frame[c].dtype) == "Int64":
                    frame[c] = frame[c].astype(object).where(frame[c].notna(), None)
            if frame.empty and not len(frame.columns):
                frame = pd.DataFrame({"(trống)": []})
            frame.to_excel(xw, sheet_name=sheet, index=False)
            ws = xw.sheets[sheet]
            ws.freeze_panes = "A2"
            for cell in ws[1]:
                cell.font = Font(bold=True)
                cell.fill = PatternFill("solid", fgColor="DDEBF7")
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            for i, col in enumerate(frame.columns, start=1):
                values = [str(col)] + [str(v) for v in frame[col].head(200) if not _null(v)]
                width = min(60, max(8, max(len(v) for v in values) + 2))
                ws.column_dimensions[get_column_letter(i)].width = width
                for row in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                    for cell in row:
                        if isinstance(cell.value, (datetime.date, datetime.datetime)):
                            cell.number_format = "DD/MM/YYYY"
    return path
