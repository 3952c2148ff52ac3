"""Extract stage: run the extractors in order and store their records on the document.

Order matters only through what an extractor reads: sections first (every other record names the
section it is in), then metadata, citations, deadlines, and assignments (which attach deadlines).
Each extractor is a pure function ``extract(doc) -> records`` (see ``extractors/``). An extractor
that fails leaves its field empty and adds a warning; it never loses the document.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from pipeline.document import Document


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtractSettings:
    """Settings of the extract stage."""

    strict: bool = False  # re-raise an extractor's exception instead of warning (tests, debugging)


def run(doc: Document, settings: ExtractSettings = ExtractSettings()) -> Document:
    """Add sections, metadata, citations, deadlines and assignments to ``doc``."""
    from extractors import assignments, citations, deadlines, metadata, sections

    steps = (
        ("sections", sections.extract),
        ("metadata", metadata.extract),
        ("citations", citations.extract),
        ("deadlines", deadlines.extract),
        ("assignments", assignments.extract),
    )
    for name, fn in steps:
        try:
            doc = replace(doc, **{name: fn(doc)})
        except Exception as exc:  # an extractor bug must not lose the document
            if settings.strict:
                raise
            doc = replace(doc, warnings=doc.warnings + (f"{name} extractor failed: {exc!r}",))
    return doc
