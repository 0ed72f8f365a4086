"""Fit the report confidence model (`seeds/confidence_model.csv`) and print its calibration.

    uv run --group fit-confidence python scripts/fit_confidence.py            # fit and print
    uv run --group fit-confidence python scripts/fit_confidence.py --write    # also write the seed

The model is scikit-learn's L2-regularised logistic regression over the 0/1 signals of
`transforms.confidence.features`. It is fit on the tuning halves (`incidents.evaluate.half_of`)
of the real gold sets: the news articles, the ordinary articles that report no incident, and
a local GTD build (`--gtd`, made as `../shared/corpus/gtd/README.md` says; never committed).
A report is correct when it matches a gold incident and its core fields (event date, country,
attack type, killed) are right, as `incidents evaluate` counts it; a report that matches
nothing is wrong. Each report is extracted on its own (no merging), which is what a report's
confidence describes. The printed table gives, for every set and half, the reports and the
share correct in each confidence band; the checking halves were not used to fit.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from incidents.evaluate import CONFIDENCE_BANDS, CORE_FIELDS, field_results, half_of, match_document  # noqa: E402
from transforms.confidence import FEATURES, confidence, features  # noqa: E402
from transforms.incident_reports import DocumentInput, extract_reports  # noqa: E402
from warehouse.seeds import default_seeds_dir, load_reference  # noqa: E402

MODEL = ROOT / "seeds" / "confidence_model.csv"
C = 1.0  # inverse strength of the L2 penalty (scikit-learn's default)


def _published(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def labelled_reports(folder: Path, ref: Any) -> list[tuple[str, dict[str, Any], bool]]:
    """(half, report, correct) for every report the extractor gives on one gold set; each
    report carries `_reports`, the number of reports of its document."""
    gold: dict[str, list[dict[str, Any]]] = {}
    gold_file = folder / "gold.jsonl"
    if gold_file.exists():
        for line in gold_file.read_text(encoding="utf-8").splitlines():
            if line.strip():
                g = json.loads(line)
                gold.setdefault(g["doc_id"], []).append(g)
    out = []
    for line in (folder / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        a = json.loads(line)
        doc_id = a.get("doc_id") or a.get("id")
        text = a.get("text") or ""
        doc = DocumentInput(doc_id, text, _published(a.get("published_at")), a.get("title"),
                            a.get("language"))  # fmt: skip
        rows = [{**r, "_reports": 0} for r in extract_reports(doc, ref)]
        for r in rows:
            r["_reports"] = len(rows)
        golds = gold.get(doc_id, [])
        pairs = dict((pi, gi) for gi, pi in match_document(golds, rows, text))
        for pi, row in enumerate(rows):
            if pi in pairs:
                g = golds[pairs[pi]]
                if g.get("optional"):
                    continue
                results = field_results(g, row, {})
                out.append((half_of(doc_id), row, all(results[f] for f in CORE_FIELDS)))
            else:
                out.append((half_of(doc_id), row, False))
    return out


def calibration_table(sets: dict[str, list[tuple[str, dict[str, Any], bool]]],
                      weights: dict[str, float]) -> str:  # fmt: skip
    head = ["set", "half"] + [f"{lo:.1f}-{min(hi, 1.0):.1f}" for lo, hi in CONFIDENCE_BANDS]
    lines = ["  ".join(f"{h:>14}" for h in head)]
    for name, reports in sets.items():
        for half in ("tune", "check"):
            cells = [name, half]
            scored = [
                (confidence(r, r["_reports"], weights), ok) for h, r, ok in reports if h == half
            ]
            for lo, hi in CONFIDENCE_BANDS:
                inside = [ok for c, ok in scored if lo <= c < hi]
                share = f"{sum(inside) / len(inside):.2f}" if inside else "-"
                cells.append(f"{sum(inside)}/{len(inside)} {share}")
            lines.append("  ".join(f"{c:>14}" for c in cells))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--gtd", type=Path, default=Path("/tmp/gtd-dev"))
    parser.add_argument("--write", action="store_true", help="write seeds/confidence_model.csv")
    args = parser.parse_args()
    from sklearn.linear_model import LogisticRegression

    ref = load_reference(default_seeds_dir())
    folders = {"news": args.corpus / "news", "noincident": args.corpus / "noincident",
               "gtd": args.gtd}  # fmt: skip
    missing = [str(p) for p in folders.values() if not (p / "articles.jsonl").exists()]
    if missing:
        print(f"missing gold sets: {', '.join(missing)}", file=sys.stderr)
        return 2
    sets = {name: labelled_reports(folder, ref) for name, folder in folders.items()}
    train = [(r, ok) for reports in sets.values() for h, r, ok in reports if h == "tune"]
    x = [[features(r, r["_reports"])[f] for f in FEATURES] for r, _ in train]
    y = [int(ok) for _, ok in train]
    model = LogisticRegression(C=C, fit_intercept=False, max_iter=1000).fit(x, y)
    weights = {f: round(float(w), 4) for f, w in zip(FEATURES, model.coef_[0], strict=True)}
    print(f"fit on {len(train)} tuning reports ({sum(y)} correct)")
    for f, w in weights.items():
        print(f"  {f:24} {w:+.3f}")
    print(calibration_table(sets, weights))
    if args.write:
        counts = ", ".join(
            f"{name} {sum(1 for h, _, _ in reports if h == 'tune')}"
            for name, reports in sets.items()
        )
        MODEL.write_text(
            "# Weights of the report confidence model (transforms/confidence.py): logistic regression\n"
            "# (scikit-learn, L2, C=1) over the report's 0/1 signals, fit by scripts/fit_confidence.py\n"
            f"# on the tuning halves of the real gold sets (reports: {counts}).\n"
            "feature,weight\n" + "".join(f"{f},{w}\n" for f, w in weights.items()),
            encoding="utf-8",
        )
        print(f"wrote {MODEL.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
