"""The records of the output contract (``../shared/spec/RECORDS.md``), as frozen dataclasses.

Every record carries ``span`` — ``(start, end)`` offsets in the normalized text
(:attr:`pipeline.document.Document.text`) — and ``page`` (PDF only, else ``None``). Field names
follow RECORDS.md; fields beyond the contract are documented where they are declared.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

SCHEMA_VERSION = "1.0"

Span = tuple[int, int]

DocType = Literal[
    "law", "resolution", "decree", "decision", "directive", "circular", "programme", "plan",
    "scheme", "project", "strategy", "regulation", "guidance", "notice", "report", "conclusion",
    "official_letter", "other",
]
Level = Literal["national", "province", "district", "commune"]
SectionKind = Literal[
    "purpose", "requirements", "purpose_requirements", "tasks", "funding", "implementation",
    "appendix", "other",
]
DeadlineKind = Literal["before", "on", "range", "recurring"]
Recurrence = Literal["yearly", "half_yearly", "quarterly", "monthly"]
Origin = Literal["table", "prose"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Signer:
    name: str | None = None
    title: str | None = None
    authority: str | None = None
    span: Span | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Metadata:
    doc_type: str | None = None
    number: str | None = None
    symbol: str | None = None
    issuer: str | None = None
    level: str | None = None
    province: str | None = None
    district: str | None = None
    commune: str | None = None
    place: str | None = None
    issued_date: str | None = None
    title: str | None = None
    year: int | None = None
    period: tuple[int, int] | None = None
    signer: Signer = field(default_factory=Signer)
    recipients: tuple[str, ...] = ()
    # beyond the contract
    province_2025: str | None = None  # the post-2025-merger province holding `province`
    spans: tuple[tuple[str, Span], ...] = ()  # (field, span) for every value read from the text


@dataclass(frozen=True, slots=True, kw_only=True)
class Section:
    path: str
    level: int
    label: str
    title: str
    kind: str | None
    start: int
    end: int
    span: Span
    page: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Citation:
    text: str
    type: str
    number: str | None
    name: str | None
    key: str
    date: str | None
    issuer: str | None
    section: str
    span: Span
    page: int | None = None
    # beyond the contract
    subject: str | None = None  # "về việc …", "phê duyệt …"
    instrument_id: str | None = None  # key + year + issuing locality for local symbols
    refers_to: int | None = None  # index of the full mention a short form refers back to
    key_alt: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Deadline:
    text: str
    kind: str
    start: str | None
    end: str | None
    recurrence: str | None
    year_inferred: bool
    section: str
    span: Span
    page: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Target:
    instrument: str | None
    goal: str | None
    indicator: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Assignment:
    task: str
    lead: tuple[str, ...]
    support: tuple[str, ...]
    output: str | None
    due: str | None
    section: str
    origin: str
    span: Span
    page: int | None = None
    # beyond the contract
    targets: tuple[Target, ...] = ()
    dues: tuple[str, ...] = ()  # every deadline the task states, in text order (due: the one)
