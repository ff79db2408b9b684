"""Process plumbing the run stands on: settings, processes, logs, the warehouse file and run records.

- ``settings``   – the one validated Settings object
- ``extraction`` – what a worker process does with one document, and its cached result folder
- ``pool``       – the extraction process pool, and extractions started before the flow run
- ``workers``, ``reaper`` – worker processes and orphans: nothing outlives the run
- ``logs``       – a quiet terminal: third-party logging goes to the run's log file
- ``results``    – what the run reads back from result folders (same-text copies, skipped pages)
- ``warehouse``  – DuckDB: builds, the run lock, atomic publishing, read-only connections
- ``runstate``   – a run's inputs, fingerprint and record, without Prefect
- ``fastpath``   – `paperflow run` when nothing changed, decided before Prefect is imported
- ``headstart``  – Prefect's server, new extractions and heavy imports started at once
- ``datadocs``   – the assets GX Data Docs load, served locally
- ``contract``   – each raw table has a suite, a staging model and a mart (and their scaffold)

Nothing here imports Prefect at module level except where a Prefect server is launched (headstart
imports it lazily), so the fast path and the worker processes stay light.

May import: ``flows.core`` and ``flows.plumbing``; never the stages (``flows.<stage>``, ``flows.pipeline``)
nor ``flows.surface``. The head start runs the flow through a function its caller passes in.
"""
