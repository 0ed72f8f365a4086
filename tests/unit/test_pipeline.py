"""Each extraction stage on its own, on a hand-built `Doc`: what it reads and what it writes.

Grouped by stage; every test builds the layers the stage reads by hand (sentences written
here, mentions given as values) and asserts only the layer the stage adds.
"""

from __future__ import annotations

import datetime as dt

import pytest

from transforms.attributes import attributes, rows
from transforms.casualties import Figure
from transforms.confidence import confidence
from transforms.doc import (
    ATTACK_CUE,
    CAUSE_CUE,
    DATE,
    FIGURE,
    PLACE,
    SCOPE_CUE,
    Attributes,
    Doc,
    DocumentInput,
    Incident,
    Mention,
    Sentence,
    SentenceInfo,
)
from transforms.events import events
from transforms.mentions import mentions
from transforms.pipeline import STAGES, Pipeline, sentences

PUB = dt.date(2021, 3, 6)


def hand_doc(*paragraphs: list[str], title: str | None = None) -> Doc:
    """A Doc whose sentences are the given ones (one list per paragraph), joined by spaces
    within a paragraph and blank lines between paragraphs, with exact offsets."""
    text, found = "", []
    for p, para in enumerate(paragraphs):
        if text:
            text += "\n\n"
        for k, s in enumerate(para):
            if k:
                text += " "
            found.append(Sentence(len(found), len(text), len(text) + len(s), s, p))
            text += s
    return Doc(DocumentInput("d", text, PUB, title), "en", sentences=tuple(found))


def killed(n: int, sentence: str, role: str = "victims") -> Figure:
    at = sentence.index(str(n))
    return Figure("killed", n, n, None, at, at + len(str(n)), role)


# --- the order of the stages ---------------------------------------------------------------


def test_stages_run_in_the_declared_order(ref):
    assert [name for name, _ in STAGES] == ["sentences", "mentions", "events", "attributes", "rows"]
    assert Pipeline(ref).names == [name for name, _ in STAGES]


def test_an_unknown_stage_cannot_be_replaced(ref):
    with pytest.raises(ValueError, match="no stage named tagger"):
        Pipeline(ref, replace={"tagger": lambda doc: doc})


def test_a_stage_can_be_replaced_by_one_with_the_same_input_and_output(ref):
    """The seam: a stand-in for the mentions stage (here a fixed answer, as a trained model
    would give) feeds the rule stages after it unchanged."""
    text = "A bomb killed 7 people on Friday."

    def fixed_mentions(doc: Doc) -> Doc:
        return doc.with_(mentions=(Mention(FIGURE, 0, 14, 15, killed(7, text)),))

    doc = Pipeline(ref, replace={"mentions": fixed_mentions})(DocumentInput("d", text, PUB))
    # No date mention: the story's own incident is of its publication month.
    assert [(r["killed_best"], r["event_date"], r["country"]) for r in doc.rows] == [
        (7, PUB.replace(day=1), None)
    ]


def test_a_document_without_sentences_stops_after_the_first_stage(ref):
    doc = Pipeline(ref)(DocumentInput("d", "   \n  "))
    assert (doc.sentences, doc.mentions, doc.rows) == ((), (), ())


# --- sentences ------------------------------------------------------------------------------


def test_sentences_stage_writes_offsets_and_paragraphs():
    text = "Gunmen attacked a bus. Two people died.\n\nPolice said the road was closed."
    doc = sentences(Doc(DocumentInput("d", text), "en"))
    assert [(s.text, s.paragraph) for s in doc.sentences] == [
        ("Gunmen attacked a bus.", 0),
        ("Two people died.", 0),
        ("Police said the road was closed.", 1),
    ]
    assert all(text[s.start : s.end] == s.text for s in doc.sentences)


# --- mentions -------------------------------------------------------------------------------


def test_mentions_stage_writes_figures_dates_places_and_cues(ref):
    doc = hand_doc(["Gunmen attacked a market in Kabul on Friday, killing 12 people."])
    doc = mentions(doc, ref.gazetteer, lambda: None)
    kinds = {(m.kind, m.value if isinstance(m.value, str) else type(m.value).__name__) for m in doc.mentions}  # fmt: skip
    assert kinds >= {
        (FIGURE, "Figure"), (DATE, "DateMention"), (PLACE, "PlaceMention"), (ATTACK_CUE, "act"),
    }  # fmt: skip
    date = next(m.value for m in doc.mentions if m.kind == DATE)
    assert (date.date, date.precision) == (dt.date(2021, 3, 5), "day")
    place = next(m.value for m in doc.mentions if m.kind == PLACE)
    assert place.text == "Kabul"
    assert doc.sentences == hand_doc(["Gunmen attacked a market in Kabul on Friday, killing 12 people."]).sentences  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("Flash floods killed 22 people in the north.", (CAUSE_CUE, "natural")),
        ("The blast was caused by a gas leak, killing three workers.", (CAUSE_CUE, "accident")),
        ("The insurgency has killed thousands of people since 2009.", (SCOPE_CUE, "aggregate")),
    ],
)
def test_mentions_stage_marks_tolls_that_are_no_attack(ref, sentence, cue):
    doc = mentions(hand_doc([sentence]), ref.gazetteer, lambda: None)
    assert cue in {(m.kind, m.value) for m in doc.mentions}


def test_mentions_stage_reads_no_act_in_a_headline(ref):
    doc = mentions(hand_doc(["Gunmen attacked a bus in Kabul"]), ref.gazetteer, lambda: None)
    assert (ATTACK_CUE, "act") not in {(m.kind, m.value) for m in doc.mentions}


@pytest.mark.parametrize(
    "paragraph",
    [
        ["The council met in Kabul on Friday to discuss the budget.", "It approved a new park."],
        ["Shares fell 3 percent in Lagos on Monday.", "Traders blamed higher fuel prices."],
        ["The festival opened in Madrid on 4 May.", "Thousands of people attended it."],
    ],
)
def test_mentions_stage_skips_dates_and_places_where_no_event_can_open(ref, paragraph):
    doc = mentions(hand_doc(paragraph), ref.gazetteer, lambda: None)
    assert not any(m.kind in (DATE, PLACE) for m in doc.mentions)
    assert events(doc).events == ()


@pytest.mark.parametrize(
    "paragraph",
    [
        ["The council met in Kabul on Friday.", "Later a bomb killed two guards at the gate."],
        ["Gunmen set fire to a school in Maiduguri on Monday."],
        ["The market in Lagos was busy on Monday.", "Gunmen abducted 12 traders there."],
    ],
)
def test_mentions_stage_finds_dates_and_places_where_an_event_can_open(ref, paragraph):
    doc = mentions(hand_doc(paragraph), ref.gazetteer, lambda: None)
    kinds = {m.kind for m in doc.mentions}
    assert {DATE, PLACE} <= kinds
    assert len(events(doc).events) == 1


# --- events ---------------------------------------------------------------------------------


def test_events_stage_opens_an_event_on_a_victim_figure_with_an_attack_cue():
    a = "A bomb killed 9 people at a bus station."
    b = "The weather was mild."
    doc = hand_doc([a], [b]).with_(mentions=(Mention(FIGURE, 0, 14, 15, killed(9, a)),))
    doc = events(doc)
    assert [r.is_event for r in doc.readings] == [True, False]
    assert [[s.text for s in e.sentences] for e in doc.events] == [[a]]
    assert doc.events[0].figures == [killed(9, a)]


def test_events_stage_opens_nothing_on_a_toll_counted_over_years():
    a = "The bombing campaign killed 9 people over the past decade."
    doc = hand_doc([a]).with_(
        mentions=(
            Mention(FIGURE, 0, 28, 29, killed(9, a)),
            Mention(SCOPE_CUE, 0, 0, len(a), "aggregate"),
        )
    )
    doc = events(doc)
    assert doc.events == ()
    assert doc.readings[0].figures == []


def test_events_stage_opens_nothing_on_a_natural_cause():
    a = "A storm killed 9 people on the coast."
    doc = hand_doc([a]).with_(
        mentions=(
            Mention(FIGURE, 0, 15, 16, killed(9, a)),
            Mention(CAUSE_CUE, 0, 0, len(a), "natural"),
        )
    )
    assert events(doc).events == ()


def test_events_stage_keeps_one_incident_for_the_sentences_that_tell_it():
    a = "A bomb killed 9 people at a bus station."
    b = "Police said the attackers fled."
    doc = hand_doc([a, b]).with_(mentions=(Mention(FIGURE, 0, 14, 15, killed(9, a)),))
    (event,) = events(doc).events
    assert ([s.text for s in event.sentences], [s.text for s in event.context]) == ([a], [b])


def test_events_stage_opens_an_event_on_an_act_without_a_toll():
    a = "Gunmen stormed a school and set it on fire."
    doc = hand_doc([a]).with_(mentions=(Mention(ATTACK_CUE, 0, 0, len(a), "act"),))
    doc = events(doc)
    assert (doc.readings[0].is_event, doc.readings[0].act_only) == (True, True)
    assert len(doc.events) == 1


# --- attributes and rows ------------------------------------------------------------------


def _one_event(*texts: str) -> Doc:
    doc = hand_doc(list(texts))
    figure = killed(9, texts[0])
    info = [SentenceInfo([figure], [], [], True, False)] + [
        SentenceInfo([], [], [], False, False) for _ in texts[1:]
    ]
    event = Incident([doc.sentences[0]], list(doc.sentences[1:]), [figure])
    return doc.with_(readings=tuple(info), events=(event,))


def test_attributes_stage_describes_each_event(ref):
    doc = attributes(_one_event("A car bomb killed 9 people at a bus station."), ref, lambda: None)
    (a,) = doc.attributes
    assert a is not None
    assert (a.attack_type, a.weapon_type, a.killed, a.char_start) == (
        "Bombing/Explosion", "Explosives", (9, 9, None), 0,
    )  # fmt: skip


def test_attributes_stage_credits_a_claim_that_follows(ref):
    doc = _one_event(
        "A car bomb killed 9 people at a bus station.", "Al-Shabaab claimed the attack."
    )
    (a,) = attributes(doc, ref, lambda: None).attributes
    assert a is not None
    assert (a.perpetrator, a.perpetrator_claimed) == ("Al-Shabaab", True)


def test_rows_stage_lays_attributes_out_as_report_rows():
    doc = _one_event("A car bomb killed 9 people at a bus station.")
    a = Attributes(
        False, PUB, "day", {"country": "Kenya"}, "Bombing/Explosion", None, "Explosives", False,
        None, None, (9, 9, None), (None, None, None), 0, 10,
    )  # fmt: skip
    (row,) = rows(doc.with_(attributes=(a,))).rows
    assert row["report_id"].startswith("r_") and row["doc_id"] == "d"
    assert (row["evidence"], row["killed_best"], row["country"]) == ("A car bomb", 9, "Kenya")
    assert row["confidence"] == confidence({k: v for k, v in row.items() if k != "confidence"}, 1)


def test_rows_stage_leaves_out_events_without_attributes():
    doc = _one_event("A car bomb killed 9 people at a bus station.")
    assert rows(doc.with_(attributes=(None,))).rows == ()
