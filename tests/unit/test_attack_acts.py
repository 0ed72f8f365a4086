"""Violent acts by people (rule ATTACK_ACT) and deaths no person inflicted (NATURAL_CAUSE)."""

import pytest

from transforms.attack_acts import attack_act, natural_cause


@pytest.mark.parametrize(
    "sentence",
    [
        "Unknown men torched a primary school in the village of Dori late on Sunday.",
        "Gunmen shot and killed the deputy mayor outside his home in Taxco, police said.",
        "An improvised explosive device went off near a shrine in Peshawar but hurt no one.",
        "Militants sabotaged a gas pipeline in the district overnight, cutting supplies.",
        "The power line feeding the port was blown up by suspected rebels on Friday.",
        "Assailants, including a suicide bomber in a lorry, attacked the border post at dawn.",
        "Masked men abducted three aid workers from their car near Goma on Tuesday.",
        "A grenade was thrown into the courtyard of the police station in Bujumbura.",
    ],
)
def test_acts_of_violence_by_people(sentence):
    assert attack_act(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Police foiled a plot to bomb the embassy and arrested four men on Monday.",
        "Army engineers defused an explosive device found under a bridge in Herat.",
        "The attacker shot wide in the 89th minute and the cup tie ended goalless.",
        "Militants frequently attack convoys on the highway, residents say.",
        "The opposition attacked the government's budget plan in parliament.",
        '"Gunmen stormed the hall and fired at everyone," a survivor said.',
        "Shares in the energy group fell sharply after a profit warning on Friday.",
    ],
)
def test_not_an_attack_that_took_place(sentence):
    assert not attack_act(sentence)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Monsoon rains and landslides have killed at least 40 people in Nepal.", True),
        ("A magnitude 6.1 earthquake struck the coast, leaving nine people dead.", True),
        ("Eleven passengers died when the bus collided with a lorry near Multan.", True),
        ("A shark killed a surfer off the coast of Western Australia on Sunday.", True),
        ("Gunmen killed 12 villagers in an overnight raid on a hamlet in Zamfara.", False),
        ("A car bomb killed five soldiers at a checkpoint south of Mogadishu.", False),
    ],
)
def test_natural_and_accidental_causes(sentence, expected):
    assert natural_cause(sentence) is expected


# Rule LONE_ATTACKER: one person named by no attacker's word who does what attackers do.
@pytest.mark.parametrize(
    "sentence",
    [
        "During the festival a man attacked several people with a knife near the stage.",
        "A 31-year-old suspect opened fire outside the synagogue on Saturday.",
        "Witnesses said a woman threw a petrol bomb at the mosque door.",
        "The suspect drove into a crowd of shoppers at the Christmas market.",
    ],
)
def test_one_person_doing_what_attackers_do_is_an_act(sentence):
    assert attack_act(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "A man was killed when his car hit a tree on the highway.",
        "A woman opened the door and greeted the guests.",
        "The suspect drove to the station and handed himself in.",
    ],
)
def test_one_person_doing_ordinary_things_is_no_act(sentence):
    assert not attack_act(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        # ATTACKERS_BY_GEAR: people named by their masks, uniforms or arms, doing violence.
        "About 20 men in fatigues massacred the worshippers of a village church.",
        "Dozens of people wearing masks stormed the town hall and set it ablaze.",
        "Four men armed with machetes attacked the farm at night.",
        "Several individuals in police uniforms abducted the trader from his shop.",
    ],
)
def test_people_named_by_their_gear_are_attackers(sentence):
    assert attack_act(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Doctors wearing masks treated the wounded at the district hospital.",
        "Men in uniform marched through the capital for the independence parade.",
        "People armed with umbrellas waited for the bus in the rain.",
    ],
)
def test_gear_without_violence_is_no_act(sentence):
    assert not attack_act(sentence)
