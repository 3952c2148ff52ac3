"""Normalize stage: a :class:`RawDocument` -> a :class:`Document` with one normalized text.

Adds: NFC text with whitespace collapsed; paragraphs broken by a page break re-joined
("… Dự án 8 “Thực hiện" + "bình đẳng giới …"); stray page numbers ("40", "- 3 -") and typist
initials (a lone "nh") dropped; ``folded`` (old-style tones unified, dashes made ``-``, same
length as ``text``); block and cell offsets; a run-length map from each block back to its source;
the text a legal-document website printed after the document marked ``region="trailer"``.
Normalizing a document's own text again changes nothing (tested as a property).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

import regex

from pipeline.document import Block, Cell, Document, Hints, RawBlock, RawDocument
from pipeline.textmap import collapse, collapse_text, fold, offset_at, place, push

BLOCK_SEP = "\n\n"
ROW_SEP = "\n"
CELL_SEP = " | "
CELL_BREAK = " / "

PAGE_NUMBER = regex.compile(r"^(?:[-–—]\s*)?(?:Trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*[-–—])?$")
INITIALS = regex.compile(r"^[a-zđ]{1,5}\.?$")
TERMINAL = regex.compile(r"[.;:!?…]$")
OPENS_LOWER = regex.compile(r"^[\p{Ll}]")
LIST_ITEM = regex.compile(r"^[a-zđ][).]\s")  # "a) Xây dựng …" opens an item, never continues
TABLE_JUNK = regex.compile(r"^[|\s]*$")


@dataclass(frozen=True, slots=True, kw_only=True)
class NormalizeSettings:
    """Settings of the normalize stage."""

    rejoin_page_breaks: bool = True
    drop_page_numbers: bool = True


def _clean(raw: RawBlock) -> RawBlock | None:
    """NFC, collapsed whitespace, with the source map carried over."""
    if raw.kind == "table":
        rows = []
        for row in raw.rows:
            cells = []
            for c in row:
                lines = [" ".join(collapse_text(x).split()) for x in c.text.split("\n")]
                text = CELL_BREAK.join(x for x in lines if x)
                cells.append(replace(c, text=text))
            if any(c.text for c in cells):
                rows.append(tuple(cells))
        return replace(raw, rows=tuple(rows)) if rows else None
    if not raw.source_map:  # the reader kept no map (docx, pdf): the text alone
        text = collapse_text(raw.text)
        return replace(raw, text=text) if text else None
    text, segs = collapse(raw.text, raw.source_map)
    if not text:
        return None
    return replace(raw, text=text, source_map=segs)


def _is_noise(b: RawBlock, settings: NormalizeSettings) -> bool:
    if b.kind != "paragraph":
        return False
    t = b.text
    if settings.drop_page_numbers and PAGE_NUMBER.match(t):
        return True
    return bool(INITIALS.match(t)) and b.hints.heading is None


def _all_caps(t: str) -> bool:
    letters = [c for c in t if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _continues(prev: RawBlock, nxt: RawBlock) -> bool:
    """Is ``nxt`` the rest of a paragraph a page break (or blank line) cut ``prev`` off from?"""
    if prev.kind != "paragraph" or nxt.kind != "paragraph":
        return False
    if prev.hints.region or nxt.hints.region:
        return False
    p = prev.text.rstrip(" *")
    if TERMINAL.search(p) or _all_caps(p):
        return False
    return bool(OPENS_LOWER.match(nxt.text)) and not LIST_ITEM.match(nxt.text)


def _join(a: RawBlock, b: RawBlock) -> RawBlock:
    segs: list[tuple[int, int]] = []
    if a.source_map and b.source_map:  # the joining space: the character after a's last
        segs = list(a.source_map)
        n = len(a.text)
        push(segs, n, offset_at(a.source_map, n - 1) + 1)
        place(segs, b.source_map, 0, len(b.text), n + 1)
    return replace(a, text=a.text + " " + b.text, source_map=tuple(segs),
                   source_end=b.source_end if b.source_end is not None else a.source_end,
                   hints=replace(a.hints, bold=a.hints.bold and b.hints.bold))


def run(raw: RawDocument, settings: NormalizeSettings = NormalizeSettings()) -> Document:
    """Normalize a raw document (see module docstring)."""
    cleaned: list[RawBlock] = []
    for rb in raw.blocks:
        c = _clean(rb)
        if c is None or _is_noise(c, settings):
            continue
        if settings.rejoin_page_breaks and cleaned and _continues(cleaned[-1], c):
            cleaned[-1] = _join(cleaned[-1], c)
            continue
        cleaned.append(c)

    parts: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for rb in cleaned:
        if parts:
            parts.append(BLOCK_SEP)
            pos += len(BLOCK_SEP)
        if rb.kind == "paragraph":
            start = pos
            parts.append(rb.text)
            pos += len(rb.text)
            blocks.append(Block(kind="paragraph", text=rb.text, start=start, end=pos, page=rb.page,
                                hints=rb.hints, source_start=rb.source_start,
                                source_end=rb.source_end,
                                source_map=rb.source_map))
            continue
        start = pos
        rows: list[tuple[Cell, ...]] = []
        for r, row in enumerate(rb.rows):
            if r:
                parts.append(ROW_SEP)
                pos += len(ROW_SEP)
            cells = []
            for k, c in enumerate(row):
                if k:
                    parts.append(CELL_SEP)
                    pos += len(CELL_SEP)
                cells.append(Cell(text=c.text, start=pos, end=pos + len(c.text), colspan=c.colspan,
                                  rowspan=c.rowspan, bold=c.bold))
                parts.append(c.text)
                pos += len(c.text)
            rows.append(tuple(cells))
        text = "".join(parts)[start:pos]
        blocks.append(Block(kind="table", text=text, start=start, end=pos, page=rb.page,
                            hints=rb.hints or Hints(), rows=tuple(rows),
                            source_start=rb.source_start, source_end=rb.source_end))
    text = "".join(parts)
    blocks, warnings = _mark_trailer(blocks), raw.warnings
    if blocks and blocks[-1].hints.region == TRAILER:
        warnings += ("text of a legal-document website after the document left out of the "
                     "extraction",)
    return Document(doc_id=raw.source.sha256[:16], source=raw.source, text=text, folded=fold(text),
                    blocks=tuple(blocks), warnings=warnings,
                    block_starts=tuple(b.start for b in blocks))


TRAILER = "trailer"


def _mark_trailer(blocks: list[Block]) -> list[Block]:
    """The blocks from the first line a legal-document website prints after the document on
    ("Văn bản liên quan", "Văn bản này chưa cập nhật nội dung Tiếng Anh", its privacy notice:
    ``reader.yaml`` ``site_trailer``) marked ``region="trailer"``; none before the document's
    first quarter."""
    rx = _trailer_rx()
    for k, b in enumerate(blocks):
        if k >= len(blocks) // 4 and b.kind == "paragraph" and rx.match(b.text):
            return blocks[:k] + [replace(x, hints=replace(x.hints, region=TRAILER))
                                 for x in blocks[k:]]
    return blocks


@cache
def _trailer_rx() -> regex.Pattern:
    from models.load import data

    lines = [str(x) for x in data("reader").get("site_trailer", [])]
    return regex.compile(r"\s*(?:" + "|".join(f"(?:{x})" for x in lines) + ")", regex.I)
