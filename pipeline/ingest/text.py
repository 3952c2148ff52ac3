"""Reader for ``.txt`` and ``.md``: decoded text -> blocks in reading order.

Markdown markup (``#`` headings, ``**bold**``, ``*italic*``, ``\\-`` escapes) becomes hints and is
removed from the text. Tables come in two shapes: pipe tables (``| a | b |``) and the text dump of
a Word table (one cell per tab-indented line); both are recognized by :mod:`.texttables`. A line
that is only ``|`` (a flattened layout-table cell border, as converters of legal-document
websites leave them) separates blocks. Hard-wrapped lines are joined back into paragraphs.
"""

from __future__ import annotations

import unicodedata
from functools import cache

import regex

from pipeline.document import Hints, RawBlock
from pipeline.ingest import texttables
from pipeline.ingest.layout import layout_kind
from pipeline.textmap import Segments, compress, place, push

HEADING = regex.compile(r"^(#{1,6})\s+")
# markup opening a line: heading marks and bold markers, in any order ("## **2. …", "** # …")
HASHES = regex.compile(r"#{1,6}")
LEAD = regex.compile(r"^\s*(?:(?:#{1,6}(?=\s|$)|\*\*|__)\s*)+")
ESCAPE = regex.compile(r"\\([-.*_#+()\[\]|!>`])")
LIST_MARK = regex.compile(r"^\s*(?:[-+•*▪◦●]\s|\d{1,3}[.)]\s|[a-zđ][.)]\s|[IVXLC]{1,6}[.)]\s)")
# a line opening a new unit of structure: bullets, numbering, articles, căn cứ lines, cell borders
STRUCTURAL = regex.compile(
    r"""^\s*(?:
        [-+•▪◦●]\s                                  # - bullet
      | \d{1,3}(?:\.\d{1,3})*[.)]\s                   # 1. / 1.2. / 1)
      | [a-zđ][.)]\s                                  # a) / b.
      | [IVXLC]{1,6}[.)]\s                            # II.
      | [A-ZĐ]\.[\s*]                                 # A. DANH MỤC (appendix parts)
      | (?:Điều|ĐIỀU)\s+\d                            # Điều 1 (not "điều kiện")
      | (?:Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN)\s+[IVXLC\d]+\b  # Chương II (not "Chương trình")
      | (?:Phụ\s+lục|PHỤ\s+LỤC)\b                    # Phụ lục I
      | (?:Căn\s+cứ|Theo\s+đề\s+nghị|Xét\s+đề\s+nghị)\b
      | Số\s*:                                        # Số: 12/KH-UBND
      | Nơi\s+nhận
      | \|
    )""",
    regex.X,
)
TERMINAL = regex.compile(r"[.;:!?…]\s*$")
LABEL_WORDS = frozenset({"Điều", "ĐIỀU", "Chương", "CHƯƠNG", "Mục", "MỤC", "Phần", "PHẦN"})
DASH_RULE = regex.compile(r"^[-_=*.\s]{3,}$")
# typist's initials left at the end of the text, set in italics: "… Xã hội) *nh*", "*huy*"
INITIALS = regex.compile(r"(?:^|(?<=\S)\s+)\*[a-zđ]{1,5}\*\s*$")


def decode(data: bytes) -> tuple[str, str]:
    """Bytes -> (text, encoding name). UTF-8 with or without BOM, UTF-16 by BOM or NUL pattern."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    head = data[:400]
    if len(head) >= 4:
        odd, even = head[1::2].count(0), head[0::2].count(0)
        if odd >= 0.3 * len(head) / 2 and even == 0:
            return data.decode("utf-16-le", errors="replace"), "utf-16-le"
        if even >= 0.3 * len(head) / 2 and odd == 0:
            return data.decode("utf-16-be", errors="replace"), "utf-16-be"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1258", errors="replace"), "cp1258"


def _strip_markup(line: str, start: int) -> tuple[str, Segments, Hints]:
    """Remove markdown markup from one line; return text, its source map, hints."""
    lead = LEAD.match(line)
    pos = lead.end() if lead else 0
    marks = lead.group() if lead else ""
    h = HASHES.search(marks)
    heading = len(h.group()) if h else None
    body = line[pos:]
    stripped = body.strip()
    bold = "**" in marks or "__" in marks
    italic = not bold and stripped.startswith("*") and stripped.rstrip().endswith("*")
    if not any(c in body for c in "*_\\"):  # no inline markup: the line as it is
        return body, ((0, start + pos),) if body else (), \
            Hints(bold=bold, italic=italic, heading=heading)
    chars: list[str] = []
    offs: list[int] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body) and ESCAPE.match(body, i):
            chars.append(body[i + 1])
            offs.append(start + pos + i + 1)
            i += 2
            continue
        if ch in "*_" and (body.startswith("**", i) or body.startswith("__", i)):
            i += 2
            continue
        if ch == "*" and (i == 0 or not body[i - 1].isalnum() or i + 1 >= len(body)
                          or not body[i + 1].isalnum() or body[i - 1] in " *"):
            i += 1
            continue
        chars.append(ch)
        offs.append(start + pos + i)
        i += 1
    return "".join(chars), compress(offs), Hints(bold=bold, italic=italic, heading=heading)


def _width(line: str) -> int:
    """Printed width: characters after composition (NFD input is as wide as NFC)."""
    if line.isascii() or unicodedata.is_normalized("NFC", line):
        return len(line)
    return len(unicodedata.normalize("NFC", line))


def _wrap_width(lines: list[str]) -> int:
    """The width a hard-wrapped file was wrapped at, or 0 when its lines are paragraphs."""
    lengths = sorted(_width(x.rstrip()) for x in lines if _width(x.strip()) > 20)
    if len(lengths) < 10:
        return 0
    p90 = lengths[int(len(lengths) * 0.9)]
    if p90 > 140:
        return 0
    # the lines of a wrapped paragraph end near the width; its last line, a heading, a table
    # cell anywhere: so counted among the lines over half the width, which those rarely are
    long = [n for n in lengths if n > p90 / 2]
    near = sum(1 for n in long if p90 - 25 <= n <= p90 + 5)
    return p90 if near >= 0.4 * len(long) else 0


@cache
def _continuation_words() -> frozenset[str]:
    from models.load import data

    return frozenset(str(w) for w in data("reader")["continues_after"])


def _blank_separated(lines: list[str]) -> bool:
    """Does the file part its paragraphs with blank lines? Most lines ending a sentence are
    followed by one (a list typed line by line, without blanks, keeps some from it)."""
    ends = [not lines[k + 1].strip() for k in range(len(lines) - 1)
            if lines[k].strip() and TERMINAL.search(lines[k].rstrip(" *_"))]
    return len(ends) >= 10 and sum(ends) >= 0.6 * len(ends)


def _joins(prev: str, nxt: str, width: int, opens_bold: bool = False,
           first: bool = False) -> bool:
    """Does line ``nxt`` continue the paragraph ending with line ``prev`` (no blank between)?
    ``opens_bold``: ``nxt`` opens a bold run of its own, none being open: a new block ("… SỞ
    XÂY DỰNG" + "**GIÁM ĐỐC TRUNG TÂM …**", the enacting authority under a wrapped title).
    ``first``: ``prev`` opens its block in a file whose paragraphs blank lines part; there a
    short first line before a full one is a wrap, as converters indent a paragraph's first
    line ("a) Chủ trì tham mưu Chủ tịch" + "UBND tỉnh về phát triển hạ tầng …")."""
    p, n = prev.rstrip(" *_"), nxt.lstrip(" *_")
    if p.lstrip(" *_#") in LABEL_WORDS and n[:1].isalnum():
        return True  # "**Điều" + "1. **Công bố …": a label word cut from its number
    if not p or not n or STRUCTURAL.match(nxt.lstrip("*_ ")) or DASH_RULE.match(n):
        return False
    if TERMINAL.search(p) or DASH_RULE.match(p):
        return False
    if opens_bold:
        return False
    if p.lstrip(" *_").startswith("(") and p.endswith(")"):  # "(Kèm theo Quyết định số …)"
        return False

    last = p.rsplit(None, 1)[-1].lower()
    if last in _continuation_words():  # "… tham mưu Ủy ban nhân dân tỉnh về" + "phát triển …"
        return True
    letters = [c for c in p if c.isalpha()]
    if letters and all(c.isupper() for c in letters):  # ALL-CAPS lines stay apart (headers)
        n_letters = [c for c in n if c.isalpha()]
        if not (width and n_letters and all(c.isupper() for c in n_letters)
                and _width(p) > width * 0.6):
            return False
    if n[0].islower() or n[0].isdigit() or n[0] in "(,\"“'":
        return True
    if width and first and _width(nxt.rstrip()) >= width * 0.6:
        return True
    return bool(width) and _width(prev.rstrip()) >= width * 0.6


def _unlayout(table: RawBlock) -> list[RawBlock]:
    """A small table holding the header or the signature block (a converter's markdown of a
    Word layout table) -> its cells' lines as paragraphs, column by column, with the region hint,
    as the Word reader gives them; any other table stays a table."""
    rows = table.rows
    if len(rows) > 8 or any(sum(1 for c in r if c.text.strip()) > 3 for r in rows):
        return [table]
    kind = layout_kind("\n".join(c.text for r in rows for c in r))
    if kind is None:
        return [table]
    out = []
    for col in range(max(len(r) for r in rows)):
        for r in rows:
            if col < len(r):
                for line in r[col].text.split("\n"):
                    if line.strip() and not DASH_RULE.match(line.strip()):
                        out.append(RawBlock(kind="paragraph", text=line.strip(),
                                            hints=Hints(bold=r[col].bold, region=kind),
                                            source_start=table.source_start,
                                            source_end=table.source_end))
    return out


def read(text: str) -> tuple[RawBlock, ...]:
    """Split decoded text into blocks.

    >>> [b.text for b in read("## **I. MỤC ĐÍCH**\\n\\nNội dung\\ntiếp theo")]
    ['I. MỤC ĐÍCH', 'Nội dung tiếp theo']
    """
    lines: list[tuple[str, int]] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        lines.append((raw.rstrip("\r\n"), pos))
        pos += len(raw)
    width = _wrap_width([x for x, _ in lines])
    parted = bool(width) and _blank_separated([x for x, _ in lines])
    blocks: list[RawBlock] = []
    para: list[tuple[str, Segments, Hints, int, int]] = []

    def flush() -> None:
        if not para:
            return
        chars: list[str] = []
        segs: list[tuple[int, int]] = []
        at = 0
        for k, (t, o, _h, _s, _e) in enumerate(para):  # a line has text, so its map a segment
            if k:  # the joining space: the line break before the line's first character
                chars.append(" ")
                push(segs, at, o[0][1] - 1)
                at += 1
            chars.append(t)
            place(segs, o, 0, len(t), at)
            at += len(t)
        hints = para[0][2]
        if len(para) > 1:
            hints = Hints(bold=all(q[2].bold for q in para), italic=hints.italic,
                          heading=hints.heading)
        blocks.append(RawBlock(kind="paragraph", text="".join(chars), hints=hints,
                               source_start=para[0][3], source_end=para[-1][4],
                               source_map=tuple(segs)))
        para.clear()

    i = 0
    open_bold = False
    while i < len(lines):
        line, start = lines[i]
        table = texttables.match(lines, i)
        if table is not None:
            flush()
            block, i = table
            blocks.extend(_unlayout(block))
            continue
        if not line.strip() or line.strip() == "|":
            flush()
            i += 1
            continue
        m = INITIALS.search(line)
        if m:
            line = line[: m.start()]
            if not line.strip():
                i += 1
                continue
        t, offs, hints = _strip_markup(line, start)
        bold_here = hints.bold or open_bold
        opens_bold = not open_bold and line.lstrip(" #").startswith("**")
        if line.count("**") % 2:
            open_bold = not open_bold
        hints = Hints(bold=bold_here, italic=hints.italic, heading=hints.heading)
        if not t.strip():
            i += 1
            continue
        if para and (hints.heading is not None
                     or not _joins(para[-1][0], t, width, opens_bold, parted and len(para) == 1)):
            flush()
        para.append((t, offs, hints, start, start + len(line)))
        if hints.heading is not None:
            flush()
        i += 1
    flush()
    return tuple(blocks)
