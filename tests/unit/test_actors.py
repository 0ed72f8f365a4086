"""Which groups a sentence ties to an attack: named example sets per rule."""

import pytest

ISIL = "Islamic State of Iraq and the Levant (ISIL)"
MAOISTS = "Communist Party of India - Maoist (CPI-Maoist)"


def stances(text, ref):
    return [(g.canonical, g.stance) for g in ref.groups.find(text)]


# group_as_agent: the group is the subject of one violent act.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Officials said IS killed nine guards at the border post last week.", [(ISIL, "attributed")]),
        ("Maoists blew up a mine-protected vehicle near the district headquarters.", [(MAOISTS, "attributed")]),
        ("Al-Shabaab fighters have stormed a police station in the south.", [("Al-Shabaab", "attributed")]),
        ("ISWAP overran an army base near the lake on Friday.", [("Islamic State West Africa Province (ISWAP)", "attributed")]),
        ("The Taliban reportedly ambushed a convoy on the highway.", [("Taliban", "attributed")]),
    ],
)  # fmt: skip
def test_a_group_that_acts_is_attributed(ref, text, expected):
    assert stances(text, ref) == expected


# ... but a tally over years is not one act, and a reduced passive makes the group the victim.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Boko Haram has killed more than 30,000 people since 2009.", [("Boko Haram", "mentioned")]),
        ("Maoists have killed hundreds of policemen over the years.", [(MAOISTS, "mentioned")]),
        ("The Taliban killed in the fighting were buried on Sunday.", [("Taliban", "mentioned")]),
    ],
)  # fmt: skip
def test_a_tally_or_a_passive_is_not_an_act(ref, text, expected):
    assert stances(text, ref) == expected


# group_as_victims: the group's men acted upon by the state attribute nothing.
@pytest.mark.parametrize(
    "text",
    [
        "Eleven Taliban fighters killed in an air strike were buried in Helmand.",
        "Two ISWAP commanders captured by troops were shown to reporters.",
        "Al-Shabaab militants killed by security forces had planned an ambush.",
    ],
)
def test_group_members_acted_upon_are_only_mentioned(ref, text):
    assert [s for _, s in stances(text, ref)] == ["mentioned"]


# Attacker nouns after the name: rebels, separatists and guerrillas as well as fighters.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Suspected ADF rebels raided a village overnight.", [("Allied Democratic Forces (ADF)", "attributed")]),
        ("BLA separatists fired on a bus in the hills.", [("Balochistan Liberation Army (BLA)", "attributed")]),
        ("NPA guerrillas torched two trucks at a quarry.", [("New People's Army (NPA)", "attributed")]),
    ],
)  # fmt: skip
def test_attacker_nouns_after_a_group_name(ref, text, expected):
    assert stances(text, ref) == expected


# One movement named by a generic word and its qualifier: "Anglophone separatists" are the
# Ambazonian fighters, "Maoist insurgents" the CPI-Maoist, "suspected ADF rebels" the ADF.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Anglophone separatists set fire to a school in the north-west.", [("Ambazonia Defence Forces", "attributed")]),
        ("Maoist insurgents ambushed a patrol in the forest.", [(MAOISTS, "attributed")]),
        ("Suspected ADF rebels hacked eleven farmers to death.", [("Allied Democratic Forces (ADF)", "attributed")]),
    ],
)  # fmt: skip
def test_a_generic_word_with_its_qualifier_names_one_movement(ref, text, expected):
    assert stances(text, ref) == expected


# Movements GTD names by their cause alone ("Separatists", "Muslim extremists", "Anarchists"):
# a sentence that blames them, with no group's name, points at that movement; a named group
# of the same cause is still the longer, named match.
@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("Police believe separatists were behind the ambush on the gendarmes.", "Separatists"),
        ("Anarchists claimed responsibility for the firebomb at the bank.", "Anarchists"),
        ("Officials blamed Baloch insurgents for blowing up the railway track.", "Baloch Separatists"),
        ("Mapuche activists were suspected of torching three logging trucks.", "Mapuche extremists"),
        ("Anglophone separatists burned the village school.", "Ambazonia Defence Forces"),
    ],
)  # fmt: skip
def test_a_movement_named_by_its_cause(ref, text, canonical):
    assert [g.canonical for g in ref.groups.find(text)] == [canonical]


# A group that takes hostages or seizes a place acts; so does one whose bomb was planted.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In 2004, Chechen militants took hundreds of pupils hostage at a school.", [("Chechen Rebels", "attributed")]),
        ("The Taliban seized the district centre after a night of fighting.", [("Taliban", "attributed")]),
        ("A bomb planted by IS brought down the airliner over the desert.", [(ISIL, "attributed")]),
        ("Troops seized weapons from the Taliban hideout.", [("Taliban", "mentioned")]),
    ],
)  # fmt: skip
def test_hostage_takers_and_bomb_planters_act(ref, text, expected):
    assert stances(text, ref) == expected
