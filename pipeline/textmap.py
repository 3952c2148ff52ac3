"""Text with an offset map back to its source, and the folding every extractor matches against.

``MappedText`` is a string plus run-length segments ``(pos, src)``: character ``pos`` of the string
came from source offset ``src``, and so did the following ones, one for one, up to the next
segment. The segments are maximal (a segment never continues the one before it), so one text has
one map. Cleaning steps (markup removal, whitespace collapsing, page-break joins) work on the
segments themselves, piece by piece (``push``, ``place``); only the rare character-level steps
(NFC composition, inline markup) go through a per-character list (``offsets``, ``compress``).
Every span of the normalized text maps back to the source.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

import regex

# Old-style tone placement -> the placement Unicode text mostly uses (same length, both NFC).
OLD_TONES = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_OLD_TONES_ALL = {**OLD_TONES, **{k.capitalize(): v.capitalize() for k, v in OLD_TONES.items()},
                  **{k.upper(): v.upper() for k, v in OLD_TONES.items()}}
# at a syllable's end only, and not the "u" of "qu" (quý is right as it is)
# (the re module, a character class per letter, and the "not after q" test made after the two
# letters: a pattern that opens with a letter is searched for at C speed; this runs over every
# text, whole)
_OLD_TONE_RX = re.compile(
    "(?:"
    + "|".join(f"{first}[{''.join(k[1] for k in _OLD_TONES_ALL if k[0] == first)}]"
               for first in sorted({k[0] for k in _OLD_TONES_ALL}))
    + r")(?<![qQ]..)(?![^\W\d_])")
DASHES = "‐‑‒–—―−"
_DASH_MAP = {d: "-" for d in DASHES} | {"\u00a0": " ", "“": '"', "”": '"', "‘": "'", "’": "'"}


def fold(text: str) -> str:
    """Comparison form of NFC text, character for character the same length.

    The old-style tone placement is moved only at the end of a syllable ("hoà" -> "hòa",
    "Uỷ" -> "Ủy"); "hoàn", "quý", "khuyến" are already right and stay.

    >>> fold("Uỷ ban nhân dân tỉnh Khánh Hoà – 2024")
    'Ủy ban nhân dân tỉnh Khánh Hòa - 2024'
    """
    out = text
    # str.replace per character present: translate() goes char by char through a dict on
    # non-ASCII text, ten times slower
    for c, to in _DASH_MAP.items():
        if c in out:
            out = out.replace(c, to)
    if _OLD_TONE_RX.search(out):
        out = _OLD_TONE_RX.sub(lambda m: _OLD_TONES_ALL[m.group()], out)
    return out


NAME_DASH = regex.compile(r"(?<=\p{L})\s*-\s*(?=\p{L})")  # a dash between two words


def canonical(text: str) -> str:
    """Fold, then collapse spaces and put single spaces around a dash between words.

    >>> canonical("Sở Lao động– Thương binh  và Xã hội")
    'Sở Lao động - Thương binh và Xã hội'
    """
    s = fold(unicodedata.normalize("NFC", text))
    s = NAME_DASH.sub(" - ", s)
    return " ".join(s.split())


@dataclass(frozen=True, slots=True)
class MappedText:
    text: str
    segments: tuple[tuple[int, int], ...]  # (pos in text, offset in source), pos ascending

    def source_offset(self, pos: int) -> int:
        if not self.segments:
            return pos
        return offset_at(self.segments, pos)


Segments = tuple[tuple[int, int], ...]


def compress(offsets: list[int]) -> Segments:
    """Run-length segments ``(pos, src)`` of a per-character offset list.

    >>> compress([5, 6, 7, 9, 9])
    ((0, 5), (3, 9), (4, 9))
    """
    if not offsets:
        return ()
    if offsets[-1] - offsets[0] == len(offsets) - 1 and \
            offsets == list(range(offsets[0], offsets[0] + len(offsets))):
        return ((0, offsets[0]),)
    segs: list[tuple[int, int]] = []
    prev = None
    for pos, src in enumerate(offsets):
        if prev is None or src != prev + 1:
            segs.append((pos, src))
        prev = src
    return tuple(segs)


def offsets(segments: Segments, n: int) -> list[int]:
    """The per-character offsets of a text of length ``n`` that ``segments`` map.

    >>> offsets(((0, 5), (3, 9), (4, 9)), 5)
    [5, 6, 7, 9, 9]
    """
    out: list[int] = []
    for k, (p, s) in enumerate(segments):
        q = segments[k + 1][0] if k + 1 < len(segments) else n
        out.extend(range(s, s + q - p))
    return out


def push(out: list[tuple[int, int]], pos: int, src: int) -> None:
    """Append a segment (output position ``pos`` from source offset ``src`` on) to ``out``,
    unless it continues the last one. Positions must not go back.

    >>> out = [(0, 10)]; push(out, 3, 13); push(out, 4, 20); out
    [(0, 10), (4, 20)]
    """
    if out:
        p, s = out[-1]
        if s + (pos - p) == src:
            return
        if p == pos:
            out.pop()
            if out and out[-1][1] + (pos - out[-1][0]) == src:
                return
    out.append((pos, src))


def place(out: list[tuple[int, int]], segments: Segments, a: int, b: int, at: int) -> None:
    """Append the map of characters ``[a, b)`` of a text mapped by ``segments``, placed at output
    position ``at``, to ``out``.

    >>> out = []; place(out, ((0, 100), (4, 200)), 2, 6, 0); out
    [(0, 102), (2, 200)]
    """
    if b <= a or not segments:
        return
    i = max(0, bisect.bisect_right(segments, a, key=lambda seg: seg[0]) - 1)
    while i < len(segments) and segments[i][0] < b:
        p, s = segments[i]
        x = max(p, a)
        push(out, at + x - a, s + x - p)
        i += 1


def offset_at(segments: Segments, pos: int) -> int:
    """The source offset of character ``pos``."""
    i = max(0, bisect.bisect_right(segments, pos, key=lambda seg: seg[0]) - 1)
    p, s = segments[i]
    return s + (pos - p)


_ZERO_WIDTH = "\u200b\ufeff\u00ad"
_RUN = regex.compile(r"\S+")
_ODD_SPACE = regex.compile(r"^\s|\s$|\s\s|[^\S ]")  # any whitespace but single inner spaces
_ODD_GAP = regex.compile(r"\s*(?:\s\s|[^\S ])\s*")  # a whole run of spaces that is not one " "
_LEAD = regex.compile(r"\s+")
_TRAIL = regex.compile(r"(?r)\s+\Z")


def _plain(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text) and not any(z in text for z in _ZERO_WIDTH)


def collapse_text(text: str) -> str:
    """NFC and single spaces, stripped (what :func:`collapse` gives, without the map).

    >>> collapse_text("  Sở\tY   tế ")
    'Sở Y tế'
    """
    if _plain(text):
        return " ".join(_RUN.findall(text)) if _ODD_SPACE.search(text) else text
    return _collapse_slow(text, list(range(len(text))))[0]


def collapse(text: str, segments: Segments) -> tuple[str, Segments]:
    """NFC and single spaces, stripped, with the map of ``text`` carried over: a run of spaces
    made one keeps the offset of its last character.

    >>> collapse(" Sở  Y tế", ((0, 0),))
    ('Sở Y tế', ((0, 1), (2, 4)))
    """
    if not _plain(text):
        out, offs = _collapse_slow(text, offsets(segments, len(text)))
        return out, compress(offs)
    if not _ODD_SPACE.search(text):  # already single-spaced: nothing to do
        return text, segments
    lead = _LEAD.match(text)
    lo = lead.end() if lead else 0
    trail = _TRAIL.search(text, lo)
    hi = trail.start() if trail else len(text)
    parts: list[str] = []
    segs: list[tuple[int, int]] = []
    pos = lo
    at = 0
    for m in _ODD_GAP.finditer(text, lo, hi):
        parts.append(text[pos:m.start()])
        place(segs, segments, pos, m.start(), at)
        at += m.start() - pos
        parts.append(" ")
        place(segs, segments, m.end() - 1, m.end(), at)
        at += 1
        pos = m.end()
    parts.append(text[pos:hi])
    place(segs, segments, pos, hi, at)
    return "".join(parts), tuple(segs)


def _collapse_slow(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    out_chars: list[str] = []
    out_offs: list[int] = []
    # NFC per grapheme: compose base + combining marks, offset of the base
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        piece = unicodedata.normalize("NFC", text[i:j]) if j - i > 1 or not text[i].isascii() \
            else text[i]
        for ch in piece:
            if ch.isspace() or ch in _ZERO_WIDTH:
                if ch in _ZERO_WIDTH:
                    continue
                if out_chars and out_chars[-1] != " ":
                    out_chars.append(" ")
                    out_offs.append(offsets[i])
            else:
                out_chars.append(ch)
                out_offs.append(offsets[i])
        i = j
    while out_chars and out_chars[-1] == " ":
        out_chars.pop()
        out_offs.pop()
    if out_chars and out_chars[0] == " ":
        out_chars.pop(0)
        out_offs.pop(0)
    return "".join(out_chars), out_offs
