"""Attributes of one extracted incident: casualties, date, place and perpetrator."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from transforms.actors import GroupIndex
from transforms.casualties import Figure
from transforms.places import Admin1, Gazetteer, Place, PlaceMention, fold
from transforms.text import Sentence, parse_number

if TYPE_CHECKING:
    from transforms.incident_reports import DocumentInput, _Incident, _SentenceInfo

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
    updates = [f for f in precise if f.is_toll_update and not f.is_earlier]
    official = [f for f in precise if not f.is_unofficial] or precise
    pool = updates or official
    best_fig = pool[-1] if pool else None
    best = best_fig.best if best_fig else None
    lows = [
        f.low
        for f in current
        if f.low is not None and (best is None or not f.is_unofficial or f.low <= best)
    ]
    low = min(lows) if lows else None
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


def _attackers_killed(figures: list[Figure], text: str) -> int:
    counted = [f.best for f in figures if f.role == "attackers" and f.kind == "killed" and f.best]
    if counted:
        return max(counted)
    if _unclear(text):
        return 0
    m = re.search(r"\b(?P<n>two|three|four|five|six|seven|\d) suicide bombers\b", text, re.I)
    if m:
        return parse_number(m.group("n")) or 1
    if re.search(
        r"\bsuicide (?:bomber|bombing|attack|attacker|car bomb|truck bomb)\b|\bblew (?:himself|herself) up\b|\bset off his explosives\b",
        text,
        re.I,
    ):
        return 1
    if re.search(
        r"\b(?:police|officers|security forces|soldiers|guards)\b[^.]{0,40}\bsho?o?t (?:him|the (?:gunman|attacker)) dead\b|\b(?:he|the gunman|the attacker) was shot dead\b|\bbefore (?:police|security forces) shot him dead\b|\bthen himself\b",
        text,
        re.I,
    ):
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


def casualties(inc: _Incident, context_text: str) -> tuple[Range, Range]:
    """Killed (attackers included, as GTD's nkill) and wounded ranges of one incident."""
    killed_figs = [f for f in inc.figures if f.kind == "killed" and f.role == "victims"]
    wounded_figs = [f for f in inc.figures if f.kind == "wounded" and f.role == "victims"]
    killed = reconcile(killed_figs)
    wounded = reconcile(wounded_figs)
    attackers = _attackers_killed(inc.figures, context_text)
    if (attackers and killed[1] is not None and killed[1] > 0) or (
        attackers
        and killed == (None, None, None)
        and any(f.role == "attackers" for f in inc.figures)
    ):
        killed = tuple(None if v is None else v + attackers for v in killed)  # type: ignore[assignment]
        if killed == (None, None, None):
            killed = (attackers, attackers, None)
    return killed, wounded


def reporting_date(
    inc: _Incident, info: list[_SentenceInfo], doc: DocumentInput
) -> tuple[dt.date | None, str]:
    """The incident's first day at the precision the text allows; inherited from the sentence
    before when the event sentence names none ("Friday's violence ... In Kuwait, ...")."""
    candidates = [inc.date] if inc.date else []
    for s in inc.sentences:
        candidates += [d for d in info[s.index].dates if not d.is_statement_date]
    if not candidates and inc.lead.index > 0:
        prev = info[inc.lead.index - 1]
        candidates += [d for d in prev.dates if not d.is_statement_date]
    for d in candidates:
        if d.date is not None and d.precision != "unknown":
            if doc.published_at is not None and d.date > doc.published_at:
                continue
            return d.date, d.precision
    return None, "unknown"


def _choose(cands: tuple[Place, ...], countries: list[str], surface: str) -> Place | None:
    """The candidate in the countries the text names (in order); own names before spellings."""
    key = fold(surface)

    def rank(p: Place) -> tuple[bool, int]:
        return (fold(p.name) == key, p.population)

    for iso2 in countries:
        hits = [p for p in cands if p.iso2 == iso2]
        if hits:
            return max(hits, key=rank)
    if not countries and cands:
        top = max(cands, key=rank)
        return top if top.population >= 50_000 or fold(top.name) == key else None
    return None


def place(inc: _Incident, sentences: list[Sentence], info: list[_SentenceInfo], gaz: Gazetteer,
          doc_countries: list[str]) -> dict[str, Any]:  # fmt: skip
    """Country, admin1, city and coordinates of one incident, the most precise the text names."""
    ordered = inc.sentences + [s for s in sentences if s not in inc.sentences]
    mentions: list[PlaceMention] = [m for s in ordered for m in info[s.index].places]
    # The dateline ("GOMA (wire) —") is where the report was filed: the last resort for a city.
    datelined = [m for m in mentions if m.start < 40 and m.text.isupper() and m.kind == "gazetteer"]
    mentions = [m for m in mentions if m not in datelined] + datelined
    own = [m for s in inc.sentences for m in info[s.index].places]
    local_countries = [m.iso2 for m in own if m.kind in ("country", "admin1", "capital") and m.iso2]
    countries = list(dict.fromkeys(local_countries + doc_countries))
    city: tuple[str, Place | None] | None = None
    admin: Admin1 | None = None
    for m in mentions:
        if m.kind == "admin1" and admin is None:
            admin = m.admin1 or next(
                (a for c in countries[:3] if (a := gaz.admin1_named(m.text, c))), None
            )
        if city is None and m.kind in ("gazetteer", "village", "capital"):
            chosen = _choose(m.candidates, countries, m.text)
            if chosen is not None or m.kind == "village":
                # The name as the text spells it ("Kandahar", not GeoNames' "Kandahār").
                surface = m.text if m.kind != "capital" or not chosen else chosen.name
                city = (_display(surface), chosen)
    iso2 = None
    if city and city[1]:
        iso2 = city[1].iso2
    elif admin:
        iso2 = admin.iso2
    elif countries:
        iso2 = countries[0]
    if admin is not None and iso2 and admin.iso2 != iso2:
        admin = None
    if city and city[1] and admin is None:
        home = gaz.admin1.get((city[1].iso2, city[1].admin1_code))
        if home is not None and home.name.lower() == city[0].lower():
            admin = home  # the capital of a same-named province or city-state
    return _place_row(gaz, iso2, admin, city)


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


def perpetrator(
    inc: _Incident, sentences: list[Sentence], groups: GroupIndex
) -> tuple[str | None, bool | None]:
    """The group the text ties to this incident; a claim wins over an attribution."""
    claimed: list[str] = []
    attributed: list[str] = []
    for s in sentences:
        for g in groups.find(s.text):
            if g.stance == "claimed":
                claimed.append(g.canonical)
            elif g.stance == "attributed":
                attributed.append(g.canonical)
    if claimed:
        return claimed[0], True
    if attributed:
        return attributed[0], False
    return None, None
