"""The nightly run, composed from named steps: ingest -> extract -> validate -> merge -> publish.

This is the one assembly point; `incidents run` and the scheduled deployment both call
`nightly_flow`. Steps are Prefect tasks over batches of documents, not one task per document.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from prefect import flow, get_run_logger, task

from expectations.suites import incident_rules, report_rules
from expectations.validate import make_context, run_suite
from flows.ingest import discover, read_documents
from flows.run_report import (
    Steps,
    change_counts,
    collect_batches,
    create_artifacts,
    document_counts,
)
from flows.runners import extraction_runner
from incidents.settings import flow_parameters, get_settings
from transforms.documents import Document, mark_duplicates
from transforms.incident_reports import DocumentInput, extract_reports
from transforms.incidents import MergeResult, merge_reports
from warehouse import store
from warehouse.schema import SCHEMAS
from warehouse.seeds import default_seeds_dir, load_reference, load_seed_frames

log = logging.getLogger(__name__)


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
def extract(batch: list[Document], seeds_dir: str, run_id: str) -> list[dict[str, Any]]:
    """Incident reports of one batch of documents."""
    ref = load_reference(Path(seeds_dir))
    rows: list[dict[str, Any]] = []
    for doc in batch:
        pub = doc.published_at.date() if doc.published_at else None
        for row in extract_reports(DocumentInput(doc.doc_id, doc.text, pub, doc.title), ref):
            rows.append({**row, "published_at": doc.published_at, "run_id": run_id})
    return rows


@task(name="validate_reports")
def validate_reports(
    reports: pd.DataFrame, doc_ids: list[str], seeds_dir: str, docs_dir: str, run_id: str
) -> tuple[pd.DataFrame, list[dict[str, Any]], list[str]]:
    ref = load_reference(Path(seeds_dir))
    iso3 = sorted(c.iso3 for c in ref.gazetteer.countries.values())
    ctx = make_context(Path(docs_dir))
    rules = report_rules(
        ref.vocabularies, iso3, doc_ids, [f.name for f in SCHEMAS["incident_reports"]]
    )
    out = run_suite(ctx, "incident_reports", reports, rules, "report_id", run_id)
    return out.clean, out.quarantine, out.table_failures


@task(name="merge")
def merge(prev_incidents: pd.DataFrame, prev_reports: pd.DataFrame, new_reports: pd.DataFrame,
          run_id: str, now: dt.datetime) -> MergeResult:  # fmt: skip
    return merge_reports(prev_incidents, prev_reports, new_reports, run_id, now)


@task(name="validate_incidents")
def validate_incidents(
    incidents: pd.DataFrame, seeds_dir: str, docs_dir: str, run_id: str
) -> tuple[pd.DataFrame, list[dict[str, Any]], list[str]]:
    ref = load_reference(Path(seeds_dir))
    iso3 = sorted(c.iso3 for c in ref.gazetteer.countries.values())
    ctx = make_context(Path(docs_dir))
    live = incidents[incidents["merged_into"].isna()] if "merged_into" in incidents else incidents
    rules = incident_rules(ref.vocabularies, iso3, [f.name for f in SCHEMAS["incidents"]])
    out = run_suite(ctx, "incidents", live, rules, "incident_id", run_id)
    return out.clean, out.quarantine, out.table_failures


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
                 run_id: str | None = None) -> RunSummary:  # fmt: skip
    """One complete run. Raises when it could not publish; the previous publication stays.

    A parameter left out comes from the INCIDENTS_* settings (a deployment started with no
    parameters runs over the configured inbox into the configured warehouse).
    """
    logger = get_run_logger()
    p = _with_settings(inputs=inputs, warehouse=warehouse, seeds_dir=seeds_dir,
                       max_document_bytes=max_document_bytes, batch_size=batch_size,
                       keep_versions=keep_versions,
                       reader_grace_seconds=reader_grace_seconds)  # fmt: skip
    wh = Path(p["warehouse"])
    seeds = p["seeds_dir"] or str(default_seeds_dir())
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    run_id = run_id or new_run_id(now)
    docs_dir = tempfile.mkdtemp(prefix="dq-docs-")
    try:
        with store.run_lock(wh):
            summary = _run(wh, p["inputs"], seeds, run_id, now, docs_dir,
                           p["max_document_bytes"], p["batch_size"], p["keep_versions"],
                           p["reader_grace_seconds"])  # fmt: skip
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


def _run(wh: Path, inputs: list[str], seeds: str, run_id: str, now: dt.datetime, docs_dir: str,
         max_bytes: int, batch_size: int, keep: int, grace: float) -> RunSummary:  # fmt: skip
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
        futures = [extract.submit(batch, seeds, run_id) for batch in batches]
        report_rows = collect_batches(futures, [len(b) for b in batches], steps)
    else:  # one batch: no worker process is worth starting for it
        report_rows = [row for batch in batches for row in extract(batch, seeds, run_id)]
    steps.done(len(to_extract), "documents", f"{len(report_rows)} reports", rate=True)
    doc_rows = [{**d.row(), "ingested_at": now} for d in new_docs]
    documents = (
        pd.concat([prev_docs, pd.DataFrame(doc_rows)], ignore_index=True) if doc_rows else prev_docs
    )
    reports = (
        store.to_arrow("incident_reports", report_rows).to_pandas()
        if report_rows
        else SCHEMAS["incident_reports"].empty_table().to_pandas()
    )
    steps.start("validate_reports")
    clean, q_reports, failures = validate_reports(
        reports, list(documents["doc_id"]), seeds, docs_dir, run_id
    )
    steps.done(len(reports), "reports", f"{len(q_reports)} quarantine rows")
    if failures:
        raise ValidationFailed("; ".join(failures))
    steps.start("merge")
    merged: MergeResult = merge(prev_state, prev_reports, clean, run_id, now)
    steps.done(len(clean), "reports", _counts(change_counts(merged.history)))
    steps.start("validate_incidents")
    incidents, q_incidents, failures = validate_incidents(merged.incidents, seeds, docs_dir, run_id)
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


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {name}" for name, n in counts.items())


def _runs_table(wh: Path, summary: RunSummary, started: dt.datetime) -> pd.DataFrame:
    previous = store.read_current(wh, "runs")
    failed = pd.DataFrame(store.pending_failed_runs(wh))
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
