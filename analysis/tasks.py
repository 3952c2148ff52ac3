"""Task units of a document: what its themes are counted on and its alignment compares.

A national programme often states its tasks as bullets under numbered headings with no unit
named, so the assignments extractor finds few of them; a provincial plan names a unit for
most. The task units of a document are therefore:

- every assignment (``origin = "assignment"``, with its lead, support and due date), and
- every paragraph or bullet of the normalized text inside a section of kind ``tasks``,
  ``implementation`` or ``funding`` (or of the whole body when the document has no sections)
  that no assignment already covers (``origin = "text"``); a heading whose title runs on into
  text ("3. Sở Tài chính: Chủ trì, ...") gives its run-on text.

Each unit carries its section path and the titles of the headings above it (``headings``, a
JSON list, outermost first), from which it inherits themes.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import regex

TASK_KINDS = frozenset({"tasks", "implementation", "funding"})
_BULLET = regex.compile(r"^\s*(?:[-+•*–]|\(?[a-zđ0-9]{1,3}[.)])\s+", regex.IGNORECASE)
_CLOSING = regex.compile(r"^\s*(?:\*\*)?\s*(?:Nơi\s+nhận|Trên\s+đây\s+là)", regex.IGNORECASE)
_WORDS = regex.compile(r"\p{L}+")
_LABEL = regex.compile(r"^\s*(?:\*\*)?\s*(?:[IVXLC]+|\d{1,2}|[a-zđ]|Điều\s+\d+)[.):]\s*",
                       regex.IGNORECASE)


def _loads(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _is_missing(value: Any) -> bool:
    """``None`` or a float NaN (what pandas leaves in an empty cell)."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def _int(value: Any) -> int | None:
    return None if _is_missing(value) else int(value)


def paragraphs(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of the paragraph blocks of normalized ``text`` within a range (blocks are
    separated by a blank line; table rows, cells joined by ``" | "``, are left out)."""
    end = len(text) if end is None else end
    out = []
    pos = start
    while pos < end:
        nxt = text.find("\n\n", pos, end)
        stop = end if nxt < 0 else nxt
        chunk = text[pos:stop]
        if chunk.strip() and " | " not in chunk:
            lead = len(chunk) - len(chunk.lstrip())
            out.append((pos + lead, pos + len(chunk.rstrip())))
        pos = stop + 2 if nxt >= 0 else end
    return out


def _ancestors(path: str) -> list[str]:
    parts = path.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def _clean(text: str) -> str:
    s = _BULLET.sub("", text.strip())
    return " ".join(s.replace("**", "").split())


def doc_tasks(doc_id: str, sections: Sequence[Mapping], assignments: Sequence[Mapping],
              text: str | None) -> list[dict]:
    """The task units of one document (see the module docstring), in text order."""
    secs = sorted((dict(s) for s in sections), key=lambda s: (_int(s.get("start")) or 0,
                                                               _int(s.get("level")) or 0))
    by_path = {s["path"]: s for s in secs}
    top_kind: dict[str, str | None] = {}
    for s in secs:
        anc = _ancestors(s["path"])
        root = by_path.get(anc[0]) if anc else s
        top_kind[s["path"]] = (root or s).get("kind")

    def innermost(pos: int) -> dict | None:
        best = None
        for s in secs:
            st, en = _int(s.get("start")), _int(s.get("end"))
            if st is None or en is None:
                continue
            if st <= pos < en and (best is None or (_int(s.get("level")) or 0)
                                   >= (_int(best.get("level")) or 0)):
                best = s
        return best

    def headings(path: str | None) -> list[str]:
        if not path:
            return []
        chain = [*_ancestors(path), path]
        return [by_path[p]["title"] for p in chain if p in by_path and by_path[p].get("title")]

    units: list[dict] = []
    covered: list[tuple[int, int]] = []
    for a in assignments:
        st, en = _int(a.get("span_start")), _int(a.get("span_end"))
        if st is not None and en is not None:
            covered.append((st, en))
        path = a.get("section")
        if _is_missing(path):
            path = None
        units.append({
            "doc_id": doc_id, "origin": "assignment", "assignment_idx": _int(a.get("idx")),
            "section": path, "section_kind": top_kind.get(path) if path else None,
            "headings": json.dumps(headings(path), ensure_ascii=False),
            "text": " ".join(str(a.get("task") or "").split()),
            "lead": json.dumps(_loads(a.get("lead")) or [], ensure_ascii=False),
            "support": json.dumps(_loads(a.get("support")) or [], ensure_ascii=False),
            "due": None if _is_missing(a.get("due")) else a.get("due"),
            "span_start": st, "span_end": en,
        })

    if text:
        if secs:
            ranges = [(s, _int(s["start"]), _int(s["end"])) for s in secs
                      if top_kind.get(s["path"]) in TASK_KINDS and s.get("start") is not None]
            starts = {(_int(s["start"])): s for s in secs}
        else:
            cut = _CLOSING.search(text)
            body_end = cut.start() if cut else len(text)
            first = text.find("\n\n")
            ranges = [(None, first + 2 if first >= 0 else 0, body_end)]
            starts = {}
        seen: set[tuple[int, int]] = set()
        for _sec, lo, hi in ranges:
            for ps, pe in paragraphs(text, lo or 0, hi):
                if (ps, pe) in seen:
                    continue
                seen.add((ps, pe))
                para = text[ps:pe]
                if _CLOSING.match(para):
                    continue
                sec = innermost(ps)
                if sec is not None and top_kind.get(sec["path"]) not in TASK_KINDS and secs:
                    continue
                body = para
                if ps in starts:  # a heading: keep what runs on after its title
                    title = starts[ps].get("title") or ""
                    at = para.find(title) if title else -1
                    rest = para[at + len(title):] if at >= 0 else para
                    if len(_WORDS.findall(rest)) < 5:
                        continue
                    if regex.match(r"\s*(?:\*\*)?\s*[:.]", rest):
                        body = rest.lstrip(" *").lstrip(":.").lstrip(" *")
                    else:  # a numbered paragraph whose title is its cut first sentence
                        body = _LABEL.sub("", para, count=1)
                cov = sum(max(0, min(pe, ce) - max(ps, cs)) for cs, ce in covered)
                if cov >= 0.5 * (pe - ps):
                    continue
                cleaned = _clean(body)
                if len(_WORDS.findall(cleaned)) < 5:
                    continue
                path = sec["path"] if sec else None
                units.append({
                    "doc_id": doc_id, "origin": "text", "assignment_idx": None,
                    "section": path, "section_kind": top_kind.get(path) if path else None,
                    "headings": json.dumps(headings(path), ensure_ascii=False),
                    "text": cleaned, "lead": "[]", "support": "[]", "due": None,
                    "span_start": ps + (pe - ps - len(body)), "span_end": pe,
                })

    units.sort(key=lambda u: (u["span_start"] if u["span_start"] is not None else 10**9,
                              u["origin"]))
    for i, u in enumerate(units):
        u["idx"] = i
    return units


def corpus_tasks(documents: Iterable[str], sections: Mapping[str, Sequence[Mapping]],
                 assignments: Mapping[str, Sequence[Mapping]],
                 texts: Mapping[str, str | None]) -> list[dict]:
    """The task units of every document id of ``documents``."""
    out: list[dict] = []
    for doc_id in documents:
        out.extend(doc_tasks(doc_id, sections.get(doc_id, ()), assignments.get(doc_id, ()),
                             texts.get(doc_id)))
    return out
