"""A per-document time budget for extraction, checked cooperatively.

Prefect runs tasks in threads, where neither signals nor thread kills can stop a computation,
so the extractor calls a check between its stages and sentences and the check raises once
the budget is spent. The budget counts the thread's CPU time, not wall time, so that a busy
machine does not reject documents a quiet one accepts.
"""

from __future__ import annotations

import time


class BudgetExceeded(Exception):
    """The document used up its extraction time."""


class TimeBudget:
    """`check()` raises BudgetExceeded once `seconds` of this thread's CPU time have passed."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._deadline = time.thread_time() + seconds

    def check(self) -> None:
        if time.thread_time() > self._deadline:
            raise BudgetExceeded(
                f"time budget exceeded ({self.seconds:g} CPU-s per document, "
                "INCIDENTS_DOCUMENT_SECONDS)"
            )
