"""Finding and reading input files (the I/O edge of ingestion)."""

from __future__ import annotations

import logging
from pathlib import Path

from transforms.documents import Document, parse_file, rejected

log = logging.getLogger(__name__)


class NoInputError(RuntimeError):
    """Nothing to read; the message says how to point the run at input."""


def discover(inputs: list[Path]) -> list[Path]:
    """Every file under the given files and folders (recursively), in a stable order."""
    files: list[Path] = []
    for root in inputs:
        if root.is_file():
            files.append(root)
        elif root.is_dir():
            files.extend(
                p for p in sorted(root.rglob("*")) if p.is_file() and not p.name.startswith(".")
            )
        else:
            raise NoInputError(
                f"input not found: {root} (pass --input PATH or set INCIDENTS_INBOX)"
            )
    return files


def read_documents(files: list[Path], max_bytes: int) -> list[Document]:
    """Parse every file; an unreadable file becomes a rejected document, never an exception."""
    docs: list[Document] = []
    for path in files:
        try:
            size = path.stat().st_size
            raw = (
                path.read_bytes() if size <= max_bytes * 50 else path.open("rb").read(max_bytes + 1)
            )
        except OSError as exc:
            docs.append(
                rejected(str(path), str(exc).encode(), f"unreadable file: {exc.strerror or exc}")
            )
            continue
        docs.extend(parse_file(str(path), raw, max_bytes))
    return docs
