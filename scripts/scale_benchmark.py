"""Scale benchmark: whole nightly runs at news-feed size, measured as a user's machine sees them.

    uv run python scripts/scale_benchmark.py [--docs 100000] [--night 10000] [--repeat 1]

1. Builds synthetic but realistic documents: real texts (the bundled samples and, when
   ../shared is present, the real news, no-incident and dev corpora, so most documents report
   nothing, as on a feed) with their figures varied, their cities swapped for other cities of
   the same country, and publication dates spread over two years.
2. Runs `incidents run` as a child process: a first load of --docs documents into an empty
   warehouse, then a night of --night new documents on top of it, and the same night into an
   empty warehouse. For each: documents/s end to end, peak RSS, bytes written (new files in the
   warehouse, hard links counted once), cores busy ((user+sys)/wall).
3. Prints the ratios the targets are stated in: the night over the full warehouse / the same
   night into an empty one; bytes written / the night's input size; end-to-end documents/s /
   single-core extraction-only documents/s; and the growth exponent of the first-load merge.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"
_NUMBER = re.compile(r"\b([1-9]\d{0,2})\b")


def templates() -> list[str]:
    """Real article texts to vary."""
    paths = [ROOT / "examples" / "news.jsonl"]
    paths += [CORPUS / s / "articles.jsonl" for s in ("news", "noincident", "dev")]
    texts = []
    for path in paths:
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip() and json.loads(line).get("text"):
                    texts.append(json.loads(line)["text"])
    return texts


def city_swaps() -> dict[str, list[str]]:
    """Each large city of the gazetteer -> other large cities of its country."""
    import pandas as pd

    gaz = pd.read_csv(ROOT / "seeds" / "gazetteer.csv.gz", skiprows=1, keep_default_na=False)
    big = gaz[gaz["population"] >= 200_000]
    by_country = big.groupby("iso2")["name"].apply(list).to_dict()
    return {
        c: [o for o in names if o != c]
        for names in by_country.values()
        for c in names
        if len(names) > 1
    }


def vary(
    text: str, rng: random.Random, swaps: dict[str, list[str]], pattern: re.Pattern[str]
) -> str:
    """One synthetic document from a real text: other figures, other cities of the same country."""
    text = _NUMBER.sub(lambda m: str(max(1, int(int(m.group(1)) * rng.uniform(0.5, 1.8)))), text)
    return pattern.sub(lambda m: rng.choice(swaps[m.group(0)]), text)


def write_documents(folder: Path, n: int, seed: int, start: int) -> int:
    """n synthetic documents as JSONL files of 5,000 lines; returns the bytes written."""
    rng = random.Random(seed)
    base, swaps = templates(), city_swaps()
    pattern = re.compile(
        r"\b(?:" + "|".join(map(re.escape, sorted(swaps, key=len, reverse=True))) + r")\b"
    )
    folder.mkdir(parents=True, exist_ok=True)
    size = 0
    for part in range(0, n, 5000):
        lines = []
        for i in range(start + part, start + min(n, part + 5000)):
            day = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(730))
            text = vary(rng.choice(base), rng, swaps, pattern) + f"\n\n(Ref. {i})"
            lines.append(
                json.dumps(
                    {
                        "id": f"syn-{i}",
                        "published_at": day.isoformat(),
                        "source": "synthetic",
                        "text": text,
                    }
                )
            )
        path = folder / f"part-{start + part:08d}.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        size += path.stat().st_size
    return size


def warehouse_files(warehouse: Path) -> dict[tuple[int, int], int]:
    """(device, inode) -> size of every regular file under the warehouse."""
    out = {}
    for root, _dirs, files in os.walk(warehouse):
        for name in files:
            st = os.lstat(os.path.join(root, name))
            if not os.path.islink(os.path.join(root, name)):
                out[(st.st_dev, st.st_ino)] = st.st_size
    return out


def timed_run(inputs: Path, warehouse: Path) -> dict[str, float]:
    """One `incidents run` as a child process, with its wall time, CPU time and peak RSS."""
    before = warehouse_files(warehouse) if warehouse.exists() else {}
    cmd = [
        sys.executable,
        "-m",
        "incidents.cli",
        "run",
        "--input",
        str(inputs),
        "--warehouse",
        str(warehouse),
    ]
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    out = (proc.stdout.read() if proc.stdout else "") + (proc.stderr.read() if proc.stderr else "")
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"incidents run failed:\n{out[-2000:]}")
    after = warehouse_files(warehouse)
    written = sum(size for key, size in after.items() if key not in before)
    cpu = usage.ru_utime + usage.ru_stime
    return {"wall": wall, "cpu": cpu, "rss_mb": usage.ru_maxrss / 1024, "written": written}


def extraction_docs_per_s(folder: Path, sample: int) -> float:
    """Single-core, extraction-only documents/s on a sample of the generated documents."""
    from transforms.incident_reports import DocumentInput, extract_reports
    from warehouse.seeds import default_seeds_dir, load_reference

    ref = load_reference(default_seeds_dir())
    recs = [
        json.loads(x)
        for p in sorted(folder.glob("*.jsonl"))
        for x in p.read_text(encoding="utf-8").splitlines()
    ][:sample]
    start = time.process_time()
    for r in recs:
        extract_reports(
            DocumentInput(r["id"], r["text"], dt.date.fromisoformat(r["published_at"])), ref
        )
    return len(recs) / (time.process_time() - start)


def merge_exponent(folder: Path, sizes: tuple[int, int]) -> tuple[float, list[float]]:
    """Growth exponent of a first-load merge between two document counts (in-process)."""
    import pandas as pd

    from transforms.incident_reports import DocumentInput, extract_reports
    from transforms.incidents import merge_reports
    from warehouse import store
    from warehouse.seeds import default_seeds_dir, load_reference

    ref = load_reference(default_seeds_dir())
    recs = [
        json.loads(x)
        for p in sorted(folder.glob("*.jsonl"))
        for x in p.read_text(encoding="utf-8").splitlines()
    ][: sizes[1]]
    rows = []
    for r in recs:
        pub = dt.date.fromisoformat(r["published_at"])
        for row in extract_reports(DocumentInput(r["id"], r["text"], pub), ref):
            rows.append(
                {**row, "published_at": dt.datetime.combine(pub, dt.time()), "run_id": "bench"}
            )
    reports = store.to_arrow("incident_reports", rows).to_pandas()
    empty_i = store.SCHEMAS["incident_state"].empty_table().to_pandas()
    empty_r = store.SCHEMAS["incident_reports"].empty_table().to_pandas()
    times = []
    for n in sizes:
        docs = {r["id"] for r in recs[:n]}
        part = reports[reports["doc_id"].isin(docs)] if "doc_id" in reports else reports
        t0 = time.process_time()
        merge_reports(empty_i, empty_r, pd.DataFrame(part), "bench", dt.datetime(2025, 1, 1))
        times.append(time.process_time() - t0)
    exponent = (
        math.log(times[1] / times[0]) / math.log(sizes[1] / sizes[0])
        if times[0] > 0
        else float("nan")
    )
    return exponent, times


def describe(label: str, docs: int, r: dict[str, float]) -> str:
    return (
        f"{label}: {docs:,} documents in {r['wall']:.1f} s = {docs / r['wall']:,.0f} docs/s end to end; "
        f"peak RSS {r['rss_mb']:,.0f} MB; {r['written'] / 1e6:,.1f} MB written; cores busy {r['cpu'] / r['wall']:.2f}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=100_000, help="first load")
    ap.add_argument("--night", type=int, default=10_000, help="a night's increment")
    ap.add_argument(
        "--workdir", type=Path, help="keep inputs and warehouses here (default: temporary)"
    )
    args = ap.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="scale-"))
    try:
        base_in, night_in = work / "base", work / "night"
        write_documents(base_in, args.docs, seed=1, start=0)
        night_bytes = write_documents(night_in, args.night, seed=2, start=args.docs)
        full, empty = work / "wh-full", work / "wh-empty"
        first = timed_run(base_in, full)
        print(describe("first load", args.docs, first), flush=True)
        over = timed_run(night_in, full)
        print(describe("night over the full warehouse", args.night, over), flush=True)
        alone = timed_run(night_in, empty)
        print(describe("same night into an empty warehouse", args.night, alone), flush=True)
        single = extraction_docs_per_s(night_in, min(args.night, 2000))
        exp, times = merge_exponent(base_in, (max(1, args.docs // 10), args.docs))
        print(f"night over full / into empty: {over['wall'] / alone['wall']:.2f} (target <= 1.3)")
        print(
            f"bytes written by the night / its input: {over['written'] / night_bytes:.2f} (target <= 3)"
        )
        print(
            f"end-to-end docs/s of the night into empty / single-core extraction-only docs/s ({single:,.0f}): "
            f"{args.night / alone['wall'] / single:.2f} (target >= 1.6)"
        )
        print(
            f"first-load merge: {times[0]:.1f} s CPU for {args.docs // 10:,} documents, {times[1]:.1f} s for "
            f"{args.docs:,}: growth exponent {exp:.2f} (n log n is about 1.1)"
        )
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
