"""Prefect for one command: quiet offline defaults, and a local server that dies with the command.

Prefect needs an API server for every flow run. Left to itself it starts a temporary one and
gives up after 20 s, while the first start on a new machine migrates a fresh database for
about a minute (longer on a busy machine). So the commands start that server themselves, on
a free loopback port, wait for it as long as INCIDENTS_SERVER_STARTUP_TIMEOUT allows, and point
PREFECT_API_URL at it. The server is a child process that the kernel kills when the command
dies, even by kill -9 (Linux parent-death signal), so no server outlives its run.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import logging
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from incidents.settings import Settings

log = logging.getLogger(__name__)

_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_CLOUD_ENABLE_ORCHESTRATION_TELEMETRY": "false",
    "PREFECT_LOGGING_LOG_PRINTS": "false",
    "PREFECT_UI_ENABLED": "true",
    "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW": "ignore",
    "GX_ANALYTICS_ENABLED": "false",
}
_PR_SET_PDEATHSIG = 1
# Loggers of this project; below WARNING, the terminal shows only these and the run's own
# lines (Prefect's run loggers), never a library's INFO chatter (Great Expectations has 214).
_OWN_LOGGERS = ("incidents", "flows", "transforms", "expectations", "warehouse")
_RUN_LOGGERS = ("prefect.flow_runs", "prefect.task_runs")


class ServerStartError(RuntimeError):
    """The local Prefect server could not be started; the message says what to change."""


class ConsoleHandler(logging.StreamHandler):
    """The command's console handler: a class of its own, so that a second setup replaces it,
    and with a public name, which Prefect's logging setup keeps rather than replacing. It
    writes to the current sys.stderr (which test runners swap)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        pass


class _OwnLines(logging.Filter):
    """Below WARNING, pass only this project's and the run's own log lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING:
            return True
        name = record.name
        return name.split(".")[0] in _OWN_LOGGERS or name.startswith(_RUN_LOGGERS)


class _LineFormatter(logging.Formatter):
    """Time, level and message; a task run's lines name the task ("extract-3fb: ...")."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        task = getattr(record, "task_run_name", None)
        line = super().formatMessage(record)
        if task:
            head, _, _ = line.partition(record.message)
            return f"{head}{task}: {record.message}"
        return line


def setup_logging(level: str) -> None:
    """One console handler on stderr: steps with times at INFO, libraries only at DEBUG."""
    handler = ConsoleHandler()
    handler.setFormatter(_LineFormatter("%(asctime)s %(levelname)s %(message)s", "%H:%M:%S"))
    numeric = logging.getLevelName(level.upper())
    numeric = numeric if isinstance(numeric, int) else logging.WARNING
    handler.setLevel(numeric)
    if numeric > logging.DEBUG:
        handler.addFilter(_OwnLines())
    # Prefect keeps a root handler it finds (it only adds its own when there is none).
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, ConsoleHandler)]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(numeric)


def configure_prefect(settings: Settings) -> None:
    """Offline defaults, set before Prefect is imported; a user's own PREFECT_* variables win.
    Also the quiet console of `setup_logging`."""
    setup_logging(settings.log_level)
    for key, value in _DEFAULTS.items():
        os.environ.setdefault(key, value)
    # The run logger's INFO lines must reach Prefect (they are the run's log in the UI); what
    # the terminal shows is decided by the CLI's console handler, not by this level.
    level = "DEBUG" if settings.log_level.upper() == "DEBUG" else "INFO"
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", level)
    if settings.prefect_api_url:
        os.environ["PREFECT_API_URL"] = settings.prefect_api_url


def configured_api_url(settings: Settings) -> str | None:
    """The Prefect server the user chose: INCIDENTS_PREFECT_API_URL, PREFECT_API_URL or the
    active Prefect profile; None when there is none and a local one must be started."""
    if settings.prefect_api_url:
        return settings.prefect_api_url
    if "prefect.settings" in sys.modules:
        # Prefect is loaded already (a test harness, an embedding program): its settings,
        # read once at import, decide; a new PREFECT_API_URL would not be seen anyway.
        from prefect.settings import get_current_settings

        url = get_current_settings().api.url
        return str(url) if url else None
    return os.environ.get("PREFECT_API_URL") or _profile_api_url()


def _profile_api_url() -> str | None:
    """PREFECT_API_URL of the active Prefect profile, read without importing Prefect (slow)."""
    home = Path(os.environ.get("PREFECT_HOME", Path.home() / ".prefect")).expanduser()
    path = Path(os.environ.get("PREFECT_PROFILES_PATH", home / "profiles.toml")).expanduser()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return None
    name = os.environ.get("PREFECT_PROFILE") or data.get("active")
    profile = data.get("profiles", {}).get(name, {}) if name else {}
    url = profile.get("PREFECT_API_URL") if isinstance(profile, dict) else None
    return str(url) if url else None


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def _port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def _die_with_parent(parent: int) -> None:
    """Runs in the child before exec: the kernel sends SIGKILL when the parent dies."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def healthy(api_url: str, timeout: float = 2.0) -> bool:
    """True when the Prefect API at `api_url` answers its health check."""
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=timeout) as resp:
            return bool(resp.status == 200)
    except OSError:
        return False


class LocalServer:
    """A Prefect API server in a child process on `host:port`, for as long as this process.

    `ui=False` is the temporary server of one run (no UI, no background services); `ui=True`
    is the full server of `incidents serve` (scheduler and UI, whose API address is set to
    this port so that the UI works on any port).
    """

    def __init__(self, host: str, port: int, ui: bool, timeout: float) -> None:
        self.host, self.port, self.ui, self.timeout = host, port, ui, timeout
        self.api_url = f"http://{host}:{port}/api"
        self.proc: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None
        self._started = 0.0

    def _env(self) -> dict[str, str]:
        env = {**os.environ, "PREFECT_SERVER_API_HOST": self.host,
               "PREFECT_SERVER_API_PORT": str(self.port), "PREFECT__SERVER_FINAL": "1"}  # fmt: skip
        env.pop("PREFECT_API_URL", None)
        if self.ui:
            env.update(PREFECT_UI_ENABLED="true", PREFECT_UI_API_URL=self.api_url)
        else:
            env.update(PREFECT_UI_ENABLED="false", PREFECT__SERVER_EPHEMERAL="1")
        return env

    def start(self) -> None:
        """Spawn the server and return at once; `wait_ready` waits for it."""
        if not _port_free(self.host, self.port):
            raise ServerStartError(
                f"port {self.port} on {self.host} is in use: set INCIDENTS_SERVER_PORT to a free "
                "port, or PREFECT_API_URL to the Prefect server listening there"
            )
        cmd = [sys.executable, "-m", "uvicorn", "--factory", "prefect.server.api.server:create_app",
               "--host", self.host, "--port", str(self.port), "--log-level", "error",
               "--lifespan", "on"]  # fmt: skip
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 (kept open while the server runs)
        print(
            f"incidents: starting a local Prefect server at {self.api_url.removesuffix('/api')} "
            "(the first time on a machine it sets up its database: about a minute)",
            file=sys.stderr,
            flush=True,
        )
        self._started = time.monotonic()
        # Own session: Ctrl-C reaches this process, which then stops the server in order.
        self.proc = subprocess.Popen(
            cmd, env=self._env(), stdin=subprocess.DEVNULL, stdout=self._log,
            stderr=subprocess.STDOUT, start_new_session=True,
            preexec_fn=functools.partial(_die_with_parent, os.getpid()),
        )  # fmt: skip

    def answers(self) -> bool:
        """Whether the server answers already (one quick health check, no waiting)."""
        return self.proc is not None and healthy(self.api_url)

    def wait_ready(self) -> float:
        """Wait until the server answers; seconds since start. Raises ServerStartError."""
        assert self.proc is not None, "start() first"
        deadline = self._started + self.timeout
        while time.monotonic() < deadline:
            if healthy(self.api_url):
                elapsed = time.monotonic() - self._started
                log.info("Prefect server ready at %s after %.0f s", self.api_url, elapsed)
                return elapsed
            if self.proc.poll() is not None:
                raise ServerStartError(
                    f"the local Prefect server exited with code {self.proc.returncode}"
                    f"{self._last_line()}; set PREFECT_API_URL to a running Prefect server "
                    "to use that one instead"
                )
            time.sleep(0.25)
        raise ServerStartError(
            f"the local Prefect server did not answer within {self.timeout:.0f} s: raise "
            "INCIDENTS_SERVER_STARTUP_TIMEOUT (seconds), or set PREFECT_API_URL to a running "
            "Prefect server (`prefect server start`)"
        )

    def _last_line(self) -> str:
        if self._log is None:
            return ""
        self._log.seek(0)
        lines = [ln for ln in self._log.read().decode(errors="replace").splitlines() if ln.strip()]
        return f" ({lines[-1].strip()[:200]})" if lines else ""

    def stop(self) -> None:
        """Stop the server: SIGTERM, then SIGKILL after 10 s."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self._log is not None:
            self._log.close()
        self.proc, self._log = None, None


def _drain_to_api(timeout: float = 30.0) -> None:
    """Send the log lines and events Prefect still queues, before their server stops."""
    if "prefect" not in sys.modules:
        return
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for worker in (APILogWorker, EventsWorker):
        with contextlib.suppress(Exception):
            worker.drain_all(timeout=timeout)


@contextlib.contextmanager
def prefect_api(
    settings: Settings, ui: bool = False, host: str | None = None, port: int | None = None
) -> Iterator[LocalServer | None]:
    """PREFECT_API_URL set for the block: the user's server, else a local one started here.

    Yields the local server (started, maybe not ready yet: call `wait_ready` after the slow
    imports, which overlap with its start) or None when the user's server is used. Must run
    before Prefect is imported, which reads PREFECT_API_URL once.
    """
    configure_prefect(settings)
    url = configured_api_url(settings)
    if url:
        yield None
        return
    host = host or "127.0.0.1"
    server = LocalServer(host, port or free_port(host), ui, settings.server_startup_timeout)
    server.start()
    previous = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = server.api_url
    try:
        yield server
    finally:
        _drain_to_api()
        server.stop()
        if previous is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = previous
