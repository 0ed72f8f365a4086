"""The warehouse folder: reading the current publication and publishing a new one atomically.

Layout of DIR (every link relative, so the folder can be moved, copied or mounted elsewhere):
    current -> _versions/<run>       the one switch: which publication is public
    <table> -> current/<table>       one folder of Parquet per public table
    incidents.duckdb -> current/incidents.duckdb   views over that publication's Parquet
    _state -> current/_state         internal tables the next run starts from
    data_docs -> current/data_docs   Great Expectations Data Docs of that run
    _versions/<run>/                 every file of one publication, with its manifest.json
    _failed_runs.jsonl               runs that could not publish, folded into `runs` next time
    _failed_runs.reserve             space given back to record a failure on a full disk

A publication is written completely under _versions/<run>/ (tables, DuckDB file, manifest,
all flushed to disk) before `current` is replaced in one os.replace. A crash at any point leaves
either the previous publication or the new one, for Parquet and DuckDB readers alike.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import logging
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from warehouse import failed_runs, versions
from warehouse.failed_runs import FAILED_RUNS, record_failed_run
from warehouse.reader import DB_NAME, connect_reader
from warehouse.schema import PUBLIC_TABLES, SCHEMAS
from warehouse.views import build_database as _build_database

__all__ = [
    "DB_NAME", "FAILED_RUNS", "VERSIONS", "PublishError", "clear_failed_runs", "connect_reader",
    "materialize", "pending_failed_runs", "publish", "read_current", "record_failed_run",
    "run_lock", "to_arrow",
]  # fmt: skip

log = logging.getLogger(__name__)
VERSIONS = versions.VERSIONS
STATE = "_state"
DATA_DOCS = "data_docs"
DEFAULT_GRACE_SECONDS = 86_400.0
_RUN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


class PublishError(RuntimeError):
    """The run could not publish; the previous publication is unchanged."""


def to_arrow(
    name: str, rows: pd.DataFrame | list[dict[str, Any]], widen_integers: bool = False
) -> pa.Table:
    """Rows as an Arrow table with the table's declared schema (extra columns dropped).

    The conversion is safe: a value that does not fit its column raises ValueError naming the
    table and the column, never wraps (an unchecked int32 cast stores 4294967297 as 1).
    `widen_integers` types integer columns int64, so that figures can be validated before
    they are narrowed: the range rules then quarantine them instead of the cast failing.
    """
    schema = SCHEMAS[name]
    if widen_integers:
        schema = pa.schema(
            [pa.field(f.name, pa.int64()) if pa.types.is_integer(f.type) else f for f in schema]
        )
    frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(rows)
    for field in schema:
        if field.name not in frame.columns:
            frame[field.name] = None
    frame = frame[[f.name for f in schema]]
    try:
        return pa.Table.from_pandas(frame, schema=schema, preserve_index=False, safe=True)
    except (pa.ArrowException, OverflowError, ValueError, TypeError) as exc:
        raise ValueError(f"table {name}: {_unfit_column(frame, schema)}{exc}") from exc


def _unfit_column(frame: pd.DataFrame, schema: pa.Schema) -> str:
    """'column X, row <key>: ' for the first value that does not fit its column, else ''."""
    for field in schema:
        try:
            pa.array(frame[field.name], type=field.type, from_pandas=True, safe=True)
        except (pa.ArrowException, OverflowError, ValueError, TypeError):
            for key, value in zip(frame.iloc[:, 0], frame[field.name], strict=True):
                try:
                    pa.array([value], type=field.type, from_pandas=True, safe=True)
                except (pa.ArrowException, OverflowError, ValueError, TypeError):
                    return f"column {field.name}, row {key}: "
            return f"column {field.name}: "
    return ""


def materialize(table: pa.Table, folder: Path) -> Path:
    """The one Parquet writer: zstd, statistics, one file per table folder, flushed to disk."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "part-0.parquet"
    pq.write_table(table, path, compression="zstd", write_statistics=True)
    versions.fsync_path(path)
    return path


def _table_folder(base: Path, name: str) -> Path:
    return base / name if name in PUBLIC_TABLES else base / STATE / name


def read_current(warehouse: Path, name: str) -> pd.DataFrame:
    """A table of the last complete publication (empty, with its columns, before the first)."""
    base = versions.current_version(warehouse)
    folder = _table_folder(base, name) if base is not None else None
    files = sorted(folder.rglob("*.parquet")) if folder is not None and folder.is_dir() else []
    if not files:
        return SCHEMAS[name].empty_table().to_pandas()
    table = pa.concat_tables([pq.read_table(f) for f in files])
    return table.to_pandas()


@contextlib.contextmanager
def run_lock(warehouse: Path) -> Iterator[None]:
    """One run at a time per warehouse folder."""
    try:
        warehouse.mkdir(parents=True, exist_ok=True)
        fh = open(warehouse / ".lock", "w")  # noqa: SIM115 (held for the whole block)
    except OSError as exc:
        raise PublishError(
            f"cannot write to the warehouse {warehouse}: {exc.strerror or exc}; "
            "pass a writable --warehouse or set INCIDENTS_WAREHOUSE"
        ) from exc
    with fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise PublishError(
                f"another run holds {warehouse / '.lock'}; wait for it to finish"
            ) from exc
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _write_tables(
    warehouse: Path, folder: Path, tables: dict[str, pa.Table]
) -> dict[str, list[str]]:
    """Every table into the publication's folder; file paths relative to the warehouse."""
    files: dict[str, list[str]] = {}
    for name, table in tables.items():
        written = materialize(table, _table_folder(folder, name))
        files[name] = [written.relative_to(warehouse).as_posix()]
    return files


def publish(warehouse: Path, run_id: str, tables: dict[str, pa.Table],
            reference: dict[str, pd.DataFrame], data_docs: Path | None = None,
            keep_versions: int = 3, grace_seconds: float = DEFAULT_GRACE_SECONDS) -> Path:  # fmt: skip
    """Write every table of one run and make it the current publication in one step.

    Call it holding `run_lock`. Returns the publication's folder.
    """
    if not _RUN_ID.fullmatch(run_id):
        raise PublishError(f"run id {run_id!r} is not usable as a folder name")
    previous = versions.current_version(warehouse)
    folder = warehouse / VERSIONS / run_id
    if previous is not None and previous.name == run_id:
        return folder  # a retry of a publication that already became current
    if folder.exists():
        shutil.rmtree(folder)
    try:
        _write_publication(warehouse, folder, tables, reference, data_docs)
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        manifest = {"run_id": run_id, "previous": previous.name if previous else None,
                    "published_at": now.isoformat(), "tables": _files_of(warehouse, folder)}  # fmt: skip
        versions.write_manifest(folder, manifest)
        versions.fsync_path(folder)
    except BaseException as exc:
        # Not public yet: drop the partial folder (after a kill, the next prune does).
        shutil.rmtree(folder, ignore_errors=True)
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise PublishError(f"disk full while writing {folder}: {exc}") from exc
        raise
    versions.make_current(warehouse, run_id, _linked_names(folder))
    removed = versions.prune(warehouse, keep_versions, grace_seconds, now)
    if removed:
        log.info("removed publications no reader needs: %s", ", ".join(removed))
    failed_runs.ensure_reserve(warehouse)
    return folder


def _write_publication(warehouse: Path, folder: Path, tables: dict[str, pa.Table],
                       reference: dict[str, pd.DataFrame], data_docs: Path | None) -> None:  # fmt: skip
    """Every file of a publication, flushed to disk: tables, Data Docs, the DuckDB file."""
    files = _write_tables(warehouse, folder, tables)
    if data_docs is not None and data_docs.exists():
        shutil.move(str(data_docs), folder / DATA_DOCS)
    _build_database(folder / DB_NAME, warehouse, files, reference)
    versions.fsync_path(folder / DB_NAME)


def _files_of(warehouse: Path, folder: Path) -> dict[str, list[str]]:
    """Each table's Parquet files, relative to the warehouse, as the manifest lists them."""
    tables: dict[str, list[str]] = {}
    for name in SCHEMAS:
        table_dir = _table_folder(folder, name)
        if table_dir.is_dir():
            found = sorted(table_dir.rglob("*.parquet"))
            tables[name] = [f.relative_to(warehouse).as_posix() for f in found]
    return tables


def _linked_names(folder: Path) -> list[str]:
    names = [*PUBLIC_TABLES, STATE, DB_NAME]
    return [*names, DATA_DOCS] if (folder / DATA_DOCS).exists() else names


def _published_run_ids(warehouse: Path) -> list[str]:
    return [str(r) for r in read_current(warehouse, "runs")["run_id"]]


def pending_failed_runs(warehouse: Path) -> list[dict[str, Any]]:
    """Failed runs that the current publication's `runs` table does not list yet."""
    return failed_runs.pending_failed_runs(warehouse, _published_run_ids(warehouse))


def clear_failed_runs(warehouse: Path) -> None:
    """Forget the failed runs that the current publication's `runs` table lists."""
    failed_runs.clear_failed_runs(warehouse, _published_run_ids(warehouse))
