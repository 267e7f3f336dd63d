"""Mail archives: mbox, maildir and single .eml files.

Headers only by default (a fast line scanner); with `bodies=True` each message is fully parsed by the
standard library so the signature block can be read.
"""

from __future__ import annotations

import email
import email.policy
from collections.abc import Iterator
from pathlib import Path

from battlemap.io.mail.headers import decode_bytes, record_from_headers, split_header_block
from battlemap.io.mail.records import MessageRecord
from battlemap.io.mail.signature import signature_from_message


class MailFormatError(ValueError):
    """The file is not what it claims to be; the message says why."""


def _record(raw_lines: list[bytes], source: str, bodies: bool) -> MessageRecord | None:
    header_lines: list[str] = []
    for line in raw_lines:
        if not line.strip():
            break
        header_lines.append(decode_bytes(line.rstrip(b"\r\n")))
    record = record_from_headers(split_header_block(header_lines), source=source)
    if record is None or not bodies:
        return record
    message = email.message_from_bytes(b"".join(raw_lines), policy=email.policy.default)
    signature = signature_from_message(message, record.sender)
    if signature is None:
        return record
    return MessageRecord(**{**_as_dict(record), "signature": signature})


def _as_dict(record: MessageRecord) -> dict:
    return {name: getattr(record, name) for name in record.__slots__}


def read_mbox(path: Path, *, bodies: bool = False) -> Iterator[MessageRecord]:
    """Stream an mbox: messages start at a "From " line at the start of the file or after a blank line."""
    with path.open("rb") as handle:
        first = handle.readline()
        if not first.startswith(b"From "):
            raise MailFormatError("not an mbox file: the first line is not a 'From ' separator")
        current: list[bytes] = []
        in_headers = True
        previous_blank = False
        index = 0
        for line in handle:
            if line.startswith(b"From ") and previous_blank:
                record = _record(current, f"{path.name}#{index}", bodies)
                if record is not None:
                    yield record
                index += 1
                current = []
                in_headers = True
                previous_blank = False
                continue
            blank = not line.strip()
            if in_headers:
                current.append(line)
                if blank:
                    in_headers = False
            elif bodies:
                current.append(line)
            previous_blank = blank
        record = _record(current, f"{path.name}#{index}", bodies)
        if record is not None:
            yield record


def read_eml(path: Path, *, bodies: bool = False) -> MessageRecord:
    with path.open("rb") as handle:
        lines = handle.readlines()
    record = _record(lines, path.name, bodies)
    if record is None:
        raise MailFormatError("not an e-mail message: no From, To or Cc header")
    return record


def read_maildir(path: Path, *, bodies: bool = False) -> Iterator[MessageRecord]:
    """Every file under cur/ and new/ (tmp/ holds messages still being delivered)."""
    for sub in ("cur", "new"):
        folder = path / sub
        if not folder.is_dir():
            continue
        for item in sorted(folder.iterdir()):
            if item.is_file() and not item.name.startswith("."):
                yield read_eml(item, bodies=bodies)
