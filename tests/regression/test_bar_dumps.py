"""Legal-website text where every table cell, layout ones included, sits between lone '|' lines
and no blank line separates anything: the page's header is not a table, the body keeps its
sections, a real table is found where it starts even right after a line of text, and two tables
with an article between them stay two tables (regression: such pages became one table)."""

from __future__ import annotations

HEADER = """|
|
**ỦY BAN NHÂN
DÂN**
TỈNH ĐỒNG THÁP
--------
|
**CỘNG HÒA XÃ
HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
---------------
|
|
Số:
138/2025/QĐ-UBND
|
*Đồng Tháp,
ngày 25 tháng 11 năm 2025*
|
**QUYẾT ĐỊNH**
BAN HÀNH QUY CHẾ TIẾP NHẬN HỒ SƠ
**Điều 1.** Ban hành kèm theo Quyết định này Quy chế tiếp nhận hồ sơ.
**Điều 2.** Quyết định này có hiệu lực kể từ ngày ký.
"""


def _table(first_row: str) -> str:
    return f"""|
**TT**
|
**Cơ quan, bộ phận thực hiện**
|
**Nội dung công việc**
|
**Thời gian**
|
|
1
|
{first_row}
|
Kiểm tra tính đầy đủ của hồ sơ
|
0,5 ngày
|
|
2
|
Sở Nông nghiệp và Môi trường
|
Thẩm định hồ sơ
|
10 ngày
|
"""


def test_bar_laid_page(build_text):
    text = (HEADER + "**Điều 3. Trình tự thực hiện**\n2. Trình tự thực hiện\n"
            + _table("Trung tâm Phục vụ hành chính công")
            + "**Điều 4. Đăng ký đất đai lần đầu**\n2. Trình tự thực hiện\n"
            + _table("Văn phòng Đăng ký đất đai"))
    doc = build_text(text, "page.md")
    tables = doc.tables()
    assert [len(t.rows) for t in tables] == [3, 3]
    assert tables[1].rows[1][1].text == "Văn phòng Đăng ký đất đai"
    assert [s.path for s in doc.sections if s.level == 1][:4] == ["Điều 1", "Điều 2", "Điều 3",
                                                                  "Điều 4"]
    assert doc.metadata.number == "138/2025/QĐ-UBND"
    assert doc.metadata.issued_date == "2025-11-25"
