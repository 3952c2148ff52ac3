"""Data the extractors read: pattern tables (``patterns/*.yaml``), gazetteers
(``gazetteers/*.tsv``), codebooks (``codebooks/*.yaml``). Reviewed in diffs; loaded through
:mod:`models.load`."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent
