"""Sentence splitting and the span set the finders test overlaps with."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.text import MAX_SENTENCE_CHARS, SpanSet, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("... A bomb exploded. It killed two.", ["...", "A bomb exploded.", "It killed two."],
                     id="paragraph-opening-with-an-ellipsis"),
        pytest.param("It hit!!! Then it stopped.", ["It hit!!!", "Then it stopped."], id="run-of-marks"),
        pytest.param("Mr. Mr. Smith spoke. Then Dr. J. Jones left.",
                     ["Mr. Mr. Smith spoke.", "Then Dr. J. Jones left."], id="run-of-abbreviations"),
        pytest.param("They came... Then they left.", ["They came...", "Then they left."], id="ellipsis"),
        pytest.param("Five died; ten were hurt.", ["Five died;", "ten were hurt."], id="semicolon"),
    ],
)  # fmt: skip
def test_sentences(text, expected):
    assert [s.text for s in split_sentences(text)] == expected


def test_text_without_breaks_is_cut_into_capped_sentences_at_spaces():
    text = "the bomb exploded near a market and " * 400
    sentences = split_sentences(text)
    assert len(sentences) > 1
    for s in sentences:
        assert len(s.text) <= MAX_SENTENCE_CHARS
        assert text[s.start : s.end] == s.text
        assert s.start == 0 or text[s.start - 1] == " "
    assert "".join(s.text + " " for s in sentences) == text  # nothing lost between pieces


def test_text_without_spaces_is_cut_at_the_cap():
    sentences = split_sentences("." * (3 * MAX_SENTENCE_CHARS + 5))
    assert [len(s.text) for s in sentences] == [MAX_SENTENCE_CHARS] * 3 + [5]


spans = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)), max_size=30)


@settings(max_examples=200, database=None)
@given(held=spans, queries=spans)
def test_span_set_finds_the_overlaps_pairwise_comparison_finds(held, queries):
    pairs = [(start, start + length) for start, length in held]
    span_set = SpanSet()
    for start, end in pairs:
        span_set.add(start, end)
    for start, length in queries:
        end = start + length
        assert span_set.overlaps(start, end) == any(s < end and start < e for s, e in pairs)
