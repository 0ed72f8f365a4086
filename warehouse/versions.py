"""Publications under DIR/_versions/ and the one `current` link that makes one of them public.

Every path a reader uses goes through `DIR/current`: `DIR/<table> -> current/<table>`,
`DIR/incidents.duckdb -> current/incidents.duckdb`. Replacing that one link (os.replace of a
symlink, atomic on POSIX) switches Parquet readers and DuckDB readers together. All links are
relative, so the folder can be moved, copied (`cp -r`, `rsync -a`) or mounted elsewhere.

Each publication holds a manifest naming the publication it replaced. Following `previous`
from `current` gives the complete publications, newest first; a folder outside that chain is
what a failed run left behind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

VERSIONS = "_versions"
CURRENT = "current"
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Publication:
    """One complete publication: its run, its folder and when it became current."""

    run_id: str
    folder: Path
    published_at: dt.datetime | None


def fsync_path(path: Path) -> None:
    """Flush a file or a directory entry to disk, so that a power cut cannot undo it."""
    flags = os.O_RDONLY | (os.O_DIRECTORY if path.is_dir() else 0)
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def current_version(warehouse: Path) -> Path | None:
    """Folder of the last complete publication (None before the first one).

    Resolved once, so that a reader that reads several tables reads one publication.
    A warehouse of the older layout (`DIR/<table> -> _versions/<run>/<table>`) is understood too.
    """
    link = warehouse / CURRENT
    if link.is_symlink():
        return warehouse / os.readlink(link)
    legacy = warehouse / "runs"
    if legacy.is_symlink() and os.readlink(legacy).startswith(VERSIONS + "/"):
        return warehouse / Path(os.readlink(legacy)).parent
    return None


def write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    """The publication's own description, written and flushed before it can become current."""
    path = folder / MANIFEST
    path.write_text(json.dumps(manifest, indent=2, default=str), encoding="utf-8")
    fsync_path(path)


def read_manifest(folder: Path) -> dict[str, Any] | None:
    """A publication's manifest, or None for a folder without one (older layout, partial run)."""
    try:
        loaded: dict[str, Any] = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return loaded


def swap_symlink(link: Path, target: str) -> None:
    """Point `link` at `target` in one step, replacing a real file or folder left by old layouts."""
    if link.is_symlink() and os.readlink(link) == target:
        return
    tmp = link.with_name(f".{link.name}.swap")
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(target, tmp)
    if link.is_dir() and not link.is_symlink():
        shutil.rmtree(link)  # the older layout kept _state/ as a real folder of links
    os.replace(tmp, link)


def make_current(warehouse: Path, run_id: str, names: list[str]) -> None:
    """The switch: `current` points at the run's folder; the per-name links go through it.

    The per-name links never change once made. A new warehouse gets them before its first
    switch (dangling until then), so that its first publication appears in one step too; an
    older-layout warehouse first gets a `current` for what it already publishes.
    """
    link = warehouse / CURRENT
    existing = current_version(warehouse)
    if existing is not None and not link.is_symlink():
        swap_symlink(link, f"{VERSIONS}/{existing.name}")
    later = []
    for name in names:
        if existing is None or (existing / name).exists():
            swap_symlink(warehouse / name, f"{CURRENT}/{name}")  # shows the same data as before
        else:
            later.append(name)
    swap_symlink(link, f"{VERSIONS}/{run_id}")
    fsync_path(warehouse)
    for name in later:
        swap_symlink(warehouse / name, f"{CURRENT}/{name}")
    fsync_path(warehouse)


def publications(warehouse: Path) -> list[Publication]:
    """Complete publications, newest first: `current` and the chain of manifests behind it."""
    chain: list[Publication] = []
    folder = current_version(warehouse)
    seen: set[str] = set()
    while folder is not None and folder.is_dir() and folder.name not in seen:
        seen.add(folder.name)
        manifest = read_manifest(folder) or {}
        published = manifest.get("published_at")
        chain.append(
            Publication(
                folder.name, folder, dt.datetime.fromisoformat(published) if published else None
            )
        )
        previous = manifest.get("previous")
        folder = warehouse / VERSIONS / previous if previous else None
    return chain


def prune(warehouse: Path, keep: int, grace_seconds: float, now: dt.datetime) -> list[str]:
    """Remove what readers no longer need; returns the removed run ids.

    Kept: the newest `keep` complete publications, and any older one replaced less than
    `grace_seconds` ago (a DuckDB connection opened on it reads it until it reconnects).
    Removed: older publications and the partial folders of failed runs.
    """
    chain = publications(warehouse)
    kept = {p.run_id for p in chain[: max(keep, 1)]}
    for newer, older in itertools.pairwise(chain):
        replaced_at = newer.published_at
        if replaced_at is not None and (now - replaced_at).total_seconds() < grace_seconds:
            kept.add(older.run_id)
    removed = []
    root = warehouse / VERSIONS
    for folder in sorted(root.iterdir()) if root.is_dir() else []:
        if folder.name not in kept:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder.name)
    for stale in warehouse.glob(".incidents.duckdb.*.tmp"):  # left by the older layout
        with contextlib.suppress(OSError):
            stale.unlink()
    return removed
