"""`incidents evaluate --gold DIR`: the pipeline's reports scored against hand-written labels.

How reports are matched to gold: within one document, every (predicted report, gold line)
pair gets a score: +3 when the predicted evidence span overlaps the gold evidence sentence,
+2 same city, +2 same killed figure, +1 same date at the gold's precision, +1 same attack
type. Pairs are taken greedily, best score first, each report and gold line at most once;
a pair needs a score of 3 or more. Gold lines marked `optional` are neither credited nor
penalised: a report matched to one is left out of precision, and an unmatched one is not a
miss. Field accuracy is computed over matched non-optional pairs; a killed figure counts as
right when (low, best) equals the gold `killed` or `killed_alt` reading.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from incidents.settings import Settings, flow_parameters
from transforms.places import fold

FIELDS = ["event_date", "country", "admin1", "city", "attack_type", "target_type", "weapon_type",
          "suicide", "perpetrator", "claimed", "killed", "wounded"]  # fmt: skip
CORE_FIELDS = ("event_date", "country", "attack_type", "killed")
CONFIDENCE_BANDS = ((0.0, 0.5), (0.5, 0.8), (0.8, 1.01))
TARGETS = {"report_f1": 0.85, "killed": 0.90, "wounded": 0.85, "event_date": 0.85, "country": 0.97,
           "admin1": 0.85, "city": 0.80, "perpetrator": 0.85, "claimed": 0.85,
           "attack_type": 0.80, "weapon_type": 0.85, "target_type": 0.70,
           "merge_precision": 0.95, "merge_recall": 0.90}  # fmt: skip


def _val(v: Any) -> Any:
    if v is None or (isinstance(v, float) and pd.isna(v)) or v is pd.NaT or v is pd.NA:
        return None
    return v


def date_ok(gold: str | None, pred: Any) -> bool:
    pred = _val(pred)
    if gold is None:
        return pred is None
    if pred is None:
        return False
    iso = pd.Timestamp(pred).strftime("%Y-%m-%d")
    return iso.startswith(gold)


def _text_eq(gold: str | None, pred: Any) -> bool:
    pred = _val(pred)
    if gold is None or pred is None:
        return gold is None and pred is None
    return fold(gold) == fold(str(pred))


def range_ok(gold: dict[str, Any] | None, alt: dict[str, Any] | None, low: Any, best: Any) -> bool:
    low, best = _val(low), _val(best)
    if gold is None:
        return low is None and best is None
    return any(g is not None and (g.get("low"), g.get("best")) == (low, best) for g in (gold, alt))


def field_results(
    gold: dict[str, Any], pred: dict[str, Any], aliases: dict[str, set[str]]
) -> dict[str, bool | None]:
    perp = _val(pred.get("perpetrator"))
    gold_perp = gold.get("perpetrator")
    if gold_perp is None:
        perp_ok = perp is None
    else:
        names = {a.lower() for a in aliases.get(perp, {perp})} if perp else set()
        perp_ok = bool(names & {g.lower() for g in gold_perp})
    return {
        "event_date": date_ok(gold.get("event_date"), pred.get("event_date")),
        "country": _text_eq(gold.get("country"), pred.get("country")),
        "admin1": _text_eq(gold.get("admin1"), pred.get("admin1")),
        "city": _text_eq(gold.get("city"), pred.get("city")),
        "attack_type": gold.get("attack_type") == _val(pred.get("attack_type")),
        "target_type": gold.get("target_type") == _val(pred.get("target_type")),
        "weapon_type": gold.get("weapon_type") == _val(pred.get("weapon_type")),
        "suicide": None
        if gold.get("suicide") is None
        else gold["suicide"] == bool(_val(pred.get("suicide"))),
        "perpetrator": perp_ok,
        "claimed": gold.get("claimed") == _val(pred.get("perpetrator_claimed")),
        "killed": range_ok(
            gold.get("killed"),
            gold.get("killed_alt"),
            pred.get("killed_low"),
            pred.get("killed_best"),
        ),
        "wounded": range_ok(
            gold.get("wounded"), None, pred.get("wounded_low"), pred.get("wounded_best")
        ),
    }


def _pair_score(gold: dict[str, Any], pred: dict[str, Any], text: str) -> int:
    score = 0
    ev = gold.get("evidence") or ""
    at = text.find(ev) if ev else -1
    if at >= 0 and pred["char_start"] < at + len(ev) and at < pred["char_end"]:
        score += 3
    if gold.get("city") and _text_eq(gold["city"], pred.get("city")):
        score += 2
    if gold.get("killed") and range_ok(
        gold["killed"], gold.get("killed_alt"), pred.get("killed_low"), pred.get("killed_best")
    ):
        score += 2
    if gold.get("event_date") and date_ok(gold["event_date"], pred.get("event_date")):
        score += 1
    if gold.get("attack_type") == _val(pred.get("attack_type")):
        score += 1
    return score


def match_document(
    golds: list[dict[str, Any]], preds: list[dict[str, Any]], text: str
) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (gold index, pred index) with score >= 3."""
    scored = sorted(
        (
            (_pair_score(g, p, text), gi, pi)
            for gi, g in enumerate(golds)
            for pi, p in enumerate(preds)
        ),
        reverse=True,
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for score, gi, pi in scored:
        if score >= 3 and gi not in used_g and pi not in used_p:
            pairs.append((gi, pi))
            used_g.add(gi)
            used_p.add(pi)
    return pairs


def score(gold_lines: list[dict[str, Any]], preds: pd.DataFrame, texts: dict[str, str],
          no_incident_docs: set[str], aliases: dict[str, set[str]]) -> dict[str, Any]:  # fmt: skip
    """Every number the evaluation reports, from gold lines and predicted reports by gold doc id."""
    tp = fp = fn = 0
    correct = {f: 0 for f in FIELDS}
    counted = {f: 0 for f in FIELDS}
    misses: list[dict[str, Any]] = []
    linked: list[tuple[str, str]] = []  # (gold incident_key, predicted incident_id)
    by_doc_gold: dict[str, list[dict[str, Any]]] = {}
    for g in gold_lines:
        by_doc_gold.setdefault(g["doc_id"], []).append(g)
    docs = set(by_doc_gold) | set(preds["gold_doc_id"]) | no_incident_docs
    invented = 0
    calibration: list[tuple[float, bool]] = []
    for doc in sorted(docs):
        golds = by_doc_gold.get(doc, [])
        doc_preds = preds[preds["gold_doc_id"] == doc].to_dict("records")
        if doc in no_incident_docs:
            invented += len(doc_preds)
        pairs = match_document(golds, doc_preds, texts.get(doc, ""))
        matched_g = {gi for gi, _ in pairs}
        matched_p = {pi for _, pi in pairs}
        for gi, pi in pairs:
            g, p = golds[gi], doc_preds[pi]
            linked.append((g["incident_key"], p["incident_id"]))
            if g.get("optional"):
                continue
            tp += 1
            results = field_results(g, p, aliases)
            calibration.append((_conf(p), all(results[f] for f in CORE_FIELDS)))
            for f, ok in results.items():
                if ok is None:
                    continue
                counted[f] += 1
                correct[f] += int(ok)
                if not ok:
                    misses.append(
                        {
                            "doc_id": doc,
                            "incident_key": g["incident_key"],
                            "field": f,
                            "gold": g.get(f if f != "claimed" else "claimed"),
                            "pred": _val(p.get({"claimed": "perpetrator_claimed"}.get(f, f)))
                            if f not in ("killed", "wounded")
                            else [
                                _val(p.get(f + "_low")),
                                _val(p.get(f + "_best")),
                                _val(p.get(f + "_high")),
                            ],
                        }
                    )
        fn += sum(1 for gi, g in enumerate(golds) if gi not in matched_g and not g.get("optional"))
        fp += sum(1 for pi in range(len(doc_preds)) if pi not in matched_p)
        calibration += [(_conf(p), False) for pi, p in enumerate(doc_preds) if pi not in matched_p]
        misses += [
            {
                "doc_id": doc,
                "incident_key": g["incident_key"],
                "field": "report",
                "gold": "missed",
                "pred": None,
            }
            for gi, g in enumerate(golds)
            if gi not in matched_g and not g.get("optional")
        ]
        misses += [
            {
                "doc_id": doc,
                "incident_key": None,
                "field": "report",
                "gold": None,
                "pred": (p.get("evidence") or "")[:100],
            }
            for pi, p in enumerate(doc_preds)
            if pi not in matched_p
        ]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    merge = _merge_scores(linked)
    return {
        "reports": {
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "precision": precision,
            "recall": recall,
            "f1": f1,
        },
        "fields": {
            f: {
                "correct": correct[f],
                "n": counted[f],
                "accuracy": correct[f] / counted[f] if counted[f] else None,
            }
            for f in FIELDS
        },
        "invented_on_no_incident_documents": invented,
        "no_incident_documents": len(no_incident_docs),
        "merge": merge,
        "calibration": _calibration(calibration),
        "errors": misses,
    }


def _conf(pred: dict[str, Any]) -> float:
    value = _val(pred.get("confidence"))
    return float(value) if value is not None else 0.0


def _calibration(pairs: list[tuple[float, bool]]) -> list[dict[str, Any]]:
    """Share of correct reports per confidence band.

    A report is correct when it matches a gold incident and its core fields (CORE_FIELDS) are
    right; a report that matches nothing is wrong; one matched to an optional line is left out.
    """
    bands = []
    for low, high in CONFIDENCE_BANDS:
        inside = [ok for c, ok in pairs if low <= c < high]
        bands.append({"low": low, "high": min(high, 1.0), "n": len(inside),
                      "correct": sum(inside),
                      "share": sum(inside) / len(inside) if inside else None})  # fmt: skip
    return bands


def _merge_scores(linked: list[tuple[str, str]]) -> dict[str, Any]:
    """Pairwise precision/recall of merging over matched reports of different documents."""
    same_gold = same_pred = both = 0
    for (g1, p1), (g2, p2) in itertools.combinations(linked, 2):
        sg, sp = g1 == g2, p1 == p2
        same_gold += sg
        same_pred += sp
        both += sg and sp
    return {
        "gold_pairs": same_gold, "predicted_pairs": same_pred, "correct_pairs": both,
        "precision": both / same_pred if same_pred else None,
        "recall": both / same_gold if same_gold else None,
    }  # fmt: skip


def _load_gold(gold_dir: Path) -> tuple[list[dict[str, Any]], list[Path], set[str]]:
    lines = [
        json.loads(x)
        for x in (gold_dir / "gold.jsonl").read_text(encoding="utf-8").splitlines()
        if x.strip()
    ]
    files = sorted({gold_dir / g["doc_id"] for g in lines if (gold_dir / g["doc_id"]).is_file()})
    files_dir = gold_dir / "files"
    if files_dir.is_dir():
        files = sorted(set(files) | {p for p in files_dir.iterdir() if p.is_file()})
    no_incident = set()
    for line in (gold_dir / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            if rec.get("expect_incidents") == 0:
                no_incident.add(rec.get("doc_id") or rec.get("id"))
    labelled = {g["doc_id"] for g in lines}
    no_incident |= {
        p.relative_to(gold_dir).as_posix()
        for p in files
        if p.relative_to(gold_dir).as_posix() not in labelled
    }
    return lines, files, no_incident


@dataclass
class Collected:
    """A gold corpus and the pipeline's reports on it, keyed by the gold's doc ids."""

    gold_lines: list[dict[str, Any]]
    preds: pd.DataFrame
    texts: dict[str, str]
    no_incident: set[str]
    aliases: dict[str, set[str]]
    published: dict[str, dt.date | None] = field(default_factory=dict)

    def half(self, name: str) -> Collected:
        """Only the documents of one half (`tune` or `check`) of the fixed split."""
        keep = lambda doc: half_of(doc) == name  # noqa: E731
        return Collected(
            [g for g in self.gold_lines if keep(g["doc_id"])],
            self.preds[self.preds["gold_doc_id"].map(keep).astype(bool)],
            {d: t for d, t in self.texts.items() if keep(d)},
            {d for d in self.no_incident if keep(d)},
            self.aliases,
            {d: v for d, v in self.published.items() if keep(d)},
        )

    def score(self) -> dict[str, Any]:
        return score(self.gold_lines, self.preds, self.texts, self.no_incident, self.aliases)


def half_of(doc_id: str) -> str:
    """The fixed split of a corpus: `tune` (errors may be read) or `check` (scores only).

    The first byte of the SHA-256 of the gold doc id decides, so the split never changes.
    """
    return "tune" if hashlib.sha256(doc_id.encode("utf-8")).digest()[0] % 2 == 0 else "check"


def collect(gold_dir: Path, warehouse: Path, settings: Settings) -> Collected:
    """Run the pipeline on the gold corpus into `warehouse`; its reports beside the gold."""
    from flows.nightly import configured_flow
    from warehouse.reader import connect_reader
    from warehouse.seeds import default_seeds_dir, load_reference

    gold_lines, files, no_incident = _load_gold(gold_dir)
    inputs = [str(gold_dir / "articles.jsonl"), *map(str, files)]
    configured_flow(settings)(**flow_parameters(settings, [Path(p) for p in inputs], warehouse))
    con = connect_reader(warehouse)
    try:
        preds = con.execute(
            # In a fixed order: ties in matching are broken by it, so scores are reproducible.
            "select r.*, d.external_id from incident_reports r join documents d using (doc_id) "
            "order by r.doc_id, r.char_start, r.report_id"
        ).fetchdf()
        texts_df = con.execute(
            "select external_id, text, published_at from documents where status = 'ok'"
        ).fetchdf()
    finally:
        con.close()
    root = gold_dir.as_posix().rstrip("/") + "/"

    def gold_id(external_id: str) -> str:
        return external_id[len(root) :] if external_id.startswith(root) else external_id

    preds["gold_doc_id"] = preds["external_id"].map(gold_id)
    texts = {gold_id(e): t for e, t in zip(texts_df["external_id"], texts_df["text"], strict=True)}
    published = {
        gold_id(e): (None if pd.isna(p) else pd.Timestamp(p).date())
        for e, p in zip(texts_df["external_id"], texts_df["published_at"], strict=True)
    }
    ref = load_reference(settings.seeds_dir or default_seeds_dir())
    return Collected(gold_lines, preds, texts, no_incident, ref.groups.aliases_of, published)


def evaluate(gold_dir: Path, warehouse: Path, settings: Settings) -> dict[str, Any]:
    """Run the pipeline on the gold corpus into `warehouse` and score it."""
    return collect(gold_dir, warehouse, settings).score()


def render(result: dict[str, Any]) -> str:
    r = result["reports"]
    lines = [
        f"reports: precision {r['precision']:.3f}  recall {r['recall']:.3f}  F1 {r['f1']:.3f}  (tp {r['tp']}, fp {r['fp']}, fn {r['fn']})"
    ]
    lines.append("field accuracy on matched reports:")
    for f, v in result["fields"].items():
        acc = "n/a" if v["accuracy"] is None else f"{v['accuracy']:.3f}"
        target = TARGETS.get(f)
        mark = (
            ""
            if target is None or v["accuracy"] is None
            else ("  ok" if v["accuracy"] >= target else f"  below target {target}")
        )
        lines.append(f"  {f:<12} {acc:>6}  ({v['correct']}/{v['n']}){mark}")
    lines.append(
        f"incidents invented on no-incident documents: {result['invented_on_no_incident_documents']}"
    )
    m = result["merge"]
    fmt = lambda x: "n/a" if x is None else f"{x:.3f}"  # noqa: E731
    lines.append(
        f"merging (pairs of matched reports): precision {fmt(m['precision'])}  recall {fmt(m['recall'])}  ({m['correct_pairs']} correct of {m['predicted_pairs']} predicted, {m['gold_pairs']} gold)"
    )
    return "\n".join(lines)


def main(gold_dir: Path, as_json: bool, warehouse: Path | None, settings: Settings) -> int:
    if not (gold_dir / "gold.jsonl").exists() or not (gold_dir / "articles.jsonl").exists():
        print(f"incidents: {gold_dir} needs articles.jsonl and gold.jsonl", flush=True)
        return 1
    tmp = None
    if warehouse is None:
        tmp = Path(tempfile.mkdtemp(prefix="incidents-eval-"))
        warehouse = tmp
    try:
        result = evaluate(gold_dir.resolve(), warehouse, settings)
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps(result, indent=2, default=str) if as_json else render(result))
    return 0
