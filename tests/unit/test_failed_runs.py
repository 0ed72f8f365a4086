"""Failed runs: appended whole, listed exactly once, never hiding the error that failed the run."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

from warehouse import failed_runs
from warehouse.failed_runs import (
    FAILED_RUNS,
    RESERVE,
    clear_failed_runs,
    ensure_reserve,
    pending_failed_runs,
    record_failed_run,
)


def failed(run_id: str) -> dict[str, str]:
    return {"run_id": run_id, "status": "failed", "message": "disk full " + "x" * 2000}


def test_a_failed_run_is_on_disk_when_record_returns(tmp_path):
    assert record_failed_run(tmp_path, failed("r1"))
    assert [r["run_id"] for r in pending_failed_runs(tmp_path)] == ["r1"]


def test_concurrent_appends_stay_whole_lines(tmp_path):
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda i: record_failed_run(tmp_path, failed(f"r{i}")), range(200)))
    lines = (tmp_path / FAILED_RUNS).read_text().split("\n")[:-1]
    assert len(lines) == 200
    assert {r["run_id"] for r in pending_failed_runs(tmp_path)} == {f"r{i}" for i in range(200)}


def test_a_run_already_published_is_not_listed_again(tmp_path):
    for run_id in ("r1", "r2", "r1"):
        record_failed_run(tmp_path, failed(run_id))
    # r1 reached `runs`, then the process died before clearing the file.
    assert [r["run_id"] for r in pending_failed_runs(tmp_path, ["r0", "r1"])] == ["r2"]
    assert [r["run_id"] for r in pending_failed_runs(tmp_path)] == ["r1", "r2"]


def test_clearing_keeps_failures_not_yet_published(tmp_path):
    for run_id in ("r1", "r2", "r3"):
        record_failed_run(tmp_path, failed(run_id))
    inode = (tmp_path / FAILED_RUNS).stat().st_ino
    clear_failed_runs(tmp_path, ["r1", "r3"])
    assert [r["run_id"] for r in pending_failed_runs(tmp_path)] == ["r2"]
    assert (tmp_path / FAILED_RUNS).stat().st_ino == inode  # rewritten in place
    clear_failed_runs(tmp_path, ["r2"])
    assert pending_failed_runs(tmp_path) == []


def test_a_torn_last_line_is_skipped(tmp_path):
    record_failed_run(tmp_path, failed("r1"))
    with open(tmp_path / FAILED_RUNS, "ab") as fh:
        fh.write(b'{"run_id": "r2", "sta')  # what a power cut mid-write could leave
    assert [r["run_id"] for r in pending_failed_runs(tmp_path)] == ["r1"]
    record_failed_run(tmp_path, failed("r3"))
    assert [r["run_id"] for r in pending_failed_runs(tmp_path)] == ["r1", "r3"]


def test_unwritable_warehouse_does_not_raise(tmp_path, caplog):
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert not record_failed_run(blocker / "wh", failed("r1"))
    assert "could not record failed run r1" in caplog.text
    assert not os.path.exists(blocker / "wh")


def test_a_full_disk_gives_back_the_reserve_to_record_the_failure(tmp_path, monkeypatch):
    ensure_reserve(tmp_path)
    real_write = os.write

    def write_unless_full(fd: int, data: bytes) -> int:
        if (tmp_path / RESERVE).exists():  # the disk is full until the reserve is freed
            raise OSError(28, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(failed_runs.os, "write", write_unless_full)
    assert record_failed_run(tmp_path, failed("r-full"))
    monkeypatch.undo()
    assert [r["run_id"] for r in pending_failed_runs(tmp_path)] == ["r-full"]
    assert not (tmp_path / RESERVE).exists()
    ensure_reserve(tmp_path)
    assert (tmp_path / RESERVE).stat().st_size == failed_runs.RESERVE_BYTES


def test_a_full_disk_without_reserve_is_logged_not_raised(tmp_path, monkeypatch, caplog):
    def full(fd: int, data: bytes) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(failed_runs.os, "write", full)
    assert not record_failed_run(tmp_path, failed("r-full"))
    assert "No space left" in caplog.text


def test_a_run_killed_after_it_started_is_listed_once_as_interrupted(tmp_path):
    # What kill -9 leaves: the start marker, nothing else.
    assert failed_runs.record_run_started(tmp_path, "r1", "2026-01-01T02:00:00")
    (row,) = pending_failed_runs(tmp_path)
    assert row["run_id"] == "r1" and row["status"] == "failed"
    assert row["started_at"] == "2026-01-01T02:00:00" and row["finished_at"] is None
    assert row["message"].startswith("interrupted")


def test_a_failure_recorded_after_the_start_marker_replaces_it(tmp_path):
    failed_runs.record_run_started(tmp_path, "r1", "2026-01-01T02:00:00")
    failed_runs.record_run_started(tmp_path, "r2", "2026-01-02T02:00:00")
    record_failed_run(tmp_path, failed("r1"))
    rows = pending_failed_runs(tmp_path)
    assert [(r["run_id"], r["message"][:9]) for r in rows] == [
        ("r1", "disk full"),
        ("r2", "interrupt"),
    ]


def test_a_started_run_that_published_is_not_listed(tmp_path):
    failed_runs.record_run_started(tmp_path, "r1", "2026-01-01T02:00:00")
    assert pending_failed_runs(tmp_path, ["r1"]) == []
    clear_failed_runs(tmp_path, ["r1"])
    assert (tmp_path / FAILED_RUNS).read_bytes() == b""


def test_a_start_marker_never_takes_the_reserve(tmp_path, monkeypatch):
    ensure_reserve(tmp_path)

    def full(fd, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(failed_runs.os, "write", full)
    assert not failed_runs.record_run_started(tmp_path, "r1", "2026-01-01T02:00:00")
    assert (tmp_path / RESERVE).exists()  # kept for the failure the full disk will cause
