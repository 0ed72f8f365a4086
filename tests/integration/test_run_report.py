"""Step lines and terminal progress of a run: live only on a terminal, counts and rates."""

from __future__ import annotations

import io
from concurrent.futures import Future

from flows.run_report import Steps, change_counts, collect_batches


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Lines:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def info(self, msg: str, *args: object) -> None:
        self.lines.append(msg % args)


def _done(rows: list[int]) -> Future:
    f: Future = Future()
    f.set_result(rows)
    return f


def test_progress_is_drawn_on_a_terminal_and_cleared():
    term, log = Terminal(), Lines()
    ticks = iter([0.0, 0.0, 0.0, 1.0, 2.0, 2.0])
    steps = Steps(log, term, clock=lambda: next(ticks))
    steps.start("extract", 1000)
    results = collect_batches([_done([1, 2]), _done([3])], [500, 500], steps)
    steps.done(1000, "documents", "3 reports", rate=True)
    assert results == [[1, 2], [3]]  # one result per batch, in order
    out = term.getvalue()
    assert "extract: 500/1,000 documents (500.0/s)" in out
    assert "extract: 1,000/1,000 documents (500.0/s)" in out
    assert out.endswith("\r\x1b[K")  # the live line is gone when the step ends
    [line] = log.lines
    assert line == "extract: 1,000 documents in 2.0 s, 500.0 documents/s; 3 reports"


def test_no_progress_when_not_a_terminal():
    out, log = io.StringIO(), Lines()
    steps = Steps(log, out)
    steps.start("extract", 10)
    collect_batches([_done([1])], [10], steps)
    steps.done(10)
    assert out.getvalue() == ""
    assert log.lines[0].startswith("extract: 10 documents in ")


def test_change_counts_count_incidents_not_rows():
    history = [
        {"incident_id": "a", "change": "created"},
        {"incident_id": "b", "change": "updated"},
        {"incident_id": "b", "change": "updated"},
        {"incident_id": "a", "change": "updated"},
        {"incident_id": "c", "change": "merged_into"},
    ]
    assert change_counts(history) == {"created": 1, "updated": 1, "merged": 1}
