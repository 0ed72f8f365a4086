"""Publishing a warehouse: one switch for every table, portable folders, retention, crashes.

Publication `n` holds `n` rows in every table, so a reader that mixes two publications is seen
at once: its tables disagree on their row count.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from warehouse import store, versions
from warehouse.schema import PUBLIC_TABLES

ALL_TABLES = [*PUBLIC_TABLES, "incident_state"]
ROOT = Path(__file__).resolve().parents[2]


def tables_of(n: int) -> dict[str, pa.Table]:
    """Every table with `n` rows (all columns NULL): enough to tell publications apart."""
    return {name: store.to_arrow(name, pd.DataFrame(index=range(n))) for name in ALL_TABLES}


def publish(wh: Path, n: int, keep: int = 3, grace: float = 0.0) -> Path:
    with store.run_lock(wh):
        return store.publish(wh, f"run-{n:03d}", tables_of(n), {}, None, keep, grace)


def parquet_counts(wh: Path) -> set[int]:
    """Row counts of the public table folders, read as any Parquet reader would."""
    return {pq.read_table(wh / name).num_rows for name in PUBLIC_TABLES}


def duckdb_counts(wh: Path) -> set[int]:
    con = store.connect_reader(wh)
    try:
        return {con.execute(f"select count(*) from {t}").fetchone()[0] for t in PUBLIC_TABLES}  # type: ignore[index]
    finally:
        con.close()


def state_count(wh: Path) -> int:
    return len(store.read_current(wh, "incident_state"))


def assert_consistent(wh: Path, n: int) -> None:
    """Parquet, DuckDB and the state the next run reads all show publication `n`."""
    assert parquet_counts(wh) == {n}
    assert duckdb_counts(wh) == {n}
    assert state_count(wh) == n


def test_every_path_goes_through_one_relative_current_link(tmp_path):
    wh = tmp_path / "wh"
    publish(wh, 1)
    publish(wh, 2)
    assert os.readlink(wh / "current") == "_versions/run-002"
    for name in [*PUBLIC_TABLES, "_state", store.DB_NAME]:
        assert os.readlink(wh / name) == f"current/{name}"
    for dirpath, dirnames, filenames in os.walk(wh):
        for entry in dirnames + filenames:
            path = Path(dirpath) / entry
            if path.is_symlink():
                assert not os.path.isabs(os.readlink(path)), path
    assert_consistent(wh, 2)


def test_moved_warehouse_answers_through_duckdb_and_parquet(tmp_path, monkeypatch):
    wh = tmp_path / "first place"
    publish(wh, 2)
    assert str(wh).encode() not in (wh / store.DB_NAME).read_bytes()
    moved = tmp_path / "elsewhere" / "wh"
    moved.parent.mkdir()
    wh.rename(moved)
    assert_consistent(moved, 2)
    # A DuckDB client opened inside the folder, as the README says.
    monkeypatch.chdir(moved)
    con = duckdb.connect(store.DB_NAME, read_only=True)
    assert con.execute("select count(*) from incidents").fetchone() == (2,)
    con.close()


def test_copied_warehouse_keeps_working_without_the_original(tmp_path):
    wh = tmp_path / "wh"
    publish(wh, 1)
    publish(wh, 2)
    copy = tmp_path / "copy"
    shutil.copytree(wh, copy, symlinks=True)  # as `cp -r` and `rsync -a` copy links
    shutil.rmtree(wh)
    assert_consistent(copy, 2)
    publish(copy, 3)
    assert_consistent(copy, 3)


@pytest.mark.parametrize("name", ["o'brien", "x'); DROP VIEW incidents; --", "a b [1] {c}"])
def test_any_folder_name_publishes_and_queries(tmp_path, name):
    wh = tmp_path / name
    publish(wh, 3)
    assert_consistent(wh, 3)
    con = store.connect_reader(wh)
    views = {
        v
        for (v,) in con.execute(
            "select view_name from duckdb_views() where not internal"
        ).fetchall()
    }
    con.close()
    assert "incidents" in views


def test_unsafe_run_id_is_refused(tmp_path):
    with pytest.raises(store.PublishError, match="not usable"):
        store.publish(tmp_path / "wh", "../escape", tables_of(1), {})


def test_reader_cannot_read_other_files(tmp_path):
    wh = tmp_path / "wh"
    publish(wh, 1)
    secret = tmp_path / "secret.csv"
    secret.write_text("a\n1\n")
    con = store.connect_reader(wh)
    try:
        with pytest.raises(duckdb.Error):
            con.execute(f"select * from read_csv('{secret}')").fetchall()
        with pytest.raises(duckdb.Error):
            con.execute("select * from read_csv('_versions/../../secret.csv')").fetchall()
        with pytest.raises(duckdb.Error):
            con.execute("SET enable_external_access = true")
    finally:
        con.close()


def test_retention_counts_complete_publications_and_drops_partial_ones(tmp_path):
    wh = tmp_path / "wh"
    publish(wh, 1)
    for orphan in ("run-failed-a", "run-failed-b"):  # what killed runs leave behind
        (wh / "_versions" / orphan / "incidents").mkdir(parents=True)
    publish(wh, 2, keep=2)
    assert sorted(p.name for p in (wh / "_versions").iterdir()) == ["run-001", "run-002"]
    publish(wh, 3, keep=2)
    assert sorted(p.name for p in (wh / "_versions").iterdir()) == ["run-002", "run-003"]
    assert [p.run_id for p in versions.publications(wh)] == ["run-003", "run-002"]


def test_open_connection_survives_publications_within_the_grace_period(tmp_path):
    wh = tmp_path / "wh"
    publish(wh, 1)
    con = store.connect_reader(wh)
    for n in (2, 3, 4, 5):
        publish(wh, n, keep=1, grace=3600)
        # The connection keeps reading the publication it opened, whole.
        assert con.execute("select count(*) from incidents").fetchone() == (1,)
        assert con.execute("select count(*) from documents").fetchone() == (1,)
    con.close()
    assert_consistent(wh, 5)


def test_without_grace_the_old_publication_goes(tmp_path):
    wh = tmp_path / "wh"
    publish(wh, 1)
    con = store.connect_reader(wh)
    publish(wh, 2, keep=1, grace=0)
    with pytest.raises(duckdb.Error, match=r"No files found|does not exist|No such file"):
        con.execute("select count(*) from incidents").fetchall()
    con.close()


def test_grace_is_measured_from_when_a_publication_was_replaced(tmp_path):
    wh = tmp_path / "wh"
    for n in (1, 2, 3):
        publish(wh, n, keep=1, grace=3600)
    later = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(hours=2)
    assert versions.prune(wh, keep=1, grace_seconds=3600, now=later) == ["run-001", "run-002"]


@pytest.mark.parametrize("fail_in", ["_build_database", "write_manifest", "make_current"])
def test_failure_before_the_switch_leaves_the_previous_publication(tmp_path, monkeypatch, fail_in):
    wh = tmp_path / "wh"
    publish(wh, 1)

    def boom(*args, **kwargs):
        raise OSError("injected failure")

    target = store if fail_in == "_build_database" else versions
    monkeypatch.setattr(target, fail_in, boom)
    with pytest.raises(OSError, match="injected"):
        publish(wh, 2)
    monkeypatch.undo()
    assert_consistent(wh, 1)
    publish(wh, 3)
    assert_consistent(wh, 3)
    assert [p.run_id for p in versions.publications(wh)] == ["run-003", "run-001"]


def test_full_disk_is_reported_as_such_and_leaves_nothing_behind(tmp_path, monkeypatch):
    wh = tmp_path / "wh"
    publish(wh, 1)

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "_build_database", full)
    with pytest.raises(store.PublishError, match="disk full"):
        publish(wh, 2)
    assert not (wh / "_versions" / "run-002").exists()
    assert_consistent(wh, 1)


KILL_SCRIPT = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from tests.unit.test_publication import publish
    from warehouse import store, versions

    point = sys.argv[2]

    def killing(module, name):
        real = getattr(module, name)
        def wrapper(*args, **kwargs):
            if name == point:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args, **kwargs)
        setattr(module, name, wrapper)

    for name in ("_build_database", "_linked_names"):
        killing(store, name)
    for name in ("write_manifest", "swap_symlink", "prune"):
        killing(versions, name)
    publish(Path(sys.argv[1]), 2)
    """
)


@pytest.mark.parametrize(
    ("point", "visible"),
    [
        ("_build_database", 1),  # tables written, no database yet
        ("write_manifest", 1),  # database written, not described yet
        ("swap_symlink", 1),  # everything on disk, `current` not replaced yet
        ("prune", 2),  # switched, older publications not pruned yet
    ],
)
def test_kill_9_at_each_step_leaves_parquet_and_duckdb_on_one_publication(tmp_path, point, visible):
    wh = tmp_path / "wh"
    publish(wh, 1)
    proc = subprocess.run(
        [sys.executable, "-c", KILL_SCRIPT, str(wh), point], cwd=ROOT, check=False
    )
    assert proc.returncode == -signal.SIGKILL
    assert_consistent(wh, visible)
    publish(wh, 3, keep=1)
    assert_consistent(wh, 3)
    assert sorted(p.name for p in (wh / "_versions").iterdir()) == ["run-003"]


def test_older_layout_is_taken_over(tmp_path):
    """A warehouse published with per-table links into _versions/ and a real DuckDB file."""
    wh = tmp_path / "wh"
    old = wh / "_versions" / "run-000"
    for name in ALL_TABLES:
        folder = old / ("_state/" + name if name == "incident_state" else name)
        store.materialize(tables_of(4)[name], folder)
    for name in PUBLIC_TABLES:
        os.symlink(f"_versions/run-000/{name}", wh / name)
    (wh / "_state").mkdir()
    os.symlink("../_versions/run-000/_state/incident_state", wh / "_state" / "incident_state")
    (wh / store.DB_NAME).write_bytes(b"")
    assert state_count(wh) == 4  # the next run starts from it
    publish(wh, 5)
    assert_consistent(wh, 5)
    assert [p.run_id for p in versions.publications(wh)] == ["run-005", "run-000"]


def test_first_publication_appears_in_one_step(tmp_path, monkeypatch):
    wh = tmp_path / "wh"
    real = versions.swap_symlink

    def crash_at_current(link: Path, target: str) -> None:
        if link.name == "current":
            raise OSError("injected crash at the switch")
        real(link, target)

    monkeypatch.setattr(versions, "swap_symlink", crash_at_current)
    with pytest.raises(OSError, match="injected"):
        publish(wh, 1)
    monkeypatch.undo()
    # The links are there already, but lead nowhere until the switch: nothing half-published.
    assert os.readlink(wh / "incidents") == "current/incidents"
    assert not (wh / "incidents").exists() and not (wh / store.DB_NAME).exists()
    assert state_count(wh) == 0
    publish(wh, 2)
    assert_consistent(wh, 2)


SWAP_KILL_SCRIPT = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from tests.unit.test_publication import publish
    from warehouse import versions

    wh, n, nth, after = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    real, calls = versions.swap_symlink, [0]

    def swap(link, target):
        calls[0] += 1
        if calls[0] == nth and after == "before":
            os.kill(os.getpid(), signal.SIGKILL)
        real(link, target)
        if calls[0] == nth and after == "after":
            os.kill(os.getpid(), signal.SIGKILL)

    versions.swap_symlink = swap
    publish(wh, n)
    """
)
N_LINKS = len(PUBLIC_TABLES) + 2  # the tables, _state, incidents.duckdb; then `current`


@pytest.mark.parametrize(
    ("previous", "nth", "when", "visible"),
    [
        (0, 1, "before", 0),  # first publication: no link made yet
        (0, 4, "before", 0),  # first publication: 3 per-name links made, dangling
        (0, N_LINKS, "after", 0),  # first publication: every per-name link, no `current`
        (0, N_LINKS + 1, "after", 1),  # first publication: `current` made
        (1, 3, "after", 1),  # later publication: between per-name links (already right)
        (1, N_LINKS + 1, "before", 1),  # later publication: before `current`
        (1, N_LINKS + 1, "after", 2),  # later publication: after `current`
    ],
)
def test_kill_9_between_link_switches_shows_one_publication_or_none(
    tmp_path, previous, nth, when, visible
):
    wh = tmp_path / "wh"
    if previous:
        publish(wh, previous)
    n = previous + 1
    proc = subprocess.run(
        [sys.executable, "-c", SWAP_KILL_SCRIPT, str(wh), str(n), str(nth), when],
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode == -signal.SIGKILL
    if visible:
        assert_consistent(wh, visible)
    else:  # nothing public: every link there leads nowhere yet
        assert versions.current_version(wh) is None and state_count(wh) == 0
        assert not any((wh / name).exists() for name in [*PUBLIC_TABLES, store.DB_NAME])
    publish(wh, 5, keep=1)
    assert_consistent(wh, 5)
    assert sorted(p.name for p in (wh / "_versions").iterdir()) == ["run-005"]
