"""GTD attack, target and weapon types and the suicide flag, from the event's own words.

Cue phrases live in seeds/ (weapon_cues.csv, target_cues.csv). The weapon is the first one the
incident's own account names, except that guns named with a suicide device or a bomb attack make
a bombing (GTD's hierarchy) unless the attackers are called gunmen. The target is read from what
the attack verb acts on, then from the venue, then from the whole sentence, with speakers,
responders and disguises masked; a named kind of target outranks ordinary people and businesses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from transforms.cues import CAME_AFTER
from transforms.lexicon import FALLBACK, fill, literal_stems, slots

VEHICLE = "Vehicle (not to include vehicle-borne explosives, i.e., car or truck bombs)"
_KIDNAP = re.compile(
    r"\b(?:kidnap(?:ped|ping|pers)?|abduct(?:ed|ion|ions)?|seized|taken hostage|held captive)\b",
    re.I,
)
_HOSTAGES = re.compile(r"\b(?:hostages?|barricaded|hostage crisis|stand-?off)\b", re.I)
# Rule HOSTAGES_TAKEN: hostages make a barricade incident only when this attack takes or holds
# them ("stormed the school and held its guards hostage", "taking seven officers hostage",
# "20 hostages were dead", "the rescue of the hostages", a stand-off). Hostages named for
# another cause ("a walk in support of hostages held in Gaza", "calling for the release of
# hostages") are not the attack's.
_HOSTAGES_TAKEN = re.compile(
    r"\b(?:barricaded|hostage crisis|hostage-tak\w+|stand-?off|"
    r"(?:took|take[ns]?|taking|held|hold(?:s|ing)?|seiz(?:ed|ing)|kept|keeping|freed|freeing|"
    r"rescued|rescuing|released|executed|killing|killed|shot)\b[^.;]{0,40}?"
    r"\bhostages?|hostages?\s+(?:were|was|had been|have been)\s+(?:taken|held)|"
    r"hostages?\s+(?:(?:were|was|had been|have been)\s+)?(?:freed|rescued|killed|dead|died|"
    r"escaped|executed)|(?:rescue|freeing) of (?:the )?hostages|hostage (?:rescue|siege|drama|situation))\b",
    re.I,
)
# Rule KIDNAP_IN_ATTACK: people taken away in the attack make it a kidnapping, which GTD's
# hierarchy of attack types puts above a bombing or an armed assault: "Assailants attacked a
# military base ... In addition, four soldiers were abducted", "another soldier was abducted
# in the assault". A kidnapping recalled as earlier ("had been abducted last year") is not.
_ALSO_ABDUCTED = re.compile(
    r"\b(?:were|was)\s+(?:also\s+)?(?:abducted|kidnapped|taken hostage|taken captive|"
    r"seized)\b(?![^.;]{0,30}\b(?:earlier|last|previously|ago)\b)",
    re.I,
)
_HIJACK = re.compile(r"\bhijack(?:ed|ing|ers?)\b", re.I)
# People of office: the object of an assassination (Rule TITLED_TARGET, ASSASSINATION_ANY_MEANS).
_OFFICE = (
    r"(?:prime minister|president|minister|governor|mayor|lawmaker|senator|judge|prosecutor|"
    r"councill?or|candidate|mp|cleric|journalist|broadcaster|activist|chief|commander|leader|"
    r"commissioner|general|colonel|member of parliament|council member|official|director)"
)
_ASSASSINATION = re.compile(
    r"\b(?:assassinat(?:ed|ion|e)|"
    r"(?:former |ex-)?(?:prime minister|president|minister|governor|mayor|lawmaker|senator|judge|"
    r"candidate|mp|leader|chief|commander|cleric|journalist|broadcaster|prosecutor)\b[^.]{0,60}\b"
    r"(?:shot|killed|died|murdered|stabbed|gunned down)|"
    # Rule TITLED_TARGET: the act's object is a person of office ("shot and killed the deputy
    # mayor", "gunned down Ana Ruiz, a district judge").
    r"\b(?:shot(?: and killed)?|killed|murdered|stabbed|gunned down|opened fire on (?:the )?"
    r"(?:vehicle|car|convoy|house|home|residence) of|targeting|(?:attached to|planted (?:in|on|"
    r"under)) (?:the )?(?:vehicle|car) of)\s+(?:the\s+|a\s+)?"
    r"(?:[\w.'’,()-]+\s+){0,12}?(?:deputy |vice |provincial |district |local |former )?"
    + _OFFICE
    + r"\b)",
    re.I,
)
# The person of office is the one killed: "killed the deputy governor", "the minister ... was
# killed" (not "a bomb targeting the convoy of candidate X killed four people").
_OFFICE_KILLED = re.compile(
    rf"\b(?:killed|killing|assassinated)\s+(?:the\s+|a\s+)?(?:[\w.'’,-]+\s+){{0,5}}?{_OFFICE}\b|"
    rf"\b{_OFFICE}\b[^.]{{0,60}}?\b(?:was|has been|had been|were)\s+(?:killed|assassinated)\b",
    re.I,
)
# Rule TARGETED_DEVICE: a bomb fixed to the car of a person of office ("an explosive device
# attached to the vehicle of X, a tribal leader") is aimed at that person: an assassination,
# whatever the toll and even when the person survives.
_TARGETED_DEVICE = re.compile(
    rf"\b(?:attached to|planted (?:in|on|under)|fixed to|stuck to) (?:the )?(?:vehicle|car) of "
    rf"[^.;]{{0,80}}?\b{_OFFICE}\b",
    re.I,
)
# "killed 30 people, including the governor": a toll of more than a handful.
_MANY_DEAD = re.compile(
    r"\b(?:[6-9]|\d{2,}|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|"
    r"dozens|scores|hundreds)\b[^.]{0,40}?\b(?:people|persons|civilians|worship(?:p)?ers|killed|dead)\b",
    re.I,
)
_FACILITY = re.compile(
    r"\b(?:offices?|building|headquarters|premises|property|house|shop)\b[^.]{0,40}\b(?:firebombed|gutted|set (?:on )?fire|torched|burn(?:ed|t))|\b(?:firebomb(?:ed|ing)?|arson|torched|set ablaze|gutted by fire)\b",
    re.I,
)
_SUICIDE = re.compile(
    r"\bsuicide (?:bomb(?:er|ers|ing|ings)?|attack(?:er|ers|s)?|vests?|belts?|car|truck|mission)\b|"
    r"\b(?:blew|blowing|blown) (?:himself|herself|themselves) up\b|\bexplosive (?:vests?|belts?)\b|\bdetonated (?:his|her|their) (?:vest|belt|explosives)\b|"
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


_SPEECH = slots(FALLBACK, "speech")
# Who speaks is not who was attacked: "officials said", "Governor X, who attended the funeral,
# said", "according to the health ministry", "said a police spokesman".
_SPEAKER = re.compile(
    fill(
        r"\b{speaker}\b(?:\s+[\w'’.-]+){0,6}?(?:\s*,[^,.;]{0,80},)?\s+{verb}\b|"
        r"\b{according} [^,.;]*|"
        r"\b{said}\s+{article}?(?:[\w'’-]+\s+){0,3}?{speaker}\b",
        _SPEECH,
    ),
    re.I,
)
# A match that opens with the word of speech ("said a spokesman", "according to ..."): the
# words before it are not part of who speaks.
_OPENS_WITH_SPEECH = re.compile(fill(r"{said}\b|{according}\b", _SPEECH), re.I)
# Those who responded to the attack, or whom the attacker pretended to be (responders.csv).
_RESPONDERS = slots(FALLBACK, "responders")
_RESPONDER = re.compile(
    fill(
        r"\b(?:{unit}\s+)?{responder}\b(?:\s+\w+){0,3}?\s+{response}\b|"
        r"\b{by_verb} {by} {article}?(?:\w+\s+)?{agent}\b|"
        r"\b{disguise} {a}?(?:\w+\s+){0,2}?\w+\b|\b{posing} {a}?(?:\w+\s+){0,2}?\w+\b|"
        r"\b{in} {a}?{uniform_of} {uniform}\b|"
        r"\b{fight} {with} {the}?{opponent}\b",
        _RESPONDERS,
    ),
    re.I,
)
_OBJECT_VERB = re.compile(
    r"\b(?:attack(?:ed|s)? on|attacked|opened fire (?:on|at)|stormed|struck|targeted|"
    r"targeting|hit|rammed|ploughed into|drove into|driven into|raid on|assault on|bombing (?:of|at)|"
    r"blast at|explosion at|bomb(?:ing)? at|shot at|fired (?:on|at)|overran|overrun|"
    r"ambushed|massacred|killing|killed|kidnapped|abducted|seized|shot dead|gunned down|swept into|"
    r"walked into|interrupted|drove (?:an?\s+|the\s+|his\s+|her\s+)?(?:[\w-]+\s+){0,2}?(?:truck|car|van|"
    r"vehicle|lorry|suv|pickup) (?:into|through))\b",
    re.I,
)
_VICTIM_VERB = re.compile(r"kill|shot dead|gunned down", re.I)
_VENUE = re.compile(r"\b(?:at|inside|outside|near|into|where|among|beside)\b[^,.;]{0,80}", re.I)
_RECALLED = re.compile(CAME_AFTER.pattern + r"|\bsince\b[^.;,]{0,40},?\s+when\b", re.I)
_ARMED_RAID = re.compile(
    r"\b(?:gunm[ae]n)\b|\b(?:stormed|overran|raided|massacred|ambushed|swept into|"
    r"assault(?:ed)? on)\b",
    re.I,
)
# Rule MODE_UNSTATED: "Assailants attacked a security post": attackers named by no weapon and
# no armed act. GTD codes the attack and its weapon Unknown (the news gold too: "an attack whose
# mode the text does not state is Unknown"); a shooting is not assumed.
_ATTACKERS_ONLY = re.compile(
    r"\b(?:attackers|assailants|militants|insurgents|fighters|jihadists|raiders|bandits)\b", re.I
)
# "weeks after suicide bombers struck churches in Tanta": another attack, recalled.
_ANOTHER_ATTACK = re.compile(
    r"\b(?:hours|days|weeks|months|years|a (?:day|week|month|year)) (?:after|before)\b[^.;\n]*|"
    r"\b(?:since|like|as in)\b[^.;\n]*",
    re.I,
)
_SUICIDE_DEVICE = re.compile(
    r"\bsuicide (?:bomb|vest|belt|car|truck)|\bexplosive (?:vests?|belts?)\b|"
    r"\bblew (?:himself|herself|themselves) up\b|\bbomb attack\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class _Cue:
    start: int
    end: int
    label: str
    rank: int  # 1: a named kind of target; 2: ordinary people and businesses


def _mask(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


_SPEECH_WORDS = literal_stems([*_SPEECH["verb"], *_SPEECH["according"], *_SPEECH["said"]])
_MODIFIERS = re.compile(r"(?:[\w'’-]+\s+){1,4}$")
_RESPONDER_WORDS = literal_stems(
    [
        p
        for slot in ("responder", "agent", "disguise", "posing", "uniform", "opponent")
        for p in _RESPONDERS[slot]
    ]
)


def _mask_speakers(text: str) -> str:
    """Blanks who speaks, with up to four words before the title ("the United Nations
    humanitarian coordinator ... said")."""
    lower = text.lower()
    if not any(w in lower for w in _SPEECH_WORDS):
        return text
    out = list(text)
    for m in _SPEAKER.finditer(text):
        start = m.start()
        lead_in = _MODIFIERS.search(text, max(0, start - 60), start)
        if lead_in and not _OPENS_WITH_SPEECH.match(m.group(0)):
            start = lead_in.start()
        out[start : m.end()] = " " * (m.end() - start)
    return "".join(out)


# Rule ATTACKER_DISGUISE: what the attackers wore names no target: "gunmen wearing masks and
# military gear", "dressed in police uniforms", "disguised as soldiers", "in army fatigues".
_DISGUISE = re.compile(
    r"\b(?:wearing|wore|dressed in|clad in|disguised as|in)\s+(?:[\w-]+\s+(?:and\s+)?){0,3}?"
    r"(?:military|army|police|security|soldiers?'?|combat)\s*(?:gear|uniforms?|fatigues|clothing|"
    r"garb|attire|style)|\bdisguised as (?:soldiers|police(?:m[ae]n)?|security (?:forces|personnel))",
    re.I,
)


# One of these is in every match of _DISGUISE (the garment that ends it, or "disguised as").
_DISGUISE_WORDS = (
    "gear",
    "uniform",
    "fatigues",
    "clothing",
    "garb",
    "attire",
    "style",
    "disguised",
)


def _mask_disguise(text: str) -> str:
    lower = text.lower()
    if not any(w in lower for w in _DISGUISE_WORDS):
        return text
    return _mask(text, _DISGUISE)


def _mask_responders(text: str) -> str:
    lower = text.lower()
    if not any(w in lower for w in _RESPONDER_WORDS):
        return text
    return _mask(text, _RESPONDER)


def _lowered(alternation: str) -> re.Pattern[str]:
    return re.compile(r"(?=[a-z0-9])\b(?:" + alternation.lower().replace("(?p<", "(?P<") + ")")


def _lower(text: str) -> str:
    """Lower case of the same length (offsets stay valid); a few letters, such as "İ", grow."""
    low = text.lower()
    return (
        low
        if len(low) == len(text)
        else "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    )


def _event_clause(lead: str) -> str:
    m = _RECALLED.search(lead)
    return lead[m.end() :] if m else lead


class Taxonomy:
    """Compiled cue tables."""

    def __init__(self, weapon_cues: pd.DataFrame, target_cues: pd.DataFrame) -> None:
        self.weapon = [
            (re.compile(rf"\b(?:{r.pattern})\b", re.I), r.weapon_type)
            for r in weapon_cues.itertuples()
        ]
        # One scan per text instead of one per cue: alternation in table order, one named
        # group per cue (at a position the first alternative that matches wins).
        # Cue scans run on lower-cased text with lower-cased patterns (case-insensitive
        # matching is several times slower), and test for a word start once, before the
        # alternation: most positions fail there.
        self._weapon_any = _lowered(
            "|".join(f"(?:{r.pattern})\\b" for r in weapon_cues.itertuples())
        )
        self._target_cue = {
            f"t{i}": (r.target_type, int(r.rank)) for i, r in enumerate(target_cues.itertuples())
        }
        self._target_any = _lowered(
            "|".join(
                f"(?P<t{i}>(?:{r.pattern})\\b)" for i, r in enumerate(target_cues.itertuples())
            )
        )

    def _weapon_at(self, text: str, at: int) -> tuple[int, str] | None:
        best: tuple[int, str] | None = None
        for pattern, label in self.weapon:
            m = pattern.match(text, at)
            if m and (best is None or m.end() > best[0]):
                best = (m.end(), label)
        return best

    def weapon_type(self, text: str) -> str | None:
        """The weapon the text names first; at one position the longest cue wins.

        GTD ranks a bombing above an armed assault: guns named together with a suicide device
        or a bomb attack ("a gun and suicide bomb attack", "armed with rifles and explosive
        vests") make Explosives, unless the attackers themselves are called gunmen."""
        first = self._weapon_any.search(_lower(text))
        if first is None:
            return None
        found = self._weapon_at(text, first.start())
        if found is None:
            return None
        label = found[1]
        if label == "Fake Weapons":
            return self.weapon_type(text[found[0] :])
        if (
            label == "Firearms"
            and not re.match(r"gunm[ae]n", text[first.start() :], re.I)
            and _SUICIDE_DEVICE.search(text)
            and not re.search(r"\bfake\b", text, re.I)
        ):
            return "Explosives"
        return label

    def _target_cues(self, text: str) -> list[_Cue]:
        cues: list[_Cue] = []
        for m in self._target_any.finditer(_lower(text)):
            if not m.lastgroup:
                continue
            label, rank = self._target_cue[m.lastgroup]
            cue = _Cue(m.start(), m.end(), label, rank)
            # The head of a name decides: "Army Public School" is a school.
            if (
                cues
                and text[cues[-1].start].isupper()
                and text[m.start()].isupper()
                and re.fullmatch(r"(?:\s+[A-Z][\w'’-]*)*\s+", text[cues[-1].end : m.start()])
            ):
                cues[-1] = cue
                continue
            cues.append(cue)
        return cues

    def _target_in(self, text: str) -> tuple[str, int] | None:
        """The best target one sentence names: the object of the attack verb first, then the
        venue phrases ("at a rally", "where ... was holding its summer camp"), then the rest.
        A named kind of target (a school, a rally, police) outranks ordinary people and
        businesses; among equals the first named wins."""
        masked = _mask_disguise(_mask_responders(_mask_speakers(text)))
        cues = self._target_cues(masked)  # one scan; the zones select among its cues
        if not cues:
            return None
        verb = _OBJECT_VERB.search(masked)
        zones: list[tuple[int, int]] = []
        if verb:
            obj = [c for c in cues if verb.end() <= c.start < verb.end() + 120]
            # What was fired on, stormed or struck is the target whatever its rank: "opened
            # fire on people outside bars near the synagogue". Those killed are not: they
            # may be bystanders of the target.
            if (
                obj
                and not _VICTIM_VERB.match(verb.group(0))
                and obj[0].start < verb.end() + 40
                and re.fullmatch(r"[\s\w'’-]*", masked[verb.end() : obj[0].start])
            ):
                return obj[0].label, obj[0].rank
            zones.append((verb.end(), verb.end() + 120))
        zones += [m.span() for m in _VENUE.finditer(masked)]
        zones.append((0, len(masked)))
        ordinary: tuple[str, int] | None = None
        for a, b in zones:
            for cue in cues:
                if not a <= cue.start < b:
                    continue
                if cue.rank == 1:
                    return cue.label, 1
                if ordinary is None:
                    ordinary = (cue.label, 2)
        return ordinary

    def classify(
        self,
        lead: str,
        event: str = "",
        before: Sequence[str] = (),
        near: str = "",
        far: str = "",
    ) -> Types:
        """Types of one incident.

        `lead` is the sentence that opened it and `event` its other sentences; `before` the
        sentences just before the lead that describe the attack without a figure (nearest
        first); `near` the context in the incident's own paragraph and `far` the rest."""
        clause = _event_clause(lead)
        own = [clause, *before, event]
        weapon = next((w for w in map(self.weapon_type, [*own, near]) if w), None)
        if weapon is None and _ARMED_RAID.search(" ".join(own)):
            weapon = "Firearms"  # an armed raid whose weapon goes unnamed is a shooting
        weapon = weapon or self.weapon_type(far)
        if weapon is None and _ATTACKERS_ONLY.search(" ".join(own)):
            weapon = "Unknown"
        everything = " ".join([*reversed(before), lead, event, near])
        # One line per sentence: a recalled attack is masked to the end of its own sentence.
        told = "\n".join([*reversed(before), clause, event, near, far])
        suicide = any(
            w in told for w in ("uicide", "blew", "blow", "xplosive", "detonat", "set off")
        )
        if suicide:
            told = _mask(_mask(told, _FAKE_SUICIDE), _ANOTHER_ATTACK)
            suicide = bool(_SUICIDE.search(told))
        attack = _attack_type(_mask_speakers(clause), everything, weapon)
        if (
            attack == "Hostage Taking (Kidnapping)"
            and weapon
            and not re.search(r"\b(?:shot|bomb|blast|explosion|fire[d]?)\b", lead, re.I)
        ):
            weapon = None
        if attack in ("Armed Assault", "Bombing/Explosion", "Unknown") and _ALSO_ABDUCTED.search(
            " ".join([event, near])
        ):
            attack = "Hostage Taking (Kidnapping)"  # the weapon of the attack stays
        target = None
        place = next((x for x in [clause, *before] if x and _PLACE_ATTACKED.search(x)), None)
        for sentence in own:
            found = self._target_in(sentence) if sentence else None
            if found:
                target = found[0]
                if target == "Military" and _SECURITY_FORCES.search(sentence):
                    target = _security_forces(everything)
                if place is not None and sentence is not place:
                    # the place attacked is the target; the people named elsewhere its victims
                    target = "Private Citizens & Property"
                break
        if target is None and place is not None:
            target = "Private Citizens & Property"
        return Types(attack, target, weapon, suicide)


# Rule SECURITY_FORCES_BY_VICTIMS: "security posts", "a security checkpoint", "security
# forces" say neither army nor police; the people the account names settle it, as GTD codes
# it: police officers and no soldiers make it Police ("Assailants attacked security posts ...
# four police officers were killed").
_SECURITY_FORCES = re.compile(
    r"\bsecurity (?:posts?|check ?posts?|checkpoints?|outposts?|forces|personnel)\b", re.I
)
_POLICE_NAMED = re.compile(r"\bpolice|\bpolicem[ae]n\b|\bgendarme", re.I)
_MILITARY_NAMED = re.compile(
    r"\b(?:soldiers?|troops|army|military|servicem[ae]n|marines|NATO|ANA)\b", re.I
)


def _security_forces(text: str) -> str:
    if _POLICE_NAMED.search(text) and not _MILITARY_NAMED.search(text):
        return "Police"
    return "Military"


# Rule PLACE_ATTACKED: an attack on a place named as such ("Assailants attacked Chora
# district, Uruzgan", "gunmen raided Tarmaber town", "fighters stormed Kidal, Mali"), with no
# other target named in its sentence, is an attack on the people and property there (GTD's
# Private Citizens & Property), whoever the toll then names ("... one police officer was
# injured"). A name followed by "a", "an" or "the" is a person's ("attacked Ali, a judge").
_PLACE_ATTACKED = re.compile(
    r"\b(?:attacked|raided|stormed|overran|swept into|attacks? on|raids? on|assault on)\s+"
    r"(?:the\s+)?(?:[A-Z][\w'’-]+\s+){0,3}?[A-Z][\w'’-]+"
    r"(?:\s+(?:district|city|town|village|area|province|county|region)\b|,\s+[A-Z])"
)


# Rule NAMED_TARGET: an attack aimed at one person, named as its object ("opened fire on
# General Khan Agha Achakzai", "the vehicle of Haji Mirza Ahmad Khan", "targeting Nematullah
# Zaheer") whom the account then names by role ("Achakzai, a senior military officer"), is an
# assassination whatever its weapon, as GTD codes an attack on a specific person. A role of
# ordinary people ("Khan, a civilian") names no one of note, a toll of many is a bombing of a
# crowd (`_MANY_DEAD`), and setting fire to a person's house is an attack on a building.
_NAMED_TARGET = re.compile(
    r"\b(?:(?:opened fire|fired|shot) (?:on|at)|attacked|shot(?: and killed)?|shot dead|stabbed|"
    r"ambushed|targeting|targeted|(?:vehicle|car|house|home|convoy|residence|compound) of)\s+"
    r"(?:(?:General|Colonel|Captain|Major|Commander|Haji|Maulvi|Mawlawi|Dr\.?|Mr\.?|Mrs\.?|Ms\.?)\s+)?"
    r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})"
)
_ORDINARY_ROLE = re.compile(
    r"(?:local |young |elderly |former )?(?:civilian|resident|villager|farmer|shopkeeper|"
    r"student|man|woman|boy|girl|child|labou?rer|worker|driver|trader|businessman|vendor)\b",
    re.I,
)

_ARSON = re.compile(
    r"\b(?:set (?:on )?fire|set ablaze|torched|burn(?:ed|t) down|firebomb\w*|arson)\b", re.I
)


def _named_target(lead: str, context: str) -> bool:
    """Rule NAMED_TARGET (see `_NAMED_TARGET`)."""
    m = _NAMED_TARGET.search(lead)
    if m is None:
        return False
    text = lead + " " + context
    for word in m.group("name").split():
        if len(word) < 3 or not word[0].isupper():
            continue
        for role in re.finditer(rf"\b{re.escape(word)}, (?:a|an|the) ", text):
            if not _ORDINARY_ROLE.match(text, role.end()):
                return True
    return False


def _attack_type(lead: str, context: str, weapon: str | None) -> str:
    if _HIJACK.search(lead):
        return "Hijacking"
    if _KIDNAP.search(lead) and not re.search(r"\bkill", lead[:60], re.I):
        return "Hostage Taking (Kidnapping)"
    if _HOSTAGES_TAKEN.search(lead) or (
        re.search(r"\bsiege\b", lead, re.I) and _HOSTAGES.search(context)
    ):
        return "Hostage Taking (Barricade Incident)"
    if weapon == "Incendiary" and _FACILITY.search(lead + " " + context):
        return "Facility/Infrastructure Attack"
    # Rule ASSASSINATION_ANY_MEANS: an attack whose object is a person of office is an
    # assassination however it was done (GTD: the objective is to kill a specific, prominent
    # person): shot, stabbed, or "a suicide bombing ... killed the refugee minister and two
    # others", "Tuesday's car bombing that killed the deputy governor and his driver". A
    # bombing that counts many dead is the bombing of a crowd, whoever was among them.
    if weapon == "Explosives" and _TARGETED_DEVICE.search(lead):
        return "Assassination"
    if _named_target(lead, context) and not _MANY_DEAD.search(lead) and not _ARSON.search(lead):
        return "Assassination"
    if _ASSASSINATION.search(lead) and (
        weapon in (None, "Firearms", "Melee")
        or (weapon == "Explosives" and _OFFICE_KILLED.search(lead) and not _MANY_DEAD.search(lead))
    ):
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
