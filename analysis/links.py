"""Citation links: each citation resolved to a document of the corpus, and the citation graph.

Two ways a citation finds its document:

- **by number** (``method = "number"``): the cited number is the number the document prints,
  and the year and locality agree (numbers restart every year for every issuer, Nghị định
  30/2020 Điều 15: "560/KH-UBND" of Đắk Nông in 2021 is not "560/KH-UBND" of Hà Tĩnh);
- **by score** (``method = "scored"``) for a document that prints no number (or a blank one):
  type, issuer, level, locality, title similarity (word-segmented TF-IDF cosine) and
  date/period agreement, each kept as evidence with its value. A document that prints a
  *different* number, or was issued in another year, is never a candidate.

An unnumbered document is one instrument: when several cited instruments reach it, the best
scoring keeps the link and the others stay candidates. One row per (mention, candidate), best
first (``rank`` 1), or one row with ``status = "not_in_corpus"`` when nothing fits. Statuses:
``linked``, ``candidate``, ``self`` (a document citing its own number), ``not_in_corpus``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pandas as pd
import regex

LINK_COLUMNS = ["doc_id", "cit_idx", "key", "instrument_id", "cited_type", "cited_number",
                "cited_date", "cited_text", "rank", "target_doc_id", "method", "score",
                "status", "evidence"]
WEIGHTS = {"title": 0.40, "type": 0.15, "locality": 0.15, "issuer": 0.10, "date": 0.10,
           "level": 0.05, "period": 0.05}
LINK_MIN = 0.60  # score of a linked candidate
TITLE_MIN = 0.50  # title similarity a linked candidate needs
CANDIDATE_MIN = 0.50  # score of a listed candidate
CANDIDATE_TITLE_MIN = 0.15  # title similarity a listed candidate needs
MARGIN = 0.05  # lead over the runner-up a link needs
TOP = 3

TYPE_WORDS = {"law": "luật", "resolution": "nghị quyết", "decree": "nghị định",
              "decision": "quyết định", "directive": "chỉ thị", "circular": "thông tư",
              "programme": "chương trình", "plan": "kế hoạch", "scheme": "đề án",
              "project": "dự án", "strategy": "chiến lược", "guidance": "hướng dẫn"}
_PERIOD = regex.compile(
    r"(?<!\d)((?:19|20)\d\d)\s*(?:-|–|đến(?:\s+năm)?)\s*((?:19|20)\d\d)(?!\d)")
_YEAR = regex.compile(r"năm\s+((?:19|20)\d\d)", regex.I)
_NUM_YEAR = regex.compile(r"/((?:19|20)\d\d)/")
_PLACE = regex.compile(r"(?:tỉnh|thành\s+phố)\s+((?:\p{Lu}[\p{Ll}\p{M}]*\s?){1,4})")


def _null(v: Any) -> bool:
    try:
        return v is None or bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _s(v: Any) -> str | None:
    return None if _null(v) else str(v)


def norm_number(number: str | None) -> str | None:
    """A number compared: spaces removed, upper case, ``Đ`` kept; ``None`` if it has no digit.

    >>> norm_number("06 /CTr-UBQG"), norm_number("/KH-UBND")
    ('06/CTR-UBQG', None)
    """
    if not number or not regex.search(r"\d", number):
        return None
    return regex.sub(r"\s+", "", number).upper()


def code_of(number: str | None) -> str | None:
    """The issuer code of a symbol: ``560/KH-UBND`` -> ``UBND``, ``28-KH/TU`` -> ``TU``."""
    if not number:
        return None
    tail = regex.split(r"[/-]", number.strip())
    return tail[-1].upper() if tail and tail[-1] else None


_LOCALITY = regex.compile(
    r"(?:trên\s+địa\s+bàn\s+(?:toàn\s+)?)?"
    r"(?<![\p{L}])(?i:tỉnh|thành\s+phố|huyện|thị\s+xã|quận|xã|phường|thị\s+trấn)"
    r"(?:\s+\p{Lu}[\p{Ll}\p{M}]*)+|trên\s+địa\s+bàn(?:\s+toàn)?(?:\s+\p{Lu}[\p{Ll}\p{M}]*)*")


def topic(text: str) -> str:
    """A title or subject without its locality ("trên địa bàn tỉnh Đắk Nông"), which the
    locality feature weighs on its own.

    >>> topic("Triển khai Chiến lược trên địa bàn tỉnh Đắk Nông")
    'Triển khai Chiến lược'
    """
    return " ".join(_LOCALITY.sub(" ", text or "").split())


def _year(date: str | None) -> int | None:
    m = regex.match(r"((?:19|20)\d\d)", date or "")
    return int(m.group(1)) if m else None


def periods(text: str | None) -> tuple[int, int] | None:
    """The span of years a title or subject names, or ``None``.

    >>> periods("Chiến lược quốc gia về bình đẳng giới giai đoạn 2021-2030")
    (2021, 2030)
    >>> periods("từ năm 2021 đến năm 2025"), periods("Kế hoạch hoạt động năm 2024")
    ((2021, 2025), (2024, 2024))
    """
    if not text:
        return None
    m = _PERIOD.search(text)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        return (min(a, b), max(a, b))
    years = {int(y) for y in _YEAR.findall(text)}
    return (years.pop(),) * 2 if len(years) == 1 else None


@lru_cache(maxsize=4096)
def _expand(code: str) -> tuple[str, ...]:
    from analysis.similarity import prepare

    forms = {prepare(code)}
    if code.startswith("B") and len(code) > 3:
        forms.add("Ban " + prepare(code[1:]))
    return tuple(f.casefold() for f in forms if f and f != code)


def _issuer_score(cit: dict, doc: dict) -> tuple[float | None, str]:
    from analysis.similarity import prepare

    code = code_of(cit.get("number"))
    d_code = code_of(_s(doc.get("symbol")) or _s(doc.get("number")))
    issuer = (prepare(_s(doc.get("issuer")) or "")).casefold()
    if code and d_code:
        return (1.0 if code == d_code else 0.0), f"{code} vs {d_code}"
    if code and issuer:
        hit = any(f in issuer for f in _expand(code))
        return (1.0 if hit else 0.0), f"{code} vs {doc.get('issuer')}"
    c_issuer = (prepare(_s(cit.get("issuer")) or "")).casefold()
    if c_issuer and issuer:
        words = [w for w in regex.findall(r"\p{L}+", c_issuer)]
        share = sum(w in issuer for w in words) / len(words) if words else 0.0
        return round(share, 3), f"{cit.get('issuer')} vs {doc.get('issuer')}"
    return None, ""


def _locality_of_citation(cit: dict, citing: dict) -> tuple[str | None, str | None, str]:
    """(province, district, how) of the cited instrument's issuer, or national."""
    from analysis.themes import issuer_level

    named = _PLACE.search(_s(cit.get("issuer")) or "")
    if named:  # "Ban Vì sự tiến bộ của phụ nữ tỉnh Gia Lai"
        return named.group(1).strip(), None, "named by the issuer"
    iid = _s(cit.get("instrument_id")) or ""
    parts = iid.split("@")
    if len(parts) >= 3 and parts[2]:
        loc = [p.strip() for p in parts[2].split(",")]
        if len(loc) >= 2:
            return loc[-1], loc[0], "instrument_id"
        return loc[0], None, "instrument_id"
    level = issuer_level(_s(cit.get("issuer")), _s(cit.get("number")))
    if level == "national":
        return "national", None, "issuer level"
    text = " ".join(x for x in (_s(cit.get("issuer")), _s(cit.get("subject")),
                                _s(cit.get("name"))) if x)
    m = _PLACE.search(text)
    if m:
        return m.group(1).strip(), None, "named in the citation"
    if cit.get("type") in ("law", "strategy") or "quốc gia" in text.casefold():
        return "national", None, "national instrument"
    return None, None, ""


def _level_of_citation(cit: dict, province: str | None, district: str | None) -> str | None:
    from analysis.themes import issuer_level

    lvl = issuer_level(_s(cit.get("issuer")), _s(cit.get("number")))
    if lvl:
        return lvl
    if province == "national":
        return "national"
    if district:
        return "district"
    return "province" if province else None


def description(cit: dict, text: str | None = None) -> str:
    """What a citation says of the cited instrument: its subject or name, else its text and
    what follows it in the citing document up to the next ``;`` or full stop."""
    parts = [_s(cit.get("subject")), _s(cit.get("name"))]
    parts = [p for p in parts if p]
    if not parts:
        parts = [_s(cit.get("text")) or ""]
        end = cit.get("span_end")
        if text and not _null(end):
            tail = text[int(end):int(end) + 300]
            cut = regex.search(r"[;.\n]", tail)
            parts.append(tail[:cut.start()] if cut else tail)
    return " ".join(" ".join(parts).split())


def _period_score(c_period: tuple[int, int] | None, d_period: tuple[int, int] | None
                  ) -> float | None:
    if not c_period or not d_period:
        return None
    if c_period == d_period:
        return 1.0
    lo, hi = max(c_period[0], d_period[0]), min(c_period[1], d_period[1])
    if lo > hi:
        return 0.0
    return 0.7 if c_period[0] == d_period[0] else 0.4


def _date_score(c_date: str | None, doc: dict) -> tuple[float | None, str]:
    c_year = _year(c_date)
    d_date = _s(doc.get("issued_date"))
    d_year = _year(d_date)
    if c_year is None:
        return None, ""
    if d_year is not None:
        if c_date and d_date and len(c_date) >= 10 and c_date == d_date:
            return 1.0, f"issued {d_date}"
        if c_year == d_year:
            return 0.8, f"issued {d_date} (same year)"
        return 0.0, f"issued {d_date}"
    p0 = doc.get("period_start")
    if not _null(p0):
        p0 = int(p0)
        if c_year in (p0 - 1, p0):
            return 0.75, f"undated; period starts {p0}"
        p1 = doc.get("period_end")
        if not _null(p1) and p0 <= c_year <= int(p1):
            return 0.5, f"undated; within period {p0}-{int(p1)}"
        return 0.1, f"undated; period {p0}-"
    y = doc.get("year")
    if not _null(y):
        y = int(y)
        if c_year in (y - 1, y):
            return 0.75, f"undated; plan for {y}"
        return 0.1, f"undated; plan for {y}"
    return None, "undated"


def _doc_period(doc: dict) -> tuple[int, int] | None:
    p0, p1 = doc.get("period_start"), doc.get("period_end")
    if not _null(p0) and not _null(p1):
        return int(p0), int(p1)
    y = doc.get("year")
    if not _null(y):
        return int(y), int(y)
    return periods(_s(doc.get("title")))


def _type_score(c_type: str | None, doc: dict) -> float:
    d_type = _s(doc.get("doc_type"))
    if not c_type or not d_type:
        return 0.5
    if c_type == d_type:
        return 1.0
    word = TYPE_WORDS.get(c_type)
    title = (_s(doc.get("title")) or "").casefold()
    if d_type == "decision" and word and word in title:
        return 0.6  # a decision that issues the cited programme or plan
    return 0.0


def score_candidate(cit: dict, desc: str, doc: dict, model: Any, citing: dict
                    ) -> tuple[float, dict] | None:
    """The score and evidence of ``doc`` as the document ``cit`` cites, or ``None`` when the
    document cannot be it (it prints another number, or was issued in another year)."""
    from analysis.similarity import shared_words

    c_num, d_num = norm_number(_s(cit.get("number"))), norm_number(_s(doc.get("number")))
    c_date = _s(cit.get("date"))
    c_year = _year(c_date) or (int(m.group(1)) if (m := _NUM_YEAR.search(c_num or "")) else None)
    d_year = _year(_s(doc.get("issued_date")))
    if c_num and d_num and c_num != d_num:
        return None
    if c_year and d_year and c_year != d_year:
        return None
    prov, dist, how = _locality_of_citation(cit, citing)
    evidence: dict[str, Any] = {}
    feats: dict[str, float | None] = {}
    d_prov, d_dist = _s(doc.get("province")), _s(doc.get("district"))
    d_level = _s(doc.get("level"))
    if prov == "national":
        feats["locality"] = 1.0 if d_level == "national" else 0.0
    elif prov and (d_prov or d_level == "national"):
        same = bool(d_prov) and _same_place(prov, d_prov)
        if same and dist:
            same = bool(d_dist) and _same_place(dist, d_dist)
        feats["locality"] = 1.0 if same else 0.0
    else:
        feats["locality"] = None
    evidence["locality"] = {"cited": ", ".join(x for x in (dist, prov) if x) or None,
                            "document": ", ".join(x for x in (d_dist, d_prov) if x) or
                            (d_level if d_level == "national" else None), "from": how}
    c_level = _level_of_citation(cit, prov, dist)
    feats["level"] = None if not c_level or not d_level else float(c_level == d_level)
    evidence["level"] = {"cited": c_level, "document": d_level}
    feats["type"] = _type_score(_s(cit.get("type")), doc)
    evidence["type"] = {"cited": cit.get("type"), "document": doc.get("doc_type")}
    iss, iss_how = _issuer_score(cit, doc)
    feats["issuer"] = iss
    evidence["issuer"] = iss_how or None
    title = _s(doc.get("title")) or ""
    sim = model.cosine(topic(desc), topic(title)) if desc and title else 0.0
    feats["title"] = round(sim, 4)
    evidence["title"] = {"cited": desc[:300], "document": title[:300],
                         "shared": shared_words(model, topic(desc), topic(title))}
    dsc, d_how = _date_score(c_date, doc)
    feats["date"] = dsc
    evidence["date"] = {"cited": c_date, "document": d_how or None}
    c_period = periods(desc)
    d_period = _doc_period(doc)
    feats["period"] = _period_score(c_period, d_period)
    evidence["period"] = {"cited": list(c_period) if c_period else None,
                          "document": list(d_period) if d_period else None}
    number_match = bool(c_num and d_num and c_num == d_num)
    if number_match:
        loc_ok = feats["locality"] != 0.0
        if not loc_ok:
            return None
        score = 1.0 if (c_year and d_year) else 0.95
        evidence["number"] = {"cited": cit.get("number"), "document": doc.get("number"),
                              "year": "same" if c_year and d_year else "unknown"}
        return score, {"method": "number", "features": feats, "evidence": evidence}
    evidence["number"] = {"cited": cit.get("number"), "document": doc.get("number") or None}
    score = 0.0
    for k, w in WEIGHTS.items():
        v = feats.get(k)
        score += w * (0.5 if v is None else float(v))
    if feats["locality"] == 0.0:
        score *= 0.5
    return round(score, 4), {"method": "scored", "features": feats, "evidence": evidence}


def _same_place(a: str, b: str) -> bool:
    from analysis.similarity import prepare

    def k(x: str) -> str:
        x = prepare(x).casefold()
        x = regex.sub(r"^(?:tỉnh|thành phố|tp\.?|huyện|thị xã|quận|xã|phường|thị trấn)\s+", "",
                      x)
        return " ".join(x.split())

    return k(a) == k(b)


def _records(df: pd.DataFrame) -> list[dict]:
    return [{k: (None if _null(v) else v) for k, v in r.items()} for r in df.to_dict("records")]


def resolve(documents: pd.DataFrame, citations: pd.DataFrame, texts: dict[str, str | None],
            variants: pd.DataFrame | None = None) -> list[dict]:
    """The link rows of every citation of the corpus (see the module docstring)."""
    from analysis.similarity import TfIdf

    if citations is None or citations.empty or documents.empty:
        return []
    canon = (dict(zip(variants["doc_id"], variants["canonical_id"]))
             if variants is not None and not variants.empty else {})
    docs = {d["doc_id"]: d for d in _records(documents)}
    targets = [d for i, d in docs.items() if canon.get(i, i) == i]
    cits = _records(citations)
    descs = [description(c, texts.get(c["doc_id"])) for c in cits]
    model = TfIdf.fit([topic(t) for t in [*(_s(d.get("title")) or "" for d in targets), *descs]])
    rows: list[dict] = []
    for c, desc in zip(cits, descs):
        citing = docs.get(c["doc_id"], {})
        me = canon.get(c["doc_id"], c["doc_id"])
        base = {"doc_id": c["doc_id"], "cit_idx": int(c.get("idx", 0)), "key": c.get("key"),
                "instrument_id": _s(c.get("instrument_id")) or _s(c.get("key")),
                "cited_type": _s(c.get("type")), "cited_number": _s(c.get("number")),
                "cited_date": _s(c.get("date")), "cited_text": _s(c.get("text"))}
        own = norm_number(_s(citing.get("number")))
        if own and norm_number(_s(c.get("number"))) == own:
            rows.append({**base, "rank": 1, "target_doc_id": me, "method": "number",
                         "score": 1.0, "status": "self",
                         "evidence": json.dumps({"number": {"cited": c.get("number"),
                                                            "document": citing.get("number")}},
                                                ensure_ascii=False)})
            continue
        scored = []
        for d in targets:
            if d["doc_id"] == me:
                continue
            res = score_candidate(c, desc, d, model, citing)
            if res is None:
                continue
            s, ev = res
            if ev["method"] == "number" or (s >= CANDIDATE_MIN and ev["features"]["title"]
                                            >= CANDIDATE_TITLE_MIN):
                scored.append((s, d["doc_id"], ev))
        scored.sort(key=lambda x: (-x[0], x[1]))
        if not scored:
            rows.append({**base, "rank": None, "target_doc_id": None, "method": None,
                         "score": None, "status": "not_in_corpus", "evidence": None})
            continue
        for rank, (s, did, ev) in enumerate(scored[:TOP], start=1):
            status = "candidate"
            if rank == 1:
                runner = scored[1][0] if len(scored) > 1 else 0.0
                if ev["method"] == "number" or (
                        s >= LINK_MIN and ev["features"]["title"] >= TITLE_MIN
                        and s - runner >= MARGIN):
                    status = "linked"
            ev = {**ev, "runner_up": scored[1][0] if len(scored) > 1 else None}
            rows.append({**base, "rank": rank, "target_doc_id": did, "method": ev["method"],
                         "score": s, "status": status,
                         "evidence": json.dumps(ev, ensure_ascii=False)})
    _one_instrument_per_document(rows)
    return rows


def _one_instrument_per_document(rows: list[dict]) -> None:
    """An unnumbered document is at most one instrument: of the instruments scored-linked to
    it, the best keeps the link; the others become candidates."""
    best: dict[str, tuple[float, str]] = {}
    for r in rows:
        if r["status"] == "linked" and r["method"] == "scored":
            cur = best.get(r["target_doc_id"])
            if cur is None or r["score"] > cur[0]:
                best[r["target_doc_id"]] = (r["score"], r["instrument_id"])
    for r in rows:
        if r["status"] == "linked" and r["method"] == "scored":
            keep = best[r["target_doc_id"]][1]
            if r["instrument_id"] != keep:
                r["status"] = "candidate"
                ev = json.loads(r["evidence"])
                ev["taken_by"] = keep
                r["evidence"] = json.dumps(ev, ensure_ascii=False)


# ---------------------------------------------------------------------------------------------
# the citation graph

NODE_COLUMNS = ["node_id", "kind", "level", "label", "title", "doc_id", "doc_type", "province",
                "province_2025", "year", "in_corpus"]
EDGE_COLUMNS = ["source", "target", "key", "mentions", "method", "score", "status",
                "candidate_doc_id", "candidate_score"]


def _instrument_level(row: dict) -> str | None:
    from analysis.themes import issuer_level

    iid = _s(row.get("instrument_id")) or ""
    parts = iid.split("@")
    if len(parts) >= 3 and parts[2]:
        return "district" if "," in parts[2] else "province"
    num = _s(row.get("cited_number"))
    lvl = issuer_level(None, num) if num else None
    if lvl:
        return lvl
    key = _s(row.get("key")) or ""
    lvl = issuer_level(key)
    if lvl:
        return lvl
    if row.get("cited_type") in ("law", "strategy") or "quốc gia" in key:
        return "national"
    return None


def graph(documents: pd.DataFrame, links: pd.DataFrame, variants: pd.DataFrame | None = None
          ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The citation graph: canonical documents and cited instruments as nodes (each with its
    level), mentions as edges (aggregated per citing document and target)."""
    canon = (dict(zip(variants["doc_id"], variants["canonical_id"]))
             if variants is not None and not variants.empty else {})
    nodes: dict[str, dict] = {}
    for d in documents.to_dict("records"):
        if canon.get(d["doc_id"], d["doc_id"]) != d["doc_id"]:
            continue
        label = _s(d.get("number")) or (_s(d.get("title")) or d["doc_id"])[:60]
        nodes[f"doc:{d['doc_id']}"] = {
            "node_id": f"doc:{d['doc_id']}", "kind": "document", "level": _s(d.get("level")),
            "label": label, "title": _s(d.get("title")), "doc_id": d["doc_id"],
            "doc_type": _s(d.get("doc_type")), "province": _s(d.get("province")),
            "province_2025": _s(d.get("province_2025")),
            "year": None if _null(d.get("year")) else int(d["year"]), "in_corpus": True}
    edges: dict[tuple[str, str], dict] = {}
    if links is not None and not links.empty:
        for r in links.to_dict("records"):
            src_id = r["doc_id"]
            if canon.get(src_id, src_id) != src_id:
                continue
            if r["status"] not in ("linked", "not_in_corpus") and r.get("rank") != 1:
                continue
            if r["status"] == "self":
                continue
            if r["status"] == "linked":
                tgt = f"doc:{r['target_doc_id']}"
            else:
                inst = _s(r.get("instrument_id")) or _s(r.get("key")) or "?"
                tgt = f"inst:{inst}"
                if tgt not in nodes:
                    label = _s(r.get("cited_number")) or (_s(r.get("key")) or "").split(":", 1)[-1]
                    nodes[tgt] = {"node_id": tgt, "kind": "instrument",
                                  "level": _instrument_level(r), "label": label[:80],
                                  "title": _s(r.get("cited_text")), "doc_id": None,
                                  "doc_type": _s(r.get("cited_type")), "province": None,
                                  "province_2025": None,
                                  "year": _year(_s(r.get("cited_date"))), "in_corpus": False}
            k = (f"doc:{src_id}", tgt)
            e = edges.get(k)
            if e is None:
                e = edges[k] = {"source": k[0], "target": tgt, "key": _s(r.get("key")),
                                "mentions": 0, "method": _s(r.get("method")),
                                "score": None if _null(r.get("score")) else float(r["score"]),
                                "status": "linked" if r["status"] == "linked" else "not_in_corpus",
                                "candidate_doc_id": None, "candidate_score": None}
            if r["status"] == "candidate":
                e["candidate_doc_id"] = r["target_doc_id"]
                e["candidate_score"] = float(r["score"])
                e["status"] = "candidate"
                e["mentions"] += 0
            else:
                e["mentions"] += 1
        for e in edges.values():
            e["mentions"] = max(1, e["mentions"])
    return (pd.DataFrame(list(nodes.values()), columns=NODE_COLUMNS),
            pd.DataFrame(list(edges.values()), columns=EDGE_COLUMNS))


def _attr_type(values: Iterable[Any]) -> str:
    vals = [v for v in values if not _null(v)]
    if vals and all(isinstance(v, bool) for v in vals):
        return "boolean"
    if vals and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in vals):
        return "double" if any(isinstance(v, float) and not float(v).is_integer()
                               for v in vals) else "long"
    return "string"


def _plain(v: Any) -> Any:
    if _null(v):
        return None
    if hasattr(v, "item"):
        v = v.item()
    if isinstance(v, float) and math.isfinite(v) and v.is_integer():
        return int(v)
    return v


def write_graph(nodes: pd.DataFrame, edges: pd.DataFrame, out: Path, fmt: str = "graphml"
                ) -> Path:
    """Write the graph as GraphML (readable by Gephi, yEd, networkx) or node-link JSON."""
    out.parent.mkdir(parents=True, exist_ok=True)
    nrows = [{k: _plain(v) for k, v in r.items()} for r in nodes.to_dict("records")]
    erows = [{k: _plain(v) for k, v in r.items()} for r in edges.to_dict("records")]
    if fmt == "json":
        data = {"directed": True, "multigraph": False, "graph": {"name": "vnplan citations"},
                "nodes": [{"id": r["node_id"], **{k: v for k, v in r.items() if k != "node_id"}}
                          for r in nrows],
                "links": erows}
        out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        return out
    if fmt != "graphml":
        raise ValueError(f"unknown graph format {fmt!r} (graphml or json)")
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">']
    ncols = [c for c in NODE_COLUMNS if c != "node_id"]
    ecols = [c for c in EDGE_COLUMNS if c not in ("source", "target")]
    for c in ncols:
        t = _attr_type(r.get(c) for r in nrows)
        lines.append(f'  <key id="n_{c}" for="node" attr.name="{c}" attr.type="{t}"/>')
    for c in ecols:
        t = _attr_type(r.get(c) for r in erows)
        lines.append(f'  <key id="e_{c}" for="edge" attr.name="{c}" attr.type="{t}"/>')
    lines.append('  <graph id="citations" edgedefault="directed">')

    def data(prefix: str, r: dict, cols: list[str]) -> str:
        out_ = []
        for c in cols:
            v = r.get(c)
            if v is None:
                continue
            v = str(v).lower() if isinstance(v, bool) else str(v)
            out_.append(f'<data key="{prefix}_{c}">{escape(v)}</data>')
        return "".join(out_)

    for r in nrows:
        lines.append(f"    <node id={quoteattr(r['node_id'])}>{data('n', r, ncols)}</node>")
    for i, r in enumerate(erows):
        lines.append(f"    <edge id=\"e{i}\" source={quoteattr(r['source'])} "
                     f"target={quoteattr(r['target'])}>{data('e', r, ecols)}</edge>")
    lines += ["  </graph>", "</graphml>"]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out
