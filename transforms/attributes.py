"""The attributes and rows stages: each event's published fields, then its `incident_reports` row.

Each phenomenon's resolver sits beside its finder: date (`transforms.dates.reporting_date`),
place (`transforms.places.place`), casualties (`transforms.casualties.casualties`),
perpetrator (`transforms.actors.perpetrator`); then the GTD attack, target and weapon types
(`transforms.taxonomy`), whether the incident is recalled background and its evidence span;
the row's confidence is `transforms.confidence` over the finished row.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Sequence
from typing import Any

from transforms.actors import GroupMention, perpetrator
from transforms.casualties import casualties
from transforms.confidence import confidence
from transforms.cues import EVENT_CUE, RECALL
from transforms.dates import reporting_date
from transforms.doc import Attributes, Doc, DocumentInput, Incident, SentenceInfo
from transforms.events import compatible, event_date
from transforms.mentions import is_headline
from transforms.places import fold, place
from transforms.reference import Reference
from transforms.text import Sentence

__all__ = ["attributes", "rows"]


def attributes(doc: Doc, ref: Reference, check: Callable[[], None]) -> Doc:
    """The published fields of every event (None for one that yields no report)."""
    sentences, incidents = doc.sentences, doc.events
    info = list(doc.readings)
    doc_countries = _document_countries(info)
    groups_seen: dict[int, list[GroupMention]] = {}
    topic = _topic_group(doc.source, sentences, ref)
    owners = _owners(incidents)
    found: list[Attributes | None] = []
    for number, inc in enumerate(incidents):
        check()
        found.append(
            _attributes_of(inc, number, incidents, info, doc.source, ref, doc_countries,
                           sentences, groups_seen, topic, owners)
        )  # fmt: skip
    return doc.with_(attributes=tuple(found))


def rows(doc: Doc) -> Doc:
    """One `incident_reports` row per event that has attributes, in document order."""
    src = doc.source
    out: list[dict[str, Any]] = []
    reports = sum(a is not None for a in doc.attributes)
    for inc, a in zip(doc.events, doc.attributes, strict=True):
        if a is None:
            continue
        out.append({
            "report_id": "r_" + _stable_id(src.doc_id, a.char_start, a.char_end),
            "doc_id": src.doc_id,
            "is_background": a.is_background,
            "event_date": a.event_date,
            "date_precision": a.date_precision,
            **a.place,
            "attack_type": a.attack_type,
            "target_type": a.target_type,
            "weapon_type": a.weapon_type,
            "suicide": a.suicide,
            "perpetrator": a.perpetrator,
            "perpetrator_claimed": a.perpetrator_claimed,
            "killed_low": a.killed[0], "killed_best": a.killed[1], "killed_high": a.killed[2],
            "wounded_low": a.wounded[0], "wounded_best": a.wounded[1], "wounded_high": a.wounded[2],
            "summary": inc.lead.text[:400],
            "evidence": src.text[a.char_start : a.char_end],
            "char_start": a.char_start,
            "char_end": a.char_end,
        })  # fmt: skip
        out[-1]["confidence"] = confidence(out[-1], reports)
    return doc.with_(rows=tuple(out))


def _attributes_of(inc: Incident, number: int, incidents: Sequence[Incident],
                   info: list[SentenceInfo], doc: DocumentInput, ref: Reference,
                   doc_countries: list[str], doc_sentences: Sequence[Sentence],
                   groups_seen: dict[int, list[GroupMention]], topic: str | None,
                   owners: tuple[dict[int, int], dict[int, int]]) -> Attributes | None:  # fmt: skip
    """One event's published fields; None when it names neither a type of attack nor a cue
    of one (a toll with no attack behind it)."""
    all_sents = sorted(inc.sentences + inc.context, key=lambda s: s.start)
    event_text = " ".join(s.text for s in inc.sentences[1:])
    context_text = " ".join(s.text for s in all_sents)
    before = _told_before(inc, number, owners[1], doc_sentences, info)
    previous = incidents[number - 1] if number else None
    date, precision = reporting_date(inc, info, doc, before, previous)
    background = _is_background(inc, number, incidents, date, precision, doc)
    last = inc.sentences[-1]
    near = [s for s in inc.context if s.paragraph == last.paragraph or s.index == last.index + 1]
    # A recalled incident is told in a sentence or two: later paragraphs name other means.
    near_idx = {s.index for s in near}
    far = [] if background else [s for s in inc.context if s.index not in near_idx]
    types = ref.taxonomy.classify(
        inc.lead.text,
        event_text,
        [s.text for s in before],
        " ".join(s.text for s in near),
        " ".join(s.text for s in far),
    )
    # An attack by attackers whose means go unsaid (MODE_UNSTATED: weapon "Unknown") is still
    # an attack; a toll with neither a type of attack nor a cue of one is not.
    if (
        types.attack_type == "Unknown"
        and types.weapon_type != "Unknown"
        and not EVENT_CUE.search(inc.lead.text + " " + event_text)
    ):
        return None
    lo, hi = _place_window(inc, len(doc_sentences))
    taken = {i for i in range(lo, hi) if owners[0].get(i, number) != number}
    loc = place(
        inc, list(doc_sentences[lo:hi]), info, ref.gazetteer, doc_countries, background, taken
    )
    killed, wounded = casualties(inc, context_text)
    perp_sents = sorted(before + inc.sentences + inc.context, key=lambda s: s.start)
    here = {fold(str(loc[k])) for k in ("city", "admin1", "country") if loc.get(k)}
    perp, claimed = perpetrator(inc, perp_sents, ref.groups, groups_seen, ref.gazetteer, here)
    if perp is None and background and topic is not None:
        # An article about a group ("Al-Shabaab's long war") recalls that group's attacks.
        perp, claimed = topic, False
    lead = inc.lead
    end_sentence = inc.sentences[0]
    for s in inc.sentences[1:]:
        if s.paragraph == lead.paragraph and s.index == end_sentence.index + 1:
            end_sentence = s
    char_start, char_end = lead.start, end_sentence.end
    return Attributes(
        background, date, precision, loc, types.attack_type, types.target_type,
        types.weapon_type, types.suicide, perp, claimed, killed, wounded, char_start, char_end,
    )  # fmt: skip


def _topic_group(doc: DocumentInput, sentences: Sequence[Sentence], ref: Reference) -> str | None:
    """The one group a document's title or headline is about ("Al-Shabaab's long war"), unless
    the title has it claim or deny something (that belongs to the news event itself)."""
    title = doc.title or (sentences[0].text if is_headline(sentences[0]) else "")
    named = {g.canonical for g in ref.groups.find(title) if g.stance in ("mentioned", "attributed")}
    if len(named) == 1 and not re.search(r"\b(?:claim|den(?:y|ies|ied))", title, re.I):
        return named.pop()
    return None


def _document_countries(info: Sequence[SentenceInfo]) -> list[str]:
    counts: dict[str, int] = {}
    for si in info:
        for p in si.places:
            if p.kind == "country" and p.iso2:
                counts[p.iso2] = counts.get(p.iso2, 0) + 2
            elif p.iso2:
                counts[p.iso2] = counts.get(p.iso2, 0) + 1
    return [c for c, _ in sorted(counts.items(), key=lambda kv: -kv[1])]


def _owners(incidents: Sequence[Incident]) -> tuple[dict[int, int], dict[int, int]]:
    """Which incident (by number) each sentence reports, and which one each sentence tells of
    (reports or gives context to): looked up per sentence instead of gathering every other
    incident's sentences for each incident, which costs the square of their number."""
    reports = {s.index: k for k, inc in enumerate(incidents) for s in inc.sentences}
    tells = {s.index: k for k, inc in enumerate(incidents) for s in inc.context} | reports
    return reports, tells


# How far (in sentences, each way) an incident looks for the place it inherits from sentences
# that are not its own. Looking through the whole document for every incident costs the square
# of its length; news articles are far shorter (the longest in the dev and GTD corpora has 150
# sentences), so the window changes nothing there.
PLACE_WINDOW = 200


def _place_window(inc: Incident, n_sentences: int) -> tuple[int, int]:
    """Sentence indexes [lo, hi) an incident's place is looked for in: its own stretch of the
    document (sentences and context) and PLACE_WINDOW sentences either side."""
    indexes = [s.index for s in inc.sentences + inc.context]
    return max(0, min(indexes) - PLACE_WINDOW), min(n_sentences, max(indexes) + 1 + PLACE_WINDOW)


def _stable_id(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:16]


def _told_before(inc: Incident, number: int, tells: dict[int, int], sentences: Sequence[Sentence],
                 info: list[SentenceInfo]) -> list[Sentence]:  # fmt: skip
    """Sentences just before the lead that tell of the attack without giving a figure, nearest
    first: "Gunmen walked into the cafe, firing." before "By dawn 20 hostages were dead."

    Only from the lead's own paragraph, or for the document's first incident from its opening
    paragraphs; never another incident's sentences, nor a sentence dated otherwise."""
    lead = inc.lead
    first = number == 0
    out: list[Sentence] = []
    for s in (sentences[i] for i in range(lead.index - 1, -1, -1)):
        if tells.get(s.index, number) != number:
            break
        if s.paragraph != lead.paragraph and not (first and lead.paragraph - s.paragraph <= 2):
            break
        date = event_date(info[s.index])
        if date is not None and not compatible(date, inc.date):
            break
        if EVENT_CUE.search(s.text):
            out.append(s)
    return out


def _is_background(inc: Incident, number: int, incidents: Sequence[Incident], date: dt.date | None,
                   precision: str, doc: DocumentInput) -> bool:  # fmt: skip
    pub = doc.published_at
    if date is not None and pub is not None:
        if precision == "day" and (pub - date).days > 7:
            return True
        if precision in ("month", "year") and (
            date.year,
            date.month if precision == "month" else pub.month,
        ) < (pub.year, pub.month):
            return True
    if number > 0 and RECALL.search(inc.lead.text):
        return True
    if (
        number > 0
        and date is not None
        and incidents[0].date is not None
        and incidents[0].date.date is not None
    ):
        lead_date = incidents[0].date
        if (
            lead_date.date is not None
            and date < lead_date.date
            and not compatible(lead_date, inc.date)
        ):
            return True
    return pub is None and precision in ("month", "year")
