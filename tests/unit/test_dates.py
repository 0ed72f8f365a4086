import datetime as dt

import pytest

from transforms.dates import find_dates

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
