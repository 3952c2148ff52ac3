"""Citations (extractors/citations.py, models/patterns/citations.yaml), one row per printed form.

Each row is a small document (a heading block, so the document has a title, then the text)
built through the whole pipeline; the expected fields are checked on the first citation whose
key is named, and the set of distinct keys is compared when the row gives one.
"""

from __future__ import annotations

import pytest

from extractors.citations import rules

HEAD = "KẾ HOẠCH\n\nHoạt động của Ban Vì sự tiến bộ của phụ nữ tỉnh Cao Bằng năm 2024\n\n"


def _doc(build_text, body: str):
    return build_text(HEAD + body)


def _by_key(doc, key):
    found = [c for c in doc.citations if c.key == key]
    assert found, f"no citation {key!r} in {[c.key for c in doc.citations]}"
    return found[0]


NUMBERED = [
    # id, text, key, expected fields
    ("decision-local",
     ("Thực hiện Quyết định số 987/QĐ-UBND ngày 30/7/2021 của Chủ tịch UBND tỉnh về việc kiện "
     "toàn Ban chỉ đạo."),
     "987/QĐ-UBND", {"type": "decision", "date": "2021-07-30", "issuer": "Chủ tịch UBND tỉnh",
                     "subject": "về việc kiện toàn Ban chỉ đạo"}),
    ("normative-with-year",
     ("Căn cứ Quyết định số 31/2017/QĐ-UBND ngày 19/5/2017 của UBND tỉnh ban hành quy định "
     "chức năng, nhiệm vụ của Sở;"),
     "31/2017/QĐ-UBND", {"type": "decision", "date": "2017-05-19", "issuer": "UBND tỉnh",
                         "instrument_id": "31/2017/QĐ-UBND@2017@Cao Bằng"}),
    ("party-resolution",
     ("Thực hiện Nghị quyết số 12-NQ/TW ngày 27 tháng 4 năm 2007 của Bộ Chính trị về công tác "
     "phụ nữ;"),
     "12-NQ/TW", {"type": "resolution", "date": "2007-04-27", "issuer": "Bộ Chính trị",
                  "instrument_id": "12-NQ/TW@2007"}),
    ("party-scheme",
     "Thực hiện Đề án số 07-ĐA/TU ngày 19/8/2021 của Ban Thường vụ Tỉnh ủy về tạo nguồn cán bộ.",
     "07-ĐA/TU", {"type": "scheme", "date": "2021-08-19", "issuer": "Ban Thường vụ Tỉnh ủy"}),
    ("party-no-so", "Thực hiện Kế hoạch 211-KH/TU ngày 17/10/2018 của Tỉnh ủy;",
     "211-KH/TU", {"type": "plan", "date": "2018-10-17", "issuer": "Tỉnh ủy"}),
    ("party-stray-space", "Thực hiện Chương trình số 10- CTr/TU ngày 01/02/2022 của Tỉnh ủy;",
     "10-CTr/TU", {"type": "programme", "date": "2022-02-01"}),
    ("law-number", "Căn cứ Luật Bình đẳng giới số 73/2006/QH11 ngày 29/11/2006;",
     "73/2006/QH11", {"type": "law", "name": "Luật Bình đẳng giới", "date": "2006-11-29",
                      "instrument_id": "73/2006/QH11@2006"}),
    ("law-number-only", "được sửa đổi, bổ sung bởi Luật số 87/2025/QH15;",
     "87/2025/QH15", {"type": "law", "name": None}),
    ("official-letter", "Thực hiện Công văn số 123/UBND-VX ngày 05/3/2024 của UBND tỉnh Cao Bằng.",
     "123/UBND-VX", {"type": "official_letter", "date": "2024-03-05",
                     "instrument_id": "123/UBND-VX@2024@Cao Bằng"}),
    ("letter-by-symbol", "Căn cứ văn bản số 4567/BYT-KHTC ngày 12/9/2024 của Bộ Y tế;",
     "4567/BYT-KHTC", {"type": "official_letter", "date": "2024-09-12"}),
    ("stray-space-before-slash",
     "Căn cứ Quyết định số 02 /QĐ-BVSTBCPN ngày 25/3/2019 của Trưởng Ban;",
     "02/QĐ-BVSTBCPN", {"type": "decision", "date": "2019-03-25"}),
    ("date-words", "Căn cứ Quyết định số 1425/QĐ-UBND  ngày 19 tháng 5 năm 2009 của UBND tỉnh;",
     "1425/QĐ-UBND", {"date": "2009-05-19"}),
    ("date-dashes", "Căn cứ Nghị định số 45/1997/NĐ-CP ngày 01-10-1997 của Chính phủ;",
     "45/1997/NĐ-CP", {"type": "decree", "date": "1997-10-01"}),
    ("decree-national", ("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công "
     "tác văn thư;"),
     "30/2020/NĐ-CP", {"type": "decree", "issuer": "Chính phủ", "instrument_id":
                       "30/2020/NĐ-CP@2020", "subject": "về công tác văn thư"}),
    ("decree-without-diacritics", "theo Nghị định số 166/2025/ND-CP của Chính phủ;",
     "166/2025/NĐ-CP", {"type": "decree", "key_alt": ("166/2025/ND-CP",)}),
    ("symbol-glued", "theo Nghị định số 118/2025/NĐCP ngày 09/6/2025 của Chính phủ;",
     "118/2025/NĐ-CP", {"key_alt": ("118/2025/NĐCP",), "date": "2025-06-09"}),
    ("issuer-case", "thực hiện Chỉ thị số 27/CT-TTG ngày 15/8/2024 của Thủ tướng Chính phủ;",
     "27/CT-TTg", {"type": "directive", "instrument_id": "27/CT-TTg@2024"}),
    ("dotted-number", "Nghị quyết số 66.2/2025/NQ-CP ngày 28/8/2025 của Chính phủ;",
     "66.2/2025/NQ-CP", {"type": "resolution", "date": "2025-08-28"}),
    ("type-from-symbol", "Căn cứ các Thông tư của Bộ trưởng: số 02/2017/TT-VPCP ngày 31/10/2017;",
     "02/2017/TT-VPCP", {"type": "circular", "date": "2017-10-31"}),
    ("issuer-before-a-programme", ("Thực hiện Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính "
     "phủ và Chương trình hành động số 10-CTr/TU ngày 13/8/2025 của Tỉnh ủy;"),
     "71/NQ-CP", {"issuer": "Chính phủ", "date": "2025-04-01"}),  # "trình" stops an issuer too
    ("issuer-before-a-capitalised-subject", ("Căn cứ Nghị định số 60/2021/NĐ-CP ngày 21/6/2021 "
     "của Chính phủ Quy định cơ chế tự chủ tài chính của đơn vị sự nghiệp công lập;"),
     "60/2021/NĐ-CP", {"issuer": "Chính phủ"}),
    ("proposer-printed-before", ("Theo đề nghị của Hội Nữ doanh nhân tỉnh tại Công văn số "
     "01/BC-HNDN ngày 14 tháng 4 năm 2025 và Giám đốc Sở Nội vụ tại Tờ trình số 1005/TTr-SNV "
     "ngày 20/5/2025."), "1005/TTr-SNV", {"issuer": "Giám đốc Sở Nội vụ", "date": "2025-05-20"}),
    ("issuer-with-two-titles", ("Căn cứ Thông tư số 02/2017/TT-VPCP ngày 31/10/2017 của Bộ "
     "trưởng, Chủ nhiệm Văn phòng Chính phủ hướng dẫn về nghiệp vụ kiểm soát thủ tục hành chính;"),
     "02/2017/TT-VPCP", {"issuer": "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ"}),
    ("issuer-then-date", "Căn cứ Kế hoạch số 77/KH-UBND của UBND tỉnh ngày 12/3/2024;",
     "77/KH-UBND", {"issuer": "UBND tỉnh", "date": "2024-03-12"}),
    ("district-issuer",
     ("Thực hiện Kế hoạch số 58/KH-BVSTBCPN ngày 04/04/2024 của Ban Vì sự tiến bộ của phụ nữ "
     "huyện Hòa An về Kế hoạch hoạt động năm 2024."),
     "58/KH-BVSTBCPN", {"issuer": "Ban Vì sự tiến bộ của phụ nữ huyện Hòa An",
                        "instrument_id": "58/KH-BVSTBCPN@2024@Hòa An, Cao Bằng"}),
]


@pytest.mark.parametrize("text,key,fields", [r[1:] for r in NUMBERED],
                         ids=[r[0] for r in NUMBERED])
def test_numbered(build_text, text, key, fields):
    c = _by_key(_doc(build_text, text), key)
    assert c.number == key
    for name, value in fields.items():
        got = getattr(c, name)
        if name == "subject":
            assert got is not None and got.startswith(value), got
        else:
            assert got == value, (name, got)


NAMED = [
    # id, text, expected names of distinct named citations (in order)
    ("all-caps-name-with-so-and-va", ("BAN HÀNH QUY TRÌNH THỰC HIỆN DỰ ÁN 1 CHƯƠNG TRÌNH MỤC TIÊU "
     "QUỐC GIA PHÁT TRIỂN KINH TẾ - XÃ HỘI VÙNG ĐỒNG BÀO DÂN TỘC THIỂU SỐ VÀ MIỀN NÚI GIAI ĐOẠN "
     "2021-2030"),
     [("CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA PHÁT TRIỂN KINH TẾ - XÃ HỘI VÙNG ĐỒNG BÀO DÂN TỘC THIỂU SỐ "
       "VÀ MIỀN NÚI GIAI ĐOẠN 2021-2030")]),  # "SỐ" ends it only before a number
    ("law-name", ("Triển khai Luật Bình đẳng giới, Luật Phòng, chống bạo lực gia đình, Chiến lược "
     "quốc gia về bình đẳng giới giai đoạn 2021 - 2030;"),
     ["Luật Bình đẳng giới", "Luật Phòng, chống bạo lực gia đình",
      "Chiến lược quốc gia về bình đẳng giới giai đoạn 2021 - 2030"]),
    ("period-ends-name", ("Kế hoạch số 56/KH-UBND ngày 16/8/2021 về triển khai thực hiện Chiến lược "
     "quốc gia về bình đẳng giới giai đoạn 2021-2030 trên địa bàn tỉnh Cao Bằng;"),
     ["Chiến lược quốc gia về bình đẳng giới giai đoạn 2021-2030"]),
    ("locality-before-period", ("Thực hiện Chương trình Phòng ngừa và ứng phó với bạo lực trên cơ sở "
     "giới trên địa bàn tỉnh Cao Bằng giai đoạn 2021-2025;"),
     ["Chương trình Phòng ngừa và ứng phó với bạo lực trên cơ sở giới giai đoạn 2021-2025"]),
    ("vision-without-nam", ("Triển khai Chương trình phát triển công nghiệp công nghệ số Việt Nam "
     "đến 2030, tầm nhìn 2035 theo hướng dẫn của Bộ Khoa học và Công nghệ."),
     ["Chương trình phát triển công nghiệp công nghệ số Việt Nam đến 2030, tầm nhìn 2035"]),
    ("target-year-ends-name", ("triển khai Chương trình truyền thông về bình đẳng giới đến năm 2030 "
     "trên địa bàn tỉnh."),
     ["Chương trình truyền thông về bình đẳng giới đến năm 2030"]),
    ("quoted-keeps-locality", ('thực hiện Đề án “Hỗ trợ hoạt động bình đẳng giới vùng dân tộc thiểu '
     'số giai đoạn 2018-2025 trên địa bàn tỉnh Cao Bằng”.'),
     [("Đề án Hỗ trợ hoạt động bình đẳng giới vùng dân tộc thiểu số giai đoạn 2018-2025 trên địa "
      "bàn tỉnh Cao Bằng")]),
    ("quoted-lowercase-type", ('triển khai thực hiện chương trình “Tăng cường sự tham gia bình đẳng '
     'của phụ nữ giai đoạn 2021-2030” trên địa bàn tỉnh.'),
     ["Chương trình Tăng cường sự tham gia bình đẳng của phụ nữ giai đoạn 2021-2030"]),
    ("project-label-unclosed-quote", ('triển khai Dự án 8 “Thực hiện bình đẳng giới và giải quyết '
     'những vấn đề cấp thiết đối với phụ nữ và trẻ em thuộc Chương trình mục tiêu quốc gia phát '
     'triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi giai đoạn 2021-2030;'),
     [("Dự án 8: Thực hiện bình đẳng giới và giải quyết những vấn đề cấp thiết đối với phụ nữ và "
      "trẻ em"),
      ("Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số "
      "và miền núi giai đoạn 2021-2030")]),
    ("subproject-deferred-title", ('triển khai thực hiện tiểu dự án 2 của Dự án 9 thuộc Chương '
     'trình mục tiêu quốc gia xây dựng nông thôn mới giai đoạn 2021-2025 về “Giảm thiểu tình '
     'trạng tảo hôn” trên địa bàn tỉnh;'),
     ["Tiểu dự án 2 của Dự án 9: Giảm thiểu tình trạng tảo hôn",
      "Chương trình mục tiêu quốc gia xây dựng nông thôn mới giai đoạn 2021-2025"]),
    ("action-programme", ("hoàn thành các mục tiêu đề ra trong Chương trình hành động thực hiện "
     "Chiến lược quốc gia về bình đẳng giới giai đoạn 2011-2020;"),
     [("Chương trình hành động thực hiện Chiến lược quốc gia về bình đẳng giới giai đoạn "
      "2011-2020")]),
    ("implementing-plan-cites-what-it-implements", ("Ủy ban nhân dân tỉnh ban hành Kế hoạch triển "
     "khai thực hiện Chiến lược quốc gia về bình đẳng giới giai đoạn 2021-2030 trên địa bàn tỉnh."),
     ["Chiến lược quốc gia về bình đẳng giới giai đoạn 2021-2030"]),
    ("national-plan", ("Kế hoạch Hành động quốc gia thực hiện Chương trình nghị sự 2030 vì sự phát "
     "triển bền vững;"),
     [("Kế hoạch Hành động quốc gia thực hiện Chương trình nghị sự 2030 vì sự phát triển bền "
      "vững")]),
    ("bare-programme", ("- Xây dựng và triển khai Chương trình phòng ngừa và ứng phó với bạo lực "
     "trên cơ sở giới; truyền thông nâng cao nhận thức."),
     ["Chương trình phòng ngừa và ứng phó với bạo lực trên cơ sở giới"]),
    ("law-with-date", "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
     ["Luật Tổ chức chính quyền địa phương"]),
    ("amending-law", ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Quy hoạch ngày "
     "20/11/2018;"),
     ["Luật sửa đổi, bổ sung một số điều của Luật Quy hoạch"]),
    ("programme-list", ("các Chương trình mục tiêu quốc gia giai đoạn 2021-2025, gồm: Chương trình "
     "mục tiêu quốc gia về giảm nghèo bền vững, Chương trình mục tiêu quốc gia xây dựng nông thôn "
     "mới;"),
     ["Chương trình mục tiêu quốc gia về giảm nghèo bền vững",
      "Chương trình mục tiêu quốc gia xây dựng nông thôn mới"]),
]


@pytest.mark.parametrize("text,names", [r[1:] for r in NAMED], ids=[r[0] for r in NAMED])
def test_named(build_text, text, names):
    doc = _doc(build_text, text)
    got = [c.name for c in doc.citations if c.number is None and c.refers_to is None]
    assert got == names


def test_law_date(build_text):
    doc = _doc(build_text, "Căn cứ Luật Quy hoạch ngày 24 tháng 11 năm 2017;")
    c = _by_key(doc, "law:luật quy hoạch")
    assert c.date == "2017-11-24" and c.type == "law"


NOT_CITATIONS = [
    ("plural", "Phối hợp triển khai các Kế hoạch của UBND tỉnh và các Luật, Chiến lược liên quan."),
    ("this-plan", ("Căn cứ nội dung tại Kế hoạch này, các đơn vị triển khai; Quyết định này có "
     "hiệu lực.")),
    ("work-programme", "Ban hành Chương trình công tác năm 2024 của Ban."),
    ("kind-of-programme", ("lồng ghép trong các kế hoạch thuộc Chương trình mục tiêu quốc gia giai "
     "đoạn 2021-2025 của UBND tỉnh.")),
    ("working-rules", "đảm bảo thực hiện tốt các quy định trong Quy chế làm việc của Ban."),
    ("plan-to-be-made", ("Chủ trì, tham mưu ban hành Kế hoạch thực hiện Tháng hành động vì bình đẳng "
     "giới năm 2024.")),
    ("agenda", "hướng tới Chương trình nghị sự 2030."),
    ("proper-name", "kết nối cộng đồng Dân Luật Việt Nam."),
    ("short-generic-programme", ("lồng ghép các mục tiêu của Chương trình vào kế hoạch phát triển "
     "kinh tế - xã hội 5 năm.")),
    ("own-header", "Số: 45/KH-UBND"),
    ("own-attached", "(Kèm theo Quyết định số 15/QĐ-UBND ngày 25 tháng 3 năm 2019 của UBND tỉnh)"),
    ("dates-are-not-numbers", "từ ngày 15/11/2024 đến ngày 15/12/2024, nhiệm kỳ 2021-2026"),
]


@pytest.mark.parametrize("text", [r[1] for r in NOT_CITATIONS], ids=[r[0] for r in NOT_CITATIONS])
def test_not_citations(build_text, text):
    assert _doc(build_text, text).citations == ()


def test_approved_content_is_not_cited_again(build_text):
    doc = _doc(build_text, "Triển khai Quyết định số 2299/QĐ-TTg ngày 31/12/2020 của Thủ tướng "
               "Chính phủ phê duyệt Chương trình “Tăng cường sự tham gia bình đẳng của phụ nữ giai "
               "đoạn 2021-2030”.")
    assert [c.key for c in doc.citations] == ["2299/QĐ-TTg"]


def test_repeated_number_refers_to_full_mention(build_text):
    doc = _doc(build_text, "Thực hiện Nghị quyết số 28/NQ-CP ngày 03/3/2021 của Chính phủ.\n\n"
               "Báo cáo chỉ tiêu 1 tại Nghị quyết số 28/NQ-CP.")
    full, short = doc.citations
    assert short.key == full.key == "28/NQ-CP"
    assert short.refers_to == 0 and full.refers_to is None
    assert short.date == "2021-03-03"


def test_back_reference(build_text):
    doc = _doc(build_text, "Thực hiện Quyết định số 345/QĐ-UBND ngày 02/5/2023 của UBND tỉnh.\n\n"
               "Các đơn vị triển khai Quyết định nêu trên.")
    full, back = doc.citations
    assert back.key == full.key == "345/QĐ-UBND"
    assert back.refers_to == 0 and back.text == "Quyết định nêu trên"


def test_misprinted_party_number(build_text):
    doc = _doc(build_text, "Thực hiện Nghị quyết số 26-NQ/TW ngày 29/5/2018 của Ban Chấp hành "
               "Trung ương.\n\nnhằm thực hiện thành công Nghị quyết số 26/NQ-TW ngày các cấp.")
    full, misprint = doc.citations
    assert misprint.key == full.key == "26-NQ/TW" and misprint.key_alt == ("26/NQ-TW",)
    assert misprint.refers_to == 0


def test_name_without_period_refers_to_full_name(build_text):
    doc = _doc(build_text, "Thực hiện Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội "
               "vùng đồng bào dân tộc thiểu số và miền núi giai đoạn 2021-2030.\n\n"
               "Triển khai Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng "
               "bào dân tộc thiểu số và miền núi giai đoạn I, từ năm 2021-2025.")
    full, later = doc.citations
    assert later.refers_to == 0 and later.key == full.key and later.name == full.name


def test_spelling_variant_is_the_same_instrument(build_text):
    doc = _doc(build_text, "tiếp tục triển khai Đề án thực hiện biện pháp đảm bảo bình đẳng giới "
               "đối với nữ cán bộ, công chức giai đoạn 2016 - 2020.\n\n"
               "gồm Đề án thực hiện biện pháp bảo đảm bình đẳng giới đối với nữ cán bộ, công chức "
               "giai đoạn 2016 - 2020.")
    assert len({c.key for c in doc.citations}) == 1


def test_different_periods_are_different_instruments(build_text):
    doc = _doc(build_text, "Chiến lược quốc gia về bình đẳng giới giai đoạn 2011-2020.\n\n"
               "Chiến lược quốc gia về bình đẳng giới giai đoạn 2021-2030.")
    assert len({c.key for c in doc.citations}) == 2


def test_citation_in_a_table(build_text):
    doc = _doc(build_text, "| STT | Nội dung | Chủ trì |\n|---|---|---|\n"
               "| 1 | Triển khai Kế hoạch số 45/KH-UBND ngày 02/3/2024 của UBND tỉnh | Sở Y tế |")
    c = _by_key(doc, "45/KH-UBND")
    assert c.date == "2024-03-02" and c.issuer == "UBND tỉnh"


def test_siblings_end_each_other(build_text):
    doc = _doc(build_text, "Thực hiện Quyết định số 11/QĐ-UBND ngày 30/7/2021 của Chủ tịch UBND "
               "tỉnh về việc kiện toàn Ban, Quyết định số 12/QĐ-UBND ngày 15/9/2021 của UBND tỉnh "
               "về việc ban hành Quy chế;")
    a, b = doc.citations
    assert a.subject == "về việc kiện toàn Ban" and b.date == "2021-09-15"
    assert a.span[1] <= b.span[0]


def test_spans_point_at_their_text(build_text):
    doc = _doc(build_text, "Căn cứ Luật Bình đẳng giới ngày 29/11/2006; Quyết định số 1/QĐ-UBND "
               "ngày 2/1/2024 của UBND tỉnh.")
    assert doc.citations
    for c in doc.citations:
        assert doc.text[c.span[0]:c.span[1]] == c.text


def test_same_number_other_date_is_another_instrument(build_text):
    doc = build_text(
        "Số: 12/KH-UBND\n\nĐắk Nông, ngày 2 tháng 3 năm 2024\n\nKẾ HOẠCH\n\nCông tác năm 2024\n\n"
        "Căn cứ Kế hoạch số 178/KH-UBND ngày 20/3/2023 của UBND tỉnh Đắk Nông về bình đẳng giới;\n\n"
        "Căn cứ Kế hoạch số 178/KH-UBND ngày 05/6/2022 của UBND tỉnh Gia Lai về bình đẳng giới;\n\n"
        "Tiếp tục thực hiện Kế hoạch số 178/KH-UBND nêu trên.\n")
    cites = [c for c in doc.citations if c.number == "178/KH-UBND"]
    assert len(cites) == 3
    assert cites[0].refers_to is None and cites[1].refers_to is None
    assert cites[0].instrument_id == "178/KH-UBND@2023@Đắk Nông"
    assert cites[1].instrument_id == "178/KH-UBND@2022@Gia Lai"
    assert cites[2].refers_to is not None


def test_locality_in_instrument_id_is_canonical(build_text):
    doc = build_text("Căn cứ Kế hoạch số 1432/KH-UBND ngày 10/01/2025 của UBND tỉnh Khánh Hoà về "
                     "thực hiện công tác bình đẳng giới năm 2025;\n")
    assert doc.citations[0].instrument_id == "1432/KH-UBND@2025@Khánh Hòa"


@pytest.mark.parametrize("text", [
    "Căn cứ Quyết định số 12/QĐ-UBND; thực hiện Kế hoạch số 5/KH-UBND và Chỉ thị 3",
    "QUYẾT ĐỊNH Ban hành Chương trình; kế toán, Nghị quyết, nghịch lý, quy trình, Quy định",
    "Kế hoạch" * 90 + " Kế hoạch thực hiện Đề án, Luật Bình đẳng giới, Tờ trình, Bộ luật",
    "Thông tư" + " " * 500 + "Thông tư liên tịch số 1/TTLT",
])
def test_type_words_swept_by_openings_match_the_pattern(text):
    """The sweep by first syllables finds exactly what the pattern finds, whole and in windows."""
    rx = rules().type_rx
    assert [m.span() for m in rx.finditer(text)] == [m.span() for m in rx.pattern.finditer(text)]
    assert [m.span() for m in rx.finditer(text, 3, len(text) - 2)] == \
        [m.span() for m in rx.pattern.finditer(text, 3, len(text) - 2)]
