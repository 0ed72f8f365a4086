"""Runs that could not publish, kept in DIR/_failed_runs.jsonl until a publication lists them.

Each failure is one line appended with a single write under an exclusive lock and flushed to
disk. A run id already present in the published `runs` table is never listed again, so a crash
between publishing and clearing the file cannot list a failed run twice.

A run also appends a start marker before it reads anything. A run killed outright (kill -9, a
power cut) records nothing else, so its marker alone stands for it: the next publication lists
it once in `runs` with status `failed` and a message that it was interrupted. A failure
recorded later for the same run replaces its marker; a run that published is never listed.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)
FAILED_RUNS = "_failed_runs.jsonl"
# Space set aside by every publication, given back when a failure must be recorded on a full
# disk: without it the one run that most needs a `runs` row (disk full) would leave none.
RESERVE = "_failed_runs.reserve"
RESERVE_BYTES = 64 * 1024
STARTED = "started"  # status of a start marker; listed in `runs` as failed
INTERRUPTED = "interrupted: the run stopped before it finished (killed, or the machine stopped)"


@contextlib.contextmanager
def _locked(path: Path, flags: int) -> Iterator[int]:
    fd = os.open(path, flags, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield fd
    finally:
        os.close(fd)  # closing releases the lock


def record_failed_run(warehouse: Path, row: dict[str, Any]) -> bool:
    """Append one failed run durably; False (and a logged error) when it cannot be written.

    Never raises: the failure being recorded is the error the user must see, not this one.
    """
    return _record(warehouse, row, use_reserve=True)


def record_run_started(warehouse: Path, run_id: str, started_at: Any) -> bool:
    """Append the start marker of a run durably; False (logged) when it cannot be written.

    Never takes the reserve: that is kept for the failure a full disk will cause.
    """
    row = {"run_id": run_id, "started_at": started_at, "finished_at": None, "status": STARTED,
           "dq_success": False, "message": INTERRUPTED}  # fmt: skip
    return _record(warehouse, row, use_reserve=False)


def _record(warehouse: Path, row: dict[str, Any], use_reserve: bool) -> bool:
    path = warehouse / FAILED_RUNS
    line = (json.dumps(row, default=str) + "\n").encode("utf-8")
    try:
        warehouse.mkdir(parents=True, exist_ok=True)
        try:
            _append(path, line)
        except OSError as exc:
            full = exc.errno in (errno.ENOSPC, errno.EDQUOT)
            if not (use_reserve and full and (warehouse / RESERVE).exists()):
                raise
            (warehouse / RESERVE).unlink()
            _append(path, line)
    except OSError as exc:
        log.error("could not record failed run %s in %s: %s", row.get("run_id"), path, exc)
        return False
    return True


def _append(path: Path, line: bytes) -> None:
    with _locked(path, os.O_RDWR | os.O_APPEND | os.O_CREAT) as fd:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            line = b"\n" + line  # a torn line from a crash must not swallow this one
        os.write(fd, line)  # one write of one line: O_APPEND keeps it whole
        os.fsync(fd)


def ensure_reserve(warehouse: Path) -> None:
    """Set aside the space a failure record needs later (best effort)."""
    path = warehouse / RESERVE
    with contextlib.suppress(OSError):
        if not path.exists() or path.stat().st_size < RESERVE_BYTES:
            with open(path, "wb") as fh:
                fh.write(b"\0" * RESERVE_BYTES)
                fh.flush()
                os.fsync(fh.fileno())


def _read_rows(data: bytes) -> list[dict[str, Any]]:
    rows = []
    for line in data.decode("utf-8", errors="replace").split("\n"):
        with contextlib.suppress(json.JSONDecodeError):
            row = json.loads(line)
            if isinstance(row, dict):
                rows.append(row)
    return rows


def pending_failed_runs(warehouse: Path, published_ids: Iterable[str] = ()) -> list[dict[str, Any]]:
    """Failed runs not yet in the published `runs` table, each once, in the order they started
    or failed: a start marker with no later failure is listed as an interrupted failed run."""
    path = warehouse / FAILED_RUNS
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    done = set(published_ids)
    rows: dict[str, dict[str, Any]] = {}
    for row in _read_rows(data):
        run_id = str(row.get("run_id"))
        if run_id not in done and rows.get(run_id, {"status": STARTED}).get("status") == STARTED:
            rows[run_id] = row  # a failure replaces the marker, keeping its place
    return [{**r, "status": "failed"} if r.get("status") == STARTED else r for r in rows.values()]


def clear_failed_runs(warehouse: Path, published_ids: Iterable[str]) -> None:
    """Drop the lines a publication has listed; lines appended meanwhile are kept."""
    path = warehouse / FAILED_RUNS
    if not path.exists():
        return
    done = set(published_ids)
    with _locked(path, os.O_RDWR) as fd:
        data = b""
        while chunk := os.read(fd, 1 << 20):
            data += chunk
        keep = [r for r in _read_rows(data) if str(r.get("run_id")) not in done]
        # Rewritten in place, never unlinked: a writer waiting for the lock holds this inode.
        os.lseek(fd, 0, os.SEEK_SET)
        os.ftruncate(fd, 0)
        os.write(fd, "".join(json.dumps(r, default=str) + "\n" for r in keep).encode("utf-8"))
        os.fsync(fd)
