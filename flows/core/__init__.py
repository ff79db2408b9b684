"""The pure extraction core: bytes and pages in, rows out. No Prefect, DuckDB or GX here.

Holds the document model (``document``, ``model``, ``pages``, ``text``, ``layout/``), the knowledge the
extractors use (``knowledge``, ``vocabulary``), the raw schema derived from the extractors (``schema``),
and the extractors themselves as plug-ins (``extractors/``: front matter, statistics, policies,
recommendations, tables).

May import: nothing else of ``flows`` (the lowest layer; tests/test_imports.py).
"""
