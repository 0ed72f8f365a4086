"""One mapping from settings to the flow's parameters, and the schedule in INCIDENTS_TIMEZONE."""

from __future__ import annotations

from pathlib import Path

from flows.serve import nightly_schedule
from incidents.settings import Settings, flow_parameters


def test_flow_parameters_come_from_the_settings_unless_given(tmp_path, monkeypatch):
    monkeypatch.setenv("INCIDENTS_INBOX", "in-box")
    monkeypatch.setenv("INCIDENTS_BATCH_SIZE", "7")
    settings = Settings()
    assert flow_parameters(settings) == {
        "inputs": ["in-box"], "warehouse": "warehouse-data", "seeds_dir": None,
        "max_document_bytes": 5_000_000, "batch_size": 7, "keep_versions": 3,
        "reader_grace_seconds": 86_400, "document_seconds": 5.0,
    }  # fmt: skip
    given = flow_parameters(settings, [Path("a.jsonl")], tmp_path / "wh")
    assert given["inputs"] == ["a.jsonl"] and given["warehouse"] == str(tmp_path / "wh")
    monkeypatch.chdir(tmp_path)
    absolute = flow_parameters(settings, absolute=True)
    assert absolute["inputs"] == [str(tmp_path / "in-box")]
    assert absolute["warehouse"] == str(tmp_path / "warehouse-data")


def test_schedule_is_in_the_configured_timezone(monkeypatch):
    monkeypatch.setenv("INCIDENTS_TIMEZONE", "America/New_York")
    monkeypatch.setenv("INCIDENTS_CRON", "30 1 * * *")
    schedule = nightly_schedule(Settings())
    assert (schedule.cron, schedule.timezone) == ("30 1 * * *", "America/New_York")
    assert nightly_schedule(Settings(), "0 3 * * *").cron == "0 3 * * *"
