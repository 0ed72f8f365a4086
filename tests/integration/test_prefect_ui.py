"""What a run leaves in Prefect (under the test harness): its own log lines, not Great
Expectations'; a markdown summary artifact; a table artifact of the night's changes."""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest

from flows.nightly import nightly_flow
from flows.run_report import CHANGES_KEY, SUMMARY_KEY
from tests.integration.conftest import write_jsonl
from warehouse.reader import connect_reader


async def _read(flow_run_id: UUID) -> tuple[list[Any], list[str]]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        ArtifactFilter,
        ArtifactFilterFlowRunId,
        LogFilter,
        LogFilterFlowRunId,
    )

    async with get_client() as client:
        artifacts = await client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id]))
        )
        logs = await client.read_logs(
            log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[flow_run_id]))
        )
    return artifacts, [f"{log.name}: {log.message}" for log in logs]


def _run(inputs: list[Path], wh: Path) -> tuple[dict[str, Any], list[str]]:
    from prefect.logging.handlers import APILogWorker

    state = nightly_flow(inputs=[str(p) for p in inputs], warehouse=str(wh), return_state=True)
    assert state.is_completed(), state.message
    APILogWorker.drain_all(timeout=30)  # logs are sent in the background
    artifacts, logs = asyncio.run(_read(state.state_details.flow_run_id))
    return {a.key: a for a in artifacts}, logs


def _published_ids(wh: Path) -> list[str]:
    con = connect_reader(wh)
    try:
        return [r[0] for r in con.execute("select incident_id from incidents").fetchall()]
    finally:
        con.close()


@pytest.fixture()
def run_logs_at_info():
    """The CLI runs Prefect's loggers at INFO (tests/conftest.py silences them)."""
    logger = logging.getLogger("prefect.flow_runs")
    before = logger.level
    logger.setLevel(logging.INFO)
    yield
    logger.setLevel(before)


def test_run_leaves_its_logs_and_artifacts_in_prefect(inbox, tmp_path, run_logs_at_info):
    old = write_jsonl(
        tmp_path / "old" / "old.jsonl",
        [{"id": "old", "text": "On 3 May 1965, a bomb exploded at a market in Kabul, killing 10 people."}],
    )  # fmt: skip
    wh = tmp_path / "wh"
    artifacts, logs = _run([inbox, old], wh)

    summary = artifacts[SUMMARY_KEY]
    assert summary.type == "markdown"
    md = summary.data
    for line in ("| documents new | 4 |", "| documents rejected | 2 |",
                 "| documents duplicate | 0 |", "| incidents created | 2 |",
                 "| `event_not_before_1970` | 1 |"):  # fmt: skip
        assert line in md, md
    assert (wh / "data_docs" / "index.html").absolute().as_uri() in md
    changes = artifacts[CHANGES_KEY]
    assert changes.type == "table"
    rows = json.loads(changes.data) if isinstance(changes.data, str) else changes.data
    assert [r["change"] for r in rows] == ["created", "created"]
    assert {r["incident_id"] for r in rows} == set(_published_ids(wh))

    assert any("ingest: 6 documents" in line for line in logs), logs
    assert any("extract: 4 documents" in line for line in logs), logs
    assert not [line for line in logs if "great_expectations" in line]
