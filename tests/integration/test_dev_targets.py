"""Fails when extraction quality on the development corpus falls below the issue's targets.

Every measure is held to its target (incidents.evaluate.TARGETS). A measure that falls short
while it is being worked on may be listed in BELOW_TARGET with the level measured, so that it
cannot slip further; none is today. Skipped where ../shared is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

DEV = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "dev"
BELOW_TARGET: dict[str, float] = {}
MAX_INVENTED = 0


@pytest.mark.skipif(
    not (DEV / "gold.jsonl").exists(),
    reason="../shared/corpus/dev not present: dev-corpus check skipped",
)
def test_dev_corpus_scores_hold(tmp_path):
    from incidents.evaluate import TARGETS, evaluate
    from incidents.settings import Settings

    result = evaluate(DEV, tmp_path / "wh", Settings())
    measured = {f: v["accuracy"] for f, v in result["fields"].items()}
    measured["report_f1"] = result["reports"]["f1"]
    measured["merge_precision"] = result["merge"]["precision"]
    measured["merge_recall"] = result["merge"]["recall"]
    low = {
        name: (round(measured[name], 3), BELOW_TARGET.get(name, target))
        for name, target in TARGETS.items()
        if measured[name] < BELOW_TARGET.get(name, target)
    }
    assert not low, f"below the required level (measured, required): {low}"
    assert result["invented_on_no_incident_documents"] <= MAX_INVENTED
