"""Metadata extractor (first cut: finds nothing yet)."""

from __future__ import annotations

from pipeline.document import Document
from pipeline.records import Metadata


def extract(doc: Document) -> Metadata:
    return Metadata()
