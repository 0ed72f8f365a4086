"""Extraction on worker processes or a Dask cluster publishes the same tables as one process."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from flows.nightly import nightly_flow
from flows.runners import extraction_runner

ROOT = Path(__file__).resolve().parents[2]
# Columns that say when or in which run a row was written, not what it says.
RUN_COLUMNS = {"run_id", "ingested_at", "first_seen_at", "updated_at", "published_at_run"}
KEYS = {"documents": "doc_id", "incident_reports": "report_id", "incidents": "incident_id"}


def published(wh: Path) -> dict[str, list[dict]]:
    out = {}
    for table, key in KEYS.items():
        rows = pq.read_table(wh / table).to_pylist()
        rows = [{k: v for k, v in r.items() if k not in RUN_COLUMNS} for r in rows]
        out[table] = sorted(rows, key=lambda r: r[key])
    return out


def run_with(runner, wh: Path) -> None:
    flow = nightly_flow.with_options(task_runner=runner)
    # batch_size 2: the six sample documents become three extraction tasks.
    summary = flow(inputs=[str(ROOT / "examples")], warehouse=str(wh), batch_size=2)
    assert summary.status == "published"


@pytest.mark.slow
def test_process_pool_and_dask_cluster_publish_what_one_process_does(tmp_path):
    distributed = pytest.importorskip("distributed")
    run_with(extraction_runner(None, workers=1), tmp_path / "local")
    local = published(tmp_path / "local")
    assert local["incidents"], "the sample documents report incidents"

    run_with(extraction_runner(None, workers=2), tmp_path / "processes")
    assert published(tmp_path / "processes") == local

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:  # fmt: skip
        run_with(extraction_runner(None, dask_address=cluster.scheduler_address), tmp_path / "dask")
    assert published(tmp_path / "dask") == local
