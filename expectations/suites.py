"""Data-quality rules, as code: one Great Expectations suite per validated table.

Row-level rules send the failing rows to quarantine; table-level rules (schema, unique ids)
fail the run, which then publishes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import great_expectations.expectations as gxe
from great_expectations.expectations.expectation import Expectation

DATE_PRECISIONS = ["day", "month", "year", "unknown"]
GEO_PRECISIONS = ["city", "admin1", "country", "unknown"]
CASUALTY_COLUMNS = [f"{k}_{p}" for k in ("killed", "wounded") for p in ("low", "best", "high")]
MAX_CASUALTIES = 10_000


@dataclass(frozen=True)
class Rule:
    """An expectation with the name it gets in quarantine and whether it fails the run."""

    name: str
    expectation: Expectation
    table_level: bool = False


def _common(vocab: dict[str, list[str]], iso3: list[str]) -> list[Rule]:
    rules = [
        Rule(
            "event_date_iso",
            gxe.ExpectColumnValuesToMatchRegex(
                column="event_date_iso", regex=r"^\d{4}-\d{2}-\d{2}$"
            ),
        ),
        Rule(
            "event_not_before_1970",
            gxe.ExpectColumnValuesToBeBetween(
                column="event_yyyymmdd", min_value=19700101, max_value=21001231
            ),
        ),
        Rule(
            "date_precision_vocabulary",
            gxe.ExpectColumnValuesToBeInSet(column="date_precision", value_set=DATE_PRECISIONS),
        ),
        Rule("date_precision_present", gxe.ExpectColumnValuesToNotBeNull(column="date_precision")),
        Rule(
            "geo_precision_vocabulary",
            gxe.ExpectColumnValuesToBeInSet(column="geo_precision", value_set=GEO_PRECISIONS),
        ),
        Rule(
            "attack_type_vocabulary",
            gxe.ExpectColumnValuesToBeInSet(column="attack_type", value_set=vocab["attack_type"]),
        ),
        Rule(
            "target_type_vocabulary",
            gxe.ExpectColumnValuesToBeInSet(column="target_type", value_set=vocab["target_type"]),
        ),
        Rule(
            "weapon_type_vocabulary",
            gxe.ExpectColumnValuesToBeInSet(column="weapon_type", value_set=vocab["weapon_type"]),
        ),
        Rule(
            "country_iso3_vocabulary",
            gxe.ExpectColumnValuesToBeInSet(column="country_iso3", value_set=iso3),
        ),
        Rule(
            "latitude_range",
            gxe.ExpectColumnValuesToBeBetween(column="latitude", min_value=-90, max_value=90),
        ),
        Rule(
            "longitude_range",
            gxe.ExpectColumnValuesToBeBetween(column="longitude", min_value=-180, max_value=180),
        ),
        Rule(
            "country_pairs_iso3",
            gxe.ExpectColumnPairValuesToBeEqual(column_A="has_country", column_B="has_iso3"),
        ),
    ]
    for col in CASUALTY_COLUMNS:
        rules.append(
            Rule(
                f"{col}_range",
                gxe.ExpectColumnValuesToBeBetween(
                    column=col, min_value=0, max_value=MAX_CASUALTIES
                ),
            )
        )
    for kind in ("killed", "wounded"):
        for a, b in (("best", "low"), ("high", "best"), ("high", "low")):
            rules.append(Rule(
                f"{kind}_{b}_le_{a}",
                gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                    column_A=f"{kind}_{a}", column_B=f"{kind}_{b}", or_equal=True,
                    ignore_row_if="either_value_is_missing",
                ),
            ))  # fmt: skip
    return rules


def _identity_rules(key: str, columns: list[str]) -> list[Rule]:
    """Table-level rules: the declared columns exist and every row has a unique id."""
    return [
        Rule(
            "schema", gxe.ExpectTableColumnsToMatchSet(column_set=columns, exact_match=False), True
        ),
        Rule(f"{key}_unique", gxe.ExpectColumnValuesToBeUnique(column=key), True),
        Rule(f"{key}_present", gxe.ExpectColumnValuesToNotBeNull(column=key), True),
    ]


def report_rules(vocab: dict[str, list[str]], iso3: list[str], doc_ids: list[str],
                 columns: list[str]) -> list[Rule]:  # fmt: skip
    """Rules for `incident_reports` (validated before merging, so bad reports merge nowhere)."""
    return [
        *_identity_rules("report_id", columns),
        *_common(vocab, iso3),
        Rule(
            "document_present", gxe.ExpectColumnValuesToBeInSet(column="doc_id", value_set=doc_ids)
        ),
        Rule(
            "event_not_after_publication",
            gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A="published_yyyymmdd",
                column_B="event_yyyymmdd",
                or_equal=True,
                ignore_row_if="either_value_is_missing",
            ),
        ),
        Rule(
            "evidence_offsets_ordered",
            gxe.ExpectColumnPairValuesAToBeGreaterThanB(column_A="char_end", column_B="char_start"),
        ),
        Rule(
            "confidence_range",
            gxe.ExpectColumnValuesToBeBetween(column="confidence", min_value=0, max_value=1),
        ),
    ]


def incident_rules(vocab: dict[str, list[str]], iso3: list[str], columns: list[str]) -> list[Rule]:
    """Rules for `incidents` after reconciliation."""
    return [
        *_identity_rules("incident_id", columns),
        *_common(vocab, iso3),
        Rule(
            "n_reports_positive", gxe.ExpectColumnValuesToBeBetween(column="n_reports", min_value=1)
        ),
    ]
