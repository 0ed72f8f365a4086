"""The nightly run, composed from named steps: ingest -> extract -> validate -> merge -> publish.

This is the one assembly point; `incidents run` and the scheduled deployment both call
`nightly_flow`. Steps are Prefect tasks over batches of documents, not one task per document.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import shutil
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.extract import extract
from flows.ingest import Found, discover, read_documents
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
from transforms.incidents import merge_by_country
from warehouse import failed_runs, lookup, partitions, store, versions
from warehouse.schema import SCHEMAS
from warehouse.seeds import (
    default_seeds_dir,
    load_vocabularies,
    published_seed_frames,
    seeds_fingerprint,
)
from warehouse.store import DocumentWriter

if TYPE_CHECKING:
    from expectations.validate import NightlyValidation

log = logging.getLogger(__name__)
DOCS_WORK_PREFIX = ".data_docs."
STAGE_PREFIX = ".staged-documents."
# Inputs are read and extracted in chunks of about this many bytes: the night's memory holds
# two chunks of text (one extracting, the next queued), not the night's.
INGEST_CHUNK_BYTES = 8 * 1024 * 1024


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


@task(name="ingest", retries=2, retry_delay_seconds=2, cache_policy=NO_CACHE)
def ingest(found: list[Found], max_bytes: int, warehouse: str) -> list[Document]:
    """Read one chunk of the inputs; drop what was processed before, mark texts seen under
    another name.

    What was seen before is asked of the published `documents` for these texts and ids only
    (warehouse.lookup), so the night never holds every published id in memory.
    """
    docs = read_documents(found, max_bytes)
    hashes, ids = lookup.known_documents(
        Path(warehouse), (d.content_sha256 for d in docs if d.content_sha256),
        (d.doc_id for d in docs),
    )  # fmt: skip
    return mark_duplicates(docs, hashes, ids)


@task(name="validate_reports", cache_policy=NO_CACHE)
def validate_reports(
    dq: NightlyValidation, reports: pd.DataFrame, doc_ids: list[str], seeds_dir: str
) -> tuple[pd.DataFrame, list[dict[str, Any]], list[str]]:
    """The night's reports against the `incident_reports` suite, before they merge anywhere."""
    from expectations.suites import report_rules  # Great Expectations: not in worker processes

    vocabularies, iso3 = load_vocabularies(Path(seeds_dir))
    columns = [f.name for f in SCHEMAS["incident_reports"]]
    rules = report_rules(vocabularies, iso3, doc_ids, columns)
    out = dq.validate("incident_reports", reports, rules, columns)
    return out.clean, out.quarantine, out.table_failures


@dataclass
class NightMerge:
    """What merging the night changed, and only that: the working state of each country is
    dropped as soon as its block is merged (`merge_by_country`)."""

    incidents: pd.DataFrame  # incidents created, updated or merged away (state rows)
    reports: pa.Table  # reports new tonight or moved to another incident, with their incident
    history: list[dict[str, Any]]
    changed: set[str]


@task(name="merge")
def merge(prev_incidents: pd.DataFrame, prev_reports: pd.DataFrame, new_reports: pa.Table,
          run_id: str, now: dt.datetime) -> NightMerge:  # fmt: skip
    """The night's reports merged with their candidates, one country at a time. A block's
    changes are kept as Arrow rows; its dictionaries are gone before the next block starts,
    so a first load's memory follows its largest country, not its size."""
    before = dict(zip(prev_reports["report_id"], prev_reports["incident_id"], strict=True))
    incidents: list[pd.DataFrame] = []
    reports: list[pa.Table] = []
    history: list[dict[str, Any]] = []
    changed: set[str] = set()
    for block in merge_by_country(prev_incidents, prev_reports, _by_country(new_reports),
                                  run_id, now):  # fmt: skip
        inc = block.incidents
        incidents.append(inc[inc["incident_id"].isin(block.changed)])
        rep = block.reports
        pairs = zip(rep["report_id"], rep["incident_id"], strict=True)
        moved = rep.loc[[before.get(r) != i for r, i in pairs]]
        reports.append(store.to_arrow("incident_reports", moved))
        history += block.history
        changed |= block.changed
    return NightMerge(
        pd.concat(incidents, ignore_index=True) if incidents else pd.DataFrame(),
        pa.concat_tables(reports) if reports else SCHEMAS["incident_reports"].empty_table(),
        history,
        changed,
    )


def _by_country(reports: pa.Table) -> Iterator[pd.DataFrame]:
    """The reports one country (matching block) at a time, each in its own order."""
    keys = pc.fill_null(reports.column("country_iso3"), "")
    for iso in sorted(pc.unique(keys).to_pylist()):
        yield reports.filter(pc.equal(keys, iso)).to_pandas()


@task(name="validate_incidents", cache_policy=NO_CACHE)
def validate_incidents(
    dq: NightlyValidation, incidents: pd.DataFrame, seeds_dir: str
) -> tuple[pd.DataFrame, list[dict[str, Any]], list[str]]:
    """Live (not merged-away) incidents against the `incidents` suite."""
    from expectations.suites import incident_rules

    vocabularies, iso3 = load_vocabularies(Path(seeds_dir))
    live = incidents[incidents["merged_into"].isna()] if "merged_into" in incidents else incidents
    columns = [f.name for f in SCHEMAS["incidents"]]
    rules = incident_rules(vocabularies, iso3, columns)
    out = dq.validate("incidents", live, rules, columns)
    return out.clean, out.quarantine, out.table_failures


@task(name="data_docs", cache_policy=NO_CACHE)
def build_data_docs(dq: NightlyValidation, quarantine: list[dict[str, Any]]) -> str:
    """The run's one Data Docs build, into its work folder (published with the tables)."""
    return str(dq.build_docs(quarantine))


@task(name="publish", retries=1, retry_delay_seconds=2, cache_policy=NO_CACHE)
def publish_tables(warehouse: str, run_id: str, tables: dict[str, Any], seeds_dir: str,
                   docs_dir: str, keep: int, grace_seconds: float) -> str:  # fmt: skip
    """The run's changes as one new publication; the reference tables are read from the
    seeds only when they changed since the last publication."""
    seeds = Path(seeds_dir)
    folder = store.publish(
        Path(warehouse), run_id, tables, lambda: published_seed_frames(seeds), Path(docs_dir),
        keep, grace_seconds, reference_key=seeds_fingerprint(seeds),
    )  # fmt: skip
    return str(folder)


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
        with contextlib.suppress(OSError):  # the warehouse may not even be a folder
            (wh / f"{STAGE_PREFIX}{run_id}.parquet").unlink(missing_ok=True)
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
    for stale in [*wh.glob(f"{DOCS_WORK_PREFIX}*.tmp"), *wh.glob(f"{STAGE_PREFIX}*")]:
        if stale.name != Path(docs_dir).name:  # left by a killed run; we hold the lock
            shutil.rmtree(stale, ignore_errors=True) if stale.is_dir() else stale.unlink()
    steps = Steps(get_run_logger())
    staged = wh / f"{STAGE_PREFIX}{run_id}.parquet"
    read = _read_and_extract(wh, inputs, seeds, run_id, now, staged, max_bytes, batch_size,
                             seconds, steps)  # fmt: skip
    counts, night_ids = read.counts, read.ok_ids
    steps.start("validate_reports")
    from expectations.validate import NightlyValidation

    dq = NightlyValidation(Path(docs_dir), run_id, now, _published_docs(wh))
    reports = read.reports.to_pandas()
    _, q_reports, failures = validate_reports(dq, reports, night_ids, seeds)
    del reports  # the night's reports stay in Arrow form only (`read.reports`)
    steps.done(read.reports.num_rows, "reports", f"{len(q_reports)} quarantine rows")
    if failures:
        raise ValidationFailed("; ".join(failures))
    clean = _without_quarantined(read.reports, q_reports)
    steps.start("merge")
    prev_state, prev_reports = lookup.candidates(
        wh, clean.select(["country_iso3", "event_date"]).to_pandas()
    )
    merged = merge(prev_state, prev_reports, clean, run_id, now)
    steps.done(clean.num_rows, "reports", _counts(change_counts(merged.history)))
    # A night with nothing to merge into an empty warehouse yields a frame without columns.
    changed = _with_schema(merged.incidents, "incident_state")  # holds only what changed
    steps.start("validate_incidents")
    incidents, q_incidents, failures = validate_incidents(dq, changed, seeds)
    steps.done(len(incidents), "incidents", f"{len(q_incidents)} quarantine rows")
    if failures:
        raise ValidationFailed("; ".join(failures))
    held = {q["row_key"] for q in q_incidents}
    state = changed.copy()
    state["quarantined"] = state["incident_id"].isin(held)
    n_quarantined = len({q["row_key"] for q in q_reports}) + len(held)
    build_data_docs(dq, q_reports + q_incidents)
    summary = RunSummary(run_id, "published", sum(counts.values()), clean.num_rows,
                         _n_incidents(wh, prev_state, state, incidents), n_quarantined,
                         not (q_reports or q_incidents))  # fmt: skip
    tables = _changes(staged, now, prev_state, merged, state, incidents,
                      q_reports + q_incidents)  # fmt: skip
    tables["runs"] = store.to_arrow("runs", _runs_table(wh, summary, now))
    steps.start("publish")
    publish_tables(str(wh), run_id, tables, seeds, docs_dir, keep, grace)
    store.clear_failed_runs(wh)
    steps.done(len(tables), "tables", str(wh))
    create_artifacts(run_id, counts, len(clean), merged.history, q_reports + q_incidents, wh)
    return summary


@dataclass
class _Read:
    """What reading and extracting the night left in memory: no document text, and the
    reports as Arrow columns (integers wide, so that validation can quarantine a figure that
    does not fit its column)."""

    counts: dict[str, int]
    reports: pa.Table
    ok_ids: list[str]


def _chunks(found: list[Found], chunk_bytes: int) -> list[list[Found]]:
    """Input files in chunks of about `chunk_bytes` (a file larger than that is one chunk)."""
    chunks: list[list[Found]] = [[]]
    size = 0
    for item in found:
        try:
            n = 0 if item.problem else item.path.stat().st_size
        except OSError:
            n = 0
        if chunks[-1] and size + n > chunk_bytes:
            chunks.append([])
            size = 0
        chunks[-1].append(item)
        size += n
    return [c for c in chunks if c]


def _read_and_extract(wh: Path, inputs: list[str], seeds: str, run_id: str, now: dt.datetime,
                      staged: Path, max_bytes: int, batch_size: int, seconds: float,
                      steps: Steps) -> _Read:  # fmt: skip
    """Ingest and extract the night chunk by chunk, streaming: each chunk's documents go to
    a staged Parquet file (the night's `documents` partition) as soon as they are extracted,
    so no more than two chunks of text are held at once, whatever the night's size.

    A chunk is read and its batches are queued before the previous chunk is collected, so
    the workers never wait for the run's process between chunks.
    """
    writer = DocumentWriter(staged)
    seen_hashes: set[str] = set()
    seen_ids: set[str] = set()
    counts = {"ok": 0, "rejected": 0, "duplicate": 0}
    report_parts: list[pa.Table] = []
    ok_ids: list[str] = []
    ingest_s = 0.0
    started = time.monotonic()

    def finish(docs: list[Document], batches: list[list[Document]], futures: list[Any] | None
               ) -> None:  # fmt: skip
        steps.start("extract", sum(len(b) for b in batches))
        if futures is not None:
            results = collect_batches(futures, [len(b) for b in batches], steps)
        else:  # the night is one batch: no worker process is worth starting for it
            results = [extract(batch, seeds, run_id, seconds) for batch in batches]
        failed = {k: v for _, f in results for k, v in f.items()}
        docs = reject_failed(docs, failed)
        rows = [row for found_rows, _ in results for row in found_rows]
        if rows:  # a chunk's rows as compact columns: dictionaries cost ten times more
            report_parts.append(store.to_arrow("incident_reports", rows, widen_integers=True))
        ok_ids.extend(d.doc_id for b in batches for d in b)
        for status, n in document_counts(docs).items():
            counts[status] += n
        writer.write([{**d.row(), "ingested_at": now} for d in docs])

    chunks = _chunks(discover([Path(p) for p in inputs]), INGEST_CHUNK_BYTES)
    pending: tuple[list[Document], list[list[Document]], list[Any] | None] | None = None
    try:
        for chunk in chunks:
            t0 = time.monotonic()
            docs = mark_duplicates(ingest(chunk, max_bytes, str(wh)), seen_hashes, seen_ids)
            seen_ids.update(d.doc_id for d in docs)
            seen_hashes.update(d.content_sha256 for d in docs if d.status == "ok")
            ingest_s += time.monotonic() - t0
            to_extract = [d for d in docs if d.status == "ok"]
            batches = [
                to_extract[i : i + batch_size] for i in range(0, len(to_extract), batch_size)
            ]
            futures = (
                None
                if len(chunks) == 1 and len(batches) <= 1
                else [extract.submit(batch, seeds, run_id, seconds) for batch in batches]
            )
            if pending is not None:
                finish(*pending)
            pending = (docs, batches, futures)
            del docs, to_extract, batches, futures
        if pending is not None:
            finish(*pending)
            pending = None
        writer.close()
    except BaseException:
        writer.close()
        staged.unlink(missing_ok=True)
        raise
    extract_s = time.monotonic() - started - ingest_s
    reports = (
        pa.concat_tables(report_parts)
        if report_parts
        else store.to_arrow("incident_reports", [], widen_integers=True)
    )
    n_docs = sum(counts.values())
    steps.report("ingest", n_docs, ingest_s, "documents", _counts(counts), rate=True)
    steps.report("extract", len(ok_ids), extract_s, "documents", f"{reports.num_rows} reports",
                 rate=True)  # fmt: skip
    return _Read(counts, reports, ok_ids)


def _without_quarantined(reports: pa.Table, quarantine: list[dict[str, Any]]) -> pa.Table:
    """The reports no rule held back (a quarantine row names its report by `report_id`, or
    '<missing>' for a report without one)."""
    held = {q["row_key"] for q in quarantine}
    if not held:
        return reports
    ids = reports.column("report_id")
    keep = pc.invert(pc.fill_null(pc.is_in(ids, pa.array(sorted(held), pa.string())), False))
    if "<missing>" in held:
        keep = pc.and_(keep, pc.is_valid(ids))
    return reports.filter(keep)


def _staged_partition(staged: Path, now: dt.datetime) -> dict[str, Path]:
    """The staged documents file as the partition it becomes (none when it holds no rows)."""
    if not staged.exists():
        return {}
    probe = store.to_arrow("documents", [{"ingested_at": now}])
    return {partitions.partition_names("documents", probe)[0].as_py(): staged}


def _n_incidents(wh: Path, prev_state: pd.DataFrame, state: pd.DataFrame,
                 incidents: pd.DataFrame) -> int:  # fmt: skip
    """Public incidents after this run: before, less the changed ones that were public, plus
    the changed ones that are public now."""
    current = versions.current_version(wh)
    before = lookup.published_rows(current, "incidents") if current is not None else 0
    old = prev_state[prev_state["incident_id"].isin(set(state["incident_id"]))]
    was_public = old["merged_into"].isna() & ~old["quarantined"].fillna(False).astype(bool)
    return before - int(was_public.sum()) + len(incidents)


def _changes(staged: Path, now: dt.datetime, prev_state: pd.DataFrame,
             merged: NightMerge, state: pd.DataFrame,
             incidents: pd.DataFrame, quarantine: list[dict[str, Any]]) -> dict[str, Any]:  # fmt: skip
    """What this run changes in each table; the publisher carries every other file over.

    Documents, quarantine and history gain the night's rows. Incidents (state and public)
    get new versions of the incidents the night created, changed or merged away; an incident
    whose date moved leaves its old month. Reports: the night's, and earlier ones whose
    incident was renamed or merged.
    """
    changed = set(state["incident_id"])
    old_state = prev_state[prev_state["incident_id"].isin(changed)]
    stale = frozenset(_month_partitions("incident_state", old_state))
    live = set(incidents["incident_id"])
    return {
        "documents": store.Changes(
            SCHEMAS["documents"].empty_table(), staged=_staged_partition(staged, now)
        ),
        "incident_reports": store.Changes(merged.reports, "report_id"),
        "incidents": store.Changes(
            store.to_arrow("incidents", incidents), "incident_id", stale, frozenset(changed - live)
        ),
        "incident_state": store.Changes(
            store.to_arrow("incident_state", state), "incident_id", stale
        ),
        "quarantine": store.Changes(store.to_arrow("quarantine", quarantine)),
        "incident_history": store.Changes(store.to_arrow("incident_history", merged.history)),
    }


def _month_partitions(name: str, rows: pd.DataFrame) -> set[str]:
    if rows.empty:
        return set()
    return set(partitions.partition_names(name, store.to_arrow(name, rows)).to_pylist())


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
