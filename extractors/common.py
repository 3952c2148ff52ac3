"""Small helpers every extractor shares: where an offset falls in the section tree, and word
lists as one fast regex."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

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
