import pytest

from transforms.places import find_places


def kinds(sentence, ref):
    return [(p.kind, p.text) for p in find_places(sentence, ref.gazetteer)]


def test_nationality_words_are_not_places(ref):
    assert kinds("An explosion wounded two Chinese nationals.", ref) == []


def test_locative_context_and_province(ref):
    out = kinds("A bombing at the Faizabad mosque in Badakhshan province killed 19.", ref)
    assert ("admin1", "Badakhshan") in out


def test_capital_named_indirectly(ref):
    out = find_places("A car bomb exploded in the Somali capital on Monday.", ref.gazetteer)
    assert [(p.kind, p.text, p.iso2) for p in out] == [("capital", "Mogadishu", "SO")]


def test_village_pattern_keeps_unknown_villages(ref):
    out = kinds("The attackers struck the village of Solhan, in Yagha province.", ref)
    assert out[0] == ("village", "Solhan")


def test_sentence_initial_common_words_are_not_places(ref):
    assert kinds("Police said the attackers fled.", ref) == []


def test_group_aliases_and_stance(ref):
    [g] = ref.groups.find("ISIS has claimed responsibility for the attack.")
    assert (g.canonical, g.stance) == ("Islamic State of Iraq and the Levant (ISIL)", "claimed")
    [g] = ref.groups.find(
        "The government says the evidence points to the Islamic State group, although it has not claimed responsibility."
    )
    assert g.stance == "attributed"
    [g] = ref.groups.find(
        "The Taliban said in a statement that they had nothing to do with the attack."
    )
    assert g.stance == "denied"


def test_generic_words_are_not_groups(ref):
    assert ref.groups.find("Gunmen and militants stormed the building.") == []


def test_unknown_village_in_apposition_with_a_known_region(ref):
    out = find_places(
        "Gunmen killed 14 worshippers in Tangaye, in Burkina Faso's Nord region, on Sunday.",
        ref.gazetteer,
    )
    got = [(p.kind, p.text, p.iso2) for p in out]
    assert ("village", "Tangaye", "BF") in got
    assert ("country", "Burkina Faso", "BF") in got


def test_possessive_country_then_region_gives_both(ref):
    out = kinds("Fighters overran a base at Sinegodar in Niger's Tillaberi region.", ref)
    assert ("country", "Niger") in out
    assert ("admin1", "Tillaberi") in out


def test_demonym_before_village_is_not_a_place(ref):
    out = find_places("Later that month the Malian village of Ogossagou was burned.", ref.gazetteer)
    assert [(p.kind, p.text, p.iso2) for p in out] == [("village", "Ogossagou", "ML")]


def test_city_followed_by_state_narrows_the_candidates(ref):
    out = find_places("A gunman opened fire at a school in Springfield, Illinois.", ref.gazetteer)
    city = next(p for p in out if p.text == "Springfield")
    assert {p.iso2 for p in city.candidates} == {"US"}
    assert {p.admin1_code for p in city.candidates} == {"IL"}


def test_place_word_inside_a_personal_name_is_not_a_place(ref):
    out = kinds("A bomber struck the shrine of Lal Shahbaz Qalandar in Sehwan.", ref)
    assert out == [("gazetteer", "Sehwan")]


def stances(text, ref):
    return [(g.canonical, g.stance) for g in ref.groups.find(text)]


ISIL = "Islamic State of Iraq and the Levant (ISIL)"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "claimed that attack" is a claim; "claimed that <statement>" alone is not.
        ("IS claimed that attack, and the gunman was caught two weeks later.", [(ISIL, "claimed")]),
        # The claim belongs to the group right before it, not to the one blamed earlier.
        (
            "Officials blamed Lashkar-e-Jhangvi al-Alami, while IS claimed the attack.",
            [("Lashkar-e-Jhangvi", "attributed"), (ISIL, "claimed")],
        ),
        # Coordinated subjects share the claim; "a TTP splinter group" names another group.
        (
            "Both a TTP splinter group, Jamaat-ul-Ahrar, and the Islamic State group claimed it.",
            [
                ("Tehrik-i-Taliban Pakistan (TTP)", "mentioned"),
                ("Jamaat-ul-Ahrar", "claimed"),
                (ISIL, "claimed"),
            ],
        ),
        # A group named as the attackers' own is an attribution.
        (
            "An al-Shabaab suicide bomber blew himself up at a checkpoint.",
            [("Al-Shabaab", "attributed")],
        ),
        ("Taliban gunmen stormed the hotel on Saturday night.", [("Taliban", "attributed")]),
        # "the group claimed" later in the sentence refers back to the group named.
        (
            "A suicide bomber from the Islamic State's Khorasan branch killed 40 people at a "
            "party convention in Khar, the main town of Bajaur district, in an attack the group claimed.",
            [("Khorasan Chapter of the Islamic State", "claimed")],
        ),
        # An attribution stands even when the accused denies it.
        ("The government blamed the Taliban, who denied it.", [("Taliban", "attributed")]),
        # Suspected members are people, not an attribution of this attack.
        (
            "Police say they have detained hundreds of IS suspects since then.",
            [(ISIL, "mentioned")],
        ),
        ("Police have detained thousands of suspected IS members.", [(ISIL, "mentioned")]),
    ],
)
def test_stance_of_each_group(ref, text, expected):
    assert stances(text, ref) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The attack was claimed by an IS affiliate.", [(ISIL, "claimed")]),
        (
            "Officials said the hostages were being held by the Oliver Sinisterra Front, led by "
            "a former FARC fighter.",
            [
                ("Oliver Sinisterra Front", "attributed"),
                ("Revolutionary Armed Forces of Colombia (FARC)", "mentioned"),
            ],
        ),
    ],
)
def test_affiliates_and_captors(ref, text, expected):
    assert stances(text, ref) == expected


def test_an_attack_by_a_group_is_an_attribution(ref):
    assert stances(
        "The first act of terror by the group’s Khorasan branch was the bombing of a mosque.", ref
    ) == [("Khorasan Chapter of the Islamic State", "attributed")]
    assert stances("The attack by al-Shabaab killed 20 people.", ref) == [
        ("Al-Shabaab", "attributed")
    ]


def test_curly_apostrophes_match_aliases(ref):
    assert stances(
        "A suicide bomber from the Islamic State’s Khorasan branch killed 63 people.", ref
    ) == [("Khorasan Chapter of the Islamic State", "attributed")]


def test_suspected_group_fighters_as_the_attackers(ref):
    assert stances("Suspected Boko Haram militants killed 30 people on Saturday.", ref) == [
        ("Boko Haram", "attributed")
    ]


def test_a_group_described_as_another_groups_branch_is_the_actor(ref):
    assert stances(
        "The Group for the Support of Islam and Muslims (JNIM), al-Qaeda's Sahel branch, claimed "
        "the attack on Thursday.",
        ref,
    ) == [
        ("Jama'at Nusrat al-Islam wal Muslimin (JNIM)", "claimed"),
        ("Jama'at Nusrat al-Islam wal Muslimin (JNIM)", "claimed"),
        ("Al-Qaida", "mentioned"),
    ]


def test_a_street_named_after_a_town_is_not_the_town(ref):
    assert [
        k
        for k in kinds("A truck drove into a crowd on Bourbon Street early Wednesday.", ref)
        if k[0] != "country"
    ] == []
