"""Partitioned publication: a run writes the partitions it changes and links the rest."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from warehouse import partitions, store
from warehouse.schema import SCHEMAS


def incident(n: int, day: dt.date | None, killed: int = 1, **extra: object) -> dict[str, object]:
    return {"incident_id": f"inc_{n}", "event_date": day, "killed_best": killed,
            "country_iso3": "AFG", **extra}  # fmt: skip


def table(name: str, rows: list[dict[str, object]]) -> pa.Table:
    return store.to_arrow(name, rows)


def publish(wh: Path, run: str, tables: dict[str, pa.Table | store.Changes],
            reference: dict[str, pd.DataFrame] | None = None, key: str | None = None) -> Path:  # fmt: skip
    with store.run_lock(wh):
        return store.publish(wh, run, tables, reference or {}, None, 3, 0.0, reference_key=key)


def files(folder: Path, name: str) -> dict[str, int]:
    """Partition -> inode of a publication's files of one table."""
    by_part = store.table_files(folder, name)
    return {p: fs[0].stat().st_ino for p, fs in by_part.items()}


def rows(wh: Path, name: str) -> list[tuple[object, ...]]:
    frame = pq.read_table(wh / name).to_pandas()
    return sorted(zip(frame["incident_id"], frame["killed_best"], strict=True))


def test_rows_fall_into_event_months_runs_and_ingest_runs():
    incidents = table("incidents", [incident(1, dt.date(2017, 5, 3)), incident(2, None)])
    assert set(partitions.split("incidents", incidents)) == {"2017-05", "undated"}
    history = table("incident_history", [{"incident_id": "a", "run_id": "r1"}])
    assert set(partitions.split("incident_history", history)) == {"run-r1"}
    docs = table("documents", [{"doc_id": "d", "ingested_at": dt.datetime(2026, 12, 1, 2, 3, 4)}])
    assert set(partitions.split("documents", docs)) == {"ingest-20261201T020304"}
    assert set(partitions.split("runs", table("runs", [{"run_id": "r1"}]))) == {""}
    assert partitions.split("incidents", table("incidents", [])) == {}


def test_unchanged_partitions_are_the_same_files_and_changed_ones_are_rewritten(tmp_path):
    wh = tmp_path / "wh"
    may, june = dt.date(2017, 5, 3), dt.date(2017, 6, 9)
    first = publish(
        wh, "r1", {"incidents": table("incidents", [incident(1, may), incident(2, june)])}
    )
    before = files(first, "incidents")
    change = store.Changes(table("incidents", [incident(2, june, killed=5)]), "incident_id")
    second = publish(wh, "r2", {"incidents": change})
    after = files(second, "incidents")
    assert after["2017-05"] == before["2017-05"]  # carried over: a hard link, no copy
    assert after["2017-06"] != before["2017-06"]
    assert rows(wh, "incidents") == [("inc_1", 1), ("inc_2", 5)]


def test_a_row_that_changes_month_leaves_its_old_partition(tmp_path):
    wh = tmp_path / "wh"
    publish(wh, "r1", {"incidents": table("incidents", [incident(1, None), incident(2, None)])})
    moved = store.Changes(
        table("incidents", [incident(1, dt.date(2019, 1, 2), killed=3)]), "incident_id",
        frozenset({"undated"}),
    )  # fmt: skip
    folder = publish(wh, "r2", {"incidents": moved})
    assert set(files(folder, "incidents")) == {"2019-01", "undated"}
    assert rows(wh, "incidents") == [("inc_1", 3), ("inc_2", 1)]


def test_dropped_keys_leave_and_appended_rows_join(tmp_path):
    wh = tmp_path / "wh"
    history = table("incident_history", [{"incident_id": "a", "run_id": "r1"}])
    publish(wh, "r1", {"incidents": table("incidents", [incident(1, None), incident(2, None)]),
                       "incident_history": history})  # fmt: skip
    later = table("incident_history", [{"incident_id": "b", "run_id": "r2"}])
    gone = store.Changes(table("incidents", []), "incident_id", frozenset({"undated"}),
                         frozenset({"inc_2"}))  # fmt: skip
    folder = publish(wh, "r2", {"incidents": gone, "incident_history": store.Changes(later)})
    assert rows(wh, "incidents") == [("inc_1", 1)]
    assert set(files(folder, "incident_history")) == {"run-r1", "run-r2"}
    assert pq.read_table(wh / "incident_history").num_rows == 2


def test_an_emptied_table_keeps_one_file_for_readers(tmp_path):
    wh = tmp_path / "wh"
    publish(wh, "r1", {"incidents": table("incidents", [incident(1, None)])})
    gone = store.Changes(table("incidents", []), "incident_id", frozenset({"undated"}),
                         frozenset({"inc_1"}))  # fmt: skip
    publish(wh, "r2", {"incidents": gone})
    assert pq.read_table(wh / "incidents").num_rows == 0
    con = store.connect_reader(wh)
    assert con.execute("select count(*) from incidents").fetchone() == (0,)
    con.close()


def test_a_single_file_table_of_the_older_layout_is_cut_into_partitions(tmp_path):
    wh = tmp_path / "wh"
    both = table("incidents", [incident(1, dt.date(2017, 5, 3)), incident(2, None)])
    first = publish(wh, "r1", {"incidents": both})
    # Rewrite the publication as the older layout had it: one file at the folder's top.
    folder = first / "incidents"
    for f in folder.rglob("*.parquet"):
        f.unlink()
    pq.write_table(both, folder / "part-0.parquet")
    change = store.Changes(table("incidents", [incident(3, None)]), "incident_id")
    second = publish(wh, "r2", {"incidents": change})
    assert set(files(second, "incidents")) == {"2017-05", "undated"}
    assert rows(wh, "incidents") == [("inc_1", 1), ("inc_2", 1), ("inc_3", 1)]


def test_reference_tables_are_linked_while_the_seeds_are_unchanged(tmp_path):
    wh = tmp_path / "wh"
    ref = {"countries": pd.DataFrame({"iso3": ["AFG"], "name": ["Afghanistan"]})}
    empty = {"incidents": table("incidents", [])}
    first = publish(wh, "r1", empty, ref, key="k1")
    inode = next((first / "_reference").rglob("*.parquet")).stat().st_ino

    def not_needed() -> dict[str, pd.DataFrame]:
        raise AssertionError("the seeds were read although they did not change")

    second = publish(wh, "r2", empty, not_needed, key="k1")
    assert next((second / "_reference").rglob("*.parquet")).stat().st_ino == inode
    third = publish(wh, "r3", empty, ref, key="k2")
    assert next((third / "_reference").rglob("*.parquet")).stat().st_ino != inode
    con = duckdb.connect(str(wh / "incidents.duckdb"), read_only=True,
                         config={"file_search_path": str(wh)})  # fmt: skip
    assert con.execute("select name from ref_countries").fetchall() == [("Afghanistan",)]
    con.close()


def test_a_whole_table_replaces_every_partition(tmp_path):
    wh = tmp_path / "wh"
    publish(wh, "r1", {"incidents": table("incidents", [incident(1, dt.date(2017, 5, 3))])})
    folder = publish(wh, "r2", {"incidents": table("incidents", [incident(2, None)])})
    assert set(files(folder, "incidents")) == {"undated"}
    assert set(SCHEMAS["incidents"].names) == set(pq.read_table(wh / "incidents").column_names)
