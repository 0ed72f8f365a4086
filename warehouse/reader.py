"""Opening the published views read-only from wherever the warehouse folder now lives.

Kept free of pandas and pyarrow so that a query starts fast.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

DB_NAME = "incidents.duckdb"
VERSIONS = "_versions"


def connect_reader(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the published views of `warehouse`.

    The views name their Parquet files relative to the warehouse folder; `file_search_path`
    anchors them there, whatever the working directory. Only the warehouse's publications can
    be read: no other file, no extension install, and the configuration is locked.
    """
    root = warehouse.resolve()
    con = duckdb.connect(
        str(root / DB_NAME), read_only=True, config={"file_search_path": str(root)}
    )
    try:
        # Both spellings: DuckDB checks a path as the view writes it and as it resolves it.
        allowed = [f"{VERSIONS}/", f"{root.as_posix()}/{VERSIONS}/"]
        con.execute("SET allowed_directories = ?", [allowed])
        con.execute("SET enable_external_access = false")
        con.execute("SET autoinstall_known_extensions = false")
        con.execute("SET autoload_known_extensions = false")
        con.execute("SET lock_configuration = true")
    except duckdb.Error:
        con.close()
        raise
    return con
