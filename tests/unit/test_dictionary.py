"""The data dictionary and the DuckDB comments come from one source and cover every column."""

from __future__ import annotations

import pytest

from warehouse import dictionary

CONTRACT_COLUMNS = {
    "incidents": ["incident_id", "event_date", "date_precision", "country", "country_iso3", "admin1",
                  "city", "latitude", "longitude", "geo_precision", "attack_type", "target_type",
                  "weapon_type", "suicide", "perpetrator", "perpetrator_claimed", "killed_low",
                  "killed_best", "killed_high", "wounded_low", "wounded_best", "wounded_high",
                  "n_reports", "summary", "first_seen_at", "updated_at"],
    "quarantine": ["run_id", "table_name", "row_key", "rule", "detail", "row_json"],
    "documents": ["doc_id", "external_id", "source", "url", "title", "published_at", "language",
                  "n_chars", "content_sha256", "ingested_at", "status", "reject_reason"],
}  # fmt: skip


@pytest.fixture(scope="module")
def docs() -> list[dictionary.ViewDoc]:
    return dictionary.describe_views()


def test_readme_is_generated_from_the_view_comments(docs):
    assert dictionary.README.read_text(encoding="utf-8") == dictionary.render(docs), (
        "warehouse/README.md is out of date: run `uv run python -m warehouse.dictionary`"
    )


def test_every_view_and_column_is_commented_in_duckdb(docs):
    names = [d.name for d in docs]
    for view in ("incident_sources", "nightly_changes", "quarantine_detail", *CONTRACT_COLUMNS):
        assert view in names
    for doc in docs:
        assert doc.comment, doc.name
        assert doc.columns, doc.name
        assert all(comment for _, _, comment in doc.columns), doc.name


def test_contract_views_keep_their_columns_in_order(docs):
    by_name = {d.name: [c for c, _, _ in d.columns] for d in docs}
    for view, columns in CONTRACT_COLUMNS.items():
        assert by_name[view][: len(columns)] == columns
    assert {"run_id", "published_at"} <= set(by_name["incident_reports"])


def test_analyst_views_have_the_columns_analysts_ask_for(docs):
    by_name = {d.name: {c for c, _, _ in d.columns} for d in docs}
    assert {"incident_id", "doc_id", "source", "url", "published_at", "evidence", "char_start",
            "char_end"} <= by_name["incident_sources"]  # fmt: skip
    assert {"run_id", "incident_id", "field", "old_value", "new_value", "report_id",
            "evidence"} <= by_name["nightly_changes"]  # fmt: skip
    assert {"doc_id", "evidence", "rule", "detail"} <= by_name["quarantine_detail"]


def test_check_mode_reports_a_stale_readme(tmp_path, monkeypatch, capsys):
    stale = tmp_path / "README.md"
    stale.write_text("old text\n")
    monkeypatch.setattr(dictionary, "README", stale)
    assert dictionary.main(["--check"]) == 1
    assert "out of date" in capsys.readouterr().out
    assert dictionary.main([]) == 0
    assert dictionary.main(["--check"]) == 0
