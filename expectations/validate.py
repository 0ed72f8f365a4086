"""Running the suites: Great Expectations results split into clean rows and quarantine.

A run opens one file-backed GX context (`NightlyValidation`), with one checkpoint whose two
validation definitions are the run's two tables. The flow validates each table at its stage
(reports before merging, so bad reports merge nowhere; incidents after), both under the run's
id, and builds the Data Docs once at the end (`expectations.data_docs`).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from expectations.suites import Rule

log = logging.getLogger(__name__)
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
# Great Expectations announces every temporary folder at INFO; keep the run's output readable.
logging.getLogger("great_expectations").setLevel(logging.WARNING)

DATA_SOURCE = "warehouse"
CHECKPOINT = "nightly"
BATCH = "night"
# The validated tables and the column that names a row in quarantine.
TABLE_KEYS = {"incident_reports": "report_id", "incidents": "incident_id"}


@dataclass
class Outcome:
    clean: pd.DataFrame
    quarantine: list[dict[str, Any]] = field(default_factory=list)
    table_failures: list[str] = field(default_factory=list)

    @property
    def success(self) -> bool:
        return not self.quarantine and not self.table_failures


def frame_for_validation(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The table's declared columns as the rules read them: dates as ISO text, NULL as None.

    Only declared columns go in, so Data Docs show the table an analyst queries, never the
    run's bookkeeping columns.
    """
    out = df[[c for c in columns if c in df.columns]].copy()
    for col in ("event_date", "published_at"):
        if col in out:
            out[col] = out[col].map(_iso_day).astype("object")
    for col in out.columns:
        if out[col].dtype == "object" or str(out[col].dtype).startswith("string"):
            out[col] = out[col].astype("object").where(out[col].notna(), None)
    return out.reset_index(drop=True)


def _iso_day(value: Any) -> str | None:
    """A date or timestamp as YYYY-MM-DD; text is kept as written so a bad date stays visible."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, dt.datetime | dt.date | pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return str(value)


class NightlyValidation:
    """One GX file context, one checkpoint over both tables, one run id, for one run."""

    def __init__(self, project_dir: Path, run_id: str, run_time: dt.datetime,
                 published_site: Path | None = None) -> None:  # fmt: skip
        """Open the run's context in `project_dir`, with the history of `published_site`."""
        import great_expectations as gx
        from great_expectations.core.run_identifier import RunIdentifier

        from expectations.data_docs import carry_history, open_context

        self.project_dir = project_dir
        self.published_site = published_site
        carry_history(published_site, project_dir)
        self.run_id = RunIdentifier(run_name=run_id, run_time=run_time.replace(tzinfo=dt.UTC))
        self.context = open_context(project_dir)
        source = self.context.data_sources.add_pandas(DATA_SOURCE)
        self.definitions: dict[str, Any] = {}
        for table in TABLE_KEYS:
            suite = self.context.suites.add(gx.ExpectationSuite(name=table))
            batch = source.add_dataframe_asset(table).add_batch_definition_whole_dataframe(BATCH)
            self.definitions[table] = self.context.validation_definitions.add(
                gx.ValidationDefinition(name=table, data=batch, suite=suite)
            )
        self.checkpoint = self.context.checkpoints.add(
            gx.Checkpoint(name=CHECKPOINT, validation_definitions=list(self.definitions.values()))
        )
        self.results: dict[str, Any] = {}

    def validate(
        self, table: str, df: pd.DataFrame, rules: list[Rule], columns: list[str]
    ) -> Outcome:
        """Validate `df` as `table` with `rules`; rows breaking a row-level rule go to quarantine."""
        key = TABLE_KEYS[table]
        definition = self.definitions[table]
        for rule in rules:
            exp = rule.expectation
            exp.description = f"{rule.category.capitalize()}: {rule.title}"
            exp.meta = {"rule": rule.name, "family": rule.category}
            exp.notes = f"Quarantine rule `{rule.name}`"
        # The suite is stored once with all its rules: `add_expectation` on a stored suite
        # reads and rewrites the whole suite file for each rule (0.7 s for 32 rules).
        definition.suite.expectations.extend(rule.expectation for rule in rules)
        definition.suite.save()
        result = definition.run(
            checkpoint_id=self.checkpoint.id,
            batch_parameters={"dataframe": frame_for_validation(df, columns)},
            result_format={"result_format": "COMPLETE", "unexpected_index_column_names": [key]},
            run_id=self.run_id,
        )
        self.results[table] = result
        self._name_asset(table, result)
        return _outcome(table, df, key, result, {r.name: r for r in rules}, self.run_id.run_name)

    def _name_asset(self, table: str, result: Any) -> None:
        """Store the result again with its asset named where Data Docs look for it.

        GX's page renderer reads the asset name from the batch spec, which a dataframe batch
        leaves out ("Data asset: None").
        """
        from great_expectations.data_context.types.resource_identifiers import (
            ExpectationSuiteIdentifier,
            ValidationResultIdentifier,
        )

        result.meta.setdefault("batch_spec", {})["data_asset_name"] = table
        key = ValidationResultIdentifier(
            ExpectationSuiteIdentifier(name=table), self.run_id, result.batch_id
        )
        self.context.validation_results_store.set(key, result)

    def build_docs(self, quarantine: list[dict[str, Any]]) -> Path:
        """The one Data Docs build of the run (both suites, the run's pages, its quarantine)."""
        from expectations.data_docs import build_site, share_unchanged

        site = build_site(self.context, self.project_dir, self.results, quarantine)
        share_unchanged(self.published_site, site)
        return site


def _outcome(table: str, df: pd.DataFrame, key: str, result: Any, rules: dict[str, Rule],
             run_id: str) -> Outcome:  # fmt: skip
    """Split `df` by the validation result: clean rows, quarantine rows, table-level failures."""
    outcome = Outcome(clean=df)
    bad_keys: dict[str, list[tuple[str, str]]] = {}
    for r in result.results:
        if r.success:
            continue
        rule_name = (r.expectation_config.meta or {}).get("rule", r.expectation_config.type)
        rule = rules.get(rule_name)
        if r.exception_info and r.exception_info.get("raised_exception"):
            message = r.exception_info.get("exception_message")
            outcome.table_failures.append(f"{table}: rule {rule_name} could not run: {message}")
        elif rule is None or rule.table_level:
            outcome.table_failures.append(f"{table}: {rule_name} failed ({_summary(r.result)})")
        else:
            for item in r.result.get("unexpected_index_list") or []:
                row_key = item.get(key) if isinstance(item, dict) else item
                detail = (
                    {k: _jsonable(v) for k, v in item.items() if k != key}
                    if isinstance(item, dict)
                    else {}
                )
                bad_keys.setdefault(_key_text(row_key), []).append(
                    (rule_name, json.dumps(detail, default=str))
                )  # fmt: skip
    if bad_keys:
        keys = df[key].astype(str).where(df[key].notna(), "<missing>")
        for row_key, failures in bad_keys.items():
            row = df[keys == row_key]
            row_json = (
                row.iloc[0].to_json(date_format="iso", default_handler=str)
                if not row.empty
                else "{}"
            )
            for failed_rule, detail_json in failures:
                outcome.quarantine.append({"run_id": run_id, "table_name": table, "row_key": row_key,
                                           "rule": failed_rule, "detail": detail_json, "row_json": row_json})  # fmt: skip
        outcome.clean = df[~keys.isin(bad_keys.keys())].reset_index(drop=True)
    return outcome


def _key_text(value: Any) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "<missing>"
    return str(value)


def _summary(result: dict[str, Any]) -> str:
    keys = ("observed_value", "unexpected_count", "details")
    return ", ".join(f"{k}={result[k]}" for k in keys if k in result) or "no detail"


def _jsonable(v: Any) -> Any:
    if isinstance(v, float) and v != v:  # NaN from pandas: NULL in the quarantine detail
        return None
    if hasattr(v, "item"):
        return v.item()
    return v
