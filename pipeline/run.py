"""The per-document pipeline: a plain list of stages applied in order.

``process(path)`` -> :class:`Processed` (the document and its JSON record) or :class:`Failure`
(why it could not be read). Bad input never raises out of here.
"""

from __future__ import annotations

import hashlib
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import emit, extract, normalize
from pipeline.document import Document
from pipeline.ingest import IngestError, IngestSettings, read


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    ingest: IngestSettings = field(default_factory=IngestSettings)
    normalize: normalize.NormalizeSettings = field(default_factory=normalize.NormalizeSettings)
    extract: extract.ExtractSettings = field(default_factory=extract.ExtractSettings)


@dataclass(frozen=True, slots=True, kw_only=True)
class Failure:
    path: str
    reason: str
    message: str
    sha256: str | None = None

    def record(self) -> dict:
        return {"path": self.path, "reason": self.reason, "message": self.message,
                "sha256": self.sha256,
                "doc_id": self.sha256[:16] if self.sha256 else None}


@dataclass(frozen=True, slots=True, kw_only=True)
class Processed:
    document: Document
    record: dict


def build(path: Path, settings: Settings = Settings()) -> Document:
    """Ingest, normalize and extract one file (raises IngestError for unreadable input)."""
    raw = read(path, settings.ingest)
    doc = normalize.run(raw, settings.normalize)
    return extract.run(doc, settings.extract)


def _sha(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def process(path: Path, settings: Settings = Settings(), display_path: str | None = None
            ) -> Processed | Failure:
    """Run every stage on one file; never raises for bad input."""
    shown = display_path or str(path)
    try:
        doc = build(path, settings)
    except IngestError as exc:
        return Failure(path=shown, reason=exc.reason, message=exc.message, sha256=_sha(path))
    except MemoryError:
        return Failure(path=shown, reason="out_of_memory", message="reading needed too much memory",
                       sha256=_sha(path))
    except Exception as exc:  # a reader's bug on odd input: report it, keep the batch going
        tb = traceback.extract_tb(exc.__traceback__)[-1]
        return Failure(path=shown, reason="corrupt",
                       message=f"{type(exc).__name__}: {exc} "
                               f"(at {Path(tb.filename).name}:{tb.lineno})",
                       sha256=_sha(path))
    return Processed(document=doc, record=emit.record(doc, shown))
