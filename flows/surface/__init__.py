"""The analyst's surface: what a person runs against the pipeline and the published warehouse.

- ``cli``    – the ``paperflow`` command (run, sql, serve, status, report, docs)
- ``query``  – read-only SQL on the published warehouse
- ``status`` – the last runs, the schedule, what is published
- ``report`` – one self-contained HTML page of the warehouse, charts included
- ``docs``   – dbt's static docs site
- ``serve``  – a schedule and a local Prefect server for the same reports

May import: everything below it (the stages ``flows.<stage>``/``flows.pipeline``, ``flows.plumbing``,
``flows.core``); nothing imports it (the top layer).
"""
