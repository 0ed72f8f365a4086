import pytest

from transforms.casualties import find_figures, reconcile


def figs(sentence, kind=None, role="victims"):
    return [
        (f.kind, f.low, f.best, f.high)
        for f in find_figures(sentence)
        if (kind is None or f.kind == kind) and f.role == role
    ]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("A bomb exploded at the market on Friday, killing 46 people.", [("killed", 46, 46, None)]),
        ("The blast killed at least 5 people.", [("killed", 5, 5, None)]),
        ("The attack killed more than 50 people.", [("killed", 51, 51, None)]),
        ("Officials said between 70 and 80 people were killed.", [("killed", 70, 70, 80)]),
        ("Dozens of people were killed in the raid.", [("killed", 24, None, None)]),
        ("Twenty-three people were killed when gunmen opened fire.", [("killed", 23, 23, None)]),
        ("Forty people were killed when gunmen attacked the church.", [("killed", 40, 40, None)]),
        ("The death toll rose to 31 on Sunday.", [("killed", 31, 31, None)]),
        (
            "In January, a suicide bomber killed 12 German tourists and a Peruvian visitor.",
            [("killed", 13, 13, None)],
        ),
    ],
)
def test_killed_phrasing(sentence, expected):
    assert figs(sentence, "killed") == expected


def test_wounded_with_hedge_and_subset():
    s = "Nine children were among those killed, and over 180 people were injured."
    assert figs(s, "wounded") == [("wounded", 181, 181, None)]
    assert figs(s, "killed") == []  # a subset of the dead is not the toll


def test_no_one_hurt_gives_explicit_zeros():
    assert figs("No one was injured, police said.") == [
        ("killed", 0, 0, None),
        ("wounded", 0, 0, None),
    ]


def test_attackers_are_told_apart():
    out = find_figures("Security forces killed the three gunmen after a six-hour siege.")
    assert [(f.role, f.best) for f in out] == [("attackers", 3)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials said between 16 and 20 kilograms of explosives had been used.",
        "Shares shot up 38 per cent on Tuesday.",
        "stated that 2,500 terrorists have been transferred from Syria to Afghanistan.",
    ],
)
def test_numbers_that_are_not_casualties(sentence):
    assert find_figures(sentence) == []


def test_a_year_is_not_a_toll():
    s = "On 2 January 2021, gunmen on motorbikes killed about 70 people in Tchoma Bangou."
    assert figs(s, "killed") == [("killed", 70, 70, None)]


def test_repeated_toll_and_no_one_else_are_not_new_figures():
    assert figs("Of the 12 dead, one was the Polish driver.") == []
    assert figs("No one else was hurt.") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The visitors' front three killed it in the second half, scoring twice in ten minutes.",
        "Ask two agencies how many people were killed by political violence last year.",
        "The court sentenced four men to death for their part in the 2015 bombing.",
    ],
)
def test_idioms_verdicts_and_questions_are_not_tolls(sentence):
    assert [f for f in find_figures(sentence) if f.kind == "killed" and f.best] == []


def test_count_of_explosions_is_not_a_toll():
    figs = find_figures(
        "A car bomb and two further explosions outside the school killed at least 60 people."
    )
    assert [(f.kind, f.best) for f in figs] == [("killed", 60)]


def test_named_victim_and_others_are_summed():
    figs = find_figures(
        "A bomber struck a rally in the city, killing the party's candidate Ali Khan and at least "
        "a dozen others."
    )
    assert [(f.kind, f.low, f.best) for f in figs] == [("killed", 13, 13)]


def test_two_single_victims_are_summed():
    figs = find_figures("He shot dead a guard at the gate and a passer-by in the street.")
    assert [(f.kind, f.best) for f in figs if f.kind == "killed"] == [("killed", 2)]


def test_killed_n_of_them_is_the_toll_when_none_came_before():
    [f] = find_figures(
        "A suicide bomber walked into a classroom where teenagers were sitting an exam and "
        "killed 34 of them."
    )
    assert (f.kind, f.best, f.role) == ("killed", 34, "victims")
    figs = find_figures("Gunmen killed 30 passengers, shooting dead 12 of them at close range.")
    assert [(f.best, f.role) for f in figs] == [(30, "victims"), (12, "subset")]


def test_groups_named_before_the_verb_are_summed():
    [f] = find_figures("Thirteen soldiers and 90 civilians were killed in the attack.")
    assert (f.kind, f.best) == ("killed", 103)


def test_victims_of_another_kind_add_to_the_toll():
    figs = find_figures("By dawn 20 hostages were dead.") + find_figures(
        "Two police officers had been killed hours earlier, trying to reach the building."
    )
    assert reconcile(figs)[:2] == (22, 22)
    # The same kind again is an update, not more victims.
    figs = find_figures("Militants killed 12 soldiers.") + find_figures(
        "The army later said 15 troops had died."
    )
    assert reconcile(figs)[1] == 15


def test_victims_added_with_along_with():
    [f] = find_figures(
        "The attack on the cafe killed 20 hostages, among them nine Italians and seven Japanese, "
        "along with two police officers."
    )
    assert (f.kind, f.best) == ("killed", 22)


def test_deaths_and_injuries_are_not_summed():
    figs = find_figures("The bombing resulted in 19 deaths and 38 injuries.")
    assert [(f.kind, f.best) for f in figs] == [("killed", 19), ("wounded", 38)]
    figs = find_figures("The blast left at least 5 dead and 7 injured.")
    assert [(f.kind, f.best) for f in figs] == [("killed", 5), ("wounded", 7)]


def test_the_buried_are_counted_as_an_unofficial_toll():
    [f] = find_figures(
        "Residents buried 43 farm workers on Sunday, a day after insurgents slit their throats."
    )
    assert (f.kind, f.best, f.is_unofficial) == ("killed", 43, True)


def test_a_single_victim_and_a_group():
    [f] = find_figures(
        "Militants attacked the airfield, killing a U.S. soldier and two American contractors."
    )
    assert (f.kind, f.best) == ("killed", 3)


def test_a_count_above_the_official_one_is_unofficial():
    [f] = find_figures("A statement put the number of dead at 32, higher than the official count.")
    assert (f.best, f.is_unofficial) == (32, True)


def test_a_day_earlier_dates_the_attack_not_the_figure():
    [f] = find_figures(
        "IS said its fighters carried out the attack a day earlier, as the government raised "
        "the official death toll to 29."
    )
    assert (f.best, f.is_toll_update, f.is_earlier) == (29, True, False)


def test_those_still_in_hospital_are_part_of_the_wounded():
    figs = find_figures(
        "At least 24 people were wounded, and more than a dozen were still being treated in hospital."
    )
    assert [(f.kind, f.best, f.role) for f in figs] == [
        ("wounded", 24, "victims"),
        ("wounded", 13, "subset"),  # "more than a dozen" is 13 (HEDGED_VAGUE)
    ]
    [f] = find_figures("The governor said sixty-one people were still receiving treatment.")
    assert (f.kind, f.best, f.role) == ("wounded", 61, "victims")


def test_an_official_update_beats_a_claimed_higher_count():
    figs = find_figures("The government raised the official death toll to 29.") + find_figures(
        "A statement by the group put the number of dead at 32, higher than the official count."
    )
    assert reconcile(figs) == (29, 29, 32)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Former Prime Minister Shinzo Abe, Japan's longest-serving leader, died on Friday "
            "after being shot while giving a campaign speech.",
            [("killed", 1, "victims")],
        ),
        (
            "The provincial governor was shot dead outside his home on Monday.",
            [("killed", 1, "victims")],
        ),
        ("The gunman was shot dead by police nine minutes later.", [("killed", 1, "attackers")]),
        (
            "In June 2021 the village of Solhan lost at least 132 people in a single night.",
            [("killed", 132, "victims")],
        ),
        ("The striker lost 3 matches in a row.", []),
    ],
)
def test_single_deaths_and_losses(sentence, expected):
    assert [(f.kind, f.best, f.role) for f in find_figures(sentence)] == expected


def test_shot_dead_by_police_is_the_attacker():
    [f] = find_figures("He was shot dead by police outside the hotel.")
    assert (f.best, f.role) == (1, "attackers")


def test_attackers_killed_by_troops_are_not_victims():
    [f] = find_figures("The army said troops repelled the attackers and killed 12 of them.")
    assert (f.best, f.role) == (12, "attackers")
    [f] = find_figures("Gunmen stormed the school and killed 12 of them.")
    assert (f.best, f.role) == (12, "victims")


def test_a_group_and_their_driver():
    [f] = find_figures("Three Chinese teachers and their Pakistani driver were killed on Tuesday.")
    assert (f.kind, f.best) == ("killed", 4)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("There were no reported casualties in the blast.", [("killed", 0), ("wounded", 0)]),
        ("The fire was put out and no injuries were reported.", [("wounded", 0)]),
        ("The device exploded without causing any casualties.", [("killed", 0), ("wounded", 0)]),
    ],
)
def test_said_no_one_was_hurt_gives_zero(sentence, expected):
    assert sorted((f.kind, f.best) for f in find_figures(sentence)) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Gunmen shot and killed the provincial governor as he left a mosque.",
        "Assailants gunned down Rafael Ortiz, a local radio broadcaster, in the town square.",
        "A roadside bomb killed the district police chief on his way to work.",
    ],
)
def test_one_person_named_by_office(sentence):
    assert figs(sentence, "killed") == [("killed", 1, 1, None)]


@pytest.mark.parametrize(
    ("sentence", "best"),
    [
        ("The blast killed 12 German tourists and a Peruvian outside the museum.", 13),
        ("Gunmen killed four police officers and two Britons at the hotel.", 6),
        ("The attack killed three aid workers and a Sudanese at the camp.", 4),
    ],
)
def test_victims_named_by_nationality_add_up(sentence, best):
    assert figs(sentence, "killed")[0][2] == best


@pytest.mark.parametrize(
    "sentence",
    [
        "A suicide bombing killed the refugee minister and two others on Wednesday.",
        "Gunmen killed the district governor and two others in an ambush.",
        "The blast killed the local police chief and two other people.",
    ],
)
def test_office_holder_and_others_are_counted_together(sentence):
    assert figs(sentence, "killed") == [("killed", 3, 3, None)]


@pytest.mark.parametrize(
    ("sentence", "best"),
    [
        ("Two dozen villagers were killed overnight.", 24),
        ("The gunmen killed three dozen people at the market.", 36),
        ("At least 5 people were killed and two dozen were wounded.", 5),
    ],
)
def test_a_count_of_dozens(sentence, best):
    assert figs(sentence, "killed")[0][2] == best


# Rule TOTAL_WITH_BREAKDOWN: "N people, including A and B, were killed" gives the total N; the
# groups named inside the parenthesis are a part of it, not figures of their own.
@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Seven people, including two nurses, were killed when the clinic was shelled.", 7),
        ("Four villagers, including a teacher and his wife, died in the raid on Tuesday.", 4),
        ("At least 12 people, including three soldiers and nine assailants, were killed.", 12),
        ("Nine civilians, among them four children, were killed in the ambush.", 9),
    ],
)
def test_a_total_with_its_breakdown_is_the_total(sentence, expected):
    killed = [f for f in find_figures(sentence) if f.kind == "killed"]
    assert [(f.best, f.role) for f in killed] == [(expected, "victims")]


# Rule COORDINATED_GROUPS: "N1 X and N2 Y were killed" counts both groups, each with its own
# role: the same role adds up in one figure, attackers beside victims are a figure of their own.
@pytest.mark.parametrize(
    "sentence, victims, attackers",
    [
        ("Three guards and eight gunmen were killed in the exchange of fire.", 3, 8),
        ("At least four militants and two policemen were killed during the raid.", 2, 4),
        ("One village elder and five insurgents died in the fighting that followed.", 1, 5),
        ("Two teachers and a student were killed in the school attack.", 3, None),
    ],
)
def test_coordinated_groups_count_each_group_with_its_role(sentence, victims, attackers):
    killed = [f for f in find_figures(sentence) if f.kind == "killed"]
    assert [f.best for f in killed if f.role == "victims"] == [victims]
    assert [f.best for f in killed if f.role == "attackers"] == ([attackers] if attackers else [])


def test_coordinated_groups_do_not_take_things_for_people():
    s = "Two cars and three motorbikes were destroyed and four people were killed."
    assert [(f.best, f.role) for f in find_figures(s) if f.kind == "killed"] == [(4, "victims")]


# Rule TOLL_REVISED: a toll corrected in so many words is the toll now.
@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The governor later revised that to 14, citing hospital records.", 14),
        ("Officials lowered the figure on Monday to 18 after a recount.", 18),
        ("Police updated the count late on Sunday to at least 31.", 31),
    ],
)
def test_a_revised_toll_is_a_toll_update(sentence, expected):
    (fig,) = [f for f in find_figures(sentence) if f.kind == "killed"]
    assert (fig.best, fig.is_toll_update) == (expected, True)


def test_a_revision_of_something_else_is_no_toll():
    assert find_figures("The bank raised its forecast for growth to 3 percent.") == []
    assert find_figures("Parliament updated the law in 2019 to allow it.") == []


# Rule VAGUE_YIELDS: a vague count gives no low bound beside a number of the same kind.
@pytest.mark.parametrize(
    "sentences, expected",
    [
        (
            ["Dozens of people were wounded.", "Hospital staff said 41 people were wounded."],
            (41, 41),
        ),
        (["Scores were killed in the raid.", "The toll rose to 57 on Monday."], (57, 57)),
        (["Hundreds of people were hurt.", "Officials said 320 people were injured."], (320, 320)),
    ],
)
def test_a_vague_count_yields_to_a_number(sentences, expected):
    figures = [f for s in sentences for f in find_figures(s)]
    assert reconcile(figures)[:2] == expected


def test_a_vague_count_alone_is_kept():
    assert reconcile(find_figures("Dozens of people were wounded."))[:2] == (24, None)


# Rule WOUNDED_ONE: one person said to be wounded is a wounded figure of one.
@pytest.mark.parametrize(
    "sentence",
    [
        "The provincial governor has been shot and wounded outside his office.",
        "The mayor was seriously injured when gunmen fired on his car.",
        "A local judge had been stabbed and wounded at the courthouse, police said.",
    ],
)
def test_one_person_wounded_is_a_figure_of_one(sentence):
    assert figs(sentence, "wounded") == [("wounded", 1, 1, None)]


def test_people_wounded_are_not_read_as_one():
    assert figs("Several people were injured, and the driver was injured too.", "wounded") != [
        ("wounded", 1, 1, None)
    ]


# Rule PAIR_KILLED: a named person and one more said to be killed are two dead.
@pytest.mark.parametrize(
    "sentence",
    [
        "Rahimi and his bodyguard were killed when the mine exploded.",
        "Okafor, a local councillor, and his driver were shot dead on the road.",
        "Haidari and a police officer were killed in the ambush.",
    ],
)
def test_a_named_person_and_one_more_are_two_dead(sentence):
    assert figs(sentence, "killed") == [("killed", 2, 2, None)]


# A name that holds "and" is one subject: "the Foreigners and Migration Service".
def test_and_inside_a_name_joins_no_second_person():
    s = "A director of the Trade and Industry Office was killed in the blast."
    assert figs(s, "killed") == [("killed", 1, 1, None)]


# Rule CLAUSE_SUBJECT: after a clause of its own, "and a ..." opens a passive's own subject.
@pytest.mark.parametrize(
    "sentence",
    [
        "Three guards were killed and a cook was injured in the raid.",
        "Two farmers were shot dead and another was wounded near the well.",
        "The bombers were killed and a shopkeeper was injured in the blast.",
    ],
)
def test_the_second_clause_has_its_own_subject(sentence):
    assert figs(sentence, "wounded") == [("wounded", 1, 1, None)]


def test_an_attacker_in_the_second_clause_is_an_attacker():
    s = "Two officers were killed and the gunman was injured in the exchange."
    assert figs(s, "wounded", role="attackers") == [("wounded", 1, 1, None)]


# Rule ALONG_WITH_KIN: one person killed "along with his son" are two dead.
@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The district chief was killed in the ambush along with his driver.", 2),
        ("A local imam was shot dead together with his brother outside the mosque.", 2),
        ("The prosecutor was killed alongside three other people at the court.", 4),
        ("The governor was killed along with two bodyguards near his office.", 3),
    ],
)
def test_one_killed_along_with_kin(sentence, expected):
    assert figs(sentence, "killed") == [("killed", expected, expected, None)]


# A counted subject is read by the noun form, not as one person: "one soldier was killed".
def test_in_addition_to_the_attackers_one_more_was_killed():
    s = "In addition to the gunman, one guard was killed in the shooting."
    assert figs(s, "killed") == [("killed", 1, 1, None)]


# Rule DAY_OF_MONTH: a date's day counts no one.
@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Lahore, Feb. 9, (wire) - A blast at a bus stop popular with students killed",
            [],
        ),
        ("On 14 August, 22 villagers were killed.", [("killed", 22, 22, None)]),
        ("The raid of March 3 killed 9 people.", [("killed", 9, 9, None)]),
        ("Nairobi, 21st of June - gunmen who attacked the market wounded", []),
    ],
)
def test_a_day_of_the_month_is_no_count(sentence, expected):
    assert figs(sentence) == expected


# Rule RESPONDERS_KILLED_OTHERS: responders who catch some suspects and kill "others".
@pytest.mark.parametrize(
    "sentence, role",
    [
        ("Police arrested two suspects and killed three others after the shooting.", "attackers"),
        ("Soldiers captured five insurgents and shot dead four more in the raid.", "attackers"),
        ("Troops said the militants killed three others at the market.", "victims"),
        ("Gunmen wounded the judge and killed two others.", "victims"),
    ],
)
def test_others_killed_by_responders_are_attackers(sentence, role):
    assert [
        f.role for f in find_figures(sentence) if f.kind == "killed" and f.best and f.best > 1
    ] == [role]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "A bomb downed the airliner, killing all 150 people on board.",
            [("killed", 150, 150, None)],
        ),
        ("The fire killed all the 12 crew of the ferry.", [("killed", 12, 12, None)]),
        ("Gunmen stopped the bus, killing all 30 passengers.", [("killed", 30, 30, None)]),
    ],
)
def test_killing_all_of_a_count(sentence, expected):
    assert figs(sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # "N of them" is a part of a toll the sentence gave before it, else the toll itself.
        ("Gunmen held 40 pupils hostage; 12 of them were killed.", [("killed", 12, 12, None)]),
        ("Rebels seized a bus with 30 passengers, and nine of them were later killed.", [("killed", 9, 9, None)]),
        ("The blast killed 20 people, and 12 of them were killed instantly.", [("killed", 20, 20, None)]),
    ],
)  # fmt: skip
def test_n_of_them_killed(sentence, expected):
    assert figs(sentence, "killed") == expected


@pytest.mark.parametrize(
    "sentence, victims, attackers",
    [
        # COORDINATED_GROUPS with "personnel": each group keeps its role.
        ("At least three security personnel and 12 assailants were killed.", 3, 12),
        ("Two police personnel and five militants died in the clash.", 2, 5),
        ("Six army personnel and nine insurgents were killed at the post.", 6, 9),
    ],
)
def test_personnel_and_attackers_killed(sentence, victims, attackers):
    assert figs(sentence, "killed") == [("killed", victims, victims, None)]
    assert figs(sentence, "killed", role="attackers") == [("killed", attackers, attackers, None)]


@pytest.mark.parametrize(
    "sentence",
    [
        # NAMED_VICTIM: a person named, by one word or several, as the object of a killing.
        "Unknown men shot and killed Rahimullah, a district elder, in Paktia.",
        "Gunmen assassinated Maria Elena Torres outside her office in Cali.",
        "Militants gunned down Karimi at a checkpoint near the border.",
        "Two attackers stabbed to death Jean-Paul in the market.",
    ],
)
def test_a_named_victim_is_one_dead(sentence):
    assert figs(sentence, "killed") == [("killed", 1, 1, None)]


@pytest.mark.parametrize(
    "sentence",
    [
        # A day, a people or a group after the verb names no one killed.
        "The raid killed Afghan soldiers in Helmand.",
        "Security forces killed Taliban fighters at the pass.",
        "They killed Monday, in the morning, as the market opened.",
    ],
)
def test_a_day_or_a_people_is_no_named_victim(sentence):
    assert figs(sentence, "killed") == []


@pytest.mark.parametrize(
    "sentence",
    [
        # Every verb that kills one person counts one person named by "a": "beheaded",
        # "stabbed to death", "assassinated" as well as "killed".
        "Insurgents beheaded a farmer in the village.",
        "A man stabbed to death a priest during mass.",
        "Gunmen assassinated a local teacher on the road.",
    ],
)
def test_one_person_killed_by_any_killing_verb(sentence):
    assert figs(sentence, "killed") == [("killed", 1, 1, None)]


@pytest.mark.parametrize(
    "sentence, victims, attackers",
    [
        # ONE_AND_A_GROUP: one person named by an article before "and" is a first group of one.
        ("A border guard and three gunmen died in the exchange of fire.", 1, 3),
        ("The district chief and one attacker were killed at the gate.", 1, 1),
        ("An interpreter and two insurgents were killed near the base.", 1, 2),
    ],
)
def test_one_person_and_a_group(sentence, victims, attackers):
    assert figs(sentence, "killed") == [("killed", victims, victims, None)]
    assert figs(sentence, "killed", role="attackers") == [("killed", attackers, attackers, None)]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # "<one person> and N others" is N + 1.
        ("The mayor and four others were killed when the car exploded.", 5),
        ("Haidari and two others died in the ambush.", 3),
        ("A nurse and six other people were killed at the clinic.", 7),
        # The object of a verb before it is no part of the toll that follows.
        ("Rebels abducted a priest and two others were killed.", 2),
        ("Shells fell in Kandahar and three others were killed.", 3),
    ],
)
def test_one_person_and_n_others(sentence, expected):
    assert figs(sentence, "killed") == [("killed", expected, expected, None)]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # TIME_AFTER_TOLL: a span of time after the death word is no object of an active verb.
        ("Two hostages were killed a week later.", 2),
        ("Three soldiers died two days after the raid.", 3),
        ("Four villagers were killed a few hours later in a second attack.", 4),
        # An object is still an object: the gunmen killed the guard.
        ("Two gunmen killed a guard at the gate.", 1),
    ],
)
def test_a_span_of_time_after_a_toll(sentence, expected):
    assert figs(sentence, "killed") == [("killed", expected, expected, None)]


@pytest.mark.parametrize(
    "sentence",
    [
        # ACTIVE_KILLERS: a count that is the subject of an active verb of killing, with its
        # object after it, counts those who killed, not the dead.
        "About 20 men in fatigues massacred the worshippers of a village church.",
        "Six masked people murdered the farmers in their fields.",
        "Three militants executed the hostages at dawn.",
        "Two youths with knives slaughtered the shepherd and his flock.",
    ],
)
def test_the_subject_of_an_active_killing_verb_is_no_toll(sentence):
    assert figs(sentence, "killed") == []


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # The passive and the bare participle are still tolls.
        ("Twelve villagers massacred in the night were buried on Sunday.", 12),
        ("Five people were murdered on the road to the market.", 5),
        ("Four prisoners were executed the same morning.", 4),
    ],
)
def test_a_killing_verb_without_an_object_is_a_toll(sentence, expected):
    assert figs(sentence, "killed") == [("killed", expected, expected, None)]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # HEDGED_VAGUE: a hedge reads a vague count as it reads a number.
        ("The blast left more than a dozen people wounded.", ("wounded", 13, 13, None)),
        (
            "Over a dozen passengers were injured in the crash of the bus.",
            ("wounded", 13, 13, None),
        ),
        ("At least a dozen people were killed in the ambush.", ("killed", 12, 12, None)),
        ("A dozen people were killed in the ambush.", ("killed", 12, 12, None)),
    ],
)
def test_a_hedged_dozen(sentence, expected):
    assert figs(sentence, expected[0]) == [expected]


@pytest.mark.parametrize(
    "sentence, killed, wounded",
    [
        # NOMINAL_TOLL: "the death(s) of N" is a toll, "injuries to N" a count of wounded;
        # the dead joined to "injuries" by "and" are not wounded.
        (
            "The bombing resulted in the death of 32 people and injuries to many others.",
            [("killed", 32, 32, None)],
            [],
        ),
        (
            "Officials confirmed the deaths of at least 14 civilians and injuries to 40 more.",
            [("killed", 14, 14, None)],
            [("wounded", 40, 40, None)],
        ),
        (
            "The raid caused the death of nine soldiers, the army said.",
            [("killed", 9, 9, None)],
            [],
        ),
    ],
)
def test_a_toll_said_as_a_noun(sentence, killed, wounded):
    assert figs(sentence, "killed") == killed
    assert figs(sentence, "wounded") == wounded


@pytest.mark.parametrize(
    "sentence, kind",
    [
        # PASSIVE_ADVERBS: adverbs between the auxiliary and the participle leave one person
        # killed or wounded.
        ("The mayor was also injured in the attack.", "wounded"),
        ("His wife was reportedly wounded by the second shot.", "wounded"),
        ("The driver was later killed by the kidnappers.", "killed"),
        ("The judge was allegedly shot dead outside the court.", "killed"),
    ],
)
def test_one_person_passive_with_adverbs(sentence, kind):
    assert figs(sentence, kind) == [(kind, 1, 1, None)]


@pytest.mark.parametrize(
    "figures, expected",
    [
        # VAGUE_FLOOR: a number below a vague count's floor is a part of it, not the toll.
        ([(24, None), (7, 7)], (24, None, None)),
        ([(40, None), (12, 12)], (40, None, None)),
        # A number at or above the floor is the toll (VAGUE_YIELDS).
        ([(24, None), (39, 39)], (39, 39, None)),
    ],
)
def test_a_number_below_a_vague_floor_is_a_part(figures, expected):
    from transforms.doc import Figure

    figs_ = [Figure("killed", low, best, None, 10 * i, 10 * i + 5, "victims")
             for i, (low, best) in enumerate(figures)]  # fmt: skip
    assert reconcile(figs_) == expected


def test_a_vague_count_stands_beside_a_smaller_number_in_an_incident():
    """VAGUE_FLOOR through the incident's resolver: "Dozens of people are dead ... Seven were
    killed trying to escape" keeps the dozens (ONE_OF_THE_DEAD must not drop a vague count)."""
    from transforms.casualties import casualties
    from transforms.doc import Figure, Incident

    inc = Incident(figures=[Figure("killed", 24, None, None, 0, 6, "victims"),
                            Figure("killed", 7, 7, None, 40, 45, "victims")])  # fmt: skip
    assert casualties(inc, "")[0] == (24, None, None)


# Rule TOTAL_WITH_BREAKDOWN, a list with commas of its own that runs to the verb.
@pytest.mark.parametrize(
    "sentence, killed",
    [
        ("At least seven people, including the mayor, his wife, and three bodyguards were killed.", 7),
        ("Nine people, including Ahmadi, two of his sons, and a cousin were killed in the blast.", 9),
        ("Twelve people, among them a judge, a clerk and four police officers were killed.", 12),
    ],
)  # fmt: skip
def test_a_total_over_a_list_that_runs_to_the_verb(sentence, killed):
    assert [f.best for f in find_figures(sentence) if f.kind == "killed"] == [killed]


@pytest.mark.parametrize(
    "sentence, killed, wounded",
    [
        # the list ends before another count of its own clause
        ("At least 14 people were killed, including two attackers, and at least 41 others were injured.", 14, 41),
        # a list of the rescued is no part of the dead
        ("Police said 13 hostages were rescued, among them two nurses, and that six gunmen were killed.", 6, None),
        ("Eight people, including a boy, died, and police said ten were wounded.", 8, 10),
    ],
)  # fmt: skip
def test_a_list_does_not_swallow_the_next_count(sentence, killed, wounded):
    figures = find_figures(sentence)
    assert [f.best for f in figures if f.kind == "killed"] == [killed]
    assert [f.best for f in figures if f.kind == "wounded"] == ([wounded] if wounded else [])


# Rule ALONG_WITH_LIST: every person of an "along with" list adds to the one killed.
@pytest.mark.parametrize(
    "sentence, killed",
    [
        ("The district chief was killed along with a bodyguard and both attackers.", 4),
        ("Commander Rahim was shot dead along with his driver, two guards and a passer-by.", 5),
        ("The tribal elder was killed together with his son and three relatives.", 5),
        ("The judge was killed alongside two colleagues.", 3),
    ],
)
def test_everyone_along_with_the_dead_counts(sentence, killed):
    assert [f.best for f in find_figures(sentence) if f.kind == "killed"] == [killed]
