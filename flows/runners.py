"""Where extraction runs: every core of this machine by default, or a Dask cluster.

The nightly flow submits one `extract` task per batch of documents to its task runner; the
other steps run in the flow's own process. Three choices, in this order:

- `dask_address` (INCIDENTS_DASK_ADDRESS, `--dask tcp://host:8786`): an existing Dask cluster,
  through prefect-dask. Its workers need this project installed and PREFECT_API_URL pointing at
  the Prefect server the run reports to.
- `dask_workers` (INCIDENTS_DASK_WORKERS=N): a local Dask cluster of N single-threaded worker
  processes, started for the run and stopped after it.
- otherwise Prefect's process pool, `workers` processes (INCIDENTS_WORKERS, default: every
  core). Extraction is pure Python, so threads would share one interpreter lock; processes do
  not. Each worker process compiles the reference data once, when it starts.
"""

from __future__ import annotations

import os
from typing import Any

from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner

from flows.extract import warm_reference


def extraction_runner(
    seeds_dir: str | None,
    workers: int | None = None,
    dask_address: str | None = None,
    dask_workers: int | None = None,
) -> TaskRunner[Any]:
    """The task runner for the night's `extract` tasks (see the module docstring)."""
    if dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=dask_address)
    if dask_workers:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(
            cluster_class="distributed.LocalCluster",
            cluster_kwargs={"n_workers": dask_workers, "threads_per_worker": 1,
                            "processes": True, "dashboard_address": None},
        )  # fmt: skip
    n = workers or os.cpu_count() or 1
    if n == 1:
        return ThreadPoolTaskRunner(max_workers=1)
    return ProcessPoolTaskRunner(max_workers=n, initializer=warm_reference, initargs=(seeds_dir,))
