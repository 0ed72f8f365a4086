"""The events stage: which sentences state an attack of their own, and which incidents they make.

A sentence opens an event on a victim figure with a cue of attack, a kidnapping, or an act of
violence by people (`transforms.attack_acts`); a toll with a natural or accidental cause, a
toll counted over a year or a region, and a battle between armed forces open none. Event
sentences in a row that agree on date and place make one incident; the sentences after it
that claim, blame, place or count it are its context.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from transforms.casualties import Figure
from transforms.cues import (
    ANAPHOR,
    ANOTHER,
    ATTACK_WORDS,
    BATTLE,
    CAPTION,
    EVENT_CUE,
    FILE_PHOTO,
    KIDNAP_EVENT,
    NEW_EVENT,
    RECALL,
    Cue,
    has_cue,
    recalled_from,
)
from transforms.dates import DateMention
from transforms.doc import (
    ATTACK_CUE,
    CAUSE_CUE,
    DATE,
    FIGURE,
    PLACE,
    SCOPE_CUE,
    Doc,
    Incident,
    SentenceInfo,
)
from transforms.mentions import is_headline
from transforms.text import Sentence

__all__ = ["compatible", "event_date", "events", "recalled_from"]


def events(doc: Doc) -> Doc:
    """Each sentence's reading (`SentenceInfo`) and the incidents the document states."""
    readings = read_sentences(doc)
    incidents = group_events(doc.sentences, readings)
    return doc.with_(readings=tuple(readings), events=tuple(incidents))


def read_sentences(doc: Doc) -> list[SentenceInfo]:
    """What each sentence's mentions make of it: its figures (none in an accident or a count
    over a period), dates and places, and whether it states an attack of its own."""
    figures_of, dates_of, places_of = (doc.mentions_by_sentence(k) for k in (FIGURE, DATE, PLACE))
    cues_of: list[set[str]] = [set() for _ in doc.sentences]
    for m in doc.mentions:
        if m.kind in (ATTACK_CUE, CAUSE_CUE, SCOPE_CUE):
            cues_of[m.sentence].add(m.value)
    out: list[SentenceInfo] = []
    accident_paragraph = -1
    cause: str | None = None  # the latest cause of death named: "attack" or "natural"
    for s in doc.sentences:
        cues = cues_of[s.index]
        headline = is_headline(s, doc)
        accident = "accident" in cues
        if accident:
            accident_paragraph = s.paragraph
        figures: list[Figure] = figures_of[s.index]
        if "aggregate" in cues:
            figures = []
        in_accident = accident or (
            s.paragraph == accident_paragraph
            and bool(
                re.search(
                    r"\b(?:that|the) (?:blast|explosion|fire)\b|^(?:It|This|That)\b", s.text, re.I
                )
            )
        )
        if in_accident:
            figures = []
        natural = "natural" in cues
        stated = "act" in cues
        # A toll counted over a period or a region states no one attack, not even as an act.
        act = not headline and not in_accident and stated and "aggregate" not in cues
        word = "attack_word" in cues or (stated and not act and has_cue(ATTACK_WORDS, s.text))
        if act or word:
            cause = "attack" if not natural or act else cause
        if natural and not act:
            cause = "natural"
        # Rule CAPTION: a photo caption shows the story's incident and opens none of its own.
        caption = _caption(s, doc.sentences)
        act = act and not caption
        opens = not (headline or caption) and _opens_on_figure(s.text, figures, natural, cause, act)
        # Rule FILE_PHOTO: a file picture ("[File: AP]", "File photo") shows another time; the
        # dates of its caption date no incident.
        dates = [] if caption and _caption(s, doc.sentences, FILE_PHOTO) else dates_of[s.index]
        out.append(
            SentenceInfo(figures, dates, places_of[s.index], opens or act,
                         bool(in_accident), act and not opens)
        )  # fmt: skip
    return out


def _caption(s: Sentence, sentences: Sequence[Sentence], cue: Cue = CAPTION) -> bool:
    """A photo caption (or, with `FILE_PHOTO`, a file picture's): the sentence says so, or the
    credit line right after it in its paragraph does ("... in Jolo on Jan 27. PHOTO: AFP")."""
    if has_cue(cue, s.text):
        return True
    after = sentences[s.index + 1] if s.index + 1 < len(sentences) else None
    return (
        after is not None
        and after.paragraph == s.paragraph
        and len(after.text) < 60
        and has_cue(cue, after.text)
    )


def _opens_on_figure(text: str, figures: list[Figure], natural: bool,
                     cause: str | None, act: bool) -> bool:  # fmt: skip
    """A victim figure (or a kidnapping) that states an attack of its own.

    Rule NO_HUMAN_CAUSE: a toll whose cause, named in the sentence or the latest one named
    before it, is natural or accidental ("Flash floods killed 22 people ... Twenty people were
    killed in the central state") opens nothing. Battles between armed forces are not attacks
    (GTD's inclusion criteria) unless the sentence also states an attack."""
    victim_figs = [f for f in figures if f.role == "victims"]
    opens = any(
        f.best is not None or (f.low is not None and f.low < 200) for f in victim_figs
    ) and bool(EVENT_CUE.search(text) or any(f.kind == "killed" for f in victim_figs))
    opens = opens or has_cue(KIDNAP_EVENT, text)
    if opens and not act and (natural or cause == "natural"):
        return False
    return opens and not (
        BATTLE.search(text)
        and not act
        and not re.search(r"\b(?:bomb|suicide|attack|massacre)", text, re.I)
    )


def event_date(info: SentenceInfo) -> DateMention | None:
    for d in info.dates:
        if not d.is_statement_date and d.precision != "unknown":
            return d
    return None


def _city_key(info: SentenceInfo, after: int = 0) -> str | None:
    places = [
        p for p in info.places if p.kind in ("gazetteer", "village", "capital") and p.start >= after
    ]
    # A dateline names where the report was filed; the event's own place comes after it.
    for p in (
        places[1:] + places[:1]
        if len(places) > 1 and places[0].start < 40 and places[0].text.isupper()
        else places
    ):
        return p.text.lower()
    return None


def compatible(a: DateMention | None, b: DateMention | None) -> bool:
    if a is None or b is None or a.date is None or b.date is None:
        return True
    if a.precision == "day" and b.precision == "day":
        return abs((a.date - b.date).days) <= 1
    return (a.date.year, a.date.month) == (b.date.year, b.date.month) or (
        "year" in (a.precision, b.precision) and a.date.year == b.date.year
    )


def group_events(sentences: Sequence[Sentence], info: list[SentenceInfo]) -> list[Incident]:
    """Consecutive event sentences that agree on date and place, as incidents, with the
    sentences after each that tell more of it; `info` is updated where a sentence turns out
    to tell more of the incident before it."""
    incidents: list[Incident] = []
    current: Incident | None = None
    # "In September 2022, a suicide bomber blew himself up in a hall." followed by "The UN
    # counted 53 dead.": a dated attack sentence without a figure opens the next incident.
    pending: tuple[Sentence, SentenceInfo] | None = None
    for s, si in zip(sentences, info, strict=True):
        if si.act_only and current is not None and not _another_act(current, s, si):
            info[s.index] = si = replace(si, is_event=False)  # more of the current account
        if si.is_event and pending is not None and pending[0].paragraph == s.paragraph:
            lead, lead_info = pending
            pending = None
            date = event_date(lead_info) or event_date(si)
            current = Incident([lead, s], [], list(si.figures), date, _city_key(lead_info))
            current.city_key = current.city_key or _city_key(si)
            incidents.append(current)
            continue
        pending = None
        if not si.is_event and not si.is_accident and _opens_without_figure(s, si, current):
            pending = (s, si)
            continue
        if si.is_event:
            date = event_date(si)
            city = _city_key(si, after=recalled_from(s, si))
            first = bool(incidents) and current is incidents[0]
            if current is not None and _joins(current, s, si, date, city, first):
                current.sentences.append(s)
                current.figures.extend(si.figures)
                current.date = current.date or date
                current.city_key = current.city_key or city
                continue
            current = Incident([s], [], list(si.figures), date, city)
            incidents.append(current)
        elif current is not None and not si.is_accident:
            story = bool(si.figures) and _of_the_story(current, s, si, incidents)
            if not (story or _in_context(current, s)):
                continue
            current.context.append(s)
            # "More than 80 people were injured, emergency services said.": a figure of a kind
            # the incident lacks, given right after it (or, for the story's own event, further
            # down with no date or place of its own), completes it.
            near = s.paragraph - current.sentences[-1].paragraph <= 1
            if (
                si.figures
                and (near or story)
                and not NEW_EVENT.match(s.text)
                and not RECALL.search(s.text)
            ):
                have = {(f.kind, f.role) for f in current.figures if f.role != "subset"}
                have |= {(f.kind, "victims") for f in current.figures if f.best == 0}
                current.figures.extend(
                    f
                    for f in si.figures
                    if (f.kind, "victims" if f.best == 0 else f.role) not in have
                    and (f.role == "victims" or f.best == 0 or _only_attackers(f, current))
                )
    return one_story(incidents)


# "Hours later, the police chief said 27 had died": the same day's account goes on.
_SAME_DAY_LATER = re.compile(r"(?:(?:Hours|Minutes) later|Later that day|Later)\b")


def one_story(incidents: list[Incident]) -> list[Incident]:
    """Rule ONE_STORY: an account that tells its incident again further down (a toll updated
    after the dateline of an update, the headline's figure restated) is that incident, not
    another. A later incident joins the nearest earlier one when nothing sets them apart:
    its first sentence does not say it is another or recalled ("in a separate attack",
    "last year"), it gives no date or one compatible with the earlier one's (a date where
    the earlier one has none sets it apart) and their places are the same (or one is
    unnamed). An incident that names another place or date, or says it is another, stays."""
    kept: list[Incident] = []
    for inc in incidents:
        lead = inc.lead
        into = kept[-1] if kept else None
        if (
            into is not None
            and not ANOTHER.search(lead.text)
            and not RECALL.search(lead.text)
            and not (NEW_EVENT.match(lead.text) and not _SAME_DAY_LATER.match(lead.text))
            and (inc.date is None or (into.date is not None and compatible(into.date, inc.date)))
            and (into.city_key is None or inc.city_key is None or into.city_key == inc.city_key)
        ):
            into.sentences.extend(inc.sentences)
            into.context.extend(s for s in inc.context if s not in into.context)
            into.figures.extend(inc.figures)
            into.date = into.date or inc.date
            into.city_key = into.city_key or inc.city_key
            continue
        kept.append(inc)
    return kept


def _only_attackers(f: Figure, cur: Incident) -> bool:
    """Attackers' deaths told after an attack that has no toll of its own ("Assailants attacked
    a checkpoint. Six assailants were killed in the ensuing clash."): they are its toll."""
    return f.role == "attackers" and not any(g.kind == f.kind for g in cur.figures)


def _another_act(cur: Incident, s: Sentence, si: SentenceInfo) -> bool:
    """An attack stated with no toll starts an incident of its own only when something marks
    it as another ("in a separate attack", "weeks after the bombing") or it is dated otherwise;
    else it tells more of the incident before it ("The first bomb went off during mass")."""
    if ANOTHER.search(s.text) or RECALL.search(s.text):
        return True
    date = event_date(si)
    return date is not None and not compatible(cur.date, date)


def _opens_without_figure(s: Sentence, si: SentenceInfo, cur: Incident | None) -> bool:
    """A sentence that starts a new, dated attack but gives no figure itself."""
    if not NEW_EVENT.match(s.text) or not ATTACK_WORDS.search(s.text):
        return False
    date = event_date(si)
    if date is None or si.figures:
        return False
    return cur is None or not compatible(cur.date, date)


def _of_the_story(cur: Incident, s: Sentence, si: SentenceInfo, incidents: list[Incident]) -> bool:
    """Further down a story, a sentence with no date or place of its own is about its event,
    unless it says it is about another ("in a separate attack")."""
    return (
        cur is incidents[0]
        and event_date(si) is None
        and _city_key(si) is None
        and not ANOTHER.search(s.text)
    )


def _in_context(cur: Incident, s: Sentence) -> bool:
    """Claims, blame and places that follow an incident belong to it for two paragraphs."""
    return s.paragraph - cur.sentences[-1].paragraph <= 2 or _anaphor_at(s.text) is not None


# Rule HOSTAGE_FATE: what became of the people a kidnapping took ("The hostage was killed on
# November 2", "The victims were released two weeks later", "Their bodies were found in a
# ditch") is told of that kidnapping, on whatever day it came: the sentence continues it, and
# its date is the fate's, not the incident's.
_HOSTAGES_BACK = re.compile(
    r"^(?:However, |Later, |Eventually, )?(?:(?:one|two|three|some|all|most|none|several|the rest)"
    r" of )?(?:the|their|these|those|both|all(?: the)?|the (?:remaining|other)) "
    r"(?:\w+ )?(?:hostages?|captives?|abductees?|victims?|kidnapped|bodies|body)\b|"
    r"^(?:Their|His|Her) bod(?:y|ies)\b|"
    r"^(?:At least |All )?(?:\d+|[A-Z][a-z]+) (?:of the )?(?:hostages|captives|abductees)\b",
    re.I,
)

_KIDNAPPING = re.compile(
    r"\b(?:abduct(?:ed|s|ing)?|kidnap(?:ped|s|ping)?|(?:took|taken|held|holding) "
    r"(?:\w+ ){0,4}?(?:hostages?|captives?)|hostages?)\b",
    re.I,
)


def _hostage_fate(cur: Incident, s: Sentence) -> bool:
    return (
        s.paragraph - cur.sentences[-1].paragraph <= 1
        and bool(_HOSTAGES_BACK.match(s.text))
        and any(_KIDNAPPING.search(c.text) for c in cur.sentences)
    )


def _anaphor_at(text: str) -> int | None:
    """Where the sentence first refers back to an attack ("the attack", "the death toll")."""
    m = ANAPHOR.search(text)
    return m.start() if m else None


def _joins(cur: Incident, s: Sentence, si: SentenceInfo, date: DateMention | None,
           city: str | None, first: bool) -> bool:  # fmt: skip
    if recalled_from(s, si) or ANOTHER.search(s.text):
        return False
    at = _anaphor_at(s.text)
    anaphor = at is not None
    if NEW_EVENT.match(s.text) and not (at is not None and at < 70):
        return False
    if _hostage_fate(cur, s):
        return True
    if not compatible(cur.date, date):
        return False
    if city and cur.city_key and city != cur.city_key:
        return False
    if RECALL.search(s.text) and not (at is not None and at < 50):
        return False
    last = cur.sentences[-1]
    if s.paragraph == last.paragraph or anaphor:
        return True
    # A later paragraph continues the incident when it names the same place, or, right after
    # it, names no date or place of its own.
    if city and city == cur.city_key:
        return s.paragraph - last.paragraph <= 3
    if city is not None or date is not None:
        return False
    # Further down a story, a toll with no date, place or attack of its own ("Two senior
    # officers died of their wounds") is more of the story's own event.
    return s.paragraph - last.paragraph == 1 or (first and not ATTACK_WORDS.search(s.text))
