"""Deadlines (extractors/deadlines.py, models/patterns/deadlines.yaml), one row per phrase.

Each row is a small document built through the whole pipeline: a one-year plan ("… năm 2024")
or a multi-year one ("… giai đoạn 2021-2030"), then the text. Rows give every deadline found as
(kind, start, end, recurrence, year_inferred).
"""

from __future__ import annotations

import pytest

YEAR_PLAN = "KẾ HOẠCH\n\nHoạt động của Ban Vì sự tiến bộ của phụ nữ tỉnh Cao Bằng năm 2024\n\n"
PERIOD_PLAN = ("KẾ HOẠCH\n\nTriển khai thực hiện Chiến lược quốc gia về bình đẳng giới "
               "giai đoạn 2021-2030 trên địa bàn tỉnh Cao Bằng\n\n")


def _found(build_text, head, text):
    doc = build_text(head + text)
    return [(d.kind, d.start, d.end, d.recurrence, d.year_inferred) for d in doc.deadlines]


DEADLINES = [
    # id, plan head, text, expected
    ("yearly-from-the-paragraph-opening", YEAR_PLAN, ("i) Hàng năm, Quỹ phải báo cáo tình hình "
     "hoạt động; báo cáo kiểm toán với Ủy ban nhân dân tỉnh trước ngày 31 tháng 12;"),
     [("recurring", None, "--12-31", "yearly", False)]),
    ("before-day", YEAR_PLAN, ("Báo cáo gửi về Sở Lao động - Thương binh và Xã hội trước ngày "
     "15/6/2024."), [("before", None, "2024-06-15", None, False)]),
    ("before-bold", YEAR_PLAN, ("Báo cáo định kỳ gửi về Sở trước ngày **15/12/2024** đối với báo "
     "cáo năm 2024."), [("before", None, "2024-12-15", None, False)]),
    ("at-the-latest", YEAR_PLAN, "Các đơn vị gửi báo cáo chậm nhất ngày 30/9/2024.",
     [("before", None, "2024-09-30", None, False)]),
    ("at-the-latest-words", YEAR_PLAN, "hoàn thành chậm nhất là ngày 05 tháng 11 năm 2024.",
     [("before", None, "2024-11-05", None, False)]),
    ("complete-in-month", YEAR_PLAN, "Sở Y tế hoàn thành trong tháng 3/2026.",
     [("on", None, "2026-03", None, False)]),
    ("expected-in-month", YEAR_PLAN, "- Thời gian kiểm tra: Dự kiến vào tháng 5/2024.",
     [("on", None, "2024-05", None, False)]),
    ("month-in-brackets", YEAR_PLAN, ("Tháng hành động quốc gia về phòng, chống bạo lực gia đình "
     "(tháng 6/2024)."), [("on", None, "2024-06", None, False)]),
    ("month-words", YEAR_PLAN, "Tổng kết vào tháng 12 năm 2024.",
     [("on", None, "2024-12", None, False)]),
    ("range-start-year-inferred", YEAR_PLAN, ("hưởng ứng Tháng hành động từ ngày 15/11 đến ngày "
     "15/12/2024 đảm bảo hiệu quả."), [("range", "2024-11-15", "2024-12-15", None, True)]),
    ("range-dash", YEAR_PLAN, ("Tháng hành động vì bình đẳng giới (15/11/2024 -15/12/2024) hiệu "
     "quả."), [("range", "2024-11-15", "2024-12-15", None, False)]),
    ("range-months", YEAR_PLAN, "thời gian quan trắc từ tháng 3 đến tháng 10 năm 2024;",
     [("range", "2024-03", "2024-10", None, True)]),
    ("quarter", YEAR_PLAN, "Sở Tư pháp hoàn thành trong quý II/2024.",
     [("on", None, "2024-06", None, False)]),
    ("before-quarter", YEAR_PLAN, "hoàn thành trước quý III/2024.",
     [("before", None, "2024-07", None, False)]),
    ("half-year", YEAR_PLAN, "Hoàn thành trong 6 tháng đầu năm 2024.",
     [("on", None, "2024-06", None, False)]),
    ("year-of-action", PERIOD_PLAN, ("tham mưu Ủy ban nhân dân tỉnh tổ chức sơ kết vào năm 2025 "
     "và tổng kết Kế hoạch vào năm 2030."),
     [("on", None, "2025", None, False), ("on", None, "2030", None, False)]),
    ("year-inferred", YEAR_PLAN, ("gửi báo cáo 06 tháng (trước ngày 05/6) và báo cáo năm (trước "
     "ngày 05/12) về cơ quan Thường trực."),
     [("before", None, "2024-06-05", None, True), ("before", None, "2024-12-05", None, True)]),
    ("yearly-before", PERIOD_PLAN, ("báo cáo kết quả thực hiện hàng năm (trước ngày 15/12) về Ủy "
     "ban nhân dân tỉnh."), [("recurring", None, "--12-15", "yearly", False)]),
    ("yearly-range", PERIOD_PLAN, ("Hàng năm, xây dựng kế hoạch triển khai Tháng hành động từ ngày "
     "15 tháng 11 đến ngày 15 tháng 12 thiết thực, hiệu quả."),
     [("recurring", "--11-15", "--12-15", "yearly", False)]),
    ("yearly-in-a-year-plan", YEAR_PLAN, "báo cáo trước ngày 30/11 hằng năm.",
     [("recurring", None, "--11-30", "yearly", False)]),
    ("half-yearly", PERIOD_PLAN, "Định kỳ 6 tháng, báo cáo trước ngày 20/6.",
     [("recurring", None, "--06-20", "half_yearly", False)]),
    ("until-end-of", YEAR_PLAN, "Thời gian ủy quyền đến hết ngày 28/02/2027.",
     [("before", None, "2027-02-28", None, False)]),
]


@pytest.mark.parametrize("head,text,expected", [r[1:] for r in DEADLINES],
                         ids=[r[0] for r in DEADLINES])
def test_deadlines(build_text, head, text, expected):
    assert _found(build_text, head, text) == expected


NOT_DEADLINES = [
    ("citation-date", YEAR_PLAN, ("Thực hiện Quyết định số 987/QĐ-UBND ngày 30/7/2021 của Chủ tịch "
     "UBND tỉnh.")),
    ("named-period", YEAR_PLAN, ("thực hiện Chiến lược quốc gia về bình đẳng giới giai đoạn "
     "2021-2030.")),
    ("commemoration", YEAR_PLAN, ("nhân các ngày kỷ niệm (ngày Quốc tế Phụ nữ 8-3, ngày Phụ nữ Việt "
     "Nam 20-10).")),
    ("term-of-office", YEAR_PLAN, "nữ đại biểu Hội đồng nhân dân nhiệm kỳ 2021-2026; 2026- 2031."),
    ("target", PERIOD_PLAN, "đạt mục tiêu về bình đẳng giới giai đoạn 2021-2025 và đến năm 2030."),
    ("report-period", YEAR_PLAN, "đối với báo cáo 6 tháng đầu năm 2024 và báo cáo năm 2024."),
    ("bare-frequency", YEAR_PLAN, "bố trí trong dự toán chi thường xuyên hàng năm."),
    ("bare-year", YEAR_PLAN, "Sử dụng nguồn kinh phí được bố trí trong dự toán năm 2024."),
    ("own-date-line", "Cao Bằng, ngày 20 tháng 3 năm 2024\n\n", "KẾ HOẠCH"),
    ("blank-day-date-line", "Thị trấn, ngày tháng 4 năm 2024\n\n", "KẾ HOẠCH"),
    ("yearless-without-plan-year", PERIOD_PLAN, "gửi báo cáo trước ngày 05/6."),
    ("effective-date", YEAR_PLAN, "Quyết định này có hiệu lực kể từ ngày 01/7/2024."),
    ("start-alone", YEAR_PLAN, "vừa làm việc từ xa ngay từ đầu tháng 5/2024."),
    ("condition-before-issue", "Cao Bằng, ngày 20 tháng 3 năm 2024\n\n",
     "Giấy chứng nhận đã cấp trước ngày 01/8/2014 bị mất thì cấp lại."),
]


@pytest.mark.parametrize("head,text", [r[1:] for r in NOT_DEADLINES],
                         ids=[r[0] for r in NOT_DEADLINES])
def test_not_deadlines(build_text, head, text):
    assert _found(build_text, head, text) == []


TABLE = ("| STT | Nội dung | Chủ trì | Thời gian thực hiện |\n|---|---|---|---|\n"
         "| 1 | Rà soát văn bản | Sở Tư pháp | Giai đoạn 2026-2030 |\n"
         "| 2 | Tổ chức tập huấn | Sở Nội vụ | Quý II/2024 |\n"
         "| 3 | Báo cáo | Sở Y tế | 2025 |\n"
         "| 4 | Xây dựng cơ sở dữ liệu | Sở Tài chính | Năm 2025 - 2026 |\n")


def test_time_cells_of_a_table(build_text):
    assert _found(build_text, YEAR_PLAN, TABLE) == [
        ("range", "2026", "2030", None, False),
        ("on", None, "2024-06", None, False),
        ("on", None, "2025", None, False),
        ("range", "2025", "2026", None, False),
    ]


def test_header_cells_set_no_time(build_text):
    table = ("| Chỉ tiêu | Năm 2026 | Năm 2027 | Giai đoạn 2026 - 2030 |\n|---|---|---|---|\n"
             "| Kim ngạch | 10 | 12 | 60 |\n")
    assert _found(build_text, YEAR_PLAN, table) == []


def test_text_and_span(build_text):
    doc = build_text(YEAR_PLAN + "- Thời gian kiểm tra: Dự kiến vào tháng 5/2024.")
    (d,) = doc.deadlines
    assert d.text == "Dự kiến vào tháng 5/2024"
    assert doc.text[d.span[0]:d.span[1]] == d.text
