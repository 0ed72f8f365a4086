"""Cue phrases the events and attributes stages read: what opens, continues or recalls an event.

The phrases are data: seeds/lexicon/<language>/cue_*.csv, one file per cue, each entry in a
slot of the cue's template here (the template holds only the structure: word boundaries, the
order of the slots). Each `Cue` is a pattern and, where one pays, a prefilter derived from the
entries: words one of which every match contains, so that most sentences are turned away by a
substring test before the pattern runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.doc import Sentence, SentenceInfo
from transforms.lexicon import FALLBACK, fill, literal_stems, slots


@dataclass(frozen=True)
class Cue:
    """A cue phrase: `pattern`, and `words` (lower case) one of which every match contains."""

    pattern: re.Pattern[str]
    words: tuple[str, ...] = ()

    def search(self, text: str) -> re.Match[str] | None:
        """The first match in `text`, or None (the prefilter first, when the cue has one)."""
        if self.words:
            lower = text.lower()
            if not any(w in lower for w in self.words):
                return None
        return self.pattern.search(text)

    def match(self, text: str) -> re.Match[str] | None:
        """A match at the start of `text`, or None."""
        return self.pattern.match(text)


def has_cue(cue: Cue, text: str) -> bool:
    """Whether `text` contains the cue."""
    return cue.search(text) is not None


def _cue(word_class: str, template: str, flags: int = re.I, prefilter: tuple[str, ...] = (),
         language: str = FALLBACK) -> Cue:  # fmt: skip
    """A cue compiled from the lexicon; its prefilter, when it has one, is derived from the
    entries of the slots named (`literal_stems`): one of them is in every match."""
    entries = slots(language, word_class)
    words = literal_stems([p for name in prefilter for p in entries[name]]) if prefilter else ()
    return Cue(re.compile(fill(template, entries), flags), words)


# The cues, compiled once from the fallback (English) lexicon: the events and attributes stages
# read them for every document (a document's own language is not yet threaded through them).
EVENT_CUE = _cue("cue_event", r"\b{word}")
KIDNAP_EVENT = _cue(
    "cue_kidnap",
    r"\b{be} {taken}\b|\b{verb}\s+(?:\w+\s+){0,2}{victims}\b|"
    r"\b{hold}\s+(?:\w+\s+){0,3}{victims}\s+hostages?\b",
    prefilter=("taken", "verb", "hold"),
)  # fmt: skip
AGGREGATE = _cue("cue_aggregate", r"{scope}")
ACCIDENT = _cue("cue_accident", r"\b{word}\b", prefilter=("word",))
CAPTION = _cue("cue_caption", r"\b{word}|{file}", prefilter=("word", "file"))
FILE_PHOTO = _cue("cue_caption", r"{file}", prefilter=("file",))
NEW_EVENT = _cue("cue_new_event", r"^{opening}", flags=0)
RECALL = _cue("cue_recall", r"\b{phrase}")
ANAPHOR = _cue(
    "cue_anaphor", r"(?:\b{determiner}|{possessive}) {noun}\b|\b{phrase}\b",
    prefilter=("noun", "phrase"),
)  # fmt: skip
ANOTHER = _cue("cue_another", r"\b{preposition} {article}?{marker} {noun}s?\b|\b{adverb}\b")
BATTLE = _cue("cue_battle", r"\b{word}\b")
ATTACK_WORDS = _cue("cue_attack_word", r"\b{word}\b")

# "The bombing came a week after gunmen stormed ...", "the deadliest since May 2017, when a
# truck bomb ...": the incident is the one described after the link.
CAME_AFTER = _cue("cue_came_after", r"\b{verb}\b[^.;]{0,60}?\b{link}\b").pattern
# Its prefilter: the link words, compared with the case of the text (as it always was).
_LINKS = tuple(slots(FALLBACK, "cue_came_after")["link"])


def recalled_from(s: Sentence, si: SentenceInfo) -> int:
    """Where the incident a sentence counts begins: in "The blast in Mastung came hours after a
    bomb killed four people in Bannu", after "after" (0 when the sentence is all one)."""
    m = CAME_AFTER.search(s.text) if si.figures and any(w in s.text for w in _LINKS) else None
    if m and si.figures and all(f.start >= m.end() for f in si.figures):
        return m.end()
    return 0
