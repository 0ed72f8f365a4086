"""Scale benchmark: whole nightly runs at news-feed size, measured as a user's machine sees them.

    uv run python scripts/scale_benchmark.py [--docs 100000] [--night 10000] [--nights 3]
    uv run python scripts/scale_benchmark.py --merge-only WAREHOUSE   # step 3's merge growth only

1. Builds synthetic but realistic documents: real texts (the bundled samples and, when
   ../shared is present, the real news, no-incident and dev corpora, so most documents report
   nothing, as on a feed) with their figures varied, their cities swapped for other cities of
   the same country, and publication dates spread over two years.
2. Runs `incidents run` as a child process: a first load of --docs documents into an empty
   warehouse, then --nights nights of --night new documents each on top of it, and each
   night again into an empty warehouse. For each: documents/s end to end, peak RSS, bytes written (new files in the
   warehouse, hard links counted once), cores busy ((user+sys)/wall).
3. Prints the ratios the targets are stated in: the night over the full warehouse / the same
   night into an empty one; bytes written / the night's input size; end-to-end documents/s /
   single-core extraction-only documents/s (median and range over the nights); peak RSS of
   the first load against a night's; and the growth exponent of the first-load merge.
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
FIRST_DAY = dt.date(2023, 1, 1)  # the first load covers two years from here; nights follow


def templates() -> list[tuple[str, dt.date | None]]:
    """Real article texts to vary, with the day each was published (when known)."""
    paths = [ROOT / "examples" / "news.jsonl"]
    paths += [CORPUS / s / "articles.jsonl" for s in ("news", "noincident", "dev")]
    texts = []
    for path in paths:
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                rec = json.loads(line) if line.strip() else {}
                if rec.get("text"):
                    pub = str(rec.get("published_at") or "")[:10]
                    try:
                        day = dt.date.fromisoformat(pub)
                    except ValueError:
                        day = None
                    texts.append((rec["text"], day))
    return texts


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]  # fmt: skip
_M = "|".join(_MONTHS)
_DATE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}}) (?P<m1>{_M}),? (?P<y1>\d{{4}})"
    rf"|(?P<m2>{_M}) (?P<d2>\d{{1,2}}), (?P<y2>\d{{4}})"
    rf"|(?P<m3>{_M}) (?P<y3>\d{{4}})"
    r"|(?P<y4>19[7-9]\d|20[0-3]\d))\b"
)


def shift_dates(text: str, days: int) -> str:
    """Move the text's dates by `days`, as if the article were written that much later: a
    full date moves by the days, a month and year by whole months, a bare year by years."""

    def moved(match: re.Match[str]) -> str:
        g = match.groupdict()
        if g["y4"]:
            return str(int(g["y4"]) + round(days / 365.25))
        if g["y3"]:
            k = int(g["y3"]) * 12 + _MONTHS.index(g["m3"]) + round(days / 30.44)
            return f"{_MONTHS[k % 12]} {k // 12}"
        d, m, y = (g["d1"], g["m1"], g["y1"]) if g["y1"] else (g["d2"], g["m2"], g["y2"])
        try:
            new = dt.date(int(y), _MONTHS.index(m) + 1, int(d)) + dt.timedelta(days=days)
        except ValueError:
            return match.group(0)
        if g["y1"]:
            return f"{new.day} {_MONTHS[new.month - 1]} {new.year}"
        return f"{_MONTHS[new.month - 1]} {new.day}, {new.year}"

    return _DATE.sub(moved, text)


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


def write_documents(folder: Path, n: int, seed: int, start: int, first_day: dt.date,
                    days: int) -> int:  # fmt: skip
    """n synthetic documents as JSONL files of 5,000 lines; returns the bytes written.

    Each is published on a day of [first_day, first_day + days) and its text's dates move
    with it, so a night's articles are about recent events, as on a feed (a few recall older
    ones, as the real texts do).
    """
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
            day = first_day + dt.timedelta(days=rng.randrange(days))
            text, written = rng.choice(base)
            if written is not None:
                text = shift_dates(text, (day - written).days)
            text = vary(text, rng, swaps, pattern) + f"\n\n(Ref. {i})"
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


def merge_exponent(warehouse: Path, fraction: float = 0.1, by_time: bool = False
                   ) -> tuple[float, list[float], list[int]]:  # fmt: skip
    """Growth exponent of a first-load merge: the first load's own reports merged again from
    nothing, a `fraction` of its documents against all of them (in-process).

    `by_time=False` takes a random fraction: the same two years, ten times sparser (a smaller
    feed). `by_time=True` takes the earliest documents by publication: as dense, a tenth of
    the time (a warehouse that grows night by night).
    """
    import pandas as pd

    from transforms.incidents import merge_reports
    from warehouse import store

    reports = store.read_current(warehouse, "incident_reports")
    order = reports.sort_values(["published_at", "doc_id"]) if by_time else reports
    docs = list(dict.fromkeys(order["doc_id"])) if by_time else sorted(set(reports["doc_id"]))
    empty_i = store.SCHEMAS["incident_state"].empty_table().to_pandas()
    empty_r = store.SCHEMAS["incident_reports"].empty_table().to_pandas()
    times, sizes = [], []
    for n in (max(1, int(len(docs) * fraction)), len(docs)):
        part = reports[reports["doc_id"].isin(set(docs[:n]))].assign(incident_id=None)
        t0 = time.process_time()
        merge_reports(empty_i, empty_r, pd.DataFrame(part), "bench", dt.datetime(2025, 1, 1))
        times.append(time.process_time() - t0)
        sizes.append(len(part))
    exponent = (
        math.log(times[1] / times[0]) / math.log(sizes[1] / sizes[0])
        if times[0] > 0 and sizes[1] > sizes[0]
        else float("nan")
    )
    return exponent, times, sizes


def _spread(values: list[float]) -> str:
    """Median, and the range over the repeats."""
    ordered = sorted(values)
    mid = ordered[len(ordered) // 2]
    return f"{mid:.2f} (range {ordered[0]:.2f}-{ordered[-1]:.2f} over {len(values)})"


def describe(label: str, docs: int, r: dict[str, float]) -> str:
    return (
        f"{label}: {docs:,} documents in {r['wall']:.1f} s = {docs / r['wall']:,.0f} docs/s end to end; "
        f"peak RSS {r['rss_mb']:,.0f} MB; {r['written'] / 1e6:,.1f} MB written; cores busy {r['cpu'] / r['wall']:.2f}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=100_000, help="first load")
    ap.add_argument("--night", type=int, default=10_000, help="a night's increment")
    ap.add_argument("--nights", type=int, default=3, help="nights in a row over the warehouse")
    ap.add_argument(
        "--workdir", type=Path, help="keep inputs and warehouses here (default: temporary)"
    )
    ap.add_argument(
        "--merge-only", type=Path, metavar="WAREHOUSE",
        help="only measure the first-load merge's growth on an existing warehouse (a first load's)",
    )  # fmt: skip
    args = ap.parse_args()
    if args.merge_only is not None:
        for by_time, label in ((False, "a random tenth of the documents"),
                               (True, "a tenth of the time at the same density")):  # fmt: skip
            exp, times, sizes = merge_exponent(args.merge_only, by_time=by_time)
            print(f"first-load merge, again from nothing, {label}: {times[0]:.1f} s CPU for "
                  f"{sizes[0]:,} reports, {times[1]:.1f} s for {sizes[1]:,}: growth exponent "
                  f"{exp:.2f} (n log n is about 1.1)", flush=True)  # fmt: skip
        return
    work = args.workdir or Path(tempfile.mkdtemp(prefix="scale-"))
    try:
        base_in = work / "base"
        write_documents(base_in, args.docs, seed=1, start=0, first_day=FIRST_DAY, days=730)
        full = work / "wh-full"
        first = timed_run(base_in, full)
        print(describe("first load", args.docs, first), flush=True)
        ratios, written, speedups, rss = [], [], [], []
        for k in range(args.nights):
            night_in = work / f"night-{k + 1}"
            start = args.docs + k * args.night
            night_day = FIRST_DAY + dt.timedelta(days=730 + k)
            night_bytes = write_documents(
                night_in, args.night, seed=2 + k, start=start, first_day=night_day, days=1
            )
            over = timed_run(night_in, full)
            print(describe(f"night {k + 1} over the warehouse", args.night, over), flush=True)
            empty = work / f"wh-empty-{k + 1}"
            alone = timed_run(night_in, empty)
            print(describe(f"night {k + 1} into an empty warehouse", args.night, alone), flush=True)
            shutil.rmtree(empty, ignore_errors=True)
            single = extraction_docs_per_s(night_in, min(args.night, 1000))
            ratios.append(over["wall"] / alone["wall"])
            written.append(over["written"] / night_bytes)
            speedups.append(args.night / alone["wall"] / single)
            rss.append(alone["rss_mb"])
            print(
                f"  night {k + 1}: over/empty {ratios[-1]:.2f}, bytes written/input "
                f"{written[-1]:.2f} ({night_bytes / 1e6:.1f} MB of input), single-core "
                f"extraction-only {single:,.0f} docs/s, end to end/extraction {speedups[-1]:.2f}",
                flush=True,
            )
        exp, times, sizes = merge_exponent(full)
        exp_t, times_t, sizes_t = merge_exponent(full, by_time=True)
        print(f"night over the warehouse / into an empty one: {_spread(ratios)} (target <= 1.3)")
        print(f"bytes written by a night / its input: {_spread(written)} (target <= 3)")
        print(
            "end-to-end docs/s of a night into an empty warehouse / single-core extraction-only "
            f"docs/s: {_spread(speedups)} (target >= 1.6)"
        )
        ten_k = sorted(rss)[len(rss) // 2]
        print(
            f"peak RSS: first load of {args.docs:,} {first['rss_mb']:,.0f} MB, a night of "
            f"{args.night:,} {ten_k:,.0f} MB: ratio {first['rss_mb'] / ten_k:.2f} "
            "(target < 2 GB and within 20%)"
        )
        print(
            f"first-load merge, again from nothing, a random tenth of the documents: {times[0]:.1f} s CPU for {sizes[0]:,} reports, "
            f"{times[1]:.1f} s for {sizes[1]:,}: growth exponent {exp:.2f} (n log n is about 1.1)"
        )
        print(
            f"  the same, a tenth of the time at the same density: {times_t[0]:.1f} s CPU for "
            f"{sizes_t[0]:,} reports, {times_t[1]:.1f} s for {sizes_t[1]:,}: exponent {exp_t:.2f}"
        )
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
