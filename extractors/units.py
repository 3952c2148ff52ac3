"""Responsible units: canonical names, and finding government bodies and roles in text.

``canonical`` expands the abbreviations of ``models/gazetteers/abbreviations.tsv`` and unifies
spelling. ``find_units`` recognizes the bodies a text names: the gazetteer
``models/gazetteers/units.tsv`` through spaCy's ``PhraseMatcher`` (over a blank multilingual
pipeline, no model download), and the word classes of ``models/patterns/units.yaml`` for the
open-ended rest — a unit is ``[determiner] [role …] core [tail …]``::

    các đồng chí | Trưởng | Ban Vì sự tiến bộ của phụ nữ | các đơn vị được kiểm tra
    Ủy ban nhân dân | huyện, thành phố
    Văn phòng Ủy ban nhân dân | tỉnh | - phòng Dân tộc thuộc Ủy ban nhân dân tỉnh

A list ("Sở Tài chính, Sở Y tế và Công an tỉnh") gives one unit per body; a generic collective
("các Sở, ban, ngành, đoàn thể tỉnh") stays whole. Matching runs on the folded text with the
abbreviations expanded; every span maps back to the text as given.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import regex

from extractors.common import trie
from models.load import data, gazetteer
from pipeline import textmap

# ------------------------------------------------------------------------------- spelling

_BOUND_L = r"(?<![\p{L}\p{N}])"
_BOUND_R = r"(?![\p{L}\p{N}])"
_RE_BOUND_L = r"(?<![^\W_])"  # the same bounds for the re module (a letter or digit: \w but _)
_RE_BOUND_R = r"(?![^\W_])"
_CAPS = regex.compile(_BOUND_L + r"\p{Lu}{3,}" + _BOUND_R)
_DOUBLE = regex.compile(r"(\p{Lu})\1+")
_CAPS_HINT = regex.compile(r"(\p{Lu})\1")  # what a doubled-letter form needs: "UBNNND"
_DOUBLE_VN = regex.compile(r"Việt Nam(?:\s+(?:Việt Nam|VN))+" + _BOUND_R)
_EDGE = regex.compile(r"^[\s\-+•*.,;:/]+|[\s\-+•*.,;:/]+$")


def fold(text: str) -> str:
    """Old-style tone placement unified at the end of a syllable only, dashes made ``-``; the
    result has the same length as ``text``.

    >>> fold("Uỷ ban nhân dân tỉnh Khánh Hoà, Kế hoạch – 2024")
    'Ủy ban nhân dân tỉnh Khánh Hòa, Kế hoạch - 2024'
    """
    return textmap.fold(unicodedata.normalize("NFC", text))


def _form_atoms(form: str) -> list[str]:
    """A printed abbreviation as regex atoms: any spacing, optional spaces around ``- & ,``."""
    out: list[str] = []
    for ch in form:
        if ch == " ":
            if not (out and out[-1].startswith(r"\s*")):  # "LĐ - TB": the dash's own spaces
                out.append(r"\s+")
        elif ch in "-&,":
            if out and out[-1] == r"\s+":
                out.pop()
            out.append(r"\s*" + re.escape(ch) + r"\s*")
        else:
            out.append(re.escape(ch))
    return out


def _form_key(text: str) -> str:
    return "".join(text.split())


@cache
def _abbreviations() -> tuple[re.Pattern, dict[str, str], dict[str, str]]:
    """The regex of every form (exact-case forms, then case-free ones, each a trie: the
    longest form wins), and the expansion of each form by its key (spaces removed; case
    folded for the case-free forms)."""
    exact: dict[str, str] = {}
    anycase: dict[str, str] = {}
    atoms: dict[bool, list[list[str]]] = {True: [], False: []}
    for r in gazetteer("abbreviations"):
        form = textmap.canonical(r["form"])
        is_exact = r.get("case", "exact") == "exact"
        table, key = (exact, _form_key(form)) if is_exact else (anycase, _form_key(form).casefold())
        if table.get(key, r["expansion"]) != r["expansion"]:
            raise ValueError(f"abbreviations: {r['form']!r} has the key of another form")
        table[key] = r["expansion"]
        atoms[is_exact].append(_form_atoms(form))
    rx = re.compile(
        _RE_BOUND_L + f"(?:(?P<exact>{trie(atoms[True])})|(?P<any>(?i:{trie(atoms[False])})))"
        + _RE_BOUND_R
    )
    return rx, exact, anycase


def _expansions(folded: str) -> list[tuple[int, int, str]]:
    """(start, end, expansion) of every abbreviation in folded text, in order."""
    rx, exact, anycase = _abbreviations()
    spans = [
        (m.start(), m.end(),
         exact[_form_key(m.group())] if m.lastgroup == "exact"
         else anycase[_form_key(m.group()).casefold()])
        for m in rx.finditer(folded)
    ]
    if not _CAPS_HINT.search(folded):
        return spans
    taken = [(s, e) for s, e, _ in spans]
    for m in _CAPS.finditer(folded):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        collapsed = _DOUBLE.sub(r"\1", m.group())
        if collapsed != m.group() and collapsed in exact:
            spans.append((m.start(), m.end(), exact[collapsed]))
    return sorted(spans)


@lru_cache(maxsize=4096)  # a document names the same units again and again
def canonical(name: str) -> str:
    """The canonical form of a unit name: abbreviations expanded, spelling unified.

    >>> canonical("Sở LĐ-TB&XH")
    'Sở Lao động - Thương binh và Xã hội'
    >>> canonical("Uỷ ban MTTQ Việt Nam tỉnh")
    'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh'
    >>> canonical("Ban VSTBCPN  tỉnh")
    'Ban Vì sự tiến bộ của phụ nữ tỉnh'
    """
    f = fold(name)
    out, pos = [], 0
    for s, e, exp in _expansions(f):
        out.append(f[pos:s])
        out.append(exp)
        pos = e
    out.append(f[pos:])
    s2 = _DOUBLE_VN.sub("Việt Nam", textmap.canonical("".join(out)))
    return _EDGE.sub("", s2)


# ------------------------------------------------------------------------------- expansion map


@dataclass(frozen=True, slots=True)
class _Expanded:
    """Folded text with abbreviations expanded; ``starts``/``ends`` map each character back."""

    text: str
    starts: Sequence[int]  # a range when nothing was expanded
    ends: Sequence[int]


def _expand(text: str) -> _Expanded:
    f = fold(text)
    found = _expansions(f)
    if not found:  # most paragraphs: the folded text itself, offsets one for one
        return _Expanded(f, range(len(f)), range(1, len(f) + 1))
    chunks: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for s, e, exp in found:
        chunks.append(f[pos:s])
        starts.extend(range(pos, s))
        ends.extend(range(pos + 1, s + 1))
        chunks.append(exp)
        starts.extend([s] * len(exp))
        ends.extend([e] * len(exp))
        pos = e
    chunks.append(f[pos:])
    starts.extend(range(pos, len(f)))
    ends.extend(range(pos + 1, len(f) + 1))
    return _Expanded("".join(chunks), tuple(starts), tuple(ends))


# ------------------------------------------------------------------------------- lexicon

_TOKEN = regex.compile(r"[\p{L}\p{M}]+|\d+(?:[.,/]\d+)*|\S")


class _Toks:
    """The tokens of a text as parallel lists (thousands per document: no object per token)."""

    __slots__ = ("texts", "lows", "starts", "ends", "caps", "words", "n")

    def __init__(self, text: str) -> None:
        texts = _TOKEN.findall(text)
        starts: list[int] = []
        pos, find = 0, text.find
        for t in texts:  # only spaces lie between tokens: each is the next occurrence
            pos = find(t, pos)
            starts.append(pos)
            pos += len(t)
        self.texts = texts
        self.lows = [t.lower() for t in texts]
        self.starts = starts
        self.ends = [s + len(t) for s, t in zip(starts, texts)]
        self.caps = [t[0].isupper() for t in texts]
        self.words = [t[0].isalpha() for t in texts]
        self.n = len(texts)


def _lows(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text)]


class _Phrases:
    """Multi-word phrases keyed by their first token; ``end(lows, i)`` is the index after the
    longest phrase starting at ``i`` (``i`` itself when none does)."""

    def __init__(self, phrases: list[str]) -> None:
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for p in phrases:
            words = tuple(_lows(fold(str(p))))
            if words:
                self.by_first.setdefault(words[0], []).append(words)
        for v in self.by_first.values():
            v.sort(key=len, reverse=True)

    def end(self, lows: list[str], i: int) -> int:
        if i >= len(lows):
            return i
        for words in self.by_first.get(lows[i], ()):
            n = len(words)
            if i + n <= len(lows) and all(lows[i + k] == words[k] for k in range(1, n)):
                return i + n
        return i


@dataclass(frozen=True, slots=True)
class _Lexicon:
    determiners: _Phrases
    heads: _Phrases
    lower_heads: _Phrases
    bare_heads: _Phrases
    roles: _Phrases
    named_roles: _Phrases
    generic: _Phrases
    localities: _Phrases
    modifiers: _Phrases
    links: _Phrases
    predicates: _Phrases
    passive: _Phrases
    backrefs: _Phrases
    committees: _Phrases
    provinces: _Phrases  # names of provinces and their spellings, matched capitalised
    function_words: frozenset[str]
    shared_heads: frozenset[str]  # heads one list can share: "Giám đốc các Sở: Nội vụ, …"


@cache
def _lexicon() -> _Lexicon:
    u = data("units")
    p = data("predicates")
    return _Lexicon(
        determiners=_Phrases(u["determiners"]),
        heads=_Phrases(u["heads"]),
        lower_heads=_Phrases(u.get("lower_heads", [])),
        bare_heads=_Phrases(u["bare_heads"]),
        roles=_Phrases(u["roles"]),
        named_roles=_Phrases(u.get("named_roles", [])),
        generic=_Phrases(u["generic"]),
        localities=_Phrases(u["localities"]),
        modifiers=_Phrases(u["modifiers"]),
        links=_Phrases(u["links"]),
        predicates=_Phrases(p["predicates"]),
        passive=_Phrases(p["passive_markers"]),
        backrefs=_Phrases(u.get("backrefs", [])),
        committees=_Phrases(u.get("party_committees", [])),
        function_words=frozenset(fold(str(w)).lower() for w in u.get("function_words", [])),
        shared_heads=frozenset(fold(str(w)).lower() for w in u.get("shared_heads", [])),
        provinces=_Phrases([n for r in gazetteer("provinces")
                            for n in [r["name"], *(r.get("spellings") or "").split("|")] if n]),
    )


@cache
def _gazetteer() -> tuple[Any, Any, dict[int, dict[str, str]], Any]:
    """The blank multilingual pipeline, a PhraseMatcher of every gazetteer name (lower case),
    the gazetteer row of each match id, and spaCy's ``Doc`` class. Built once."""
    import spacy
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    nlp = spacy.blank("xx")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    rows: dict[int, dict[str, str]] = {}
    for k, r in enumerate(gazetteer("units")):
        key = f"unit{k}"
        words = _TOKEN.findall(fold(r["name"]))
        # and printed loosely: no commas, dashes or "và" ("Sở Văn hóa Thể thao du lịch")
        loose = [w for w in words if not _LOOSE_DROP.fullmatch(w.casefold())]
        forms = [words, loose] if loose != words and len(loose) > 1 else [words]
        matcher.add(key, [Doc(nlp.vocab, words=f) for f in forms])
        rows[nlp.vocab.strings[key]] = r
    return nlp, matcher, rows, Doc


_SEPARATORS = {",", ";", "và", "/", "cùng", "hoặc", "với"}
_LIST_SEPARATORS = {",", ";", "và", "/", "cùng", "hoặc"}
_DESCRIBED_MAX = 15  # tokens of words describing a unit in a list parted by semicolons
_JUXTAPOSE = {"office", "committee", "role", "party body", "people's council"}
_COLLECTIVE: dict[str, str] = {"unit_type": "collective", "sector": ""}


# ------------------------------------------------------------------------------- scanner


class _Scan:
    """Recognizes units over the tokens of an expanded text (see the module docstring)."""

    def __init__(self, toks: _Toks) -> None:
        self.toks = toks
        self.texts, self.lows, self.caps, self.words = toks.texts, toks.lows, toks.caps, toks.words
        self.n = toks.n
        self.lex = _lexicon()
        nlp, matcher, rows, Doc = _gazetteer()
        self.gaz: dict[int, tuple[int, dict[str, str]]] = {}
        if self.n:
            doc = Doc(nlp.vocab, words=toks.texts)
            for mid, s, e in matcher(doc):
                if s not in self.gaz or self.gaz[s][0] < e:
                    self.gaz[s] = (e, rows[mid])

    def low(self, i: int) -> str:
        return self.lows[i] if 0 <= i < self.n else ""

    def cap(self, i: int) -> bool:
        return 0 <= i < self.n and self.caps[i]

    def stops(self, i: int) -> bool:
        """A word that cannot continue a name: predicate, locality, link, modifier, list word,
        function word ("Ban Kiểm soát Quỹ | do Chủ tịch … thành lập")."""
        lx = self.lex
        return (
            self.low(i) in _SEPARATORS
            or not (0 <= i < self.n)
            or not self.words[i]
            or self.low(i) in self.lex.function_words
            or any(
                p.end(self.lows, i) > i
                for p in (lx.predicates, lx.localities, lx.links, lx.modifiers, lx.determiners)
            )
        )

    def locality(self, i: int) -> int:
        """End of a locality word at ``i`` ("tỉnh", "cấp huyện"), or ``i``; "xã hội" is none, nor
        is "Tỉnh ủy" (a party committee)."""
        e = self.lex.localities.end(self.lows, i)
        if e > i and self.low(e - 1) == "xã" and self.low(e) == "hội":
            return i
        if self.lex.committees.end(self.lows, i) > i:  # "Tỉnh ủy": a party committee
            return i
        return e

    def ends_name(self, i: int) -> bool:
        """Can a name end before token ``i`` ("Văn phòng Bộ, …" but not "Chủ tịch Hội đồng …")?"""
        return i >= self.n or self.stops(i) or self.passive(i) or self.cap(i)

    def predicate(self, i: int) -> bool:
        return self.lex.predicates.end(self.lows, i) > i

    def passive(self, i: int) -> bool:
        return self.lex.passive.end(self.lows, i) > i

    def predicate_after_clause(self, start: int, last: int) -> bool:
        """A unit ending in a passive clause ("các đơn vị … được giao nhiệm vụ phổ biến thông
        tin") has its predicate a few words on: the first predicate word not after "được"."""
        if not any(self.passive(k) for k in range(max(start, last - 4), last + 1)):
            return False
        for k in range(last, min(last + 12, self.n)):
            if self.texts[k] in ";.:":
                return False
            if self.predicate(k) and not self.passive(k - 1):
                return True
        return False

    # -- pieces
    def name(self, i: int) -> int | None:
        """Capitalized words, each with at most two lowercase syllables, maybe joined by
        ``và - &``: "Tài chính", "Kế hoạch và Đầu tư", "Văn hóa - Xã hội", "Chuyển đổi số"."""
        j, end, words = i, None, 0
        while j < self.n:
            if (
                not (self.cap(j) and self.words[j])
                or self.other_start(j)
                or self.lex.determiners.end(self.lows, j) > j
                or (words and (self.predicate(j) or self.locality(j) > j))
            ):
                break
            j += 1
            words += 1
            run = 0
            while (
                run < 2
                and j < self.n
                and self.words[j]
                and not self.cap(j)
                and not self.stops(j)
            ):
                j += 1
                run += 1
            if run == 2:
                k = j
                while (
                    k < self.n
                    and k - j < 2
                    and self.words[k]
                    and not self.cap(k)
                    and not self.stops(k)
                ):
                    k += 1
                if k == self.n or self.low(k) in _SEPARATORS or not self.words[k]:
                    j = k  # a name's last lowercase words before its end: "Thể thao du lịch"
            end = j
            if (
                self.low(j) in ("và", "-", "&")
                and self.cap(j + 1)
                and self.words[j + 1]
                and not self.other_start(j + 1)
            ):
                j += 1
        return end

    def other_start(self, i: int) -> bool:
        """Does another unit begin at ``i`` (a gazetteer name, or a head with a name)?"""
        if i in self.gaz and self.cap(i):
            return True
        h = self.lex.heads.end(self.lows, i)
        return h > i and self.cap(i) and self.cap(h)

    def place(self, i: int) -> int:
        """A place name after a locality word: "Đắk Nông", "Hà Trung" (at most four words)."""
        j = i
        while (
            j < self.n
            and j - i < 4
            and self.cap(j)
            and self.words[j]
            and not self.other_start(j)
            and not self.predicate(j)
            and self.locality(j) == j
        ):
            j += 1
        return j

    def modifiers(self, j: int) -> int:
        while True:
            e = self.lex.modifiers.end(self.lows, j)
            if e == j:
                return j
            j = e

    def generic_item(self, k: int) -> int:
        """End of one generic noun at ``k`` ("sở", "đơn vị", "tổ chức chính trị - xã hội"), or
        ``k`` when the word there opens a proper name ("Sở Y tế", "Hội Liên hiệp …")."""
        if self.core(k) is not None:
            return k
        return self.lex.generic.end(self.lows, k)

    def generic_more(self, j: int, owned: bool = False, places: bool = False) -> int:
        """Continue a collective list: ", ban, ngành", " và các địa phương", ", các huyện".
        ``owned``: the list is a body's own ("Ủy ban nhân dân các xã, phường"); there a new
        determiner opens another unit unless a place follows it ("… phường và các tổ chức, cá
        nhân có liên quan" is two units, "… ngành và các địa phương" one). ``places``: the list
        so far names places; another kind of noun opens another unit ("Ủy ban nhân dân các xã,
        phường | và cơ quan, đơn vị có liên quan")."""
        while self.low(j) in (",", "và", "/", "hoặc"):
            t = self.lex.determiners.end(self.lows, j + 1)
            if owned and (t > j + 1 or places) and not self.is_place_word(t):
                break  # "Ủy ban nhân dân các xã, phường | và cơ quan, đơn vị liên quan"
            e = self.generic_item(t)
            if e == t:
                break
            after = self.modifiers(e)
            if t > j + 1 and (self.core(after) is not None or self.role_at(t)):
                break  # ", các thành viên Ban …" is a unit of its own
            member_of = self.core(after) if self.role_at(t) else None
            if member_of is not None:
                after = self.tail(*member_of)  # ", thành viên Ban … tỉnh"
            j = after
            lj = self.locality(j)
            if lj > j:
                j = self.place(lj)
        return j

    def locality_more(self, j: int) -> int:
        """Continue a list of localities: "huyện, thành phố", "cấp đơn vị, địa phương"."""
        while self.low(j) in (",", "và", "/"):
            e = self.locality(j + 1)
            if e == j + 1 and self.low(j + 1) == "địa" and self.low(j + 2) == "phương":
                e = j + 3
            if e == j + 1 or self.other_start(j + 1):
                break
            j = self.place(e)
        return j

    def is_place_word(self, k: int) -> bool:
        """A locality word at ``k`` ("huyện", "cấp xã"), or "địa phương"."""
        return self.locality(k) > k or (self.low(k) == "địa" and self.low(k + 1) == "phương")

    def generic_list(self, k: int, owned: bool = False) -> int | None:
        e = self.generic_item(k)
        if e == k:
            return None
        return self.generic_more(self.modifiers(e), owned, places=self.is_place_word(k))

    def role_at(self, k: int) -> bool:
        return self.lex.roles.end(self.lows, k) > k

    def core(self, k: int, lower_ok: bool = False) -> tuple[int, dict[str, str]] | None:
        """A gazetteer name or a head with its name, starting at ``k``."""
        if not (0 <= k < self.n) or not self.words[k]:
            return None
        if not (self.cap(k) or lower_ok):
            return None
        g = self.gaz.get(k)
        if g is not None and g[1].get("unit_type") != "role":
            e, row = g
            if (
                row.get("unit_type") in ("committee", "office", "agency", "department")
                and self.cap(e)
                and not self.other_start(e)
            ):
                e = self.name(e) or e
            return e, row
        h = self.lex.heads.end(self.lows, k)
        if h > k:
            n = self.name(h)
            if n is None:  # "Hội đồng quản lý Quỹ": the kind in lower case, then the name
                lh = self.lex.lower_heads.end(self.lows, k)
                n = self.name(lh) if lh > h else None
            if n is not None:
                return n, {"unit_type": "", "sector": ""}
        b = self.lex.bare_heads.end(self.lows, k)
        if b > k and self.locality(b) > b:
            return b, {"unit_type": "", "sector": ""}
        return None

    def tail(self, j: int, info: dict[str, str]) -> int:
        lx = self.lex
        while j < self.n:
            e = lx.committees.end(self.lows, j)
            if e > j:  # "Ban Tuyên giáo | Tỉnh ủy"
                j = e
                continue
            e = self.locality(j)
            if e > j:
                j = self.locality_more(self.place(e))
                continue
            e = lx.modifiers.end(self.lows, j)
            if e > j:
                j = e
                continue
            e = lx.determiners.end(self.lows, j)
            if e > j and not self.cap(j):
                g = self.generic_list(e, owned=True)
                if g is not None:
                    j = g
                    continue
                break
            e = lx.links.end(self.lows, j)
            if e > j:
                u = self.unit(e)
                if u is not None:
                    j = u[0]
                    continue
                loc = self.locality(e)
                if loc > e:  # "các cơ quan thuộc tỉnh", "đơn vị trực thuộc huyện"
                    j = self.locality_more(self.place(loc))
                    continue
                d = lx.determiners.end(self.lows, e)
                g = self.generic_list(d) if d > e else None
                if g is not None:
                    j = g
                    continue
                r = lx.backrefs.end(self.lows, e)
                if r > e and self.cap(e) and self.ends_name(r):
                    j = r
                    continue
                break
            if self.low(j) == "-":
                u = self.unit(j + 1, lower_ok=True)
                if u is None:
                    break
                j = u[0]
                continue
            e = lx.backrefs.end(self.lows, j)
            if e > j and self.cap(j) and self.core(j) is None and self.ends_name(e):
                j = e  # "Văn phòng Bộ", "các đơn vị trực thuộc Bộ"
                continue
            if info.get("unit_type") in _JUXTAPOSE:
                c = self.core(j)
                if c is not None:
                    j, info = c[0], c[1]
                    continue
            if self.low(j) == "(" and self.low(j + 2) == ")" and self.texts[j + 1].isupper():
                j += 3
                continue
            e = lx.provinces.end(self.lows, j)
            if e > j and all(self.cap(k) for k in range(j, e)):
                j = e  # "Báo và Phát thanh, Truyền hình | Cần Thơ": the body's own province
                continue
            break
        return j

    def unit(
        self, i: int, bare: bool = False, lower_ok: bool = False
    ) -> tuple[int, dict[str, str], bool] | None:
        """(end, gazetteer row, collective) of the unit starting at token ``i``."""
        lx = self.lex
        k = lx.determiners.end(self.lows, i)
        has_det = k > i
        r = k
        while True:
            e = lx.roles.end(self.lows, r)
            if e == r:
                break
            r = e
        collective = False
        if r > k:
            if not (has_det or self.cap(k) or lower_ok or bare):
                return None
            c = self.core(r, lower_ok=True)
            if c is None and self.low(r - 1) == "ban":
                c = self.core(r - 1, lower_ok=True)
            if c is not None:
                j, info = c
            else:
                info = {"unit_type": "role", "sector": ""}
                j = r
                if lx.named_roles.end(self.lows, k) == r:
                    j = self.name(r) or r
                d = lx.determiners.end(self.lows, j)
                if d > j:
                    g = self.generic_list(d)
                    j = g if g is not None else j
                collective = has_det
        else:
            c = self.core(k, lower_ok=lower_ok or has_det)
            if c is not None:
                j, info = c
            elif has_det or bare:
                if not (has_det or self.cap(k) or bare):
                    return None
                g = self.generic_list(k)
                if g is None:
                    return None
                j, info, collective = g, _COLLECTIVE, True
            else:
                return None
        return self.tail(j, info), info, collective

    def distributed(self, i: int, j: int) -> list[tuple[int, int, dict, bool]]:
        """The units of "[role] các <head>: A, B" (tokens ``i:j`` then a colon), one per name,
        each row holding the words shared by all ("Giám đốc các Sở: Nội vụ, Tài chính" ->
        Giám đốc Sở Nội vụ, Giám đốc Sở Tài chính); none when the unit is no such list."""
        if self.low(j) != ":" or j - i < 2 or self.low(j - 2) != "các":
            return []
        head = self.lows[j - 1]
        if head not in self.lex.shared_heads:
            return []
        prefix = " ".join([*self.texts[i : j - 2], self.texts[j - 1].capitalize()])
        out: list[tuple[int, int, dict, bool]] = []
        k = j + 1
        while k < self.n:
            e = self.name(k)
            if e is None:
                break
            row = _by_loose_name().get(_loose([head, *self.texts[k:e]]))
            m = e  # a name printed with its own commas: "Văn hóa, Thể thao và Du lịch"
            while self.low(m) in (",", "và") and (e2 := self.name(m + 1)) is not None:
                longer = _by_loose_name().get(_loose([head, *self.texts[k:e2]]))
                if longer is not None:
                    e, row = e2, longer
                m = e2
            out.append((k, e, {**(row or {"unit_type": "", "sector": ""}), "prefix": prefix},
                        False))
            k = e
            if self.low(k) not in (",", "và") or not self.cap(k + 1):
                break
            k += 1
        return out

    def described_to(self, i: int, j: int) -> int:
        """End of the unit at tokens ``i:j`` with the words that describe it up to the next
        ``;`` of a list parted by semicolons ("…; Chủ tịch Ủy ban nhân dân các xã, phường thuộc
        vùng đồng bào dân tộc thiểu số và miền núi; Thủ trưởng …"); ``j`` when there are none."""
        if self.low(i - 1) != ";" or self.low(j) in _LIST_SEPARATORS:
            return j
        for k in range(j, min(j + _DESCRIBED_MAX, self.n)):
            if self.low(k) == ";":
                return k
            if self.texts[k] in ".:" or self.predicate(k) or self.passive(k):
                return j
        return j

    def unit_list(self, i: int, bare: bool = False) -> list[tuple[int, int, dict, bool]]:
        """Units separated by ``, ; và /`` starting at ``i``: (start, end, row, collective)."""
        out: list[tuple[int, int, dict, bool]] = []
        j = i
        item_bare = bare
        while True:
            u = self.unit(j, bare=item_bare)
            if u is None:
                break
            shared = self.distributed(j, u[0])
            if shared:  # "Giám đốc các Sở: Nội vụ, Tài chính; …"
                out += shared
                j = shared[-1][1]
            else:
                end = self.described_to(j, u[0])
                out.append((j, end, u[1], u[2]))
                j = end
            k = j
            while self.low(k) in _LIST_SEPARATORS:
                k += 1
            if k == j:
                break
            item_bare = bare or self.listed_generic(k)
            if self.unit(k, bare=item_bare) is None:
                break
            j = k
        return out

    def listed_generic(self, k: int) -> bool:
        """Generic nouns without "các" that a list goes on with: "…, phường và cơ quan, tổ
        chức có liên quan", "…, đơn vị liên quan" (several, or said to be concerned)."""
        u = self.unit(k, bare=True)
        if u is None or not u[2]:
            return False
        lows = self.lows[k : u[0]]
        return "," in lows or lows[-2:] == ["liên", "quan"]


# ------------------------------------------------------------------------------- public API


@dataclass(frozen=True, slots=True, kw_only=True)
class Unit:
    """A unit named in a text: canonical name, printed text, span in the given text, gazetteer
    type and sector (``None`` for names found by rule), and whether it is a generic collective
    ("các Sở, ban, ngành")."""

    name: str
    text: str
    start: int
    end: int
    unit_type: str | None = None
    sector: str | None = None
    collective: bool = False


class _Text:
    """A text prepared for scanning: expanded, tokenized, matched against the gazetteer."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.exp = _expand(text)
        self.scan = _Scan(_Toks(self.exp.text))

    def span(self, i: int, j: int) -> tuple[int, int]:
        toks = self.scan.toks
        return self.exp.starts[toks.starts[i]], self.exp.ends[toks.ends[j - 1] - 1]

    def make(self, i: int, j: int, row: dict, collective: bool) -> Unit:
        s, e = self.span(i, j)
        printed = self.text[s:e]
        name = canonical(printed)
        if row.get("prefix"):  # one name of "Giám đốc các Sở: Nội vụ, Tài chính"
            known = row.get("name")
            body = known[len(row["prefix"].split()[-1]) :].strip() if known else name
            return Unit(name=f"{row['prefix']} {body}", text=printed, start=s, end=e,
                        unit_type=row.get("unit_type") or None, sector=row.get("sector") or None)
        known = row.get("name")
        if known and name.casefold().startswith(known.casefold()):
            name = (
                known + name[len(known) :]
            )  # the gazetteer's spelling: "Công nghệ", not "Công Nghệ"
        elif known:  # matched loosely: "Sở Văn hóa Thể thao du lịch"
            name = _gazetteer_spelling(name, known)
        return Unit(
            name=name,
            text=printed,
            start=s,
            end=e,
            unit_type=(row.get("unit_type") or None) if not collective else "collective",
            sector=row.get("sector") or None,
            collective=collective,
        )

    def tok_at(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset`` in the given text."""
        starts = self.exp.starts
        for k, s in enumerate(self.scan.toks.starts):
            if starts[s] >= offset:
                return k
        return self.scan.n


_LOOSE_DROP = regex.compile(r"[,\-&]|(?<![\p{L}])và(?![\p{L}])")


def _loose(words: Sequence[str]) -> str:
    """Words compared without case, commas, dashes, "&" and "và" ("Sở Văn hóa Thể thao du lịch"
    is "Sở Văn hóa, Thể thao và Du lịch")."""
    return " ".join(_LOOSE_DROP.sub(" ", " ".join(words).casefold()).split())


@cache
def _by_loose_name() -> dict[str, dict[str, str]]:
    """Gazetteer rows by their name compared loosely (see :func:`_loose`)."""
    return {_loose([fold(r["name"])]): r for r in gazetteer("units")}


def _gazetteer_spelling(name: str, known: str) -> str:
    """``name`` with its opening words, the gazetteer body ``known`` printed loosely, in the
    gazetteer's spelling ("Sở Văn hóa Thể thao du lịch tỉnh" -> "Sở Văn hóa, Thể thao và Du lịch
    tỉnh"); ``name`` itself when they are not."""
    words, key = name.split(), _loose([known])
    for n in range(len(words), 0, -1):
        if _loose(words[:n]) == key:
            return " ".join([known, *words[n:]])
    return name


@lru_cache(maxsize=512)
def _prepared(text: str) -> _Text:
    """The scan of a text, kept: a paragraph is asked about its units at many offsets."""
    return _Text(text)


def find_units(text: str, bare: bool = False) -> list[Unit]:
    """The units named in ``text``, in order. ``bare`` also takes generic nouns without "các"
    (what a table cell or a "phối hợp với" list holds: "Sở, ban, ngành có liên quan").

    >>> [u.name for u in find_units("Sở Tài chính, Sở Y tế và Công an tỉnh")]
    ['Sở Tài chính', 'Sở Y tế', 'Công an tỉnh']
    >>> [u.name for u in find_units(
    ...     "Đề nghị các Sở, ban, ngành, đoàn thể tỉnh, UBND huyện thực hiện")]
    ['các Sở, ban, ngành, đoàn thể tỉnh', 'Ủy ban nhân dân huyện']
    """
    t = _prepared(text)
    out: list[Unit] = []
    i = 0
    n = t.scan.n
    while i < n:
        at_item = i == 0 or not t.scan.words[i - 1] or t.scan.low(i - 1) in _SEPARATORS
        u = t.scan.unit(i, bare=bare and at_item)
        if u is None:
            i += 1
            continue
        out.append(t.make(i, u[0], u[1], u[2]))
        i = max(u[0], i + 1)
    return out


@dataclass(frozen=True, slots=True, kw_only=True)
class UnitList:
    """Units that open a stretch of text, where the list ends, and whether a predicate follows."""

    units: tuple[Unit, ...]
    end: int
    predicate: bool


@cache
def _first_words() -> frozenset[str]:
    """Every word a unit can begin with (lower case, folded): the first word of each determiner,
    head, role and generic noun, gazetteer name and abbreviation, and of its expansion."""
    u = data("units")
    phrases = [str(x) for key in ("determiners", "heads", "bare_heads", "roles", "named_roles",
                                  "generic") for x in u.get(key, [])]
    phrases += [r["name"] for r in gazetteer("units")]
    phrases += [x for r in gazetteer("abbreviations") for x in (r["form"], r["expansion"])]
    out = set()
    for p in phrases:
        lows = _lows(fold(p))
        if lows:
            out.add(lows[0])
    return frozenset(out)


_FIRST = regex.compile(r"[\p{L}\p{M}]+|\d+(?:[.,/]\d+)*|\S")


def may_start_unit(text: str, offset: int) -> bool:
    """Can a unit begin at ``offset``? A cheap look at the first word, so that a sentence that
    opens with no unit costs no scan."""
    m = _FIRST.search(text, offset)
    if m is None:
        return False
    w = fold(m.group())
    return w.lower() in _first_words() or (len(w) > 1 and w.isupper())


def units_at(text: str, offset: int = 0, bare: bool = False) -> UnitList | None:
    """The list of units starting at ``offset`` (spaces skipped), or ``None``.

    >>> r = units_at("Sở Kế hoạch và Đầu tư chủ trì phối hợp với Sở Tài chính")
    >>> [u.name for u in r.units], r.predicate
    (['Sở Kế hoạch và Đầu tư'], True)
    """
    if not may_start_unit(text, offset):
        return None
    t = _prepared(text)
    i = t.tok_at(offset)
    got = t.scan.unit_list(i, bare=bare)
    if not got:
        return None
    units = tuple(t.make(s, e, row, c) for s, e, row, c in got)
    last = got[-1][1]
    predicate = (
        t.scan.predicate(last)
        or (len(got) > 1 and t.scan.low(last) == "," and t.scan.predicate(last + 1))  # "…, chịu"
        or t.scan.predicate_after_clause(got[-1][0], last)
    )
    return UnitList(units=units, end=units[-1].end, predicate=predicate)


def opens_unit(text: str) -> bool:
    """Does ``text`` open with a unit, named or generic ("Sở Y tế", "cơ quan, đơn vị liên
    quan")?"""
    return units_at(text) is not None or units_at(text, bare=True) is not None


def predicate_at(text: str, offset: int) -> bool:
    """Does a predicate word ("chủ trì", "tổ chức", "tích cực" …) begin at ``offset``?

    >>> predicate_at("Sở Y tế chủ trì", 8), predicate_at("Sở Y tế", 0)
    (True, False)
    """
    t = _prepared(text)  # the text's own scan, kept: asked at several offsets
    i = t.tok_at(offset)
    return i < t.scan.n and t.scan.predicate(i)


def split_units(text: str) -> tuple[str, ...]:
    """Canonical names of the units a list names (a table cell, a heading).

    >>> for name in split_units(
    ...         "Ban VSTBPN tỉnh, Ban VSTBPN các Sở, ban, ngành, huyện, thành phố, thị xã"):
    ...     print(name)
    Ban Vì sự tiến bộ của phụ nữ tỉnh
    Ban Vì sự tiến bộ của phụ nữ các Sở, ban, ngành, huyện, thành phố, thị xã
    """
    names: list[str] = []
    for u in find_units(text, bare=True):
        if u.name and u.name not in names:
            names.append(u.name)
    if not names:
        names = [canonical(p) for p in regex.split(r"[;\n]| / ", text) if canonical(p)]
    return tuple(names)


def unit_type(name: str) -> tuple[str | None, str | None]:
    """(unit_type, sector) of a name from the gazetteer, by the body it opens with.

    >>> unit_type("Công an tỉnh")
    ('police', 'police')
    """
    units = find_units(name, bare=True)
    if units:
        return units[0].unit_type, units[0].sector
    return None, None
