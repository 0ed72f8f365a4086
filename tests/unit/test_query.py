"""`incidents query`: a sandbox that reads only the warehouse, and honest output formats."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from warehouse import store
from warehouse.query import QueryError, run_query
from warehouse.schema import SCHEMAS

ROOT = Path(__file__).resolve().parents[2]


def _incident(n: int, **values: object) -> dict[str, object]:
    row: dict[str, object] = {f.name: None for f in SCHEMAS["incidents"]}
    row.update(incident_id=f"i{n}", date_precision="unknown", geo_precision="unknown",
               attack_type="Unknown", n_reports=1, first_seen_at=dt.datetime(2024, 1, 1))  # fmt: skip
    row.update(values)
    return row


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small published warehouse, built by the real publisher (no flow needed)."""
    wh = tmp_path_factory.mktemp("o'brien") / "wh"
    rows = [
        _incident(1, event_date=dt.date(2020, 11, 2), country="Austria", killed_low=4,
                  killed_best=4, summary='A gunman, "armed", opened fire.\nFour died.'),
        _incident(2, killed_low=None, latitude=None),
        _incident(3, killed_low=32, summary=""),
    ]  # fmt: skip
    tables = {name: store.to_arrow(name, []) for name in SCHEMAS}
    tables["incidents"] = store.to_arrow("incidents", rows)
    store.publish(wh, "20240101T000000-test", tables, {})
    return wh


def _fingerprint(wh: Path) -> dict[str, str]:
    """Every file of the publication with its content hash (links resolved)."""
    return {
        str(p.relative_to(wh)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(wh.rglob("*"))
        if p.is_file()
    }


HOSTILE = [
    "select * from read_csv('/etc/passwd')",
    "select * from read_text('/etc/hostname')",
    "select * from glob('/root/**')",
    "COPY (select 1) TO '{tmp}/out.csv'",
    "COPY (select * from incidents where false) TO '{wh}/incidents/part-0.parquet'",
    "COPY incidents TO '{wh}/incidents/part-0.parquet' (FORMAT parquet)",
    "COPY incidents TO '_versions/20240101T000000-test/incidents/part-0.parquet'",
    "COPY incidents TO 'current/incidents/part-0.parquet'",
    "ATTACH '{tmp}/other.duckdb' AS other (READ_WRITE)",
    "ATTACH '{wh}/incidents.duckdb' AS again (READ_WRITE)",
    "INSTALL httpfs",
    "LOAD httpfs",
    "SET threads = 1",
    "SET enable_external_access = true",
    "RESET lock_configuration",
    "EXPORT DATABASE '{tmp}/export'",
    "CREATE TABLE t AS SELECT 1",
    "DROP VIEW incidents",
    "select 1; COPY (select 1) TO '{tmp}/two.csv'",
    "select * from query('COPY (select 1) TO ''{tmp}/q.csv''')",
    "CALL checkpoint()",
]


@pytest.mark.parametrize("sql", HOSTILE)
def test_hostile_statements_are_refused_and_publication_unchanged(warehouse, tmp_path, sql):
    before = _fingerprint(warehouse)
    quoted = {k: str(v).replace("'", "''") for k, v in (("wh", warehouse), ("tmp", tmp_path))}
    with pytest.raises(QueryError) as refused:
        run_query(warehouse, sql.format(**quoted))
    assert "syntax error" not in str(refused.value) and "unterminated" not in str(refused.value)
    assert _fingerprint(warehouse) == before
    assert list(tmp_path.iterdir()) == []
    assert run_query(warehouse, "select count(*) as n from incidents", "csv") == "n\n3"


def test_reading_the_warehouse_own_files_still_works(warehouse):
    listed = run_query(
        warehouse, "select count(*) as n from glob('_versions/*/incidents/**/*.parquet')", "csv"
    )
    assert listed == "n\n2"  # the 2020-11 and undated partitions
    out = run_query(warehouse, "describe incidents", "csv")
    assert "killed_low,INTEGER" in out


def test_table_shows_null_as_null_and_integers_as_integers(warehouse):
    out = run_query(
        warehouse,
        "select incident_id, killed_low, latitude, event_date from incidents order by 1",
    )
    lines = out.splitlines()
    assert lines[0].split() == ["incident_id", "killed_low", "latitude", "event_date"]
    assert lines[2].split() == ["i1", "4", "NULL", "2020-11-02"]
    assert lines[3].split() == ["i2", "NULL", "NULL", "NULL"]
    assert lines[-1] == "(3 rows)"
    for bad in ("NaN", "NaT", "<NA>", "None", "4.0", "32.0"):
        assert bad not in out
    total = run_query(warehouse, "select sum(killed_low) as total from incidents")
    assert total.splitlines()[2].strip() == "36"


def test_table_keeps_one_line_per_row(warehouse):
    out = run_query(warehouse, "select summary from incidents where incident_id = 'i1'")
    assert out.splitlines()[2] == 'A gunman, "armed", opened fire.\\nFour died.'


def test_json_is_valid_for_any_result(warehouse):
    rows = json.loads(run_query(warehouse, "select * from incidents order by incident_id", "json"))
    assert rows[0]["killed_low"] == 4 and rows[1]["killed_low"] is None
    assert rows[0]["event_date"] == "2020-11-02"
    assert rows[0]["first_seen_at"] == "2024-01-01T00:00:00"
    assert run_query(warehouse, "select * from incidents where false", "json") == "[]"
    odd = json.loads(
        run_query(
            warehouse,
            "select 1 as a, 2 as a, 'nan'::double as x, 1.50::decimal(4,2) as d, "
            "[1, null] as l, {'k': null} as s, map([1], ['v']) as m, 'b'::blob as b",
            "json",
        )
    )
    assert odd == [{"a": 1, "a_2": 2, "x": "nan", "d": 1.5, "l": [1, None],
                    "s": {"k": None}, "m": {"1": "v"}, "b": "62"}]  # fmt: skip


def test_csv_quotes_and_tells_null_from_empty(warehouse):
    out = run_query(
        warehouse, "select incident_id, summary from incidents order by incident_id", "csv"
    )
    assert out == (
        'incident_id,summary\ni1,"A gunman, ""armed"", opened fire.\nFour died."\ni2,\ni3,""'
    )


def test_missing_warehouse_says_what_to_do(tmp_path):
    with pytest.raises(QueryError, match="run `incidents run --warehouse"):
        run_query(tmp_path / "none", "select 1")


def test_query_command_loads_no_dataframe_library(warehouse):
    code = (
        "import sys; from incidents.cli import main; "
        f"rc = main(['query', 'select 1 as one', '--warehouse', {str(warehouse)!r}]); "
        "heavy = [m for m in ('pandas', 'pyarrow', 'prefect') if m in sys.modules]; "
        "print('LOADED', heavy); sys.exit(rc)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert "LOADED []" in done.stdout
    assert "one" in done.stdout
