"""Confidence: the estimated chance that a report's core fields are right."""

import datetime as dt

import pytest

from transforms.attributes import _confidence

DAY = dt.date(2022, 3, 4)
HERE = {"country": "Nigeria", "city": "Maiduguri"}


def conf(killed=(1, 1, 1), date=DAY, loc=HERE, attack="Bombing/Explosion", perp=None, bg=False):
    return _confidence(killed, date, loc, attack, perp, bg)


@pytest.mark.parametrize(
    "weaker, stronger",
    [
        (conf(killed=(None, None, None)), conf()),
        (conf(killed=(12, 12, 12)), conf(killed=(2, 2, 2))),
        (conf(date=None), conf()),
        (conf(attack="Hostage Taking (Kidnapping)"), conf(attack="Armed Assault")),
        (conf(attack="Unknown"), conf(attack="Hostage Taking (Kidnapping)")),
        (conf(loc={}), conf()),
        (conf(perp="Boko Haram"), conf()),
        (conf(bg=True), conf()),
    ],
)
def test_each_doubt_lowers_confidence(weaker, stronger):
    assert 0.0 <= weaker < stronger <= 1.0


def test_a_figure_alone_does_not_make_a_report_likely_right():
    assert conf(killed=(3, 3, 3), date=None, attack="Unknown", loc={}) < 0.05


def test_a_low_bound_counts_as_a_figure():
    assert conf(killed=(5, None, None)) == conf(killed=(None, 5, None))
