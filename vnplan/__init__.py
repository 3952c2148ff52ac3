"""vnplan: Vietnamese gender-equality plans -> normalized records. Public API."""

from pipeline.run import Failure, Processed, process

__all__ = ["Failure", "Processed", "process"]
