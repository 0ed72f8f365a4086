"""The whole flow into a tmp_path warehouse: tables, ids, views, idempotence, failure."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from flows.nightly import nightly_flow
from tests.integration.conftest import write_jsonl

CONTRACT = {
    "incidents": {
        "incident_id": "VARCHAR", "event_date": "DATE", "date_precision": "VARCHAR", "country": "VARCHAR",
        "country_iso3": "VARCHAR", "admin1": "VARCHAR", "city": "VARCHAR", "latitude": "DOUBLE",
        "longitude": "DOUBLE", "geo_precision": "VARCHAR", "attack_type": "VARCHAR", "target_type": "VARCHAR",
        "weapon_type": "VARCHAR", "suicide": "BOOLEAN", "perpetrator": "VARCHAR", "perpetrator_claimed": "BOOLEAN",
        "killed_low": "INTEGER", "killed_best": "INTEGER", "killed_high": "INTEGER", "wounded_low": "INTEGER",
        "wounded_best": "INTEGER", "wounded_high": "INTEGER", "n_reports": "INTEGER", "summary": "VARCHAR",
        "first_seen_at": "TIMESTAMP", "updated_at": "TIMESTAMP",
    },
    "incident_reports": {"report_id": "VARCHAR", "incident_id": "VARCHAR", "doc_id": "VARCHAR", "is_background": "BOOLEAN",
                         "evidence": "VARCHAR", "char_start": "INTEGER", "char_end": "INTEGER", "confidence": "DOUBLE"},
    "documents": {"doc_id": "VARCHAR", "external_id": "VARCHAR", "source": "VARCHAR", "url": "VARCHAR", "title": "VARCHAR",
                  "published_at": "TIMESTAMP", "language": "VARCHAR", "n_chars": "INTEGER", "content_sha256": "VARCHAR",
                  "ingested_at": "TIMESTAMP", "status": "VARCHAR", "reject_reason": "VARCHAR"},
    "quarantine": {"run_id": "VARCHAR", "table_name": "VARCHAR", "row_key": "VARCHAR", "rule": "VARCHAR", "detail": "VARCHAR", "row_json": "VARCHAR"},
    "runs": {"run_id": "VARCHAR", "started_at": "TIMESTAMP", "finished_at": "TIMESTAMP", "status": "VARCHAR",
             "n_documents_new": "INTEGER", "n_reports": "INTEGER", "n_incidents": "INTEGER", "n_quarantined": "INTEGER", "dq_success": "BOOLEAN"},
}  # fmt: skip


def run(inputs, wh):
    return nightly_flow(inputs=[str(p) for p in inputs], warehouse=str(wh))


def q(wh: Path, sql: str):
    # The views name their files relative to the warehouse folder.
    con = duckdb.connect(
        str(wh / "incidents.duckdb"), read_only=True, config={"file_search_path": str(wh)}
    )
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_full_flow_publishes_every_view_with_contract_types(inbox, tmp_path):
    wh = tmp_path / "wh"
    summary = run([inbox], wh)
    assert summary.status == "published"
    for view, columns in CONTRACT.items():
        types = dict(
            q(
                wh,
                f"select column_name, data_type from information_schema.columns where table_name = '{view}'",
            )
        )
        for col, typ in columns.items():
            assert types.get(col) == typ, (view, col, types.get(col))
    # Mastung: two reports, one incident, rising toll, the claim from the later report. The
    # first says the bomber blew himself up (25 + 1); the later toll is taken as given.
    [(n, low, best, perp, claimed, city)] = q(
        wh,
        "select n_reports, killed_low, killed_best, perpetrator, perpetrator_claimed, city from incidents where city = 'Mastung'",
    )
    assert (n, low, best, claimed, city) == (2, 26, 128, True, "Mastung")
    assert perp.startswith("Islamic State")
    # Every evidence string is exactly the document text at its offsets.
    for ev, start, end, text in q(
        wh,
        "select r.evidence, r.char_start, r.char_end, d.text from incident_reports r join documents d using (doc_id)",
    ):
        assert text[start:end] == ev
    # BI tools read the Parquet folders directly.
    assert pq.read_table(wh / "incidents").num_rows == q(wh, "select count(*) from incidents")[0][0]
    assert (wh / "data_docs" / "index.html").exists()


def test_bad_documents_are_rejected_with_a_reason(inbox, tmp_path):
    wh = tmp_path / "wh"
    run([inbox], wh)
    rejected = dict(
        q(wh, "select external_id, reject_reason from documents where status = 'rejected'")
    )
    assert "missing required field 'text'" in rejected["bad-no-text"]
    assert any(
        k.endswith("photo.jpg") and "unsupported file type" in v for k, v in rejected.items()
    )


def test_rerun_is_idempotent_and_incremental_keeps_ids(inbox, tmp_path):
    wh = tmp_path / "wh"
    run([inbox], wh)
    before = q(wh, "select incident_id, killed_best, n_reports from incidents order by 1")
    docs_before = q(wh, "select count(*) from documents")[0][0]
    second = run([inbox], wh)
    assert second.n_documents_new == 0
    assert q(wh, "select incident_id, killed_best, n_reports from incidents order by 1") == before
    assert q(wh, "select count(*) from documents")[0][0] == docs_before
    assert q(wh, "select count(*) from runs")[0][0] == 2
    # A new night: a later report of a known incident, a new incident, and a duplicate text.
    write_jsonl(
        inbox / "night2.jsonl",
        [
            {
                "id": "a3",
                "published_at": "2018-07-16",
                "text": "The death toll from Friday's suicide bombing of an election rally in Mastung has reached 149, officials said on Monday.",
            },
            {
                "id": "copy-of-a1",
                "published_at": "2018-07-13",
                "text": "MASTUNG, Pakistan (wire) — A suicide bomber blew himself up at an election rally in southwestern Pakistan on Friday, killing at least 25 people and wounding 40, officials said.",
            },
        ],
    )
    inodes = _inodes(wh)
    third = run([inbox], wh)
    assert third.n_documents_new == 2
    # The night rewrote what it touched (July 2018) and carried the rest as the same files.
    now = _inodes(wh)
    kept = {k for k in inodes if now.get(k) == inodes[k]}
    assert {"incidents/2020-11", "incident_state/2020-11", "incident_reports/2020-11"} <= kept
    assert any(k.startswith("documents/ingest-") for k in kept)
    assert "incidents/2018-07" not in kept and "incidents/2018-07" in now
    after = dict(q(wh, "select incident_id, killed_best from incidents"))
    for inc_id, _, _ in before:
        assert inc_id in after  # untouched and updated incidents keep their ids
    mastung = q(
        wh,
        "select incident_id, n_reports, killed_low, killed_best, killed_high from incidents where city = 'Mastung'",
    )
    assert len(mastung) == 1 and mastung[0][1:] == (3, 26, 149, 149)
    assert q(wh, "select status from documents where external_id = 'copy-of-a1'") == [
        ("duplicate",)
    ]
    changes = q(
        wh,
        f"select change, field, old_value, new_value from incident_history where incident_id = '{mastung[0][0]}' and change = 'updated' and field = 'killed_best'",
    )
    assert changes == [("updated", "killed_best", "128", "149")]


def _inodes(wh: Path) -> dict[str, int]:
    """Inode of each partition file of the current publication, by '<table>/<partition>'."""
    base = wh / "current"
    found = {}
    for f in base.rglob("*.parquet"):
        rel = f.relative_to(base).parent.as_posix().removeprefix("_state/")
        found[rel] = f.stat().st_ino
    return found


def test_row_breaking_a_rule_is_quarantined_not_published(tmp_path):
    src = write_jsonl(
        tmp_path / "in" / "old.jsonl",
        [
            {
                "id": "old",
                "text": "On 3 May 1965, a bomb exploded at a market in Kabul, killing 10 people.",
            },
            {
                "id": "ok",
                "published_at": "2020-11-03",
                "text": "Gunmen stormed Kabul University on Monday, killing 22 people.",
            },
        ],
    )
    wh = tmp_path / "wh"
    summary = run([src], wh)
    assert summary.n_quarantined == 1 and not summary.dq_success
    assert q(wh, "select table_name, rule from quarantine") == [
        ("incident_reports", "event_not_before_1970")
    ]
    assert q(wh, "select count(*) from incidents where year(event_date) < 1970")[0][0] == 0
    assert q(wh, "select count(*) from incidents")[0][0] == 1


def test_failed_run_leaves_previous_publication_intact(inbox, tmp_path, monkeypatch):
    wh = tmp_path / "wh"
    run([inbox], wh)
    snapshot = {p.name: p.resolve() for p in wh.iterdir() if p.is_symlink()}
    db_bytes = (wh / "incidents.duckdb").read_bytes()
    write_jsonl(
        inbox / "more.jsonl",
        [
            {
                "id": "n1",
                "published_at": "2020-11-03",
                "text": "Gunmen stormed Kabul University on Monday, killing 22 people.",
            }
        ],
    )

    import warehouse.store as store

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(store, "_build_database", boom)
    with pytest.raises(Exception, match="disk full"):
        run([inbox], wh)
    assert {p.name: p.resolve() for p in wh.iterdir() if p.is_symlink()} == snapshot
    assert (wh / "incidents.duckdb").read_bytes() == db_bytes
    monkeypatch.undo()
    run([inbox], wh)
    statuses = [s for (s,) in q(wh, "select status from runs order by started_at")]
    assert statuses == ["published", "failed", "published"]


def test_cli_run_and_query(inbox, tmp_path, capsys):
    from incidents.cli import main

    wh = tmp_path / "wh"
    assert main(["run", "--input", str(inbox), "--warehouse", str(wh)]) == 0
    assert (
        main(
            [
                "query",
                "select count(*) as n from incidents",
                "--warehouse",
                str(wh),
                "--format",
                "csv",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "n\n2" in out
    assert main(["run", "--input", str(tmp_path / "nowhere"), "--warehouse", str(wh)]) == 1
    assert "no input found" in capsys.readouterr().err
    assert main(["query", "delete from incidents", "--warehouse", str(wh)]) == 1


def test_flows_import():
    import flows.nightly
    import flows.serve

    assert flows.nightly.nightly_flow.name == "nightly-incidents"


def test_a_run_with_no_incident_publishes_empty_views(tmp_path):
    docs = tmp_path / "ordinary.jsonl"
    write_jsonl(
        docs,
        [
            {"id": "o1", "published_at": "2024-05-02", "text": "The council approved a new "
             "budget for the city's parks on Tuesday after a long debate."},
            {"id": "o2", "published_at": "2024-05-03", "text": "Heavy rain flooded several "
             "streets in the old town, and the river rose to its highest level in years."},
        ],
    )  # fmt: skip
    wh = tmp_path / "wh"
    run([docs], wh)
    assert q(wh, "select count(*) from incidents") == [(0,)]
    assert q(wh, "select count(*) from documents where status = 'ok'") == [(2,)]


def test_a_night_read_in_chunks_is_the_night_read_at_once(inbox, tmp_path, monkeypatch):
    """Streaming: with one file per chunk, a text repeated in a later chunk is still a
    duplicate, and the tables equal those of the night read in one piece."""
    import flows.nightly

    write_jsonl(
        inbox / "zz-later.jsonl", [{"id": "again", "text": (inbox / "brief.txt").read_text()}]
    )
    whole = tmp_path / "whole"
    run([inbox], whole)
    monkeypatch.setattr(flows.nightly, "INGEST_CHUNK_BYTES", 1)
    chunked = tmp_path / "chunked"
    run([inbox], chunked)
    sql = ("select external_id, status, reject_reason from documents order by 1",
           "select incident_id, killed_best, n_reports from incidents order by 1",
           "select report_id, incident_id from incident_reports order by 1")  # fmt: skip
    for query in sql:
        assert q(chunked, query) == q(whole, query)
    assert q(chunked, "select status from documents where external_id = 'again'") == [
        ("duplicate",)
    ]
    assert not list(chunked.glob(".staged-*"))  # the staged file went into the publication
