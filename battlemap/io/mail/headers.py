"""Reading RFC 5322 header blocks quickly: unfolding, RFC 2047 words, addresses, dates.

Only the headers Battlemap uses are kept, so a 250,000-message archive parses in seconds. The
heavy lifting (address grammar, encoded words, dates) is the standard library's `email` package.
"""

from __future__ import annotations

import binascii
import hashlib
import re
from datetime import UTC, datetime, tzinfo
from email.utils import getaddresses
from functools import lru_cache

from battlemap.io.mail.automatic import AUTOMATIC_HEADERS, is_automatic
from battlemap.io.mail.drafts import DRAFT_HEADERS
from battlemap.io.mail.exchange import exchange_alias, exchange_smtp, is_x500
from battlemap.io.mail.header_dates import parse_date
from battlemap.io.mail.lists import LIST_HEADERS, through_list
from battlemap.io.mail.records import Address, MessageRecord
from battlemap.io.text import UndecodableError, decode

WANTED = frozenset(
    {"from", "to", "cc", "date", "subject", "message-id", "in-reply-to", "references", "sender",
     *AUTOMATIC_HEADERS, *LIST_HEADERS, *DRAFT_HEADERS}
)  # fmt: skip

_MSGID = re.compile(r"<([^<>\s]+)>")


def decode_bytes(raw: bytes, charset: str | None = None) -> str:
    """Header bytes should be ASCII; real archives carry raw UTF-8, GBK or Windows-1252 too.

    The one decoder (`battlemap.io.text.decode`) chooses: UTF-8 when it decodes, else the declared `charset`
    (the message's Content-Type: raw 8-bit headers are written in the body's charset), else the most
    plausible legacy encoding.
    """
    if raw.isascii():
        return raw.decode("ascii")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if charset:
        try:
            return decode(raw, charset).text
        except UndecodableError:
            pass
    try:
        return decode(raw).text
    except UndecodableError:
        return raw.decode("cp1252", errors="replace")


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


# an encoded word; one whose "?=" a mailer left off (cut header) ends at a space or the value's end
_WORD = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)(?:\?=|(?=\s|$))")


_BASE64 = re.compile(r"[A-Za-z0-9+/]*={0,2}")


def _word_bytes(encoding: str, text: str) -> bytes | None:
    """An encoded word's bytes; None when it is malformed (`=?GBK?B?wO7Ey*?=`): it says nothing, and its
    letters are no name (review h4 #7)."""
    if encoding in "bB":
        if _BASE64.fullmatch(text) is None:
            return None
        try:
            return binascii.a2b_base64(text.rstrip("=") + "=" * (-len(text.rstrip("=")) % 4))
        except binascii.Error:
            return None
    return binascii.a2b_qp(text.encode("ascii", "replace"), header=True)


def _charset_text(raw: bytes, charset: str) -> str:
    """Encoded-word bytes in their declared charset (gb2312 read as GB18030); when the label is wrong,
    whatever the one decoder finds plausible."""
    try:
        return decode(raw, charset.partition("*")[0]).text
    except UndecodableError:
        return decode_bytes(raw)


@lru_cache(maxsize=65536)
def decode_words(value: str) -> str:
    """Decode RFC 2047 encoded words (=?gb2312?B?...?=); plain text passes through.

    Adjacent words in one charset are joined as bytes before decoding (mailers cut a multi-byte character
    across two words); whitespace between two encoded words is dropped (RFC 2047 §6.2). Every well-formed
    word is decoded, also inside quotes, so no `=?charset?…?=` is left in a name.
    """
    if "=?" not in value:
        return value
    parts: list[str | tuple[str, bytes]] = []  # text as it is, or an encoded word's (charset, bytes)
    position = 0
    for match in _WORD.finditer(value):
        between = value[position : match.start()]
        if between and not (between.isspace() and parts and not isinstance(parts[-1], str)):
            parts.append(between)
        charset = match.group(1).lower()
        raw = _word_bytes(match.group(2), match.group(3))
        if raw is None:  # malformed: left out, as text between two words would be
            position = match.end()
            continue
        if parts and not isinstance(last := parts[-1], str) and last[0] == charset:
            parts[-1] = (charset, last[1] + raw)
        else:
            parts.append((charset, raw))
        position = match.end()
    if value[position:]:
        parts.append(value[position:])
    return "".join(part if isinstance(part, str) else _charset_text(part[1], part[0]) for part in parts)


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
                return _last_first_rejoined(getaddresses([value]))
            name, email, bare = match.groups()
            pairs.append((name or "", email or bare))
        return pairs
    return _last_first_rejoined(getaddresses([value]))


def _last_first_rejoined(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Outlook writes "Zhang, Wei <zhang.wei@…>" unquoted: the comma splits it into "Zhang" (no address) and
    "Wei <zhang.wei@…>". A lone word without an address just before a named address is the name's first half:
    joined back ("Zhang, Wei"), not lost."""
    out: list[tuple[str, str]] = []
    half = ""
    for name, email in pairs:
        word = email.strip()
        if not name and word and "@" not in word and " " not in word:
            half = word
            continue
        if half and name and "@" in email:
            name = f"{half}, {name}"
        half = ""
        out.append((name, email))
    return out


_X500_IN_BRACKETS = re.compile(r"<\s*(/o=[^<>]*)>", re.IGNORECASE)
_PLACEHOLDER = "@x500.invalid"
# Anything that may be an Exchange address (X.500 DN, IMCEA encapsulation, a relay host)
_EXCHANGE_HINT = re.compile(r"/o=|imcea|outlook\.com|exchangelabs\.com", re.IGNORECASE)


@lru_cache(maxsize=65536)
def parse_mailboxes(value: str) -> tuple[tuple[Address, ...], tuple[tuple[str, str], ...]]:
    """(addresses, unresolved): Exchange X.500 / IMCEA / relay addresses are replaced by the SMTP address
    they carry; those that carry none are `unresolved`: (display name, the DN's mail alias or "")."""
    if not value:
        return (), ()
    if _EXCHANGE_HINT.search(value) is None:  # the common case: plain addresses only
        return _plain_mailboxes(value), ()
    dns: dict[str, str] = {}
    if is_x500(value.strip()):
        value = f"<{value.strip()}>"

    def hide(match: re.Match) -> str:  # X.500 DNs hold spaces and parentheses: out of the parser's way
        key = f"x500-{len(dns)}{_PLACEHOLDER}"
        dns[key] = match.group(1)
        return f"<{key}>"

    value = _X500_IN_BRACKETS.sub(hide, value)
    found: dict[str, Address] = {}
    unresolved: dict[str, tuple[str, str]] = {}
    for name, email in _address_pairs(value):
        email = email.strip().strip("'\"").lower()
        if _ADDRESS.fullmatch(email) is None:
            continue
        name = decode_words(name).strip().strip("'\"")
        smtp = exchange_smtp(dns.get(email, email))
        if smtp == "":
            if name:
                unresolved.setdefault(name, (name, exchange_alias(dns.get(email, email))))
            continue
        found.setdefault(smtp or email, Address(email=smtp or email, name=name))
    return tuple(found.values()), tuple(unresolved.values())


# an address as mail carries it: no space, bracket or quote left in it ("unclosed <x@y" is a broken header)
_ADDRESS = re.compile(r"[^\s<>\"@]+@[^\s<>\"@]+")


def _plain_mailboxes(value: str) -> tuple[Address, ...]:
    found: dict[str, Address] = {}
    for name, email in _address_pairs(value):
        email = email.strip().strip("'\"").lower()
        if _ADDRESS.fullmatch(email) is None:
            continue
        found.setdefault(email, Address(email=email, name=decode_words(name).strip().strip("'\"")))
    return tuple(found.values())


def parse_addresses(value: str) -> tuple[Address, ...]:
    """The SMTP addresses in a header value (Exchange ones that carry none are left out)."""
    return parse_mailboxes(value)[0]


_FROM_LINE = re.compile(
    rb"^From \S+ +(?:[A-Z][a-z]{2},? +)?([A-Z][a-z]{2}) +(\d{1,2}) +(\d{1,2}):(\d{2})(?::(\d{2}))?"
    rb"(?: +(?:[A-Z]{3,5}|[+-]\d{4}))? +(\d{4})\s*(?:remote from .*)?$"
)
_MONTHS = {m.encode(): i for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)}


# Enough of a separator to tell it from a body line (checked on every message, so kept short)
_FROM_LINE_START = re.compile(rb"From \S+ +(?:[A-Z][a-z]{2},? +)?[A-Z][a-z]{2} +\d{1,2} +\d{1,2}:\d{2}")


def is_from_line(line: bytes) -> bool:
    """An mbox `From sender date` separator, not a body line that happens to start with "From "."""
    return _FROM_LINE_START.match(line) is not None


def from_line_date(line: bytes) -> datetime | None:
    """The date of an mbox `From ` separator line (asctime, read as UTC as mbox writers do)."""
    match = _FROM_LINE.match(line.rstrip(b"\r\n"))
    if match is None:
        return None
    month, day, hour, minute, second, year = match.groups()
    try:
        return datetime(
            int(year), _MONTHS[month], int(day), int(hour), int(minute), int(second or 0), tzinfo=UTC
        )
    except (KeyError, ValueError):
        return None


def message_ids(value: str) -> tuple[str, ...]:
    return tuple(_MSGID.findall(value)) or ((value.strip(),) if value.strip() else ())


def synthetic_uid(*parts: object) -> str:
    """A stable id for items without Message-ID/UID, so re-ingesting still dedupes."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:24]
    return f"bm-{digest}"


def record_from_headers(
    headers: dict[str, str],
    *,
    source: str,
    kind: str = "email",
    zone: tzinfo | None = None,
) -> MessageRecord | None:
    """Build a record; None when the block has neither a sender nor recipients (not a message)."""
    senders, unresolved_from = parse_mailboxes(headers.get("from", "") or headers.get("sender", ""))
    to, unresolved_to = parse_mailboxes(headers.get("to", ""))
    cc, unresolved_cc = parse_mailboxes(headers.get("cc", ""))
    unresolved: tuple[tuple[str, str, str], ...] = ()
    if unresolved_from or unresolved_to or unresolved_cc:  # Exchange addresses are rare: no work otherwise
        unresolved = tuple(
            (field, name, alias)
            for field, found in (("from", unresolved_from), ("to", unresolved_to), ("cc", unresolved_cc))
            for name, alias in found
        )
    if not senders and not to and not cc and not unresolved:
        return None
    when = parse_date(headers.get("date", ""), zone)
    subject = decode_words(headers.get("subject", "")).strip()
    ids = message_ids(headers.get("message-id", ""))
    relayed = through_list(
        headers, senders[0] if senders else None, to, cc, parse_addresses(headers.get("reply-to", ""))
    )
    sender, to, cc = relayed.sender, relayed.to, relayed.cc
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
        unresolved=unresolved,
        automatic=relayed.automatic or is_automatic(headers, subject),
    )
