"""The date grammar (extractors/dates.py, models/patterns/dates.yaml): printed forms -> ISO."""

from __future__ import annotations

import pytest

from extractors import dates

PARSE = [
    # id, text, precision, first, last
    ("dmy-slash", "30/7/2021", "day", "2021-07-30", "2021-07-30"),
    ("dmy-dash", "30-7-2021", "day", "2021-07-30", "2021-07-30"),
    ("dmy-dash-padded", "01-10-1997", "day", "1997-10-01", "1997-10-01"),
    ("dmy-dot", "05.6.2024", "day", "2024-06-05", "2024-06-05"),
    ("dmy-words", "ngày 27 tháng 4 năm 2007", "day", "2007-04-27", "2007-04-27"),
    ("dmy-words-padded", "ngày 20 tháng 01 năm 2018", "day", "2018-01-20", "2018-01-20"),
    ("leap-day", "29/2/2024", "day", "2024-02-29", "2024-02-29"),
    ("month-slash", "tháng 3/2026", "month", "2026-03", "2026-03"),
    ("month-words", "tháng 6 năm 2024", "month", "2024-06", "2024-06"),
    ("month-blank-day", "ngày  tháng 4 năm 2024", "month", "2024-04", "2024-04"),
    ("month-with-cue", "Dự kiến vào tháng 5/2024", "month", "2024-05", "2024-05"),
    ("quarter-roman", "quý II/2024", "quarter", "2024-04", "2024-06"),
    ("quarter-words", "Quý IV năm 2025", "quarter", "2025-10", "2025-12"),
    ("quarter-arabic", "quý 3/2024", "quarter", "2024-07", "2024-09"),
    ("half-first", "6 tháng đầu năm 2024", "half", "2024-01", "2024-06"),
    ("half-last", "06 tháng cuối năm 2025", "half", "2025-07", "2025-12"),
    ("year", "năm 2025", "year", "2025", "2025"),
    ("year-span", "giai đoạn 2026-2030", "years", "2026", "2030"),
    ("year-span-spaced", "2016 - 2020", "years", "2016", "2020"),
    ("year-span-with-nam", "Năm 2025 - 2026", "years", "2025", "2026"),
    ("daymonth-slash", "15/11", "daymonth", "--11-15", "--11-15"),
    ("daymonth-dash", "20-10", "daymonth", "--10-20", "--10-20"),
    ("daymonth-words", "15 tháng 12", "daymonth", "--12-15", "--12-15"),
    ("daymonth-leap", "29/2", "daymonth", "--02-29", "--02-29"),
]


@pytest.mark.parametrize("text,precision,first,last", [p[1:] for p in PARSE],
                         ids=[p[0] for p in PARSE])
def test_parse(text, precision, first, last):
    dm = dates.parse(text)
    assert dm is not None, text
    assert (dm.precision, dm.first.iso, dm.last.iso) == (precision, first, last)


INVALID = [
    ("feb-31", "31/2/2021"),
    ("feb-29-common-year", "29/2/2023"),
    ("day-32", "32/1/2024"),
    ("month-13", "15/13/2024"),
    ("quarter-5", "quý V/2024"),
    ("month-0", "tháng 0/2024"),
    ("number-with-year", "25/2017/QĐ-UBND"),
    ("words-around", "báo cáo năm 2024 của Sở"),
    ("two-dates", "15/11/2024 -15/12/2024"),
]


@pytest.mark.parametrize("text", [p[1] for p in INVALID], ids=[p[0] for p in INVALID])
def test_parse_rejects(text):
    assert dates.parse(text) is None


FIND = [
    ("range-dash", "(15/11/2024 -15/12/2024)", ["2024-11-15", "2024-12-15"]),
    ("range-words", "từ ngày 15/11 đến ngày 15/12/2024", ["--11-15", "2024-12-15"]),
    ("number-is-no-date", "Quyết định số 25/2017/QĐ-UBND ngày 19/5/2017", ["2017-05-19"]),
    ("commemoration", "ngày Quốc tế Phụ nữ 8-3, ngày Phụ nữ Việt Nam 20-10",
     ["--03-08", "--10-20"]),
    ("longest-wins", "ngày 27 tháng 4 năm 2007", ["2007-04-27"]),
    ("glued", "ngày 27/6/2025của Bộ Y tế", ["2025-06-27"]),
    ("term-of-office", "nhiệm kỳ 2021-2026; 2026- 2031", ["2026", "2031"]),
]


@pytest.mark.parametrize("text,isos", [p[1:] for p in FIND], ids=[p[0] for p in FIND])
def test_find(text, isos):
    assert [m.iso for m in dates.find(text)] == isos


def test_find_spans_point_at_their_text():
    text = "trước ngày 15/6/2024 và quý II/2024"
    for m in dates.find(text):
        assert text[m.start:m.end] == m.text


def test_term_of_office_spans_keep_first_year():
    found = dates.find("nhiệm kỳ 2021-2026")
    assert [(m.first.iso, m.last.iso) for m in found] == [("2021", "2026")]


def test_at_reads_the_date_after_a_cue():
    text = "Quyết định số 1/QĐ-UBND ngày 30/7/2021 của UBND tỉnh"
    pos = text.index("30/7")
    dm = dates.at(text, pos)
    assert dm is not None and dm.iso == "2021-07-30"
    assert dates.at(text, text.index("của")) is None


def test_partial_date_with_year():
    assert dates.PartialDate(None, 6, 5).with_year(2024).iso == "2024-06-05"


@pytest.mark.parametrize("y,m,d,ok", [
    (2021, 2, 28, True), (2021, 2, 29, False), (2024, 2, 29, True), (None, 2, 29, True),
    (2024, 4, 31, False), (2024, 12, None, True), (1800, 1, 1, False),
], ids=["feb-28", "feb-29-2021", "feb-29-2024", "feb-29-yearless", "apr-31", "month-only",
        "too-old"])
def test_valid(y, m, d, ok):
    assert dates.valid(y, m, d) is ok
