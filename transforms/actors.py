"""Named armed groups in text, and whether the text says they claimed or were blamed.

Generic words ("gunmen", "militants") are never groups: only names in the alias table are.
A group counts for an incident only in a sentence that claims, attributes or suspects; a
group that denies, or that is merely mentioned, does not.

The finder (`GroupIndex.find`, one sentence) and the resolver (`perpetrator`, the group an
incident's sentences tie to it) sit together here.
"""

from __future__ import annotations

import dataclasses
import re

import pandas as pd

from transforms.doc import GroupMention, Incident, Sentence
from transforms.places import Gazetteer, fold

_CLAIM = re.compile(
    r"(?<!')(?<!'s )\bclaim(?:ed|s|ing)?\b(?!\s+(?:was|is)\s+fake|\s+of\b|\s+that\b(?!\s+(?:attack|bombing|assault|raid|massacre|shooting|killing|blast)))|\btook responsibility\b|"
    r"\b(?:its|his|their) (?:fighters|militants|men|soldiers|members) (?:had )?carried out\b|"
    r"\bsaid (?:it|its fighters|his fighters) (?:had )?carried out\b|\bthrough its amaq\b",
    re.I,
)
_NOT_CLAIMED = re.compile(
    r"\b(?:no group|nobody|no one|not|never|without|avoided|yet to|did not|has not|had not|"
    r"have not|hasn't|didn't|haven't|denied|deny|denies|rejected|fake|dismissed)\b"
    r"[^.]{0,40}\bclaim",
    re.I,
)
_BLAME = re.compile(
    r"\b(?:blam(?:ed|es|e|ing)|accus(?:ed|es|ing)|suspect(?:ed|s)?|point(?:ed|s|ing)? to|"
    r"hallmarks|attribut(?:ed|es)|behind the|responsible|involvement|organi[sz]ed by|"
    r"members of|belonged to|carried out by|linked to the attack|held by|the captors belonged)\b",
    re.I,
)
_DENIAL = re.compile(
    r"\b(?:denied|denies|deny|nothing to do with|rejected (?:the|any) (?:accusation|link)|"
    r"called (?:that|the) claim fake|no link|rejected any link)\b",
    re.I,
)


_TOKEN = re.compile(r"\w+|[^\w\s]")
_WORD = re.compile(r"\w+")  # anchors are words
# Words common in news text that also occur in group names; the most everyday of them are an
# anchor of last resort.
_EVERYDAY = frozenset(
    ["people", "group", "groups", "state", "national", "province", "the", "of", "and", "new"]
)
_COMMON = frozenset(
    [
        "people",
        "group",
        "groups",
        "national",
        "militants",
        "militant",
        "province",
        "fighters",
        "army",
        "soldiers",
        "party",
        "front",
        "liberation",
        "movement",
        "state",
        "international",
        "united",
        "new",
        "central",
        "street",
        "defence",
        "centre",
        "force",
        "peace",
        "soldiers",
        "region",
        "branch",
        "network",
        "defense",
        "forces",
        "council",
        "brigade",
        "brigades",
        "organization",
        "organisation",
        "democratic",
        "popular",
        "republic",
        "revolutionary",
        "people's",
        "the",
        "of",
        "and",
        "al",
        "el",
        "for",
        "in",
        "islam",
        "holy",
        "war",
        "armed",
        "resistance",
        "afghanistan",
        "pakistan",
        "burkina",
        "faso",
        "bangladesh",
        "libya",
        "balochistan",
        "sahel",
        "nigeria",
        "somalia",
        "syria",
        "iraq",
        "yemen",
        "egypt",
        "mali",
        "niger",
        "india",
        "philippines",
        "kenya",
        "mozambique",
        "west",
        "east",
        "north",
        "south",
        "africa",
        "african",
        "arab",
        "army's",
        "union",
        "youth",
        "students",
        "workers",
        "communist",
        "muslim",
        "jihad",
    ]
)


class GroupIndex:
    """Alias table as token n-gram dictionaries: one pass over a sentence's tokens, the longest
    alias first at each position, at a cost independent of the size of the table."""

    def __init__(self, groups: pd.DataFrame) -> None:
        self.aliases_of: dict[str, set[str]] = {}
        self._cased: dict[tuple[str, ...], str] = {}
        self._uncased: dict[tuple[str, ...], str] = {}
        self._longest_cased: dict[str, int] = {}  # first token -> longest alias, in tokens
        self._longest_uncased: dict[str, int] = {}
        self._anchors_cased: set[str] = set()
        self._anchors_uncased: set[str] = set()
        for r in groups.itertuples(index=False):
            aliases = {
                r.canonical,
                *_names(r.aliases),
                *_names(getattr(r, "wikidata_aliases", None)),
            }
            aliases.discard("")
            self.aliases_of[r.canonical] = aliases
            for alias in aliases:
                alias = alias.strip()
                if len(alias) < 2 or (len(alias) == 2 and alias != "IS"):
                    continue
                tokens = tuple(_TOKEN.findall(alias))
                # Acronyms match case-sensitively ("IS" is not "is"); names do not.
                if alias.isupper() or len(alias) <= 4 or re.match(r"[A-Z]{2,}\b", alias):
                    table, longest = self._cased, self._longest_cased
                else:
                    tokens = tuple(t.lower() for t in tokens)
                    table, longest = self._uncased, self._longest_uncased
                table.setdefault(tokens, r.canonical)
                longest[tokens[0]] = max(longest.get(tokens[0], 0), len(tokens))
                # A sentence without an alias's anchor token does not name it. The anchor is
                # the alias's longest token that is not an everyday word ("Shabaab" rather than
                # "Harakat al-Shabaab al-Mujahideen"'s "people"-like words), so that few
                # sentences need the full scan.
                anchors = self._anchors_cased if table is self._cased else self._anchors_uncased
                rare = [
                    t
                    for t in tokens
                    if t.isalnum() and (len(t) > 2 or t.isupper()) and t.lower() not in _COMMON
                ]
                anchors.add(max(rare or tokens, key=lambda t: (t.lower() not in _EVERYDAY, len(t))))

    def find(self, sentence: str) -> list[GroupMention]:
        """Groups named in one sentence, longest names first, with the sentence's stance."""
        sentence = sentence.replace("’", "'")  # one apostrophe for aliases and cues; same offsets
        # Most sentences name no group: a set intersection in C settles those.
        words = _WORD.findall(sentence)
        if self._anchors_cased.isdisjoint(words) and self._anchors_uncased.isdisjoint(
            _WORD.findall(sentence.lower())
        ):
            return []
        spans = [(m.start(), m.end()) for m in _TOKEN.finditer(sentence)]
        raw = [sentence[a:b] for a, b in spans]
        low = [t.lower() for t in raw]
        n = len(raw)
        found: list[tuple[str, int, int]] = []
        lu, lc = self._longest_uncased, self._longest_cased
        # Only tokens that open some alias are tried.
        openers = [j for j in range(n) if low[j] in lu or raw[j] in lc]
        i = 0
        for j in openers:
            if j < i:
                continue
            i = j
            best: tuple[int, str] | None = None
            for words, table, longest in (
                (low, self._uncased, self._longest_uncased),
                (raw, self._cased, self._longest_cased),
            ):
                for k in range(min(longest.get(words[i], 0), n - i), 0, -1):
                    if best is not None and k <= best[0]:
                        break
                    canonical = table.get(tuple(words[i : i + k]))
                    if canonical is not None and _bounded(
                        sentence, spans[i][0], spans[i + k - 1][1]
                    ):
                        best = (k, canonical)
                        break
            if best is None:
                continue
            k, canonical = best
            start, end = spans[i][0], spans[i + k - 1][1]
            # "BLA separatists": a cause word in lower case right after a group's name is that
            # group's attacker noun, not the movement the word names alone ("separatists").
            if (
                found
                and sentence[start:end].islower()
                and not sentence[found[-1][2] : start].strip()
            ):
                i += k
                continue
            found.append((canonical, start, end))
            i += k
        hits = []
        for j, (canonical, start, end) in enumerate(found):
            prev_end = found[j - 1][2] if j else 0
            next_start = found[j + 1][1] if j + 1 < len(found) else None
            hits.append(
                GroupMention(
                    canonical, sentence[start:end], start, end,
                    stance(sentence, start, end, prev_end, next_start),
                )
            )  # fmt: skip
        # "JNIM, al-Qaeda's Sahel branch, claimed the attack": the name described as another
        # group's branch is the one that acts; the parent is only mentioned.
        for j in range(len(hits) - 1):
            described = hits[j + 1]
            if re.fullmatch(r"[\s,()]*", sentence[hits[j].end : described.start]) and (
                _BRANCH_OF.match(sentence, described.end)
            ):
                h = hits[j]
                hits[j] = dataclasses.replace(h, stance=stance(sentence, h.start, h.end, 0, None))
                hits[j + 1] = dataclasses.replace(described, stance="mentioned")
        # "Both JuA and the Islamic State group claimed it": coordinated names share the verb.
        for j in range(len(hits) - 2, -1, -1):
            between = sentence[hits[j].end : hits[j + 1].start]
            if hits[j].stance == "mentioned" and re.fullmatch(
                r"[\s,()]*(?:and|or|as well as)?[\s,()]*(?:the|an?)?\s*", between
            ):
                hits[j] = dataclasses.replace(hits[j], stance=hits[j + 1].stance)
        return hits

    def same_group(self, canonical: str, names: list[str]) -> bool:
        """True when any of `names` is an alias of `canonical` (used by the evaluation)."""
        aliases = {a.lower() for a in self.aliases_of.get(canonical, {canonical})}
        return any(n.lower() in aliases for n in names)


def _names(cell: object) -> list[str]:
    """The '|'-separated names of one alias cell; an empty cell (read as NaN) has none."""
    return [n.strip() for n in cell.split("|")] if isinstance(cell, str) else []


def _bounded(sentence: str, start: int, end: int) -> bool:
    """Not inside a hyphenated word: "ISIS" is not found in "ISIS-K" unless that is an alias."""
    return (start == 0 or sentence[start - 1] != "-") and (
        end == len(sentence) or sentence[end] != "-"
    )


_ATTACKER_NOUN = re.compile(
    r"\s+(?:suicide )?(?:bombers?|gunm[ae]n|fighters|militants|attackers?|assailants|insurgents|"
    r"commandos?|operatives|jihadists|cell|rebels|guerrillas?|separatists|cadres?|terrorists)\b",
    re.I,
)
# Rule `group_as_agent`: the group is the subject of a violent act ("IS killed 224 people",
# "Maoists blew up a police van", "al-Shabaab fighters have stormed a hotel").
_AGENT_ACT = re.compile(
    r"^(?:'s)?\s*(?:(?:suicide )?(?:bombers?|gunm[ae]n|fighters|militants|rebels|guerrillas|"
    r"insurgents|separatists|jihadists|cadres|members|terrorists|extremists)\s+)?"
    r"(?:(?:have|has|had)\s+)?(?:reportedly |allegedly |also |then |later |on \w+ )?"
    r"(?P<verb>killed|attacked|stormed|ambushed|bombed|abducted|kidnapped|raided|blew up|"
    r"set fire to|torched|burned down|beheaded|massacred|shot dead|shot|executed|overran|"
    r"detonated|planted|opened fire|launched an? (?:attack|assault|raid|offensive)|seized|"
    r"(?:took|taking|held)\s+(?:[\w-]+\s+){0,4}?hostages?)\b",
    re.I,
)
# ... unless the verb is a reduced passive ("IS fighters killed in an air strike") or the act
# is a tally over years ("Boko Haram has killed thousands since 2009"), not one attack.
_NOT_ONE_ACT = re.compile(
    r"^\s+(?:in|by|during|when|as|after|while|near)\b|"
    r"^[^.;]{0,50}\b(?:since (?:\d{4}|the)|over the (?:past|last|years)|in recent (?:years|months)|"
    r"(?:tens of )?thousands\b|hundreds of\b)",
    re.I,
)


# Rule `group_as_victims`: "Taliban fighters killed in an air strike", "IS militants captured
# by troops": the group's men are those acted upon by the state, which attributes nothing.
_ACTED_UPON = re.compile(
    r"^(?:'s)?\s*(?:[\w-]+\s+){0,2}?(?:killed|captured|arrested|detained|neutrali[sz]ed)\s+"
    r"(?:in (?:an?|the) (?:air ?strikes?|drone strikes?|raids?|operations?|crackdown)|by (?:the )?"
    r"(?:army|troops|soldiers|police|security forces|military))\b",
    re.I,
)


def _acts(after: str) -> bool:
    """True when the words right after a group's name make it the doer of one violent act."""
    m = _AGENT_ACT.match(after)
    return m is not None and not _NOT_ONE_ACT.match(after[m.end() :])


_HELD = re.compile(
    r"\b(?:detain(?:ed|s)?|arrest(?:ed|s)?|captur(?:ed|es)|rounded up|killed|jailed)\b"
    r"[^.]{0,40}$|\b(?:of|former)\s+$",
    re.I,
)
_OTHER_GROUP = re.compile(
    r"^\s*(?:'s\s+)?(?:splinter|breakaway|offshoot|faction|affiliate|wing)\b", re.I
)
_BRANCH_OF = re.compile(
    r"\s*'s\s+(?:[\w-]+\s+){0,2}?(?:branch|affiliate|wing|arm|franchise|offshoot|faction)\b",
    re.I,
)
_OTHER_GROUP_BEFORE = re.compile(
    r"\b(?:splinter group|breakaway group|offshoot|faction|affiliate|wing|branch) of\s+(?:the\s+)?$",
    re.I,
)
_BLAMED_RIGHT_BEFORE = re.compile(
    r"(?<!not )(?<!n't )\b(?:blamed|accused|pointed to|points to|blames|blame)\s+"
    r"(?:the\s+)?$",
    re.I,
)
# "the attack by al-Shabaab", "the first act of terror by the group's Khorasan branch"
_DONE_BY = re.compile(
    r"\b(?:attacks?|act of terror|acts of terror|bombings?|assaults?|massacres?|killings?|raids?|"
    r"ambush(?:es)?|operations?|offensives?|(?:bombs?|devices?|explosives?) (?:planted|placed|"
    r"set|left|hidden)) by (?:the |an? )?(?:[\w-]+'s )?$",
    re.I,
)
_GROUP_CLAIMED_LATER = re.compile(
    r"\b(?:the (?:group|militants|organi[sz]ation)|which|who) (?:has |had |later |quickly )?"
    r"(?:claimed|took responsibility)\b",
    re.I,
)


def stance(
    sentence: str, start: int, end: int, prev_end: int = 0, next_start: int | None = None
) -> str:
    """What the sentence says about the group at [start, end) (of a sentence whose apostrophes
    `GroupIndex.find` has made straight).

    A claim counts when the group is the one claiming: the claim follows the name closely
    ("ISIS has claimed responsibility") or names it ("an attack claimed by IS"), and is not
    negated ("has not claimed", "no group claimed"). A claim called fake by others stands.
    The words looked at stop at the neighbouring groups' names: in "officials blamed LeJ, while
    IS claimed the attack" the claim is IS's. An attribution ("blamed the Taliban") stands even
    when the group denies it. A group named as the attackers' own ("an IS suicide bomber",
    "a bomber from the Islamic State's Khorasan branch") is attributed; suspects and members
    held by the police ("detained hundreds of IS suspects") are not.
    """
    stop = len(sentence) if next_start is None else next_start
    after = sentence[end : min(end + 90, stop)]
    rest = sentence[end:stop]
    before = sentence[max(prev_end, start - 60) : start]
    # "a TTP splinter group, Jamaat-ul-Ahrar": the group that acted is the one named next to
    # it. An affiliate left unnamed ("claimed by an IS affiliate") stands for its parent.
    if (_OTHER_GROUP.match(after) and next_start is not None and next_start - end < 40) or (
        _OTHER_GROUP_BEFORE.search(before) and prev_end and start - prev_end < 40
    ):
        return "mentioned"
    blamed = bool(_BLAMED_RIGHT_BEFORE.search(before))
    if _DENIAL.search(after[:70]) and not _CLAIM.search(after[:30]) and not blamed:
        return "denied"
    claim_after = _CLAIM.search(after)
    claim_before = re.search(
        r"\bclaimed by (?:the |an? |its )?(?:\w+ )?$|\b(?:claim|claims|claimed)\b[^.]{0,30}\b(?:by|from)\s+(?:the\s+)?$",
        before,
        re.I,
    )
    if claim_after or claim_before:
        window = after[: claim_after.end()] if claim_after else before
        if not re.search(r"\b(?:not|never|yet to|avoided|no)\b", window, re.I):
            return "claimed"
        if re.search(r"\b(?:although|but) (?:it|the group) has not claimed\b", after, re.I):
            return "attributed"
    later = _GROUP_CLAIMED_LATER.search(rest)
    if later and not re.search(r"\b(?:not|never|denied)\b", rest[: later.end()], re.I):
        return "claimed"
    if blamed:
        return "attributed"
    held = _HELD.search(before)
    if held and not re.search(
        r"\b(?:over|for|in connection with|after) the (?:attack|bombing|shooting|killings?)\b",
        rest,
        re.I,
    ):
        return "mentioned"
    if _ACTED_UPON.match(after):
        return "mentioned"
    if (
        _ATTACKER_NOUN.match(after)
        or _acts(after)
        or _DONE_BY.search(before)
        or re.search(
            r"\b(?:bombers?|gunm[ae]n|attackers?|fighters|militants|assailants) (?:from|of|belonging to|"
            r"loyal to|linked to) (?:the |an? )?$",
            before,
            re.I,
        )
    ):
        return "attributed"
    if _BLAME.search(before + sentence[start:end] + after) and not re.search(
        r"\boperate\b", after[:40]
    ):
        return "attributed"
    if re.search(r"\bclaimed\b", before) and re.search(
        r"\b(?:both|and)\b", sentence[start - 40 if start > 40 else 0 : end + 40]
    ):
        return "claimed"
    return "mentioned"


# The resolver: the group an incident's sentences tie to it, claimed or attributed.
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
