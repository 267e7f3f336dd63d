"""Reading RFC 5322 header blocks quickly: unfolding, RFC 2047 words, addresses, dates.

Only the headers Battlemap uses are kept, so a 250,000-message archive parses in seconds. The
heavy lifting (address grammar, encoded words, dates) is the standard library's `email` package.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from email.header import decode_header, make_header
from email.utils import getaddresses, parsedate_to_datetime
from functools import lru_cache

from battlemap.io.mail.records import Address, MessageRecord

WANTED = frozenset(
    {"from", "to", "cc", "date", "subject", "message-id", "in-reply-to", "references", "sender"}
)
_MSGID = re.compile(r"<([^<>\s]+)>")


def decode_bytes(raw: bytes) -> str:
    """Header bytes should be ASCII; real archives carry raw UTF-8 or Latin-1 too."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def split_header_block(lines: list[str]) -> dict[str, str]:
    """Unfold continuation lines and keep the wanted headers (first occurrence wins)."""
    headers: dict[str, str] = {}
    name = ""
    for line in lines:
        if not line.strip():
            break
        if line[0] in " \t":
            if name:
                headers[name] += " " + line.strip()
            continue
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if not sep or key not in WANTED or key in headers:
            name = ""
            continue
        name = key
        headers[name] = value.strip()
    return headers


@lru_cache(maxsize=65536)
def decode_words(value: str) -> str:
    """Decode RFC 2047 encoded words (=?utf-8?b?...?=); plain text passes through."""
    if "=?" not in value:
        return value
    try:
        return str(make_header(decode_header(value)))
    except (ValueError, LookupError, UnicodeDecodeError):
        return value


_SIMPLE_ADDRESS = re.compile(r"^\s*(?:([^<>]*?)\s*<([^<>\s]+@[^<>\s]+)>|<?([^\s<>]+@[^\s<>]+?)>?)\s*$")


def _address_pairs(value: str) -> list[tuple[str, str]]:
    """(name, email) pairs. Plain lists ("Name <a@b>, c@d") take a quick path; anything with quotes,
    comments, groups or escapes goes through the standard library's full RFC 5322 parser."""
    if not any(ch in value for ch in '"(\\;:'):
        pairs = []
        for part in value.split(","):
            if not part.strip():
                continue
            match = _SIMPLE_ADDRESS.match(part)
            if match is None:
                return getaddresses([value])
            name, email, bare = match.groups()
            pairs.append((name or "", email or bare))
        return pairs
    return getaddresses([value])


@lru_cache(maxsize=65536)
def parse_addresses(value: str) -> tuple[Address, ...]:
    if not value:
        return ()
    found: dict[str, Address] = {}
    for name, email in _address_pairs(value):
        email = email.strip().strip("'\"").lower()
        if "@" not in email:
            continue
        found.setdefault(email, Address(email=email, name=decode_words(name).strip().strip("'\"")))
    return tuple(found.values())


def parse_date(value: str) -> datetime | None:
    if not value:
        return None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when


def message_ids(value: str) -> tuple[str, ...]:
    return tuple(_MSGID.findall(value)) or ((value.strip(),) if value.strip() else ())


def synthetic_uid(*parts: object) -> str:
    """A stable id for items without Message-ID/UID, so re-ingesting still dedupes."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:24]
    return f"bm-{digest}"


def record_from_headers(headers: dict[str, str], *, source: str, kind: str = "email") -> MessageRecord | None:
    """Build a record; None when the block has neither a sender nor recipients (not a message)."""
    senders = parse_addresses(headers.get("from", "") or headers.get("sender", ""))
    to = parse_addresses(headers.get("to", ""))
    cc = parse_addresses(headers.get("cc", ""))
    if not senders and not to and not cc:
        return None
    when = parse_date(headers.get("date", ""))
    subject = decode_words(headers.get("subject", "")).strip()
    ids = message_ids(headers.get("message-id", ""))
    sender = senders[0] if senders else None
    uid = (
        ids[0]
        if ids
        else synthetic_uid(when, sender.email if sender else "", subject, *(a.email for a in to))
    )
    reply = message_ids(headers.get("in-reply-to", ""))
    return MessageRecord(
        uid=uid,
        kind=kind,
        occurred_at=when,
        sender=sender,
        to=to,
        cc=tuple(a for a in cc if a.email not in {t.email for t in to}),
        subject=subject,
        in_reply_to=reply[0] if reply else "",
        references=message_ids(headers.get("references", "")),
        source=source,
    )
