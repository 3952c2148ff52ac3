"""Our own grammar of Vietnamese dates: printed forms -> ISO or partial ISO, validated.

Table-driven: the forms live in ``models/patterns/dates.yaml`` (one entry per form, with its
precision). A general-purpose date parser is unfit here: it fills a missing day or year from
today, while an administrative text must say only what it printed.

    >>> parse("ngày 27 tháng 4 năm 2007").iso
    '2007-04-27'
    >>> parse("quý II/2024").first.iso, parse("quý II/2024").last.iso
    ('2024-04', '2024-06')
    >>> parse("15/11").iso
    '--11-15'

Values: :class:`PartialDate` (year, month, day, any of them missing) and :class:`DateMatch` (a
span of text with its first and last value: a day is one point, a quarter runs from its first
month to its last, "6 tháng đầu năm 2024" from 2024-01 to 2024-06, "2021-2030" over years).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from functools import cache
from typing import Literal

from models import load

Precision = Literal["day", "month", "year", "quarter", "half", "years", "daymonth", "monthonly"]
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
YEARLESS = ("daymonth", "monthonly")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date as far as it was printed: ``PartialDate(2024, 6)`` is June 2024."""

    year: int | None
    month: int | None = None
    day: int | None = None

    @property
    def iso(self) -> str:
        """``2024-06-15``, ``2024-06``, ``2024``, or for a yearly date ``--06-15`` / ``--06``."""
        if self.year is None:
            if self.day is not None:
                return f"--{self.month:02d}-{self.day:02d}"
            return f"--{self.month:02d}"
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def with_year(self, year: int) -> PartialDate:
        return replace(self, year=year)


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date expression found in a text: its span, its form and its first and last value."""

    start: int
    end: int
    text: str
    pattern: str
    precision: Precision
    first: PartialDate
    last: PartialDate

    @property
    def iso(self) -> str:
        """The ISO form of a single point (a day, a month, a year); the last value of a span."""
        return self.last.iso

    @property
    def has_year(self) -> bool:
        return self.precision not in YEARLESS


def valid(year: int | None, month: int | None, day: int | None) -> bool:
    """Is this a real calendar date (a yearless day may be 29/2)?

    >>> valid(2021, 2, 31), valid(None, 2, 29), valid(2024, 13, None)
    (False, True, False)
    """
    if year is not None and not 1900 <= year <= 2100:
        return False
    if month is not None and not 1 <= month <= 12:
        return False
    if day is not None:
        if month is None:
            return False
        last = calendar.monthrange(year if year is not None else 2024, month)[1]
        return 1 <= day <= last
    return True


@cache
def _table() -> tuple[load.Pattern, ...]:
    return load.table("dates")


def _int(groups: dict[str, str | None], name: str) -> int | None:
    v = groups.get(name)
    return int(v) if v else None


def _values(p: load.Pattern, groups: dict[str, str | None]
            ) -> tuple[PartialDate, PartialDate] | None:
    """The first and last value of one match, or ``None`` when it is no real date."""
    precision = p.get("precision")
    year, month, day = _int(groups, "year"), _int(groups, "month"), _int(groups, "day")
    if precision == "quarter":
        q = groups["quarter"] or ""
        n = ROMAN.get(q.upper()) or int(q)
        if not valid(year, 1, None):
            return None
        return PartialDate(year, 3 * n - 2), PartialDate(year, 3 * n)
    if precision == "half":
        if not valid(year, 1, None):
            return None
        first = (groups.get("half") or "").lower() == "đầu"
        return PartialDate(year, 1 if first else 7), PartialDate(year, 6 if first else 12)
    if precision == "years":
        year2 = _int(groups, "year2")
        if year is None or year2 is None or not valid(year, None, None) \
                or not valid(year2, None, None) or not year < year2 <= year + 50:
            return None
        return PartialDate(year), PartialDate(year2)
    if not valid(year, month, day):
        return None
    point = PartialDate(year, month, day)
    return point, point


def find(text: str, start: int = 0, end: int | None = None,
         precisions: frozenset[str] | None = None) -> tuple[DateMatch, ...]:
    """Every date expression in ``text[start:end]``, leftmost-longest, none overlapping.

    ``precisions`` keeps only the forms of those precisions.

    >>> [m.iso for m in find("trước ngày 15/6/2024 và trước ngày 05/12")]
    ['2024-06-15', '--12-05']
    """
    end = len(text) if end is None else end
    found: list[tuple[int, int, int, DateMatch]] = []
    for p in _table():
        precision = p.get("precision")
        if precisions is not None and precision not in precisions:
            continue
        for m in p.regex.finditer(text, start, end):
            vals = _values(p, m.groupdict())
            if vals is None:
                continue
            dm = DateMatch(start=m.start(), end=m.end(), text=m.group(), pattern=p.id,
                           precision=precision, first=vals[0], last=vals[1])
            found.append((m.start(), -(m.end() - m.start()), int(p.get("priority", 9)), dm))
    found.sort(key=lambda t: t[:3])
    out: list[DateMatch] = []
    taken_until = -1
    for s, _, _, dm in found:
        if s >= taken_until:
            out.append(dm)
            taken_until = dm.end
    return tuple(out)


def at(text: str, pos: int, precisions: frozenset[str] | None = None,
       slack: int = 0) -> DateMatch | None:
    """The date expression starting at ``pos`` (or within ``slack`` characters after it).

    >>> at("ngày 30/7/2021 của", 5).iso
    '2021-07-30'
    """
    window_end = min(len(text), pos + slack + 40)
    for dm in find(text, pos, window_end, precisions):
        if dm.start <= pos + slack:
            return dm
        break
    return None


def parse(text: str) -> DateMatch | None:
    """The date expression that is the whole of ``text`` (surrounding words like "ngày", "vào",
    "trong" and punctuation allowed), else ``None``.

    >>> parse("30-7-2021").iso, parse("tháng 6 năm 2024").iso, parse("năm 2025").iso
    ('2021-07-30', '2024-06', '2025')
    >>> parse("31/2/2021") is None
    True
    """
    s = text.strip()
    found = find(s)
    if len(found) != 1:
        return None
    dm = found[0]
    rest = (s[: dm.start] + " " + s[dm.end:]).strip(" ,.;:()").lower().split()
    fillers = set(load.data("dates")["fillers"])
    return dm if all(w in fillers for w in rest) else None
