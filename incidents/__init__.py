"""Open incident-data pipeline: news text to a validated incident dataset (Parquet + DuckDB)."""

__version__ = "0.1.0"
