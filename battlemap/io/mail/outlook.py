"""Outlook .msg files: one message in a Microsoft compound file, read as an .eml is.

Classic Outlook for Windows saves a message dragged out of it only as .msg: a compound file (MS-CFB, opened by
`olefile`) whose streams hold the message's MAPI properties (MS-OXMSG §2.1; the property tags of MS-OXPROPS).
Which facts are read, and from where:

- a received message keeps the headers it arrived with (PidTagTransportMessageHeaders, `__substg1.0_007D001F`):
  they are read as the headers of an mbox or .eml are (`headers.split_header_block`, `record_from_headers`);
- what they lack (sent mail has none at all; a relay's may have no Date, or one no one reads, or no To) the same
  header facts are written from the properties and read by the same reader (`_headers`), so Exchange addresses,
  lists and automatic subjects follow the one rule: From from the sent-representing
  (PidTagSentRepresenting*: the "on behalf of" mailbox a From header names) else the sender's SMTP address
  (0x5D01, else 0x0C1F) and name (0x0C1A); To and Cc from the recipients' storages `__recip_version1.0_#…`
  (display name 0x3001, SMTP address 0x39FE else address 0x3003, type 0x0C15: 1 To, 2 Cc; Bcc, 3, is left out
  as an .eml's Bcc header is); Date from the client submit time (0x0039) else the delivery time (0x0E06), both
  PT_SYSTIME in the `__properties_version1.0` stream (never the creation time, 0x3007: the copy's, which may be
  when the message was dragged out); Subject 0x0037, Message-ID 0x1035, In-Reply-To 0x1042,
  References 0x1039;
- strings are UTF-16 (type 001F) or 8-bit (001E) in the message's code page (PidTagMessageCodepage, 0x3FFD);
- the message class (0x001A) `IPM.Schedule.Meeting.Resp.Neg`, a declined invitation's answer, and `REPORT.*`
  (read receipts, delivery reports) are automatic, as their .eml forms are (`automatic.py`);
- with bodies: the plain body (0x1000), else the HTML body (0x1013) as text, for the signature;
- an unsent draft (PidTagMessageFlags 0x0E07 has mfUnsent) is a record of status "draft" and nothing else: it was
  never contact, and the ingest counts it apart (a stray draft in a folder of messages did not refuse the folder).

A hostile compound file must not exhaust memory: its directory is refused past MAX_ENTRIES entries before olefile
builds it, past MAX_RECIPIENTS recipients, and a text property past STRING_MAX; the headers and the body are read up
to TEXT_MAX (longer ones are left unread: the properties give the header facts, no signature is read). Attachments
are never read.
"""

from __future__ import annotations

import struct
from dataclasses import replace
from datetime import UTC, datetime, timedelta, tzinfo
from email.utils import format_datetime
from pathlib import Path

import olefile

from battlemap.io.mail.drafts import draft
from battlemap.io.mail.header_dates import parse_date
from battlemap.io.mail.headers import decode_bytes, record_from_headers, split_header_block
from battlemap.io.mail.messages import MailFormatError, gettext_noop
from battlemap.io.mail.records import MessageRecord
from battlemap.io.mail.signature import html_text, signature_from_body

MAX_ENTRIES = 20_000  # storages and streams of one file: a message with 50 attachments has some 1,000
MAX_RECIPIENTS = (
    2_000  # recipient storages: a message to more is a broadcast long before (MAIL_BROADCAST_ADDRESSES)
)
STRING_MAX = 64 * 1024  # bytes of a subject, name, address or id
TEXT_MAX = 1 << 20  # bytes of the transport headers or a body (as `messages._ANSWER_MAX`)
_PROPERTIES_MAX = 1 << 20  # bytes of a `__properties_version1.0` stream (16 per fixed property)
_MESSAGE_HEADER, _RECIPIENT_HEADER = 32, 8  # bytes before a properties stream's entries (MS-OXMSG §2.4.1)
_RECIPIENTS = "__RECIP_VERSION1.0_#"
_FILETIME_EPOCH = datetime(1601, 1, 1, tzinfo=UTC)
# PR_RECIPIENT_TYPE: the kind in its low bits; MAPI_P1 marks the copy of a recipient kept for a resend
_TO, _CC, _P1 = 1, 2, 0x10000000
_UNSENT = 0x8  # PidTagMessageFlags' mfUnsent: a draft (MS-OXCMSG §2.2.1.6)
# the message classes that are a program's, not a person's (their .eml forms: automatic.is_automatic, is_declined_reply)
_AUTOMATIC_CLASSES = ("ipm.schedule.meeting.resp.neg", "report.")
# code pages Python names otherwise than cpNNN
_CODEPAGES = {65001: "utf-8", 20127: "ascii", 28591: "latin-1", 54936: "gb18030", 20936: "gb18030"}

DAMAGED = gettext_noop("a damaged Outlook .msg file: its compound-file structure cannot be read")
NOT_OUTLOOK = gettext_noop(
    "a Microsoft compound file that is no Outlook message (a Word, Excel or installer file?): no message "
    "properties in it"
)
NO_ADDRESSES = gettext_noop(
    "an Outlook .msg file with no sender and no recipients (a contact, task or note saved from Outlook?)"
)
TOO_MANY_PARTS = gettext_noop(
    "the Outlook .msg file has more than %(limit)s parts (storages and streams), the most read in one message"
)
TOO_MANY_RECIPIENTS = gettext_noop("the Outlook .msg file has more than %(limit)s recipients, the most read")
TOO_LONG = gettext_noop(
    "the Outlook .msg file is damaged: a subject, name or address in it is longer than %(limit)s KB"
)
# what a broken or hostile compound file makes olefile (or the reading of its streams) raise; olefile's own
# OleFileError is an OSError
_BROKEN = (OSError, ValueError, IndexError, KeyError, TypeError, struct.error, EOFError, RecursionError)


class _BoundedCompoundFile(olefile.OleFileIO):
    """olefile's reader, refusing a directory of more than MAX_ENTRIES entries before it builds one object per
    entry (a hostile file's directory of millions would fill memory)."""

    def loaddirectory(self, sect: int) -> None:
        entries = self._open(sect, force_FAT=True).size // 128  # 128 bytes an entry (MS-CFB §2.6)
        if entries > MAX_ENTRIES:
            raise MailFormatError(TOO_MANY_PARTS, limit=MAX_ENTRIES)
        super().loaddirectory(sect)


def _codec(codepage: int | None) -> str | None:
    if not codepage:
        return None
    return _CODEPAGES.get(codepage, f"cp{codepage}")


class _Storage:
    """The properties of the message or of one recipient: each variable one in a stream of its own
    (`__substg1.0_<tag><type>`), the fixed ones as 16-byte entries of `__properties_version1.0`."""

    def __init__(self, ole: olefile.OleFileIO, prefix: str, names: set[str], header: int) -> None:
        self.ole, self.prefix, self.names = ole, prefix, names
        raw = self.stream("__PROPERTIES_VERSION1.0", _PROPERTIES_MAX, refuse=False)
        if raw is None and "__PROPERTIES_VERSION1.0" in names:  # 65,000 fixed properties: no message's
            raise MailFormatError(DAMAGED)
        raw = raw or b""
        self.fixed = {
            struct.unpack_from("<I", raw, at)[0]: raw[at + 8 : at + 16]
            for at in range(header, len(raw) - 15, 16)
        }
        self.codec = _codec(self.number(0x3FFD))  # PidTagMessageCodepage: the 8-bit strings' code page

    def stream(self, name: str, limit: int, refuse: bool) -> bytes | None:
        """A stream's bytes; None when there is none, or it is longer than `limit` and not `refuse`d."""
        if name not in self.names:
            return None
        path = self.prefix + name
        if self.ole.get_size(path) > limit:
            if refuse:
                raise MailFormatError(TOO_LONG, limit=limit // 1024)
            return None
        return self.ole.openstream(path).read()

    def text(self, tag: int, limit: int = STRING_MAX, refuse: bool = True) -> str:
        """A string property, UTF-16 (001F) or 8-bit (001E, in the message's code page); "" when absent."""
        wide = self.stream(f"__SUBSTG1.0_{tag:04X}001F", limit, refuse)
        if wide is not None:
            return wide.decode("utf-16-le", errors="replace").rstrip("\x00")
        narrow = self.stream(f"__SUBSTG1.0_{tag:04X}001E", limit, refuse)
        return decode_bytes(narrow.rstrip(b"\x00"), self.codec) if narrow else ""

    def number(self, tag: int) -> int | None:
        """A PT_LONG property (type 0003)."""
        value = self.fixed.get(tag << 16 | 0x0003)
        return struct.unpack_from("<I", value)[0] if value else None

    def moment(self, tag: int) -> datetime | None:
        """A PT_SYSTIME property (type 0040): 100-ns ticks since 1601, UTC."""
        value = self.fixed.get(tag << 16 | 0x0040)
        ticks = struct.unpack_from("<Q", value)[0] if value else 0
        if not ticks:
            return None
        try:
            return _FILETIME_EPOCH + timedelta(microseconds=ticks // 10)
        except OverflowError:  # past the year 9999: no date
            return None


def _mailbox(name: str, address: str) -> str:
    """A header's mailbox: the name quoted (Outlook's "Zhang, Wei" is one name), an X.500 DN in brackets too."""
    if not address.strip():
        return ""
    if not name.strip():
        return f"<{address.strip()}>"
    quoted = name.strip().replace("\\", "\\\\").replace('"', '\\"')
    return f'"{quoted}" <{address.strip()}>'


def _from(message: _Storage) -> str:
    """The From of a message: the mailbox it was sent on behalf of, else its sender's."""
    for name, smtp, address in ((0x0042, 0x5D02, 0x0065), (0x0C1A, 0x5D01, 0x0C1F)):
        mailbox = _mailbox(message.text(name), message.text(smtp) or message.text(address))
        if mailbox:
            return mailbox
    return ""


def _recipients(ole: olefile.OleFileIO, streams: list[list[str]]) -> dict[int, list[str]]:
    """The To (1) and Cc (2) mailboxes of the recipients' storages, in their order."""
    storages: dict[str, set[str]] = {}
    for parts in streams:
        if len(parts) == 2 and parts[0].upper().startswith(_RECIPIENTS):
            storages.setdefault(parts[0], set()).add(parts[1].upper())
    if len(storages) > MAX_RECIPIENTS:
        raise MailFormatError(TOO_MANY_RECIPIENTS, limit=MAX_RECIPIENTS)
    found: dict[int, list[str]] = {_TO: [], _CC: []}
    for storage in sorted(storages):
        recipient = _Storage(ole, storage + "/", storages[storage], _RECIPIENT_HEADER)
        kind = recipient.number(0x0C15)
        kind = _TO if kind is None else kind
        if kind & _P1 or (kind & 0x0F) not in found:
            continue
        mailbox = _mailbox(recipient.text(0x3001), recipient.text(0x39FE) or recipient.text(0x3003))
        if mailbox:
            found[kind & 0x0F].append(mailbox)
    return found


def _header_facts(ole: olefile.OleFileIO, streams: list[list[str]], message: _Storage) -> dict[str, str]:
    """The headers an .eml of the message would have, from its properties (a sent message has no transport
    headers)."""
    recipients = _recipients(ole, streams)
    when = message.moment(0x0039) or message.moment(0x0E06)  # submitted (sent), else delivered
    return {
        "from": _from(message),
        "to": ", ".join(recipients[_TO]),
        "cc": ", ".join(recipients[_CC]),
        "subject": message.text(0x0037),
        "date": format_datetime(when) if when else "",
        "message-id": message.text(0x1035),
        "in-reply-to": message.text(0x1042),
        "references": message.text(0x1039, TEXT_MAX, refuse=False),
    }


def _headers(
    ole: olefile.OleFileIO, streams: list[list[str]], message: _Storage, zone: tzinfo | None
) -> dict[str, str]:
    """The headers the message is read from: those it arrived with, each one they lack (or whose date cannot be
    read) from the properties — all of them for sent mail, which has none; a Date left out of the transport
    headers (a gateway's, an internal relay's) for received mail."""
    transport = message.text(0x007D, TEXT_MAX, refuse=False)
    headers = split_header_block(transport.splitlines()) if transport.strip() else {}
    if headers.get("date", "").strip() and parse_date(headers["date"], zone) is None:
        del headers["date"]
    facts = _header_facts(ole, streams, message)
    if headers.get("from", "").strip() or headers.get("sender", "").strip():
        del facts["from"]
    if headers.get("to", "").strip() or headers.get("cc", "").strip():  # as the headers name them
        del facts["to"], facts["cc"]
    return {**facts, **{key: value for key, value in headers.items() if value.strip()}}


def _body(message: _Storage) -> str:
    """The plain body, else the HTML body as text ("" when longer than TEXT_MAX)."""
    plain = message.text(0x1000, TEXT_MAX, refuse=False)
    if plain.strip():
        return plain
    html = message.stream("__SUBSTG1.0_10130102", TEXT_MAX, refuse=False)  # binary, in the internet code page
    if html:
        return html_text(decode_bytes(html, _codec(message.number(0x3FDE)) or message.codec))
    return html_text(message.text(0x1013, TEXT_MAX, refuse=False))


def _message(ole: olefile.OleFileIO, source: str, bodies: bool, zone: tzinfo | None) -> MessageRecord:
    streams = ole.listdir(streams=True, storages=False)
    top = {parts[0].upper() for parts in streams if len(parts) == 1}
    if not any(name.startswith("__SUBSTG1.0_") for name in top):
        raise MailFormatError(NOT_OUTLOOK)
    message = _Storage(ole, "", top, _MESSAGE_HEADER)
    if (
        message.number(0x0E07) or 0
    ) & _UNSENT:  # PidTagMessageFlags: never sent, no contact; the ingest counts it
        return draft(source)
    record = record_from_headers(_headers(ole, streams, message, zone), source=source, zone=zone)
    if record is None:
        raise MailFormatError(NO_ADDRESSES)
    if not record.automatic and message.text(0x001A).strip().lower().startswith(_AUTOMATIC_CLASSES):
        record = replace(record, automatic=True)
    if bodies:
        signature = signature_from_body(_body(message), record.sender)
        if signature is not None:
            record = replace(record, signature=signature)
    return record


def read_msg(path: Path, *, bodies: bool = False, zone: tzinfo | None = None) -> MessageRecord:
    """The one message of an Outlook .msg file, as `messages.read_eml` reads an .eml (the module's docstring says
    from which properties). An unsent draft is a record of status "draft", no more. Raises MailFormatError naming what is wrong: DAMAGED,
    NOT_OUTLOOK, NO_ADDRESSES, or a
    bound passed (TOO_MANY_PARTS, TOO_MANY_RECIPIENTS, TOO_LONG)."""
    try:
        with _BoundedCompoundFile(str(path)) as ole:
            return _message(ole, path.name, bodies, zone)
    except MailFormatError:
        raise
    except _BROKEN as error:
        raise MailFormatError(DAMAGED) from error
