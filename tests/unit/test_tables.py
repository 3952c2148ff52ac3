"""Assignment tables: text-table recognition (pipeline.ingest.texttables) and table rows as
assignments (extractors.tables)."""

from __future__ import annotations

import pytest

from extractors import tables
from pipeline.document import Cell
from pipeline.ingest import text as reader
from pipeline.run import build


def _lines(*parts: str) -> str:
    return "\n".join(parts)


HEADERS = [
    (
        ["STT", "NỘI DUNG", "CHỦ TRÌ", "PHỐI HỢP", "SẢN PHẨM"],
        {"stt": 0, "task": 1, "lead": 2, "support": 3, "output": 4},
        "classic",
    ),
    (
        [
            "TT",
            "Nhiệm vụ",
            "Cơ quan chủ trì",
            "Cơ quan phối hợp",
            "Thời gian hoàn thành",
            "Kinh phí",
        ],
        {"stt": 0, "task": 1, "lead": 2, "support": 3, "due": 4, "funding": 5},
        "agencies",
    ),
    (
        ["Đơn vị thực hiện", "Hoạt động", "Tiến độ", "Ghi chú"],
        {"lead": 0, "task": 1, "due": 2, "note": 3},
        "any-order",
    ),
    (["TT", "Chỉ tiêu", "Chủ trì"], {"stt": 0, "task": 1, "lead": 2}, "indicators"),
    (["TT", "Chỉ tiêu", "Đơn vị", "Kết quả", "Cơ quan chủ trì theo dõi, đánh giá"],
     {"stt": 0, "task": 1, "lead": 4, "output": 3}, "unit-of-measure-beside-the-lead"),
    (["STT", "Nội dung", "Đơn vị"], {"stt": 0, "task": 1, "lead": 2}, "bare-unit-column"),
]


@pytest.mark.parametrize(("cells", "index"), [h[:2] for h in HEADERS], ids=[h[2] for h in HEADERS])
def test_header_columns(cells, index):
    row = [Cell(text=t, start=0, end=len(t)) for t in cells]
    cols = tables.header_columns(row)
    assert cols is not None and cols.index == index


NOT_HEADERS = [
    (["TT", "Chỉ tiêu", "ĐVT", "Năm 2025"], "measure-is-no-lead"),
    (["STT", "Đơn vị được kiểm tra", "Thời gian kiểm tra"], "inspected-is-no-lead"),
    (["STT", "Họ và tên", "Năm sinh"], "people-list"),
]


@pytest.mark.parametrize("cells", [h[0] for h in NOT_HEADERS], ids=[h[1] for h in NOT_HEADERS])
def test_not_an_assignment_header(cells):
    assert tables.header_columns([Cell(text=t, start=0, end=len(t)) for t in cells]) is None


TAB_DUMP = _lines(
    "PHỤ LỤC",
    "",
    "\tSTT",
    "\tNỘI DUNG",
    "\tCHỦ TRÌ",
    "\tPHỐI HỢP",
    "\tSẢN PHẨM",
    "",
    "",
    "\t1",
    "\tTổ chức tập huấn",
    "\tSở Y tế",
    "\tSở Nội vụ",
    "\tLớp tập huấn",
    "",
    "\t2",
    "\tKiểm tra liên ngành",
    "\tBan VSTBCPN tỉnh;",
    " Ban VSTBPN các sở, ngành",
    "",
    "\tHội LHPN tỉnh",
    "\tBiên bản",
    "",
    "\t",
    "\t",
    "\tSở Tư pháp",
    "\tCông an tỉnh",
    "\t",
    "",
    "\t3",
    "\tTổng kết",
    "\tSở Tài chính",
    "\tCác sở, ngành",
    "\tBáo cáo",
    "",
)


def test_tab_dump_rows_start_at_the_row_number():
    blocks = reader.read(TAB_DUMP)
    rows = [[c.text for c in r] for r in blocks[-1].rows]
    assert [r[0] for r in rows] == ["STT", "1", "2", "", "3"]
    assert rows[2] == [
        "2",
        "Kiểm tra liên ngành",
        "Ban VSTBCPN tỉnh;\nBan VSTBPN các sở, ngành",
        "Hội LHPN tỉnh",
        "Biên bản",
    ]


BAR_DUMP = _lines(
    "**PHỤ LỤC**",
    "",
    "|",
    "**STT**",
    "|",
    "**NHIỆM VỤ**",
    "|",
    "**CHỦ TRÌ**",
    "|",
    "**PHỐI HỢP**",
    "|",
    "|",
    "**I**",
    "|",
    "**NHÓM GIẢI PHÁP",
    "THỂ CHẾ**",
    "|",
    "|",
    "1",
    "|",
    "Rà soát các cơ chế,",
    "chính sách hỗ trợ.",
    "|",
    "Sở Tài chính",
    "|",
    "Sở, ban, ngành có liên quan",
    "|",
    "|",
    "2",
    "|",
    "Xây dựng cơ sở dữ liệu",
    "|",
    "Sở Khoa học và Công nghệ",
    "|",
    "|",
    "|",
    "|",
    "**II**",
    "|",
    "**NHÓM ĐÀO TẠO**",
    "|",
    "|",
    "1",
    "|",
    "Đào tạo nhân lực số",
    "|",
    "Sở Nội vụ",
    "|",
    "Sở Giáo dục và Đào tạo",
    "|",
    "",
)


def test_bar_dump_is_a_table_row_for_row():
    blocks = reader.read(BAR_DUMP)
    table = [b for b in blocks if b.kind == "table"]
    assert len(table) == 1
    rows = [[c.text for c in r] for r in table[0].rows]
    assert rows[0] == ["STT", "NHIỆM VỤ", "CHỦ TRÌ", "PHỐI HỢP"]
    assert rows[1] == ["I", "NHÓM GIẢI PHÁP THỂ CHẾ"]
    assert rows[2] == [
        "1",
        "Rà soát các cơ chế, chính sách hỗ trợ.",
        "Sở Tài chính",
        "Sở, ban, ngành có liên quan",
    ]
    assert rows[3][:3] == ["2", "Xây dựng cơ sở dữ liệu", "Sở Khoa học và Công nghệ"]
    assert [r[0] for r in rows] == ["STT", "I", "1", "2", "II", "1"]


LAYOUT = _lines(
    "|",
    "**ỦY BAN NHÂN DÂN**",
    "|",
    "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**",
    "|",
    "|",
    "Số: 12/KH-UBND",
    "|",
    "Hà Nội, ngày 2 tháng 3 năm 2025",
    "|",
    "",
    "Nội dung.",
)


def test_bar_layout_table_is_no_table():
    assert all(b.kind == "paragraph" for b in reader.read(LAYOUT))


def _doc(tmp_path, text):
    p = tmp_path / "doc.txt"
    p.write_text(text, encoding="utf-8")
    return build(p)


def test_tab_dump_assignments(tmp_path):
    doc = _doc(tmp_path, "KẾ HOẠCH\n\nI. TỔ CHỨC THỰC HIỆN\n\nCác sở thực hiện.\n\n" + TAB_DUMP)
    rows = [a for a in doc.assignments if a.origin == "table"]
    assert [a.task for a in rows] == [
        "Tổ chức tập huấn",
        "Kiểm tra liên ngành",
        "Kiểm tra liên ngành",
        "Tổng kết",
    ]
    assert rows[1].lead == (
        "Ban Vì sự tiến bộ của phụ nữ tỉnh",
        "Ban Vì sự tiến bộ của phụ nữ các sở, ngành",
    )
    assert rows[1].support == ("Hội Liên hiệp Phụ nữ tỉnh",)
    # the row with an empty STT continues task 2, with its own lead and support
    assert rows[2].lead == ("Sở Tư pháp",) and rows[2].support == ("Công an tỉnh",)
    assert rows[2].output == "Biên bản"


def test_bar_dump_group_rows_are_sections(tmp_path):
    doc = _doc(tmp_path, "KẾ HOẠCH\n\nI. NỘI DUNG\n\nNội dung.\n\n" + BAR_DUMP)
    rows = [a for a in doc.assignments if a.origin == "table"]
    assert len(rows) == 3
    assert [a.section.rsplit(".", 1)[-1] for a in rows] == ["I", "I", "II"]
    assert rows[0].support == ("Sở, ban, ngành có liên quan",)


INDICATORS = _lines(
    "PHỤ LỤC",
    "",
    "| TT | Chỉ tiêu | Đơn vị | Cơ quan chủ trì theo dõi |",
    "|---|---|---|---|",
    "| I | Giai đoạn 2025-2027 | | |",
    "| I.1 | Cung cấp dịch vụ số |",
    "| 1 | Tỉ lệ dịch vụ công trực tuyến toàn trình | % | Văn phòng Chính phủ |",
    "",
)


def test_indicator_table_groups_and_lead(tmp_path):
    """ "I.1" opens a group as "I" does; the lead is the column that says so, not "Đơn vị"."""
    rows = [a for a in _doc(tmp_path, INDICATORS).assignments if a.origin == "table"]
    assert [(a.task, a.lead, a.section.split(".", 1)[-1]) for a in rows] == [
        ("Tỉ lệ dịch vụ công trực tuyến toàn trình", ("Văn phòng Chính phủ",), "I.1")]


PIPE = _lines(
    "PHỤ LỤC",
    "",
    "| Chủ trì | Nội dung | Phối hợp |",
    "|---|---|---|",
    "| Sở Y tế | Tổ chức tập huấn | Sở Nội vụ, Sở Tài chính |",
    "| Chủ trì | Nội dung | Phối hợp |",
    "| Công an tỉnh | Phòng, chống mua bán người | Hội LHPN tỉnh |",
    "",
)


def test_pipe_table_any_column_order_and_repeated_header(tmp_path):
    doc = _doc(tmp_path, PIPE)
    rows = [a for a in doc.assignments if a.origin == "table"]
    assert [(a.task, a.lead, a.support) for a in rows] == [
        ("Tổ chức tập huấn", ("Sở Y tế",), ("Sở Nội vụ", "Sở Tài chính")),
        ("Phòng, chống mua bán người", ("Công an tỉnh",), ("Hội Liên hiệp Phụ nữ tỉnh",)),
    ]


def test_table_without_lead_column_gives_nothing(tmp_path):
    text = "PHỤ LỤC\n\n| TT | Chỉ tiêu | ĐVT |\n|---|---|---|\n| 1 | Diện tích | Ha |\n"
    assert not [a for a in _doc(tmp_path, text).assignments if a.origin == "table"]


def test_due_cells_one_deadline_or_several(tmp_path):
    doc = _doc(tmp_path, _lines(
        "KẾ HOẠCH", "", "Hà Nội, ngày 2 tháng 3 năm 2025", "", "PHỤ LỤC", "",
        "| Nội dung | Chủ trì | Thời gian |",
        "|---|---|---|",
        "| Tổ chức tập huấn | Sở Y tế | Trước ngày 30/6/2025 |",
        "| Báo cáo định kỳ | Sở Nội vụ | Trước ngày 15/6/2025 và trước ngày 15/12/2025 |",
        "| Tổng kết | Sở Tư pháp | Thường xuyên |", ""))
    rows = [(a.task, a.due, a.dues) for a in doc.assignments if a.origin == "table"]
    assert rows == [
        ("Tổ chức tập huấn", "2025-06-30", ("2025-06-30",)),
        ("Báo cáo định kỳ", None, ("2025-06-15", "2025-12-15")),
        ("Tổng kết", None, ()),  # a time in words: no deadline, none taken from above
    ]


@pytest.mark.parametrize(("cell", "joined"), [
    ("Bộ / Khoa học và Công nghệ", "Bộ Khoa học và Công nghệ"),   # the cell's line ran out
    ("Sở Y tế / Sở Tài chính", "Sở Y tế / Sở Tài chính"),          # two bodies
    ("Bộ Công an / Bộ / Khoa học và Công nghệ", "Bộ Công an / Bộ Khoa học và Công nghệ"),
])
def test_line_breaks_inside_a_unit_name(cell, joined):
    assert tables._rewrapped(cell) == joined
