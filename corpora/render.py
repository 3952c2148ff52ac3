"""Render each seed text as a Word document and a PDF laid out like a real official document.

Usage::

    .venv/bin/python corpora/render.py            # every corpora/seeds/*.txt
    .venv/bin/python corpora/render.py 002        # seeds whose name starts with 002
    .venv/bin/python corpora/render.py --check    # read the renderings back and compare

Writes ``corpora/rendered/<stem>.rendered.docx`` and, through LibreOffice
(``soffice --headless --convert-to pdf``, private profile in ``/tmp/lo_profile_render``),
``corpora/rendered/<stem>.rendered.pdf``.

The layout follows Nghị định 30/2020/NĐ-CP, Phụ lục I: A4 paper, margins 2 cm top and bottom,
3 cm left, 2 cm right; Times New Roman 13-14 pt; a borderless two-column header table (left: the
issuing body in capitals, its own name bold, then "Số: …"; right: the Quốc hiệu and the motto in
bold, then the italic place-and-date line); the document type word and the title centred in bold;
headings set in bold Normal style (not Word heading styles, as real documents do); the "Nơi nhận"
list and the signature (authority lines, signer's name) as a borderless two-column table; tables
of the seed as bordered Word tables with a repeated header row; the page number centred in the page
header from page 2 on.

The seed is read with the project's own text reader (:mod:`pipeline.ingest.text`, which parses the
tab-dump tables with :mod:`pipeline.ingest.texttables`) and normalized, and its blocks are laid
out by generic rules (header lines, type word and title, "Nơi nhận" and signature, appendix), so
the rendering holds the same paragraphs as the text, in the same order apart from the header
table. The only text added is the Quốc hiệu and the motto, which every official document prints.
Two repairs of the seed are layout, not content: page-number lines and typist's initials left in
the text by its conversion are dropped (normalize drops them too), and a table row that a blank
line inside a cell split in two is put back together.

The outputs are reproducible: the .docx zip has fixed timestamps and metadata, and the PDF's
creation date and file identifiers are fixed after LibreOffice writes it, so rendering again
gives the same bytes (and the same ``doc_id``). ``--check`` reads every rendering back through
the pipeline's readers and normalize stage and compares it with what was laid out, and the
layout with the seed.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import regex
from docx import Document as new_document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell

from pipeline import normalize
from pipeline.document import Block, RawBlock
from pipeline.ingest import read
from pipeline.ingest.layout import QUOC_HIEU, SO_LINE  # the Quốc hiệu / motto, "Số: …"

ROOT = Path(__file__).resolve().parent
SEEDS = ROOT / "seeds"
OUT = ROOT / "rendered"
LO_PROFILE = "file:///tmp/lo_profile_render"
FONT = "Times New Roman"

QUOC_HIEU_TEXT = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

# "Đắk Nông, ngày 20 tháng 3 năm 2024", "Thị trấn, ngày   tháng 4 năm 2024"
DATE_LINE = regex.compile(r"^[^\d,]{2,40},\s*ngày\b.{0,20}\btháng\b.{0,8}\bnăm\s+\d{4}\s*$")
# the type word opening the document's name: "KẾ HOẠCH", "CHƯƠNG TRÌNH CÔNG TÁC NĂM 2024"
TYPE_WORD = regex.compile(
    r"^(?:LUẬT|NGHỊ\s+QUYẾT|NGHỊ\s+ĐỊNH|QUYẾT\s+ĐỊNH|CHỈ\s+THỊ|THÔNG\s+TƯ|CHƯƠNG\s+TRÌNH"
    r"|KẾ\s+HOẠCH|ĐỀ\s+ÁN|DỰ\s+ÁN|CHIẾN\s+LƯỢC|QUY\s+CHẾ|QUY\s+ĐỊNH|HƯỚNG\s+DẪN|THÔNG\s+BÁO"
    r"|BÁO\s+CÁO|KẾT\s+LUẬN|TỜ\s+TRÌNH|CÔNG\s+VĂN|ĐIỀU\s+LỆ)\b"
)
# a line that opens body text rather than continuing a title
BODY_OPENING = regex.compile(
    r"^(?:\d{1,3}(?:\.\d{1,3})*[.)]\s|[IVXLC]{1,6}[.)]\s|[a-zđ][.)]\s|[-+•]\s|Điều\s+\d"
    r"|Căn\s+cứ|Thực\s+hiện|Theo\s+đề\s+nghị|Xét\s+đề\s+nghị)"
)
ROMAN_HEADING = regex.compile(r"^[IVXLC]{1,6}[.)]\s")
APPENDIX = regex.compile(r"^(?:PHỤ\s+LỤC|Phụ\s+lục)\b")
NOI_NHAN = regex.compile(r"^Nơi\s+nhận\b")
BULLET = regex.compile(r"^[-+•–]\s*")
# "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "Q. GIÁM ĐỐC", "TL. BỘ TRƯỞNG", "TUQ. CHỦ TỊCH"
AUTHORITY = regex.compile(r"^(?:TM|KT|Q|TL|TUQ)\.\s")
# "(Đã ký)", "(Ký tên, đóng dấu)"
SIGNED = regex.compile(r"^\((?:Đã\s+ký|Ký\b)[^)]*\)$", regex.I)
# a signer's name as printed: "Lê Trọng Yên", "Tôn Thị Ngọc Hạnh"
NAME = regex.compile(r"^\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){1,5}$")


@dataclass(frozen=True, slots=True, kw_only=True)
class Para:
    """One paragraph to write, with its look."""

    text: str
    bold: bool = False
    italic: bool = False
    size: float = 14
    align: str = "justify"  # justify | center | left
    indent: bool = False  # first-line indent of body text
    page_break: bool = False  # start a new page before this paragraph
    space_before: float = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Table:
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class LayoutTable:
    """A borderless two-column table: the header or the Nơi nhận / signature block."""

    left: tuple[Para, ...]
    right: tuple[Para, ...]
    widths: tuple[float, float]  # cm
    page_break: bool = False


Item = Para | Table | LayoutTable


@dataclass(slots=True)
class Seed:
    """A seed's blocks: paragraphs (normalized, with the text reader's hints) and raw tables."""

    items: list[Block | RawBlock] = field(default_factory=list)


def _all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def load_seed(path: Path) -> Seed:
    """The blocks of a seed as the pipeline reads them; tables keep their cells' line breaks."""
    raw = read(path)
    doc = normalize.run(raw)
    raw_tables = iter([b for b in raw.blocks if b.kind == "table"])
    seed = Seed()
    for b in doc.blocks:
        seed.items.append(b if b.kind == "paragraph" else next(raw_tables))
    return seed


def repair_rows(rows: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
    """Put back together rows that a blank line inside a cell split in two.

    The text dump separates rows by blank lines, so a cell holding a blank line splits its row:
    two short rows whose cell counts add up to the table's width are one row.
    """
    width = max(len(r) for r in rows)
    out: list[tuple[str, ...]] = []
    i = 0
    while i < len(rows):
        row = rows[i]
        if len(row) < width and i + 1 < len(rows) and len(row) + len(rows[i + 1]) == width:
            out.append(row + rows[i + 1])
            i += 2
            continue
        out.append(row + ("",) * (width - len(row)))
        i += 1
    return tuple(out)


def _title_zone(items: list[Block | RawBlock], i: int, out: list[Item], page_break: bool) -> int:
    """The type word, the title and a decision's authority line, centred in bold."""
    first = True
    if i < len(items) and items[i].kind == "paragraph":
        t = items[i].text
        if TYPE_WORD.match(t) and _all_caps(t.split("(")[0]):
            out.append(Para(text=t, bold=True, align="center", size=14, page_break=page_break,
                            space_before=12))
            first = False
            i += 1
            if i < len(items) and items[i].kind == "paragraph":
                t = items[i].text
                b = items[i]
                if (isinstance(b, Block) and b.hints.heading is not None) or (
                        not BODY_OPENING.match(t) and len(t) < 400 and not _all_caps(t)):
                    out.append(Para(text=t, bold=True, align="center", size=14))
                    i += 1
            while (i < len(items) and items[i].kind == "paragraph" and _all_caps(items[i].text)
                   and len(items[i].text) < 120 and not ROMAN_HEADING.match(items[i].text)
                   and not BODY_OPENING.match(items[i].text)
                   and not NOI_NHAN.match(items[i].text)):
                out.append(Para(text=items[i].text, bold=True, align="center", size=14,
                                space_before=6))
                i += 1
    if first and page_break and i < len(items):
        out.append(Para(text="", page_break=True))
    return i


def _header(items: list[Block | RawBlock]) -> tuple[LayoutTable, int]:
    """Issuer lines, "Số:", the Quốc hiệu and the date line at the top of the seed."""
    issuer: list[str] = []
    number: list[str] = []
    date: list[str] = []
    i = 0
    while i < len(items) and items[i].kind == "paragraph":
        t = items[i].text
        if QUOC_HIEU.match(t):
            pass  # printed by the layout itself
        elif SO_LINE.match(t):
            number.append(t)
        elif DATE_LINE.match(t):
            date.append(t)
        elif (_all_caps(t) and len(t) < 100 and not TYPE_WORD.match(t) and not number
              and not date):
            issuer.append(t)
        else:
            break
        i += 1
    if not number and not date:  # capitals alone are not a header: the title or body
        issuer, i = [], 0
        while i < len(items) and items[i].kind == "paragraph" and QUOC_HIEU.match(items[i].text):
            i += 1
    left = [Para(text=t, bold=k == len(issuer) - 1, align="center", size=13)
            for k, t in enumerate(issuer)]
    left += [Para(text=t, align="center", size=13, space_before=6) for t in number]
    right = [Para(text=QUOC_HIEU_TEXT, bold=True, align="center", size=13),
             Para(text=MOTTO, bold=True, align="center", size=14)]
    right += [Para(text=t, italic=True, align="center", size=14, space_before=6) for t in date]
    return LayoutTable(left=tuple(left), right=tuple(right), widths=(6.0, 10.0)), i


def _signature(items: list[Block | RawBlock], i: int) -> tuple[LayoutTable, int] | None:
    """The "Nơi nhận" list (left) and the authority lines and signer's name (right)."""
    left = [Para(text=items[i].text, bold=True, italic=True, align="left", size=12)]
    j = i + 1
    while j < len(items) and items[j].kind == "paragraph" and BULLET.match(items[j].text):
        left.append(Para(text=items[j].text, align="left", size=11))
        j += 1
    right: list[Para] = []
    while j < len(items) and items[j].kind == "paragraph":
        t = items[j].text
        if AUTHORITY.match(t) or SIGNED.match(t) or (_all_caps(t) and len(t) < 120):
            right.append(Para(text=t, bold=not SIGNED.match(t), italic=bool(SIGNED.match(t)),
                              align="center", size=14))
            j += 1
            continue
        break
    if j < len(items) and items[j].kind == "paragraph" and NAME.match(items[j].text):
        right.append(Para(text=items[j].text, bold=True, align="center", size=14,
                          space_before=60))
        j += 1
    if not right:
        return None
    return LayoutTable(left=tuple(left), right=tuple(right), widths=(7.5, 8.5)), j


def layout(seed: Seed) -> list[Item]:
    """Lay a seed's blocks out as the parts of an official document."""
    items = seed.items
    out: list[Item] = []
    header, i = _header(items)
    out.append(header)
    i = _title_zone(items, i, out, page_break=False)
    while i < len(items):
        b = items[i]
        if b.kind == "table":
            rows = tuple(tuple(c.text for c in r) for r in b.rows)
            out.append(Table(rows=repair_rows(rows)))
            i += 1
            continue
        t = b.text
        if NOI_NHAN.match(t):
            sig = _signature(items, i)
            if sig is not None:
                out.append(sig[0])
                i = sig[1]
                if i < len(items):  # an attached document follows: it starts a new page
                    i = _title_zone(items, i, out, page_break=True)
                continue
        if APPENDIX.match(t) and _all_caps(t):
            out.append(Para(text=t, bold=True, align="center", page_break=True))
            i += 1
            if i < len(items) and items[i].kind == "paragraph" and _all_caps(items[i].text):
                out.append(Para(text=items[i].text, bold=True, align="center"))
                i += 1
            continue
        hints = b.hints if isinstance(b, Block) else None
        bold = bool(hints and (hints.bold or hints.heading is not None)) or (
            _all_caps(t) and len(t) < 200)
        italic = bool(hints and hints.italic)
        out.append(Para(text=t, bold=bold, italic=italic, indent=True))
        i += 1
    return out


def _set_font(run_or_style: object, size: float | None = None) -> None:
    font = run_or_style.font  # type: ignore[attr-defined]
    font.name = FONT
    if size is not None:
        font.size = Pt(size)
    r_pr = run_or_style.element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


ALIGN = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "left": WD_ALIGN_PARAGRAPH.LEFT}


def _write_para(container: DocxDocument | _Cell, p: Para, first_in_cell: bool = False) -> None:
    if first_in_cell:
        par = container.paragraphs[0]
    else:
        par = container.add_paragraph()
    fmt = par.paragraph_format
    fmt.alignment = ALIGN[p.align]
    fmt.space_after = Pt(3 if not p.indent else 6)
    fmt.space_before = Pt(p.space_before)
    fmt.line_spacing = 1.0
    if p.indent:
        fmt.first_line_indent = Cm(1.0)
    if p.page_break:
        fmt.page_break_before = True
    if p.text:
        run = par.add_run(p.text)
        run.bold = p.bold
        run.italic = p.italic
        run.font.size = Pt(p.size)


def _no_borders(table_element: object) -> None:
    tbl_pr = table_element.tblPr  # type: ignore[attr-defined]
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        e = OxmlElement(f"w:{side}")
        e.set(qn("w:val"), "nil")
        borders.append(e)
    tbl_pr.append(borders)


def _write_layout_table(doc: DocxDocument, lt: LayoutTable) -> None:
    if lt.page_break:
        _write_para(doc, Para(text="", page_break=True))
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _no_borders(table._tbl)
    for column, width in zip(table.columns, lt.widths, strict=True):
        column.width = Cm(width)
    for cell, paras, width in zip(table.rows[0].cells, (lt.left, lt.right), lt.widths,
                                  strict=True):
        cell.width = Cm(width)
        for k, p in enumerate(paras):
            _write_para(cell, p, first_in_cell=k == 0)


def _write_table(doc: DocxDocument, t: Table) -> None:
    ncols = max(len(r) for r in t.rows)
    table = doc.add_table(rows=len(t.rows), cols=ncols)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = [1.0] + [(16.0 - 1.0) / (ncols - 1)] * (ncols - 1) if ncols > 1 else [16.0]
    if ncols == 5:
        widths = [1.3, 5.2, 3.0, 3.5, 3.0]
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for r, row in enumerate(t.rows):
        tr_pr = table.rows[r]._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        if r == 0:
            tr_pr.append(OxmlElement("w:tblHeader"))
        for c, cell in enumerate(table.rows[r].cells):
            cell.width = Cm(widths[c])
            text = row[c] if c < len(row) else ""
            for k, line in enumerate(text.split("\n") or [""]):
                p = Para(text=line.strip(), bold=r == 0, size=12,
                         align="center" if r == 0 or c == 0 else "left")
                _write_para(cell, p, first_in_cell=k == 0)


def _page_number_header(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    par = section.header.paragraphs[0]
    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field_el = OxmlElement("w:fldSimple")
    field_el.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field_el.append(run)
    par._p.append(field_el)


def build(items: list[Item], title: str) -> bytes:
    """A .docx holding ``items``, with reproducible bytes (fixed zip timestamps and metadata)."""
    doc = new_document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(2.0)
    section.header_distance = Cm(1.0)
    _set_font(doc.styles["Normal"], 14)
    props = doc.core_properties
    props.title = title
    props.author = "vnplan corpora/render.py"
    props.last_modified_by = "vnplan corpora/render.py"
    props.created = props.modified = datetime(2024, 1, 1)
    props.revision = 1
    _page_number_header(doc)
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):  # the template's empty first paragraph
        body.remove(p)
    for item in items:
        if isinstance(item, Para):
            _write_para(doc, item)
        elif isinstance(item, Table):
            _write_table(doc, item)
        else:
            _write_layout_table(doc, item)
    buf = io.BytesIO()
    doc.save(buf)
    return _reproducible_zip(buf.getvalue())


def _reproducible_zip(data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def to_pdf(paths: list[Path]) -> None:
    """Convert .docx files to PDF beside them with LibreOffice (private profile)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit("soffice (LibreOffice) not found")
    subprocess.run([soffice, f"-env:UserInstallation={LO_PROFILE}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(OUT), *map(str, paths)],
                   check=True, capture_output=True, timeout=600)
    for p in paths:
        pdf = p.with_suffix(".pdf")
        pdf.write_bytes(reproducible_pdf(pdf.read_bytes()))


PDF_DATE = regex.compile(rb"/(CreationDate|ModDate)\(D:\d{14}")
PDF_IDS = regex.compile(rb"(?<=/ID \[ <)[0-9A-F]{32}(?=>)|(?<=<)[0-9A-F]{32}(?=> \])"
                        rb"|(?<=/DocChecksum /)[0-9A-F]{32}")


def reproducible_pdf(data: bytes) -> bytes:
    """LibreOffice's PDF with its date and file identifiers fixed, byte for byte the same length
    (the cross-reference offsets stay right), so the same .docx always gives the same bytes."""
    data = PDF_DATE.sub(lambda m: b"/" + m.group(1) + b"(D:20240101000000", data)
    digest = hashlib.blake2b(PDF_IDS.sub(b"", data), digest_size=16).hexdigest().upper()
    return PDF_IDS.sub(digest.encode("ascii"), data)


def expected(items: list[Item]) -> list[str]:
    """What reading a rendering back must give: one entry per paragraph or table row."""
    out: list[str] = []
    for item in items:
        if isinstance(item, Para):
            paras: tuple[Para, ...] = (item,)
        elif isinstance(item, LayoutTable):
            paras = item.left + item.right
        else:
            out.extend("T: " + " | ".join(" / ".join(" ".join(x.split()) for x in c.split("\n")
                                                     if x.strip()) for c in r)
                       for r in item.rows)
            continue
        out.extend(" ".join(p.text.split()) for p in paras if p.text.strip())
    return out


def got(path: Path) -> list[str]:
    """The blocks of a file as the pipeline reads and normalizes it, in the form of expected()."""
    doc = normalize.run(read(path))
    out: list[str] = []
    for b in doc.blocks:
        if b.kind == "paragraph":
            out.append(b.text)
        else:
            out.extend("T: " + " | ".join(c.text for c in r) for r in b.rows)
    return out


def check(seeds: list[Path]) -> int:
    """Compare each rendering read back with what was laid out, and the layout with the seed.

    The layout must hold the seed's paragraphs in the seed's order, except the header lines
    (set in the header table's cells, compared as a set) and the Quốc hiệu and motto (added).
    """
    import difflib

    bad = 0
    for path in seeds:
        items = layout(load_seed(path))
        want = expected(items)
        header = items[0]
        k = len(header.left) + len(header.right) if isinstance(header, LayoutTable) else 0
        national = {QUOC_HIEU_TEXT, MOTTO}
        laid = [t for t in want[:k] if t not in national], want[k:]
        seed = got(path)
        n = len(laid[0])
        same_header = sorted(laid[0]) == sorted(seed[:n])
        diff = list(difflib.unified_diff(seed[n:], laid[1], path.name, "layout", n=0,
                                         lineterm=""))
        print(f"{path.name}: header {'same' if same_header else 'DIFFERS'}, "
              f"{'same' if not diff else 'differs'} otherwise")
        for d in diff[2:]:
            print("   ", d[:160])
        for suffix in (".docx", ".pdf"):
            target = OUT / f"{path.stem}.rendered{suffix}"
            have = got(target)
            diff = list(difflib.unified_diff(want, have, "layout", target.name, n=0,
                                             lineterm=""))
            changed = sum(1 for d in diff if d[:1] in "+-") - 2  # less the two file headers
            status = "same" if not diff else f"{changed} lines differ"
            print(f"{target.name}: {len(have)} blocks/rows, {status}")
            for d in diff[2:]:
                print("   ", d[:160])
            bad += bool(diff)
    return 1 if bad else 0


def main(argv: list[str]) -> int:
    checking = "--check" in argv
    prefixes = [a for a in argv if not a.startswith("--")] or [""]
    seeds = sorted(p for p in SEEDS.glob("*.txt") if any(p.name.startswith(x) for x in prefixes))
    if checking:
        return check(seeds)
    OUT.mkdir(exist_ok=True)
    written = []
    for path in seeds:
        items = layout(load_seed(path))
        target = OUT / f"{path.stem}.rendered.docx"
        target.write_bytes(build(items, path.stem))
        written.append(target)
        print(f"wrote {target.relative_to(ROOT.parent)}")
    if written:
        to_pdf(written)
        for p in written:
            print(f"wrote {p.with_suffix('.pdf').relative_to(ROOT.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
