"""The mentions stage: what each sentence names, before anything is decided about events.

Figures (`transforms.casualties`), dates (`transforms.dates`), places (`transforms.places`) and
the cues the events stage reads: an act of violence by people or a word of attack
(`ATTACK_CUE`), a natural or accidental cause of death (`CAUSE_CUE`) and a toll counted over a
period or a region (`SCOPE_CUE`). Group names are looked up where an event needs them (the
attributes stage), as most sentences of a long article belong to no event.
"""

from __future__ import annotations

from collections.abc import Callable

from transforms.attack_acts import attack_act, natural_cause
from transforms.casualties import find_figures
from transforms.cues import ACCIDENT, AGGREGATE, ATTACK_WORDS, KIDNAP_EVENT, has_cue
from transforms.dates import find_dates, numeric_date_order, years_named
from transforms.doc import ATTACK_CUE, CAUSE_CUE, DATE, FIGURE, PLACE, SCOPE_CUE, Doc, Mention
from transforms.places import Gazetteer, find_places
from transforms.text import Sentence

__all__ = ["could_state_an_event", "is_headline", "mentions"]


def is_headline(s: Sentence, doc: Doc | None = None) -> bool:
    """The document's first line when it reads as a title (no closing mark, short).

    Rule REPEATED_HEADLINE: a page often gives its title twice (the title, then the same line
    again as the first of the body), or a feed gives the title as `title` and the body
    repeats it: with `doc`, one of the first three lines that repeats the title or the
    first line is a headline too."""
    if s.index == 0:
        return not s.text.endswith(_CLOSING) and len(s.text) < 160
    if doc is None or s.index > 2 or s.text.endswith(_CLOSING) or len(s.text) >= 160:
        return False
    line = " ".join(s.text.split()).casefold()
    title = " ".join((doc.source.title or "").split()).casefold()
    first = doc.sentences[0]
    return line == title or (is_headline(first) and line == " ".join(first.text.split()).casefold())


_CLOSING = (".", "!", "?", '"', "'", "”", "’", ")")


def mentions(doc: Doc, gaz: Gazetteer, check: Callable[[], None]) -> Doc:
    """Every figure, date, place and cue of every sentence, as `Mention`s in sentence order.

    Figures and cues are found first, in every sentence. Dates and places only matter to a
    document that can state an event: one with a victim figure, an act of violence or a
    kidnapping (the only ways the events stage opens one, `could_state_an_event`). A document
    with none of them (most of a news feed) gets no date or place mentions, which changes no
    row: no event, no attributes."""
    per_sentence: list[list[Mention]] = []
    for s in doc.sentences:
        check()
        text, i = s.text, s.index
        found: list[Mention] = []
        if has_cue(ACCIDENT, text):
            found.append(Mention(CAUSE_CUE, i, 0, len(text), "accident"))
        figures = find_figures(text)
        found.extend(Mention(FIGURE, i, f.start, f.end, f) for f in figures)
        if figures and has_cue(AGGREGATE, text):
            found.append(Mention(SCOPE_CUE, i, 0, len(text), "aggregate"))
        if natural_cause(text):
            found.append(Mention(CAUSE_CUE, i, 0, len(text), "natural"))
        act = not is_headline(s, doc) and attack_act(text)
        if act:
            found.append(Mention(ATTACK_CUE, i, 0, len(text), "act"))
        # A word of attack only counts where no act is stated (the events stage looks for
        # one itself in an act it sets aside, as in an accident's paragraph).
        elif m := ATTACK_WORDS.pattern.search(text):
            found.append(Mention(ATTACK_CUE, i, m.start(), m.end(), "attack_word"))
        per_sentence.append(found)
    if not could_state_an_event(doc, per_sentence):
        return doc.with_(mentions=tuple(m for found in per_sentence for m in found))
    out: list[Mention] = []
    context_year: int | None = None
    headlines_only = True  # every line so far is a headline
    anchor = doc.source.published_at
    order = numeric_date_order("\n".join(s.text for s in doc.sentences))
    for s, found in zip(doc.sentences, per_sentence, strict=True):
        check()
        text, i = s.text, s.index
        out.extend(Mention(DATE, i, d.start, d.end, d) for d in find_dates(text, anchor, context_year, order, doc.language))  # fmt: skip
        years = years_named(text, doc.language)
        if years:
            context_year = years[-1]
        out.extend(found)
        # A dateline opens the body: the first line, or the first after the headlines.
        at_start = i == 0 or headlines_only
        headlines_only = headlines_only and is_headline(s, doc)
        out.extend(Mention(PLACE, i, p.start, p.end, p) for p in find_places(text, gaz, at_document_start=at_start))  # fmt: skip
    return doc.with_(mentions=tuple(out))


def could_state_an_event(doc: Doc, per_sentence: list[list[Mention]]) -> bool:
    """Whether any sentence has what the events stage opens an event on: a victim figure, an
    act of violence by people, or a kidnapping (`transforms.events`). Without one, the
    document states no event whatever its dates and places."""
    for s, found in zip(doc.sentences, per_sentence, strict=True):
        for m in found:
            if (m.kind == FIGURE and m.value.role == "victims") or (
                m.kind == ATTACK_CUE and m.value == "act"
            ):
                return True
        if has_cue(KIDNAP_EVENT, s.text):
            return True
    return False
