"""Places in text, resolved against the offline GeoNames gazetteer with country context.

Only names in a locative context count ("in Kunduz", "near Mogadishu", "Istanbul's airport",
"the village of Solhan", a dateline), so that "Police said" or "two Chinese nationals" never
become places. Ambiguous names are resolved by the countries the text names.

The finder (`find_places`, one sentence) and the resolver (`place`, an incident's country,
division, city and coordinates from the mentions of its sentences and the document's) sit
together here.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

import pandas as pd

from transforms.cues import recalled_from
from transforms.doc import Admin1, Country, Incident, Place, PlaceMention, Sentence, SentenceInfo
from transforms.lexicon import FALLBACK, alternation, lexicon
from transforms.text import SpanSet


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case, accent-free, apostrophe-normalised key for name look-ups (memoised: names
    recur across documents)."""
    if text.isascii():  # nothing to decompose: most names, and every English word
        return text.replace("`", "'").lower().strip()
    text = text.replace("’", "'").replace("`", "'").replace("ʼ", "'")
    norm = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in norm if not unicodedata.combining(ch)).lower().strip()


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance between two points on the Earth's surface (haversine, mean radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


@dataclass
class Gazetteer:
    """Look-up tables for countries, first-level divisions and populated places."""

    countries: dict[str, Country]
    country_names: dict[str, str]  # folded name or alias -> iso2
    demonyms: dict[str, str]  # folded demonym -> iso2
    admin1: dict[tuple[str, str], Admin1]
    admin1_names: dict[tuple[str, str], Admin1]  # (iso2, folded name) -> Admin1
    places: dict[str, list[Place]] = field(default_factory=dict)
    admin1_by_name: dict[str, list[Admin1]] = field(default_factory=dict)

    @classmethod
    def from_frames(
        cls,
        countries: pd.DataFrame,
        country_aliases: pd.DataFrame,
        demonyms: pd.DataFrame,
        admin1: pd.DataFrame,
        admin1_overrides: pd.DataFrame,
        places: pd.DataFrame,
    ) -> Gazetteer:
        """Build the indexes from the seed tables."""
        cmap = {
            r.iso2: Country(r.iso2, r.iso3, r.name, r.capital or "", r.latitude, r.longitude)
            for r in countries.itertuples(index=False)
        }
        cnames = {fold(c.name): c.iso2 for c in cmap.values()}
        cnames.update({fold(r.alias): r.iso2 for r in country_aliases.itertuples(index=False)})
        dnames = {fold(r.demonym): r.iso2 for r in demonyms.itertuples(index=False)}
        overrides = {(r.iso2, r.admin1_code): r for r in admin1_overrides.itertuples(index=False)}
        amap: dict[tuple[str, str], Admin1] = {}
        anames: dict[tuple[str, str], Admin1] = {}
        # GeoNames keeps old and new codes of one division ("Gao" twice in Mali): the first
        # code of a name stands for all, so that a town and its division always agree.
        canonical: dict[tuple[str, str], str] = {}
        for r in admin1.itertuples(index=False):
            key = (r.iso2, str(r.admin1_code))
            ov = overrides.get(key)
            name = ov.name if ov is not None else r.name
            if not isinstance(name, str):
                continue
            twin = anames.get((r.iso2, fold(name)))
            if twin is not None and fold(twin.name) == fold(name):
                canonical[key] = twin.code
                amap[key] = twin
                continue
            a = Admin1(r.iso2, key[1], name, r.latitude, r.longitude)
            amap[key] = a
            aliases = {name, r.name, r.geonames_name}
            if ov is not None and isinstance(ov.aliases, str):
                aliases.update(ov.aliases.split("|"))
            for alias in aliases:
                if isinstance(alias, str) and alias:
                    anames[(r.iso2, fold(alias))] = a
        by_name: dict[str, list[Admin1]] = defaultdict(list)
        for (_iso2, folded), a in anames.items():
            by_name[folded].append(a)
        index: dict[str, list[Place]] = defaultdict(list)
        alt_index: dict[str, list[Place]] = defaultdict(list)
        columns = ("name", "iso2", "admin1_code", "latitude", "longitude", "population",
                   "alt_names")  # fmt: skip
        rows = zip(*(places[c].tolist() for c in columns), strict=True)
        for name, iso2, admin1_code, lat, lon, population, alt_names in rows:
            code = str(admin1_code)
            code = canonical.get((iso2, code), code)
            p = Place(name, iso2, code, lat, lon, int(population))
            primary = fold.__wrapped__(name)  # each name once: the memo would only churn
            index[primary].append(p)
            if isinstance(alt_names, str):
                for alt in {fold.__wrapped__(a) for a in alt_names.split("|")} - {primary}:
                    alt_index[alt].append(p)
        # Places whose own name matches come first; alternate spellings after them.
        for k, alts in alt_index.items():
            index[k].extend(alts)
        return cls(cmap, cnames, dnames, amap, anames, dict(index), dict(by_name))

    def country_of(self, name: str) -> str | None:
        return self.country_names.get(fold(name))

    def lookup(self, name: str) -> list[Place]:
        return self.places.get(fold(name), [])

    def admin1_named(self, name: str, iso2: str | None) -> Admin1 | None:
        key = fold(
            re.sub(
                r"\s+(province|state|region|county|governorate|prefecture)$", "", name, flags=re.I
            )
        )
        if iso2:
            return self.admin1_names.get((iso2, key))
        hits = self.admin1_by_name.get(key, [])
        return hits[0] if len(hits) == 1 else None


# Words that are never a place name (compared folded), and the compass words that place a
# region, from the lexicon. The places finder reads the fallback (English) lexicon only: its
# other patterns (locative prepositions, division types) are still English in Python.
_LEX = lexicon(FALLBACK)
_COMPASS = alternation(_LEX.column("compass", "word"))
_STOP = frozenset(
    fold(w)
    for w in [
        *_LEX.column("place_stopwords", "word"),
        *(r["word"] for r in _LEX.table("compass") if r["form"] != "compound"),
        *(r["word"] for r in _LEX.table("weekdays") if r["form"] == "name"),
        # Month names and their abbreviations ("Nov. 24" is a date, not Nov in Tajikistan).
        *(r["word"] for r in _LEX.table("months")),
    ]
)


_CAP_SEQ = re.compile(
    r"(?<![\w'’-])[A-Z][\w'’.-]*[\w](?:(?:\s+|-)(?:(?:el|al|de|du|la|le|e|del|ul|es|ad|ash|as)(?:\s+|-))?[A-Z][\w'’-]*\w){0,3}"
)
_LOCATIVE_BEFORE = re.compile(
    r"(?:\b(?:in|at|near|outside|from|to|into|around|across|towards|toward|of|on|over|between|and|"
    r"hit|struck|rocked|attacked|stormed|raided|shelled|overran|via|through|reached|targeting)\s+(?:(?:the|a|an)\s+)?"
    r"(?:(?:(?:north|south|east|west)(?:ern|-?(?:east|west)(?:ern)?)?|central|nearby|neighbouring|"
    r"restive|northern|southern|eastern|western|remote|coastal|border|capital|historic|main)\s+)*"
    r"(?:(?:city|town|village|villages|district|province|region|state|county|area|neighbou?rhood|"
    r"suburb|capital|port|island|resort|community|hamlet|commune|camp|territory|department|"
    r"municipality|governorate|prefecture|administrative post)\s+(?:of\s+)?)?$)",
    re.I,
)
_TYPE_AFTER = re.compile(
    r"^(?:'s\b|’s\b|\s+(?:province|district|state|region|county|city|town|village|area|"
    r"governorate|prefecture|neighbou?rhood|local government area|territory|administrative post|"
    r"commune|sub-?district|LGA|chiefdom|tehsil|township)\b)",
    re.I,
)
_NAME = r"[A-Z][\w'’ø-]+(?: [A-Z][\w'’ø-]+)?"
# Rule NAMED_SETTLEMENT: a name given with its kind of settlement ("the village of Solhan",
# "the eastern city of Kasindi", "in Calamba town", "Teryath village") is a place, known to
# the gazetteer or not.
_VILLAGE_OF = re.compile(
    r"\b(?:(?:the|a|an) (?P<d>[A-Z][\w'’-]+) )?(?:(?:north|south|east|west)(?:ern)?(?:-?(?:east|west)ern)? )?"
    r"(?:village|town|city|hamlet|community|locality|commune|camp|base|island)s? (?:of|at) "
    r"(?P<name>" + _NAME + ")"
)
_VILLAGE_WORDS = ("village", "town", "city", "hamlet", "communit", "localit", "commune", "camp",
                  "base", "island")  # fmt: skip
_X_VILLAGE = re.compile(r"(?P<name>" + _NAME + r") (?:village|town)\b")
# "in Tangaye, in Burkina Faso's Nord region", "in Mataje, a riverside community on the border",
# "in nearby Zaroumdareye, two villages in western Niger": an unknown name in apposition with a
# place the gazetteer knows.
_STRONG_LOCATIVE = re.compile(r"\b(?:in|at|near|outside)\s+(?:nearby\s+)?$", re.I)
_APPOSITION = re.compile(
    r"^(?:,?\s+(?P<rel>in|near)\s+|,\s+(?:which|that) (?:is|lies) (?:located |situated )?in\s+|"
    r",\s+(?:(?:a|an|two|three|four|both)\s+)?(?:[a-z-]+\s+)?"
    r"(?P<kind>villages?|towns?|communit(?:y|ies)|settlements?|hamlets?)\s+(?P<rel2>in|near|on)\s+)"
    r"(?:the\s+)?(?:(?:" + _COMPASS + r"|far|remote)\s+)*"
    r"(?P<place>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)"
)
_COMMA_REGION = re.compile(r"^,\s+(?P<place>[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*)?)")
_CAPITAL = re.compile(
    r"\b(?:the|its|their)\s+(?P<who>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)\s+capital\b(?:,?\s+(?P<name>[A-Z][\w'’-]+))?"
)


class _Held:
    """The spans of a growing list of mentions, for the test whether a position is inside one
    (asking every mention for every match costs the square of their number)."""

    def __init__(self, mentions: list[PlaceMention]) -> None:
        self.mentions, self.spans, self.n = mentions, SpanSet(), 0

    def covers(self, position: int) -> bool:
        for p in self.mentions[self.n :]:
            self.spans.add(p.start, p.end)
        self.n = len(self.mentions)
        return self.spans.overlaps(position, position + 1)


def find_places(
    sentence: str, gaz: Gazetteer, at_document_start: bool = False
) -> list[PlaceMention]:
    """Place names of one sentence in locative context, with their gazetteer candidates."""
    out: list[PlaceMention] = []
    lower = sentence.lower()
    villages = any(w in lower for w in _VILLAGE_WORDS)
    held = _Held(out)
    for rx in (_VILLAGE_OF, _X_VILLAGE) if villages else ():
        for m in rx.finditer(sentence):
            name = m.group("name")
            if fold(name) in gaz.demonyms or fold(name) in gaz.country_names:
                continue
            if held.covers(m.start("name")):
                continue
            who = m.groupdict().get("d")
            iso2 = (gaz.demonyms.get(fold(who)) or gaz.country_of(who)) if who else None
            known = gaz.lookup(name)
            if known and re.search(r"\b(?:town|city)\b", m.group(0)):
                continue  # a known town or city: the division named after it picks it
            cands = tuple(p for p in known if iso2 is None or p.iso2 == iso2)
            start = m.start("name")
            out.append(PlaceMention(name, start, start + len(name), "village", cands, iso2))
    for m in _CAPITAL.finditer(sentence) if "capital" in lower else ():
        who = m.group("who")
        iso2 = gaz.demonyms.get(fold(who)) or gaz.country_of(who)
        adm = None if iso2 else gaz.admin1_named(who, None)
        if iso2 and iso2 in gaz.countries:
            cap = m.group("name") or gaz.countries[iso2].capital
            cands = tuple(p for p in gaz.lookup(cap) if p.iso2 == iso2)
            out.append(PlaceMention(cap, m.start(), m.end(), "capital", cands, iso2))
        elif adm is not None and m.group("name"):
            cands = tuple(p for p in gaz.lookup(m.group("name")) if p.iso2 == adm.iso2)
            out.append(
                PlaceMention(
                    m.group("name"), m.start("name"), m.end("name"), "capital", cands, adm.iso2, adm
                )
            )
    pending: list[tuple[str, int]] = []  # unknown names after "in"/"at", in sentence order
    for m in _CAP_SEQ.finditer(sentence):
        if held.covers(m.start()):
            continue
        if "-" in m.group(0) and _ROAD_AFTER.match(sentence, m.end()):
            continue  # rule ROAD_BETWEEN_PLACES
        found = _resolve_sequence(sentence, m, gaz, at_document_start)
        if found and _opens_a_longer_name(found[0], m, sentence):
            whole = _apposition_village(sentence, m, gaz)
            if whole is not None:
                out.append(whole)
                continue
        if found:
            out.extend(found)
            continue
        village = _apposition_village(sentence, m, gaz)
        if village is None:
            if _STRONG_LOCATIVE.search(sentence[max(0, m.start() - 20) : m.start()]):
                pending.append((m.group(0), m.start()))
            continue
        out.append(village)
        # "in Tchoma Bangou and 30 in nearby Zaroumdareye, two villages in western Niger"
        plural = re.match(r"^,\s+(?:two|three|four|both)\b", sentence[m.end() :])
        if plural:
            for name, start in pending:
                if m.start() - start < 80 and fold(name) not in _STOP:
                    out.append(
                        PlaceMention(name, start, start + len(name), "village", (), village.iso2)
                    )
        pending = []
    return _chain_village(
        sentence, _narrow_by_region(sentence, sorted(out, key=lambda p: p.start), gaz), gaz
    )


# Rule ROAD_BETWEEN_PLACES: "the Kabul-Kandahar highway", "the Ghazni-Paktika road" name a
# road by the places it joins; neither place is where the incident happened.
_ROAD_AFTER = re.compile(r"\s+(?i:highway|road|motorway|expressway|railway|railroad)\b")


# Words that end the name of a landmark, not of a settlement ("Qambar Square", "Pul-e-Charkhi
# Prison"): such a name is no village.
_LANDMARK_END = re.compile(
    r"(?:Square|Street|Road|Market|Bazaar|Mosque|Church|Cathedral|Temple|Shrine|Hotel|Hospital|"
    r"University|College|School|Airport|Station|Bridge|Park|Stadium|Base|Highway|Gate|Palace|"
    r"Hall|Cent(?:re|er)|Mall|Club|Prison|Jail|Office|Ministry|Embassy|Academy)$"
)


_DIVISION_AFTER = re.compile(r"\s+(?:district|sub-?district|area|village|county|tehsil)\b")


def _opens_a_longer_name(first: PlaceMention, m: re.Match[str], sentence: str = "") -> bool:
    """Rule WHOLE_NAME: a known name that is only a part of a longer capitalised name ("War"
    of "War Qalakh", "Puli" of "Puli Alam"; "Jan" of "Agho Jan district") is not that place;
    the whole name is, when a locative chain places it ("in War Qalakh, Ghazni, Afghanistan").
    A part other than the first counts where the whole name is given as a division."""
    if first.kind != "gazetteer" or _LANDMARK_END.search(m.group(0)):
        return False
    if first.start == m.start() and first.end < m.end():
        return re.search(r"[A-Z]", m.group(0)[first.end - m.start() :]) is not None
    return (
        first.start > m.start()
        and first.end == m.end()
        and _DIVISION_AFTER.match(sentence, m.end()) is not None
    )


def _apposition_village(sentence: str, m: re.Match[str], gaz: Gazetteer) -> PlaceMention | None:
    """An unknown name after "in"/"at" whose apposition names a known country or region."""
    name = m.group(0)
    if fold(name) in _STOP or len(name) < 3 or _LANDMARK_END.search(name):
        return None
    if not _STRONG_LOCATIVE.search(sentence[max(0, m.start() - 20) : m.start()]):
        return None
    after = sentence[m.end() : m.end() + 90]
    # "in Agho Jan district, Ghazni": the kind of division between the name and its region.
    division = _DIVISION_AFTER.match(after)
    if division is not None:
        after = after[division.end() :]
    a = _APPOSITION.match(after) or _COMMA_REGION.match(after)
    if a is None:
        return None
    region = re.split(r"['’]s\b", a.group("place"))[0]  # "Egypt's North Sinai": Egypt
    iso2 = gaz.country_of(region) or gaz.demonyms.get(fold(region))
    if iso2 is None:
        admins = gaz.admin1_by_name.get(fold(region.split()[0]), []) + gaz.admin1_by_name.get(
            fold(region), []
        )
        if not admins:
            return None
        iso2 = admins[0].iso2 if len({x.iso2 for x in admins}) == 1 else None
    if a.groupdict().get("rel2") == "on":  # "on the Colombian border": which side is unsaid
        iso2 = None
    return PlaceMention(name, m.start(), m.end(), "village", (), iso2)


def _narrow_by_region(
    sentence: str, mentions: list[PlaceMention], gaz: Gazetteer
) -> list[PlaceMention]:
    """ "Springfield, Illinois", "Mataje, Esmeraldas": the region after the comma settles which
    place is meant, and is itself a mention."""
    out = list(mentions)
    regions: list[PlaceMention] = []
    for i, m in enumerate(mentions):
        if m.kind not in ("gazetteer", "village"):
            continue
        r = _COMMA_REGION.match(sentence[m.end : m.end + 60])
        if r is None:
            continue
        words = r.group("place").split()
        for n in (len(words), 1):
            name = re.sub(r"['’]s$", "", " ".join(words[:n])).rstrip(".")
            start = m.end + r.start("place")
            iso2 = gaz.country_of(name)
            admins = gaz.admin1_by_name.get(fold(name), [])
            if iso2:
                cands = tuple(p for p in m.candidates if p.iso2 == iso2)
                region = PlaceMention(name, start, start + len(name), "country", (), iso2)
            elif admins:
                keys = {(a.iso2, a.code) for a in admins}
                cands = tuple(p for p in m.candidates if (p.iso2, p.admin1_code) in keys)
                hit = next((a for a in admins if cands and a.iso2 == cands[0].iso2), None)
                if hit is None and len(admins) == 1:
                    hit = admins[0]
                region = PlaceMention(
                    name, start, start + len(name), "admin1", (), hit.iso2 if hit else None, hit
                )
            else:
                continue
            if m.candidates and not cands and m.kind == "gazetteer":
                break  # "Paris, Texas" exists; "Kabul, Florida" does not: leave both alone
            out[i] = replace(m, candidates=cands or m.candidates, iso2=m.iso2 or region.iso2)
            regions.append(region)
            break
    seen = {(r.start, r.kind) for r in regions}
    out = [o for o in out if (o.start, o.kind) not in seen] + regions
    return _narrow_by_following_division(sorted(out, key=lambda p: p.start))


_NEAR_GAP = 60  # characters between a town and the division that places it


def _narrow_by_following_division(mentions: list[PlaceMention]) -> list[PlaceMention]:
    """Rule `town-in-division`: "near Calamba town in the province of Misamis Occidental", "at
    a market in Marawi city in Lanao del Sur": a division named next after a town, within a
    few words, settles which of the town's namesakes is meant when one of them lies in it."""
    out = list(mentions)
    for i, m in enumerate(mentions):
        if m.kind != "gazetteer" or len({(c.iso2, c.admin1_code) for c in m.candidates}) < 2:
            continue
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if nxt is None or nxt.kind != "admin1" or nxt.admin1 is None:
            continue
        if nxt.start - m.end > _NEAR_GAP:
            continue
        key = (nxt.admin1.iso2, nxt.admin1.code)
        inside = tuple(c for c in m.candidates if (c.iso2, c.admin1_code) == key)
        if inside:
            out[i] = replace(m, candidates=inside, iso2=key[0])
    return out


_WORD_PART = re.compile(r"[^\s-]+")  # words of a name, split at spaces and hyphens


# Rule TITLED_PERSON: a name after a title and a given name is a person's ("Senator Miguel
# Uribe", "President Jovenel Moise", "Gen. Abdul Raziq"), whatever place shares it.
_TITLED_PERSON = re.compile(
    r"\b(?:President|Senator|Sen\.|Minister|Governor|Mayor|General|Gen\.|Colonel|Col\.|"
    r"Captain|Capt\.|Commander|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Judge|Sheikh|Imam|Pastor|Father|Prince|"
    r"King|Queen|Lt\.?|Sgt\.?|Rep\.|Lawmaker|Councillor|Chief)\s+(?:[A-Z][\w'’-]+\s+){1,2}$"
)


def _resolve_sequence(
    sentence: str, m: re.Match[str], gaz: Gazetteer, at_start: bool
) -> list[PlaceMention]:
    """Known names inside one capitalised sequence, longest first, left to right."""
    text = m.group(0)
    if _WORD_PART.fullmatch(text):  # the common case: one capitalised word
        word = text[:-2] if text.endswith(("'s", "’s")) else text
        found = _classify(sentence, word, m.start(), gaz, at_start)
        return [found] if found is not None else []
    spans = [(t.start(), t.end()) for t in _WORD_PART.finditer(text)]
    n = len(spans)
    out: list[PlaceMention] = []
    i = 0
    while i < n:
        for j in range(n, i, -1):
            phrase = text[spans[i][0] : spans[j - 1][1]]
            possessive = phrase.endswith(("'s", "’s"))
            if possessive:
                phrase = phrase[:-2]
            found = _classify(sentence, phrase, m.start() + spans[i][0], gaz, at_start)
            if found is None:
                continue
            if found.kind in ("gazetteer", "village") and _TITLED_PERSON.search(
                sentence, max(0, found.start - 60), found.start
            ):
                continue
            rest = [text[a:b] for a, b in spans[j:]]
            named = [w for w in rest if w[:1].isupper() and fold(w) not in _STOP]
            # "the shrine of Lal Shahbaz Qalandar": a place word opening a longer name.
            if found.kind == "gazetteer" and not possessive and i == 0 and len(named) >= 2:
                continue
            # "Las Ramblas": a place's alternate spelling opening a longer name.
            if (
                found.kind == "gazetteer"
                and j < n
                and named
                and all(fold(p.name) != fold(phrase) for p in found.candidates)
            ):
                continue
            out.append(found)
            i = j
            break
        else:
            i += 1
    return out


_DIVISION_WORDS = (
    r"(?:district|sub-?district|area|province|region|county|city|town|village|neighbou?rhood|"
    r"municipality|department|division|zone|territory|administrative post|commune|locality|"
    r"governorate|state|prefecture|tehsil|local government area|LGA|suburb|township|camp)"
)
_CHAIN_ITEM = rf"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|{_DIVISION_WORDS}|of|al|el|de|i))*"
# Rule `locative-chain`: "in Nawa area, Garmser district, Helmand, ...": every name of a comma
# chain opened by a locative word is a place, however many unknown names come first.
# Attack verbs open a chain as "in" does ("Assailants attacked Nawabad, Ishkamish district, ...").
_CHAIN_OPENERS = r"in|at|near|outside|attacked|raided|stormed|shelled|overran"
_CHAIN_BEFORE = re.compile(
    rf"\b(?:{_CHAIN_OPENERS})\s+(?:the\s+)?{_CHAIN_ITEM}(?:,\s+{_CHAIN_ITEM}){{0,3}},\s+$"
)
_COUNTRY_AFTER = re.compile(r"^,\s+(?:the\s+)?(?P<c>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})")


# Rule CHAIN_VILLAGE: "in Malgir, Nahri Saraj district, Helmand, Afghanistan", "attacked Chora
# district, Uruzgan province": the first name of a comma chain that ends in a division or a
# country is a village or district of it, though the gazetteer lacks it (or knows the name
# only elsewhere). A part of a settlement ("Nawi Bazaar area", "Dispichri neighborhood",
# seeds/lexicon/*/place_parts.csv) is not it: the name after it is.
_PLACE_PARTS = frozenset(fold(w) for w in _LEX.column("place_parts", "word"))
_CHAIN_OPEN = re.compile(rf"\b(?:{_CHAIN_OPENERS}|from)\s+(?:the\s+)?(?=[A-Z])")
_CHAIN_LINK = re.compile(
    r"(?P<name>[A-Z][\w'’.-]*(?:[ -](?:[A-Z][\w'’.-]*|al|el|de|e|i|ul|ud|ad))*)"
    rf"(?:\s+(?P<kind>(?i:{_DIVISION_WORDS})))?\b"
)


def _namesake_city(
    mentions: list[PlaceMention], region: PlaceMention, gaz: Gazetteer
) -> list[PlaceMention]:
    """The division's own city of the same name, as a mention beside the division's."""
    cands = _namesakes(region, gaz)
    if not cands:
        return mentions
    city = PlaceMention(region.text, region.start, region.end, "gazetteer", cands, cands[0].iso2)
    return sorted([*mentions, city], key=lambda p: (p.start, p.kind != "admin1"))


def _namesakes(region: PlaceMention, gaz: Gazetteer) -> tuple[Place, ...]:
    if region.kind != "admin1" or region.admin1 is None:
        return ()
    key = (region.admin1.iso2, region.admin1.code)
    return tuple(p for p in gaz.lookup(region.text) if (p.iso2, p.admin1_code) == key)


_QUARTER_OF = 100_000  # a city this large has quarters that the news names before it
# A name before a division that shares its name with its city is a quarter of that city only
# where the city is this large ("Karte Char, Kabul"); before a smaller one it is as likely a
# district or village of the division ("Andar, Ghazni").
_QUARTER_OF_DIVISION = 1_000_000


def _drop_unknown_villages(mentions: list[PlaceMention], link: re.Match[str]) -> list[PlaceMention]:
    inside = [m for m in _inside(mentions, link) if m.kind == "village" and not m.candidates]
    return [m for m in mentions if m not in inside] if inside else mentions


def _chain_links(sentence: str, pos: int) -> list[re.Match[str]]:
    """The names of one chain from `pos`, joined by commas, or by "in" after a kind of place
    ("Pashtun Kot district in Faryab, Afghanistan")."""
    links: list[re.Match[str]] = []
    while len(links) < 5:
        link = _CHAIN_LINK.match(sentence, pos)
        if link is None:
            break
        links.append(link)
        # "in" joins only after a kind of place: "attacked Ahmad Shah in Kandahar" is a person's
        joint = re.match(
            r",\s+|\s+in\s+(?=[A-Z])" if link.group("kind") else r",\s+",
            sentence[link.end() : link.end() + 6],
        )
        if joint is None:
            break
        pos = link.end() + joint.end()
    return links


def _chain_village(
    sentence: str, mentions: list[PlaceMention], gaz: Gazetteer
) -> list[PlaceMention]:
    """Rule CHAIN_VILLAGE (see above): the chain's first settlement, as a `village` mention of
    the chain's country, where no mention of that country already stands for it.

    - A name of the chain that is a division of that country is the division, even where the
      gazetteer's namesake lies elsewhere ("in Faryab, Afghanistan").
    - Where only parts come before the division, the division's namesake city is the place
      ("Khair Khana neighborhood, Kabul, Afghanistan" is Kabul).
    - Rule QUARTER_OF_CITY: an unknown name right before a city of 100,000 or more is one of
      its quarters, and the city is the place ("in Nkwen, Bamenda, North-West, Cameroon"), as
      GTD codes it.
    """
    if ", " not in sentence:
        return mentions
    regions = {m.start: m for m in mentions if m.kind in ("admin1", "country") and m.locative}
    if not regions:
        return mentions
    out = mentions
    for opening in _CHAIN_OPEN.finditer(sentence):
        links = _chain_links(sentence, opening.end())
        iso2 = next(
            (
                regions[link.start("name")].iso2
                for link in links
                if link.start("name") in regions and regions[link.start("name")].iso2
            ),
            None,
        )
        if iso2 is None:
            continue
        first_region = None
        for i, link in enumerate(links):
            if link.start("name") in regions:
                first_region = i
                break
            division = _division_link(out, link, i, iso2, gaz)
            if division is not None:
                out = _swap(out, link, division)
                regions[division.start] = division
                first_region = i
                break
        if not first_region:  # no division or country ends the chain, or one opens it
            continue
        out = _first_settlement(out, links[: first_region + 1], regions, iso2, gaz)
    return out


def _division_link(
    mentions: list[PlaceMention], link: re.Match[str], i: int, iso2: str, gaz: Gazetteer
) -> PlaceMention | None:
    """The link as a division of `iso2` when it names one: inside the chain always ("Dih Yak
    district in Ghazni"), as the chain's first name only where no place of `iso2` has that
    name ("in Faryab, Afghanistan"); never a name given as a settlement ("Kabul city")."""
    admin = gaz.admin1_named(link.group("name"), iso2)
    kind = link.group("kind")
    if admin is None or (kind and not _ADMIN_KIND.fullmatch(kind)):
        return None
    if not i and any(
        m.iso2 == iso2 or any(c.iso2 == iso2 for c in m.candidates) for m in _inside(mentions, link)
    ):
        return None
    return PlaceMention(
        link.group("name"), link.start("name"), link.end("name"), "admin1", (), iso2, admin
    )


def _first_settlement(
    out: list[PlaceMention],
    links: list[re.Match[str]],
    regions: dict[int, PlaceMention],
    iso2: str,
    gaz: Gazetteer,
) -> list[PlaceMention]:
    """The chain's first name that is a settlement of `iso2` (links end with the region)."""

    def known_there(link: re.Match[str]) -> tuple[Place, ...]:
        if link is links[-1]:
            return _namesakes(regions[link.start("name")], gaz)
        return tuple(
            c
            for m in _inside(out, link)
            if m.kind in _CITY_KINDS
            for c in (m.candidates or ())
            if c.iso2 == iso2
        )

    for i, link in enumerate(links):
        name, kind = link.group("name"), link.group("kind")
        if link is links[-1]:
            return _namesake_city(out, regions[link.start("name")], gaz)
        if (kind and fold(kind) in _PLACE_PARTS) or _LANDMARK_END.search(name):
            out = _drop_unknown_villages(out, link)  # "Dewan-i-Begi area" is no village
            continue
        if fold(name) in _STOP or len(name) < 3:
            return out
        if known_there(link):
            return out  # the gazetteer knows it there
        floor = _QUARTER_OF_DIVISION if links[i + 1] is links[-1] else _QUARTER_OF
        if not kind and any(p.population >= floor for p in known_there(links[i + 1])):
            out = _drop_unknown_villages(out, link)
            continue  # rule QUARTER_OF_CITY
        village = PlaceMention(name, link.start("name"), link.end("name"), "village", (), iso2)
        return _swap(out, link, village)
    return out


def _inside(mentions: list[PlaceMention], link: re.Match[str]) -> list[PlaceMention]:
    start, end = link.start("name"), link.end("name")
    return [m for m in mentions if m.start < end and start < m.end]


def _swap(
    mentions: list[PlaceMention], link: re.Match[str], new: PlaceMention
) -> list[PlaceMention]:
    inside = _inside(mentions, link)
    return sorted([m for m in mentions if m not in inside] + [new], key=lambda p: p.start)


def _admin1_before_country(after: str, admins: list[Admin1], gaz: Gazetteer) -> Admin1 | None:
    """Rule `admin1-before-country`: "in Dand district, Kandahar, Afghanistan": a name inside a
    chain that is a division of the country named right after it is that division, even where
    a town has the same name (a name right after "in" stays the town: "in Kandahar, Afghanistan")."""
    m = _COUNTRY_AFTER.match(after)
    if m is None:
        return None
    words = m.group("c").split()
    for n in range(len(words), 0, -1):
        iso2 = gaz.country_of(" ".join(words[:n]).rstrip("."))
        if iso2 is not None:
            return next((a for a in admins if a.iso2 == iso2), None)
    return None


_DIVISION_TYPES = r"(?:province|state|region|governorate|prefecture|county|department)"
_ADMIN_KIND = re.compile(rf"(?i:{_DIVISION_TYPES}|division|territory)")  # not a settlement's
# "Narino department" but never "the Justice Department": the type word after a name in lower case.
_TYPED_AFTER = re.compile(
    r"^\s+(?:(?i:province|state|region|governorate|prefecture|county)|department)\b"
)
_TYPED_BEFORE = re.compile(rf"\b{_DIVISION_TYPES} of\s+$", re.I)
_STREET_AFTER = re.compile(
    r"\s+(?:Street|St\.|Road|Rd\.|Avenue|Ave\.|Boulevard|Lane|Drive|Highway)\b"
)


def _classify(
    sentence: str, phrase: str, start: int, gaz: Gazetteer, at_start: bool
) -> PlaceMention | None:
    key = fold(phrase)
    if key in _STOP or len(key) < 3:
        return None
    iso2 = gaz.country_names.get(key)
    if iso2 is None and key not in gaz.places and key not in gaz.admin1_by_name:
        return None  # cheap exit before any context test
    end = start + len(phrase)
    before, after = sentence[max(0, start - 70) : start], sentence[end : end + 40]
    if _STREET_AFTER.match(after):
        return None  # "Bourbon Street" is not the town of Bourbon
    locative = (
        bool(_LOCATIVE_BEFORE.search(before))
        or bool(_TYPE_AFTER.match(after))
        or (
            before.endswith(", ")
            and bool(_CHAIN_BEFORE.search(sentence[max(0, start - 120) : start]))
        )
    )
    if iso2 and phrase not in ("US", "IS"):
        actor = not locative or bool(
            re.match(r"^['’]s\s+(?!\w+\s+(?:province|region|state|district))", after)
        )
        return PlaceMention(phrase, start, end, "country", (), iso2, locative=not actor)
    if key in gaz.demonyms:
        return None
    dateline = (
        at_start
        and start < 40
        and (phrase.isupper() or re.match(r"^\s*(?:,|—|-|–|\()", after))
        and not _SENTENCE_WORD.search(sentence, 0, start)
    )
    if not (locative or dateline):
        return None
    admins = gaz.admin1_by_name.get(key, [])
    # Rule `typed-division`: "Narino department", "the state of Zamfara": a division by its type.
    typed_admin = _TYPED_AFTER.match(after) or _TYPED_BEFORE.search(before)
    cands = tuple(gaz.lookup(phrase))
    chained = before.endswith(", ")  # "in Kabul, Afghanistan" is the city; "..., Kabul, ..." not
    of_country = _admin1_before_country(after, admins, gaz) if admins and chained else None
    if of_country is not None:
        return PlaceMention(phrase, start, end, "admin1", (), of_country.iso2, of_country)
    if admins and (typed_admin or not cands):
        return PlaceMention(
            phrase,
            start,
            end,
            "admin1",
            (),
            admins[0].iso2 if len(admins) == 1 else None,
            admins[0] if len(admins) == 1 else None,
        )
    if cands:
        return PlaceMention(phrase, start, end, "gazetteer", cands)
    if admins:
        return PlaceMention(phrase, start, end, "admin1", (), None, None)
    return None


# The resolver: one incident's country, division, city and coordinates from the place mentions
# of its sentences and the document's.
_WEAK_BEFORE = re.compile(r"\b(?:from|to|towards?|for)\s+(?:the\s+)?$", re.I)


# "220 km south of Cairo", "north of the capital": a reference point, never the place itself.
_RELATIVE_BEFORE = re.compile(
    r"(?:\b(?:km|kilometres|kilometers|miles)\s+(?:\w+\s+)?(?:of|from)|"
    r"\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of)\s+(?:the\s+)?$",
    re.I,
)


_REGION_OF_COUNTRY = re.compile(
    r"\bin (?:the )?(?:" + _COMPASS + r"|remote|rural) "
    r"(?:part of )?(?P<c>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)"
)


_CITY_KINDS = ("gazetteer", "village", "capital")
# Tiers of place mentions, most trusted first (see _tiers); the last holds country evidence only.
_OWN, _NEARBY, _WEAK, _DATELINE, _REST = range(5)

# Rule DATELINE_OPENS_LINE: a dateline stands before the body's first sentence begins. Only
# capitalised words, figures and punctuation come before it ("NEW DELHI, ...", "Updated
# 5 May KABUL, ..."); after a word of the sentence itself it is a name followed by a comma
# ("Gunmen shot Ali Gulu, a trader, ..."), and a name is a place only where the sentence
# says so (a locative).
_SENTENCE_WORD = re.compile(r"\b[a-z]")

# Rule DATELINE_FORMS: a dateline in ordinary case names the bureau too: "Islamabad, Jun. 8,
# (dpa/GNA) - ...", "Kabul (Reuters) - ...", "Maiduguri, Nigeria — ...": the place opens the
# sentence and a date, a country or an agency in brackets runs to a dash.
_DATELINE_AFTER = re.compile(
    r"(?:,\s+[A-Z][\w.]*(?:\s+\d{1,2})?(?:,\s+\d{4})?)?,?\s*(?:\([^()]{1,40}\)\s*)?[-—–]\s"
)


def _mixed_case_dateline(m: PlaceMention, text: str) -> bool:
    return m.start <= 2 and _DATELINE_AFTER.match(text, m.end) is not None


def _tiers(inc: Incident, doc_sentences: list[Sentence], info: list[SentenceInfo],
           background: bool, taken: set[int], regional: bool) -> list[list[tuple[PlaceMention, Sentence]]]:  # fmt: skip
    """Place mentions in the order they are trusted for this incident: its own sentences (weak
    "from X" mentions last), its context, the sentences before it (nearest first), the
    dateline, and for a main incident the rest of the document."""
    own_idx = {s.index for s in inc.sentences}
    ctx_idx = {s.index for s in inc.context} - own_idx
    first = min(own_idx)

    def mentions(ss: list[Sentence]) -> list[tuple[PlaceMention, Sentence]]:
        return [(m, s) for s in ss for m in info[s.index].places]

    def is_dateline(m: PlaceMention, s: Sentence) -> bool:
        return (
            s.index <= 1
            and m.kind == "gazetteer"
            and ((m.start < 40 and m.text.isupper()) or _mixed_case_dateline(m, s.text))
        )

    def weak(m: PlaceMention, s: Sentence) -> bool:
        return bool(_WEAK_BEFORE.search(s.text[max(0, m.start - 12) : m.start]))

    def relative(m: PlaceMention, s: Sentence) -> bool:
        return m.kind in _CITY_KINDS and bool(
            _RELATIVE_BEFORE.search(s.text[max(0, m.start - 40) : m.start])
        )

    # "The blast in Mastung came hours after a bomb ... in Bannu": only Bannu is this one's.
    cut = recalled_from(inc.lead, info[inc.lead.index])
    own = [
        (m, s)
        for m, s in mentions(sorted(inc.sentences, key=lambda s: s.index))
        if s is not inc.lead or m.start >= cut
    ]
    # Context and preceding sentences, nearest first; before the incident wins a tie.
    near = sorted(
        (
            s
            for s in doc_sentences
            if s.index in ctx_idx or (s.index < first and s.index not in taken)
        ),
        key=lambda s: (abs(s.index - first), s.index > first),
    )
    nearby = mentions(near)
    skip = own_idx | ctx_idx | taken  # once, not per sentence: that costs the text's square
    rest = mentions([s for s in doc_sentences if s.index > first and s.index not in skip])
    everything = own + nearby + rest
    datelines = [x for x in everything if is_dateline(*x)]
    # Each mention is in `everything` once: sets of ids, as list membership costs the square.
    aside = {id(m) for m, _ in datelines}
    weak_ones = {id(m) for m, s in everything if weak(m, s) and id(m) not in aside}
    aside |= weak_ones

    def body(xs: list[tuple[PlaceMention, Sentence]]) -> list[tuple[PlaceMention, Sentence]]:
        return [x for x in xs if id(x[0]) not in aside]

    tiers = [body(own), body(nearby), [x for x in own + nearby if id(x[0]) in weak_ones], datelines]
    if not background:
        tiers.append(body(rest))
    # "in central Egypt": the incident's own words place it in a region of a country; a city is
    # then taken only from those words or the dateline, not from sentences around them.
    if regional and not any(m.kind in _CITY_KINDS for m, _ in tiers[_OWN]):
        tiers = [
            t if level in (_OWN, _DATELINE) else [x for x in t if x[0].kind not in _CITY_KINDS]
            for level, t in enumerate(tiers)
        ]
    tiers = [[x for x in t if not relative(*x)] for t in tiers]
    # Country evidence only: every earlier sentence, nearest first, other incidents included.
    tiers.append(mentions([s for s in reversed(doc_sentences) if s.index < first]))
    return tiers


# "an attack on a village in Borno state": the text knows the place only as a kind of place.
_UNNAMED_PLACE = re.compile(
    r"\b(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:village|town|hamlet|settlement|community)\s+(?:in|near|of)\b",
    re.I,
)


def place(inc: Incident, doc_sentences: list[Sentence], info: list[SentenceInfo],
          gaz: Gazetteer, doc_countries: list[str], background: bool = False,
          taken: set[int] | None = None) -> dict[str, Any]:  # fmt: skip
    """Country, admin1, city and coordinates of one incident, the most precise the text names.

    `taken` holds the sentences that report other incidents: their places are not inherited.
    """
    own_text = " ".join(s.text for s in inc.sentences)
    regions = {
        iso2
        for r in _REGION_OF_COUNTRY.finditer(own_text)
        if (iso2 := gaz.country_of(r.group("c")))
    }
    regional = _REGION_OF_COUNTRY.search(own_text) is not None
    unnamed = _UNNAMED_PLACE.search(own_text) is not None and not any(
        m.kind in _CITY_KINDS
        for s in inc.sentences
        for m in info[s.index].places
        if not (s.index <= 1 and m.start < 40 and m.text.isupper())
    )
    tiers = _tiers(inc, doc_sentences, info, background, taken or set(), regional)
    local = [
        m.iso2
        for m, _ in tiers[_OWN]
        if m.kind in ("country", "admin1", "capital", "village") and m.iso2
    ]
    countries = list(dict.fromkeys(local + doc_countries))
    own_countries = {
        m.iso2 for m, _ in tiers[_OWN] if m.kind == "country" and m.iso2 and m.locative
    }
    city: tuple[str, Place | None] | None = None
    city_level = len(tiers)
    admin: Admin1 | None = None
    admin_level = len(tiers)
    city_at: tuple[PlaceMention, Sentence] | None = None
    admin_at: tuple[PlaceMention, Sentence] | None = None
    for level, tier in enumerate(tiers[:-1]):
        for m, _s in tier:
            if m.kind == "admin1" and admin is None:
                admin = m.admin1 or next(
                    (a for c in countries[:3] if (a := gaz.admin1_named(m.text, c))), None
                )
                admin_level = level
                admin_at = (m, _s)
            if city is not None or m.kind not in _CITY_KINDS:
                continue
            chosen = _choose(m.candidates, countries, m.text, open_world=level in (_OWN, _DATELINE))
            where = chosen.iso2 if chosen is not None else m.iso2
            if level > _OWN and where and own_countries and where not in own_countries:
                # Rule OWN_COUNTRY_BOUNDS_CITY: the incident's own words place it in a country
                # ("a plane downed over Sinai"); a city told around it in another country
                # ("the Crocus hall in Krasnogorsk") is another incident's.
                continue
            if level >= _DATELINE and (
                unnamed
                or (
                    chosen is not None
                    and admin is not None
                    and admin_level < _DATELINE
                    and (chosen.iso2, chosen.admin1_code) != (admin.iso2, admin.code)
                )
            ):
                # "an attack on a village in Borno state" under "MAIDUGURI —", "in Khyber
                # Pakhtunkhwa province" under "ISLAMABAD —": the bureau, not the place.
                continue
            if level == _DATELINE and chosen is not None and chosen.iso2 in regions:
                cap = gaz.countries.get(chosen.iso2)
                if cap is not None and fold(cap.capital) == fold(chosen.name):
                    continue  # "CAIRO —" over "in central Egypt": the bureau, not the place
            if chosen is not None or m.kind == "village":
                # The name as the text spells it ("Kandahar", not GeoNames' "Kandahār").
                surface = m.text if m.kind != "capital" or not chosen else chosen.name
                city = (_display(surface), chosen)
                city_level = level
                city_at = (m, _s)
        if city is not None and admin is not None:
            break
    # A region named no closer than the city must be the city's own region.
    if (
        admin is not None
        and city is not None
        and city[1] is not None
        and (city[1].iso2, city[1].admin1_code) != (admin.iso2, admin.code)
        and admin_level >= city_level
    ):
        if _chained(city_at, admin_at):
            # Rule CHAIN_PROVINCE_WINS: "in Langar, Badghis, Afghanistan": the province named
            # right after the name says where it is; the gazetteer's namesake elsewhere is
            # another place, so the name stands for a village of that province.
            city = (city[0], None)
        else:
            admin = None
    if city and city[1]:
        city = _fold_neighbourhood(city, [m for t in tiers for m, _ in t])
    iso2 = None
    # A village the gazetteer lacks takes the country its own mention settled ("the Malian
    # village of Ogossagou").
    village_iso2 = next(
        (
            m.iso2
            for m, _ in tiers[_OWN]
            if city is not None
            and city[1] is None
            and m.kind == "village"
            and m.iso2
            and fold(m.text) == fold(city[0])
        ),
        None,
    )
    if city and city[1]:
        iso2 = city[1].iso2
    elif village_iso2:
        iso2 = village_iso2
    elif admin:
        iso2 = admin.iso2
    else:
        iso2 = _nearest_country(tiers, countries) or (countries[0] if countries else None)
    if admin is not None and iso2 and admin.iso2 != iso2:
        admin = None
    if city is not None and city_at is not None:
        city = _district_named(city, city_at, doc_sentences)
    if city and city[1] and admin is None:
        home = gaz.admin1.get((city[1].iso2, city[1].admin1_code))
        if home is not None and fold(home.name) == fold(city[0]):
            admin = home  # the capital of a same-named province or city-state
    return _place_row(gaz, iso2, admin, city)


_DISTRICT_AFTER = re.compile(r"\s+district\b(?!\s+of\b)", re.I)


def _district_named(city: tuple[str, Place | None], city_at: tuple[PlaceMention, Sentence],
                    doc_sentences: list[Sentence]) -> tuple[str, Place | None]:  # fmt: skip
    """Rule DISTRICT_NAMED: a place the text names only as a district ("in Maruf district,
    Kandahar") is the district, and the city says so: "Maruf district" (the contract's city,
    town, village or district named; GTD writes it the same way). Where the text also names
    the place alone ("Mastung district ... in Mastung"), it is the town."""
    m, s = city_at
    if not _DISTRICT_AFTER.match(s.text, m.end) or fold(m.text) != fold(city[0]):
        return city
    name = re.compile(rf"(?<![\w-]){re.escape(m.text)}(?![\w-])", re.I)
    for other in doc_sentences:
        for hit in name.finditer(other.text):
            if not _DISTRICT_AFTER.match(other.text, hit.end()):
                return city
    return (f"{city[0]} district", city[1])


def _chained(city_at: tuple[PlaceMention, Sentence] | None,
             admin_at: tuple[PlaceMention, Sentence] | None) -> bool:  # fmt: skip
    """The division named right after the name in a comma chain of one sentence: "Langar,
    Badghis", "Zadran, Ishkamish district, Takhar", "Kohistan district, Faryab", "Dih Yak
    district in Ghazni"."""
    if city_at is None or admin_at is None or city_at[1] is not admin_at[1]:
        return False
    between = city_at[1].text[city_at[0].end : admin_at[0].start]
    return _CHAINED_BETWEEN.fullmatch(between) is not None


_CHAINED_BETWEEN = re.compile(
    rf"(?:\s+(?i:{_DIVISION_WORDS}))?(?:,\s+|\s+in\s+)(?:[A-Z][\w'’-]*(?:\s+[\w'’-]+){{0,2}},\s+)?"
)


def _nearest_country(
    tiers: list[list[tuple[PlaceMention, Sentence]]], countries: list[str]
) -> str | None:
    """The first country the trusted mentions settle, for a village the gazetteer lacks."""
    for tier in tiers:
        for m, _ in tier:
            if m.iso2 and m.locative:
                return m.iso2
            if m.kind in ("gazetteer", "capital"):
                chosen = _choose(m.candidates, countries, m.text, open_world=True)
                if chosen is not None:
                    return chosen.iso2
    return None


def _fold_neighbourhood(
    city: tuple[str, Place | None], mentions: list[PlaceMention]
) -> tuple[str, Place | None]:
    """A district or resort named next to its city is coded as the city, as GTD does
    ("Sultanahmet" in Istanbul, "Port El Kantaoui" near Sousse)."""
    small = city[1]
    if small is None or small.population >= 50_000:
        return city
    for m in mentions:
        if m.kind not in ("gazetteer", "capital"):
            continue
        for p in m.candidates:
            if (
                p.iso2 == small.iso2
                and p.population >= max(10 * small.population, 100_000)
                and great_circle_km(small.latitude, small.longitude, p.latitude, p.longitude) <= 15
            ):
                name = m.text if m.kind != "capital" else p.name
                return (_display(name), p)
    return city


def _display(name: str) -> str:
    name = re.sub(r"['’]s$", "", name.strip())
    return name.title() if name.isupper() else name


def _place_row(
    gaz: Gazetteer, iso2: str | None, admin: Any, city: tuple[str, Place | None] | None
) -> dict[str, Any]:
    country = gaz.countries.get(iso2) if iso2 else None
    row: dict[str, Any] = {
        "country": country.name if country else None,
        "country_iso3": country.iso3 if country else None,
        "admin1": admin.name if admin else None,
        "city": city[0] if city else None,
        "latitude": None,
        "longitude": None,
        "geo_precision": "unknown",
    }
    if city and city[1]:
        row.update(latitude=city[1].latitude, longitude=city[1].longitude, geo_precision="city")
    elif admin:
        row.update(latitude=admin.latitude, longitude=admin.longitude, geo_precision="admin1")
    elif country:
        row.update(latitude=country.latitude, longitude=country.longitude, geo_precision="country")
    return row


def _choose(
    cands: tuple[Place, ...], countries: list[str], surface: str, open_world: bool = False
) -> Place | None:
    """The candidate in the countries the text names (in order); own names before spellings.

    With `open_world` (the incident's own words or the dateline), a large city outside those
    countries is still taken: "in central Oslo" in an article that otherwise speaks of Germany.
    """
    key = fold(surface)

    def rank(p: Place) -> tuple[bool, int]:
        return (fold(p.name) == key, p.population)

    for iso2 in countries:
        hits = [p for p in cands if p.iso2 == iso2]
        if hits:
            return max(hits, key=rank)
    if cands and (open_world or not countries):
        top = max(cands, key=rank)
        floor = 100_000 if countries else 50_000
        return top if top.population >= floor or (not countries and fold(top.name) == key) else None
    return None
