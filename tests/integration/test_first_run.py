"""The command line as a new user meets it: a new, empty HOME (so a new Prefect home whose
database is migrated on first start), no test harness, no PREFECT_* variables.

Also: the Prefect server a command starts dies with it, even on kill -9; `serve` on any port
gives a UI that reaches its API; `prefect deploy` with prefect.yaml sits beside the served
deployment instead of replacing it. Slow: each test starts a real Prefect server.
"""

from __future__ import annotations

import json
import os
import re
import select
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import IO, Any

import pytest

from incidents.prefect_env import free_port, healthy

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
TIMEOUT = 900  # a first server start on a loaded 2-core machine takes minutes


@pytest.fixture(scope="module")
def new_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One empty HOME for the module: the first test migrates its Prefect database."""
    return tmp_path_factory.mktemp("home")


def user_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a user's shell: PATH, HOME and locale, nothing of the tests."""
    env = {k: os.environ[k] for k in ("PATH", "LANG", "LC_ALL", "TMPDIR") if k in os.environ}
    return {**env, "HOME": str(home), **extra}


def _lines_until(stream: IO[str], pattern: str) -> tuple[list[str], re.Match[str]]:
    """Read lines (blocking) until one matches; fail when the stream ends first."""
    seen: list[str] = []
    for line in stream:
        seen.append(line)
        if m := re.search(pattern, line):
            return seen, m
    raise AssertionError(f"no line matching {pattern!r} in:\n{''.join(seen)}")


def _children(pid: int) -> list[int]:
    """Processes whose parent is `pid` (from /proc)."""
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            kids.append(int(stat.parent.name))
    return kids


def _assert_dies(pid: int, url: str) -> None:
    """Wait (without polling) for process `pid` to exit, then check nothing serves `url`."""
    fd = os.pidfd_open(pid)
    try:
        readable, _, _ = select.select([fd], [], [], 60)
    finally:
        os.close(fd)
    assert readable, f"the Prefect server (pid {pid}) outlived its parent"
    assert not healthy(url, timeout=5)


def test_first_run_on_a_new_home_succeeds_quietly(new_home: Path, tmp_path: Path) -> None:
    cmd = [
        str(BIN / "incidents"),
        "run",
        "--input",
        "examples",
        "--warehouse",
        str(tmp_path / "wh"),
    ]
    first = subprocess.run(cmd, cwd=ROOT, env=user_env(new_home), capture_output=True, text=True,
                           timeout=TIMEOUT)  # fmt: skip
    assert first.returncode == 0, first.stderr
    assert "starting a local Prefect server" in first.stderr
    assert "about a minute" in first.stderr
    assert re.fullmatch(r"run \S+: 6 new documents, 6 reports, 5 incidents, 0 quarantined -> \S+\n", first.stdout)  # fmt: skip
    assert " INFO " not in first.stderr and "great_expectations" not in first.stderr
    second = subprocess.run(cmd, cwd=ROOT, env=user_env(new_home), capture_output=True, text=True,
                            timeout=TIMEOUT)  # fmt: skip
    assert second.returncode == 0, second.stderr
    assert ": 0 new documents" in second.stdout


def test_kill_9_of_run_leaves_no_server(new_home: Path, tmp_path: Path) -> None:
    env = user_env(new_home, INCIDENTS_LOG_LEVEL="INFO")
    cmd = [
        str(BIN / "incidents"),
        "run",
        "--input",
        "examples",
        "--warehouse",
        str(tmp_path / "wh"),
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert proc.stderr is not None
        _, ready = _lines_until(proc.stderr, r"Prefect server ready at (\S+) after")
        servers = _children(proc.pid)
        assert len(servers) == 1 and healthy(ready.group(1))
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    _assert_dies(servers[0], ready.group(1))


def _deployments(api_url: str) -> dict[str, dict[str, Any]]:
    req = urllib.request.Request(f"{api_url}/deployments/filter", data=b"{}",
                                 headers={"content-type": "application/json"})  # fmt: skip
    with urllib.request.urlopen(req, timeout=30) as resp:
        return {d["name"]: d for d in json.load(resp)}


def _prefect(api_url: str, home: Path, *args: str) -> None:
    env = user_env(home, PREFECT_API_URL=api_url, PWD=str(ROOT))
    out = subprocess.run([str(BIN / "prefect"), "--no-prompt", *args], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=TIMEOUT)  # fmt: skip
    assert out.returncode == 0, out.stdout + out.stderr


def test_serve_on_any_port_beside_a_prefect_yaml_deployment(new_home: Path, tmp_path: Path) -> None:
    port = free_port()
    env = user_env(new_home, INCIDENTS_SERVER_PORT=str(port), INCIDENTS_TIMEZONE="Europe/Paris",
                   INCIDENTS_WAREHOUSE=str(tmp_path / "wh"), INCIDENTS_INBOX=str(tmp_path / "in"))  # fmt: skip
    proc = subprocess.Popen([str(BIN / "incidents"), "serve"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # fmt: skip
    api_url = f"http://127.0.0.1:{port}/api"
    try:
        assert proc.stderr is not None
        _lines_until(proc.stderr, r"serving deployment 'nightly-incidents/nightly'")
        servers = _children(proc.pid)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/ui-settings", timeout=30) as resp:
            assert json.load(resp)["api_url"] == api_url  # the UI talks to this port's API
        _prefect(api_url, new_home, "work-pool", "create", "incidents", "--type", "process")
        _prefect(api_url, new_home, "deploy", "--name", "nightly-worker")
        both = _deployments(api_url)
        assert set(both) == {"nightly", "nightly-worker"}
        served = both["nightly"]
        assert served["parameters"]["warehouse"] == str(tmp_path / "wh")
        [schedule] = served["schedules"]
        assert schedule["schedule"]["timezone"] == "Europe/Paris" and schedule["active"]
        assert both["nightly-worker"]["work_pool_name"] == "incidents"
        assert not both["nightly-worker"]["schedules"][0]["active"]
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert len(servers) == 1
    _assert_dies(servers[0], api_url)
