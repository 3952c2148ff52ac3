"""Shared fixtures: paths of the bundled corpora and a builder of documents from text."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpora" / "seeds"
RENDERED = ROOT / "corpora" / "rendered"
GOLD = ROOT / "corpora" / "gold"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def build_text(tmp_path):
    """Build a Document (all stages) from a text string written to a temporary .txt file."""
    from pipeline.run import build

    def _build(text: str, name: str = "doc.txt"):
        p = tmp_path / name
        p.write_text(text, encoding="utf-8")
        return build(p)

    return _build
