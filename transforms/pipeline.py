"""Extraction as a pipeline of named stages over one document model (`transforms.doc`).

    sentences -> mentions -> events -> attributes -> rows

Each stage is a function from `Doc` to `Doc` that fills in one layer of the document and
leaves the layers before it as they were, as the components of spaCy's `nlp.pipeline` each
write onto the `Doc`. `STAGES` declares the order in one place; `Pipeline` binds the stages
to the reference data (and a time budget's check) and runs them in turn. A stage can be run on
its own on a hand-built `Doc`: that is how the unit tests exercise each one.

| stage | reads | writes |
| --- | --- | --- |
| sentences | `source.text` | `sentences` (offsets, paragraphs) |
| mentions | `sentences`, `source.published_at` | `mentions` (figures, dates, places, cues) |
| events | `sentences`, `mentions` | `readings` (one per sentence), `events` |
| attributes | everything above, reference data | `attributes` (one per event) |
| rows | `source`, `events`, `attributes` | `rows` (the `incident_reports` rows) |

The seam for a statistical stage: a stage is replaced by any function with the same input and
output. A spaCy NER or gazetteer-linking model can stand in for the place or date finders by
writing the same `Mention(kind="place", value=PlaceMention(...))`; a trained sentence
classifier can stand in for the rule that decides which sentences state an attack by writing
the same `readings` (`SentenceInfo.is_event`), or for the events stage as a whole by writing
`events`; a classifier of attack, target and weapon types can replace the attributes stage's
taxonomy rules. The stages after it read only the layers, never how they were made. Swap one
with `Pipeline(ref, replace={"mentions": my_stage})`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from transforms.attributes import attributes, rows
from transforms.doc import Doc, DocumentInput
from transforms.events import events
from transforms.lexicon import language_of
from transforms.mentions import mentions
from transforms.reference import Reference
from transforms.text import split_sentences

__all__ = ["STAGES", "Pipeline", "Stage", "sentences"]

Stage = Callable[[Doc], Doc]


def sentences(doc: Doc) -> Doc:
    """The document's sentences, with character offsets and paragraph numbers."""
    return doc.with_(sentences=tuple(split_sentences(doc.source.text, doc.language)))


# The stages in the order they run, each built from the reference data and a time budget's
# check (called between sentences and events; it raises when the budget is spent).
STAGES: tuple[tuple[str, Callable[[Reference, Callable[[], None]], Stage]], ...] = (
    ("sentences", lambda ref, check: sentences),
    ("mentions", lambda ref, check: lambda doc: mentions(doc, ref.gazetteer, check)),
    ("events", lambda ref, check: events),
    ("attributes", lambda ref, check: lambda doc: attributes(doc, ref, check)),
    ("rows", lambda ref, check: rows),
)


class Pipeline:
    """The named stages bound to one `Reference`; `pipeline(source)` runs them all."""

    def __init__(
        self,
        ref: Reference,
        check: Callable[[], None] = lambda: None,
        replace: Mapping[str, Stage] | None = None,
    ) -> None:
        replace = dict(replace or {})
        unknown = set(replace) - {name for name, _ in STAGES}
        if unknown:
            raise ValueError(f"no stage named {', '.join(sorted(unknown))}: see STAGES")
        self.check = check
        self.stages: list[tuple[str, Stage]] = [
            (name, replace.get(name) or build(ref, check)) for name, build in STAGES
        ]

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.stages]

    def __call__(self, source: DocumentInput) -> Doc:
        doc = Doc(source, language_of(source.language))
        for number, (name, stage) in enumerate(self.stages):
            if number:
                self.check()
            doc = stage(doc)
            if name == "sentences" and not doc.sentences:
                return doc
        return doc

    def rows(self, source: DocumentInput) -> list[dict[str, Any]]:
        """The document's `incident_reports` rows."""
        return list(self(source).rows)
