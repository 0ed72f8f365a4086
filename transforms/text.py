"""Sentence splitting with character offsets, and reading numbers written in words."""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right

from transforms.doc import Sentence
from transforms.lexicon import FALLBACK, lexicon


@functools.cache
def abbreviations(language: str = FALLBACK) -> frozenset[str]:
    """Tokens that end with a period without ending a sentence, in lower case and without
    their last period: the lexicon's abbreviations and its month and weekday abbreviations."""
    lex = lexicon(language)
    short = [
        row["word"]
        for word_class in ("months", "weekdays")
        for row in lex.table(word_class)
        if row["form"] == "abbreviation"
    ]
    return frozenset([*lex.column("abbreviations", "word"), *short])


# The match starts only at the first mark of a run ("?!", "...") and takes the whole run
# possessively: trying every mark of a long run ("....") again would cost its length squared.
_BOUNDARY = re.compile(
    r"(?<![.!?])[.!?]++[\"'”’)\]]*+(?=\s+[\"'“‘(\[]?[A-Z0-9])"
    # Clauses that usually carry a second event: "...38 injuries, while a suicide bombing in ..."
    r"|;(?=\s)|,(?=\s+while\s+(?:a|an|the|another)\s)"
)
# Longest sentence handed on: every finder's work on a sentence grows faster than its length,
# so a text without breaks ("....", a list, a 1 MB line) is cut into pieces of at most this many
# characters. News sentences stay far below it (the longest in the dev and GTD corpora: 1,118).
MAX_SENTENCE_CHARS = 2_000
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*[A-Z\"“(\[])")


def _ends_with_abbreviation(chunk: str, known: frozenset[str]) -> bool:
    words = chunk.rstrip(".!?\"'”’)]").rsplit(None, 1)  # none when the chunk is all marks
    word = words[-1].lstrip("(\"'“‘[").lower() if words else ""
    if word in known:
        return True
    # A single capital initial ("J. Smith") or a dotted acronym ("U.S.") does not end a sentence.
    return bool(re.fullmatch(r"[a-z]|(?:[a-z]\.)+[a-z]?", word))


def split_sentences(text: str, language: str = FALLBACK) -> list[Sentence]:
    """Split text into sentences and keep exact character offsets into `text`; `language`
    chooses the abbreviations that do not end one."""
    known = abbreviations(language)
    sentences: list[Sentence] = []
    para_starts = [0] + [m.end() for m in _PARAGRAPH.finditer(text)]
    para_ends = [m.start() for m in _PARAGRAPH.finditer(text)] + [len(text)]
    for p_index, (p_start, p_end) in enumerate(zip(para_starts, para_ends, strict=True)):
        cursor = seen = p_start  # seen: where the previous mark ends
        block = text[p_start:p_end]
        for match in _BOUNDARY.finditer(block):
            cut = p_start + match.end()
            # The word before a mark never reaches back past the previous mark, which is
            # followed by a space: reading from there keeps a run of abbreviations linear.
            if _ends_with_abbreviation(text[seen:cut], known):
                seen = cut
                continue
            _append(sentences, text, cursor, cut, p_index)
            cursor = seen = cut
        _append(sentences, text, cursor, p_end, p_index)
    return sentences


def _append(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    start, end = _strip(text, start, end)
    while end - start > MAX_SENTENCE_CHARS:
        # A run with no sentence break is cut at its last space within the cap (or at the cap).
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        piece_start, piece_end = _strip(text, start, cut)
        out.append(
            Sentence(len(out), piece_start, piece_end, text[piece_start:piece_end], paragraph)
        )
        start, end = _strip(text, cut, end)
    if end > start:
        out.append(Sentence(len(out), start, end, text[start:end], paragraph))


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the white space at its ends."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class SpanSet:
    """Character spans [start, end) already claimed in a sentence, with an overlap test in
    logarithmic time: comparing each new match with every earlier one costs the square of their
    number in a long sentence. Overlapping spans are merged, as only the positions matter."""

    __slots__ = ("_ends", "_starts")

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some span held shares a position with [start, end) (s < end and start < e)."""
        i = bisect_left(self._starts, end)
        return i > 0 and self._ends[i - 1] > start

    def add(self, start: int, end: int) -> None:
        """Hold [start, end), merged with the spans it overlaps."""
        lo = bisect_right(self._ends, start)
        hi = bisect_left(self._starts, end)
        if lo < hi:
            start, end = min(start, self._starts[lo]), max(end, self._ends[hi - 1])
        self._starts[lo:hi] = [start]
        self._ends[lo:hi] = [end]


_UNITS = {
    "zero": 0, "no": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "both": 2, "single": 1,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
# Vague quantities: (low, best). "dozens" means at least two dozen; best stays unknown.
VAGUE = {
    "dozens": (24, None), "scores": (40, None), "hundreds": (200, None), "thousands": (2000, None),
    "a dozen": (12, 12), "a handful": (3, None), "several dozen": (24, None),
    "a few": (2, None), "several": (3, None), "a hundred": (100, 100),
}  # fmt: skip

UNIT_WORDS = "|".join(sorted(set(_UNITS) - {"no", "a", "an", "single"}, key=len, reverse=True))
TENS_WORDS = "|".join(_TENS)
NUMBER_WORD = rf"(?:(?:{TENS_WORDS})(?:[- ](?:{UNIT_WORDS}))?|{UNIT_WORDS})(?:\s+hundred)?"
NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{NUMBER_WORD})"


def parse_number(token: str) -> int | None:
    """Read '1,400', '46', 'twenty-three', 'Forty', 'a', 'two hundred' as an integer."""
    t = token.strip().lower().replace(",", "")
    if t.isdigit():
        return int(t)
    multiplier = 1
    if t.endswith(" hundred"):
        multiplier, t = 100, t[: -len(" hundred")].strip()
    parts = re.split(r"[- ]", t)
    total = 0
    for part in parts:
        if part in _TENS:
            total += _TENS[part]
        elif part in _UNITS:
            total += _UNITS[part]
        else:
            return None
    return total * multiplier
