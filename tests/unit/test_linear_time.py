"""Extraction time grows in proportion to the text, for random and adversarial texts.

Each check builds one text of n characters and one of 8n from the same pattern and asserts
that the larger costs less than 8 * 2.5 times the smaller in CPU time (time.process_time, best
of several runs). Linear work gives a ratio near 8 (less where fixed costs weigh in), quadratic
work 64; the margin absorbs the noise of a busy machine, and a ratio over the limit is measured
again before it fails the test, so a single slow run cannot fail it.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transforms.incident_reports import DocumentInput, extract_reports

ROOT = Path(__file__).resolve().parents[2]
FACTOR = 8
LIMIT = FACTOR * 2.5
PUB = dt.date(2020, 5, 4)


def _cpu(text: str, ref, repeat: int) -> float:
    """Best CPU time of `repeat` extractions of `text`."""
    doc = DocumentInput("d", text, PUB, "Title")
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            t0 = time.process_time()
            extract_reports(doc, ref)
            best = min(best, time.process_time() - t0)
        finally:
            gc.enable()
    return max(best, 1e-6)


def _fill(pattern: str, size: int) -> str:
    """`pattern` repeated to exactly `size` characters."""
    return (pattern * (size // len(pattern) + 1))[:size]


def growth(pattern: str, size: int, ref, attempts: int = 3) -> float:
    """Lowest ratio of CPU time, text of FACTOR * size over text of size, over a few attempts."""
    small, large = _fill(pattern, size), _fill(pattern, size * FACTOR)
    best = float("inf")
    for _ in range(attempts):
        best = min(best, _cpu(large, ref, 1) / _cpu(small, ref, 3))
        if best < LIMIT:
            break
    return best


_CITIES = ["Kabul", "Mastung", "Baghdad", "Mogadishu", "Maiduguri", "Peshawar", "Paris", "Mosul"]
_WORDS = ["bomb", "killed", "wounded", "attack", "militants", "police", "market", "suicide",
          "gunmen", "hostage", "the", "in", "on", "at", "least", "people", "said", "claimed"]  # fmt: skip
_DAYS = ["Monday", "Tuesday", "Friday", "May 2017", "March 3", "last week", "2019"]
_PHRASES = ["killed 5 ", "on Monday on Tuesday in May 2017 ", "in Kabul in ", "Mr. ", "U.S. ",
            "... A bomb ", "Al-Shabaab claimed ", "between 70 and 80 ", "dozens of ", "(AP) — "]  # fmt: skip

punctuation = st.text(alphabet=".!?;,:-—\"'“”()[]… \n", min_size=1, max_size=12)
digits = st.builds(
    lambda word, number: f"{word} {number} ",
    st.sampled_from(["killed", "wounded", "at least", "more than", "", "on"]),
    st.from_regex(r"[0-9]{1,15}", fullmatch=True),
)
phrases = st.sampled_from(_PHRASES)
capitalised = st.lists(st.from_regex(r"[A-Z][a-z]{0,9}", fullmatch=True), min_size=1, max_size=6)
no_breaks = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=10)
sentences = st.builds(
    lambda n, city, day, what: f"A {what} killed {n} people in {city} on {day}, police said. ",
    st.integers(0, 500),
    st.sampled_from(_CITIES),
    st.sampled_from(_DAYS),
    st.sampled_from(["bomb", "suicide bomber", "gunman", "car bomb"]),
)
units = st.one_of(
    punctuation,
    digits,
    phrases,
    capitalised.map(lambda ws: " ".join(ws) + " "),
    no_breaks.map(lambda ws: " ".join(ws) + " "),
    sentences,
    st.text(min_size=1, max_size=40),
)
patterns = st.lists(units, min_size=1, max_size=4).map("".join)


@settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(pattern=patterns)
def test_random_and_adversarial_texts_extract_in_linear_time(pattern, ref):
    assert growth(pattern, 8_192, ref) < LIMIT


def _news() -> str:
    """The bundled example articles, one after the other: real text with real incidents."""
    lines = (ROOT / "examples" / "news.jsonl").read_text(encoding="utf-8").splitlines()
    return "\n\n".join(json.loads(line)["text"] for line in lines if line.strip()) + "\n\n"


# Shapes the issue measured growing quadratically or worse, up to 1 MB (128 KB against 1 MB).
@pytest.mark.slow
@pytest.mark.parametrize(
    "pattern",
    [
        pytest.param(".", id="run-of-periods"),
        pytest.param("!", id="run-of-exclamation-marks"),
        pytest.param("killed 5 ", id="killed-5"),
        pytest.param(_news(), id="news-articles-concatenated"),
    ],
)
def test_texts_up_to_one_megabyte_extract_in_linear_time(pattern, ref):
    assert growth(pattern, 131_072, ref) < LIMIT


@pytest.mark.parametrize(
    "pattern",
    [
        pytest.param("on Monday on Tuesday in May 2017 ", id="weekdays-and-months"),
        pytest.param("in Kabul in ", id="in-kabul"),
        pytest.param("7", id="one-long-number"),
        pytest.param("Abu Bakr Al Sham ", id="capitalised-run"),
        pytest.param("the bomb exploded near a market and ", id="no-sentence-break"),
        pytest.param("Mr. ", id="run-of-abbreviations"),
    ],
)
def test_repeated_shapes_extract_in_linear_time(pattern, ref):
    assert growth(pattern, 16_384, ref) < LIMIT
