"""The corpus store of the public API: ``vnplan.open_corpus(path)``.

    >>> from vnplan.corpus import open_corpus
    >>> corpus = open_corpus("corpus.duckdb")     # doctest: +SKIP
    >>> corpus.add(["corpora/seeds"])             # doctest: +SKIP
    >>> corpus.documents, corpus.links, corpus.themes   # pandas DataFrames  # doctest: +SKIP

The implementation is :mod:`analysis.corpus`; it is imported on first use, so importing
``vnplan`` stays fast.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from analysis.corpus import Corpus

__all__ = ["Corpus", "open_corpus"]


def open_corpus(path: str | os.PathLike[str] = "corpus.duckdb") -> Corpus:
    """Open (or name, to create on the first ``add``) a corpus store.

    Its attributes ``documents sections citations deadlines assignments links themes tasks
    graph_nodes graph_edges`` are pandas DataFrames; ``add(paths)`` grows it, ``compare(...)``
    and ``align(lower, higher)`` analyse it.
    """
    from analysis.corpus import open_corpus as _open

    return _open(path)


def __getattr__(name: str) -> Any:
    if name == "Corpus":
        from analysis.corpus import Corpus

        return Corpus
    raise AttributeError(name)
