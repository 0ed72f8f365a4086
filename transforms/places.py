"""Places in text, resolved against the offline GeoNames gazetteer with country context.

Only names in a locative context count ("in Kunduz", "near Mogadishu", "Istanbul's airport",
"the village of Solhan", a dateline), so that "Police said" or "two Chinese nationals" never
become places. Ambiguous names are resolved by the countries the text names.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd


def fold(text: str) -> str:
    """Lower-case, accent-free, apostrophe-normalised key for name look-ups."""
    text = text.replace("’", "'").replace("`", "'").replace("ʼ", "'")
    norm = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in norm if not unicodedata.combining(ch)).lower().strip()


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
        for r in admin1.itertuples(index=False):
            key = (r.iso2, str(r.admin1_code))
            ov = overrides.get(key)
            name = ov.name if ov is not None else r.name
            if not isinstance(name, str):
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
        for r in places.itertuples(index=False):
            p = Place(
                r.name, r.iso2, str(r.admin1_code), r.latitude, r.longitude, int(r.population)
            )
            primary = fold(r.name)
            index[primary].append(p)
            if isinstance(r.alt_names, str):
                for alt in {fold(a) for a in r.alt_names.split("|")} - {primary}:
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
    r"(?:(?:city|town|village|villages|district|province|region|state|county|area|neighbourhood|"
    r"suburb|capital|port|island|resort|community|hamlet|commune|camp)\s+(?:of\s+)?)?$)",
    re.I,
)
_TYPE_AFTER = re.compile(
    r"^(?:'s\b|’s\b|\s+(?:province|district|state|region|county|city|town|village|area|"
    r"governorate|prefecture|neighbourhood|local government area)\b)",
    re.I,
)
_VILLAGE = re.compile(
    r"\b(?:village|town|hamlet|community|locality|commune|camp|base|island) (?:of|at) "
    r"(?P<a>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)|(?P<b>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?) village\b"
    r"|\bisland of (?P<c>[A-Z][\w'’ø-]+)"
)
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


def find_places(
    sentence: str, gaz: Gazetteer, at_document_start: bool = False
) -> list[PlaceMention]:
    """Place names of one sentence in locative context, with their gazetteer candidates."""
    out: list[PlaceMention] = []
    for m in _VILLAGE.finditer(sentence):
        name = m.group("a") or m.group("b") or m.group("c")
        start = m.start("a") if m.group("a") else m.start("b") if m.group("b") else m.start("c")
        out.append(PlaceMention(name, start, start + len(name), "village", tuple(gaz.lookup(name))))
    for m in _CAPITAL.finditer(sentence):
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
    for m in _CAP_SEQ.finditer(sentence):
        if any(p.start <= m.start() < p.end for p in out):
            continue
        out.extend(_resolve_sequence(sentence, m, gaz, at_document_start))
    return sorted(out, key=lambda p: p.start)


def _resolve_sequence(
    sentence: str, m: re.Match[str], gaz: Gazetteer, at_start: bool
) -> list[PlaceMention]:
    words = re.split(r"(\s+|-)", m.group(0))
    tokens = [w for w in words if w and not w.isspace() and w != "-"]
    # Longest sub-sequence first, left to right.
    for size in range(len(tokens), 0, -1):
        for i in range(len(tokens) - size + 1):
            phrase_start = m.start() + _offset_of(m.group(0), tokens, i)
            phrase = _phrase(m.group(0), tokens, i, size)
            phrase = phrase.rstrip("'’s") if phrase.endswith(("'s", "’s")) else phrase
            found = _classify(sentence, phrase, phrase_start, gaz, at_start)
            if found is not None:
                return [found]
    return []


def _offset_of(text: str, tokens: list[str], i: int) -> int:
    pos = 0
    for t in tokens[:i]:
        pos = text.index(t, pos) + len(t)
    return text.index(tokens[i], pos)


def _phrase(text: str, tokens: list[str], i: int, size: int) -> str:
    start = _offset_of(text, tokens, i)
    end = _offset_of(text, tokens, i + size - 1) + len(tokens[i + size - 1])
    return text[start:end]


def _classify(
    sentence: str, phrase: str, start: int, gaz: Gazetteer, at_start: bool
) -> PlaceMention | None:
    key = fold(phrase)
    if key in _STOP or len(key) < 3:
        return None
    end = start + len(phrase)
    before, after = sentence[max(0, start - 70) : start], sentence[end : end + 40]
    iso2 = gaz.country_names.get(key)
    if iso2 and phrase not in ("US", "IS"):
        return PlaceMention(phrase, start, end, "country", (), iso2)
    if key in gaz.demonyms:
        return None
    locative = bool(_LOCATIVE_BEFORE.search(before)) or bool(_TYPE_AFTER.match(after))
    dateline = (
        at_start and start < 40 and (phrase.isupper() or re.match(r"^\s*(?:,|—|-|–|\()", after))
    )
    if not (locative or dateline):
        return None
    admins = gaz.admin1_by_name.get(key, [])
    typed_admin = re.match(
        r"^\s+(province|state|region|governorate|prefecture|county)\b", after, re.I
    )
    cands = tuple(gaz.lookup(phrase))
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
