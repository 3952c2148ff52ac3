"""Gazetteer look-ups: provinces (before and after the 2025 merger), districts, and the
"<kind> <name>" localities a text names ("tỉnh Đắk Nông", "huyện Hà Trung", "Thị trấn Hà Trung").

Data: ``models/gazetteers/provinces.tsv`` (the 63 provinces before Nghị quyết 202/2025/QH15, the
34 after it, and the province each old one went into) and ``models/gazetteers/districts.tsv``
(district-level units before the 2025 reform, from the offline ward mapping underthesea ships).
Names are compared folded (old tones unified) and case-folded, so "THANH HOÁ", "Thanh Hóa" and
"thanh hoá" are one province. Everything is loaded once, lazily.

    >>> province("Đắk Nông").province_2025
    'Lâm Đồng'
    >>> [(x.kind, x.name) for x in localities("UBND huyện Hà Trung, tỉnh Thanh Hóa")]
    [('huyện', 'Hà Trung'), ('tỉnh', 'Thanh Hóa')]
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from models import load
from extractors.common import WordRegex, trie, word_atoms
from pipeline.textmap import fold

Level = str  # "province" | "district" | "commune"


@dataclass(frozen=True, slots=True)
class Province:
    name: str
    kind: str  # "tỉnh" | "thành phố"
    province_2025: str
    pre_2025: bool
    in_2025: bool
    code: str
    spellings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class District:
    name: str
    kind: str  # "huyện" | "quận" | "thị xã" | "thành phố"
    province: str


@dataclass(frozen=True, slots=True)
class Locality:
    """A named administrative unit as a text printed it.

    ``kind`` is the locality word in lower case ("tỉnh", "thành phố", "thị trấn"), ``level`` the
    tier it is at, ``name`` the unit's name (gazetteer spelling where known, else title-cased
    as printed), ``start``/``end`` the span of kind and name in the text searched.
    """

    kind: str
    level: Level
    name: str
    start: int
    end: int
    province: Province | None = None
    district: District | None = None

    @property
    def full(self) -> str:
        """``"tỉnh Đắk Nông"``, ``"thị trấn Hà Trung"``."""
        return f"{self.kind} {self.name}"


_DASH_KEY = regex.compile(r"\s*-\s*")
_DOT_KEY = regex.compile(r"\s*\.\s*")


@lru_cache(maxsize=4096)
def key(text: str) -> str:
    """Comparison key of a place name: folded, case-folded, dashes and spaces unified.

    >>> key("Bà Rịa – Vũng  Tàu") == key("bà rịa-vũng tàu")
    True
    """
    s = fold(unicodedata.normalize("NFC", text)).casefold()
    s = _DASH_KEY.sub("-", s)
    s = _DOT_KEY.sub(". ", s)
    return " ".join(s.split()).strip(" .")


def title_syllables(text: str) -> str:
    """Every syllable capitalised, as a place name is written: ``"HÀ TRUNG"`` -> ``"Hà Trung"``."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in text.split())


_KIND_PREFIX = regex.compile(r"^(?:tỉnh|thành phố|tp\.?|thủ đô)\s*", regex.I)


@cache
def provinces() -> tuple[Province, ...]:
    """Every row of ``provinces.tsv``."""
    out = []
    for r in load.gazetteer("provinces"):
        out.append(Province(
            name=r["name"], kind=r["kind"], province_2025=r["province_2025"],
            pre_2025=r["pre_2025"] == "yes", in_2025=r["in_2025"] == "yes", code=r["code"],
            spellings=tuple(s for s in (r.get("spellings") or "").split("|") if s)))
    return tuple(out)


@cache
def _province_index() -> dict[str, Province]:
    idx: dict[str, Province] = {}
    for p in provinces():
        for s in (p.name, *p.spellings):
            for form in (s, _KIND_PREFIX.sub("", s)):
                if form:
                    idx.setdefault(key(form), p)
    return idx


def province(name: str | None) -> Province | None:
    """The province a printed name stands for, with or without "tỉnh"/"thành phố".

    >>> province("TP. Hồ Chí Minh").name, province("THỪA THIÊN HUẾ").province_2025
    ('Hồ Chí Minh', 'Huế')
    """
    if not name:
        return None
    k = key(name)
    idx = _province_index()
    return idx.get(k) or idx.get(key(_KIND_PREFIX.sub("", k)))


def province_2025(name: str | None) -> str | None:
    """The post-merger province holding a pre-2025 one: ``"Hà Giang"`` -> ``"Tuyên Quang"``."""
    p = province(name)
    return p.province_2025 if p else None


@cache
def districts() -> tuple[District, ...]:
    return tuple(District(name=r["name"], kind=r["kind"], province=r["province"])
                 for r in load.gazetteer("districts"))


@cache
def _district_index() -> dict[str, tuple[District, ...]]:
    idx: dict[str, list[District]] = {}
    for d in districts():
        idx.setdefault(key(d.name), []).append(d)
    return {k: tuple(v) for k, v in idx.items()}


def districts_named(name: str | None, kind: str | None = None) -> tuple[District, ...]:
    """District-level units of that name (several provinces may have a "Châu Thành")."""
    if not name:
        return ()
    found = _district_index().get(key(name), ())
    if kind:
        k = key(kind)
        k = "thành phố" if k in ("tp", "tp.") else k
        found = tuple(d for d in found if d.kind == k) or found
    return found


@cache
def _locality_words() -> tuple[tuple[str, str], ...]:
    rows = load.data("metadata")["localities"]
    return tuple((r["word"], r["level"]) for r in rows)


@cache
def _locality_rx() -> WordRegex:
    alt = trie(word_atoms(w) for w, _ in _locality_words())
    # a locality word as a word of its own ("xã" not in "thị xã" nor "xã hội"); the re module,
    # a trie and a sweep by openings, since it runs over whole documents ([^\W\d_] is a letter)
    return WordRegex(re.compile(rf"(?<![^\W\d_])(?P<kind>{alt})(?:(?<=\.)|(?![^\W\d_]))"
                                rf"(?!\s+hội(?![^\W\d_]))\s*", re.I),
                     [w for w, _ in _locality_words()])


def _level_of(kind: str) -> str:
    k = key(kind)
    for w, lv in _locality_words():
        if key(w) == k:
            return lv
    return "commune"


@cache
def _head_words() -> frozenset[str]:
    """First words of body names and roles: where a place name written in capitals ends."""
    d = load.data("metadata")
    return frozenset(key(w.split()[0]) for w in list(d["body_heads"]) + list(d["roles"]))


_NAME_WORD = regex.compile(r"(?:\p{Lu}[\p{Ll}']*|\d{1,2})(?![\p{L}])")
_CAPS_WORD = regex.compile(r"\p{Lu}+(?![\p{L}])")
_GAZ_WORD = regex.compile(r"[\p{L}]+(?:\s*-\s*[\p{L}]+)?")  # a word of a name ("Bà Rịa - Vũng Tàu")
_BLANKS = regex.compile(r"[ \t]+")


def _gazetteer_name(text: str, pos: int, level: str, kind: str
                    ) -> tuple[str, int, Province | None, District | None] | None:
    """The longest gazetteer name starting at ``pos``: (name, end, province, district)."""
    words = list(_GAZ_WORD.finditer(text[pos:pos + 60]))
    best: tuple[str, int, Province | None, District | None] | None = None
    for n in range(min(4, len(words)), 0, -1):
        piece = text[pos:pos + words[n - 1].end()]
        if level in ("province", "city"):
            p = province(piece)
            if p is not None and (level == "province" or p.kind == "thành phố"
                                  or key(kind) in ("tp", "tp.")):
                best = (p.name, pos + len(piece), p, None)
                break
        if level in ("district", "city"):
            ds = districts_named(piece, kind if level == "district" else "thành phố")
            if ds:
                best = (title_syllables(piece) if piece.isupper() else piece,
                        pos + len(piece), None, ds[0] if len(ds) == 1 else None)
                break
    return best


def localities(text: str, *, caps_tail: bool = False) -> tuple[Locality, ...]:
    """Every "<kind> <name>" a text names, in order.

    Provinces and districts are recognised through the gazetteers; a commune-level name (no
    gazetteer) is the run of capitalised words after its kind word. With ``caps_tail`` (an
    upper-case issuer line such as "ỦY BAN NHÂN DÂN THỊ TRẤN HÀ TRUNG") a commune's name is the
    rest of the text.

    >>> [x.full for x in localities("UBND các huyện, TP.Gia Nghĩa")]
    ['thành phố Gia Nghĩa']
    """
    out: list[Locality] = []
    for m in _locality_rx().finditer(text):
        kind_printed = m.group("kind")
        level = _level_of(kind_printed)
        kind = "thành phố" if key(kind_printed) in ("tp", "tp.") else \
            " ".join(kind_printed.lower().split())
        pos = m.end()
        got = _gazetteer_name(text, pos, level, kind_printed)
        if got is not None:
            name, end, prov, dist = got
            if prov is not None:
                lv = "province"
            elif dist is not None or level in ("district", "city"):
                lv = "district"
            else:
                lv = level
            out.append(Locality(kind=kind, level=lv, name=name, start=m.start(), end=end,
                                province=prov, district=dist))
            continue
        if level in ("province",):
            continue  # "tỉnh" with no province after it ("các tỉnh, thành phố")
        rest = text[pos:pos + 80]
        if caps_tail and rest.strip() and rest.strip().upper() == rest.strip():
            name_words = rest.split()
            name = title_syllables(" ".join(name_words))
            end = pos + len(rest.rstrip())
        else:
            words: list[str] = []
            p = 0
            caps = kind_printed.isupper()
            while len(words) < 4:
                wm = (_CAPS_WORD if caps else _NAME_WORD).match(rest, p)
                if not wm or (words and not rest[p - 1:p].isspace()):
                    break
                if caps and key(wm.group()) in _head_words():
                    break  # "XÃ LƯƠNG MINH BAN THƯỜNG TRỰC": the name ends before a body
                words.append(wm.group())
                p = wm.end()
                sp = _BLANKS.match(rest, p)
                if not sp:
                    break
                p = sp.end()
            if not words:
                continue
            name = title_syllables(" ".join(words)) if caps else " ".join(words)
            end = pos + len(rest[:p].rstrip())
        lv = "district" if level == "city" else level
        out.append(Locality(kind=kind, level=lv, name=name, start=m.start(), end=end))
    return tuple(out)
