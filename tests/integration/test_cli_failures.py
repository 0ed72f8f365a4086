"""A run that fails before its flow starts says so honestly and still appears in `runs`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from warehouse.reader import connect_reader

ROOT = Path(__file__).resolve().parents[2]


def _run_cli_without_prefect_server(args: list[str], home: Path) -> subprocess.CompletedProcess:
    """`incidents run` in a new process that must start its own Prefect server, with a
    startup timeout no server can meet."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "INCIDENTS_"))}
    env.update(HOME=str(home), PREFECT_HOME=str(home / ".prefect"),
               INCIDENTS_SERVER_STARTUP_TIMEOUT="0.01")  # fmt: skip
    return subprocess.run(
        [sys.executable, "-m", "incidents.cli", "run", *args], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip


def test_failure_before_the_flow_is_recorded_and_named(inbox, tmp_path):
    from flows.nightly import nightly_flow

    wh = tmp_path / "wh"
    out = _run_cli_without_prefect_server(
        ["--input", str(inbox), "--warehouse", str(wh)], tmp_path / "home"
    )
    assert out.returncode == 1
    last = out.stderr.strip().splitlines()[-1]
    assert "nothing published" in last and "previous publication unchanged" not in last
    assert "INCIDENTS_SERVER_STARTUP_TIMEOUT" in last and "PREFECT_API_URL" in last
    failed_id = last.split("run ", 1)[1].split()[0]

    summary = nightly_flow(inputs=[str(inbox)], warehouse=str(wh))
    con = connect_reader(wh)
    runs = dict(con.execute("select run_id, status from runs").fetchall())
    con.close()
    assert runs == {failed_id: "failed", summary.run_id: "published"}

    again = _run_cli_without_prefect_server(
        ["--input", str(inbox), "--warehouse", str(wh)], tmp_path / "home"
    )
    assert "previous publication unchanged" in again.stderr.strip().splitlines()[-1]
