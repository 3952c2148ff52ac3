"""Vietnamese legacy encodings: TCVN3 (ABC, the ``.VnTime`` fonts) and VNI (``VNI-Times``).

Before Unicode, Vietnamese text was typed in 8-bit fonts: TCVN3 puts each accented letter on one
code point of the upper half (``Uû ban nh©n d©n`` is "Ủy ban nhân dân"); VNI writes a base letter
followed by modifier characters (``UÛy ban nhaân daân``). Read as cp1252 or as a run in such a font,
the text is garbage unless converted. The tables are data: ``models/gazetteers/tcvn3.tsv`` and
``models/gazetteers/vni.tsv``.

Detection compares, over the text's letters, the share of characters only a legacy encoding
explains against the share of real Vietnamese Unicode letters (ư, đ, ơ, ạ …): converted text
must read as Vietnamese, plain Unicode is never touched.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from itertools import islice

import regex

from models.load import gazetteer

# letters only Vietnamese Unicode has (never produced by cp1252 decoding)
VIETNAMESE = regex.compile(r"[ăđơưĂĐƠƯĩũĨŨ\u1ea0-\u1ef9]")
TCVN3_FONTS = (".vn", "vn3", "abc")  # font name starts: .VnTime, .VnArial, .VnTimeH …
VNI_FONTS = ("vni",)  # VNI-Times, VNI-Helve …


@cache
def _tcvn3() -> dict[int, str]:
    return {ord(r["legacy"]): r["unicode"] for r in gazetteer("tcvn3")}


@cache
def _vni() -> tuple[regex.Pattern, dict[str, str]]:
    table = {r["legacy"]: r["unicode"] for r in gazetteer("vni")}
    multi = sorted((k for k in table if len(k) > 1), key=len, reverse=True)
    # a single modifier character is VNI only inside a word (next to a letter)
    singles = "".join(regex.escape(k) for k in table if len(k) == 1)
    rx = regex.compile("|".join(regex.escape(k) for k in multi)
                       + rf"|(?<=\p{{L}})[{singles}]|[{singles}](?=\p{{L}})")
    return rx, table


def tcvn3_to_unicode(text: str, upper: bool = False) -> str:
    """TCVN3 text (as its cp1252 characters) -> Unicode.

    >>> tcvn3_to_unicode("Uû ban nh©n d©n tØnh")
    'Uỷ ban nhân dân tỉnh'
    """
    out = text.translate(_tcvn3())
    return out.upper() if upper else out


def vni_to_unicode(text: str) -> str:
    """VNI text -> Unicode.

    >>> vni_to_unicode("UÛy ban nhaân daân tænh")
    'Ủy ban nhân dân tỉnh'
    """
    rx, table = _vni()
    return unicodedata.normalize("NFC", rx.sub(lambda m: table[m.group()], text))


# a Vietnamese syllable, tones removed: onset, nucleus, coda; a nucleus ending in a glide
# (ai, ao, ươi …) takes no coda ("nhaon" is no syllable, "hoan" is)
SYLLABLE = regex.compile(r"""^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?
    (?:(?:iêu|yêu|oai|oay|uây|uôi|ươi|ươu|uyu|ai|ao|au|ay|âu|ây|eo|êu|iu|oi|ôi|ơi|ui|ưi|ưu|eu)
     |(?:uyê|iê|yê|uô|ươ|ưa|ia|ua|oa|oă|oe|uâ|uê|uy|uơ|oo|[aăâeêioôơuưy])(?:ch|ng|nh|[cmnpt])?)$""",
    regex.X)
_TONES = dict.fromkeys(map(ord, "\u0300\u0301\u0303\u0309\u0323"))


def _syllable(word: str) -> bool:
    toneless = unicodedata.normalize("NFD", word.lower()).translate(_TONES)
    bare = unicodedata.normalize("NFC", toneless)
    return bool(SYLLABLE.match(bare))


def _score(text: str) -> float:
    """How Vietnamese ``text`` reads: the share of its words that are Vietnamese syllables with a
    Vietnamese-only letter, less the share that are no syllable at all."""
    words = regex.findall(r"\p{L}+", text)
    if not words:
        return 0.0
    good = sum(1 for w in words if VIETNAMESE.search(w) and _syllable(w))
    bad = sum(1 for w in words if not _syllable(w))
    return (good - bad) / len(words)


def detect(text: str) -> str | None:
    """``"tcvn3"``, ``"vni"`` or ``None`` (plain Unicode, or not Vietnamese at all)."""
    if sum(1 for _ in islice(VIETNAMESE.finditer(text, 0, 4000), 21)) > 20:
        return None  # plainly Unicode Vietnamese
    sample = text[:20000]
    words = regex.findall(r"\p{L}+", sample)
    # Unicode Vietnamese of any length has ư, đ, ơ, ạ …; too few words cannot tell
    if len(words) < 12 or len(VIETNAMESE.findall(sample)) > 0.05 * len(words):
        return None
    base = _score(sample)
    scores = {name: _score(fn(sample))
              for name, fn in (("tcvn3", tcvn3_to_unicode), ("vni", vni_to_unicode))}
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] > max(base + 0.15, 0.3) else None


def convert(text: str, encoding: str) -> str:
    return tcvn3_to_unicode(text) if encoding == "tcvn3" else vni_to_unicode(text)


def font_encoding(font: str | None) -> str | None:
    """The legacy encoding a font name implies (``.VnTime`` -> tcvn3, ``VNI-Times`` -> vni)."""
    if not font:
        return None
    f = font.strip().lower()
    if f.startswith(VNI_FONTS):
        return "vni"
    if f.startswith(TCVN3_FONTS):
        return "tcvn3"
    return None


def convert_run(text: str, font: str | None) -> tuple[str, str | None]:
    """Convert one run of a Word/PDF document set in a legacy font; (text, encoding used)."""
    enc = font_encoding(font)
    if enc is None:
        return text, None
    if enc == "tcvn3":
        upper = font.strip().lower().rstrip().endswith("h") if font else False
        return tcvn3_to_unicode(text, upper=upper), enc
    return vni_to_unicode(text), enc


def decode_8bit(data: bytes) -> tuple[str, str]:
    """Bytes that are not UTF-8: the reading that is most Vietnamese among Windows-1258
    (tones as combining marks), TCVN3 and VNI (both typed through cp1252)."""
    latin = data.decode("cp1252", errors="replace")
    candidates = {
        "cp1258": unicodedata.normalize("NFC", data.decode("cp1258", errors="replace")),
        "tcvn3": tcvn3_to_unicode(latin),
        "vni": vni_to_unicode(latin),
    }
    scores = {k: _score(v[:20000]) for k, v in candidates.items()}
    best = max(scores, key=lambda k: (scores[k], k == "cp1258"))
    return candidates[best], best
