"""Incident ids do not depend on the order in which the same reports arrive."""

import datetime as dt

import pandas as pd

from tests.unit.test_incidents import report
from transforms.incidents import incident_id_for, merge_reports

NOW1 = dt.datetime(2020, 11, 10, 2, 0)
NOW2 = dt.datetime(2020, 11, 11, 2, 0)
KABUL = dict(city="Kabul", admin1="Kabul", geo_precision="city", latitude=34.53, longitude=69.17)
HERAT = dict(city="Herat", admin1="Herat", geo_precision="city", latitude=34.35, longitude=62.2)


def _reports() -> pd.DataFrame:
    """Three incidents told over a week; two of them reported again later, one merged late."""
    day = dict(date_precision="day", attack_type="Bombing/Explosion")
    rows = [
        report("r1", "d1", "run", event_date=dt.date(2020, 11, 2), killed_low=5, killed_best=5,
               published_at=pd.Timestamp("2020-11-02"), **KABUL, **day),
        report("r2", "d2", "run", event_date=dt.date(2020, 11, 3), killed_low=2, killed_best=2,
               published_at=pd.Timestamp("2020-11-03"), **HERAT, **day),
        report("r3", "d3", "run", event_date=dt.date(2020, 11, 2), killed_low=9, killed_best=9,
               published_at=pd.Timestamp("2020-11-06"), **KABUL, **day),
        report("r4", "d4", "run", event_date=dt.date(2020, 11, 3), killed_low=3, killed_best=3,
               published_at=pd.Timestamp("2020-11-07"), **HERAT, **day),
        report("r5", "d5", "run", event_date=dt.date(2020, 11, 6), killed_low=1, killed_best=1,
               published_at=pd.Timestamp("2020-11-08"), **KABUL, **day),
    ]  # fmt: skip
    return pd.DataFrame(rows)


def _two_nights(first: pd.DataFrame, second: pd.DataFrame) -> tuple[dict[str, str], set[str]]:
    """Each report's live incident id and the live ids after publishing `first`, then `second`."""
    night1 = merge_reports(
        pd.DataFrame(), pd.DataFrame(), first.assign(run_id="run1"), "run1", NOW1
    )
    night2 = merge_reports(
        night1.incidents, night1.reports, second.assign(run_id="run2"), "run2", NOW2
    )
    incidents = night2.incidents
    if "merged_into" not in incidents:
        incidents = incidents.assign(merged_into=None)
    live = incidents[incidents["merged_into"].isna()]
    return dict(zip(night2.reports["report_id"], night2.reports["incident_id"], strict=True)), set(
        live["incident_id"]
    )


def test_halves_swapped_give_the_same_ids_as_chronological_order():
    rows = _reports()
    early, late = (
        rows[rows["published_at"] <= "2020-11-03"],
        rows[rows["published_at"] > "2020-11-03"],
    )
    chronological = _two_nights(early, late)
    swapped = _two_nights(late, early)
    assert chronological == swapped
    by_report, live = chronological
    # Each incident is named after its earliest report.
    assert live == {incident_id_for("r1"), incident_id_for("r2"), incident_id_for("r5")}
    assert by_report["r3"] == incident_id_for("r1") and by_report["r4"] == incident_id_for("r2")


def test_an_id_replaced_by_an_earlier_report_is_recorded_as_merged_into_it():
    rows = _reports()
    late = rows[rows["report_id"] == "r3"]
    early = rows[rows["report_id"] == "r1"]
    night1 = merge_reports(pd.DataFrame(), pd.DataFrame(), late.assign(run_id="run1"), "run1", NOW1)
    old_id = night1.incidents["incident_id"].iloc[0]
    night2 = merge_reports(
        night1.incidents, night1.reports, early.assign(run_id="run2"), "run2", NOW2
    )
    inc = night2.incidents.set_index("incident_id")
    assert "merged_into" in inc
    assert inc.loc[old_id, "merged_into"] == incident_id_for("r1")
    assert pd.isna(inc.loc[incident_id_for("r1"), "merged_into"])
    assert inc.loc[incident_id_for("r1"), "first_seen_at"] == NOW1  # published since night 1
    assert set(night2.reports["incident_id"]) == {incident_id_for("r1")}
    assert ("merged_into", old_id) in {(h["change"], h["incident_id"]) for h in night2.history}
