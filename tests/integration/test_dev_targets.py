"""Fails when extraction quality on the development corpus falls below the floor we hold.

The floor is what the extractor measurably reaches today (see README, Quality); the issue's
targets are higher and are reported by `incidents evaluate`. Skipped where ../shared is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

DEV = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "dev"
FLOOR = {"report_f1": 0.85, "event_date": 0.85, "attack_type": 0.78, "suicide": 0.90}


@pytest.mark.skipif(
    not (DEV / "gold.jsonl").exists(),
    reason="../shared/corpus/dev not present: dev-corpus check skipped",
)
def test_dev_corpus_scores_hold(tmp_path):
    from incidents.evaluate import evaluate
    from incidents.settings import Settings

    result = evaluate(DEV, tmp_path / "wh", Settings())
    assert result["reports"]["f1"] >= FLOOR["report_f1"], result["reports"]
    for field in ("event_date", "attack_type", "suicide"):
        assert result["fields"][field]["accuracy"] >= FLOOR[field], (field, result["fields"][field])
    assert result["invented_on_no_incident_documents"] <= 3
