"""Sections extractor (first cut: finds nothing yet)."""

from __future__ import annotations

from pipeline.document import Document


def extract(doc: Document) -> tuple:
    return ()
