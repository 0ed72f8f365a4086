"""One document cannot stop the night: crashers, out-of-range figures, the time budget."""

from __future__ import annotations

import datetime as dt

import pytest

from transforms.casualties import find_figures
from warehouse import store


@pytest.mark.parametrize(
    "sentence",
    [
        "A bomb in Kabul on Monday killed 99999999999999999999 people.",
        "A bomb in Kabul on Monday killed " + "9" * 4301 + " people.",
    ],
)
def test_digit_runs_too_long_for_a_count_are_not_read(sentence):
    assert [f for f in find_figures(sentence) if f.kind == "killed"] == []


def test_a_range_with_a_giant_end_is_not_read_as_a_range():
    figures = find_figures("Between " + "7" * 5000 + " and 80 people were killed.")
    assert all(v is None or v < 10**18 for f in figures for v in (f.low, f.best, f.high))


def test_large_but_storable_figures_are_kept_for_the_range_rules():
    figures = find_figures("The blast killed 3 people and wounded 4294967297.")
    assert [(f.kind, f.best) for f in figures] == [("killed", 3), ("wounded", 4294967297)]


def _report(**values: object) -> dict[str, object]:
    return {"report_id": "r1", "doc_id": "d1", "wounded_low": 4294967297, **values}


def test_to_arrow_refuses_to_wrap_and_names_the_column():
    with pytest.raises(ValueError, match="table incident_reports: column wounded_low, row r1: "):
        store.to_arrow("incident_reports", [_report()])


def test_to_arrow_widened_keeps_the_value_for_validation():
    table = store.to_arrow("incident_reports", [_report()], widen_integers=True)
    assert table.column("wounded_low").to_pylist() == [4294967297]


def test_to_arrow_still_converts_ordinary_rows():
    rows = [_report(wounded_low=None, killed_low=4.0, published_at=dt.datetime(2020, 1, 1))]
    table = store.to_arrow("incident_reports", rows)
    assert table.column("killed_low").to_pylist() == [4]
    assert table.column("wounded_low").to_pylist() == [None]


def _docs(*texts: str):
    from transforms.documents import parse_plain

    return [parse_plain(f"doc{i}.txt", t.encode(), 1_000_000) for i, t in enumerate(texts)]


def test_extract_sets_aside_a_document_that_raises(monkeypatch):
    import flows.extract as nightly
    from transforms.incident_reports import extract_reports

    def flaky(doc, ref, check):
        if "crash" in doc.text:
            raise IndexError("list index out of range")
        return extract_reports(doc, ref, check)

    monkeypatch.setattr(nightly, "extract_reports", flaky)
    docs = _docs("Please crash here.", "A bomb killed 12 people in Kabul on 3 May 2017.")
    rows, failed = nightly.extract.fn(docs, str(_seeds()), "run", 5.0)
    assert failed == {docs[0].doc_id: "extraction failed: IndexError: list index out of range"}
    assert [r["doc_id"] for r in rows] == [docs[1].doc_id]


def test_extract_rejects_a_document_past_its_time_budget(monkeypatch):
    import flows.extract as nightly

    def endless(doc, ref, check):
        while True:  # a pathological stage that still reaches its checks
            check()

    monkeypatch.setattr(nightly, "extract_reports", endless)
    docs = _docs("Any text.")
    rows, failed = nightly.extract.fn(docs, str(_seeds()), "run", 0.05)
    assert rows == []
    assert failed == {
        docs[0].doc_id: "extraction failed: time budget exceeded "
        "(0.05 CPU-s per document, INCIDENTS_DOCUMENT_SECONDS)"
    }


def _seeds():
    from warehouse.seeds import default_seeds_dir

    return default_seeds_dir()
