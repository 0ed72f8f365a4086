"""The lexicon: a language's words as data (seeds/lexicon/<language>/), the fallback to English,
and the prefilters and patterns compiled from the entries."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from transforms import attack_acts, cues, taxonomy
from transforms.doc import DocumentInput
from transforms.lexicon import FALLBACK, fill, language_of, lexicon, literal_stems, slots
from transforms.pipeline import Pipeline

LEXICON = Path(__file__).resolve().parents[2] / "seeds" / "lexicon"


# --- choosing a language ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "language"),
    [("en", "en"), ("en-GB", "en"), ("EN_us", "en"), (None, "en"), ("", "en"), ("xx", "en")],
)
def test_language_of_falls_back_to_english(code, language):
    assert FALLBACK == "en"
    assert language_of(code) == language


def test_a_document_in_a_language_without_a_lexicon_is_read_in_the_fallback(ref):
    doc = Pipeline(ref)(DocumentInput("d", "A bomb killed 7 people in Kabul.", language="xx"))
    assert (doc.source.language, doc.language) == ("xx", "en")
    assert [r["killed_best"] for r in doc.rows] == [7]


def test_a_lexicon_is_built_once_per_language():
    assert lexicon("en") is lexicon("en")
    assert lexicon("en").table("months") is lexicon("en").table("months")


def test_a_missing_word_class_says_which_file_to_add():
    with pytest.raises(FileNotFoundError, match=r"seeds/lexicon/en/nonesuch\.csv"):
        lexicon("en").table("nonesuch")


# --- the files --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(LEXICON.glob("*/*.csv")), ids=lambda p: p.name)
def test_every_word_class_says_what_it_is_for_and_compiles(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# ") and len(lines[0]) > 20
    rows = lexicon(path.parent.name).table(path.stem)
    assert rows, f"{path.name} has no entries"
    if "pattern" in rows[0]:
        for row in rows:
            re.compile(row["pattern"].replace("{", "(?:").replace("}", ")"))


# --- compiling the entries --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("patterns", "stems"),
    [
        (["bombs?", "gunm[ae]n"], ("bomb", "gunm")),
        (["(?:suicide )?bombers?"], ("bomber",)),
        (["(?:heavy|monsoon) rains?"], ("heavy rain", "monsoon rain")),
        (["heat ?waves?", "covid(?:-19)?"], ("heat", "covid")),
        ([r"\bno evidence[^.]{0,60}deliberate"], ("no evidence",)),
        (["said", "says", "say"], ("said", "say")),  # "says" adds nothing beside "say"
        ([r"\[file\s*:", r"\(file\)", r"u\.n\.?"], ("[file", "(file)", "u.n")),  # escaped
    ],
)
def test_literal_stems(patterns, stems):
    assert literal_stems(patterns) == stems


def test_literal_stems_refuse_a_pattern_without_literal_start():
    with pytest.raises(ValueError, match="starts with no literal text"):
        literal_stems([r"[A-Z]\w+"])


def test_fill_expands_slots_that_name_slots_and_leaves_quantifiers():
    entries = {"verb": ["shot", "killed"], "whom": ["him", r"{n}\s+men"], "n": ["two", r"\d+"]}
    pattern = fill(r"\b{verb}\s+{whom}\b[^.]{0,10}", entries)
    assert pattern == r"\b(?:shot|killed)\s+(?:him|(?:two|\d+)\s+men)\b[^.]{0,10}"


def test_new_event_openings_name_the_months_of_the_lexicon():
    assert cues.NEW_EVENT.match("In March, gunmen attacked a bus.")
    assert cues.NEW_EVENT.match("On September 3 a bomb went off.")
    assert not cues.NEW_EVENT.match("in March, gunmen attacked a bus.")  # case-sensitive


# --- derived prefilters admit every match -----------------------------------------------------

SENTENCES = [
    "Gas leak blamed as an industrial blast killed four workers; police found no evidence it was deliberate.",
    "Those killed in Friday's bombing were buried on Saturday, and the death toll rose.",
    "Gunmen abducted three aid workers; two nurses were taken hostage.",
    "Heavy rains and a mine collapse killed 12 people; a shark attack killed one.",
    "Officials said the attack was over, according to the health ministry, said a police spokesman.",
    "Commandos stormed the hotel and shot two gunmen; one was shot dead by police officers.",
    "A man dressed as a policeman, posing as a guard, in a police uniform, died in a gun battle with troops.",
]


@pytest.mark.parametrize(
    ("name", "pattern", "words"),
    [
        ("accident", cues.ACCIDENT.pattern, cues.ACCIDENT.words),
        ("anaphor", cues.ANAPHOR.pattern, cues.ANAPHOR.words),
        ("kidnap", cues.KIDNAP_EVENT.pattern, cues.KIDNAP_EVENT.words),
        ("natural", attack_acts._NATURAL_CAUSE, attack_acts._NATURAL_WORDS),
        ("speaker", taxonomy._SPEAKER, taxonomy._SPEECH_WORDS),
        ("responder", taxonomy._RESPONDER, taxonomy._RESPONDER_WORDS),
    ],
)
def test_a_derived_prefilter_admits_every_match(name, pattern, words):
    matched = 0
    for sentence in SENTENCES:
        for text in (sentence, sentence.upper()):
            for m in pattern.finditer(text):
                matched += 1
                assert any(w in m.group(0).lower() for w in words), (name, m.group(0))
    assert matched, f"no example sentence exercises {name}"


def test_the_speech_words_come_from_one_class():
    speech = slots(FALLBACK, "speech")
    assert {"speaker", "verb", "according", "said", "statement"} <= set(speech)
