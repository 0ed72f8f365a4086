"""Named armed groups in text, and whether the text says they claimed or were blamed.

Generic words ("gunmen", "militants") are never groups: only names in the alias table are.
A group counts for an incident only in a sentence that claims, attributes or suspects; a
group that denies, or that is merely mentioned, does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

_CLAIM = re.compile(
    r"(?<!')(?<!’s )(?<!'s )\bclaim(?:ed|s|ing)?\b(?!\s+(?:was|is)\s+fake|\s+of\b|\s+that\b)|\btook responsibility\b|"
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


@dataclass(frozen=True, slots=True)
class GroupMention:
    canonical: str
    alias: str
    start: int
    end: int
    stance: str  # claimed | attributed | denied | mentioned


class GroupIndex:
    """Alias table compiled into one regular expression."""

    def __init__(self, groups: pd.DataFrame) -> None:
        self.canonical_of: dict[str, str] = {}
        self.aliases_of: dict[str, set[str]] = {}
        cased: list[str] = []
        uncased: list[str] = []
        for r in groups.itertuples(index=False):
            aliases = {r.canonical, *str(r.aliases).split("|")}
            self.aliases_of[r.canonical] = aliases
            for alias in aliases:
                alias = alias.strip()
                if len(alias) < 2 or (len(alias) == 2 and alias != "IS"):
                    continue
                # Acronyms match case-sensitively ("IS" is not "is"); names do not.
                if alias.isupper() or len(alias) <= 4:
                    self.canonical_of.setdefault(alias, r.canonical)
                    cased.append(alias)
                else:
                    self.canonical_of.setdefault(alias.lower(), r.canonical)
                    uncased.append(alias)

        def alt(xs: list[str]) -> str:
            return "|".join(re.escape(x) for x in sorted(set(xs), key=len, reverse=True))

        self._cased = re.compile(rf"(?<![\w-])(?:{alt(cased)})(?![\w-])")
        self._uncased = re.compile(rf"(?<![\w-])(?:{alt(uncased)})(?![\w-])", re.I)

    def find(self, sentence: str) -> list[GroupMention]:
        """Groups named in one sentence, longest names first, with the sentence's stance."""
        hits: list[tuple[int, int, str, str]] = []
        for m in self._uncased.finditer(sentence):
            hits.append((m.start(), m.end(), self.canonical_of[m.group(0).lower()], m.group(0)))
        for m in self._cased.finditer(sentence):
            if any(s <= m.start() < e for s, e, _, _ in hits):
                continue
            hits.append((m.start(), m.end(), self.canonical_of[m.group(0)], m.group(0)))
        return [GroupMention(c, a, s, e, stance(sentence, s, e)) for s, e, c, a in sorted(hits)]

    def same_group(self, canonical: str, names: list[str]) -> bool:
        """True when any of `names` is an alias of `canonical` (used by the evaluation)."""
        aliases = {a.lower() for a in self.aliases_of.get(canonical, {canonical})}
        return any(n.lower() in aliases for n in names)


def stance(sentence: str, start: int, end: int) -> str:
    """What the sentence says about the group at [start, end).

    A claim counts when the group is the one claiming: the claim follows the name closely
    ("ISIS has claimed responsibility") or names it ("an attack claimed by IS"), and is not
    negated ("has not claimed", "no group claimed"). A claim called fake by others stands.
    """
    after = sentence[end : end + 90]
    before = sentence[max(0, start - 60) : start]
    if _DENIAL.search(after[:70]) and not _CLAIM.search(after[:30]):
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
    if _BLAME.search(before + sentence[start:end] + after) and not re.search(
        r"\boperate\b", after[:40]
    ):
        return "attributed"
    if re.search(r"\bclaimed\b", before) and re.search(
        r"\b(?:both|and)\b", sentence[start - 40 if start > 40 else 0 : end + 40]
    ):
        return "claimed"
    return "mentioned"
