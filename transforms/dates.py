"""Date expressions in a sentence, resolved against the publication date at the right precision.

A date is never invented: a weekday or "yesterday" with no publication date stays unknown, and
a month without a year takes its year from the text or the publication date, or stays unknown.

The finder (`find_dates`, one sentence) and the resolver (`reporting_date`, the one date of an
incident from the mentions around it) sit together here.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from transforms.cues import ANAPHOR, CAME_AFTER, RECALL
from transforms.doc import DateMention, DocumentInput, Incident, Sentence, SentenceInfo
from transforms.lexicon import FALLBACK, fill, lexicon, slots
from transforms.text import NUMBER_WORD, SpanSet, parse_number

_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

_NUMERIC = re.compile(
    r"(?<![\d./-])(?P<a>[0-3]?\d)(?P<sep>[/.-])(?P<b>[0-3]?\d)(?P=sep)(?P<year>(?:19|20)\d\d)(?![\d/-]|\.\d)"
)
_ISO = re.compile(r"(?<![\d./-])(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d-])")


@dataclass(frozen=True)
class _DateWords:
    """One language's month and weekday names, and the date patterns built from them."""

    months: dict[str, int]  # every name and abbreviation, lower case -> month number
    weekdays: dict[str, int]  # full names, lower case -> 0 (Monday) .. 6
    patterns: list[tuple[str, re.Pattern[str]]]
    month_stem: re.Pattern[str]  # prefilter: each month's shortest form, as written
    weekday_tail: str  # prefilter: the ending all weekday names share ("day"), if any
    weekday_name: re.Pattern[str]  # prefilter: the weekday names, lower case
    scene_word: re.Pattern[str]  # the words before a year that set a scene (`years_named`)


@functools.cache
def _date_words(language: str) -> _DateWords:
    """Compile one language's date patterns from its lexicon (months.csv, weekdays.csv)."""
    lex = lexicon(language)
    months = lex.table("months")
    names = [r["word"].capitalize() for r in months if r["form"] == "name"]
    short = [re.escape(r["word"].capitalize()) + r"\.?" for r in months if r["form"] != "name"]
    weekday_rows = [r for r in lex.table("weekdays") if r["form"] == "name"]
    weekdays = [r["word"].capitalize() for r in weekday_rows]
    stems: dict[str, str] = {}
    for r in months:
        word = r["word"].capitalize()
        if len(word) < len(stems.get(r["month"], word + " ")):
            stems[r["month"]] = word
    return _DateWords(
        {r["word"]: int(r["month"]) for r in months},
        {r["word"]: int(r["weekday"]) for r in weekday_rows},
        _patterns(
            "(?P<month>" + "|".join(names + short) + ")",
            "(?P<weekday>" + "|".join(weekdays) + ")",
        ),
        re.compile("|".join(map(re.escape, stems.values()))),
        _common_ending([w.lower() for w in weekdays]),
        re.compile("|".join(re.escape(w.lower()) for w in weekdays)),
        re.compile(
            r"\b(?:in|during|early|late|mid-?|year|summer|winter|spring|autumn|"
            + "|".join(names)
            + r"|\d{1,2},?)\s+$|\b\d{1,2}[/.-]\d{1,2}[/.-]$",
            re.I,
        ),
    )


@functools.cache
def _year_of_attack(language: str = FALLBACK) -> re.Pattern[str]:
    """A year standing as an adjective before a noun of attack (date_year_nouns.csv)."""
    nouns = "|".join(lexicon(language).column("date_year_nouns", "noun"))
    return re.compile(
        rf"\b(?:an?|the|its|their|his|her)\s+{_YEAR}\s+(?:[\w-]+\s+){{0,2}}?(?:{nouns})\b", re.I
    )


def _common_ending(words: list[str]) -> str:
    """The longest ending every word shares ("" when they share none)."""
    end = min(words, key=len) if words else ""
    while end and not all(w.endswith(end) for w in words):
        end = end[1:]
    return end


def _patterns(_MONTH: str, _WEEKDAY: str) -> list[tuple[str, re.Pattern[str]]]:
    """The date patterns, in the order they are tried, around a language's month and weekday
    alternations."""
    return [
        ("iso", _ISO),
        ("numeric", _NUMERIC),
        # "early on Saturday, 3 May", "Sunday (Jan 27)": the written date, not the weekday, counts.
        (
            "dmy",
            re.compile(
                rf"\b{_WEEKDAY},?\s+\(?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b\)?"
            ),
        ),
        ("mdy", re.compile(rf"\b{_WEEKDAY},?\s+\(?{_MONTH}\s+{_DAY}(?:,\s*{_YEAR})?\b\)?")),
        (
            "span",
            re.compile(
                rf"\b(?:overnight from|night of|between)\s+{_WEEKDAY}\s+(?:to|and)\s+\w+day\b", re.I
            ),
        ),
        (
            "span_dm",
            re.compile(
                rf"\bnight of\s+{_DAY}\s+(?:to|and|-)\s+\d{{1,2}}\s+{_MONTH}(?:,?\s+{_YEAR})?", re.I
            ),
        ),
        ("dmy", re.compile(rf"\b{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?\b")),
        ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,\s*{_YEAR})?\b(?!\s*(?:km|per|%))")),
        (
            "ago",
            re.compile(
                rf"\b(?P<n>\d+|{NUMBER_WORD}|a)\s+(?P<unit>years?|months?|weeks?|days?)\s+ago(?P<today>\s+today)?",
                re.I,
            ),
        ),
        (
            "my",
            re.compile(
                r"\b(?P<rel>(?i:last|this|early|late|mid-|earlier this|in|since|of|from|until))?\s*"
                rf"{_MONTH}(?:\s+(?:of\s+)?(?P<year>(?:19|20)\d\d)|\s+(?P<yrel>(?i:this|last)) year)?\b"
            ),
        ),
        (
            "year_rel",
            re.compile(
                r"\b(?P<rel>last|this|earlier this|later that|the previous|the following) year\b",
                re.I,
            ),
        ),
        ("month_rel", re.compile(r"\b(?P<rel>last|this|earlier this) month\b", re.I)),
        # Rule YEAR_OF_ATTACK: "a 2015 plane bombing", "the 2008 Mumbai attacks".
        ("y_attr", _year_of_attack()),
        (
            "y",
            re.compile(
                rf"\b(?P<rel>in|since|of|during|from|until|early|late|mid-)\s+{_YEAR}\b(?!\s*(?:people|km))",
                re.I,
            ),
        ),
        (
            "weekday",
            re.compile(
                rf"\b(?P<pre>last|this|on|late on|early on|late|early)?\s*{_WEEKDAY}(?P<poss>'s)?",
                re.I,
            ),
        ),
        (
            "rel_day",
            re.compile(
                r"\b(?P<word>yesterday|today|this morning|this afternoon|this evening|tonight|last night|late last night|overnight|the day before|a day earlier|the previous day)\b",
                re.I,
            ),
        ),
    ]


# A word of speech just before a date: the date of a statement ("said on Monday"). Rule
# STATEMENT_AFTER_DATE: or right after it, with no comma between ("the group yesterday
# claimed responsibility", "police on Tuesday said"); "On Tuesday, police said" stays open.
_SPEECH = re.compile(fill(r"\b{statement}\b(?:\s+\S+){0,3}\s*$", slots(FALLBACK, "speech")), re.I)
_SPEECH_AFTER = re.compile(fill(r"\s+(?:also\s+)?{statement}\b", slots(FALLBACK, "speech")), re.I)


@functools.cache
def _reference_word(language: str) -> re.Pattern[str]:
    """The words that end just before a date of reference (date_reference.csv), allowing a
    qualifier between them and the date ("since early 2023", "as of late Monday")."""
    phrases = sorted(lexicon(language).column("date_reference", "phrase"), key=len, reverse=True)
    words = "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)
    qualifier = r"(?:\s+(?:early|late|mid-?|last|this|the|on)){0,2}"
    return re.compile(rf"\b(?:{words}){qualifier}\s*$", re.I)


def _possessive(sentence: str, m: re.Match[str]) -> bool:
    """A date in the possessive ("Monday's assault", the match may hold the "'s")."""
    text = m.group(0)
    return (
        re.match(r"['’]s\b", sentence[m.end() - 2 if text.endswith("s") else m.end() :]) is not None
    )


def _is_reference_point(sentence: str, m: re.Match[str], language: str = FALLBACK) -> bool:
    """Rule DATE_REFERENCE_POINT: a date after "since", "as of", "until" ("demonstrations
    since 2023", "none were ready to talk as of Monday", "the deadliest attack since March")
    marks the start or end of a period, or the time of a report; it is never the day an
    incident happened. The match may carry the word itself ("since 2023" is one match). A
    date the sentence goes on to tell names an event ("the bloodiest since January 2018, when
    a bomber killed 30"), and so does a possessive one ("since Friday's attack"), which the
    caller (`find_dates`) has already set aside."""
    if re.match(r"\s*(?:,\s*|\s)(?:when|as)\b", sentence[m.end() :]):
        return False
    groups = m.groupdict()
    opening = groups.get("rel") or groups.get("pre") or ""  # the pattern's own first word
    before = sentence[max(0, m.start() - 20) : m.start()] + " " + opening
    return _reference_word(language).search(before) is not None


def shift_months(d: dt.date, months: int) -> dt.date:
    """The first day of the month `months` before `d` (a negative number counts forward)."""
    total = d.year * 12 + (d.month - 1) - months
    return dt.date(total // 12, total % 12 + 1, 1)


def _month_year(month: int, year: int | None, rel: str, anchor: dt.date | None,
                context_year: int | None) -> tuple[dt.date | None, str]:  # fmt: skip
    if year is not None:
        return dt.date(year, month, 1), "month"
    rel = rel.lower()
    if context_year is not None and rel not in ("last", "this"):
        return dt.date(context_year, month, 1), "month"
    if anchor is None:
        return None, "unknown"
    year = anchor.year if month <= anchor.month else anchor.year - 1
    if rel == "last" and month >= anchor.month:
        year = anchor.year - 1
    return dt.date(year, month, 1), "month"


def find_dates(sentence: str, anchor: dt.date | None, context_year: int | None = None,
               order: str | None = None, language: str = FALLBACK) -> list[DateMention]:  # fmt: skip
    """Date mentions of one sentence, left to right. `context_year`: the last year the text named;
    `order`: the document's convention for numeric dates, "mdy" or "dmy" (`numeric_date_order`);
    `language`: the lexicon's month and weekday names."""
    out: list[DateMention] = []
    taken = SpanSet()
    lower = sentence.lower()
    words = _date_words(language)
    worth = _worth_trying(sentence, lower, words)
    for kind, pattern in words.patterns:
        if not worth[kind]:
            continue
        for m in pattern.finditer(sentence):
            if taken.overlaps(m.start(), m.end()):
                continue
            resolved = _resolve(kind, m, anchor, context_year, order, words)
            if resolved is None:
                continue
            date, precision, explicit = resolved
            # A possessive date names an event ("claimed responsibility for Monday's assault").
            statement = not _possessive(sentence, m) and (
                bool(_SPEECH.search(sentence[max(0, m.start() - 40) : m.start()]))
                or (kind != "y_attr" and bool(_SPEECH_AFTER.match(sentence, m.end())))
                or _is_reference_point(sentence, m, language)
            )
            out.append(DateMention(date, precision, m.start(), m.end(), explicit, statement))
            taken.add(m.start(), m.end())
    return sorted(out, key=lambda d: d.start)


_DIGIT = re.compile(r"\d")
_REL_DAY_WORDS = ("yesterday", "today", "morning", "afternoon", "evening", "tonight", "night",
                  "day before", "day earlier", "previous day")  # fmt: skip


def _worth_trying(sentence: str, lower: str, words: _DateWords) -> dict[str, bool]:
    """Which patterns can match at all, by cheap tests of the words each cannot match without
    (the regex scans are the cost); the month and weekday tests come from the lexicon."""
    digit = _DIGIT.search(sentence) is not None
    year = digit and _YEAR_NUMBER.search(sentence) is not None
    month = words.month_stem.search(sentence) is not None
    weekday = words.weekday_tail in lower and words.weekday_name.search(lower) is not None
    return {
        "iso": digit and "-" in sentence,
        "numeric": digit and ("/" in sentence or "." in sentence or "-" in sentence),
        "dmy": digit and month,
        "mdy": digit and month,
        "y": year,
        "y_attr": year,
        "my": month,
        "span": weekday,
        "weekday": weekday,
        "span_dm": "night of" in lower,
        "ago": "ago" in lower,
        "year_rel": "year" in lower,
        "month_rel": "month" in lower,
        "rel_day": any(w in lower for w in _REL_DAY_WORDS),
    }


def _resolve(kind: str, m: re.Match[str], anchor: dt.date | None, context_year: int | None,
             order: str | None, words: _DateWords) -> tuple[dt.date | None, str, bool] | None:  # fmt: skip
    g = m.groupdict()
    year = int(g["year"]) if g.get("year") else None
    month = words.months[g["month"].lower().rstrip(".")] if g.get("month") else None
    if kind in ("iso", "numeric"):
        return _numeric(g, anchor, order)
    if kind in ("dmy", "mdy") and month:
        day = int(g["day"])
        y = year or context_year or (anchor.year if anchor else None)
        if y is None or not 1 <= day <= 31:
            return None if y is not None else (None, "unknown", False)
        if year is None and not context_year and anchor is not None:
            date = _latest_before(month, day, anchor)
        else:
            date = _day(y, month, day)
        return (date, "day", year is not None) if date else None
    if kind == "span_dm" and month:
        y = year or context_year or (anchor.year if anchor else None)
        return (dt.date(y, month, 1), "month", year is not None) if y else (None, "unknown", False)
    if kind == "span":
        if anchor is None:
            return None, "unknown", False
        return dt.date(anchor.year, anchor.month, 1), "month", False
    if kind == "my" and month:
        if g["month"] == "May" and not year and not g.get("rel") and not g.get("yrel"):
            return None  # "may" the verb
        if not year and not g.get("rel") and not g.get("yrel") and g["month"] in ("March", "Mar."):
            return None
        if g.get("yrel"):
            # "in June this year", "in March last year": the publication's year, not the text's.
            if anchor is None:
                return None, "unknown", False
            year = anchor.year - (g["yrel"].lower() == "last")
        month_date, precision = _month_year(month, year, g.get("rel") or "", anchor, context_year)
        return month_date, precision, year is not None
    if kind in ("y", "y_attr") and year:
        return dt.date(year, 1, 1), "year", True
    if kind == "year_rel":
        if anchor is None:
            return None, "unknown", False
        rel = g["rel"].lower()
        offset = 1 if rel in ("last", "the previous") else 0
        return dt.date(anchor.year - offset, 1, 1), "year", False
    if kind == "month_rel":
        if anchor is None:
            return None, "unknown", False
        offset = 1 if g["rel"].lower() == "last" else 0
        return shift_months(anchor, offset), "month", False
    if kind == "ago":
        return _ago(m, anchor)
    if kind == "weekday":
        return _weekday(g, anchor, words)
    if kind == "rel_day":
        if anchor is None:
            return None, "unknown", False
        word = g["word"].lower()
        back = 1 if word in ("yesterday", "last night", "late last night", "the day before",
                              "a day earlier", "the previous day") else 0  # fmt: skip
        return anchor - dt.timedelta(days=back), "day", False
    return None


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# A yearless date this many days after publication is a time-zone or update lag, not last year.
_LAG_DAYS = 2


def _latest_before(month: int, day: int, anchor: dt.date) -> dt.date | None:
    """Rule `yearless-day`: "on March 3" is the latest March 3 not after publication (allowing a
    lag of `_LAG_DAYS`); February 29 goes back to the last leap year."""
    for year in range(anchor.year, anchor.year - 8, -1):
        date = _day(year, month, day)
        if date is not None and (date - anchor).days <= (_LAG_DAYS if year == anchor.year else 0):
            return date
    return None


def _numeric(g: dict[str, str | None], anchor: dt.date | None,
             order: str | None) -> tuple[dt.date | None, str, bool] | None:  # fmt: skip
    """Rule `numeric-date`: "2018-07-12" is year-month-day; "12/07/2018", "12.07.2018" are read
    month-first or day-first by their values (a number above 12 is the day), then by the
    document's convention (`order`), then by the reading nearest before publication, then by
    the separator: a slash month-first (US and database style), a dot or dash day-first."""
    year = int(g["year"] or 0)
    if g.get("m"):
        date = _day(year, int(g["m"] or 0), int(g["d"] or 0))
        return (date, "day", True) if date else None
    a, b = int(g["a"] or 0), int(g["b"] or 0)
    month_first, day_first = _day(year, a, b), _day(year, b, a)
    if month_first is None or day_first is None or month_first == day_first:
        date = month_first or day_first
    elif order in ("mdy", "dmy"):
        date = month_first if order == "mdy" else day_first
    elif anchor is not None and min(month_first, day_first) <= anchor:
        date = max(d for d in (month_first, day_first) if d <= anchor)
    else:
        date = month_first if g["sep"] == "/" else day_first
    return (date, "day", True) if date else None


def numeric_date_order(text: str) -> str | None:
    """Rule `numeric-convention`: a document's numeric dates share one order. "mdy" when one of
    them can only be month-first ("04/23/2019"), "dmy" when one can only be day-first
    ("23/04/2019"), None when none tells (or they disagree)."""
    seen = set()
    for m in _NUMERIC.finditer(text) if "/" in text or "." in text or "-" in text else ():
        a, b = int(m.group("a")), int(m.group("b"))
        if a > 12 >= b >= 1:
            seen.add("dmy")
        elif b > 12 >= a >= 1:
            seen.add("mdy")
    return seen.pop() if len(seen) == 1 else None


def _ago(m: re.Match[str], anchor: dt.date | None) -> tuple[dt.date | None, str, bool]:
    if anchor is None:
        return None, "unknown", False
    n = 1 if m.group("n").lower() == "a" else parse_number(m.group("n")) or 0
    unit = m.group("unit").lower().rstrip("s")
    if unit == "year":
        try:
            date = anchor.replace(year=anchor.year - n)
        except ValueError:
            date = anchor.replace(year=anchor.year - n, day=28)
        return (
            (date, "day", False) if m.group("today") else (dt.date(date.year, 1, 1), "year", False)
        )
    if unit == "month":
        return shift_months(anchor, n), "month", False
    days = n * (7 if unit == "week" else 1)
    return anchor - dt.timedelta(days=days), "day" if unit == "day" else "month", False


def _weekday(g: dict[str, str | None], anchor: dt.date | None,
             words: _DateWords) -> tuple[dt.date | None, str, bool]:  # fmt: skip
    if anchor is None:
        return None, "unknown", False
    target = words.weekdays[(g["weekday"] or "").lower()]
    back = (anchor.weekday() - target) % 7
    if (g.get("pre") or "").lower() == "last" and back == 0:
        back = 7
    return anchor - dt.timedelta(days=back), "day", False


_YEAR_NUMBER = re.compile(r"\b(?:19|20)\d\d\b")


def years_named(sentence: str, language: str = FALLBACK) -> list[int]:
    """The years a sentence sets a scene in ("in 2015", "June 2016", "2014:"), in order; the
    last is the context for later months. A year used as an adjective ("the 2016 peace
    agreement") or as a reference point ("since 2013", "the bombings of 2005") is not."""
    years = []
    for m in _YEAR_NUMBER.finditer(sentence):
        before = sentence[max(0, m.start() - 12) : m.start()]
        if _date_words(language).scene_word.search(before) or (
            m.start() == 0 and not re.match(r"\s+[a-z]", sentence[m.end() :])
        ):
            years.append(int(m.group(0)))
    return years


# The resolver: one incident's date and precision from the date mentions around it.
_LATER = re.compile(
    r"^(?:(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|\d{1,2}) "
    r"(?P<unit>day|week|month|year)s?|(?P<hours>hours|minutes|moments)) later\b",
    re.I,
)


_HOURS_AFTER = re.compile(r"\b(?:hours|minutes|moments|shortly) (?:after|before)\b", re.I)


def reporting_date(
    inc: Incident,
    info: list[SentenceInfo],
    doc: DocumentInput,
    before: list[Sentence] | None = None,
    previous: Incident | None = None,
    own_story: bool = True,
) -> tuple[dt.date | None, str]:
    """The incident's first day at the precision the text allows.

    From its own sentences; else counted from the incident told before it ("Two months later",
    "came hours after"); else from the account just before its lead (`before`, nearest first)
    or the sentence before it ("Friday's violence ... In Kuwait, ..."); else from a sentence
    after it that refers back to it; else, for the story's own incident (the first, when
    `own_story`), the publication month."""
    candidates = [inc.date] if inc.date else []
    toll_dates: list[DateMention] = []  # "the death toll rose to 133 on Saturday"
    for s in inc.sentences:
        si = info[s.index]
        ends = [f.end for f in si.figures if f.is_toll_update]
        for d in si.dates:
            if d.is_statement_date:
                continue
            of_toll = any(0 <= d.start - e <= 25 for e in ends)
            (toll_dates if of_toll else candidates).append(d)
    candidates = [d for d in candidates if d not in toll_dates]
    found = _first_valid(candidates, doc)
    if found[0] is not None:
        return found
    if previous is not None:
        later = _LATER.match(inc.lead.text)
        if later or _HOURS_AFTER.search(inc.lead.text):
            base, precision = reporting_date(previous, info, doc, own_story=False)
            if base is not None:
                return _after(base, precision, later)
    for s in before or []:
        # The earliest: "a notice issued on Wednesday for the attack on 19 December".
        dated = sorted(
            (d for d in info[s.index].dates if not d.is_statement_date and d.date is not None),
            key=lambda d: d.date or dt.date.min,
        )
        found = _first_valid(dated, doc)
        if found[0] is not None:
            return found
    if inc.lead.index > 0:
        prev = info[inc.lead.index - 1]
        found = _first_valid([d for d in prev.dates if not d.is_statement_date], doc)
        if found[0] is not None:
            return found
    found = _date_told_after(inc, info, doc)
    if found[0] is not None:
        return found
    found = _first_valid(toll_dates, doc)
    if found[0] is not None or previous is not None or not own_story:
        return found
    return publication_month(doc)


def _date_told_after(inc: Incident, info: list[SentenceInfo], doc: DocumentInput
                     ) -> tuple[dt.date | None, str]:  # fmt: skip
    """Rule DATE_TOLD_AFTER: a date given further on, in a sentence that refers back to the
    attack ("The attack took place on Saturday", "when the attack happened on Sunday"), within
    two paragraphs of the incident's lead."""
    lead = inc.lead
    for s in sorted(inc.context, key=lambda c: c.index):
        if s.index < lead.index or s.paragraph - lead.paragraph > 2:
            continue
        # Rule ELABORATION_DATE: the sentence right after the lead, in its paragraph, tells
        # more of it ("X has been shot and wounded in Bogota. X, 39, was shot twice during a
        # campaign event on Saturday") unless it recalls another time.
        elaborates = (
            s.index == lead.index + 1
            and s.paragraph == lead.paragraph
            and not RECALL.search(s.text)
            and not CAME_AFTER.search(s.text)
        )
        if not elaborates and not ANAPHOR.search(s.text):
            continue
        found = _first_valid([d for d in info[s.index].dates if not d.is_statement_date], doc)
        if found[0] is not None:
            return found
    return None, "unknown"


def publication_month(doc: DocumentInput) -> tuple[dt.date | None, str]:
    """Rule PUBLICATION_MONTH: a story's own incident that the text does not date happened
    shortly before the story was published: its month. On the first two days of a month the
    incident may be of the month before, so only the year is known (and nothing on 1-2
    January)."""
    pub = doc.published_at
    if pub is None:
        return None, "unknown"
    if pub.day >= 3:
        return dt.date(pub.year, pub.month, 1), "month"
    if pub.month > 1:
        return dt.date(pub.year, 1, 1), "year"
    return None, "unknown"


def _first_valid(candidates: list[DateMention], doc: DocumentInput) -> tuple[dt.date | None, str]:
    for d in candidates:
        if d.date is not None and d.precision != "unknown":
            if doc.published_at is not None and d.date > doc.published_at:
                continue
            return d.date, d.precision
    return None, "unknown"


def _after(base: dt.date, precision: str, later: re.Match[str] | None) -> tuple[dt.date, str]:
    """A date counted on from another: "two months later" keeps the month, "hours later" the day."""
    if later is None or later.group("hours"):
        return base, precision
    word = later.group("n").lower()
    n = 1 if word in ("a", "an") else parse_number(word) or 1
    unit = later.group("unit").lower()
    if unit in ("day", "week") and precision == "day":
        return base + dt.timedelta(days=n * (7 if unit == "week" else 1)), "day"
    if unit == "year":
        return dt.date(base.year + n, 1, 1), "year"
    return shift_months(base, -n if unit == "month" else 0), "month"
