"""Citations extractor: every mention of a legal or administrative instrument.

Adds ``doc.citations``: one :class:`~pipeline.records.Citation` per mention, in document order.

    Thực hiện Quyết định số 1124/QĐ-UBND ngày 30/7/2021 của Chủ tịch UBND tỉnh về việc kiện toàn …
    -> type decision, number 1124/QĐ-UBND, date 2021-07-30, issuer "Chủ tịch UBND tỉnh",
       subject "về việc kiện toàn …", instrument_id 1124/QĐ-UBND@2021@Đắk Nông

Three steps; the rules are data in ``models/patterns/citations.yaml``:

* find numbered mentions: every number in a state form (1124/QĐ-UBND, 25/2017/QĐ-UBND,
  73/2006/QH11, 123/UBND-VX) or a Party form (11-NQ/TW), the type word before it (and a law's
  name: "Luật Đất đai số 31/2024/QH15"), the date, issuer and subject after it. The document's
  own number (header "Số: …", "(Kèm theo Quyết định số …)", ``metadata.number``) is skipped.
* find named mentions: a type word with a name and no number ("Luật Bình đẳng giới",
  "Chiến lược quốc gia về bình đẳng giới giai đoạn 2021-2030", 'Đề án "…"', "Dự án 8 "…""),
  when the type's rule says a name makes it an instrument. Generic mentions ("các Kế hoạch",
  "Kế hoạch này", "Chương trình công tác năm 2024"), the document itself and the content of a
  cited decision ("Quyết định … phê duyệt Chương trình X": X is what the decision approves) are
  not citations.
* resolve: a later mention of the same instrument (the number again, "Quyết định nêu trên", the
  same name without its period) gets the key of the first full mention and ``refers_to`` its
  index; a misprinted Party number (26/NQ-TW) gets the canonical key 26-NQ/TW and the printed
  form in ``key_alt``; ``instrument_id`` = key@year, plus @locality for local issuers.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from itertools import pairwise
from typing import Any

import regex

from extractors import dates, places
from models import load
from extractors.common import WordRegex, body_end, section_at, trie, word_atoms
from pipeline.document import Document
from pipeline.records import Citation
from pipeline.textmap import fold

MAX_HEAD = 260  # how far back from a number its type word (and a law's name) may start
MAX_ISSUER = 160
MAX_SUBJECT = 600
MAX_NAME_WORDS = 40
TYPE_LOOKAHEAD = 40  # "Kế hoạch triển khai thực hiện| Chiến lược": how far an implemented type
SAME_NAME = 0.88  # name similarity from which two named mentions are one instrument
MIN_BARE_NAME_WORDS = 4  # a name with no quotes, period or national scope needs this many words:
#                          "Chương trình phòng ngừa và ứng phó …", not "Chương trình thúc đẩy"
MIN_PREFIX_WORDS = 4  # a shorter name that starts a longer one names the same instrument
LOOKBEHIND = 60  # characters before a type word that the plural / proper-name rules read
OWN_TITLE = 0.9  # similarity of a name to the document's title that makes it the document
CITATION_DATE = frozenset({"day", "month"})
Span = tuple[int, int]


_SPACES = regex.compile(r"\s+")
_TRAILING_DIGITS = regex.compile(r"\d+$")

@dataclass(frozen=True, slots=True)
class TypeWord:
    word: str
    slug: str | None
    named: str  # when a name without a number makes it a citation (see citations.yaml)
    label: bool = False  # may be cited by a number of its own: "Dự án 8", "Đề án 06"


@dataclass(frozen=True, slots=True)
class Rules:
    """The compiled content of ``citations.yaml``."""

    type_rx: Any
    types: dict[str, TypeWord]
    rx: dict[str, Any]
    symbol_types: dict[str, str]
    symbol_default: str
    symbol_fixes: dict[str, str]
    party_issuers: frozenset[str]
    party_types: frozenset[str]
    national: dict[str, str]  # casefolded code -> its spelling
    national_qh: Any
    generic_heads: tuple[str, ...]
    generic_names: frozenset[str]
    comma_idioms: tuple[tuple[str, str], ...]
    caps_stops: frozenset[str]


@cache
def rules() -> Rules:
    """Load and compile the citation rules once."""
    data = load.data("citations")
    types = {t["word"].lower(): TypeWord(t["word"], t["slug"], t["named"], bool(t.get("label")))
             for t in data["types"]}
    alt = trie(word_atoms(w, " ") for w in types)
    idioms = []
    for idiom in data["comma_idioms"]:
        left, right = idiom.split(",", 1)
        idioms.append((left.strip(), right.strip()))
    return Rules(
        # the re module, not regex: this one sweeps every document whole, and re runs a trie of
        # literals several times faster (the bounds: no letter or digit before, no letter after);
        # over a whole document, tried only where a type word's first syllable is
        type_rx=WordRegex(re.compile(rf"(?<![^\W_])(?:{alt})(?![^\W\d_])", re.IGNORECASE),
                          types),
        types=types,
        rx={p.id: p.regex for p in load.table("citations")},
        symbol_types=dict(data["symbol_types"]),
        symbol_default=data["symbol_default"],
        symbol_fixes=dict(data["symbol_fixes"]),
        party_issuers=frozenset(data["party_issuers"]),
        party_types=frozenset(data["party_types"]),
        national={c.casefold(): c for c in data["national_issuers"]},
        national_qh=regex.compile(data["national_qh"]),
        generic_heads=tuple(data["generic_heads"]),
        generic_names=frozenset(data["generic_names"]),
        comma_idioms=tuple(idioms),
        caps_stops=frozenset(data["caps_stops"]),
    )


@dataclass(slots=True)
class Mention:
    """A candidate citation while the extractor works on it (internal, mutable)."""

    start: int
    end: int
    type: str
    number: str | None = None
    name: str | None = None
    date: str | None = None
    issuer: str | None = None
    subject: str | None = None
    subject_start: int | None = None
    key_alt: tuple[str, ...] = ()
    year: int | None = None  # the year part of a number (25/2017/QĐ-UBND)
    symbol: str | None = None
    backref: bool = False  # "Quyết định nêu trên"
    consumed: tuple[Span, ...] = ()  # spans no other mention may start in (its head, its name)
    key: str = ""
    refers_to: int | None = None
    period: str | None = None  # "giai đoạn 2021-2030"
    head: str | None = None  # the name without its period, normalized, to compare mentions


@dataclass(frozen=True, slots=True)
class Context:
    """What the extractor knows about the document itself."""

    own_numbers: frozenset[str]
    own_title: str | None
    doc_type: str | None
    province: str | None
    segments: tuple[Span, ...]


# ---------------------------------------------------------------- helpers


_SPACED_DASH = regex.compile(r"\s*-\s*")
_SPACE = regex.compile(r"\s")


def _norm(s: str) -> str:
    """Comparable form of a name: lower case, one space, dashes spaced the same way."""
    s = _SPACED_DASH.sub(" - ", s.lower())
    return " ".join(s.replace('"', " ").split()).strip(" .,;:")


def _similar(a: str, b: str, at_least: float) -> bool:
    """Is the similarity ratio of ``a`` and ``b`` at least ``at_least``? The quick upper bounds
    tell most pairs apart without the full match."""
    m = SequenceMatcher(None, a, b, autojunk=False)
    return (m.real_quick_ratio() >= at_least and m.quick_ratio() >= at_least
            and m.ratio() >= at_least)


def _capitalized(s: str) -> bool:
    return bool(s) and s[0].isupper()


def _cap_first(s: str) -> str:
    return s[:1].upper() + s[1:]


def segments(doc: Document) -> tuple[Span, ...]:
    """Lines of paragraphs and table cells, sorted: the spans a mention never crosses."""
    out: list[Span] = []
    for b in doc.blocks:
        if b.hints.region == "trailer":  # a website's text after the document
            break
        if b.kind == "table" and b.rows:
            out.extend((c.start, c.end) for row in b.rows for c in row)
            continue
        pos = b.start
        for line in doc.text[b.start:b.end].split("\n"):
            out.append((pos, pos + len(line)))
            pos += len(line) + 1
    return tuple(sorted(out))


def segment_at(spans: tuple[Span, ...] | list[Span], pos: int) -> Span:
    """The segment of ``spans`` holding ``pos`` (an empty span at ``pos`` if none)."""
    i = bisect.bisect_right(spans, (pos, 1 << 62)) - 1
    if i >= 0 and spans[i][0] <= pos <= spans[i][1]:
        return spans[i]
    return (pos, pos)


def _inside(spans: list[Span], pos: int) -> bool:
    return any(s <= pos < e for s, e in spans)


# ---------------------------------------------------------------- the document itself


def _context(doc: Document) -> Context:
    md = doc.metadata
    number = getattr(md, "number", None)
    own = frozenset({regex.sub(r"\s+", "", number).casefold()} if number else ())
    return Context(own_numbers=own,
                   own_title=getattr(md, "title", None) or guess_title(doc),
                   doc_type=getattr(md, "doc_type", None),
                   province=getattr(md, "province", None) or _guess_province(doc),
                   segments=segments(doc))


def guess_title(doc: Document) -> str | None:
    """The trích yếu when metadata has none: the block after a heading that is a type word
    ("KẾ HOẠCH" / "Hoạt động của Ban … năm 2024")."""
    types = rules().types
    paras = doc.paragraphs()[:14]
    for b, nxt in pairwise(paras):
        t = b.text.strip(" *#")
        if t.isupper() and t.lower() in types:
            return nxt.text.strip(" *#")
    return None


def _guess_province(doc: Document) -> str | None:
    """The province named most often as "tỉnh X" in the first blocks (when metadata has none)."""
    counts: dict[str, int] = {}
    for m in rules().rx["province-guess"].finditer(doc.folded[:4000]):
        counts[m.group("place")] = counts.get(m.group("place"), 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


def _is_own(ctx: Context, t: TypeWord, word: str, name: str) -> bool:
    """Is this named mention the document itself? Its title issues or approves it ("Về việc ban
    hành Kế hoạch X" and "Kế hoạch X"), or it has the document's type and title ("Kế hoạch thực
    hiện lộ trình …" in the plan titled "Thực hiện lộ trình …")."""
    if not ctx.own_title:
        return False
    title, mention = _norm(ctx.own_title), _norm(name)
    at = title.find(mention)
    if at >= 0 and rules().rx["approves"].search(title[:at]):
        return True
    if t.slug != ctx.doc_type:
        return False
    body = _norm(name[len(word):])
    return title.startswith(body) or body.startswith(title) or _similar(body, title, OWN_TITLE)


# ---------------------------------------------------------------- numbers and symbols


def _fix_symbol(r: Rules, symbol: str) -> str:
    """The standard spelling of a state symbol: "ND-CP" -> "NĐ-CP", "CT-TTG" -> "CT-TTg",
    "NĐCP" -> "NĐ-CP" (a type abbreviation glued to a national issuer)."""
    parts = symbol.split("-")
    parts[0] = r.symbol_fixes.get(parts[0], parts[0])
    if len(parts) == 1 and parts[0] not in r.symbol_types:
        for cut in range(1, len(parts[0])):
            head, tail = parts[0][:cut], parts[0][cut:]
            if head in r.symbol_types and tail.casefold() in r.national:
                parts = [head, tail]
                break
    return "-".join([parts[0]] + [r.national.get(p.casefold(), p) for p in parts[1:]])


def _symbol_slug(r: Rules, symbol: str, party: bool) -> str:
    """The type a symbol's abbreviation says: QĐ -> decision, QH11 -> law, UBND-VX -> letter."""
    first = symbol.split("/")[0] if party else symbol.split("-")[0]
    if first in r.symbol_types:
        return r.symbol_types[first]
    return r.symbol_types.get(regex.sub(r"\d+$", "", first), r.symbol_default)


def _issuer_code(r: Rules, symbol: str, party: bool) -> str:
    """The issuing body's code in a symbol: UBND in QĐ-UBND, TW in NQ/TW, UBND in UBND-VX."""
    if party:
        return symbol.split("/")[-1].split("-")[0]
    parts = symbol.split("-")
    first = _TRAILING_DIGITS.sub("", parts[0])
    if len(parts) > 1 and (parts[0] in r.symbol_types or first in r.symbol_types):
        return parts[1]
    return first


def _number_matches(folded: str) -> list[tuple[Any, bool]]:
    """Every number, state and Party forms, leftmost-longest: (match, is_party)."""
    r = rules()
    found = [(m, False) for m in r.rx["number-state"].finditer(folded)]
    found += [(m, True) for m in r.rx["number-party"].finditer(folded)]
    found.sort(key=lambda t: (t[0].start(), -t[0].end()))
    out: list[tuple[Any, bool]] = []
    last_end = -1
    for m, party in found:
        if m.start() >= last_end:
            out.append((m, party))
            last_end = m.end()
    return out


def _number(r: Rules, m: Any, party: bool) -> tuple[str, str, tuple[str, ...], bool]:
    """(number, symbol, key_alt, is_party) of a number match, in canonical spelling.

    "02 /QĐ-BVSTBCPN" -> 02/QĐ-BVSTBCPN; "26/NQ-TW" (a misprinted Party number) -> 26-NQ/TW
    with the printed form in key_alt; "166/2025/ND-CP" -> 166/2025/NĐ-CP.
    """
    num, year = m.group("num"), None if party else m.group("year")
    printed_symbol = _SPACES.sub("", m.group("symbol"))
    if party:
        number = f"{num}-{printed_symbol}"
        return number, printed_symbol, (), True
    symbol = _fix_symbol(r, printed_symbol)
    printed = "/".join(x for x in (num, year, printed_symbol) if x)
    parts = symbol.split("-")
    if year is None and len(parts) == 2 and parts[0] in r.party_types \
            and parts[1] in r.party_issuers:
        return f"{num}-{parts[0]}/{parts[1]}", f"{parts[0]}/{parts[1]}", (printed,), True
    number = "/".join(x for x in (num, year, symbol) if x)
    return number, symbol, (printed,) if number != printed else (), False


# ---------------------------------------------------------------- numbered mentions


def _head(folded: str, lo: int, pos: int) -> tuple[int, TypeWord | None, str | None]:
    """The start of the head before a number at ``pos``, its type word and a law's name.

    "Quyết định số 1124/…" -> the type word; "Luật Đất đai số 31/2024/QH15" -> Luật, "Đất đai"
    (also through an amended law: "Luật Sửa đổi … một số điều của Luật X số 87/2025/QH15");
    "…: số 02/2017/TT-VPCP" -> no type word, the head starts at "số".
    """
    r = rules()
    window_lo = max(lo, pos - MAX_HEAD)
    window = folded[window_lo:pos]
    cut = max(window.rfind(";"), window.rfind(". "), window.rfind("|"), window.rfind("\n"))
    if cut >= 0:
        window_lo += cut + 1
        window = folded[window_lo:pos]
    words = list(r.type_rx.finditer(window))

    def amended(w: Any) -> bool:  # "… một số điều (của) Luật X": inside an amending law's name
        return bool(r.rx["amend-of"].search(window, 0, w.start()))

    best: tuple[int, TypeWord | None, str | None] | None = None
    for i in range(len(words) - 1, -1, -1):
        m = words[i]
        tw = r.types[m.group().lower()]
        gap = window[m.end():]
        if best is None and r.rx["head-number"].match(gap):
            best = (window_lo + m.start(), tw, None)
        named = r.rx["head-named-number"].match(gap)
        if named and tw.named == "title" and _capitalized(m.group()) and all(
                not _capitalized(w.group()) or amended(w) for w in words[i + 1:]):
            best = (window_lo + m.start(), tw, named.group("name").strip())
        if _capitalized(m.group()) and not amended(m):
            break
    if best is not None:
        return best
    so = r.rx["bare-number-head"].search(window)
    if so:
        return window_lo + so.start("so"), None, None
    return pos, None, None


def _find_numbered(doc: Document, ctx: Context) -> list[Mention]:
    r = rules()
    f = doc.folded
    out: list[Mention] = []
    for m, party in _number_matches(f):
        lo, hi = segment_at(ctx.segments, m.start())
        head_start, tw, law_name = _head(f, lo, m.start())
        if tw is None and r.rx["own-header"].search(f, lo, m.start()):
            continue
        if r.rx["attached"].search(f, lo, head_start):
            continue
        number, symbol, key_alt, is_party = _number(r, m, party)
        if number.casefold() in ctx.own_numbers:
            continue
        slug = tw.slug if tw is not None and tw.slug else _symbol_slug(r, symbol, is_party)
        year = None if party else m.group("year")
        mention = Mention(start=head_start, end=m.end(), type=slug, number=number,
                          key_alt=key_alt, symbol=symbol, year=int(year) if year else None,
                          name=f"{tw.word} {law_name}" if tw is not None and law_name else None,
                          consumed=((head_start, m.end()),))
        _tail(doc, mention, m.end(), hi)
        if mention.issuer is None:  # "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số …"
            before = r.rx["proposed-by"].search(f, lo, head_start)
            if before is not None:
                mention.issuer = doc.text[before.start("issuer"):before.end("issuer")]
        out.append(mention)
    _cut_at_siblings(doc, out)
    return out


def _issuer_end(f: str, start: int, hi: int) -> int:
    """Where an issuer that starts at ``start`` ends: at its stop word, or before the next
    instrument of a list ("của Chính phủ và Chương trình số 2 …")."""
    r = rules()
    limit = min(hi, start + MAX_ISSUER)
    stop = r.rx["issuer-stop"].search(f, start, limit)
    end = stop.start() if stop else limit
    for tw in r.type_rx.finditer(f, start, limit):  # a type word a stop word cuts: "Chương
        if tw.start() >= end:  # | trình hành động" ("trình" also means "submit")
            break
        if _capitalized(tw.group()) and r.rx["sibling"].search(f, start, tw.start()):
            return r.rx["sibling"].search(f, start, tw.start()).start()
    return end


def _tail(doc: Document, mention: Mention, pos: int, hi: int) -> None:
    """Read the date, issuer (either order) and subject after a mention's number into it."""
    r = rules()
    f = doc.folded
    end = pos
    for _ in range(2):
        cue = r.rx["date-cue"].match(f, pos, hi) if mention.date is None else None
        d = dates.at(f, cue.end(), CITATION_DATE) if cue else None
        if d is not None and cue is not None and d.start == cue.end():
            mention.date, pos = d.iso, d.end
            end = pos
            continue
        cue = r.rx["issuer-cue"].match(f, pos, hi) if mention.issuer is None else None
        if cue:
            issuer_end = _issuer_end(f, cue.end(), hi)
            issuer = doc.text[cue.end():issuer_end].strip(" ,")
            if issuer:
                mention.issuer, pos = issuer, issuer_end
                end = pos
                continue
        break
    intro = r.rx["subject-intro"].match(f, pos, hi)
    if intro:
        start = intro.start("intro")
        stop = r.rx["subject-stop"].search(f, start, min(hi, start + MAX_SUBJECT))
        end = stop.start() if stop else min(hi, start + MAX_SUBJECT)
        mention.subject, mention.subject_start = doc.text[start:end].strip(" ,"), start
    mention.end = max(mention.end, end)


def _cut_at_siblings(doc: Document, mentions: list[Mention]) -> None:
    """End a mention where the next mention of a list starts:
    "… về việc kiện toàn Ban …, Quyết định số 1541/…" ends before ", Quyết định"."""
    sibling = rules().rx["sibling"]
    for i, a in enumerate(mentions):
        number_end = a.consumed[0][1]
        for b in mentions[i + 1:]:
            if b.start >= a.end:
                break
            sib = sibling.search(doc.folded, number_end, b.start) if b.start > number_end else None
            if sib is None:
                continue
            a.end = sib.start()
            if a.subject_start is not None:
                a.subject = doc.text[a.subject_start:a.end].strip(" ,") or None
            break


# ---------------------------------------------------------------- named mentions


def _idiom_comma(r: Rules, f: str, comma: int) -> bool:
    before = f[max(0, comma - 30):comma].lower()
    after = f[comma + 1: comma + 31].lower().lstrip()
    return any(before.endswith(a) and after.startswith(b) for a, b in r.comma_idioms)


def _hard_stop(f: str, start: int, hi: int, law: bool, quoted: bool) -> int:
    """The first place an unquoted name cannot run past: a stop word or punctuation, a law's
    subject, or the next instrument of a list."""
    r = rules()
    hard = hi
    pos = start if quoted else max(0, start - 1)  # a stop right after the type word: no name
    while (stop := r.rx["name-stop"].search(f, pos, hi)) is not None:
        of = f[stop.start():stop.end()].strip().startswith("của")
        if of and (r.rx["amend-of"].search(f, max(start, stop.start() - 40), stop.start())
                   or (law and r.rx["law-word"].match(f, stop.end(), hi))):
            pos = stop.end()  # "Luật Sửa đổi … một số điều của Luật X" goes on
            continue
        hard = stop.start()
        break
    if law and (ls := r.rx["law-stop"].search(f, start, hard)):
        hard = ls.start()
    for tw in r.type_rx.finditer(f, start, hard):
        if _capitalized(tw.group()) and (sib := r.rx["sibling"].search(f, start, tw.start())):
            return sib.start()
    return hard


def _name_end(f: str, start: int, hi: int, law: bool, quoted: bool = False
              ) -> tuple[int, str | None, int]:
    """Where an unquoted name starting at ``start`` ends.

    Returns (end of the name text, its period phrase if any, end of the mention): a period
    phrase ("giai đoạn 2021-2030") ends a name; else the first of a stop word, a locality
    ("trên địa bàn …"), the next instrument of a list, or a comma that is not part of an idiom
    ("Luật Phòng, chống …"). A locality followed by a period keeps the period:
    "Chương trình X trên địa bàn tỉnh Y giai đoạn 2021-2025" -> "Chương trình X giai đoạn
    2021-2025".
    """
    r = rules()
    hard = _hard_stop(f, start, hi, law, quoted)
    loc = r.rx["locality"].search(f, start, hard)
    limit = loc.start() if loc else hard
    for m in _SPACE.finditer(f, start, limit + 1):
        p = r.rx["period"].match(f, m.start(), hi)
        if p:
            return p.end(), f[p.start():p.end()].strip(" ,"), p.end()
    if loc is not None:
        place = r.rx["locality-place"].match(f, loc.end(), hard)
        after = place.end() if place else loc.end()
        if f[after - 1:after] == " ":
            after -= 1
        p = r.rx["period"].match(f, after, hard)
        if p:
            return loc.start(), f[p.start():p.end()].strip(" ,"), p.end()
        return loc.start(), None, loc.start()
    comma = f.find(",", start, hard)
    while comma >= 0:
        if not _idiom_comma(r, f, comma):
            return comma, None, comma
        comma = f.find(",", comma + 1, hard)
    return hard, None, hard


def _caps_end(f: str, start: int, hi: int) -> tuple[int, str | None, int]:
    """(end of the name, its period phrase if any, end of the mention) of an all-caps name:
    "LUẬT BẢO HIỂM TIỀN GỬI" up to the first word in lower case or a stop word ("DO", "CỦA").
    "SỐ" stops it only before a number and "VÀ" only before the next instrument ("… DÂN TỘC
    THIỂU SỐ VÀ MIỀN NÚI"); a period phrase ends it and is kept ("GIAI ĐOẠN 2021-2030")."""
    r = rules()
    stops = r.caps_stops
    end = start
    for m in regex.finditer(r"\S+", f[start:hi]):
        w = m.group().strip(",")
        at = start + m.start()
        if w == "-":
            continue
        p = r.rx["period"].match(f, at - 1, hi) if f[at - 1 : at].isspace() else None
        if p:
            return end, f[p.start():p.end()].strip(" ,"), p.end()
        low = w.lower()
        if low == "số" and not _CAPS_NUMBER.match(f, start + m.end(), hi):
            low = ""  # "THIỂU SỐ": a word of the name
        elif low == "và" and not r.type_rx.match(f, start + m.end() + 1, hi):
            low = ""  # "… VÀ MIỀN NÚI"
        if not w.isupper() or low in stops:
            break
        end = start + m.end()
        if m.group().endswith(","):
            break
    return end, None, end


_CAPS_NUMBER = regex.compile(r"\s*:?\s*\d")


def _generic(r: Rules, body: str, head: str) -> bool:
    """A name that names a kind, not an instrument ("công tác năm 2024", "mục tiêu quốc gia")."""
    b = body.lower().strip()
    return (any(b == g or b.startswith(g + " ") for g in r.generic_heads)
            or head in r.generic_names or len(head.split()) < 2)


def _implementing(f: str, pos: int, hi: int) -> bool:
    """"Kế hoạch (triển khai) thực hiện Chiến lược …" names the instrument it implements."""
    r = rules()
    m = r.type_rx.search(f, pos, min(hi, pos + TYPE_LOOKAHEAD))
    return m is not None and r.rx["implementing"].match(f[pos:m.start()]) is not None


def _find_named(doc: Document, ctx: Context, numbered: list[Mention]) -> list[Mention]:
    r = rules()
    f = doc.folded
    taken: list[Span] = [s for m in numbered for s in m.consumed]
    subjects = [(m.consumed[0][1], m.end) for m in numbered if m.subject]
    out: list[Mention] = []
    for tw in r.type_rx.finditer(f):
        if _inside(taken, tw.start()):
            continue
        t = r.types[tw.group().lower()]
        lo, hi = segment_at(ctx.segments, tw.start())
        if r.rx["own-ref"].match(f, tw.end(), hi):
            continue
        near = max(lo, tw.start() - LOOKBEHIND)  # both rules look at the words just before
        if r.rx["plural"].search(f, near, tw.start()) or \
                r.rx["proper-before"].search(f, near, tw.start()):
            continue
        ref = r.rx["back-ref"].match(f, tw.end(), hi)
        if ref and t.slug:
            out.append(Mention(start=tw.start(), end=ref.end(), type=t.slug, backref=True))
            continue
        if t.named == "never" or t.slug is None:
            continue
        mention = _named(doc, ctx, t, tw, hi)
        if mention is None:
            continue
        taken.extend(mention.consumed)
        subject = next((s for s in subjects if s[0] <= tw.start() < s[1]), None)
        if subject and r.rx["approves"].search(f, subject[0], tw.start()):
            continue  # "… phê duyệt Chương trình X": the cited decision's own content
        out.append(mention)
    return out


def _named(doc: Document, ctx: Context, t: TypeWord, tw: Any, hi: int) -> Mention | None:
    """A named (numberless) mention starting with type word ``tw``, or ``None``."""
    r = rules()
    f = doc.folded
    word = doc.text[tw.start():tw.end()]
    pos = tw.end()
    label = None
    lab = r.rx["project-label"].match(f, pos, hi) if t.label else None
    if lab:
        label = f"{_cap_first(word)} {lab.group('n')}"
        if lab.group("parent"):
            label += " của " + _cap_first(doc.text[lab.start("parent"):lab.end("parent")])
        pos = lab.end()
    q = r.rx["quote-title"].match(f, pos, hi)
    deferred = False
    if q is None and label is not None:
        # "tiểu dự án 2 của Dự án 9 thuộc Chương trình … về "Giảm thiểu …""
        q = r.rx["deferred-title"].match(f, pos, hi)
        deferred = q is not None
    if q is not None:
        found = _quoted(doc, q, hi)
        if found is None:
            return None
        title, period, end = found
        name = f"{label}: {title}" if label else f"{_cap_first(word)} {title}"
        if period:
            name = f"{name} {period}"
        head = _norm(title)
        # a deferred title leaves the programme between label and title free to be cited
        consumed = [(tw.start(), pos), (q.end() - 1, end)] if deferred else [(tw.start(), end)]
    elif label is not None:
        if not _capitalized(word) and "của" not in label:
            return None
        name, head, period, end = label, _norm(label), None, pos
        consumed = [(tw.start(), end)]
    else:
        found_body = _body(doc, t, word, pos, hi)
        if found_body is None:
            return None
        name, head, period, end = found_body
        consumed = [(tw.start(), end)]
    if _is_own(ctx, t, word, name):
        return None
    mention = Mention(start=tw.start(), end=end, type=t.slug or "other", name=name,
                      period=period, head=head, consumed=tuple(consumed))
    if t.named == "title":
        _law_date(doc, mention, hi)
    return mention


def _quoted(doc: Document, q: Any, hi: int) -> tuple[str, str | None, int] | None:
    """(title, period, end) of a quoted title whose opening quote ``q`` matched; a missing
    closing quote ends the title where an unquoted name would end."""
    r = rules()
    f = doc.folded
    clause_end = r.rx["clause-end"].search(f, q.end(), hi)
    close = f.find('"', q.end(), clause_end.start() if clause_end else hi)
    if close >= 0:
        title, end = doc.text[q.end():close].strip(), close + 1
    else:
        stop, _, _ = _name_end(f, q.end(), hi, law=False, quoted=True)
        title, end = doc.text[q.end():stop].strip(), stop
    if not title:
        return None
    period = None
    p = r.rx["period"].match(f, end, hi)
    if p and not r.rx["year-span-end"].search(title):
        period, end = f[p.start():p.end()].strip(" ,"), p.end()
    return title, period, end


def _body(doc: Document, t: TypeWord, word: str, pos: int, hi: int
          ) -> tuple[str, str, str | None, int] | None:
    """(name, head, period, end) of an unquoted name after type word ``word``, or ``None`` when
    the type's rule says this is no named instrument."""
    r = rules()
    f = doc.folded
    if t.named not in ("title", "proper", "marked") or not _capitalized(word):
        return None
    if not f[pos:pos + 1].isspace() or _implementing(f, pos, hi):
        return None
    body_start = pos + 1
    if t.named == "title" and not (f[body_start:body_start + 1].isupper()
                                   or f[body_start:].lower().startswith("sửa đổi")):
        return None
    if word.isupper():
        name_end, period, end = _caps_end(f, body_start, hi)
    else:
        name_end, period, end = _name_end(f, body_start, hi, law=t.named == "title")
    body = r.rx["cell-break"].sub(" ", doc.text[body_start:name_end]).strip(" ,")
    if not body or len(body.split()) > MAX_NAME_WORDS:
        return None
    head = _norm(r.rx["period-any"].sub("", body))
    national = r.rx["national-scope"].match(f, pos, hi) is not None
    if t.named in ("proper", "marked"):
        if _generic(r, body, head):
            return None
        if period is None and not national and len(head.split()) < MIN_BARE_NAME_WORDS:
            return None
    if t.named == "marked" and period is None and not national:
        return None
    name = f"{_cap_first(word)} {body}"
    if period and not body.endswith(period):
        name = f"{name} {period}"
    return name, head, period, end


def _law_date(doc: Document, mention: Mention, hi: int) -> None:
    """A named law's date: "Luật Quy hoạch ngày 24 tháng 11 năm 2017", "… năm 2025", "… 2015"."""
    r = rules()
    f = doc.folded
    cue = r.rx["date-cue"].match(f, mention.end, hi)
    if cue:
        d = dates.at(f, cue.end(), CITATION_DATE)
        if d is not None and d.start == cue.end():
            mention.date, mention.end = d.iso, d.end
            return
    y = r.rx["year-cue"].match(f, mention.end, hi) or r.rx["law-year"].match(f, mention.end, hi)
    if y:
        mention.date, mention.end = y.group("year"), y.end()


# ---------------------------------------------------------------- resolution


def _same_named(a: Mention, b: Mention) -> bool:
    """Two named mentions of one instrument: the same name, one without its period or cut
    short ("Chương trình mục tiêu quốc gia X" / "… X giai đoạn 2021-2030"), or a spelling
    variant ("đảm bảo" / "bảo đảm"). Different periods are different instruments."""
    if a.type != b.type or not a.head or not b.head:
        return False
    if a.period is not None and b.period is not None and _norm(a.period) != _norm(b.period):
        return False
    if a.head == b.head:
        return True
    short, long_ = sorted((a.head, b.head), key=len)
    if long_.startswith(short + " ") and len(short.split()) >= MIN_PREFIX_WORDS:
        return True
    return _similar(_norm(a.name or ""), _norm(b.name or ""), SAME_NAME)


def _resolve(mentions: list[Mention]) -> None:
    """Keys, back-references and ``refers_to`` (indices into ``mentions``, in order)."""
    for m in mentions:
        if not m.backref:
            m.key = m.number if m.number else f"{m.type}:{m.name}".lower()
    # numbered: one instrument per (number, date) — the same number with another date is
    # another year's or another issuer's instrument (NĐ 30/2020 Điều 15); a mention without a
    # date refers to the first dated one
    dated: dict[tuple[str, str], int] = {}
    first: dict[str, int] = {}
    for i, m in enumerate(mentions):
        if m.number and not m.backref:
            k = m.key.casefold()
            if m.date is not None:
                dated.setdefault((k, m.date), i)
                first.setdefault(k + "@dated", i)
            first.setdefault(k, i)

    def full_of(i: int, m: Mention) -> int:
        k = m.key.casefold()
        if m.date is not None:
            return dated[(k, m.date)]
        return first.get(k + "@dated", first[k])

    named_full: list[int] = []
    for i, m in enumerate(mentions):
        if m.backref:
            ref = next((j for j in range(i - 1, -1, -1)
                        if mentions[j].type == m.type and not mentions[j].backref), None)
            if ref is not None:
                target = mentions[ref].refers_to
                target = ref if target is None else target
                _copy_identity(m, mentions[target], target)
        elif m.number:
            full = full_of(i, m)
            if full != i:
                m.refers_to = full
                m.date = m.date or mentions[full].date
        else:
            same = next((j for j in named_full if _same_named(mentions[j], m)), None)
            if same is None:
                named_full.append(i)
            else:
                m.refers_to, m.key, m.name = same, mentions[same].key, mentions[same].name


def _copy_identity(m: Mention, full: Mention, index: int) -> None:
    m.key, m.number, m.name, m.key_alt = full.key, full.number, full.name, full.key_alt
    m.date, m.year, m.symbol, m.refers_to = full.date, full.year, full.symbol, index


def _instrument_id(r: Rules, m: Mention, ctx: Context, mentions: list[Mention]) -> str:
    """key@year[@locality]: numbers restart every year for every issuer (NĐ 30/2020 Điều 15),
    and a local issuer code (UBND, TU, BVSTBCPN …) recurs in every province."""
    full = mentions[m.refers_to] if m.refers_to is not None else m
    year = full.year or (int(full.date[:4]) if full.date and full.date[:1].isdigit() else None)
    out = f"{m.key}@{year}" if year else m.key
    if not full.number or not full.symbol:
        return out
    code = _issuer_code(r, full.symbol, "/" in full.symbol)
    if code.casefold() in r.national or r.national_qh.match(code):
        return out
    place = _locality(r, full.issuer, ctx)
    return f"{out}@{place}" if place else out


def _canonical_place(name: str) -> str:
    """A province as the gazetteer writes it ("Khánh Hoà" -> "Khánh Hòa"), else folded."""
    prov = places.province(name)
    return prov.name if prov is not None else fold(name)


def _locality(r: Rules, issuer: str | None, ctx: Context) -> str | None:
    """The place an issuer names ("UBND tỉnh Cao Bằng" -> Cao Bằng; a district with its
    province), else the document's own province ("UBND tỉnh", "Tỉnh ủy" unqualified)."""
    m = r.rx["place"].search(issuer) if issuer else None
    if m is None:
        return ctx.province
    place = _canonical_place(m.group("place"))
    level = m.group().split()[0].lower()
    if level in ("huyện", "quận", "xã", "phường") and ctx.province and place != ctx.province:
        return f"{place}, {ctx.province}"
    return place


def _trim(text: str, start: int, end: int) -> Span:
    """The span without the spaces and list punctuation at its ends."""
    while start < end and text[start] in " ,;":
        start += 1
    while end > start and text[end - 1] in " ,;":
        end -= 1
    return start, end


def extract(doc: Document) -> tuple[Citation, ...]:
    """Every citation in ``doc`` (see the module docstring).

    "Thực hiện Kế hoạch số 58/KH-BVSTBCPN ngày 04/04/2024 của Ban … huyện Hà Trung về …"
    -> Citation(type="plan", number="58/KH-BVSTBCPN", key="58/KH-BVSTBCPN", date="2024-04-04",
                issuer="Ban … huyện Hà Trung", …)
    """
    r = rules()
    ctx = _context(doc)
    numbered = _find_numbered(doc, ctx)
    end = body_end(doc)  # none in a website's text after the document
    mentions = sorted((m for m in numbered + _find_named(doc, ctx, numbered) if m.start < end),
                      key=lambda m: m.start)
    _resolve(mentions)
    kept = [i for i, m in enumerate(mentions) if m.key]  # a back-reference to nothing is dropped
    index = {old: new for new, old in enumerate(kept)}
    out = []
    for i in kept:
        m = mentions[i]
        start, end = _trim(doc.text, m.start, max(m.end, m.start))
        out.append(Citation(
            text=doc.text[start:end], type=m.type, number=m.number, name=m.name, key=m.key,
            date=m.date, issuer=m.issuer, section=section_at(doc.sections, start),
            span=(start, end), page=doc.page_at(start), subject=m.subject,
            instrument_id=_instrument_id(r, m, ctx, mentions),
            refers_to=index.get(m.refers_to) if m.refers_to is not None else None,
            key_alt=m.key_alt,
        ))
    return tuple(out)

