"""GTD attack, target and weapon types from an incident's own words."""

import pytest

from transforms.taxonomy import VEHICLE


def types(ref, lead, **kw):
    return ref.taxonomy.classify(lead, **kw)


@pytest.mark.parametrize(
    ("lead", "target"),
    [
        # Who speaks is not who was attacked.
        (
            "Officials say 19 people, most of them students, were killed before security forces "
            "killed the three gunmen.",
            "Educational Institution",
        ),
        (
            "Governor Ali Musa, who visited the site, said about 60 farm labourers may have died.",
            "Private Citizens & Property",
        ),
        ("The government's official figure is 132 dead.", None),
        # An election rally is a political target; a peace rally is not.
        (
            "A suicide bomber blew himself up at an election rally in the northwest on Sunday, "
            "killing 20 people, officials said.",
            "Government (General)",
        ),
        (
            "Two suicide bombers killed more than 100 people at a peace rally outside the "
            "railway station.",
            "Private Citizens & Property",
        ),
        # A named target outranks the count of people killed.
        (
            "A bomb hidden in a motorcycle exploded near the convoy of a provincial minister, "
            "killing four people.",
            "Government (General)",
        ),
        (
            "Gunmen interrupted Sunday mass in the village and killed six people, including the priest.",
            "Religious Figures/Institutions",
        ),
        # Responders and disguises are not targets.
        (
            "By the time army commandos ended the siege at the cafe, 20 hostages were dead.",
            "Business",
        ),
        (
            "A gunman opened fire on the beach of a resort hotel, killing 38 people, before "
            "police shot him dead.",
            "Tourists",
        ),
        (
            "The attacker, dressed as a police officer, reached the island where the ruling "
            "party's youth wing was holding its summer camp and shot dead 69 people.",
            "Government (General)",
        ),
        # The head of a name decides: the Army Public School is a school.
        (
            "Gunmen attacked the Army Public School in Peshawar and killed more than 140 people.",
            "Educational Institution",
        ),
        # A marketplace is GTD's Private Citizens & Property.
        (
            "A truck ploughed into a crowded Christmas market, killing 12 people.",
            "Private Citizens & Property",
        ),
        # A recalled attack is described after "came ... after".
        (
            "The bombing came a week after gunmen stormed the Intercontinental Hotel, killing 22 people.",
            "Business",
        ),
        (
            "It was the deadliest attack since May 2017, when a truck bomb near the German "
            "embassy killed more than 150 people.",
            "Government (Diplomatic)",
        ),
    ],
)
def test_target_type(ref, lead, target):
    assert types(ref, lead).target_type == target


def test_target_from_the_sentences_before_a_toll(ref):
    t = types(
        ref,
        "No one was injured, police said.",
        before=[
            "The offices of the satirical weekly were gutted by fire after a petrol bomb was "
            "thrown through a window."
        ],
    )
    assert (t.attack_type, t.target_type, t.weapon_type) == (
        "Facility/Infrastructure Attack",
        "Journalists & Media",
        "Incendiary",
    )


@pytest.mark.parametrize(
    ("lead", "weapon", "attack", "suicide"),
    [
        # A suicide bombing with guns is a bombing (GTD's hierarchy) ...
        (
            "The number of people killed in the gun and suicide bomb attack rose to 44.",
            "Explosives",
            "Bombing/Explosion",
            True,
        ),
        (
            "The prime minister said 36 people were killed when three attackers armed with "
            "rifles and explosive vests struck the airport.",
            "Explosives",
            "Bombing/Explosion",
            True,
        ),
        # ... but gunmen who also wear vests make an armed assault.
        (
            "Three gunmen wearing suicide vests stormed the police training college.",
            "Firearms",
            "Armed Assault",
            True,
        ),
        (
            "Five attackers stormed the hotel, killing 21 people before all of them died, one "
            "by blowing himself up and the rest in a gunfight.",
            "Firearms",
            "Armed Assault",
            True,
        ),
        # An armed raid without a named weapon is a shooting; attackers named by no weapon and
        # no armed act leave the mode unsaid (MODE_UNSTATED).
        (
            "Gunmen raided the airfield, killing a soldier and two contractors.",
            "Firearms",
            "Armed Assault",
            False,
        ),
        (
            "Attackers killed 86 people in the village overnight.",
            "Unknown",
            "Unknown",
            False,
        ),
        # Vehicle rammings.
        (
            "Monday's truck attack on the market killed 12 people.",
            VEHICLE,
            "Unarmed Assault",
            False,
        ),
        (
            "Twelve people were killed when the truck was driven into the crowd.",
            VEHICLE,
            "Unarmed Assault",
            False,
        ),
        # A truck bomb is still a bomb.
        (
            "A truck bomb exploded outside the ministry, killing 30.",
            "Explosives",
            "Bombing/Explosion",
            False,
        ),
    ],
)
def test_weapon_attack_and_suicide(ref, lead, weapon, attack, suicide):
    t = types(ref, lead)
    assert (t.weapon_type, t.attack_type, t.suicide) == (weapon, attack, suicide)


def test_a_hacked_website_is_not_a_knife(ref):
    t = types(ref, "No one was hurt in the fire.", near="The weekly's website was also hacked.")
    assert t.weapon_type is None


def test_a_siege_without_hostages_is_an_armed_assault(ref):
    t = types(
        ref,
        "Gunmen stormed the hotel on Saturday night, killing 22 people in a siege that lasted "
        "12 hours.",
    )
    assert t.attack_type == "Armed Assault"
    t = types(ref, "Gunmen held 30 hostages in the cafe for 12 hours.")
    assert t.attack_type == "Hostage Taking (Barricade Incident)"


def test_suicide_flag_from_the_account_but_not_from_another_attack(ref):
    lead = "Explosions and gunfire struck the airport terminal, killing at least 10 people."
    assert types(ref, lead, far="Broadcasters said two attackers then blew themselves up.").suicide
    t = types(
        ref,
        "Masked gunmen opened fire on a bus, killing 26 people.",
        far="The attack came weeks after suicide bombers struck churches in two cities.",
    )
    assert not t.suicide


@pytest.mark.parametrize(
    ("lead", "target"),
    [
        (
            "A gunman opened fire on people outside bars near the city's main synagogue, "
            "killing four.",
            "Private Citizens & Property",
        ),
        (
            "A van mowed down pedestrians on the boulevard, killing 13 people, in what police "
            "called a terrorist attack.",
            "Private Citizens & Property",
        ),
        (
            "The attack at the cafe in the city's diplomatic quarter killed 20 hostages.",
            "Business",
        ),
    ],
)
def test_what_was_fired_on_and_where_it_stood(ref, lead, target):
    assert types(ref, lead).target_type == target


def test_an_assault_without_a_named_weapon_is_a_shooting(ref):
    t = types(ref, "An assault on a military hospital in Kabul left 25 dead and 50 wounded.")
    assert (t.attack_type, t.weapon_type, t.target_type) == (
        "Armed Assault",
        "Firearms",
        "Military",
    )


@pytest.mark.parametrize(
    ("lead", "target"),
    [
        (
            "Two police officers were killed when militants attacked a checkpoint in the district.",
            "Police",
        ),
        (
            "A man drove a pickup truck into a crowd celebrating New Year's, killing 14 people "
            "before he was shot dead in a gunfight with police.",
            "Private Citizens & Property",
        ),
    ],
)
def test_who_was_hit_when_the_object_is_vague(ref, lead, target):
    assert types(ref, lead).target_type == target


def test_suicide_flag_of_a_recalled_attack_and_after_a_headline(ref):
    t = types(
        ref,
        "It was the deadliest attack since May 2017, when a suicide truck bomb near the German "
        "embassy killed more than 150 people.",
    )
    assert t.suicide
    t = types(
        ref,
        "ANKARA — Two years ago today, three men with rifles and explosive vests attacked the "
        "airport terminal, killing 45 people.",
        before=["Two years after the airport attack, a quiet war with IS cells"],
    )
    assert t.suicide


# Rule ASSASSINATION_ANY_MEANS: killing a person of office is an assassination by any means.
@pytest.mark.parametrize(
    "lead",
    [
        "A roadside bomb killed the provincial governor and his bodyguard on Monday.",
        "A magnetic bomb attached to his car killed the district judge outside the court.",
        "A local broadcaster has been shot dead outside his studio, police said.",
        "The mayor was stabbed to death at a market on Sunday.",
    ],
)
def test_killing_a_person_of_office_is_an_assassination(ref, lead):
    assert types(ref, lead).attack_type == "Assassination"


def test_a_bombing_of_a_crowd_stays_a_bombing(ref):
    lead = "A suicide bomber killed 31 people at a rally, including the provincial governor."
    assert types(ref, lead).attack_type == "Bombing/Explosion"


def test_a_bomb_that_spared_the_person_of_office_is_a_bombing(ref):
    lead = "A bomb targeting the convoy of candidate Ali Khan killed four people in Bannu."
    assert types(ref, lead).attack_type == "Bombing/Explosion"


# Target cues: security forces and their posts, polling stations and government staff, militias
# that fight beside the state, and one ordinary person.
@pytest.mark.parametrize(
    ("lead", "target"),
    [
        ("Insurgents attacked a security outpost on the highway overnight.", "Military"),
        ("Gunmen fired on security forces guarding the bridge.", "Military"),
        ("A bomb exploded outside a polling station in the town.", "Government (General)"),
        ("Militants ambushed a government convoy on the main road.", "Government (General)"),
        ("Fighters attacked uprising forces near the village.", "Terrorists/Non-State Militia"),
        (
            "Assailants shot an elderly man outside the mosque gate.",
            "Religious Figures/Institutions",
        ),
        ("A grenade was thrown at a motorcycle near the bridge.", "Private Citizens & Property"),
    ],
)
def test_more_target_cues(ref, lead, target):
    assert types(ref, lead).target_type == target


# Homes and villages are private property: plural forms too ("houses", "villages"); the home
# of a person named by office is left to the rules for people of office.
@pytest.mark.parametrize(
    ("lead", "target"),
    [
        ("Raiders torched several houses on the edge of the town.", "Private Citizens & Property"),
        ("Militants set fire to civilian residences overnight.", "Private Citizens & Property"),
        ("Fighters stormed two villages north of the river.", "Private Citizens & Property"),
        (
            "A grenade was thrown at a family home in the old quarter.",
            "Private Citizens & Property",
        ),
    ],
)
def test_homes_and_villages(ref, lead, target):
    assert types(ref, lead).target_type == target


# A projectile fired is an explosive weapon, not a gun: "fired a rocket", "fired mortar shells".
@pytest.mark.parametrize(
    "lead",
    [
        "Insurgents fired a rocket at the airport fence overnight.",
        "Militants fired three mortar shells into the camp.",
        "The rebels fired an RPG at the armoured car.",
    ],
)
def test_a_fired_projectile_is_explosive(ref, lead):
    assert types(ref, lead).weapon_type == "Explosives"


def test_a_gun_fired_is_a_firearm(ref):
    assert types(ref, "Gunmen fired on a minibus near the market.").weapon_type == "Firearms"


@pytest.mark.parametrize(
    ("lead", "barricade"),
    [
        # Rule HOSTAGES_TAKEN: hostages of another cause make no barricade incident.
        (
            "A man threw petrol bombs at marchers calling for the release of hostages held "
            "abroad, injuring eight.",
            False,
        ),
        ("Eleven people were hurt when a man hurled firebombs at a vigil for the hostages.", False),
        ("Gunmen stormed the town hall and held a dozen clerks hostage for six hours.", True),
        ("Militants stormed the hospital, taking doctors and patients hostage.", True),
        ("The standoff at the bank ended when police shot the robber dead.", True),
        ("Commandos freed 40 hostages after the gunmen had held the theatre all night.", True),
    ],
)
def test_hostages_of_this_attack_make_a_barricade(ref, lead, barricade):
    got = types(ref, lead).attack_type
    assert (got == "Hostage Taking (Barricade Incident)") is barricade


@pytest.mark.parametrize(
    ("lead", "target"),
    [
        # Rule ATTACKER_DISGUISE: what the attackers wore is no target.
        (
            "Gunmen wearing masks and military gear massacred worshipers at the village mosque.",
            "Religious Figures/Institutions",
        ),
        (
            "Attackers dressed in police uniforms opened fire on shoppers in the bazaar.",
            "Private Citizens & Property",
        ),
        (
            "Three men disguised as soldiers stormed a church during Sunday mass.",
            "Religious Figures/Institutions",
        ),
        (
            "Men in police uniforms opened fire on shoppers in the bazaar.",
            "Private Citizens & Property",
        ),
        # Soldiers who are attacked are still the target.
        (
            "Militants in civilian clothes ambushed soldiers near the border.",
            "Military",
        ),
    ],
)
def test_the_attackers_disguise_names_no_target(ref, lead, target):
    assert types(ref, lead).target_type == target


# Rule MODE_UNSTATED: attackers named by no weapon and no armed act: the attack's mode and its
# weapon are Unknown, as GTD codes them; an armed act or a weapon still decides.
@pytest.mark.parametrize(
    ("lead", "attack", "weapon"),
    [
        ("Assailants attacked a police checkpoint near the river crossing.", "Unknown", "Unknown"),
        ("Militants attacked army posts in the district overnight.", "Unknown", "Unknown"),
        ("Insurgents attacked a security outpost; four soldiers died in the clash.", "Unknown", "Unknown"),
        ("Gunmen attacked a police post on the highway.", "Armed Assault", "Firearms"),
        ("Militants stormed the school compound at dawn.", "Armed Assault", "Firearms"),
        ("Assailants set off a bomb outside the police station.", "Bombing/Explosion", "Explosives"),
    ],
)  # fmt: skip
def test_an_attack_whose_means_go_unsaid(ref, lead, attack, weapon):
    got = types(ref, lead)
    assert (got.attack_type, got.weapon_type) == (attack, weapon)


@pytest.mark.parametrize(
    "lead",
    [
        # TITLED_TARGET with the offices GTD names and long titles between name and office.
        "Gunmen shot and killed Omar Said, a deputy provincial intelligence (NDS) chief, in the city.",
        "Assailants opened fire on the vehicle of Jean Mbeki, a retired army general, near the port.",
        "Two men shot and killed Rahim Gul, a tribal leader, outside the mosque.",
        # Rule TARGETED_DEVICE: a bomb fixed to the car of a person of office.
        "A magnetic bomb attached to the car of Ali Noor, a district official, exploded at noon.",
    ],
)
def test_a_person_of_office_targeted_is_an_assassination(ref, lead):
    assert types(ref, lead).attack_type == "Assassination"


def test_a_bomb_near_a_convoy_that_killed_a_crowd_stays_a_bombing(ref):
    lead = "A bomb targeting the convoy of candidate Ali Khan killed 14 people at the market."
    assert types(ref, lead).attack_type == "Bombing/Explosion"


@pytest.mark.parametrize(
    ("lead", "event", "attack"),
    [
        # Rule KIDNAP_IN_ATTACK: people taken away in the attack make it a kidnapping.
        ("Rebels attacked an army camp near the border.", "In addition, five soldiers were abducted.", "Hostage Taking (Kidnapping)"),
        ("Gunmen opened fire on a convoy, killing three guards.", "Two engineers were also kidnapped.", "Hostage Taking (Kidnapping)"),
        ("A bomb exploded at the checkpoint, killing four.", "A policeman was taken hostage in the confusion.", "Hostage Taking (Kidnapping)"),
        # ... not one recalled from before.
        ("Gunmen opened fire on a bus, killing six.", "Its driver was abducted last year.", "Armed Assault"),
    ],
)  # fmt: skip
def test_people_taken_in_an_attack_make_it_a_kidnapping(ref, lead, event, attack):
    assert types(ref, lead, event=event).attack_type == attack


# Target cues by the GTD codebook's own examples: judges, courts and the intelligence service
# are government; a teacher is a school's; a radio or television station is media; a gas
# plant or oil field a utility; a religious scholar or a seminary religious; a foreign forces' patrol military.
@pytest.mark.parametrize(
    ("lead", "target"),
    [
        ("Gunmen shot dead a provincial judge as he left his house.", "Government (General)"),
        ("A bomb went off at the courthouse in the old town.", "Government (General)"),
        ("Militants ambushed a National Directorate of Security vehicle.", "Government (General)"),
        ("Assailants killed a female teacher on her way home.", "Educational Institution"),
        ("Attackers threw a grenade at a local radio station.", "Journalists & Media"),
        ("Rebels fired rockets at a natural gas plant in the desert.", "Utilities"),
        (
            "A bomb killed a religious scholar outside the seminary.",
            "Religious Figures/Institutions",
        ),
        ("A roadside bomb struck a NATO patrol near the airfield.", "Military"),
    ],
)
def test_target_cues_of_the_codebook(ref, lead, target):
    assert types(ref, lead).target_type == target


@pytest.mark.parametrize(
    ("lead", "target"),
    [
        # PLACE_ATTACKED: a place attacked as such is its people and property.
        ("Militants attacked Dera Bugti district, Balochistan, overnight.", "Private Citizens & Property"),
        ("Gunmen raided Tarmaber town on Friday.", "Private Citizens & Property"),
        ("Fighters stormed Kidal, Mali, before dawn.", "Private Citizens & Property"),
        # A name followed by an apposition is a person's, and a named target still decides.
        ("Gunmen attacked Ahmad Shah, a local judge, in Herat.", "Government (General)"),
        ("Assailants attacked Hassan Ali, a trader, in Kano.", None),
        ("Rebels attacked Bunia airport, Ituri, at night.", "Airports & Aircraft"),
    ],
)  # fmt: skip
def test_a_place_attacked_as_such(ref, lead, target):
    assert types(ref, lead).target_type == target


@pytest.mark.parametrize(
    ("lead", "event", "attack"),
    [
        # NAMED_TARGET: one person, named as the attack's object and then by role.
        (
            "Gunmen opened fire on Colonel Amir Baheer outside his office in Herat.",
            "Baheer, a senior police officer, survived the attack.",
            "Assassination",
        ),
        (
            "An explosive device attached to the vehicle of Haji Latif Noori detonated in Ghazni.",
            "Noori, a tribal elder, was killed in the blast.",
            "Assassination",
        ),
        (
            "A roadside bomb detonated targeting Sara Kamal, a radio presenter, in Kandahar.",
            "",
            "Assassination",
        ),
        # An ordinary person by role, or no role at all, is no assassination.
        (
            "Gunmen opened fire on Karim Azizi in Herat.",
            "Azizi, a local shopkeeper, was wounded.",
            "Armed Assault",
        ),
        ("Assailants attacked Mirza Awlang, Sari Pul, Afghanistan.", "", "Unknown"),
    ],
)
def test_a_named_person_targeted_is_an_assassination(ref, lead, event, attack):
    assert types(ref, lead, event=event).attack_type == attack


def test_setting_fire_to_a_named_persons_house_is_a_facility_attack(ref):
    lead = "Assailants set fire to the house of Peter Tamba, the district mayor, in Kenema."
    assert types(ref, lead).attack_type == "Facility/Infrastructure Attack"


# Rule SECURITY_FORCES_BY_VICTIMS: the people named settle whether security posts are the
# police's or the army's.
@pytest.mark.parametrize(
    "lead, event, target",
    [
        ("Gunmen stormed a security checkpoint near the border.", "Three police officers were killed.", "Police"),
        ("Insurgents attacked security posts overnight.", "Two policemen died and a third was hurt.", "Police"),
        ("Militants attacked security forces on the highway.", "Four soldiers were killed.", "Military"),
        ("Rebels attacked a security outpost in the hills.", "Two soldiers and a police officer died.", "Military"),
        ("Fighters overran a security post at dawn.", "Casualties were not reported.", "Military"),
    ],
)  # fmt: skip
def test_security_forces_by_the_people_named(ref, lead, event, target):
    assert ref.taxonomy.classify(lead, event).target_type == target


# Rule PLACE_ATTACKED: a place attacked as such is the target, whoever the toll then names.
@pytest.mark.parametrize(
    "before, lead, target",
    [
        ("Insurgents raided Shahrak town, Ghor, at night.", "Two police officers were killed in the clash.", "Private Citizens & Property"),
        ("Fighters stormed Tessit, Mali, before dawn.", "Five soldiers died in the fighting.", "Private Citizens & Property"),
        ("Gunmen attacked a police station in Ghor.", "Two police officers were killed in the clash.", "Police"),
    ],
)  # fmt: skip
def test_a_place_attacked_is_the_target_whoever_dies(ref, before, lead, target):
    assert ref.taxonomy.classify(lead, before=[before]).target_type == target


# Codebook cues for Government (General): council members, civil servants, heads of
# departments and district offices (not the district police chief: Police).
@pytest.mark.parametrize(
    "lead, target",
    [
        ("Gunmen shot dead a provincial council member outside his home.", "Government (General)"),
        ("A bomb killed the director of the provincial health department.", "Government (General)"),
        ("Assailants killed Rahimi, a district education chief, in an ambush.", "Government (General)"),
        ("Two civil servants were killed when gunmen opened fire on their bus.", "Government (General)"),
        ("A bomb killed the district police chief on his way to work.", "Police"),
    ],
)  # fmt: skip
def test_government_people_by_their_office(ref, lead, target):
    assert ref.taxonomy.classify(lead).target_type == target
