"""Mail a program wrote, not a person: out-of-office answers and other automatic replies, read receipts, bulk
notices (`is_automatic`) and a declined meeting's answer (`is_declined_reply`). Such a message is no reply from the
person: not an interaction, not mail the inference reads (mail.services.ingest)."""

from __future__ import annotations

import email
import email.policy
import re

# the headers that say it (headers.WANTED keeps them)
AUTOMATIC_HEADERS = ("auto-submitted", "x-autoreply", "x-autorespond", "precedence", "content-type")
# RFC 3834 §3.1.8 / RFC 2076: mail sent to many by a program (a group mailbox's notices); "list" is a person's
# message through a mailing list and stays one (headers.record_from_headers takes the list's address out)
BULK_PRECEDENCE = ("auto_reply", "bulk", "junk")
# RFC 6522 reports: a read receipt (RFC 8098 disposition-notification) or a delivery report, written by the
# recipient's or a server's program
_REPORT = re.compile(
    r"multipart/report\b.*report-type\s*=\s*\"?(disposition-notification|delivery-status)", re.I
)

# Subjects that automatic replies start with, as the mail programs write them (Outlook / Exchange in English,
# Chinese, German, French and Spanish, the old Exchange "Out of Office AutoReply:"; Gmail's vacation responder keeps
# the subject and sets Auto-Submitted; Foxmail, Coremail, QQ Mail):
# a prefix and a colon, so "Out of office next week" typed by a person is not one.
_AUTOMATIC_SUBJECT = re.compile(
    r"^\s*(automatic reply|auto[- ]?reply|auto[- ]?response|out of (the )?office( auto ?reply| reply)?|"
    r"automatische antwort|abwesenheitsnotiz|réponse automatique|respuesta automática|自动回复|自动答复|"
    r"自動回覆|自動回復|自动应答|休假自动回复)\s*[:：]|"
    # Coremail, 263 and Alibaba mail bracket it instead: 【自动回复】…, [自动回复]…
    r"^\s*[【\[]\s*(自动回复|自动答复|自動回覆|自動回復|自动应答|auto[- ]?reply|automatic reply)\s*[】\]]",
    re.IGNORECASE,
)


def is_automatic(headers: dict[str, str], subject: str) -> bool:
    """Whether a message was written by a program, not a person: RFC 3834's `Auto-Submitted` (any value but
    "no": auto-replied, auto-generated), the `X-Autoreply` / `X-Autorespond` of older responders, `Precedence:
    auto_reply` / `bulk` / `junk` (a group mailbox's notices: `BULK_PRECEDENCE`), a read receipt or delivery
    report (`Content-Type: multipart/report`, RFC 6522), or a subject an automatic reply starts with
    (`_AUTOMATIC_SUBJECT`, `自动回复：` and `【自动回复】`). An out-of-office answer is no reply from the person:
    not an interaction, not mail inference reads."""
    submitted = headers.get("auto-submitted", "").strip().lower()
    if submitted and not submitted.startswith("no"):
        return True
    for older in ("x-autoreply", "x-autorespond"):  # "yes" or any value but "no"
        said = headers.get(older, "").strip().lower()
        if said and not said.startswith("no"):
            return True
    if headers.get("precedence", "").strip().lower() in BULK_PRECEDENCE:
        return True
    if _REPORT.match(headers.get("content-type", "").strip()):
        return True
    return _AUTOMATIC_SUBJECT.match(subject) is not None


# searched in the lower-cased message: a scan for a literal, many times faster than an IGNORECASE search
_CALENDAR = re.compile(rb"content-type:\s*text/calendar")
# the Content-Types a calendar's answer comes as: alone, or as a part (Outlook: text/plain, text/html, text/calendar)
ANSWER_TYPES = ("text/calendar", "multipart/")


def is_declined_reply(content_type: str, raw: list[bytes]) -> bool:
    """Whether a message (its Content-Type header and raw lines) is a meeting invitation declined: an iCalendar
    METHOD:REPLY (RFC 5546 §3.2.3) whose attendee answers PARTSTAT=DECLINED, alone or as a part. The calendar
    program writes it when the button is pressed; as the .ics rule has it, declining is never contact. Only
    such messages are parsed whole: others cost a look at their Content-Type."""
    kind = content_type.strip().lower()
    if not kind.startswith(ANSWER_TYPES):
        return False
    data = b"".join(raw)
    if kind.startswith("multipart/") and _CALENDAR.search(data.lower()) is None:
        return False
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() != "text/calendar":
            continue
        payload = part.get_payload(decode=True)
        body = payload if isinstance(payload, bytes) else b""  # None for a part without a body
        text = body.decode(part.get_content_charset() or "utf-8", errors="replace").replace("\r\n ", "")
        lines = [line.strip().upper() for line in text.splitlines()]
        replied = "METHOD:REPLY" in lines or "method=reply" in (part.get("content-type") or "").lower()
        if replied and any(
            line.startswith("ATTENDEE") and "PARTSTAT=DECLINED" in line.partition(":")[0] for line in lines
        ):
            return True
    return False
