#!/usr/bin/env python3
"""Rebuild seeds/groups.csv: the curated groups plus the groups and aliases of a Wikidata list.

    uv run python scripts/build_groups.py [--source CSV] [--check]

Source: seeds/sources/wikidata_terrorist_organizations.csv, Wikidata items (CC0 1.0) that are an
instance of terrorist organization (Q17127659) or terrorist group (Q4456236), with their English
label and English aliases. It was exported with this query on the Wikidata Query Service:

    SELECT ?item ?itemLabel (GROUP_CONCAT(DISTINCT ?alias; separator="|") AS ?aliases) WHERE {
      VALUES ?class { wd:Q17127659 wd:Q4456236 }
      ?item wdt:P31 ?class ; rdfs:label ?itemLabel . FILTER(LANG(?itemLabel) = "en")
      OPTIONAL { ?item skos:altLabel ?alias . FILTER(LANG(?alias) = "en") }
    } GROUP BY ?item ?itemLabel

Rules, in order:
- Curated rows (`origin` curated) are kept as written; they are the project's own list.
- An alias is usable only when it can name one group in news text (`usable`): Latin script, four
  characters or more (three-letter acronyms such as NCR or CDS are other things in the news),
  not a description, and either a formal name of four words or more or with at least one word
  that is not everyday or geographic ("Black Star", "Patriotic Union", "Islamic Party" are not
  names one can match).
- A Wikidata item whose label or a usable alias is already a curated group's name adds its other
  usable aliases to that group (`wikidata_aliases`); otherwise it becomes a new row
  (`origin` wikidata) named by its label. An alias another group already has stays with it.
- A new row's parent: "Islamic State ..." provinces belong to the Islamic State, "al-Qaeda in
  ..." branches to al-Qaeda.
With --check, exit 1 when seeds/groups.csv differs from what the source gives (CI-friendly).
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SOURCE = SEEDS / "sources" / "wikidata_terrorist_organizations.csv"
HEADER = (
    "# source: curated rows (origin curated) follow the Global Terrorism Database group names and "
    "the US State Department / UN sanctions lists, aliases compiled for this project from those "
    "lists and common news usage; rows and wikidata_aliases of origin wikidata come from Wikidata "
    "(CC0 1.0) via scripts/build_groups.py from seeds/sources/wikidata_terrorist_organizations.csv; "
    "licence: CC BY 4.0"
)
COLUMNS = ["canonical", "aliases", "parent", "region", "origin", "wikidata", "wikidata_aliases"]
ISIL = "Islamic State of Iraq and the Levant (ISIL)"
AL_QAIDA = "Al-Qaida"


def _words(text: str, sep: str | None = None) -> frozenset[str]:
    """A word list written as one string, split on `sep` (whitespace by default)."""
    return frozenset(w.strip() for w in text.split(sep))


# Words that name no group on their own: everyday words of group names and of news.
EVERYDAY = _words(
    """a an the of and for in on at to with by de la le les el al del da di du
    army armed front movement party union group groups organization organisation council
    brigade brigades battalion battalions division legion forces force league society
    committee committees cell cells network movement faction alliance association people
    peoples people's national popular revolutionary revolution liberation resistance
    islamic islam muslim muslims jihad holy war struggle freedom defence defense democratic
    communist socialist nationalist nationalists republic republican red black white green
    star path order new free secret global project kingdom state states province wilayah
    east west north south northern southern eastern western central base foundation
    crusaders crisis boxers patriotic vanguard youth students workers action unit units
    command commandos commando guard guards coalition congregation opposition left right
    terrorist terrorists terrorism violent far international world martyrs soldiers
    supporters helpers partisans fighters militia militias caliphate revolt civilian
    asia africa african europe european america american middle gulf levant sahel maghreb
    caucasus balkans arabia arab peninsula greater land lands sea"""
)
# Aliases that name something else in the news, or are not names (checked by hand).
REJECT = _words(
    """FEAR|IS-EAP|Soldiers of the Caliphate|Islamic State- East Asia Province|Wilāyat Šārq Āsiyā|Wagner|Lautaro|The Beatles|Álvaro Uribe Vélez|Farc|Misr|Somal|Liga|Klan|Aleph|Crisol|
    Kurdistan Democratic Party|Hamburg cell|Sicarii (terrorist group)|Peter group|Orly group|
    Black September|Black June|Ahwaz Monitor|Ahwazna|Ahwazna Forening|Karachay Jamaat|
    Dur Untash Center for Strategic Studies|Gulf-European Centre for Human Rights|
    Arabic-European Foundation for International Relations|
    Ahwazian Pen Foundation for Culture and Media|Ahwaziska Kulturförningen-AKF|
    European-Ahwazi Organization for the Defense of Human Rights|
    Ahwazi Organization for the Defense of Human Rights|Cult of Rajavi|Rajavi Cult""",
    "|",
)


def fold(text: str) -> str:
    """Case, accents, dashes and apostrophes folded, spaces collapsed: the matching key."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[‐-―—–]", "-", text).replace("’", "'").replace("ʾ", "'")
    return re.sub(r"\s+", " ", text).strip().casefold()


def _place_words() -> frozenset[str]:
    words: set[str] = set()
    for name, col in (("countries.csv", "name"), ("country_aliases.csv", "alias"),
                      ("demonyms.csv", "demonym")):  # fmt: skip
        for row in _read(SEEDS / name):
            words.update(fold(row[col]).split())
    return frozenset(words)


def usable(alias: str, place_words: frozenset[str]) -> bool:
    """True when `alias` can name one group in news text (rules in the module docstring)."""
    alias = alias.strip()
    if alias in REJECT or len(alias) < 4 or alias.startswith("("):
        return False
    if not all(unicodedata.name(c, "").startswith(("LATIN", "DIGIT", "SPACE", "HYPHEN",
               "APOSTROPHE", "FULL STOP", "AMPERSAND", "SOLIDUS", "LEFT PAREN", "RIGHT PAREN",
               "EN DASH", "EM DASH", "RIGHT SINGLE", "COLON", "COMMA", "MODIFIER LETTER"))
               for c in alias):  # fmt: skip
        return False
    words = re.findall(r"[\w']+", fold(alias))
    if alias.isupper() and len(words) == 1:
        return len(alias) >= 4 and alias.isalpha()
    if len(words) >= 4 and alias[0].isupper():
        return True  # a formal name of four words or more ("Islamic State – Caucasus Province")
    rare = [w for w in words if w not in EVERYDAY and w not in place_words and len(w) > 2]
    return bool(rare) and (len(words) > 1 or len(words[0]) >= 6)


def _read(path: Path) -> list[dict[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return list(csv.DictReader(io.StringIO("\n".join(lines[1:]))))


def _parent(label: str) -> str:
    if re.match(r"islamic state\b", fold(label)) and fold(label) != "islamic state":
        return ISIL
    if re.match(r"al[- ]qa'?[ei]da in\b", fold(label)):
        return AL_QAIDA
    return ""


def _known(item: dict[str, str], owner: dict[str, dict[str, str]]) -> dict[str, str] | None:
    """The row an item already is: its label is that row's name, or two of its names (short
    acronyms included) are. One shared alias is not enough: Wikidata's "Ansar al-Sunna" of Iraq
    is not the Mozambican group that news also calls Ansar al-Sunna."""
    if fold(item["label"]) in owner:
        return owner[fold(item["label"])]
    hits = [owner[fold(a)] for a in item["aliases"].split("|") if a.strip() and fold(a) in owner]
    for row in hits:
        if sum(h is row for h in hits) >= 2:
            return row
    return None


def build(curated: list[dict[str, str]], source: list[dict[str, str]]) -> list[dict[str, str]]:
    """The groups table: curated rows, with Wikidata aliases added, then new Wikidata rows."""
    place_words = _place_words()
    rows = [{**{c: r.get(c) or "" for c in COLUMNS}, "origin": "curated", "wikidata": "",
             "wikidata_aliases": ""} for r in curated]  # fmt: skip
    owner: dict[str, dict[str, str]] = {}
    for r in rows:
        for name in [r["canonical"], *r["aliases"].split("|")]:
            if name.strip():
                owner.setdefault(fold(name), r)
    for item in source:
        names = [item["label"], *[a for a in item["aliases"].split("|") if a.strip()]]
        names = [n for n in names if n == item["label"] or usable(n, place_words)]
        if not usable(item["label"], place_words) and len(names) == 1:
            continue
        row = _known(item, owner)
        if row is None:
            if not usable(item["label"], place_words):
                continue
            row = {"canonical": item["label"], "aliases": "", "parent": _parent(item["label"]),
                   "region": "", "origin": "wikidata", "wikidata": item["qid"],
                   "wikidata_aliases": ""}  # fmt: skip
            rows.append(row)
            owner[fold(item["label"])] = row
        elif not row["wikidata"]:
            row["wikidata"] = item["qid"]
        added = [a for a in row["wikidata_aliases"].split("|") if a]
        for n in names:
            if fold(n) not in owner and usable(n, place_words):
                owner[fold(n)] = row
                added.append(n)
        row["wikidata_aliases"] = "|".join(added)
    return rows


def render(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    out.write(HEADER + "\n")
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    target = SEEDS / "groups.csv"
    curated = [r for r in _read(target) if (r.get("origin") or "curated") == "curated"]
    text = render(build(curated, _read(args.source)))
    if args.check:
        same = target.read_text(encoding="utf-8") == text
        print("seeds/groups.csv is up to date" if same else "seeds/groups.csv is out of date")
        return 0 if same else 1
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
