"""Assignment tables: one assignment per task row of a "phân công nhiệm vụ" table.

find: a table whose header row (found by its column words, ``models/patterns/table_columns.yaml``,
in any order) has a task column and a lead column; a table with no header right after such a
table, with as many columns, continues it (a table split over pages), and a repeated header row
is skipped. interpret: each row after the header is

- a *group row* — a roman numeral in the STT cell ("II | HỖ TRỢ VÀ PHÁT TRIỂN …") or a heading
  alone in the row: it becomes the section of the rows under it (``PL.II``), not an assignment;
- a *task row* — its task, lead, support, output and due cells;
- a *continuation row* — an empty STT cell: empty cells take the value of the row above (a merged
  cell), so "| | | Ban X | Ban Y | |" under task 7 is task 7 again, with lead X and support Y;
- a *short row* without a row number — cells of a merged row that the text dump printed alone:
  they fill the columns from the task column on, the rest comes from the row above.

Units in the lead and support cells are split into canonical names (:func:`units.split_units`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from models import load
from extractors.common import due_of, dues_in, section_at
from extractors.units import fold, opens_unit, split_units
from pipeline.document import Block, Cell, Document
from pipeline.records import Assignment

ROMAN = regex.compile(r"^\s*([IVXLC]{1,6})\s*[.)]?\s*(?=\S|$)")
ROMAN_ONLY = regex.compile(r"^\s*[IVXLC]{1,6}(?:\.\d{1,2})*\s*[.)]?\s*$")  # "II", "I.1" (a group's)
ROW_NUMBER = regex.compile(r"^\s*(?:\d{1,3}(?:\.\d{1,3})*\.?|[a-zđ]\)|[-+])\s*$")
CELL_BREAK = regex.compile(r"\s+/\s+")
MIN_COLUMNS = 2


@dataclass(frozen=True, slots=True)
class Columns:
    """Column index of each kind in a header row (``task``, ``lead`` …), and its width."""

    index: dict[str, int]
    width: int

    def get(self, kind: str) -> int | None:
        return self.index.get(kind)


def _column_kind(text: str) -> tuple[str, bool] | None:
    """(kind, weak) of a header cell: ``weak`` when another column of the kind would be
    taken over it ("Đơn vị" beside "Cơ quan chủ trì theo dõi")."""
    t = fold(CELL_BREAK.sub(" ", text)).strip(" *:")
    if not t or len(t) > 80:
        return None
    for p in load.table("table_columns"):
        if p.regex.search(t):
            return str(p.get("column")), bool(p.get("weak"))
    return None


def header_columns(row: Sequence[Cell]) -> Columns | None:
    """The columns of a header row, or ``None`` when the row is not an assignment header.

    A header needs a task column and a lead column; each kind is taken by its first cell, a
    weak one ("Đơn vị") only when no other cell names the kind.

    >>> row = [Cell(text=t, start=0, end=0) for t in ("STT", "NỘI DUNG", "CHỦ TRÌ", "PHỐI HỢP")]
    >>> header_columns(row).index
    {'stt': 0, 'task': 1, 'lead': 2, 'support': 3}
    """
    index: dict[str, int] = {}
    weak: set[str] = set()
    for k, c in enumerate(row):
        found = _column_kind(c.text)
        if found is None:
            continue
        kind, is_weak = found
        if kind not in index or (kind in weak and not is_weak):
            index[kind] = k
            weak.discard(kind)
            if is_weak:
                weak.add(kind)
    if "task" in index and "lead" in index:
        return Columns(index=index, width=len(row))
    return None


def _find_header(rows: Sequence[Sequence[Cell]]) -> tuple[int, Columns] | None:
    for r, row in enumerate(rows[:3]):
        cols = header_columns(row)
        if cols is not None:
            return r, cols
    return None


def _texts(row: Sequence[Cell]) -> list[str]:
    return [c.text.strip() for c in row]


def _is_header_again(row: Sequence[Cell], header: Sequence[Cell]) -> bool:
    a = [fold(t).casefold() for t in _texts(row)]
    b = [fold(t).casefold() for t in _texts(header)]
    return bool(a) and a == b[: len(a)]


def _group_label(row: Sequence[Cell], cols: Columns) -> str | None:
    """The label of a group row ("II"), "" for an unlabelled heading row, ``None`` otherwise."""
    texts = _texts(row)
    filled = [t for t in texts if t]
    if not filled:
        return None
    stt = cols.get("stt")
    lead = cols.get("lead")
    first = texts[stt] if stt is not None and stt < len(texts) else texts[0]
    if ROMAN_ONLY.match(first):
        return ROMAN_ONLY.match(first).group().strip(" .)")  # type: ignore[union-attr]
    lead_text = texts[lead] if lead is not None and lead < len(texts) else ""
    if (
        len(filled) == 1
        and not lead_text
        and (len(row) == 1 or len(texts) < cols.width or row[0].colspan > 1 or not first)
    ):
        m = ROMAN.match(filled[0])
        return m.group(1) if m else ""
    return None


def _cell(row: Sequence[str], k: int | None) -> str:
    if k is None or k >= len(row):
        return ""
    return row[k]


def _clean(text: str) -> str:
    return " ".join(CELL_BREAK.sub(" ", text).split())


def _assignments_of(
    block: Block, cols: Columns, first_row: int, doc: Document, base: str
) -> list[Assignment]:
    out: list[Assignment] = []
    header = block.rows[first_row - 1] if first_row > 0 else ()
    prev: dict[str, str] | None = None
    prev_dues: tuple[str, ...] = ()  # the deadlines of the row ``prev``
    section = base
    task_col = cols.get("task") or 0
    for row in block.rows[first_row:]:
        if header and _is_header_again(row, header):
            continue
        label = _group_label(row, cols)
        if label is not None:
            section = f"{base}.{label}" if label else base
            prev = None
            continue
        texts = _texts(row)
        stt_col = cols.get("stt")
        stt = _cell(texts, stt_col)
        values: dict[str, str] = {}
        short = (
            len(texts) < cols.width
            and not (stt and ROW_NUMBER.match(stt))
            and stt_col is not None
            and stt_col < task_col
        )
        for kind, k in cols.index.items():
            if short:
                k = k - task_col if k >= task_col else -1
                values[kind] = texts[k] if 0 <= k < len(texts) else ""
            else:
                values[kind] = _cell(texts, k)
        own_due = values.get("due", "").strip()  # before a continuation fills empty cells
        continuation = prev is not None and (short or not values.get("stt"))
        if continuation and prev is not None:
            for kind in ("task", "output", "due", "lead", "support"):
                if not values.get(kind):
                    values[kind] = prev.get(kind, "")
        task = _clean(values.get("task", ""))
        lead_text = values.get("lead", "")
        if not task or not lead_text.strip():
            continue
        above, above_dues = prev, prev_dues
        prev = values
        start, end = row[0].start, row[-1].end
        due_cell = cols.get("due")
        dues: tuple[str, ...] = ()
        if due_cell is not None and not short and due_cell < len(row):
            dues = dues_in(doc.deadlines, row[due_cell].start, row[due_cell].end)
        if not dues and continuation and above is not None and not own_due:
            dues = above_dues  # an empty due cell under a merged one: the row above's deadlines
        prev_dues = dues
        due = due_of(dues)
        output = _clean(values.get("output", "")) or None
        out.append(
            Assignment(
                task=task,
                lead=split_units(_rewrapped(lead_text)),
                support=(split_units(_rewrapped(values["support"]))
                         if values.get("support", "").strip() else ()),
                output=output,
                due=due,
                section=section,
                origin="table",
                span=(start, end),
                page=block.page,
                dues=dues,
            )
        )
    return out


def extract(doc: Document) -> tuple[Assignment, ...]:
    """The assignments of every assignment table of ``doc``, in order."""
    out: list[Assignment] = []
    last: tuple[Columns, str] | None = None
    for b in doc.blocks:
        if b.hints.region == "trailer":  # a website's text after the document
            break
        if b.kind != "table" or not b.rows:
            if not _page_furniture(b):
                last = None
            continue
        found = _find_header(b.rows)
        if found is not None:
            r, cols = found
            base = section_at(doc.sections, b.start)
            last = (cols, base)
            out.extend(_assignments_of(b, cols, r + 1, doc, base))
        elif last is not None and max(len(r) for r in b.rows) == last[0].width:
            out.extend(_assignments_of(b, last[0], 0, doc, last[1]))
    return tuple(out)


def _rewrapped(cell: str) -> str:
    """A units cell with the line breaks inside a name joined back: "Bộ / Khoa học và Công
    nghệ" is one body (the cell's line ran out), "Sở Y tế / Sở Tài chính" two."""
    parts = CELL_BREAK.split(cell)
    out = parts[:1]
    for p in parts[1:]:
        if p[:1].isupper() and not opens_unit(p):
            out[-1] += " " + p
        else:
            out.append(p)
    return " / ".join(out)


_NUMBER_ONLY = regex.compile(r"^\W*\d+\W*$")  # a page number


def _page_furniture(b: Block) -> bool:
    """A running header or page number between two parts of a table split over pages."""
    return len(b.text) < 12 or bool(_NUMBER_ONLY.match(b.text))
