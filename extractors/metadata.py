"""Metadata extractor: the header, date line, type, trích yếu and signature block of a document.

``extract(doc) -> Metadata``. Reads ``doc.folded`` through the pattern tables
``models/patterns/metadata.yaml`` and ``models/patterns/doctypes.yaml`` and the gazetteers of
:mod:`extractors.places`; every value read from the text has its span in ``Metadata.spans``.

Find -> interpret -> resolve:

* find the header (quốc hiệu "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" or the Party's "ĐẢNG CỘNG SẢN
  VIỆT NAM", the upper-case lines of the issuing body before it, "Số: …", "<place>, ngày …",
  the type word and the trích yếu), whether it comes one item a line, hard-wrapped over several
  lines by a web page, or squashed onto one line; the signature block (authority TM./KT./TL./…,
  the signer's role and name) and the "Nơi nhận" list;
* interpret each piece (number and ký hiệu, ISO date, type slug, name as printed);
* resolve what the header leaves open: a document with no header takes its issuer from the
  preamble ("UBND Thị trấn Hà Trung ban hành Kế hoạch …"), the authority line of a decision
  ("TRƯỞNG BAN VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ TỈNH HÀ TĨNH"), an attached programme's "(Kèm theo
  Quyết định số 02/QĐ-… ngày …)", the signature's "TM." line, or the issuer code of its ký hiệu
  (06/CTr-UBQG); level and province follow from the issuer's locality.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Any

import regex

from extractors import places
from models import load
from pipeline.document import Document
from pipeline.records import Metadata, Signer
from pipeline.textmap import NAME_DASH

Span = tuple[int, int]

CELL_BREAK = " / "
HEADER_SEARCH = 20000  # the quốc hiệu is looked for in the first characters only
ZONE_LINES = 40  # lines after the quốc hiệu (or the document start) the header may take


# ---------------------------------------------------------------- lines


@dataclass(frozen=True, slots=True)
class Line:
    """One printed line: a paragraph block, or one line of a table cell."""

    text: str
    start: int
    end: int
    bold: bool = False
    region: str | None = None
    folded: str = ""


def _lines(doc: Document) -> tuple[Line, ...]:
    out: list[Line] = []
    for b in doc.blocks:
        if b.kind == "paragraph":
            out.append(Line(b.text, b.start, b.end, b.hints.bold, b.hints.region,
                            doc.folded[b.start:b.end]))
            continue
        for row in b.rows:
            for c in row:
                pos = c.start
                for piece in c.text.split(CELL_BREAK):
                    if piece.strip():
                        out.append(Line(piece, pos, pos + len(piece), c.bold or b.hints.bold,
                                        b.hints.region, doc.folded[pos:pos + len(piece)]))
                    pos += len(piece) + len(CELL_BREAK)
    return tuple(out)


# ---------------------------------------------------------------- data


@cache
def _pat(pid: str) -> Any:
    for p in load.table("metadata"):
        if p.id == pid:
            return p.regex
    raise KeyError(pid)


@cache
def _data() -> dict:
    return load.data("metadata")


def _words_rx(words: list[str] | tuple[str, ...]) -> regex.Pattern:
    alt = "|".join(regex.escape(w).replace(r"\ ", r"\s+")
                   for w in sorted(words, key=len, reverse=True))
    return regex.compile(rf"(?<![\p{{L}}])(?:{alt})(?![\p{{L}}])", regex.I)


@cache
def _role_rx() -> regex.Pattern:
    return _words_rx(_data()["roles"])


@cache
def _head_rx() -> regex.Pattern:
    not_heads = "|".join(regex.escape(w).replace(r"\ ", r"\s+")
                         for w in sorted(_data()["not_heads"], key=len, reverse=True))
    heads = "|".join(regex.escape(w).replace(r"\ ", r"\s+")
                     for w in sorted(_data()["body_heads"], key=len, reverse=True))
    return regex.compile(rf"(?<![\p{{L}}])(?!(?:{not_heads})(?![\p{{L}}]))(?:{heads})(?![\p{{L}}])",
                         regex.I)


@cache
def _body_start_rx() -> regex.Pattern:
    return _words_rx(_data()["body_starts"])


@cache
def _canon_words() -> dict[str, str]:
    """Case-folded role / head-noun phrase -> its written form ("chủ tịch" -> "Chủ tịch")."""
    out: dict[str, str] = {}
    for w in list(_data()["body_heads"]) + list(_data()["roles"]):
        out.setdefault(places.key(w), w)
    return out


@cache
def _locality_keys() -> tuple[str, ...]:
    return tuple(places.key(r["word"]) for r in _data()["localities"])


@cache
def _national() -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((r["name"], tuple(r.get("codes") or ())) for r in _data()["national_bodies"])


@cache
def _doctypes() -> tuple[Any, ...]:
    return load.table("doctypes")


@cache
def _abbr_rx() -> tuple[tuple[regex.Pattern, str], ...]:
    out = []
    for form, full in sorted(_data()["abbreviations"].items(), key=lambda kv: -len(kv[0])):
        rx = regex.escape(form).replace(r"\ ", r"\s+")
        out.append((regex.compile(rf"(?<![\p{{L}}]){rx}(?![\p{{L}}])(?:\s*(?=\p{{L}}))?"), full))
    return tuple(out)


# ---------------------------------------------------------------- text helpers

_SYLLABLE = regex.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|kr|bl|pl|[bcdfghjklmnpqrstvwxz])?[aeiouy]{1,3}"
    r"(?:ch|ng|nh|[cmnptk])?$")  # "k" ends the syllables of Đắk, Lắk
_MARKUP = regex.compile(r"[*#|_`]+")


# compiled once: these run on every line of a header or a signature block
_RECIPIENT_SPLIT = regex.compile(r";\s*[-–+]\s+|\s[-–]\s(?=Lưu\b)")
_LABELLED = regex.compile(r"(?:[IVXLC]+|\d{1,2}|[a-zđ])[.)]\s+\S")  # "II. …", "1. …", "a) …"
_ARTICLE = regex.compile(r"(?:Điều|Chương|Phần|Mục)\s+(?:\d+|[IVXLC]+)\b")
_VIET_NAM = regex.compile(r"(?<![\p{L}])việt nam(?![\p{L}])", regex.I)
_VIET_NAM_TWICE = regex.compile(r"(?<![\p{L}])(Việt Nam)\s+Việt\s+Nam(?![\p{L}])", regex.I)


def _bare(word: str) -> str:
    s = unicodedata.normalize("NFD", word.lower().replace("đ", "d"))
    return "".join(c for c in s if not unicodedata.combining(c))


def _is_syllable(word: str) -> bool:
    """Is ``word`` a Vietnamese syllable (``"TỈNH"``) rather than an abbreviation (``"UBND"``)?"""
    return bool(_SYLLABLE.match(_bare(word)))


def _is_caps(text: str) -> bool:
    """Two letters or more, all capitals (``str.isupper`` first: most lines are not)."""
    if not text.isupper():
        return False
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@lru_cache(maxsize=2048)  # the header and signature rules ask about the same lines again and again
def _clean(text: str) -> str:
    """Markup and stray separators off, spaces collapsed."""
    s = _MARKUP.sub(" ", text)
    return " ".join(s.split()).strip(" -")


# "… thực hiện chỉ thị số 27/CT-TTG …": a type word before "số" and a number
_CITED_TYPE = regex.compile(
    r"(?<![\p{L}])(nghị quyết|nghị định|quyết định|chỉ thị|thông tư|kế hoạch|chương trình|đề án|"
    r"kết luận|luật|công văn|thông báo|hướng dẫn)(?=\s+số\s+\d)")
_TTG = regex.compile(r"(?<=[-/])TTG(?![\p{L}])")  # the Prime Minister's code is written "TTg"


def _sentence_case(text: str) -> str:
    """An upper-case trích yếu as a sentence, place names capitalised back.

    >>> _sentence_case("KẾ HOẠCH THỰC HIỆN TRÊN ĐỊA BÀN TỈNH THANH HÓA NĂM 2026")
    'Kế hoạch thực hiện trên địa bàn tỉnh Thanh Hóa năm 2026'
    """
    if not _is_caps(text):
        return text
    words = text.split()
    low = [w if not _is_syllable(_strip_punct(w)) else w.lower() for w in words]
    s = " ".join(low)
    for loc in places.localities(s):
        if loc.province is not None or loc.district is not None:
            name_start = loc.end - len(loc.name)
            s = s[:name_start] + loc.name + s[loc.end:]
    s = _proper_names_rx().sub(lambda m: _proper_names()[places.key(m.group())], s)
    s = _named_roles(s)
    # an instrument named by its number keeps its type word capitalised ("Chỉ thị số 27/CT-TTg")
    s = _CITED_TYPE.sub(lambda m: m.group(1)[:1].upper() + m.group(1)[1:], s)
    s = _TTG.sub("TTg", s)
    i = next((k for k, c in enumerate(s) if c.isalpha()), 0)
    return s[:i] + s[i:i + 1].upper() + s[i + 1:]


_SPACE_WORD = regex.compile(r"\s+(\p{L}+)")
_SPACES = regex.compile(r"\s+")
_COMRADE = regex.compile(r"(?<![\p{L}])đồng\s+chí\s+$", regex.I)


@cache
def _office_words() -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    """Each role by its key, the words that end a name, the offices of one person."""
    d = _data()
    return ({places.key(r): r for r in d["roles"]},
            frozenset(places.key(w) for w in d["name_stops"]),
            frozenset(places.key(w) for w in d["unique_offices"]))


def _named_roles(s: str) -> str:
    """In a sentence-cased title, an office held by a named person is a proper name: the role
    as the roles list writes it, and the name title-cased ("của phó Thủ tướng Chính phủ lê thành
    long tại …" -> "của Phó Thủ tướng Chính phủ Lê Thành Long tại …"). So is an office of one
    person after "đồng chí" ("đồng chí Tổng Bí thư"). Another role with no name stays as it is.
    The word lists are ``roles``, ``surnames``, ``name_stops`` and ``unique_offices`` of
    ``models/patterns/metadata.yaml``.

    >>> _named_roles("kết luận của phó Thủ tướng Chính phủ lê thành long tại chuyến kiểm tra")
    'kết luận của Phó Thủ tướng Chính phủ Lê Thành Long tại chuyến kiểm tra'
    >>> _named_roles("kết luận của đồng chí tổng bí thư tại buổi làm việc")
    'kết luận của đồng chí Tổng Bí thư tại buổi làm việc'
    >>> _named_roles("ủy quyền cho giám đốc văn phòng đăng ký đất đai")
    'ủy quyền cho giám đốc văn phòng đăng ký đất đai'
    >>> _named_roles("ủy quyền cho giám đốc Sở Nông nghiệp thực hiện nhiệm vụ")
    'ủy quyền cho giám đốc Sở Nông nghiệp thực hiện nhiệm vụ'
    """
    roles, stops, unique = _office_words()
    out, pos = [], 0
    for m in _role_rx().finditer(s):
        if m.start() < pos:
            continue
        end = m.end()
        while (sp := _SPACES.match(s, end)) and (body := _proper_names_rx().match(s, sp.end())):
            end = body.end()  # the body the role is of ("Chính phủ", "Bộ Y tế")
        name: list[tuple[int, int]] = []
        k = end
        while len(name) < 4 and (w := _SPACE_WORD.match(s, k)):
            word = w.group(1)
            if places.key(word) in stops or not _is_syllable(word):
                break
            if not name and (places.key(word) not in _surnames()
                             or _head_rx().match(s, w.start(1))):
                break  # no family name, or a body's name ("văn phòng …") that opens like one
            name.append(w.span(1))
            k = w.end()
        comrade = _COMRADE.search(s, max(0, m.start() - 12), m.start())
        if len(name) < 2 and not (comrade and places.key(m.group()) in unique):
            continue
        out.append(s[pos:m.start()])
        out.append(roles.get(places.key(m.group()), m.group()) + s[m.end():end])
        pos = end
        for a, b in name:
            out.append(s[pos:a] + s[a:b][:1].upper() + s[a + 1:b])
            pos = b
    out.append(s[pos:])
    return "".join(out)


@cache
def _proper_names() -> dict[str, str]:
    """Names a sentence-cased title writes with capitals: national bodies, provinces."""
    out = {places.key(n): n for n, _c in _national()}
    out.update({places.key(w): w for w in ("Ủy ban nhân dân", "Hội đồng nhân dân", "Việt Nam",
                                           "Quốc hội", "Chính phủ", "Đảng", "Nhà nước")})
    for p in places.provinces():
        if len(p.name.split()) > 1:
            out.setdefault(places.key(p.name), p.name)
    # departments and bodies as the units gazetteer writes them: "Sở Nội vụ", "Bộ Tài chính"
    for row in load.gazetteer("units"):
        name = row.get("name") or ""
        if (len(name.split()) > 1 and name[:1].isupper() and not name.startswith("Các")
                and row.get("unit_type") not in ("role", "collective")):
            out.setdefault(places.key(name), name)
    return out


@cache
def _proper_names_rx() -> regex.Pattern:
    alt = "|".join(regex.escape(k).replace(r"\ ", r"\s+").replace(r"\-", r"\s*-\s*")
                   for k in sorted(_proper_names(), key=len, reverse=True))
    return regex.compile(rf"(?<![\p{{L}}])(?:{alt})(?![\p{{L}}])", regex.I)


def _strip_punct(w: str) -> str:
    return w.strip(".,;:()\"'“”")


def _title_case(text: str) -> str:
    """An upper-case body or role written as a name is: abbreviations kept, the role and head
    noun in their usual case, the first word of the proper name and place names capitalised.

    >>> _title_case("PHÓ CHỦ TỊCH UBND TỈNH")
    'Phó Chủ tịch UBND tỉnh'
    >>> _title_case("GIÁM ĐỐC SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI")
    'Giám đốc Sở Lao động - Thương binh và Xã hội'
    """
    text = _clean(text)
    if not _is_caps(text):
        return text
    words = text.split()
    keys = [places.key(_strip_punct(w)) for w in words]
    canon = _canon_words()
    out: list[str] = []
    i = 0
    cap_next = True
    in_place = False
    loc_keys = _locality_keys()
    while i < len(words):
        w = words[i]
        core = _strip_punct(w)
        if core and not _is_syllable(core) and core.isupper():
            out.append(w)  # an abbreviation: UBND, VSTB, HQ
            cap_next = False
            i += 1
            continue
        # a role or head noun phrase, longest first (at the start, or after another one)
        matched = False
        if cap_next or i == 0 or (out and places.key(out[-1]) in canon):
            for n in (5, 4, 3, 2, 1):
                k = " ".join(keys[i:i + n])
                if len(keys[i:i + n]) == n and k in canon:
                    out.append(canon[k])
                    i += n
                    cap_next = True
                    in_place = False
                    matched = True
                    break
        if matched:
            continue
        # a locality word: the following words are a place name
        hit = None
        for n in (2, 1):
            k = " ".join(keys[i:i + n])
            if len(keys[i:i + n]) == n and k in loc_keys and not (
                    k == "xã" and i + 1 < len(keys) and keys[i + 1] == "hội"):
                hit = n
                break
        if hit and i > 0:
            out.append(" ".join(x.lower() for x in words[i:i + hit]))
            i += hit
            in_place = True
            cap_next = False
            continue
        low = w.lower()
        if in_place or cap_next or keys[i - 1:i] == ["-"] or (
                out and out[-1].lower() in ("và", "-") and len(out) > 1) or \
                (out and out[-1].endswith(",")):
            low = low[:1].upper() + low[1:]
        out.append(low)
        cap_next = False
        i += 1
    s = " ".join(out)
    s = _VIET_NAM.sub("Việt Nam", s)
    return s


def _expand(name: str) -> str:
    """Abbreviations of a body's name written out: ``"UBND Thị trấn Hà Trung"`` ->
    ``"Ủy ban nhân dân Thị trấn Hà Trung"``."""
    s = name
    for rx, full in _abbr_rx():
        s = rx.sub(lambda m, full=full: full + (" " if m.group().endswith(" ") or
                                                  m.group() != m.group().rstrip() else ""), s)
    s = NAME_DASH.sub(" - ", s)
    s = _VIET_NAM_TWICE.sub(r"\1", s)
    return " ".join(s.split())


# ---------------------------------------------------------------- header


@dataclass(frozen=True, slots=True)
class Header:
    start: int  # first character of the header zone
    end: int  # where the body begins
    motto: Span | None = None
    issuer_text: str = ""
    issuer_span: Span | None = None
    number: Any = None  # regex match of `number`
    date: Any = None  # regex match of `date-line`
    place: tuple[str, Span] | None = None
    doctype: tuple[Any, Span] | None = None  # (doctypes Pattern, span of the type word)
    title: tuple[str, Span] | None = None
    vv: tuple[str, Span] | None = None
    authority_line: tuple[str, Span] | None = None  # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …"


def _line_index(lines: tuple[Line, ...], pos: int) -> int:
    for i, ln in enumerate(lines):
        if ln.end >= pos:
            return i
    return len(lines) - 1


def _first_motto(folded: str) -> tuple[Span, Span | None] | None:
    """Span of the quốc hiệu (or the Party's motto) and of the tiêu ngữ, if any."""
    window = folded[:HEADER_SEARCH]
    best = None
    for pid in ("motto-state", "motto-party"):
        m = _pat(pid).search(window)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), m.end())
    if best is None:
        return None
    s = _pat("motto-slogan").search(window, best[1], best[1] + 400)
    return best, ((s.start(), s.end()) if s else None)


@cache
def _prose_start_rx() -> regex.Pattern:
    return _words_rx(_data()["prose_starts"])


def _is_body_start(text: str, prose: bool = False) -> bool:
    """Does this line open the body? ``prose``: also a plain sentence opening ("Thực hiện …"),
    which after the header's title is prose, before it may be the title itself."""
    t = _clean(text)
    if not t:
        return False
    m = _body_start_rx().match(t)
    if m:
        return True
    if not _is_caps(t) and t[:1].isupper() and _prose_start_rx().match(t) and (
            prose or len(t) > 150 or t.endswith((":", ";", ","))):
        return True
    if _LABELLED.match(t) or _ARTICLE.match(t):
        return True
    return len(t) > 300 and not _is_caps(t)


def _zone(doc: Document, lines: tuple[Line, ...]) -> tuple[int, int, int, Span | None,
                                                           Span | None]:
    """(zone start, zone end, index of the first zone line, motto span, slogan span)."""
    found = _first_motto(doc.folded)
    if found is None:
        # no quốc hiệu: the header, if any, opens the document
        first = 0
        while first < len(lines) and not _clean(lines[first].text):
            first += 1
        start = lines[first].start if lines else 0
        motto = slogan = None
        k = first
    else:
        motto, slogan = found
        k = _line_index(lines, motto[0])
        start = lines[k].start
        # the issuing body: the upper-case lines right before the quốc hiệu
        j = k - 1
        while j >= 0:
            t = _clean(lines[j].text)
            if t and not (_is_caps(t) or _pat("rule").fullmatch(lines[j].text.strip())
                          or _pat("number").match(lines[j].folded.strip())
                          or lines[j].region == "header"):
                break
            if t and len(t) > 120:
                break
            start = lines[j].start
            j -= 1
        first = j + 1
    end = len(doc.text)
    past = False
    for i in range(k, min(len(lines), k + ZONE_LINES)):
        ln = lines[i]
        if i > k and _is_body_start(ln.text):
            end = ln.start
            past = True
            break
    if not past:
        last = min(len(lines), k + ZONE_LINES) - 1
        end = lines[last].end if lines else 0
    return start, end, first, motto, slogan


_SEG_BREAK = regex.compile(r"\n| / | \| ")


def _place_words(folded: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The run of place words ending at ``hi``: [(start, end), …] in text order."""
    word_rx = _pat("place-word")
    out: list[tuple[int, int]] = []
    for m in reversed(list(regex.finditer(r"\S+", folded[lo:hi]))):
        tok = m.group().strip("*")
        if not tok or not word_rx.match(tok):
            break
        out.insert(0, (lo + m.start(), lo + m.end()))
    return out


def _place_before(folded: str, text: str, comma: int, floor: int) -> tuple[str, Span] | None:
    """The place name before a date line's comma, as printed ("Đắk Nông", "Thị trấn"), also when
    a web page wrapped it over two lines ("Thành phố Hồ" / "Chí Minh, ngày …")."""
    seg = floor
    for m in _SEG_BREAK.finditer(folded, floor, comma):
        seg = m.end()
    words = _place_words(folded, seg, comma)
    # the longest run that starts with a capital, never the tiêu ngữ's "Hạnh phúc"
    while words and not (text[words[0][0]:words[0][1]][:1].isupper()):
        words = words[1:]
    if words and places.key(text[words[0][0]:words[-1][1]]).startswith("hạnh phúc"):
        words = words[2:]
    if len(words) > 6:
        words = words[-6:]
    if seg > floor and len(words) <= 3:
        # the line before, if short, may hold the start of the name
        prev_end = seg
        while prev_end > floor and folded[prev_end - 1] in "\n /|":
            prev_end -= 1
        prev_start = floor
        for m in _SEG_BREAK.finditer(folded, floor, prev_end):
            prev_start = m.end()
        prev = _place_words(folded, prev_start, prev_end)
        if prev and len(prev) == len(folded[prev_start:prev_end].split()) <= 5 and words:
            joined = " ".join(text[a:b] for a, b in prev + words)
            if places.province(joined) or places.localities(joined):
                words = prev + words
    if not words:
        return None
    name = " ".join(text[a:b].strip("*") for a, b in words)
    return name, (words[0][0], words[-1][1])


def _find_doctype(folded: str, lines: tuple[Line, ...], lo: int, hi: int
                  ) -> tuple[Any, Span, int] | None:
    """The type word at the start of a line (or right after the date of a squashed header)
    between ``lo`` and ``hi``: (doctypes pattern, span, index of its line)."""
    cands: list[int] = []
    for ln in lines:
        if lo <= ln.start < hi:
            off = len(ln.text) - len(ln.text.lstrip(" *#|"))
            cands.append(ln.start + off)
    extra = regex.match(r"[\s*#|.]*", folded[lo:hi])
    cands.append(lo + (extra.end() if extra else 0))
    for pos in sorted(set(cands)):
        for p in _doctypes():
            m = p.regex.match(folded, pos)
            if m and m.end() <= hi + 40:
                return p, (m.start("type"), m.end("type")), _line_index(lines, pos)
    return None


def _authority_from_role(text: str) -> str | None:
    """The body a role line names: "TRƯỞNG BAN VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ TỈNH HÀ TĨNH" ->
    "BAN VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ TỈNH HÀ TĨNH"; a body line is itself."""
    t = _clean(text)
    for name, _codes in _national():
        if places.key(t) == places.key(name):
            return name
    m = _role_rx().match(t)
    if m:
        # the role's last word may open the body ("TRƯỞNG BAN …" is the head of "BAN …")
        for h in _head_rx().finditer(t, m.start(), m.end() + 40):
            if h.start() > 0 and h.start() <= m.end() + 1:
                return t[h.start():]
        return None
    if _head_rx().match(t):
        return t
    return None


def _find_header(doc: Document, lines: tuple[Line, ...]) -> Header:
    folded, text = doc.folded, doc.text
    zstart, zend, _first, motto, slogan = _zone(doc, lines)
    number = _pat("number").search(folded, zstart, zend)
    date = None
    for dm in _pat("date-line").finditer(folded, zstart, zend):
        if not lines[_line_index(lines, dm.start())].text.lstrip(" *").startswith("("):
            date = dm
            break
    place = None
    if date:
        place = _place_before(folded, text, date.start(), zstart)
    vv = _pat("vv").search(folded, zstart, zend)
    ends = [e for e in (motto and motto[1], slogan and slogan[1], number and number.end(),
                        date and date.end()) if e]
    lo = max(ends) if ends else zstart
    hi = zend
    dt = _find_doctype(folded, lines, lo, hi) if lo < hi else None
    if dt is None and not ends:
        dt = _find_doctype(folded, lines, zstart, zend)
    # the issuing body: what stands before the first of Số / date / type, quốc hiệu taken out
    cut = min([x for x in (number and number.start(), date and (place[1][0] if place else
               date.start()), dt and dt[1][0], vv and vv.start()) if x] or [zstart])
    issuer_text, issuer_span = "", None
    if motto:
        region = folded[zstart:cut]
        blanked = region
        for pid in ("motto-state", "motto-party", "motto-slogan", "rule"):
            blanked = _pat(pid).sub(lambda m: "\n" * len(m.group()), blanked)
        pieces = []
        pos = 0
        for piece in regex.split(r"(\n| / |\|)", blanked):
            t = _clean(piece)
            if t and _is_caps(t) and not regex.match(r"^S[ỐO]\b", t):
                pieces.append((zstart + pos, zstart + pos + len(piece), t))
            pos += len(piece)
        # the left column stands before the quốc hiệu; after it only when nothing is before
        # (or between quốc hiệu and tiêu ngữ, when a PDF interleaves the two columns)
        before = [p for p in pieces if p[1] <= motto[0] or
                  (slogan and motto[1] <= p[0] and p[1] <= slogan[0])]
        pieces = before or [p for p in pieces if p[0] >= (slogan or motto)[1]]
        if pieces:
            issuer_text = " ".join(p[2] for p in pieces)
            issuer_span = (pieces[0][0], pieces[-1][1])
    title = None
    authority_line = None
    if dt is not None:
        title, authority_line = _read_title(doc, lines, dt, zend, issuer_text)
    vv_out = None
    if vv:
        vv_out = _read_vv(doc, lines, vv)
    return Header(start=zstart, end=zend, motto=motto, issuer_text=issuer_text,
                  issuer_span=issuer_span, number=number, date=date, place=place,
                  doctype=(dt[0], dt[1]) if dt else None, title=title, vv=vv_out,
                  authority_line=authority_line)


_CONNECTOR_END = regex.compile(r"(?:\b(?:CỦA|DO|VÀ|CHO|VỀ|VỚI|TẠI|TRÊN|THEO|LÀ)|[,-])\s*$", regex.I)
_CASE_START = regex.compile(r"^(?:Căn\s+cứ|Xét|Theo\s+đề\s+nghị|Thực\s+hiện)", regex.I)


_LINKS = frozenset({"của", "thuộc", "cho", "với", "tại", "về", "và", "đối", "trên"})


def _inline_authority(seg: str, issuer_caps: str) -> int | None:
    """Where the authority line starts inside a squashed title ("… tỉnh CHỦ TỊCH ỦY BAN NHÂN DÂN
    TỈNH KON TUM"): a role or body in capitals after a title that is not, or a role right before
    the issuer's own name."""
    cands = sorted({m.start() for rx in (_role_rx(), _head_rx()) for m in rx.finditer(seg)})
    for p in cands:
        if p == 0 or not seg[p - 1].isspace():
            continue
        before, after = seg[:p], " ".join(seg[p:].split()[:4])
        if _is_caps(after) and before.strip() and not _is_caps(before):
            return p
        if issuer_caps and _role_rx().match(seg, p):
            m = _role_rx().match(seg, p)
            if m and places.key(seg[m.end():]).startswith(places.key(issuer_caps)):
                return p
    if issuer_caps:
        # the issuer's own name closing the line: "… CHÍNH PHỦ SỐ THỦ TƯỚNG CHÍNH PHỦ"
        k, ik = places.key(seg), places.key(issuer_caps)
        if len(k) > len(ik) + 10 and k.endswith(" " + ik):
            p = len(seg.rstrip()) - len(issuer_caps)
            while p > 0 and places.key(seg[p:]) != ik:
                p -= 1
            before = seg[:p].split()
            # "… THỐNG KÊ NĂM 2026 CỦA BỘ NỘI VỤ": the body is the title's complement
            if p > 0 and not (before and before[-1].lower() in _LINKS):
                return p
    return None


def _read_title(doc: Document, lines: tuple[Line, ...], dt: tuple[Any, Span, int], zend: int,
                issuer_caps: str = "",
                ) -> tuple[tuple[str, Span] | None, tuple[str, Span] | None]:
    """The trích yếu after the type word, and the authority line before "Căn cứ" if any."""
    folded, text = doc.folded, doc.text
    _p, (_ts, te), li = dt
    parts: list[tuple[int, int]] = []
    line = lines[li]
    rest_s = te
    rest_e = line.end
    inline_stop: Any = _body_start_rx().search(folded, rest_s, rest_e)
    if inline_stop and inline_stop.start() > rest_s:
        rest_e = inline_stop.start()
    authority = None
    seg = folded[rest_s:rest_e]
    cut = _inline_authority(seg, issuer_caps)
    if cut is not None:
        authority = (_clean(text[rest_s + cut:rest_e]), (rest_s + cut, rest_e))
        rest_e = rest_s + cut
        seg = folded[rest_s:rest_e]
        inline_stop = inline_stop or cut  # the header ends on this line
    lead = len(seg) - len(seg.lstrip(" *:|"))
    if _clean(seg):
        parts.append((rest_s + lead, rest_e))
    caps_title = None
    j = li + 1
    while j < len(lines) and j <= li + 10 and not inline_stop:
        t = _clean(lines[j].text)
        if not t:
            j += 1
            continue
        ls, le = lines[j].start, lines[j].end
        # a squashed line: title, then the authority or the body on the same line
        stop = _body_start_rx().search(folded, ls + 1, le)
        final = False
        if stop and _is_caps(folded[ls:stop.start()]):
            le, final = stop.start(), True
        if _is_caps(folded[ls:le]):
            cut = _inline_authority(folded[ls:le], issuer_caps)
            if cut is not None and cut > 0:
                authority = (_clean(text[ls + cut:le]), (ls + cut, le))
                le, final = ls + cut, True
        if final:
            if _clean(folded[ls:le]):
                parts.append((ls, le))
            break
        if _is_body_start(t, prose=bool(parts)) or _pat("authority").match(t) or \
                t.startswith("("):
            break
        if _pat("rule").fullmatch(lines[j].text.strip()):
            break
        if parts and caps_title is None:
            caps_title = _is_caps(" ".join(_clean(text[a:b]) for a, b in parts))
        is_caps = _is_caps(t)
        # an upper-case line naming a role or a body, followed by "Căn cứ": the authority line
        nxt = [x for x in lines[j + 1:j + 4] if _clean(x.text)]
        if is_caps and parts and len(t) < 160 and (
                _role_rx().match(t) or _head_rx().match(t) or _authority_from_role(t)) and \
                not _CONNECTOR_END.search(_clean(text[parts[-1][0]:parts[-1][1]])):
            k = j
            while k < len(lines) and k < j + 4 and _is_caps(_clean(lines[k].text)) and \
                    not _CASE_START.match(_clean(lines[k].text)):
                k += 1
            after = [x for x in lines[k:k + 2] if _clean(x.text)]
            if after and _CASE_START.match(_clean(after[0].text)):
                authority = (" ".join(_clean(x.text) for x in lines[j:k]),
                             (lines[j].start, lines[k - 1].end))
                break
            if caps_title is False and nxt:
                break
        if caps_title is False and is_caps and parts:
            break  # "Về việc …" then an upper-case line: the title has ended
        if caps_title is True and not is_caps and regex.search(r"\p{L}", t):
            break
        parts.append((lines[j].start, lines[j].end))
        j += 1
    if not parts:
        return None, authority
    s, e = parts[0][0], parts[-1][1]
    raw = " ".join(_clean(text[a:b]) for a, b in parts)
    raw = regex.sub(r"\s*:\s*$", "", raw).strip()
    if not raw:
        return None, authority
    return (_sentence_case(raw), (s, e)), authority


def _read_vv(doc: Document, lines: tuple[Line, ...], m: Any) -> tuple[str, Span]:
    """The trích yếu of a Công văn, over its hard-wrapped lines."""
    text = doc.text
    s, e = m.start("title"), m.end("title")
    li = _line_index(lines, m.start())
    if lines and lines[li].end > e:
        e = lines[li].end
    j = li + 1
    while j < len(lines) and j <= li + 4:
        t = _clean(lines[j].text)
        if not t or _pat("date-line").search(doc.folded, lines[j].start, lines[j].end) or \
                _is_caps(t) or _is_body_start(t) or t.startswith(("Kính gửi", "Số")):
            break
        if t[:1].isupper() and text[s:e].rstrip().endswith("."):
            break
        e = lines[j].end
        j += 1
    title = _clean(text[s:e]).rstrip(".")
    return title[:1].upper() + title[1:], (s, e)


# ---------------------------------------------------------------- number


@dataclass(frozen=True, slots=True)
class Number:
    number: str
    symbol: str
    type_abbr: str | None
    issuer_code: str | None
    party: bool
    span: Span


def _number(m: Any) -> Number:
    digits = m.group("digits") or ""
    if m.group("party_symbol"):
        sym = regex.sub(r"\s+", "", m.group("party_symbol"))
        abbr, _, issuer = sym.partition("/")
        return Number(number=f"{digits}-{sym}", symbol=sym, type_abbr=abbr,
                      issuer_code=issuer.split("-")[0] or None, party=True,
                      span=(m.start("number"), m.end("number")))
    sym = regex.sub(r"\s+", "", m.group("symbol"))
    year = m.group("year")
    num = f"{digits}/{year}/{sym}" if year else f"{digits}/{sym}"
    comps = sym.split("-")
    abbr = comps[0] if _abbr_slug(comps[0]) else None
    issuer = comps[1] if abbr and len(comps) > 1 else (comps[0] if not abbr else None)
    return Number(number=num, symbol=sym, type_abbr=abbr, issuer_code=issuer, party=False,
                  span=(m.start("number"), m.end("number")))


def _abbr_slug(abbr: str, party: bool = False) -> str | None:
    """doc_type of a type abbreviation: "KH" -> plan, "QĐ" -> decision; None if it is none.
    A Party number ("21-CT/TW") reads its own abbreviations first ("TT" is a Thông tri there)."""
    a = regex.sub(r"\d+$", "", abbr)  # QH11 -> QH
    if party:
        for p in _doctypes():
            if a in (p.get("party_abbr") or ()):
                return str(p.get("slug"))
    for p in _doctypes():
        if a in (p.get("abbr") or ()):
            return str(p.get("slug"))
    return None


def _slug_of_name(name: str) -> str | None:
    k = places.key(name)
    for p in _doctypes():
        if places.key(str(p.get("name") or "")) == k:
            return str(p.get("slug"))
    return None


# ---------------------------------------------------------------- issuer


@dataclass(frozen=True, slots=True)
class Issuer:
    name: str
    span: Span | None
    superior: str | None = None
    national: bool = False


def _national_name(text: str) -> str | None:
    k = places.key(_expand(_title_case(text)))
    for name, _codes in _national():
        if k == places.key(name):
            return name
    return None


def _split_header_bodies(caps: str) -> tuple[str | None, str]:
    """(superior body, issuing body) of the header's left column.

    >>> _split_header_bodies("UBND TỈNH HÀ TĨNH SỞ NỘI VỤ")
    ('UBND TỈNH HÀ TĨNH', 'SỞ NỘI VỤ')
    >>> _split_header_bodies("BỘ TÀI CHÍNH CỤC THUẾ")
    ('BỘ TÀI CHÍNH', 'CỤC THUẾ')
    """
    t = " ".join(caps.split())
    k = places.key(t)
    # a known national body, then something more
    for name, _codes in sorted(_national(), key=lambda x: -len(x[0])):
        nk = places.key(name)
        if k.startswith(nk + " ") and _head_rx().match(t, len(t) - len(k) + len(nk) + 1):
            cut = len(nk)
            return t[:cut].strip(), t[cut:].strip()
    # a local body with its locality, then a body head
    for loc in places.localities(t):
        if loc.end < len(t) - 2:
            rest = t[loc.end:].lstrip(" ,")
            h = _head_rx().match(rest)
            if h and len(rest) > h.end():
                return t[:loc.end].strip(), rest
    # a hard-wrapped or squashed pair whose superior ends at a line: split before a second head
    heads = [m for m in _head_rx().finditer(t) if m.start() > 0]
    for h in heads:
        left = t[:h.start()].strip()
        if _national_name(left) or any(lc.end >= len(left) - 1 for lc in places.localities(left)):
            return left, t[h.start():]
    if regex.match(r"^(?:BAN\s+CHẤP\s+HÀNH\s+TRUNG\s+ƯƠNG|(?:TỈNH|THÀNH|HUYỆN|QUẬN|ĐẢNG)\s+"
                   r"(?:ỦY|BỘ)\b[^\n]*?)\s+(?=VĂN\s+PHÒNG|BAN\s|ỦY\s+BAN\s+KIỂM\s+TRA)", t):
        m = regex.match(r"^(.*?)\s+(VĂN\s+PHÒNG.*|BAN\s.*|ỦY\s+BAN\s+KIỂM\s+TRA.*)$", t)
        if m:
            return m.group(1), m.group(2)
    return None, t


def _issuer_from_header(h: Header) -> Issuer | None:
    if not h.issuer_text:
        return None
    superior, body = _split_header_bodies(h.issuer_text)
    name = _expand(_title_case(body))
    sup = _expand(_title_case(superior)) if superior else None
    generic = {places.key(g) for g in _data()["generic_bodies"]}
    if sup and places.key(name) in generic:
        name = f"{name} {sup}"
    elif sup:
        locs = places.localities(sup)
        own = places.localities(name)
        if locs and not own:
            name = f"{name} {locs[-1].full}"
    national = bool(_national_name(body) or (superior and _national_name(superior)
                                              and not places.localities(name)))
    name = _proper_names_rx().sub(lambda m: _proper_names()[places.key(m.group())], name)
    return Issuer(name=name, span=h.issuer_span, superior=sup, national=national)


def _issuer_from_preamble(doc: Document, h: Header) -> Issuer | None:
    lo = h.end
    hi = min(len(doc.folded), lo + 4000)
    m = _pat("preamble-issuer").search(doc.folded, lo, hi)
    if not m:
        return None
    s, e = m.start("body"), m.end("body")
    return Issuer(name=_expand(doc.text[s:e]), span=(s, e))


def _issuer_from_code(code: str | None) -> Issuer | None:
    if not code:
        return None
    for name, codes in _national():
        if code in codes:
            return Issuer(name=name, span=None, national=True)
    full = _data()["abbreviations"].get(code)
    if full:
        return Issuer(name=full, span=None)
    return None


def _complete_locality(name: str, doc: Document, place: str | None, title: str | None) -> str:
    """A body named with a bare level word ("Ủy ban nhân dân tỉnh") gets its place name."""
    m = regex.search(r"(?<![\p{L}])(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)\s*$",
                     name, regex.I)
    if not m:
        return name
    kind = m.group(1).lower()
    if kind in ("tỉnh", "thành phố"):
        p = places.province(place) if place else None
        if p is not None:
            return f"{name} {p.name}"
        for src in (title or "", doc.text):
            best = _frequent(src, ("province",))
            if best:
                return f"{name} {best}"
        return name
    best = _frequent(doc.text, ("district",) if kind in ("huyện", "quận", "thị xã")
                     else ("commune",), kind)
    return f"{name} {best}" if best else name


def _frequent(text: str, levels: tuple[str, ...], kind: str | None = None) -> str | None:
    c: Counter[str] = Counter()
    for loc in places.localities(text):
        if loc.level in levels and (kind is None or loc.kind == kind):
            c[loc.name] += 1
    return c.most_common(1)[0][0] if c else None


# ---------------------------------------------------------------- signature, recipients


def _starts_with_role(t: str) -> bool:
    return bool(_role_rx().match(t))


def _is_anchor(t: str) -> bool:
    t = _clean(t)
    if not _is_caps(t) or len(t) > 90:
        return False
    return bool(_pat("authority").match(t) or _starts_with_role(t))


@cache
def _surnames() -> frozenset[str]:
    return frozenset(places.key(s) for s in _data()["surnames"])


def _name_in(t: str) -> tuple[str, int] | None:
    """The signer's name in a line, title-cased, and where it starts in the cleaned line."""
    t = _clean(t).strip(" .;,")
    offset = 0
    r = _pat("rank").match(t)
    if r:
        offset = r.end()
        t = t[offset:]
    m = _pat("person-name").match(t)
    if not m:
        return None
    words = t.split()
    if len(words[-1]) == 1:
        return None  # "Nguyễn Văn A": a template's placeholder
    if _is_caps(t):
        if places.key(words[0]) not in _surnames() or not all(_is_syllable(w) for w in words):
            return None
        t = places.title_syllables(t)
    elif not all(w[:1].isupper() and (len(w) == 1 or w[1:].islower()) for w in words):
        return None
    k0 = places.key(words[0])
    if _starts_with_role(t) or _head_rx().match(t) or k0 in _locality_keys() or \
            k0 in ("nơi", "kính", "phụ", "danh", "căn", "điều", "mẫu", "biểu", "ghi", "tm", "kt"):
        return None
    return t, offset


@dataclass(frozen=True, slots=True)
class SigBlock:
    signer: Signer
    first: int  # index of its first line
    last: int


def _read_signature(lines: tuple[Line, ...], a: int) -> SigBlock | None:
    sig: list[int] = []
    j = a
    name = None
    while j < len(lines) and j < a + 14:
        t = _clean(lines[j].folded)
        if not t or _pat("signed-mark").match(t) or _pat("rule").fullmatch(t):
            j += 1
            continue
        got = _name_in(t)
        if got is None and len(t.split()) <= 3 and j + 1 < len(lines):
            joined = t + " " + _clean(lines[j + 1].folded)
            got2 = _name_in(joined)
            if got2 and not _is_caps(t):
                name = (got2[0], lines[j].start, lines[j + 1].end)
                break
        if got is not None and sig:
            name = (got[0], lines[j].start, lines[j].end)
            break
        if _is_caps(t):
            sig.append(j)
            j += 1
            continue
        return None
    if name is None or not sig:
        return None
    units = _sig_units([_clean(lines[i].text) for i in sig])
    k = 0
    while k < len(units) and _pat("authority").match(units[k]):
        k += 1
    groups, rest = units[:k], units[k:]
    authority = None
    if groups:
        role = rest[0] if rest else None
        parts = [_fmt_authority(g) for g in groups] + ([_title_case(role)] if role else [])
        authority = " / ".join(parts)
        title = _title_case(" ".join(rest[1:])) if len(rest) > 1 else (
            _title_case(role) if role else None)
    else:
        title = _title_case(" ".join(units))
    signer = Signer(name=name[0], title=title, authority=authority, span=(name[1], name[2]))
    return SigBlock(signer=signer, first=sig[0], last=_line_index(lines, name[2]))


def _sig_units(texts: list[str]) -> list[str]:
    """The lines of a signature block joined into its parts: a part opens with an authority
    prefix ("KT.", "TL.", "TM.") or a role ("PHÓ CHỦ TỊCH"); a line that opens with neither
    goes on the part before it ("TRƯỞNG BAN" / "NGHIỆP VỤ THUẾ HQ"), and so does a line that
    completes the role the line before ends with, cut by a hard wrap ("TL. CỤC" / "TRƯỞNG":
    "Cục trưởng"; "PHÓ" / "CHỦ TỊCH"), or follows a prefix alone on its line ("KT.").

    >>> _sig_units(["TL. CỤC", "TRƯỞNG", "TRƯỞNG BAN", "NGHIỆP VỤ THUẾ HQ", "PHÓ TRƯỞNG BAN"])
    ['TL. CỤC TRƯỞNG', 'TRƯỞNG BAN NGHIỆP VỤ THUẾ HQ', 'PHÓ TRƯỞNG BAN']
    >>> _sig_units(["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"])
    ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']
    >>> _sig_units(["TL. CỤC TRƯỞNG", "KT.", "TRƯỞNG BAN NGHIỆP VỤ", "PHÓ", "TRƯỞNG BAN"])
    ['TL. CỤC TRƯỞNG', 'KT. TRƯỞNG BAN NGHIỆP VỤ', 'PHÓ TRƯỞNG BAN']
    """
    def bare_prefix(u: str) -> bool:  # "KT." on a line of its own
        m = _pat("authority").match(u)
        return bool(m) and not (m.group("rest") or "").strip()

    def completes(before: str, t: str) -> bool:  # "PHÓ" + "TRƯỞNG BAN": one role, wrapped
        last = before.split()[-1]
        m = _role_rx().match(f"{last} {t}")
        return bool(m) and m.end() > len(last) + 1 and not _role_rx().match(last)

    units: list[str] = []
    for k, t in enumerate(texts):
        opens = bool(_pat("authority").match(t) or _starts_with_role(t))
        if not opens and k + 1 < len(texts) and completes(t, texts[k + 1]):
            opens = True  # a role's first word, the rest on the next line
        if units and opens and (bare_prefix(units[-1]) or completes(units[-1], t)):
            opens = False
        if units and not opens:
            units[-1] = f"{units[-1]} {t}"
        else:
            units.append(t)
    return units


def _fmt_authority(text: str) -> str:
    m = _pat("authority").match(text)
    if not m:
        return _title_case(text)
    prefix = m.group("prefix").replace("/", "")
    rest = m.group("rest") or ""
    return f"{prefix}. {_title_case(rest)}".strip()


def _signature(lines: tuple[Line, ...], after: int, nn: int | None) -> SigBlock | None:
    """The signature block nearest the "Nơi nhận" list (after it, or just before it), else
    the first one after the header."""
    def forward(lo: int, hi: int) -> SigBlock | None:
        for i in range(lo, min(hi, len(lines))):
            if _is_anchor(lines[i].text):
                got = _read_signature(lines, i)
                if got:
                    return got
        return None

    if nn is not None:
        near = forward(nn, nn + 60)
        back = None
        for i in range(nn - 1, max(after, nn - 25), -1):
            if _is_anchor(lines[i].text) and (i == 0 or not _is_anchor(lines[i - 1].text)):
                back = _read_signature(lines, i)
                if back and back.last < nn:
                    break
                back = None
        if near and back:
            return near if near.first - nn <= (nn - back.last) + 30 else back
        if near or back:
            return near or back
    return forward(after, len(lines))


def _recipients(lines: tuple[Line, ...], nn: int) -> tuple[tuple[str, ...], Span | None]:
    m = _pat("recipients-head").match(_clean(lines[nn].text) + ":" if
                                       not lines[nn].text.rstrip(" *").endswith(":")
                                       else lines[nn].text)
    items: list[str] = []
    first_rest = m.group("rest") if m else ""
    if first_rest and _clean(first_rest):
        items.append(first_rest)
    end = lines[nn].end
    j = nn + 1
    pending_dash = False
    while j < len(lines) and j < nn + 60:
        raw = lines[j].text
        t = _clean(raw) if not raw.strip().startswith(("-", "+", "•", "–")) else raw.strip()
        tt = t.strip(" *")
        if not tt:
            j += 1
            continue
        if tt in ("-", "+", "•"):
            pending_dash = True
            j += 1
            continue
        if _is_anchor(tt) or (_name_in(tt) and not tt.startswith(("-", "+"))):
            break
        if tt[:1] in "-+•–" or pending_dash:
            items.append(tt.lstrip("-+•– ").strip())
            pending_dash = False
        elif items and not _is_caps(tt):
            prev = items[-1].rstrip()
            if prev.endswith((";", ".")):
                items.append(tt)
            else:
                items[-1] = prev + " " + tt
        else:
            break
        end = lines[j].end
        j += 1
    out: list[str] = []
    for it in items:
        for piece in _RECIPIENT_SPLIT.split(it):
            p = " ".join(_MARKUP.sub(" ", piece).split()).strip().lstrip("-+•– ").strip()
            p = p.rstrip(";,").strip()
            if p:
                out.append(p)
    return tuple(out), ((lines[nn].start, end) if out else None)


# ---------------------------------------------------------------- resolve


def _iso(day: str | None, month: str | None, year: str | None) -> str | None:
    if not year:
        return None
    y = int(year)
    if not month:
        return f"{y:04d}"
    mo = int(month)
    if not 1 <= mo <= 12:
        return f"{y:04d}"
    if not day:
        return f"{y:04d}-{mo:02d}"
    d = int(day)
    if not 1 <= d <= 31:
        return f"{y:04d}-{mo:02d}"
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _date_iso(m: Any) -> str | None:
    if m.group("nyear"):
        return _iso(m.group("nday"), m.group("nmonth"), m.group("nyear"))
    return _iso(m.group("day"), m.group("month"), m.group("year"))


def _year_period(title: str | None) -> tuple[int | None, tuple[int, int] | None]:
    if not title:
        return None, None
    for m in _pat("period").finditer(title):
        a, b = int(m.group("start")), int(m.group("end"))
        if a < b <= a + 30:
            return None, (a, b)
    ys = [int(m.group("year")) for m in _pat("year").finditer(title)]
    if ys:
        return ys[-1], None
    return None, None


_LEVEL_ORDER = {"province": 1, "district": 2, "commune": 3}


def _place_fields(issuer: Issuer | None, doc: Document, place: str | None
                  ) -> dict[str, str | None]:
    """level, province, district, commune from the issuer's locality (and the text)."""
    out: dict[str, str | None] = {"level": None, "province": None, "district": None,
                                  "commune": None}
    if issuer is None:
        p = places.province(place) if place else None
        if p:
            out.update(level="province", province=p.name)
        return out
    locs = list(places.localities(issuer.name))
    if issuer.superior:
        locs = list(places.localities(issuer.superior)) + locs
    if not locs:
        if issuer.national:
            out["level"] = "national"
            return out
        p = places.province(place) if place else None
        if p:
            out.update(level="province", province=p.name)
        return out
    deepest = max(locs, key=lambda x: _LEVEL_ORDER.get(x.level, 0))
    out["level"] = deepest.level
    prov = next((x.province.name for x in locs if x.province is not None), None)
    dist = next((x for x in locs if x.level == "district"), None)
    if deepest.level == "commune":
        printed = regex.search(regex.escape(deepest.kind).replace(r"\ ", r"\s+") + r"\s+" +
                               regex.escape(deepest.name) + r"$", issuer.name, regex.I)
        out["commune"] = printed.group() if printed else deepest.full
        if dist is None:
            dname = _frequent(doc.text, ("district",))
            if dname:
                out["district"] = dname
                ds = places.districts_named(dname)
                if prov is None and ds:
                    pnames = {d.province for d in ds}
                    best = _frequent(doc.text, ("province",))
                    prov = best if best in pnames or len(pnames) != 1 else next(iter(pnames))
        else:
            out["district"] = dist.name
    elif deepest.level == "district":
        out["district"] = deepest.name
        ds = places.districts_named(deepest.name)
        if prov is None and ds:
            pnames = {d.province for d in ds}
            best = _frequent(doc.text, ("province",))
            prov = best if best in pnames or len(pnames) != 1 else next(iter(pnames))
    if prov is None and deepest.level != "province":
        p = places.province(place) if place else None
        prov = p.name if p else _frequent(doc.text, ("province",))
    out["province"] = prov
    return out


def extract(doc: Document) -> Metadata:
    """The metadata of a document (see the module docstring).

    >>> from pipeline.normalize import run
    >>> from pipeline.document import RawBlock, RawDocument, Source
    >>> raw = RawDocument(source=Source(path="x.txt", format="txt", sha256="0" * 64), blocks=(
    ...     RawBlock(kind="paragraph", text="ỦY BAN NHÂN DÂN TỈNH KON TUM ------- CỘNG HÒA XÃ HỘI "
    ...              "CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc --------------- "
    ...              "Số: 435/QĐ-UBND Kon Tum, ngày 04 tháng 5 năm 2020"),))
    >>> md = extract(run(raw))
    >>> md.number, md.issuer, md.issued_date, md.province_2025
    ('435/QĐ-UBND', 'Ủy ban nhân dân tỉnh Kon Tum', '2020-05-04', 'Quảng Ngãi')
    """
    lines = _lines(doc)
    if not lines:
        return Metadata()
    spans: list[tuple[str, Span]] = []
    h = _find_header(doc, lines)

    # number
    num = _number(h.number) if h.number else None
    attached = None
    for m in _pat("attached-to").finditer(doc.folded):
        attached = m
        break

    # doc type
    doc_type = None
    if h.doctype is not None:
        doc_type = str(h.doctype[0].get("slug"))
        spans.append(("doc_type", h.doctype[1]))
    elif h.vv is not None:
        doc_type = "official_letter"
    elif num is not None:
        if num.type_abbr:
            doc_type = _abbr_slug(num.type_abbr, num.party)
        else:
            doc_type = "official_letter"
    if doc_type is None and attached is not None:
        doc_type = _slug_of_name(attached.group("type"))

    issued = _date_iso(h.date) if h.date else None
    if h.date:
        spans.append(("issued_date", (h.date.start(), h.date.end())))
    if attached is not None and (num is None or issued is None) and (
            doc_type is None or _slug_of_name(attached.group("type")) == doc_type):
        if num is None:
            am = regex.sub(r"\s+", "", attached.group("number"))
            fake = _pat("number").match("Số: " + am)
            if fake:
                num = replace(_number(fake),
                              span=(attached.start("number"), attached.end("number")))
        if issued is None and attached.group("year"):
            issued = _iso(attached.group("day"), attached.group("month"), attached.group("year"))
            spans.append(("issued_date", (attached.start(), attached.end())))
    if num is not None:
        spans.append(("number", num.span))
        spans.append(("symbol", num.span))

    place = None
    if h.place:
        place = h.place[0]
        spans.append(("place", h.place[1]))

    title = None
    if h.title:
        title = h.title[0]
        spans.append(("title", h.title[1]))
    elif h.vv:
        title = h.vv[0]
        spans.append(("title", h.vv[1]))

    # signature and recipients
    nn = None
    for i, ln in enumerate(lines):
        if ln.start < h.end or "nơi" not in ln.text.casefold():  # what the head opens with
            continue
        t = _clean(ln.text)
        if _pat("recipients-head").match(t + (":" if t.casefold() == "nơi nhận" else "")):
            nn = i
            break
    after = _line_index(lines, h.end)
    sig = _signature(lines, after, nn)
    signer = sig.signer if sig else Signer()
    if sig and signer.span:
        spans.append(("signer.name", signer.span))
    recipients: tuple[str, ...] = ()
    if nn is not None:
        recipients, rspan = _recipients(lines, nn)
        if rspan:
            spans.append(("recipients", rspan))

    # issuer
    issuer = _issuer_from_header(h)
    if issuer is None:
        issuer = _issuer_from_preamble(doc, h)
    if issuer is None and h.authority_line:
        body = _authority_from_role(h.authority_line[0])
        if body:
            issuer = Issuer(name=_expand(_title_case(body)), span=h.authority_line[1],
                            national=bool(_national_name(body)))
    if issuer is None and attached is not None and attached.group("issuer"):
        body = _authority_from_role(attached.group("issuer"))
        if body:
            issuer = Issuer(name=_expand(_title_case(body)),
                            span=(attached.start("issuer"), attached.end("issuer")))
    if issuer is None and sig is not None and sig.signer.authority:
        first = sig.signer.authority.split(" / ")[0]
        if first.startswith("TM. "):
            issuer = Issuer(name=_expand(first[4:]), span=None)
    if issuer is None and num is not None:
        issuer = _issuer_from_code(num.issuer_code)
    if issuer is not None:
        name = _complete_locality(issuer.name, doc, place, title)
        issuer = replace(issuer, name=name,
                         national=issuer.national or bool(_national_name(name)))
        if issuer.span:
            spans.append(("issuer", issuer.span))

    pf = _place_fields(issuer, doc, place)
    year, period = _year_period(title)
    prov = pf["province"]
    return Metadata(
        doc_type=doc_type,
        number=num.number if num else None,
        symbol=num.symbol if num else None,
        issuer=issuer.name if issuer else None,
        level=pf["level"],
        province=prov,
        district=pf["district"],
        commune=pf["commune"],
        place=place,
        issued_date=issued,
        title=title,
        year=year,
        period=period,
        signer=signer,
        recipients=recipients,
        province_2025=places.province_2025(prov) if prov else None,
        spans=tuple(spans),
    )
