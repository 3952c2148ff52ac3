"""Themes of gender-equality plans: the codebook ``models/codebooks/themes.yaml`` and labelling.

A text gets every theme one of whose keywords or patterns it contains (multi-label), after the
codebook's masks have blanked what names a theme's word without being about it ("Sở Y tế",
"ngày Quốc tế Phụ nữ 8-3"). The codebook's other tables (issuer levels, addressees, sectors,
reporting words) are loaded here too, as :class:`Rule` lists.

>>> [h.theme for h in label("Tham dự Khóa họp của Ủy ban Địa vị phụ nữ của Liên hợp quốc")]
['international']
>>> [h.theme for h in label("kiểm tra Ban VSTBPN các đơn vị: Sở Y tế, Sở Giáo dục và Đào tạo")]
['inspection']
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from models import ROOT

CODEBOOK = ROOT / "codebooks" / "themes.yaml"
FLAGS = regex.VERBOSE | regex.IGNORECASE | regex.V0


@dataclass(frozen=True, slots=True)
class Theme:
    """One entry of the codebook."""

    id: str
    label: str
    label_vi: str
    definition: str
    matchers: tuple[tuple[str, Any], ...]  # (keyword or pattern as written, compiled regex)
    examples: tuple[str, ...]
    counterexamples: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Rule:
    """An entry of one of the codebook's other tables (levels, addressees, sectors, masks)."""

    id: str
    regex: Any
    examples: tuple[str, ...]
    counterexamples: tuple[str, ...]
    data: dict

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


@dataclass(frozen=True, slots=True)
class Hit:
    """A theme found in a text: how many distinct matchers fired, and what they matched."""

    theme: str
    score: int
    evidence: tuple[str, ...]


@cache
def codebook_data() -> dict:
    """The codebook file as a plain dict."""

    from models.load import load_yaml

    return load_yaml(CODEBOOK)


def _keyword_regex(phrase: str) -> Any:
    body = r"\s+".join(regex.escape(w) for w in phrase.split())
    return regex.compile(r"(?<![\p{L}\p{N}])" + body + r"(?![\p{L}\p{N}])", FLAGS)


@cache
def themes() -> tuple[Theme, ...]:
    """Every theme of the codebook, in file order."""
    out = []
    for e in codebook_data()["themes"]:
        matchers = [(k, _keyword_regex(k)) for k in e.get("keywords") or ()]
        matchers += [(p.strip(), regex.compile(p, FLAGS)) for p in e.get("patterns") or ()]
        out.append(Theme(id=e["id"], label=e["label"], label_vi=e.get("label_vi", e["label"]),
                         definition=" ".join(str(e.get("definition", "")).split()),
                         matchers=tuple(matchers),
                         examples=tuple(e.get("examples") or ()),
                         counterexamples=tuple(e.get("counterexamples") or ())))
    return tuple(out)


def theme_ids() -> tuple[str, ...]:
    """The theme ids in codebook order."""
    return tuple(t.id for t in themes())


def theme_labels() -> dict[str, str]:
    """Theme id -> English label."""
    return {t.id: t.label for t in themes()}


@cache
def rules(table: str) -> tuple[Rule, ...]:
    """The entries of one of the codebook's rule tables: ``masks``, ``levels``, ``addressees``,
    ``sectors`` or ``reporting``."""
    out = []
    for e in codebook_data().get(table) or ():
        e = dict(e)
        out.append(Rule(id=e.pop("id"), regex=regex.compile(e.pop("regex"), FLAGS),
                        examples=tuple(e.pop("examples", ()) or ()),
                        counterexamples=tuple(e.pop("counterexamples", ()) or ()), data=e))
    return tuple(out)


def masked(text: str) -> str:
    """``text`` prepared, with every mask of the codebook blanked out (same length).

    >>> masked("kiểm tra Sở Y tế").strip()
    'kiểm tra'
    """
    from analysis.similarity import prepare

    s = prepare(text)
    for r in rules("masks"):
        s = r.regex.sub(lambda m: " " * len(m.group()), s)
    return s


def label(text: str, *, prepared: bool = False) -> list[Hit]:
    """The themes of ``text``, in codebook order.

    >>> [h.theme for h in label("Tổ chức các cuộc họp định kỳ của Ủy ban quốc gia.")]
    ['regular_work']
    """
    s = text if prepared else masked(text)
    out = []
    for t in themes():
        found: list[str] = []
        for _src, rx in t.matchers:
            m = rx.search(s)
            if m:
                found.append(" ".join(m.group().split()))
        if found:
            out.append(Hit(theme=t.id, score=len(found), evidence=tuple(dict.fromkeys(found))))
    return out


def first_rule(table: str, text: str | None) -> Rule | None:
    """The rule of ``table`` whose match starts earliest in ``text`` (ties: file order)."""
    if not text:
        return None
    best: tuple[int, int, Rule] | None = None
    for i, r in enumerate(rules(table)):
        m = r.regex.search(text)
        if m and (best is None or (m.start(), i) < best[:2]):
            best = (m.start(), i, r)
    return best[2] if best else None


def sector(unit: str | None) -> str | None:
    """The sector of a unit name (``sectors`` table), or ``None``.

    >>> sector("Sở Lao động - Thương binh và Xã hội")
    'labour_social'
    """
    from analysis.similarity import prepare

    r = first_rule("sectors", prepare(unit or ""))
    return r.id if r else None


def issuer_level(issuer: str | None = None, number: str | None = None) -> str | None:
    """The level of an issuer named in a citation, or failing that of the number's symbol.

    >>> issuer_level("Chủ tịch UBND tỉnh"), issuer_level(None, "2282/QĐ-TTg")
    ('province', 'national')
    """
    from analysis.similarity import prepare

    if issuer:
        text = prepare(issuer)
        best: tuple[int, int, str] | None = None
        for i, r in enumerate(rules("levels")):
            if r.get("applies_to") != "issuer":
                continue
            m = r.regex.search(text)
            if m and (best is None or (m.start(), i) < best[:2]):
                best = (m.start(), i, r.get("level"))
        if best:
            return best[2]
    if number:
        for r in rules("levels"):
            if r.get("applies_to") == "symbol" and r.regex.search(number.strip()):
                return r.get("level")
    return None


def addressed_levels(text: str | None) -> list[tuple[str, str]]:
    """``(level, matched text)`` for every way ``text`` addresses a lower level."""
    from analysis.similarity import prepare

    if not text:
        return []
    s = prepare(text)
    out = []
    for r in rules("addressees"):
        m = r.regex.search(s)
        if m:
            out.append((r.get("level"), " ".join(m.group().split())))
    return out


def reporting_kinds(text: str | None) -> set[str]:
    """The ``reporting`` kinds (``report``, ``half_year``, ``quarter``, ``year``) in ``text``."""
    if not text:
        return set()
    return {r.get("kind") for r in rules("reporting") if r.regex.search(text)}


# ---------------------------------------------------------------------------------------------
# labelling the tables of a corpus


def _heading_hits(titles: Iterable[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for title in titles:
        for h in label(title):
            out.setdefault(h.theme, []).extend(f"heading: {e}" for e in h.evidence)
    return out


def label_rows(unit: str, rows: Iterable[dict], text_key: str = "text",
               heading_key: str | None = None) -> list[dict]:
    """Theme rows for the units of one kind (``section``, ``assignment``, ``task``).

    Each input row needs ``doc_id``, ``idx`` and the text under ``text_key``; with
    ``heading_key`` (a JSON list of enclosing headings) the unit also inherits their themes.
    One output row per (unit, theme): ``doc_id, unit, idx, theme, score, via, evidence``.
    """
    out = []
    for r in rows:
        hits = {h.theme: h for h in label(str(r.get(text_key) or ""))}
        inherited: dict[str, list[str]] = {}
        if heading_key and r.get(heading_key):
            heads = r[heading_key]
            heads = json.loads(heads) if isinstance(heads, str) else heads
            inherited = _heading_hits(heads or ())
        for theme in theme_ids():
            own = hits.get(theme)
            inh = inherited.get(theme)
            if not own and not inh:
                continue
            evidence = list(own.evidence if own else ()) + list(dict.fromkeys(inh or ()))
            out.append({"doc_id": r["doc_id"], "unit": unit, "idx": int(r["idx"]),
                        "theme": theme, "score": (own.score if own else 0) + (1 if inh else 0),
                        "via": "text" if own and not inh else ("heading" if not own else "both"),
                        "evidence": json.dumps(evidence, ensure_ascii=False)})
    return out
