"""Reader for ``.docx``: the body of a Word document -> blocks in reading order.

The body's children are read in order (``w:p`` and ``w:tbl`` interleaved as written; content
controls ``w:sdt`` are opened). Page headers and footers, footnotes and comments live in other
parts of the package and are not read.

Paragraphs: the text of their runs (hyperlinks, fields' results, content controls and inserted
text included; deleted text, hidden text and field codes left out), tabs and line breaks kept.
Text boxes and shapes anchored in a paragraph are read too: their paragraphs become blocks
right after the paragraph that holds them (of ``mc:AlternateContent`` only the first choice is
read, so a text box is not read twice). Hints: ``bold``/``italic`` when every run with text is
bold/italic, from direct formatting, the character style or the paragraph style (``basedOn``
chains followed); ``heading`` from a ``Heading N`` style; ``align`` from ``w:jc``; ``font``
the font most of the text is set in (a ``.VnTime`` font means TCVN3-encoded text). Word's
automatic numbering is computed (``decimal``, ``upperRoman``, ``lowerLetter``… with the level's
``lvlText`` such as ``%1.`` or ``%1.%2.``, counted per ``numId`` and level, deeper levels
restarting) and the printed label is put before the text and in ``hints.numbering``:
``"1. Mục đích"``.

Tables: the borderless layout tables of the header (issuing body | Quốc hiệu; "Số:" | date line)
and of the signature ("Nơi nhận" | "KT. CHỦ TỊCH" … name) are recognized by rules (at most three
cells with text in a row, few rows, no borders or at most four rows, no "STT" header, and
content such as the Quốc hiệu, "Số:", a date line, "Nơi nhận", "TM."/"KT."; never by position
alone) and read cell by cell, column by column: every cell of the
left half top to bottom, then the right half (so a two-row header table reads issuing body,
"Số:", then Quốc hiệu, date: the order the PDF reader gives for the same page; a row with one
cell across the table cuts the columns). Each paragraph of a cell (and each line of it, when a
line break ends a line) becomes its own block with ``Hints(region="header")`` or
``Hints(region="signature")``, so the two columns never mix. Other tables stay a table block:
a cell's paragraphs joined with ``"\\n"``, ``gridSpan`` -> ``colspan``; a vertically merged cell
(``vMerge``) repeats the text of the cell it continues in every row it covers, with ``rowspan``
left at 1, so each row reads on its own (an assignment row keeps its lead unit).

Hostile files: the package is checked before it is parsed: more than 200 MB uncompressed, an
absurd compression ratio or too many members -> ``IngestError("zip_bomb")``; an encrypted member
-> ``"encrypted"``; a part declaring a DTD, or with no root element in its first 64 KB,
-> ``"hostile"`` (Word never writes a DTD). python-docx
parses with ``resolve_entities=False`` and lxml's default ``no_network=True``, so no entity
is expanded and nothing is fetched even where a DTD slipped through.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import regex

from pipeline.document import Hints, RawBlock, RawCell
from pipeline.ingest import IngestError
from pipeline.ingest.layout import layout_kind

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W = "{" + W_NS + "}"
MC = "{" + MC_NS + "}"

MAX_UNCOMPRESSED = 200 * 1024 * 1024  # bytes, all members together
MAX_RATIO = 200  # uncompressed / compressed, for members over RATIO_FLOOR bytes
RATIO_FLOOR = 1024 * 1024
MAX_MEMBERS = 10_000
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PROLOG_LIMIT = 64 * 1024  # a part's root element must start within this many bytes
ROOT_START = regex.compile(rb"<[A-Za-z_]")  # the first element (not <?xml, <!--, <!DOCTYPE)

HEADING_STYLE = regex.compile(r"^heading\s*([1-9])$", regex.I)

ALIGN = {"both": "justify", "distribute": "justify", "center": "center", "right": "right",
         "end": "right", "left": "left", "start": "left"}
# parts of a paragraph that hold no body text (properties, deletions, field codes, notes)
SKIP_TAGS = frozenset({
    W + "pPr", W + "rPr", W + "del", W + "moveFrom", W + "sdtPr", W + "sdtEndPr",
    W + "commentRangeStart", W + "commentRangeEnd", W + "bookmarkStart", W + "bookmarkEnd",
    W + "proofErr", W + "permStart", W + "permEnd", MC + "Fallback",
})
CONTAINER_TAGS = frozenset({W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag"})


def _on(el: Any) -> bool:
    """The value of an on/off property element (``<w:b/>`` is on, ``w:val="0"`` off)."""
    return el.get(W + "val", "true") not in ("0", "false", "off", "none")


def _val(el: Any, name: str) -> str | None:
    found = el.find(W + name) if el is not None else None
    return None if found is None else found.get(W + "val")


# --------------------------------------------------------------------------------------------
# package checks


def _check_package(data: bytes) -> None:
    """Refuse zip bombs, encrypted and hostile packages before python-docx parses them."""
    if data.startswith(OLE2_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise IngestError("encrypted", "Word file is password-protected (encrypted package)")
        raise IngestError("unsupported_format", "OLE2 file (Word 97-2003 .doc), not a .docx")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except Exception as exc:  # BadZipFile, NotImplementedError (odd zip versions), ValueError…
        raise IngestError("corrupt", f"not a readable zip (docx) file: {exc}") from exc
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise IngestError("zip_bomb", f"package has {len(infos)} members (limit {MAX_MEMBERS})")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise IngestError("zip_bomb", f"package expands to {total} bytes "
                                      f"(limit {MAX_UNCOMPRESSED})")
    for info in infos:
        if info.flag_bits & 0x1:
            raise IngestError("encrypted", f"zip member {info.filename} is encrypted")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise IngestError("zip_bomb", f"zip member {info.filename} expands "
                                          f"{info.file_size // max(info.compress_size, 1)}x")
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names:
        raise IngestError("corrupt", "zip holds no [Content_Types].xml: not a Word package")
    for info in infos:
        if not info.filename.endswith((".xml", ".rels")):
            continue
        try:
            with zf.open(info) as fh:
                head = fh.read(PROLOG_LIMIT)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError,
                ValueError) as exc:
            raise IngestError("corrupt", f"zip member {info.filename} is damaged: {exc}") from exc
        root = ROOT_START.search(head)
        prolog = head[:root.start()] if root else head
        if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
            raise IngestError("hostile", f"{info.filename} declares a DTD (entities): refused")
        if root is None and len(head) == PROLOG_LIMIT:
            raise IngestError("hostile", f"{info.filename} has no root element in its first "
                                         f"{PROLOG_LIMIT} bytes: refused")


def _open(data: bytes) -> tuple[Any, Any, Any]:
    """(body element, styles root or None, numbering root or None) of a checked package."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.package import OpcPackage
    from docx.oxml.parser import parse_xml

    try:
        package = OpcPackage.open(io.BytesIO(data))
        part = package.main_document_part
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors…
        raise IngestError("corrupt", f"cannot read the Word package: "
                                     f"{type(exc).__name__}: {exc}") from exc
    content_type = getattr(part, "content_type", "")
    if "wordprocessingml" not in content_type and "ms-word" not in content_type:
        raise IngestError("unsupported_format",
                          f"package is not a Word document (main part is {content_type})")

    def root(p: Any) -> Any:
        element = getattr(p, "element", None)
        return element if element is not None else parse_xml(p.blob)

    try:
        document = root(part)
        body = document.find(W + "body")
        related = {}
        for name, rel in (("styles", RT.STYLES), ("numbering", RT.NUMBERING)):
            try:
                related[name] = root(part.part_related_by(rel))
            except KeyError:
                related[name] = None
    except Exception as exc:
        raise IngestError("corrupt", f"cannot parse the Word document: "
                                     f"{type(exc).__name__}: {exc}") from exc
    if body is None:
        raise IngestError("corrupt", "Word document has no body")
    return body, related["styles"], related["numbering"]


# --------------------------------------------------------------------------------------------
# styles


@dataclass(slots=True)
class _Style:
    kind: str
    name: str
    based_on: str | None
    bold: bool | None
    italic: bool | None
    font: str | None
    align: str | None
    num: tuple[str | None, int | None] | None  # (numId, ilvl) from the style's numPr
    borders: bool | None  # table styles: visible tblBorders


def _rpr_flags(rpr: Any) -> tuple[bool | None, bool | None, str | None]:
    if rpr is None:
        return None, None, None
    b = rpr.find(W + "b")
    i = rpr.find(W + "i")
    fonts = rpr.find(W + "rFonts")
    font = None
    if fonts is not None:
        font = fonts.get(W + "ascii") or fonts.get(W + "hAnsi")
    return (None if b is None else _on(b)), (None if i is None else _on(i)), font


def _visible_borders(borders: Any) -> bool | None:
    if borders is None:
        return None
    return any(side.get(W + "val") not in (None, "nil", "none") for side in borders)


def _num_pr(ppr: Any) -> tuple[str | None, int | None] | None:
    if ppr is None:
        return None
    num_pr = ppr.find(W + "numPr")
    if num_pr is None:
        return None
    ilvl = _val(num_pr, "ilvl")
    return _val(num_pr, "numId"), (int(ilvl) if ilvl and ilvl.isdigit() else None)


class _Styles:
    """The style sheet, with ``basedOn`` chains resolved on demand."""

    def __init__(self, root: Any) -> None:
        self.styles: dict[str, _Style] = {}
        self.default_para: str | None = None
        self.default_table: str | None = None
        self.doc_bold: bool | None = None
        self.doc_italic: bool | None = None
        self.doc_font: str | None = None
        if root is None:
            return
        defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        self.doc_bold, self.doc_italic, self.doc_font = _rpr_flags(defaults)
        for st in root.iterfind(W + "style"):
            sid = st.get(W + "styleId")
            if not sid:
                continue
            kind = st.get(W + "type", "paragraph")
            name_el = st.find(W + "name")
            ppr = st.find(W + "pPr")
            bold, italic, font = _rpr_flags(st.find(W + "rPr"))
            tbl_pr = st.find(W + "tblPr")
            self.styles[sid] = _Style(
                kind=kind,
                name=name_el.get(W + "val", "") if name_el is not None else "",
                based_on=_val(st, "basedOn"),
                bold=bold, italic=italic, font=font,
                align=ALIGN.get(_val(ppr, "jc") or "") if ppr is not None else None,
                num=_num_pr(ppr),
                borders=_visible_borders(tbl_pr.find(W + "tblBorders"))
                if tbl_pr is not None else None,
            )
            if st.get(W + "default") in ("1", "true"):
                if kind == "paragraph":
                    self.default_para = sid
                elif kind == "table":
                    self.default_table = sid

    def chain(self, sid: str | None) -> Iterator[_Style]:
        seen: set[str] = set()
        while sid and sid in self.styles and sid not in seen and len(seen) < 32:
            seen.add(sid)
            st = self.styles[sid]
            yield st
            sid = st.based_on

    def first(self, sid: str | None, attr: str) -> Any:
        for st in self.chain(sid):
            value = getattr(st, attr)
            if value is not None:
                return value
        return None

    def heading(self, sid: str | None) -> int | None:
        for st in self.chain(sid):
            m = HEADING_STYLE.match(st.name.strip())
            if m:
                return int(m.group(1))
        return None


# --------------------------------------------------------------------------------------------
# numbering

ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
         (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _roman(n: int) -> str:
    out = []
    for value, sym in ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _letter(n: int) -> str:
    """Word's letter numbering: a … z, aa … zz, aaa …"""
    if n <= 0:
        return ""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """A counter value printed in a Word ``numFmt``.

    >>> [format_number(4, f) for f in ("decimal", "upperRoman", "lowerLetter", "decimalZero")]
    ['4', 'IV', 'd', '04']
    """
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperLetter":
        return _letter(n).upper()
    if fmt == "lowerLetter":
        return _letter(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


@dataclass(slots=True)
class _Level:
    start: int = 0
    fmt: str = "decimal"
    text: str | None = None
    restart: int | None = None
    legal: bool = False
    style: str | None = None


def _level(el: Any) -> _Level:
    start = _val(el, "start")
    restart = _val(el, "lvlRestart")
    legal = el.find(W + "isLgl")
    return _Level(start=int(start) if start and start.lstrip("-").isdigit() else 0,
                  fmt=_val(el, "numFmt") or "decimal",
                  text=_val(el, "lvlText"),
                  restart=int(restart) if restart and restart.isdigit() else None,
                  legal=legal is not None and _on(legal),
                  style=_val(el, "pStyle"))


BULLET_PUA = regex.compile(r"[\uf000-\uf0ff]")


@dataclass(slots=True)
class _Numbering:
    """Word's list definitions and the running counters of each list."""

    abstract: dict[str, dict[int, _Level]] = field(default_factory=dict)
    style_link: dict[str, str] = field(default_factory=dict)  # abstractNumId -> numbering style
    nums: dict[str, tuple[str, dict[int, _Level], dict[int, int]]] = field(default_factory=dict)
    counters: dict[str, list[int | None]] = field(default_factory=dict)
    styles: _Styles | None = None

    @classmethod
    def load(cls, root: Any, styles: _Styles) -> _Numbering:
        self = cls(styles=styles)
        if root is None:
            return self
        for an in root.iterfind(W + "abstractNum"):
            aid = an.get(W + "abstractNumId", "")
            levels = {}
            for lvl in an.iterfind(W + "lvl"):
                ilvl = lvl.get(W + "ilvl", "0")
                if ilvl.isdigit():
                    levels[int(ilvl)] = _level(lvl)
            self.abstract[aid] = levels
            link = _val(an, "numStyleLink")
            if link:
                self.style_link[aid] = link
        for num in root.iterfind(W + "num"):
            nid = num.get(W + "numId", "")
            aid = _val(num, "abstractNumId") or ""
            overrides: dict[int, _Level] = {}
            starts: dict[int, int] = {}
            for ov in num.iterfind(W + "lvlOverride"):
                ilvl = ov.get(W + "ilvl", "0")
                if not ilvl.isdigit():
                    continue
                so = _val(ov, "startOverride")
                if so and so.lstrip("-").isdigit():
                    starts[int(ilvl)] = int(so)
                lvl = ov.find(W + "lvl")
                if lvl is not None:
                    overrides[int(ilvl)] = _level(lvl)
            self.nums[nid] = (aid, overrides, starts)
        return self

    def _levels(self, aid: str, depth: int = 0) -> dict[int, _Level]:
        levels = self.abstract.get(aid, {})
        link = self.style_link.get(aid)
        if not levels and link and depth < 4 and self.styles is not None:
            st = self.styles.styles.get(link)
            if st is not None and st.num and st.num[0] in self.nums:
                return self._levels(self.nums[st.num[0]][0], depth + 1)
        return levels

    def level(self, nid: str, ilvl: int) -> _Level | None:
        if nid not in self.nums:
            return None
        aid, overrides, starts = self.nums[nid]
        lvl = overrides.get(ilvl) or self._levels(aid).get(ilvl)
        if lvl is None:
            return None
        if ilvl in starts:
            lvl = _Level(start=starts[ilvl], fmt=lvl.fmt, text=lvl.text, restart=lvl.restart,
                         legal=lvl.legal, style=lvl.style)
        return lvl

    def level_for_style(self, nid: str, style_id: str | None) -> int:
        if nid in self.nums and style_id:
            for ilvl, lvl in self._levels(self.nums[nid][0]).items():
                if lvl.style == style_id:
                    return ilvl
        return 0

    def label(self, nid: str, ilvl: int) -> str | None:
        """Count one more paragraph of list ``nid`` at level ``ilvl``; its printed label."""
        lvl = self.level(nid, ilvl)
        if lvl is None:
            return None
        state = self.counters.setdefault(nid, [None] * 9)
        ilvl = min(max(ilvl, 0), 8)
        current = state[ilvl]
        state[ilvl] = lvl.start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            d = self.level(nid, deeper)
            restart = d.restart if d is not None and d.restart is not None else deeper
            if restart and ilvl < restart:
                state[deeper] = None
        if lvl.fmt == "bullet":
            text = (lvl.text or "").strip()
            return BULLET_PUA.sub("•", text) or "•"
        if lvl.text is None:
            return format_number(state[ilvl] or 0, lvl.fmt) + "."

        def sub(m: regex.Match[str]) -> str:
            k = int(m.group(1)) - 1
            ref = self.level(nid, k)
            value = state[k]
            if value is None:
                value = ref.start if ref is not None else 1
            fmt = "decimal" if lvl.legal else (ref.fmt if ref is not None else "decimal")
            return format_number(value, fmt)

        return regex.sub(r"%([1-9])", sub, lvl.text).strip()


# --------------------------------------------------------------------------------------------
# paragraphs


@dataclass(slots=True)
class _Para:
    text: str
    hints: Hints
    boxes: list[Any]  # w:txbxContent elements anchored in the paragraph


class _Reader:
    def __init__(self, styles: _Styles, numbering: _Numbering) -> None:
        self.styles = styles
        self.numbering = numbering

    # -- runs ----------------------------------------------------------------------------
    def _runs(self, el: Any, boxes: list[Any]) -> Iterator[Any]:
        """The runs of a paragraph in order; text boxes found on the way go to ``boxes``."""
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in SKIP_TAGS:
                continue
            if tag == W + "r":
                yield child
                self._find_boxes(child, boxes)
            elif tag == MC + "AlternateContent":
                choice = child.find(MC + "Choice")
                if choice is not None:
                    yield from self._runs(choice, boxes)
            elif tag == W + "txbxContent":
                boxes.append(child)
            elif tag.startswith(W):
                yield from self._runs(child, boxes)

    def _find_boxes(self, el: Any, boxes: list[Any]) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag == MC + "Fallback":
                continue
            if tag == W + "txbxContent":
                boxes.append(child)
            elif tag == MC + "AlternateContent":
                choice = child.find(MC + "Choice")
                if choice is not None:
                    self._find_boxes(choice, boxes)
            elif tag not in (W + "t", W + "rPr"):
                self._find_boxes(child, boxes)

    @staticmethod
    def _run_text(run: Any) -> str:
        out = []
        for child in run:
            tag = child.tag
            if tag == W + "t":
                out.append(child.text or "")
            elif tag == W + "tab" or tag == W + "ptab":
                out.append("\t")
            elif tag in (W + "br", W + "cr"):
                out.append("\n")
            elif tag == W + "noBreakHyphen":
                out.append("-")
            elif tag == W + "sym":
                code = child.get(W + "char", "")
                try:
                    ch = chr(int(code, 16))
                except ValueError:
                    continue
                out.append("•" if BULLET_PUA.match(ch) else ch)
        return "".join(out)

    def paragraph(self, p: Any) -> _Para:
        ppr = p.find(W + "pPr")
        style_id = _val(ppr, "pStyle") if ppr is not None else None
        if style_id is None:
            style_id = self.styles.default_para
        boxes: list[Any] = []
        parts: list[str] = []
        bold_all = italic_all = True
        any_text = False
        fonts: Counter[str] = Counter()
        p_bold = self.styles.first(style_id, "bold")
        p_italic = self.styles.first(style_id, "italic")
        p_font = self.styles.first(style_id, "font") or self.styles.doc_font
        for run in self._runs(p, boxes):
            text = self._run_text(run)
            if not text:
                continue
            parts.append(text)
            if not text.strip():
                continue
            rpr = run.find(W + "rPr")
            if rpr is not None and any(_on(e) for e in rpr.iterfind(W + "vanish")):
                parts.pop()  # hidden text is not printed
                continue
            any_text = True
            b, i, f = _rpr_flags(rpr)
            r_style = _val(rpr, "rStyle") if rpr is not None else None
            if b is None:
                b = self.styles.first(r_style, "bold")
            if b is None:
                b = p_bold if p_bold is not None else self.styles.doc_bold
            if i is None:
                i = self.styles.first(r_style, "italic")
            if i is None:
                i = p_italic if p_italic is not None else self.styles.doc_italic
            f = f or self.styles.first(r_style, "font") or p_font
            bold_all = bold_all and bool(b)
            italic_all = italic_all and bool(i)
            if f:
                fonts[f] += len(text.strip())
        text = "".join(parts)
        label = self._numbering_label(ppr, style_id)
        if label and text.strip():
            text = f"{label} {text.lstrip()}"
        jc = _val(ppr, "jc") if ppr is not None else None
        align = ALIGN.get(jc) if jc else self.styles.first(style_id, "align")
        hints = Hints(bold=any_text and bold_all, italic=any_text and italic_all,
                      heading=self.styles.heading(style_id), align=align,
                      numbering=label or None,
                      font=fonts.most_common(1)[0][0] if fonts else None)
        return _Para(text=text, hints=hints, boxes=boxes)

    def _numbering_label(self, ppr: Any, style_id: str | None) -> str | None:
        direct = _num_pr(ppr)
        from_style = self.styles.first(style_id, "num")
        nid = direct[0] if direct and direct[0] is not None else (
            from_style[0] if from_style else None)
        if not nid or nid == "0":
            return None
        ilvl = direct[1] if direct and direct[1] is not None else (
            from_style[1] if from_style and from_style[1] is not None else None)
        if ilvl is None:
            ilvl = self.numbering.level_for_style(nid, style_id)
        return self.numbering.label(nid, ilvl)

    # -- body ----------------------------------------------------------------------------
    def body(self, el: Any, region: str | None = None) -> list[RawBlock]:
        """Blocks of a body-like element (the body, a table cell, a text box) in order."""
        out: list[RawBlock] = []
        for child in el:
            tag = child.tag
            if tag == W + "p":
                para = self.paragraph(child)
                if region is None:
                    if para.text.strip():
                        out.append(RawBlock(kind="paragraph", text=para.text, hints=para.hints))
                else:  # in a layout cell a line break separates lines as paragraphs do
                    hints = replace(para.hints, region=region)
                    out.extend(RawBlock(kind="paragraph", text=line, hints=hints)
                               for line in para.text.split("\n") if line.strip())
                for box in para.boxes:
                    out.extend(self.body(box, region))
            elif tag == W + "tbl":
                out.extend(self.table(child, region))
            elif tag in CONTAINER_TAGS:
                out.extend(self.body(child, region))
        return out

    # -- tables --------------------------------------------------------------------------
    def _rows(self, tbl: Any) -> Iterator[Any]:
        for child in tbl:
            if child.tag == W + "tr":
                yield child
            elif child.tag in CONTAINER_TAGS:
                yield from self._rows(child)

    def _cells(self, tr: Any) -> Iterator[Any]:
        for child in tr:
            if child.tag == W + "tc":
                yield child
            elif child.tag in CONTAINER_TAGS:
                yield from self._cells(child)

    def _bordered(self, tbl: Any) -> bool:
        tbl_pr = tbl.find(W + "tblPr")
        direct = _visible_borders(tbl_pr.find(W + "tblBorders")) if tbl_pr is not None else None
        if direct is not None:
            return direct
        style = _val(tbl_pr, "tblStyle") if tbl_pr is not None else None
        return bool(self.styles.first(style or self.styles.default_table, "borders"))

    def table(self, tbl: Any, region: str | None) -> list[RawBlock]:
        grid: list[list[tuple[Any, int, str | None]]] = []  # (tc, span, vMerge) per row
        for tr in self._rows(tbl):
            row: list[tuple[Any, int, str | None]] = []
            tr_pr = tr.find(W + "trPr")
            before = _val(tr_pr, "gridBefore") if tr_pr is not None else None
            if before and before.isdigit() and int(before) > 0:
                row.append((None, int(before), None))
            for tc in self._cells(tr):
                tc_pr = tc.find(W + "tcPr")
                span = _val(tc_pr, "gridSpan") if tc_pr is not None else None
                vm_el = tc_pr.find(W + "vMerge") if tc_pr is not None else None
                vmerge = None if vm_el is None else (vm_el.get(W + "val") or "continue")
                row.append((tc, int(span) if span and span.isdigit() else 1, vmerge))
            grid.append(row)
        if not grid:
            return []
        kind = self._layout_region(tbl, grid)
        if kind is not None:
            return self._layout_blocks(tbl, grid, region or kind)
        return [self._real_table(grid, region)]

    @staticmethod
    def _grid_widths(tbl: Any, n_cols: int) -> list[float]:
        widths = []
        for col in tbl.iterfind(f"{W}tblGrid/{W}gridCol"):
            w = col.get(W + "w", "")
            widths.append(float(w) if w.replace(".", "", 1).isdigit() else 0.0)
        if len(widths) < n_cols or not any(widths):
            return [1.0] * n_cols
        return widths

    def _layout_blocks(self, tbl: Any, grid: list[list[tuple[Any, int, str | None]]],
                       region: str) -> list[RawBlock]:
        """A layout table's cells column by column: the left half's cells top to bottom, then
        the right half's (by where a cell's middle falls in the table's grid, so a cell spanning
        narrow spacer columns still lands on its side).

        A row holding a single cell across the table (a caption) cuts the columns: what is
        above it is read first, then the row, then the columns below it.
        """
        n_cols = max(sum(span for _tc, span, _v in row) for row in grid)
        widths = self._grid_widths(tbl, n_cols)
        edges = [0.0]
        for w in widths:
            edges.append(edges[-1] + w)
        middle = edges[-1] / 2
        out: list[RawBlock] = []
        sides: tuple[list[Any], list[Any]] = ([], [])

        def flush() -> None:
            for side in sides:
                for tc in side:
                    out.extend(self.body(tc, region))
                side.clear()

        for row in grid:
            cells = [(tc, span) for tc, span, vmerge in row if tc is not None
                     and vmerge != "continue"]
            if len(row) == 1 and row[0][1] >= n_cols > 1 and cells:
                flush()
                out.extend(self.body(cells[0][0], region))
                continue
            col = 0
            for tc, span, vmerge in row:
                end = min(col + span, len(edges) - 1)
                if tc is not None and vmerge != "continue":
                    center = (edges[min(col, len(edges) - 1)] + edges[end]) / 2
                    sides[0 if center < middle else 1].append(tc)
                col += span
        flush()
        return out

    def _cell_text(self, tc: Any) -> tuple[str, bool]:
        blocks = self.body(tc)
        lines: list[str] = []
        bold = bool(blocks)
        for b in blocks:
            if b.kind == "table":
                lines.extend(" | ".join(c.text.replace("\n", " ") for c in r) for r in b.rows)
                bold = False
            else:
                lines.append(b.text)
                bold = bold and b.hints.bold
        return "\n".join(lines), bold

    @staticmethod
    def _plain(tc: Any) -> str:
        return "\n".join("".join(t.text or "" for t in p.iter(W + "t")) for p in tc.iter(W + "p"))

    def _layout_region(self, tbl: Any, grid: list[list[tuple[Any, int, str | None]]]) -> str | None:
        """``"header"``/``"signature"`` when ``tbl`` is a layout table, else ``None``.

        A layout table has few rows and at most three cells with text in a row (its grid may
        have more columns: narrow spacer columns, cells spanning two), no header row of a real
        table ("STT", "NỘI DUNG"), and the content of the header or the signature. Without
        borders it may have up to 8 rows, with borders 4.
        """
        n_rows = len(grid)
        texts = [[self._plain(tc) for tc, _span, vmerge in row
                  if tc is not None and vmerge != "continue"] for row in grid]
        filled = max(sum(1 for t in row if t.strip()) for row in texts)
        if filled > 3 or n_rows > 8 or max(len(row) for row in grid) > 8:
            return None
        if self._bordered(tbl) and n_rows > 4:
            return None
        return layout_kind("\n".join(t for row in texts for t in row))

    def _real_table(self, grid: list[list[tuple[Any, int, str | None]]],
                    region: str | None) -> RawBlock:
        rows: list[tuple[RawCell, ...]] = []
        above: dict[int, RawCell] = {}  # grid column -> the cell last started there
        for row in grid:
            cells: list[RawCell] = []
            col = 0
            for tc, span, vmerge in row:
                if tc is None:
                    cell = RawCell(text="", colspan=span)
                elif vmerge == "continue" and col in above:
                    origin = above[col]
                    cell = RawCell(text=origin.text, colspan=span, bold=origin.bold)
                else:
                    text, bold = self._cell_text(tc)
                    cell = RawCell(text=text, colspan=span, bold=bold)
                    above[col] = cell
                cells.append(cell)
                col += span
            rows.append(tuple(cells))
        return RawBlock(kind="table", rows=tuple(rows), hints=Hints(region=region))


def read(data: bytes) -> tuple[RawBlock, ...]:
    """The blocks of a .docx file's body, in reading order.

    Raises :class:`~pipeline.ingest.IngestError` with reason ``corrupt``, ``zip_bomb``,
    ``encrypted``, ``hostile`` or ``unsupported_format`` when the file cannot be read.
    The header table "ỦY BAN NHÂN DÂN / TỈNH ĐẮK NÔNG / Số: 178/KH-UBND" | "CỘNG HÒA XÃ HỘI CHỦ
    NGHĨA VIỆT NAM / …" gives one block per line, left cell first, ``region="header"``.
    """
    _check_package(data)
    body, styles_root, numbering_root = _open(data)
    styles = _Styles(styles_root)
    reader = _Reader(styles, _Numbering.load(numbering_root, styles))
    return tuple(reader.body(body))
