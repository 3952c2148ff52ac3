"""vnplan's stages: ingest -> normalize -> extract -> emit.

``process(path)`` runs the per-document stages on one file and returns the document with its
records, or an :class:`Failure` saying why it could not be read; it never raises for bad input.
"""
