"""What a night needs from the published warehouse, asked of DuckDB rather than loaded whole.

A night reads what its own documents and reports touch: the documents already known under
tonight's names or texts, and the incidents tonight's reports could join with every report
of those incidents. DuckDB scans the Parquet files column by column and returns the matching
rows only, so a night's memory follows the night, not the warehouse.

Blocks are those of matching (transforms.incidents): a report dated in year Y of country C
can join an incident of C dated in Y or undated; an undated report can join any incident of
C. Loading those blocks gives merging exactly the candidates it would find in the whole
warehouse.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from warehouse import partitions, store
from warehouse.schema import SCHEMAS
from warehouse.views import sql_literal


def _connect() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:")
    con.execute("SET threads = 2")
    return con


def _file_list(files: list[Path]) -> str:
    return "[" + ", ".join(sql_literal(str(f)) for f in files) + "]"


def known_documents(warehouse: Path, hashes: Iterable[str], ids: Iterable[str]
                    ) -> tuple[set[str], set[str]]:  # fmt: skip
    """Of the given texts (SHA-256) and doc_ids, those already recorded in `documents`."""
    files = store.current_files(warehouse, "documents")
    wanted_hashes, wanted_ids = sorted(set(hashes)), sorted(set(ids))
    if not files or not (wanted_hashes or wanted_ids):
        return set(), set()
    con = _connect()
    try:
        con.register("h", pa.table({"v": pa.array(wanted_hashes, pa.string())}))
        con.register("i", pa.table({"v": pa.array(wanted_ids, pa.string())}))
        rows = con.execute(
            f"SELECT doc_id, content_sha256 FROM read_parquet({_file_list(files)}) "
            "WHERE content_sha256 IN (SELECT v FROM h) OR doc_id IN (SELECT v FROM i)"
        ).fetchall()
    finally:
        con.close()
    found_ids = {r[0] for r in rows}
    found_hashes = {r[1] for r in rows if r[1] is not None}
    return found_hashes & set(wanted_hashes), found_ids & set(wanted_ids)


def _blocks(reports: pd.DataFrame) -> tuple[set[tuple[str, int]], set[str]]:
    """(country, year) blocks of dated reports, and the countries of undated ones."""
    dated: set[tuple[str, int]] = set()
    undated: set[str] = set()
    isos = reports["country_iso3"] if "country_iso3" in reports else pd.Series(dtype=object)
    dates = reports["event_date"] if "event_date" in reports else pd.Series(dtype=object)
    for iso, day in zip(isos, dates, strict=True):
        iso = "" if iso is None or (isinstance(iso, float) and iso != iso) else str(iso)
        if day is None or day is pd.NaT or (isinstance(day, float) and day != day):
            undated.add(iso)
        else:
            year = day.year if isinstance(day, dt.date) else pd.Timestamp(day).year
            dated.add((iso, int(year)))
    return dated, undated


def candidates(warehouse: Path, reports: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Published incidents (state) that `reports` could join, and every report of them.

    Only the event-month partitions of the blocks' years are read (all of them when a report
    is undated); the country filter runs inside DuckDB.
    """
    dated, undated = _blocks(reports)
    empty_state = SCHEMAS["incident_state"].empty_table().to_pandas()
    empty_reports = SCHEMAS["incident_reports"].empty_table().to_pandas()
    if not dated and not undated:
        return empty_state, empty_reports
    only = None if undated else partitions.month_partitions({y for _, y in dated})
    if only is not None:
        only |= {partitions.UNDATED, partitions.ROOT}
    state_files = store.current_files(warehouse, "incident_state", only)
    report_files = store.current_files(warehouse, "incident_reports")
    if not state_files:
        return empty_state, empty_reports
    blocks = pa.table(
        {
            "iso": pa.array([c for c, _ in dated] + sorted(undated), pa.string()),
            "year": pa.array([y for _, y in dated] + [None] * len(undated), pa.int32()),
        }
    )
    con = _connect()
    try:
        con.register("blocks", blocks)
        state = con.sql(
            f"""
            SELECT s.* FROM read_parquet({_file_list(state_files)}) s
            WHERE EXISTS (
                SELECT 1 FROM blocks b
                WHERE b.iso = coalesce(s.country_iso3, '')
                  AND (b.year IS NULL OR s.event_date IS NULL OR b.year = year(s.event_date)))
            """
        ).to_arrow_table()
        assert state is not None
        if report_files and state.num_rows:
            con.register("cand", state.select(["incident_id"]))
            members = con.sql(
                f"SELECT * FROM read_parquet({_file_list(report_files)}) "
                "WHERE incident_id IN (SELECT incident_id FROM cand)"
            ).to_arrow_table()
        else:
            members = None
    finally:
        con.close()
    state_frame = _typed(state, "incident_state")
    report_frame = _typed(members, "incident_reports") if members is not None else empty_reports
    return state_frame, report_frame


def _typed(table: pa.Table, name: str) -> pd.DataFrame:
    """DuckDB's result in the table's own Arrow types (int32 stays int32, dates stay dates)."""
    schema = SCHEMAS[name]
    return table.select(schema.names).cast(schema).to_pandas()


def published_rows(folder: Path, name: str) -> int:
    """Rows of one table of a publication, from the Parquet footers (no data read)."""
    files = [f for fs in store.table_files(folder, name).values() for f in fs]
    return sum(pq.ParquetFile(f).metadata.num_rows for f in files)
