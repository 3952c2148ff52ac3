"""Reader for born-digital ``.pdf``: characters with their boxes -> blocks in reading order.

Text comes from PDFium (``pypdfium2``): per character its box, baseline, font size and font name
(bold when the name holds ``Bold``/``Black``/``Heavy``/``Semibold``, italic when it holds
``Italic``/``Oblique``; ``hints.font`` is the font most of a block is set in, so text in a
legacy ``.VnTime`` font can be recognized as TCVN3). Characters are gathered into segments
(same baseline, no wide gap), segments into rows (one baseline), rows into lines and lines
into paragraphs. A page's annotations are first merged into its content as a viewer shows them
(hidden ones left out): an e-signed document stamps its number and date in the signature widget
("Số: 303 /TTr-SNV"), and its page text alone reads "Số: /TTr-SNV"; a warning says so.

Layout handled:

* The two-column blocks of an official document — the header (issuing body and "Số: …" on the
  left, the Quốc hiệu and the "…, ngày … tháng … năm …" line on the right) and the signature
  ("Nơi nhận" list on the left, authority lines and the signer on the right) — are found from the
  geometry: two segments side by side with a wide gap seed a zone, which grows up and down over
  the segments that keep to one side of the gutter and line up (centred, left or right) with
  their side. A zone is read left column first, then right column, each line its own block unless
  the next line visibly continues it; its blocks get ``Hints(region="header")`` or
  ``Hints(region="signature")`` from their content. Words are never interleaved across columns
  the way a line-by-line text extraction does.
* Body lines are joined into paragraphs; a line starts a new paragraph when it opens with a
  number, "Điều 1." or a capitalised section word (:data:`OPENS`), is indented further than the
  line before, follows a wider vertical gap, changes bold/italic/size, is centred (titles) and
  does not continue a centred line, or when the line before stopped short of the margin although
  the next word would have fitted (a bullet "- " is such a case; a dash that wrapped is not).
  A line ending in ``. ; :`` ends its paragraph when it stops short of the margin; one that
  reaches the margin does not (a clause of a long justified sentence ends there as often), and
  when the geometry cannot tell, the punctuation decides. A paragraph running across a page
  break is joined.
* Running headers and footers (the same text at the top or bottom of most pages) and lone page
  numbers there are dropped.
* Ruled tables: PDFium's path objects give the ruling lines, pdfplumber's table finder (the
  ``lines`` strategy, fed those lines through its ``explicit`` settings, so the page need not be
  parsed a second time by pdfminer) gives the cells. A cell's lines are joined into paragraphs
  like body text and its paragraphs joined with ``"\\n"``; merged cells: ``colspan`` across, and
  the text repeated down a vertical merge (as the docx reader does). Words inside a table are
  not body text. A table continued on the next page with the same columns is merged into one,
  its repeated header row dropped. Small bordered tables holding header or signature content are
  layout, read like zones.

Every block carries its 1-based ``page``. A page without characters gives the warning
"page N has no text layer (scanned?)"; a PDF with none raises ``IngestError("no_text_layer")``.
Rotated pages (``/Rotate``) and multi-column body text are not handled.
"""

from __future__ import annotations

import ctypes
import itertools
import statistics
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

import regex

from pipeline.document import Hints, RawBlock, RawCell
from pipeline.ingest import IngestError
from pipeline.ingest.layout import QUOC_HIEU, layout_kind  # layout evidence
from pipeline.ingest.text import TERMINAL
from pipeline.normalize import PAGE_NUMBER

BOLD_FONT = regex.compile(r"Bold|Black|Heavy|Semibold|Demi", regex.I)
ITALIC_FONT = regex.compile(r"Italic|Oblique", regex.I)
# a line that starts like the rest of a sentence: "thành phố …", "2021-2030 …", "(Kèm theo …"
CONTINUES = regex.compile(r"^[\p{Ll}\d(,\"“'”]")
# a line ending in a hyphen glued to a word ("11-", "NQ-"): the next line goes on without a space
HYPHEN_END = regex.compile(r"[\p{L}\d]-$")
AUTHORITY = regex.compile(r"^(?:TM|KT|Q|TL|TUQ)\.\s")
# a signer's position opening a line of the signature: a new line, never the rest of the last
POSITION = regex.compile(
    r"^(?:PHÓ\s+)?(?:CHỦ\s+TỊCH|GIÁM\s+ĐỐC|TRƯỞNG\s+BAN|THỦ\s+TRƯỞNG|BỘ\s+TRƯỞNG"
    r"|CHÁNH\s+VĂN\s+PHÒNG|TỔNG\s+GIÁM\s+ĐỐC|CỤC\s+TRƯỞNG|VỤ\s+TRƯỞNG|VIỆN\s+TRƯỞNG"
    r"|HIỆU\s+TRƯỞNG|CHÁNH\s+ÁN|BÍ\s+THƯ|THỨ\s+TRƯỞNG)\b")
# a line that opens a new paragraph whatever the line before it. Bullets are not here: a line
# may start with the dash of "Lao động - Thương binh" wrapped before it; nor "Chương trình",
# "Mục II của Kế hoạch", which often start a wrapped line: only "Điều 1." and capitals.
OPENS = regex.compile(
    r"""^\s*(?:
        \d{1,3}(?:\.\d{1,3})*[.)]\s                      # 1. / 1.2. / 1)
      | [a-zđ][.)]\s                                     # a) / b.
      | [IVXLC]{1,6}[.)]\s                               # II.
      | Điều\s+\d{1,3}[a-zđ]?\.                          # Điều 1.
      | (?:ĐIỀU|CHƯƠNG|MỤC|PHẦN|PHỤ\s+LỤC)(?:\s+(?:\d{1,3}|[IVXLC]{1,6})\b|\s*$)  # CHƯƠNG II
      | Số\s*:                                           # Số: 12/KH-UBND
      | Nơi\s+nhận                                       # Nơi nhận:
      | (?:TM|KT|Q|TL|TUQ)\.\s                            # KT. CHỦ TỊCH
    )""",
    regex.X,
)

FPDF_PAGEOBJ_PATH = 2
FPDF_PAGEOBJ_FORM = 5
FPDF_SEGMENT_LINETO = 0
FPDF_SEGMENT_MOVETO = 2
FPDF_ERR_PASSWORD = 4
FPDF_ERR_SECURITY = 5


@dataclass(slots=True)
class _Char:
    ch: str
    x0: float
    x1: float
    top: float
    bottom: float
    base: float  # baseline, top-down
    size: float
    bold: bool
    italic: bool
    space: bool  # a space (the PDF's or PDFium's) precedes this character
    spaces: int = 0  # how many of the PDF's own space characters precede it
    font: str = ""  # the font's name without its subset tag (".VnTime": TCVN3-encoded text)


@dataclass(slots=True)
class _Seg:
    """Characters on one baseline with no wide gap: a word run of one line of one column."""

    chars: list[_Char]
    x0: float
    x1: float
    top: float
    bottom: float
    base: float
    size: float

    @property
    def text(self) -> str:
        out = []
        for k, c in enumerate(self.chars):
            if k and c.space:
                out.append(" ")
            out.append(c.ch)
        return "".join(out)

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(slots=True)
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    base: float
    size: float
    bold: bool
    italic: bool
    word: float  # width of the first word
    page: int
    starts: tuple[bool, bool] = (False, False)  # (bold, italic) of its first character
    ends: tuple[bool, bool] = (False, False)  # and of its last
    font: str = ""  # the font most of its characters are set in

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True, slots=True)
class _Ctx:
    """The column a line sits in: its left and right edges and the usual line pitch."""

    left: float
    right: float
    pitch: float

    @property
    def center(self) -> float:
        return (self.left + self.right) / 2


@dataclass(slots=True)
class _Zone:
    top: float
    left: list[_Seg]
    right: list[_Seg]
    region: str | None


@dataclass(slots=True)
class _Table:
    top: float
    bbox: tuple[float, float, float, float]
    rows: list[list[RawCell]]
    xs: list[float]  # column boundaries
    region: str | None = None
    cell_lines: list[list[list[_Line]]] = field(default_factory=list)


@dataclass(slots=True)
class _Page:
    number: int
    width: float
    height: float
    chars: list[_Char]
    edges: list[dict[str, Any]]
    items: list[tuple[float, str, Any]] = field(default_factory=list)  # (top, kind, payload)
    segs: list[_Seg] = field(default_factory=list)  # outside tables, running heads dropped
    tables: list[tuple[tuple[float, float, float, float], list[Any], list[_Char]]] = field(
        default_factory=list)  # (bbox, rows of cell boxes, the table's characters)


# --------------------------------------------------------------------------------------------
# PDFium access


def _open(data: bytes) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (FPDF_ERR_PASSWORD, FPDF_ERR_SECURITY):
            raise IngestError("encrypted", "PDF is encrypted (password required)") from exc
        raise IngestError("corrupt", f"PDF cannot be read: {exc}") from exc
    except Exception as exc:
        raise IngestError("corrupt", f"PDF cannot be read: {type(exc).__name__}: {exc}") from exc


@cache
def _char_calls() -> tuple[Any, Any, Any, Any]:
    """PDFium's per-character calls taking plain addresses: ``FPDFText_GetUnicode``,
    ``GetTextObject`` (an int back, not a ctypes pointer to cast), ``GetLooseCharBox`` and
    ``GetCharOrigin``. A page has thousands of characters; the bindings' typed arguments and
    pointer results cost more than the calls themselves (born-digital PDF end to end: 1.4x)."""
    import pypdfium2.raw as R

    ptr, i32 = ctypes.c_void_p, ctypes.c_int

    def typed(fn: Any, result: Any, *args: Any) -> Any:
        return ctypes.cast(fn, ctypes.CFUNCTYPE(result, ptr, i32, *args))

    return (typed(R.FPDFText_GetUnicode, ctypes.c_uint),
            typed(R.FPDFText_GetTextObject, ptr),
            typed(R.FPDFText_GetLooseCharBox, ctypes.c_int, ptr),
            typed(R.FPDFText_GetCharOrigin, ctypes.c_int, ptr, ptr))


def _chars(textpage: Any, top_y: float) -> list[_Char]:
    """The characters of a page in content order, coordinates top-down.

    Boxes are PDFium's loose boxes (advance width by ascent and descent), not the glyphs' ink,
    so the gap between two letters does not depend on their shapes. Spaces are those of the PDF
    and those PDFium infers from the glyph positions; ``spaces`` counts the PDF's own.
    """
    import pypdfium2.raw as R

    raw = textpage.raw
    n = R.FPDFText_CountChars(raw)
    is_generated = R.FPDFText_IsGenerated
    get_unicode, get_object, get_box, get_origin = _char_calls()
    page = ctypes.cast(raw, ctypes.c_void_p).value
    rect = R.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    rect_at, ox_at, oy_at = ctypes.addressof(rect), ctypes.addressof(ox), ctypes.addressof(oy)
    name_buf = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    fonts: dict[int | None, tuple[float, bool, bool, str]] = {}
    out: list[_Char] = []
    space = False
    real = 0
    for k in range(n):
        u = get_unicode(page, k)
        if u == 2 or u == 0xFFFE:  # PDFium's mark for a hyphen ending a line: a real "-" here
            u = 0x2D
        if u <= 32 or u in (0xA0, 0x3000):
            if u in (32, 9, 0xA0, 0x3000):
                space = True
                real += not is_generated(raw, k)
            elif u in (10, 13):
                space = True
            continue
        if 0xD800 <= u <= 0xDFFF or u in (0xFFFF, 0xAD):  # PDFium generates only spaces, breaks
            continue
        key = get_object(page, k)
        font = fonts.get(key)
        if font is None:
            R.FPDFText_GetFontInfo(raw, k, name_buf, 256, flags)
            name = name_buf.value.decode("latin-1", "replace")
            font = (R.FPDFText_GetFontSize(raw, k), bool(BOLD_FONT.search(name)),
                    bool(ITALIC_FONT.search(name)) or bool(flags.value & 0x40),
                    name.split("+", 1)[-1])
            fonts[key] = font
        get_box(page, k, rect_at)
        get_origin(page, k, ox_at, oy_at)
        out.append(_Char(chr(u), rect.left, rect.right, top_y - rect.top, top_y - rect.bottom,
                         top_y - oy.value, font[0], font[1], font[2], space, real, font[3]))
        space = False
        real = 0
    return out


def _mul(m: tuple[float, ...], n: tuple[float, ...]) -> tuple[float, ...]:
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _edges(page: Any, top_y: float) -> list[dict[str, Any]]:
    """Horizontal and vertical ruling segments of a page, as pdfplumber line objects."""
    import pypdfium2.raw as R

    out: list[dict[str, Any]] = []
    matrix = R.FS_MATRIX()
    x, y = ctypes.c_float(), ctypes.c_float()

    def add(p: tuple[float, float], q: tuple[float, float]) -> None:
        (x0, y0), (x1, y1) = p, q
        if abs(y0 - y1) < 0.6 and abs(x1 - x0) >= 3:
            t = top_y - (y0 + y1) / 2
            lo, hi = min(x0, x1), max(x0, x1)
            out.append({"object_type": "line", "x0": lo, "x1": hi, "top": t, "bottom": t,
                        "doctop": t, "width": hi - lo, "height": 0.0})
        elif abs(x0 - x1) < 0.6 and abs(y1 - y0) >= 3:
            t, b = top_y - max(y0, y1), top_y - min(y0, y1)
            xm = (x0 + x1) / 2
            out.append({"object_type": "line", "x0": xm, "x1": xm, "top": t, "bottom": b,
                        "doctop": t, "width": 0.0, "height": b - t})

    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    rgba = [ctypes.c_uint() for _ in range(4)]

    def visible(get_color: Any, obj: Any) -> bool:
        if not get_color(obj, *rgba):
            return True
        r, g, b, a = (c.value for c in rgba)
        return a > 0 and min(r, g, b) < 200  # white rules and shading are not rulings

    def walk(obj: Any, ctm: tuple[float, ...], depth: int) -> None:
        kind = R.FPDFPageObj_GetType(obj)
        if kind == FPDF_PAGEOBJ_FORM and depth < 6:
            R.FPDFPageObj_GetMatrix(obj, matrix)
            inner = _mul((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), ctm)
            for i in range(R.FPDFFormObj_CountObjects(obj)):
                walk(R.FPDFFormObj_GetObject(obj, i), inner, depth + 1)
            return
        if kind != FPDF_PAGEOBJ_PATH or not R.FPDFPath_GetDrawMode(obj, fill_mode, stroke):
            return
        stroked = bool(stroke.value) and visible(R.FPDFPageObj_GetStrokeColor, obj)
        filled = fill_mode.value != 0 and visible(R.FPDFPageObj_GetFillColor, obj)
        if not stroked and not filled:
            return
        R.FPDFPageObj_GetMatrix(obj, matrix)
        a, b, c, d, e, f = _mul((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f),
                                ctm)
        start: tuple[float, float] | None = None
        prev: tuple[float, float] | None = None
        points: list[tuple[float, float]] = []
        for i in range(R.FPDFPath_CountSegments(obj)):
            seg = R.FPDFPath_GetPathSegment(obj, i)
            R.FPDFPathSegment_GetPoint(seg, x, y)
            pt = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
            kind_seg = R.FPDFPathSegment_GetType(seg)
            if not stroked:  # a filled shape is a ruling only when it is a thin bar
                points.append(pt)
                continue
            if kind_seg == FPDF_SEGMENT_MOVETO:
                start = pt
            elif kind_seg == FPDF_SEGMENT_LINETO and prev is not None:
                add(prev, pt)
            prev = pt
            if R.FPDFPathSegment_GetClose(seg) and start is not None and prev is not None:
                add(prev, start)
                prev = start
        if points:
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
            if y1 - y0 <= 3 and x1 - x0 >= 3:
                add((x0, (y0 + y1) / 2), (x1, (y0 + y1) / 2))
            elif x1 - x0 <= 3 and y1 - y0 >= 3:
                add(((x0 + x1) / 2, y0), ((x0 + x1) / 2, y1))

    identity = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    raw = page.raw
    for i in range(R.FPDFPage_CountObjects(raw)):
        walk(R.FPDFPage_GetObject(raw, i), identity, 0)
    return out


# --------------------------------------------------------------------------------------------
# characters -> segments -> rows -> lines


def _segments(chars: list[_Char]) -> list[_Seg]:
    segs: list[_Seg] = []
    cur: _Seg | None = None
    for c in chars:
        if cur is not None:
            size = max(cur.size, c.size, 1.0)
            gap = c.x0 - cur.x1
            # a wide gap is a column gutter unless the PDF's spaces fill it ("Số:      /KH")
            limit = 1.2 * size if c.spaces < 3 else max(1.2 * size, 0.5 * size * c.spaces)
            if abs(c.base - cur.base) <= 0.35 * size and -0.5 * size <= gap <= limit:
                if gap > 0.5 * size:
                    c.space = True
                cur.chars.append(c)
                cur.x1 = max(cur.x1, c.x1)
                cur.x0 = min(cur.x0, c.x0)
                cur.top = min(cur.top, c.top)
                cur.bottom = max(cur.bottom, c.bottom)
                cur.size = size
                continue
        cur = _Seg([c], c.x0, c.x1, c.top, c.bottom, c.base, c.size)
        segs.append(cur)
    return segs


def _rows(segs: list[_Seg]) -> list[list[_Seg]]:
    """Segments grouped by baseline, top to bottom, each row left to right."""
    rows: list[list[_Seg]] = []
    for s in sorted(segs, key=lambda s: (s.base, s.x0)):
        if rows:
            row = rows[-1]
            ref = row[0]
            size = max(ref.size, s.size)
            small_inside = s.size < 0.8 * ref.size and s.top < ref.bottom and s.bottom > ref.top
            if abs(s.base - ref.base) <= 0.35 * size or small_inside:
                row.append(s)
                continue
        rows.append([s])
    for row in rows:
        row.sort(key=lambda s: s.x0)
    return rows


def _line(row: list[_Seg], page: int) -> _Line:
    chars = [c for s in row for c in s.chars]
    parts = []
    for k, s in enumerate(row):
        if k:
            parts.append(" ")
        parts.append(s.text)
    text = "".join(parts)
    first = row[0]
    word_end = first.x1
    for k, c in enumerate(first.chars):
        if k and c.space:
            word_end = first.chars[k - 1].x1
            break
    sized = Counter(round(c.size) for c in chars)
    return _Line(text=text, x0=min(s.x0 for s in row), x1=max(s.x1 for s in row),
                 top=min(s.top for s in row), bottom=max(s.bottom for s in row),
                 base=statistics.median(s.base for s in row),
                 size=float(sized.most_common(1)[0][0]),
                 bold=all(c.bold for c in chars), italic=all(c.italic for c in chars),
                 word=word_end - first.x0, page=page,
                 starts=(chars[0].bold, chars[0].italic), ends=(chars[-1].bold, chars[-1].italic),
                 font=Counter(c.font for c in chars).most_common(1)[0][0])


def _lines(segs: list[_Seg], page: int) -> list[_Line]:
    return [_line(r, page) for r in _rows(segs)]


# --------------------------------------------------------------------------------------------
# lines -> paragraphs


def _center_aligned(line: _Line, ctx: _Ctx) -> bool:
    return abs(line.center - ctx.center) < max(0.6 * line.size, 0.03 * (ctx.right - ctx.left))


def _centered(line: _Line, ctx: _Ctx) -> bool:
    """A centred line: on the column's axis, with margins wider than a first-line indent."""
    margin = max(3 * line.size, 0.12 * (ctx.right - ctx.left))
    return _center_aligned(line, ctx) and line.x0 > ctx.left + margin


def _caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _same_style(a: _Line, b: _Line) -> bool:
    """Does the type run on from the end of ``a`` into ``b`` (weight, slant and size)?"""
    return a.ends == b.starts and abs(a.size - b.size) < 1


def _joins(prev: _Line, line: _Line, ctx: _Ctx, check_gap: bool = True,
           in_cell: bool = False) -> bool:
    """Does body ``line`` continue the paragraph whose last line is ``prev``?

    "Triển khai các hoạt động …" (full line) + "các hoạt động …" (next line) -> True;
    "… cụ thể như sau:" + "I. MỤC ĐÍCH, YÊU CẦU" -> False.
    """
    if OPENS.match(line.text) or not _same_style(prev, line):
        return False
    if check_gap:
        pitch = line.base - prev.base
        if pitch <= 0 or pitch > max(ctx.pitch * 1.25, ctx.pitch + 2.5):
            return False
    if _centered(prev, ctx) or _centered(line, ctx):
        if not (_center_aligned(prev, ctx) and _center_aligned(line, ctx)):
            return False
        if TERMINAL.search(prev.text) or _caps(prev.text) != _caps(line.text):
            return False
        slack = ctx.right - ctx.left - (prev.x1 - prev.x0)
        if CONTINUES.match(line.text) or slack < line.word + 0.3 * line.size:
            return True
        return prev.bold and not _caps(prev.text)  # a title set on several centred lines
    if line.x0 > prev.x0 + 0.8 * line.size:  # indented
        return False
    room = ctx.right - prev.x1
    if TERMINAL.search(prev.text) and room > 0.5 * line.size and not in_cell:
        return False  # a sentence ended before the margin (in a narrow cell: "A; B; C" wraps)
    need = line.word + 0.25 * line.size  # the next line's first word and a space
    if abs(room - need) < 0.5 * line.size:  # too close to call from the geometry
        return not TERMINAL.search(prev.text)
    return room < need  # else the next word would have fitted: the line ended on purpose


def _joins_region(prev: _Line, line: _Line, width: float) -> bool:
    """In a header or signature column each line is its own block unless it visibly continues.

    ``width`` is the column's inner width. A line continues the one before when it starts like
    the rest of a sentence, or when its first word would not have fitted on the line before
    (a wrapped line, or a dash that wrapped): "- (Quyết định số 1124/QĐ-UBND ngày" +
    "30/7/2021 của Chủ tịch UBND tỉnh);" -> True; "KT. CHỦ TỊCH" + "PHÓ CHỦ TỊCH" -> False;
    "PHÓ TRƯỞNG BAN THƯỜNG" + "TRỰC" (no room for "TRỰC" on the line) -> True.
    """
    if OPENS.match(line.text) or AUTHORITY.match(prev.text) or POSITION.match(line.text):
        return False
    if not _same_style(prev, line):
        return False
    if line.base - prev.base > 1.6 * max(prev.size, line.size):
        return False
    if TERMINAL.search(prev.text) or _caps(prev.text) != _caps(line.text):
        return False
    if CONTINUES.match(line.text):
        return True
    return width - (prev.x1 - prev.x0) < line.word + 0.3 * line.size


def _join_text(lines: list[_Line]) -> str:
    """Lines of one paragraph as one string; "11-" + "NQ/TW" -> "11-NQ/TW"."""
    out = ""
    for x in lines:
        t = x.text.strip()
        if out and not (HYPHEN_END.search(out) and (not out[-2].islower() or not t[:1].islower())):
            out += " "  # "tỉnh-" + "phòng" keeps its space: lower-case words around a dash
        out += t
    return out


def _block(lines: list[_Line], ctx: _Ctx | None, region: str | None) -> RawBlock:
    text = _join_text(lines)
    center = ctx is not None and all(_centered(x, ctx) for x in lines)
    font = Counter(x.font for x in lines).most_common(1)[0][0] or None
    hints = Hints(bold=all(x.bold for x in lines), italic=all(x.italic for x in lines),
                  align="center" if center else None, region=region, font=font)
    return RawBlock(kind="paragraph", text=text, page=lines[0].page, hints=hints)


def _region_blocks(lines: list[_Line], region: str | None, width: float) -> list[RawBlock]:
    out: list[RawBlock] = []
    cur: list[_Line] = []
    for line in lines:
        if cur and not _joins_region(cur[-1], line, width):
            out.append(_block(cur, None, region))
            cur = []
        cur.append(line)
    if cur:
        out.append(_block(cur, None, region))
    return out


def _paragraph_texts(lines: list[_Line], ctx: _Ctx) -> list[str]:
    """The paragraphs of a table cell."""
    paras: list[list[_Line]] = []
    for line in lines:
        if paras and _joins(paras[-1][-1], line, ctx, in_cell=True):
            paras[-1].append(line)
        else:
            paras.append([line])
    return [_join_text(p) for p in paras]


# --------------------------------------------------------------------------------------------
# running headers and footers


def _key(text: str) -> str:
    return regex.sub(r"\d+", "#", " ".join(text.split()))


def _drop_running(pages: list[_Page]) -> None:
    """Drop page numbers and text repeated at the top or bottom of most pages."""
    band = 0.1
    counts: Counter[tuple[str, str]] = Counter()
    per_page: list[list[tuple[str, str, list[_Seg]]]] = []
    for page in pages:
        rows = _rows(page.segs)
        found = []
        for where, chosen in (("top", rows[:3]), ("bottom", rows[-3:])):
            for row in chosen:
                top, bottom = min(s.top for s in row), max(s.bottom for s in row)
                inside = bottom < band * page.height if where == "top" else (
                    top > (1 - band) * page.height)
                if inside:
                    text = " ".join(s.text for s in row)
                    found.append((where, _key(text), row))
        for where, key, _row in {(w, k, id(r)): (w, k, r) for w, k, r in found}.values():
            counts[(where, key)] += 1
        per_page.append(found)
    need = max(2, (len(pages) + 1) // 2)
    for page, found in zip(pages, per_page, strict=True):
        drop: set[int] = set()
        for where, key, row in found:
            text = " ".join(s.text for s in row).strip()
            if PAGE_NUMBER.match(text) or (len(pages) >= 3 and counts[(where, key)] >= need):
                drop.update(id(s) for s in row)
        if drop:
            page.segs = [s for s in page.segs if id(s) not in drop]


# --------------------------------------------------------------------------------------------
# tables


class _PageStub:
    """What pdfplumber's TableFinder reads of a page when every line is given explicitly."""

    def __init__(self, width: float, height: float) -> None:
        self.bbox = (0.0, 0.0, width, height)


def _find_tables(page: _Page) -> list[tuple[tuple[float, float, float, float], list[Any]]]:
    """(bbox, rows of cell bboxes or None) of each ruled table on the page."""
    h = [e for e in page.edges if e["height"] == 0.0]
    v = [e for e in page.edges if e["width"] == 0.0]
    if len(h) < 2 or len(v) < 2:
        return []
    from pdfplumber.table import TableFinder

    finder = TableFinder(_PageStub(page.width, page.height),  # type: ignore[arg-type]
                         {"vertical_strategy": "explicit", "horizontal_strategy": "explicit",
                          "explicit_vertical_lines": v, "explicit_horizontal_lines": h})
    return [(t.bbox, [r.cells for r in t.rows]) for t in finder.tables]


def _inside(c: _Char, box: tuple[float, float, float, float]) -> bool:
    x = (c.x0 + c.x1) / 2
    y = (c.top + c.bottom) / 2
    return box[0] <= x < box[2] and box[1] <= y < box[3]



def _split_tables(page: _Page) -> None:
    """Set aside the ruled tables of a page with their characters; segment the rest."""
    remaining = page.chars
    for bbox, rows in _find_tables(page):
        in_table = [c for c in remaining if _inside(c, bbox)]
        if in_table:
            remaining = [c for c in remaining if not _inside(c, bbox)]
            page.tables.append((bbox, rows, in_table))
    page.chars = remaining
    page.segs = _segments(remaining)


def _tables(page: _Page, pitch: float) -> list[_Table]:
    out: list[_Table] = []
    for bbox, rows, in_table in page.tables:
        xs = sorted({cell[0] for row in rows for cell in row if cell is not None})
        built: list[list[RawCell]] = []
        lines_grid: list[list[list[_Line]]] = []
        above: dict[int, RawCell] = {}
        for row in rows:
            cells: list[RawCell] = []
            row_lines: list[list[_Line]] = []
            covered_until = -1.0
            for idx, cell in enumerate(row):
                x_here = xs[idx] if idx < len(xs) else 0.0
                if cell is None:
                    if x_here < covered_until - 1:
                        continue  # inside the colspan of the cell on its left
                    origin = above.get(idx)  # a vertical merge: repeat the merged cell's text
                    text = origin.text if origin is not None else ""
                    cells.append(RawCell(text=text, bold=origin.bold if origin else False))
                    row_lines.append([])
                    continue
                covered_until = cell[2]
                span = sum(1 for x in xs if cell[0] - 1 <= x < cell[2] - 1)
                chars = [c for c in in_table if _inside(c, cell)]
                lines = _lines(_segments(chars), page.number)
                pad = min((x.x0 for x in lines), default=cell[0]) - cell[0]
                ctx = _Ctx(cell[0] + pad, cell[2] - max(pad, 0.0), pitch)
                text = "\n".join(_paragraph_texts(lines, ctx))
                rc = RawCell(text=text, colspan=max(span, 1),
                             bold=bool(lines) and all(x.bold for x in lines))
                above[idx] = rc
                cells.append(rc)
                row_lines.append(lines)
            built.append(cells)
            lines_grid.append(row_lines)
        table = _Table(top=bbox[1], bbox=bbox, rows=built, xs=xs, cell_lines=lines_grid)
        text = "\n".join(c.text for r in built for c in r)
        if len(xs) <= 3 and len(built) <= 4:
            table.region = layout_kind(text)
        out.append(table)
    return out


# --------------------------------------------------------------------------------------------
# two-column zones


@dataclass(frozen=True, slots=True)
class _Box:
    """The extent of one row of a column: its segments on one baseline taken together."""

    x0: float
    x1: float
    base: float
    size: float

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


def _boxes(segs: list[_Seg]) -> list[_Box]:
    return [_Box(min(s.x0 for s in row), max(s.x1 for s in row), row[0].base,
                 max(s.size for s in row)) for row in _rows(segs)]


def _modes(boxes: list[_Box], tol: float) -> set[str]:
    """How the rows of a column line up: ``center``, ``left``, ``right`` (any that hold)."""
    modes = set()
    if max(b.center for b in boxes) - min(b.center for b in boxes) <= 2 * tol:
        modes.add("center")
    if max(b.x0 for b in boxes) - min(b.x0 for b in boxes) <= 2 * tol:
        modes.add("left")
    if max(b.x1 for b in boxes) - min(b.x1 for b in boxes) <= 2 * tol:
        modes.add("right")
    return modes


def _aligned(side: list[_Box], s: _Box) -> bool:
    """Does row ``s`` line up with the rows of its column the way they line up together?"""
    if not side:
        return True
    tol = max(s.size, 4.0)
    modes = _modes(side, tol / 2)
    checks = {"center": lambda a: abs(a.center - s.center) <= tol,
              "left": lambda a: abs(a.x0 - s.x0) <= tol,
              "right": lambda a: abs(a.x1 - s.x1) <= tol}
    if modes:
        return any(all(checks[m](a) for a in side) for m in modes)
    return any(checks[m](a) for a in side for m in checks)


def _zones(segs: list[_Seg], text_width: float,
           carry: str | None) -> tuple[list[_Zone], list[_Seg]]:
    """Two-column zones of a page, and the segments left outside them.

    ``carry`` is the region of a zone that ended the previous page: a zone opening this page
    continues it (a signature block cut by the page break) even without evidence of its own.
    """
    order = sorted(segs, key=lambda s: (s.top, s.x0))
    index = {id(s): k for k, s in enumerate(order)}
    page_top = order[0].top if order else 0.0
    used: set[int] = set()
    zones: list[_Zone] = []
    for i, a in enumerate(order):
        if id(a) in used or a.x1 - a.x0 > 0.75 * text_width or _under_wide(order, i, text_width):
            continue
        size = a.size
        partner = None
        for b in order[i + 1:]:
            if b.top > a.bottom + 2 * size:
                break
            if id(b) in used or b.x1 - b.x0 > 0.75 * text_width or _under_wide(
                    order, index[id(b)], text_width):
                continue
            if b.x0 - a.x1 >= 1.2 * size or a.x0 - b.x1 >= 1.2 * size:
                partner = b
                break
        if partner is None:
            continue
        left, right = (a, partner) if a.x0 < partner.x0 else (partner, a)
        zone = _grow(order, left, right, used)
        if zone is None:
            continue
        if zone.region is None and carry is not None and zone.top <= page_top + 1:
            zone.region = carry
        if zone.region is None and (len(_rows(zone.left)) < 2 or len(_rows(zone.right)) < 2):
            continue
        zones.append(zone)
        used.update(id(s) for s in zone.left + zone.right)
    rest = [s for s in segs if id(s) not in used]
    return zones, rest


def _follows(above: _Seg, s: _Seg) -> bool:
    """Is ``s`` the next line of the paragraph of ``above`` (same size, ordinary line pitch)?"""
    pitch = s.base - above.base
    return abs(above.size - s.size) < 0.5 and 0.5 * s.size < pitch <= 1.3 * s.size


def _under_wide(order: list[_Seg], k: int, text_width: float) -> bool:
    """Is ``order[k]`` right under a full-width line (so the last line of its paragraph)?"""
    s = order[k]
    for above in reversed(order[max(0, k - 6):k]):
        if above.base < s.base - 2 * s.size:
            break
        if above.x1 - above.x0 > 0.75 * text_width and _follows(above, s):
            return True
    return False


def _glued_below(order: list[_Seg], k: int, gl: float, gr: float) -> bool:
    """Is ``order[k]`` the last line of a body paragraph: right under a line across the gutter?"""
    s = order[k]
    for above in reversed(order[max(0, k - 6):k]):
        if above.base < s.base - 2 * s.size:
            break
        if above.x0 < gl and above.x1 > gr and _follows(above, s):
            return True
    return False


def _grow(order: list[_Seg], a: _Seg, b: _Seg, used: set[int]) -> _Zone | None:
    left, right = [a], [b]
    gl, gr = a.x1, b.x0
    members = {id(a), id(b)}
    start = min(order.index(a), order.index(b))

    def try_add(s: _Seg) -> bool:
        nonlocal gl, gr
        if id(s) in used:
            return False
        tol = 0.3 * s.size
        on_left = s.x1 <= gr - tol
        on_right = s.x0 >= gl + tol
        if on_left and on_right:
            on_left = s.center < (gl + gr) / 2
            on_right = not on_left
        if not (on_left or on_right):
            return False
        side = left if on_left else right
        same_row = any(abs(x.base - s.base) <= 0.35 * max(x.size, s.size) for x in side)
        near = min(abs(s.top - x.bottom) if s.top >= x.bottom else abs(x.top - s.bottom)
                   for x in side) if side else 0.0
        if not same_row:
            # the whole row this segment opens ("Lâm Đồng, ngày" + "tháng" + "năm 2025")
            row = [t for t in order if abs(t.base - s.base) <= 0.35 * max(t.size, s.size)
                   and id(t) not in used and (t.x1 <= gr - tol if on_left else t.x0 >= gl + tol)]
            box = _Box(min(t.x0 for t in row), max(t.x1 for t in row), s.base, s.size)
            if near > 6 * s.size or not _aligned(_boxes(side), box):
                return False
        side.append(s)
        if on_left:
            gl = max(gl, s.x1)
        else:
            gr = min(gr, s.x0)
        return gr - gl >= 0.5 * s.size

    for s in order[start + 1:]:
        if id(s) in members:
            continue
        if not try_add(s):
            break
        members.add(id(s))
    for k in range(start - 1, -1, -1):
        s = order[k]
        if _glued_below(order, k, gl, gr) or not try_add(s):
            break
        members.add(id(s))
    left.sort(key=lambda s: (s.base, s.x0))
    right.sort(key=lambda s: (s.base, s.x0))
    region = layout_kind("\n".join(s.text for s in left + right))
    return _Zone(top=min(s.top for s in left + right), left=left, right=right, region=region)


def _text_area(lines: list[_Line], width: float) -> tuple[float, float] | None:
    long = [x for x in lines if x.x1 - x.x0 > 0.5 * width]
    if len(long) < 3:
        return None
    x0s = sorted(x.x0 for x in long)
    x1s = sorted(x.x1 for x in long)
    return x0s[len(x0s) // 10], x1s[(len(x1s) * 9) // 10]


def _pitch(lines: list[_Line]) -> float:
    gaps = [b.base - a.base for a, b in itertools.pairwise(lines)
            if abs(a.size - b.size) < 1 and 0.8 * a.size <= b.base - a.base <= 2.0 * a.size]
    if not gaps:
        return 1.2 * (statistics.median(x.size for x in lines) if lines else 12.0)
    return statistics.median(gaps)


def _same_columns(a: _Table, b: _Table) -> bool:
    return len(a.xs) == len(b.xs) and all(abs(x - y) <= 3 for x, y in zip(a.xs, b.xs,
                                                                           strict=True))


def read(data: bytes) -> tuple[tuple[RawBlock, ...], int, tuple[str, ...]]:
    """Blocks, page count and warnings of a born-digital PDF.

    Raises :class:`~pipeline.ingest.IngestError`: ``encrypted``, ``corrupt``, ``no_text_layer``.
    On page 1 the header "Số: 178/KH-UBND" (left) and "Đắk Nông, ngày 20 tháng 3 năm 2024"
    (right) come out as separate blocks, the left column's before the right column's.
    """
    blocks, n_pages, warnings, _conf = read_pdf(data, ocr="never")
    return blocks, n_pages, warnings


OCR_NOISE_CONF = 45  # a word of one or two characters read with less confidence is noise


def _repair_roman(words: list[Any]) -> list[Any]:
    """A line's first word that OCR made of a roman heading label ("HI." before "KINH PHÍ"),
    back to the label (``models/patterns/ocr.yaml``)."""
    if len(words) < 2 or not _caps_word(words[1].text):
        return words
    from models.load import table

    for p in table("ocr"):
        if p.regex.match(words[0].text):
            roman = words[0].text if p.get("roman") == "same" else p.get("roman")
            return [replace(words[0], text=roman + ".")] + words[1:]
    return words


def _caps_word(w: str) -> bool:
    letters = [c for c in w if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _ocr_chars(page: Any) -> list[_Char]:
    """Tesseract's words as characters on the page: each line on one baseline (its words'
    median bottom), the letters of a word spread over the word's box."""
    by_line: dict[tuple[int, int, int], list[Any]] = {}
    for w in page.words:
        if 0 <= w.conf < OCR_NOISE_CONF and len(w.text) <= 2:  # specks, stamp edges: "ì", "ạ%"
            continue
        by_line.setdefault(w.line, []).append(w)
    out: list[_Char] = []
    for words in by_line.values():
        words = _repair_roman(words)
        base = statistics.median(w.bottom for w in words)
        size = max(w.bottom - w.top for w in words)
        top = base - size
        for k, w in enumerate(words):
            step = (w.x1 - w.x0) / max(1, len(w.text))
            for i, ch in enumerate(w.text):
                x0 = w.x0 + i * step
                out.append(_Char(ch, x0, x0 + step, top, base, base, size, False, False,
                                 i == 0 and k > 0, int(i == 0 and k > 0), "ocr"))
    return out


def _flattened(pdf: Any, i: int, page: Any) -> tuple[Any, bool]:
    """Page ``i`` with its annotations merged into its content, as a viewer shows them, and
    whether that added text. A digitally signed document often carries its number and date in
    the signature's widget ("Số: 303 /TTr-SNV", "ngày 16 tháng 9"), not in the page text, which
    then reads "Số: /TTr-SNV, ngày tháng năm 2025". Hidden annotations stay out."""
    import pypdfium2.raw as R

    if not R.FPDFPage_GetAnnotCount(page.raw):
        return page, False
    before = _count_chars(page)
    if R.FPDFPage_Flatten(page.raw, R.FLAT_NORMALDISPLAY) != R.FLATTEN_SUCCESS:
        return page, False
    page.close()
    page = pdf[i]  # PDFium shows the merged annotations on a page loaded anew
    return page, _count_chars(page) > before


def _count_chars(page: Any) -> int:
    import pypdfium2.raw as R

    textpage = page.get_textpage()
    try:
        return int(R.FPDFText_CountChars(textpage.raw))
    finally:
        textpage.close()


def read_pdf(data: bytes, ocr: str = "auto"
             ) -> tuple[tuple[RawBlock, ...], int, tuple[str, ...], float | None]:
    """Blocks, page count, warnings and OCR confidence (``None`` when no page was OCR'd).

    ``ocr``: ``auto`` reads the pages without a text layer by OCR, ``always`` every page,
    ``never`` none (a PDF with no text layer at all is then ``no_text_layer``).
"""
    pdf = _open(data)
    try:
        n_pages = len(pdf)
        if n_pages == 0:
            raise IngestError("corrupt", "PDF has no pages")
        pages: list[_Page] = []
        warnings: list[str] = []
        for i in range(n_pages):
            page, merged = _flattened(pdf, i, pdf[i])
            if merged:
                warnings.append(f"page {i + 1}: annotations (form fields, signature stamps) "
                                "read as page text")
            try:
                width, height = page.get_size()
                top_y = page.get_bbox()[3]
                textpage = page.get_textpage()
                try:
                    chars = _chars(textpage, top_y)
                finally:
                    textpage.close()
                edges = _edges(page, top_y) if chars else []
            finally:
                page.close()
            if not chars and ocr == "never":
                warnings.append(f"page {i + 1} has no text layer (scanned?)")
            pages.append(_Page(i + 1, width, height, chars, edges))
    except IngestError:
        raise
    except Exception as exc:
        raise IngestError("corrupt", f"PDF cannot be read: {type(exc).__name__}: {exc}") from exc
    finally:
        pdf.close()
    confidence = None
    scan = [p for p in pages if ocr == "always" or (ocr == "auto" and not p.chars)]
    if scan:
        from pipeline.ingest import ocr as tesseract

        read = tesseract.ocr_pdf(data, [p.number - 1 for p in scan])
        for p, got in zip(scan, read, strict=True):
            p.chars = _ocr_chars(got)
            conf = got.confidence
            warnings.append(f"page {p.number} read by OCR"
                            + (f" (confidence {conf:.0f}/100)" if conf is not None else ""))
        confs = [w.conf for got in read for w in got.words if w.conf >= 0]
        confidence = round(sum(confs) / len(confs), 1) if confs else None
    if not any(p.chars for p in pages):
        raise IngestError("no_text_layer", "PDF has no text layer: scanned, needs OCR"
                          if ocr == "never" else "PDF has no text layer and OCR found no text")
    for p in pages:
        _split_tables(p)
    _drop_running(pages)
    return _assemble(pages), n_pages, tuple(warnings), confidence




def _side_width(segs: list[_Seg], outer: float, pad: float) -> float:
    """Inner width of a layout column: its lines centred on an axis, or set flush left."""
    if not segs:
        return 0.0
    boxes = _boxes(segs)
    tol = max(s.size for s in segs) / 2
    if len(boxes) > 1 and "center" in _modes(boxes, tol):
        axis = statistics.median(b.center for b in boxes)
        return 2 * max(abs(outer - axis) - pad, 0.0)
    return max(s.x1 for s in segs) - min(s.x0 for s in segs)


def _zone_blocks(parts: list[tuple[_Zone, int]], ctx: _Ctx) -> list[RawBlock]:
    """Blocks of a zone (in parts when a page break cuts it): left column, then right column."""
    lefts = [s for z, _p in parts for s in z.left]
    pad = max(min((s.x0 for s in lefts), default=ctx.left) - ctx.left, 0.0)
    out = []
    for pick, outer in ((lambda z: z.left, ctx.left), (lambda z: z.right, ctx.right)):
        width = _side_width([s for z, _p in parts for s in pick(z)], outer, pad)
        lines = [x for z, page in parts for x in _lines(pick(z), page)]
        out.extend(_region_blocks(lines, parts[0][0].region, width))
    return out


def _layout(pages: list[_Page]) -> dict[int, _Ctx]:
    """Find tables, zones and body lines of every page (``page.items``); the body columns."""
    page_lines = {p.number: _lines(p.segs, p.number) for p in pages}
    all_lines = [x for p in pages for x in page_lines[p.number]]
    pitch = _pitch(all_lines)
    doc_area = _text_area(all_lines, max((p.width for p in pages), default=595.0))
    body_ctx: dict[int, _Ctx] = {}
    carry: str | None = None
    for page in pages:
        tables = _tables(page, pitch)
        segs = page.segs
        area = _text_area(page_lines[page.number], page.width) or doc_area or (
            0.1 * page.width, 0.9 * page.width)
        body_ctx[page.number] = _Ctx(area[0], area[1], pitch)
        zones, rest = _zones(segs, area[1] - area[0], carry)
        items: list[tuple[float, str, Any]] = [(t.top, "table", t) for t in tables]
        items += [(z.top, "zone", z) for z in zones]
        items += [(x.top, "line", x) for x in _lines(rest, page.number)]
        items.sort(key=lambda it: it[0])
        page.items = items
        carry = items[-1][2].region if items and items[-1][1] == "zone" else None
    return body_ctx


def _assemble(pages: list[_Page]) -> tuple[RawBlock, ...]:
    body_ctx = _layout(pages)
    blocks: list[RawBlock] = []
    para: list[_Line] = []
    # what ended the previous page, for what continues across the break
    open_zone: tuple[list[tuple[_Zone, int]], int] | None = None  # (parts, first block)
    last_table: tuple[_Table, int] | None = None  # (table, index of its block)

    def flush() -> None:
        if para:
            blocks.append(_block(para, body_ctx[para[0].page], None))
            para.clear()

    for page in pages:
        ctx = body_ctx[page.number]
        for pos, (_top, kind, item) in enumerate(page.items):
            first = pos == 0
            if kind == "line":
                if para and _joins(para[-1], item, ctx, check_gap=para[-1].page == item.page):
                    para.append(item)
                else:
                    flush()
                    para.append(item)
                open_zone = last_table = None
                continue
            flush()
            if kind == "zone":
                parts = [(item, page.number)]
                start = len(blocks)
                if first and open_zone is not None and open_zone[0][0][0].region == item.region:
                    parts = open_zone[0] + parts
                    start = open_zone[1]
                    del blocks[start:]
                blocks.extend(_zone_blocks(parts, ctx))
                open_zone, last_table = (parts, start), None
                continue
            table: _Table = item
            open_zone = None
            if table.region is not None:
                for r, row in enumerate(table.rows):
                    for k, _cell in enumerate(row):
                        lines = table.cell_lines[r][k] if k < len(table.cell_lines[r]) else []
                        width = max((x.x1 for x in lines), default=0.0) - min(
                            (x.x0 for x in lines), default=0.0)
                        blocks.extend(_region_blocks(lines, table.region, width))
                last_table = None
                continue
            rows = tuple(tuple(r) for r in table.rows)
            if first and last_table is not None and _same_columns(last_table[0], table):
                prev = blocks[last_table[1]]
                if rows and prev.rows and [c.text for c in rows[0]] == [c.text for c in
                                                                        prev.rows[0]]:
                    rows = rows[1:]  # the header row repeated on the new page
                blocks[last_table[1]] = replace(prev, rows=prev.rows + rows)
                last_table = (table, last_table[1])
                continue
            blocks.append(RawBlock(kind="table", rows=rows, page=page.number))
            last_table = (table, len(blocks) - 1)
        if not page.items or page.items[-1][1] != "table":
            last_table = None
        if not page.items or page.items[-1][1] != "zone":
            open_zone = None
    flush()
    if not any(b.hints.region == "header" for b in blocks if b.page == 1):
        blocks = _mark_national(blocks)
    return tuple(blocks)


def _mark_national(blocks: list[RawBlock]) -> list[RawBlock]:
    """Without a two-column header, the Quốc hiệu lines at the top of page 1 are the header."""
    out = list(blocks)
    for k, b in enumerate(out[:6]):
        if b.page == 1 and b.kind == "paragraph" and QUOC_HIEU.search(b.text):
            out[k] = replace(b, hints=replace(b.hints, region="header"))
    return out
