import datetime as dt

import pytest

from transforms.dates import find_dates, numeric_date_order, years_named

TUE = dt.date(2016, 6, 28)  # a Tuesday


def first(sentence, anchor=TUE, context_year=None):
    ds = [d for d in find_dates(sentence, anchor, context_year) if not d.is_statement_date]
    return (ds[0].date, ds[0].precision) if ds else None


@pytest.mark.parametrize(
    "sentence, anchor, expected",
    [
        ("It happened on 22 July 2011 in Oslo.", TUE, (dt.date(2011, 7, 22), "day")),
        ("KABUL, Afghanistan, Jan. 27, 2018 (wire) - A bomb", TUE, (dt.date(2018, 1, 27), "day")),
        ("In August 2019, a gunman killed 23 people.", TUE, (dt.date(2019, 8, 1), "month")),
        ("Explosions struck the airport late on Tuesday.", TUE, (TUE, "day")),
        (
            "A gunman killed three people late on Tuesday.",
            dt.date(2018, 12, 12),
            (dt.date(2018, 12, 11), "day"),
        ),
        (
            "Friday's suicide attack killed 128.",
            dt.date(2018, 7, 14),
            (dt.date(2018, 7, 13), "day"),
        ),
        (
            "Two years ago today, three men attacked the terminal.",
            dt.date(2018, 6, 28),
            (dt.date(2016, 6, 28), "day"),
        ),
        (
            "Last July, a bomber killed 63 people.",
            dt.date(2024, 1, 10),
            (dt.date(2023, 7, 1), "month"),
        ),
        (
            "The attack took place overnight from Friday to Saturday.",
            dt.date(2021, 6, 6),
            (dt.date(2021, 6, 1), "month"),
        ),
    ],
)
def test_resolution(sentence, anchor, expected):
    assert first(sentence, anchor) == expected


def test_weekday_without_publication_date_is_unknown():
    assert (
        first("A bomb exploded on Tuesday.", anchor=None) == (None, "unknown")
        or first("A bomb exploded on Tuesday.", anchor=None) is None
    )


def test_statement_dates_are_flagged():
    ds = find_dates(
        "Forty people were killed on June 5, the governor said on Thursday.", dt.date(2022, 6, 10)
    )
    assert [(d.date, d.is_statement_date) for d in ds] == [
        (dt.date(2022, 6, 5), False),
        (dt.date(2022, 6, 9), True),
    ]


def test_month_without_year_takes_the_text_year():
    assert first("On 2 November, gunmen killed 22 people.", anchor=None, context_year=2020) == (
        dt.date(2020, 11, 2),
        "day",
    )


def test_month_this_year_follows_the_publication_not_the_last_year_named():
    [d, *_] = find_dates(
        "And in June this year, attackers killed 86 people.", dt.date(2022, 9, 12), 2021
    )
    assert (d.date, d.precision) == (dt.date(2022, 6, 1), "month")
    [d, *_] = find_dates("In March last year, gunmen killed 12 people.", dt.date(2022, 9, 12), 2015)
    assert (d.date, d.precision) == (dt.date(2021, 3, 1), "month")


def test_years_that_set_the_scene():
    from transforms.dates import years_named

    assert years_named("In 2015, gunmen attacked. On 16 December 2014, more came.") == [2015, 2014]
    assert years_named("It was the worst attack since the London bombings of 2005.") == []
    assert years_named("They refused to disarm under the 2016 peace agreement.") == []


# Rule `yearless-day`: a date without a year is the latest such day not after publication.
@pytest.mark.parametrize(
    "sentence, anchor, expected",
    [
        # February 29 ahead of publication: the year before has none, so the last leap year.
        ("Gunmen attacked the depot on February 29.", dt.date(2024, 2, 10), dt.date(2020, 2, 29)),
        ("The convoy was ambushed on 29 February.", dt.date(2025, 1, 10), dt.date(2024, 2, 29)),
        ("A mine exploded on Feb. 29 near the border.", dt.date(2024, 3, 2), dt.date(2024, 2, 29)),
        # A day or two after publication is a time-zone or update lag, not the year before.
        ("MANILA (Update 3, Jan. 28) - The blast killed nine.", dt.date(2019, 1, 27),
         dt.date(2019, 1, 28)),
        ("The raid of December 30 left four dead.", dt.date(2019, 1, 2), dt.date(2018, 12, 30)),
    ],
)  # fmt: skip
def test_yearless_day(sentence, anchor, expected):
    assert first(sentence, anchor) == (expected, "day")


# Rule `numeric-date`: ISO dates, and numeric dates read by their values, the document's
# convention, the publication date, then the separator.
@pytest.mark.parametrize(
    "sentence, anchor, order, expected",
    [
        ("Militants raided the camp on 2018-07-12, officials said.", None, None, (2018, 7, 12)),
        ("The bus was bombed on 23/04/2019 near the market.", None, None, (2019, 4, 23)),
        ("Police said the shooting took place on 04/23/2019.", TUE, None, (2019, 4, 23)),
        ("Rebels burned the village on 12.07.2018.", None, None, (2018, 7, 12)),
        ("Rebels burned the village on 12-07-2018.", None, None, (2018, 7, 12)),
        ("03/02/2016: Assailants fired on a patrol.", None, None, (2016, 3, 2)),
        ("03/02/2016: Assailants fired on a patrol.", None, "dmy", (2016, 2, 3)),
        ("On 07/05/2016 gunmen seized the mayor.", None, "mdy", (2016, 7, 5)),
        # Both readings valid and before publication: the nearer one.
        ("An IED hit the convoy on 05/06/2016.", dt.date(2016, 6, 7), None, (2016, 6, 5)),
        ("An IED hit the convoy on 06/05/2016.", dt.date(2016, 5, 8), None, (2016, 5, 6)),
    ],
)  # fmt: skip
def test_numeric_dates(sentence, anchor, order, expected):
    ds = find_dates(sentence, anchor, order=order)
    assert [(d.date, d.precision, d.explicit_year) for d in ds][:1] == [
        (dt.date(*expected), "day", True)
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The score was 3/4 at half time and the turnout 12.5 per cent.",
        "Version 2.10.2019-beta of the software was released.",
        "Call 0161/22/2019 for details.",
        "Between 31/31/2019 and nothing.",
    ],
)
def test_numbers_that_are_not_dates(sentence):
    assert [d for d in find_dates(sentence, TUE) if d.start < 60 and d.precision == "day"] == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Filed 23/04/2019. The attack of 05/06/2019 killed two.", "dmy"),
        ("Updated 04/23/2019 - The attack of 05/06/2019 killed two.", "mdy"),
        ("The attack of 05/06/2019 killed two.", None),
        ("Seen 23/04/2019 and 04/23/2019.", None),
        ("No numeric date at all, 3.5 per cent.", None),
    ],
)
def test_numeric_date_order(text, expected):
    assert numeric_date_order(text) == expected


# Rule `weekday-with-date`: "Saturday, 3 May" is dated by the written date, not the weekday.
@pytest.mark.parametrize(
    "sentence, anchor, context_year, expected",
    [
        ("Gunmen struck early on Saturday, 3 May, killing five.", dt.date(2025, 5, 20), None,
         dt.date(2025, 5, 3)),
        ("Two bombs exploded early on Sunday (Jan 27) morning.", None, 2019, dt.date(2019, 1, 27)),
        ("The market was shelled on Friday, March 15, 2019.", dt.date(2019, 4, 2), None,
         dt.date(2019, 3, 15)),
        ("Insurgents overran the post on Tuesday the 4th of June.", dt.date(2024, 6, 30), None,
         dt.date(2024, 6, 4)),
    ],
)  # fmt: skip
def test_weekday_with_date(sentence, anchor, context_year, expected):
    ds = find_dates(sentence, anchor, context_year)
    assert [(d.date, d.precision) for d in ds] == [(expected, "day")]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Two bombs exploded in Jolo on Jan 27, 2019.", [2019]),
        ("02/29/2016: A police officer opened fire.", [2016]),
        ("The attack on March 3, 2015, and the 2016 accord.", [2015]),
    ],
)
def test_years_named_after_a_day(sentence, expected):
    assert years_named(sentence) == expected


@pytest.mark.parametrize(
    "sentence, anchor, expected",
    [
        # DATE_REFERENCE_POINT: the start or end of a period, or the time of a report.
        (
            "Marchers have rallied weekly since 2021, and Saturday's rally was the first attacked.",
            dt.date(2024, 3, 12),
            [(dt.date(2021, 1, 1), True), (dt.date(2024, 3, 9), False)],
        ),
        (
            "Two of the injured remained in hospital as of Wednesday, doctors said.",
            dt.date(2019, 5, 3),
            [(dt.date(2019, 5, 1), True)],
        ),
        (
            "It was the worst bombing in the province since March 2017.",
            dt.date(2020, 1, 8),
            [(dt.date(2017, 3, 1), True)],
        ),
        (
            "Schools stay shut until late on Friday.",
            dt.date(2022, 10, 4),
            [(dt.date(2022, 9, 30), True)],
        ),
        # A possessive date names the event itself.
        (
            "Since Tuesday's ambush, troops have searched the hills.",
            dt.date(2018, 2, 1),
            [(dt.date(2018, 1, 30), False)],
        ),
        ("In 2015 gunmen stormed the hotel.", None, [(dt.date(2015, 1, 1), False)]),
        # So does a date the sentence goes on to tell.
        (
            "It was the worst attack since May 2014, when a bomber killed 40 at the fair.",
            dt.date(2016, 2, 2),
            [(dt.date(2014, 5, 1), False)],
        ),
    ],
)
def test_reference_point_dates_date_no_incident(sentence, anchor, expected):
    assert [(d.date, d.is_statement_date) for d in find_dates(sentence, anchor)] == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # A court's word is dated as a statement is: the attack is not of that day.
        "The man who bombed the marathon will be sentenced to death, a jury decided Thursday.",
        "The gunman who killed nine worshippers was convicted on Monday of all 33 counts.",
        "She pleaded guilty on Tuesday to planning the attack on the festival.",
        "A judge ruled on Friday that the bomber's accomplice must stand trial.",
    ],
)
def test_a_court_decision_dates_no_attack(sentence):
    assert first(sentence, dt.date(2023, 8, 4)) is None


@pytest.mark.parametrize(
    ("sentence", "statement"),
    [
        # Rule STATEMENT_AFTER_DATE: a date right before a word of statement dates it.
        ("The group yesterday claimed responsibility for the bombing of the market.", True),
        ("Police on Tuesday said the gunman had acted alone.", True),
        ("Officials Friday confirmed that nine people died.", True),
        # With a comma the date opens the sentence and may be the attack's.
        ("On Tuesday, police said a gunman killed nine people.", False),
        ("The blast claimed 30 lives on Monday.", False),
        # A possessive date names the event, whatever word of statement is near it.
        ("The group claimed responsibility for Monday's assault on the campus.", False),
        ("Officials said Sunday's bombing was the deadliest in the city.", False),
    ],
)
def test_a_date_before_a_word_of_statement(sentence, statement):
    [d] = find_dates(sentence, dt.date(2022, 5, 12))
    assert d.is_statement_date is statement


@pytest.mark.parametrize(
    ("sentence", "year"),
    [
        # Rule YEAR_OF_ATTACK: a year before a noun of attack dates that attack.
        ("Militants have killed 224 people in a 2015 plane bombing over the desert.", 2015),
        ("Survivors of the 2008 Mumbai attacks gathered at the station.", 2008),
        ("It recalled the group's 2019 Easter massacre.", None),  # a possessive first: not read
        ("The 2016 peace agreement ended the war.", None),  # an agreement is no attack
    ],
)
def test_a_year_before_an_attack_dates_it(sentence, year):
    got = [d.date.year for d in find_dates(sentence, dt.date(2020, 6, 1)) if d.date]
    assert got == ([year] if year else [])
