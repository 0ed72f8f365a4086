"""The document model every extraction stage reads and adds to.

    Doc -> sentences -> mentions (figures, dates, places, cues) -> readings -> events
        -> attributes -> rows

A `Doc` starts as the input document alone; each stage of `transforms.pipeline` returns a copy
with one more layer filled in and never changes what an earlier stage wrote. A `Mention` is one
thing a finder saw in one sentence: its kind, its span (offsets into the sentence's text) and
its value (a `Figure`, a `DateMention`, a `PlaceMention`, or the name of a cue). A reading
(`SentenceInfo`) is what the events stage makes of one sentence's mentions; an event
(`Incident`) is the sentences that state one incident; its `Attributes` are the published
fields before they are laid out as an `incident_reports` row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

__all__ = [
    "ATTRIBUTE_COLUMNS",
    "Attributes",
    "Doc",
    "DocumentInput",
    "Incident",
    "Mention",
    "Sentence",
    "SentenceInfo",
]  # fmt: skip

# The attribute columns every report and incident row carries, in the published order
# (`warehouse.schema` gives them their Arrow types).
ATTRIBUTE_COLUMNS = [
    "event_date", "date_precision", "country", "country_iso3", "admin1", "city", "latitude",
    "longitude", "geo_precision", "attack_type", "target_type", "weapon_type", "suicide",
    "perpetrator", "perpetrator_claimed", "killed_low", "killed_best", "killed_high",
    "wounded_low", "wounded_best", "wounded_high",
]  # fmt: skip

# Kinds of mention the finders write (see `transforms.mentions`).
FIGURE, DATE, PLACE = "figure", "date", "place"
ATTACK_CUE = "attack_cue"  # an act of violence by people, or a word of attack
CAUSE_CUE = "cause_cue"  # a natural or accidental cause of death
SCOPE_CUE = "scope_cue"  # a toll counted over a period or a region, not one incident


# The values of the mentions: what each finder writes (the finders import them from here).
@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a document, with its position."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int


@dataclass(frozen=True, slots=True)
class Figure:
    """One casualty figure as a sentence states it."""

    kind: str  # killed | wounded
    low: int | None
    best: int | None
    high: int | None
    start: int  # offsets within the sentence
    end: int
    role: str  # victims | attackers | subset
    is_toll_update: bool = False
    is_earlier: bool = False
    is_unofficial: bool = False
    victims: str = ""  # military | police | hostages | civilians, when the text names them
    one_person: bool = False  # one person said killed or wounded ("the mayor was injured")
    besides: bool = False  # counted besides someone named ("six others were also killed")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression resolved as far as the text allows."""

    date: dt.date | None
    precision: str  # day | month | year | unknown
    start: int
    end: int
    explicit_year: bool
    # "said on Monday", "since 2023": the date of a statement or a point of reference, never
    # the day of an event (dates.find_dates)
    is_statement_date: bool


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    iso2: str
    admin1_code: str
    latitude: float
    longitude: float
    population: int


@dataclass(frozen=True, slots=True)
class Country:
    iso2: str
    iso3: str
    name: str
    capital: str
    latitude: float
    longitude: float


@dataclass(frozen=True, slots=True)
class Admin1:
    iso2: str
    code: str
    name: str
    latitude: float
    longitude: float


@dataclass(frozen=True, slots=True)
class PlaceMention:
    text: str
    start: int
    end: int
    kind: str  # gazetteer | village | admin1 | country | capital
    candidates: tuple[Place, ...] = ()
    iso2: str | None = None
    admin1: Admin1 | None = None
    # False for a country named as an actor ("Colombia's armed forces", "Egypt struck camps").
    locative: bool = True


@dataclass(frozen=True, slots=True)
class GroupMention:
    canonical: str
    alias: str
    start: int
    end: int
    stance: str  # claimed | attributed | denied | mentioned


@dataclass(frozen=True)
class DocumentInput:
    """What the extractor needs of a document. `language` is `documents.language` (None when
    the document does not say); it chooses the lexicon."""

    doc_id: str
    text: str
    published_at: dt.date | None = None
    title: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """One thing a finder saw in one sentence: `kind`, the span [start, end) in the sentence's
    text, and the finder's value (a `Figure`, `DateMention`, `PlaceMention` or a cue's name)."""

    kind: str
    sentence: int
    start: int
    end: int
    value: Any


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
    """One incident as the events stage gathers it: the sentences that state it, the
    sentences around it that tell more of it (`context`), its figures, date and place key."""

    sentences: list[Sentence] = field(default_factory=list)
    context: list[Sentence] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    date: DateMention | None = None
    city_key: str | None = None

    @property
    def lead(self) -> Sentence:
        return self.sentences[0]


@dataclass(frozen=True)
class Attributes:
    """The published fields of one event, before they are laid out as a row."""

    is_background: bool
    event_date: dt.date | None
    date_precision: str
    place: dict[str, Any]
    attack_type: str
    target_type: str | None
    weapon_type: str | None
    suicide: bool
    perpetrator: str | None
    perpetrator_claimed: bool | None
    killed: tuple[int | None, int | None, int | None]
    wounded: tuple[int | None, int | None, int | None]
    char_start: int
    char_end: int


@dataclass(frozen=True)
class Doc:
    """One document and every layer the stages have added to it so far.

    `language` is the lexicon's language the stages read it with: the document's own when
    `seeds/lexicon/` has it, else the fallback (`transforms.lexicon.FALLBACK`).
    `attributes` has one entry per event, None for an event that yields no report."""

    source: DocumentInput
    language: str
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    readings: tuple[SentenceInfo, ...] = ()
    events: tuple[Incident, ...] = ()
    attributes: tuple[Attributes | None, ...] = ()
    rows: tuple[dict[str, Any], ...] = ()

    def with_(self, **layers: Any) -> Doc:
        """A copy with the given layers set (stages add; they never edit in place)."""
        return replace(self, **layers)

    def mentions_by_sentence(self, kind: str) -> list[list[Any]]:
        """The values of one kind of mention, one list per sentence, in the order found."""
        out: list[list[Any]] = [[] for _ in self.sentences]
        for m in self.mentions:
            if m.kind == kind:
                out[m.sentence].append(m.value)
        return out
