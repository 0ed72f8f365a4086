"""The group list built from the curated rows and the Wikidata source (scripts/build_groups.py)."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("build_groups", ROOT / "scripts" / "build_groups.py")
assert _spec is not None and _spec.loader is not None
build_groups = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_groups)

PLACES = frozenset({"nigeria", "iraq", "sudan"})


@pytest.mark.parametrize(
    "alias",
    ["Lakurawa", "Kahane Chai", "Ansar Bait al-Maqdis", "ASMLA", "Khalid ibn al-Walid Army"],
)
def test_names_that_can_be_matched(alias):
    assert build_groups.usable(alias, PLACES)


@pytest.mark.parametrize(
    "alias",
    [
        "Black Star",  # every word is everyday
        "Islamic Party",
        "NCR",  # a three-letter acronym names other things in the news
        "East Asia Province",  # a region and a word
        "(Yemen)",  # a qualifier, not a name
        "Nigeria Front",  # a country and a word
        "جيش العدل",  # not Latin script
        "Wagner",  # a composer as much as a company of mercenaries
    ],
)
def test_names_that_cannot(alias):
    assert not build_groups.usable(alias, PLACES)


def _curated() -> list[dict[str, str]]:
    return [
        {"canonical": "Ansar Example (Mozambique)", "aliases": "Ansar al-Sunna|ASX",
         "parent": "", "region": ""},
        {"canonical": "Kurdish Hawks (KH)", "aliases": "Kurdish Hawks|KH", "parent": "",
         "region": ""},
    ]  # fmt: skip


def test_one_shared_alias_does_not_make_two_groups_one():
    source = [
        {"qid": "Q1", "label": "Assembly of the Helpers of Sunnah", "aliases": "Ansar al-Sunna"}
    ]
    rows = build_groups.build(_curated(), source)
    new = [r for r in rows if r["origin"] == "wikidata"]
    assert [r["canonical"] for r in new] == ["Assembly of the Helpers of Sunnah"]
    assert new[0]["wikidata_aliases"] == ""  # the shared alias stays with the curated group


def test_two_shared_names_extend_the_curated_group():
    source = [
        {
            "qid": "Q2",
            "label": "Kurdish Falcons",
            "aliases": "Kurdish Hawks|KH|Falcons of Kurdistan",
        }
    ]
    rows = build_groups.build(_curated(), source)
    hawks = next(r for r in rows if r["canonical"] == "Kurdish Hawks (KH)")
    assert hawks["wikidata"] == "Q2"
    assert hawks["wikidata_aliases"].split("|") == ["Kurdish Falcons", "Falcons of Kurdistan"]
    assert all(r["origin"] == "curated" for r in rows)


def test_provinces_and_branches_get_their_parent():
    source = [
        {"qid": "Q3", "label": "Islamic State – Caucasus Province", "aliases": ""},
        {"qid": "Q4", "label": "Al-Qaeda in Turkey", "aliases": ""},
        {"qid": "Q5", "label": "Tulkarm Brigade", "aliases": ""},
    ]
    parents = {r["canonical"]: r["parent"] for r in build_groups.build([], source)}
    assert parents == {
        "Islamic State – Caucasus Province": build_groups.ISIL,
        "Al-Qaeda in Turkey": build_groups.AL_QAIDA,
        "Tulkarm Brigade": "",
    }


def test_the_committed_list_is_what_the_source_gives():
    curated = [
        r for r in build_groups._read(ROOT / "seeds" / "groups.csv") if r["origin"] == "curated"
    ]
    text = build_groups.render(build_groups.build(curated, build_groups._read(build_groups.SOURCE)))
    assert text == (ROOT / "seeds" / "groups.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("Lakurawa fighters attacked herders near the border.", "Lakurawa"),
        ("The Tulkarm Brigade claimed the shooting at the checkpoint.", "Tulkarm Brigade"),
        ("Police blamed the Kahane Chai movement for the arson.", "Kahane Chai"),
    ],
)
def test_groups_from_the_wikidata_list_are_found(ref, text, canonical):
    assert [g.canonical for g in ref.groups.find(text)] == [canonical]
