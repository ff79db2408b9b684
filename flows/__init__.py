"""paperflow: research and policy PDFs in, a validated DuckDB warehouse of facts out.

The modules at this level are the Prefect flow and its stages, one module per stage in the order a
run takes them:

- ``discover``  – the files in raw/ and their content hashes
- ``extract``   – one task per new document, in the extraction pool
- ``load``      – the build warehouse from the cached results
- ``validate``  – the GX suites on the raw tables (``quarantine``: what a failure keeps out of the marts)
- ``transform`` – dbt: seeds, staging views, marts and their tests
- ``publish``   – the audited build becomes the warehouse, and the run is recorded
- ``pipeline``  – the flow that strings them together (``paperflow_flow``, ``run_pipeline``)

Below them: ``core`` (the pure extraction core) and ``plumbing`` (processes, settings, logs, the
warehouse file, run records). Above them: ``surface`` (what an analyst runs: CLI, queries, report).

Imports go down only (tests/test_imports.py): the stages may import ``core`` and ``plumbing``, never
``surface``.
"""

__version__ = "0.1.0"
