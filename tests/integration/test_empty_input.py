"""Nights with nothing to extract still publish: rejected files and the run are recorded."""

from __future__ import annotations

from pathlib import Path

from flows.nightly import nightly_flow
from tests.integration.conftest import write_jsonl
from warehouse.reader import connect_reader


def run(inputs: list[Path], wh: Path):
    return nightly_flow(inputs=[str(p) for p in inputs], warehouse=str(wh))


def q(wh: Path, sql: str) -> list[tuple]:
    con = connect_reader(wh)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def only_rejected(folder: Path) -> Path:
    """A folder whose every file is refused: a binary, an empty text, a line without text."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4\x00\x01\x02")
    (folder / "blank.txt").write_text("", encoding="utf-8")
    write_jsonl(folder / "feed.jsonl", [{"id": "no-text", "title": "a title and nothing else"}])
    return folder


def run_rows(wh: Path) -> list[tuple]:
    return q(
        wh, "select status, n_documents_new, n_reports, n_incidents from runs order by started_at"
    )


def test_empty_inbox_on_a_new_warehouse_publishes(tmp_path):
    empty = tmp_path / "inbox"
    empty.mkdir()
    wh = tmp_path / "wh"
    summary = run([empty], wh)
    assert summary.status == "published"
    assert run_rows(wh) == [("published", 0, 0, 0)]
    assert q(wh, "select count(*) from documents")[0][0] == 0
    assert q(wh, "select count(*) from incidents")[0][0] == 0


def test_only_rejected_files_on_a_new_warehouse_are_recorded(tmp_path):
    wh = tmp_path / "wh"
    summary = run([only_rejected(tmp_path / "inbox")], wh)
    assert summary.status == "published" and summary.n_reports == 0
    rejected = dict(
        q(wh, "select external_id, reject_reason from documents where status = 'rejected'")
    )
    assert len(rejected) == 3, rejected
    assert all(reason for reason in rejected.values())
    assert "missing required field 'text'" in rejected["no-text"]
    assert run_rows(wh) == [("published", 3, 0, 0)]


def test_nights_without_news_on_an_existing_warehouse_keep_its_incidents(inbox, tmp_path):
    wh = tmp_path / "wh"
    run([inbox], wh)
    before = q(wh, "select incident_id, killed_best, n_reports from incidents order by 1")
    assert before
    empty = tmp_path / "empty"
    empty.mkdir()
    run([empty], wh)
    run([only_rejected(tmp_path / "bad")], wh)
    # The same texts under other names: every document a duplicate, nothing to extract.
    copies = tmp_path / "copies"
    copies.mkdir()
    for src in inbox.glob("*.txt"):
        (copies / f"copy-{src.name}").write_bytes(src.read_bytes())
    summary = run([copies], wh)
    assert summary.status == "published" and summary.n_documents_new == 1
    assert q(wh, "select incident_id, killed_best, n_reports from incidents order by 1") == before
    statuses = dict(q(wh, "select external_id, status from documents"))
    assert statuses["no-text"] == "rejected"
    assert [s for e, s in statuses.items() if e.endswith("copy-brief.txt")] == ["duplicate"]
    assert [r[0] for r in run_rows(wh)] == ["published"] * 4
