"""paperflow: research and policy PDFs in, a validated DuckDB warehouse of facts out."""

__version__ = "0.1.0"
