"""Assignments from prose (extractors.assignments): which paragraphs are tasks, who leads, who
supports. Each case is a small document built through the whole pipeline."""

from __future__ import annotations

import pytest

from extractors.assignments import _execution, _sentences, _targets, _unit_title
from pipeline.run import build

HEAD = "KẾ HOẠCH\n\nThực hiện công tác năm 2025\n\n"


def _doc(tmp_path, body):
    p = tmp_path / "doc.txt"
    p.write_text(HEAD + body, encoding="utf-8")
    return build(p)


def _prose(doc):
    return [(a.task, a.lead, a.support) for a in doc.assignments if a.origin == "prose"]


UNDER_HEADING = """I. MỤC ĐÍCH, YÊU CẦU

Triển khai đồng bộ các hoạt động.

II. TỔ CHỨC THỰC HIỆN

1. Sở Y tế

- Chủ trì, phối hợp với Sở Tài chính, Sở Nội vụ tổ chức tập huấn cho cán bộ.

- Theo dõi, tổng hợp kết quả thực hiện.

2. Sở Tư pháp: Chủ trì thẩm định văn bản quy phạm pháp luật.

3. Đề nghị Ủy ban MTTQ tỉnh, Hội LHPN tỉnh tham gia giám sát việc thực hiện.
"""


def test_bullets_under_a_unit_heading(tmp_path):
    got = _prose(_doc(tmp_path, UNDER_HEADING))
    assert got == [
        (
            "Chủ trì, phối hợp với Sở Tài chính, Sở Nội vụ tổ chức tập huấn cho cán bộ.",
            ("Sở Y tế",),
            ("Sở Tài chính", "Sở Nội vụ"),
        ),
        ("Theo dõi, tổng hợp kết quả thực hiện.", ("Sở Y tế",), ()),
        ("Sở Tư pháp: Chủ trì thẩm định văn bản quy phạm pháp luật.", ("Sở Tư pháp",), ()),
        (
            "Đề nghị Ủy ban MTTQ tỉnh, Hội LHPN tỉnh tham gia giám sát việc thực hiện.",
            ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Hội Liên hiệp Phụ nữ tỉnh"),
            (),
        ),
    ]



REQUEST_HEADING = """II. TỔ CHỨC THỰC HIỆN

1. Sở Y tế

Chủ trì tổ chức tập huấn cho cán bộ.

2. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh

a) Chỉ đạo các tổ chức thành viên tăng cường công tác truyền thông.

b) Phối hợp với Sở Y tế giám sát việc thực hiện.

3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh tham gia giám sát việc thực hiện.
"""


def test_request_heading_leads_its_points(tmp_path):
    """ "Đề nghị X" as a heading of its own: X leads the points below it; the heading is no
    task. A request that runs on into its task is one task, as before."""
    mttq = ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",)
    assert _prose(_doc(tmp_path, REQUEST_HEADING)) == [
        ("Chủ trì tổ chức tập huấn cho cán bộ.", ("Sở Y tế",), ()),
        ("Chỉ đạo các tổ chức thành viên tăng cường công tác truyền thông.", mttq, ()),
        ("Phối hợp với Sở Y tế giám sát việc thực hiện.", mttq, ("Sở Y tế",)),
        ("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh tham gia giám sát việc thực hiện.",
         mttq, ()),
    ]


UNIT_TITLES = [
    ("Sở Lao động - Thương binh và Xã hội", ("Sở Lao động - Thương binh và Xã hội",), "named"),
    ("Các doanh nghiệp công nghệ số", ("Các doanh nghiệp công nghệ số",), "described"),
    ("Trung tâm Xúc tiến đầu tư, thương mại và du lịch",
     ("Trung tâm Xúc tiến đầu tư, thương mại và du lịch",), "described-after-comma"),
    ("Các cơ sở nuôi trồng thủy sản:", ("Các cơ sở nuôi trồng thủy sản",), "label-colon"),
    ("Sở, ban, ngành thành phố và Ủy ban nhân dân xã, phường",
     ("Sở, ban, ngành thành phố", "Ủy ban nhân dân xã, phường"), "generic-list-without-cac"),
    ("Ban Thường trực Ủy ban MTTQ xã",
     ("Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã",), "standing-board"),
    ("Đề nghị Hội LHPN tỉnh", ("Hội Liên hiệp Phụ nữ tỉnh",), "request"),
    ("Trách nhiệm của Sở Công Thương", ("Sở Công Thương",), "duties-of"),
    ("Nhiệm vụ của Tổ công tác", ("Tổ công tác",), "duties-of-a-team"),
    ("Trách nhiệm thi hành", None, "duty-without-unit"),
    ("Nhiệm vụ của Tổ tiếp công dân, xử lý khiếu nại, tố cáo, kiến nghị, phản ánh của công dân:",
     ("Tổ tiếp công dân, xử lý khiếu nại, tố cáo, kiến nghị, phản ánh của công dân",),
     "duties-of-a-long-name"),
    ("Trách nhiệm của Sở Y tế trong năm 2025", None, "duties-then-a-year"),
    # counter-examples: topics, tasks and part titles
    ("Doanh nghiệp số", None, "generic-noun-topic"),
    ("Cá nhân", None, "bare-generic-label"),
    ("Lãnh đạo", None, "topic-role"),
    ("Tăng cường phối hợp liên ngành", None, "no-unit"),
    ("Các Sở chủ trì thực hiện", None, "predicate"),
    ("Sở Tài chính: Chủ trì bố trí kinh phí", None, "run-on-task"),
    ("Hội đồng quản lý Quỹ có các nhiệm vụ và quyền hạn sau đây", None, "has-duties"),
    ("ĐOÀN KIỂM TRA, ĐƠN VỊ ĐƯỢC KIỂM TRA", None, "all-caps-part-title"),
    ("Các đơn vị tổ chức hội nghị năm 2025", None, "description-with-digits"),
]


@pytest.mark.parametrize(
    ("title", "units"), [c[:2] for c in UNIT_TITLES], ids=[c[2] for c in UNIT_TITLES]
)
def test_unit_title(title, units):
    """A heading that names who acts: units, possibly described by a few words."""
    assert _unit_title(title) == units


def test_unit_title_undescribed_outside_tasks_and_implementation():
    """Outside the parts that assign tasks a heading is a unit only as named: "Các cơ quan, đơn
    vị cấp tỉnh có liên quan đến công tác bầu cử" heads a list of award quotas."""
    assert _unit_title("Các cơ quan, đơn vị cấp tỉnh có liên quan đến công tác bầu cử",
                       described=False) is None
    assert _unit_title("Sở, ban, ngành liên quan", described=False) is None
    assert _unit_title("Giám đốc Quỹ", described=False) == ("Giám đốc Quỹ",)

SUBJECTS = [
    ("- Yêu cầu các sở, ngành nghiêm túc triển khai thực hiện.", [("các sở, ngành",)], "require"),
    ("- Trong thời gian 02 ngày làm việc, Sở Tư pháp thẩm định hồ sơ.", [("Sở Tư pháp",)],
     "time-limit-first"),
    ("- Yêu cầu đặt ra là triển khai đồng bộ.", [], "requirement-noun"),
    ("- Sau khi thực hiện, Ủy ban nhân dân tỉnh có trách nhiệm báo cáo kết quả.",
     [("Ủy ban nhân dân tỉnh",)], "after-clause-first"),
    ("- Phó Giám đốc Sở Nội vụ do Chủ tịch Ủy ban nhân dân tỉnh bổ nhiệm.", [], "appointment"),
    ("- Sở Y tế đề nghị Thủ trưởng các đơn vị nghiêm túc thực hiện.",
     [("Thủ trưởng các đơn vị",)], "x-asks-y"),
    (
        "- Ban VSTBCPN xã tăng cường kiểm tra công tác bình đẳng giới.",
        [("Ban Vì sự tiến bộ của phụ nữ xã",)],
        "unit-subject",
    ),
    (
        "- Các đơn vị chức năng tiến hành rà soát đội ngũ cán bộ nữ.",
        [("Các đơn vị chức năng",)],
        "collective-subject",
    ),
    (
        "- Sở Tài chính chủ trì, phối hợp với Sở Xây dựng bố trí kinh phí.",
        [("Sở Tài chính",)],
        "chu-tri",
    ),
    (
        (
            "- Ban VSTBCPN tỉnh xây dựng kế hoạch kiểm tra. Đồng thời, các thành viên Ban VSTBCPN tỉnh "
            "chủ động lồng ghép kiểm tra."
        ),
        [
            ("Ban Vì sự tiến bộ của phụ nữ tỉnh",),
            ("các thành viên Ban Vì sự tiến bộ của phụ nữ tỉnh",),
        ],
        "second-sentence-own-subject",
    ),
    (
        "- Trên cơ sở chức năng, nhiệm vụ được giao, các cơ quan, đơn vị có trách nhiệm lập dự toán.",
        [("các cơ quan, đơn vị",)],
        "opener",
    ),
    # counterexamples: a unit that is not the subject, a contingency opener
    ("- Tiếp tục chỉ đạo Ban VSTBCPN xã triển khai thực hiện.", [], "unit-as-object"),
    ("- Phối hợp với các cơ quan, đơn vị tăng cường công tác kiểm tra.", [], "no-subject"),
    ("- Trong quá trình thực hiện, các đơn vị phản ánh về Sở Nội vụ.", [], "contingency"),
    ("- Lãnh đạo: Sở có Giám đốc và các Phó Giám đốc.", [], "topic-role-label"),
    ("- Thành viên: đại diện các sở, ngành.", [], "members-label"),
]


@pytest.mark.parametrize(
    ("bullet", "leads"), [c[:2] for c in SUBJECTS], ids=[c[2] for c in SUBJECTS]
)
def test_tasks_under_a_topic_heading_need_a_unit_subject(tmp_path, bullet, leads):
    body = f"I. NHIỆM VỤ\n\n1. Nâng cao hiệu quả công tác\n\n{bullet}\n"
    assert [lead for _, lead, _ in _prose(_doc(tmp_path, body))] == leads


def test_unit_heading_in_funding_assigns_nothing(tmp_path):
    body = (
        "I. KINH PHÍ THỰC HIỆN\n\n1. Sở Y tế\n\n"
        "Sử dụng nguồn kinh phí được bố trí trong dự toán hằng năm.\n"
    )
    assert _prose(_doc(tmp_path, body)) == []


def test_role_heading_with_run_on_body(tmp_path):
    body = "I. TỔ CHỨC THỰC HIỆN\n\n**1. Phó Trưởng ban** Chỉ đạo, theo dõi các thành viên.\n"
    got = _prose(_doc(tmp_path, body))
    assert len(got) == 1 and got[0][1] == ("Phó Trưởng ban",)


def test_decision_article(tmp_path):
    body = (
        "QUYẾT ĐỊNH:\n\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch công tác.\n\n"
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n\n"
        "Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Y tế và Thủ trưởng các cơ quan liên "
        "quan chịu trách nhiệm thi hành Quyết định này./.\n"
    )
    got = _prose(_doc(tmp_path, body))
    assert [lead for _, lead, _ in got] == [
        (
            "Chánh Văn phòng Ủy ban nhân dân tỉnh",
            "Giám đốc Sở Y tế",
            "Thủ trưởng các cơ quan liên quan",
        )
    ]


INTRODUCING_HEADINGS = """II. TỔ CHỨC THỰC HIỆN

1. Sở Y tế chỉ đạo Trung tâm Kiểm soát bệnh tật thực hiện các nội dung sau:

- Tổ chức tập huấn cho cán bộ y tế cơ sở.

- Báo cáo kết quả thực hiện.

2. Sở Tài chính chủ trì, phối hợp với Sở Nội vụ:

- Bố trí kinh phí thực hiện Kế hoạch.

3. Giao Sở Tư pháp thẩm định các văn bản, cụ thể:

- Văn bản của Sở Y tế.
"""


def test_heading_introducing_its_points(tmp_path):
    """A heading sentence that only introduces its points ("… thực hiện các nội dung sau:",
    "… chủ trì, phối hợp với Sở Nội vụ:") is no task: its units lead the points, its
    cooperating units support them. One that says a task of its own ("… thẩm định các văn
    bản, cụ thể:") stays a task."""
    assert _prose(_doc(tmp_path, INTRODUCING_HEADINGS)) == [
        ("Tổ chức tập huấn cho cán bộ y tế cơ sở.", ("Sở Y tế",), ()),
        ("Báo cáo kết quả thực hiện.", ("Sở Y tế",), ()),
        ("Bố trí kinh phí thực hiện Kế hoạch.", ("Sở Tài chính",), ("Sở Nội vụ",)),
        ("Giao Sở Tư pháp thẩm định các văn bản, cụ thể:", ("Sở Tư pháp",), ()),
    ]


def test_points_under_a_duties_heading(tmp_path):
    """Under "Trách nhiệm của các cơ quan, đơn vị" a point naming its own unit is that unit's;
    one without a subject is the heading's, and so is "Đề nghị …" (the unit's proposal)."""
    body = (
        "QUYẾT ĐỊNH:\n\nĐiều 1. Ban hành kèm theo Quyết định này Danh mục.\n\n"
        "Điều 2. Trách nhiệm của Sở Y tế\n\n1. Cung cấp đầy đủ nội dung thủ tục hành chính.\n\n"
        "2. Sở Tư pháp chịu trách nhiệm đăng tải công khai Danh mục.\n\n"
        "3. Đề nghị Chủ tịch Ủy ban nhân dân tỉnh bổ nhiệm cán bộ phụ trách.\n"
    )
    assert [(t, lead) for t, lead, _ in _prose(_doc(tmp_path, body))] == [
        ("Cung cấp đầy đủ nội dung thủ tục hành chính.", ("Sở Y tế",)),
        ("Sở Tư pháp chịu trách nhiệm đăng tải công khai Danh mục.", ("Sở Tư pháp",)),
        ("Đề nghị Chủ tịch Ủy ban nhân dân tỉnh bổ nhiệm cán bộ phụ trách.", ("Sở Y tế",)),
    ]


def test_paragraph_introducing_the_steps_below(tmp_path):
    """ "X thực hiện các công việc sau:" ends a paragraph: no task; X leads the steps of its
    section that name no unit of their own ("Bước 1."), a step naming one is that unit's."""
    body = ("II. TỔ CHỨC THỰC HIỆN\n\n1. Quy trình rà soát\n\nỦy ban nhân dân cấp xã thực hiện "
            "các công việc sau:\n\nBước 1. Tiếp nhận hồ sơ của hộ gia đình.\n\nBước 2. Trong vòng "
            "02 ngày làm việc, Phòng Văn hóa - Xã hội thẩm định hồ sơ.\n\nThời gian niêm yết:\n")
    assert [(t, lead) for t, lead, _ in _prose(_doc(tmp_path, body))] == [
        ("Tiếp nhận hồ sơ của hộ gia đình.", ("Ủy ban nhân dân cấp xã",)),
        ("Trong vòng 02 ngày làm việc, Phòng Văn hóa - Xã hội thẩm định hồ sơ.",
         ("Phòng Văn hóa - Xã hội",)),
    ]


def test_appointment_under_a_unit_heading_is_no_task(tmp_path):
    body = ("II. TỔ CHỨC THỰC HIỆN\n\n1. Giám đốc Quỹ\n\n- Giám đốc Quỹ do Hội đồng quản lý Quỹ "
            "bổ nhiệm.\n\n- Điều hành các hoạt động của Quỹ.\n")
    assert _prose(_doc(tmp_path, body)) == [
        ("Điều hành các hoạt động của Quỹ.", ("Giám đốc Quỹ",), ())]


def test_decision_article_giving_the_task(tmp_path):
    """ "Giao X chủ trì …": the issuer hands the task to X, who leads it."""
    body = (
        "QUYẾT ĐỊNH:\n\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch công tác.\n\n"
        "Điều 2. Giao Sở Công Thương chủ trì, phối hợp với Sở Tài chính triển khai Kế hoạch.\n\n"
        "Điều 3. Giao thông nông thôn được ưu tiên đầu tư.\n"
    )
    assert _prose(_doc(tmp_path, body)) == [
        ("Giao Sở Công Thương chủ trì, phối hợp với Sở Tài chính triển khai Kế hoạch.",
         ("Sở Công Thương",), ("Sở Tài chính",)),
    ]


EXECUTION = [
    ("Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực "
     "thuộc trung ương và Thủ trưởng các cơ quan có liên quan chịu trách nhiệm thi hành Quyết định "
     "này.",
     ("Bộ trưởng", "Thủ trưởng cơ quan ngang bộ",
      "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương",
      "Thủ trưởng các cơ quan có liên quan"), "roles-without-cac"),
    ("Các ông, bà: Chánh Văn phòng Bộ, Vụ trưởng Vụ Tổ chức cán bộ; Giám đốc Trung tâm Phục vụ hành "
     "chính công tỉnh và các tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này.",
     ("Chánh Văn phòng Bộ", "Vụ trưởng Vụ Tổ chức cán bộ",
      "Giám đốc Trung tâm Phục vụ hành chính công tỉnh", "các tổ chức, cá nhân có liên quan"),
     "addressed-and-long-names"),
    ("Chánh Văn phòng UBND tỉnh, Giám đốc Sở Văn hóa, Thể thao và Du lịch, Giám đốc Sở Kế hoạch và "
     "Đầu tư chịu trách nhiệm thi hành Quyết định này.",
     ("Chánh Văn phòng Ủy ban nhân dân tỉnh", "Giám đốc Sở Văn hóa, Thể thao và Du lịch",
      "Giám đốc Sở Kế hoạch và Đầu tư"), "names-with-commas-and-va"),
    ("Xây dựng, Ngoại giao, Tư pháp và Thủ trưởng các cơ quan liên quan chịu trách nhiệm thi hành "
     "Quyết định này.", None, "list-begun-before"),
]


@pytest.mark.parametrize(("text", "units"), [c[:2] for c in EXECUTION],
                         ids=[c[2] for c in EXECUTION])
def test_execution_article(text, units):
    """Every unit before "chịu trách nhiệm thi hành Quyết định này" answers for it."""
    got = _execution(text)
    assert (tuple(u.name for u in got.units) if got else None) == units


def test_attribute_lines_complete_the_task(tmp_path):
    body = (
        "I. NHIỆM VỤ\n\n1. Kiểm tra liên ngành\n\n"
        "Ban VSTBCPN tỉnh tổ chức kiểm tra hoạt động tại các huyện.\n\n"
        "- Nội dung kiểm tra: tình hình hoạt động của Ban.\n\n"
        "- Thời gian kiểm tra: Dự kiến vào tháng 5/2025.\n"
    )
    doc = _doc(tmp_path, body)
    prose = [a for a in doc.assignments if a.origin == "prose"]
    assert len(prose) == 1
    assert prose[0].lead == ("Ban Vì sự tiến bộ của phụ nữ tỉnh",)
    assert prose[0].due == "2025-05"


@pytest.mark.parametrize("when,due,dues", [
    ("(trước ngày 15/6/2025)", "2025-06-15", ("2025-06-15",)),
    # two reports, two deadlines: none is *the* deadline, both are kept
    ("6 tháng (trước ngày 05/6/2025) và báo cáo năm (trước ngày 05/12/2025)", None,
     ("2025-06-05", "2025-12-05")),
    ("(trước ngày 05/6/2025), bổ sung số liệu trước ngày 05/6/2025", "2025-06-05",
     ("2025-06-05",)),
    ("định kỳ", None, ()),
], ids=["one", "two", "the-same-twice", "none"])
def test_every_deadline_of_a_task(tmp_path, when, due, dues):
    body = f"I. TỔ CHỨC THỰC HIỆN\n\n1. Sở Y tế\n\n- Tổng hợp, gửi báo cáo {when} về Sở Nội vụ.\n"
    (task,) = [a for a in _doc(tmp_path, body).assignments if a.origin == "prose"]
    assert (task.due, task.dues) == (due, dues)


def test_task_block_with_lead_attribute(tmp_path):
    body = (
        "I. NHIỆM VỤ\n\n1. Xây dựng cơ sở dữ liệu về giới\n\n"
        "Xây dựng và cập nhật cơ sở dữ liệu thống kê về giới của tỉnh.\n\n"
        "- Đơn vị chủ trì: Sở Nội vụ.\n\n- Đơn vị phối hợp: Cục Thống kê tỉnh, Sở Y tế.\n\n"
        "- Kết quả: Cơ sở dữ liệu.\n"
    )
    prose = [a for a in _doc(tmp_path, body).assignments if a.origin == "prose"]
    assert [(a.lead, a.support, a.output) for a in prose] == [
        (("Sở Nội vụ",), ("Cục Thống kê tỉnh", "Sở Y tế"), "Cơ sở dữ liệu")
    ]


def test_closing_paragraph(tmp_path):
    body = (
        "I. TỔ CHỨC THỰC HIỆN\n\n1. Sở Y tế\n\n- Tổ chức tập huấn.\n\n"
        "Trên đây là Kế hoạch năm 2025. Các Sở, ban, ngành, địa phương tổ chức triển khai "
        "thực hiện; báo cáo kết quả (trước ngày 15/12/2025) về Sở Y tế.\n"
    )
    doc = _doc(tmp_path, body)
    last = [a for a in doc.assignments if a.origin == "prose"][-1]
    assert last.lead == ("Các Sở, ban, ngành, địa phương",)
    assert last.section == "closing"
    assert last.due == "2025-12-15"
    assert last.task.startswith("Các Sở, ban, ngành")


def test_lead_in_gives_its_support_to_the_bullets(tmp_path):
    body = (
        "I. TỔ CHỨC THỰC HIỆN\n\n1. Sở Công Thương\n\n"
        "a) Chủ trì, phối hợp với các sở, ngành, UBND các xã:\n\n"
        "- Tổ chức xúc tiến thương mại.\n\n- Hỗ trợ doanh nghiệp.\n"
    )
    got = _prose(_doc(tmp_path, body))
    assert [s for _, _, s in got] == [("các sở, ngành", "Ủy ban nhân dân các xã")] * 2


def test_cooperation_asked_of_someone_else_is_no_support(tmp_path):
    body = (
        "I. TỔ CHỨC THỰC HIỆN\n\n1. Công an tỉnh: Chủ trì phòng, chống mua bán người; "
        "chỉ đạo công an các cấp phối hợp với các cơ quan liên quan xử lý vi phạm.\n"
    )
    got = _prose(_doc(tmp_path, body))
    assert got[0][1:] == (("Công an tỉnh",), ())


def test_task_after_a_semicolon_of_a_closing_sentence(tmp_path):
    """ "Trên đây là kế hoạch …; các cơ quan, đơn vị nghiêm túc triển khai thực hiện": the clause
    with a subject and its verb is a task; a clause that only labels ("…; Chủ tịch UBND xã:") is
    none."""
    body = ("I. TỔ CHỨC THỰC HIỆN\n\n1. Khen thưởng\n\nGiấy khen của Thủ trưởng các cơ quan; "
            "Chủ tịch UBND xã: theo quy định.\n\nTrên đây là kế hoạch thi đua năm 2025; các cơ "
            "quan, đơn vị nghiêm túc triển khai thực hiện./.\n")
    assert _prose(_doc(tmp_path, body)) == [
        ("các cơ quan, đơn vị nghiêm túc triển khai thực hiện./.", ("các cơ quan, đơn vị",), ())]


def test_letter_body_after_its_addressees(tmp_path):
    """ "Kính gửi:" lists a letter's addressees, not its body: the request after them is a task.
    A line of a form to fill in is none."""
    p = tmp_path / "letter.txt"
    p.write_text("CÔNG VĂN\n\nKính gửi: Bộ trưởng\n\nBộ Công Thương\n\nXét đề nghị của Bộ Công "
                 "Thương tại Tờ trình số 8798/TTr-BCT ngày 07/11/2025, Phó Thủ tướng Chính phủ có ý "
                 "kiến như sau:\n\nBộ Công Thương chủ trì "
                 "phối hợp với các Bộ, cơ quan liên quan khẩn trương làm rõ các nội dung còn vướng "
                 "mắc trong tháng 11 năm 2025.\n\nỦy ban nhân dân ban hành Quyết định………………\n",
                 encoding="utf-8")
    assert [(a.lead, a.support) for a in build(p).assignments] == [
        (("Bộ Công Thương",), ("các Bộ, cơ quan liên quan",))]


def test_cooperation_later_in_the_task_is_its_support(tmp_path):
    """ "Phối hợp với …" anywhere in the task is its support (gold 000), once a full stop or a
    semicolon has ended a clause that asked something of someone else."""
    body = (
        "I. TỔ CHỨC THỰC HIỆN\n\n1. Sở Nội vụ\n\n- Chỉ đạo tổ chức kiểm tra theo đúng nội dung "
        "Kế hoạch. Phối hợp với các cơ quan có liên quan giải quyết kiến nghị.\n"
    )
    assert _prose(_doc(tmp_path, body))[0][1:] == (("Sở Nội vụ",), ("các cơ quan có liên quan",))


TARGETS = [
    (
        (
            "Chịu trách nhiệm báo cáo chỉ tiêu 1, 2 của mục tiêu 2; chỉ tiêu 3 của mục tiêu 5 tại "
            "Nghị quyết số 28/NQ-CP."
        ),
        [("28/NQ-CP", "2", "1"), ("28/NQ-CP", "2", "2"), ("28/NQ-CP", "5", "3")],
        "numbered",
    ),
    (
        "Chịu trách nhiệm các chỉ tiêu của mục tiêu 4 tại Nghị quyết số 28/NQ-CP.",
        [("28/NQ-CP", "4", None)],
        "all-of-a-goal",
    ),
    ("Lồng ghép các mục tiêu, chỉ tiêu về bình đẳng giới.", [], "no-indicator"),
]


@pytest.mark.parametrize(
    ("text", "expected"), [t[:2] for t in TARGETS], ids=[t[2] for t in TARGETS]
)
def test_targets(text, expected):
    assert [(t.instrument, t.goal, t.indicator) for t in _targets(text)] == expected


def test_spans_point_at_the_task(tmp_path):
    doc = _doc(tmp_path, UNDER_HEADING)
    for a in doc.assignments:
        assert " ".join(doc.text[a.span[0] : a.span[1]].split()) == a.task


@pytest.mark.parametrize("text,sentences", [
    ("Sở Y tế tổng hợp. Sở Tài chính bố trí kinh phí.",
     ["Sở Y tế tổng hợp.", "Sở Tài chính bố trí kinh phí."]),
    ("Gửi báo cáo! (Kèm theo biểu mẫu)", ["Gửi báo cáo!", "(Kèm theo biểu mẫu)"]),
    ("Hoàn thành trong năm… Các sở thực hiện", ["Hoàn thành trong năm…", "Các sở thực hiện"]),
    # the period of a short capital abbreviation or an initial ends no sentence
    ("Ban Thường vụ TT. Tỉnh ủy chỉ đạo.", ["Ban Thường vụ TT. Tỉnh ủy chỉ đạo."]),
    ("Đồng chí Q. Trưởng ban chủ trì.", ["Đồng chí Q. Trưởng ban chủ trì."]),
    ("Tổ chức tại TP. Hồ Chí Minh.", ["Tổ chức tại TP. Hồ Chí Minh."]),
    # counter-examples: a lower-case word after the period, a long word before it
    ("Tổ chức tập huấn. các đơn vị tham gia.", ["Tổ chức tập huấn. các đơn vị tham gia."]),
    ("Báo cáo THƯỜNG XUYÊN. Sở Nội vụ tổng hợp.", ["Báo cáo THƯỜNG XUYÊN.", "Sở Nội vụ tổng hợp."]),
    ("Sở Y tế thực hiện. ** \n", ["Sở Y tế thực hiện."]),
])
def test_sentences(text, sentences):
    assert [text[s:e] for s, e in _sentences(text, 0)] == sentences
    assert [(s + 7, e + 7) for s, e in _sentences(text, 0)] == _sentences(text, 7)
