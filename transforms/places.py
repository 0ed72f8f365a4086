"""Places in text, resolved against the offline GeoNames gazetteer with country context.

Only names in a locative context count ("in Kunduz", "near Mogadishu", "Istanbul's airport",
"the village of Solhan", a dateline), so that "Police said" or "two Chinese nationals" never
become places. Ambiguous names are resolved by the countries the text names.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache

import pandas as pd

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


_CAP_SEQ = re.compile(
    r"(?<![\w'’-])[A-Z][\w'’.-]*[\w](?:(?:\s+|-)(?:(?:el|al|de|du|la|le|e|del|ul|es|ad|ash|as)(?:\s+|-))?[A-Z][\w'’-]*\w){0,3}"
)
_LOCATIVE_BEFORE = re.compile(
    r"(?:\b(?:in|at|near|outside|from|to|into|around|across|towards|toward|of|on|between|and|"
    r"hit|struck|rocked|attacked|stormed|via|through|reached|targeting)\s+(?:(?:the|a|an)\s+)?"
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
_VILLAGE_OF = re.compile(
    r"\b(?:(?:the|a|an) (?P<d>[A-Z][\w'’-]+) )?(?:village|town|hamlet|community|locality|commune|"
    r"camp|base|island)s? (?:of|at) (?P<name>" + _NAME + ")"
)
_VILLAGE_WORDS = ("village", "town", "hamlet", "communit", "localit", "commune", "camp", "base",
                  "island")  # fmt: skip
_X_VILLAGE = re.compile(r"(?P<name>" + _NAME + r") village\b")
# "in Tangaye, in Burkina Faso's Nord region", "in Mataje, a riverside community on the border",
# "in nearby Zaroumdareye, two villages in western Niger": an unknown name in apposition with a
# place the gazetteer knows.
_STRONG_LOCATIVE = re.compile(r"\b(?:in|at|near|outside)\s+(?:nearby\s+)?$", re.I)
_APPOSITION = re.compile(
    r"^(?:,?\s+(?P<rel>in|near)\s+|,\s+(?:(?:a|an|two|three|four|both)\s+)?(?:[a-z-]+\s+)?"
    r"(?P<kind>villages?|towns?|communit(?:y|ies)|settlements?|hamlets?)\s+(?P<rel2>in|near|on)\s+)"
    r"(?:the\s+)?(?:(?:north|south|east|west|central|northern|southern|eastern|western|"
    r"north-?eastern|north-?western|south-?eastern|south-?western|far|remote)\s+)*"
    r"(?P<place>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)"
)
_COMMA_REGION = re.compile(r"^,\s+(?P<place>[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*)?)")
_CAPITAL = re.compile(
    r"\b(?:the|its|their)\s+(?P<who>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)\s+capital\b(?:,?\s+(?P<name>[A-Z][\w'’-]+))?"
)
_STOP = frozenset(
    fold(w)
    for w in [
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "Of",
        "And",
        "But",
        "Police",
        "Army",
        "President",
        "Minister",
        "Prime",
        "Government",
        "Officials",
        "Islamic",
        "State",
        "Group",
        "Taliban",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Christmas",
        "Ramadan",
        "Muslim",
        "Christian",
        "Shia",
        "Shiite",
        "Sunni",
        "Catholic",
        "Coptic",
        "Copts",
        "Kurdish",
        "Prophet",
        "Mass",
        "North",
        "South",
        "East",
        "West",
        "Central",
        "Northern",
        "Southern",
        "Eastern",
        "Western",
        "University",
        "Hospital",
        "Interior",
        "Health",
        "Ministry",
        "Red",
        "Cross",
        "Security",
        "Council",
        "United",
        "Nations",
        "Amaq",
        "Telegram",
        "Reuters",
        "Twitter",
        "Facebook",
        "Related",
        "Watch",
        "More",
        "Saint",
        "St",
        "Lake",
        "Road",
        "Street",
        "Square",
        "Bay",
        "Airport",
        "Station",
        "Mosque",
        "Church",
    ]
)


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
            cands = tuple(p for p in gaz.lookup(name) if iso2 is None or p.iso2 == iso2)
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
        found = _resolve_sequence(sentence, m, gaz, at_document_start)
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
    return _narrow_by_region(sentence, sorted(out, key=lambda p: p.start), gaz)


def _apposition_village(sentence: str, m: re.Match[str], gaz: Gazetteer) -> PlaceMention | None:
    """An unknown name after "in"/"at" whose apposition names a known country or region."""
    name = m.group(0)
    if fold(name) in _STOP or len(name) < 3:
        return None
    if not _STRONG_LOCATIVE.search(sentence[max(0, m.start() - 20) : m.start()]):
        return None
    after = sentence[m.end() : m.end() + 90]
    a = _APPOSITION.match(after) or _COMMA_REGION.match(after)
    if a is None:
        return None
    region = re.sub(r"['’]s$", "", a.group("place"))
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
_CHAIN_BEFORE = re.compile(
    rf"\b(?:in|at|near|outside)\s+(?:the\s+)?{_CHAIN_ITEM}(?:,\s+{_CHAIN_ITEM}){{0,3}},\s+$"
)
_COUNTRY_AFTER = re.compile(r"^,\s+(?:the\s+)?(?P<c>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})")


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
        at_start and start < 40 and (phrase.isupper() or re.match(r"^\s*(?:,|—|-|–|\()", after))
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
