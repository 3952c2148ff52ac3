"""Text with an offset map back to its source, and the folding every extractor matches against.

``MappedText`` is a string plus run-length segments ``(pos, src)``: character ``pos`` of the string
came from source offset ``src``, and so did the following ones, one for one, up to the next
segment. Cleaning steps (markup removal, whitespace collapsing, NFC) build a new ``MappedText``
character by character, so every span of the normalized text maps back to the source.
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


def canonical(text: str) -> str:
    """Fold, then collapse spaces and put single spaces around a dash between words.

    >>> canonical("Sở Lao động– Thương binh  và Xã hội")
    'Sở Lao động - Thương binh và Xã hội'
    """
    s = fold(unicodedata.normalize("NFC", text))
    s = regex.sub(r"(?<=\p{L})\s*-\s*(?=\p{L})", " - ", s)
    return " ".join(s.split())


@dataclass(frozen=True, slots=True)
class MappedText:
    text: str
    segments: tuple[tuple[int, int], ...]  # (pos in text, offset in source), pos ascending

    def source_offset(self, pos: int) -> int:
        if not self.segments:
            return pos
        starts = [p for p, _ in self.segments]
        i = max(0, bisect.bisect_right(starts, pos) - 1)
        p, s = self.segments[i]
        return s + (pos - p)


def compress(offsets: list[int]) -> tuple[tuple[int, int], ...]:
    """Run-length segments ``(pos, src)`` of a per-character offset list."""
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


_ZERO_WIDTH = "\u200b\ufeff\u00ad"
_RUN = regex.compile(r"\S+")
_ODD_SPACE = regex.compile(r"^\s|\s$|\s\s|[^\S ]")  # any whitespace but single inner spaces


def collapse(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """NFC and single spaces, stripped, keeping the source offset of each kept character."""
    if unicodedata.is_normalized("NFC", text) and not any(z in text for z in _ZERO_WIDTH):
        if not _ODD_SPACE.search(text):  # already single-spaced: nothing to do
            return text, offsets
        out: list[str] = []
        offs: list[int] = []
        for m in _RUN.finditer(text):  # the common case: runs of text between spaces
            if out:
                out.append(" ")
                offs.append(offsets[m.start() - 1])
            out.append(m.group())
            offs.extend(offsets[m.start():m.end()])
        return "".join(out), offs
    return _collapse_slow(text, offsets)


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
