"""Finding input files: links, loops, FIFOs, special files and hidden files."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest

from flows.ingest import NoInputError, discover, read_documents

TEXT = "A bomb exploded in Kabul on Monday, killing five people.\n"


def _read(*inputs: Path, max_bytes: int = 1_000_000) -> dict[str, tuple[str, str | None]]:
    docs = read_documents(discover(list(inputs)), max_bytes)
    return {d.external_id: (d.status, d.reject_reason) for d in docs}


@pytest.fixture()
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(TEXT)
    (folder / "sub" / "b.txt").write_text("Other " + TEXT)
    return folder


def test_link_out_of_the_folder_is_rejected_not_followed(inbox, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("private words\n")
    (inbox / "leak.txt").symlink_to(secret)
    (inbox / "passwd.txt").symlink_to("/etc/passwd")
    docs = read_documents(discover([inbox]), 1_000_000)
    leak = {d.external_id: d for d in docs}[str(inbox / "leak.txt")]
    assert leak.status == "rejected" and leak.text == ""
    assert leak.reject_reason == (
        f"symbolic link leaves the input folder (to {secret}): not followed"
    )
    assert all("private" not in d.text and "root:" not in d.text for d in docs)


def test_link_inside_the_folder_is_read(inbox):
    (inbox / "again.txt").symlink_to(inbox / "sub" / "b.txt")
    assert _read(inbox)[str(inbox / "again.txt")] == ("ok", None)


def test_loops_dangling_links_and_folder_links_are_rejected(inbox):
    (inbox / "loop1.txt").symlink_to(inbox / "loop2.txt")
    (inbox / "loop2.txt").symlink_to(inbox / "loop1.txt")
    (inbox / "gone.txt").symlink_to(inbox / "missing.txt")
    (inbox / "up").symlink_to(inbox)
    got = _read(inbox)
    assert got[str(inbox / "loop1.txt")] == ("rejected", "symbolic link loop: not followed")
    assert got[str(inbox / "gone.txt")] == (
        "rejected", f"dangling symbolic link (to {inbox / 'missing.txt'}): not followed"
    )  # fmt: skip
    assert got[str(inbox / "up")][0] == "rejected"
    assert got[str(inbox / "a.txt")] == ("ok", None)


def test_fifo_and_socket_are_rejected_without_blocking(inbox, tmp_path):
    os.mkfifo(inbox / "pipe.jsonl")
    os.mkfifo(tmp_path / "named.txt")
    short = Path("/tmp") / f"sock-{os.getpid()}"
    short.mkdir(exist_ok=True)
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(short / "s.txt"))
        got = _read(inbox, tmp_path / "named.txt", short)
    finally:
        sock.close()
        (short / "s.txt").unlink()
        short.rmdir()
    assert got[str(inbox / "pipe.jsonl")] == ("rejected", "not a regular file (a FIFO): not read")
    assert got[str(tmp_path / "named.txt")][1] == "not a regular file (a FIFO): not read"
    assert got[str(short / "s.txt")][1] == "not a regular file (a socket): not read"


def test_hidden_entries_inside_a_folder_are_skipped_everywhere(inbox):
    (inbox / ".draft.txt").write_text(TEXT)
    (inbox / ".git").mkdir()
    (inbox / ".git" / "notes.txt").write_text(TEXT)
    (inbox / "sub" / ".swap.jsonl").write_text("{}")
    assert set(_read(inbox)) == {str(inbox / "a.txt"), str(inbox / "sub" / "b.txt")}
    # A hidden file named as an input is read: the user asked for it.
    assert _read(inbox / ".draft.txt") == {str(inbox / ".draft.txt"): ("ok", None)}


def test_jsonl_is_read_line_by_line(tmp_path):
    path = tmp_path / "in.jsonl"
    good = json.dumps({"id": "g", "text": "Line\u2028 separator kept."}, ensure_ascii=False)
    big = json.dumps({"id": "big", "text": "x" * 500})
    path.write_bytes(
        b"\n".join(
            [good.encode(), b'{"text": "\xc3"}', big.encode(), b'{"id": "z", "text": "end"}']
        )
    )
    got = _read(path, max_bytes=300)
    assert got["g"] == ("ok", None)
    assert got[f"{path}:2"][0] == "rejected"
    assert got[f"{path}:3"] == (
        "rejected", "oversized: more than 300 bytes (INCIDENTS_MAX_DOCUMENT_BYTES)"
    )  # fmt: skip
    assert got["z"] == ("ok", None)


def test_missing_input_says_what_to_do(tmp_path):
    with pytest.raises(NoInputError, match="pass --input PATH or set INCIDENTS_INBOX"):
        discover([tmp_path / "nowhere"])
