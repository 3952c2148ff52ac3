"""The text reader: decoding, markdown hints, wrapped lines, and tables inside text."""

from __future__ import annotations

import pytest

from pipeline.ingest import sniff
from pipeline.ingest import text as reader
from pipeline.textmap import offsets


@pytest.mark.parametrize(
    "data,expected,encoding",
    [
        pytest.param("Kế hoạch".encode(), "Kế hoạch", "utf-8", id="utf8"),
        pytest.param(b"\xef\xbb\xbf" + "Kế hoạch".encode(), "Kế hoạch", "utf-8-sig",
                     id="utf8-bom"),
        pytest.param("Kế hoạch".encode("utf-16"), "Kế hoạch", "utf-16", id="utf16-bom"),
        pytest.param("Kế hoạch".encode("utf-16-le"), "Kế hoạch", "utf-16-le", id="utf16le-no-bom"),
    ],
)
def test_decode(data, expected, encoding):
    assert reader.decode(data) == (expected, encoding)


@pytest.mark.parametrize(
    "src,texts",
    [
        pytest.param("## **I. MỤC ĐÍCH**\n\nNội dung", ["I. MỤC ĐÍCH", "Nội dung"], id="md-heading"),
        pytest.param("Về việc ban hành Chương trình công tác \ncủa Ban năm 2019",
                     ["Về việc ban hành Chương trình công tác của Ban năm 2019"],
                     id="continuation-lowercase"),
        pytest.param("Điều 1. Ban hành.\nĐiều 2. Hiệu lực.", ["Điều 1. Ban hành.", "Điều 2. Hiệu lực."],
                     id="terminal-punctuation-splits"),
        pytest.param("KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN", ["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"],
                     id="all-caps-lines-stay-apart"),
        pytest.param("Nơi nhận:\n- Như trên;\n- Lưu: VT.", ["Nơi nhận:", "- Như trên;", "- Lưu: VT."],
                     id="bullets-split"),
        pytest.param("**ỦY BAN NHÂN DÂN\n**\nTỈNH NGHỆ AN\n|\nSố: 12/QĐ-UBND",
                     ["ỦY BAN NHÂN DÂN", "TỈNH NGHỆ AN", "Số: 12/QĐ-UBND"], id="cell-borders"),
        pytest.param("báo cáo kết quả (trước ngày 15/12) *nh*", ["báo cáo kết quả (trước ngày 15/12)"],
                     id="typist-initials-dropped"),
        pytest.param("Tăng cường phối hợp \\- liên ngành", ["Tăng cường phối hợp - liên ngành"],
                     id="markdown-escape"),
    ],
)
def test_paragraphs(src, texts):
    assert [" ".join(b.text.split()) for b in reader.read(src)] == texts


def test_markdown_hints():
    blocks = reader.read("#### **II. NHIỆM VỤ**\n\n**2. Phó Trưởng ban** Chỉ đạo\n\nthường")
    assert blocks[0].hints.heading == 4 and blocks[0].hints.bold
    assert blocks[1].hints.bold and blocks[1].hints.heading is None


def test_source_offsets_point_at_source():
    src = "## **I. MỤC ĐÍCH**\n\nNội dung chính"
    blocks = reader.read(src)
    assert [b.text for b in blocks] == ["I. MỤC ĐÍCH", "Nội dung chính"]
    for b in blocks:
        for ch, off in zip(b.text, offsets(b.source_map, len(b.text)), strict=True):
            assert src[off] == ch


HARD_WRAPPED = "\n".join([
    "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát",
    "triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số; Nghị quyết số 71/NQ",
    "của Chính phủ và Chương trình hành động số 10-CTr/TU ngày 13/8/2025 của Ban",
    "Thường vụ Tỉnh ủy về thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ",
    "Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và số.",
] * 3)


def test_hard_wrapped_lines_join_even_before_capitals():
    blocks = reader.read(HARD_WRAPPED)
    assert len(blocks) == 3
    assert "của Ban Thường vụ Tỉnh ủy" in blocks[0].text


# wrapped at 80 among many short lines (list items, table rows of a converter): a line that
# ends near the width goes on, before a capital too
SHORT_LINES = ["- Sở Lao động - Thương binh và Xã hội;", "| 1 | Tổ chức tập huấn cán bộ |",
               "2. Nhiệm vụ cụ thể của các sở, ngành"] * 8
MOSTLY_SHORT = "\n".join(SHORT_LINES + [
    "",
    "Cập nhật kết quả quan trắc vào cơ sở dữ liệu quốc gia về thủy sản theo quy",
    "định tại Thông tư số 24/2018/TT-BNNPTNT ngày 15/11/2018 của Bộ trưởng",
    "Bộ Nông nghiệp và Phát triển nông thôn (nay là Bộ Nông nghiệp và Môi trường).",
    "",
    "Kinh phí thực hiện Kế hoạch quan trắc, cảnh báo môi trường nuôi trồng thủy sản",
    "được bố trí từ nguồn ngân sách tỉnh theo phân cấp hiện hành.",
] * 2)


def test_wrap_width_among_short_lines():
    assert 70 < reader._wrap_width(MOSTLY_SHORT.split("\n")) <= 80
    joined = [b.text for b in reader.read(MOSTLY_SHORT) if "Bộ trưởng" in b.text]
    assert joined and all("Bộ trưởng Bộ Nông nghiệp" in t for t in joined)


# a converter's output: wrapped at 80, paragraphs parted by blank lines, the first line of
# each paragraph cut short where the page indented it
INDENTED_FIRST = [
    "a) Chủ trì tham mưu Chủ tịch",
    "UBND tỉnh về phát triển hạ tầng định danh, xác thực điện tử theo chương trình,",
    "kế hoạch của Bộ Công an và đảm bảo an ninh an toàn thông tin mạng.",
    "",
    "b) Phối hợp với các sở, ngành,",
    "Ủy ban nhân dân các xã, phường tổ chức các hoạt động tuyên truyền về chuyển đổi",
    "số trên địa bàn tỉnh theo kế hoạch được phê duyệt hằng năm của tỉnh.",
    "",
]


def test_short_first_line_of_a_blank_parted_paragraph_is_a_wrap():
    blocks = [b.text for b in reader.read("\n".join(INDENTED_FIRST * 6))]
    assert len(blocks) == 12
    assert blocks[0].startswith("a) Chủ trì tham mưu Chủ tịch UBND tỉnh về phát triển")
    assert blocks[1].startswith("b) Phối hợp với các sở, ngành, Ủy ban nhân dân các xã")


def test_short_line_in_a_file_without_blank_lines_ends_its_paragraph():
    """Without blank lines between paragraphs, a short line before a capital is a paragraph's
    end (a heading, the last line of a paragraph)."""
    lines = [x for x in INDENTED_FIRST if x] * 6
    blocks = [b.text for b in reader.read("\n".join(lines))]
    assert "a) Chủ trì tham mưu Chủ tịch" in blocks


def test_unwrapped_paragraphs_have_no_wrap_width():
    lines = [("Sở Y tế chủ trì tổ chức tập huấn cho cán bộ " * (3 + k % 4)).strip()
             for k in range(20)] + ["- Sở Tài chính;"] * 10
    assert reader._wrap_width(lines) == 0


def test_a_bold_run_opening_a_line_starts_a_block():
    src = "\n".join(["**QUYẾT ĐỊNH**", "VỀ",
                     "VIỆC CÔNG BỐ THỦ TỤC HÀNH CHÍNH BỔ SUNG TRONG LĨNH VỰC ĐỊA CHẤT VÀ KHOÁNG SẢN,",
                     "LĨNH VỰC QUẢN LÝ ĐÊ ĐIỀU THUỘC PHẠM VI QUẢN LÝ CỦA SỞ",
                     "NÔNG NGHIỆP VÀ MÔI TRƯỜNG TRÊN ĐỊA BÀN TỈNH ĐẮK LẮK",
                     "**CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH**"] + [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025 và các văn",
        "bản hướng dẫn thi hành Luật Tổ chức chính quyền địa phương của Chính phủ;"] * 6)
    texts = [b.text for b in reader.read(src)]
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH" in texts
    assert not any("ĐẮK LẮK CHỦ TỊCH" in t for t in texts)


TAB_DUMP = "\n".join([
    "PHÂN CÔNG NHIỆM VỤ", "\tSTT", "\tNỘI DUNG", "\tCHỦ TRÌ", "\tPHỐI HỢP", "",
    "\t1", "\tTổ chức Tháng hành động", "\tSở Lao động - Thương binh và Xã hội", "\tHội LHPN tỉnh", "",
    "\t2", "\tXây dựng báo cáo", "\tBan VSTBPN tỉnh", "\tCác Sở, ban, ngành", "",
])


def test_tab_dump_is_a_table():
    blocks = reader.read(TAB_DUMP)
    assert [b.kind for b in blocks] == ["paragraph", "table"]
    rows = [[c.text for c in r] for r in blocks[1].rows]
    assert rows[0] == ["STT", "NỘI DUNG", "CHỦ TRÌ", "PHỐI HỢP"]
    assert rows[2][:2] == ["2", "Xây dựng báo cáo"]


PIPE = "| STT | Nội dung | Chủ trì |\n|---|---|---|\n| 1 | Tổ chức tập huấn | Sở Y tế |\n"


def test_pipe_table():
    blocks = reader.read("Phụ lục\n\n" + PIPE + "\nHết.")
    kinds = [b.kind for b in blocks]
    assert kinds == ["paragraph", "table", "paragraph"]
    assert [c.text for c in blocks[1].rows[1]] == ["1", "Tổ chức tập huấn", "Sở Y tế"]


@pytest.mark.parametrize(
    "line",
    [pytest.param("|", id="lone-border"), pytest.param("| a |", id="one-cell")],
)
def test_not_a_pipe_table(line):
    assert all(b.kind == "paragraph" for b in reader.read(line + "\nVăn bản"))


@pytest.mark.parametrize(
    "data,suffix,fmt",
    [
        pytest.param(b"%PDF-1.7\n...", ".pdf", "pdf", id="pdf"),
        pytest.param(b"PK\x03\x04....word/document.xml", ".docx", "docx", id="docx"),
        pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1....", ".doc", "doc", id="doc-ole2"),
        pytest.param(b"random bytes", ".pdf", "unknown", id="random-named-pdf"),
        pytest.param(b"text", ".txt", "txt", id="txt"),
        pytest.param(b"%PDF-1.4", ".txt", "pdf", id="content-beats-suffix"),
    ],
)
def test_sniff(data, suffix, fmt):
    assert sniff(data, suffix) == fmt


WRAPPED_BEFORE = "\n".join(
    ["Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát."] * 12)


@pytest.mark.parametrize(
    "tail,n",
    [
        pytest.param("Rà soát, đề xuất, sửa đổi, bổ sung các cơ chế, chính sách thực hiện\n"
                     "Chương trình.", 1, id="chuong-trinh-continues"),
        pytest.param("Tham mưu ban hành văn bản hướng dẫn về các quy định liên quan đến các\n"
                     "Điều kiện kinh doanh dịch vụ.", 1, id="dieu-kien-continues"),
        pytest.param("Tham mưu ban hành văn bản hướng dẫn về các quy định liên quan đến các\n"
                     "Chương II quy định chung.", 2, id="chuong-ii-opens"),
        pytest.param("Tham mưu ban hành văn bản hướng dẫn về các quy định liên quan đến các\n"
                     "Điều 5. Hiệu lực thi hành.", 2, id="dieu-5-opens"),
    ],
)
def test_article_words_open_only_with_a_number(tail, n):
    blocks = reader.read(WRAPPED_BEFORE + "\n\n" + tail)
    assert len(blocks) - 12 == n


LAYOUT_MD = ("| BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI<br>-------<br>Số: 1520/QĐ-LĐTBXH | "
             "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc<br>---<br>"
             "*Hà Nội, ngày 12 tháng 9 năm 2023* |\n|---|---|\n\n**QUYẾT ĐỊNH**\n")


def test_markdown_layout_table_reads_as_header_paragraphs():
    blocks = reader.read(LAYOUT_MD)
    assert [b.text for b in blocks] == [
        "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Số: 1520/QĐ-LĐTBXH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Hà Nội, ngày 12 tháng 9 năm 2023", "QUYẾT ĐỊNH"]
    assert [b.hints.region for b in blocks] == ["header"] * 5 + [None]


def test_markdown_layout_header_gives_the_fields(build_text):
    md = build_text(LAYOUT_MD + "\nBan hành Kế hoạch tổ chức Tháng hành động năm 2023\n").metadata
    assert (md.number, md.place, md.issued_date, md.level) == (
        "1520/QĐ-LĐTBXH", "Hà Nội", "2023-09-12", "national")


def test_tab_dump_without_blank_lines_splits_rows_by_the_header_width():
    src = "\r\n".join(["PHỤ LỤC", "\tSTT", "\tNỘI DUNG", "\tCHỦ TRÌ", "\t1", "\tTập huấn",
                       "\tSở Y tế", "\t", "\t", "\tHội LHPN tỉnh", "\t2", "\tKiểm tra",
                       "\tBan VSTBPN tỉnh"])
    table = [b for b in reader.read(src) if b.kind == "table"][0]
    assert [[c.text for c in r] for r in table.rows] == [
        ["STT", "NỘI DUNG", "CHỦ TRÌ"], ["1", "Tập huấn", "Sở Y tế"], ["", "", "Hội LHPN tỉnh"],
        ["2", "Kiểm tra", "Ban VSTBPN tỉnh"]]


@pytest.mark.parametrize(
    "src,n",
    [
        pytest.param("a) Chủ trì tham mưu Ủy ban nhân dân tỉnh về\nPhát triển hạ tầng số.", 1,
                     id="ends-on-a-preposition"),
        pytest.param("Nghị quyết số 10-NQ/TW ngày 10 tháng 02 năm 2022 của\nBộ Chính trị.", 1,
                     id="ends-on-cua"),
        pytest.param("*(Kèm theo Quyết định số 12/QĐ-UBND của Chủ tịch UBND tỉnh)*\n"
                     "**A. DANH MỤC THỦ TỤC HÀNH CHÍNH**", 2, id="parenthetical-then-part-A"),
        pytest.param("Mục đích của kế hoạch\nNâng cao nhận thức.", 2, id="noun-ending-stays-apart"),
    ],
)
def test_wrapped_line_continuations(src, n):
    assert len(reader.read(src)) == n


@pytest.mark.parametrize(("src", "first"), [
    ("**Điều\n1. **Công bố kèm theo Quyết định này danh mục.", "Điều 1. Công bố kèm theo"),
    ("Chương\nIII\nQUY TRÌNH RÀ SOÁT", "Chương III"),
])
def test_label_word_cut_from_its_number(src, first):
    """A converter that wraps right after "Điều" / "Chương" leaves the word alone on its line."""
    assert reader.read(src)[0].text.startswith(first)
