"""Violent acts by people, told apart from deaths that no person inflicted.

An incident is an attack, with or without victims. A sentence states one when people who
attack are its subject and an act of violence its verb ("Assailants set fire to a school"), when
a device goes off ("An explosive device detonated at a hospital"), or when a target is said to
have been attacked by them ("the pipeline was blown up"). Deaths with a natural or accidental
cause (a flood, an earthquake, a crash, a shark) are not attacks, nor are foiled plots, habits
("militants often attack convoys") or sports ("the attacker struck in the 89th minute").

The finders here are rules over one sentence's text; a statistical sentence classifier with the
same input (the text) and output (a bool) could stand in for any of them.
"""

from __future__ import annotations

import re

from transforms.lexicon import FALLBACK, fill, literal_stems, slots

# The words are the lexicon's (attackers.csv, violent_acts.csv, act_devices.csv,
# act_targets.csv); the templates here hold only how they combine.
_WORDS = {
    **slots(FALLBACK, "attackers"),
    **slots(FALLBACK, "violent_acts"),
    **slots(FALLBACK, "act_devices"),
    **slots(FALLBACK, "act_targets"),
}
# "Assailants, including a suicide bomber in a car, attacked the compound"
_BY_ATTACKERS = re.compile(fill(r"\b{attacker}\b[^.;]{0,80}?\b{act}\b", _WORDS), re.I)
# Rule LONE_ATTACKER: one person named by no attacker's word ("a man", "a 25-year-old
# suspect") who does what only an attacker does: stabs, opens fire, throws a firebomb, drives
# into a crowd, attacks a group of people. ("A man attacked several people with a knife";
# not "a man was killed", nor "a man shot his neighbour's dog".)
_LONE_ATTACKER = re.compile(fill(r"\b{lone}\b[^.;]{0,60}?\b{lone_act}", _WORDS), re.I)
_DEVICE_WENT_OFF = re.compile(fill(r"\b{device}\b[^.;]{0,80}?\b{went_off}\b", _WORDS), re.I)
_TARGET_ATTACKED = re.compile(
    fill(
        r"\b{be} (?:\w+ )?{passive} {agent}\b[^.;]{0,40}?\b{attacker}\b|"
        r"\b{infrastructure}\b[^.;]{0,40}?\b{be_past} {destroyed}\b|"
        r"\b{weapon} {attack_noun} {preposition}\b|\b{under_fire}\b",
        _WORDS,
    ),
    re.I,
)
# The prefilter, still kept by hand: one derived from the entries (every match names an
# attacker, a device, a piece of infrastructure, a kind of attack or "came under") would also
# let "electricity lines" and "transmission lines" reach the patterns, which this list misses.
# That is a change of reading, to be measured on its own before the list is replaced.
_ACT_WORDS = ("assailant", "gunm", "attack", "militant", "insurgent", "terrorist", "jihadist",
              "extremist", "arson", "bandit", "kidnapper", "abductor", "bomb", "armed", "masked",
              "unknown", "unidentified", "suspected", "rebel", "explosive", "ied", "grenade",
              "landmine", "rocket", "mortar", "projectile", "suicide", "came under", "pipeline",
              "power line", "pylon", "tower", "railway", "rail ", "gas line", "oil well",
              "bridge", "firebomb", "stabb", "opened fire", "threw", "hurled", "rammed",
              "drove", "plough", "plow", "wearing", "uniform", "fatigues", "masks",
              "balaclava", "hoods")  # fmt: skip
# Not an act that happened: foiled, planned, threatened, habitual, hypothetical.
_NOT_DONE = re.compile(fill(r"\b{word}\b", slots(FALLBACK, "not_done")), re.I)
# Sports and games speak of attackers who shoot and strike.
_SPORT = re.compile(fill(r"\b{word}\b", slots(FALLBACK, "sport_words")), re.I)


_QUOTES = ('"', "“", "‘", "'")


def attack_act(text: str) -> bool:
    """Rule ATTACK_ACT: the sentence states an act of violence by people that took place.

    "Gunmen shot and killed the deputy mayor outside his home", "An explosive device detonated
    at a private clinic", "The pipeline was blown up overnight"; not "Police foiled a plot to
    bomb the embassy", nor "the attacker shot wide in the 89th minute"."""
    lower = text.lower()
    if not any(w in lower for w in _ACT_WORDS) or text.startswith(_QUOTES):
        return False  # a quotation is a witness's or official's account, not the report's
    found = (
        _BY_ATTACKERS.search(text)
        or _DEVICE_WENT_OFF.search(text)
        or _TARGET_ATTACKED.search(text)
        or _LONE_ATTACKER.search(text)
    )
    return bool(found) and not _NOT_DONE.search(text) and not _SPORT.search(text)


_NATURAL = slots(FALLBACK, "natural_causes")
_NATURAL_CAUSE = re.compile(fill(r"\b{cause}\b", _NATURAL), re.I)
_NATURAL_WORDS = literal_stems(_NATURAL["cause"])  # the prefilter, derived


def natural_cause(text: str) -> bool:
    """Rule NATURAL_CAUSE: the sentence names a cause of death that is no person's attack (a
    flood, an earthquake, a road crash, a shark, a disease, a collapse, a factory blast)."""
    lower = text.lower()
    return any(w in lower for w in _NATURAL_WORDS) and bool(_NATURAL_CAUSE.search(text))
