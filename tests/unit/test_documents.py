"""Input documents read, not guessed: JSONL line by line, NUL, strict published_at."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from transforms.documents import check_published, parse_file, parse_jsonl, reject_failed

NOW = dt.datetime(2026, 12, 1, 9, 0)
LIMIT = 1_000_000


def _line(**record: object) -> bytes:
    return json.dumps(record, ensure_ascii=False).encode("utf-8")


def test_one_bad_byte_rejects_only_its_line():
    raw = b"\n".join(
        [_line(id="a", text="First."), b'{"id": "b", "text": "bad \xff byte"}',
         _line(id="c", text="Third.")]
    )  # fmt: skip
    docs = parse_jsonl("in.jsonl", raw, LIMIT, NOW)
    assert [(d.external_id, d.status) for d in docs] == [
        ("a", "ok"), ("in.jsonl:2", "rejected"), ("c", "ok")
    ]  # fmt: skip
    assert docs[1].reject_reason == "not valid UTF-8 (byte 0xff at column 26)"


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\r", "\x0b", "\x0c"])
def test_lines_break_at_newline_only(separator):
    text = f"Part one.{separator}Part two."
    raw = _line(id="a", text=text) + b"\r\n" + _line(id="b", text="Other.")
    docs = parse_jsonl("in.jsonl", raw, LIMIT, NOW)
    assert [d.status for d in docs] == ["ok", "ok"]
    assert docs[0].external_id == "a"


def test_nul_anywhere_rejects():
    plain = parse_file("a.txt", b"x" * 10_000 + b"\x00tail", LIMIT, NOW)[0]
    assert plain.status == "rejected"
    assert plain.reject_reason == "binary content (NUL byte at offset 10000), not a text document"
    escaped = parse_jsonl("in.jsonl", _line(id="e", text="a\u0000b"), LIMIT, NOW)[0]
    assert escaped.status == "rejected" and "NUL" in (escaped.reject_reason or "")
    raw_nul = parse_jsonl("in.jsonl", b'{"text": "a\x00b"}', LIMIT, NOW)[0]
    assert raw_nul.reject_reason == "NUL byte at column 12, not a text line"


def test_unpaired_surrogate_is_rejected_not_raised():
    doc = parse_jsonl("in.jsonl", b'{"id": "s", "text": "bad \\ud800 text"}', LIMIT, NOW)[0]
    assert doc.status == "rejected" and "surrogate" in (doc.reject_reason or "")


def test_oversized_line_and_empty_file():
    docs = parse_jsonl("in.jsonl", _line(text="x" * 200) + b"\n" + _line(text="ok"), 100, NOW)
    assert [d.status for d in docs] == ["rejected", "ok"]
    assert docs[0].external_id == "in.jsonl:1" and "oversized" in (docs[0].reject_reason or "")
    empty = parse_jsonl("empty.jsonl", b"\n\n", LIMIT, NOW)
    assert [(d.status, d.reject_reason) for d in empty] == [("rejected", "empty: no JSON lines")]


def test_missing_text_names_the_line():
    doc = parse_jsonl("in.jsonl", b"\n" + _line(id="x", title="t"), LIMIT, NOW)[0]
    assert doc.reject_reason == "missing required field 'text' (in.jsonl:2)"


PUBLISHED = [
    ("2018-07-13", dt.datetime(2018, 7, 13), None),
    ("2018-07-13T10:30:00Z", dt.datetime(2018, 7, 13, 10, 30), None),
    ("2018-07-13T01:00:00+05:00", dt.datetime(2018, 7, 12, 20, 0), None),
    ("2026-12-01T23:00:00+14:00", dt.datetime(2026, 12, 1, 9, 0), None),
    ("yesterday", None, "not an ISO 8601 date or datetime"),
    ("2021-02-30", None, "not an ISO 8601 date or datetime"),
    ("2018-07-13 and more", None, "not an ISO 8601 date or datetime"),
    ("2099-01-01", None, "later than the run (2026-12-01 09:00 UTC)"),
    ("9999-12-31T23:59:59-14:00", None, "out of the range of dates"),
    ("0001-01-01T00:00:00+01:00", None, "out of the range of dates"),
    ("1850-01-01", None, "before 1900"),
    (20180713, None, "not an ISO 8601 string"),
]


@pytest.mark.parametrize(("value", "stamp", "why"), PUBLISHED)
def test_published_at_is_strict(value, stamp, why):
    got, reason = check_published(value, NOW)
    assert got == stamp
    assert (reason is None) == (why is None)
    if why:
        assert why in (reason or "") and reason.startswith("published_at ")


def test_unusable_published_at_is_noted_on_an_ok_document():
    doc = parse_jsonl("in.jsonl", _line(id="f", text="News.", published_at="2099-01-01"),
                      LIMIT, NOW)[0]  # fmt: skip
    assert doc.status == "ok" and doc.published_at is None
    assert doc.reject_reason == (
        "published_at '2099-01-01' ignored: later than the run (2026-12-01 09:00 UTC)"
    )


def test_failed_extraction_becomes_rejected_with_reason():
    docs = parse_jsonl(
        "in.jsonl", _line(id="a", text="A.") + b"\n" + _line(id="b", text="B."), LIMIT
    )
    out = reject_failed(docs, {docs[1].doc_id: "extraction failed: IndexError: boom"})
    assert [(d.status, d.reject_reason) for d in out] == [
        ("ok", None), ("rejected", "extraction failed: IndexError: boom")
    ]  # fmt: skip
    assert out[1].text == "B."
