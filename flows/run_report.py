"""What a run tells its users: step lines with counts and times, live progress in a terminal,
and the Prefect artifacts of the run (a markdown summary and a table of the night's changes).
"""

from __future__ import annotations

import logging
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol, TextIO

from transforms.documents import Document

log = logging.getLogger(__name__)
SUMMARY_KEY = "nightly-summary"
CHANGES_KEY = "nightly-changes"
MAX_CHANGE_ROWS = 1000  # the table artifact stays readable; the full history is in the warehouse


class _Logger(Protocol):
    def info(self, msg: str, *args: Any) -> None: ...


class Steps:
    """Times the run's steps: one log line per step (count, seconds, rate), and in a terminal
    a live line for the running step that is cleared when it ends."""

    def __init__(self, logger: _Logger, stream: TextIO | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:  # fmt: skip
        self.logger, self.clock = logger, clock
        self.stream = stream if stream is not None else sys.stderr
        self.live = bool(getattr(self.stream, "isatty", lambda: False)())
        self.name, self.started = "", clock()

    def start(self, name: str, total: int | None = None, unit: str = "documents") -> None:
        self.name, self.started = name, self.clock()
        self.progress(0, total, unit)

    def progress(self, done: int, total: int | None = None, unit: str = "documents") -> None:
        """Redraw the terminal line of the running step (nothing when not a terminal)."""
        if not self.live:
            return
        elapsed = self.clock() - self.started
        count = f" {done:,}/{total:,} {unit}" if total else ""
        rate = f" ({done / elapsed:,.1f}/s)" if done and elapsed > 0 else ""
        self.stream.write(f"\r\x1b[K{self.name}:{count}{rate} {elapsed:.0f} s")
        self.stream.flush()

    def report(self, name: str, count: int, elapsed: float, unit: str = "documents",
               detail: str = "", rate: bool = False) -> None:  # fmt: skip
        """Log a step that ran in several pieces (ingest between extraction chunks)."""
        if self.live:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
        speed = f", {count / elapsed:,.1f} {unit}/s" if rate and count and elapsed >= 0.01 else ""
        extra = f"; {detail}" if detail else ""
        self.logger.info("%s: %s %s in %.1f s%s%s", name, f"{count:,}", unit, elapsed, speed, extra)

    def done(
        self, count: int, unit: str = "documents", detail: str = "", rate: bool = False
    ) -> None:
        """End the running step: clear its terminal line and log what it did (and its rate)."""
        elapsed = self.clock() - self.started
        if self.live:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
        speed = f", {count / elapsed:,.1f} {unit}/s" if rate and count and elapsed >= 0.01 else ""
        extra = f"; {detail}" if detail else ""
        self.logger.info(
            "%s: %s %s in %.1f s%s%s", self.name, f"{count:,}", unit, elapsed, speed, extra
        )


def collect_batches(futures: Sequence[Any], sizes: Sequence[int], steps: Steps) -> list[Any]:
    """The result of every batch future, in order, counting documents done as batches finish."""
    rows: list[Any] = []
    done, total = 0, sum(sizes)
    for future, size in zip(futures, sizes, strict=True):
        rows.append(future.result())
        done += size
        steps.progress(done, total)
    return rows


def document_counts(docs: Iterable[Document]) -> dict[str, int]:
    """New documents of this run by status: ok, rejected, duplicate."""
    counts = Counter(d.status for d in docs)
    return {s: counts.get(s, 0) for s in ("ok", "rejected", "duplicate")}


def change_counts(history: Iterable[dict[str, Any]]) -> dict[str, int]:
    """Incidents created, updated (not counting new ones) and merged away in this run."""
    by_change: dict[str, set[str]] = {"created": set(), "updated": set(), "merged_into": set()}
    for row in history:
        by_change.setdefault(row["change"], set()).add(row["incident_id"])
    return {
        "created": len(by_change["created"]),
        "updated": len(by_change["updated"] - by_change["created"]),
        "merged": len(by_change["merged_into"]),
    }


def summary_markdown(run_id: str, counts: dict[str, int], n_reports: int,
                     history: Sequence[dict[str, Any]], quarantine: Sequence[dict[str, Any]],
                     warehouse: Path) -> str:  # fmt: skip
    """The run's markdown summary: documents, reports, incident changes, quarantine, Data Docs."""
    d, c = counts, change_counts(history)
    rules = Counter(q.get("rule") or "unknown" for q in quarantine)
    docs_index = (warehouse / "data_docs" / "index.html").absolute()
    lines = [
        f"# Nightly run `{run_id}`",
        "",
        "| | count |",
        "| --- | ---: |",
        f"| documents new | {d['ok']} |",
        f"| documents rejected | {d['rejected']} |",
        f"| documents duplicate | {d['duplicate']} |",
        f"| reports | {n_reports} |",
        f"| incidents created | {c['created']} |",
        f"| incidents updated | {c['updated']} |",
        f"| incidents merged | {c['merged']} |",
        f"| rows quarantined | {len(quarantine)} |",
        "",
        "## Quarantined rows by rule",
        "",
    ]
    if rules:
        lines += ["| rule | rows |", "| --- | ---: |"]
        lines += [f"| `{rule}` | {n} |" for rule, n in sorted(rules.items())]
    else:
        lines.append("None: every row passed the data-quality rules.")
    lines += [
        "",
        f"Data-quality report (Great Expectations Data Docs): [{docs_index}]({docs_index.as_uri()})",
    ]
    return "\n".join(lines) + "\n"


def changes_rows(history: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The night's changes as table rows (strings, so that any value renders)."""
    cols = ("incident_id", "change", "field", "old_value", "new_value")
    return [
        {c: "" if row.get(c) is None else str(row.get(c)) for c in cols}
        for row in history[:MAX_CHANGE_ROWS]
    ]


def create_artifacts(run_id: str, counts: dict[str, int], n_reports: int,
                     history: Sequence[dict[str, Any]], quarantine: Sequence[dict[str, Any]],
                     warehouse: Path) -> None:  # fmt: skip
    """The run's Prefect artifacts: its summary (markdown) and the night's changes (table).

    Called after publication: a Prefect API failure here is logged, never fails the run.
    """
    try:
        _create_artifacts(run_id, counts, n_reports, history, quarantine, warehouse)
    except Exception as exc:
        log.warning("run %s published, but its Prefect artifacts were not created: %s", run_id, exc)


def _create_artifacts(run_id: str, counts: dict[str, int], n_reports: int,
                      history: Sequence[dict[str, Any]], quarantine: Sequence[dict[str, Any]],
                      warehouse: Path) -> None:  # fmt: skip
    from prefect.artifacts import create_markdown_artifact, create_table_artifact

    create_markdown_artifact(
        markdown=summary_markdown(run_id, counts, n_reports, history, quarantine, warehouse),
        key=SUMMARY_KEY,
        description=f"Nightly run {run_id}: what was read, extracted, merged and held back",
    )
    rows = changes_rows(history)
    create_table_artifact(
        table=rows
        or [
            {
                "incident_id": "",
                "change": "no change",
                "field": "",
                "old_value": "",
                "new_value": "",
            }
        ],
        key=CHANGES_KEY,
        description=f"Incidents created, updated and merged by run {run_id}"
        + (f" (first {MAX_CHANGE_ROWS} of {len(history)})" if len(history) > len(rows) else ""),
    )
