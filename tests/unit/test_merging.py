"""Matching rules: place alone never merges, and one weak link cannot chain attacks."""

import datetime as dt

import pandas as pd
import pytest

from transforms.incidents import match_score, merge_reports
from warehouse.schema import ATTRIBUTE_COLUMNS

NOW = dt.datetime(2021, 5, 2, 2, 0)


def report(report_id: str, doc_id: str, **kw: object) -> dict[str, object]:
    row: dict[str, object] = {c: None for c in ATTRIBUTE_COLUMNS}
    row.update(
        report_id=report_id,
        incident_id=None,
        doc_id=doc_id,
        is_background=False,
        country="Iraq",
        country_iso3="IRQ",
        city="Mosul",
        admin1="Nineveh",
        latitude=36.34,
        longitude=43.13,
        geo_precision="city",
        date_precision="unknown",
        attack_type="Bombing/Explosion",
        target_type="Private Citizens & Property",
        summary="",
        evidence="",
        char_start=0,
        char_end=10,
        confidence=0.8,
        published_at=pd.Timestamp("2021-05-01"),
        run_id="run1",
    )
    row.update(kw)
    return row


def day(y: int, m: int, d: int) -> dict[str, object]:
    return {"event_date": dt.date(y, m, d), "date_precision": "day"}


def n_incidents(rows: list[dict[str, object]]) -> int:
    out = merge_reports(pd.DataFrame(), pd.DataFrame(), pd.DataFrame(rows), "run1", NOW)
    live = out.incidents
    if "merged_into" in live:
        live = live[live["merged_into"].isna()]
    return len(live)


# no_join_on_place_alone: an undated or year-only report and a dated incident in one city,
# with the same kind of attack, are not one attack unless something specific agrees.
@pytest.mark.parametrize(
    "undated",
    [
        {},  # no date at all
        {"event_date": dt.date(2019, 1, 1), "date_precision": "year"},  # the year only
        {"killed_best": 40, "killed_low": 40},  # a toll, but another one
        {"perpetrator": "Al-Qaida in Iraq"},  # one group, many attacks in one city
    ],
)
def test_undated_report_does_not_join_on_place_and_type(undated: dict[str, object]) -> None:
    dated = report(
        "r1", "d1", killed_best=12, killed_low=12, perpetrator="Al-Qaida in Iraq", **day(2019, 3, 4)
    )
    assert match_score(report("r2", "d2", **undated), dated) is None


@pytest.mark.parametrize(
    "specific",
    [
        {"perpetrator": "Al-Qaida in Iraq", "killed_best": 20, "killed_low": 20},
        {"killed_best": 12, "killed_low": 12},
        {"killed_best": 15, "killed_low": 12},  # the low figure agrees
    ],
)
def test_undated_report_joins_when_group_or_toll_agrees(specific: dict[str, object]) -> None:
    dated = report(
        "r1", "d1", killed_best=12, killed_low=12, perpetrator="Al-Qaida in Iraq", **day(2019, 3, 4)
    )
    score = match_score(report("r2", "d2", **specific), dated)
    assert score is not None and score >= 3


def test_one_dead_on_both_sides_says_little() -> None:
    dated = report("r1", "d1", killed_best=1, killed_low=1, **day(2019, 3, 4))
    assert match_score(report("r2", "d2", killed_best=1, killed_low=1), dated) is None
    assert (
        match_score(
            report("r2", "d2", killed_best=4, killed_low=4),
            report("r1", "d1", killed_best=4, killed_low=4, **day(2019, 3, 4)),
        )
        is not None
    )


def test_undated_report_in_another_city_never_joins() -> None:
    dated = report("r1", "d1", perpetrator="Al-Qaida in Iraq", **day(2019, 3, 4))
    other = report(
        "r2", "d2", city="Kirkuk", latitude=35.47, longitude=44.39, perpetrator="Al-Qaida in Iraq"
    )
    assert match_score(other, dated) is None


def test_dated_reports_of_one_day_in_one_city_still_join() -> None:
    a = report("r1", "d1", killed_best=7, killed_low=7, **day(2019, 3, 4))
    b = report("r2", "d2", killed_best=9, killed_low=9, **day(2019, 3, 5))
    assert n_incidents([a, b]) == 1


# every_member_agrees: a report linked to an incident through one member must fit them all.
def test_one_weak_link_does_not_chain_two_years() -> None:
    rows = [
        report("r1", "d1", perpetrator="Al-Qaida in Iraq", **day(2014, 6, 10)),
        report("r2", "d2", perpetrator="Al-Qaida in Iraq", **day(2016, 6, 10)),
        # Undated, same city, same group: it could be either attack, so it may join one, but
        # it must not make the two attacks one incident.
        report("r3", "d3", perpetrator="Al-Qaida in Iraq"),
    ]
    assert n_incidents(rows) >= 2


def test_an_incident_with_a_city_rejects_a_report_from_another_city() -> None:
    rows = [
        report("r1", "d1", killed_best=5, killed_low=5, **day(2020, 2, 1)),
        # No city, only the province: matches the incident's admin1 and toll...
        report(
            "r2",
            "d2",
            city=None,
            geo_precision="admin1",
            killed_best=5,
            killed_low=5,
            **day(2020, 2, 1),
        ),
        # ... and a report from another city of that province on that day does not join
        # through the province-only member.
        report(
            "r3",
            "d3",
            city="Tal Afar",
            latitude=36.37,
            longitude=42.45,
            killed_best=5,
            killed_low=5,
            **day(2020, 2, 1),
        ),
    ]
    out = merge_reports(pd.DataFrame(), pd.DataFrame(), pd.DataFrame(rows), "run1", NOW)
    by_report = dict(zip(out.reports["report_id"], out.reports["incident_id"], strict=True))
    assert by_report["r3"] != by_report["r1"]
