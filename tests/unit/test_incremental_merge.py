"""What merging keeps up to date as reports join an incident equals working it out afresh."""

from __future__ import annotations

import datetime as dt
import random

import pandas as pd
import pytest

from tests.unit.test_merging import report
from transforms.incidents import (
    _earliest,
    _fits_members,
    _Members,
    _Reconciliation,
    _shares_document,
    _Summary,
    reconcile_incident,
)


def varied(seed: int, n: int) -> list[dict[str, object]]:
    """Reports of one attack and its neighbours, with the ties reconciliation must break the
    same way: equal tolls (as int and float), equal publication days, background reports,
    "Unknown" types, claims, missing fields, documents giving two reports."""
    rng = random.Random(seed)
    places = [("Mosul", "Nineveh", 36.34, 43.13, "city"), ("Bartella", "Nineveh", 36.35, 43.25, "city"),
              ("Mosul", None, None, None, "admin1"), (None, "Nineveh", None, None, "admin1"),
              (None, None, None, None, "country")]  # fmt: skip
    rows = []
    for k in range(n):
        city, admin1, lat, lon, geo = rng.choice(places)
        prec = rng.choice(["day", "day", "month", "year", "unknown"])
        date = (
            None
            if prec == "unknown" and rng.random() < 0.5
            else dt.date(2017, 1, rng.choice([1, 2]))
        )
        toll = rng.choice([None, 3, 3.0, 12, 60])
        rows.append(report(
            f"r{seed}-{k}", f"d{seed}-{rng.randint(0, n // 2)}", city=city, admin1=admin1,
            latitude=lat, longitude=lon, geo_precision=geo, event_date=date, date_precision=prec,
            country_iso3=rng.choice(["IRQ", "IRQ", "IRQ", None]),
            killed_low=rng.choice([None, toll]), killed_best=toll,
            killed_high=rng.choice([None, 80]), wounded_best=rng.choice([None, 5, 5.0, 20]),
            attack_type=rng.choice(["Bombing/Explosion", "Armed Assault", "Unknown", None]),
            target_type=rng.choice(["Military", "Unknown"]), weapon_type=rng.choice([None, "Explosives"]),
            perpetrator=rng.choice([None, "Islamic State", "Ansar al-Sunna"]),
            perpetrator_claimed=rng.choice([None, True, False]), is_background=rng.random() < 0.3,
            suicide=rng.random() < 0.1, summary=f"s{k}", char_start=rng.choice([0, 40, 40, 90]),
            published_at=pd.Timestamp(2021, 5, 1) + pd.Timedelta(hours=rng.choice([0, 5, 30, 60])),
        ))  # fmt: skip
    return rows


def typed(row: dict[str, object]) -> list[tuple[str, type, object]]:
    """A row with its column order and the type of each value (3 is not 3.0 here)."""
    return [(k, type(v), v) for k, v in row.items()]


@pytest.mark.parametrize("seed", range(8))
def test_reconciling_as_reports_join_equals_reconciling_all_of_them(seed):
    rng = random.Random(seed)
    rows = varied(seed, 40)
    base = {"incident_id": "inc_x", "first_seen_at": dt.datetime(2021, 5, 2), "killed_low": 1}
    for size in (1, 2, 3, 7, 40):
        picked = rng.sample(rows, size)
        kept = _Reconciliation()
        for rep in picked:  # joining in an order of their own, not the naming order
            kept.add(rep)
            assert typed(kept.row(base)) == typed(
                reconcile_incident(base, picked[: picked.index(rep) + 1])
            )


@pytest.mark.parametrize("seed", range(8))
def test_an_incident_summary_answers_as_its_reports_do(seed):
    rng = random.Random(seed)
    rows = varied(seed, 60)
    members = _Members()
    for rep in rows[:30]:
        members[rng.choice(["a", "b", "c"])].append(rep)
        for inc_id in ("a", "b", "c"):
            summary, reports = members.summary(inc_id), members[inc_id]
            assert summary.earliest == _earliest(reports)
            for probe in rng.sample(rows, 5):
                assert summary.fits(probe) == _fits_members(probe, reports)
                assert _shares_document(probe, summary) == any(
                    r["doc_id"] == probe["doc_id"] for r in reports
                )
        mine, theirs = members.summary("a"), members.summary("b")
        assert mine.all_fit(theirs) == all(_fits_members(r, members["b"]) for r in members["a"])
    # An incident merged away gives its reports to another, and its id starts again empty.
    for rep in members.pop("b", []):
        members["a"].append(rep)
    assert members.summary("b").earliest == _earliest([]) and not members.summary("b").docs
    assert members.summary("a").earliest == _earliest(members["a"])
    assert typed(members.summary("a").reconciliation.row({})) == typed(
        reconcile_incident({}, members["a"])
    )
    assert isinstance(members.summary("a"), _Summary)


@pytest.mark.parametrize("seed", range(4))
def test_the_candidate_index_finds_every_incident_a_row_can_match(seed):
    """Filed by date span as well as by place and toll, the index still finds every pair that
    scoring every pair finds, whatever the two rows' date precisions."""
    from tests.unit.test_lookup import varied_reports
    from transforms.incidents import MATCH_THRESHOLD, _Blocks, match_score

    rng = random.Random(seed)
    rows = varied_reports(seed, 120).to_dict("records") + varied(seed, 60)
    blocks = _Blocks()
    for k, row in enumerate(rows):
        blocks.add(f"i{k}", row)
    # Incidents whose rows change (a toll rises, a date is made precise) are filed again.
    for k in rng.sample(range(len(rows)), len(rows) // 3):
        rows[k] = rng.choice(rows)
        blocks.add(f"i{k}", rows[k])
    for row in rows:
        found = blocks.candidates(row)
        for k, other in enumerate(rows):
            score = match_score(row, other)
            if score is not None and score >= MATCH_THRESHOLD:
                assert f"i{k}" in found, (row["report_id"], other["report_id"])
    # ... and are no longer where only their earlier rows were.
    fresh = _Blocks()
    for k, row in enumerate(rows):
        fresh.add(f"i{k}", row)
    assert {k: v for k, v in blocks.index.items() if v} == dict(fresh.index)
