"""Mail archives: mbox, maildir and single .eml files.

Headers only by default (a fast line scanner); with `bodies=True` each message is fully parsed by the
standard library so the signature block can be read.
"""

from __future__ import annotations

import email
import email.policy
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import tzinfo
from functools import partial
from pathlib import Path
from typing import BinaryIO

from battlemap.io.mail.automatic import ANSWER_TYPES, is_declined_reply
from battlemap.io.mail.drafts import draft, is_deleted, is_draft, is_draft_file
from battlemap.io.mail.headers import (
    decode_bytes,
    decode_words,
    from_line_date,
    is_from_line,
    record_from_headers,
    split_header_block,
)
from battlemap.io.mail.records import MessageRecord
from battlemap.io.mail.signature import signature_from_message


def gettext_noop(message: str) -> str:
    """Marks a reason for the io catalog (makemessages); it is translated where it is shown (the parsers
    are pure: no Django here)."""
    return message


class MailFormatError(ValueError):
    """The file is not what it claims to be; the message says why. `template` (marked with gettext_noop)
    and `params` let the ingest show the reason in the user's language; `str()` is the English."""

    def __init__(self, template: str, **params: object) -> None:
        super().__init__(template % params if params else template)
        self.template = template
        self.params = params


_CHARSET = re.compile(rb"(?im)^content-type:.*?charset\s*=\s*\"?([A-Za-z0-9_.:-]+)")


def _record(
    raw_lines: list[bytes],
    source: str,
    bodies: bool,
    from_line: bytes = b"",
    zone: tzinfo | None = None,
    body: Callable[[], list[bytes]] | None = None,
) -> MessageRecord | None:
    """The record of a message's raw lines (its headers; with `bodies`, all of it). `body`: the body a headers-only
    reader did not keep, read only if the message may be a calendar's answer (`automatic.ANSWER_TYPES`)."""
    header_bytes: list[bytes] = []
    for line in _whole_lines(raw_lines):
        if not line.strip():
            break
        header_bytes.append(line.rstrip(b"\r\n"))
    block = b"\n".join(header_bytes)
    declared = None if block.isascii() else _CHARSET.search(block)
    text = decode_bytes(block, declared.group(1).decode() if declared else None)
    headers = split_header_block(text.split("\n"))
    if is_draft(headers, decode_words):  # saved, never sent: no contact (io.mail.drafts)
        return draft(source)
    if is_deleted(headers, decode_words):  # deleted in the mail program, still in the file
        return draft(source, "deleted")
    record = record_from_headers(headers, source=source, zone=zone)
    kind = headers.get("content-type", "")
    if (
        record is not None
        and not record.automatic
        and kind.strip().lower().startswith(ANSWER_TYPES)
        and _declined(kind, raw_lines + (body() if body is not None else []))
    ):
        record = replace(record, automatic=True)  # the calendar's answer to an invitation declined
    if record is not None and record.occurred_at is None and from_line:
        when = from_line_date(from_line)  # no readable Date: the separator's
        if when is not None:
            record = replace(record, occurred_at=when, date_from="from_line")
    if record is None or not bodies:
        return record
    try:
        message = email.message_from_bytes(b"".join(raw_lines), policy=email.policy.default)
        signature = signature_from_message(message, record.sender)
    except RecursionError:  # nested past the parser's depth (`_declined`): no signature
        return record
    if signature is None:
        return record
    return replace(record, signature=signature)


def _whole_lines(pieces: list[bytes]) -> Iterator[bytes]:
    """The lines of `pieces` as they were written: the mbox reader cuts a line longer than _LINE_MAX into pieces
    (only the last ends in a newline), and a `To:` of 500,000 addresses read as its first piece and some unknown
    header lines lost every address past the first megabyte (the summary said 37,846 recipients were left out)."""
    run: list[bytes] = []
    for piece in pieces:
        run.append(piece)
        if piece.endswith(b"\n"):
            yield b"".join(run)
            run = []
    if run:
        yield b"".join(run)


def _declined(content_type: str, raw: list[bytes]) -> bool:
    """`is_declined_reply`, False for a message whose parts are nested past the parser's depth: the standard
    library's parser recurses once a level, so a hostile message of thousands of nested parts raised RecursionError
    and refused its whole mbox (every other message with it, also with --skip-bad); its headers are still read."""
    try:
        return is_declined_reply(content_type, raw)
    except RecursionError:
        return False


_SEPARATOR_MAX = 4096  # bytes: a `From sender date` line
_LINE_MAX = 1 << 20  # bytes: a longer line (no mail client writes one; RFC 5322 allows 998) is read in pieces
# Headers only, the body of a message that may be a calendar's answer (`automatic.ANSWER_TYPES`) is read again from
# the file, up to this many bytes, for `is_declined_reply` (without it, a declined invitation in an mbox counted as
# contact unless the bodies were read). An answer is a few KB; a longer body (an attachment) is not read.
_ANSWER_MAX = 1 << 20


def _answer_body(handle: BinaryIO, start: int, end: int) -> list[bytes]:
    """The body between the offsets `start` and `end` of the file (`[]` when `start` is -1 or it is longer than
    _ANSWER_MAX), read without moving the reader: the line scanner keeps no body."""
    if start < 0 or end - start > _ANSWER_MAX:
        return []
    here = handle.tell()
    handle.seek(start)
    body = handle.read(end - start)
    handle.seek(here)
    return [body]


def read_mbox(path: Path, *, bodies: bool = False, zone: tzinfo | None = None) -> Iterator[MessageRecord]:
    """Stream an mbox. A message starts at a `From ` line at the start of the file, or after a blank line
    when the line is a real separator (`From sender asctime-date`): an unescaped "From Monday…" in a body
    does not split the message."""
    with path.open("rb") as handle:
        # a separator is short: a file whose first "line" runs on (1 GB without a newline, CLI only: uploads are
        # bounded) is refused after reading this much, not read whole (a mail trial: 2.2 GB of memory)
        separator = handle.readline(_SEPARATOR_MAX)
        if not separator.strip() and not handle.read(1 << 16).strip():  # nothing but blank lines at most
            raise MailFormatError(gettext_noop("the file is empty"))
        if not separator.startswith(b"From "):
            raise MailFormatError(gettext_noop("not an mbox file: the first line is not a 'From ' separator"))
        current: list[bytes] = []
        in_headers = True
        previous_blank = False
        index = 0
        body_at = -1  # headers only: where the message's body starts (-1: kept in `current`, or none read)
        continued = False  # the piece read goes on with a run-on line: neither a separator nor a blank line
        for line in iter(
            lambda: handle.readline(_LINE_MAX), b""
        ):  # a run-on line comes in pieces of at most that (`_whole_lines` joins a header's again)
            if not continued and previous_blank and line.startswith(b"From ") and is_from_line(line):
                body = partial(_answer_body, handle, body_at, handle.tell() - len(line))
                record = _record(current, f"{path.name}#{index}", bodies, separator, zone, body)
                if record is not None:
                    yield record
                index += 1
                separator = line
                current = []
                body_at = -1
                in_headers = True
                previous_blank = False
                continue
            blank = not continued and not line.strip()
            continued = not line.endswith(b"\n")
            if in_headers:
                current.append(line)
                if blank:
                    in_headers = False
                    body_at = -1 if bodies else handle.tell()
            elif bodies:
                current.append(line)
            previous_blank = blank
        body = partial(_answer_body, handle, body_at, handle.tell())
        record = _record(current, f"{path.name}#{index}", bodies, separator, zone, body)
        if record is not None:
            yield record


def read_eml(path: Path, *, bodies: bool = False, zone: tzinfo | None = None) -> MessageRecord:
    with path.open("rb") as handle:
        lines = handle.readlines()
    record = _record(lines, path.name, bodies, zone=zone)
    if record is None:
        raise MailFormatError(gettext_noop("not an e-mail message: no From, To or Cc header"))
    return record


def read_maildir(path: Path, *, bodies: bool = False, zone: tzinfo | None = None) -> Iterator[MessageRecord]:
    """Every file under cur/ and new/ (tmp/ holds messages still being delivered)."""
    for sub in ("cur", "new"):
        folder = path / sub
        if not folder.is_dir():
            continue
        for item in sorted(folder.iterdir()):
            if item.is_file() and not item.name.startswith("."):
                yield (
                    draft(item.name) if is_draft_file(item.name) else read_eml(item, bodies=bodies, zone=zone)
                )
