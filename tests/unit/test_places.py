"""Places: divisions named in comma chains, division names in their usual English forms."""

import datetime as dt

import pytest

from transforms.incident_reports import DocumentInput, extract_reports
from transforms.places import find_places


def city_and_admin1(ref, text):
    (row,) = extract_reports(DocumentInput("t", text, dt.date(2018, 5, 2)), ref)
    return row["city"], row["admin1"]


def admin1s(sentence, ref):
    return [
        (p.text, p.iso2, p.admin1.name if p.admin1 else None)
        for p in find_places(sentence, ref.gazetteer)
        if p.kind == "admin1"
    ]


# Rule `locative-chain` with `admin1-before-country`: a division after unknown names.
@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Gunmen fired on a bus in Qala Bagh area, Sangrin district, Helmand, Afghanistan.",
            ("Helmand", "AF", "Helmand"),
        ),
        (
            "A grenade was thrown into a bar in Kinama zone, Bujumbura Mairie, Burundi.",
            ("Bujumbura Mairie", "BI", "Bujumbura Mairie"),
        ),
        (
            "Suspected militants burned huts at Wudumgari village, Extreme-North, Cameroon.",
            ("Extreme-North", "CM", "Extreme-North"),
        ),
        (
            "A rocket landed near Koshkak, Ghor, Afghanistan, late at night.",
            ("Ghor", "AF", "Ghor"),
        ),
    ],
)
def test_division_in_a_comma_chain(sentence, expected, ref):
    assert expected in admin1s(sentence, ref)


@pytest.mark.parametrize(
    "sentence",
    [
        "Police said on Monday, Tuesday and Wednesday, Helmand was calm.",
        "Officials from Kabul, Helmand and Herat met in Doha.",
    ],
)
def test_a_list_without_a_locative_opening_is_not_a_chain(sentence, ref):
    assert ("Helmand", "AF", "Helmand") not in admin1s(sentence, ref)


# Division names in their usual English forms, their other spellings and former names.
@pytest.mark.parametrize(
    "name, iso2, expected",
    [
        ("Jowzjan", "AF", "Jawzjan"),
        ("Oruzgan", "AF", "Uruzgan"),
        ("Far North", "CM", "Extreme-North"),
        ("Aquitaine", "FR", "Nouvelle-Aquitaine"),
        ("Midi-Pyrenees", "FR", "Occitanie"),
        ("Alsace", "FR", "Grand Est"),
        ("Baden-Württemberg", "DE", "Baden-Wurttemberg"),
        ("District of Columbia", "US", "District of Columbia"),
        ("NWFP", "PK", "Khyber Pakhtunkhwa"),
        ("Nord-Kivu", "CD", "North Kivu"),
    ],
)
def test_division_spellings_and_former_names(name, iso2, expected, ref):
    found = ref.gazetteer.admin1_named(name, iso2)
    assert found is not None and found.name == expected


@pytest.mark.parametrize(
    "text, admin1",
    [
        (
            "Gunmen killed three police officers at a checkpoint in Dand Ghori area, Zurmat "
            "district, Paktia, Afghanistan, on Monday.",
            "Paktia",
        ),
        (
            "A roadside bomb killed two soldiers in Dar Khel village, Kunar, Afghanistan, on "
            "Friday.",
            "Kunar",
        ),
        (
            "Militants killed four farmers near the town of Kolofata, Far North region, "
            "Cameroon, on Sunday.",
            "Extreme-North",
        ),
    ],
)
def test_report_carries_the_division_of_a_chain(text, admin1, ref):
    rows = extract_reports(DocumentInput("t1", text, dt.date(2019, 5, 8)), ref)
    assert [r["admin1"] for r in rows] == [admin1]


@pytest.mark.parametrize(
    "town, division, iso2",
    [("Gao", "Gao", "ML"), ("Bujumbura", "Bujumbura Mairie", "BI"), ("Timbuktu", "Timbuktu", "ML")],
)
def test_a_division_listed_under_two_codes_is_one_division(town, division, iso2, ref):
    gaz = ref.gazetteer
    admin = gaz.admin1_named(division, iso2)
    places = [p for p in gaz.lookup(town) if p.iso2 == iso2]
    assert admin is not None and places
    assert {p.admin1_code for p in places} == {admin.code}
    assert gaz.admin1[(iso2, admin.code)] is admin


# The Philippines' provinces stand as its divisions (seeds built by scripts/build_gazetteer.py).
@pytest.mark.parametrize(
    "town, province",
    # Cotabato City is independent of any province: it counts in the one around it.
    [("Jolo", "Sulu"), ("Marawi", "Lanao del Sur"), ("Cotabato", "Maguindanao")],
)
def test_philippine_towns_lie_in_provinces(town, province, ref):
    gaz = ref.gazetteer
    places = [p for p in gaz.lookup(town) if p.iso2 == "PH"]
    assert places
    assert gaz.admin1[("PH", places[0].admin1_code)].name == province


@pytest.mark.parametrize(
    "text, admin1",
    [
        ("Two bombs killed 20 worshippers at a cathedral in Jolo, Sulu, on Sunday.", "Sulu"),
        (
            "Gunmen shot dead two farmers near Calamba town in the province of Misamis "
            "Occidental on Sunday.",
            "Misamis Occidental",
        ),
        (
            "A grenade attack killed three people at a market in Marawi, Lanao del Sur, on Friday.",
            "Lanao del Sur",
        ),
    ],
)
def test_philippine_reports_carry_the_province(text, admin1, ref):
    rows = extract_reports(DocumentInput("t2", text, dt.date(2023, 11, 7)), ref)
    assert [r["admin1"] for r in rows] == [admin1]


# Rule `town-in-division`: the division named right after a town picks its namesake.
@pytest.mark.parametrize(
    "sentence, town, admin1",
    [
        ("Gunmen shot two farmers near Calamba town in the province of Misamis Occidental.",
         "Calamba", "Misamis Occidental"),
        ("A bomb went off at a market in Calamba city in Laguna province.", "Calamba", "Laguna"),
        ("Bandits stormed a bank in Springfield in the state of Illinois.", "Springfield",
         "Illinois"),
        ("Two rockets hit Victoria town in Tamaulipas state before dawn.", "Victoria",
         "Tamaulipas"),
    ],
)  # fmt: skip
def test_town_in_division(sentence, town, admin1, ref):
    gaz = ref.gazetteer
    m = next(p for p in find_places(sentence, gaz) if p.text == town)
    assert m.candidates
    assert {gaz.admin1[(c.iso2, c.admin1_code)].name for c in m.candidates} == {admin1}


@pytest.mark.parametrize(
    "sentence, town",
    [
        ("A suicide bomber struck a ministry in Kabul, Afghanistan, on Monday.", "Kabul"),
        ("Gunmen killed two guards in Kandahar, Afghanistan, overnight.", "Kandahar"),
        ("A car bomb exploded in Herat, Afghanistan, near the mosque.", "Herat"),
    ],
)
def test_a_town_right_after_in_stays_a_town(sentence, town, ref):
    kinds = [(p.kind, p.text) for p in find_places(sentence, ref.gazetteer)]
    assert ("gazetteer", town) in kinds


# Rule WHOLE_NAME: a known name opening a longer name in a locative chain is not that place.
@pytest.mark.parametrize(
    "sentence, name",
    [
        ("Gunmen raided a school in Band Sarak, Kandahar, Afghanistan.", "Band Sarak"),
        ("A mine exploded under a truck in War Kalay, Zabul, Afghanistan.", "War Kalay"),
        ("Separatists burned houses in Batibo Ngwen, North-West, Cameroon.", "Batibo Ngwen"),
    ],
)
def test_a_known_name_opening_a_longer_one_is_the_longer_one(ref, sentence, name):
    first = find_places(sentence, ref.gazetteer)[0]
    assert (first.text, first.kind) == (name, "village")


def test_a_landmark_keeps_its_city(ref):
    first = find_places(
        "A bomb exploded in Pashtunistan Square, Kabul, Afghanistan.", ref.gazetteer
    )[0]
    assert first.kind != "village"


# Rule TITLED_PERSON: a name after a title and a given name is a person's, not a place's.
@pytest.mark.parametrize(
    "sentence, person",
    [
        ("Senator Miguel Uribe was shot at a rally in Bogota.", "Uribe"),
        ("Governor Ali Nazar survived the ambush near Herat.", "Nazar"),
        ("President Jovenel Moise was killed at his home in Port-au-Prince.", "Moise"),
    ],
)
def test_a_titled_person_is_not_a_place(ref, sentence, person):
    assert person not in [p.text for p in find_places(sentence, ref.gazetteer)]


def test_a_place_of_the_same_name_is_still_a_place(ref):
    texts = [
        p.text
        for p in find_places("Gunmen attacked a bus in Uribe, Meta, Colombia.", ref.gazetteer)
    ]
    assert "Uribe" in texts


# Rule NAMED_SETTLEMENT: a name given with its kind of settlement is a place.
@pytest.mark.parametrize(
    "sentence, name",
    [
        ("The shooting happened in the northern city of Tarakan late on Friday.", "Tarakan"),
        ("Fighters burned homes in Mbalmayo town before dawn.", "Mbalmayo"),
        ("The blast hit a market in the town of Kidal.", "Kidal"),
    ],
)
def test_a_name_with_its_kind_of_settlement_is_a_place(ref, sentence, name):
    assert name in [p.text for p in find_places(sentence, ref.gazetteer)]


# Rule CHAIN_PROVINCE_WINS: the province named right after a name places it, even where the
# gazetteer's namesake lies elsewhere: the name is a village of that province.
@pytest.mark.parametrize(
    "text, city, admin1",
    [
        ("Gunmen killed two police officers in Rabat, Kandahar, Afghanistan.", "Rabat", "Kandahar"),
        ("A bomb killed three soldiers in Langar, Badghis, Afghanistan.", "Langar", "Badghis"),
        ("Militants killed four farmers in Paris, Zabul, Afghanistan.", "Paris", "Zabul"),
    ],
)
def test_the_province_in_the_chain_places_the_name(ref, text, city, admin1):
    (row,) = extract_reports(DocumentInput("t", text, dt.date(2018, 5, 2)), ref)
    assert (row["city"], row["admin1"], row["geo_precision"]) == (city, admin1, "admin1")


# Rule WHOLE_NAME, a later part: "Jan" of "Agho Jan district" is not the place Jan.
@pytest.mark.parametrize(
    "sentence, name",
    [
        ("Gunmen attacked a checkpoint in Sar Kabul district, Logar, Afghanistan.", "Sar Kabul"),
        ("A mine exploded in Dara Herat district, Ghor, Afghanistan.", "Dara Herat"),
        ("Militants raided homes in Kalay Kandahar village, Zabul, Afghanistan.", "Kalay Kandahar"),
    ],
)
def test_a_known_name_ending_a_division_name_is_the_whole_name(ref, sentence, name):
    first = find_places(sentence, ref.gazetteer)[0]
    assert (first.text, first.kind) == (name, "village")


# A region that lies in one country names that country.
@pytest.mark.parametrize(
    "sentence",
    [
        "A bomb brought down the airliner over Sinai, killing everyone on board.",
        "Militants have waged an insurgency in the Sinai Peninsula for a decade.",
    ],
)
def test_a_region_of_one_country_names_it(sentence, ref):
    assert [(p.kind, p.iso2) for p in find_places(sentence, ref.gazetteer)] == [("country", "EG")]


# An unknown name placed by a relative clause ("in X, which is located in Y") is a village.
@pytest.mark.parametrize(
    ("sentence", "iso2"),
    [
        ("Gunmen stormed a mosque in Kafr Zubair, which is located in Egypt's North Sinai region.", "EG"),
        ("A bomb went off in Tal Ruman, which lies in Syria's Hasakah province.", "SY"),
        ("Troops were ambushed near Gorom Dalli, which is situated in Burkina Faso.", "BF"),
    ],
)  # fmt: skip
def test_a_name_placed_by_a_relative_clause_is_a_village(sentence, iso2, ref):
    first = find_places(sentence, ref.gazetteer)[0]
    assert (first.kind, first.iso2) == ("village", iso2)


@pytest.mark.parametrize(
    "sentence", ["The attack came on Nov. 24, at noon.", "It began on Jan. 3."]
)
def test_a_month_abbreviation_is_no_place(sentence, ref):
    assert find_places(sentence, ref.gazetteer) == []


# Rule CHAIN_VILLAGE: the first name of a comma chain that ends in a division or a country is
# a village or district of it, though the gazetteer lacks it; a part of a settlement ("X area",
# "X neighbourhood") is not: the name after it is.
@pytest.mark.parametrize(
    "text, city, admin1",
    [
        (
            "Gunmen shot dead a shopkeeper in Qala Sharif, Zurmat district, Paktia, Afghanistan.",
            "Qala Sharif",
            "Paktia",
        ),
        (
            "A bomb went off in Sheikhan Baba area, Darzab district, Jawzjan, Afghanistan, "
            "killing two farmers.",
            "Darzab district",
            "Jawzjan",
        ),
        (
            "Militants raided Tal Baraqa, Borno state, Nigeria, and killed four herders.",
            "Tal Baraqa",
            "Borno",
        ),
        (
            "Two soldiers were killed when rebels attacked Gorwuzan district, Kunar province, "
            "Afghanistan.",
            "Gorwuzan district",
            "Kunar",
        ),
        (
            "A grenade killed a guard in Khair Khana neighborhood, Kabul, Afghanistan.",
            "Kabul",
            "Kabul",
        ),
    ],
)
def test_the_first_settlement_of_a_chain_is_the_city(ref, text, city, admin1):
    (row,) = extract_reports(DocumentInput("t", text, dt.date(2018, 5, 2)), ref)
    assert (row["city"], row["admin1"], row["country"]) == (city, admin1, row["country"])
    assert row["country"] in ("Afghanistan", "Nigeria")


@pytest.mark.parametrize(
    "sentence",
    [
        # no division or country ends the chain
        "Gunmen opened fire in Qala Sharif, Zurmat Bazaar, late on Monday.",
        # the chain's names are not a place's: a list of people after "from"
        "Greetings came from Ahmad Zia, Mohammad Nabi, and the governor of Paktia.",
    ],
)
def test_a_chain_without_a_region_names_no_village(ref, sentence):
    assert not [p for p in find_places(sentence, ref.gazetteer) if p.kind == "village"]


@pytest.mark.parametrize(
    "text, admin1",
    [
        ("Gunmen shot dead a teacher in Ghor, Afghanistan.", "Ghor"),
        ("A landmine killed two boys in Kapisa province, Afghanistan.", "Kapisa"),
        ("Militants killed five villagers in Adamawa, Nigeria, on Sunday.", "Adamawa"),
    ],
)
def test_a_chain_opened_by_a_division_is_that_division(ref, text, admin1):
    (row,) = extract_reports(DocumentInput("t", text, dt.date(2018, 5, 2)), ref)
    assert (row["admin1"], row["city"]) == (admin1, None)


@pytest.mark.parametrize(
    "text, city, admin1",
    [
        # a division the gazetteer also knows as a town elsewhere
        ("Rebels raided Gurziwan district in Faryab, Afghanistan, and killed a guard.", "Gurziwan district", "Faryab"),
        # rule QUARTER_OF_CITY: a quarter named before its city
        ("A bomb killed two traders in Mile Four, Bamenda, North-West, Cameroon.", "Bamenda", "North-West"),
        ("Gunmen killed a pastor in Ntamulung, Bamenda, North-West region, Cameroon.", "Bamenda", "North-West"),
    ],
)  # fmt: skip
def test_chain_divisions_and_quarters(ref, text, city, admin1):
    assert city_and_admin1(ref, text) == (city, admin1)


def test_a_person_attacked_before_a_place_is_no_village(ref):
    text = "Gunmen attacked Ahmad Shah in Kandahar, Afghanistan, killing him."
    (row,) = extract_reports(DocumentInput("t", text, dt.date(2018, 5, 2)), ref)
    assert row["city"] == "Kandahar"


# The division after a district in a chain is the district's, whatever the gazetteer's
# namesake of the district; attack verbs open chains as "in" does.
@pytest.mark.parametrize(
    "text, city, admin1",
    [
        ("A roadside bomb killed three police officers in Kohistan district, Faryab, Afghanistan.", "Kohistan district", "Faryab"),
        ("Insurgents stormed Qarya Now, Ghormach district, Badghis, Afghanistan, killing two guards.", "Qarya Now", "Badghis"),
        ("Two soldiers died when militants attacked Deh Sabz district in Kabul, Afghanistan.", "Deh Sabz district", "Kabul"),
    ],
)  # fmt: skip
def test_the_division_of_a_district_in_a_chain(ref, text, city, admin1):
    assert city_and_admin1(ref, text) == (city, admin1)


# A name before a division named like its city is a quarter of the city only where the city is
# very large ("Taimani, Kabul"); before a smaller one it is the division's district or village.
@pytest.mark.parametrize(
    "text, city, admin1",
    [
        ("A grenade killed two shoppers in Taimani, Kabul, Afghanistan.", "Kabul", "Kabul"),
        ("A bomb killed a guard in Wazir Akbar Khan area, Kabul city, Kabul province, Afghanistan.", "Kabul", "Kabul"),
        ("A bomb killed two farmers in Andar, Ghazni, Afghanistan.", "Andar", "Ghazni"),
        ("Gunmen killed a tailor in Nad Ali, Helmand, Afghanistan.", "Nad Ali", "Helmand"),
    ],
)  # fmt: skip
def test_a_quarter_or_a_district_before_a_division(ref, text, city, admin1):
    assert city_and_admin1(ref, text) == (city, admin1)


# Rule ROAD_BETWEEN_PLACES: a road named by the places it joins names neither.
@pytest.mark.parametrize(
    "sentence",
    [
        "Gunmen stopped a bus on the Kabul-Kandahar highway and took ten passengers.",
        "A bomb hit a convoy on the Ghazni-Paktika road early on Monday.",
        "Militants blew up a bridge on the Mosul-Baghdad railway.",
    ],
)
def test_a_road_between_places_names_neither(ref, sentence):
    assert find_places(sentence, ref.gazetteer) == []


def test_a_road_between_places_leaves_the_place_after_it(ref):
    text = (
        "Gunmen killed two drivers on the Kabul-Kandahar highway in Sayedabad, Wardak, Afghanistan."
    )
    (row,) = extract_reports(DocumentInput("t", text, dt.date(2018, 5, 2)), ref)
    assert (row["city"], row["admin1"]) == ("Sayedabad", "Wardak")
