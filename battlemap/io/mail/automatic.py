"""Mail a program wrote, not a person: out-of-office answers and other automatic replies (`is_automatic`). Such a
message is no reply from the person: not an interaction, not mail the inference reads (mail.services.ingest)."""

from __future__ import annotations

import re

# the headers that say it (headers.WANTED keeps them)
AUTOMATIC_HEADERS = ("auto-submitted", "x-autoreply", "x-autorespond", "precedence")

# Subjects that automatic replies start with, as the mail programs write them (Outlook / Exchange in English,
# Chinese, German, French and Spanish, the old Exchange "Out of Office AutoReply:"; Gmail's vacation responder keeps
# the subject and sets Auto-Submitted; Foxmail, Coremail, QQ Mail):
# a prefix and a colon, so "Out of office next week" typed by a person is not one.
_AUTOMATIC_SUBJECT = re.compile(
    r"^\s*(automatic reply|auto[- ]?reply|auto[- ]?response|out of (the )?office( auto ?reply| reply)?|"
    r"automatische antwort|abwesenheitsnotiz|réponse automatique|respuesta automática|自动回复|自动答复|"
    r"自動回覆|自動回復|自动应答|休假自动回复)\s*[:：]",
    re.IGNORECASE,
)


def is_automatic(headers: dict[str, str], subject: str) -> bool:
    """Whether a message was written by a program, not a person: RFC 3834's `Auto-Submitted` (any value but
    "no": auto-replied, auto-generated), the `X-Autoreply` / `X-Autorespond` of older responders, `Precedence:
    auto_reply`, or a subject an automatic reply starts with (`_AUTOMATIC_SUBJECT`). An out-of-office answer
    is no reply from the person: not an interaction, not mail inference reads."""
    submitted = headers.get("auto-submitted", "").strip().lower()
    if submitted and not submitted.startswith("no"):
        return True
    for older in ("x-autoreply", "x-autorespond"):  # "yes" or any value but "no"
        said = headers.get(older, "").strip().lower()
        if said and not said.startswith("no"):
            return True
    if headers.get("precedence", "").strip().lower() == "auto_reply":
        return True
    return _AUTOMATIC_SUBJECT.match(subject) is not None
