"""`incidents serve`: the nightly deployment on a cron schedule, against a real Prefect server.

Prefect only schedules against a server. With INCIDENTS_PREFECT_API_URL (or PREFECT_API_URL)
set, `serve` connects to that server; otherwise it starts one, with its UI, on
INCIDENTS_SERVER_HOST:INCIDENTS_SERVER_PORT as a child process that stops with `serve` (even
when `serve` is killed).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from pathlib import Path
from typing import Any

from incidents.prefect_env import prefect_api
from incidents.settings import Settings, flow_parameters

log = logging.getLogger(__name__)
DEPLOYMENT = "nightly"  # served as nightly-incidents/nightly; prefect.yaml deploys another name


def nightly_schedule(settings: Settings, cron: str | None = None) -> Any:
    """The cron schedule of the served deployment, in INCIDENTS_TIMEZONE."""
    from prefect.schedules import Cron

    return Cron(cron or settings.cron, timezone=settings.timezone)


def _stop_on_sigterm() -> None:
    def _raise(*_: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _raise)


def _serve_until_stopped(flow: Any, schedule: Any, params: dict[str, Any]) -> None:
    """Register the deployment, say so, then run its scheduled runs until interrupted."""
    from prefect.runner import Runner

    runner = Runner(name=DEPLOYMENT)
    deployment_id = runner.add_flow(flow, name=DEPLOYMENT, schedule=schedule, parameters=params)
    print(
        f"serving deployment 'nightly-incidents/{DEPLOYMENT}' (id {deployment_id}) on cron "
        f"'{schedule.cron}' ({schedule.timezone}); Ctrl-C stops",
        file=sys.stderr,
        flush=True,
    )
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(runner.start())


def serve(settings: Settings, cron: str | None = None, inputs: list[Path] | None = None,
          warehouse: Path | None = None) -> int:  # fmt: skip
    """Serve the nightly deployment until interrupted (Ctrl-C or SIGTERM)."""
    _stop_on_sigterm()
    params = flow_parameters(settings, inputs, warehouse, absolute=True)
    missing = [p for p in params["inputs"] if not Path(p).exists()]
    if missing:
        log.warning(
            "input %s does not exist yet; each run reads it when it starts", ", ".join(missing)
        )
    with prefect_api(settings, ui=True, host=settings.server_host,
                     port=settings.server_port) as server:  # fmt: skip
        from flows.nightly import configured_flow

        if server is not None:
            server.wait_ready()
            print(f"Prefect UI at {server.api_url.removesuffix('/api')}", file=sys.stderr)
        _serve_until_stopped(configured_flow(settings), nightly_schedule(settings, cron), params)
    print("stopped", file=sys.stderr)
    return 0
