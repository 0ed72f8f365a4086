"""The settings choose where extraction runs: processes by default, Dask when asked."""

from __future__ import annotations

from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner

from flows.nightly import configured_flow
from flows.runners import extraction_runner
from incidents.settings import Settings


def test_default_is_one_process_per_core():
    runner = extraction_runner(None, workers=3)
    assert isinstance(runner, ProcessPoolTaskRunner)
    assert runner._max_workers == 3


def test_one_worker_stays_in_the_run_process():
    assert isinstance(extraction_runner(None, workers=1), ThreadPoolTaskRunner)


def test_dask_address_and_local_cluster_use_prefect_dask():
    from prefect_dask import DaskTaskRunner

    remote = extraction_runner(None, dask_address="tcp://127.0.0.1:8786")
    assert isinstance(remote, DaskTaskRunner)
    assert remote.address == "tcp://127.0.0.1:8786"
    local = extraction_runner(None, dask_workers=2)
    assert isinstance(local, DaskTaskRunner)
    assert local.cluster_kwargs["n_workers"] == 2


def test_settings_reach_the_flow_task_runner():
    flow = configured_flow(Settings(dask_address="tcp://127.0.0.2:8786"))
    assert flow.task_runner.address == "tcp://127.0.0.2:8786"
    flow = configured_flow(Settings(workers=1))
    assert isinstance(flow.task_runner, ThreadPoolTaskRunner)


def test_a_worker_imports_no_validation_library():
    """A worker process imports the module of its task and, through the run's context, the
    flow's module: neither may pull in Great Expectations (seconds per worker)."""
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import sys, flows.extract, flows.nightly; "
        "print('LOADED', [m for m in ('great_expectations', 'scipy') if m in sys.modules])"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[2],
                          capture_output=True, text=True, check=True)  # fmt: skip
    assert "LOADED []" in done.stdout


def test_a_run_limits_glibc_malloc_arenas_unless_the_environment_says(monkeypatch):
    """`incidents run` and `serve` cap malloc's arenas (their threads would each grow a
    heap); an explicit MALLOC_ARENA_MAX is left to glibc, which has read it already."""
    import platform
    import sys

    from incidents.cli import limit_malloc_arenas

    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert limit_malloc_arenas() is False
    monkeypatch.delenv("MALLOC_ARENA_MAX")
    glibc = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"
    assert limit_malloc_arenas() is glibc
