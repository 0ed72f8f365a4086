"""The document model the extraction stages share: the input document, what one sentence
mentions, and one incident's sentences as the grouping stage gathers them.

`transforms.incident_reports` builds these; `transforms.report_fields` reads them to describe
an incident. Both import this module, never each other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from transforms.casualties import Figure
from transforms.dates import DateMention
from transforms.places import PlaceMention
from transforms.taxonomy import CAME_AFTER
from transforms.text import Sentence

# The attribute columns every report and incident row carries, in the published order
# (`warehouse.schema` gives them their Arrow types).
ATTRIBUTE_COLUMNS = [
    "event_date", "date_precision", "country", "country_iso3", "admin1", "city", "latitude",
    "longitude", "geo_precision", "attack_type", "target_type", "weapon_type", "suicide",
    "perpetrator", "perpetrator_claimed", "killed_low", "killed_best", "killed_high",
    "wounded_low", "wounded_best", "wounded_high",
]  # fmt: skip


@dataclass(frozen=True)
class DocumentInput:
    """What the extractor needs of a document."""

    doc_id: str
    text: str
    published_at: dt.date | None = None
    title: str | None = None


@dataclass
class SentenceInfo:
    """What one sentence mentions, and whether it states an attack of its own."""

    figures: list[Figure]
    dates: list[DateMention]
    places: list[PlaceMention]
    is_event: bool
    is_accident: bool
    act_only: bool = False  # an event on its act alone (attack_acts.attack_act), with no toll


@dataclass
class Incident:
    """One incident as the grouping stage gathers it: the sentences that state it, the
    sentences around it that tell more of it (`context`), its figures, date and place key."""

    sentences: list[Sentence] = field(default_factory=list)
    context: list[Sentence] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    date: DateMention | None = None
    city_key: str | None = None

    @property
    def lead(self) -> Sentence:
        return self.sentences[0]


def recalled_from(s: Sentence, si: SentenceInfo) -> int:
    """Where the incident a sentence counts begins: in "The blast in Mastung came hours after a
    bomb killed four people in Bannu", after "after" (0 when the sentence is all one)."""
    m = CAME_AFTER.search(s.text) if si.figures and "after" in s.text else None
    if m and si.figures and all(f.start >= m.end() for f in si.figures):
        return m.end()
    return 0
