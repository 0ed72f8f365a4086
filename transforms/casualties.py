"""Casualty figures in a sentence: numbers with their hedges, kind (killed or wounded) and role.

Per-report semantics follow the contract: "at least N" -> low N, best N; "more than N" ->
low N+1, best N+1; "between A and B" -> low A, best A, high B; "dozens" -> low 24, best NULL.

The finder (`find_figures`, one sentence) and the resolver (`casualties`, one incident's
figures reconciled into killed and wounded ranges) sit together here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from transforms.doc import Figure, Incident
from transforms.lexicon import FALLBACK, lexicon
from transforms.text import (
    NUMBER,
    NUMBER_WORD,
    TENS_WORDS,
    UNIT_WORDS,
    VAGUE,
    SpanSet,
    parse_number,
)

_HEDGE = (
    r"at least|more than|over|about|around|some|nearly|almost|approximately|roughly|"
    r"an estimated|up to|as many as|fewer than|less than|at most|a total of|another|"
    r"an additional|only"
)
_VAGUE = r"several dozen|dozens|scores|hundreds|thousands|a dozen"
QTY = (
    rf"(?:between\s+(?P<a>{NUMBER})\s+(?:and|to)\s+(?P<b>{NUMBER})"
    rf"|(?:(?P<hedge>{_HEDGE})\s+)?(?<![\w,.])(?P<num>{NUMBER})(?P<dozen>\s+dozen)?(?!\w|\s*(?:%|per\s?cent|km|kilo|metres|meters|"
    rf"miles|years?|months?|weeks?|days?|hours?|minutes?|a\.m|p\.m|o'clock))"
    rf"|(?:(?P<vhedge>{_HEDGE})\s+)?(?P<vague>{_VAGUE}))"
)
_DEATH = (
    r"(?:killed|dead|died|slain|murdered|massacred|shot dead|lost their lives|perished|"
    r"executed|beheaded|deaths?|fatalities|bodies)"
)
_WOUND = (
    r"(?:wounded|injured|hurt|maimed|injuries|casualties|"
    r"(?:still\s+)?(?:receiving|being|under)\s+treat(?:ment|ed)|hospitali[sz]ed)"
)
_GAP = r"(?:(?!\d)[^.;:!?])"
_BE = r"(?:\s+(?:were|was|have been|had been|are|is|been|had|have|also|all|later|still|"
_BE += r"reportedly|seriously|critically|badly|slightly|fatally))*"

_PERSON = (
    r"(?:man|woman|boy|girl|child|soldier|officer|policeman|policewoman|guard|worker|student|"
    r"journalist|civilian|teacher|priest|imam|lawyer|judge|contractor|tourist|driver|passenger|"
    r"farmer|doctor|nurse|candidate|politician|official|resident|worship(?:p)?er|colleague|person|visitor|"
    r"passer-by|bystander|pedestrian|customer|shopkeeper)"
)
_OFFICE = (
    r"(?:mayor|governor|minister|lawmaker|legislator|senator|congressman|congresswoman|mp|judge|"
    r"prosecutor|councillor|councilor|council member|chief|commander|cleric|imam|priest|pastor|"
    r"scholar|journalist|reporter|broadcaster|activist|candidate|official|director|chairman|"
    r"leader|head|elder|spokesman|spokeswoman|businessman|officer|policeman|soldier)"
)
_KILLED_ONE = (
    r"(?:shot and killed|shot dead|killed|killing|gunned down|murdered|assassinated|"
    r"stabbed to death|hacked to death|beheaded)"
)
# Capitalised words after a verb of killing that name no person: days, months, peoples
# ("killed Afghan soldiers" is read by the noun forms) and the words of groups.
_NOT_A_NAME = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|"
    r"May|June|July|August|September|October|November|December|The|A|An|His|Her|Their|Its|"
    r"Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|One|Dozens|Scores|Hundreds|Many|Several|"
    r"Taliban|Islamic|Al|Boko|US|U\.S|UN|NATO|Afghan|Iraqi|Syrian|Israeli|Palestinian|"
    r"Pakistani|Indian|Nigerian|Somali|Kurdish|Turkish|American|British|French|Russian|"
    r"Ukrainian|Government|Security|Police|Army|Military|Soldiers|Troops|Civilians|Children|"
    r"Women|Men)"
)
_KILL_VERB = (
    r"(?:killing|killed|kills|kill|shot dead|shooting dead|gunned down|claimed the lives of|"
    r"claiming the lives of|massacred|slaughtered|slew|left|leaving|executed|buried)"
)
_WOUND_VERB = r"(?:wounding|injuring|wounded|injured|hurting|hurt|maiming)"
# Adverbs between a passive's auxiliary and its participle, for one person killed or wounded.
_PASSIVE_ADVERBS = (
    r"(?:(?:also|reportedly|allegedly|later|apparently|subsequently|eventually|then|too|"
    r"himself|herself)\s+){0,2}"
)

_PATTERNS: list[tuple[str, str, re.Pattern[str]]] = [
    # "the death toll rose to 31", "the number of people killed ... rose to 128"
    (
        "killed",
        "toll",
        re.compile(
            rf"\b(?:death toll|toll|number of (?:people |those |civilians )?(?:killed|dead|deaths|"
            rf"victims)|number of dead|official (?:figure|count))\b{_GAP}{{0,90}}?"
            rf"\b(?:to|at|reached|reaches|is|was|of|stood at|hit|stands at)\s+{QTY}",
            re.IGNORECASE,
        ),
    ),
    # Rule TOLL_REVISED: "He revised that late in the afternoon to 20", "officials lowered the
    # figure to 18": a toll said again, corrected, is the toll now.
    (
        "killed",
        "toll",
        re.compile(
            rf"\b(?:revised|raised|lowered|updated|corrected)\s+(?:that|it|the (?:figure|number|"
            rf"count|tally|toll))\b{_GAP}{{0,60}}?\bto\s+{QTY}",
            re.IGNORECASE,
        ),
    ),
    # "brings to 15 the number of people killed"
    (
        "killed",
        "toll",
        re.compile(rf"\bbrings? to\s+{QTY}\s+the number of (?:people )?(?:killed|dead)", re.I),
    ),
    # "killing at least 25 people", "left 25 dead"
    (
        "killed",
        "verb",
        re.compile(rf"\b{_KILL_VERB}\s+(?:(?:the|all(?: the)?|a further|another)\s+)?{QTY}", re.I),
    ),
    # Rule NOMINAL_TOLL: "resulted in the death of 32 people", "the deaths of at least 14
    # civilians", "the killing of nine soldiers": a toll said as a noun is read as its verb.
    (
        "killed",
        "verb",
        re.compile(
            rf"\b(?:deaths?|killings?|murders?)\s+of\s+(?:(?:the|all(?: the)?)\s+)?{QTY}", re.I
        ),
    ),
    # "killing the party's candidate Haroon Bilour and at least a dozen others"
    (
        "killed",
        "others",
        re.compile(
            rf"\b{_KILL_VERB}\s+(?:[\w.'’-]+\s+){{1,6}}?and\s+(?P<pre>at least\s+)?{QTY}\s+(?:others?|other (?:people|persons|civilians))\b",
            re.I,
        ),
    ),
    (
        "killed",
        "single",
        re.compile(
            rf"\b(?:{_KILL_VERB}|{_KILLED_ONE})\s+(?P<one>an?)\s+(?:[\w.'-]+\s+){{0,3}}?{_PERSON}\b",
            re.I,
        ),
    ),
    # Rule TITLED_VICTIM: "shot and killed the deputy mayor", "killed Ana Ruiz, a local judge":
    # one person, named by office or by name and office.
    (
        "killed",
        "single",
        re.compile(
            rf"\b{_KILLED_ONE}\s+(?:(?P<one>the|a|an)\s+(?:[\w.'’-]+\s+){{0,3}}?{_OFFICE}|"
            rf"(?P<named>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{1,3}}),\s+(?:a|an|the)\s+"
            rf"(?:[\w.'’()-]+\s+){{0,6}}?{_OFFICE})\b"
            # "killed the minister and two others" is read by the "others" form
            rf"(?![^.;]{{0,40}}?\band\s+(?:at least\s+)?(?:{NUMBER}|an?)\s+other)",
        ),
    ),
    # Rule NAMED_VICTIM: "Assailants shot and killed Safiullah in Logar", "gunmen assassinated
    # Ana Ruiz, who ran the clinic": a person named as the object of a verb that kills one.
    # The name opens an apposition or a place; "killed Afghan soldiers" names a people, and
    # "killed Monday" a day, neither a person.
    (
        "killed",
        "single",
        re.compile(
            rf"\b{_KILLED_ONE}\s+(?!{_NOT_A_NAME}\b)(?P<named>[A-Z][a-z][\w'’-]*"
            rf"(?:\s+(?:[A-Z][\w'’-]+|bin|ibn|al-[A-Z][\w'’-]*)){{0,3}})"
            r"(?=\s*,|\s+(?:in|at|outside|near|inside)\b)"
            # "killed the minister and two others" is read by the "others" form
            rf"(?![^.;]{{0,40}}?\band\s+(?:at least\s+)?(?:{NUMBER}|an?)\s+other)",
        ),
    ),
    # Rule PAIR_KILLED: "Himmatyar and a military officer were killed", "Jalil, a commander,
    # and his driver were killed": a named person and one more, two dead.
    (
        "killed",
        "pair",
        re.compile(
            r"\b(?P<two>[A-Z][\w'’-]+)(?:,[^,;.]{1,60},)?\s+and\s+(?:his|her|their|a|an|the)\s+"
            r"(?:[\w-]+\s+){0,2}?(?:" + _PERSON + "|" + _OFFICE + r"|son|daughter|wife|husband|"
            r"brother|sister|father|mother|bodyguard|nephew|cousin)\s+were\s+(?:shot\s+and\s+|both\s+|"
            r"also\s+)?(?:killed|shot dead|murdered)\b",
        ),
    ),
    # "the village of Solhan lost at least 132 people"
    (
        "killed",
        "lost",
        re.compile(
            rf"\blost\s+{QTY}\s+(?:of\s+(?:its|their)\s+)?(?:people|residents|villagers|"
            r"inhabitants|men|soldiers|lives|members|civilians)\b",
            re.I,
        ),
    ),
    # "Shinzo Abe died on Friday after being shot", "the mayor was shot dead"; Rule
    # PASSIVE_ADVERBS: "the driver was later killed", "his wife was also reportedly injured".
    (
        "killed",
        "passive",
        re.compile(
            rf"\b(?P<one>was|has been|had been) {_PASSIVE_ADVERBS}(?:shot dead|killed|assassinated|"
            r"stabbed to death|gunned down|murdered|beheaded)\b",
            re.I,
        ),
    ),
    (
        "killed",
        "passive",
        re.compile(
            r"\b(?P<one>died)\b[^.;]{0,40}?\bafter (?:being|he was|she was) (?:shot|stabbed|attacked)\b",
            re.I,
        ),
    ),
    # Rule WOUNDED_ONE: "Senator Miguel Uribe has been shot and wounded", "the mayor was
    # seriously injured": one person, wounded (a plural or counted subject is read below).
    (
        "wounded",
        "passive",
        re.compile(
            rf"\b(?P<one>was|has been|had been) {_PASSIVE_ADVERBS}(?:shot and |stabbed and )?"
            r"(?:seriously |critically |"
            r"badly |gravely |slightly )?(?:wounded|injured)\b",
            re.I,
        ),
    ),
    # "36 people were killed", "at least 19 people dead", "19 deaths"
    ("killed", "noun", re.compile(rf"{QTY}\b(?P<np>{_GAP}{{0,160}}?){_BE}\s+{_DEATH}\b", re.I)),
    ("wounded", "verb", re.compile(rf"\b{_WOUND_VERB}\s+(?:(?:a further|another)\s+)?{QTY}", re.I)),
    # NOMINAL_TOLL for the wounded: "injuries to 40 more", "the wounding of 12 people"
    (
        "wounded",
        "verb",
        re.compile(rf"\b(?:injur(?:y|ies)\s+(?:to|of)|wounding of)\s+(?:the\s+)?{QTY}", re.I),
    ),
    ("wounded", "noun", re.compile(rf"{QTY}\b(?P<np>{_GAP}{{0,160}}?){_BE}\s+{_WOUND}\b", re.I)),
]

# Words without which a pattern cannot match (a substring test is far cheaper than the scan).
_KILL_STEMS = ("kill", "shot dead", "shooting dead", "gunned", "lives of", "massacr", "slaughter",
               "slew", "left", "leaving", "execut", "buried")  # fmt: skip
_DEATH_STEMS = ("kill", "dead", "died", "slain", "murder", "massacr", "lives", "perish", "execut",
                "behead", "death", "fatalit", "bodies")  # fmt: skip
_WOUND_STEMS = ("wound", "injur", "hurt", "maim", "casualt", "treat", "hospitali")
_NEEDS: dict[tuple[str, str], tuple[str, ...]] = {
    ("killed", "toll"): (
        "toll",
        "number of",
        "official",
        "brings",
        "revised",
        "raised",
        "lowered",
        "updated",
        "corrected",
    ),
    ("killed", "verb"): (*_KILL_STEMS, "death", "murder"),
    ("killed", "single"): (*_KILL_STEMS, "murder", "assassinat", "to death", "behead"),
    ("killed", "others"): ("other",),
    ("killed", "lost"): ("lost",),
    ("killed", "pair"): (" were ",),
    ("killed", "passive"): ("was ", "been ", "died"),
    ("killed", "noun"): _DEATH_STEMS,
    ("wounded", "verb"): _WOUND_STEMS,
    ("wounded", "passive"): ("wounded", "injured"),
    ("wounded", "noun"): _WOUND_STEMS,
}

_ZERO = [
    (
        "both",
        re.compile(
            r"\bno (?:one|body) (?:else )?was (?:reported )?(?:hurt|harmed)\b|"
            r"\bno (?:reported |immediate |known )?(?:reports of )?casualties\b|"
            r"\bwithout (?:causing )?(?:any )?casualties\b",
            re.I,
        ),
    ),
    ("both", re.compile(r"\bno (?:one|body) (?:else )?was (?:reported )?injured\b", re.I)),
    ("wounded", re.compile(r"\bno (?:reported |immediate )?(?:reports of )?injuries\b", re.I)),
    (
        "killed",
        re.compile(r"\bno (?:one|body) (?:else )?was (?:reported )?killed\b|\bno deaths\b", re.I),
    ),
]

ATTACKER_NOUNS = re.compile(
    r"\b(?:attackers?|gunm[ae]n|assailants?|militants?|bombers?|insurgents?|fighters?|"
    r"terrorists?|hostage-takers?|jihadists?|suspects?|perpetrators?|captors)\b",
    re.I,
)
_NON_VICTIM = re.compile(
    r"(?:(?:further|more|other|separate|large|small|powerful|coordinated|simultaneous|"
    r"suicide|roadside|car|truck)\s+)?"
    r"\b(?:explosions|blasts|bombs|bombings|shells|rockets|mortars|grenades|devices|kilograms?|kg|tonnes?|tons|rounds|bullets|vehicles|cars|houses|homes|buildings|"
    r"attacks|operations|raids|incidents|plots|arrests|suspects|members|recruits|families|"
    r"schools|clinics|mosques|countries|nationalities|cases|shots|days|hours|times|points)\b",
    re.I,
)
_EARLIER = re.compile(
    r"(?<!day )(?<!days )(?<!hours )(?<!hour )(?<!week )(?<!weeks )(?<!month )(?<!minutes )"
    r"\b(?:earlier|initially|first|had put|previously|originally|initial)\b",
    re.I,
)
_UNOFFICIAL = re.compile(
    r"\b(?:residents|locals?|local (?:officials?|sources)|witnesses|survivors|buried|"
    r"the militants claimed|its own count|higher than the official|claimed)\b",
    re.I,
)
# Who acts first in a sentence: those who answered an attack, or those who made it.
_FIRST_ACTOR = re.compile(
    r"\b(?:(?P<responders>troops|soldiers|police|security forces|army|commandos)|"
    r"attackers|gunmen|assailants|militants|insurgents|fighters|raiders)\b",
    re.I,
)
_SPOKE = re.compile(r"\b(?:said|says|told|reported|according to)\b", re.I)


def _reported_clause(sentence: str, end: int) -> int:
    """Where the words reported start, before `end`: after the last "said" ("Police said the
    attackers killed four others": the attackers are the subject, the police speak)."""
    start = 0
    for m in _SPOKE.finditer(sentence, 0, end):
        start = m.end()
    return start


_SUSPECTS = re.compile(
    r"\b(?:suspects|attackers|gunmen|assailants|militants|insurgents|fighters|raiders|"
    r"kidnappers|hijackers|perpetrators|mercenaries)\b",
    re.I,
)
_ABOVE_OFFICIAL = re.compile(
    r"[^.;]{0,30}?\b(?:higher|more) than (?:the )?(?:official|government'?s?|authorities'?)", re.I
)
_TRIGGER_WORDS = ("kill", "dead", "died", "death", "toll", "slain", "murder", "massacre", "wound",
                  "injur", "hurt", "casualt", "fatalit", "treatment", "hospitali", "lives",
                  "executed", "behead", "bodies", "perished", "no one", "nobody", "assassinat", "gunned",
                  "buried", "lost ", "revised", "lowered", "raised", "updated", "corrected")  # fmt: skip


# Kinds of victims told apart when one account counts them separately ("20 hostages were
# dead" ... "two police officers had been killed"): figures of different kinds add up.
_VICTIM_KIND = re.compile(
    r"[\s,]*(?:[\w-]+\s+){0,2}?(?:"
    r"(?P<military>soldiers?|troops|servicem[ae]n|marines|paratroopers)|"
    r"(?P<police>police(?:m[ae]n|women)?(?:\s+officers?)?|officers?|gendarmes|cadets)|"
    r"(?P<hostages>hostages|captives)|"
    r"(?P<civilians>civilians|villagers|residents|worship(?:p)?ers|students|pupils|children|"
    r"passengers|tourists|shoppers|farmers|labourers|workers))\b",
    re.I,
)


# A longer digit run is no casualty count (an id, a phone number, garbage): it is not read,
# so it can neither exceed Python's int-string limit nor overflow a 64-bit column. Figures
# that fit are kept as stated and the range rules quarantine the implausible ones.
MAX_COUNT_DIGITS = 18


def _count(token: str) -> int | None:
    """parse_number, refusing digit runs longer than MAX_COUNT_DIGITS."""
    digits = sum(ch.isdigit() for ch in token)
    return None if digits > MAX_COUNT_DIGITS else parse_number(token)


def _quantity(m: re.Match[str]) -> tuple[int | None, int | None, int | None] | None:
    if "one" in m.re.groupindex or "named" in m.re.groupindex:
        return (1, 1, None)  # one person, named or counted as "a" or "the"
    if "two" in m.re.groupindex:
        return (2, 2, None)  # a named person and one more
    if m.group("a"):
        a, b = _count(m.group("a")), _count(m.group("b"))
        if a is None or b is None:
            return None
        return (min(a, b), min(a, b), max(a, b))
    if m.group("vague"):
        low, best = VAGUE[m.group("vague").lower()]
        if best is None:
            return (low, best, None)
        # Rule HEDGED_VAGUE: a vague count with a value of its own ("a dozen") takes its
        # hedge as a number does: "more than a dozen" is 13, "up to a dozen" at most 12.
        value, hedge = best, (m.group("vhedge") or "").lower()
    else:
        counted = _count(m.group("num"))
        if counted is None:
            return None
        value = counted
        if m.group("dozen"):
            value *= 12  # Rule DOZENS_COUNTED: "two dozen" is 24
        hedge = (m.group("hedge") or "").lower()
    if hedge in ("more than", "over"):
        value += 1
    elif hedge in ("fewer than", "less than"):
        return (None, None, value - 1)
    elif hedge in ("up to", "as many as", "at most"):
        return (None, None, value)
    return (value, value, None)


def find_figures(sentence: str) -> list[Figure]:
    """All casualty figures stated in one sentence, left to right, overlaps removed."""
    lower = sentence.lower()
    if not any(w in lower for w in _TRIGGER_WORDS):
        return []
    sentence = _hide_breakdowns(sentence)
    found: list[Figure] = []
    taken: list[tuple[int, int]] = []
    held = SpanSet()  # the spans of `taken`, for the overlap test
    zeros = _ZERO if ("no " in lower or "without" in lower) else []
    for kind, zero_pattern in zeros:
        for zm in zero_pattern.finditer(sentence):
            kinds = ("killed", "wounded") if kind == "both" else (kind,)
            # "No one else was hurt" adds nothing to figures given elsewhere.
            role = "subset" if "else" in zm.group(0).lower() else "victims"
            for k in kinds:
                found.append(Figure(k, 0, 0, None, zm.start(), zm.end(), role))
            taken.append((zm.start(), zm.end()))
            held.add(zm.start(), zm.end())
    starts: list[int] | None = None
    for kind, form, pattern in _PATTERNS:
        if not any(w in lower for w in _NEEDS[(kind, form)]):
            continue  # the pattern's words are absent: skip the costly scan
        if form == "noun" and starts is None:
            starts = _quantity_starts(sentence)
        for m in _matches(pattern, sentence, form, taken, starts or []):
            num_start = m.start("num") if "num" in m.re.groupindex and m.group("num") else -1
            span = (num_start if num_start >= 0 else m.start(), m.end())
            figure = None
            if not held.overlaps(*span):
                figure = _figure(sentence, m, kind, form)
            if figure is not None:
                found.append(figure)
                taken.append(span)
                held.add(*span)
                if form == "noun" and figure.best is not None:
                    found.extend(_other_role_group(sentence, figure, held))
    return sorted(found, key=lambda f: f.start)


def _other_role_group(sentence: str, figure: Figure, held: SpanSet) -> list[Figure]:
    """Rule COORDINATED_GROUPS, for a first group of the other role ("two policemen and four
    militants were killed"): a figure of its own, so that victims and attackers stay apart."""
    if figure.role not in ("victims", "attackers"):
        return []
    first = first_group(sentence, figure.start)
    if first is None or first[1] == figure.role or held.overlaps(first[2], figure.start):
        return []
    count, role, start = first
    held.add(start, figure.start)
    return [Figure(figure.kind, count, count, None, start, figure.start, role,
                   is_earlier=figure.is_earlier, is_unofficial=figure.is_unofficial)]  # fmt: skip


# Where a quantity can begin: patterns that open with one are tried only there, not at every
# character (the regex engine finds no literal prefix to skip ahead with). A superset is
# harmless: the pattern itself decides at each candidate.
_WORD_OR_DIGITS = re.compile(r"[A-Za-z]+|\d")
_QTY_FIRST_WORDS = frozenset(
    {w.split()[0] for w in (_HEDGE + "|" + _VAGUE + "|between").split("|")}
    | set(re.findall(r"[a-z]+", UNIT_WORDS + " " + TENS_WORDS))
)


def _quantity_starts(sentence: str) -> list[int]:
    return [
        m.start()
        for m in _WORD_OR_DIGITS.finditer(sentence)
        if m.group(0).isdigit() or m.group(0).lower() in _QTY_FIRST_WORDS
    ]


def _matches(
    pattern: re.Pattern[str],
    sentence: str,
    form: str,
    taken: list[tuple[int, int]],
    starts: list[int],
) -> Iterator[re.Match[str]]:
    """Matches left to right; after a match the search goes on past it, after a rejected one
    from the next position (a rejected long match may hide a shorter valid one inside it).
    The caller appends to `taken` when it accepts a match."""
    if form == "noun":
        pos = 0
        for start in starts:
            if start < pos:
                continue
            m = pattern.match(sentence, start)
            if m is not None:
                n = len(taken)
                yield m
                if len(taken) > n:
                    pos = m.end()
        return
    pos = 0
    while (m := pattern.search(sentence, pos)) is not None:
        n = len(taken)
        yield m
        pos = m.end() if len(taken) > n else m.start() + 1


_NP_BREAK = re.compile(
    r"\b(?:said|says|and the|wounded|injured|killed|dead|died|hurt|before|after|when|while|"
    r"how many|how much|whether)\b|\bin \d{4}\b",
    re.I,
)
_SUM_TAIL = re.compile(
    rf"^(?P<np1>(?:\s+[A-Za-z.'-]+){{1,3}}?)\s+and\s+(?P<n2>{NUMBER}|an?)\s+(?P<np2>(?:[A-Za-z.'-]+\s*){{1,3}})",
    re.I,
)
_ALONG_WITH = re.compile(
    rf"^[^.;]{{0,120}}?,\s+(?:along with|as well as|plus)\s+(?P<n2>{NUMBER}|an?)\s+"
    r"(?P<np2>(?:[A-Za-z.'-]+\s*){1,3})",
    re.I,
)
_AND_MORE = re.compile(rf"^\s+and\s+(?P<n2>{NUMBER})\s+(?P<np2>(?:[A-Za-z.'-]+\s*){{1,3}})", re.I)
_PLACE_PREP = re.compile(r"\b(?:in|at|near|on|outside|inside|from)\b", re.I)

# Rule ALONG_WITH_LIST: "was killed along with a bodyguard and both assailants", "... along
# with his driver, two guards and a passer-by": every person of the list adds to the one killed.
_KIN = (
    r"(?:sons?|daughters?|wife|wives|husband|brothers?|sisters?|father|mother|drivers?|"
    r"bodyguards?|guards?|nephews?|cousins?|colleagues?|aides?|child|children|relatives?|"
    r"companions?|assailants?|attackers?|gunm[ae]n|bombers?|others|other people|escorts?)"
)


def _list_item(named: bool) -> str:
    """One person or group of the list; `named` gives the count its groups (once a pattern)."""
    n, both = ("(?P<n>", "(?P<both>") if named else ("(?:", "(?:")
    return (
        rf"(?:{n}{NUMBER})|{both}both)|an?|one|his|her|their)\s+(?:[\w-]+\s+){{0,2}}?"
        rf"(?:{_PERSON}s?|{_KIN})\b"
    )


_LIST_ITEM_RX = re.compile(_list_item(named=True), re.I)
_ALONG_WITH_LIST = re.compile(
    rf"[^.;]{{0,50}}?\b(?:along with|together with|alongside)\s+(?P<items>{_list_item(False)}"
    rf"(?:(?:,\s+and\s+|,\s+|\s+and\s+){_list_item(False)})*)",
    re.I,
)


def _along_with(sentence: str, end: int) -> int:
    """The people of an "along with" list after a toll (rule ALONG_WITH_LIST): 0 when none."""
    m = _ALONG_WITH_LIST.match(sentence, end)
    if m is None:
        return 0
    total = 0
    for item in _LIST_ITEM_RX.finditer(m.group("items")):
        if item.group("n"):
            total += _count(item.group("n")) or 0
        else:
            total += 2 if item.group("both") else 1
    return total


_NEW_SUBJECT = re.compile(
    r"\b(?:were|was)\b[^,;]*?\band\s+(?=(?:a|an|the|another|one|his|her|their)\b)", re.I
)


def _is_year(m: re.Match[str]) -> bool:
    num = m.group("num") if "num" in m.re.groupindex else None
    return bool(num and num.isdigit() and len(num) == 4 and 1900 <= int(num) <= 2099)


def _month_names() -> str:
    rows = lexicon(FALLBACK).table("months")
    words = sorted({r["word"].capitalize() for r in rows}, key=len, reverse=True)
    return "|".join(map(re.escape, words))


# Rule DAY_OF_MONTH: a number that is a date's day counts no one: "Islamabad, Jun. 8, (dpa) -
# An explosion ... killed", "on 12 March, 40 people were killed" (the 40 counts, the 12 not).
_MONTHS = _month_names()
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.?\s*$")
_MONTH_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b")


def _is_day_of_month(sentence: str, m: re.Match[str]) -> bool:
    if "num" not in m.re.groupindex or not m.group("num") or not m.group("num").isdigit():
        return False
    if len(m.group("num")) > 2:
        return False
    start, end = m.span("num")
    return bool(
        _MONTH_BEFORE.search(sentence[max(0, start - 12) : start])
        or _MONTH_AFTER.match(sentence[end : end + 16])
    )


def _figure(sentence: str, m: re.Match[str], kind: str, form: str) -> Figure | None:
    qty = _quantity(m)
    if qty is None or _is_year(m) or _is_day_of_month(sentence, m):
        return None
    low, best, high = qty
    after = sentence[m.end() : m.end() + 60]
    np = _without_breakdown(m.groupdict().get("np") or "")
    if form == "passive":
        subject = sentence[max(0, m.start() - 60) : m.start()]
        # Rule CLAUSE_SUBJECT: "Two soldiers were killed and a civilian was injured": after
        # a clause of its own, "and a ..." opens the passive's own subject; the clause before
        # it counts other people.
        joins = list(_NEW_SUBJECT.finditer(subject))
        if joins:
            subject = subject[joins[-1].end() :]
        # "and" inside a name ("an official of the Foreigners and Migration Service was
        # killed") joins no second person.
        if re.search(
            r"\b(?:people|persons|were|they)\b|\band\b(?!\s+[A-Z])|\d", subject, re.I
        ) and not re.search(r",[^,]*,\s*$", subject):
            return None  # a plural or counted subject is read by the other forms
        if re.search(rf"\b(?:{NUMBER_WORD})\s+(?:[\w-]+\s+){{0,2}}$", subject, re.I):
            return None  # "one soldier was killed": counted, read by the noun form
        if re.search(
            r"\b(?:gunm[ae]n|attackers?|bombers?|assailants?|suspects?|militants?|hijackers?)\b"
            r"[^.;]{0,40}$",
            subject,
            re.I,
        ) or re.match(
            r"\s+by (?:the )?(?:police|security forces|soldiers|troops|officers|commandos|guards)\b",
            sentence[m.end() :],
            re.I,
        ):  # "He was shot dead by police outside the hotel": the attacker
            return Figure(kind, 1, 1, None, m.start(), m.end(), "attackers")
    if form == "noun" and (_NP_BREAK.search(np) or re.search(rf"\b(?:{NUMBER_WORD})\b", np, re.I)):
        return None
    if (
        form == "noun"
        and re.match(rf"\s+(?:{NUMBER}|an?\s)", sentence[m.end() :], re.I)
        and not (_TIME_AFTER.match(sentence, m.end()))
    ):
        return None  # "two gunmen killed 21 tourists": the gunmen are the subject, not the dead
    if (
        form == "noun"
        and re.match(
            r"\s+(?:it|him|her|them|us|the|his|their|its|off|time)\b", sentence[m.end() :], re.I
        )
        and _ACTIVE_KILLING.search(m.group(0))
        and not _PASSIVE_END.search(m.group(0))
    ):
        return None  # ACTIVE_KILLERS: "20 men massacred the worshippers" counts the killers
    if (
        form == "noun"
        and re.search(r"deaths?$", m.group(0), re.I)
        and re.search(r"\b(?:sentenc|condemn)\w*", sentence[max(0, m.start() - 40) : m.end()], re.I)
    ):
        return None  # "sentenced seven men to death": a verdict, not a toll
    tail = np if form == "noun" else after
    if _NON_VICTIM.match(tail.strip()):
        return None
    if (
        form == "verb"
        and m.group(0).lower().startswith(("left", "leaving"))
        and not re.match(r"\s*(?:\w+\s+){0,2}(?:dead|killed|wounded|injured)", after)
    ):
        return None
    if (
        form == "verb"
        and kind == "killed"
        and re.match(r"\s*(?:\w+\s+){0,1}(?:wounded|injured)\b", after)
    ):
        return None  # "killed 36 and 147 wounded" is read by the noun form.
    role = "victims"
    if re.search(r"\b(?:of|among) the\s*$", sentence[max(0, m.start() - 12) : m.start()], re.I):
        role = "subset"  # "Of the 12 dead, one was the driver": a toll repeated, not an event
    elif form == "noun" and re.match(
        r"\s*of the (?:attackers|gunmen|assailants|militants|bombers)", np
    ):
        role = "attackers"
    elif (
        (form == "noun" and kind == "wounded" and re.match(r"\s*of (?:the|them|those)\b", np))
        or (
            form == "noun"
            and re.search(r"\bamong\b|^\s*of (?:those killed|the dead|the victims)\b", np, re.I)
        )
        or (
            # "killed 20 people; 12 of them were children": a part of a toll given before it.
            # With none before, "held 40 pupils hostage; 12 of them were killed" is the toll.
            form == "noun"
            and re.match(r"\s*of (?:them|whom)\b", np, re.I)
            and re.search(
                r"\b(?:killed|killing|kills|dead|died|deaths?|wounded|wounding|injured|injuring|hurt)\b",
                sentence[: m.start()],
                re.I,
            )
        )
        or (
            # "killed 20 people, shooting 12 of them": a part of a toll already given. With no
            # toll before it, "killed 34 of them" (the students) is the toll.
            form == "verb"
            and re.match(r"\s*of (?:them|those|whom)\b", after)
            and re.search(r"\b(?:killed|killing|dead|died)\b", sentence[: m.start()], re.I)
        )
    ):
        role = "subset"
    elif (
        form == "verb"
        and (
            re.match(r"\s*of (?:them|those)\b", after)
            or (
                re.match(r"\s*(?:others|more)\b", after)
                and _SUSPECTS.search(sentence, 0, m.start())
            )
        )
        and (
            actor := _FIRST_ACTOR.search(sentence, _reported_clause(sentence, m.start()), m.start())
        )
        is not None
        and actor.group("responders")
    ):
        # "troops repelled the attackers and killed 12 of them"; Rule RESPONDERS_KILLED_OTHERS:
        # "police detained two suspects and killed four others" counts attackers, not victims.
        role = "attackers"
    elif (
        kind == "wounded"
        and re.search(
            r"\bstill (?:being treated|in hospital|hospitali[sz]ed|receiving treatment)\b",
            m.group(0) + after[:40],
            re.I,
        )
        and re.search(r"\b(?:wounded|injured|hurt)\b", sentence[: m.start()], re.I)
    ):
        # "24 were wounded, and more than a dozen were still being treated": part of the
        # wounded. Alone ("61 people were still receiving treatment") it is the figure.
        role = "subset"
    elif form != "passive" and (
        ATTACKER_NOUNS.match(tail.strip())
        or re.match(
            r"\s*(?:\w+\s+)?(?:attackers|gunmen|assailants|militants|bombers|men in the car)\b",
            tail,
        )
    ):
        # "12 militants were killed"; a passive's subject is before it, so the words after
        # it name no one ("the mayor was injured when gunmen fired on his car").
        role = "attackers"
    if form == "noun" and best is not None and role == "victims":
        conj = re.search(rf"\band (?P<n2>{NUMBER}|an?) ", np, re.I)
        extra = _count(conj.group("n2")) if conj else 0
        if not conj and re.search(
            rf"\band (?:their|his|her|its) (?:[\w-]+\s+){{0,2}}?{_PERSON}\b", np, re.I
        ):
            extra = 1  # "three Chinese teachers and their Pakistani driver were killed"
        if extra:
            low, best = (low or 0) + extra, best + extra
    if form == "others" and best is not None:
        low, best = (low if low is not None else best) + 1, best + 1  # the victim named first
    if form == "single" and best is not None and role == "victims":
        second = re.match(
            rf"[^,;.]{{0,60}}?\band (?:a|an|one) (?:[\w-]+\s+){{0,2}}?{_PERSON}\b",
            sentence[m.end() :],
            re.I,
        )
        if second:  # "shot dead a woman in the street and a man in a kebab shop"
            low, best = (low or 0) + 1, best + 1
    if form in ("verb", "single") and best is not None and role == "victims":
        extra = _summed_tail(sentence[m.end() :])
        if extra:
            low, best = (low or 0) + extra, best + extra
    if form == "passive" and kind == "killed" and best is not None and role == "victims":
        # Rule ALONG_WITH_KIN: "The commander was killed in the blast along with his son";
        # ALONG_WITH_LIST for several ("along with a bodyguard and both assailants").
        extra = _along_with(sentence, m.end())
        if extra:
            low, best = (low or 0) + extra, best + extra
    if form == "noun" and best is not None and role in ("victims", "attackers"):
        # "Thirteen soldiers and 90 civilians were killed": the first group adds to the second
        # (a first group of the other role is a figure of its own, see `first_group`).
        first = first_group(sentence, m.start())
        if first is not None and first[1] == role:
            low, best = (low or 0) + first[0], best + first[0]
    number_end = m.end("num") if "num" in m.re.groupindex and m.group("num") else m.end()
    kind_of = _VICTIM_KIND.match(sentence, number_end) or _VICTIM_KIND.match(after)
    before = sentence[max(0, m.start() - 80) : m.start()]
    return Figure(
        kind=kind,
        low=low,
        best=best,
        high=high,
        start=m.start(),
        end=m.end(),
        role=role,
        is_toll_update=form == "toll",
        is_earlier=bool(_EARLIER.search(before[-60:])),
        is_unofficial=bool(_UNOFFICIAL.search(before + m.group(0)))
        or bool(_ABOVE_OFFICIAL.match(sentence, m.end())),
        victims=(kind_of.lastgroup or "") if kind_of else "",
        one_person=form == "passive" or (form == "single" and kind == "killed"),
        besides=form == "noun" and bool(_BESIDES.fullmatch(np.strip())),
    )


# Rule ACTIVE_KILLERS: a count that is the subject of an active verb of killing with its object
# after it ("About 20 men in fatigues massacred the worshippers", "the front three killed it")
# counts those who killed, not the dead. With an auxiliary ("were executed the same morning")
# the verb is passive and the count is the toll.
_ACTIVE_KILLING = re.compile(r"(?:kill(?:ed|s)?|murdered|massacred|executed|beheaded)$", re.I)
_PASSIVE_END = re.compile(
    r"\b(?:were|was|been|are|is|being|be)\s+(?:\w+ly\s+|also\s+|all\s+)*\w+$", re.I
)


# Rule TIME_AFTER_TOLL: "Two hostages were killed a week later", "three died two days after
# the raid": a span of time after the death word is no object of an active verb.
_TIME_AFTER = re.compile(
    rf"\s+(?:{NUMBER}|an?|a few|a couple of)\s+(?:weeks?|days?|months?|years?|hours?|minutes?|"
    r"moments?|while|short while)\b",
    re.I,
)
_BESIDES = re.compile(r"(?:other|others|other (?:people|persons|civilians|victims))", re.I)
_BESIDES_AFTER = re.compile(rf"{QTY}\s+(?:others|other (?:people|persons|civilians))\b", re.I)


# Rule COORDINATED_GROUPS: "Three guards and eight gunmen were killed", "One village elder
# and five insurgents died": the group named before "and" is counted too, with its own role.
_FIRST_GROUP = re.compile(
    rf"(?<![\w,.])(?P<n1>{NUMBER})\s+(?P<np1>(?:[\w-]+\s+){{0,2}}?)(?P<noun>[\w-]+)\s+and\s+$",
    re.I,
)
_PEOPLE_NOUN = re.compile(
    rf"(?:{_PERSON}|{_OFFICE})(?:s|es)?|people|persons|men|women|children|troops|"
    r"police(?:m[ae]n|women)?|villagers|civilians|worship(?:p)?ers|passers-by|bystanders|hostages|"
    r"servicem[ae]n|gendarmes|recruits|pilgrims|students|pupils|members?|personnel|"
    + ATTACKER_NOUNS.pattern.removeprefix(r"\b(?:").removesuffix(r")\b"),
    re.I,
)


# Rule ONE_AND_A_GROUP: "A police officer and two assailants were killed", "the governor and
# three others died", "Bismillah and five others were killed": one person, named by an
# article and a singular noun (or by name, before "N others"), is a first group of one. Not
# the object of a verb before it: in "gunmen killed a guard and two civilians were wounded",
# the guard is no part of the wounded.
_FIRST_ONE = re.compile(
    r"(?<![\w,.])(?P<art>a|an|the|another)\s+(?P<np1>(?:[\w-]+\s+){0,2}?)(?P<noun>[\w-]+)"
    r"\s+and\s+$",
    re.I,
)
_FIRST_NAMED = re.compile(r"(?<![\w,.])(?P<name>[A-Z][a-z][\w'’-]*)\s+and\s+$")
_ONE_PERSON_NOUN = re.compile(
    rf"{_PERSON}|{_OFFICE}|police(?:man|woman)|gendarme|serviceman|pilgrim|student|pupil|"
    r"member|recruit|hostage|villager|interpreter|translator|engineer|employee|trader|"
    r"vendor|tribesman|attacker|gunman|assailant|militant|bomber|insurgent|"
    r"fighter|terrorist|jihadist|suspect|perpetrator",
    re.I,
)
_OBJECT_OF_VERB = re.compile(
    r"\b(?:kill(?:ed|ing)?|wound(?:ed|ing)?|injur(?:ed|ing)|shot|shooting|hit|targeted|"
    r"attacked|abducted|kidnapped|with|by|of|for|against|in|at|from|near|to)\s+$",
    re.I,
)


def first_group(sentence: str, start: int) -> tuple[int, str, int] | None:
    """The group counted just before a toll's own number (`start`) and joined to it by "and":
    (its count, its role, where it starts), or None. Only people count: "two cars and four
    people were killed" names no first group."""
    window_start = max(0, start - 60)
    window = sentence[window_start:start]
    m = _FIRST_GROUP.search(window)
    if m is None or not _PEOPLE_NOUN.fullmatch(m.group("noun")):
        return _first_one(sentence, window_start, window, start)
    count = _count(m.group("n1"))
    if not count:
        return None
    role = "attackers" if ATTACKER_NOUNS.search(m.group("np1") + m.group("noun")) else "victims"
    return count, role, window_start + m.start()


def _first_one(sentence: str, window_start: int, window: str, start: int
               ) -> tuple[int, str, int] | None:  # fmt: skip
    """Rule ONE_AND_A_GROUP (see `_FIRST_ONE`)."""
    m = _FIRST_ONE.search(window)
    if m is not None and _ONE_PERSON_NOUN.fullmatch(m.group("noun")):
        role = "attackers" if ATTACKER_NOUNS.search(m.group("np1") + m.group("noun")) else "victims"
    elif (
        (m := _FIRST_NAMED.search(window)) is not None
        and _BESIDES_AFTER.match(sentence, start)
        and not re.fullmatch(_NOT_A_NAME, m.group("name"), re.I)
    ):
        role = "victims"
    else:
        return None
    if _OBJECT_OF_VERB.search(sentence[: window_start + m.start()]):
        return None
    return 1, role, window_start + m.start()


# Rule TOTAL_WITH_BREAKDOWN: "Fifteen people, including five police officers and 10
# assailants, were killed": the groups inside the parenthesis are a part of the total, so
# their digits are hidden from the patterns (offsets kept) and the total is read across it.
# A list with commas of its own runs to the verb ("At least six people, including the governor,
# his son, and four of his guards were killed"): its last space becomes the closing comma. Such
# a list holds no count of its own ("..., and at least 41 others were injured" is no part).
_BREAKDOWN = re.compile(
    r",\s+(?:including|among them|among whom)\b(?:"
    r"(?:(?!\b(?:said|says|told|reported|died|killed|wounded|injured|rescued|freed|released|"
    r"arrested|captured|that|who|which|while|but|when|others?|another|at least|more than|"
    r"nearly|about)\b)[^;.:!?]){1,160}?"
    r"(?P<end>\s)(?=(?:were|was|have been|had been)\s+(?:\w+ly\s+)?"
    r"(?:killed|wounded|injured|hurt|dead)\b)|[^,;.:!?]{1,120},)",
    re.I,
)


def _hide_breakdowns(sentence: str) -> str:
    if "including" not in sentence and "among" not in sentence:
        return sentence

    def hide(b: re.Match[str]) -> str:
        # its words are hidden from the patterns: "and a cousin" inside it adds no one
        opening = re.match(r",\s+\w+(?:\s+them|\s+whom)?", b.group(0))
        head = opening.group(0) if opening else ""
        text = head + re.sub(r"\w", "x", b.group(0)[len(head) :])
        return text[:-1] + "," if b.group("end") else text

    return _BREAKDOWN.sub(hide, sentence)


def _without_breakdown(np: str) -> str:
    return _BREAKDOWN.sub(" ", np) if "," in np else np


# Rule DEMONYM_VICTIM: "12 German tourists and a Peruvian", "and two Britons": people named
# by their nationality alone.
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:ians?|ans?|eses?|ish|is|ers?|ons?)\b")


def _summed_tail(rest: str) -> int:
    """'killed 12 German tourists and a Peruvian visitor', '... along with two police officers':
    the second group adds to the first."""
    m = _SUM_TAIL.match(rest)
    if not m or _PLACE_PREP.search(m.group("np1")):
        m = _ALONG_WITH.match(rest) or _AND_MORE.match(rest)
        if not m:
            return 0
    if not re.search(
        _PERSON + r"|tourists?|visitors?|people|civilians|soldiers|officers|police",
        m.group("np2"),
        re.I,
    ) and not _DEMONYM.match(m.group("np2")):
        return 0
    value = _count(m.group("n2"))
    return value or 0


# The resolver: one incident's (low, best, high) killed and wounded from the figures its sentences give.
Range = tuple[int | None, int | None, int | None]


def reconcile(figures: list[Figure]) -> Range:
    """One report's (low, best, high) from the figures it gives, in text order.

    A toll update ("rose to 128") is the best figure; otherwise the last figure stated. Earlier
    figures the text supersedes are dropped when lower and kept as `high` when higher; an
    unofficial count above the official one becomes `high` (as for Solhan: 132 official,
    160 buried by residents).
    """
    if not figures:
        return (None, None, None)
    current = [f for f in figures if not f.is_earlier] or figures
    precise = [f for f in current if f.best is not None]
    # Rule VAGUE_FLOOR: "dozens" is at least 24, so "Dozens of people are dead ... Seven were
    # killed trying to flee" gives 7 as a part of the dead, not their number: numbers all
    # below a vague count's floor leave it standing (one at or above it is the toll, as
    # VAGUE_YIELDS says).
    floors = [f.low for f in current if f.best is None and f.low is not None and f.high is None]
    if floors and precise and all(f.best < max(floors) for f in precise):  # type: ignore[operator]
        precise, current = [], [f for f in current if f.best is None]
    updates = [f for f in precise if f.is_toll_update and not f.is_earlier]
    updates = [f for f in updates if not f.is_unofficial] or updates
    official = [f for f in precise if not f.is_unofficial] or precise
    pool = updates or official
    # A run of figures of different kinds of victim adds up ("20 hostages were dead", "two
    # police officers had been killed"); the same kind again, or people in general, updates.
    run: list[Figure] = []
    for f in pool:
        if run and f.victims and all(g.victims and g.victims != f.victims for g in run):
            run.append(f)
        else:
            run = [f]
    best_fig = pool[-1] if pool else None
    best = best_fig.best if best_fig else None
    # Rule VAGUE_YIELDS: a vague count ("dozens", "scores") bounds nothing once the text gives
    # a number: "dozens were wounded ... 39 were wounded" is 39, not 24 to 39.
    lows = [
        f.low
        for f in (precise or current)
        if f.low is not None and (best is None or not f.is_unofficial or f.low <= best)
    ]
    low = min(lows) if lows else None
    if len(run) > 1:
        best = sum(f.best or 0 for f in run)
        low = sum(f.low if f.low is not None else (f.best or 0) for f in run)
    if best is not None and low is not None and low > best:
        low = best
    highs = [f.high for f in figures if f.high is not None]
    highs += [
        f.best
        for f in figures
        if f.best is not None
        and best is not None
        and f.best > best
        and (f.is_unofficial or f.is_earlier)
    ]
    high = (
        max(highs)
        if highs and best is not None and max(highs) > best
        else (max(highs) if highs and best is None else None)
    )
    return (low, best, high)


# "In addition to the assailant, three people were killed", "in addition to 30 assailants":
# attackers' deaths stated beside the victims' toll.
_IN_ADDITION = re.compile(
    rf"\bin addition to (?:the (?P<one>assailant|attacker|bomber|gunman|perpetrator)\b|"
    rf"(?:the\s+)?(?P<n>{NUMBER})\s+(?:\w+\s+)?(?:assailants|attackers|bombers|gunmen|militants|"
    rf"perpetrators)\b)",
    re.I,
)


_N_SUICIDE_BOMBERS = re.compile(
    r"\b(?P<n>two|three|four|five|six|seven|\d) suicide bombers\b[^.]{0,80}?"
    r"\b(?:blew themselves up|killed themselves|died|were killed)\b",
    re.I,
)


# The attacker's own death, said in so many words. A suicide bombing's toll is taken as given:
# "a suicide bomber killed 30 people" adds no bomber, "blew himself up" does.
_OWN_DEATH = re.compile(
    r"\bblew (?:himself|herself) up\b|\bkill(?:ed|ing) (?:himself|herself)\b|"
    r"\bthe (?:suicide )?(?:bomber|attacker|assailant|gunman) (?:was |also )*(?:killed|died)\b|"
    r"\bthe (?:suicide )?(?:bomber|attacker|assailant|gunman) and (?:[\w-]+ ){0,3}(?:died|were killed)\b",
    re.I,
)


_SHOT_DEAD = re.compile(
    r"\b(?:police|officers|security forces|soldiers|guards)\b[^.]{0,40}\bsho?o?t (?:him|the (?:gunman|attacker)) dead\b|\b(?:he|the gunman|the attacker) was shot dead\b|\bbefore (?:police|security forces) shot him dead\b|\b(?:before|after) being (?:shot dead|shot|killed) by (?:the )?(?:police|security forces|officers|soldiers|troops)\b|\bthen himself\b",
    re.I,
)


def _attackers_killed(figures: list[Figure], text: str) -> int:
    """Attackers the text says died (GTD's nkill counts them): a figure of dead attackers, "in
    addition to the assailant", several suicide bombers who died, or one attacker's own death."""
    counted = [f.best for f in figures if f.role == "attackers" and f.kind == "killed" and f.best]
    if counted:
        return max(counted)
    if _unclear(text):
        return 0
    lower = text.lower()
    if "in addition to" in lower and (m := _IN_ADDITION.search(text)):
        return 1 if m.group("one") else parse_number(m.group("n")) or 0
    m = _N_SUICIDE_BOMBERS.search(text) if "suicide" in lower else None
    if m:
        return parse_number(m.group("n")) or 1
    own = ("himself", "herself", "bomber", "attacker", "assailant", "gunman")
    if any(w in lower for w in own) and _OWN_DEATH.search(text):
        return 1
    if any(w in lower for w in ("dead", "himself")) and _SHOT_DEAD.search(text):
        return 1 + (1 if re.search(r"\bhis mother\b", text, re.I) else 0)
    return 0


def _unclear(text: str) -> bool:
    return bool(
        re.search(r"\bnot clear whether[^.]{0,80}\b(?:attackers?|bombers?|gunm[ae]n)\b", text, re.I)
        or re.search(
            r"\bincluding (?:the|a|two|three|all) (?:\w+ )?(?:bombers?|attackers?|gunm[ae]n)\b",
            text,
            re.I,
        )
    )


def _with_attackers_wounded(wounded: Range, figures: list[Figure]) -> Range:
    """Rule ATTACKERS_WOUNDED: wounded counts injured attackers too, as killed counts dead ones
    (GTD's nwound; the contract's "same rules"): "two soldiers and five assailants were
    injured" is 7 wounded. The largest figure of wounded attackers is added."""
    counted = [f.best for f in figures if f.role == "attackers" and f.kind == "wounded" and f.best]
    if not counted:
        return wounded
    extra = max(counted)
    if wounded == (None, None, None):
        return (extra, extra, None)
    return tuple(None if v is None else v + extra for v in wounded)  # type: ignore[return-value]


def _one_of_the_dead(figures: list[Figure]) -> list[Figure]:
    """Rule ONE_OF_THE_DEAD: one person said to be killed ("the minister was killed",
    "killing Ana Ruiz, a judge") is one of the dead where the account counts them: "killing
    the minister and two others ... The explosion killed Haqqani" is 3, not 1. A count of
    "others" is besides that person: "X was killed. Six others also died" is 7."""
    counted = [f for f in figures if not f.one_person and f.best is not None]
    if not counted or len(counted) == len(figures):
        return figures
    # A vague count ("dozens", best unknown) counts the dead too: it stays (VAGUE_FLOOR).
    counted = [f for f in figures if not f.one_person and (f.best is not None or f.low is not None)]
    return [
        replace(f, low=(f.low if f.low is not None else f.best) + 1, best=f.best + 1)
        if f.besides and f.best is not None
        else f
        for f in counted
    ]


# Rule TOLL_ACROSS_ATTACKS: "This was one of three related attacks ... Two police officers and
# four assailants were killed across the three events": a toll given for several attacks is
# split evenly among them, as GTD codes each one. The toll is told of them all when it is
# given "across" them, "in the ensuing clashes" or "in the attacks" (plural); "in the ensuing
# clash" is this attack's own. A share is rounded to the nearest, a half up (5 across two is
# 3; 25 across four is 6), and a toll never falls to nothing: 3 across nine is 1.
_ONE_OF_N = re.compile(
    rf"\bone of (?:at least )?(?P<n>{NUMBER}) (?:(?:related|similar|coordinated|simultaneous)\s+)?"
    r"(?:attacks|incidents|assaults|events|bombings|explosions|raids)\b",
    re.I,
)
_ACROSS = re.compile(
    r"\bacross (?:the|both|all|these|those)\b|"
    r"\bin the (?:ensuing|subsequent|resulting) (?:clashes|gunfights|firefights|battles)\b|"
    r"\b(?:in|during) (?:the|both|these|all|all the) (?:\w+ )?(?:attacks|incidents|assaults|blasts|"
    r"explosions|bombings|raids|events)\b",
    re.I,
)


def _split_across(toll: Range, parts: int) -> Range:
    return tuple(
        None if v is None else max(1 if v else 0, (2 * v + parts) // (2 * parts)) for v in toll
    )  # type: ignore[return-value]


def casualties(inc: Incident, context_text: str) -> tuple[Range, Range]:
    """Killed (attackers included, as GTD's nkill) and wounded ranges of one incident."""
    killed_figs = [f for f in inc.figures if f.kind == "killed" and f.role == "victims"]
    wounded_figs = [f for f in inc.figures if f.kind == "wounded" and f.role == "victims"]
    # One person said to be wounded ("Ahmadi was wounded in the explosion") is a part of a
    # count of the wounded where the account gives one.
    counted = [f for f in wounded_figs if not f.one_person and f.best is not None]
    wounded_figs = counted or wounded_figs
    killed_figs = _one_of_the_dead(killed_figs)
    killed = reconcile(killed_figs)
    wounded = reconcile(wounded_figs)
    if wounded == (None, None, None) and any(
        f.kind == "wounded" and f.best == 0 for f in inc.figures
    ):
        wounded = (0, 0, None)  # "Abe died after being shot. No one else was hurt."
    wounded = _with_attackers_wounded(wounded, inc.figures)
    attackers = _attackers_killed(inc.figures, context_text)
    if (attackers and killed[1] is not None and killed[1] > 0) or (
        attackers
        and killed == (None, None, None)
        and any(f.role == "attackers" for f in inc.figures)
    ):
        killed = tuple(None if v is None else v + attackers for v in killed)  # type: ignore[assignment]
        if killed == (None, None, None):
            killed = (attackers, attackers, None)
    if "one of" in context_text and (related := _ONE_OF_N.search(context_text)):
        parts = parse_number(related.group("n")) or 1
        if parts > 1 and _ACROSS.search(context_text):
            killed, wounded = _split_across(killed, parts), _split_across(wounded, parts)
    return killed, wounded
