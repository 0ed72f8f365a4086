"""A report's confidence: the chance that its core fields (event date, country, attack type,
killed) are all right, from a logistic model over what the report itself shows.

`features` turns a report (the `incident_reports` row, or the same fields before the row is
made) into named 0/1 signals; `confidence` weighs them with `seeds/confidence_model.csv` and
returns the logistic of the sum. The weights are fit by `scripts/fit_confidence.py` on the
tuning halves of the real gold sets (news articles and GTD summaries) and checked on their
checking halves; `scripts/quality` prints the calibration of every set and half. A trained
classifier over richer input can replace this module with the same output, a probability.
"""

from __future__ import annotations

import csv
import functools
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from transforms.lexicon import seeds_file

__all__ = ["FEATURES", "confidence", "features", "load_weights"]

# Attack types with a signal of their own; the others share `attack_other`.
_ATTACKS = {
    "Bombing/Explosion": "attack_bombing",
    "Armed Assault": "attack_armed_assault",
    "Assassination": "attack_assassination",
    "Hostage Taking (Kidnapping)": "attack_kidnapping",
    "Facility/Infrastructure Attack": "attack_facility",
    "Unknown": "attack_unknown",
}
FEATURES = (
    "bias",
    "killed_none",
    "killed_zero",
    "killed_one_or_two",
    "killed_many",
    "killed_range",
    "wounded_given",
    "date_none",
    "date_day",
    "country_none",
    "admin1_given",
    "city_given",
    *_ATTACKS.values(),
    "attack_other",
    "weapon_unknown",
    "target_given",
    "perpetrator_named",
    "background",
    "several_reports",
    "unknown_attack_with_toll",
)


def _given(value: Any) -> bool:
    return value is not None and value == value  # NaN from a data frame is not given


def features(report: Mapping[str, Any], reports_in_document: int = 1) -> dict[str, float]:
    """The report's signals, each 0 or 1 (`bias` always 1). `reports_in_document`: how many
    reports its document gives (an account of several attacks shares out tolls and places)."""
    low, best, high = (report.get(f"killed_{k}") for k in ("low", "best", "high"))
    killed = best if _given(best) else low if _given(low) else None
    on = {
        "bias",
        "killed_none" if killed is None else "",
        "killed_zero" if killed == 0 else "",
        "killed_one_or_two" if killed is not None and 1 <= killed <= 2 else "",
        "killed_many" if killed is not None and killed > 2 else "",
        "killed_range" if _given(high) or (_given(low) and _given(best) and low != best) else "",
        "wounded_given" if _given(report.get("wounded_best")) or _given(report.get("wounded_low")) else "",
        "date_none" if not _given(report.get("event_date")) else "",
        "date_day" if report.get("date_precision") == "day" else "",
        "country_none" if not _given(report.get("country")) else "",
        "admin1_given" if _given(report.get("admin1")) else "",
        "city_given" if _given(report.get("city")) else "",
        _ATTACKS.get(str(report.get("attack_type")), "attack_other"),
        "weapon_unknown" if report.get("weapon_type") in (None, "Unknown") else "",
        "target_given" if report.get("target_type") not in (None, "Unknown") else "",
        "perpetrator_named" if _given(report.get("perpetrator")) else "",
        "background" if report.get("is_background") else "",
        "several_reports" if reports_in_document > 1 else "",
        "unknown_attack_with_toll" if report.get("attack_type") == "Unknown" and killed else "",
    }  # fmt: skip
    return {name: 1.0 if name in on else 0.0 for name in FEATURES}


@functools.cache
def load_weights(path: Path | None = None) -> dict[str, float]:
    """The model's weights by feature (`#` lines of the file say how they were fit)."""
    with (path or seeds_file("confidence_model.csv")).open(encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        weights = {r["feature"]: float(r["weight"]) for r in rows}
    unknown = set(weights) - set(FEATURES)
    if unknown:
        raise ValueError(f"confidence model names unknown features: {', '.join(sorted(unknown))}")
    return weights


def confidence(report: Mapping[str, Any], reports_in_document: int = 1,
               weights: Mapping[str, float] | None = None) -> float:  # fmt: skip
    """The logistic of the weighted signals, rounded to three places."""
    w = load_weights() if weights is None else weights
    signals = features(report, reports_in_document)
    z = sum(w.get(name, 0.0) * value for name, value in signals.items())
    return round(1.0 / (1.0 + math.exp(-z)), 3)
