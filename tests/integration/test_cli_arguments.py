"""`incidents run` checks its arguments before anything heavy loads, and says what to do."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from incidents.cli import check_warehouse, main

ROOT = Path(__file__).resolve().parents[2]


def _cli_in_fresh_python(args: list[str], env: dict[str, str] | None = None) -> dict:
    """Run the CLI in a new interpreter; report its exit code, stderr and the heavy modules
    it had imported by then."""
    code = (
        "import contextlib, io, json, sys\n"
        "from incidents.cli import main\n"
        "err = io.StringIO()\n"
        "with contextlib.redirect_stderr(err):\n"
        f"    rc = main({args!r})\n"
        "heavy = [m for m in ('prefect', 'great_expectations', 'duckdb', 'pandas') if m in sys.modules]\n"
        "print(json.dumps({'rc': rc, 'stderr': err.getvalue(), 'heavy': heavy}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**os.environ, **(env or {})},
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_missing_input_is_reported_before_prefect_or_gx_load(tmp_path):
    got = _cli_in_fresh_python(
        ["run", "--input", str(tmp_path / "inbx"), "--warehouse", str(tmp_path / "wh")]
    )
    assert got["rc"] == 1
    assert f"no input found at {tmp_path / 'inbx'}" in got["stderr"]
    assert "--input" in got["stderr"] and "INCIDENTS_INBOX" in got["stderr"]
    assert got["heavy"] == []
    assert not (tmp_path / "wh").exists()


def test_warehouse_that_is_a_file_is_a_clear_message(tmp_path, capsys):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (tmp_path / "wh").write_text("not a folder")
    assert main(["run", "--input", str(inbox), "--warehouse", str(tmp_path / "wh")]) == 1
    err = capsys.readouterr().err
    assert "is a file, not a folder" in err and "--warehouse" in err
    assert "Errno" not in err
    assert (tmp_path / "wh").read_text() == "not a folder"


@pytest.mark.parametrize(
    "make, expected",
    [
        (lambda p: p, None),  # an existing folder
        (lambda p: p / "new" / "wh", None),  # can be created
        (lambda p: (p / "f").write_text("x") and p / "f", "is a file, not a folder"),
        (lambda p: (p / "f").write_text("x") and p / "f" / "wh", "is a file, not a folder"),
    ],
)
def test_check_warehouse(tmp_path, make, expected):
    problem = check_warehouse(make(tmp_path))
    if expected is None:
        assert problem is None
    else:
        assert problem is not None and expected in problem


def test_unknown_option_shows_the_subcommands_usage(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["run", "--inptu", "examples"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: incidents run ")
    assert "--warehouse" in err and "unrecognized arguments: --inptu examples" in err
