"""Titles and phone numbers from the signature block of a message body (only with --bodies).

Only the sender's own text is read: a reply or forward carries the quoted message underneath, with *its*
sender's signature, so the body is cut at the first mark of a quoted message (`own_text`). The title is read
from the signer's name on (`signature_title`): a greeting or the message above it is no title.
"""

from __future__ import annotations

import re
from email.message import EmailMessage, Message
from html import unescape

from battlemap.inference.titles import read_title_line
from battlemap.io.mail.headers import decode_bytes
from battlemap.io.mail.records import Address, Signature
from battlemap.io.matching import match_name
from battlemap.io.paste import classify, without_company

_PHONE = re.compile(r"(?:\+|\b)\d[\d ()./-]{6,}\d\b")
_SIGNATURE_LINES = 6
# A signature with its address, phones, e-mail and a disclaimer runs longer than that: the signer's name is
# looked for in the last `_SIGNER_LINES` lines, and the signature read from it.
_SIGNER_LINES = 12
# What separates a title from the signer's name or the company on one line: "邓凯 | 网络工程师", "Jane Doe,
# Procurement Manager", "采购经理 | 华东能源集团", "Jane Doe – Buyer" (commas inside a title stay: "General
# Manager, Northern Region" names no one and no company, so it is kept whole).
_PARTS = re.compile(r"(\s*[|｜，,]\s*|\s+[-–—]\s+)")
_NOT_TITLE = frozenset({"organisation", "email", "phone", "fax", "sign_off"})
# A signature line is short (name, title, company, phones on one line run to ~150 characters); a longer line is
# prose or a disclaimer and is no part of the signature — and reading it as one cost time growing with the
# square of its length (a mail trial's one-line 200 KB body held a worker for minutes).
_LINE_MAX = 300

# The marks mail clients put above a quoted or forwarded message, in their Chinese and English forms.
# A separator line: Outlook "-----Original Message-----" / "-----原始邮件-----", Thunderbird "-------- Original
# Message --------", QQ mail and Foxmail "------------------ 原始邮件 ------------------" / "------ Original
# ------", Netease "---- 回复的原邮件 ----", Gmail "---------- Forwarded message ---------" / "---------- 转发的邮件
# ---------", Netease and Thunderbird "-------- 转发邮件信息 --------", Apple Mail "Begin forwarded message:" /
# "以下为转发的邮件：", and Outlook's rule of underscores above its header block.
_SEPARATOR = re.compile(
    r"^(?:-{2,}\s*(?:original message|original|forwarded message|原始邮件|原邮件|回复的原邮件|转发邮件信息|转发的邮件|"
    r"转发邮件|邮件原文)\s*-{2,}|begin forwarded message\s*:|以下为转发的邮件\s*[:：]|_{10,})\s*$",
    re.IGNORECASE,
)
# Outlook's, Foxmail's and QQ mail's header block of the quoted message: "From: …" / "发件人: …" followed
# within a few lines by "Sent: …", "To: …", "Subject: …" / "发送时间: …", "收件人: …", "主题: …".
_HEADER_FROM = re.compile(r"^\W{0,2}(?:from|发件人|寄件者|寄件人)\s*[:：]", re.IGNORECASE)
_HEADER_NEXT = re.compile(
    r"^\W{0,2}(?:sent|date|to|cc|subject|发送时间|时间|日期|收件人|抄送|主题|寄件日期|收件者|副本|主旨)\s*[:：]",
    re.IGNORECASE,
)
_HEADER_WITHIN = 4
# The attribution line above a quote: Gmail and Apple Mail "On … wrote:", Apple Mail, QQ mail and Netease
# "在 … 写道：", Gmail's Chinese "王建国 <wang@…> 于2025年3月3日周一 09:00写道：" (traditional "於 … 寫道："). It
# ends in "wrote:" / "写道：" and starts with on / 在 / 于 or names an address or a 于 date; Gmail wraps a long
# one over two lines.
_ATTRIBUTION_START = re.compile(r"^(?:on\s|在|於|于)|@|[于於]\s*\d", re.IGNORECASE)
_ATTRIBUTION_END = re.compile(r"(?:wrote|写道|寫道)\s*+[:：]?\s*+$", re.IGNORECASE)  # possessive: linear


def _is_attribution(lines: list[str], i: int) -> int:
    """How many lines (1 or 2) an attribution starting at line i takes, or 0 when it is none."""
    if not _ATTRIBUTION_START.search(lines[i]):
        return 0
    if _ATTRIBUTION_END.search(lines[i]):
        return 1
    if i + 1 < len(lines) and _ATTRIBUTION_END.search(lines[i + 1]) and not lines[i + 1].startswith(">"):
        return 2
    return 0


def _is_header_block(lines: list[str], i: int) -> bool:
    if not _HEADER_FROM.match(lines[i]):
        return False
    following = [line for line in lines[i + 1 : i + 1 + _HEADER_WITHIN] if line.strip()]
    return any(_HEADER_NEXT.match(line) for line in following)


def own_text(body: str) -> str:
    """The sender's own part of a body: everything above the first mark of a quoted message (a separator
    line, a header block or an attribution whose quote is not ">"-marked), without ">"-quoted lines and the
    attributions above them (a bottom-posted reply keeps its own text and signature below the quote)."""
    lines = [line.strip() for line in body.splitlines()]
    kept: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith(">"):  # quoted, perhaps with its own marks ("> From: …"): not the sender's
            i += 1
            continue
        if _SEPARATOR.match(line) or _is_header_block(lines, i):
            break
        taken = _is_attribution(lines, i)
        if taken:
            after = next((x for x in lines[i + taken :] if x), "")
            if not after.startswith(">"):
                break  # the quote follows unmarked (an HTML client's plain text): all of it is quoted
            i += taken
            continue
        kept.append(line)
        i += 1
    return "\n".join(kept)


# HTML read as text in one linear pass of patterns that cannot run past a "<" (Python's HTMLParser took time growing
# with the square of a run of unclosed "<a" and raised AssertionError on "<![": a fresh reviewer's hostile mail)
_HTML_BREAK = re.compile(r"<(?:br|/?(?:p|div|tr|li|ul|ol|table|h[1-6]|blockquote))\b[^<>]*>", re.IGNORECASE)
_HTML_CELL = re.compile(r"</t[dh]\s*>", re.IGNORECASE)
_HTML_TAG = re.compile(r"<[^<>]*>")
_HTML_HIDDEN = re.compile(r"<(script|style|head)(?=[\s>/])", re.IGNORECASE)  # not <header>


def _without_hidden(html: str) -> str:
    """`html` without its script, style and head elements (an unclosed one runs to the end)."""
    low, kept, at = html.lower(), [], 0
    while found := _HTML_HIDDEN.search(html, at):
        kept.append(html[at : found.start()])
        end = low.find("</" + found[1].lower(), found.end())
        if end < 0:
            return "".join(kept)
        close = low.find(">", end)
        at = len(html) if close < 0 else close + 1
    return "".join([*kept, html[at:]])


def html_text(html: str) -> str:
    """The text of an HTML body, line by line, as a client shows an HTML-only message: a line ends at <br> and at
    each block (p, div, tr, li, headings); cells of a row are joined by " | "; scripts and styles are no text;
    entities read (&nbsp; as a space). Linear in the length of `html`, whatever it holds."""
    text = _HTML_BREAK.sub("\n", _without_hidden(html))
    text = _HTML_TAG.sub("", _HTML_CELL.sub(" | ", text))
    text = unescape(text).replace("\xa0", " ")
    return "\n".join(" ".join(line.split()).strip(" |") for line in text.splitlines())


def _plain_body(message: Message) -> str:
    """The message's plain-text body, else its HTML body as text (Outlook and Foxmail often send HTML only: a
    mail trial's CFO and 副总经理 signatures were not read)."""
    if isinstance(message, EmailMessage):
        part = message.get_body(preferencelist=("plain", "html"))
        if part is not None:
            payload = part.get_payload(decode=True)
            raw = payload if isinstance(payload, bytes) else b""
            # the declared charset through the one decoder (gb2312 read as GB18030); undeclared or wrongly
            # declared 8-bit bodies are common in exports: UTF-8, else the most plausible legacy encoding
            text = decode_bytes(raw, part.get_content_charset())
            if part.get_content_type() == "text/html":
                return html_text(text)
            if str(part.get_param("format", "")).lower() == "flowed":
                return unflowed(text, delsp=str(part.get_param("delsp", "")).lower() == "yes")
            return text
    return ""


def unflowed(text: str, *, delsp: bool = False) -> str:
    """A `format=flowed` body (RFC 3676: Thunderbird, Apple Mail, K-9 …) as its writer typed it. Such a client
    wraps a long line at about 72 characters and ends each piece but the last with a space: the pieces are one
    line again (with `DelSp=yes` that space was added by the wrapper and goes: `基础设施与` + `云平台运维`), of
    one quote depth; a space that begins a line is stuffing, `-- ` the signature mark. Read as lines, a signature's
    `副主任（分管基础设施与` lost the rest of the title to the next line."""
    lines: list[str] = []
    joined: str | None = None
    depth_of = 0
    for line in text.splitlines():
        depth = len(line) - len(line.lstrip(">"))
        body = line[depth:]
        body = body[1:] if body.startswith(" ") else body
        if joined is not None and depth != depth_of:  # a quote of another depth ends the paragraph
            lines.append(">" * depth_of + (" " if depth_of else "") + joined)
            joined = None
        soft = body.endswith(" ") and body != "-- "
        body = body[:-1] if soft and delsp else body
        joined, depth_of = (joined or "") + body, depth
        if not soft:
            lines.append(">" * depth + (" " if depth else "") + joined)
            joined = None
    if joined is not None:
        lines.append(">" * depth_of + (" " if depth_of else "") + joined)
    return "\n".join(lines)


def _name_keys(name: str) -> set[str]:
    """The signer's display name as `match_name` keys, "Doe, Jane" also as "Jane Doe"."""
    keys = {match_name(name)}
    if "," in name:
        last, _, first = name.partition(",")
        keys.add(match_name(f"{first} {last}"))
    return {key for key in keys if key}


def _after_name(text: str, names: set[str]) -> str | None:
    """The rest of a line that opens with the signer's name ("宋雨桐 信息中心主任" → 信息中心主任, "" for the
    name alone), or None when it does not."""
    words = text.split()
    return next(
        (" ".join(words[k:]) for k in range(len(words), 0, -1) if match_name(" ".join(words[:k])) in names),
        None,
    )


def _title_part(line: str, names: set[str]) -> str:
    """The title a signature line holds, without the signer's name, the company or a contact beside it:
    "邓凯 | 网络工程师" → 网络工程师, "采购部副部长 | 华东能源集团" → 采购部副部长, "职务：采购经理" → 采购经理."""
    tokens = _PARTS.split(line)
    pieces, separators = tokens[0::2], tokens[1::2]
    kept: list[str] = []
    if not all(piece.strip() for piece in pieces):
        return ""  # a separator at an end: a salutation ("林主任，", "Dear Mr. Li,"), no title line
    for i, piece in enumerate(pieces):
        rest = _after_name(piece, names)
        if rest is not None:
            piece = rest
        kind, value = classify(_without_company(piece))
        if kind in _NOT_TITLE or (kind == "unknown" and not value):
            continue
        if kind == "name" and i == 0 and len(pieces) > 1:
            continue  # a name before the title ("Jane Doe, Buyer") under another display name
        kept.append((separators[i - 1] if kept else "") + (value if kind == "title" else piece))
    return "".join(kept).strip()


def _without_company(piece: str) -> str:
    """A signature piece without the company written before the title with a space (`cells.without_company`):
    `华东能源集团 采购部 副部长` → `采购部 副部长`. The whole read as the company, the line gave no title; or the
    company stayed in it (`华东省能源投资集团 信息中心 副主任` was suggested as a title)."""
    return without_company(piece)[1]


def signature_block(body: str, names: set[str]) -> list[str]:
    """The signature of the sender's own text (after its "-- " line if any): from the last line that opens with
    the signer's name (`_name_keys`) among its last `_SIGNER_LINES` non-empty lines of at most `_LINE_MAX`, `_SIGNATURE_LINES` lines at
    most; without one, its last `_SIGNATURE_LINES` lines from after the last sign-off (Thanks, / 此致)."""
    lines = own_text(body).splitlines()
    if "--" in lines:  # the "-- " delimiter, stripped
        lines = lines[lines.index("--") + 1 :]
    lines = [line for line in lines if line and len(line) <= _LINE_MAX][-_SIGNER_LINES:]
    for i in range(len(lines) - 1, -1, -1):
        if _after_name(_PARTS.split(lines[i])[0], names) is not None:
            return lines[i : i + _SIGNATURE_LINES]
    tail = lines[-_SIGNATURE_LINES:]
    sign_off = next((i for i in range(len(tail) - 1, -1, -1) if classify(tail[i])[0] == "sign_off"), -1)
    return tail[sign_off + 1 :]


def signature_title(block: list[str], names: set[str]) -> str:
    """The title of a signature block: its first line whose title part (`_title_part`) the title table reads
    and that looks like a title (`read_title_line`, the one table: inference/title_table.py), so every post it knows
    is found — 首席信息官, 专员, 行长, Trader — and a greeting ("林主任：本周POC进展如下……", "Hi Tom,"), a sentence
    that names a post ("请总经理审批。"), a company or address line or a department (总经理办公室) is not taken
    for one; the line right after the signer's name comes first."""
    for line in block:
        title = _title_part(line, names)
        if read_title_line(title) is not None:
            return title
    return ""


def signature_from_message(message: Message, sender: Address | None) -> Signature | None:
    """The signature of a parsed message's plain body, else its HTML body as text (`signature_from_body`)."""
    return signature_from_body(_plain_body(message), sender)


def signature_from_body(body: str, sender: Address | None) -> Signature | None:
    """The sender's title and phone from the signature block of `body` (text; an Outlook .msg's body property),
    or None when it holds neither."""
    if sender is None or not body.strip():
        return None
    names = _name_keys(sender.name)
    block = signature_block(body, names)
    title = signature_title(block, names)
    phone_match = next((m for m in map(_PHONE.search, block) if m), None)
    if not title and not phone_match:
        return None
    return Signature(
        email=sender.email, title=title, phone=phone_match.group(0).strip() if phone_match else ""
    )
