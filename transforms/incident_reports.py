"""Produces the `incident_reports` table: one row per incident as one document states it.

The path through a document: sentences -> event sentences (a victim figure, a kidnapping) ->
incidents (consecutive event sentences that agree on date and place) -> context sentences
(claims, blame, places, means) attached to the incident they follow -> attributes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from transforms.actors import GroupMention
from transforms.attack_acts import attack_act, natural_cause
from transforms.casualties import Figure, find_figures
from transforms.dates import DateMention, find_dates, numeric_date_order, years_named
from transforms.places import Gazetteer, find_places, fold
from transforms.reference import Reference
from transforms.report_fields import casualties, perpetrator, place, reporting_date
from transforms.report_model import DocumentInput, Incident, SentenceInfo, recalled_from
from transforms.text import Sentence, split_sentences

__all__ = ["DocumentInput", "extract_reports"]

_EVENT_CUE = re.compile(
    r"\b(?:attack|bomb|blast|explo|gunm[ae]n|gunfire|shot|shoot|stormed|storm|raid|ambush|"
    r"massacre|assault|kill|opened fire|suicide|militants|insurgents|attackers|assailants|"
    r"kidnap|abduct|hostage|siege|stabb|rammed|ploughed|mowing|drove into|firebomb|grenade|"
    r"fighters|slit|hacked|beheaded|overran|struck|hit)",
    re.I,
)
_KIDNAP_EVENT = re.compile(
    r"\b(?:had been|were|was|have been) (?:kidnapped|abducted|seized|taken hostage)\b|"
    r"\b(?:kidnapped|abducted|seized)\s+(?:\w+\s+){0,2}(?:workers?|journalists?|reporters?|tourists?|"
    r"engineers?|students?|schoolgirls|schoolchildren|pupils|people|villagers|passengers|officials?|"
    r"nationals|foreigners|men|women|children|priests?|nuns?|soldiers|officers|team)\b",
    re.I,
)
_AGGREGATE = re.compile(
    r"\b(?:has|have|had) (?:killed|claimed the lives|left)\b[^.]{0,80}\b(?:since|over the|in the past|this year|so far)\b|"
    r"\b(?:since|over the past|so far this year|each year|every (?:month|week|year)|a year)\b[^.]{0,60}\b(?:hundreds|thousands|dozens)\b|"
    r"\b(?:hundreds|thousands|dozens)\b[^.]{0,80}\b(?:since|this year|over the past|each year|every month|a decade)\b|"
    r"\b(?:conflict|war|insurgency|campaign|violence) (?:that|which) has killed\b|"
    # Rule AGGREGATE_SCOPE: attacks in the plural counted over a year or a region ("attacks
    # killed 4,100 people across the region last year").
    r"\b(?:attacks|bombings|killings|violence)\b[^.]{0,60}\b(?:killed|left|claimed)\b[^.]{0,80}"
    r"\b(?:last|past|previous) (?:year|decade|month)\b|"
    r"\b(?:attacks|bombings|killings|violence)\b[^.]{0,60}\b(?:killed|left|claimed)\b[^.]{0,60}"
    r"\b(?:across|throughout|nationwide)\b",
    re.I,
)
_ACCIDENT = re.compile(
    r"\b(?:accident(?:al|ally)?|negligence|gas (?:leak|cylinder|explosion)|ammonium nitrate|"
    r"industrial (?:accident|blast)|no evidence[^.]{0,60}deliberate|caught fire accidentally)\b",
    re.I,
)
_ACCIDENT_WORDS = ("accident", "negligence", "gas ", "ammonium", "industrial", "no evidence",
                   "caught fire")  # fmt: skip
_NEW_EVENT = re.compile(
    r"^(?:Earlier|Later|Hours later|Days later|Meanwhile|Separately|Elsewhere|In another|Another|"
    r"The following|A (?:day|week|month|year) (?:later|earlier)|Two (?:days|weeks|months|years) (?:later|earlier)|"
    r"In (?:January|February|March|April|May|June|July|August|September|October|November|December|\d{4})|"
    r"On \d|On (?:January|February|March|April|May|June|July|August|September|October|November|December)|"
    r"And in|In [A-Z][a-z]+,)"
)
_RECALL = re.compile(
    r"\b(?:came (?:hours|days|weeks|months|a week|a day|three months|two weeks)[^.]{0,20}after|"
    r"(?:weeks|months|days|a week|a day) after (?:the|a)|"
    # "after the attack on the embassy" recalls another; "in the hours after the attack" does not
    r"(?<!hours )(?<!minutes )(?<!moments )(?<!shortly )(?<!soon )(?<!immediately )(?<!just )"
    r"after (?:the|a) (?:suicide )?(?:bombing|attack|assault)|"
    r"the latest in|the second (?:deadly )?attack|the deadliest (?:attack )?(?:in|since)|since (?:the|a)\b[^.]{0,40}\b(?:attack|bombing))",
    re.I,
)
_ANAPHOR = re.compile(
    r"(?:\b(?:the|that|this|the same)|[A-Z][a-z]+day(?: night)?'s(?: \w+)?) (?:attack|bombing|blast|explosion|"
    r"assault|raid|killings|massacre|shooting|siege|incident|toll|violence|ambush)\b|"
    r"\b(?:those killed|the dead|the injured|the wounded|the victims|death toll)\b",
    re.I,
)
_ANOTHER = re.compile(
    r"\b(?:in|during|by) (?:a |an |the )?(?:separate|another|other|second) (?:attack|incident|"
    r"bombing|assault|raid|ambush|blast|explosion|shooting)s?\b|\bseparately\b|\belsewhere\b",
    re.I,
)
_BATTLE = re.compile(
    r"\b(?:clash(?:es|ed|ing)?|fighting between|in combat|gun ?battles?|firefights?)\b", re.I
)


def extract_reports(
    doc: DocumentInput, ref: Reference, check: Callable[[], None] = lambda: None
) -> list[dict[str, Any]]:
    """Every incident the document describes, as rows of the `incident_reports` table.

    `check` is called between stages and sentences; the caller's time budget raises from it.
    """
    sentences = split_sentences(doc.text)
    if not sentences:
        return []
    check()
    analysed = _analyse(sentences, doc.published_at, ref.gazetteer, check)
    check()
    incidents = _group(sentences, analysed, ref.gazetteer)
    doc_countries = _document_countries(analysed)
    rows = []
    groups_seen: dict[int, list[GroupMention]] = {}
    topic = _topic_group(doc, sentences, ref)
    owners = _owners(incidents)
    for number, inc in enumerate(incidents):
        check()
        row = _describe(
            inc, number, incidents, analysed, doc, ref, doc_countries, sentences, groups_seen,
            topic, owners,
        )  # fmt: skip
        if row is not None:
            rows.append(row)
    return rows


def _is_headline(s: Sentence) -> bool:
    return s.index == 0 and not re.search(r"[.!?\"'”’)]$", s.text) and len(s.text) < 160


def _topic_group(doc: DocumentInput, sentences: list[Sentence], ref: Reference) -> str | None:
    """The one group a document's title or headline is about ("Al-Shabaab's long war"), unless
    the title has it claim or deny something (that belongs to the news event itself)."""
    title = doc.title or (sentences[0].text if _is_headline(sentences[0]) else "")
    named = {g.canonical for g in ref.groups.find(title) if g.stance in ("mentioned", "attributed")}
    if len(named) == 1 and not re.search(r"\b(?:claim|den(?:y|ies|ied))", title, re.I):
        return named.pop()
    return None


def _analyse(
    sentences: list[Sentence],
    anchor: dt.date | None,
    gaz: Gazetteer,
    check: Callable[[], None] = lambda: None,
) -> list[SentenceInfo]:
    out: list[SentenceInfo] = []
    context_year: int | None = None
    accident_paragraph = -1
    after_headline = False
    cause: str | None = None  # the latest cause of death named: "attack" or "natural"
    order = numeric_date_order("\n".join(s.text for s in sentences))
    for s in sentences:
        check()
        headline = _is_headline(s)
        dates = find_dates(s.text, anchor, context_year, order)
        years = years_named(s.text)
        if years:
            context_year = years[-1]
        lower = s.text.lower()
        accident = any(w in lower for w in _ACCIDENT_WORDS) and bool(_ACCIDENT.search(s.text))
        if accident:
            accident_paragraph = s.paragraph
        figures = find_figures(s.text)
        if figures and _AGGREGATE.search(s.text):
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
        natural = natural_cause(s.text)
        act = not headline and not in_accident and attack_act(s.text)
        if act or _ATTACK_WORDS.search(s.text):
            cause = "attack" if not natural or act else cause
        if natural and not act:
            cause = "natural"
        opens = not headline and _opens_on_figure(s.text, lower, figures, natural, cause, act)
        if headline:
            after_headline = True
        places = find_places(
            s.text, gaz, at_document_start=s.index == 0 or (s.index == 1 and after_headline)
        )
        out.append(
            SentenceInfo(figures, dates, places, opens or act, bool(in_accident), act and not opens)
        )
    return out


def _opens_on_figure(text: str, lower: str, figures: list[Figure], natural: bool,
                     cause: str | None, act: bool) -> bool:  # fmt: skip
    """A victim figure (or a kidnapping) that states an attack of its own.

    Rule NO_HUMAN_CAUSE: a toll whose cause, named in the sentence or the latest one named
    before it, is natural or accidental ("Flash floods killed 22 people ... Twenty people were
    killed in the central state") opens nothing. Battles between armed forces are not attacks
    (GTD's inclusion criteria) unless the sentence also states an attack."""
    victim_figs = [f for f in figures if f.role == "victims"]
    opens = any(
        f.best is not None or (f.low is not None and f.low < 200) for f in victim_figs
    ) and bool(_EVENT_CUE.search(text) or any(f.kind == "killed" for f in victim_figs))
    kidnap = any(w in lower for w in ("kidnap", "abduct", "seized", "hostage"))
    opens = opens or (kidnap and bool(_KIDNAP_EVENT.search(text)))
    if opens and not act and (natural or cause == "natural"):
        return False
    return opens and not (
        _BATTLE.search(text)
        and not act
        and not re.search(r"\b(?:bomb|suicide|attack|massacre)", text, re.I)
    )


def _event_date(info: SentenceInfo) -> DateMention | None:
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


def _compatible(a: DateMention | None, b: DateMention | None) -> bool:
    if a is None or b is None or a.date is None or b.date is None:
        return True
    if a.precision == "day" and b.precision == "day":
        return abs((a.date - b.date).days) <= 1
    return (a.date.year, a.date.month) == (b.date.year, b.date.month) or (
        "year" in (a.precision, b.precision) and a.date.year == b.date.year
    )


def _group(sentences: list[Sentence], info: list[SentenceInfo], gaz: Gazetteer) -> list[Incident]:
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
            date = _event_date(lead_info) or _event_date(si)
            current = Incident([lead, s], [], list(si.figures), date, _city_key(lead_info))
            current.city_key = current.city_key or _city_key(si)
            incidents.append(current)
            continue
        pending = None
        if not si.is_event and not si.is_accident and _opens_without_figure(s, si, current):
            pending = (s, si)
            continue
        if si.is_event:
            date = _event_date(si)
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
                and not _NEW_EVENT.match(s.text)
                and not _RECALL.search(s.text)
            ):
                have = {(f.kind, f.role) for f in current.figures if f.role != "subset"}
                have |= {(f.kind, "victims") for f in current.figures if f.best == 0}
                current.figures.extend(
                    f
                    for f in si.figures
                    if (f.kind, "victims" if f.best == 0 else f.role) not in have
                    and (f.role == "victims" or f.best == 0 or _only_attackers(f, current))
                )
    return incidents


_ATTACK_WORDS = re.compile(
    r"\b(?:bomb(?:er|ing|s)?|blew (?:himself|herself|themselves) up|stormed|attacked|opened fire|"
    r"gunm[ae]n|(?:heavily )?armed (?:man|men|attackers?)|suicide|explosions?|blast|ambush(?:ed)?|"
    r"massacre|rammed|stabbed|abducted|kidnapped)\b",
    re.I,
)


def _only_attackers(f: Figure, cur: Incident) -> bool:
    """Attackers' deaths told after an attack that has no toll of its own ("Assailants attacked
    a checkpoint. Six assailants were killed in the ensuing clash."): they are its toll."""
    return f.role == "attackers" and not any(g.kind == f.kind for g in cur.figures)


def _another_act(cur: Incident, s: Sentence, si: SentenceInfo) -> bool:
    """An attack stated with no toll starts an incident of its own only when something marks
    it as another ("in a separate attack", "weeks after the bombing") or it is dated otherwise;
    else it tells more of the incident before it ("The first bomb went off during mass")."""
    if _ANOTHER.search(s.text) or _RECALL.search(s.text):
        return True
    date = _event_date(si)
    return date is not None and not _compatible(cur.date, date)


def _opens_without_figure(s: Sentence, si: SentenceInfo, cur: Incident | None) -> bool:
    """A sentence that starts a new, dated attack but gives no figure itself."""
    if not _NEW_EVENT.match(s.text) or not _ATTACK_WORDS.search(s.text):
        return False
    date = _event_date(si)
    if date is None or si.figures:
        return False
    return cur is None or not _compatible(cur.date, date)


def _of_the_story(cur: Incident, s: Sentence, si: SentenceInfo, incidents: list[Incident]) -> bool:
    """Further down a story, a sentence with no date or place of its own is about its event,
    unless it says it is about another ("in a separate attack")."""
    return (
        cur is incidents[0]
        and _event_date(si) is None
        and _city_key(si) is None
        and not _ANOTHER.search(s.text)
    )


def _in_context(cur: Incident, s: Sentence) -> bool:
    """Claims, blame and places that follow an incident belong to it for two paragraphs."""
    return s.paragraph - cur.sentences[-1].paragraph <= 2 or _anaphor_at(s.text) is not None


_ANAPHOR_WORDS = ("attack", "bomb", "blast", "explosion", "assault", "raid", "killing", "massacre",
                  "shooting", "siege", "incident", "toll", "violence", "ambush", "those killed",
                  "dead", "injured", "wounded", "victims")  # fmt: skip


def _anaphor_at(text: str) -> int | None:
    """Where the sentence first refers back to an attack ("the attack", "the death toll")."""
    lower = text.lower()
    if not any(w in lower for w in _ANAPHOR_WORDS):
        return None
    m = _ANAPHOR.search(text)
    return m.start() if m else None


def _joins(cur: Incident, s: Sentence, si: SentenceInfo, date: DateMention | None,
           city: str | None, first: bool) -> bool:  # fmt: skip
    if recalled_from(s, si) or _ANOTHER.search(s.text):
        return False
    at = _anaphor_at(s.text)
    anaphor = at is not None
    if _NEW_EVENT.match(s.text) and not (at is not None and at < 70):
        return False
    if not _compatible(cur.date, date):
        return False
    if city and cur.city_key and city != cur.city_key:
        return False
    if _RECALL.search(s.text) and not (at is not None and at < 50):
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
    return s.paragraph - last.paragraph == 1 or (first and not _ATTACK_WORDS.search(s.text))


def _document_countries(info: list[SentenceInfo]) -> list[str]:
    counts: dict[str, int] = {}
    for si in info:
        for p in si.places:
            if p.kind == "country" and p.iso2:
                counts[p.iso2] = counts.get(p.iso2, 0) + 2
            elif p.iso2:
                counts[p.iso2] = counts.get(p.iso2, 0) + 1
    return [c for c, _ in sorted(counts.items(), key=lambda kv: -kv[1])]


def _owners(incidents: list[Incident]) -> tuple[dict[int, int], dict[int, int]]:
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


def _describe(inc: Incident, number: int, incidents: list[Incident], info: list[SentenceInfo],
              doc: DocumentInput, ref: Reference, doc_countries: list[str],
              doc_sentences: list[Sentence],
              groups_seen: dict[int, list[GroupMention]],
              topic: str | None,
              owners: tuple[dict[int, int], dict[int, int]]) -> dict[str, Any] | None:  # fmt: skip
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
    if types.attack_type == "Unknown" and not _EVENT_CUE.search(inc.lead.text + " " + event_text):
        return None
    lo, hi = _place_window(inc, len(doc_sentences))
    taken = {i for i in range(lo, hi) if owners[0].get(i, number) != number}
    loc = place(inc, doc_sentences[lo:hi], info, ref.gazetteer, doc_countries, background, taken)
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
    confidence = _confidence(killed, date, loc, types.attack_type, perp, background)
    return {
        "report_id": "r_" + _stable_id(doc.doc_id, char_start, char_end),
        "doc_id": doc.doc_id,
        "is_background": background,
        "event_date": date,
        "date_precision": precision,
        **loc,
        "attack_type": types.attack_type,
        "target_type": types.target_type,
        "weapon_type": types.weapon_type,
        "suicide": types.suicide,
        "perpetrator": perp,
        "perpetrator_claimed": claimed,
        "killed_low": killed[0], "killed_best": killed[1], "killed_high": killed[2],
        "wounded_low": wounded[0], "wounded_best": wounded[1], "wounded_high": wounded[2],
        "summary": lead.text[:400],
        "evidence": doc.text[char_start:char_end],
        "char_start": char_start,
        "char_end": char_end,
        "confidence": confidence,
    }  # fmt: skip


def _told_before(inc: Incident, number: int, tells: dict[int, int], sentences: list[Sentence],
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
        date = _event_date(info[s.index])
        if date is not None and not _compatible(date, inc.date):
            break
        if _EVENT_CUE.search(s.text):
            out.append(s)
    return out


def _is_background(inc: Incident, number: int, incidents: list[Incident], date: dt.date | None,
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
    if number > 0 and _RECALL.search(inc.lead.text):
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
            and not _compatible(lead_date, inc.date)
        ):
            return True
    return pub is None and precision in ("month", "year")


def _confidence(killed: tuple[int | None, ...], date: dt.date | None, loc: dict[str, Any],
                attack: str, perp: str | None, background: bool) -> float:  # fmt: skip
    """The chance that the report's core fields (date, country, attack type, killed) are all
    right, as measured on the tuning halves of the real sets (news articles, GTD summaries).

    A product of factors, each the share of correct reports with and without the attribute:
    a victim figure 0.75 (with none, a count of 0 is usually missed: 0.05), more than two
    killed 0.75 (counting attackers and revised tolls go wrong), no date 0.3, the attack type's
    own reliability (`_ATTACK_RELIABILITY`), no country 0.3, a named group 0.7 (such accounts
    are long and tell of several attacks), a recalled incident 0.6. No report of real text
    reached 0.8 when measured: the score is a probability, not a checklist.
    """
    best = killed[1] if killed[1] is not None else killed[0]
    p = 0.75 if best is not None else 0.05
    p *= 0.75 if best is not None and best > 2 else 1.0
    p *= 1.0 if date is not None else 0.3
    p *= _ATTACK_RELIABILITY.get(attack, 0.6)
    p *= 1.0 if loc.get("country") else 0.3
    p *= 0.7 if perp is not None else 1.0
    p *= 0.6 if background else 1.0
    return round(p, 3)


# Share of correct reports by attack type, relative to bombings (tuning halves of real sets).
_ATTACK_RELIABILITY = {
    "Bombing/Explosion": 1.0,
    "Assassination": 1.0,
    "Facility/Infrastructure Attack": 1.0,
    "Armed Assault": 0.6,
    "Unarmed Assault": 0.6,
    "Hostage Taking (Kidnapping)": 0.2,
    "Hostage Taking (Barricade Incident)": 0.1,
    "Hijacking": 0.5,
    "Unknown": 0.05,
}
