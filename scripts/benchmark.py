"""Benchmark: extraction throughput and matching time, on this machine, printed as numbers.

    uv run python scripts/benchmark.py [--docs 20000] [--incidents 100000] [--new-docs 5000]

1. Extraction, twice: the bundled sample documents, the seed article and the dev corpus (when
   ../shared is present), texts dense with incidents; then a feed's mix, real articles that
   report no incident (--ordinary-share of them, 0.9 by default: an assumption, most of a
   feed is about something else) with real ones that do. Each cycled up to --docs documents
   through `extract_reports` on one core, and through a bare spaCy English tokenizer for
   reference; peak memory.
2. Matching: a synthetic published warehouse of --incidents incidents and --new-docs new
   documents' reports (three per document, a third of them about known incidents) through
   `merge_reports`, the nightly matching step.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from transforms.incident_reports import DocumentInput, extract_reports  # noqa: E402
from transforms.incidents import incident_id_for, merge_reports  # noqa: E402
from transforms.reference import Reference  # noqa: E402
from warehouse.seeds import default_seeds_dir, load_reference  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"


def _jsonl(path: Path) -> list[tuple[str, dt.date | None]]:
    texts: list[tuple[str, dt.date | None]] = []
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                pub = (rec.get("published_at") or "")[:10]
                texts.append((rec["text"], dt.date.fromisoformat(pub) if pub else None))
    return texts


def corpus() -> list[tuple[str, dt.date | None]]:
    """Texts that report incidents: the bundled samples, the dev corpus, the seed analysis."""
    texts = _jsonl(ROOT / "examples" / "news.jsonl") + _jsonl(SHARED / "dev" / "articles.jsonl")
    seed = SHARED / "seed" / "isis-afghanistan-analysis.txt"
    if seed.exists():
        texts.append((seed.read_text(encoding="utf-8"), None))
    return texts


def feed(ordinary_share: float) -> list[tuple[str, dt.date | None]]:
    """A feed's mix: real articles that report no incident (../shared/corpus/noincident) and
    real ones that do (news, and the texts of `corpus`), with `ordinary_share` of the first."""
    ordinary = _jsonl(SHARED / "noincident" / "articles.jsonl")
    violent = _jsonl(SHARED / "news" / "articles.jsonl") + corpus()
    if not ordinary or not violent:
        return []
    n_ordinary = round(len(violent) * ordinary_share / (1 - ordinary_share))
    return violent + [ordinary[i % len(ordinary)] for i in range(n_ordinary)]


def _time_extraction(docs: list[tuple[str, dt.date | None]], ref: Reference) -> tuple[float, int]:
    t0 = time.perf_counter()
    n_reports = 0
    for i, (text, pub) in enumerate(docs):
        n_reports += len(extract_reports(DocumentInput(f"d{i}", text, pub), ref))
    return time.perf_counter() - t0, n_reports


def _time_tokenizer(docs: list[tuple[str, dt.date | None]]) -> float | None:
    try:
        import spacy
    except ImportError:
        return None
    nlp = spacy.blank("en")
    t0 = time.perf_counter()
    for doc in nlp.tokenizer.pipe((t for t, _ in docs), batch_size=256):
        len(doc)
    return time.perf_counter() - t0


def bench_extraction(n_docs: int, ordinary_share: float) -> None:
    t0 = time.perf_counter()
    ref = load_reference(default_seeds_dir())
    load_s = time.perf_counter() - t0
    print(f"reference data loaded once in {load_s:.1f} s")
    sets = [("incident-dense texts (samples, dev corpus, seed analysis)", corpus())]
    mix = feed(ordinary_share)
    if mix:
        sets.append((f"a feed's mix ({ordinary_share:.0%} ordinary real articles, the rest real "
                     "articles that report attacks; the share is assumed)", mix))  # fmt: skip
    for label, base in sets:
        docs = [base[i % len(base)] for i in range(n_docs)]
        words = sum(len(t.split()) for t, _ in docs)
        secs, n_reports = _time_extraction(docs, ref)
        print(f"extraction, {label}: {n_docs} documents, {words} words, {n_reports} reports in "
              f"{secs:.1f} s = {n_docs / secs:,.0f} docs/s, {words / secs:,.0f} words/s (one core)")  # fmt: skip
        tok = _time_tokenizer(docs)
        if tok is None:
            print("  spaCy not installed: tokenizer reference skipped (uv sync installs it with the dev group)")  # fmt: skip
        else:
            print(f"  spaCy blank English tokenizer on the same texts: {tok:.1f} s = "
                  f"{words / tok:,.0f} words/s; extraction takes {secs / tok:.1f}x the tokenizer's time")  # fmt: skip
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS) so far: {peak_mb:,.0f} MB")


def _incident(rng: random.Random, countries: list[tuple[str, str]], i: int) -> dict:
    iso3, city = rng.choice(countries)
    day = dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(9000))
    return {
        "incident_id": f"inc_{i:012d}", "event_date": day, "date_precision": "day",
        "country": iso3, "country_iso3": iso3, "admin1": None, "city": f"{city}-{rng.randrange(40)}",
        "latitude": None, "longitude": None, "geo_precision": "city",
        "attack_type": rng.choice(["Bombing/Explosion", "Armed Assault", "Hostage Taking (Kidnapping)"]),
        "target_type": None, "weapon_type": None, "suicide": False, "perpetrator": None,
        "perpetrator_claimed": None, "killed_low": rng.randrange(30), "killed_best": None, "killed_high": None,
        "wounded_low": None, "wounded_best": None, "wounded_high": None, "n_reports": 1,
        "summary": "", "first_seen_at": dt.datetime(2024, 1, 1), "updated_at": dt.datetime(2024, 1, 1),
        "merged_into": None,
    }  # fmt: skip


def bench_matching(n_incidents: int, n_new_docs: int) -> None:
    rng = random.Random(7)
    countries = [(f"C{c:02d}", f"city{c}") for c in range(60)]
    incidents = pd.DataFrame([_incident(rng, countries, i) for i in range(n_incidents)])
    reports = []
    for d in range(n_new_docs):
        for k in range(3):
            if k == 0 and d % 3 == 0:
                base = incidents.iloc[rng.randrange(n_incidents)].to_dict()
            else:
                base = _incident(rng, countries, n_incidents + d * 3 + k)
            base.update({"report_id": f"r_{d}_{k}", "doc_id": f"doc{d}", "is_background": k > 0,
                         "published_at": dt.datetime(2024, 6, 1), "char_start": k * 100, "run_id": "bench"})  # fmt: skip
            base.pop("incident_id", None)
            reports.append(base)
    new = pd.DataFrame(reports)
    prev_reports = incidents[["incident_id"]].assign(
        report_id=lambda f: f["incident_id"], doc_id="old"
    )
    t0 = time.perf_counter()
    result = merge_reports(incidents, prev_reports, new, "bench", dt.datetime(2024, 6, 2))
    secs = time.perf_counter() - t0
    created = sum(1 for h in result.history if h["change"] == "created")
    print(f"matching: {len(new)} new reports ({n_new_docs} documents) against {n_incidents:,} published incidents "
          f"in {secs:.1f} s; {created} incidents created, {len(new) - created} reports joined known ones")  # fmt: skip
    assert incident_id_for("x").startswith("inc_")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak_mb:,.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=20_000)
    ap.add_argument(
        "--ordinary-share", type=float, default=0.9,
        help="share of articles reporting no incident in the feed mix (assumed: most of a feed)",
    )  # fmt: skip
    ap.add_argument("--incidents", type=int, default=100_000)
    ap.add_argument("--new-docs", type=int, default=5_000)
    ap.add_argument("--skip-extraction", action="store_true")
    ap.add_argument("--skip-matching", action="store_true")
    args = ap.parse_args()
    if not args.skip_extraction:
        bench_extraction(args.docs, args.ordinary_share)
    if not args.skip_matching:
        bench_matching(args.incidents, args.new_docs)


if __name__ == "__main__":
    main()
