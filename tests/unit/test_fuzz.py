"""Extraction never raises, whatever the text: random text and incident-like fragments."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transforms.incident_reports import DocumentInput, extract_reports

_FRAGMENTS = ["killed", "wounded", "at least", "more than", "between", "and", "dozens of",
              "a suicide bomber", "blew himself up", "in", "Kabul", "Mastung", "Pakistan",
              "on Friday", "in May 2017", "on 3 March", "Al-Shabaab", "claimed", "the attack",
              "people", "police", "said", ".", "...", "!", ";", ",", "\n\n", "\n", "“", "”",
              "(AP) —", "MOGADISHU, Somalia —", "Mr.", "U.S.", "J.", "no one was hurt",
              "99999999999999999999", "0", "-1", "twenty-three", "hundreds"]  # fmt: skip
fragments = st.lists(
    st.one_of(st.sampled_from(_FRAGMENTS), st.from_regex(r"[0-9]{1,25}", fullmatch=True)),
    max_size=60,
).map(" ".join)
texts = st.one_of(st.text(max_size=400), fragments, st.tuples(fragments, st.text()).map("".join))
published = st.one_of(st.none(), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=texts, pub=published, title=st.one_of(st.none(), st.text(max_size=80)))
def test_extraction_never_raises(text, pub, title, ref):
    rows = extract_reports(DocumentInput("d", text, pub, title), ref)
    for row in rows:
        assert 0 <= row["char_start"] < row["char_end"] <= len(text)
        assert row["evidence"] == text[row["char_start"] : row["char_end"]]


def test_known_hostile_inputs_do_not_raise(ref):
    for text in [
        "... A bomb exploded.",
        "A bomb killed 99999999999999999999 people in Kabul on Friday.",
        "A bomb killed " + "9" * 4301 + " people in Kabul on Friday.",
        "Gunmen killed 5 people. " * 3 + "!" * 5000,
    ]:
        extract_reports(DocumentInput("d", text, dt.date(2020, 1, 1)), ref)
