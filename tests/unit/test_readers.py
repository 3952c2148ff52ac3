"""The DOCX and PDF readers: reading order, layout tables and zones, merged cells, numbering,
hostile and broken files. DOCX inputs are built here with python-docx; PDF inputs are the
committed renderings of the seeds (corpora/rendered) and the fixtures of corpora/fixtures."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document as new_document
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt

from pipeline import normalize
from pipeline.document import RawBlock
from pipeline.ingest import IngestError, read
from pipeline.ingest import docx as docx_reader
from pipeline.ingest import pdf as pdf_reader

from ..conftest import RENDERED, ROOT

FIXTURES = ROOT / "corpora" / "fixtures"
BROKEN = FIXTURES / "broken"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# --------------------------------------------------------------------------------------------
# building .docx files


def _save(doc) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        e = OxmlElement(f"w:{side}")
        e.set(qn("w:val"), "nil")
        borders.append(e)
    table._tbl.tblPr.append(borders)


def _cell(cell, lines: list[str]) -> None:
    cell.paragraphs[0].text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def _layout_table(doc, left: list[str], right: list[str], borders: bool = False):
    table = doc.add_table(rows=1, cols=2)
    if borders:
        table.style = doc.styles["Table Grid"]
    else:
        _no_borders(table)
    _cell(table.rows[0].cells[0], left)
    _cell(table.rows[0].cells[1], right)
    return table


def _real_table(doc, rows: list[list[str]]):
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = doc.styles["Table Grid"]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.rows[r].cells[c].text = text
    return table


HEADER_LEFT = ["ỦY BAN NHÂN DÂN", "TỈNH AN GIANG", "Số: 12/KH-UBND"]
HEADER_RIGHT = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                "An Giang, ngày 5 tháng 6 năm 2024"]
SIGN_LEFT = ["Nơi nhận:", "- Như trên;", "- Lưu: VT."]
SIGN_RIGHT = ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Minh"]
ASSIGN = [["STT", "NỘI DUNG", "CHỦ TRÌ"], ["1", "Tuyên truyền", "Sở Tư pháp"],
          ["2", "Báo cáo", "Sở Nội vụ"]]


def official_docx() -> bytes:
    """Header table, title, paragraph, assignment table, paragraph, signature table."""
    doc = new_document()
    doc.sections[0].header.paragraphs[0].text = "Trang đầu của phần đầu trang"
    _layout_table(doc, HEADER_LEFT, HEADER_RIGHT)
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("Trước bảng.")
    _real_table(doc, ASSIGN)
    doc.add_paragraph("Sau bảng.")
    _layout_table(doc, SIGN_LEFT, SIGN_RIGHT)
    return _save(doc)


def _texts(blocks: tuple[RawBlock, ...]) -> list[str]:
    return [b.text if b.kind == "paragraph" else "<table>" for b in blocks]


# --------------------------------------------------------------------------------------------
# DOCX: order, layout tables, real tables


def test_docx_body_order_and_layout_tables_cell_by_cell():
    blocks = docx_reader.read(official_docx())
    assert _texts(blocks) == (HEADER_LEFT + HEADER_RIGHT + ["KẾ HOẠCH", "Trước bảng.", "<table>",
                                                              "Sau bảng."] + SIGN_LEFT + SIGN_RIGHT)
    regions = [b.hints.region for b in blocks]
    assert regions == ["header"] * 6 + [None] * 4 + ["signature"] * 6


def test_docx_page_header_is_not_body():
    assert not any("phần đầu trang" in b.text for b in docx_reader.read(official_docx()))


def test_docx_real_table_stays_a_table():
    table = next(b for b in docx_reader.read(official_docx()) if b.kind == "table")
    assert [[c.text for c in row] for row in table.rows] == ASSIGN
    assert table.hints.region is None


def _two_row_header() -> bytes:
    doc = new_document()
    table = doc.add_table(rows=2, cols=2)
    _no_borders(table)
    _cell(table.rows[0].cells[0], HEADER_LEFT[:2])
    _cell(table.rows[0].cells[1], HEADER_RIGHT[:2])
    _cell(table.rows[1].cells[0], HEADER_LEFT[2:])
    _cell(table.rows[1].cells[1], HEADER_RIGHT[2:])
    return _save(doc)


def _line_breaks_in_cells() -> bytes:
    """Header cells whose lines are separated by line breaks, not paragraphs."""
    doc = new_document()
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    for cell, lines in zip(table.rows[0].cells, (HEADER_LEFT, HEADER_RIGHT), strict=True):
        run = cell.paragraphs[0].add_run(lines[0])
        for line in lines[1:]:
            run.add_break()
            run.add_text(line)
    return _save(doc)


def _bordered_header() -> bytes:
    doc = new_document()
    _layout_table(doc, HEADER_LEFT, HEADER_RIGHT, borders=True)
    return _save(doc)


def _borderless_plain() -> bytes:
    doc = new_document()
    _layout_table(doc, ["Sở Tư pháp", "Sở Nội vụ"], ["Tuyên truyền", "Báo cáo"])
    return _save(doc)


def _borderless_assignment() -> bytes:
    doc = new_document()
    table = _real_table(doc, ASSIGN)
    table.style = None
    _no_borders(table)
    return _save(doc)


@pytest.mark.parametrize(
    "build,kinds,texts",
    [
        pytest.param(_two_row_header, ["paragraph"] * 6, HEADER_LEFT + HEADER_RIGHT,
                     id="two-row-header-read-column-by-column"),
        pytest.param(_bordered_header, ["paragraph"] * 6, HEADER_LEFT + HEADER_RIGHT,
                     id="bordered-header-is-layout-by-content"),
        pytest.param(_line_breaks_in_cells, ["paragraph"] * 6, HEADER_LEFT + HEADER_RIGHT,
                     id="line-breaks-in-header-cells"),
        pytest.param(_borderless_plain, ["table"], None, id="borderless-without-markers-is-table"),
        pytest.param(_borderless_assignment, ["table"], None, id="borderless-stt-table-is-table"),
    ],
)
def test_docx_layout_or_real_table(build, kinds, texts):
    blocks = docx_reader.read(build())
    assert [b.kind for b in blocks] == kinds
    if texts is not None:
        assert _texts(blocks) == texts
        assert {b.hints.region for b in blocks} == {"header"}


def _merged() -> bytes:
    doc = new_document()
    table = _real_table(doc, [["STT", "NỘI DUNG", "CHỦ TRÌ", "PHỐI HỢP"],
                              ["1", "Tuyên truyền", "Sở Tư pháp", "Hội Phụ nữ"],
                              ["2", "Báo cáo", "", "Công an"],
                              ["3", "Kiểm tra", "Sở Nội vụ", ""]])
    table.cell(1, 2).merge(table.cell(2, 2))  # CHỦ TRÌ of rows 1-2: one cell
    merged = table.cell(3, 2).merge(table.cell(3, 3))  # row 3: CHỦ TRÌ and PHỐI HỢP together
    merged.paragraphs[0].text = "Sở Nội vụ"
    for p in merged.paragraphs[1:]:
        p._p.getparent().remove(p._p)
    return _save(doc)


def test_docx_merged_cells():
    table = docx_reader.read(_merged())[0]
    rows = [[(c.text, c.colspan) for c in row] for row in table.rows]
    assert rows[1] == [("1", 1), ("Tuyên truyền", 1), ("Sở Tư pháp", 1), ("Hội Phụ nữ", 1)]
    assert rows[2] == [("2", 1), ("Báo cáo", 1), ("Sở Tư pháp", 1), ("Công an", 1)]  # repeated
    assert rows[3] == [("3", 1), ("Kiểm tra", 1), ("Sở Nội vụ", 2)]
    assert all(c.rowspan == 1 for row in table.rows for c in row)


def test_docx_cell_paragraphs_joined_with_newline():
    doc = new_document()
    table = _real_table(doc, ASSIGN)
    table.rows[1].cells[2].add_paragraph("Hội Phụ nữ")
    cell = docx_reader.read(_save(doc))[0].rows[1][2]
    assert cell.text == "Sở Tư pháp\nHội Phụ nữ"


# --------------------------------------------------------------------------------------------
# DOCX: numbering, hints, text boxes

NUMBERING = f"""
<w:numbering xmlns:w="{W_NS}">
  <w:abstractNum w:abstractNumId="7">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
    <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%4."/></w:lvl>
    <w:lvl w:ilvl="4"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="70"><w:abstractNumId w:val="7"/></w:num>
</w:numbering>"""

NUMBERED = [  # (ilvl, text, expected block text)
    (0, "MỤC ĐÍCH, YÊU CẦU", "I. MỤC ĐÍCH, YÊU CẦU"),
    (1, "Mục đích", "1. Mục đích"),
    (2, "Tuyên truyền", "a) Tuyên truyền"),
    (2, "Tập huấn", "b) Tập huấn"),
    (1, "Yêu cầu", "2. Yêu cầu"),
    (3, "Đúng hạn", "2.1. Đúng hạn"),
    (4, "Báo cáo quý", "- Báo cáo quý"),
    (0, "NHIỆM VỤ", "II. NHIỆM VỤ"),
    (1, "Sở Tư pháp", "1. Sở Tư pháp"),  # deeper levels restart under a new higher level
    (2, "Phổ biến", "a) Phổ biến"),
]


def _numbered() -> bytes:
    doc = new_document()
    numbering = doc.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for child in parse_xml(NUMBERING):
        numbering.append(child)
    for ilvl, text, _ in NUMBERED:
        p = doc.add_paragraph(text)
        num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = ilvl
        num_pr.get_or_add_numId().val = 70
    return _save(doc)


def test_docx_numbering_label_prefixed():
    blocks = docx_reader.read(_numbered())
    assert [b.text for b in blocks] == [want for _, _, want in NUMBERED]
    assert [b.hints.numbering for b in blocks] == [want.split(" ")[0] for _, _, want in NUMBERED]


@pytest.mark.parametrize(
    "n,fmt,label",
    [(4, "decimal", "4"), (4, "upperRoman", "IV"), (14, "upperRoman", "XIV"), (9, "lowerRoman", "ix"),
     (2, "lowerLetter", "b"), (27, "lowerLetter", "aa"), (3, "upperLetter", "C"),
     (5, "decimalZero", "05")],
)
def test_number_formats(n, fmt, label):
    assert docx_reader.format_number(n, fmt) == label


def _styled() -> bytes:
    doc = new_document()
    doc.add_paragraph("Tiêu đề cấp một", style="Heading 1")
    p = doc.add_paragraph()
    p.add_run("I. MỤC ĐÍCH").bold = True
    p = doc.add_paragraph()
    p.add_run("Đậm ").bold = True
    p.add_run("và thường")
    p = doc.add_paragraph()
    p.add_run("Nghiêng").italic = True
    p.alignment = 1  # center
    doc.styles["Normal"].font.size = Pt(14)
    strong = doc.styles.add_style("Nhan manh", 2)  # a character style that sets bold
    strong.font.bold = True
    p = doc.add_paragraph()
    p.add_run("Đậm theo kiểu ký tự", style="Nhan manh")
    return _save(doc)


@pytest.mark.parametrize(
    "index,bold,italic,heading,align",
    [(0, True, False, 1, None), (1, True, False, None, None), (2, False, False, None, None),
     (3, False, True, None, "center"), (4, True, False, None, None)],
    ids=["heading-style", "bold-run", "mixed-runs", "italic-centered", "bold-char-style"],
)
def test_docx_hints(index, bold, italic, heading, align):
    h = docx_reader.read(_styled())[index].hints
    assert (h.bold, h.italic, h.heading, h.align) == (bold, italic, heading, align)


TEXTBOX = f"""
<w:r xmlns:w="{W_NS}"
     xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
     xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
     xmlns:v="urn:schemas-microsoft-com:vml">
  <mc:AlternateContent>
    <mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent>
      <w:p><w:r><w:t>DỰ THẢO</w:t></w:r></w:p>
    </w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>
    <mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>
      <w:p><w:r><w:t>DỰ THẢO</w:t></w:r></w:p>
    </w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>
  </mc:AlternateContent>
</w:r>"""


def test_docx_text_box_read_once():
    doc = new_document()
    p = doc.add_paragraph("Có khung: ")
    p._p.append(parse_xml(TEXTBOX))
    doc.add_paragraph("Sau khung.")
    assert _texts(docx_reader.read(_save(doc))) == ["Có khung: ", "DỰ THẢO", "Sau khung."]


# --------------------------------------------------------------------------------------------
# DOCX: hostile and broken packages


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def _ratio_bomb() -> bytes:
    return _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b" " * (30 << 20)})


def _encrypted_ole() -> bytes:
    return (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "EncryptedPackage".encode("utf-16-le")
            + bytes(500))


def _dtd_after_long_comment() -> bytes:
    doc = _zip({"[Content_Types].xml": b"<Types/>",
                "word/document.xml": b"<?xml version='1.0'?><!--" + b"x" * 70000 + b"-->"
                b"<!DOCTYPE d [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><d>&e;</d>"})
    return doc


def _not_word() -> bytes:
    src = io.BytesIO(official_docx())
    out = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"wordprocessingml.document.main+xml",
                                    b"presentationml.presentation.main+xml")
            zout.writestr(info, data)
    return out.getvalue()


@pytest.mark.parametrize(
    "data,reason",
    [
        pytest.param(lambda: (BROKEN / "zip-bomb.docx").read_bytes(), "zip_bomb", id="300mb-member"),
        pytest.param(_ratio_bomb, "zip_bomb", id="compression-ratio"),
        pytest.param(lambda: (BROKEN / "external-entity.docx").read_bytes(), "hostile", id="xxe"),
        pytest.param(lambda: (BROKEN / "entity-expansion.docx").read_bytes(), "hostile",
                     id="billion-laughs"),
        pytest.param(_dtd_after_long_comment, "hostile", id="dtd-hidden-after-comment"),
        pytest.param(lambda: (BROKEN / "not-a-zip.docx").read_bytes(), "corrupt", id="not-a-zip"),
        pytest.param(lambda: (BROKEN / "truncated.docx").read_bytes(), "corrupt", id="truncated"),
        pytest.param(lambda: (BROKEN / "corrupt-xml.docx").read_bytes(), "corrupt",
                     id="corrupt-xml"),
        pytest.param(lambda: _zip({"a.txt": b"x"}), "corrupt", id="zip-not-office"),
        pytest.param(_not_word, "unsupported_format", id="office-but-not-word"),
        pytest.param(_encrypted_ole, "encrypted", id="password-protected"),
    ],
)
def test_docx_broken_files_give_a_reason(data, reason):
    with pytest.raises(IngestError) as exc:
        docx_reader.read(data())
    assert exc.value.reason == reason
    assert len(exc.value.message) > 10


def test_docx_parser_never_resolves_entities():
    """Behind the DTD check, python-docx's own parser expands nothing and fetches nothing."""
    el = parse_xml(f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">'
                   f'<!ENTITY a "aaaaaaaaaa">]><w:t xmlns:w="{W_NS}">&e;&a;</w:t>')
    assert "root:" not in (el.text or "") and "aaaaaaaaaa" not in (el.text or "")


# --------------------------------------------------------------------------------------------
# PDF: the committed renderings of the seeds and the fixtures

STEMS = sorted(p.name.split(".")[0] for p in RENDERED.glob("*.rendered.pdf"))


def _normalized(path: Path):
    return normalize.run(read(path))


def _seq(doc) -> list[str]:
    out = []
    for b in doc.blocks:
        if b.kind == "paragraph":
            out.append(b.text)
        else:
            out.extend("T: " + " | ".join(c.text for c in row) for row in b.rows)
    return out


@pytest.mark.parametrize("stem", STEMS)
def test_pdf_reads_like_the_docx_it_was_made_from(stem):
    """Same paragraphs, same order, same table rows: columns, page breaks, tables all handled."""
    pdf = _normalized(RENDERED / f"{stem}.rendered.pdf")
    docx = _normalized(RENDERED / f"{stem}.rendered.docx")
    assert _seq(pdf) == _seq(docx)
    assert [b.hints.region for b in pdf.blocks] == [b.hints.region for b in docx.blocks]


@pytest.mark.parametrize("stem", [s for s in STEMS if not s.startswith(("002", "004"))])
def test_pdf_header_columns_not_interleaved(stem):
    doc = _normalized(RENDERED / f"{stem}.rendered.pdf")
    header = [b for b in doc.blocks if b.hints.region == "header"]
    assert all(b.page == 1 for b in header)
    number = [b.text for b in header if b.text.startswith("Số:")]
    dates = [b.text for b in header if ", ngày" in b.text]
    assert len(number) == 1 and "ngày" not in number[0]
    assert len(dates) == 1 and "Số" not in dates[0] and "CỘNG HÒA" not in dates[0]
    texts = [b.text for b in header]
    assert texts.index(number[0]) < texts.index("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")


def test_pdf_issuer_lines_before_quoc_hieu():
    """pdfplumber's extract_text gives "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI …" on one line here."""
    blocks, pages, warnings = pdf_reader.read((FIXTURES / "pdf-two-column-header.pdf").read_bytes())
    assert (pages, warnings) == (1, ())
    header = [b.text for b in blocks if b.hints.region == "header"]
    assert header == ["ỦY BAN NHÂN DÂN", "XÃ AN HÒA", "Số: 27/KH-UBND",
                      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                      "An Hòa, ngày 5 tháng 6 năm 2024"]
    sign = [b.text for b in blocks if b.hints.region == "signature"]
    assert sign == ["Nơi nhận:", "- UBND huyện (để báo cáo);", "- Lưu: VT.",
                    "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Trần Văn Minh"]
    bold = {b.text: b.hints.bold for b in blocks}
    assert bold["XÃ AN HÒA"] and not bold["ỦY BAN NHÂN DÂN"] and bold["KẾ HOẠCH"]


def test_pdf_table_of_seed_002():
    doc = _normalized(RENDERED / "002_0d5a6583da5f2f67.rendered.pdf")
    tables = doc.tables()
    assert len(tables) == 1  # continued over a page break, its repeated header row dropped
    rows = tables[0].rows
    assert len(rows) == 10  # header + 9 data rows
    assert [c.text for c in rows[0]] == ["STT", "NỘI DUNG", "CHỦ TRÌ", "PHỐI HỢP", "SẢN PHẨM"]
    assert [r[0].text for r in rows[1:]] == ["1", "2", "3", "4", "5", "6", "7", "", "8"]
    assert all(len(r) == 5 for r in rows)
    assert not any("STT" in b.text for b in doc.paragraphs())  # table words are not body text


def test_pdf_merged_cells():
    """Like the docx reader: colspan across, the merged cell's text repeated down."""
    blocks, _, _ = pdf_reader.read((FIXTURES / "pdf-merged-cells.pdf").read_bytes())
    assert _texts(blocks) == ["Phụ lục phân công nhiệm vụ", "<table>", "Sau bảng."]
    rows = [[(c.text, c.colspan) for c in row] for row in blocks[1].rows]
    assert rows == [[("STT", 1), ("NỘI DUNG", 1), ("CHỦ TRÌ", 1), ("PHỐI HỢP", 1)],
                    [("1", 1), ("Tuyên truyền pháp luật", 1), ("Sở Tư pháp", 1), ("Hội Phụ nữ", 1)],
                    [("2", 1), ("Tập huấn cán bộ", 1), ("Sở Tư pháp", 1), ("Sở Nội vụ", 1)],
                    [("3", 1), ("Kiểm tra, giám sát", 1), ("Thanh tra tỉnh", 2)]]


@pytest.mark.parametrize("stem", STEMS)
def test_pdf_blocks_have_pages_and_no_page_numbers(stem):
    blocks, pages, _ = pdf_reader.read((RENDERED / f"{stem}.rendered.pdf").read_bytes())
    assert all(b.page is not None and 1 <= b.page <= pages for b in blocks)
    body = [b.page for b in blocks if b.hints.region is None]  # a signature cut by a page
    assert body == sorted(body)  # break reads its left column on both pages, then its right
    assert not any(b.kind == "paragraph" and b.text.strip().isdigit() for b in blocks)


@pytest.mark.parametrize(
    "path,reason",
    [
        pytest.param(BROKEN / "encrypted.pdf", "encrypted", id="encrypted"),
        pytest.param(BROKEN / "corrupt.pdf", "corrupt", id="corrupt"),
        pytest.param(BROKEN / "truncated.pdf", "corrupt", id="truncated"),
        pytest.param(FIXTURES / "pdf-no-text-layer.pdf", "no_text_layer", id="scanned"),
    ],
)
def test_pdf_broken_files_give_a_reason(path, reason):
    with pytest.raises(IngestError) as exc:
        pdf_reader.read(path.read_bytes())
    assert exc.value.reason == reason
    assert len(exc.value.message) > 10


def test_pdf_page_without_text_is_a_warning():
    blocks, pages, warnings = pdf_reader.read((FIXTURES / "pdf-blank-second-page.pdf").read_bytes())
    assert pages == 2
    assert warnings == ("page 2 has no text layer (scanned?)",)
    assert blocks and all(b.page == 1 for b in blocks)


def _pdf_with_stamped_number(flags: int) -> bytes:
    """One page printing "So: /TTr-SNV" whose number, 303, is drawn by a signature widget's
    appearance (how e-signed documents carry their number and date), annotation flags ``flags``."""
    page_text = b"BT /F1 12 Tf 72 700 Td (So:        /TTr-SNV) Tj ET"
    stamp = b"BT /F1 12 Tf 2 3 Td (303) Tj ET"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> /Annots [6 0 R] >>",
        b"<< /Length %d >>\nstream\n" % len(page_text) + page_text + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (sig) /Rect [92 696 122 714] /F %d"
        b" /AP << /N 7 0 R >> >>" % flags,
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 30 18]"
        b" /Resources << /Font << /F1 5 0 R >> >> /Length %d >>\nstream\n" % len(stamp)
        + stamp + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for k, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % k + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


@pytest.mark.parametrize(
    "flags,text,warnings",
    [
        pytest.param(4, "So: 303 /TTr-SNV",
                     ("page 1: annotations (form fields, signature stamps) read as page text",),
                     id="printed-annotation-read-in-place"),
        pytest.param(2, "So: /TTr-SNV", (), id="hidden-annotation-not-read"),
    ],
)
def test_pdf_annotation_appearance_is_page_text(flags, text, warnings):
    blocks, pages, got_warnings = pdf_reader.read(_pdf_with_stamped_number(flags))
    assert [b.text for b in blocks] == [text]
    assert got_warnings == warnings
