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
import dataclasses
import datetime as dt
import errno
import fcntl
import logging
import os
import re
import shutil
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from warehouse import failed_runs, partitions, versions
from warehouse.failed_runs import FAILED_RUNS, record_failed_run
from warehouse.reader import DB_NAME, connect_reader
from warehouse.schema import PUBLIC_TABLES, SCHEMAS
from warehouse.views import build_database as _build_database

__all__ = [
    "DB_NAME", "FAILED_RUNS", "VERSIONS", "Changes", "PublishError", "clear_failed_runs",
    "connect_reader", "current_files", "materialize", "pending_failed_runs", "publish",
    "read_current", "read_current_arrow", "record_failed_run", "run_lock", "table_files",
    "to_arrow",
]  # fmt: skip

log = logging.getLogger(__name__)
VERSIONS = versions.VERSIONS
STATE = "_state"
REFERENCE = "_reference"
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
    """The one Parquet writer: zstd, statistics, one file per partition folder, flushed."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / partitions.FILE
    pq.write_table(table, path, compression="zstd", write_statistics=True)
    versions.fsync_path(path)
    return path


@dataclass(frozen=True)
class Changes:
    """What a run changes in one table; every partition it does not touch is carried over.

    `rows` are new rows, or new versions of rows already published: with `key`, a published
    row whose key is among `rows`' keys is replaced (wherever it sits among the partitions
    named in `stale` or those `rows` fall into); without, `rows` are appended. `stale` names
    the partitions that held the earlier versions (an incident whose date changed moves).
    `drop` names keys whose rows go without a new version (an incident now held back); their
    partitions are among `stale` too. `staged` gives new partitions as Parquet files already
    written in the warehouse folder (`DocumentWriter`): they are linked in, not rewritten.
    """

    rows: pa.Table
    key: str | None = None
    stale: frozenset[str] = frozenset()
    drop: frozenset[str] = frozenset()
    staged: Mapping[str, Path] = dataclasses.field(
        default_factory=dict
    )  # new partitions written already


@dataclass
class WriteStats:
    """Files written and carried over by one publication (bytes count written files only)."""

    written: int = 0
    linked: int = 0
    bytes_written: int = 0

    def add_written(self, path: Path) -> None:
        self.written += 1
        self.bytes_written += path.stat().st_size


def _table_folder(base: Path, name: str) -> Path:
    return base / name if name in PUBLIC_TABLES else base / STATE / name


def _partition_of(table_dir: Path, file: Path) -> str:
    rel = file.parent.relative_to(table_dir)
    return "" if rel == Path(".") else rel.as_posix()


def table_files(base: Path | None, name: str) -> dict[str, list[Path]]:
    """A publication's files of one table, by partition ('' for a file at the folder's top)."""
    if base is None:
        return {}
    folder = _table_folder(base, name)
    found: dict[str, list[Path]] = {}
    for f in sorted(folder.rglob("*.parquet")) if folder.is_dir() else []:
        found.setdefault(_partition_of(folder, f), []).append(f)
    return found


def current_files(warehouse: Path, name: str, only: set[str] | None = None) -> list[Path]:
    """Files of the last complete publication's table (of the partitions in `only`)."""
    by_part = table_files(versions.current_version(warehouse), name)
    return [f for p, files in by_part.items() if only is None or p in only for f in files]


def _read_files(files: list[Path], name: str, columns: list[str] | None = None) -> pa.Table:
    schema = SCHEMAS[name]
    if columns is not None:
        schema = pa.schema([schema.field(c) for c in columns])
    if not files:
        return schema.empty_table()
    parts = [pq.read_table(f, columns=schema.names) for f in files]
    return pa.concat_tables([t.select(schema.names).cast(schema) for t in parts])


def read_current(warehouse: Path, name: str, columns: list[str] | None = None) -> pd.DataFrame:
    """A table of the last complete publication (empty, with its columns, before the first)."""
    return _read_files(current_files(warehouse, name), name, columns).to_pandas()


def read_current_arrow(warehouse: Path, name: str, columns: list[str] | None = None,
                       only: set[str] | None = None) -> pa.Table:  # fmt: skip
    """Like `read_current`, as Arrow, of some partitions only when `only` names them."""
    return _read_files(current_files(warehouse, name, only), name, columns)


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


def _carry(src: Path, dst: Path, stats: WriteStats) -> None:
    """An unchanged file into the new publication: a hard link, a copy where links fail."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dst)
        stats.linked += 1
    except OSError:
        shutil.copy2(src, dst)
        versions.fsync_path(dst)
        stats.add_written(dst)


def _write_table(name: str, change: pa.Table | Changes, previous: Path | None, folder: Path,
                 stats: WriteStats) -> None:  # fmt: skip
    """One table of the new publication: changed partitions written, the others carried."""
    target = _table_folder(folder, name)
    schema = SCHEMAS[name]
    if isinstance(change, pa.Table):  # the whole table: nothing of the previous one is kept
        pieces = {p: [t] for p, t in partitions.split(name, change).items()}
    else:
        before = table_files(previous, name)
        rows = change.rows.select(schema.names).cast(schema)
        pieces = {p: [t] for p, t in partitions.split(name, rows).items()}
        affected = set(pieces) | set(change.stale)
        if partitions.ROOT in before:  # an empty table, or one of the single-file layout
            affected.add(partitions.ROOT)
        gone = (
            pa.array(sorted({*rows.column(change.key).to_pylist(), *change.drop}), pa.string())
            if change.key
            else None
        )
        for part, files in before.items():
            if part not in affected:
                for f in files:
                    _carry(f, target / part / f.name, stats)
                continue
            old = _read_files(files, name)
            if gone is not None and old.num_rows:
                old = old.filter(pc.invert(pc.is_in(old.column(change.key), value_set=gone)))
            for p, t in partitions.split(name, old).items():  # a top file is cut up here
                pieces.setdefault(p, []).insert(0, t)
    for part, tables in sorted(pieces.items()):
        table = pa.concat_tables(tables)
        if table.num_rows:
            stats.add_written(materialize(table, target / part))
    for part, path in sorted(change.staged.items()) if isinstance(change, Changes) else ():
        if part in pieces:
            raise ValueError(f"table {name}: partition {part} is both staged and given as rows")
        (target / part).mkdir(parents=True, exist_ok=True)
        dst = target / part / partitions.FILE
        try:  # a link, so that a retried publication finds the staged file again
            os.link(path, dst)
        except OSError:
            shutil.copy2(path, dst)
            versions.fsync_path(dst)
        versions.fsync_path(target / part)
        stats.add_written(dst)
    if not any(target.rglob("*.parquet")) if target.is_dir() else True:
        stats.add_written(materialize(schema.empty_table(), target))  # readers need one file


class DocumentWriter:
    """The night's `documents` rows streamed into one Parquet file as chunks are extracted.

    The file is flushed when closed and becomes a partition of the next publication through
    `Changes.staged`; nothing is written for a night without documents.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._writer: pq.ParquetWriter | None = None

    def write(self, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        table = to_arrow("documents", rows)
        if self._writer is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._writer = pq.ParquetWriter(
                self.path, SCHEMAS["documents"], compression="zstd", write_statistics=True
            )
        self._writer.write_table(table)

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None
            versions.fsync_path(self.path)


def _write_tables(warehouse: Path, folder: Path, tables: Mapping[str, pa.Table | Changes],
                  previous: Path | None, stats: WriteStats) -> dict[str, list[str]]:  # fmt: skip
    """Every table into the publication's folder; file paths relative to the warehouse."""
    files: dict[str, list[str]] = {}
    for name in SCHEMAS:  # a table not given is carried over as it is (empty at first)
        change = tables.get(name, Changes(SCHEMAS[name].empty_table()))
        _write_table(name, change, previous, folder, stats)
        found = sorted(_table_folder(folder, name).rglob("*.parquet"))
        files[name] = [f.relative_to(warehouse).as_posix() for f in found]
    return files


Reference = Mapping[str, pd.DataFrame] | Callable[[], Mapping[str, pd.DataFrame]]


def _write_reference(warehouse: Path, folder: Path, reference: Reference, key: str | None,
                     previous: Path | None, stats: WriteStats) -> dict[str, list[str]]:  # fmt: skip
    """The reference tables as Parquet under _reference/; linked when the seeds are unchanged."""
    target = folder / REFERENCE
    old = previous / REFERENCE if previous is not None else None
    prev_key = (versions.read_manifest(previous) or {}).get("reference_key") if previous else None
    if key is not None and key == prev_key and old is not None and old.is_dir():
        for f in sorted(old.rglob("*.parquet")):
            _carry(f, target / f.relative_to(old), stats)
    else:
        frames = reference() if callable(reference) else reference
        for name, frame in frames.items():
            table = pa.Table.from_pandas(frame, preserve_index=False)
            stats.add_written(materialize(table, target / name))
    return {
        f.parent.name: [f.relative_to(warehouse).as_posix()]
        for f in sorted(target.rglob("*.parquet"))
    }


def publish(warehouse: Path, run_id: str, tables: Mapping[str, pa.Table | Changes],
            reference: Reference, data_docs: Path | None = None, keep_versions: int = 3,
            grace_seconds: float = DEFAULT_GRACE_SECONDS,
            reference_key: str | None = None) -> Path:  # fmt: skip
    """Write every table of one run and make it the current publication in one step.

    A table given whole (an Arrow table) replaces the previous one; one given as `Changes`
    rewrites only the partitions its rows touch (a table not given is carried over), and the rest of the previous publication's
    files become part of the new one as hard links (no copy, same inode). `reference_key`
    (a fingerprint of the seeds) lets unchanged reference tables be linked the same way.
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
    stats = WriteStats()
    try:
        _write_publication(warehouse, folder, tables, reference, reference_key, data_docs,
                           previous, stats)  # fmt: skip
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        manifest = {"run_id": run_id, "previous": previous.name if previous else None,
                    "published_at": now.isoformat(), "reference_key": reference_key,
                    "files_written": stats.written, "files_linked": stats.linked,
                    "bytes_written": stats.bytes_written,
                    "tables": _files_of(warehouse, folder)}  # fmt: skip
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


def _write_publication(warehouse: Path, folder: Path, tables: Mapping[str, pa.Table | Changes],
                       reference: Reference, reference_key: str | None, data_docs: Path | None,
                       previous: Path | None, stats: WriteStats) -> None:  # fmt: skip
    """Every file of a publication, flushed to disk: tables, Data Docs, the DuckDB file."""
    files = _write_tables(warehouse, folder, tables, previous, stats)
    ref_files = _write_reference(warehouse, folder, reference, reference_key, previous, stats)
    if data_docs is not None and data_docs.exists():
        shutil.move(str(data_docs), folder / DATA_DOCS)
    _build_database(folder / DB_NAME, warehouse, files, ref_files)
    versions.fsync_path(folder / DB_NAME)
    stats.add_written(folder / DB_NAME)


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
