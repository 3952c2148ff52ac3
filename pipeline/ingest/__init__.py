"""Ingest stage: a file's bytes -> a :class:`~pipeline.document.RawDocument`, one reader per format.

Readers: :mod:`.text` (txt, md), :mod:`.docx`, :mod:`.pdf`. The format is taken from the file's
content first (a PDF, a ZIP holding ``word/document.xml``, an OLE2 Word 97 file) and from its
extension second, so a misnamed file is read as what it is, and random bytes named ``.pdf`` fail
with a clear reason instead of an exception from deep inside a parser.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pipeline.document import RawDocument, Source

TEXT_SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".text": "txt"}
SUPPORTED = {".txt", ".md", ".markdown", ".text", ".docx", ".pdf", ".doc", ".odt", ".rtf"}


class IngestError(Exception):
    """A document that cannot be read; ``reason`` is a short machine-readable slug."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestSettings:
    """Settings of the ingest stage (see README "Settings")."""

    max_bytes: int = 200 * 1024 * 1024  # larger files are refused, not read
    max_line: int = 200_000  # a text line longer than this is no document's paragraph
    ocr: str = "auto"  # auto | always | never


def sniff(data: bytes, suffix: str) -> str:
    """The format of ``data``: ``pdf``, ``docx``, ``doc``, ``txt``/``md`` or ``unknown``."""
    head = data[:8]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if suffix in (".docx", ".docm", "") or b"word/" in data[:65536] else (
            "odt" if suffix == ".odt" else "zip")
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        # an OLE2 file holding an "EncryptedPackage" stream is a password-protected .docx
        return "encrypted" if "EncryptedPackage".encode("utf-16-le") in data else "doc"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if suffix in TEXT_SUFFIXES:
        return TEXT_SUFFIXES[suffix]
    if suffix in (".pdf", ".docx", ".doc"):
        return "unknown"
    return "unknown"


def read(path: Path, settings: IngestSettings = IngestSettings()) -> RawDocument:
    """Read one file. Raises :class:`IngestError` with a clear reason when it cannot."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise IngestError("unreadable", f"cannot open file: {exc.strerror or exc}") from exc
    if size > settings.max_bytes:
        raise IngestError("too_large", f"file is {size} bytes, over the {settings.max_bytes} limit")
    data = path.read_bytes()
    if not data.strip():
        raise IngestError("empty", "file is empty")
    suffix = path.suffix.lower()
    fmt = sniff(data, suffix)
    sha = hashlib.sha256(data).hexdigest()
    if fmt in ("txt", "md"):
        from pipeline.ingest import encodings, text

        decoded, encoding = text.decode(data)
        if "\x00" in decoded:
            raise IngestError("binary", "text file holds NUL bytes: not text")
        longest = max((len(x) for x in decoded.splitlines()), default=0)
        if longest > settings.max_line:
            raise IngestError("not_a_document",
                              f"a line of {longest} characters (limit {settings.max_line}): "
                              "not the text of a document")
        warnings: tuple[str, ...] = ()
        if encoding == "cp1258":  # not UTF-8: a legacy 8-bit font encoding, or Windows-1258
            decoded, encoding = encodings.decode_8bit(data)
            warnings = (f"text converted from {encoding} to Unicode",)
        else:
            legacy = encodings.detect(decoded)
            if legacy:
                decoded = encodings.convert(decoded, legacy)
                warnings = (f"text in {legacy} characters converted to Unicode",)
                encoding = f"{encoding}+{legacy}"
        if not unicodedata.is_normalized("NFC", decoded):
            # composed once, up front: offsets then count characters as printed, and the
            # markup and layout rules see letters, not base letters and combining marks
            decoded = unicodedata.normalize("NFC", decoded)
            warnings += ("decomposed (NFD) text composed to NFC; offsets refer to it",)
        return RawDocument(source=Source(path=str(path), format=fmt, sha256=sha, encoding=encoding),
                           blocks=text.read(decoded), warnings=warnings)
    if fmt == "docx":
        from pipeline.ingest import docx

        blocks = docx.read(data)
        return RawDocument(source=Source(path=str(path), format="docx", sha256=sha), blocks=blocks)
    if fmt == "pdf":
        from pipeline.ingest import pdf

        blocks, pages, warnings, conf = pdf.read_pdf(data, ocr=settings.ocr)
        return RawDocument(source=Source(path=str(path), format="pdf", sha256=sha, pages=pages,
                                         ocr=conf is not None, ocr_confidence=conf),
                           blocks=blocks, warnings=warnings)
    if fmt == "encrypted":
        raise IngestError("encrypted", "the Word file is password-protected")
    if fmt in ("doc", "rtf", "odt"):
        from pipeline.ingest import docx, legacy, text

        try:
            converted = legacy.to_docx(data, "." + fmt)
        except IngestError:
            fallback = legacy.antiword_text(data) if fmt == "doc" else None
            if fallback is None:
                raise
            return RawDocument(source=Source(path=str(path), format=fmt, sha256=sha),
                               blocks=text.read(fallback), warnings=("read by antiword",))
        return RawDocument(source=Source(path=str(path), format=fmt, sha256=sha),
                           blocks=docx.read(converted), warnings=(f"converted from {fmt}",))
    raise IngestError("unknown_format",
                      f"content is not a supported format (suffix {suffix or 'none'}; "
                      f"starts with {data[:8]!r})")
