"""Finding and reading input files (the I/O edge of ingestion).

What is read, decided once here:
- A path given as an input is read whatever its name: a file (a link to one is followed, the
  user named it) or a folder, walked recursively in name order.
- Inside a folder, an entry whose name starts with "." (a hidden file, or a hidden folder and
  everything in it) is skipped without a `documents` row: editors, sync tools and version
  control keep their own files there.
- A link inside a folder is read only when it resolves to a regular file inside that same
  folder. A link that leaves the folder, a link loop, a dangling link, a link to a folder, a
  FIFO, a socket or a device is recorded as a `rejected` document with the reason; none is
  followed or opened (so a FIFO can never block a run).
- Files are opened without blocking and checked again after opening, so a file swapped for a
  FIFO between listing and reading is rejected too.
"""

from __future__ import annotations

import datetime as dt
import errno
import logging
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from transforms.documents import (
    JSONL_SUFFIXES,
    Document,
    parse_file,
    parse_jsonl_lines,
    rejected,
)

log = logging.getLogger(__name__)


class NoInputError(RuntimeError):
    """Nothing to read; the message says how to point the run at input."""


@dataclass(frozen=True)
class Found:
    """A path found under the inputs; `problem` says why it is not read (None: read it)."""

    path: Path
    problem: str | None = None


def discover(inputs: list[Path]) -> list[Found]:
    """Every entry under the given files and folders, in a stable order."""
    found: list[Found] = []
    for root in inputs:
        if root.is_dir():
            found.extend(_walk(root, Path(os.path.realpath(root))))
        elif root.exists():
            found.append(Found(root, _not_regular(os.stat(root).st_mode)))
        else:
            raise NoInputError(
                f"input not found: {root} (pass --input PATH or set INCIDENTS_INBOX)"
            )
    return found


def _walk(folder: Path, top: Path) -> Iterator[Found]:
    """Entries of `folder` and its subfolders; links and special files are judged, not followed."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield Found(folder, f"unreadable folder: {exc.strerror or exc}")
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith("."):
            continue
        if entry.is_symlink():
            yield Found(path, _link_problem(path, top))
        elif entry.is_dir(follow_symlinks=False):
            yield from _walk(path, top)
        else:
            yield Found(path, _not_regular(entry.stat(follow_symlinks=False).st_mode))


def _link_problem(link: Path, top: Path) -> str | None:
    """None when `link` resolves to a regular file inside `top`, else why it is not read."""
    try:
        mode = os.stat(link).st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop: not followed"
        return f"dangling symbolic link (to {os.readlink(link)}): not followed"
    target = Path(os.path.realpath(link))
    if not target.is_relative_to(top):
        return f"symbolic link leaves the input folder (to {target}): not followed"
    if stat.S_ISDIR(mode):
        return "symbolic link to a folder: not followed (pass the folder itself as an input)"
    return _not_regular(mode)


def _not_regular(mode: int) -> str | None:
    """None for a regular file, else what it is, as a reason."""
    if stat.S_ISREG(mode):
        return None
    kinds = {stat.S_ISFIFO: "a FIFO", stat.S_ISSOCK: "a socket", stat.S_ISCHR: "a character device",
             stat.S_ISBLK: "a block device"}  # fmt: skip
    kind = next((name for test, name in kinds.items() if test(mode)), "a special file")
    return f"not a regular file ({kind}): not read"


def read_documents(found: Sequence[Found | Path], max_bytes: int,
                   now: dt.datetime | None = None) -> list[Document]:  # fmt: skip
    """Parse every file found; anything unreadable becomes a rejected document, never an error.

    `now` (default: the current time, UTC) is the latest `published_at` accepted as real.
    """
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    docs: list[Document] = []
    for item in found:
        item = item if isinstance(item, Found) else Found(item)
        if item.problem:
            docs.append(rejected(str(item.path), b"", item.problem))
            continue
        try:
            docs.extend(_read_one(item.path, max_bytes, now))
        except OSError as exc:
            reason = f"unreadable file: {exc.strerror or exc}"
            docs.append(rejected(str(item.path), str(exc).encode(), reason))
        except Exception as exc:  # one file's failure is that file's, never the run's
            reason = f"could not be read: {type(exc).__name__}: {exc}"[:500]
            docs.append(rejected(str(item.path), b"", reason))
    return docs


def _read_one(path: Path, max_bytes: int, now: dt.datetime) -> list[Document]:
    # O_NONBLOCK: opening a FIFO that appeared since discovery returns at once.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as fh:
        problem = _not_regular(os.fstat(fd).st_mode)
        if problem:
            return [rejected(str(path), b"", problem)]
        if str(path).lower().endswith(JSONL_SUFFIXES):
            return parse_jsonl_lines(str(path), _lines(fh, max_bytes), max_bytes, now)
        return parse_file(str(path), fh.read(max_bytes + 1), max_bytes, now)


def _lines(fh: BinaryIO, max_bytes: int) -> Iterator[bytes]:
    """The file's lines split at b"\\n" only, each cut to max_bytes + 1 bytes (so that an
    oversized line is rejected without being held in memory)."""
    while line := fh.readline(max_bytes + 2):
        if line.endswith(b"\n"):
            yield line[:-1]
            continue
        yield line
        while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
            pass  # the rest of an oversized line
