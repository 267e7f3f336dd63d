"""Outlook .msg files for the tests, laid out as Outlook writes them (MS-OXMSG properties in an MS-CFB compound file).

olefile reads compound files but cannot write one: `compound_file` is a
small writer of version 3 files (512-byte sectors; streams under 4,096 bytes in the mini stream, as MS-CFB §2.6.3
requires and readers expect; one FAT, no DIFAT sectors: files up to 7 MB)."""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.header import Header

SECTOR, MINI_SECTOR, MINI_CUTOFF = 512, 64, 4096
END, FAT_SECTOR, FREE, NONE = 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF, 0xFFFFFFFF
STORAGE, STREAM, ROOT = 1, 2, 5
SIGNATURE = bytes.fromhex("d0cf11e0a1b11ae1")


@dataclass
class _Entry:
    name: str
    kind: int
    data: bytes = b""
    kids: dict[str, _Entry] = field(default_factory=dict)
    index: int = 0
    start: int = END
    left: int = NONE
    right: int = NONE
    child: int = NONE


def _sibling_tree(kids: list[_Entry]) -> int:
    """The index of the root of a balanced tree of `kids` (sorted as MS-CFB §2.6.4 orders names), links set."""
    if not kids:
        return NONE
    middle = len(kids) // 2
    top = kids[middle]
    top.left, top.right = _sibling_tree(kids[:middle]), _sibling_tree(kids[middle + 1 :])
    return top.index


def _sectors(data: bytes, fat: list[int], out: list[bytes]) -> int:
    """Append `data` as a chain of sectors; its first sector (END when empty)."""
    if not data:
        return END
    count = math.ceil(len(data) / SECTOR)
    start = len(fat)
    fat.extend(start + i + 1 if i < count - 1 else END for i in range(count))
    out.extend(data[i * SECTOR : (i + 1) * SECTOR].ljust(SECTOR, b"\0") for i in range(count))
    return start


def compound_file(streams: dict[str, bytes]) -> bytes:
    """A compound file holding `streams`, named by path ("storage/stream"; storages are made as needed)."""
    root = _Entry("Root Entry", ROOT)
    for path, data in streams.items():
        node = root
        *folders, leaf = path.split("/")
        for folder in folders:
            node = node.kids.setdefault(folder, _Entry(folder, STORAGE))
        node.kids[leaf] = _Entry(leaf, STREAM, data)
    entries: list[_Entry] = []

    def number(entry: _Entry) -> None:
        entry.index = len(entries)
        entries.append(entry)
        for kid in entry.kids.values():
            number(kid)

    number(root)
    for entry in entries:
        ordered = sorted(entry.kids.values(), key=lambda e: (len(e.name), e.name.upper()))
        entry.child = _sibling_tree(ordered)
    mini, mini_fat = bytearray(), []
    fat: list[int] = []
    sectors: list[bytes] = []
    big = []
    for entry in entries:
        if entry.kind != STREAM or not entry.data:
            continue
        if len(entry.data) >= MINI_CUTOFF:
            big.append(entry)
            continue
        count = math.ceil(len(entry.data) / MINI_SECTOR)
        entry.start = len(mini_fat)
        mini_fat.extend(entry.start + i + 1 if i < count - 1 else END for i in range(count))
        mini.extend(entry.data.ljust(count * MINI_SECTOR, b"\0"))
    root.data = bytes(mini)
    root.start = _sectors(root.data, fat, sectors)
    for entry in big:
        entry.start = _sectors(entry.data, fat, sectors)
    mini_fat_bytes = struct.pack(f"<{len(mini_fat)}I", *mini_fat)
    mini_fat_start = _sectors(mini_fat_bytes, fat, sectors)
    directory = b"".join(_direntry(entry) for entry in entries)
    directory += _direntry(None) * (-len(entries) % (SECTOR // 128))
    directory_start = _sectors(directory, fat, sectors)
    fat_count = 1
    while len(fat) + fat_count > fat_count * (SECTOR // 4):
        fat_count += 1
    fat_start = len(fat)
    fat.extend([FAT_SECTOR] * fat_count)
    fat.extend([FREE] * (fat_count * (SECTOR // 4) - len(fat)))
    table = struct.pack(f"<{len(fat)}I", *fat)
    sectors.extend(table[i * SECTOR : (i + 1) * SECTOR] for i in range(fat_count))
    difat = [fat_start + i for i in range(fat_count)] + [FREE] * (109 - fat_count)
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII109I",
        SIGNATURE, bytes(16), 0x3E, 3, 0xFFFE, 9, 6, bytes(6), 0, fat_count, directory_start, 0,
        MINI_CUTOFF, mini_fat_start, math.ceil(len(mini_fat_bytes) / SECTOR), END, 0, *difat,
    )  # fmt: skip
    return header + b"".join(sectors)


def _direntry(entry: _Entry | None) -> bytes:
    if entry is None:
        return struct.pack("<64sHBBIII16sIQQIQ", b"", 0, 0, 1, NONE, NONE, NONE, bytes(16), 0, 0, 0, 0, 0)
    name = (entry.name + "\0").encode("utf-16-le")
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        name, len(name), entry.kind, 1, entry.left, entry.right, entry.child, bytes(16), 0, 0, 0,
        entry.start, len(entry.data),
    )  # fmt: skip


def _filetime(moment: datetime) -> int:
    return round((moment - datetime(1601, 1, 1, tzinfo=UTC)).total_seconds() * 10_000_000)


def _fixed(header: bytes, values: dict[int, bytes]) -> bytes:
    """A `__properties_version1.0` stream: its header, then one 16-byte entry per fixed property."""
    return header + b"".join(struct.pack("<II8s", tag, 6, value) for tag, value in values.items())


TO, CC, BCC = 1, 2, 3


def _exchange(strings, mailbox: tuple[str, str], tags: tuple[int, ...]) -> dict[str, bytes]:  # noqa: ANN001
    """A mailbox's Exchange properties: its address type EX and DN (`tags`' first two), and for a sender the
    mailbox it is sent for, the same (name, address type, DN, SMTP address: the other four)."""
    name, smtp = mailbox
    dn = f"/o=ExchangeLabs/ou=Exchange Administrative Group/cn=Recipients/cn={smtp.partition('@')[0]}"
    found = {**strings(tags[0], "EX"), **strings(tags[1], dn)}
    if len(tags) > 2:
        found |= {**strings(tags[2], name), **strings(tags[3], "EX"), **strings(tags[4], dn)}
        found |= strings(tags[5], smtp)
    return found


def outlook_msg(
    *,
    subject: str,
    sender: tuple[str, str] = ("", ""),
    recipients: tuple[tuple[str, str, int], ...] = (),
    sent: datetime | None = None,
    transport_headers: str = "",
    body: str = "",
    message_class: str = "IPM.Note",
    message_id: str = "",
    in_reply_to: str = "",
    codepage: int | None = None,
    attachment: bytes = b"",
    draft: bool = False,
    exchange: bool = False,
) -> bytes:
    """A .msg as Outlook saves it: `sender` (name, SMTP address; an X.500 DN goes as the address), `recipients`
    (name, address, TO/CC/BCC) in their storages; strings UTF-16 (001F), or 8-bit (001E) in `codepage` when given
    (an ANSI .msg of older Outlook); `transport_headers` only for received mail; `draft`: never sent; `exchange`: as
    an Exchange mailbox's Outlook writes its mail — the sender, the mailbox sent for (PidTagSentRepresenting*) and
    each recipient by X.500 DN (type EX) and SMTP address both."""

    def strings(tag: int, text: str) -> dict[str, bytes]:
        if not text:
            return {}
        if codepage:
            return {f"__substg1.0_{tag:04X}001E": text.encode(f"cp{codepage}") + b"\0"}
        return {f"__substg1.0_{tag:04X}001F": text.encode("utf-16-le")}

    fixed = {0x0E070003: struct.pack("<I4x", 0x8 if draft else 0x1)}  # PidTagMessageFlags: unsent, or read
    if sent is not None:
        fixed[0x00390040] = struct.pack("<Q", _filetime(sent))
        fixed[0x0E060040] = struct.pack("<Q", _filetime(sent) + 600_000_000)  # delivered a minute later
    if codepage:
        fixed[0x3FFD0003] = struct.pack("<I4x", codepage)
    streams = {
        "__properties_version1.0": _fixed(
            struct.pack("<8xIIII8x", len(recipients), 0, len(recipients), 0), fixed
        ),
        "__nameid_version1.0/__substg1.0_00020102": bytes(16),  # the named properties' map: not read
        **strings(0x001A, message_class),
        **strings(0x0037, subject),
        **strings(0x0C1A, sender[0]),
        **strings(0x0C1F if sender[1].startswith("/") else 0x5D01, sender[1]),
        **(_exchange(strings, sender, (0x0C1E, 0x0C1F, 0x0042, 0x0064, 0x0065, 0x5D02)) if exchange else {}),
        **strings(0x1035, message_id),
        **strings(0x1042, in_reply_to),
        **strings(0x1000, body),
        **strings(0x007D, transport_headers),
    }
    for n, (name, address, kind) in enumerate(recipients):
        storage = f"__recip_version1.0_#{n:08X}/"
        recipient_fixed = {0x0C150003: struct.pack("<I4x", kind), 0x30000003: struct.pack("<I4x", n)}
        streams[storage + "__properties_version1.0"] = _fixed(bytes(8), recipient_fixed)
        for key, value in {
            **strings(0x3001, name),
            **strings(0x3003 if address.startswith("/") else 0x39FE, address),
            **(_exchange(strings, (name, address), (0x3002, 0x3003)) if exchange else {}),
        }.items():
            streams[storage + key] = value
    if attachment:
        streams["__attach_version1.0_#00000000/__substg1.0_37010102"] = attachment
    return compound_file(streams)


SENT = datetime(2026, 11, 2, 1, 30, tzinfo=UTC)  # 09:30 in Beijing
SELLER = ("吴晓明", "wu.xiaoming@ours.example")


def received() -> bytes:
    """王建国's answer as it arrived: Chinese words encoded (GB2312, UTF-8) in its transport headers."""
    headers = (
        "Received: from mx.guodian.example by mail.ours.example; Mon, 2 Nov 2026 09:30:05 +0800\r\n"
        f"From: {Header('王建国', 'gb2312').encode()} <wang.jg@guodian.example>\r\n"
        'To: "吴晓明" <wu.xiaoming@ours.example>\r\n'
        f"Cc: {Header('李明', 'utf-8').encode()} <li.ming@guodian.example>\r\n"
        f"Subject: {Header('回复：物联网平台报价', 'utf-8').encode()}\r\n"
        "Date: Mon, 2 Nov 2026 09:30:00 +0800\r\n"
        "Message-ID: <20261102.1@guodian.example>\r\n"
        "In-Reply-To: <offer-1@ours.example>\r\n"
        'Content-Type: multipart/alternative; boundary="b"\r\n\r\n'
    )
    return outlook_msg(
        subject="回复：物联网平台报价",
        sender=("王建国", "wang.jg@guodian.example"),
        recipients=(("吴晓明", "wu.xiaoming@ours.example", TO), ("李明", "li.ming@guodian.example", CC)),
        sent=SENT,
        transport_headers=headers,
    )


def sent(**fields) -> bytes:
    """The seller's offer from Sent Items: no transport headers, the recipients in their storages."""
    return outlook_msg(
        **{
            "subject": "物联网平台报价",
            "sender": SELLER,
            "recipients": (
                ("王建国", "wang.jg@guodian.example", TO),
                ("Zhang, Wei", "zhang.wei@guodian.example", CC),
                ("销售部经理", "boss@ours.example", BCC),
            ),
            "sent": SENT,
            "message_id": "<offer-1@ours.example>",
            "body": "王总您好，报价见附件。\r\n\r\n吴晓明\r\n销售总监\r\n电话 138 0013 8000\r\n",
            "attachment": b"%PDF-1.7 " * 1000,
            **fields,
        }
    )
