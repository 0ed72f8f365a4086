"""A night asks DuckDB for what it touches; merging sees the same candidates as with everything."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pandas as pd
import pytest

from tests.unit.test_merging import report
from transforms.incidents import block_country, merge_by_country, merge_reports
from warehouse import lookup, store

NOW = dt.datetime(2021, 5, 2, 2, 0)
PLACES = [("IRQ", "Iraq", "Mosul"), ("IRQ", "Iraq", "Kirkuk"), ("AFG", "Afghanistan", "Kabul"),
          ("SOM", "Somalia", "Mogadishu")]  # fmt: skip


def reports(seed: int, n: int, run: str) -> pd.DataFrame:
    """Reports of a few places and days, some undated or month-only, so that many match."""
    rng = random.Random(seed)
    rows = []
    for k in range(n):
        iso, country, city = rng.choice(PLACES)
        kind = rng.random()
        day = dt.date(rng.choice([2016, 2017, 2018]), rng.randint(1, 3), rng.randint(1, 4))
        date = ({"event_date": day, "date_precision": "day"} if kind < 0.7 else
                {"event_date": day.replace(day=1), "date_precision": "month"} if kind < 0.85 else
                {"event_date": None, "date_precision": "unknown"})  # fmt: skip
        rows.append(report(
            f"{run}-r{k}", f"{run}-d{k}", country=country, country_iso3=iso, city=city,
            killed_best=rng.choice([None, 3, 5, 12]), run_id=run,
            published_at=pd.Timestamp(2021, 5, 1) + pd.Timedelta(minutes=k), **date,
        ))  # fmt: skip
    return pd.DataFrame(rows)


def publish_state(wh: Path, run: str, state: pd.DataFrame, reps: pd.DataFrame) -> None:
    tables = {"incident_state": store.to_arrow("incident_state", state),
              "incident_reports": store.to_arrow("incident_reports", reps)}  # fmt: skip
    with store.run_lock(wh):
        store.publish(wh, run, tables, {}, None, 3, 0.0)


def test_merging_against_the_looked_up_blocks_equals_merging_against_everything(tmp_path):
    wh = tmp_path / "wh"
    first = merge_reports(pd.DataFrame(), pd.DataFrame(), reports(1, 120, "run1"), "run1", NOW)
    state = first.incidents.assign(quarantined=False)
    publish_state(wh, "run1", state, first.reports)
    # Tonight only touches some blocks (no Somalia, no 2016), so the lookup must narrow.
    night = reports(2, 40, "run2")
    night = night[(night["country_iso3"] != "SOM") & (night["event_date"].isna() | (
        pd.to_datetime(night["event_date"]).dt.year != 2016))]  # fmt: skip
    later = NOW + dt.timedelta(days=1)
    everything = merge_reports(store.read_current(wh, "incident_state"),
                               store.read_current(wh, "incident_reports"), night, "run2", later)  # fmt: skip
    cand_state, cand_reports = lookup.candidates(wh, night)
    assert 0 < len(cand_state) < len(state)
    narrowed = merge_reports(cand_state, cand_reports, night, "run2", later)
    assert narrowed.changed == everything.changed and narrowed.changed

    def changed_rows(result: object) -> list[dict[str, object]]:
        frame = result.incidents  # type: ignore[attr-defined]
        picked = frame[frame["incident_id"].isin(result.changed)]  # type: ignore[attr-defined]
        return store.to_arrow("incident_state", picked).sort_by("incident_id").to_pylist()

    assert changed_rows(narrowed) == changed_rows(everything)
    links = dict(
        zip(everything.reports["report_id"], everything.reports["incident_id"], strict=True)
    )
    assert all(links[r] == i for r, i in zip(narrowed.reports["report_id"],
                                              narrowed.reports["incident_id"], strict=True))  # fmt: skip
    assert narrowed.history == everything.history


def test_an_undated_report_looks_at_every_year_of_its_country(tmp_path):
    wh = tmp_path / "wh"
    first = merge_reports(pd.DataFrame(), pd.DataFrame(), reports(3, 60, "run1"), "run1", NOW)
    publish_state(wh, "run1", first.incidents.assign(quarantined=False), first.reports)
    undated = pd.DataFrame([report("x", "dx", country="Afghanistan", country_iso3="AFG",
                                   city="Kabul", run_id="run2")])  # fmt: skip
    cand, _ = lookup.candidates(wh, undated)
    everything = first.incidents
    assert set(cand["incident_id"]) == set(
        everything[everything["country_iso3"] == "AFG"]["incident_id"]
    )


def test_known_documents_are_found_by_text_or_by_id(tmp_path):
    wh = tmp_path / "wh"
    docs = [{"doc_id": "d1", "content_sha256": "h1", "ingested_at": NOW},
            {"doc_id": "d2", "content_sha256": "h2", "ingested_at": NOW}]  # fmt: skip
    with store.run_lock(wh):
        store.publish(wh, "run1", {"documents": store.to_arrow("documents", docs)}, {}, None)
    assert lookup.known_documents(wh, ["h2", "h9"], ["d1", "d9"]) == ({"h2"}, {"d1"})
    assert lookup.known_documents(tmp_path / "none", ["h1"], ["d1"]) == (set(), set())


class _Everything:
    """The reference index: every incident is a candidate of every row."""

    def __init__(self) -> None:
        self.ids: set[str] = set()

    def add(self, inc_id: str, row: dict[str, object]) -> None:
        self.ids.add(inc_id)

    def candidates(self, row: dict[str, object]) -> set[str]:
        return set(self.ids)


def varied_reports(seed: int, n: int) -> pd.DataFrame:
    """Reports of neighbouring cities (a suburb 10 km off, a town 60 km off), every date
    precision, some without a city or coordinates: the cases the index must not lose."""
    rng = random.Random(seed)
    places = [("Mosul", 36.34, 43.13), ("Bartella", 36.35, 43.25), ("Tal Afar", 36.37, 42.45),
              ("mosul", 36.34, 43.13), (None, None, None), ("Hammam al-Alil", 36.16, 43.26)]  # fmt: skip
    rows = []
    for k in range(n):
        city, lat, lon = rng.choice(places)
        day = rng.choice([dt.date(2016, 12, 31), dt.date(2017, 1, 1), dt.date(2017, 1, 2),
                          dt.date(2017, 1, 31), dt.date(2017, 2, 1), dt.date(2017, 2, 3)])  # fmt: skip
        prec = rng.choice(["day", "day", "day", "month", "year", "unknown"])
        date = None if prec == "unknown" and rng.random() < 0.7 else day
        rows.append(report(
            f"v{seed}-r{k}", f"v{seed}-d{k}", city=city, latitude=lat, longitude=lon,
            geo_precision="city" if lat is not None else "admin1",
            event_date=date, date_precision=prec,
            killed_best=rng.choice([None, 3, 12, 60]), perpetrator=rng.choice([None, "Islamic State"]),
            published_at=pd.Timestamp(2021, 5, 1) + pd.Timedelta(minutes=k),
        ))  # fmt: skip
    return pd.DataFrame(rows)


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_the_candidate_index_loses_no_match_that_comparing_everything_finds(seed, monkeypatch):
    from transforms import incidents

    batch = varied_reports(seed, 150)
    indexed = merge_reports(pd.DataFrame(), pd.DataFrame(), batch.copy(), "run1", NOW)
    monkeypatch.setattr(incidents, "_Blocks", _Everything)
    everything = merge_reports(pd.DataFrame(), pd.DataFrame(), batch.copy(), "run1", NOW)
    assert 1 < len(set(everything.reports["incident_id"])) < len(batch)  # real merging happened
    assert list(indexed.reports["incident_id"]) == list(everything.reports["incident_id"])
    assert indexed.history == everything.history


def test_an_incident_reads_the_same_whatever_order_its_reports_come_in():
    """DuckDB returns an incident's reports in no fixed order: ties must not follow it."""
    import itertools

    from transforms.incidents import reconcile_incident

    members = [
        report("a", "d1", city="Mosul", attack_type="Armed Assault", killed_best=4),
        report("b", "d2", city="Kirkuk", attack_type="Bombing/Explosion", killed_best=6),
        report("c", "d3", city="Kirkuk", attack_type="Armed Assault", is_background=True),
        report("d", "d4", city="Mosul", attack_type="Bombing/Explosion", killed_best=5),
    ]
    base = {"incident_id": "inc_x"}
    seen = {tuple(sorted(reconcile_incident(base, list(p)).items(), key=str))
            for p in itertools.permutations(members)}  # fmt: skip
    assert len(seen) == 1


def test_merging_country_by_country_equals_merging_the_whole_batch(tmp_path):
    """A large batch is merged one country at a time (merge_by_country): the same incidents,
    links and history as merging it whole, over a warehouse and into an empty one."""
    wh = tmp_path / "wh"
    first = merge_reports(pd.DataFrame(), pd.DataFrame(), reports(5, 150, "run1"), "run1", NOW)
    publish_state(wh, "run1", first.incidents.assign(quarantined=False), first.reports)
    night = reports(6, 90, "run2")
    night.loc[night.index[:5], "country_iso3"] = None  # a block of reports with no country
    later = NOW + dt.timedelta(days=1)
    for prev_state, prev_reports in (
        lookup.candidates(wh, night),
        (pd.DataFrame(), pd.DataFrame()),
    ):
        whole = merge_reports(prev_state, prev_reports, night.copy(), "run2", later)
        by_iso = night.groupby(night["country_iso3"].map(block_country), sort=False)
        blocks = list(merge_by_country(prev_state, prev_reports,
                                       (g.copy() for _, g in by_iso), "run2", later))  # fmt: skip
        assert len(blocks) == 4
        assert set().union(*(b.changed for b in blocks)) == whole.changed

        def rows(frames: list[pd.DataFrame], changed: set[str]) -> list[dict[str, object]]:
            frame = pd.concat(frames, ignore_index=True)
            picked = frame[frame["incident_id"].isin(changed)]
            return store.to_arrow("incident_state", picked).sort_by("incident_id").to_pylist()

        assert rows([b.incidents for b in blocks], whole.changed) == rows(
            [whole.incidents], whole.changed
        )
        links = {r: i for b in blocks for r, i in zip(b.reports["report_id"],
                                                       b.reports["incident_id"], strict=True)}  # fmt: skip
        assert links == dict(zip(whole.reports["report_id"], whole.reports["incident_id"],
                                 strict=True))  # fmt: skip
        history = [h for b in blocks for h in b.history]

        def key(h: dict[str, object]) -> tuple[str, ...]:
            return (str(h["incident_id"]), str(h["change"]), str(h["field"]))

        assert sorted(history, key=key) == sorted(whole.history, key=key)
