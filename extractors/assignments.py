"""Assignments extractor: every task a document gives a responsible unit, from prose and tables.

``extract(doc)`` -> one :class:`~pipeline.records.Assignment` per task, in document order.

Prose (find → interpret → resolve, cues in ``models/patterns/assignments.yaml``):

- *under a unit heading* — "1. Sở Lao động - Thương binh và Xã hội" then bullets: each bullet or
  paragraph of the section (and of its subsections) is a task of that unit, unless it names a
  unit of its own; a heading whose body runs on ("3. Sở Tài chính: Chủ trì, …", "2. Phó Trưởng
  ban Chỉ đạo, …") is one too. A unit heading may be a request ("9. Đề nghị Ủy ban Mặt trận Tổ
  quốc Việt Nam tỉnh"), a body's duties ("Điều 2. Trách nhiệm của Sở Công Thương") or, in the
  task and implementation parts, describe its units ("Các doanh nghiệp công nghệ số"). Only in
  the task and implementation parts (a unit heading under "KINH PHÍ" assigns nothing);
- *an introducing sentence* — "Sở Nông nghiệp và Môi trường chỉ đạo Chi cục … thực hiện các nội
  dung sau:", "Ủy ban nhân dân cấp xã thực hiện các công việc sau:": no task; its units lead the
  points and steps ("Bước 1.") below it;
- *a sentence whose subject is a unit* — "Ban VSTBCPN Thị trấn tăng cường …", "Các đơn vị chức
  năng tiến hành …", "Giao Sở Công Thương chủ trì …", possibly after an opener ("Đồng thời, các
  thành viên Ban … chủ động …", "Trên cơ sở …, hàng năm, các cơ quan, đơn vị có trách nhiệm …",
  "Trong thời gian 02 ngày làm việc, …"); the sentences after it that have no subject of their
  own belong to the same task. Not a task: how a body is made ("Giám đốc Quỹ do Hội đồng quản lý
  Quỹ bổ nhiệm");
- *the execution article* — "Chánh Văn phòng …; Giám đốc các Sở: Nội vụ, Tài chính; … chịu
  trách nhiệm thi hành Quyết định này": every unit before the formula leads;
- *a request* — "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, Hội Liên hiệp Phụ nữ tỉnh …",
  "Yêu cầu các sở, ban, ngành …": the requested bodies lead;
- *attribute lines* after a task — "Đơn vị chủ trì: …", "Đơn vị phối hợp: …", "Thời gian hoàn
  thành: …", "Kết quả: …" — complete the task before them (or make the paragraph before them a
  task when it had no unit).

Support units are those after the task's first own "phối hợp với" (not the ones a task asks
someone else to work with in the same clause: "chỉ đạo lực lượng công an … phối hợp với …").
``due`` is the end of the one deadline inside the task text (none when there are several).
``targets`` are the indicators a unit answers for ("chỉ tiêu 1, 2 của mục tiêu 2 … tại Nghị quyết
số 28/NQ-CP").

Tables: :mod:`extractors.tables`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache

import regex

from extractors import tables
from models import load
from extractors.common import FILL_IN, due_of, dues_in, section_at
from extractors.units import (
    Unit,
    UnitList,
    canonical,
    fold,
    may_start_unit,
    opens_unit,
    predicate_at,
    split_units,
    units_at,
)
from pipeline.document import Block, Document
from pipeline.records import Assignment, Section, Target

# a sentence ends at . ! ? … before a capital, unless the period closes a short all-caps
# abbreviation ("TT. Tỉnh ủy") or a single letter ("Q. Trưởng"); group 1 is the spaces between
SENTENCE_END = regex.compile(r"[.!?…](?<![\s(]\p{Lu}{1,4}\.)(\s+)(?=[\p{Lu}\"“(])")
NAME_END = " :.;,"
SKIP_REGIONS = ("header", "signature", "trailer")
RECIPIENTS = regex.compile(r"^\W*(?:nơi\s+nhận|kính\s+gửi)\b", regex.IGNORECASE)
ADDRESSEES = regex.compile(r"^\W*kính\s+gửi\b", regex.IGNORECASE)
SHORT_HEADING = 60
_POINT = regex.compile(r"[\s:]*[a-zđ]\)\s+")
PARENTHETICAL_TAIL = regex.compile(r"^\s*\([^()]*\)")  # "(Trung tâm Phục vụ hành chính công)"
_PIECE = regex.compile(r"^[\s,]*|[,;]\s*")  # where each comma-separated piece starts
_NOT_A_NAME = regex.compile(r"[\d:;.()]")
_CLAUSE_BREAK = regex.compile(r";\s+")
# the pieces of an execution article's list: up to ";", or to a comma or "và" before a capital or
# "các" (the split tried there, kept when a unit opens the next piece)
_EXECUTION_SPLIT = regex.compile(
    r"(?:(?<=\s)và\s+)?(?P<piece>[^;,\s]"
    r"(?:(?!\s*;|\s*,\s*(?=\p{Lu}|các\s)|\s+và\s+(?=\p{Lu}|các\s)).)*)")
_LABEL_LINE = regex.compile(r"^[^.;:]{1,60}:\s*$")  # "Thời gian niêm yết công khai:"
_LIST_GAP = regex.compile(r"\s*(?:[,;]|\s+và(?=\s))\s*")
PARENTHETICAL = regex.compile(r"^\s*\([^()]*\)[\s.:;]*$")
CONNECTIVE_END = regex.compile(r"(?<!\S)(?:và|của|với|các|cho|về|tại|hoặc|theo|trong|-)$")
UNFINISHED_NOT = regex.compile(r"[.;:!?…)\]”\"]$")  # a line ending so ends its paragraph
TOP_KINDS_WITH_UNIT_HEADINGS = {"tasks", "implementation", "other", None}
DESCRIBED_KINDS = {"tasks", "implementation"}  # unit headings there may describe their units


def _pattern(pid: str) -> regex.Pattern:
    return _patterns()[pid]


@cache
def _patterns() -> dict[str, regex.Pattern]:
    """The patterns of ``assignments.yaml`` by id (looked up thousands of times a document)."""
    return {p.id: p.regex for p in load.table("assignments")}


def _attributes() -> list[tuple[str, regex.Pattern]]:
    return [
        (str(p.get("kind")), p.regex)
        for p in load.table("assignments")
        if p.id.startswith("attribute-")
    ]


# ------------------------------------------------------------------------------- structure


@dataclass(slots=True)
class _Draft:
    """A task being built: where its text is, who leads, who helps."""

    start: int
    end: int
    lead: tuple[str, ...]
    support: tuple[str, ...] = ()
    output: str | None = None
    due: str | None = None
    section: str = ""
    subject_end: int = 0  # offset after the subject (support is looked for after it)
    attributes: list[tuple[str, str, int, int]] = field(default_factory=list)


def _top_kind(s: Section, sections: Sequence[Section]) -> str | None:
    top = [t for t in sections if t.level == 1 and t.start <= s.start < t.end]
    return top[-1].kind if top else s.kind


def _unit_title(title: str, described: bool = True) -> tuple[str, ...] | None:
    """The units a heading title names, when the title is nothing but units.

    >>> _unit_title("Sở Lao động - Thương binh và Xã hội")
    ('Sở Lao động - Thương binh và Xã hội',)
    >>> _unit_title("Tăng cường phối hợp liên ngành") is None
    True

    ``described``: the units may be described by a few words or be generic nouns without
    "các" (where unit headings assign the tasks of the plan: its tasks and implementation
    parts; elsewhere "Các cơ quan, đơn vị cấp tỉnh có liên quan đến …" heads a quota list).

    A request to a body the issuer does not command heads its tasks the same way, and so does
    the heading of a body's duties:

    >>> _unit_title("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh")
    ('Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh',)
    >>> _unit_title("Trách nhiệm của Sở Công Thương")
    ('Sở Công Thương',)
    """
    t = title.strip().rstrip(NAME_END)
    if not t:
        return None
    duties = _pattern("duties-of").match(t)
    request = _pattern("request").match(t) or duties
    first = request.end() if request else 0
    names: list[str] = []
    pos = first
    while pos < len(t):
        ul = units_at(t, pos)
        bare = ul is None
        if bare and described:  # "Sở, ban, ngành liên quan": generic nouns without "các"
            ul = units_at(t, pos, bare=True)
            if ul is not None and "," not in ul.units[-1].text:
                return None  # "Doanh nghiệp số", "Cá nhân:": a topic
        if ul is None or ul.predicate or ul.units[0].start - pos > 1:
            return None
        if not names and len(t) - ul.end <= 1 and _topic_role(ul):
            return None  # "Lãnh đạo", "Thành viên": what the section is about, not who does it
        names += [u.name for u in ul.units]
        pos = ul.end
        if len(t) - pos <= 1:
            break
        if bare or t.isupper() or not described:
            return None  # "ĐOÀN KIỂM TRA, THỜI GIAN KIỂM TRA": a part's title, not its units
        # words describing the last unit ("Các doanh nghiệp | công nghệ số"), up to a unit
        # that follows them in the list ("Các sở ngành liên quan, | Viện Nghiên cứu …")
        gap, nxt = _next_listed(t, pos)
        said = t[pos:gap]
        if duties:  # after "Nhiệm vụ của" the words name the unit: "Tổ tiếp công dân, xử lý
            if _NOT_A_NAME.search(said):  # khiếu nại, tố cáo, kiến nghị, phản ánh của công dân"
                return None
        elif not _pattern("heading-description").match(said) or any(
            predicate_at(said, m.end()) for m in _PIECE.finditer(said)
        ):
            return None  # a task word, or a list of acts ("Phó Trưởng ban Chỉ đạo, theo dõi")
        names[-1] = canonical(names[-1] + said)
        pos = nxt
    return tuple(names)


def _introduces(text: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(lead, support) of a sentence that only introduces the points below it, which its units
    then lead: one sentence with a unit subject, ending in a colon after a lead-in formula ("Sở
    Nông nghiệp và Môi trường chỉ đạo Chi cục … thực hiện các nội dung sau:", "Các bộ, ngành có
    trách nhiệm:") or after its cooperating units ("Sở Y tế chủ trì, phối hợp với Văn phòng
    UBND tỉnh:"). The sentence itself is no task."""
    t = text.rstrip(" *")
    if not t.endswith(":") or len(_sentences(t, 0)) != 1:
        return None
    ul = _subject(t)
    if ul is None:
        return None
    support = _support(t, ul.end)
    if not _pattern("introduces").search(t):
        m = _pattern("cooperate").search(t, ul.end)
        others = units_at(t, m.end(), bare=True) if m is not None else None
        if others is None or PARENTHETICAL_TAIL.sub("", t[others.end :]).strip() != ":":
            return None
    return tuple(u.name for u in ul.units), support


def _appointment(text: str) -> bool:
    """Does ``text`` say how a body is made ("Giám đốc Quỹ do Hội đồng quản lý Quỹ bổ nhiệm
    …"), not what it does?"""
    ul = units_at(text, len(text) - len(text.lstrip()))
    return ul is not None and _pattern("appointed").match(text, ul.end) is not None


def _next_listed(text: str, pos: int) -> tuple[int, int]:
    """The separator (``,``, ``;``, "và") after ``pos`` that the next unit of a heading's list
    follows, as (start, end); the end of ``text`` twice when there is none."""
    for m in _LIST_GAP.finditer(text, pos):
        ul = units_at(text, m.end())
        if ul is not None and ul.units[0].start - m.end() <= 1:
            return m.start(), m.end()
    return len(text), len(text)


def _topic_role(ul: UnitList) -> bool:
    """Is the list one bare topic role ("Lãnh đạo", "Thành viên")?"""
    return len(ul.units) == 1 and fold(ul.units[0].name).casefold() in _topic_roles()


@cache
def _topic_roles() -> frozenset[str]:
    return frozenset(fold(w).casefold() for w in load.data("units").get("topic_roles", []))


def _strip_label(text: str, heading: bool) -> int:
    """Offset where a block's own text starts, after its heading label or bullet mark."""
    rx = _pattern("heading-label") if heading else _pattern("bullet")
    m = rx.match(text)
    return m.end() if m else len(text) - len(text.lstrip())


def _trimmed(text: str) -> int:
    """Length of ``text`` without its trailing spaces and ``*`` (a markdown emphasis mark).

    >>> _trimmed("Sở Y tế. ** \t ")
    8
    """
    i = len(text)
    while i and (text[i - 1] == "*" or text[i - 1].isspace()):
        i -= 1
    return i


def _sentences(text: str, base: int) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of ``text`` (``base`` added)."""
    out = []
    pos = 0
    for m in SENTENCE_END.finditer(text):
        out.append((base + pos, base + m.start(1)))
        pos = m.end()
    out.append((base + pos, base + _trimmed(text)))
    return [(s, e) for s, e in out if e > s]


# ------------------------------------------------------------------------------- interpret


def _subject(text: str, requests: bool = True) -> UnitList | None:
    """The units a sentence opens with as its subject (or requests, unless ``requests`` is
    false: under a unit heading "Đề nghị Chủ tịch … bổ nhiệm …" is the unit's own proposal),
    else ``None``.

    After an opener the subject follows one of its commas: of the unit lists there that a
    predicate follows, the one the first predicate follows, and of those the shortest ("Căn cứ …
    của Trung ương, Tỉnh ủy, …, Sở Y tế kịp thời hướng dẫn" -> Sở Y tế). "X giao Y chủ trì"
    makes Y the lead.

    >>> [u.name for u in _subject("Đồng thời, các thành viên Ban VSTBCPN chủ động lồng ghép").units]
    ['các thành viên Ban Vì sự tiến bộ của phụ nữ']
    """
    executed = _execution(text)
    if executed is not None:
        return executed
    m = _pattern("request").match(text) if requests else None
    if m:
        return units_at(text, m.end())
    g = _pattern("delegate").match(text)
    if g:  # the issuer's own "Giao Sở Công Thương chủ trì, …" (a decision's article)
        assigned = units_at(text, g.end())
        if assigned is not None and assigned.predicate and assigned.units[0].start - g.end() <= 1:
            return assigned
    if _pattern("opener").match(text):
        starts = [k.end() for k in regex.finditer(r",\s*", text[:300])]
    else:
        starts = [len(text) - len(text.lstrip())]
    found: list[UnitList] = []
    for pos in starts:
        ul = units_at(text, pos)
        if ul is None or ul.units[0].start - pos > 1:
            continue
        labelled = text[ul.end :].lstrip().startswith(":")
        if labelled and not ul.predicate and _topic_role(ul):
            continue  # "Lãnh đạo: Sở có Giám đốc và …": a label of what follows, nobody acts
        if _pattern("appointed").match(text, ul.end):
            continue  # "Giám đốc Quỹ do Hội đồng quản lý Quỹ bổ nhiệm": how a body is made
        if ul.predicate or labelled:
            found.append(ul)
    if not found:
        return None
    first_end = min(ul.end for ul in found)
    best = [ul for ul in found if ul.end == first_end][-1]
    g = _pattern("delegate").match(text, best.end) or _pattern("asks").match(text, best.end)
    if g:  # "X giao Y chủ trì …", "Sở Giáo dục và Đào tạo đề nghị Thủ trưởng các đơn vị …"
        assigned = units_at(text, g.end())
        if assigned is not None and assigned.predicate and assigned.units[0].start - g.end() <= 1:
            return assigned
    return best


def _execution(text: str) -> UnitList | None:
    """The units of an execution article ("… chịu trách nhiệm thi hành Quyết định này"): all
    that comes before the formula. When the scanner does not read the whole list, it is cut at
    ";", and at a comma or "và" before a unit ("Bộ trưởng, Thủ trưởng cơ quan ngang bộ, …");
    a piece that opens no unit goes on the one before ("Sở Văn hóa, | Thể thao và Du lịch")."""
    if "trách nhiệm" not in text:  # the formula's words: most sentences have none
        return None
    m = _pattern("execution").match(text)
    if m is None:
        return None
    lo, hi = m.span("units")
    whole = units_at(text, lo)
    if whole is not None and whole.units[0].start - lo <= 1 and hi - whole.end <= 1:
        return UnitList(units=whole.units, end=whole.end, predicate=True)
    pieces: list[tuple[int, int]] = []
    for part in _EXECUTION_SPLIT.finditer(text, lo, hi):
        s, e = part.span("piece")
        starts = opens_unit(text[s:e])
        if not pieces and not starts:
            return None  # the list began before ("Bộ trưởng các Bộ:" / "Xây dựng, …")
        if pieces and not starts and text[pieces[-1][1] : s].strip() != ";":
            pieces[-1] = (pieces[-1][0], e)  # "Thể thao và Du lịch" goes on "Sở Văn hóa"
        else:
            pieces.append((s, e))
    units: list[Unit] = []
    for s, e in pieces:
        read = units_at(text[s:e])  # the piece as the scanner reads it, when it reads it all
        if read is not None and e - s - read.end <= 1:
            units += [replace(u, start=u.start + s, end=u.end + s) for u in read.units]
        elif canonical(text[s:e]):  # "Giám đốc các Sở: Nội vụ, Tài chính" is two
            units.append(Unit(name=canonical(text[s:e]), text=text[s:e], start=s, end=e))
    return UnitList(units=tuple(units), end=units[-1].end, predicate=True) if units else None


def _support(text: str, after: int) -> tuple[str, ...]:
    """Units after the first "phối hợp với" of ``text`` from ``after`` on that is the task's own:
    not one it asks of someone else in the same clause ("chỉ đạo các đơn vị phối hợp với …";
    after a full stop or a semicolon the task goes on: "… đã đề ra. Phối hợp với …")."""
    for m in _pattern("cooperate").finditer(text, after):
        clause = max(after, text.rfind(";", after, m.start()) + 1,
                     text.rfind(". ", after, m.start()) + 1)
        if _pattern("cooperate-not-own").search(text[clause : m.start()]):
            continue
        ul = units_at(text, m.end(), bare=True)
        if ul is None or ul.units[0].start - m.end() > 1:
            continue
        return tuple(u.name for u in ul.units)
    return ()


def _targets(text: str) -> tuple[Target, ...]:
    """The indicators a task makes its unit answer for.

    >>> [(t.goal, t.indicator) for t in _targets(
    ...     "báo cáo kết quả triển khai chỉ tiêu 1, 2 của mục tiêu 2; chỉ tiêu 2 (số liệu), "
    ...     "chỉ tiêu 3 của mục tiêu 3 tại Nghị quyết số 28/NQ-CP")]
    [('2', '1'), ('2', '2'), ('3', '2'), ('3', '3')]
    """
    goals = list(_pattern("target-goal").finditer(text))
    if not goals:
        return ()
    inst = _pattern("target-instrument").search(text, goals[-1].end())
    instrument = inst.group("number") if inst else None
    out: list[Target] = []
    prev = 0
    for g in goals:
        stretch = regex.sub(r"\([^)]*\)", " ", text[prev : g.start()])
        found = False
        for m in _pattern("target-indicators").finditer(stretch):
            nums = regex.findall(r"\d+", m.group("numbers") or "")
            for n in nums:
                out.append(Target(instrument=instrument, goal=g.group("goal"), indicator=n))
                found = True
            if not nums:
                out.append(Target(instrument=instrument, goal=g.group("goal"), indicator=None))
                found = True
        if not found:
            out.append(Target(instrument=instrument, goal=g.group("goal"), indicator=None))
        prev = g.end()
    return tuple(out)


# ------------------------------------------------------------------------------- the pass


class _Prose:
    """One pass over the paragraphs of a document, building task drafts."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.sections = doc.sections
        self.heading_at = {s.start: k for k, s in enumerate(doc.sections)}
        self.parent = _parents(doc.sections)
        self.leads: dict[int, tuple[str, ...] | None] = {}
        self.drafts: list[_Draft] = []
        self.attrs = _attributes()
        self.pending: tuple[int, int] | None = None
        self.closing = False
        self.title_rest = ""
        self.heading_own: int | None = None  # where a unit heading with no body starts
        self.leadin: tuple[str, tuple[str, ...]] | None = None  # (bullet mark, support)

    def innermost(self, offset: int) -> int | None:
        best = None
        for k, s in enumerate(self.sections):
            if s.start <= offset < s.end and (best is None or s.level >= self.sections[best].level):
                best = k
        return best

    def lead_of(self, k: int | None) -> tuple[str, ...] | None:
        """Units of the nearest unit heading at or above section ``k``, in a part where unit
        headings assign tasks."""
        if k is None:
            return None
        if k not in self.leads:
            s = self.sections[k]
            lead = None
            if _top_kind(s, self.sections) in TOP_KINDS_WITH_UNIT_HEADINGS:
                lead = _unit_title(s.title, self.described(k))
                if lead is None:
                    lead = self.lead_of(self.parent[k])
            self.leads[k] = lead
        return self.leads[k]

    def described(self, k: int) -> bool:
        """May a unit heading of section ``k`` describe its units (see :func:`_unit_title`)?"""
        return _top_kind(self.sections[k], self.sections) in DESCRIBED_KINDS

    def own_lead(self, k: int) -> tuple[str, ...] | None:
        """The units section ``k``'s own title names, if it assigns them tasks."""
        parent = self.lead_of(self.parent[k])
        lead = self.lead_of(k)
        return lead if lead is not None and lead != parent else None

    def add(self, start: int, end: int, lead: tuple[str, ...], subject_end: int) -> _Draft:
        text = self.doc.text
        d = _Draft(
            start=start,
            end=end,
            lead=lead,
            subject_end=subject_end,
            section="closing" if self.closing else section_at(self.sections, start),
        )
        # the task's own text only: the units scan costs as much as the text it is given
        d.support = _support(text[start:end], max(0, subject_end - start))
        if not d.support and self.leadin is not None:
            d.support = self.leadin[1]
        self.drafts.append(d)
        return d

    def by_sentences(self, start: int, end: int, k: int | None = None) -> None:
        """The tasks of a paragraph, one per sentence with a unit subject (a sentence without
        goes on the task before it). A last sentence that introduces the points below it ("Ủy
        ban nhân dân cấp xã thực hiện các công việc sau:") is no task: its units lead section
        ``k`` from here on."""
        text = self.doc.text
        current: _Draft | None = None
        n = len(self.drafts)
        sentences = _sentences(text[start:end], start)
        for i, (s, e) in enumerate(sentences):
            intro = _introduces(text[s:e]) if k is not None and i == len(sentences) - 1 else None
            if intro is not None:
                self.introduce(k, intro, start)
                break
            ul = _subject(text[s:e])
            if ul is None and current is None and _pattern("closing").match(text[s:e]):
                for semi in _CLAUSE_BREAK.finditer(text, s, e):  # "Trên đây là kế hoạch …; các
                    if not may_start_unit(text, semi.end()):  # cơ quan, đơn vị nghiêm túc
                        continue  # triển khai thực hiện"
                    ul = _subject(text[semi.end() : e])
                    if ul is not None and ul.predicate:
                        s = semi.end()
                        break
                    ul = None
            if ul is not None:
                current = self.add(s, e, tuple(u.name for u in ul.units), s + ul.end)
            elif current is not None:
                current.end = e
        self.pending = (start, end) if len(self.drafts) == n else None

    def introduce(self, k: int, intro: tuple[tuple[str, ...], tuple[str, ...]], start: int
                  ) -> None:
        """Section ``k``'s points are led by the units a sentence introduced them with, and
        supported by its cooperating ones (see :func:`_introduces`)."""
        self.leads[k] = intro[0]
        if intro[1]:
            self.leadin = (_marker(self.doc.text, start), intro[1])

    def attribute(self, text: str, start: int, end: int, section: str) -> bool:
        """An attribute line ("Thời gian kiểm tra: …"): complete the last task of the section."""
        for kind, rx in self.attrs:
            m = rx.match(text)
            if m is None:
                continue
            last = self.drafts[-1] if self.drafts and self.drafts[-1].section == section else None
            value = m.groupdict().get("value") or ""
            if last is None and kind == "lead" and self.pending is not None:
                ps, pe = self.pending
                last = self.add(ps, pe, split_units(value), ps)
            if last is not None:
                last.attributes.append((kind, value, start, end))
            return True
        return False

    def is_leadin(self, own: str, k: int | None, start: int) -> bool:
        """ "Chủ trì, phối hợp với các sở, ngành …:" before the bullets it introduces: no task of
        its own; its support units go to the bullets."""
        m = _pattern("cooperate").search(own)
        if m is None or m.start() > 20:
            return False
        ul = units_at(own, m.end(), bare=True)
        if ul is None:
            return False
        if own[ul.end :].strip(" :.;") and not own.rstrip().endswith(":"):
            return False
        self.leadin = (_marker(self.doc.text, start), tuple(u.name for u in ul.units))
        return True

    def run(self) -> list[_Draft]:
        in_recipients = addressees = False
        for b in _rejoined(self.doc, {s.start: s.title for s in self.sections}):
            if b.kind != "paragraph" or b.hints.region in SKIP_REGIONS or FILL_IN.search(b.text):
                continue  # (a line of a form to fill in: "ban hành Quyết định……………")
            heading = self.heading_at.get(b.start)
            if RECIPIENTS.match(b.text):
                in_recipients = True
                addressees = ADDRESSEES.match(b.text) is not None
                continue
            if in_recipients:
                # "Nơi nhận:" lists the recipients to the next heading; a letter's "Kính gửi:"
                # its addressees only, a name or a list item each, before the letter's body
                body = addressees and not _pattern("bullet").match(b.text) and len(b.text) > 80
                if heading is None and not body:
                    continue
                in_recipients = False
            path = section_at(self.sections, b.start) if self.sections else "body"
            if path == "preamble":
                continue
            if heading is not None:
                self.closing = False
                self.leadin = None
            elif (
                self.leadin is not None and self.leadin[0] and _marker(b.text, 0) == self.leadin[0]
            ):
                self.leadin = None  # the next bullet of the lead-in's own level
            elif _pattern("closing").match(b.text):
                self.closing = True
            self.block(b, heading)
        return self.drafts

    def title_continues(self, text: str) -> int:
        """How much of ``text`` is the rest of the heading before it, split off by the reader
        ("1. Sở" / "Khoa học và Công nghệ"): 0 when none."""
        rest = self.title_rest
        self.title_rest = ""
        if not rest:
            return 0
        t = " ".join(text.split()).rstrip(NAME_END)
        if not t:
            return 0
        if rest.casefold().startswith(t.casefold()):
            self.title_rest = rest[len(t) :].strip()
            return len(text)
        words = rest.split()
        m = regex.match(r"(?i)\s*" + r"\s+".join(regex.escape(w) for w in words) + r"[\s:.]*", text)
        return m.end() if m else 0

    def block(self, b: Block, heading: int | None) -> None:
        text = self.doc.text
        off = _strip_label(b.text, heading is not None)
        start = b.start + off
        end = b.start + _trimmed(b.text)
        if heading is not None:
            t = " ".join(self.sections[heading].title.split())
            o = " ".join(text[start:end].split()).rstrip(NAME_END)
            self.title_rest = (
                t[len(o) :].strip()
                if t.casefold().startswith(o.casefold()) and len(t) > len(o)
                else ""
            )
        if end <= start:
            return
        runs_on = None
        if heading is None:
            cont = self.title_continues(text[start:end])
            if cont >= end - start:
                return
            if cont:
                start += cont
                start += _strip_label(text[start:end], True)
                if PARENTHETICAL.match(text[start:end]):
                    return  # "Sở Tài chính (cơ quan chủ trì)": the rest of the heading
                runs_on = self.heading_own
        self.heading_own = None
        own = text[start:end]
        k = heading if heading is not None else self.innermost(b.start)
        if heading is None and self.attribute(own, start, end, section_at(self.sections, start)):
            return
        lead = None if self.closing else self.lead_of(k)
        if heading is not None:
            title = self.sections[heading].title
            own_lead = self.own_lead(heading)
            whole = _unit_title(own, self.described(heading)) if own_lead is not None else None
            if whole is not None:  # "Sở Văn hóa, Thể thao và Du lịch; Báo và Phát thanh, …"
                self.leads[heading] = whole
                self.heading_own = start
                return
            if own_lead is not None:
                ul = _subject(own)
                point = _POINT.match(own, len(title)) if len(own) > len(title) else None
                after = own[len(title) :] if own.casefold().startswith(title.casefold()) else ""
                if point:  # "Sở Tài chính a) Nghiên cứu …": a point merged into the heading
                    rest = start + point.end()
                    if not self.is_leadin(text[rest:end], heading, rest):
                        self.add(rest, end, own_lead, rest)
                elif after.strip(" :") and (
                    after.lstrip().startswith(":") or _predicate_start(after.lstrip())
                ):
                    # the title is the unit, the rest its task: "2. Phó Trưởng ban Chỉ đạo, …"
                    self.add(start, end, own_lead, start + len(title))
                elif ul is not None and len(own) > len(title) + 3:
                    # the heading runs on into its first task: "3. Sở Tài chính: Chủ trì, …"
                    self.add(start, end, tuple(u.name for u in ul.units), start + ul.end)
                else:
                    self.heading_own = start
                self.pending = None
                return
            if lead is not None:
                if self.is_leadin(own, heading, start):
                    return
                ul = _subject(own, requests=False)
                if len(own) <= SHORT_HEADING and ul is None and not _predicate_start(own):
                    return
                if _appointment(own):
                    return
                if ul is not None:  # "1. Sở Tư pháp chịu trách nhiệm …" under "Trách nhiệm của
                    self.add(start, end, tuple(u.name for u in ul.units), start + ul.end)
                    return  # các cơ quan, đơn vị": the point's own subject leads it
                self.add(start, end, lead, start)
                return
            intro = _introduces(own)
            if intro is not None:  # "4. Sở Y tế chỉ đạo … thực hiện các nội dung sau:"
                self.introduce(heading, intro, start)
                return
            self.by_sentences(start, end, heading)
            return
        if runs_on is not None:  # "Điều 3. Chánh Văn phòng …" / "… chịu trách nhiệm thi hành"
            ul = _subject(text[runs_on:end])
            if ul is not None:
                self.add(runs_on, end, tuple(u.name for u in ul.units), runs_on + ul.end)
                return
        if lead is not None:
            if self.is_leadin(own, k, start) or _appointment(own):
                return
            ul = _subject(own)
            if ul is None and _LABEL_LINE.match(own) and not _predicate_start(own):
                return  # "Thời gian niêm yết công khai:": a label of the next paragraph
            if ul is not None:  # "Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Nội vụ …"
                self.add(start, end, tuple(u.name for u in ul.units), start + ul.end)
            else:
                self.add(start, end, lead, start)
            return
        self.by_sentences(start, end, k)


def _rejoined(doc: Document, titles: dict[int, str]) -> list[Block]:
    """Paragraph blocks with the pieces of a paragraph the reader split put back together: a
    block that does not end a sentence, followed by one that starts in lower case, or after a
    trailing comma, or after a short unfinished line ("Trung tâm Chuyển đổi số" / "Thành phố
    chủ trì, …"); a heading whose title goes on in the next block ("Điều 3. Chánh" / "Văn phòng
    Bộ, … chịu trách nhiệm thi hành …"). Headings and bullets always start a block."""
    out: list[Block] = []
    for b in doc.blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == "paragraph"
            and b.kind == "paragraph"
            and b.start not in titles
            and not prev.hints.region
            and not b.hints.region
            and not RECIPIENTS.match(prev.text)  # "Kính gửi: …" stays apart from the body
            and (
                _continues(prev.text, b.text, heading=prev.start in titles)
                or _title_goes_on(prev.text, b.text, titles.get(prev.start))
            )
        ):
            out[-1] = replace(prev, text=doc.text[prev.start : b.end], end=b.end)
            continue
        out.append(b)
    return out


def _title_goes_on(prev: str, nxt: str, title: str | None) -> bool:
    if not title:
        return False
    own = " ".join(prev[_strip_label(prev, True) :].split()).rstrip(NAME_END).casefold()
    t = " ".join(title.split()).casefold()
    n = " ".join(nxt.split()).casefold()
    if len(own) >= len(t) or not t.startswith(own):
        return False
    rest = t[len(own) :].strip()
    return bool(rest) and (n.startswith(rest) or rest.startswith(n))


def _continues(prev: str, nxt: str, heading: bool = False) -> bool:
    p = prev.rstrip(" *")
    if not p or not nxt or _pattern("bullet").match(nxt) or RECIPIENTS.match(nxt):
        return False
    if nxt[:1].islower() and not p.endswith((".", ":", "!", "?")):
        return True  # "… tại Kế hoạch này;" / "tham mưu Ủy ban nhân dân …"
    if CONNECTIVE_END.search(p):
        return True  # "… phối hợp với Sở Giáo dục và" / "Đào tạo và các sở, ngành …"
    if heading or UNFINISHED_NOT.search(p):
        return False
    if p.endswith(","):
        return True
    if len(nxt) < 40 and nxt.rstrip().endswith(".") and not nxt.rstrip(" .").isupper():
        return True  # "… đánh giá mục tiêu" / "Chương trình."
    return (
        len(p) < 40 and not _pattern("bullet").match(prev) and nxt[:1].isupper() and not p.isupper()
    )


def _marker(text: str, start: int) -> str:
    """The kind of bullet mark a paragraph opens with ("-", "+", "a)" -> "a)"), or ""."""
    line_start = text.rfind("\n", 0, start) + 1
    m = _pattern("bullet").match(text, line_start)
    if m is None:
        return ""
    mark = m.group().strip()
    return regex.sub(r"^[a-zđ]", "a", regex.sub(r"\d+", "1", mark))


def _parents(sections: Sequence[Section]) -> list[int | None]:
    """Index of each section's parent: the nearest section before it, of a lower level, that
    holds its start."""
    out: list[int | None] = []
    for k, s in enumerate(sections):
        parent = None
        for j in range(k - 1, -1, -1):
            t = sections[j]
            if t.level < s.level and t.start <= s.start < t.end:
                parent = j
                break
        out.append(parent)
    return out


def _predicate_start(text: str) -> bool:
    return predicate_at(text, 0)


# ------------------------------------------------------------------------------- resolve


def _finish(doc: Document, d: _Draft) -> Assignment:
    text = doc.text
    task = " ".join(text[d.start : d.end].split())
    lead, support, output = d.lead, d.support, d.output
    dues = dues_in(doc.deadlines, d.start, d.end)
    due = due_of(dues)
    for kind, value, s, e in d.attributes:
        if kind == "lead" and value.strip():
            lead = split_units(value)
        elif kind == "support" and value.strip():
            support = split_units(value)
        elif kind == "output" and value.strip():
            output = " ".join(value.split()).rstrip(" .;")
        elif kind == "due":
            stated = dues_in(doc.deadlines, s, e)
            due = due_of(stated) or due
            dues += tuple(x for x in stated if x not in dues)
    return Assignment(
        task=task,
        lead=lead,
        support=tuple(x for x in support if x not in lead),
        output=output,
        due=due,
        section=d.section,
        origin="prose",
        span=(d.start, d.end),
        page=doc.page_at(d.start),
        targets=_targets(task),
        dues=dues,
    )


def extract(doc: Document) -> tuple[Assignment, ...]:
    """Every assignment of ``doc``: prose tasks and table rows, in document order.

    For "1. Sở Y tế" then "- Chủ trì, phối hợp với Sở Tài chính tổ chức tập huấn.", one
    assignment: lead ``("Sở Y tế",)``, support ``("Sở Tài chính",)``, origin ``prose``.
    """
    prose = [_finish(doc, d) for d in _Prose(doc).run() if d.lead]
    rows = list(tables.extract(doc))
    return tuple(sorted(prose + rows, key=lambda a: a.span))
