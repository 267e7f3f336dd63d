"""Titles and phone numbers from the signature block of a message body (only with --bodies)."""

from __future__ import annotations

import re
from email.message import EmailMessage, Message

from battlemap.inference.titles import read_title
from battlemap.io.mail.headers import decode_bytes
from battlemap.io.mail.records import Address, Signature

_PHONE = re.compile(r"(?:\+|\b)\d[\d ()./-]{6,}\d\b")
_SIGNATURE_LINES = 6


def _plain_body(message: Message) -> str:
    if isinstance(message, EmailMessage):
        part = message.get_body(preferencelist=("plain",))
        if part is not None:
            payload = part.get_payload(decode=True)
            raw = payload if isinstance(payload, bytes) else b""
            # the declared charset through the one decoder (gb2312 read as GB18030); undeclared or wrongly
            # declared 8-bit bodies are common in exports: UTF-8, else the most plausible legacy encoding
            return decode_bytes(raw, part.get_content_charset())
    return ""


def signature_from_message(message: Message, sender: Address | None) -> Signature | None:
    if sender is None:
        return None
    body = _plain_body(message)
    if not body.strip():
        return None
    text = body.split("\n-- \n", 1)[1] if "\n-- \n" in body else body
    lines = [line.strip() for line in text.strip().splitlines() if line.strip() and not line.startswith(">")]
    block = lines[-_SIGNATURE_LINES:]
    # a title line is one the title table reads (the one table: inference/titles.py), so every post it
    # knows is found — 首席信息官, 专员, 行长, Trader — and a company or address line is not taken for one
    title = next((line for line in block if len(line) <= 80 and read_title(line) is not None), "")
    phone_match = next((m for m in map(_PHONE.search, block) if m), None)
    if not title and not phone_match:
        return None
    return Signature(
        email=sender.email, title=title, phone=phone_match.group(0).strip() if phone_match else ""
    )
