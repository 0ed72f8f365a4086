"""Confidence: the estimated chance that a report's core fields are right."""

import datetime as dt
import math

import pytest

from transforms.confidence import FEATURES, confidence, features, load_weights

REPORT = {
    "event_date": dt.date(2022, 3, 4),
    "date_precision": "day",
    "country": "Nigeria",
    "admin1": "Borno",
    "city": None,
    "attack_type": "Bombing/Explosion",
    "weapon_type": "Explosives",
    "target_type": "Private Citizens & Property",
    "perpetrator": None,
    "is_background": False,
    "killed_low": 2,
    "killed_best": 2,
    "killed_high": None,
    "wounded_low": None,
    "wounded_best": None,
}


def conf(reports=1, **change):
    return confidence({**REPORT, **change}, reports)


@pytest.mark.parametrize(
    "weaker, stronger",
    [
        (conf(killed_low=None, killed_best=None), conf()),
        (conf(event_date=None, date_precision="unknown"), conf()),
        (conf(date_precision="month"), conf()),
        (conf(attack_type="Unknown", weapon_type="Unknown"), conf()),
        (conf(killed_low=2, killed_best=2, killed_high=5), conf()),
        (conf(reports=3), conf()),
        (conf(admin1=None), conf()),
    ],
)
def test_each_doubt_lowers_confidence(weaker, stronger):
    assert 0.0 <= weaker < stronger <= 1.0


def test_a_figure_alone_does_not_make_a_report_likely_right():
    assert conf(event_date=None, date_precision="unknown", attack_type="Unknown",
                weapon_type="Unknown", killed_low=None, killed_best=None) < 0.05  # fmt: skip


def test_a_plain_dated_bombing_with_a_small_toll_is_likely_right():
    assert conf() >= 0.8


def test_a_low_bound_counts_as_a_figure():
    assert conf(killed_low=5, killed_best=None) == conf(killed_low=None, killed_best=5)


def test_features_are_zero_or_one_and_named():
    signals = features(REPORT)
    assert set(signals) == set(FEATURES) and set(signals.values()) <= {0.0, 1.0}
    assert signals["bias"] == 1.0 and signals["killed_one_or_two"] == 1.0


def test_the_score_is_the_logistic_of_the_weighted_signals():
    weights = {"bias": 1.0, "killed_one_or_two": 0.5, "date_day": -2.0}
    assert confidence(REPORT, 1, weights) == round(1 / (1 + math.exp(0.5)), 3)


def test_a_model_naming_an_unknown_signal_is_refused(tmp_path):
    path = tmp_path / "model.csv"
    path.write_text("# test\nfeature,weight\nbias,1.0\nmoon_phase,2.0\n", encoding="utf-8")
    with pytest.raises(ValueError, match="moon_phase"):
        load_weights(path)


def test_every_signal_of_the_committed_model_is_known():
    assert set(load_weights()) == set(FEATURES)
