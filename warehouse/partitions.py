"""How each table is cut into files, so that a night rewrites only what it changed.

    documents                  ingest-<run start>/part-0.parquet    one folder per run, never rewritten
    quarantine, incident_history   run-<run_id>/part-0.parquet      append-only, one folder per run
    incident_reports           <event month>/part-0.parquet     2017-05/, undated/
    incidents, incident_state  <event month>/part-0.parquet     the incident's event month
    runs                       part-0.parquet                   small, rewritten each run

A folder name is a value of the rows' own columns, not `key=value`: readers that guess Hive
partitions (pandas, DuckDB, Spark) would otherwise add a column the table does not have.
Every reader that reads a folder recursively (pyarrow and pandas by default, DuckDB with
`'<table>/**/*.parquet'`, Spark with `recursiveFileLookup`) sees exactly the table.

Event months suit a news feed: a night's reports are about the last days, so a night rewrites
one or two months of incidents and links every older file into the new publication unchanged.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

ROOT = ""  # a table kept in one file at the top of its folder
FILE = "part-0.parquet"
UNDATED = "undated"
BY_EVENT_MONTH = ("incident_reports", "incidents", "incident_state")
BY_RUN = ("quarantine", "incident_history")


def partition_names(name: str, table: pa.Table) -> pa.Array:
    """The partition (folder name under the table's folder) of every row of `table`."""
    n = table.num_rows
    if name in BY_EVENT_MONTH:
        months = pc.strftime(table.column("event_date").cast(pa.timestamp("s")), format="%Y-%m")
        return pc.fill_null(months, UNDATED).combine_chunks() if n else pa.array([], pa.string())
    if name in BY_RUN:
        runs = pc.binary_join_element_wise("run-", pc.fill_null(table.column("run_id"), "none"), "")
        return runs.combine_chunks() if n else pa.array([], pa.string())
    if name == "documents":
        stamps = pc.strftime(
            table.column("ingested_at").cast(pa.timestamp("s"), safe=False), format="%Y%m%dT%H%M%S"
        )
        stamps = pc.binary_join_element_wise("ingest-", pc.fill_null(stamps, "unknown"), "")
        return stamps.combine_chunks() if n else pa.array([], pa.string())
    return pa.array([ROOT] * n, pa.string())


def split(name: str, table: pa.Table) -> dict[str, pa.Table]:
    """`table` cut into its partitions (an empty table: no partition at all)."""
    if table.num_rows == 0:
        return {}
    keys = partition_names(name, table)
    out: dict[str, pa.Table] = {}
    for value in pc.unique(keys).to_pylist():
        out[value] = table.filter(pc.equal(keys, value))
    return out


def month_partitions(years: set[int]) -> set[str]:
    """Every month partition of the given event years (a year-wide block of matching)."""
    return {f"{y:04d}-{m:02d}" for y in years for m in range(1, 13)}
