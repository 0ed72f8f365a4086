"""Reference data (seeds) compiled for the extractor: gazetteer, group aliases, cue tables."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from transforms.actors import GroupIndex
from transforms.places import Gazetteer
from transforms.taxonomy import Taxonomy


@dataclass
class Reference:
    gazetteer: Gazetteer
    groups: GroupIndex
    taxonomy: Taxonomy
    vocabularies: dict[str, list[str]]

    @classmethod
    def from_frames(cls, frames: dict[str, pd.DataFrame]) -> Reference:
        """Compile the seed tables (as loaded by `warehouse.seeds.load_seed_frames`)."""
        gaz = Gazetteer.from_frames(
            frames["countries"],
            frames["country_aliases"],
            frames["demonyms"],
            frames["admin1"],
            frames["admin1_overrides"],
            frames["gazetteer"],
        )
        tax = frames["gtd_taxonomy"]
        vocab = {v: list(g["label"]) for v, g in tax.groupby("vocabulary")}
        return cls(
            gaz,
            GroupIndex(frames["groups"]),
            Taxonomy(frames["weapon_cues"], frames["target_cues"]),
            vocab,
        )
