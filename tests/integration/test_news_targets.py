"""Holds extraction quality on the real news articles, and on real articles that report no
incident, where it stands.

The issue's targets (incidents.evaluate.TARGETS) are not all met on real news yet: each measure
below its target is listed in BELOW_TARGET with the level last measured (`uv run
scripts/quality`, all documents), so that it cannot slip further while it is worked on, and the
message names the target it still falls short of. A measure at or above its target is held to
the target. Raise a floor when a change lifts the measure; never lower one to let a change
through. Skipped where ../shared is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
NEWS, NO_INCIDENT = CORPUS / "news", CORPUS / "noincident"
# Measured on all 77 articles; the targets they fall short of are in TARGETS.
BELOW_TARGET: dict[str, float] = {
    "report_f1": 0.84,
    "killed": 0.64,
    "wounded": 0.69,
    "admin1": 0.75,
    "city": 0.73,
    "merge_recall": 0.45,
}
# Of the news set's 8 articles that report no incident, incidents are read in at most 3; on
# the 80 ordinary articles of the no-incident set, in none (target: at most 1 per 100).
MAX_INVENTED_NEWS = 3
MAX_INVENTED_ORDINARY = 0


def _measured(result: dict) -> dict[str, float]:
    measured = {f: v["accuracy"] for f, v in result["fields"].items()}
    measured["report_f1"] = result["reports"]["f1"]
    measured["merge_precision"] = result["merge"]["precision"]
    measured["merge_recall"] = result["merge"]["recall"]
    return measured


@pytest.mark.skipif(
    not (NEWS / "gold.jsonl").exists(),
    reason="../shared/corpus/news not present: real-news check skipped",
)
def test_real_news_scores_hold(tmp_path):
    from incidents.evaluate import TARGETS, evaluate
    from incidents.settings import Settings

    result = evaluate(NEWS, tmp_path / "wh", Settings())
    measured = _measured(result)
    low = {
        name: (round(measured[name], 3), BELOW_TARGET.get(name, target), target)
        for name, target in TARGETS.items()
        if measured[name] < BELOW_TARGET.get(name, target)
    }
    assert not low, f"below the floor (measured, floor, target): {low}"
    assert result["invented_on_no_incident_documents"] <= MAX_INVENTED_NEWS


@pytest.mark.skipif(
    not (NO_INCIDENT / "gold.jsonl").exists(),
    reason="../shared/corpus/noincident not present: ordinary-news check skipped",
)
def test_ordinary_news_invents_no_incident(tmp_path):
    from incidents.evaluate import evaluate
    from incidents.settings import Settings

    result = evaluate(NO_INCIDENT, tmp_path / "wh", Settings())
    assert result["invented_on_no_incident_documents"] <= MAX_INVENTED_ORDINARY
