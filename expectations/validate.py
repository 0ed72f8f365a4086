"""Running the suites: Great Expectations results split into clean rows and quarantine."""

from __future__ import annotations

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


@dataclass
class Outcome:
    clean: pd.DataFrame
    quarantine: list[dict[str, Any]] = field(default_factory=list)
    table_failures: list[str] = field(default_factory=list)

    @property
    def success(self) -> bool:
        return not self.quarantine and not self.table_failures


def _frame_for_validation(df: pd.DataFrame, key: str) -> pd.DataFrame:
    """Columns the rules read: ISO date strings and yyyymmdd integers beside the typed ones."""
    out = df.copy()
    dates = pd.to_datetime(out["event_date"], errors="coerce")
    out["event_date_iso"] = (
        dates.dt.strftime("%Y-%m-%d").astype("object").where(dates.notna(), None)
    )
    out["event_yyyymmdd"] = (dates.dt.year * 10000 + dates.dt.month * 100 + dates.dt.day).astype(
        "Int64"
    )
    if "published_at" in out:
        pub = pd.to_datetime(out["published_at"], errors="coerce")
        out["published_yyyymmdd"] = (pub.dt.year * 10000 + pub.dt.month * 100 + pub.dt.day).astype(
            "Int64"
        )
    out["has_country"] = out["country"].notna()
    out["has_iso3"] = out["country_iso3"].notna()
    out["_row_key"] = out[key].astype(str).where(out[key].notna(), "<missing>")
    for col in out.columns:
        if out[col].dtype == "object" or str(out[col].dtype).startswith("string"):
            out[col] = out[col].astype("object").where(out[col].notna(), None)
    return out.reset_index(drop=True)


def run_suite(
    ctx: Any, name: str, df: pd.DataFrame, rules: list[Rule], key: str, run_id: str
) -> Outcome:
    """Validate `df` with `rules` in context `ctx`; failing rows go to quarantine."""
    import great_expectations as gx

    frame = _frame_for_validation(df, key)
    suite = ctx.suites.add(gx.ExpectationSuite(name=f"{name}_{run_id}"))
    by_config: dict[str, Rule] = {}
    for rule in rules:
        exp = rule.expectation
        exp.meta = {"rule": rule.name}
        suite.add_expectation(exp)
        by_config[rule.name] = rule
    asset = ctx.data_sources.add_pandas(f"src_{name}_{run_id}").add_dataframe_asset(name)
    batch_def = asset.add_batch_definition_whole_dataframe("all")
    vd = ctx.validation_definitions.add(
        gx.ValidationDefinition(name=f"{name}_{run_id}", data=batch_def, suite=suite)
    )
    checkpoint = ctx.checkpoints.add(gx.Checkpoint(
        name=f"{name}_{run_id}", validation_definitions=[vd],
        actions=[gx.checkpoint.UpdateDataDocsAction(name="docs")],
        result_format={"result_format": "COMPLETE", "unexpected_index_column_names": ["_row_key"]},
    ))  # fmt: skip
    result = checkpoint.run(batch_parameters={"dataframe": frame})
    outcome = Outcome(clean=df)
    bad_keys: dict[str, list[tuple[str, str]]] = {}
    for vr in result.run_results.values():
        for r in vr.results:
            rule_name = (r.expectation_config.meta or {}).get("rule", r.expectation_config.type)
            if r.success:
                continue
            found_rule = by_config.get(rule_name)
            if r.exception_info and r.exception_info.get("raised_exception"):
                outcome.table_failures.append(
                    f"{name}: rule {rule_name} could not run: {r.exception_info.get('exception_message')}"
                )
                continue
            if found_rule is None or found_rule.table_level:
                outcome.table_failures.append(f"{name}: {rule_name} failed ({_summary(r.result)})")
                continue
            for item in r.result.get("unexpected_index_list") or []:
                row_key = item.get("_row_key") if isinstance(item, dict) else str(item)
                detail = (
                    {k: _jsonable(v) for k, v in item.items() if k != "_row_key"}
                    if isinstance(item, dict)
                    else {}
                )
                bad_keys.setdefault(str(row_key), []).append(
                    (rule_name, json.dumps(detail, default=str))
                )
    if bad_keys:
        keys = df[key].astype(str)
        for row_key, failures in bad_keys.items():
            row = df[keys == row_key]
            row_json = (
                row.iloc[0].to_json(date_format="iso", default_handler=str)
                if not row.empty
                else "{}"
            )
            for failed_rule, detail_json in failures:
                outcome.quarantine.append({"run_id": run_id, "table_name": name, "row_key": row_key,
                                           "rule": failed_rule, "detail": detail_json, "row_json": row_json})  # fmt: skip
        outcome.clean = df[~keys.isin(bad_keys.keys())].reset_index(drop=True)
    return outcome


def _summary(result: dict[str, Any]) -> str:
    keys = ("observed_value", "unexpected_count", "details")
    return ", ".join(f"{k}={result[k]}" for k in keys if k in result) or "no detail"


def _jsonable(v: Any) -> Any:
    if hasattr(v, "item"):
        return v.item()
    return v


def make_context(docs_dir: Path) -> Any:
    """An ephemeral Great Expectations context that writes Data Docs to `docs_dir`."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    logging.getLogger("great_expectations").setLevel(logging.WARNING)
    ctx = gx.get_context(mode="ephemeral")
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    ctx.add_data_docs_site(
        site_name="warehouse",
        site_config={
            "class_name": "SiteBuilder",
            "store_backend": {
                "class_name": "TupleFilesystemStoreBackend",
                "base_directory": str(docs_dir),
            },
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        },
    )
    return ctx
