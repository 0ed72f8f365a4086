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


# Rule families, as the Data Docs group them for an analyst.
IDENTITY = "identity and schema"
DATE_FORMATS = "date formats"
CASUALTY_RANGES = "casualty ranges"
VOCABULARIES = "vocabularies"
CONSISTENCY = "consistency"
COORDINATES = "coordinate ranges"


@dataclass(frozen=True)
class Rule:
    """An expectation with its quarantine name, the human title Data Docs show, its family and
    whether it fails the run (table-level) instead of quarantining rows."""

    name: str
    title: str
    category: str
    expectation: Expectation
    table_level: bool = False


def _vocabulary(column: str, values: list[str], label: str) -> Rule:
    return Rule(
        f"{column}_vocabulary",
        f"{label} is one of the {len(values)} allowed labels",
        VOCABULARIES,
        gxe.ExpectColumnValuesToBeInSet(column=column, value_set=values),
    )


def _dates() -> list[Rule]:
    """Dates are validated as ISO text (YYYY-MM-DD), the way the frame for validation holds them."""
    return [
        Rule(
            "event_date_iso",
            "Event date is a real calendar date written YYYY-MM-DD",
            DATE_FORMATS,
            gxe.ExpectColumnValuesToMatchStrftimeFormat(
                column="event_date", strftime_format="%Y-%m-%d"
            ),
        ),
        Rule(
            "event_not_before_1970",
            "Event date falls between 1970 and 2100",
            DATE_FORMATS,
            gxe.ExpectColumnValuesToMatchRegex(
                column="event_date", regex=r"^(?:19[7-9]\d|20\d\d|2100)-"
            ),
        ),
        Rule(
            "date_precision_vocabulary",
            "Date precision is day, month, year or unknown",
            VOCABULARIES,
            gxe.ExpectColumnValuesToBeInSet(column="date_precision", value_set=DATE_PRECISIONS),
        ),
        Rule(
            "date_precision_present",
            "Date precision is always given",
            DATE_FORMATS,
            gxe.ExpectColumnValuesToNotBeNull(column="date_precision"),
        ),
    ]


def _places(iso3: list[str]) -> list[Rule]:
    """Place rules: vocabularies, coordinate ranges, and country name and code given together."""
    return [
        Rule(
            "geo_precision_vocabulary",
            "Place precision is city, admin1, country or unknown",
            VOCABULARIES,
            gxe.ExpectColumnValuesToBeInSet(column="geo_precision", value_set=GEO_PRECISIONS),
        ),
        Rule(
            "country_iso3_vocabulary",
            "Country code is an ISO 3166-1 alpha-3 code of the gazetteer",
            VOCABULARIES,
            gxe.ExpectColumnValuesToBeInSet(column="country_iso3", value_set=iso3),
        ),
        Rule(
            "latitude_range",
            "Latitude lies between -90 and 90",
            COORDINATES,
            gxe.ExpectColumnValuesToBeBetween(column="latitude", min_value=-90, max_value=90),
        ),
        Rule(
            "longitude_range",
            "Longitude lies between -180 and 180",
            COORDINATES,
            gxe.ExpectColumnValuesToBeBetween(column="longitude", min_value=-180, max_value=180),
        ),
        Rule(
            "country_pairs_iso3",
            "A country name always comes with its ISO code",
            CONSISTENCY,
            gxe.ExpectColumnValuesToNotBeNull(
                column="country_iso3", row_condition="country.notna()", condition_parser="pandas"
            ),
        ),
        Rule(
            "country_pairs_iso3",
            "An ISO code always comes with its country name",
            CONSISTENCY,
            gxe.ExpectColumnValuesToNotBeNull(
                column="country", row_condition="country_iso3.notna()", condition_parser="pandas"
            ),
        ),
    ]


def _casualties() -> list[Rule]:
    """Each figure within 0..MAX_CASUALTIES, and low <= best <= high for killed and wounded."""
    rules = [
        Rule(
            f"{col}_range",
            f"{col.replace('_', ' ').capitalize()} lies between 0 and {MAX_CASUALTIES:,}",
            CASUALTY_RANGES,
            gxe.ExpectColumnValuesToBeBetween(column=col, min_value=0, max_value=MAX_CASUALTIES),
        )
        for col in CASUALTY_COLUMNS
    ]
    for kind in ("killed", "wounded"):
        for a, b in (("best", "low"), ("high", "best"), ("high", "low")):
            rules.append(Rule(
                f"{kind}_{b}_le_{a}",
                f"{kind.capitalize()}: the {b} figure is at most the {a} figure",
                CONSISTENCY,
                gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                    column_A=f"{kind}_{a}", column_B=f"{kind}_{b}", or_equal=True,
                    ignore_row_if="either_value_is_missing",
                ),
            ))  # fmt: skip
    return rules


def _common(vocab: dict[str, list[str]], iso3: list[str]) -> list[Rule]:
    """Rules that hold for a report and for a merged incident alike."""
    return [
        *_dates(),
        *_places(iso3),
        _vocabulary("attack_type", vocab["attack_type"], "Attack type (GTD)"),
        _vocabulary("target_type", vocab["target_type"], "Target type (GTD)"),
        _vocabulary("weapon_type", vocab["weapon_type"], "Weapon type (GTD)"),
        *_casualties(),
    ]


def _identity_rules(key: str, columns: list[str]) -> list[Rule]:
    """Table-level rules: the declared columns exist and every row has a unique id."""
    label = key.replace("_", " ").capitalize()
    return [
        Rule(
            "schema",
            "Every declared column is present",
            IDENTITY,
            gxe.ExpectTableColumnsToMatchSet(column_set=columns, exact_match=False),
            True,
        ),
        Rule(f"{key}_unique", f"{label} is unique", IDENTITY,
             gxe.ExpectColumnValuesToBeUnique(column=key), True),
        Rule(f"{key}_present", f"{label} is always given", IDENTITY,
             gxe.ExpectColumnValuesToNotBeNull(column=key), True),
    ]  # fmt: skip


def report_rules(vocab: dict[str, list[str]], iso3: list[str], doc_ids: list[str],
                 columns: list[str]) -> list[Rule]:  # fmt: skip
    """Rules for `incident_reports` (validated before merging, so bad reports merge nowhere).

    `doc_ids` are the night's documents: a report can only come from one of them.
    """
    return [
        *_identity_rules("report_id", columns),
        *_common(vocab, iso3),
        Rule(
            "document_present",
            "Every report comes from a document of the same night",
            CONSISTENCY,
            gxe.ExpectColumnValuesToBeInSet(column="doc_id", value_set=doc_ids),
        ),
        Rule(
            "event_not_after_publication",
            "Event date is not after the day the document was published",
            CONSISTENCY,
            gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A="published_at",
                column_B="event_date",
                or_equal=True,
                ignore_row_if="either_value_is_missing",
            ),
        ),
        Rule(
            "evidence_offsets_ordered",
            "Evidence ends after it starts (char_end after char_start)",
            CONSISTENCY,
            gxe.ExpectColumnPairValuesAToBeGreaterThanB(column_A="char_end", column_B="char_start"),
        ),
        Rule(
            "confidence_range",
            "Confidence lies between 0 and 1",
            CONSISTENCY,
            gxe.ExpectColumnValuesToBeBetween(column="confidence", min_value=0, max_value=1),
        ),
    ]


def incident_rules(vocab: dict[str, list[str]], iso3: list[str], columns: list[str]) -> list[Rule]:
    """Rules for `incidents` after reconciliation."""
    return [
        *_identity_rules("incident_id", columns),
        *_common(vocab, iso3),
        Rule(
            "n_reports_positive",
            "Every incident has at least one report",
            CONSISTENCY,
            gxe.ExpectColumnValuesToBeBetween(column="n_reports", min_value=1),
        ),
    ]
