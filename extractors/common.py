"""Small helpers every extractor shares: where an offset falls in the section tree, and word
lists as one fast regex."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from pipeline.document import Document
from pipeline.records import Deadline, Section


def section_at(sections: Sequence[Section], offset: int) -> str:
    """The ``path`` of the innermost section holding ``offset``; ``preamble`` before the first
    heading, ``closing`` after the last section ends."""
    best: Section | None = None
    for s in sections:
        if s.start <= offset < s.end and (best is None or s.level >= best.level):
            best = s
    if best is not None:
        return best.path
    if not sections or offset < sections[0].start:
        return "preamble"
    return "closing"


# the blanks of a form to fill in: "Ông (bà) ……", "ngày …. tháng ….", "____"
FILL_IN = re.compile(r"\.{4,}|…{2,}|_{4,}|(?:…\s*\.+){2,}")


def body_end(doc: Document) -> int:
    """Where the document's own text ends: the start of the text a legal-document website put
    after it (blocks of region ``trailer``), else the end of the text."""
    for b in doc.blocks:
        if b.hints.region == "trailer":
            return b.start
    return len(doc.text)


def dues_in(deadlines: Sequence[Deadline], start: int, end: int) -> tuple[str, ...]:
    """The end of every deadline inside ``[start, end)``, in text order, each once: a task's
    ``dues``. Its ``due`` is the one of them when there is one (:func:`due_of`)."""
    out: list[str] = []
    for d in deadlines:
        if start <= d.span[0] and d.span[1] <= end and d.end and d.end not in out:
            out.append(d.end)
    return tuple(out)


def due_of(dues: Sequence[str]) -> str | None:
    """The deadline of a task: its only one. Several ("trước ngày 05/6 và trước ngày 05/12")
    make none of them *the* deadline; they are all in ``dues``."""
    return dues[0] if len(dues) == 1 else None


def trie(alternatives: Iterable[Sequence[str]]) -> str:
    """One regex matching any of ``alternatives``, each a sequence of regex atoms, factored by
    common prefix (``["a", "b"], ["a", "c"]`` -> ``a(?:b|c)``).

    The engines try the branches of a flat alternation one by one at every position of the
    text; a trie tries the first atom once. At a node a longer alternative is tried before the
    one that ends there, so the longest match wins, as in an alternation sorted longest first.

    >>> trie([["k", "ế"], ["k", "ế", " ", "h"], ["c"]])
    '(?:kế(?: h)?|c)'
    """
    root: dict = {}
    for atoms in alternatives:
        node = root
        for a in atoms:
            node = node.setdefault(a, {})
        node[""] = {}  # an alternative ends here

    def build(node: dict) -> str:
        branches = [atom + build(sub) for atom, sub in node.items() if atom]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)


def word_atoms(phrase: str, space: str = r"\s+") -> list[str]:
    """The atoms of a literal phrase for :func:`trie`: each character escaped, a space ``space``."""
    return [space if ch == " " else re.escape(ch) for ch in phrase]


class WordRegex:
    """A word-list regex that sweeps long texts fast: it looks for the openings of its words with
    ``str.find`` (C speed) and tries the pattern only there, instead of at every character.

    Every match must open with the opening letters of one of ``words`` ("thông" for "Thông tư",
    "tp" for "TP."), in any case. ``finditer`` gives the matches ``pattern.finditer`` gives (a
    text whose case-folding changes its length is swept by the pattern itself); ``search`` and
    ``match`` are the pattern's.

    >>> rx = WordRegex(re.compile(r"(?<!\\w)(?:kế hoạch|kết luận)(?!\\w)", re.I), ["kế"])
    >>> [m.span() for m in rx.finditer("Kế hoạch và KẾT LUẬN, kế toán; kế hoạch")]
    [(0, 8), (12, 20), (31, 39)]
    """

    SHORT = 400  # a window this short is swept by the pattern: setting up costs more

    def __init__(self, pattern: re.Pattern, words: Iterable[str]) -> None:
        """``words``: the words of the list, or their openings."""
        words = sorted({_opening(w) for w in words})
        # "quy" finds "quyết" too: keep the shortest of openings that share a beginning
        self.openings = [w for w in words if not any(w != o and w.startswith(o) for o in words)]
        self.pattern = pattern
        self.search = pattern.search
        self.match = pattern.match

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match]:
        end = len(text) if endpos is None else min(endpos, len(text))
        low = text.casefold() if end - pos > self.SHORT else ""
        if len(low) != len(text):
            yield from self.pattern.finditer(text, pos, end)
            return
        starts: list[int] = []
        for w in self.openings:
            i = low.find(w, pos, end)
            while i >= 0:
                starts.append(i)
                i = low.find(w, i + 1, end)
        starts.sort()
        after = pos  # like finditer: matches do not overlap
        match = self.pattern.match
        for i in starts:
            if i < after:
                continue
            m = match(text, i, end)
            if m is not None:
                yield m
                after = max(m.end(), i + 1)


_LETTERS = re.compile(r"[^\W\d_]+")


def _opening(word: str) -> str:
    m = _LETTERS.match(word)
    if m is None:
        raise ValueError(f"a word list entry opens with no letter: {word!r}")
    return m.group().casefold()
