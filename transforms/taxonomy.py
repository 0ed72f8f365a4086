"""GTD attack, target and weapon types and the suicide flag, from the event's own words.

Cue phrases live in seeds/ (weapon_cues.csv, target_cues.csv). A mixed attack is labelled by
the means the text names first, as GTD coders do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

VEHICLE = "Vehicle (not to include vehicle-borne explosives, i.e., car or truck bombs)"
_KIDNAP = re.compile(
    r"\b(?:kidnap(?:ped|ping|pers)?|abduct(?:ed|ion|ions)?|seized|taken hostage|held captive)\b",
    re.I,
)
_BARRICADE = re.compile(r"\b(?:hostages?|siege|barricaded|hostage crisis|stand-?off)\b", re.I)
_HIJACK = re.compile(r"\bhijack(?:ed|ing|ers?)\b", re.I)
_ASSASSINATION = re.compile(
    r"\b(?:assassinat(?:ed|ion|e)|"
    r"(?:former |ex-)?(?:prime minister|president|minister|governor|mayor|lawmaker|senator|judge|"
    r"candidate|mp|leader|chief|commander|cleric)\b[^.]{0,60}\b(?:shot|killed|died|murdered|stabbed))",
    re.I,
)
_FACILITY = re.compile(
    r"\b(?:offices?|building|headquarters|premises|property|house|shop)\b[^.]{0,40}\b(?:firebombed|gutted|set (?:on )?fire|torched|burn(?:ed|t))|\b(?:firebomb(?:ed|ing)?|arson|torched|set ablaze|gutted by fire)\b",
    re.I,
)
_SUICIDE = re.compile(
    r"\bsuicide (?:bomb(?:er|ers|ing|ings)?|attack(?:er|ers|s)?|vests?|belts?|car|truck|mission)\b|"
    r"\bblew (?:himself|herself|themselves) up\b|\bdetonated (?:his|her|their) (?:vest|belt|explosives)\b|"
    r"\bset off (?:his|her|their) explosives\b",
    re.I,
)
_FAKE_SUICIDE = re.compile(r"\bfake (?:explosive |suicide )?(?:vests?|belts?)\b", re.I)


@dataclass(frozen=True, slots=True)
class Types:
    attack_type: str
    target_type: str | None
    weapon_type: str | None
    suicide: bool


class Taxonomy:
    """Compiled cue tables."""

    def __init__(self, weapon_cues: pd.DataFrame, target_cues: pd.DataFrame) -> None:
        self.weapon = [
            (re.compile(rf"\b(?:{r.pattern})\b", re.I), r.weapon_type)
            for r in weapon_cues.itertuples()
        ]
        self.target = [
            (re.compile(rf"\b(?:{r.pattern})\b", re.I), r.target_type)
            for r in target_cues.itertuples()
        ]
        # One scan per text instead of one per cue: alternation in table order, one named
        # group per cue (at a position the first alternative that matches wins).
        self._weapon_any = re.compile("|".join(f"(?:{p.pattern})" for p, _ in self.weapon), re.I)
        self._target_label = {f"t{i}": label for i, (_, label) in enumerate(self.target)}
        self._target_any = re.compile(
            "|".join(f"(?P<t{i}>{p.pattern})" for i, (p, _) in enumerate(self.target)), re.I
        )

    def weapon_type(self, text: str) -> str | None:
        """The weapon the text names first; at one position the longest cue wins."""
        first = self._weapon_any.search(text)
        if first is None:
            return None
        at = first.start()
        best: tuple[int, str] | None = None
        for pattern, label in self.weapon:
            m = pattern.match(text, at)
            if m and (best is None or m.end() - at > best[0]):
                best = (m.end() - at, label)
        if best is None:
            return None
        if best[1] == "Fake Weapons":
            return self.weapon_type(text[at + 4 :])
        return best[1]

    def target_type(self, text: str) -> str | None:
        """Who or what was attacked: the first cue after the attack verb, else the first cue."""
        obj = re.search(
            r"\b(?:attack(?:ed|s)? on|attacked|opened fire (?:on|at)|stormed|struck|targeted|"
            r"targeting|hit|rammed|ploughed into|drove into|raid on|assault on|bombing (?:of|at)|"
            r"blast at|explosion at|bomb(?:ing)? at|shot at|fired (?:on|at)|overran|overrun|"
            r"ambushed|killing|killed|kidnapped|abducted|seized)\b(?P<obj>[^.;]{0,120})",
            text,
            re.I,
        )
        for segment in ([obj.group("obj")] if obj else []) + [text]:
            hit = self._first_target(segment)
            if hit:
                return hit
        return None

    def _first_target(self, text: str) -> str | None:
        """The cue that starts first; at one position the one listed first in the table."""
        m = self._target_any.search(text)
        return self._target_label[m.lastgroup] if m and m.lastgroup else None

    def classify(self, lead: str, event: str, context: str) -> Types:
        """Types of one incident from its lead sentence, its event sentences and its context."""
        weapon = self.weapon_type(lead) or self.weapon_type(event) or self.weapon_type(context)
        suicide = bool(
            _SUICIDE.search(lead) or _SUICIDE.search(context)
        ) and not _FAKE_SUICIDE.search(lead)
        attack = _attack_type(lead, context, weapon)
        if (
            attack == "Hostage Taking (Kidnapping)"
            and weapon
            and not re.search(r"\b(?:shot|bomb|blast|explosion|fire[d]?)\b", lead, re.I)
        ):
            weapon = None
        target = self.target_type(lead) or self.target_type(event)
        return Types(attack, target, weapon, suicide)


def _attack_type(lead: str, context: str, weapon: str | None) -> str:
    if _HIJACK.search(lead):
        return "Hijacking"
    if _KIDNAP.search(lead) and not re.search(r"\bkill", lead[:60], re.I):
        return "Hostage Taking (Kidnapping)"
    if _BARRICADE.search(lead) or (
        _BARRICADE.search(context) and re.search(r"\bsiege\b", context, re.I)
    ):
        return "Hostage Taking (Barricade Incident)"
    if weapon == "Incendiary" and _FACILITY.search(lead + " " + context):
        return "Facility/Infrastructure Attack"
    if weapon in ("Firearms", "Melee") and _ASSASSINATION.search(lead):
        return "Assassination"
    if weapon is None and re.search(
        r"\b(?:assault(?:ed)? on|stormed|raid(?:ed)? on|overran|ambush(?:ed)?)\b", lead, re.I
    ):
        return "Armed Assault"
    return {
        "Explosives": "Bombing/Explosion",
        "Firearms": "Armed Assault",
        "Melee": "Armed Assault",
        "Incendiary": "Facility/Infrastructure Attack",
        VEHICLE: "Unarmed Assault",
        "Chemical": "Unarmed Assault",
    }.get(weapon or "", "Unknown")
