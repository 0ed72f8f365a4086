"""The run's GX project stores each suite with every rule once, as validation used them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd

from expectations.suites import report_rules
from expectations.validate import NightlyValidation
from warehouse.schema import SCHEMAS
from warehouse.seeds import default_seeds_dir, load_vocabularies


def test_a_validated_suite_is_stored_with_each_rule_once(tmp_path: Path) -> None:
    vocab, iso3 = load_vocabularies(default_seeds_dir())
    columns = [f.name for f in SCHEMAS["incident_reports"]]
    rules = report_rules(vocab, iso3, ["d_1"], columns)
    dq = NightlyValidation(tmp_path / "site", "20260101T000000-abcdef", dt.datetime(2026, 1, 1))
    reports = SCHEMAS["incident_reports"].empty_table().to_pandas()
    out = dq.validate("incident_reports", pd.DataFrame(reports), rules, columns)
    assert not out.table_failures

    [stored] = (tmp_path / "site").rglob("expectations/incident_reports.json")
    suite = json.loads(stored.read_text(encoding="utf-8"))
    expectations = suite["expectations"]
    assert len(expectations) == len(rules)
    assert [e["meta"]["rule"] for e in expectations] == [r.name for r in rules]
    assert all(e["id"] for e in expectations)
    assert len({e["id"] for e in expectations}) == len(expectations)
    # What was validated is what was stored.
    assert len(dq.results["incident_reports"].results) == len(rules)
