"""Responsible units: canonical names, and finding government bodies and roles in text.

``canonical`` expands the abbreviations of ``models/gazetteers/abbreviations.tsv`` and unifies
spelling; ``find_units`` (below) recognizes the bodies a sentence names.
"""

from __future__ import annotations

import unicodedata
from functools import cache

import regex

from extractors.patterns import gazetteer
from pipeline.textmap import DASHES, OLD_TONES

_OLD = {**OLD_TONES, **{k.capitalize(): v.capitalize() for k, v in OLD_TONES.items()},
        **{k.upper(): v.upper() for k, v in OLD_TONES.items()}}
_OLD_TONE = regex.compile("(?:" + "|".join(_OLD) + r")(?!\p{L})")
_DASH = regex.compile("[" + DASHES + "]")
_NAME_DASH = regex.compile(r"(?<=\p{L})\s*-\s*(?=\p{L})")


def fold(text: str) -> str:
    """Old-style tone placement unified at the end of a syllable only, dashes made ``-``; the
    result has the same length as ``text``.

    >>> fold("Uỷ ban nhân dân tỉnh Khánh Hoà, Kế hoạch – 2024")
    'Ủy ban nhân dân tỉnh Khánh Hòa, Kế hoạch - 2024'
    """
    text = _DASH.sub("-", text.replace("\u00a0", " "))
    return _OLD_TONE.sub(lambda m: _OLD[m.group()], text)


def _spelling(text: str) -> str:
    s = fold(unicodedata.normalize("NFC", text))
    s = _NAME_DASH.sub(" - ", s)
    return " ".join(s.split())


_BOUND_L = r"(?<![\p{L}\p{N}])"
_BOUND_R = r"(?![\p{L}\p{N}])"


def _form_regex(form: str) -> str:
    """A printed abbreviation as a regex: any spacing, optional spaces around ``- & ,``."""
    out = []
    for ch in form:
        if ch == " ":
            out.append(r"\s+")
        elif ch in "-&,":
            out.append(r"\s*" + regex.escape(ch) + r"\s*")
        else:
            out.append(regex.escape(ch))
    return "".join(out).replace(r"\s*\s+", r"\s*").replace(r"\s+\s*", r"\s*")


@cache
def _abbreviations() -> tuple[regex.Pattern, dict[str, str]]:
    rows = sorted(gazetteer("abbreviations"), key=lambda r: -len(r["form"]))
    parts = []
    lookup: dict[str, str] = {}
    for i, r in enumerate(rows):
        flags = "" if r.get("case", "exact") == "exact" else "(?i)"
        body = _form_regex(_spelling(r["form"]))
        parts.append(f"(?P<a{i}>{flags.replace('(?i)', '(?i:')}{body}{')' if flags else ''})")
        lookup[f"a{i}"] = r["expansion"]
    rx = regex.compile(_BOUND_L + "(?:" + "|".join(parts) + ")" + _BOUND_R)
    return rx, lookup


_DOUBLE_VN = regex.compile(r"Việt Nam(?:\s+(?:Việt Nam|VN))+" + _BOUND_R)
_EDGE = regex.compile(r"^[\s\-–+•*.,;:]+|[\s\-–.,;:]+$")


def canonical(name: str) -> str:
    """The canonical form of a unit name: abbreviations expanded, spelling unified.

    >>> canonical("Sở LĐ-TB&XH")
    'Sở Lao động - Thương binh và Xã hội'
    >>> canonical("Uỷ ban MTTQ Việt Nam tỉnh")
    'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh'
    >>> canonical("Ban VSTBCPN  tỉnh")
    'Ban Vì sự tiến bộ của phụ nữ tỉnh'
    """
    s = _spelling(unicodedata.normalize("NFC", name))
    rx, lookup = _abbreviations()
    s = rx.sub(lambda m: lookup[m.lastgroup], s)
    s = _DOUBLE_VN.sub("Việt Nam", s)
    s = _spelling(s)
    return _EDGE.sub("", s)


from dataclasses import dataclass  # noqa: E402


@dataclass(frozen=True, slots=True, kw_only=True)
class Unit:
    """A unit named in a text: its canonical name, type and sector, and where it is printed."""

    name: str
    text: str
    start: int
    end: int
    unit_type: str | None = None
    sector: str | None = None
    collective: bool = False


def find_units(text: str) -> list[Unit]:
    """The units named in ``text``, in order (being written)."""
    return []
