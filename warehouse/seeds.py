"""Loading the reference data in seeds/ (CSV files with a source and licence line)."""

from __future__ import annotations

import functools
import gc
import hashlib
import threading
from pathlib import Path

import pandas as pd

from transforms.reference import Reference

SEED_FILES = {
    "countries": "countries.csv",
    "country_aliases": "country_aliases.csv",
    "demonyms": "demonyms.csv",
    "admin1": "admin1.csv",
    "admin1_overrides": "admin1_overrides.csv",
    "gazetteer": "gazetteer.csv.gz",
    "groups": "groups.csv",
    "gtd_taxonomy": "gtd_taxonomy.csv",
    "weapon_cues": "weapon_cues.csv",
    "target_cues": "target_cues.csv",
}
_STRING_COLUMNS = {"admin1_code": str, "iso2": str, "capital": str}


def default_seeds_dir() -> Path:
    """seeds/ of the source tree, or the copy packed into an installed wheel."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "seeds", here.parent / "incidents" / "_seeds"):
        if (candidate / "countries.csv").exists():
            return candidate
    raise FileNotFoundError(
        "reference data not found: set INCIDENTS_SEEDS_DIR to the repository's seeds/ folder"
    )


def read_seed(path: Path) -> pd.DataFrame:
    """One seed table; its first line, '# source: ...', is the attribution and is skipped."""
    return pd.read_csv(
        path, comment=None, skiprows=1, dtype=_STRING_COLUMNS, keep_default_na=False,
        na_values=[""],
    )  # fmt: skip


def load_seed_frames(seeds_dir: Path) -> dict[str, pd.DataFrame]:
    """Every seed table by name."""
    missing = [f for f in SEED_FILES.values() if not (seeds_dir / f).exists()]
    if missing:
        raise FileNotFoundError(f"seed files missing under {seeds_dir}: {', '.join(missing)}")
    frames = {name: read_seed(seeds_dir / fname) for name, fname in SEED_FILES.items()}
    # "NA" is Namibia, not a missing value.
    for frame in frames.values():
        if "iso2" in frame:
            frame["iso2"] = frame["iso2"].fillna("NA")
    return frames


PUBLISHED_SEEDS = ("countries", "admin1", "groups", "gtd_taxonomy", "gazetteer")


def published_seed_frames(seeds_dir: Path) -> dict[str, pd.DataFrame]:
    """The seed tables a publication carries as `ref_<name>` views."""
    frames = load_seed_frames(seeds_dir)
    return {name: frames[name] for name in PUBLISHED_SEEDS}


def seeds_fingerprint(seeds_dir: Path) -> str:
    """SHA-256 over the published seed files: equal fingerprints, equal reference tables."""
    digest = hashlib.sha256(b"reference-v1")
    for name in PUBLISHED_SEEDS:
        digest.update(name.encode() + b"\0" + (seeds_dir / SEED_FILES[name]).read_bytes())
    return digest.hexdigest()


@functools.lru_cache(maxsize=2)
def load_vocabularies(seeds_dir: Path) -> tuple[dict[str, list[str]], list[str]]:
    """What validation needs of the seeds: the GTD vocabularies and the ISO3 codes (read from
    two small files, without compiling the gazetteer)."""
    seeds_dir = Path(seeds_dir)
    tax = read_seed(seeds_dir / SEED_FILES["gtd_taxonomy"])
    vocab = {v: list(g["label"]) for v, g in tax.groupby("vocabulary")}
    iso3 = sorted(read_seed(seeds_dir / SEED_FILES["countries"])["iso3"].dropna())
    return vocab, iso3


_REFERENCE_LOCK = threading.Lock()


def load_reference(seeds_dir: Path) -> Reference:
    """The compiled reference data; built once per process and folder, never by two threads.

    Extraction tasks of one run start together on a thread pool; without the lock each of them
    would build its own copy (seconds of CPU and hundreds of MB each).
    """
    with _REFERENCE_LOCK:
        return _build_reference(Path(seeds_dir).resolve())


@functools.lru_cache(maxsize=2)
def _build_reference(seeds_dir: Path) -> Reference:
    """Compile with the cyclic garbage collector paused, then freeze what was built.

    The build creates about a million small objects that live as long as the process; the
    collector would otherwise walk them again and again while they are made (half the build
    time) and at every later collection during extraction.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        ref = Reference.from_frames(load_seed_frames(seeds_dir))
    finally:
        if was_enabled:
            gc.enable()
    gc.freeze()
    return ref
