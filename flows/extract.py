"""The `extract` task: what a worker process (or a Dask worker) runs for a batch of documents.

It lives apart from the nightly flow so that a worker imports only what extraction needs
(Prefect, the transforms and the reference loader), not the flow's validation and storage
libraries: a process pool's workers start by importing the module that defines their task,
and Great Expectations alone would add seconds to each.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from prefect import task

from flows.budget import BudgetExceeded, TimeBudget
from transforms.documents import Document
from transforms.incident_reports import DocumentInput, extract_reports
from warehouse.seeds import default_seeds_dir, load_reference

log = logging.getLogger(__name__)


def warm_reference(seeds_dir: str | None) -> None:
    """Worker start-up: compile the reference data before the first batch arrives."""
    load_reference(Path(seeds_dir) if seeds_dir else default_seeds_dir())


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
                DocumentInput(doc.doc_id, doc.text, pub, doc.title, doc.language), ref,
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
