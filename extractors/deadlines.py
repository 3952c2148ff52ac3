"""Deadlines extractor: every time limit or time window stated for an action or a report.

Adds ``doc.deadlines``: one :class:`~pipeline.records.Deadline` per mention, in document order.

    "Báo cáo … gửi về Sở … trước ngày 15/6/2024"     -> before, end 2024-06-15
    "Thời gian kiểm tra: Dự kiến vào tháng 5/2024"   -> on, end 2024-05
    "từ ngày 15/11 đến ngày 15/12/2024"               -> range 2024-11-15 .. 2024-12-15
                                                         (the start's year taken from the end)
    "báo cáo kết quả thực hiện hàng năm (trước ngày 15/12)" -> recurring yearly, end --12-15
    "trước ngày 05/6" in a plan for 2024              -> before, end 2024-06-05, year_inferred

How: the dates come from the grammar of :mod:`extractors.dates`; the cue just before a date
("trước ngày", "vào", "từ … đến", "dự kiến") decides the kind (``models/patterns/deadlines.yaml``);
a frequency word of the clause ("hằng năm", "định kỳ 6 tháng") makes a yearless date recurring.
Not deadlines: dates inside citations (the spans of ``doc.citations`` are masked), the
document's own date line and "(Kèm theo …)" line, dates with no cue that are not a month or a
quarter (a commemoration day "ngày Phụ nữ Việt Nam 20-10", a bare "năm 2024"), terms of office
("nhiệm kỳ 2021-2026"), targets ("đến năm 2030"), the period of a report ("báo cáo 6 tháng đầu
năm 2024"), plan periods in prose ("giai đoạn 2021-2030"; a period is a deadline only as a time
cell of a table: "2026-2030" in the column "Thời gian thực hiện"), header cells of a table, and
dates before the document's issue date (conditions: "Giấy chứng nhận cấp trước ngày 01/8/2024").

Decisions the contract leaves open: a quarter or a half year is kind ``on`` with ``end`` its last
month ("quý II/2024" -> 2024-06; "trước quý III/2024" -> before 2024-07, its first month); a
yearly date keeps no year (``--12-15``); a date with no year and no frequency takes the
document's year (``year_inferred``) and is dropped when the document has no single year.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from extractors import citations, dates
from models import load
from extractors.common import body_end, section_at
from extractors.dates import DateMatch, PartialDate
from pipeline.document import Document
from pipeline.records import Deadline
from pipeline.textmap import fold

CUE_WINDOW = 80  # characters before a date searched for its cue
DAYLIKE = frozenset({"day", "daymonth"})
MONTHLIKE = frozenset({"month", "monthonly"})
STRONG = frozenset({"month", "quarter"})  # precisions that are a deadline without a cue
Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Rules:
    cues: tuple[tuple[Any, str | None, bool], ...]  # (regex, kind, skip) of the cue-* patterns
    freqs: tuple[tuple[Any, str], ...]  # (regex, recurrence)
    rx: dict[str, Any]


@cache
def rules() -> Rules:
    """Load and compile the deadline rules once."""
    table = load.table("deadlines")
    return Rules(
        cues=tuple((p.regex, p.get("kind"), bool(p.get("skip"))) for p in table
                   if p.id.startswith("cue-")),
        freqs=tuple((p.regex, p.get("recurrence")) for p in table if p.get("recurrence")),
        rx={p.id: p.regex for p in table},
    )


@dataclass(frozen=True, slots=True)
class Found:
    """One deadline before it becomes a record (internal)."""

    start: int
    end: int
    kind: str
    first: PartialDate | None
    last: PartialDate
    recurrence: str | None = None
    year_inferred: bool = False


# ---------------------------------------------------------------- the document


def _time_cells(doc: Document) -> dict[int, bool | None]:
    """Per table cell start: is the cell in a time column ("Thời gian thực hiện")? ``None`` for
    a header cell: the header row names columns ("Năm 2026"), it sets no time."""
    r = rules()
    out: dict[int, bool | None] = {}
    for b in doc.tables():
        if not b.rows:
            continue
        cols = {j for j, c in enumerate(b.rows[0]) if r.rx["time-column"].search(c.text)}
        for i, row in enumerate(b.rows):
            for j, c in enumerate(row):
                out[c.start] = (j in cols) if i > 0 else None
    return out


def doc_year(doc: Document) -> int | None:
    """The one year the plan is for: metadata, else a single "năm YYYY" in the title, the issue
    date or the date line ("Thị trấn, ngày tháng 4 năm 2024"); ``None`` for a multi-year plan."""
    md = doc.metadata
    if getattr(md, "year", None):
        return int(md.year)
    if getattr(md, "period", None):
        return None
    title = getattr(md, "title", None) or citations.guess_title(doc)
    if title:
        found = dates.find(fold(title))
        if any(m.precision == "years" for m in found):
            return None
        years = {m.last.year for m in found if m.precision == "year"}
        if len(years) == 1:
            return years.pop()
    issued = getattr(md, "issued_date", None)
    if issued and issued[:4].isdigit():
        return int(issued[:4])
    date_line = rules().rx["own-date-line"]
    for b in doc.paragraphs()[:8]:
        if date_line.match(b.text):
            dated = [m for m in dates.find(doc.folded, b.start, b.end) if m.has_year]
            if dated:
                return dated[0].last.year
    return None


def _masked(doc: Document, spans: tuple[Span, ...]) -> list[Span]:
    """Spans whose dates are no deadlines: citations, the date line, the "Kèm theo" line."""
    cites = doc.citations or citations.extract(doc)
    out = [(c.span[0], c.span[1]) for c in cites]
    date_line = rules().rx["own-date-line"]
    out += [(lo, hi) for lo, hi in spans if date_line.match(doc.folded, lo, hi)]
    return out


def _in(spans: list[Span], start: int) -> bool:
    return any(s <= start < e for s, e in spans)


# ---------------------------------------------------------------- reading one date


def _cue(f: str, lo: int, pos: int) -> tuple[str | None, int, bool]:
    """The cue right before ``pos``: (kind, start of the cue, skip); the longest one wins."""
    base = max(lo, pos - CUE_WINDOW)
    best: tuple[str | None, int, bool] = (None, pos, False)
    for rx, kind, skip in rules().cues:
        m = rx.search(f, base, pos)
        if m and m.start() < best[1]:
            best = (kind, m.start(), skip)
    return best


def _recurrence(f: str, lo: int, hi: int, start: int, end: int) -> tuple[str | None, int]:
    """The frequency word of the clause around ``start:end`` ("hằng năm", "định kỳ 6 tháng")
    and where it starts."""
    left = max(f.rfind(". ", lo, start), f.rfind(";", lo, start))
    left = lo if left < 0 else left + 1
    rights = [x for x in (f.find(". ", end, hi), f.find(";", end, hi)) if x >= 0]
    right = min(rights) if rights else hi
    for rx, rec in rules().freqs:
        m = rx.search(f, left, right)
        if m:
            return rec, m.start()
    # the paragraph's opening word, far from the date: "i) Hàng năm, Quỹ phải báo cáo …; báo
    # cáo kiểm toán … trước ngày 31 tháng 12" (the deadline's text stays its own cue and date)
    opening = _OPENING.match(f, lo, min(hi, lo + 12))
    for rx, rec in rules().freqs:
        if rx.match(f, opening.end() if opening else lo, hi):
            return rec, start
    return None, start


_OPENING = regex.compile(r"\s*(?:[-+•*]|[a-zđ]\)|\d{1,2}(?:\.\d{1,2})*[.)])?\s*")


def _point(dm: DateMatch, kind: str) -> PartialDate:
    """The value a deadline of ``kind`` takes from one date: the limit of "trước quý III" is the
    quarter's first month, the time of "vào quý II" its last."""
    return dm.first if kind == "before" and dm.precision in ("quarter", "half") else dm.last


def _range(a: DateMatch, b: DateMatch, year: int | None, recurring: bool
           ) -> tuple[PartialDate, PartialDate, bool] | None:
    """The two ends of a range and whether a year was inferred; a yearless start takes the
    end's year (the year before when its month comes later: "từ 15/12 đến 15/01/2025")."""
    first, last = a.first, b.last
    if recurring and first.year is None and last.year is None:
        return first, last, False
    inferred = False
    end_year = last.year if last.year is not None else year
    if end_year is None:
        return None
    if last.year is None:
        last, inferred = last.with_year(end_year), True
    if first.year is None:
        y = end_year if (first.month or 0) <= (last.month or 0) else end_year - 1
        first, inferred = first.with_year(y), True
    return first, last, inferred


def _compatible(a: DateMatch, b: DateMatch) -> bool:
    """Can ``a`` start a range that ``b`` ends? Two days or two months, the later one at least
    as complete ("15/11 - 15/12/2024", not "15/11/2024 - 15/12")."""
    if a.precision in DAYLIKE and b.precision in DAYLIKE:
        return a.precision == "daymonth" or b.precision == "day"
    if a.precision in MONTHLIKE and b.precision in MONTHLIKE:
        return a.precision == "monthonly" or b.precision == "month"
    return False


def _from_cell(dm: DateMatch, cell: Span, timecol: bool, text: str) -> Found | None:
    """A table cell that is a time and nothing else: "Quý II/2024", "Giai đoạn 2026-2030"."""
    r = rules()
    parsed = dates.parse(text)
    if parsed is None or not parsed.has_year:
        return None
    if not timecol and not r.rx["cell-time-word"].search(text):
        return None
    lo, hi = cell
    if parsed.precision == "years":
        return Found(start=lo, end=hi, kind="range", first=dm.first, last=dm.last)
    kind = "before" if r.rx["cue-before"].search(text[: parsed.start]) else "on"
    return Found(start=lo, end=hi, kind=kind, first=None, last=_point(dm, kind))


# ---------------------------------------------------------------- extraction


def _single(f: str, dm: DateMatch, seg: Span, cue: tuple[str | None, int, bool],
            year: int | None) -> Found | None:
    """A deadline from one date and its cue, or ``None``."""
    kind, cue_start, skip = cue
    if skip or kind == "range":  # "từ ngày …" alone is a start (an effective date), no limit
        return None
    if kind is None:
        if dm.precision not in STRONG:
            return None
        kind, cue_start = "on", dm.start
    if dm.precision == "years":
        return None
    point = _point(dm, kind)
    if dm.has_year:
        return Found(start=cue_start, end=dm.end, kind=kind, first=None, last=point)
    rec, rec_at = _recurrence(f, seg[0], seg[1], dm.start, dm.end)
    if rec and dm.precision == "daymonth":
        return Found(start=min(cue_start, rec_at), end=dm.end, kind="recurring", first=None,
                     last=point, recurrence=rec)
    if rec is None and year is not None:
        return Found(start=cue_start, end=dm.end, kind=kind, first=None,
                     last=point.with_year(year), year_inferred=True)
    return None


def _find(doc: Document) -> list[Found]:
    r = rules()
    f = doc.folded
    spans = citations.segments(doc)
    cells = _time_cells(doc)
    masked = _masked(doc, spans)
    year = doc_year(doc)
    tokens = [d for d in dates.find(f, 0, body_end(doc)) if not _in(masked, d.start)]
    out: list[Found] = []
    i = 0
    while i < len(tokens):
        dm = tokens[i]
        i += 1
        lo, hi = seg = citations.segment_at(spans, dm.start)
        if lo in cells:
            if cells[lo] is None:
                continue
            cell = _from_cell(dm, seg, bool(cells[lo]), f[lo:hi])
            if cell is not None:
                out.append(cell)
                continue
        cue = _cue(f, lo, dm.start)
        nxt = tokens[i] if i < len(tokens) and tokens[i].start <= hi else None
        link = r.rx["range-link"].match(f, dm.end, nxt.start) if nxt is not None else None
        if nxt is not None and link is not None and _compatible(dm, nxt) \
                and (cue[0] == "range" or link.group("link") != "-" or dm.has_year):
            i += 1
            found = _ranged(f, dm, nxt, seg, cue, year)
            if found is not None:
                out.append(found)
            continue
        found = _single(f, dm, seg, cue, year)
        if found is not None:
            out.append(found)
    return out


def _ranged(f: str, a: DateMatch, b: DateMatch, seg: Span, cue: tuple[str | None, int, bool],
            year: int | None) -> Found | None:
    """A range "từ ngày 15/11 đến ngày 15/12/2024", "(15/11/2024 -15/12/2024)", or a yearly
    one ("Hàng năm, … từ ngày 15 tháng 11 đến ngày 15 tháng 12")."""
    kind, cue_start, skip = cue
    if skip:
        return None
    rec, rec_at = _recurrence(f, seg[0], seg[1], a.start, b.end)
    yearless = not (a.has_year or b.has_year)
    ends = _range(a, b, year, bool(rec) and yearless)
    if ends is None:
        return None
    if ends[0].year is None:
        return Found(start=min(cue_start, rec_at), end=b.end, kind="recurring", first=ends[0],
                     last=ends[1], recurrence=rec)
    return Found(start=cue_start if kind else a.start, end=b.end, kind="range", first=ends[0],
                 last=ends[1], year_inferred=ends[2])


def _past(d: Found, issued: str | None) -> bool:
    """Does the deadline end before the document was issued? Then it is a condition
    ("Giấy chứng nhận đã cấp trước ngày 01/8/2024") or a past event, not a time limit."""
    if not issued or d.last.year is None:
        return False
    end = d.last.iso
    return end < issued[: len(end)]


def extract(doc: Document) -> tuple[Deadline, ...]:
    """Every deadline of ``doc`` (see the module docstring).

    "… gửi báo cáo 06 tháng (trước ngày 05/6) …" in a plan for 2024
    -> Deadline(kind="before", start=None, end="2024-06-05", year_inferred=True, …)
    """
    issued = getattr(doc.metadata, "issued_date", None)
    out = []
    for d in _find(doc):
        if _past(d, issued):
            continue
        start, end = d.start, d.end
        while start < end and doc.text[start] in " ,;:()":
            start += 1
        while end > start and doc.text[end - 1] in " ,;:()":
            end -= 1
        out.append(Deadline(
            text=doc.text[start:end], kind=d.kind,
            start=d.first.iso if d.first is not None else None, end=d.last.iso,
            recurrence=d.recurrence, year_inferred=d.year_inferred,
            section=section_at(doc.sections, start), span=(start, end),
            page=doc.page_at(start),
        ))
    return tuple(out)
