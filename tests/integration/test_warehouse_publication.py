"""The published warehouse as users meet it: moved, queried three ways, failed runs, analyst views."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from flows.nightly import nightly_flow
from tests.integration.conftest import write_jsonl
from warehouse import store

DUCKDB_CLI = Path(sys.executable).with_name("duckdb")


def run(inputs: list[Path], wh: Path):
    return nightly_flow(inputs=[str(p) for p in inputs], warehouse=str(wh))


def q(wh: Path, sql: str) -> list[tuple]:
    con = store.connect_reader(wh)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_moved_warehouse_answers_through_the_cli_duckdb_and_parquet(
    inbox, tmp_path, capsys, monkeypatch
):
    from incidents.cli import main

    wh = tmp_path / "built-here"
    run([inbox], wh)
    expected = q(wh, "select incident_id, killed_best from incidents order by 1")
    moved = tmp_path / "synced" / "o'brien"
    moved.parent.mkdir()
    shutil.move(str(wh), moved)
    capsys.readouterr()
    sql = "select incident_id, killed_best from incidents order by 1"
    assert main(["query", sql, "--warehouse", str(moved), "--format", "csv"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[1:] == [f"{i},{k}" for i, k in expected]
    assert pq.read_table(moved / "incidents").num_rows == len(expected)
    monkeypatch.chdir(moved)  # a DuckDB client opened inside the folder
    con = duckdb.connect("incidents.duckdb", read_only=True)
    assert con.execute(sql).fetchall() == expected
    con.close()


@pytest.mark.skipif(not DUCKDB_CLI.exists(), reason="duckdb-cli (a dev dependency) not installed")
def test_duckdb_command_line_reads_a_moved_warehouse(inbox, tmp_path):
    wh = tmp_path / "wh"
    run([inbox], wh)
    moved = tmp_path / "mounted"
    wh.rename(moved)
    count = "select count(*) from incident_sources"
    inside = subprocess.run([str(DUCKDB_CLI), "-readonly", "-csv", "-noheader", "incidents.duckdb",
                             "-c", count], cwd=moved, capture_output=True, text=True, check=True)  # fmt: skip
    setting = f"SET file_search_path = '{moved}'"
    outside = subprocess.run([str(DUCKDB_CLI), "-readonly", "-csv", "-noheader", "-cmd", setting,
                              str(moved / "incidents.duckdb"), "-c", count],
                             cwd=tmp_path, capture_output=True, text=True, check=True)  # fmt: skip
    n = q(moved, count)[0][0]
    assert n > 0 and inside.stdout.strip() == outside.stdout.strip() == str(n)


def test_run_killed_before_clearing_failed_runs_lists_the_failure_once(
    inbox, tmp_path, monkeypatch
):
    wh = tmp_path / "wh"

    def broken_database(*args, **kwargs):
        raise OSError("injected: cannot write the database")

    monkeypatch.setattr(store, "_build_database", broken_database)
    with pytest.raises(OSError, match="injected"):
        run([inbox], wh)
    monkeypatch.undo()
    # The next run publishes, then dies before it clears _failed_runs.jsonl.
    monkeypatch.setattr(store, "clear_failed_runs", lambda warehouse: None)
    run([inbox], wh)
    monkeypatch.undo()
    run([inbox], wh)
    statuses = [s for (s,) in q(wh, "select status from runs order by started_at")]
    assert statuses == ["failed", "published", "published"]
    assert store.pending_failed_runs(wh) == []


def test_a_run_is_on_disk_as_started_while_it_runs(inbox, tmp_path, monkeypatch):
    import flows.nightly

    wh = tmp_path / "wh"
    seen: list[list[dict]] = []
    real = flows.nightly.merge_by_country

    def merge_and_look(*args, **kwargs):
        seen.append(store.pending_failed_runs(wh))  # what kill -9 here would leave
        return real(*args, **kwargs)

    monkeypatch.setattr(flows.nightly, "merge_by_country", merge_and_look)
    summary = run([inbox], wh)
    ((marker,),) = seen
    assert marker["run_id"] == summary.run_id and marker["status"] == "failed"
    assert marker["message"].startswith("interrupted")
    # Once published, the run is listed once, as published, and its marker is gone.
    assert q(wh, "select run_id, status from runs") == [(summary.run_id, "published")]
    assert store.pending_failed_runs(wh) == []


def test_a_run_killed_outright_is_listed_once_by_the_next_publication(inbox, tmp_path):
    from warehouse import failed_runs

    wh = tmp_path / "wh"
    first = run([inbox], wh)
    # What kill -9 leaves: the start marker and a partial folder.
    killed = "20260101T020000-dead00"
    failed_runs.record_run_started(wh, killed, dt.datetime.now(dt.UTC).replace(tzinfo=None))
    (wh / "_versions" / killed / "documents").mkdir(parents=True)
    again = run([inbox], wh)
    rows = q(wh, "select run_id, status, message from runs")
    assert len(rows) == 3
    runs = {run_id: (status, message) for run_id, status, message in rows}
    assert runs[first.run_id][0] == runs[again.run_id][0] == "published"
    assert runs[killed][0] == "failed" and runs[killed][1].startswith("interrupted")
    assert not (wh / "_versions" / killed).exists()
    assert store.pending_failed_runs(wh) == []


def test_crash_at_the_switch_leaves_the_next_run_on_the_last_complete_publication(
    inbox, tmp_path, monkeypatch
):
    from warehouse import versions

    wh = tmp_path / "wh"
    run([inbox], wh)
    before = q(wh, "select count(*) from documents")[0][0]
    write_jsonl(inbox / "night2.jsonl", [{"id": "n2", "published_at": "2020-11-03",
                "text": "Gunmen stormed Kabul University on Monday, killing 22 people."}])  # fmt: skip

    def crash(*args, **kwargs):
        raise OSError("injected crash at the switch")

    monkeypatch.setattr(versions, "make_current", crash)
    with pytest.raises(OSError, match="injected"):
        run([inbox], wh)
    monkeypatch.undo()
    assert q(wh, "select count(*) from documents")[0][0] == before
    assert pq.read_table(wh / "documents").num_rows == before
    again = run([inbox], wh)
    assert (
        again.n_documents_new == 1
    )  # read from the last complete publication, not the partial one
    runs = q(wh, "select sum(n_reports), count(*) filter (where status = 'failed') from runs")
    reports = q(wh, "select count(*) from incident_reports")[0][0]
    assert runs == [(reports, 1)]


def test_unwritable_warehouse_names_the_real_error(inbox, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(store.PublishError, match="cannot write to the warehouse") as caught:
        run([inbox], blocker / "wh")
    assert "_failed_runs" not in str(caught.value)


def test_analyst_views_answer_sources_changes_and_quarantine(inbox, tmp_path):
    wh = tmp_path / "wh"
    run([inbox], wh)
    write_jsonl(inbox / "night2.jsonl", [
        {"id": "a3", "source": "evening", "url": "https://example.org/a3", "published_at": "2018-07-16",
         "text": "The death toll from Friday's suicide bombing of an election rally in Mastung has reached 149, officials said on Monday."},
        {"id": "old", "text": "On 3 May 1965, a bomb exploded at a market in Kabul, killing 10 people."},
    ])  # fmt: skip
    second = run([inbox], wh)
    sources = q(wh, "select s.source, s.url from incidents i join incident_sources s using (incident_id) "
                    "where i.city = 'Mastung' order by s.published_at")  # fmt: skip
    assert sources == [("wire", None), ("daily", None), ("evening", "https://example.org/a3")]
    evidence = q(wh, "select s.evidence, s.char_start, s.char_end, d.text from incident_sources s "
                     "join documents d using (doc_id)")  # fmt: skip
    assert evidence and all(text[a:b] == ev for ev, a, b, text in evidence)
    changes = q(wh, "select field, old_value, new_value, source, url from nightly_changes "
                    f"where run_id = '{second.run_id}' and field = 'killed_best'")  # fmt: skip
    assert changes == [("killed_best", "128", "149", "evening", "https://example.org/a3")]
    created = q(
        wh, "select count(*) from nightly_changes where change = 'created' and report_id is null"
    )
    assert created == [(0,)]  # every creation names the report that made it
    held = q(
        wh,
        "select rule, d.external_id, evidence from quarantine_detail join documents d using (doc_id)",
    )
    assert held == [
        (
            "event_not_before_1970",
            "old",
            "On 3 May 1965, a bomb exploded at a market in Kabul, killing 10 people.",
        )
    ]
    assert q(wh, "select count(distinct run_id) from incident_reports") == [(2,)]
