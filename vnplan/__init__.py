"""vnplan: Vietnamese gender-equality plans -> normalized records. Public API."""

from pipeline.run import Failure, Processed, process
from vnplan.corpus import open_corpus

__all__ = ["Failure", "Processed", "open_corpus", "process"]
