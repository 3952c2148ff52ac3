"""The metadata extractor on small synthetic documents: one table per behaviour.

Each document is a list of paragraphs run through the normalize stage, the way a reader would
hand it over (one block per printed line). The pattern tables' own examples and counterexamples
are checked by tests/unit/test_pattern_tables.py.
"""

from __future__ import annotations

import doctest
from dataclasses import replace

import pytest

from extractors import metadata, places
from extractors.metadata import extract
from pipeline.document import RawBlock, RawDocument, Source
from pipeline.normalize import run
from pipeline.records import Metadata


def make(*paragraphs: str) -> Metadata:
    raw = RawDocument(source=Source(path="t.txt", format="txt", sha256="0" * 64),
                      blocks=tuple(RawBlock(kind="paragraph", text=p) for p in paragraphs))
    return extract(run(raw))


def doc_of(*paragraphs: str):
    raw = RawDocument(source=Source(path="t.txt", format="txt", sha256="0" * 64),
                      blocks=tuple(RawBlock(kind="paragraph", text=p) for p in paragraphs))
    return run(raw)


KON_TUM = ["ỦY BAN NHÂN DÂN", "TỈNH KON TUM", "-------", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
           "Độc lập - Tự do - Hạnh phúc", "---------------", "Số: 435/QĐ-UBND",
           "Kon Tum, ngày 04 tháng 5 năm 2020"]
SQUASHED = ("ỦY BAN NHÂN DÂN TỈNH KON TUM ------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - "
            "Tự do - Hạnh phúc --------------- Số: 435/QĐ-UBND Kon Tum, ngày 04 tháng 5 năm 2020")
DECISION_BODY = ["QUYẾT ĐỊNH", "Về việc kiện toàn Ban Vì sự tiến bộ của phụ nữ tỉnh",
                 "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KON TUM",
                 "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
                 "QUYẾT ĐỊNH:", "Điều 1. Kiện toàn Ban Vì sự tiến bộ của phụ nữ tỉnh.",
                 "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.",
                 "Nơi nhận:", "- Như Điều 2;", "- Lưu: VT, KGVX.",
                 "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn Hòa"]

CLEAN_FIELDS = {
    "doc_type": "decision", "number": "435/QĐ-UBND", "symbol": "QĐ-UBND",
    "issuer": "Ủy ban nhân dân tỉnh Kon Tum", "level": "province", "province": "Kon Tum",
    "district": None, "commune": None, "place": "Kon Tum", "issued_date": "2020-05-04",
    "title": "Về việc kiện toàn Ban Vì sự tiến bộ của phụ nữ tỉnh", "province_2025": "Quảng Ngãi",
    "recipients": ("Như Điều 2", "Lưu: VT, KGVX."),
}


def _fields(md: Metadata) -> dict:
    return {k: getattr(md, k) for k in md.__slots__ if k != "spans"}


def test_clean_header():
    md = make(*KON_TUM, *DECISION_BODY)
    for field, want in CLEAN_FIELDS.items():
        assert getattr(md, field) == want, field
    assert md.signer.name == "Nguyễn Văn Hòa"
    assert md.signer.title == "Phó Chủ tịch"
    assert md.signer.authority == "KT. Chủ tịch / Phó Chủ tịch"


@pytest.mark.parametrize("header", [
    pytest.param([SQUASHED], id="squashed-on-one-line"),
    pytest.param(["ỦY BAN NHÂN", "DÂN", "TỈNH KON TUM", "-------", "CỘNG HÒA XÃ HỘI",
                  "CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "---------------", "Số:",
                  "435/QĐ-UBND", "Kon", "Tum, ngày 04 tháng 5 năm 2020"], id="hard-wrapped"),
    pytest.param(["ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                  "TỈNH KON TUM Độc lập - Tự do - Hạnh phúc", "Số: 435/QĐ-UBND",
                  "Kon Tum, ngày 04 tháng 5 năm 2020"], id="columns-interleaved"),
])
def test_header_layouts_give_the_clean_fields(header):
    clean = _fields(make(*KON_TUM, *DECISION_BODY))
    got = _fields(make(*header, *DECISION_BODY))
    clean["signer"] = replace(clean["signer"], span=None)
    got["signer"] = replace(got["signer"], span=None)
    assert got == clean


def test_squashed_title_and_authority_on_the_same_line():
    md = make(SQUASHED + " QUYẾT ĐỊNH Về việc kiện toàn Ban Vì sự tiến bộ của phụ nữ tỉnh "
              "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KON TUM Căn cứ Luật Tổ chức chính quyền địa phương;",
              *DECISION_BODY[4:])
    assert md.title == "Về việc kiện toàn Ban Vì sự tiến bộ của phụ nữ tỉnh"
    assert md.doc_type == "decision"


@pytest.mark.parametrize("number_line,number,symbol,doc_type", [
    ("Số: 178/CTr-BVSTBCPN", "178/CTr-BVSTBCPN", "CTr-BVSTBCPN", "programme"),
    ("Số: 25/2017/QĐ-UBND", "25/2017/QĐ-UBND", "QĐ-UBND", "decision"),
    ("Số: 06 /CTr-UBQG", "06/CTr-UBQG", "CTr-UBQG", "programme"),
    ("Số:   /KH-UBND", "/KH-UBND", "KH-UBND", "plan"),
    ("Số: 0125/KH-UBND", "0125/KH-UBND", "KH-UBND", "plan"),
    ("Số: 123/UBND-VX", "123/UBND-VX", "UBND-VX", "official_letter"),
    ("Số: 109/2025/TT-BTC", "109/2025/TT-BTC", "TT-BTC", "circular"),
], ids=["state", "normative", "stray-space", "blank-number", "zero-padded", "cong-van",
        "circular"])
def test_number_forms_without_a_type_line(number_line, number, symbol, doc_type):
    md = make("ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
              "Độc lập - Tự do - Hạnh phúc", number_line, "Hà Tĩnh, ngày 20 tháng 3 năm 2024",
              "Căn cứ Luật Tổ chức chính quyền địa phương;")
    assert (md.number, md.symbol, md.doc_type) == (number, symbol, doc_type)


@pytest.mark.parametrize("date_line,iso,place", [
    ("Đắk Nông, ngày 20 tháng 3 năm 2024", "2024-03-20", "Đắk Nông"),
    ("Thị trấn, ngày   tháng 4 năm 2024", "2024-04", "Thị trấn"),
    ("Lâm Đồng, ngày tháng năm 2026", "2026", "Lâm Đồng"),
    ("Hà Tĩnh, ngày 01 tháng12 năm 2025", "2025-12-01", "Hà Tĩnh"),
    ("Hà Nội ngày 01 tháng 12 năm 2025", "2025-12-01", "Hà Nội"),
    ("Hà Nội, ngày 19/11/2025", "2025-11-19", "Hà Nội"),
    ("Thành phố Hồ Chí Minh, ngày 25 tháng 11 năm 2025", "2025-11-25",
     "Thành phố Hồ Chí Minh"),
], ids=["full", "blank-day", "blank-day-month", "no-space", "no-comma", "numeric", "long-place"])
def test_date_line(date_line, iso, place):
    md = make("Số: 12/KH-UBND", date_line, "KẾ HOẠCH", "Hoạt động năm 2024",
              "Thực hiện Kế hoạch số 58/KH-UBND ngày 04/04/2024 của UBND huyện, UBND xã ban hành "
              "Kế hoạch như sau:")
    assert (md.issued_date, md.place) == (iso, place)


def test_place_wrapped_over_two_lines():
    md = make(*KON_TUM[:6], "Số: 2820/QĐ-UBND", "Thành phố Hồ",
              "Chí Minh, ngày 19 tháng 11 năm 2025", "QUYẾT ĐỊNH", "Về việc ban hành kế hoạch")
    assert md.place == "Thành phố Hồ Chí Minh"
    assert md.issued_date == "2025-11-19"


STRATEGY = ("Triển khai thực hiện Chiến lược quốc gia về bình đẳng giới giai đoạn 2021-2030 "
            "trên địa bàn tỉnh Đắk Nông")


@pytest.mark.parametrize("type_line,title_lines,doc_type,title,year,period", [
    ("CHƯƠNG TRÌNH CÔNG TÁC NĂM 2024", [], "programme", "Công tác năm 2024", 2024, None),
    ("KẾ HOẠCH", [STRATEGY], "plan", STRATEGY, None, (2021, 2030)),
    ("KẾ HOẠCH", ["QUAN TRẮC, CẢNH BÁO MÔI TRƯỜNG NUÔI TRỒNG THỦY SẢN TRÊN ĐỊA BÀN",
                  "TỈNH THANH HÓA NĂM 2026"], "plan",
     "Quan trắc, cảnh báo môi trường nuôi trồng thủy sản trên địa bàn tỉnh Thanh Hóa năm 2026",
     2026, None),
    ("KẾ HOẠCH", ["THỰC HIỆN CHỈ THỊ SỐ 27/CT-TTG NGÀY 15 THÁNG 8 NĂM 2024 CỦA THỦ TƯỚNG",
                  "CHÍNH PHỦ VỀ CÔNG TÁC DÂN SỐ"], "plan",
     ("Thực hiện Chỉ thị số 27/CT-TTg ngày 15 tháng 8 năm 2024 của Thủ tướng Chính phủ về công "
      "tác dân số"), None, None),
    ("THÔNG BÁO KẾT LUẬN", ["CỦA ĐỒNG CHÍ CHỦ TỊCH"], "notice",
     "Kết luận của đồng chí chủ tịch", None, None),
    ("TỜ TRÌNH", ["Về việc thành lập Ban"], "other", "Về việc thành lập Ban", None, None),
], ids=["programme-title-on-the-type-line", "period", "caps-over-two-lines",
        "cited-date-is-no-year", "notice", "other"])
def test_type_and_title(type_line, title_lines, doc_type, title, year, period):
    md = make(*KON_TUM, type_line, *title_lines,
              "Thực hiện Nghị quyết số 28/NQ-CP ngày 03/3/2021 của Chính phủ, Ủy ban nhân dân tỉnh "
              "ban hành văn bản này như sau:", "I. MỤC ĐÍCH, YÊU CẦU")
    assert (md.doc_type, md.title, md.year, md.period) == (doc_type, title, year, period)


def test_official_letter_national():
    md = make("BỘ TÀI CHÍNH", "CỤC THUẾ", "-------", "CỘNG HÒA XÃ HỘI", "CHỦ NGHĨA VIỆT NAM",
              "Độc lập - Tự do - Hạnh phúc", "---------------", "Số: 5317/CT-CS",
              "V/v khoản tiền người sử dụng đất phải nộp", "bổ sung.",
              "Hà Nội, ngày 19 tháng 11 năm 2025", "Kính gửi: Thuế tỉnh Ninh Bình.",
              "Cục Thuế nhận được công văn số 1383/NBI-CNTK ngày 15/8/2025 của Thuế tỉnh.")
    assert md.doc_type == "official_letter"  # "CT" here is Cục Thuế, not Chỉ thị
    assert md.issuer == "Cục Thuế"
    assert (md.level, md.province, md.place) == ("national", None, "Hà Nội")
    assert md.title == "Khoản tiền người sử dụng đất phải nộp bổ sung"


@pytest.mark.parametrize("left,issuer,level,province,district", [
    (["UBND TỈNH HÀ TĨNH", "SỞ NỘI VỤ"], "Sở Nội vụ tỉnh Hà Tĩnh", "province", "Hà Tĩnh", None),
    (["UBND THÀNH PHỐ HÀ", "NỘI", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"],
     "Sở Giáo dục và Đào tạo thành phố Hà Nội", "province", "Hà Nội", None),
    (["ỦY BAN NHÂN DÂN", "HUYỆN HÀ TRUNG"], "Ủy ban nhân dân huyện Hà Trung", "district",
     "Thanh Hóa", "Hà Trung"),
    (["HỘI ĐỒNG NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"], "Hội đồng nhân dân thành phố Hà Nội", "province",
     "Hà Nội", None),
    (["BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"], "Bộ Lao động - Thương binh và Xã hội", "national",
     None, None),
    (["VĂN PHÒNG CHÍNH", "PHỦ"], "Văn phòng Chính phủ", "national", None, None),
], ids=["department", "department-wrapped", "district", "council", "ministry", "government-office"])
def test_issuer_from_the_header(left, issuer, level, province, district):
    md = make(*left, "-------", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
              "Độc lập - Tự do - Hạnh phúc", "Số: 12/KH-UBND", "Hà Nội, ngày 20 tháng 3 năm 2024",
              "KẾ HOẠCH", "Hoạt động năm 2024", "I. MỤC ĐÍCH")
    assert (md.issuer, md.level, md.province, md.district) == (issuer, level, province, district)


def test_party_header_and_number():
    md = make("BAN CHẤP HÀNH", "TRUNG ƯƠNG", "VĂN PHÒNG", "*", "ĐẢNG CỘNG SẢN VIỆT NAM",
              "---------------", "Số 432-TB/VPTW", "Hà Nội, ngày 26 tháng 11 năm 2025",
              "THÔNG BÁO KẾT LUẬN", "CỦA ĐỒNG CHÍ TỔNG BÍ THƯ",
              "Ngày 20/11/2025, đồng chí Tổng Bí thư đã làm việc với Đảng ủy Bộ Y tế.")
    assert (md.number, md.symbol, md.doc_type) == ("432-TB/VPTW", "TB/VPTW", "notice")
    assert md.issuer == "Văn phòng Ban Chấp hành Trung ương"
    assert md.level == "national"


def test_party_number_in_the_type_table():
    md = make("Số: 11-NQ/TW", "Hà Nội, ngày 27 tháng 4 năm 2007",
              "Nội dung nghị quyết về công tác phụ nữ thời kỳ đẩy mạnh công nghiệp hóa.")
    assert (md.number, md.doc_type) == ("11-NQ/TW", "resolution")


def test_attached_programme_gives_the_decision_its_number():
    md = make("QUYẾT ĐỊNH", "Về việc ban hành Chương trình công tác năm 2019",
              "TRƯỞNG BAN VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ TỈNH HÀ TĨNH",
              "Căn cứ Quyết định số 1425/QĐ-UBND ngày 19 tháng 5 năm 2009;", "QUYẾT ĐỊNH:",
              "Điều 1. Ban hành kèm theo Quyết định này Chương trình công tác năm 2019.",
              "CHƯƠNG TRÌNH CÔNG TÁC",
              "(Kèm theo Quyết định số 02 /QĐ-BVSTBCPN ngày 25 tháng 3 năm 2019 của Trưởng Ban)")
    assert (md.number, md.issued_date) == ("02/QĐ-BVSTBCPN", "2019-03-25")
    assert md.issuer == "Ban Vì sự tiến bộ của phụ nữ tỉnh Hà Tĩnh"
    assert (md.level, md.province, md.year) == ("province", "Hà Tĩnh", 2019)


def test_attachment_of_another_type_keeps_no_number():
    md = make("ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
              "Độc lập - Tự do - Hạnh phúc", "ĐIỀU LỆ", "QUỸ HỖ TRỢ PHỤ NỮ PHÁT TRIỂN",
              "(Kèm theo Quyết định số /QĐ-UBND ngày tháng 8 năm 2025 của Chủ tịch UBND tỉnh)",
              "Chương I", "QUY ĐỊNH CHUNG")
    assert (md.doc_type, md.number, md.issued_date) == ("other", None, None)
    assert md.issuer == "Ủy ban nhân dân tỉnh Lâm Đồng"


def test_commune_from_the_preamble():
    md = make("Số: /KH-UBND", "Thị trấn, ngày tháng 4 năm 2024", "KẾ HOẠCH",
              "Hoạt động của Ban Vì sự tiến bộ của phụ nữ Thị trấn Hà Trung năm 2024",
              "Thực hiện Kế hoạch số 58/KH-BVSTBCPN ngày 04/04/2024 của Ban Vì sự tiến bộ của phụ "
              "nữ huyện Hà Trung. UBND Thị trấn Hà Trung ban hành Kế hoạch hoạt động như sau:",
              "I. MỤC ĐÍCH, YÊU CẦU", "Góp phần thực hiện trên địa bàn huyện Hà Trung, tỉnh Thanh "
              "Hóa nói chung.", "CHỦ TỊCH", "Cù Văn Hân")
    assert md.issuer == "Ủy ban nhân dân Thị trấn Hà Trung"
    assert (md.level, md.commune, md.district, md.province) == (
        "commune", "Thị trấn Hà Trung", "Hà Trung", "Thanh Hóa")
    assert (md.signer.name, md.signer.title, md.signer.authority) == ("Cù Văn Hân", "Chủ tịch",
                                                                       None)


def test_issuer_from_the_preamble_gets_its_province():
    md = make("Đắk Nông, ngày 20 tháng 3 năm 2024", "Số: 178/CTr-BVSTBCPN", "CHƯƠNG TRÌNH",
              "Công tác năm 2024",
              "Thực hiện Quyết định số 1124/QĐ-UBND ngày 30/7/2021 của Chủ tịch UBND tỉnh; Ban Vì "
              "sự tiến bộ của phụ nữ tỉnh ban hành Chương trình công tác năm 2024, như sau:")
    assert md.issuer == "Ban Vì sự tiến bộ của phụ nữ tỉnh Đắk Nông"
    assert (md.level, md.province, md.province_2025) == ("province", "Đắk Nông", "Lâm Đồng")


def test_national_issuer_from_the_symbol():
    md = make("Số: 06 /CTr-UBQG", "Hà Nội, ngày 14 tháng 6 năm 2024",
              "CHƯƠNG TRÌNH CÔNG TÁC NĂM 2024", "1. Công tác phối hợp liên ngành")
    assert md.issuer == "Ủy ban Quốc gia vì sự tiến bộ của phụ nữ Việt Nam"
    assert (md.level, md.province) == ("national", None)


BODY = ["QUYẾT ĐỊNH", "Về việc ban hành quy chế", "Căn cứ Luật Tổ chức chính quyền địa phương;",
        "Điều 1. Ban hành Quy chế./."]


@pytest.mark.parametrize("block,name,title,authority", [
    (["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Đã ký)", "Nguyễn Văn Hòa"], "Nguyễn Văn Hòa",
     "Phó Chủ tịch", "KT. Chủ tịch / Phó Chủ tịch"),
    (["TM. ỦY BAN NHÂN", "DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Phạm Văn Thịnh"],
     "Phạm Văn Thịnh", "Phó Chủ tịch", "TM. Ủy ban nhân dân / KT. Chủ tịch / Phó Chủ tịch"),
    (["TM. BAN VSTB CỦA PHỤ NỮ TỈNH", "TRƯỞNG BAN", "PHÓ CHỦ TỊCH UBND TỈNH", "Lê Trọng Yên"],
     "Lê Trọng Yên", "Phó Chủ tịch UBND tỉnh", "TM. Ban VSTB của phụ nữ tỉnh / Trưởng ban"),
    (["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN THƯỜNG TRỰC", "(Đã ký)", "GIÁM ĐỐC",
      "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Nguyễn Trí Lạc"], "Nguyễn Trí Lạc",
     "Giám đốc Sở Lao động - Thương binh và Xã hội",
     "KT. Trưởng ban / Phó Trưởng ban Thường trực"),
    (["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Thượng tướng Lê Huy Vịnh"], "Lê Huy Vịnh", "Thứ trưởng",
     "KT. Bộ trưởng / Thứ trưởng"),
    (["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Bùi", "Xuân Cường"], "Bùi Xuân Cường", "Phó Chủ tịch",
     "KT. Chủ tịch / Phó Chủ tịch"),
    (["CHỦ TỊCH", "Lê Hải Hoà"], "Lê Hải Hòa", "Chủ tịch", None),
    # hard-wrapped blocks of legal-website pages: a role cut after its first word, a prefix
    # alone on its line, a body's name running on under its head's title
    (["TL. CỤC", "TRƯỞNG", "TRƯỞNG BAN", "NGHIỆP VỤ THUẾ HQ", "PHÓ TRƯỞNG BAN", "Đào Thu Hà"],
     "Đào Thu Hà", "Phó Trưởng ban", "TL. Cục trưởng / Trưởng ban Nghiệp vụ Thuế HQ"),
    (["TL. CỤC TRƯỞNG", "KT.", "TRƯỞNG BAN NGHIỆP VỤ THUẾ HQ", "PHÓ", "TRƯỞNG BAN",
      "Đào Thu Hà"], "Đào Thu Hà", "Phó Trưởng ban",
     "TL. Cục trưởng / KT. Trưởng ban Nghiệp vụ Thuế HQ / Phó Trưởng ban"),
    (["KT.", "CHỦ TỊCH", "PHÓ", "CHỦ TỊCH", "Hoàng Xuân Tâm"], "Hoàng Xuân Tâm", "Phó Chủ tịch",
     "KT. Chủ tịch / Phó Chủ tịch"),
    (["TL. CỤC TRƯỞNG", "TRƯỞNG BAN BAN CHÍNH SÁCH,", "THUẾ QUỐC TẾ", "Nguyễn Thị Hằng"],
     "Nguyễn Thị Hằng", "Trưởng ban Ban Chính sách, Thuế quốc tế",
     "TL. Cục trưởng / Trưởng ban Ban Chính sách, Thuế quốc tế"),
], ids=["kt", "tm-kt-wrapped", "title-of-its-own", "signed-mark-and-title", "rank",
        "name-wrapped", "old-tone", "role-cut-after-first-word", "prefix-alone", "kt-alone",
        "body-name-runs-on"])
def test_signer_block(block, name, title, authority):
    md = make(*KON_TUM, *BODY, "Nơi nhận:", "- Như Điều 3;", "- Lưu: VT.", *block,
              "PHỤ LỤC", "MẪU ĐƠN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn A")
    assert (md.signer.name, md.signer.title, md.signer.authority) == (name, title, authority)


def test_placeholder_name_is_no_signer():
    md = make(*KON_TUM, *BODY, "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn A")
    assert md.signer.name is None


def test_signature_before_the_recipients():
    md = make(*KON_TUM, *BODY, "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Báu Hà", "Nơi nhận:",
              "- Như Điều 3;", "- Lưu: VT.")
    assert md.signer.name == "Trần Báu Hà"
    assert md.recipients == ("Như Điều 3", "Lưu: VT.")


def test_recipients():
    md = make(*KON_TUM, *BODY, "Nơi nhận:", "- Vụ Bình đẳng giới - Bộ LĐTBXH;", "- Như Điều 3;",
              "- VPCP: BTCN, PCN Nguyễn Sỹ Hiệp,", "PCN Phạm Mạnh Cường;",
              "- Ban VSTBPN các Sở, ban, ngành - Lưu: VT, P.BTXH.", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
              "Nguyễn Văn Hòa")
    assert md.recipients == ("Vụ Bình đẳng giới - Bộ LĐTBXH", "Như Điều 3",
                             "VPCP: BTCN, PCN Nguyễn Sỹ Hiệp, PCN Phạm Mạnh Cường",
                             "Ban VSTBPN các Sở, ban, ngành", "Lưu: VT, P.BTXH.")


def test_website_summary_before_the_header():
    md = make("Sửa đổi thủ tục chứng nhận xe cơ giới nhập khẩu",
              "Ngày 26/11/2025, Bộ trưởng Bộ Quốc phòng đã ban hành Thông tư 130/2025/TT-BQP.",
              "BỘ QUỐC PHÒNG", "-------", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
              "Độc lập - Tự do - Hạnh phúc", "Số:", "130/2025/TT-BQP",
              "Hà Nội, ngày 25 tháng 11 năm 2025", "THÔNG TƯ", "SỬA ĐỔI THÔNG TƯ SỐ 67/2024/TT-BQP",
              "Căn cứ Luật Trật tự, an toàn giao thông đường bộ;")
    assert (md.number, md.doc_type, md.issued_date) == ("130/2025/TT-BQP", "circular",
                                                        "2025-11-25")
    assert (md.issuer, md.level) == ("Bộ Quốc phòng", "national")


def test_spans_point_at_their_values():
    d = doc_of(*KON_TUM, *DECISION_BODY)
    md = extract(d)
    spans = dict(md.spans)
    assert d.text[slice(*spans["number"])].replace(" ", "") == md.number
    assert d.text[slice(*spans["place"])] == md.place
    assert d.text[slice(*spans["signer.name"])] == md.signer.name
    assert md.title and d.text[slice(*spans["title"])] == md.title
    for _field, (s, e) in md.spans:
        assert 0 <= s < e <= len(d.text)


def test_empty_and_odd_documents():
    assert extract(doc_of()) == Metadata()
    md = make("Lorem ipsum dolor sit amet.")
    assert md.number is None and md.doc_type is None


# ---------------------------------------------------------------- places


def test_province_table_is_the_2025_merger():
    rows = places.provinces()
    assert sum(p.pre_2025 for p in rows) == 63
    assert sum(p.in_2025 for p in rows) == 34
    post = {p.name for p in rows if p.in_2025}
    assert all(p.province_2025 in post for p in rows)


@pytest.mark.parametrize("printed,name,after", [
    ("Đắk Nông", "Đắk Nông", "Lâm Đồng"),
    ("Hà Giang", "Hà Giang", "Tuyên Quang"),
    ("TP. Hồ Chí Minh", "Hồ Chí Minh", "Hồ Chí Minh"),
    ("tỉnh Bà Rịa – Vũng Tàu", "Bà Rịa - Vũng Tàu", "Hồ Chí Minh"),
    ("THỪA THIÊN HUẾ", "Thừa Thiên Huế", "Huế"),
    ("Thanh Hoá", "Thanh Hóa", "Thanh Hóa"),
    ("Kon Tum", "Kon Tum", "Quảng Ngãi"),
    ("Quảng Bình", "Quảng Bình", "Quảng Trị"),
    ("Hải Dương", "Hải Dương", "Hải Phòng"),
    ("Bình Định", "Bình Định", "Gia Lai"),
], ids=lambda x: x if isinstance(x, str) else "")
def test_province_lookup(printed, name, after):
    p = places.province(printed)
    assert p is not None and (p.name, p.province_2025) == (name, after)


@pytest.mark.parametrize("text,found", [
    ("UBND huyện Hà Trung, tỉnh Thanh Hóa", [("huyện", "Hà Trung"), ("tỉnh", "Thanh Hóa")]),
    ("UBND các huyện, TP.Gia Nghĩa", [("thành phố", "Gia Nghĩa")]),
    ("Bộ Lao động - Thương binh và Xã hội", []),
    ("các tỉnh, thành phố trực thuộc trung ương", []),
    ("ỦY BAN MTTQ VIỆT NAM XÃ LƯƠNG MINH BAN THƯỜNG TRỰC", [("xã", "Lương Minh")]),
], ids=["district-and-province", "city-no-space", "xa-hoi-is-no-commune", "no-name", "caps"])
def test_localities(text, found):
    assert [(x.kind, x.name) for x in places.localities(text)] == found


@pytest.mark.parametrize("module", [metadata, places], ids=["metadata", "places"])
def test_docstring_examples(module):
    assert doctest.testmod(module).failed == 0


def test_title_ending_with_the_issuers_name_keeps_it(build_text):
    md = build_text("BỘ NỘI VỤ\n\nSố: 1383/QĐ-BNV\n\nHà Nội, ngày 26 tháng 11 năm 2025\n\nQUYẾT ĐỊNH\n\n"
                    "VỀ VIỆC BAN HÀNH LỊCH PHỔ BIẾN THÔNG TIN THỐNG KÊ NĂM 2026 CỦA BỘ NỘI VỤ\n\n"
                    "BỘ TRƯỞNG BỘ NỘI VỤ\n\nCăn cứ Luật Thống kê ngày 23 tháng 11 năm 2015;\n").metadata
    assert md.title == "Về việc ban hành lịch phổ biến thông tin thống kê năm 2026 của Bộ Nội vụ"


@pytest.mark.parametrize("caps,expected", [
    ("KẾ HOẠCH THỰC HIỆN TRÊN ĐỊA BÀN TỈNH THANH HÓA NĂM 2026",
     "Kế hoạch thực hiện trên địa bàn tỉnh Thanh Hóa năm 2026"),
    # an office held by a named person: the office and the name are proper names
    ("KẾT LUẬN CỦA PHÓ THỦ TƯỚNG CHÍNH PHỦ LÊ THÀNH LONG TẠI CHUYẾN KIỂM TRA",
     "Kết luận của Phó Thủ tướng Chính phủ Lê Thành Long tại chuyến kiểm tra"),
    ("KẾT LUẬN CỦA ĐỒNG CHÍ TỔNG BÍ THƯ TẠI BUỔI LÀM VIỆC",
     "Kết luận của đồng chí Tổng Bí thư tại buổi làm việc"),
    ("THÔNG BÁO KẾT LUẬN CỦA CHỦ TỊCH TRẦN VĂN AN", "Thông báo kết luận của Chủ tịch Trần Văn An"),
    # counterexamples: an office with no name, a body that opens like a family name
    ("QUY CHẾ LÀM VIỆC CỦA CHỦ TỊCH VÀ CÁC PHÓ CHỦ TỊCH",
     "Quy chế làm việc của chủ tịch và các phó chủ tịch"),
    ("ỦY QUYỀN CHO GIÁM ĐỐC VĂN PHÒNG ĐĂNG KÝ ĐẤT ĐAI",
     "Ủy quyền cho giám đốc Văn phòng đăng ký đất đai"),
], ids=["place", "named-office", "comrade", "chair-named", "no-name", "body-not-name"])
def test_sentence_case_of_an_upper_case_title(caps, expected):
    from extractors.metadata import _sentence_case

    assert _sentence_case(caps) == expected
