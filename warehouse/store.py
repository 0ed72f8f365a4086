"""The warehouse folder: reading the current publication and publishing a new one atomically.

Layout of DIR:
    incidents.duckdb             views over the current Parquet, plus reference tables
    <table>/ -> _versions/<run>/<table>/   one folder per table (a symlink swapped atomically)
    data_docs/ -> _versions/<run>/data_docs/   Great Expectations Data Docs of that run
    _versions/<run>/             every file of one publication; the last few are kept
    _failed_runs.jsonl           runs that could not publish, folded into `runs` next time

A new publication is written completely under _versions/ first; only then are the symlinks
and the DuckDB file replaced with os.replace, which is atomic. A crash before that leaves the
previous publication untouched; DuckDB readers always see one consistent publication.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from warehouse.schema import PUBLIC_TABLES, SCHEMAS

log = logging.getLogger(__name__)
DB_NAME = "incidents.duckdb"
VERSIONS = "_versions"
FAILED_RUNS = "_failed_runs.jsonl"
SQL_DIR = Path(__file__).parent / "sql"


class PublishError(RuntimeError):
    """The run could not publish; the previous publication is unchanged."""


def to_arrow(name: str, rows: pd.DataFrame | list[dict[str, Any]]) -> pa.Table:
    """Rows as an Arrow table with the table's declared schema (extra columns dropped)."""
    schema = SCHEMAS[name]
    frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(rows)
    for field in schema:
        if field.name not in frame.columns:
            frame[field.name] = None
    frame = frame[[f.name for f in schema]]
    return pa.Table.from_pandas(frame, schema=schema, preserve_index=False, safe=False)


def materialize(table: pa.Table, folder: Path) -> Path:
    """The one Parquet writer: zstd, statistics, one file per table folder."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "part-0.parquet"
    pq.write_table(table, path, compression="zstd", write_statistics=True)
    return path


def read_current(warehouse: Path, name: str) -> pd.DataFrame:
    """The currently published table (empty, with its columns, when there is none yet)."""
    folder = warehouse / name if name in PUBLIC_TABLES else warehouse / "_state" / name
    files = sorted(folder.glob("*.parquet")) if folder.exists() else []
    if not files:
        return SCHEMAS[name].empty_table().to_pandas()
    table = pa.concat_tables([pq.read_table(f) for f in files])
    return table.to_pandas()


@contextlib.contextmanager
def run_lock(warehouse: Path) -> Iterator[None]:
    """One run at a time per warehouse folder."""
    warehouse.mkdir(parents=True, exist_ok=True)
    with open(warehouse / ".lock", "w") as fh:
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


def _swap_symlink(link: Path, target: str) -> None:
    tmp = link.with_name(f".{link.name}.swap")
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(target, tmp)
    if link.exists() and not link.is_symlink():
        shutil.rmtree(link) if link.is_dir() else link.unlink()
    os.replace(tmp, link)


def _render_sql(version_dir: Path) -> list[str]:
    statements = []
    for sql_file in sorted(SQL_DIR.glob("*.sql")):
        text = sql_file.read_text(encoding="utf-8")
        statements.append(text.replace("{{VERSION_DIR}}", version_dir.as_posix()))
    return statements


def _build_database(db_path: Path, version_dir: Path, reference: dict[str, pd.DataFrame]) -> None:
    con = duckdb.connect(str(db_path))
    try:
        for statement in _render_sql(version_dir):
            con.execute(statement)
        for name, frame in reference.items():
            con.register("ref_frame", frame)
            con.execute(f"CREATE OR REPLACE TABLE ref_{name} AS SELECT * FROM ref_frame")
            con.unregister("ref_frame")
        con.execute("CHECKPOINT")
    finally:
        con.close()


def publish(warehouse: Path, run_id: str, tables: dict[str, pa.Table],
            reference: dict[str, pd.DataFrame], data_docs: Path | None = None,
            keep_versions: int = 3) -> Path:  # fmt: skip
    """Write every table of one run and make it the current publication in one step."""
    version_dir = (warehouse / VERSIONS / run_id).resolve()
    if version_dir.exists():
        shutil.rmtree(version_dir)
    for name, table in tables.items():
        folder = version_dir / ("_state/" + name if name not in PUBLIC_TABLES else name)
        materialize(table, folder)
    if data_docs is not None and data_docs.exists():
        shutil.move(str(data_docs), version_dir / "data_docs")
    tmp_db = warehouse / f".{DB_NAME}.{run_id}.tmp"
    if tmp_db.exists():
        tmp_db.unlink()
    _build_database(tmp_db, version_dir, reference)
    # Everything is on disk: now switch, table folders first, the database last.
    for name in tables:
        if name in PUBLIC_TABLES:
            _swap_symlink(warehouse / name, f"{VERSIONS}/{run_id}/{name}")
    (warehouse / "_state").mkdir(exist_ok=True)
    for name in tables:
        if name not in PUBLIC_TABLES:
            _swap_symlink(warehouse / "_state" / name, f"../{VERSIONS}/{run_id}/_state/{name}")
    if (version_dir / "data_docs").exists():
        _swap_symlink(warehouse / "data_docs", f"{VERSIONS}/{run_id}/data_docs")
    os.replace(tmp_db, warehouse / DB_NAME)
    _prune(warehouse, keep_versions)
    return version_dir


def _prune(warehouse: Path, keep: int) -> None:
    versions = sorted((warehouse / VERSIONS).iterdir(), key=lambda p: p.name)
    for old in versions[:-keep] if keep > 0 else []:
        shutil.rmtree(old, ignore_errors=True)
    for stale in warehouse.glob(f".{DB_NAME}.*.tmp"):
        stale.unlink(missing_ok=True)


def record_failed_run(warehouse: Path, row: dict[str, Any]) -> None:
    """Remember a run that could not publish; the next publication lists it in `runs`."""
    warehouse.mkdir(parents=True, exist_ok=True)
    with open(warehouse / FAILED_RUNS, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(row, default=str) + "\n")


def pending_failed_runs(warehouse: Path) -> list[dict[str, Any]]:
    path = warehouse / FAILED_RUNS
    if not path.exists():
        return []
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        with contextlib.suppress(json.JSONDecodeError):
            rows.append(json.loads(line))
    return rows


def clear_failed_runs(warehouse: Path) -> None:
    (warehouse / FAILED_RUNS).unlink(missing_ok=True)
