"""The reference data is compiled once per process, even when many threads ask at once."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import warehouse.seeds as seeds


def test_reference_built_once_by_concurrent_threads(monkeypatch, tmp_path):
    builds: list[int] = []
    started = threading.Event()

    def slow_build(frames):
        builds.append(1)
        started.wait(0.2)  # hold the build open while the other threads arrive
        return object()

    monkeypatch.setattr(seeds, "load_seed_frames", lambda _dir: {})
    monkeypatch.setattr(seeds.Reference, "from_frames", classmethod(lambda cls, f: slow_build(f)))
    seeds._build_reference.cache_clear()
    try:
        with ThreadPoolExecutor(8) as pool:
            refs = list(pool.map(lambda _: seeds.load_reference(tmp_path), range(8)))
    finally:
        seeds._build_reference.cache_clear()
    assert len(builds) == 1
    assert all(r is refs[0] for r in refs)
