"""The words of a language the finders read, as data: seeds/lexicon/<language>/<class>.csv.

Each file is one word class (month names, abbreviations, cue phrases, ...). Its first lines,
starting with `#`, say what the class is for; then a CSV header and one entry a line. The
engine that reads them is language-neutral, as dateparser's and spaCy's are: a language is a
folder, chosen by `documents.language` (`language_of`). A document in a language that has no
folder is read with the English lexicon (`FALLBACK`), and `Doc.language` says so.

A class is read once per language (`lexicon`) and compiled once. The sentence splitter
(`transforms.text`) and the date finder (`transforms.dates`) compile per language, keyed by
`Doc.language`; the other finders (cues, attack acts, places, speech and responders in the
taxonomy) compile from the fallback lexicon at import, as no second language has a folder yet.
Patterns are built by `fill` from a template (the structure, in Python) and the entries of
named slots (the words, in the files). Prefilters (substrings one of which every match of a
pattern contains) are derived from the entries by `literal_stems`, never kept in step with
them by hand.

This module reads package data (the seeds folder beside the code, or the copy packed into an
installed wheel), as dateparser reads its language data; it reads nothing else.
"""

from __future__ import annotations

import csv
import functools
import re
from pathlib import Path

__all__ = ["FALLBACK", "Lexicon", "alternation", "language_of", "lexicon", "literal_stems"]

FALLBACK = "en"


def seeds_file(relative: str) -> Path:
    """A file or folder of `seeds/`: beside transforms/ in the source tree, or packed into the
    wheel as `incidents/_seeds/`."""
    here = Path(__file__).resolve().parent
    for root in (here.parent / "seeds", here.parent / "incidents" / "_seeds"):
        if (root / relative).exists():
            return root / relative
    raise FileNotFoundError(f"seeds/{relative} belongs beside transforms/ (or in the wheel)")


def _lexicon_root() -> Path:
    return seeds_file(f"lexicon/{FALLBACK}").parent


@functools.cache
def available_languages() -> frozenset[str]:
    """The languages that have a lexicon folder."""
    return frozenset(p.name for p in _lexicon_root().iterdir() if p.is_dir())


def language_of(code: str | None) -> str:
    """The lexicon a document is read with: its language ("en", "en-GB" -> "en") when the
    lexicon has it, else `FALLBACK` (English), also for documents that name no language."""
    base = re.split(r"[-_]", code.strip().lower(), maxsplit=1)[0] if code else ""
    return base if base in available_languages() else FALLBACK


class Lexicon:
    """One language's word classes, read from its folder on first use of each class."""

    def __init__(self, language: str, folder: Path) -> None:
        self.language = language
        self._folder = folder

    @functools.cache  # noqa: B019 - one Lexicon per language, kept for the process
    def table(self, word_class: str) -> tuple[dict[str, str], ...]:
        """Every entry of a class, as dicts keyed by the file's header."""
        path = self._folder / f"{word_class}.csv"
        if not path.exists():
            raise FileNotFoundError(
                f"word class {word_class!r} missing: add {path} (see seeds/lexicon/{FALLBACK}/)"
            )
        with path.open(encoding="utf-8", newline="") as f:
            lines = [line for line in f if not line.startswith("#")]
        return tuple(csv.DictReader(lines))

    def column(self, word_class: str, name: str) -> tuple[str, ...]:
        """One column of a class, in file order."""
        return tuple(row[name] for row in self.table(word_class))


@functools.cache
def lexicon(language: str = FALLBACK) -> Lexicon:
    """The lexicon of `language` (a code `language_of` returned), built once per process."""
    return Lexicon(language, _lexicon_root() / language)


# Characters that end the literal start of a pattern.
_META = set("\\[](){}|?*+^$.")


def literal_stems(patterns: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """A prefilter for an alternation of `patterns` (regular expressions, matched ignoring
    case): for each, the literal text it starts with, lower-cased ("bombs?" -> "bomb",
    "(?:suicide )?bombers?" -> "bomber", "(?:heavy|monsoon) rains?" -> "heavy rain", "monsoon rain").
    Every match of the alternation contains one of them. A pattern that starts with no literal
    text (a character class) makes the prefilter useless: then this raises, and the entry
    needs rewording."""
    stems = list(dict.fromkeys(stem for p in patterns for stem in _stems(p, p)))
    # A stem that contains another adds nothing to the test ("says" beside "say").
    return tuple(s for s in stems if not any(o != s and o in s for o in stems))


def _stems(p: str, entry: str) -> list[str]:
    stem = ""
    i = 0
    while i < len(p):
        if p.startswith("\\b", i):
            if stem:
                break
            i += 2
            continue
        if p.startswith("(?:", i) and not stem:
            end = _group_end(p, i)
            if end + 1 < len(p) and p[end + 1] in "?*":  # an optional group: what follows
                i = end + 2
                continue
            rest = p[end + 1 :]
            return [s for alt in _top_level(p[i + 3 : end]) for s in _stems(alt + rest, entry)]
        if p[i] == "\\" and i + 1 < len(p) and not p[i + 1].isalnum():
            stem += p[i + 1]  # an escaped literal character: r"\[file" starts with "[file"
            i += 2
            continue
        if p[i] in _META:
            if p[i] in "?*{" and stem:  # an optional last character is not part of the stem
                stem = stem[:-1]
            break
        stem += p[i]
        i += 1
    if not stem:
        raise ValueError(f"pattern {entry!r} starts with no literal text to prefilter on")
    return [stem.lower()]


def _group_end(p: str, start: int) -> int:
    """The index of the parenthesis that closes the group opened at `start`."""
    depth = 0
    i = start
    while i < len(p):
        if p[i] == "\\":
            i += 2
            continue
        depth += {"(": 1, ")": -1}.get(p[i], 0)
        if depth == 0:
            return i
        i += 1
    raise ValueError(f"unbalanced group in {p!r}")


def _top_level(p: str) -> list[str]:
    """The alternatives of a group's inside, split at its own `|` only."""
    parts, depth, last, i = [], 0, 0, 0
    while i < len(p):
        if p[i] == "\\":
            i += 2
            continue
        if p[i] in "([":
            depth += 1
        elif p[i] in ")]":
            depth -= 1
        elif p[i] == "|" and depth == 0:
            parts.append(p[last:i])
            last = i + 1
        i += 1
    return [*parts, p[last:]]


def slots(language: str, word_class: str) -> dict[str, list[str]]:
    """A class's entries by slot (its `slot` column), in file order; {month} in an entry is
    the language's month names (months.csv)."""
    lex = lexicon(language)
    months = "|".join(r["word"].capitalize() for r in lex.table("months") if r["form"] == "name")
    out: dict[str, list[str]] = {}
    for row in lex.table(word_class):
        out.setdefault(row["slot"], []).append(row["pattern"].replace("{month}", months))
    return out


def fill(template: str, entries: dict[str, list[str]], depth: int = 0) -> str:
    """A template with each {slot} replaced by the alternation of that slot's entries, which
    may name other slots in turn (a regex quantifier such as {0,80} is left as it is)."""
    if depth > 5:
        raise ValueError(f"slots name each other in a cycle: {template!r}")
    return re.sub(
        r"\{([a-z_]+)\}",
        lambda m: fill(alternation(entries[m.group(1)]), entries, depth + 1),
        template,
    )


def alternation(patterns: tuple[str, ...] | list[str]) -> str:
    """The patterns as one non-capturing alternation, in file order."""
    return "(?:" + "|".join(patterns) + ")"
