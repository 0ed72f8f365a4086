"""The DuckDB file of a publication: views from sql/, their documentation, reference tables.

View SQL names its Parquet files by `{{table}}` placeholders. They become a list of quoted
paths relative to the warehouse folder (`'_versions/<run>/incidents/part-0.parquet'`), so the
file holds no absolute path and any folder name works. DuckDB resolves relative paths against
its `file_search_path` setting, or the working directory when that is unset.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

SQL_DIR = Path(__file__).parent / "sql"
# Readers that lag behind (BI drivers, the DuckDB command line on the package index) can open
# a file written in an older storage format; the views and comments need nothing newer.
STORAGE_COMPATIBILITY = "v1.0.0"
_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")


def sql_literal(text: str) -> str:
    """`text` as a SQL string literal: quotes doubled, so no path can end the string."""
    return "'" + text.replace("'", "''") + "'"


def render_sql(files: dict[str, list[str]]) -> list[str]:
    """Every view script, in file order, with each `{{table}}` replaced by its file list."""

    def files_of(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in files:
            raise KeyError(f"view SQL names table {name!r}, which this publication lacks")
        return "[" + ", ".join(sql_literal(f) for f in files[name]) + "]"

    return [
        _PLACEHOLDER.sub(files_of, path.read_text(encoding="utf-8"))
        for path in sorted(SQL_DIR.glob("*.sql"))
    ]


def build_database(db_path: Path, warehouse: Path, files: dict[str, list[str]],
                   reference: dict[str, list[str]]) -> None:  # fmt: skip
    """Write the DuckDB file of one publication (views bound against `warehouse`).

    `reference` names the Parquet files of each reference table; each becomes a view
    `ref_<name>`, so the file holds no data and is rebuilt in a moment each run.
    """
    config: dict[str, str | bool | int | float | list[str]] = {
        "file_search_path": str(warehouse.resolve()),
        "storage_compatibility_version": STORAGE_COMPATIBILITY,
    }
    con = duckdb.connect(str(db_path), config=config)
    try:
        for script in render_sql(files):
            con.execute(script)
        for name, paths in reference.items():
            listed = ", ".join(sql_literal(p) for p in paths)
            con.execute(
                f'CREATE OR REPLACE VIEW "ref_{name}" AS SELECT * FROM read_parquet([{listed}])'
            )
        con.execute("CHECKPOINT")
    finally:
        con.close()
