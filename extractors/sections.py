"""Sections extractor: the heading tree of a document, from its printed numbering.

``extract(doc)`` -> one :class:`~pipeline.records.Section` per heading, in document order.
Paths come from the labels as printed (``I.`` / ``1.`` / ``1.1.`` / ``a)`` / ``Điều 1.`` /
``PHỤ LỤC`` / ``Chương I`` / ``Mục 1`` / ``Phần I``), never from markup or font size:
``## **2. Tham mưu …**`` under ``#### II. NHIỆM VỤ`` is ``II.2``.

Three steps, as the other extractors do:

1. *find* — candidate labels at the start of each paragraph (and, for ``1.1.``, ``a)`` and
   ``2.``, inside a paragraph a bad conversion merged: ``"… tiến bộ 1.1. Tăng cường …"``), plus
   the markers where a body ends (``Nơi nhận:``, ``KT. CHỦ TỊCH``). Tables, bullets, the header
   and the signature never hold a heading. Patterns: ``models/patterns/sections.yaml``.
2. *interpret* — each candidate's family, value and title (up to the colon, or the bold run, or
   the first sentence of a numbered paragraph, at most 200 characters).
3. *resolve* — a stack of open numbering levels accepts a candidate only when it continues the
   numbering of its level (``II`` after ``I``, ``2`` after ``1``, ``b)`` after ``a)``) or opens a
   new sublevel with a first value; a ``2.`` that follows no ``1.`` is body text. A fresh ``I.`` /
   ``1.`` / ``Điều 1.`` / ``PHỤ LỤC`` after a signature starts a new tree (the plan a decision
   attaches). Level-1 kinds come from ``models/patterns/section_kinds.yaml``.

>>> from pipeline.document import Document, Source, Block
>>> t = "I. MỤC ĐÍCH, YÊU CẦU\\n\\n1. Mục đích: Xác định nhiệm vụ."
>>> blocks = (Block(kind="paragraph", text=t[:20], start=0, end=20),
...           Block(kind="paragraph", text=t[22:], start=22, end=len(t)))
>>> doc = Document(doc_id="x", source=Source(path="x", format="txt", sha256="0"), text=t,
...                folded=t, blocks=blocks)
>>> [(s.path, s.title, s.kind) for s in extract(doc)]
[('I', 'MỤC ĐÍCH, YÊU CẦU', 'purpose_requirements'), ('I.1', 'Mục đích', None)]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from itertools import pairwise

import regex

from extractors.common import FILL_IN
from models import load
from pipeline.document import Block, Document
from pipeline.records import Section
from pipeline.textmap import fold

TITLE_MAX = 200
STANDALONE_MAX = 300  # a heading line longer than this is a paragraph
GAP_MAX = 3  # numbers a clear heading may skip (text lost in conversion: "1.", "4.", "5.")
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
FIRST_VALUE = 1
# families whose label word makes them explicit enough to accept in any order
EXPLICIT = frozenset({"appendix", "part", "chapter", "subchapter"})
# families a new part (the plan a decision attaches, after its signature) may start with
FRESH = frozenset(
    {"appendix", "part", "chapter", "subchapter", "upper", "article", "roman", "arabic"}
)

BULLET = regex.compile(r"^[-+•▪◦●*–—»>]")
# a label inside a line: the space before it (the label starts at the match's end)
MIDLINE_AT = regex.compile(r"\s(?=\d{1,2}[.)]|[a-eg-ik-vxyđ]\))")
SENTENCE_STOP = regex.compile(r"[;:]|(?<![\s.]\p{Lu}{1,3}|\bv\.v)\.(?=\s+[\p{Lu}\"“(]|\s*$)")
TERMINAL = regex.compile(r"[.;!?…]\s*$|\./\.?\s*$")
TRAIL = regex.compile(r"[\s:;,.\-–/]+$")
PARENS = regex.compile(r"\([^()]*\)")


@dataclass(frozen=True, slots=True)
class _Label:
    """A label pattern of ``sections.yaml``."""

    pattern: load.Pattern
    family: str
    rank: int
    midline: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class _Candidate:
    """A heading label found in the text, before the numbering has been checked."""

    family: str
    rank: int  # place in the outline; smaller is higher
    label: str  # as printed, without the trailing dot or parenthesis
    value: int  # the number the label stands for (a) = 1, II = 2, 1.2 -> 2)
    prefix: tuple[int, ...]  # the leading numbers of a dotted label (1.2 -> (1,))
    start: int  # offset of the label in doc.text
    title: str
    strong: bool  # looks like a heading line (short, bold, capitals), not a numbered paragraph
    midline: bool


@dataclass(frozen=True, slots=True)
class _Closing:
    """Where a body ends: a Nơi nhận or signature block, a form, a new Quốc hiệu."""

    start: int


@dataclass(frozen=True, slots=True)
class _Attached:
    """The title or "(Kèm theo …)" note of a document attached after a signature."""

    start: int


@dataclass(slots=True)
class _Open:
    """An open level of the outline while resolving."""

    cand: _Candidate
    path: str


@cache
def _labels() -> tuple[_Label, ...]:
    return tuple(
        _Label(p, p.get("family"), int(p.get("rank")), bool(p.get("midline", False)))
        for p in load.table("sections")
        if p.get("role") == "label"
    )


@cache
def _role(role: str) -> tuple[load.Pattern, ...]:
    return tuple(p for p in load.table("sections") if p.get("role") == role)


@cache
def _letters() -> str:
    """The point letters in order (``a b c d đ e g …``), from ``sections.yaml``."""
    return str(load.data("sections")["letters"])


@cache
def _ordinals() -> dict[str, int]:
    return {str(k): int(v) for k, v in load.data("sections")["ordinals"].items()}


@cache
def _kinds() -> tuple[tuple[load.Pattern, ...], dict[str, str]]:
    return load.table("section_kinds"), dict(load.data("section_kinds")["defaults"])


# ---------------------------------------------------------------- interpret


def roman_value(s: str) -> int | None:
    """The value of a well-formed roman numeral, else ``None``.

    >>> roman_value("IV"), roman_value("XII"), roman_value("IIII")
    (4, 12, None)
    """
    total, prev = 0, 0
    for ch in reversed(s):
        v = ROMAN.get(ch)
        if v is None:
            return None
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total if total and _to_roman(total) == s else None


def _to_roman(n: int) -> str:
    out = []
    for v, sym in (
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= v:
            out.append(sym)
            n -= v
    return "".join(out)


def _value(family: str, label: str) -> tuple[int, tuple[int, ...]] | None:
    """(value, dotted prefix) of a label, or ``None`` when it is not a valid number."""
    if family == "letter":
        return _letters().index(label) + 1, ()
    if family == "upper":
        return ord(label) - ord("A") + 1, ()
    if family == "dotted":
        parts = tuple(int(x) for x in label.split("."))
        return parts[-1], parts[:-1]
    if not label:
        return 0, ()
    if label.isdigit():
        return int(label), ()
    low = label.lower()
    if low.startswith("thứ"):
        n = _ordinals().get(low.split()[-1])
        return (n, ()) if n else None
    n = roman_value(label)
    return (n, ()) if n else None


def _starts_bold(b: Block) -> bool:
    """Did the block's source line open with ``**`` (two markup characters before its first
    character, after any ``#`` heading marks)?"""
    if not b.source_map or b.source_start is None:
        return False
    marks = b.hints.heading + 1 if b.hints.heading else 0
    return b.source_map[0][1] - b.source_start - marks == 2


def _bold_end(b: Block) -> int | None:
    """Offset in ``doc.text`` where the block's leading bold run ends, read from the source map.

    The text reader drops ``**`` markup, so a run that closes mid-line leaves a two-character
    jump in the block's source offsets: ``**2. Phó Trưởng ban** Chỉ đạo …`` -> the offset of the
    space after "ban". ``None`` when the block does not start bold or the run covers it all.
    """
    segs = b.source_map
    if len(segs) < 2 or not _starts_bold(b):
        return None
    for (p0, s0), (p1, s1) in pairwise(segs):
        skipped = s1 - (s0 + (p1 - p0))
        if skipped == 2 and 0 < p1 < len(b.text):
            at_boundary = b.text[p1] in " .:)" or b.text[p1 - 1] == " "  # "**Điều 1**. …"
            return b.start + p1 if at_boundary else None
    return None


def _last_src(b: Block) -> int | None:
    if not b.source_map:
        return None
    p, src = b.source_map[-1]
    return src + (len(b.text) - 1 - p)


def _bold_open_at_end(b: Block) -> bool:
    """Does the block start a bold run the reader cut off at a line break (``**1. Sở`` /
    ``Khoa học và Công nghệ**``)? Read from the source map, like :func:`_bold_end`."""
    last = _last_src(b)
    if last is None or b.source_end is None or not _starts_bold(b):
        return False
    return len(b.source_map) == 1 and b.source_end - last - 1 == 0


def _bold_close(b: Block) -> int | None:
    """Where in ``b.text`` a bold run opened on an earlier line closes: at the first markup
    jump in the source map (at a word boundary), or at the end when the block ends in ``**``."""
    segs = b.source_map
    for (p0, s0), (p1, s1) in pairwise(segs):
        if s1 - (s0 + (p1 - p0)) >= 2:
            return p1 if " " in b.text[p1 - 1 : p1 + 1] else None
    last = _last_src(b)
    if last is not None and b.source_end is not None and b.source_end - last - 1 == 2:
        return len(b.text)
    return None


def _first_clause(text: str, standalone: bool) -> str:
    """A title from the text after a label: up to the colon; for a numbered paragraph (not a
    heading line) up to the first colon, semicolon or full stop.

    >>> _first_clause("Mục đích: Xác định nhiệm vụ cụ thể.", False)
    'Mục đích'
    >>> _first_clause("Tăng cường sự lãnh đạo; trách nhiệm quản lý", True)
    'Tăng cường sự lãnh đạo; trách nhiệm quản lý'
    """
    if standalone:
        cut = text.find(":")
        out = text if cut < 0 else text[:cut]
    else:
        m = SENTENCE_STOP.search(text)
        out = text if m is None else text[: m.start()]
    return TRAIL.sub("", out[:TITLE_MAX].strip()).strip()


def _is_caps(text: str) -> bool:
    """Is the text set in capitals (a note in parentheses aside)?"""
    t = PARENS.sub("", text)
    if not t.isupper():  # most lines: a lower-case letter, found at C speed
        return False
    letters = [c for c in t if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _is_label(doc: Document, b: Block) -> bool:
    text = doc.folded[b.start : b.end]
    return (
        BULLET.match(text) is not None
        or _match_label(text, midline=False) is not None
        or any(p.regex.match(text) for p in _role("closing"))
    )


def _run_on(
    doc: Document,
    first: Block | None,
    seg: str,
    following: Sequence[Block],
    caps: bool,
    sentence: bool = False,
) -> str:
    """``seg`` (the text of ``first`` after its label) and the paragraphs after it that continue
    the same line, a hard-wrapped heading the reader left in pieces: the rest of a bold run
    (``**TỔ CHỨC THỰC`` / ``HIỆN**``), ALL-CAPS pieces of an ALL-CAPS title (``caps``), or,
    after a bold label, the sentence it starts (``sentence``: ``**Điều 3. **Chánh Văn phòng`` /
    ``Ủy ban nhân dân …``)."""
    out, prev = seg, first
    for nb in following[:3]:
        if nb.kind != "paragraph" or _is_label(doc, nb):
            break
        if prev is not None and _bold_open_at_end(prev):
            close = _bold_close(nb)
            out = f"{out} {nb.text if close is None else nb.text[:close]}"
            if close is not None:
                break
            prev = nb
            continue
        if not caps and not sentence:
            break
        words = len(nb.text.split())
        if caps and (not _is_caps(nb.text) or len(nb.text) > TITLE_MAX or words < 2):
            break  # a lone "TT" is the first cell of a flattened table, not the title's end
        out = f"{out} {nb.text}"
        if sentence and (TERMINAL.search(nb.text) or SENTENCE_STOP.search(nb.text)):
            break
        prev = nb
    return out


def _title(
    doc: Document,
    b: Block,
    family: str,
    label_start: int,
    body_start: int,
    seg_end: int,
    following: Sequence[Block],
) -> tuple[str, bool]:
    """(title, strong) of the heading whose label starts at ``label_start``."""
    while body_start < seg_end and doc.text[body_start].isspace():
        body_start += 1
    seg = doc.text[body_start:seg_end].strip()
    if family == "appendix":
        line = doc.text[label_start:seg_end].strip()
        return TRAIL.sub("", line[:TITLE_MAX]), True
    standalone = len(seg) <= STANDALONE_MAX and not TERMINAL.search(seg)
    strong = standalone or _is_caps(seg) or b.hints.heading is not None
    bold_end = _bold_end(b) if label_start == b.start else None
    if bold_end is not None and body_start < bold_end < seg_end:
        title = TRAIL.sub("", doc.text[body_start:bold_end].strip())
        if title:
            return title[:TITLE_MAX], True
    if not seg:  # a label alone on its line ("Chương I", "III."): the title is the next line
        nxt = following[0] if following else None
        if nxt is not None and nxt.kind == "paragraph" and not _is_label(doc, nxt):
            seg = _run_on(doc, nxt, nxt.text, following[1:], _is_caps(nxt.text))
            return _first_clause(seg, len(seg) <= STANDALONE_MAX), True
        return "", True
    if standalone and _bold_open_at_end(b):  # "**1. Sở" + "Khoa học và Công nghệ**"
        return _first_clause(_run_on(doc, b, seg, following, caps=False), True), True
    if standalone and _is_caps(seg):
        seg = _run_on(doc, b, seg, following, caps=True)
    elif standalone and bold_end is not None and bold_end <= body_start:
        # "**Điều 3. **Chánh Văn phòng" + "Ủy ban nhân dân tỉnh; …": one paragraph, wrapped
        seg = _run_on(doc, None, seg, following, caps=False, sentence=True)
        return _first_clause(seg, False), False
    if b.hints.bold and label_start == b.start and bold_end is None:
        for p in _role("runon"):
            m = p.regex.match(doc.folded[body_start:seg_end])
            if m:
                return doc.text[body_start : body_start + m.end("title")].strip(), True
    return _first_clause(seg, standalone), strong or bool(b.hints.bold)


# ---------------------------------------------------------------- find


def _match_label(folded: str, midline: bool) -> tuple[_Label, regex.Match] | None:
    for lab in _labels():
        if midline and not lab.midline:
            continue
        m = lab.pattern.regex.match(folded)
        if m:
            return lab, m
    return None


def _is_reference(before: str) -> bool:
    """Does the text before a number end with a word that makes the number a citation?"""
    return any(p.regex.search(before[-40:]) for p in _role("reference"))


def _find(doc: Document) -> list[_Candidate | _Closing | _Attached]:
    """Candidate labels and body-end markers, in text order."""
    events: list[_Candidate | _Closing | _Attached] = []
    blocks = doc.blocks
    prev_text = ""
    for k, b in enumerate(blocks):
        if b.kind != "paragraph":
            prev_text = ""
            continue
        if b.hints.region == "trailer":  # a website's text after the document: it ends there
            events.append(_Closing(b.start))
            break
        text = doc.folded[b.start : b.end]
        if b.hints.region == "signature" or any(p.regex.match(text) for p in _role("closing")):
            events.append(_Closing(b.start))
            prev_text = ""
            continue
        if any(p.regex.match(text) for p in _role("attached")):
            events.append(_Attached(b.start))
            prev_text = text
            continue
        if b.hints.region == "header" or BULLET.match(text):
            prev_text = text
            continue
        # label positions: the block start, then merged labels inside it
        found: list[tuple[int, _Label, regex.Match]] = []
        hit = _match_label(text, midline=False)
        broken_line = (
            bool(prev_text) and not TERMINAL.search(prev_text) and _is_reference(prev_text)
        )
        if hit is not None and not broken_line:
            found.append((0, hit[0], hit[1]))
        for m in MIDLINE_AT.finditer(text):
            pos = m.end()
            if found and pos < found[-1][0] + found[-1][2].end():
                continue
            before = text[:pos].rstrip()
            if not before or not regex.search(r"[\p{L}\p{N})\"”']$", before):
                continue  # "… gồm: 1. …", "…; b) …": an inline list, not a heading
            if _is_reference(before):
                continue  # "tại khoản 1. Điều 5"
            hit = _match_label(text[pos:], midline=True)
            if hit is not None:
                found.append((pos, hit[0], hit[1]))
        for i, (pos, lab, m) in enumerate(found):
            seg_end = b.start + (found[i + 1][0] if i + 1 < len(found) else len(text))
            if FILL_IN.search(doc.folded, b.start + pos, seg_end):
                continue  # a line of a form to fill in: "1. Cuộc họp đã nghe Ông (bà) ……"
            label = (m.group("label") or "").strip()
            val = _value(lab.family, label)
            if val is None:
                continue
            start = b.start + pos
            following = blocks[k + 1 : k + 4] if i + 1 == len(found) else ()
            title, strong = _title(doc, b, lab.family, start, start + m.end(), seg_end, following)
            events.append(
                _Candidate(
                    family=lab.family,
                    rank=lab.rank,
                    label=label,
                    value=val[0],
                    prefix=val[1],
                    start=start,
                    title=title,
                    strong=strong,
                    midline=pos > 0,
                )
            )
        prev_text = text
    return events


# ---------------------------------------------------------------- resolve


def _rank(c: _Candidate) -> int:
    return c.rank + (len(c.prefix) - 1 if c.family == "dotted" else 0)


def _key(c: _Candidate) -> tuple[str, int]:
    return (c.family, len(c.prefix))


def _continues(prev: _Candidate, c: _Candidate) -> bool:
    """Does ``c`` follow ``prev`` at the same level (II after I, b) after a), 1.3 after 1.2)?"""
    if c.family == "dotted" and c.prefix != prev.prefix:
        return False
    step = c.value - prev.value
    if c.family == "letter" and prev.label == "d" and c.label == "e":
        step = 1  # "đ" is often skipped
    if step == 1:
        return True
    return c.strong and not c.midline and 1 < step <= GAP_MAX


def _path(parent: _Open | None, c: _Candidate, stack: list[_Open]) -> str:
    if c.family == "appendix":
        return "PL" if not c.value else f"PL{c.value}"
    word = {"part": "Phần", "chapter": "Chương", "subchapter": "Mục", "article": "Điều"}
    if c.family in word:
        own = f"{word[c.family]} {c.value if c.family == 'article' else c.label}"
        if (
            c.family == "article"
        ):  # articles are numbered through a text: "Điều 5", not "Chương I.Điều 5"
            pl = next((o for o in stack if o.cand.family == "appendix"), None)
            return own if pl is None else f"{pl.path}.{own}"
        return own if parent is None else f"{parent.path}.{own}"
    if c.family == "dotted":
        anchor = next(
            (o for o in reversed(stack) if o.cand.family not in ("arabic", "dotted")), None
        )
        label = ".".join(str(x) for x in (*c.prefix, c.value))
        return label if anchor is None else f"{anchor.path}.{label}"
    own = c.label if c.family != "arabic" else str(c.value)
    return own if parent is None else f"{parent.path}.{own}"


def _resolve(events: list[_Candidate | _Closing | _Attached]) -> list[tuple[_Candidate, str, int]]:
    """Accepted headings as (candidate, path, level), in text order.

    After a closing (signature, Nơi nhận, a form) only a new part opens a tree again: a
    ``PHỤ LỤC``, or a first label (``I.``, ``1.``, ``Điều 1.``, ``Chương I``) once the title or
    the "(Kèm theo …)" note of an attached document has been seen.
    """
    out: list[tuple[_Candidate, str, int]] = []
    stack: list[_Open] = []
    closed = attached = False
    last_article: _Candidate | None = None  # articles are numbered through the chapters
    for ev in events:
        if isinstance(ev, _Closing):
            closed, attached = bool(out), False
            continue
        if isinstance(ev, _Attached):
            attached = True
            continue
        c = ev
        same = next((i for i, o in enumerate(stack) if _key(o.cand) == _key(c)), None)
        fresh = c.value == FIRST_VALUE or c.family in EXPLICIT
        if closed:
            if c.midline or not (
                c.family == "appendix" or (attached and fresh and c.family in FRESH)
            ):
                continue
            stack, same, last_article = [], None, None
            closed = attached = False
        if same is not None:
            prev = stack[same].cand
            repeated = (
                c.family == "roman" and c.value == prev.value and c.strong and _is_caps(c.title)
            )  # "V. TỔ CHỨC …", then "V. CHẾ ĐỘ BÁO CÁO"
            if c.family in EXPLICIT or repeated or _continues(prev, c):
                del stack[same:]
            elif c.family == "dotted" and fresh and stack[same].cand.prefix != c.prefix:
                del stack[same:]  # 2.1 after 1.3: the arabic heading between was not printed
            else:
                continue
        else:
            if c.family == "article" and last_article is not None:
                if not _continues(last_article, c):
                    continue
            elif c.midline and c.family == "arabic":
                continue  # "… gồm 1. …" in a sentence opens no level ("2." after "1." splits)
            elif not fresh and not (
                c.strong and not c.midline and c.value <= FIRST_VALUE + GAP_MAX
            ):
                continue  # a clear heading may open a level whose first items were lost
            if c.family == "dotted" and c.prefix:
                arabic = next((o for o in stack if o.cand.family == "arabic"), None)
                if arabic is not None and c.prefix[-1] != arabic.cand.value:
                    continue  # 3.1 inside item 2
            rank = _rank(c)
            while stack and _rank(stack[-1].cand) >= rank:
                stack.pop()
        if c.family == "article":
            last_article = c
        parent = stack[-1] if stack else None
        path = _path(parent, c, stack)
        stack.append(_Open(c, path))
        out.append((c, path, len(stack)))
    return out


# ---------------------------------------------------------------- records


def _kind(c: _Candidate) -> str:
    table, defaults = _kinds()
    title = fold(c.title)
    for p in table:
        if p.regex.search(title):
            return str(p.get("kind"))
    return defaults.get(c.family, "other")


def _trim(doc: Document, start: int, end: int) -> int:
    while end > start and doc.text[end - 1].isspace():
        end -= 1
    return end


_ROMAN = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def to_roman(n: int) -> str:
    """A roman numeral (up to 39: section numbers).

    >>> to_roman(3), to_roman(9)
    ('III', 'IX')
    """
    out = ""
    for v, r in _ROMAN:
        while n >= v:
            out += r
            n -= v
    return out


def _ocr_repeats(events: list[_Candidate | _Closing | _Attached]
                 ) -> list[_Candidate | _Closing | _Attached]:
    """On OCR'd pages a heading "II." that lost a stroke reads "I." again: a roman heading line
    that repeats the one before it (no signature or attached document between) is the next."""
    out: list[_Candidate | _Closing | _Attached] = []
    last: int | None = None
    for e in events:
        if not isinstance(e, _Candidate):
            last = None
        elif e.family == "roman" and e.strong:
            if last is not None and e.value == last:
                e = replace(e, value=last + 1, label=to_roman(last + 1))
            last = e.value
        out.append(e)
    return out


def extract(doc: Document) -> tuple[Section, ...]:
    """The section tree of ``doc``, flattened in document order.

    A heading whose text runs on keeps only its title: ``"2. Yêu cầu: Triển khai đồng bộ …"``
    -> path ``I.2``, title ``"Yêu cầu"``; a decision's ``"Điều 2. Quyết định này có hiệu lực
    kể từ ngày ký."`` -> path ``Điều 2``, kind ``other``.
    """
    events = _find(doc)
    if doc.source.ocr:
        events = _ocr_repeats(events)
    accepted = _resolve(events)
    fences = sorted(e.start for e in events if isinstance(e, _Closing))
    sections: list[Section] = []
    for i, (c, path, level) in enumerate(accepted):
        end = len(doc.text)
        for c2, _p2, level2 in accepted[i + 1 :]:
            if level2 <= level:
                end = c2.start
                break
        fence = next((f for f in fences if f > c.start), None)
        if fence is not None and fence < end:
            end = fence
        end = _trim(doc, c.start, end)
        sections.append(
            Section(
                path=path,
                level=level,
                label=c.label,
                title=c.title,
                kind=_kind(c) if level == 1 else None,
                start=c.start,
                end=end,
                span=(c.start, end),
                page=doc.page_at(c.start),
            )
        )
    return tuple(sections)
