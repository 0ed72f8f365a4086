"""The nightly run, composed from named steps: ingest -> extract -> validate -> merge -> publish.

This is the one assembly point; `incidents run` and the scheduled deployment both call
`nightly_flow`. Steps are Prefect tasks over batches of documents, not one task per document.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from expectations.suites import incident_rules, report_rules
from expectations.validate import NightlyValidation
from flows.budget import BudgetExceeded, TimeBudget
from flows.ingest import discover, read_documents
from flows.run_report import (
    Steps,
    change_counts,
    collect_batches,
    create_artifacts,
    document_counts,
)
from flows.runners import extraction_runner
from incidents.settings import Settings, flow_parameters, get_settings
from transforms.documents import Document, mark_duplicates, reject_failed
from transforms.incident_reports import DocumentInput, extract_reports
from transforms.incidents import MergeResult, merge_reports
from warehouse import failed_runs, store
from warehouse.schema import SCHEMAS
from warehouse.seeds import default_seeds_dir, load_reference, load_seed_frames

log = logging.getLogger(__name__)
DOCS_WORK_PREFIX = ".data_docs."


class ValidationFailed(RuntimeError):
    """A table-level data-quality rule failed: nothing is published."""


@dataclass
class RunSummary:
    run_id: str
    status: str
    n_documents_new: int
    n_reports: int
    n_incidents: int
    n_quarantined: int
    dq_success: bool
    message: str = ""


@task(name="ingest", retries=2, retry_delay_seconds=2)
def ingest(
    inputs: list[str], max_bytes: int, known_hashes: set[str], known_ids: set[str]
) -> list[Document]:
    """Read every input; drop what was processed before, mark texts seen under another name."""
    docs = read_documents(discover([Path(p) for p in inputs]), max_bytes)
    return mark_duplicates(docs, known_hashes, known_ids)


@task(name="extract")
def extract(
    batch: list[Document], seeds_dir: str, run_id: str, seconds_per_document: float
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Incident reports of one batch, and the documents whose extraction failed (doc_id ->
    reason): one that raises or overruns its time budget is set aside, the batch goes on."""
    ref = load_reference(Path(seeds_dir))
    rows: list[dict[str, Any]] = []
    failed: dict[str, str] = {}
    for doc in batch:
        pub = doc.published_at.date() if doc.published_at else None
        try:
            found = extract_reports(
                DocumentInput(doc.doc_id, doc.text, pub, doc.title), ref,
                TimeBudget(seconds_per_document).check,
            )  # fmt: skip
        except Exception as exc:  # any failure of one document is that document's, not the run's
            reason = str(exc) if isinstance(exc, BudgetExceeded) else f"{type(exc).__name__}: {exc}"
            failed[doc.doc_id] = f"extraction failed: {reason}"[:500]
            log.warning("document %s (%s) rejected: %s", doc.external_id, doc.doc_id,
                        failed[doc.doc_id])  # fmt: skip
            continue
        rows.extend({**row, "published_at": doc.published_at, "run_id": run_id} for row in found)
    return rows, failed


@task(name="validate_reports", cache_policy=NO_CACHE)
def validate_reports(
    dq: NightlyValidation, reports: pd.DataFrame, doc_ids: list[str], seeds_dir: str
) -> tuple[pd.DataFrame, list[dict[str, Any]], list[str]]:
    """The night's reports against the `incident_reports` suite, before they merge anywhere."""
    ref = load_reference(Path(seeds_dir))
    iso3 = sorted(c.iso3 for c in ref.gazetteer.countries.values())
    columns = [f.name for f in SCHEMAS["incident_reports"]]
    rules = report_rules(ref.vocabularies, iso3, doc_ids, columns)
    out = dq.validate("incident_reports", reports, rules, columns)
    return out.clean, out.quarantine, out.table_failures


@task(name="merge")
def merge(prev_incidents: pd.DataFrame, prev_reports: pd.DataFrame, new_reports: pd.DataFrame,
          run_id: str, now: dt.datetime) -> MergeResult:  # fmt: skip
    return merge_reports(prev_incidents, prev_reports, new_reports, run_id, now)


@task(name="validate_incidents", cache_policy=NO_CACHE)
def validate_incidents(
    dq: NightlyValidation, incidents: pd.DataFrame, seeds_dir: str
) -> tuple[pd.DataFrame, list[dict[str, Any]], list[str]]:
    """Live (not merged-away) incidents against the `incidents` suite."""
    ref = load_reference(Path(seeds_dir))
    iso3 = sorted(c.iso3 for c in ref.gazetteer.countries.values())
    live = incidents[incidents["merged_into"].isna()] if "merged_into" in incidents else incidents
    columns = [f.name for f in SCHEMAS["incidents"]]
    rules = incident_rules(ref.vocabularies, iso3, columns)
    out = dq.validate("incidents", live, rules, columns)
    return out.clean, out.quarantine, out.table_failures


@task(name="data_docs", cache_policy=NO_CACHE)
def build_data_docs(dq: NightlyValidation, quarantine: list[dict[str, Any]]) -> str:
    """The run's one Data Docs build, into its work folder (published with the tables)."""
    return str(dq.build_docs(quarantine))


@task(name="publish", retries=1, retry_delay_seconds=2)
def publish_tables(warehouse: str, run_id: str, tables: dict[str, Any], seeds_dir: str,
                   docs_dir: str, keep: int, grace_seconds: float) -> str:  # fmt: skip
    frames = load_seed_frames(Path(seeds_dir))
    reference = {
        k: v
        for k, v in frames.items()
        if k in ("countries", "admin1", "groups", "gtd_taxonomy", "gazetteer")
    }
    arrow = {name: store.to_arrow(name, rows) for name, rows in tables.items()}
    return str(
        store.publish(
            Path(warehouse), run_id, arrow, reference, Path(docs_dir), keep, grace_seconds
        )
    )


def new_run_id(now: dt.datetime) -> str:
    return now.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]


def _with_settings(**given: Any) -> dict[str, Any]:
    """The flow's parameters: those given, the rest from the settings (one mapping for all)."""
    defaults = flow_parameters(get_settings())
    return {**defaults, **{k: v for k, v in given.items() if v is not None}}


@flow(name="nightly-incidents", log_prints=False, validate_parameters=False,
      task_runner=extraction_runner(None))  # fmt: skip
def nightly_flow(inputs: list[str] | None = None, warehouse: str | None = None,
                 seeds_dir: str | None = None, max_document_bytes: int | None = None,
                 batch_size: int | None = None, keep_versions: int | None = None,
                 reader_grace_seconds: float | None = None,
                 document_seconds: float | None = None,
                 run_id: str | None = None) -> RunSummary:  # fmt: skip
    """One complete run. Raises when it could not publish; the previous publication stays.

    A parameter left out comes from the INCIDENTS_* settings (a deployment started with no
    parameters runs over the configured inbox into the configured warehouse).
    `document_seconds`: extraction budget per document (INCIDENTS_DOCUMENT_SECONDS).
    """
    logger = get_run_logger()
    p = _with_settings(inputs=inputs, warehouse=warehouse, seeds_dir=seeds_dir,
                       max_document_bytes=max_document_bytes, batch_size=batch_size,
                       keep_versions=keep_versions,
                       reader_grace_seconds=reader_grace_seconds,
                       document_seconds=document_seconds)  # fmt: skip
    wh = Path(p["warehouse"])
    seeds = p["seeds_dir"] or str(default_seeds_dir())
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    run_id = run_id or new_run_id(now)
    # The run's Data Docs are built beside the warehouse's, so publishing moves, never copies.
    docs_dir = str(wh / f"{DOCS_WORK_PREFIX}{run_id}.tmp")
    try:
        with store.run_lock(wh):
            # Durable before anything is read: a run killed outright is still listed in `runs`.
            failed_runs.record_run_started(wh, run_id, now)
            summary = _run(wh, p["inputs"], seeds, run_id, now, docs_dir,
                           p["max_document_bytes"], p["batch_size"], p["keep_versions"],
                           p["reader_grace_seconds"], p["document_seconds"])  # fmt: skip
    except Exception as exc:
        store.record_failed_run(wh, {"run_id": run_id, "started_at": now, "finished_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
                                     "status": "failed", "dq_success": False, "message": str(exc)[:500]})  # fmt: skip
        raise
    finally:
        shutil.rmtree(docs_dir, ignore_errors=True)
    logger.info("run %s published: %s new documents, %s reports, %s incidents, %s quarantined",
                run_id, summary.n_documents_new, summary.n_reports, summary.n_incidents,
                summary.n_quarantined)  # fmt: skip
    return summary


def configured_flow(settings: Settings) -> Any:
    """The nightly flow with the task runner the settings ask for (processes or Dask)."""
    runner = extraction_runner(
        str(settings.seeds_dir) if settings.seeds_dir else None,
        settings.workers, settings.dask_address, settings.dask_workers,
    )  # fmt: skip
    return nightly_flow.with_options(task_runner=runner)


def _run(wh: Path, inputs: list[str], seeds: str, run_id: str, now: dt.datetime, docs_dir: str,
         max_bytes: int, batch_size: int, keep: int, grace: float,
         seconds: float) -> RunSummary:  # fmt: skip
    for stale in wh.glob(f"{DOCS_WORK_PREFIX}*.tmp"):  # left by a killed run; we hold the lock
        if stale.name != Path(docs_dir).name:
            shutil.rmtree(stale, ignore_errors=True)
    prev_docs = store.read_current(wh, "documents")
    prev_reports = store.read_current(wh, "incident_reports")
    prev_state = store.read_current(wh, "incident_state")
    steps = Steps(get_run_logger())
    steps.start("ingest")
    new_docs = ingest(inputs, max_bytes, set(prev_docs["content_sha256"]), set(prev_docs["doc_id"]))
    steps.done(len(new_docs), "documents", _counts(document_counts(new_docs)), rate=True)
    to_extract = [d for d in new_docs if d.status == "ok"]
    batches = [to_extract[i : i + batch_size] for i in range(0, len(to_extract), batch_size)]
    steps.start("extract", len(to_extract))
    if len(batches) > 1:
        futures = [extract.submit(batch, seeds, run_id, seconds) for batch in batches]
        results = collect_batches(futures, [len(b) for b in batches], steps)
    else:  # one batch: no worker process is worth starting for it
        results = [extract(batch, seeds, run_id, seconds) for batch in batches]
    report_rows = [row for rows, _ in results for row in rows]
    new_docs = reject_failed(new_docs, {k: v for _, failed in results for k, v in failed.items()})
    steps.done(len(to_extract), "documents", f"{len(report_rows)} reports", rate=True)
    doc_rows = [{**d.row(), "ingested_at": now} for d in new_docs]
    documents = (
        pd.concat([prev_docs, pd.DataFrame(doc_rows)], ignore_index=True) if doc_rows else prev_docs
    )
    reports = (
        store.to_arrow("incident_reports", report_rows, widen_integers=True).to_pandas()
        if report_rows
        else SCHEMAS["incident_reports"].empty_table().to_pandas()
    )
    steps.start("validate_reports")
    dq = NightlyValidation(Path(docs_dir), run_id, now, _published_docs(wh))
    night_ids = [d.doc_id for d in to_extract]  # reports can only come from tonight's documents
    clean, q_reports, failures = validate_reports(dq, reports, night_ids, seeds)
    steps.done(len(reports), "reports", f"{len(q_reports)} quarantine rows")
    if failures:
        raise ValidationFailed("; ".join(failures))
    steps.start("merge")
    merged: MergeResult = merge(prev_state, prev_reports, clean, run_id, now)
    steps.done(len(clean), "reports", _counts(change_counts(merged.history)))
    # A night with nothing to merge into an empty warehouse yields a frame without columns.
    merged.incidents = _with_schema(merged.incidents, "incident_state")
    steps.start("validate_incidents")
    incidents, q_incidents, failures = validate_incidents(dq, merged.incidents, seeds)
    steps.done(len(incidents), "incidents", f"{len(q_incidents)} quarantine rows")
    if failures:
        raise ValidationFailed("; ".join(failures))
    held = {q["row_key"] for q in q_incidents}
    state = merged.incidents.copy()
    state["quarantined"] = state["incident_id"].isin(held)
    quarantine = pd.concat(
        [store.read_current(wh, "quarantine"), pd.DataFrame(q_reports + q_incidents)],
        ignore_index=True,
    )
    history = pd.concat(
        [store.read_current(wh, "incident_history"), pd.DataFrame(merged.history)],
        ignore_index=True,
    )
    n_quarantined = len({q["row_key"] for q in q_reports}) + len(held)
    summary = RunSummary(
        run_id,
        "published",
        len(new_docs),
        len(clean),
        len(incidents),
        n_quarantined,
        not (q_reports or q_incidents),
    )
    build_data_docs(dq, q_reports + q_incidents)
    runs = _runs_table(wh, summary, now)
    tables = {
        "documents": documents, "incident_reports": merged.reports, "incidents": incidents,
        "quarantine": quarantine, "runs": runs, "incident_history": history, "incident_state": state,
    }  # fmt: skip
    steps.start("publish")
    publish_tables(str(wh), run_id, tables, seeds, docs_dir, keep, grace)
    store.clear_failed_runs(wh)
    steps.done(len(tables), "tables", str(wh))
    create_artifacts(run_id, new_docs, len(clean), merged.history, q_reports + q_incidents, wh)
    return summary


def _published_docs(wh: Path) -> Path | None:
    """The published Data Docs folder, whose history the run carries on."""
    docs = wh / "data_docs"
    return docs if docs.is_dir() else None


def _with_schema(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """`frame`, or the table's empty frame with every declared column when it has none."""
    return frame if len(frame.columns) else SCHEMAS[name].empty_table().to_pandas()


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {name}" for name, n in counts.items())


def _runs_table(wh: Path, summary: RunSummary, started: dt.datetime) -> pd.DataFrame:
    previous = store.read_current(wh, "runs")
    pending = store.pending_failed_runs(wh)
    failed = pd.DataFrame([r for r in pending if r.get("run_id") != summary.run_id])
    for col in ("started_at", "finished_at"):
        if col in failed:
            failed[col] = pd.to_datetime(failed[col])
    this = pd.DataFrame(
        [
            {
                **summary.__dict__,
                "started_at": started,
                "finished_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
            }
        ]
    )
    parts = [p for p in (previous, failed, this) if not p.empty]
    return pd.concat(parts, ignore_index=True)
