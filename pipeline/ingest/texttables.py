"""Tables inside plain text: markdown pipe tables and the tab-indented dump of a Word table.

Pipe table::

    | STT | Nội dung | Chủ trì |
    |-----|----------|---------|
    | 1   | Tổ chức… | Sở Y tế |

Word-table text dump (what "save as text" writes: one cell per line, each line opened by a tab;
rows separated by blank lines; a cell's wrapped text continues on lines without the tab)::

    \\tSTT
    \\tNỘI DUNG
    \\tCHỦ TRÌ

    \\t1
    \\tTăng cường công tác phối hợp …
    \\tBan VSTBPNVN tỉnh
"""

from __future__ import annotations

import regex

from pipeline.document import RawBlock, RawCell

PIPE_ROW = regex.compile(r"^\s*\|.*\|\s*$")
PIPE_RULE = regex.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _pipe_cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return [c.strip().replace("<br>", "\n").replace("<br/>", "\n") for c in inner.split("|")]


def _match_pipe(lines: list[tuple[str, int]], i: int) -> tuple[RawBlock, int] | None:
    first = lines[i][0]
    if not PIPE_ROW.match(first) or first.count("|") < 3:
        return None
    if i + 1 >= len(lines) or not (PIPE_RULE.match(lines[i + 1][0]) or PIPE_ROW.match(lines[i + 1][0])):
        return None
    rows = []
    j = i
    while j < len(lines) and PIPE_ROW.match(lines[j][0]) and lines[j][0].count("|") >= 2:
        if not PIPE_RULE.match(lines[j][0]):
            rows.append(tuple(RawCell(text=c.replace("**", "")) for c in _pipe_cells(lines[j][0])))
        j += 1
    if len(rows) < 2:
        return None
    return RawBlock(kind="table", rows=tuple(rows), source_start=lines[i][1],
                    source_end=lines[j - 1][1] + len(lines[j - 1][0])), j


def _is_tab(line: str) -> bool:
    return line.startswith("\t")


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
    tab_lines = sum(1 for k in range(i, end) if _is_tab(lines[k][0]))
    if tab_lines < 4:
        return None
    rows: list[list[str]] = []
    cur: list[str] = []
    for k in range(i, end):
        line = lines[k][0]
        if not line.strip() and not _is_tab(line):
            if cur:
                rows.append(cur)
                cur = []
            continue
        if _is_tab(line):
            cur.append(line[1:].strip())
        elif cur:
            cur[-1] = (cur[-1] + "\n" + line.strip()).strip()
    if cur:
        rows.append(cur)
    if len(rows) < 2:
        return None
    block = RawBlock(kind="table",
                     rows=tuple(tuple(RawCell(text=c) for c in r) for r in rows),
                     source_start=lines[i][1],
                     source_end=lines[end - 1][1] + len(lines[end - 1][0]))
    return block, end


def match(lines: list[tuple[str, int]], i: int) -> tuple[RawBlock, int] | None:
    """A table starting at line ``i``: (the table block, the index of the line after it)."""
    return _match_pipe(lines, i) or _match_tabdump(lines, i)
