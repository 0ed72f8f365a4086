"""`incidents serve`: the nightly deployment on a cron schedule, against a real Prefect server.

Prefect only schedules against a server. With INCIDENTS_PREFECT_API_URL (or PREFECT_API_URL)
set, `serve` connects to that server; otherwise it starts `prefect server start` on
INCIDENTS_SERVER_HOST:INCIDENTS_SERVER_PORT as a child process and stops it on exit.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from incidents.prefect_env import configure_prefect
from incidents.settings import Settings

log = logging.getLogger(__name__)


def _healthy(api_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=2) as resp:
            return resp.status == 200
    except OSError:
        return False


def start_server(settings: Settings, timeout: float = 90.0) -> tuple[subprocess.Popen[bytes], str]:
    """Start a local Prefect server and wait until it answers."""
    api_url = f"http://{settings.server_host}:{settings.server_port}/api"
    cmd = [sys.executable, "-m", "prefect", "server", "start", "--host", settings.server_host,
           "--port", str(settings.server_port)]  # fmt: skip
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _healthy(api_url):
            return proc, api_url
        if proc.poll() is not None:
            raise RuntimeError(
                f"Prefect server exited with code {proc.returncode}; is port {settings.server_port} free? (INCIDENTS_SERVER_PORT)"
            )
        time.sleep(0.5)
    proc.terminate()
    raise RuntimeError(f"Prefect server did not answer at {api_url} within {timeout:.0f} s")


def serve(settings: Settings, cron: str | None = None, inputs: list[Path] | None = None,
          warehouse: Path | None = None) -> int:  # fmt: skip
    """Serve the nightly deployment until interrupted (Ctrl-C or SIGTERM)."""
    configure_prefect(settings)
    server = None
    api_url = settings.prefect_api_url or os.environ.get("PREFECT_API_URL")
    if not api_url:
        server, api_url = start_server(settings)
        print(f"started Prefect server at {api_url} (UI: {api_url.removesuffix('/api')})")
    os.environ["PREFECT_API_URL"] = api_url
    from flows.nightly import nightly_flow

    params = {
        "inputs": [str(p.resolve()) for p in (inputs or [settings.inbox])],
        "warehouse": str((warehouse or settings.warehouse).resolve()),
        "seeds_dir": str(settings.seeds_dir) if settings.seeds_dir else None,
        "max_document_bytes": settings.max_document_bytes,
        "batch_size": settings.batch_size,
        "keep_versions": settings.keep_versions,
    }
    schedule = cron or settings.cron
    print(
        f"serving deployment 'nightly-incidents/nightly' on cron '{schedule}' ({settings.timezone}); Ctrl-C stops"
    )
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        nightly_flow.serve(
            name="nightly", cron=schedule, parameters=params, print_starting_message=False
        )
    except KeyboardInterrupt:
        pass
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
    print("stopped")
    return 0
