"""What a user waits for that does not depend on the data: a small run and a trivial query.

    uv run python scripts/fixed_cost.py [--repeat 3]

1. `incidents run` on the bundled sample documents (examples/), as child processes with the
   current Prefect home: one run to warm it (its database, the first server start), then
   --repeat runs into new warehouses; prints each wall time and the median, and the CPU
   seconds (user + system) of each run with its local Prefect server: on a shared machine the
   wall time follows the other load, the CPU time much less.
2. `incidents query "select 1"` against that warehouse beside the same query through DuckDB
   directly in a new Python process (`duckdb.connect(..., read_only=True)`), --repeat * 3
   times each; prints the medians and their ratio.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], cpu: list[float] | None = None) -> float:
    """Wall seconds of `cmd`; its CPU seconds (with every process it waited for) go to `cpu`."""
    c0, t0 = _children_cpu(), time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:4])} failed:\n{(proc.stdout + proc.stderr)[-2000:]}")
    if cpu is not None:
        cpu.append(_children_cpu() - c0)
    return wall


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    cli = [sys.executable, "-m", "incidents.cli"]
    with tempfile.TemporaryDirectory(prefix="fixed-cost-") as tmp:
        warm = Path(tmp) / "warm"
        timed([*cli, "run", "--input", "examples", "--warehouse", str(warm)])
        runs: list[float] = []
        cpu: list[float] = []
        for k in range(args.repeat):
            run = [*cli, "run", "--input", "examples", "--warehouse", f"{tmp}/r{k}"]
            runs.append(timed(run, cpu))
        print(
            "incidents run on the sample documents, warm Prefect home: "
            + ", ".join(f"{w:.1f}" for w in runs)
            + f" s; median {statistics.median(runs):.1f} s (target <= 15 s)"
        )
        print(
            "  CPU (user + system, with its Prefect server): "
            + ", ".join(f"{c:.1f}" for c in cpu)
            + f" s; median {statistics.median(cpu):.1f} s"
        )
        query = [*cli, "query", "select 1", "--warehouse", str(warm)]
        direct = [sys.executable, "-c",
                  "import duckdb, sys; c = duckdb.connect(sys.argv[1], read_only=True); "
                  "print(c.execute('select 1').fetchall())", str(warm / "incidents.duckdb")]  # fmt: skip
        q = [timed(query) for _ in range(args.repeat * 3)]
        d = [timed(direct) for _ in range(args.repeat * 3)]
        qm, dm = statistics.median(q), statistics.median(d)
        print(
            f'incidents query "select 1": median {qm:.2f} s; direct DuckDB in Python: median '
            f"{dm:.2f} s; ratio {qm / dm:.1f} (target <= 5)"
        )


if __name__ == "__main__":
    main()
