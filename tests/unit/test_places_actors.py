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
