"""Produces the `incident_reports` table: one row per incident as one document states it.

The extraction itself is `transforms.pipeline`: sentences -> mentions -> events -> attributes
-> rows, over the document model of `transforms.doc`. This module is its entry point for the
flows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from transforms.doc import DocumentInput
from transforms.pipeline import Pipeline
from transforms.reference import Reference

__all__ = ["DocumentInput", "extract_reports"]


def extract_reports(
    doc: DocumentInput, ref: Reference, check: Callable[[], None] = lambda: None
) -> list[dict[str, Any]]:
    """Every incident the document describes, as rows of the `incident_reports` table.

    `check` is called between stages and sentences; the caller's time budget raises from it.
    """
    return Pipeline(ref, check).rows(doc)
