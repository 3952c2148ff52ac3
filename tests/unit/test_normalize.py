"""The normalize stage: folding, page-break rejoining, noise dropped, offsets consistent."""

from __future__ import annotations

import pytest

from pipeline.textmap import canonical, fold


@pytest.mark.parametrize(
    "src,expected",
    [
        pytest.param("Uỷ ban", "Ủy ban", id="uy"),
        pytest.param("Khánh Hoà", "Khánh Hòa", id="hoa"),
        pytest.param("HOÀ BÌNH", "HÒA BÌNH", id="upper"),
        pytest.param("2021–2030", "2021-2030", id="en-dash"),
        pytest.param("thuý", "thúy", id="uy-acute"),
        pytest.param("hoàn thành", "hoàn thành", id="no-change-hoan"),
    ],
)
def test_fold(src, expected):
    assert fold(src) == expected
    assert len(fold(src)) == len(src)


@pytest.mark.parametrize(
    "src,expected",
    [
        pytest.param("Sở Lao động– Thương binh  và Xã hội", "Sở Lao động - Thương binh và Xã hội",
                     id="dash-spaces"),
        pytest.param("Sở Lao động-Thương binh và Xã hội", "Sở Lao động - Thương binh và Xã hội",
                     id="tight-dash"),
    ],
)
def test_canonical(src, expected):
    assert canonical(src) == expected


def _texts(doc):
    return [b.text for b in doc.blocks]


def test_page_break_rejoined(build_text):
    doc = build_text("triển khai Dự án 8 “Thực hiện\n\nbình đẳng giới và giải quyết.")
    assert _texts(doc) == ["triển khai Dự án 8 “Thực hiện bình đẳng giới và giải quyết."]


def test_page_number_between_halves_dropped(build_text):
    doc = build_text("tổ chức triển khai các hoạt động; đẩy\n\n40\n\nmạnh công tác tuyên truyền.")
    assert _texts(doc) == ["tổ chức triển khai các hoạt động; đẩy mạnh công tác tuyên truyền."]


@pytest.mark.parametrize(
    "src",
    [
        pytest.param("1. Mục đích:\n\nbảo đảm thực hiện.", id="colon-ends-paragraph"),
        pytest.param("I. MỤC ĐÍCH\n\nbảo đảm thực hiện.", id="all-caps-heading"),
        pytest.param("Nội dung thứ nhất.\n\nnội dung thứ hai.", id="full-stop"),
    ],
)
def test_not_rejoined(build_text, src):
    assert len(build_text(src).blocks) == 2


def test_blocks_point_at_text(build_text):
    doc = build_text("Số: 12/KH-UBND\n\nĐắk Nông, ngày 1 tháng 2 năm 2024\n\n\tSTT\n\tNội dung\n\n"
                     "\t1\n\tTập huấn\n\n\t2\n\tKiểm tra\n\nHết.")
    assert len(doc.text) == len(doc.folded)
    for b in doc.blocks:
        assert doc.text[b.start:b.end] == b.text
        for row in b.rows:
            for c in row:
                assert doc.text[c.start:c.end] == c.text


def test_block_maps_back_to_source(tmp_path):
    from pipeline.run import build

    src = "## **I. MỤC ĐÍCH, YÊU CẦU**\n\nTriển khai   các hoạt động\ncủa Ban.\n"
    p = tmp_path / "x.md"
    p.write_text(src, encoding="utf-8")
    doc = build(p)
    from pipeline.textmap import MappedText

    for b in doc.paragraphs():
        m = MappedText(b.text, b.source_map)
        for i, ch in enumerate(b.text):
            if ch != " ":
                assert src[m.source_offset(i)] == ch


@pytest.mark.parametrize(
    "word", ["hoàn", "quý", "khuyến", "thoát", "Quỳnh", "toàn"],
)
def test_fold_leaves_right_placements(word):
    assert fold(word) == word


def test_list_item_not_glued_to_the_heading_before(build_text):
    doc = build_text("1. Tăng cường sự lãnh đạo\n\na) Xây dựng kế hoạch giai đoạn 5 năm.")
    assert len(doc.blocks) == 2


SITE_TRAILER = (
    "KẾ HOẠCH\n\nThực hiện công tác năm 2025\n\nCăn cứ Quyết định số 12/QĐ-UBND ngày 02/01/2025 "
    "của Ủy ban nhân dân tỉnh;\n\nI. NHIỆM VỤ\n\n1. Sở Y tế tổ chức tập huấn trong tháng 5/2025."
    "\n\nNơi nhận:\n\n- Như trên;\n\nKT. CHỦ TỊCH\n\nPHÓ CHỦ TỊCH\n\nNguyễn Văn A\n\n"
    "Văn bản này chưa cập nhật nội dung Tiếng Anh\n\n## Văn bản liên quan\n\n"
    "Nghị định 13/2023/NĐ-CP về Bảo vệ dữ liệu cá nhân (hiệu lực từ ngày 01/07/2023) yêu cầu "
    "xác nhận sự đồng ý của thành viên trong tháng 7/2023.\n"
)


def test_site_trailer_is_kept_but_not_extracted(build_text):
    """The text a legal-document website prints after the document stays in the text (nothing
    is lost) but gives no citation, deadline or section, and a warning says so."""
    doc = build_text(SITE_TRAILER)
    assert "13/2023/NĐ-CP" in doc.text
    assert [c.key for c in doc.citations] == ["12/QĐ-UBND"]
    assert [d.end for d in doc.deadlines] == ["2025-05"]
    assert max(s.end for s in doc.sections) <= doc.text.index("Văn bản này chưa")
    assert any("website" in w for w in doc.warnings)


def test_site_words_early_in_a_document_are_no_trailer(build_text):
    doc = build_text("## Văn bản liên quan\n\n" + SITE_TRAILER.split("Văn bản này")[0])
    assert not any(b.hints.region == "trailer" for b in doc.blocks)
