import datetime as dt

import pandas as pd
import pytest

from transforms.incidents import merge_reports
from warehouse.schema import ATTRIBUTE_COLUMNS

NOW1 = dt.datetime(2020, 11, 3, 2, 0)
NOW2 = dt.datetime(2020, 11, 4, 2, 0)


def report(report_id, doc_id, run_id, **kw):
    row = {c: None for c in ATTRIBUTE_COLUMNS}
    row.update(
        report_id=report_id,
        incident_id=None,
        doc_id=doc_id,
        is_background=False,
        country="Afghanistan",
        country_iso3="AFG",
        date_precision="unknown",
        geo_precision="country",
        attack_type="Armed Assault",
        summary="",
        evidence="",
        char_start=0,
        char_end=10,
        confidence=0.8,
        published_at=pd.Timestamp("2020-11-03"),
        run_id=run_id,
    )
    row.update(kw)
    return row


def test_two_published_incidents_found_to_be_one_are_merged_and_recorded():
    # Night 1: a first Kabul report that cannot yet say what kind of attack it was, and a
    # report naming only the province, are too thin to be matched: two incidents.
    first = pd.DataFrame(
        [
            report("r1", "d1", "run1", city="Kabul", admin1="Kabul", geo_precision="city",
                   latitude=34.53, longitude=69.17, event_date=dt.date(2020, 11, 2),
                   date_precision="day", attack_type="Unknown"),
            report("r2", "d2", "run1", admin1="Kabul", geo_precision="admin1",
                   event_date=dt.date(2020, 11, 2), date_precision="day", killed_low=19,
                   killed_best=19),
        ]
    )  # fmt: skip
    night1 = merge_reports(pd.DataFrame(), pd.DataFrame(), first, "run1", NOW1)
    live = night1.incidents
    assert len(live) == 2
    ids = sorted(live["incident_id"])

    # Night 2: a full report from Kabul joins the first; the first, now an armed assault with a
    # toll, plainly is the second one too. One id survives, the other is recorded as merged into it.
    second = pd.DataFrame(
        [
            report("r3", "d3", "run2", city="Kabul", admin1="Kabul", geo_precision="city",
                   latitude=34.53, longitude=69.17, event_date=dt.date(2020, 11, 2),
                   date_precision="day", killed_low=25, killed_best=25,
                   published_at=pd.Timestamp("2020-11-04")),
        ]
    )  # fmt: skip
    night2 = merge_reports(night1.incidents, night1.reports, second, "run2", NOW2)
    inc = night2.incidents.set_index("incident_id")
    assert sorted(inc.index) == ids  # nothing dropped
    alive = inc[inc["merged_into"].isna()]
    gone = inc[inc["merged_into"].notna()]
    assert len(alive) == 1 and len(gone) == 1
    survivor = alive.index[0]
    assert gone["merged_into"].iloc[0] == survivor
    assert set(night2.reports["incident_id"]) == {survivor}
    assert alive.loc[survivor, "killed_best"] == 25
    assert [h["change"] for h in night2.history if h["incident_id"] == gone.index[0]] == [
        "merged_into"
    ]


def test_incidents_from_one_document_are_never_merged():
    # One article reporting two attacks in one city on one day keeps them apart.
    rows = pd.DataFrame(
        [
            report("r1", "d1", "run1", city="Kabul", geo_precision="city", latitude=34.53,
                   longitude=69.17, event_date=dt.date(2020, 11, 2), date_precision="day",
                   attack_type="Bombing/Explosion", killed_best=5, killed_low=5),
            report("r2", "d1", "run1", city="Kabul", geo_precision="city", latitude=34.53,
                   longitude=69.17, event_date=dt.date(2020, 11, 2), date_precision="day",
                   attack_type="Armed Assault", killed_best=30, killed_low=30, char_start=50),
        ]
    )  # fmt: skip
    out = merge_reports(pd.DataFrame(), pd.DataFrame(), rows, "run1", NOW1)
    assert out.incidents["merged_into"].isna().all() if "merged_into" in out.incidents else True
    assert len(out.incidents) == 2


@pytest.mark.parametrize(
    ("value", "text"),
    [(45.0, "45"), (45, "45"), (None, None), (0.5, "0.5"), ("Kabul", "Kabul"), (True, "True")],
)
def test_history_values_are_written_as_they_read(value, text):
    from transforms.incidents import as_text

    assert as_text(value) == text
