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
from dataclasses import asdict, dataclass
from typing import Any

log = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES
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
            f"oversized: {len(raw)} bytes, limit {max_bytes} (INCIDENTS_MAX_DOCUMENT_BYTES)",
        )
    if b"\x00" in raw[:8192]:
        return None, "binary content (NUL bytes), not a text document"
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
    """ISO 8601 date or datetime (time zone dropped after conversion to UTC), else None."""
    if value in (None, ""):
        return None
    try:
        stamp = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        try:
            stamp = dt.datetime.combine(dt.date.fromisoformat(str(value)[:10]), dt.time())
        except ValueError:
            return None
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(dt.UTC).replace(tzinfo=None)
    return stamp


def _ok(external_id: str, text: str, meta: dict[str, Any], extra: dict[str, Any]) -> Document:
    if not text.strip():
        return rejected(external_id, text.encode(), "empty: no text after extraction", **meta)
    digest = sha256(text)
    published = parse_published(meta.get("published_at"))
    return Document(
        doc_id=make_doc_id(external_id, digest), external_id=external_id,
        source=_str(meta.get("source")), url=_str(meta.get("url")), title=_str(meta.get("title")),
        published_at=published, language=_str(meta.get("language")) or "en", n_chars=len(text),
        content_sha256=digest, status="ok", reject_reason=None,
        metadata=json.dumps(extra, ensure_ascii=False, default=str) if extra else None, text=text,
    )  # fmt: skip


def _str(value: Any) -> str | None:
    return None if value in (None, "") else str(value)


def parse_plain(path: str, raw: bytes, max_bytes: int) -> Document:
    """A .txt or .md file: the whole file is one document; its first line is the title."""
    text, reason = decode_text(raw, max_bytes)
    if text is None:
        return rejected(path, raw, reason or "unreadable")
    first = text.split("\n", 1)[0].strip()
    title = first if 0 < len(first) <= 200 else None
    return _ok(path, text, {"title": title}, {})


def parse_html(path: str, raw: bytes, max_bytes: int) -> Document:
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
    return _ok(path, normalise_text(text), info, {})


def parse_jsonl(path: str, raw: bytes, max_bytes: int) -> list[Document]:
    """A .jsonl file: one document per line; a bad line is one rejected document."""
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return [
            rejected(
                path, raw, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
            )
        ]
    docs: list[Document] = []
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        docs.append(parse_record(line, f"{path}:{number}", max_bytes))
    return docs


def parse_record(line: str, where: str, max_bytes: int) -> Document:
    """One JSON line; `where` (path:line) names it when it has no id of its own."""
    raw = line.encode("utf-8")
    if len(raw) > max_bytes:
        return rejected(where, raw, f"oversized: {len(raw)} bytes, limit {max_bytes}")
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return rejected(where, raw, f"invalid JSON: {exc.msg} at column {exc.colno}")
    if not isinstance(record, dict):
        return rejected(where, raw, "invalid JSON line: not an object")
    external_id = str(record.get("id") or record.get("doc_id") or where)
    meta = {k: record.get(k) for k in ("title", "url", "source", "published_at", "language")}
    text = record.get("text")
    if not isinstance(text, str):
        return rejected(external_id, raw, "missing required field 'text'", **_clean(meta))
    extra = {k: v for k, v in record.items() if k not in _KNOWN_FIELDS}
    return _ok(external_id, normalise_text(text), meta, extra)


def _clean(meta: dict[str, Any]) -> dict[str, Any]:
    return {k: (str(v) if v is not None else None) for k, v in meta.items()}


def parse_file(path: str, raw: bytes, max_bytes: int) -> list[Document]:
    """Any input file, dispatched on its suffix; unsupported kinds are rejected, not skipped."""
    lower = path.lower()
    if lower.endswith(JSONL_SUFFIXES):
        return parse_jsonl(path, raw, max_bytes)
    if lower.endswith(HTML_SUFFIXES):
        return [parse_html(path, raw, max_bytes)]
    if lower.endswith(TEXT_SUFFIXES):
        return [parse_plain(path, raw, max_bytes)]
    suffix = lower.rsplit(".", 1)[-1] if "." in lower else "(none)"
    return [
        rejected(
            path,
            raw[:1_000_000],
            f"unsupported file type '.{suffix}': expected .jsonl, .txt, .md, .html or .htm",
        )
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
