"""Analyses of a corpus of records: the corpus store, citation links, themes, comparison across
provinces and years, and alignment of a lower-level plan with a higher-level one.

    corpus.py      the DuckDB corpus store (``open_corpus``), grown by ``add``
    tasks.py       task units of a document (assignments and task paragraphs)
    themes.py      the codebook ``models/codebooks/themes.yaml`` and labelling
    similarity.py  word-segmented TF-IDF cosine (underthesea, no downloaded model)
    links.py       citations resolved to documents; the citation graph
    compare.py     comparison tables; charts.py their charts; report.py the HTML pages
    align.py       alignment reports
    cli.py         ``vnplan corpus add|graph``, ``vnplan compare``, ``vnplan align``

Nothing heavy is imported here: ``import analysis`` is instant.
"""

from __future__ import annotations

from typing import Any

__all__ = ["open_corpus"]


def open_corpus(path: Any = "corpus.duckdb") -> Any:
    """Open a corpus store (see :func:`analysis.corpus.open_corpus`)."""
    from analysis.corpus import open_corpus as _open

    return _open(path)
