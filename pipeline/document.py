"""The intermediate every stage reads and writes: a source turned into blocks and normalized text.

Readers (``pipeline/ingest``) produce a :class:`RawDocument` (blocks with their raw text); the
normalize stage turns it into a :class:`Document`, whose ``text`` is the normalized text all spans
point into. Extractors read a ``Document`` and return records; the extract stage stores them on
the document with :func:`dataclasses.replace`.

Layout of ``Document.text``: blocks in reading order, separated by one blank line (``"\\n\\n"``).
A paragraph block is one line of text (internal whitespace collapsed). A table block is one line
per row, cells separated by ``" | "``; a cell's own line breaks become ``" / "``. Every block and
every cell carries its ``start``/``end`` offsets in ``Document.text``, so ``text[b.start:b.end]``
is the block's text.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any, Literal

BlockKind = Literal["paragraph", "table"]
Format = Literal["txt", "md", "docx", "doc", "pdf", "html", "odt", "rtf"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Hints:
    """What the source's markup said about a block: used as evidence, never as the rule.

    ``heading`` is the markdown ``#`` count or the Word ``Heading N`` level; ``numbering`` the
    label Word's automatic numbering prints before the paragraph (``"1."``, ``"a)"``), already
    prefixed to the block's text by the reader; ``region`` marks blocks that came from the
    borderless layout tables of the header (``"header"``) or the signature/Nơi nhận block
    (``"signature"``), and the text a legal-document website printed after the document
    (``"trailer"``, set by the normalize stage: kept in the text, left out of the extraction).
    """

    bold: bool = False
    italic: bool = False
    heading: int | None = None
    align: str | None = None
    numbering: str | None = None
    region: str | None = None
    font: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RawCell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    bold: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class RawBlock:
    """A block as a reader saw it, before normalization."""

    kind: BlockKind
    text: str = ""
    rows: tuple[tuple[RawCell, ...], ...] = ()
    page: int | None = None
    hints: Hints = field(default_factory=Hints)
    source_start: int | None = None  # offset in the decoded source text (txt/md), if known
    source_end: int | None = None
    source_map: tuple[tuple[int, int], ...] = ()  # run-length (pos in text, offset in source)


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    path: str
    format: str
    sha256: str
    pages: int | None = None
    ocr: bool = False
    ocr_confidence: float | None = None  # mean tesseract word confidence (0-100), if OCR'd
    encoding: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RawDocument:
    source: Source
    blocks: tuple[RawBlock, ...]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Cell:
    text: str
    start: int
    end: int
    colspan: int = 1
    rowspan: int = 1
    bold: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Block:
    kind: BlockKind
    text: str
    start: int
    end: int
    page: int | None = None
    hints: Hints = field(default_factory=Hints)
    rows: tuple[tuple[Cell, ...], ...] = ()
    source_start: int | None = None
    source_end: int | None = None
    source_map: tuple[tuple[int, int], ...] = ()  # run-length (pos in text, offset in source)


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """A normalized document and, once the extract stage has run, its records.

    ``folded`` has the same length as ``text`` (character for character) with old-style tone
    placement unified (``hoà`` -> ``hòa``, ``Uỷ`` -> ``Ủy``) and every dash made ``-``: match
    patterns against ``folded`` and take spans from it; they are valid in ``text`` too.
    """

    doc_id: str
    source: Source
    text: str
    folded: str
    blocks: tuple[Block, ...]
    warnings: tuple[str, ...] = ()
    metadata: Any = None
    sections: tuple[Any, ...] = ()
    citations: tuple[Any, ...] = ()
    deadlines: tuple[Any, ...] = ()
    assignments: tuple[Any, ...] = ()
    block_starts: tuple[int, ...] = ()  # the blocks' start offsets, ascending (for bisect)

    def _index(self, offset: int) -> int:
        """Index of the last block starting at or before ``offset`` (-1 before the first)."""
        starts = self.block_starts or tuple(b.start for b in self.blocks)
        return bisect.bisect_right(starts, offset) - 1

    def page_at(self, offset: int) -> int | None:
        """The page of the block holding ``offset`` (or of the separator after it), else
        ``None`` (and for every offset of a format without pages)."""
        i = self._index(offset)
        if i < 0:
            return None
        b = self.blocks[i]
        return b.page if offset < b.end + 2 else None

    def block_at(self, offset: int) -> Block | None:
        i = self._index(offset)
        if i < 0:
            return None
        b = self.blocks[i]
        return b if offset < b.end else None

    def paragraphs(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kind == "paragraph")

    def tables(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kind == "table")
