"""Attributes of one extracted incident: casualties, date, place and perpetrator."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from transforms.actors import GroupIndex, GroupMention
from transforms.casualties import Figure
from transforms.dates import DateMention, shift_months
from transforms.doc import DocumentInput, Incident, SentenceInfo
from transforms.events import recalled_from
from transforms.places import Admin1, Gazetteer, Place, PlaceMention, fold, great_circle_km
from transforms.text import NUMBER, Sentence, parse_number

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
    lows = [
        f.low
        for f in current
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
    rf"(?P<n>{NUMBER})\s+(?:\w+\s+)?(?:assailants|attackers|bombers|gunmen|militants|perpetrators)\b)",
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


def casualties(inc: Incident, context_text: str) -> tuple[Range, Range]:
    """Killed (attackers included, as GTD's nkill) and wounded ranges of one incident."""
    killed_figs = [f for f in inc.figures if f.kind == "killed" and f.role == "victims"]
    wounded_figs = [f for f in inc.figures if f.kind == "wounded" and f.role == "victims"]
    killed = reconcile(killed_figs)
    wounded = reconcile(wounded_figs)
    if wounded == (None, None, None) and any(
        f.kind == "wounded" and f.best == 0 for f in inc.figures
    ):
        wounded = (0, 0, None)  # "Abe died after being shot. No one else was hurt."
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


_LATER = re.compile(
    r"^(?:(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|\d{1,2}) "
    r"(?P<unit>day|week|month|year)s?|(?P<hours>hours|minutes|moments)) later\b",
    re.I,
)
_HOURS_AFTER = re.compile(r"\b(?:hours|minutes|moments|shortly) (?:after|before)\b", re.I)


def reporting_date(
    inc: Incident,
    info: list[SentenceInfo],
    doc: DocumentInput,
    before: list[Sentence] | None = None,
    previous: Incident | None = None,
) -> tuple[dt.date | None, str]:
    """The incident's first day at the precision the text allows.

    From its own sentences; else counted from the incident told before it ("Two months later",
    "came hours after"); else from the account just before its lead (`before`, nearest first)
    or the sentence before it ("Friday's violence ... In Kuwait, ...")."""
    candidates = [inc.date] if inc.date else []
    toll_dates: list[DateMention] = []  # "the death toll rose to 133 on Saturday"
    for s in inc.sentences:
        si = info[s.index]
        ends = [f.end for f in si.figures if f.is_toll_update]
        for d in si.dates:
            if d.is_statement_date:
                continue
            of_toll = any(0 <= d.start - e <= 25 for e in ends)
            (toll_dates if of_toll else candidates).append(d)
    candidates = [d for d in candidates if d not in toll_dates]
    found = _first_valid(candidates, doc)
    if found[0] is not None:
        return found
    if previous is not None:
        later = _LATER.match(inc.lead.text)
        if later or _HOURS_AFTER.search(inc.lead.text):
            base, precision = reporting_date(previous, info, doc)
            if base is not None:
                return _after(base, precision, later)
    for s in before or []:
        # The earliest: "a notice issued on Wednesday for the attack on 19 December".
        dated = sorted(
            (d for d in info[s.index].dates if not d.is_statement_date and d.date is not None),
            key=lambda d: d.date or dt.date.min,
        )
        found = _first_valid(dated, doc)
        if found[0] is not None:
            return found
    if inc.lead.index > 0:
        prev = info[inc.lead.index - 1]
        found = _first_valid([d for d in prev.dates if not d.is_statement_date], doc)
        if found[0] is not None:
            return found
    return _first_valid(toll_dates, doc)


def _first_valid(candidates: list[DateMention], doc: DocumentInput) -> tuple[dt.date | None, str]:
    for d in candidates:
        if d.date is not None and d.precision != "unknown":
            if doc.published_at is not None and d.date > doc.published_at:
                continue
            return d.date, d.precision
    return None, "unknown"


def _after(base: dt.date, precision: str, later: re.Match[str] | None) -> tuple[dt.date, str]:
    """A date counted on from another: "two months later" keeps the month, "hours later" the day."""
    if later is None or later.group("hours"):
        return base, precision
    word = later.group("n").lower()
    n = 1 if word in ("a", "an") else parse_number(word) or 1
    unit = later.group("unit").lower()
    if unit in ("day", "week") and precision == "day":
        return base + dt.timedelta(days=n * (7 if unit == "week" else 1)), "day"
    if unit == "year":
        return dt.date(base.year + n, 1, 1), "year"
    return shift_months(base, -n if unit == "month" else 0), "month"


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


_WEAK_BEFORE = re.compile(r"\b(?:from|to|towards?|for)\s+(?:the\s+)?$", re.I)
# "220 km south of Cairo", "north of the capital": a reference point, never the place itself.
_RELATIVE_BEFORE = re.compile(
    r"(?:\b(?:km|kilometres|kilometers|miles)\s+(?:\w+\s+)?(?:of|from)|"
    r"\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of)\s+(?:the\s+)?$",
    re.I,
)
_REGION_OF_COUNTRY = re.compile(
    r"\bin (?:the )?(?:north|south|east|west|central|northern|southern|eastern|western|"
    r"north-?eastern|north-?western|south-?eastern|south-?western|remote|rural) "
    r"(?:part of )?(?P<c>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)"
)
_CITY_KINDS = ("gazetteer", "village", "capital")
# Tiers of place mentions, most trusted first (see _tiers); the last holds country evidence only.
_OWN, _NEARBY, _WEAK, _DATELINE, _REST = range(5)


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
        return s.index <= 1 and m.start < 40 and m.text.isupper() and m.kind == "gazetteer"

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
    city: tuple[str, Place | None] | None = None
    city_level = len(tiers)
    admin: Admin1 | None = None
    admin_level = len(tiers)
    for level, tier in enumerate(tiers[:-1]):
        for m, _s in tier:
            if m.kind == "admin1" and admin is None:
                admin = m.admin1 or next(
                    (a for c in countries[:3] if (a := gaz.admin1_named(m.text, c))), None
                )
                admin_level = level
            if city is not None or m.kind not in _CITY_KINDS:
                continue
            chosen = _choose(m.candidates, countries, m.text, open_world=level in (_OWN, _DATELINE))
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
    if city and city[1] and admin is None:
        home = gaz.admin1.get((city[1].iso2, city[1].admin1_code))
        if home is not None and fold(home.name) == fold(city[0]):
            admin = home  # the capital of a same-named province or city-state
    return _place_row(gaz, iso2, admin, city)


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


_GROUP_CLAIMED = re.compile(
    r"^(?:the|that) (?:[\w-]+ ){0,2}?(?:group|organi[sz]ation|militants|jihadists|insurgents) "
    r"(?:has |had |later |quickly |"
    r"then )?(?:claimed|took responsibility)\b",
    re.I,
)
_ATTACK_AT = re.compile(
    r"\bthe (?P<place>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?) (?:attacks?|bombings?|massacre|shooting|"
    r"assault|raid|siege|killings)\b"
)


def perpetrator(
    inc: Incident,
    sentences: list[Sentence],
    groups: GroupIndex,
    seen: dict[int, list[GroupMention]] | None = None,
    gaz: Gazetteer | None = None,
    here: set[str] | None = None,
) -> tuple[str | None, bool | None]:
    """The group the text ties to this incident; a claim wins over an attribution.

    "The group claimed the attack" with no name refers to the group named just before it. A
    sentence about the attack at another named place ("IS claimed the Barcelona attack", for
    an incident in Cambrils) is not about this one (`here`: the incident's place names, folded).
    `seen` keeps one document's sentence look-ups (sentences recur across its incidents)."""
    claimed: list[str] = []
    attributed: list[str] = []
    seen = {} if seen is None else seen
    last: GroupMention | None = None
    for s in sentences:
        if s.index not in seen:
            seen[s.index] = groups.find(s.text)
        if here and gaz is not None and s not in inc.sentences and _elsewhere(s, gaz, groups, here):
            continue
        mentions = seen[s.index]
        if not mentions:
            if last is not None and _GROUP_CLAIMED.search(s.text):
                claimed.append(last.canonical)
            continue
        for g in mentions:
            if g.stance == "claimed":
                claimed.append(g.canonical)
            elif g.stance == "attributed":
                attributed.append(g.canonical)
        last = mentions[-1] if mentions[-1].stance != "denied" else None
    if claimed:
        return claimed[0], True
    if attributed:
        return attributed[0], False
    return None, None


def _elsewhere(s: Sentence, gaz: Gazetteer, groups: GroupIndex, here: set[str]) -> bool:
    m = _ATTACK_AT.search(s.text)
    if m is None:
        return False
    name = m.group("place")
    known = gaz.lookup(name) or gaz.country_of(name) or gaz.admin1_named(name, None)
    return bool(known) and fold(name) not in here and not groups.find(name)
