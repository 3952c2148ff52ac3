"""Tables inside plain text: markdown pipe tables, the tab-indented dump of a Word table, and the
bar-line dump of a table converted from a legal-documents website.

Pipe table::

    | STT | Nội dung | Chủ trì |
    |-----|----------|---------|
    | 1   | Tổ chức… | Sở Y tế |

Word-table text dump (what "save as text" writes: one cell per line, each line opened by a tab;
rows separated by blank lines; a cell's own line breaks continue on lines without the tab)::

    \\tSTT
    \\tNỘI DUNG
    \\tCHỦ TRÌ

    \\t1
    \\tTăng cường công tác phối hợp …
    \\tBan VSTBPNVN tỉnh

A blank line may also fall inside a row (a cell ending with an empty paragraph). When the header
opens with an STT column, a blank line ends a row only once the row has a cell for every header
column, or when the next cell holds a row number; a row whose STT cell is empty continues the
task of the row before it (tables.py decides that).

Bar-line dump (thuvienphapluat-style: every cell border is a line holding a lone ``|``; a cell's
text is hard-wrapped over several lines; a row is closed by ``|`` and the next one opened by
another, so a row boundary and an empty cell look alike)::

    |
    **STT**
    |
    **NHIỆM VỤ VÀ GIẢI PHÁP**
    |
    **CHỦ TRÌ**
    |
    |
    1
    |
    Rà soát, kịp thời cụ thể
    hóa các cơ chế …
    |
    Sở Tài chính
    |

Two borders with nothing between them end a row when the row already has as many cells as the
table's data rows (the most common distance between row numbers), or when a row number follows.
A bar-line block that does not come out as a table of at least three columns and two rows whose
first row is a header (an STT column, or two known column words) — the borderless layout table of
a header or a signature, a whole web page laid out in bars — is left to the paragraph reader.
"""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

import regex

from pipeline.document import RawBlock, RawCell
from pipeline.ingest.layout import layout_kind

# markdown emphasis around words in a cell: "**Sở Y tế**", "*Hà Nội, ngày 12 …*"
EMPHASIS = regex.compile(r"(?<![\p{L}\p{N}])[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?![\p{L}\p{N}])")
BR = regex.compile(r"<br\s*/?>", regex.I)
PIPE_ROW = regex.compile(r"^\s*\|.*\|\s*$")
PIPE_RULE = regex.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
# a row number as the STT cell prints it: 1, 12, 1.2, IV, a), -, +
ROW_LABEL = regex.compile(
    r"^\s*\**\s*(?:\d{1,3}(?:\.\d{1,3})*\.?|[IVXLC]{1,6}\.?|[a-zđ]\)|[-+–])\s*\**\s*$"
)
STT_HEADER = regex.compile(
    r"^\s*\**\s*(?:stt|tt|số\s+tt|số\s+thứ\s+tự)\s*\.?\s*\**\s*$", regex.IGNORECASE
)
MARKUP = regex.compile(r"\*\*|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)|(?<!\w)_(?=\S)|(?<=\S)_(?!\w)")
LIST_LINE = regex.compile(r"^\s*(?:[-+•–]\s|\d{1,2}[.)]\s)")


def _pipe_cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner.removeprefix("|").removesuffix("|")
    return [BR.sub("\n", c.strip()) for c in inner.split("|")]


def _match_pipe(lines: list[tuple[str, int]], i: int) -> tuple[RawBlock, int] | None:
    first = lines[i][0]
    if not PIPE_ROW.match(first) or first.count("|") < 3:
        return None
    if i + 1 >= len(lines) or not (
        PIPE_RULE.match(lines[i + 1][0]) or PIPE_ROW.match(lines[i + 1][0])
    ):
        return None
    rows = []
    j = i
    while j < len(lines) and PIPE_ROW.match(lines[j][0]) and lines[j][0].count("|") >= 2:
        if not PIPE_RULE.match(lines[j][0]):
            rows.append(tuple(RawCell(text=EMPHASIS.sub("", c), bold=c.strip().startswith("**"))
                              for c in _pipe_cells(lines[j][0])))
        j += 1
    ruled = any(PIPE_RULE.match(lines[k][0]) for k in range(i, j))
    if len(rows) < (1 if ruled else 2):  # a ruled one-row table: a header layout table
        return None
    return RawBlock(
        kind="table",
        rows=tuple(rows),
        source_start=lines[i][1],
        source_end=lines[j - 1][1] + len(lines[j - 1][0]),
    ), j


# ---------------------------------------------------------------------------- tab dump


def _is_tab(line: str) -> bool:
    return line.startswith("\t")


def _tab_rows_by_width(block: list[str]) -> list[list[str]]:
    """Rows of a tab dump printed without blank lines between rows: the header row runs up to
    the first row number ("1"), and every row has as many cells as the header."""
    cells: list[str] = []
    for line in block:
        if _is_tab(line):
            cells.append(line[1:].strip())
        elif line.strip() and cells:
            cells[-1] = (cells[-1] + "\n" + line.strip()).strip()
    width = next((k for k, c in enumerate(cells) if k and ROW_LABEL.match(c) and c), len(cells))
    return [cells[k:k + width] for k in range(0, len(cells), width)] if width else [cells]


def _tab_rows(block: list[str]) -> list[list[str]]:
    """Rows of a tab dump (lines of the region, blanks included), see the module docstring."""
    first = next((ln for ln in block if _is_tab(ln)), "")
    by_stt = bool(STT_HEADER.match(first[1:]))
    tabbed = [k for k, ln in enumerate(block) if _is_tab(ln)]
    if by_stt and not any(not block[k].strip() and not _is_tab(block[k])
                          for k in range(tabbed[0], tabbed[-1])):
        return _tab_rows_by_width(block)
    rows: list[list[str]] = []
    cur: list[str] = []
    ncols = 0
    gap = False
    for line in block:
        if not _is_tab(line):
            if not line.strip():
                gap = True
            elif cur:
                cur[-1] = (cur[-1] + "\n" + line.strip()).strip()
            continue
        text = line[1:].strip()
        if cur and gap:
            if not by_stt or not rows:
                new_row = True
            else:
                new_row = len(cur) >= ncols or bool(ROW_LABEL.match(text) and text)
            if new_row:
                rows.append(cur)
                ncols = max(ncols, len(rows[0]))
                cur = []
        gap = False
        cur.append(text)
    if cur:
        rows.append(cur)
    return rows


def _match_tabdump(lines: list[tuple[str, int]], i: int) -> tuple[RawBlock, int] | None:
    if not _is_tab(lines[i][0]):
        return None
    # the region: tab lines, blanks, and untabbed lines that continue a cell before more tab lines
    j = i
    last_tab = i
    while j < len(lines):
        line = lines[j][0]
        if _is_tab(line):
            last_tab = j
        elif line.strip():
            ahead = [k for k in range(j + 1, min(j + 4, len(lines))) if _is_tab(lines[k][0])]
            if not ahead:
                break
        j += 1
    end = last_tab + 1
    # a cell's continuation right after the last tab line belongs to the table too
    while (
        end < len(lines)
        and lines[end][0].strip()
        and not _is_tab(lines[end][0])
        and lines[end][0][:1] == " "
    ):
        end += 1
    tab_lines = sum(1 for k in range(i, end) if _is_tab(lines[k][0]))
    if tab_lines < 4:
        return None
    rows = _tab_rows([lines[k][0] for k in range(i, end)])
    if len(rows) < 2:
        return None
    block = RawBlock(
        kind="table",
        rows=tuple(tuple(RawCell(text=c) for c in r) for r in rows),
        source_start=lines[i][1],
        source_end=lines[end - 1][1] + len(lines[end - 1][0]),
    )
    return block, end


# ---------------------------------------------------------------------------- bar-line dump


def _is_bar(line: str) -> bool:
    return line.strip() == "|"


def _cell_text(parts: list[str]) -> tuple[str, bool]:
    """A bar-dump cell: hard-wrapped lines joined with spaces (a list item keeps its line),
    bold/italic markers removed. Returns (text, bold)."""
    raw = "\n".join(parts)
    bold = raw.strip().startswith("**")
    out = ""
    prev = ""
    for p in parts:
        p = MARKUP.sub("", p).strip()
        if not p:
            continue
        own_line = LIST_LINE.match(p) or (
            len(prev) < 40
            and p[:1].isupper()
            and not prev.endswith((",", "và"))
            and not (prev.isupper() and p.isupper())  # a heading in capitals wraps too
        )
        if out and own_line:
            out += "\n" + p
        else:
            out = (out + " " + p).strip()
        prev = p
    return out, bold


def _row_width(segments: list[str]) -> int:
    """Cells per data row: the most common distance between row numbers that follow a row
    boundary, less the boundary itself; else the header's width."""
    starts = [
        k
        for k in range(1, len(segments))
        if segments[k - 1] == "" and ROW_LABEL.match(segments[k]) and segments[k]
    ]
    gaps = Counter(b - a for a, b in pairwise(starts) if b - a > 1)
    if gaps:
        return gaps.most_common(1)[0][0] - 1
    return segments.index("") if "" in segments else len(segments)


def _split_long(row: list[str], width: int) -> list[list[str]]:
    """A row longer than the table holds a second row whose merged cells were not printed:
    split it at the empty border before a task-like text (long, capitalized)."""
    if len(row) <= width:
        return [row]
    for p in range(2, len(row) - 1):
        nxt = row[p + 1]
        if row[p] == "" and len(nxt) > 30 and nxt[:1].isupper():
            return [row[:p]] + _split_long(row[p + 1 :], width)
    return [row]


def _bar_rows(segments: list[str]) -> list[list[str]]:
    width = _row_width(segments)
    rows: list[list[str]] = []
    cur: list[str] = []
    k = 0
    while k < len(segments):
        seg = segments[k]
        if seg != "":
            cur.append(seg)
            k += 1
            continue
        m = k
        while m < len(segments) and segments[m] == "":
            m += 1
        nxt = segments[m] if m < len(segments) else ""
        if any(cur) and (m == len(segments) or ROW_LABEL.match(nxt)):
            rows.append(cur)  # empty cells before the next row number: the row ends here
            cur = []
            k = m
            continue
        if len(cur) >= width:
            rows.append(cur)
            cur = []
        else:
            cur.append("")
        k += 1
    if any(cur):
        rows.append(cur)
    out: list[list[str]] = []
    for r in rows:
        if any(r):
            out.extend(_split_long(r, width))
    return out


def _looks_like_header(row: list[str]) -> bool:
    """A table's first row: an STT column first, or two cells with known column words
    (``models/patterns/table_columns.yaml``). A page laid out in bars (a whole web page, the
    header of a document) has neither."""
    if row and STT_HEADER.match(MARKUP.sub("", row[0])):
        return True
    from models.load import table

    kinds = {
        p.get("column")
        for c in row
        for p in table("table_columns")
        if len(c) < 80 and p.regex.search(c.strip(" *:"))
    }
    return len(kinds) >= 2


MAX_CELL_LINES = 30  # a bar-dump cell wrapped over more lines than this is the text after it
# a line that opens body text, never a cell's: an article, a chapter, an appendix heading
TEXT_OPENER = regex.compile(r"^(?:Điều\s+\d+\s*[.:]|Chương\s+[IVXLC\d]+\b|PHỤ\s+LỤC\b"
                            r"|Mục\s+\d+\s*[.:])")


def _match_bardump(lines: list[tuple[str, int]], i: int) -> tuple[RawBlock, int] | None:
    if not _is_bar(lines[i][0]):
        return None
    # the run of bar-delimited cells: up to a blank line, or to text too long to be one cell
    j, since_bar = i, 0
    while j < len(lines) and lines[j][0].strip() and since_bar <= MAX_CELL_LINES:
        since_bar = 0 if _is_bar(lines[j][0]) else since_bar + 1
        j += 1
    last = max(k for k in range(i, j) if _is_bar(lines[k][0]))
    cells: list[tuple[str, bool]] = []
    parts: list[str] = []
    prev_bar = i
    for k in range(i + 1, last + 1):
        line = lines[k][0]
        if _is_bar(line):
            # body text between two tables ("**Điều 10. …**", "2. Trình tự thực hiện"), or the
            # header row of the next table: this table ended at the bar before it
            if cells and (any(TEXT_OPENER.match(MARKUP.sub("", p).strip()) for p in parts)
                          or STT_HEADER.match(MARKUP.sub("", " ".join(parts)).strip())):
                last = prev_bar
                break
            cells.append(_cell_text(parts))
            parts = []
            prev_bar = k
        else:
            parts.append(line)
    segments = [t for t, _ in cells]
    if layout_kind("\n".join(segments[:8])) is not None:
        return None  # the page's own header or signature block laid out in bars, not a table
    bold = {k: b for k, (_, b) in enumerate(cells)}
    rows = _bar_rows(segments)
    if len(rows) < 2 or max(len(r) for r in rows) < 3 or not _looks_like_header(rows[0]) \
            or any(len(c) > 120 for c in rows[0]):
        return None
    # bold flags follow the segments in order; re-walk to attach them
    out_rows = []
    k = 0
    for r in rows:
        row_cells = []
        for text in r:
            while k < len(segments) and segments[k] != text:
                k += 1
            row_cells.append(RawCell(text=text, bold=bold.get(k, False)))
            k += 1
        out_rows.append(tuple(row_cells))
    block = RawBlock(
        kind="table",
        rows=tuple(out_rows),
        source_start=lines[i][1],
        source_end=lines[last][1] + len(lines[last][0]),
    )
    return block, last + 1


def match(lines: list[tuple[str, int]], i: int) -> tuple[RawBlock, int] | None:
    """A table starting at line ``i``: (the table block, the index of the line after it)."""
    return _match_pipe(lines, i) or _match_tabdump(lines, i) or _match_bardump(lines, i)
