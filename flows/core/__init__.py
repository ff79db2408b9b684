"""The pure extraction core: bytes and pages in, rows out. No Prefect, DuckDB or GX here."""
