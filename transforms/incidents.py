"""Produces the `incidents` table: reports matched to known incidents, ranges reconciled.

Matching (a report joins an incident, new or published) needs the same country and a
compatible date (a month-only report matches any day of that month; day precision allows one
day either side), then a score over place, attack type, target, perpetrator and figures:

    same city +3, same admin1 +1, coordinates within 25 km +2, same attack type +1,
    same target type +1, same perpetrator +1, killed figures within a factor of 3 +1,
    a different city -3, a different attack type -2, days apart -1 per day.

A score of 3 or more matches; the best-scoring incident wins. Place is never enough on its
own (`_corroborated`): a dated pair needs the same day or month, and a pair where either side
has no day or month needs a specific agreement beyond place and type (the same group, or the
same death toll). A report joins an incident only when it fits every report already in it
(`_fits_members`), so one weak link cannot chain attacks of different years in one city. When
a report matches two incidents equally well they are one incident: the id of the one with the
earliest report survives (the older one on a tie) and the other is recorded as `merged_into` it.

Ids do not depend on the order reports arrive in. An incident is named after its earliest
report, in the order (published_at, doc_id, char_start, report_id) that one run also
processes its batch in: `incident_id_for(report_id)`. A new incident takes its first report's
id, and keeps it as later reports join, run after run. A report delivered late that is
earlier than every report of the incident it joins (the earlier half of a corpus published
after the later half) gives the incident its id, as if it had arrived first; the old id is
recorded as `merged_into` the new one (with the incident's first_seen_at), so it still leads
to the incident. Reconciliation over an incident's reports (UCDP style):
low = the lowest low, high = the highest figure any report gives, best = the best of the
most recent main (non-background) report that has one, so rising tolls win; date and
place at the best precision any report gives; a claim wins over an attribution.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from transforms.places import great_circle_km
from transforms.report_model import ATTRIBUTE_COLUMNS

_GEO_RANK = {"city": 3, "admin1": 2, "country": 1, "unknown": 0}
_DATE_RANK = {"day": 3, "month": 2, "year": 1, "unknown": 0}
MATCH_THRESHOLD = 3


def _na(v: Any) -> bool:
    """Missing: None, NaN, NaT or NA (the identity tests first: this runs millions of times)."""
    return v is None or v is pd.NaT or v is pd.NA or (isinstance(v, float) and v != v)


def _clean(v: Any) -> Any:
    return None if _na(v) else v


def incident_id_for(report_id: str) -> str:
    """An incident's id comes from the report that created it, so reruns give the same id."""
    return "inc_" + hashlib.sha256(report_id.encode()).hexdigest()[:16]


def _as_date(v: Any) -> dt.date | None:
    if _na(v):
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    return pd.Timestamp(v).date()


def dates_compatible(a: dt.date | None, pa_: str, b: dt.date | None, pb: str) -> int | None:
    """Days apart when two dates can be the same incident's first day, else None."""
    if a is None or b is None or pa_ == "unknown" or pb == "unknown":
        return 0
    if "year" in (pa_, pb):
        return 0 if a.year == b.year else None
    if "month" in (pa_, pb):
        return 0 if (a.year, a.month) == (b.year, b.month) else None
    gap = abs((a - b).days)
    return gap if gap <= 1 else None


def _km(a: dict[str, Any], b: dict[str, Any]) -> float | None:
    if any(
        _na(x)
        for x in (a.get("latitude"), a.get("longitude"), b.get("latitude"), b.get("longitude"))
    ):
        return None
    return great_circle_km(a["latitude"], a["longitude"], b["latitude"], b["longitude"])


def match_score(report: dict[str, Any], incident: dict[str, Any]) -> float | None:
    """How strongly a report and an incident describe the same event (None: they cannot)."""
    if report.get("country_iso3") != incident.get("country_iso3") or _na(
        report.get("country_iso3")
    ):
        return None
    gap = dates_compatible(_as_date(report.get("event_date")), report.get("date_precision") or "unknown",
                           _as_date(incident.get("event_date")), incident.get("date_precision") or "unknown")  # fmt: skip
    if gap is None:
        return None
    score = -float(gap)
    r_city, i_city = _clean(report.get("city")), _clean(incident.get("city"))
    if r_city and i_city:
        score += 3 if r_city.lower() == i_city.lower() else -3
    if _clean(report.get("admin1")) and report.get("admin1") == incident.get("admin1"):
        score += 1
    km = _km(report, incident)
    if (
        km is not None
        and km <= 25
        and report.get("geo_precision") == "city" == incident.get("geo_precision")
    ):
        score += 2
    for col, bonus, malus in (("attack_type", 1, 2), ("target_type", 1, 0), ("perpetrator", 1, 0)):
        r, i = _clean(report.get(col)), _clean(incident.get(col))
        if r and i and r != "Unknown" and i != "Unknown":
            score += bonus if r == i else -malus
    rk, ik = (
        _clean(report.get("killed_best")) or _clean(report.get("killed_low")),
        _clean(incident.get("killed_best")) or _clean(incident.get("killed_low")),
    )
    if rk and ik and max(rk, ik) <= 3 * min(rk, ik):
        score += 1
    if not _corroborated(report, incident):
        return None
    return score


def _dated(row: dict[str, Any]) -> bool:
    """A day or a month: precise enough for the date to tell two attacks in one city apart."""
    return not _na(row.get("event_date")) and row.get("date_precision") in ("day", "month")


def _same_place(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """The same city by name, or two city-precise places within 25 km (a suburb and its city)."""
    ca, cb = _clean(a.get("city")), _clean(b.get("city"))
    if ca and cb and ca.lower() == cb.lower():
        return True
    km = _km(a, b)
    return (
        bool(ca and cb)
        and km is not None
        and km <= 25
        and (a.get("geo_precision") == "city" == b.get("geo_precision"))
    )


def _tolls(row: dict[str, Any]) -> set[int]:
    return {int(c) for v in (row.get("killed_best"), row.get("killed_low")) if (c := _clean(v))}


def _toll_points(a: dict[str, Any], b: dict[str, Any]) -> int:
    """How much two death tolls say the rows are one attack: the same toll of 3 or more, or
    two tolls of 50 or more within a factor of 2 (a toll that rose between reports), 2; tolls
    of 10 or more within a factor of 2, 1; else 0 (one or two dead says little)."""
    points = 0
    for x in _tolls(a):
        for y in _tolls(b):
            low, high = min(x, y), max(x, y)
            if x == y and x >= 3:
                points = max(points, 2)
            elif high <= 2 * low and low >= 10:
                points = max(points, 2 if low >= 50 else 1)
    return points


def _corroborated(report: dict[str, Any], incident: dict[str, Any]) -> bool:
    """Rule `no_join_on_place_alone`: something beyond the place says two rows are one attack.

    Both dated (day or month, already found compatible): the date is that evidence. Otherwise
    (an undated report, or a date known only to the year) the two must be in the same place
    and agree on specifics worth 2 points: the same group (1) and the death toll
    (`_toll_points`). Two different groups do not rule it out (a claim by one, a government's
    blame on another). Agreeing attack and target types are too common to count, and so is
    one group in one city alone: Kandahar has had many Taliban attacks.
    """
    if _dated(report) and _dated(incident):
        return True
    if not _same_place(report, incident):
        return False
    r_perp, i_perp = _clean(report.get("perpetrator")), _clean(incident.get("perpetrator"))
    return int(bool(r_perp and r_perp == i_perp)) + _toll_points(report, incident) >= 2


def _contradicts(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two reports that cannot be one attack: other countries, incompatible dates, other cities."""
    if a.get("country_iso3") != b.get("country_iso3"):
        return True
    gap = dates_compatible(_as_date(a.get("event_date")), a.get("date_precision") or "unknown",
                           _as_date(b.get("event_date")), b.get("date_precision") or "unknown")  # fmt: skip
    if gap is None:
        return True
    return bool(_clean(a.get("city")) and _clean(b.get("city"))) and not _same_place(a, b)


def _fits_members(rep: dict[str, Any], reports: list[dict[str, Any]]) -> bool:
    """Rule `every_member_agrees`: a report joins an incident only when every report already in
    it is compatible with it and corroborates it (`_corroborated`), so that a weak link to one
    member, or to the incident's reconciled attributes, cannot chain two attacks together."""
    known = (r for r in reports if not _na(r.get("country_iso3")))  # rows with attributes
    return not any(_contradicts(rep, r) or not _corroborated(rep, r) for r in known)


# What `_contradicts` and `_corroborated` read of either row: two reports alike in these fit
# alike, so an incident is checked once per distinct set of them, not once per report.
_FIT_COLUMNS = ("country_iso3", "event_date", "date_precision", "city", "latitude", "longitude",
                "geo_precision", "perpetrator", "killed_best", "killed_low")  # fmt: skip


def _fit_key(rep: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(_clean(rep.get(c)) for c in _FIT_COLUMNS)


class _Summary:
    """What matching reads of an incident's reports, brought up to date as reports join: the
    documents they come from, the earliest `_report_key`, and one report for each distinct
    `_fit_key` (all of them, and those with a country, the ones `_fits_members` checks), and
    their `_Reconciliation`."""

    __slots__ = ("distinct", "docs", "earliest", "known", "reconciliation", "reports", "seen")

    def __init__(self, reports: list[dict[str, Any]]) -> None:
        self.reports = reports
        self.seen = 0
        self.docs: set[Any] = set()
        self.distinct: dict[tuple[Any, ...], dict[str, Any]] = {}
        self.known: list[dict[str, Any]] = []
        self.earliest: tuple[Any, ...] = (True,)  # as `_earliest` of no reports
        self.reconciliation = _Reconciliation()

    def update(self) -> None:
        for rep in self.reports[self.seen :]:
            doc = rep.get("doc_id")
            if not _na(doc):
                self.docs.add(doc)
            key = _fit_key(rep)
            if key not in self.distinct:
                self.distinct[key] = rep
                if key[0] is not None:
                    self.known.append(rep)
            order = _report_key(rep)
            self.earliest = min(self.earliest, (False, order))
            self.reconciliation.add(rep, order)
        self.seen = len(self.reports)

    def fits(self, rep: dict[str, Any]) -> bool:
        """`_fits_members(rep, self.reports)`."""
        return not any(_contradicts(rep, r) or not _corroborated(rep, r) for r in self.known)

    def all_fit(self, other: _Summary) -> bool:
        """Whether every report of this incident fits the other's (`_fits_members`)."""
        return all(other.fits(r) for r in self.distinct.values())


class _Members(defaultdict[str, list[dict[str, Any]]]):
    """The reports of each incident, with a `_Summary` of each kept up to date as lists grow
    (reports are only appended to an incident's list, or its whole list taken away)."""

    def __init__(self) -> None:
        super().__init__(list)
        self._summaries: dict[str, _Summary] = {}

    def summary(self, inc_id: str) -> _Summary:
        reports = self[inc_id]
        found = self._summaries.get(inc_id)
        if found is None or found.reports is not reports or found.seen > len(reports):
            found = self._summaries[inc_id] = _Summary(reports)
        if found.seen < len(reports):
            found.update()
        return found


@dataclass
class MergeResult:
    incidents: pd.DataFrame  # every incident given (state), with `quarantined` left to validation
    reports: pd.DataFrame  # all reports given and new, with their incident_id
    history: list[dict[str, Any]] = field(default_factory=list)
    changed: set[str] = field(default_factory=set)  # ids created, updated or merged away


class _Blocks:
    """Candidate incidents of a row: a superset of those it can match, found by index lookups.

    Matching needs a compatible date (`dates_compatible`): a day-dated row looks at incidents
    dated the day before, the day and the day after, and at month-dated ones of its month; a
    month-dated row at every incident dated in its month. Between two rows that both name a
    city, a different city more than 25 km away costs 3 points and the other fields give at
    most 5 (`match_score`), below the threshold plus the 3 it cost, so such pairs cannot match:
    a row with a city looks only at incidents of its city, of the cells within 25 km, or
    without a city. Where either side lacks a day or month, `_corroborated` also asks for the
    same place (the same city, or two cities within 25 km) and a death toll that agrees (one
    of 3 or more on each side, within a factor of 2): such pairs are found by place and toll.
    Places are indexed by city name and by cells of a 0.25 degree grid (pairs across the
    180th meridian are not found). Each lookup returns a few incidents however large the
    warehouse, so matching a batch costs about n log n, not n times the incidents of a
    country and year. `test_lookup.py` checks the index against comparing every pair.
    """

    CELL = 0.25

    def __init__(self) -> None:
        self.index: dict[tuple[Any, ...], set[str]] = defaultdict(set)
        self.filed: dict[str, set[tuple[Any, ...]]] = {}  # where each incident is filed now

    @staticmethod
    def _date(row: dict[str, Any]) -> tuple[dt.date | None, str]:
        d = _as_date(row.get("event_date"))
        prec = row.get("date_precision") or "unknown"
        return (d, prec) if d is not None and prec != "unknown" else (None, "unknown")

    @classmethod
    def _cell(cls, lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat / cls.CELL), math.floor(lon / cls.CELL)

    @staticmethod
    def _toll_bands(row: dict[str, Any]) -> set[tuple[str, int]]:
        """Where a row's tolls are filed: a toll of 3 to 9 agrees only with the same toll, one
        of 10 or more with any of 10 or more within a factor of 2 (`_toll_points`), filed by
        its power of two."""
        tolls = _tolls(row)
        return {("=", t) for t in tolls if 3 <= t < 10} | {
            ("~", t.bit_length() - 1) for t in tolls if t >= 10
        }

    @classmethod
    def _toll_probe(cls, row: dict[str, Any]) -> set[tuple[str, int]]:
        """The filed tolls that can agree with a row's."""
        probe: set[tuple[str, int]] = set()
        for kind, v in cls._toll_bands(row):
            probe |= {(kind, v)} if kind == "=" else {("~", v - 1), ("~", v), ("~", v + 1)}
        return probe

    @staticmethod
    def _place(row: dict[str, Any]) -> tuple[str | None, tuple[float, float] | None]:
        city = _clean(row.get("city"))
        if not city:
            return None, None
        lat, lon = _clean(row.get("latitude")), _clean(row.get("longitude"))
        if lat is None or lon is None or row.get("geo_precision") != "city":
            return str(city).lower(), None
        return str(city).lower(), (float(lat), float(lon))

    def _place_tags(self, row: dict[str, Any]) -> list[tuple[Any, ...]]:
        """Where the index files a row: its city and cell, or 'no city'."""
        city, point = self._place(row)
        if not city:
            return [("nocity",)]
        tags: list[tuple[Any, ...]] = [("city", city)]
        if point is not None:
            tags.append(("cell", *self._cell(*point)))
        return tags

    def _cells_near(self, point: tuple[float, float]) -> list[tuple[int, int]]:
        """The grid cells that can hold a point within 25 km of `point`."""
        la, lo = self._cell(*point)
        widest = min(89.0, abs(point[0]) + 2 * self.CELL)
        km_per_cell = 111.19 * self.CELL * math.cos(math.radians(widest))
        reach = max(1, math.ceil(25 / km_per_cell))
        return [(a, b) for a in (la - 1, la, la + 1) for b in range(lo - reach, lo + reach + 1)]

    def _probe(self, row: dict[str, Any]) -> list[tuple[Any, ...]] | None:
        """The place tags a row with a city can match (None: a row without one matches any)."""
        city, point = self._place(row)
        if not city:
            return None
        tags: list[tuple[Any, ...]] = [("city", city), ("nocity",)]
        if point is not None:
            tags += [("cell", a, b) for a, b in self._cells_near(point)]
        return tags

    def add(self, inc_id: str, row: dict[str, Any]) -> None:
        iso = row.get("country_iso3") or ""
        d, prec = self._date(row)
        keys: list[tuple[Any, ...]] = []
        if d is not None:
            dated: list[tuple[Any, ...]] = []
            if prec in ("day", "month"):
                dated.append(("month", iso, d.year, d.month))
            if prec == "month":
                dated.append(("month-only", iso, d.year, d.month))
            if prec == "day":
                dated.append(("day", iso, d))
            tags = self._place_tags(row)
            keys += dated + [(*k, *t) for k in dated for t in tags]
        city, point = self._place(row)
        if city:
            # Also filed by the dates a dated row looks at them under (`candidates`), so that a
            # dated row finds them among a year's, not among every year's of its place.
            spans: list[tuple[Any, ...]] = [()]
            if d is None:
                spans.append(("undated",))
            else:
                spans.append(("dated-year", d.year))
                if prec == "year":
                    spans.append(("year-only", d.year))
            for band in self._toll_bands(row):
                for span in spans:
                    keys.append(("city-toll", iso, city, band, *span))
                    if point is not None:
                        keys.append(("cell-toll", iso, *self._cell(*point), band, *span))
        # An incident is filed where its latest row is, and no longer where an earlier one was:
        # a toll that rose or a date made precise would otherwise leave it in every lookup
        # it ever belonged to.
        now = set(keys)
        for k in self.filed.get(inc_id, set()) - now:
            self.index[k].discard(inc_id)
        for k in now:
            self.index[k].add(inc_id)
        self.filed[inc_id] = now

    def _near(self, row: dict[str, Any], iso: str, *spans: tuple[Any, ...]) -> set[str]:
        """Incidents that can corroborate `row` (`_corroborated`): its place and a close toll;
        of the given date spans ("undated", ("dated-year", year), ("year-only", year)), or of
        any date without one."""
        city, point = self._place(row)
        bands = self._toll_probe(row)
        if not city or not bands:
            return set()
        get = self.index.get
        found: set[str] = set()
        cells = self._cells_near(point) if point is not None else []
        for span in spans or ((),):
            for band in bands:
                found |= get(("city-toll", iso, city, band, *span), set())
                for a, b in cells:
                    found |= get(("cell-toll", iso, a, b, band, *span), set())
        return found

    def _dated(self, key: tuple[Any, ...], probe: list[tuple[Any, ...]] | None) -> set[str]:
        """Incidents under a date key, narrowed to the places `probe` allows."""
        if probe is None:
            return self.index.get(key, set())
        found: set[str] = set()
        for tag in probe:
            found |= self.index.get((*key, *tag), set())
        return found

    def candidates(self, row: dict[str, Any]) -> set[str]:
        iso = row.get("country_iso3") or ""
        d, prec = self._date(row)
        if d is None:
            return self._near(row, iso)  # where a side has no day or month
        if prec == "year":
            return self._near(row, iso, ("dated-year", d.year), ("undated",))
        found = self._near(row, iso, ("year-only", d.year), ("undated",))
        probe = self._probe(row)
        if prec == "month":
            return found | self._dated(("month", iso, d.year, d.month), probe)
        found |= self._dated(("month-only", iso, d.year, d.month), probe)
        for shift in (-1, 0, 1):
            found |= self._dated(("day", iso, d + dt.timedelta(days=shift)), probe)
        return found


def merge_reports(previous_incidents: pd.DataFrame, previous_reports: pd.DataFrame,
                  new_reports: pd.DataFrame, run_id: str, now: dt.datetime) -> MergeResult:  # fmt: skip
    """Assign every new report to an incident and recompute the incidents it touched."""
    state: dict[str, dict[str, Any]] = {
        r["incident_id"]: r
        for r in previous_incidents.to_dict("records")
        if _na(r.get("merged_into"))
    }
    merged_away = [
        r for r in previous_incidents.to_dict("records") if not _na(r.get("merged_into"))
    ]
    members = _Members()
    for rep in previous_reports.to_dict("records"):
        if not _na(rep.get("incident_id")):
            members[rep["incident_id"]].append(rep)
    blocks = _Blocks()
    for inc_id, row in state.items():
        blocks.add(inc_id, row)
    history: list[dict[str, Any]] = []
    touched: set[str] = set()
    created: set[str] = set()
    ordered = new_reports.sort_values(
        ["published_at", "doc_id", "char_start"], na_position="last", kind="stable"
    )
    for rep in ordered.to_dict("records"):
        scored = sorted(
            (
                (s, i)
                for i in blocks.candidates(rep)
                if _na(state[i].get("merged_into"))
                and (s := match_score(rep, state[i])) is not None
                and s >= MATCH_THRESHOLD  # the cheap test first; those below, per member
                and not _shares_document(rep, members.summary(i))
                and members.summary(i).fits(rep)
            ),
            key=lambda t: (-t[0], state[t[1]].get("first_seen_at") or now, t[1]),
        )
        if not scored:
            inc_id = incident_id_for(rep["report_id"])
            state[inc_id] = {
                **{c: rep.get(c) for c in ATTRIBUTE_COLUMNS},
                "incident_id": inc_id,
                "first_seen_at": now,
            }
            created.add(inc_id)
        else:
            inc_id = scored[0][1]
            ties = [i for s, i in scored[1:] if s >= scored[0][0] and i != inc_id]
            for other in ties:
                if members.summary(other).all_fit(members.summary(inc_id)):
                    inc_id = _merge_pair(inc_id, other, state, members, history, run_id, now)
            inc_id = _named_by_earliest(inc_id, rep, state, members, history, run_id, now)
        rep["incident_id"] = inc_id
        members[inc_id].append(rep)
        touched.add(inc_id)
        state[inc_id] = members.summary(inc_id).reconciliation.row(state[inc_id])
        blocks.add(inc_id, state[inc_id])
        inc_id = _absorb_duplicates(inc_id, state, members, blocks, history, run_id, now)
        touched.add(inc_id)
    before = {
        r["incident_id"]: r for r in previous_incidents.to_dict("records")
    } if touched else {}  # fmt: skip
    for inc_id in touched:
        _record_changes(inc_id, state, before, created, history, run_id, now)
    rows = list(state.values()) + merged_away
    reports = (
        pd.concat(
            [
                previous_reports,
                pd.DataFrame([r for i in touched for r in members[i] if r.get("run_id") == run_id]),
            ],
            ignore_index=True,
        )
        if touched
        else previous_reports
    )
    reports = _relink(reports, state)
    # With no incident at all the frame keeps the state's columns (validation reads them).
    frame = pd.DataFrame(rows) if rows else previous_incidents.iloc[0:0].copy()
    changed = touched | {h["incident_id"] for h in history}
    return MergeResult(frame, reports, history, changed)


def block_country(iso: Any) -> str:
    """The matching block a row belongs to: its country (ISO3), '' when it has none."""
    return "" if _na(iso) else str(iso)


def merge_by_country(previous_incidents: pd.DataFrame, previous_reports: pd.DataFrame,
                     new_by_country: Iterable[pd.DataFrame], run_id: str,
                     now: dt.datetime) -> Iterator[MergeResult]:  # fmt: skip
    """`merge_reports` one country at a time, so that a large batch never holds the working
    state of all its countries at once: each block's result is yielded and can be stored
    and dropped before the next block is merged.

    `new_by_country` gives the new reports one frame per country (`block_country`), each in
    any order. This is exact, not an approximation: a report's candidates are always of its
    own country (`_Blocks.candidates` keys every lookup by it), a merge of two incidents
    needs a report that matches both, and every incident keeps the country of the reports
    that joined it. So no report, incident or merge of one country can change another's,
    and each block's result is what merging the whole batch gives for that country.
    """
    iso_of = previous_incidents["country_iso3"].map(block_country) if len(
        previous_incidents) else pd.Series(dtype=object)  # fmt: skip
    for new in new_by_country:
        if new.empty:
            continue
        iso = block_country(new["country_iso3"].iloc[0])
        prev = previous_incidents[iso_of == iso] if len(previous_incidents) else previous_incidents
        members = (
            previous_reports[previous_reports["incident_id"].isin(set(prev["incident_id"]))]
            if len(previous_reports) and len(prev)
            else previous_reports.iloc[0:0]
        )
        yield merge_reports(prev, members, new, run_id, now)


def _shares_document(rep: dict[str, Any], incident: _Summary) -> bool:
    """Reports of one document are distinct incidents: the extractor has already told them
    apart (two bombings in one city on one day)."""
    doc = rep.get("doc_id")
    return not _na(doc) and doc in incident.docs


def _absorb_duplicates(inc_id: str, state: dict[str, dict[str, Any]],
                       members: _Members, blocks: _Blocks,
                       history: list[dict[str, Any]], run_id: str, now: dt.datetime) -> str:  # fmt: skip
    """An incident that a new report made more precise may now plainly be another known one
    (an undated Kabul report, once dated, is the dated Kabul incident): when each matches the
    other, they are merged and the older id survives."""
    for other in sorted(blocks.candidates(state[inc_id])):
        if other == inc_id or other not in state or not _na(state[other].get("merged_into")):
            continue
        forward = match_score(state[inc_id], state[other])
        backward = match_score(state[other], state[inc_id])
        if forward is None or backward is None or min(forward, backward) < MATCH_THRESHOLD:
            continue  # the cheap test first; those below look at every pair of members
        mine, theirs = members.summary(inc_id), members.summary(other)
        if not mine.docs.isdisjoint(theirs.docs):
            continue
        if not mine.all_fit(theirs):
            continue
        inc_id = _merge_pair(inc_id, other, state, members, history, run_id, now)
        blocks.add(inc_id, state[inc_id])
    return inc_id


def _merge_pair(keep: str, other: str, state: dict[str, dict[str, Any]], members: _Members,
                history: list[dict[str, Any]], run_id: str, now: dt.datetime) -> str:  # fmt: skip
    first = sorted(
        [keep, other],
        key=lambda i: (members.summary(i).earliest, state[i].get("first_seen_at") or now, i),
    )
    survivor, gone = first[0], first[1]
    _fold_into(gone, survivor, state, members, history, run_id, now)
    state[survivor] = members.summary(survivor).reconciliation.row(state[survivor])
    return survivor


def _report_key(rep: dict[str, Any]) -> tuple[bool, pd.Timestamp, str, int, str]:
    """A report's place in the order incidents are named in (see the module's docstring)."""
    pub = rep.get("published_at")
    ts = pd.Timestamp.min if _na(pub) else pd.Timestamp(pub)
    if ts.tzinfo is not None:
        ts = ts.tz_convert(None)
    start = _clean(rep.get("char_start"))
    return (_na(pub), ts, str(rep.get("doc_id") or ""), int(start or 0), str(rep["report_id"]))


def _earliest(reports: list[dict[str, Any]]) -> tuple[Any, ...]:
    """The key of the earliest of an incident's reports; after any key when it has none."""
    return (False, min(map(_report_key, reports))) if reports else (True,)


def _named_by_earliest(inc_id: str, rep: dict[str, Any], state: dict[str, dict[str, Any]],
                       members: _Members, history: list[dict[str, Any]],
                       run_id: str, now: dt.datetime) -> str:  # fmt: skip
    """The id of the incident `rep` joins: its own, unless `rep` comes before all its reports,
    then the one `rep` would have given it had it arrived first (the old id merged into it)."""
    if _earliest([rep]) >= members.summary(inc_id).earliest:
        return inc_id
    new_id = incident_id_for(rep["report_id"])
    if new_id in state:
        return inc_id
    state[new_id] = {**state[inc_id], "incident_id": new_id, "updated_at": now}
    _fold_into(inc_id, new_id, state, members, history, run_id, now)
    return new_id


def _fold_into(gone: str, survivor: str, state: dict[str, dict[str, Any]],
               members: _Members, history: list[dict[str, Any]],
               run_id: str, now: dt.datetime) -> None:  # fmt: skip
    """Move every report of `gone` to `survivor` and record `gone` as merged into it."""
    for rep in members.pop(gone, []):
        rep["incident_id"] = survivor
        members[survivor].append(rep)
    state[gone] = {**state[gone], "merged_into": survivor}
    history.append({"incident_id": gone, "run_id": run_id, "change": "merged_into", "field": "incident_id",
                    "old_value": gone, "new_value": survivor, "changed_at": now})  # fmt: skip


def _relink(reports: pd.DataFrame, state: dict[str, dict[str, Any]]) -> pd.DataFrame:
    forward = {i: r["merged_into"] for i, r in state.items() if not _na(r.get("merged_into"))}
    if forward and not reports.empty:
        reports["incident_id"] = reports["incident_id"].map(lambda i: forward.get(i, i))
    return reports


def _record_changes(inc_id: str, state: dict[str, dict[str, Any]],
                    previous: dict[str, dict[str, Any]],
                    created: set[str], history: list[dict[str, Any]], run_id: str,
                    now: dt.datetime) -> None:  # fmt: skip
    row = state[inc_id]
    if inc_id in created:
        history.append({"incident_id": inc_id, "run_id": run_id, "change": "created", "field": None,
                        "old_value": None, "new_value": None, "changed_at": now})  # fmt: skip
        row["updated_at"] = now
        return
    before = previous.get(inc_id)
    if before is None:
        return
    changed = False
    for col in [*ATTRIBUTE_COLUMNS, "n_reports"]:
        a, b = as_text(_clean(before.get(col))), as_text(_clean(row.get(col)))
        if a != b:
            changed = True
            history.append({"incident_id": inc_id, "run_id": run_id, "change": "updated", "field": col,
                            "old_value": a, "new_value": b, "changed_at": now})  # fmt: skip
    row["updated_at"] = now if changed else before.get("updated_at")


def as_text(value: Any) -> str | None:
    """A value as incident_history records it: 45, not 45.0 (a count read back through a
    nullable float column); None stays None."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _pick(reports: list[dict[str, Any]], col: str) -> Any:
    """The value most reports give; a coded value beats "Unknown"."""
    values = [r.get(col) for r in reports if not _na(r.get(col))]
    values = [v for v in values if v != "Unknown"] or values
    if not values:
        return None
    return Counter(values).most_common(1)[0][0]


# The place columns an incident takes together from its most precisely placed report.
_PLACE_COLUMNS = (
    "country", "country_iso3", "admin1", "city", "latitude", "longitude", "geo_precision",
)  # fmt: skip


def reconcile_incident(base: dict[str, Any], reports: list[dict[str, Any]]) -> dict[str, Any]:
    """The incident's attributes from all its reports (rules in the module docstring).

    The reports are taken in the order incidents are named in (`_report_key`), not in the
    order they were read, so ties (two cities named as often) fall the same way whichever
    order the warehouse returns them in.
    """
    reports = sorted(reports, key=_report_key)
    main = [r for r in reports if not r.get("is_background")] or reports
    by_recency = sorted(
        main,
        key=lambda r: (_as_date(r.get("published_at")) or dt.date.min, r.get("char_start") or 0),
    )
    row = dict(base)
    for kind in ("killed", "wounded"):
        lows = [r[f"{kind}_low"] for r in reports if not _na(r.get(f"{kind}_low"))]
        figures = [
            r[f"{kind}_{p}"]
            for r in reports
            for p in ("low", "best", "high")
            if not _na(r.get(f"{kind}_{p}"))
        ]
        bests = [r[f"{kind}_best"] for r in by_recency if not _na(r.get(f"{kind}_best"))]
        if not bests:
            bests = [r[f"{kind}_best"] for r in reports if not _na(r.get(f"{kind}_best"))]
        best = bests[-1] if bests else None
        low = min(lows) if lows else None
        high = max(figures) if figures else None
        if best is not None and low is not None:
            low = min(low, best)
        row.update({f"{kind}_low": low, f"{kind}_best": best, f"{kind}_high": high})
    dated = sorted(
        reports,
        key=lambda r: (
            -_DATE_RANK.get(r.get("date_precision") or "unknown", 0),
            _as_date(r.get("event_date")) or dt.date.max,
        ),
    )
    row["event_date"], row["date_precision"] = (
        _clean(dated[0].get("event_date")),
        dated[0].get("date_precision") or "unknown",
    )
    placed = sorted(reports, key=lambda r: -_GEO_RANK.get(r.get("geo_precision") or "unknown", 0))
    for col in _PLACE_COLUMNS:
        row[col] = _clean(placed[0].get(col))
    if not row.get("admin1"):
        row["admin1"] = _pick(reports, "admin1")
    for col in ("attack_type", "target_type", "weapon_type"):
        row[col] = _pick(main, col) or _pick(reports, col)
    row["suicide"] = any(bool(r.get("suicide")) for r in reports)
    claimed = [
        r
        for r in by_recency
        if r.get("perpetrator_claimed") is True and not _na(r.get("perpetrator"))
    ]
    blamed = [r for r in by_recency if not _na(r.get("perpetrator"))]
    chosen: dict[str, Any] | None = (claimed or blamed)[-1] if (claimed or blamed) else None
    row["perpetrator"] = chosen.get("perpetrator") if chosen else None
    row["perpetrator_claimed"] = chosen.get("perpetrator_claimed") if chosen else None
    row["n_reports"] = len({r["doc_id"] for r in reports})
    row["summary"] = (main[0] if main else reports[0]).get("summary")
    return row


class _Pick:
    """`_pick` over reports added in any order: each value's count and the earliest key it
    appears at (a tie goes to the value seen first in `_report_key` order)."""

    __slots__ = ("coded", "seen")

    def __init__(self) -> None:
        self.seen: dict[Any, list[Any]] = {}  # value -> [count, earliest key, the value as given]
        self.coded = False  # a value other than "Unknown"

    def add(self, value: Any, key: tuple[Any, ...]) -> None:
        if _na(value):
            return
        entry = self.seen.get(value)
        if entry is None:
            self.seen[value] = [1, key, value]
        else:
            entry[0] += 1
            if key < entry[1]:
                entry[1], entry[2] = key, value
        self.coded = self.coded or value != "Unknown"

    def value(self) -> Any:
        best: list[Any] | None = None
        for v, entry in self.seen.items():
            if self.coded and v == "Unknown":
                continue
            if best is None or entry[0] > best[0] or (entry[0] == best[0] and entry[1] < best[1]):
                best = entry
        return best[2] if best is not None else None


def _least(current: tuple[Any, ...] | None, order: tuple[Any, ...], item: Any) -> tuple[Any, ...]:
    """(order, item) of the two with the lower order: the current one on a tie."""
    return (order, item) if current is None or order < current[0] else current


def _most(current: tuple[Any, ...] | None, order: tuple[Any, ...], item: Any) -> tuple[Any, ...]:
    """(order, item) of the two with the higher order: the current one on a tie."""
    return (order, item) if current is None or order > current[0] else current


class _Side:
    """What `reconcile_incident` takes from its main reports, kept for one set of reports
    (the main, non-background, ones, or all of them): the earliest, the most recent with a
    best figure, a claim, a perpetrator, and the value most of them give."""

    __slots__ = ("blamed", "claimed", "first", "picks", "recent")

    def __init__(self) -> None:
        self.first: tuple[Any, ...] | None = None
        self.recent: dict[str, tuple[Any, ...] | None] = {"killed": None, "wounded": None}
        self.claimed: tuple[Any, ...] | None = None
        self.blamed: tuple[Any, ...] | None = None
        self.picks = {c: _Pick() for c in ("attack_type", "target_type", "weapon_type")}

    def add(self, rep: dict[str, Any], key: tuple[Any, ...], recency: tuple[Any, ...]) -> None:
        self.first = _least(self.first, key, rep)
        for kind in ("killed", "wounded"):
            if not _na(rep.get(f"{kind}_best")):
                self.recent[kind] = _most(self.recent[kind], recency, rep)
        if not _na(rep.get("perpetrator")):
            self.blamed = _most(self.blamed, recency, rep)
            if rep.get("perpetrator_claimed") is True:
                self.claimed = _most(self.claimed, recency, rep)
        for col, pick in self.picks.items():
            pick.add(rep.get(col), key)


class _Reconciliation:
    """`reconcile_incident` kept up to date as reports are added, in any order: each rule is
    an earliest, a latest, a lowest, a highest or a most common value, kept as it goes, so a
    report joining a large incident costs a constant, not a pass over every report.
    `test_incidents.py` checks it against `reconcile_incident`."""

    __slots__ = ("admin1", "all", "date", "docs", "figures", "geo", "kinds", "main", "suicide")

    def __init__(self) -> None:
        self.main = _Side()  # non-background reports
        self.all = _Side()
        self.kinds: dict[str, dict[str, Any]] = {
            k: {"low": None, "high": None, "last_best": None} for k in ("killed", "wounded")
        }
        self.date: tuple[Any, ...] | None = None
        self.geo: tuple[Any, ...] | None = None
        self.admin1 = _Pick()
        self.suicide = False
        self.docs: set[Any] = set()

    def add(self, rep: dict[str, Any], key: tuple[Any, ...] | None = None) -> None:
        key = _report_key(rep) if key is None else key
        recency = (
            _as_date(rep.get("published_at")) or dt.date.min,
            rep.get("char_start") or 0,
            key,
        )
        self.all.add(rep, key, recency)
        if not rep.get("is_background"):
            self.main.add(rep, key, recency)
        for kind, agg in self.kinds.items():
            low = rep.get(f"{kind}_low")
            if not _na(low):  # `min` keeps the first of equal values
                agg["low"] = _least(agg["low"], (low, key), low)
            for n, p in enumerate(("low", "best", "high")):
                v = rep.get(f"{kind}_{p}")
                if not _na(v):  # `max` keeps the first of equal values, so the earliest wins
                    cur = agg["high"]
                    if cur is None or v > cur[0][0] or (v == cur[0][0] and (key, n) < cur[0][1]):
                        agg["high"] = ((v, (key, n)), v)
            if not _na(rep.get(f"{kind}_best")):
                agg["last_best"] = _most(agg["last_best"], key, rep)
        rank = -_DATE_RANK.get(rep.get("date_precision") or "unknown", 0)
        self.date = _least(
            self.date, (rank, _as_date(rep.get("event_date")) or dt.date.max, key), rep
        )
        self.geo = _least(
            self.geo, (-_GEO_RANK.get(rep.get("geo_precision") or "unknown", 0), key), rep
        )
        self.admin1.add(rep.get("admin1"), key)
        self.suicide = self.suicide or bool(rep.get("suicide"))
        self.docs.add(rep["doc_id"])

    def row(self, base: dict[str, Any]) -> dict[str, Any]:
        """`reconcile_incident(base, reports)` of the reports added."""
        assert self.all.first is not None and self.date is not None and self.geo is not None
        main = self.main if self.main.first is not None else self.all
        row = dict(base)
        for kind, agg in self.kinds.items():
            recent = main.recent[kind] or agg["last_best"]
            best = recent[1][f"{kind}_best"] if recent else None
            low = agg["low"][1] if agg["low"] else None
            high = agg["high"][1] if agg["high"] else None
            if best is not None and low is not None:
                low = min(low, best)
            row.update({f"{kind}_low": low, f"{kind}_best": best, f"{kind}_high": high})
        dated = self.date[1]
        row["event_date"], row["date_precision"] = (
            _clean(dated.get("event_date")),
            dated.get("date_precision") or "unknown",
        )
        placed = self.geo[1]
        for col in _PLACE_COLUMNS:
            row[col] = _clean(placed.get(col))
        if not row.get("admin1"):
            row["admin1"] = self.admin1.value()
        for col in ("attack_type", "target_type", "weapon_type"):
            row[col] = main.picks[col].value() or self.all.picks[col].value()
        row["suicide"] = self.suicide
        chosen_at = main.claimed or main.blamed
        chosen: dict[str, Any] | None = chosen_at[1] if chosen_at else None
        row["perpetrator"] = chosen.get("perpetrator") if chosen else None
        row["perpetrator_claimed"] = chosen.get("perpetrator_claimed") if chosen else None
        row["n_reports"] = len(self.docs)
        row["summary"] = main.first[1].get("summary")  # type: ignore[index]
        return row
