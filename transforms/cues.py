"""Cue phrases the events and attributes stages read: what opens, continues or recalls an event.

Each `Cue` is a pattern and, where one pays, a prefilter: words one of which every match
contains, so that most sentences are turned away by a substring test before the pattern runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.doc import Sentence, SentenceInfo


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


EVENT_CUE_RE = re.compile(
    r"\b(?:attack|bomb|blast|explo|gunm[ae]n|gunfire|shot|shoot|stormed|storm|raid|ambush|"
    r"massacre|assault|kill|opened fire|suicide|militants|insurgents|attackers|assailants|"
    r"kidnap|abduct|hostage|siege|stabb|rammed|ploughed|mowing|drove into|firebomb|grenade|"
    r"fighters|slit|hacked|beheaded|overran|struck|hit)",
    re.I,
)

KIDNAP_EVENT_RE = re.compile(
    r"\b(?:had been|were|was|have been) (?:kidnapped|abducted|seized|taken hostage)\b|"
    r"\b(?:kidnapped|abducted|seized)\s+(?:\w+\s+){0,2}(?:workers?|journalists?|reporters?|tourists?|"
    r"engineers?|students?|schoolgirls|schoolchildren|pupils|people|villagers|passengers|officials?|"
    r"nationals|foreigners|men|women|children|priests?|nuns?|soldiers|officers|team)\b",
    re.I,
)

AGGREGATE_RE = re.compile(
    r"\b(?:has|have|had) (?:killed|claimed the lives|left)\b[^.]{0,80}\b(?:since|over the|in the past|this year|so far)\b|"
    r"\b(?:since|over the past|so far this year|each year|every (?:month|week|year)|a year)\b[^.]{0,60}\b(?:hundreds|thousands|dozens)\b|"
    r"\b(?:hundreds|thousands|dozens)\b[^.]{0,80}\b(?:since|this year|over the past|each year|every month|a decade)\b|"
    r"\b(?:conflict|war|insurgency|campaign|violence) (?:that|which) has killed\b|"
    # Rule AGGREGATE_SCOPE: attacks in the plural counted over a year or a region ("attacks
    # killed 4,100 people across the region last year").
    r"\b(?:attacks|bombings|killings|violence)\b[^.]{0,60}\b(?:killed|left|claimed)\b[^.]{0,80}"
    r"\b(?:last|past|previous) (?:year|decade|month)\b|"
    r"\b(?:attacks|bombings|killings|violence)\b[^.]{0,60}\b(?:killed|left|claimed)\b[^.]{0,60}"
    r"\b(?:across|throughout|nationwide)\b",
    re.I,
)

ACCIDENT_RE = re.compile(
    r"\b(?:accident(?:al|ally)?|negligence|gas (?:leak|cylinder|explosion)|ammonium nitrate|"
    r"industrial (?:accident|blast)|no evidence[^.]{0,60}deliberate|caught fire accidentally)\b",
    re.I,
)

_ACCIDENT_WORDS = ("accident", "negligence", "gas ", "ammonium", "industrial", "no evidence",
                   "caught fire")  # fmt: skip

NEW_EVENT_RE = re.compile(
    r"^(?:Earlier|Later|Hours later|Days later|Meanwhile|Separately|Elsewhere|In another|Another|"
    r"The following|A (?:day|week|month|year) (?:later|earlier)|Two (?:days|weeks|months|years) (?:later|earlier)|"
    r"In (?:January|February|March|April|May|June|July|August|September|October|November|December|\d{4})|"
    r"On \d|On (?:January|February|March|April|May|June|July|August|September|October|November|December)|"
    r"And in|In [A-Z][a-z]+,)"
)

RECALL_RE = re.compile(
    r"\b(?:came (?:hours|days|weeks|months|a week|a day|three months|two weeks)[^.]{0,20}after|"
    r"(?:weeks|months|days|a week|a day) after (?:the|a)|"
    # "after the attack on the embassy" recalls another; "in the hours after the attack" does not
    r"(?<!hours )(?<!minutes )(?<!moments )(?<!shortly )(?<!soon )(?<!immediately )(?<!just )"
    r"after (?:the|a) (?:suicide )?(?:bombing|attack|assault)|"
    r"the latest in|the second (?:deadly )?attack|the deadliest (?:attack )?(?:in|since)|since (?:the|a)\b[^.]{0,40}\b(?:attack|bombing))",
    re.I,
)

ANAPHOR_RE = re.compile(
    r"(?:\b(?:the|that|this|the same)|[A-Z][a-z]+day(?: night)?'s(?: \w+)?) (?:attack|bombing|blast|explosion|"
    r"assault|raid|killings|massacre|shooting|siege|incident|toll|violence|ambush)\b|"
    r"\b(?:those killed|the dead|the injured|the wounded|the victims|death toll)\b",
    re.I,
)

_ANAPHOR_WORDS = ("attack", "bomb", "blast", "explosion", "assault", "raid", "killing", "massacre",
                  "shooting", "siege", "incident", "toll", "violence", "ambush", "those killed",
                  "dead", "injured", "wounded", "victims")  # fmt: skip

ANOTHER_RE = re.compile(
    r"\b(?:in|during|by) (?:a |an |the )?(?:separate|another|other|second) (?:attack|incident|"
    r"bombing|assault|raid|ambush|blast|explosion|shooting)s?\b|\bseparately\b|\belsewhere\b",
    re.I,
)

BATTLE_RE = re.compile(
    r"\b(?:clash(?:es|ed|ing)?|fighting between|in combat|gun ?battles?|firefights?)\b", re.I
)

ATTACK_WORDS_RE = re.compile(
    r"\b(?:bomb(?:er|ing|s)?|blew (?:himself|herself|themselves) up|stormed|attacked|opened fire|"
    r"gunm[ae]n|(?:heavily )?armed (?:man|men|attackers?)|suicide|explosions?|blast|ambush(?:ed)?|"
    r"massacre|rammed|stabbed|abducted|kidnapped)\b",
    re.I,
)


EVENT_CUE = Cue(EVENT_CUE_RE)
KIDNAP_EVENT = Cue(KIDNAP_EVENT_RE)
AGGREGATE = Cue(AGGREGATE_RE)
ACCIDENT = Cue(ACCIDENT_RE, _ACCIDENT_WORDS)
NEW_EVENT = Cue(NEW_EVENT_RE)
RECALL = Cue(RECALL_RE)
ANAPHOR = Cue(ANAPHOR_RE, _ANAPHOR_WORDS)
ANOTHER = Cue(ANOTHER_RE)
BATTLE = Cue(BATTLE_RE)
ATTACK_WORDS = Cue(ATTACK_WORDS_RE)


# "The bombing came a week after gunmen stormed ...", "the deadliest since May 2017, when a
# truck bomb ...": the incident is the one described after the link.
CAME_AFTER = re.compile(r"\b(?:came|comes|followed)\b[^.;]{0,60}?\bafter\b", re.I)


def recalled_from(s: Sentence, si: SentenceInfo) -> int:
    """Where the incident a sentence counts begins: in "The blast in Mastung came hours after a
    bomb killed four people in Bannu", after "after" (0 when the sentence is all one)."""
    m = CAME_AFTER.search(s.text) if si.figures and "after" in s.text else None
    if m and si.figures and all(f.start >= m.end() for f in si.figures):
        return m.end()
    return 0
