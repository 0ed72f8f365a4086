"""Produces `documents` rows from raw input bytes: decoding, HTML article extraction, hashing.

Every input becomes a row: a readable text gets status `ok`, anything else `rejected` with a
reason a person can act on. Nothing here touches the file system.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from typing import Any

log = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES
EARLIEST_PUBLISHED = dt.datetime(1900, 1, 1)
FUTURE_TOLERANCE = dt.timedelta(days=1)
_KNOWN_FIELDS = {"text", "id", "doc_id", "title", "url", "source", "published_at", "language"}


@dataclass(frozen=True)
class Document:
    """One input document, as published in the `documents` table (plus its text)."""

    doc_id: str
    external_id: str
    source: str | None
    url: str | None
    title: str | None
    published_at: dt.datetime | None
    language: str | None
    n_chars: int
    content_sha256: str
    status: str  # ok | duplicate | rejected
    reject_reason: str | None
    metadata: str | None
    text: str

    def row(self) -> dict[str, Any]:
        return asdict(self)


def sha256(data: bytes | str) -> str:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()


def make_doc_id(external_id: str, content_sha: str) -> str:
    """Stable id: the same text under the same name is the same document on every run."""
    return "d_" + sha256(f"{external_id}\x1f{content_sha}")[:16]


def rejected(external_id: str, raw: bytes, reason: str, **meta: Any) -> Document:
    digest = sha256(raw)
    return Document(
        doc_id=make_doc_id(external_id, digest), external_id=external_id,
        source=meta.get("source"), url=meta.get("url"), title=meta.get("title"),
        published_at=None, language=meta.get("language"), n_chars=0, content_sha256=digest,
        status="rejected", reject_reason=reason, metadata=None, text="",
    )  # fmt: skip


def decode_text(raw: bytes, max_bytes: int) -> tuple[str | None, str | None]:
    """(text, None) for readable UTF-8 text, else (None, reason)."""
    if len(raw) > max_bytes:
        return (
            None,
            f"oversized: more than {max_bytes} bytes (INCIDENTS_MAX_DOCUMENT_BYTES)",
        )
    nul = raw.find(b"\x00")
    if nul >= 0:
        return None, f"binary content (NUL byte at offset {nul}), not a text document"
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
    return normalise_text(text), None


def normalise_text(text: str) -> str:
    """NFC form, Unix newlines, no trailing blanks: offsets and hashes refer to this text."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text.strip()


def parse_published(value: Any) -> dt.datetime | None:
    """ISO 8601 date or datetime as naive UTC, or None when absent or not usable."""
    return check_published(value, None)[0]


def check_published(value: Any, now: dt.datetime | None) -> tuple[dt.datetime | None, str | None]:
    """(timestamp, None) for a usable `published_at`, else (None, why it is not used).

    Strict ISO 8601 (`2021-02-30` and `yesterday` are refused, never guessed), converted to
    naive UTC, from EARLIEST_PUBLISHED up to `now` plus FUTURE_TOLERANCE (time zones run up
    to 14 hours ahead of UTC). A refused value is no date anchor: relative dates in the text
    ("on Tuesday") stay unresolved rather than being counted from a wrong day.
    """
    if value in (None, ""):
        return None, None
    shown = repr(str(value)[:40])
    if not isinstance(value, str):
        return None, f"published_at {shown} ignored: not an ISO 8601 string"
    try:
        stamp = dt.datetime.fromisoformat(value.strip())
        if stamp.tzinfo is not None:
            stamp = stamp.astimezone(dt.UTC).replace(tzinfo=None)
    except ValueError as exc:
        return None, f"published_at {shown} ignored: not an ISO 8601 date or datetime ({exc})"
    except OverflowError:
        return None, f"published_at {shown} ignored: out of the range of dates"
    if stamp < EARLIEST_PUBLISHED:
        return None, f"published_at {shown} ignored: before {EARLIEST_PUBLISHED.year}"
    if now is not None and stamp > now + FUTURE_TOLERANCE:
        return None, f"published_at {shown} ignored: later than the run ({now:%Y-%m-%d %H:%M} UTC)"
    return stamp, None


def _ok(external_id: str, text: str, meta: dict[str, Any], extra: dict[str, Any],
        now: dt.datetime | None) -> Document:  # fmt: skip
    """An `ok` document; a `published_at` that is not used is noted in `reject_reason`."""
    if not text.strip():
        return rejected(external_id, text.encode(), "empty: no text after extraction", **meta)
    digest = sha256(text)
    published, note = check_published(meta.get("published_at"), now)
    return Document(
        doc_id=make_doc_id(external_id, digest), external_id=external_id,
        source=_str(meta.get("source")), url=_str(meta.get("url")), title=_str(meta.get("title")),
        published_at=published, language=_str(meta.get("language")) or "en", n_chars=len(text),
        content_sha256=digest, status="ok", reject_reason=note,
        metadata=json.dumps(extra, ensure_ascii=False, default=str) if extra else None, text=text,
    )  # fmt: skip


def _str(value: Any) -> str | None:
    return None if value in (None, "") else str(value)


def parse_plain(path: str, raw: bytes, max_bytes: int, now: dt.datetime | None = None) -> Document:
    """A .txt or .md file: the whole file is one document; its first line is the title."""
    text, reason = decode_text(raw, max_bytes)
    if text is None:
        return rejected(path, raw, reason or "unreadable")
    first = text.split("\n", 1)[0].strip()
    title = first if 0 < len(first) <= 200 else None
    return _ok(path, text, {"title": title}, {}, now)


def parse_html(path: str, raw: bytes, max_bytes: int, now: dt.datetime | None = None) -> Document:
    """An HTML page: the article text via trafilatura (boilerplate, scripts and ads removed)."""
    import trafilatura

    markup, reason = decode_text(raw, max_bytes)
    if markup is None:
        return rejected(path, raw, reason or "unreadable")
    try:
        text = trafilatura.extract(
            markup, include_comments=False, include_tables=False, include_images=False,
            deduplicate=True, favor_precision=True,
        )  # fmt: skip
        meta = trafilatura.extract_metadata(markup)
    except Exception as exc:  # trafilatura raises many lxml errors on broken markup
        return rejected(path, raw, f"HTML could not be parsed: {type(exc).__name__}: {exc}")
    if not text:
        return rejected(path, raw, "HTML page has no article text")
    info = {
        "title": getattr(meta, "title", None) if meta else None,
        "published_at": getattr(meta, "date", None) if meta else None,
        "source": getattr(meta, "sitename", None) if meta else None,
        "url": getattr(meta, "url", None) if meta else None,
    }
    return _ok(path, normalise_text(text), info, {}, now)


def parse_jsonl(
    path: str, raw: bytes, max_bytes: int, now: dt.datetime | None = None
) -> list[Document]:
    """A .jsonl file held in memory; see parse_jsonl_lines."""
    return parse_jsonl_lines(path, raw.split(b"\n"), max_bytes, now)


def parse_jsonl_lines(path: str, lines: Iterable[bytes], max_bytes: int,
                      now: dt.datetime | None = None) -> list[Document]:  # fmt: skip
    """One document per line, each line's bytes decoded on their own: a bad line is one
    rejected document (named path:line) and the others are kept.

    Lines end at "\n" only: U+2028, U+2029 and U+0085 are ordinary characters inside JSON
    strings, and a "\r" before the "\n" is JSON whitespace. Blank lines are skipped.
    """
    docs: list[Document] = []
    for number, line in enumerate(lines, start=1):
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]  # a byte-order mark opens the file, not the record
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            docs.append(parse_record_bytes(line, where, max_bytes, now))
        except Exception as exc:  # one line's failure is that line's, never the file's
            docs.append(rejected(where, line, f"could not be read: {type(exc).__name__}: {exc}"))
    if not docs:
        docs.append(rejected(path, b"", "empty: no JSON lines"))
    return docs


def parse_record_bytes(raw: bytes, where: str, max_bytes: int,
                       now: dt.datetime | None = None) -> Document:  # fmt: skip
    """One JSON line as bytes; `where` (path:line) names it in every reason."""
    if len(raw) > max_bytes:
        return rejected(
            where, raw, f"oversized: more than {max_bytes} bytes (INCIDENTS_MAX_DOCUMENT_BYTES)"
        )
    nul = raw.find(b"\x00")
    if nul >= 0:
        return rejected(where, raw, f"NUL byte at column {nul + 1}, not a text line")
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return rejected(
            where, raw, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})"
        )
    return parse_record(line, where, max_bytes, now)


def parse_record(line: str, where: str, max_bytes: int, now: dt.datetime | None = None) -> Document:
    """One decoded JSON line; `where` (path:line) names it when it has no id of its own."""
    raw = line.encode("utf-8", "surrogatepass")
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return rejected(where, raw, f"invalid JSON: {exc.msg} at column {exc.colno}")
    except RecursionError:
        return rejected(where, raw, "invalid JSON: nested too deeply")
    if not isinstance(record, dict):
        return rejected(where, raw, "invalid JSON line: not an object")
    problem = _bad_strings(record)
    if problem:
        return rejected(where, raw, problem)
    external_id = str(record.get("id") or record.get("doc_id") or where)
    meta = {k: record.get(k) for k in ("title", "url", "source", "published_at", "language")}
    text = record.get("text")
    if not isinstance(text, str):
        return rejected(
            external_id, raw, f"missing required field 'text' ({where})", **_clean(meta)
        )
    extra = {k: v for k, v in record.items() if k not in _KNOWN_FIELDS}
    return _ok(external_id, normalise_text(text), meta, extra, now)


def _bad_strings(value: Any) -> str | None:
    """Why a decoded record cannot be stored as text: a NUL or an unpaired surrogate."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            if "\x00" in item:
                return "NUL character (\\u0000) in a string, not a text document"
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return "unpaired surrogate (\\ud800-\\udfff) in a string, not valid Unicode text"
    return None


def _clean(meta: dict[str, Any]) -> dict[str, Any]:
    return {k: (str(v) if v is not None else None) for k, v in meta.items()}


def parse_file(
    path: str, raw: bytes, max_bytes: int, now: dt.datetime | None = None
) -> list[Document]:
    """Any input file, dispatched on its suffix; unsupported kinds are rejected, not skipped."""
    lower = path.lower()
    if lower.endswith(JSONL_SUFFIXES):
        return parse_jsonl(path, raw, max_bytes, now)
    if lower.endswith(HTML_SUFFIXES):
        return [parse_html(path, raw, max_bytes, now)]
    if lower.endswith(TEXT_SUFFIXES):
        return [parse_plain(path, raw, max_bytes, now)]
    return [unsupported(path, raw)]


def unsupported(path: str, raw: bytes) -> Document:
    """A file of a kind this pipeline does not read."""
    lower = path.lower()
    suffix = lower.rsplit(".", 1)[-1] if "." in lower.rsplit("/", 1)[-1] else "(none)"
    return rejected(
        path,
        raw[:1_000_000],
        f"unsupported file type '.{suffix}': expected .jsonl, .txt, .md, .html or .htm",
    )


def reject_failed(docs: list[Document], failures: dict[str, str]) -> list[Document]:
    """Documents whose extraction failed (doc_id -> reason) marked `rejected` with the reason."""
    return [
        replace(d, status="rejected", reject_reason=failures[d.doc_id])
        if d.doc_id in failures
        else d
        for d in docs
    ]


def mark_duplicates(new_docs: list[Document], known_hashes: set[str],
                    known_ids: set[str]) -> list[Document]:  # fmt: skip
    """Drop what is already recorded; mark a text already seen under another name `duplicate`."""
    seen = set(known_hashes)
    out: list[Document] = []
    ids = set(known_ids)
    for doc in new_docs:
        if doc.doc_id in ids:
            continue  # the same text under the same name: already processed
        ids.add(doc.doc_id)
        if doc.status == "ok" and doc.content_sha256 in seen:
            doc = Document(**{**doc.row(), "status": "duplicate",
                              "reject_reason": None})  # fmt: skip
        elif doc.status == "ok":
            seen.add(doc.content_sha256)
        out.append(doc)
    return out
