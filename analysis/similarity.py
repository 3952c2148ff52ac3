"""Text similarity for citations, tasks and themes: word-segmented TF-IDF cosine.

Texts are prepared (abbreviations expanded through :func:`extractors.units.canonical`, NFC,
lower-cased), segmented into words with ``underthesea.word_tokenize`` (``"phối hợp liên ngành"``
-> ``phối_hợp``, ``liên_ngành``), stripped of numbers, punctuation and the stop words of the
codebook (``models/codebooks/themes.yaml``, key ``stopwords``), and weighted by TF-IDF fitted on
the texts being compared (or a larger background of the same kind). No model is downloaded:
underthesea's word segmenter ships with the package.

>>> m = TfIdf.fit(["Tăng cường phối hợp liên ngành", "Tổ chức các cuộc họp định kỳ"])
>>> round(m.cosine("phối hợp liên ngành", "Tăng cường phối hợp liên ngành"), 2) > 0.5
True
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import regex

_WORD = regex.compile(r"\p{L}")
_SPACE = regex.compile(r"\s+")
_DIGIT = regex.compile(r"\d")


def prepare(text: str) -> str:
    """``text`` NFC, whitespace collapsed, abbreviations expanded, tone placement unified.

    >>> prepare("Ban  VSTBPN các bộ, ngành")
    'Ban Vì sự tiến bộ của phụ nữ các bộ, ngành'
    """
    s = unicodedata.normalize("NFC", text or "")
    s = _SPACE.sub(" ", s).strip()
    if not s:
        return s
    try:
        from extractors.units import canonical
    except ImportError:  # the units extractor is optional here
        return s
    return canonical(s) or s


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The stop words of the codebook (lower-cased, words joined by ``_`` as segmented)."""
    from analysis.themes import codebook_data

    words = codebook_data().get("stopwords") or ()
    return frozenset(w.lower().replace(" ", "_") for w in words)


@lru_cache(maxsize=65536)
def tokens(text: str) -> tuple[str, ...]:
    """The content words of ``text``, word-segmented and lower-cased.

    >>> tokens("Tổ chức các cuộc họp định kỳ của Ủy ban quốc gia")
    ('tổ_chức', 'cuộc', 'họp', 'định_kỳ', 'ủy_ban', 'quốc_gia')
    """
    from underthesea import word_tokenize

    s = prepare(text)
    if not s:
        return ()
    stop = stopwords()
    out = []
    for w in word_tokenize(s):
        w = w.lower().strip()
        if not _WORD.search(w) or _DIGIT.search(w):
            continue
        w = _SPACE.sub("_", w)
        if w in stop:
            continue
        out.append(w)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class TfIdf:
    """A TF-IDF weighting fitted on a list of texts (smoothed idf, sublinear tf, L2 norm)."""

    idf: dict[str, float]
    n_docs: int
    default_idf: float = field(default=1.0)
    _memo: dict[str, dict[str, float]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def fit(cls, texts: Iterable[str]) -> TfIdf:
        df: Counter[str] = Counter()
        n = 0
        for t in texts:
            n += 1
            df.update(set(tokens(t)))
        idf = {w: math.log((1 + n) / (1 + c)) + 1.0 for w, c in df.items()}
        return cls(idf=idf, n_docs=n, default_idf=math.log(1 + n) + 1.0)

    def vector(self, text: str) -> dict[str, float]:
        """The L2-normalized TF-IDF vector of ``text`` (a dict word -> weight)."""
        hit = self._memo.get(text)
        if hit is not None:
            return hit
        if len(self._memo) > 100_000:
            self._memo.clear()
        self._memo[text] = out = self._vector(text)
        return out

    def _vector(self, text: str) -> dict[str, float]:
        tf = Counter(tokens(text))
        vec = {w: (1.0 + math.log(c)) * self.idf.get(w, self.default_idf) for w, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        return {w: v / norm for w, v in vec.items()} if norm else {}

    def cosine(self, a: str, b: str) -> float:
        """The cosine of the TF-IDF vectors of two texts, in [0, 1]."""
        return dot(self.vector(a), self.vector(b))

    def matrix(self, left: Sequence[str], right: Sequence[str]) -> list[list[float]]:
        """Cosines of every text of ``left`` with every text of ``right``."""
        rv = [self.vector(t) for t in right]
        return [[dot(lv, r) for r in rv] for lv in (self.vector(t) for t in left)]


def dot(a: dict[str, float], b: dict[str, float]) -> float:
    """The dot product of two sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return float(sum(v * b.get(w, 0.0) for w, v in a.items()))


def shared_words(model: TfIdf, a: str, b: str, n: int = 6) -> list[str]:
    """The words two texts share, heaviest first (evidence for a match)."""
    va, vb = model.vector(a), model.vector(b)
    common = sorted(set(va) & set(vb), key=lambda w: -(va[w] * vb[w]))
    return [w.replace("_", " ") for w in common[:n]]
