"""One module per extractor; each exposes ``extract(doc) -> records`` (pure: no I/O, no globals
filled at import). Pattern tables are data in ``models/``, loaded once through
:mod:`models.load`.
"""
