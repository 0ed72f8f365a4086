from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.fixture(scope="session", autouse=True)
def prefect_harness():
    """A temporary Prefect database for the whole session (one server start, not one per test)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture()
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    write_jsonl(
        folder / "night1.jsonl",
        [
            {
                "id": "a1",
                "published_at": "2018-07-13",
                "source": "wire",
                "text": "MASTUNG, Pakistan (wire) — A suicide bomber blew himself up at an election rally in southwestern Pakistan on Friday, killing at least 25 people and wounding 40, officials said.",
            },
            {
                "id": "a2",
                "published_at": "2018-07-14",
                "source": "daily",
                "text": "The number of people killed in Friday's suicide attack on an election rally in Mastung rose to 128, officials said. The Islamic State group claimed responsibility for the bombing.",
            },
            {"id": "bad-no-text", "title": "no text field"},
        ],
    )
    (folder / "brief.txt").write_text(
        "Gunmen kill four in Vienna\n\nVIENNA - A gunman opened fire near the main synagogue on the evening of Monday 2 November 2020, killing four people and wounding 22.\n",
        encoding="utf-8",
    )
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    return folder
