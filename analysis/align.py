"""Alignment of a lower-level plan with a higher-level one.

The report of ``align(corpus, lower, higher)`` answers, for two documents of a corpus:

- **citation**: does the lower cite the higher, directly or through a chain of links, and
  which instruments do both cite;
- **tasks**: for each task unit of the higher (:mod:`analysis.tasks`), the closest task units
  of the lower by word-segmented TF-IDF cosine (fitted on the task units of the whole corpus),
  and whether one is close enough (``TASK_MATCH``) to count as taken up;
- **themes**: for each theme of the higher's tasks, the pairs of tasks of that theme, one of
  each document, at least ``TASK_MATCH`` alike; the share of the higher's tasks of the theme in
  such a pair (``coverage``) and of the lower's (``lower_coverage``); and a status:
  ``taken_up`` (a share >= ``THEME_TAKEN_UP``: the lower covers the higher's theme, or its own
  tasks on the theme echo the higher's), ``partly`` (pairs, but fewer), ``mentioned`` (the
  lower has tasks of the theme, none corresponding) or ``not_found`` (no task of the theme);
- **deadlines**: each reporting deadline of the lower against the higher's reporting deadline
  it feeds (same period: six-month, quarter, year), which it must precede;
- **addressed**: the higher's tasks addressed to the lower's level ("Ủy ban nhân dân các
  huyện" in a provincial plan, "Ban VSTBPN các bộ, ngành, địa phương" in a national one) and
  whether the lower takes each up.

``auto_pairs`` pairs each document with the documents it cites that are in the corpus and with
the same-year programme of the level above.
"""

from __future__ import annotations

import calendar
import json
from collections import deque
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

TASK_MATCH = 0.30  # cosine at which a lower task takes up a higher one
THEME_TAKEN_UP = 0.5  # share of a theme's tasks (either side) in a pair, for "taken up"
TOP = 2  # closest lower tasks listed per higher task
LEVELS = ("national", "province", "district", "commune")
PERIODS = {"half_yearly": "half_year", "quarterly": "quarter", "yearly": "year",
           "monthly": "month"}


def _null(v: Any) -> bool:
    try:
        return v is None or bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _clean(v: Any) -> Any:
    if _null(v):
        return None
    if hasattr(v, "item"):
        return v.item()
    return v


def _loads(v: Any) -> Any:
    if isinstance(v, str) and v[:1] in "[{":
        try:
            return json.loads(v)
        except ValueError:
            return v
    return v if not _null(v) else None


def summary(doc: dict) -> dict:
    """The fields of a document a report shows."""
    keys = ("doc_id", "path", "doc_type", "number", "issuer", "level", "province",
            "province_2025", "district", "commune", "issued_date", "year", "title")
    return {k: _clean(doc.get(k)) for k in keys}


def _canon(corpus: Any) -> dict[str, str]:
    var = corpus.variants
    return dict(zip(var["doc_id"], var["canonical_id"])) if not var.empty else {}


def citation_path(corpus: Any, lower: str, higher: str, max_depth: int = 4) -> dict:
    """Whether ``lower`` cites ``higher``: the chain of linked documents, if any, and the
    instruments both cite."""
    canon = _canon(corpus)
    lo, hi = canon.get(lower, lower), canon.get(higher, higher)
    links = corpus.links
    adj: dict[str, list[dict]] = {}
    if not links.empty:
        for r in links[links["status"] == "linked"].to_dict("records"):
            src, tgt = canon.get(r["doc_id"], r["doc_id"]), r["target_doc_id"]
            if src != tgt:
                adj.setdefault(src, []).append(r)
    prev: dict[str, tuple[str, dict] | None] = {lo: None}
    queue = deque([(lo, 0)])
    while queue:
        node, depth = queue.popleft()
        if node == hi or depth >= max_depth:
            continue
        for r in adj.get(node, []):
            t = r["target_doc_id"]
            if t not in prev:
                prev[t] = (node, r)
                queue.append((t, depth + 1))
    chain: list[dict] = []
    if hi in prev and hi != lo:
        node = hi
        while prev[node] is not None:
            src, r = prev[node]  # type: ignore[misc]
            chain.append({"from": src, "to": node, "key": r["key"], "method": r["method"],
                          "score": _clean(r["score"])})
            node = src
        chain.reverse()
    common: list[str] = []
    cits = corpus.citations
    if not cits.empty and "key" in cits:
        ids_lo = {d for d, c in canon.items() if c == lo} | {lo}
        ids_hi = {d for d, c in canon.items() if c == hi} | {hi}
        k_lo = set(cits.loc[cits["doc_id"].isin(ids_lo), "key"].dropna())
        k_hi = set(cits.loc[cits["doc_id"].isin(ids_hi), "key"].dropna())
        common = sorted(k_lo & k_hi)
    return {"cites": bool(chain), "direct": len(chain) == 1, "chain": chain,
            "common_citations": common}


def _task_units(corpus: Any, doc_id: str) -> list[dict]:
    tasks = corpus.tasks
    if tasks.empty:
        return []
    rows = tasks[tasks["doc_id"] == doc_id].sort_values("idx").to_dict("records")
    th = corpus.themes
    if not th.empty:
        th = th[(th["doc_id"] == doc_id) & (th["unit"] == "task")]
    labels: dict[int, list[str]] = {}
    for r in th.to_dict("records") if not th.empty else []:
        labels.setdefault(int(r["idx"]), []).append(r["theme"])
    for r in rows:
        r["themes"] = labels.get(int(r["idx"]), [])
    return rows


def _model(corpus: Any) -> Any:
    from analysis.similarity import TfIdf

    tasks = corpus.tasks
    canon = _canon(corpus)
    if tasks.empty:
        return TfIdf.fit([])
    keep = tasks[tasks["doc_id"].map(lambda d: canon.get(d, d) == d)]
    return TfIdf.fit(keep["text"].fillna("").tolist())


def _date_of(value: str | None, year: int | None) -> pd.Timestamp | None:
    """A deadline's date as a day: ``2024-06`` -> 30/6/2024; ``--12-15`` in ``year``."""
    if not value:
        return None
    v = str(value)
    try:
        if v.startswith("--") and year:
            m, d = int(v[2:4]), int(v[5:7])
            return pd.Timestamp(year=year, month=m, day=d)
        parts = v.split("-")
        if len(parts) == 3:
            return pd.Timestamp(v)
        if len(parts) == 2:
            y, m = int(parts[0]), int(parts[1])
            return pd.Timestamp(year=y, month=m, day=calendar.monthrange(y, m)[1])
        if len(parts) == 1 and len(v) == 4:
            return pd.Timestamp(year=int(v), month=12, day=31)
    except (ValueError, TypeError):
        return None
    return None


def _context(text: str | None, start: Any, end: Any, width: int = 220) -> tuple[str, str]:
    """The sentence around a span, as (before, after): ``after`` runs to the next deadline
    phrase, semicolon or full stop, so that "trước ngày 15/6 đối với báo cáo 6 tháng; trước
    ngày 15/12 đối với báo cáo năm" gives each deadline its own period."""
    import regex

    if not text or _null(start) or _null(end):
        return "", ""
    s, e = int(start), int(end)
    lo = max(text.rfind("\n", 0, s), text.rfind(". ", 0, s), s - width)
    before = text[max(0, lo):s]
    tail = text[e:e + width]
    cut = regex.search(r"[;\n]|\.\s|\s(?:và\s+)?(?:trước|chậm\s+nhất)\s+ngày", tail)
    return before, tail[:cut.start()] if cut else tail


def reporting_deadlines(corpus: Any, doc_id: str, year: int | None) -> list[dict]:
    """The reporting deadlines of a document: deadlines whose text or sentence speaks of a
    report, with the period the report covers and the date resolved to a day."""
    from analysis.themes import reporting_kinds

    text = corpus.text(doc_id)
    out = []
    dl = corpus.deadlines
    rows = dl[dl["doc_id"] == doc_id].to_dict("records") if not dl.empty else []
    for r in rows:
        before, after = _context(text, r.get("span_start"), r.get("span_end"))
        own = str(r.get("text") or "")
        kinds = reporting_kinds(f"{before} {own} {after}")
        if "report" not in kinds:
            continue
        period = PERIODS.get(str(r.get("recurrence"))) if not _null(r.get("recurrence")) else None
        for part in (f"{own} {after}", before):
            local = reporting_kinds(part) - {"report"}
            found = next((k for k in ("half_year", "quarter", "year") if k in local), None)
            if found:
                period = found
                break
        ctx = f"{before}{own}{after}"
        end = r.get("end") if not _null(r.get("end")) else r.get("start")
        day = _date_of(None if _null(end) else str(end), year)
        out.append({"text": r.get("text"), "kind": _clean(r.get("kind")), "end": _clean(end),
                    "recurrence": _clean(r.get("recurrence")), "period": period,
                    "date": day.date().isoformat() if day is not None else None,
                    "section": _clean(r.get("section")), "context": " ".join(ctx.split())[:300]})
    return out


def _year_of(doc: dict) -> int | None:
    for k in ("year",):
        if not _null(doc.get(k)):
            return int(doc[k])
    d = doc.get("issued_date")
    if not _null(d) and str(d)[:4].isdigit():
        return int(str(d)[:4])
    return None


def deadline_checks(corpus: Any, lower: dict, higher: dict) -> dict:
    """Each reporting deadline of ``lower`` paired with the higher's one it feeds."""
    year = _year_of(lower) or _year_of(higher)
    lo = reporting_deadlines(corpus, lower["doc_id"], year)
    hi = reporting_deadlines(corpus, higher["doc_id"], year)
    checks = []
    for d in lo:
        if d["date"] is None:
            continue
        day = pd.Timestamp(d["date"])
        pool = [h for h in hi if h["date"] is not None
                and (d["period"] is None or h["period"] in (None, d["period"]))
                and pd.Timestamp(h["date"]).year == day.year]
        if not pool:
            checks.append({"lower": d, "higher": None, "consistent": None,
                           "note": "the higher states no reporting deadline this one feeds"})
            continue
        feed = min(pool, key=lambda h: (abs((pd.Timestamp(h["date"]) - day).days),
                                        pd.Timestamp(h["date"])))
        gap = (pd.Timestamp(feed["date"]) - day).days
        checks.append({"lower": d, "higher": feed, "consistent": gap > 0, "days_before": gap,
                       "note": ("before the higher's deadline" if gap > 0 else
                                "on the same day as the higher's deadline" if gap == 0 else
                                "after the higher's deadline")})
    n_bad = sum(1 for c in checks if c["consistent"] is False)
    return {"lower_deadlines": lo, "higher_deadlines": hi, "checks": checks,
            "consistent": None if not any(c["consistent"] is not None for c in checks)
            else n_bad == 0}


def _addressed(task: dict, lower_level: str | None, higher_level: str | None
               ) -> list[dict]:
    from analysis.themes import addressed_levels

    if not lower_level:
        return []
    below = (higher_level in LEVELS and lower_level in LEVELS
             and LEVELS.index(lower_level) > LEVELS.index(higher_level))
    found = []
    sources = [("lead", " ; ".join(_loads(task.get("lead")) or [])),
               ("support", " ; ".join(_loads(task.get("support")) or [])),
               ("heading", (_loads(task.get("headings")) or [""])[-1]
                if _loads(task.get("headings")) else ""),
               ("text", str(task.get("text") or ""))]
    for role, text in sources:
        for level, matched in addressed_levels(text):
            if level == lower_level or (level == "below" and below):
                pos = text.find(matched.split()[0]) if matched else -1
                r = role if role != "text" else ("lead" if 0 <= pos < 40 else "mentioned")
                found.append({"role": r, "level": level, "matched": matched})
        if found:
            break
    return found


def align(corpus: Any, lower_id: str, higher_id: str, model: Any = None) -> dict:
    """The alignment report of document ``lower_id`` against ``higher_id`` (see the module
    docstring); plain JSON-ready values."""
    from analysis.similarity import shared_words
    from analysis.themes import theme_labels

    docs = {d["doc_id"]: d for d in corpus.documents.to_dict("records")}
    lower, higher = docs[lower_id], docs[higher_id]
    model = model or _model(corpus)
    lo_tasks, hi_tasks = _task_units(corpus, lower_id), _task_units(corpus, higher_id)
    lo_vecs = [model.vector(t["text"] or "") for t in lo_tasks]

    def closest(text: str, pool: Sequence[int]) -> list[tuple[float, int]]:
        from analysis.similarity import dot

        v = model.vector(text)
        return sorted(((round(dot(v, lo_vecs[i]), 4), i) for i in pool),
                      key=lambda x: (-x[0], x[1]))

    every = list(range(len(lo_tasks)))
    by_theme_lo: dict[str, list[int]] = {}
    for i, t in enumerate(lo_tasks):
        for th in t["themes"]:
            by_theme_lo.setdefault(th, []).append(i)
    task_rows = []
    for h in hi_tasks:
        best = closest(h["text"] or "", every)[:TOP]
        matches = [{"lower_idx": int(lo_tasks[i]["idx"]), "score": s,
                    "section": _clean(lo_tasks[i]["section"]), "text": lo_tasks[i]["text"],
                    "themes": lo_tasks[i]["themes"],
                    "shared": shared_words(model, h["text"] or "", lo_tasks[i]["text"] or "")}
                   for s, i in best]
        task_rows.append({"higher_idx": int(h["idx"]), "section": _clean(h["section"]),
                          "text": h["text"], "themes": h["themes"], "matches": matches,
                          "found": bool(matches) and matches[0]["score"] >= TASK_MATCH})
    labels = theme_labels()
    theme_rows = []
    hi_themes = [th for th in labels if any(th in t["themes"] for t in hi_tasks)]
    for th in hi_themes:
        hs = [t for t in hi_tasks if th in t["themes"]]
        pool = by_theme_lo.get(th, [])
        hi_hit: set[int] = set()
        lo_hit: set[int] = set()
        pairs = []
        for h in hs:
            for score, i in closest(h["text"] or "", pool):
                if score < TASK_MATCH:
                    break
                hi_hit.add(int(h["idx"]))
                lo_hit.add(i)
                pairs.append({"higher_idx": int(h["idx"]), "higher": h["text"],
                              "lower_idx": int(lo_tasks[i]["idx"]),
                              "lower": lo_tasks[i]["text"], "score": score})
        pairs.sort(key=lambda p: -p["score"])
        sim = model.cosine(" ".join(t["text"] or "" for t in hs),
                           " ".join(lo_tasks[i]["text"] or "" for i in pool)) if pool else 0.0
        hi_cov = len(hi_hit) / len(hs) if hs else 0.0
        lo_cov = len(lo_hit) / len(pool) if pool else 0.0
        status = ("not_found" if not pool else "mentioned" if not pairs
                  else "taken_up" if max(hi_cov, lo_cov) >= THEME_TAKEN_UP else "partly")
        theme_rows.append({"theme": th, "label": labels[th], "higher_tasks": len(hs),
                           "lower_tasks": len(pool), "higher_taken_up": len(hi_hit),
                           "lower_echoing": len(lo_hit), "coverage": round(hi_cov, 3),
                           "lower_coverage": round(lo_cov, 3), "similarity": round(sim, 4),
                           "best_pair": pairs[0]["score"] if pairs else (
                               max((closest(h["text"] or "", pool)[:1] or [(0.0, 0)])[0][0]
                                   for h in hs) if pool else None),
                           "status": status, "examples": pairs[:3]})
    addressed = []
    for h, row in zip(hi_tasks, task_rows):
        hits = _addressed(h, _clean(lower.get("level")), _clean(higher.get("level")))
        if hits:
            addressed.append({"higher_idx": row["higher_idx"], "section": row["section"],
                              "text": row["text"], "addressee": hits[0],
                              "taken_up": row["found"],
                              "closest": row["matches"][0] if row["matches"] else None})
    themes_up = [t["theme"] for t in theme_rows if t["status"] == "taken_up"]
    themes_partly = [t["theme"] for t in theme_rows if t["status"] == "partly"]
    themes_not = [t["theme"] for t in theme_rows if t["status"] in ("mentioned", "not_found")]
    cites = citation_path(corpus, lower_id, higher_id)
    deadlines = deadline_checks(corpus, lower, higher)
    return {
        "lower": summary(lower), "higher": summary(higher),
        "citation": cites,
        "themes": theme_rows,
        "tasks": task_rows,
        "not_found": [r["higher_idx"] for r in task_rows if not r["found"]],
        "deadlines": deadlines,
        "addressed": addressed,
        "summary": {
            "cites_higher": cites["cites"], "higher_tasks": len(hi_tasks),
            "lower_tasks": len(lo_tasks),
            "tasks_taken_up": sum(r["found"] for r in task_rows),
            "themes_taken_up": themes_up, "themes_partly": themes_partly,
            "themes_not_taken_up": themes_not,
            "addressed_tasks": len(addressed),
            "addressed_taken_up": sum(a["taken_up"] for a in addressed),
            "deadlines_consistent": deadlines["consistent"],
        },
        "settings": {"task_match": TASK_MATCH, "theme_taken_up": THEME_TAKEN_UP},
    }


def _doc_year(d: dict) -> int | None:
    return _year_of(d)


def auto_pairs(corpus: Any) -> list[tuple[str, str, str]]:
    """``(lower, higher, why)`` for each canonical document: the documents it cites that are
    in the corpus, and the same-year programme of the level above."""
    canon = _canon(corpus)
    docs = [d for d in corpus.documents.to_dict("records")
            if canon.get(d["doc_id"], d["doc_id"]) == d["doc_id"]]
    pairs: dict[tuple[str, str], str] = {}
    links = corpus.links
    if not links.empty:
        for r in links[links["status"] == "linked"].to_dict("records"):
            src = canon.get(r["doc_id"], r["doc_id"])
            if src != r["target_doc_id"]:
                pairs.setdefault((src, r["target_doc_id"]), f"cites {r['key']}")
    rank = {"programme": 0, "plan": 1, "decision": 2}
    for d in docs:
        lvl = _clean(d.get("level"))
        if lvl not in LEVELS or lvl == "national":
            continue
        above = LEVELS[LEVELS.index(lvl) - 1]
        year = _doc_year(d)
        if year is None:
            continue
        cands = []
        for h in docs:
            if h["doc_id"] == d["doc_id"] or _clean(h.get("level")) != above:
                continue
            if _doc_year(h) != year or _clean(h.get("doc_type")) not in rank:
                continue
            if above in ("province", "district") and _clean(h.get("province")) != _clean(
                    d.get("province")):
                continue
            if above == "district" and _clean(h.get("district")) != _clean(d.get("district")):
                continue
            cands.append(h)
        if cands:
            best = min(cands, key=lambda h: (rank[h["doc_type"]], str(h.get("path"))))
            pairs.setdefault((d["doc_id"], best["doc_id"]),
                             f"same-year {best['doc_type']} of the {above} level")
    return [(a, b, why) for (a, b), why in sorted(pairs.items())]


def write(reports: list[dict], out: Path) -> list[Path]:
    """Write reports as ``align.json`` (all), and one HTML page and Markdown file each (plus an
    ``index.html`` when there are several); return the paths written."""
    from analysis import report as rep

    out.mkdir(parents=True, exist_ok=True)
    written = [out / "align.json"]
    data = reports[0] if len(reports) == 1 else reports
    (out / "align.json").write_text(json.dumps(data, ensure_ascii=False, indent=1,
                                               default=str), encoding="utf-8")
    names = []
    for r in reports:
        stem = f"align_{r['lower']['doc_id']}_vs_{r['higher']['doc_id']}"
        written += rep.alignment_page(r, out, stem)
        names.append((stem, r))
    if len(reports) > 1 or not reports:
        written.append(rep.alignment_index(names, out))
    return written
