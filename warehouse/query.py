"""Read-only SQL against the published views."""

from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.store import DB_NAME, connect_reader


class QueryError(RuntimeError):
    pass


def run_query(warehouse: Path, sql: str, fmt: str = "table") -> str:
    """Result of `sql` as a table, CSV or JSON; the connection is read-only."""
    db = warehouse / DB_NAME
    if not db.exists():
        raise QueryError(
            f"no published warehouse at {warehouse}: run `incidents run --warehouse {warehouse}` first"
        )
    try:
        con = connect_reader(warehouse)
    except duckdb.Error as exc:
        raise QueryError(f"cannot open {db}: {exc}") from exc
    try:
        frame = con.execute(sql).fetchdf()
    except duckdb.Error as exc:
        raise QueryError(f"query failed: {str(exc).splitlines()[0]}") from exc
    finally:
        con.close()
    if fmt == "csv":
        return frame.to_csv(index=False).rstrip("\n")
    if fmt == "json":
        return frame.to_json(orient="records", date_format="iso", indent=2)
    return frame.to_string(index=False, max_colwidth=60) if not frame.empty else "(no rows)"
