"""Unit names: canonical forms, recognition, list splitting (extractors.units)."""

from __future__ import annotations

import pytest

from models.load import gazetteer
from extractors.units import canonical, find_units, split_units, unit_type, units_at

CANONICAL = [
    ("UBND tỉnh", "Ủy ban nhân dân tỉnh", "ubnd"),
    ("HĐND huyện", "Hội đồng nhân dân huyện", "hdnd"),
    ("Sở LĐTBXH", "Sở Lao động - Thương binh và Xã hội", "ldtbxh"),
    ("Sở LĐ-TB&XH", "Sở Lao động - Thương binh và Xã hội", "ld-tb&xh"),
    ("Sở LĐ - TB và XH", "Sở Lao động - Thương binh và Xã hội", "ld-tb-va-xh"),
    ("Sở Lao động– Thương binh  và Xã hội", "Sở Lao động - Thương binh và Xã hội", "dash-spaces"),
    ("Ban VSTBCPN tỉnh", "Ban Vì sự tiến bộ của phụ nữ tỉnh", "vstbcpn"),
    ("Ban VSTBPN huyện", "Ban Vì sự tiến bộ của phụ nữ huyện", "vstbpn"),
    ("Ban VSTBPNVN tỉnh", "Ban Vì sự tiến bộ của phụ nữ tỉnh", "vstbpnvn-local"),
    ("Ban VSTB của phụ nữ tỉnh", "Ban Vì sự tiến bộ của phụ nữ tỉnh", "vstb-cua-phu-nu"),
    ("Ban vì sự tiến bộ phụ nữ xã", "Ban Vì sự tiến bộ của phụ nữ xã", "missing-cua"),
    ("UBQG VSTBPNVN", "Ủy ban Quốc gia Vì sự tiến bộ của phụ nữ Việt Nam", "national-committee"),
    ("Ủy ban MTTQ Việt Nam tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "mttq-vn"),
    ("Ủy ban MTTQ tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "mttq"),
    ("Hội LHPN tỉnh", "Hội Liên hiệp Phụ nữ tỉnh", "lhpn"),
    ("Phòng VHXH", "Phòng Văn hóa - Xã hội", "vhxh"),
    ("Công chức VHXXH", "Công chức Văn hóa - Xã hội", "doubled-letter-typo"),
    ("Sở TT&TT", "Sở Thông tin và Truyền thông", "tt&tt"),
    ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư", "kh&dt"),
    ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo", "gd&dt"),
    ("Sở VH,TT&DL", "Sở Văn hóa, Thể thao và Du lịch", "vh,tt&dl"),
    ("VP UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh", "vp-ubnd"),
    ("Uỷ ban nhân dân tỉnh Khánh Hoà", "Ủy ban nhân dân tỉnh Khánh Hòa", "old-tones"),
    ("Sở Kế hoạch và Đầu tư", "Sở Kế hoạch và Đầu tư", "hoach-untouched"),
    ("  Sở Y tế;", "Sở Y tế", "edges"),
]


@pytest.mark.parametrize(
    ("printed", "expected"), [c[:2] for c in CANONICAL], ids=[c[2] for c in CANONICAL]
)
def test_canonical(printed, expected):
    assert canonical(printed) == expected


def test_canonical_is_idempotent():
    for printed, expected, _ in CANONICAL:
        assert canonical(expected) == expected, printed


FIND = [
    (
        "Sở Tài chính, Sở Y tế và Công an tỉnh",
        ["Sở Tài chính", "Sở Y tế", "Công an tỉnh"],
        "list-of-three",
    ),
    (
        "Đề nghị các Sở, ban, ngành, đoàn thể tỉnh, UBND huyện, thành phố thực hiện",
        ["các Sở, ban, ngành, đoàn thể tỉnh", "Ủy ban nhân dân huyện, thành phố"],
        "collective-kept",
    ),
    (
        "Các thành viên Ban VSTBCPN xã tổ chức",
        ["Các thành viên Ban Vì sự tiến bộ của phụ nữ xã"],
        "members-of",
    ),
    ("Phó Trưởng ban", ["Phó Trưởng ban"], "role"),
    (
        "Thủ trưởng các cơ quan liên quan chịu trách nhiệm",
        ["Thủ trưởng các cơ quan liên quan"],
        "role-of-collective",
    ),
    (
        "các tổ chức thành viên của Ủy ban MTTQ tỉnh",
        ["các tổ chức thành viên của Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"],
        "member-of-link",
    ),
    (
        "VP UBND tỉnh - phòng Dân tộc thuộc UBND tỉnh, Hội LHPN tỉnh",
        [
            "Văn phòng Ủy ban nhân dân tỉnh - phòng Dân tộc thuộc Ủy ban nhân dân tỉnh",
            "Hội Liên hiệp Phụ nữ tỉnh",
        ],
        "dash-compound",
    ),
    (
        "Công chức Văn hóa - Xã hội - Thường trực Ban VSTBCPN xã",
        ["Công chức Văn hóa - Xã hội - Thường trực Ban Vì sự tiến bộ của phụ nữ xã"],
        "named-role",
    ),
    (
        "Các đồng chí Trưởng Ban VSTBPN các đơn vị được kiểm tra chủ động",
        ["Các đồng chí Trưởng Ban Vì sự tiến bộ của phụ nữ các đơn vị được kiểm tra"],
        "comrades-heads",
    ),
    (
        "Ban VSTBPN tỉnh, Ban VSTBPN các sở, ban, ngành, huyện, thị xã",
        [
            "Ban Vì sự tiến bộ của phụ nữ tỉnh",
            "Ban Vì sự tiến bộ của phụ nữ các sở, ban, ngành, huyện, thị xã",
        ],
        "committees-split",
    ),
    (
        "Chánh Văn phòng Bộ, Vụ trưởng Vụ Kế hoạch - Tài chính",
        ["Chánh Văn phòng Bộ", "Vụ trưởng Vụ Kế hoạch - Tài chính"],
        "ministry-roles",
    ),
    ("Sở Khoa học và Công Nghệ", ["Sở Khoa học và Công nghệ"], "gazetteer-spelling"),
    # a party committee ends the name: "Tỉnh ủy" is no locality word and its place
    (
        "Đề nghị Ban Tuyên giáo và Dân vận Tỉnh ủy, Văn phòng Huyện ủy phối hợp",
        ["Ban Tuyên giáo và Dân vận Tỉnh ủy", "Văn phòng Huyện ủy"],
        "party-committees",
    ),
    ("Ủy ban nhân dân tỉnh, Sở Y tế tỉnh thực hiện", ["Ủy ban nhân dân tỉnh", "Sở Y tế tỉnh"],
     "locality-still-a-locality"),
    # a body of the gazetteer followed by its province's name, no locality word
    ("Đài Phát thanh và Truyền hình Thanh Hóa; Báo và Phát thanh, Truyền hình Cần Thơ đưa tin",
     ["Đài Phát thanh và Truyền hình Thanh Hóa", "Báo và Phát thanh, Truyền hình Cần Thơ"],
     "gazetteer-body-and-province"),
    # a gazetteer body printed without its commas and "và": the gazetteer's spelling
    ("Sở Văn hóa Thể thao du lịch tỉnh, Sở Kế hoạch Đầu tư chủ trì",
     ["Sở Văn hóa, Thể thao và Du lịch tỉnh", "Sở Kế hoạch và Đầu tư"], "gazetteer-loose"),
    ("Hội đồng Thi đua - Khen thưởng tỉnh, Hội đồng Quản lý Quỹ thực hiện",
     ["Hội đồng Thi đua - Khen thưởng tỉnh", "Hội đồng Quản lý Quỹ"], "councils"),
    # a body's own list of places ends where a new determiner opens another unit
    ("Chủ tịch UBND các xã, phường và các tổ chức, cá nhân có liên quan chịu trách nhiệm",
     ["Chủ tịch Ủy ban nhân dân các xã, phường", "các tổ chức, cá nhân có liên quan"],
     "owned-places-then-collective"),
    ("UBND các xã, phường, các cơ quan liên quan thực hiện",
     ["Ủy ban nhân dân các xã, phường", "các cơ quan liên quan"], "owned-places-comma"),
    # ... but a place after the determiner goes on with the body's list
    ("Ban VSTBPN các sở, ngành và các huyện triển khai",
     ["Ban Vì sự tiến bộ của phụ nữ các sở, ngành và các huyện"], "owned-list-then-places"),
    # a collective of its own goes on across "và các"
    ("Các sở, ban, ngành và các tổ chức chính trị - xã hội thực hiện",
     ["Các sở, ban, ngành và các tổ chức chính trị - xã hội"], "collective-goes-on"),
    # the kind said in lower case before the name; the verb after the name is no part of it
    ("Chủ tịch Hội đồng quản lý Quỹ bổ nhiệm Phó Giám đốc Quỹ",
     ["Chủ tịch Hội đồng quản lý Quỹ", "Phó Giám đốc Quỹ"], "lower-case-kind"),
    ("Ban chỉ đạo Quốc gia, Ban Quản lý khu Kinh tế tỉnh",
     ["Ban Chỉ đạo Quốc gia", "Ban Quản lý khu Kinh tế tỉnh"], "lower-kind-and-proper-name"),
    ("Hội đồng quản lý trong đơn vị sự nghiệp", [], "lower-kind-without-name"),
    # the press: "thông tin", "truyền thông" are verbs too, but not after "cơ quan"
    ("Các cơ quan thông tin, truyền thông của tỉnh: xây dựng kế hoạch",
     ["Các cơ quan thông tin, truyền thông của tỉnh"], "press-collective"),
    ("Các cơ quan báo chí, Đài Phát thanh và Truyền hình tỉnh tuyên truyền",
     ["Các cơ quan báo chí", "Đài Phát thanh và Truyền hình tỉnh"], "press-and-broadcaster"),
    ("Các cơ quan, đơn vị thông tin kịp thời", ["Các cơ quan, đơn vị"], "thong-tin-a-verb"),
    # counterexamples: no unit
    ("Tổ chức tập huấn cho cán bộ nữ", [], "no-unit-verb-start"),
    ("Hội nghị; Hội thảo; Tập huấn", [], "hoi-nghi-is-no-body"),
    ("Triển khai tại địa phương", [], "bare-locality-in-prose"),
]


@pytest.mark.parametrize(("text", "names"), [c[:2] for c in FIND], ids=[c[2] for c in FIND])
def test_find_units(text, names):
    assert [u.name for u in find_units(text)] == names


def test_spans_point_at_the_printed_names():
    text = "Phối hợp với Sở LĐ-TB&XH, Hội LHPN tỉnh"
    for u in find_units(text):
        assert text[u.start : u.end] == u.text


CELLS = [
    ("Sở, ban, ngành có liên quan", ("Sở, ban, ngành có liên quan",), "bare-collective"),
    ("Sở Tài chính / Các sở, ngành", ("Sở Tài chính", "Các sở, ngành"), "cell-line-break"),
    ("Viện, Trường; Doanh nghiệp", ("Viện, Trường", "Doanh nghiệp"), "semicolons"),
    (
        "Ban VSTBCPN tỉnh; / Ban VSTBPN các sở, ban, ngành",
        ("Ban Vì sự tiến bộ của phụ nữ tỉnh", "Ban Vì sự tiến bộ của phụ nữ các sở, ban, ngành"),
        "two-committees",
    ),
]


@pytest.mark.parametrize(("cell", "names"), [c[:2] for c in CELLS], ids=[c[2] for c in CELLS])
def test_split_units(cell, names):
    assert split_units(cell) == names


SUBJECTS = [
    (
        "Sở Kế hoạch và Đầu tư chủ trì phối hợp với Sở Tài chính",
        ["Sở Kế hoạch và Đầu tư"],
        True,
        "lead-then-chu-tri",
    ),
    ("Các đơn vị chức năng tiến hành rà soát", ["Các đơn vị chức năng"], True, "collective"),
    (
        "Các cơ quan, đơn vị được giao nhiệm vụ thống kê có trách nhiệm",
        ["Các cơ quan, đơn vị"],
        True,
        "passive-clause",
    ),
    ("Ủy ban nhân dân tỉnh Đắk Nông", ["Ủy ban nhân dân tỉnh Đắk Nông"], False, "no-predicate"),
    (
        "Thủ trưởng các Sở, ngành, cơ quan thuộc tỉnh; Chủ tịch UBND các xã chịu trách nhiệm",
        ["Thủ trưởng các Sở, ngành, cơ quan thuộc tỉnh", "Chủ tịch Ủy ban nhân dân các xã"],
        True,
        "belonging-to-a-level",  # "thuộc tỉnh": a link to a level, not to a named body
    ),
    ("Các đơn vị trực thuộc huyện thực hiện", ["Các đơn vị trực thuộc huyện"], True,
     "directly-under-a-level"),
    (
        "Chánh Văn phòng UBND tỉnh, Giám đốc các Sở: Văn hóa, Thể thao và Du lịch, Tài chính; "
        "Thủ trưởng các cơ quan liên quan chịu trách nhiệm thi hành",
        ["Chánh Văn phòng Ủy ban nhân dân tỉnh", "Giám đốc Sở Văn hóa, Thể thao và Du lịch",
         "Giám đốc Sở Tài chính", "Thủ trưởng các cơ quan liên quan"],
        True,
        "shared-head-after-colon",  # "các Sở: A, B" is "Sở A, Sở B"
    ),
    (
        "Giám đốc Sở Y tế; Chủ tịch UBND các xã thuộc vùng đồng bào dân tộc thiểu số; Thủ trưởng "
        "các đơn vị liên quan, chịu trách nhiệm thi hành",
        ["Giám đốc Sở Y tế", "Chủ tịch Ủy ban nhân dân các xã thuộc vùng đồng bào dân tộc thiểu số",
         "Thủ trưởng các đơn vị liên quan"],
        True,
        "semicolon-items-described-comma-before-predicate",
    ),
    ("Lãnh đạo, chỉ đạo tổ chức thực hiện", ["Lãnh đạo"], False, "one-unit-comma-then-verb"),
    ("UBND các xã, phường và cơ quan, tổ chức có liên quan thực hiện",
     ["Ủy ban nhân dân các xã, phường", "cơ quan, tổ chức có liên quan"], True,
     "places-of-a-body-then-other-nouns"),
    ("Ban VSTBCPN các sở, ban, ngành và các địa phương thực hiện",
     ["Ban Vì sự tiến bộ của phụ nữ các sở, ban, ngành và các địa phương"], True,
     "bodies-of-a-body-stay-whole"),
    ("Sở Y tế và tổ chức tập huấn", ["Sở Y tế"], False, "a-verb-is-no-bare-item"),
    ("Ban Kiểm soát Quỹ do Chủ tịch Hội đồng quản lý Quỹ thành lập", ["Ban Kiểm soát Quỹ"],
     True, "a-name-stops-at-a-function-word"),
]


@pytest.mark.parametrize(
    ("text", "names", "predicate"), [c[:3] for c in SUBJECTS], ids=[c[3] for c in SUBJECTS]
)
def test_units_at_sentence_start(text, names, predicate):
    got = units_at(text)
    assert got is not None
    assert [u.name for u in got.units] == names
    assert got.predicate is predicate


TYPES = [
    ("Công an tỉnh", "police", "police"),
    ("Sở Lao động - Thương binh và Xã hội", "department", "labour and social affairs"),
    ("Sở Nội vụ", "department", "home affairs"),
    ("Hội Liên hiệp Phụ nữ tỉnh", "mass organisation", "women"),
    ("Tỉnh ủy", "party body", "party"),
]


@pytest.mark.parametrize(("name", "kind", "sector"), TYPES, ids=[t[0] for t in TYPES])
def test_unit_type_and_sector(name, kind, sector):
    assert unit_type(name) == (kind, sector)


ALLOWED_TYPES = {
    "department",
    "people's committee",
    "people's council",
    "party body",
    "mass organisation",
    "police",
    "military",
    "office",
    "role",
    "collective",
    "ministry",
    "committee",
    "agency",
    "court",
    "media",
}


def test_gazetteer_rows_are_well_formed():
    names = set()
    for row in gazetteer("units"):
        assert row["unit_type"] in ALLOWED_TYPES, row
        assert row["sector"], row
        assert canonical(row["name"]) == row["name"], row
        assert row["name"] not in names, row
        names.add(row["name"])


def test_abbreviations_expand_to_canonical_spelling():
    for row in gazetteer("abbreviations"):
        assert canonical(row["expansion"]) == row["expansion"], row
