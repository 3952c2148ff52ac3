"""Small helpers every extractor shares: where an offset falls in the section tree."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.records import Section


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
