"""Mail never sent: the drafts mail programs keep beside sent mail, in the files a seller exports.

A draft to a decision maker is no contact: ingested as a message it made them "contacted" and hid that the
relationship had gone stale. Each program says it its own way (`is_draft`); an Outlook `.msg` says it in its
flags (io.mail.outlook). A draft is a record of status "draft" and nothing else (`draft`): the ingest counts it
apart, stores nothing and makes no interaction (mail.services.ingest).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from battlemap.io.mail.records import MessageRecord

# the headers that say it, or that the message was deleted (headers.WANTED keeps them)
DRAFT_HEADERS = (
    "x-gmail-labels",
    "x-mozilla-draft-info",
    "x-unsent",
    "x-uniform-type-identifier",
    "x-mozilla-status",
)
# Gmail Takeout's label of a draft, as an English or a Chinese Gmail names it (labels are comma separated)
_GMAIL_DRAFT_LABELS = frozenset({"drafts", "draft", "草稿", "草稿箱"})
_APPLE_DRAFT = "com.apple.mail-draft"
_ENCODED_WORD = re.compile(r"=\?")


def is_draft(headers: dict[str, str], decode: Callable[[str], str] | None = None) -> bool:
    """Whether a message's headers (lower-case names) say it was saved, never sent: Gmail Takeout's
    `X-Gmail-Labels` holding `Drafts` (`草稿` in a Chinese Gmail), Thunderbird's `X-Mozilla-Draft-Info` (written
    only on drafts and templates), the `X-Unsent: 1` of an Outlook draft saved as .eml, Apple Mail's
    `X-Uniform-Type-Identifier: com.apple.mail-draft`. `decode` reads encoded words in the labels (a Chinese
    label is written `=?UTF-8?Q?…?=`)."""
    if headers.get("x-mozilla-draft-info", "").strip():
        return True
    if headers.get("x-unsent", "").strip() == "1":
        return True
    if headers.get("x-uniform-type-identifier", "").strip().lower() == _APPLE_DRAFT:
        return True
    labels = headers.get("x-gmail-labels", "")
    if decode is not None and _ENCODED_WORD.search(labels):
        labels = decode(labels)
    return any(label.strip().lower() in _GMAIL_DRAFT_LABELS for label in labels.split(","))


# Thunderbird's mark of a message deleted (MSG_FLAG_EXPUNGED in X-Mozilla-Status): it stays in the folder's mbox
# until the folder is compacted; Gmail Takeout's label of a message in the Trash
_MOZILLA_EXPUNGED = 0x0008
_GMAIL_TRASH_LABELS = frozenset({"trash", "已删除邮件", "垃圾箱"})


def is_deleted(headers: dict[str, str], decode: Callable[[str], str] | None = None) -> bool:
    """Whether a message's headers say the user deleted it, though the file still holds it: Thunderbird's
    `X-Mozilla-Status` with its expunged flag (0008: a folder not compacted since), Gmail Takeout's
    `X-Gmail-Labels` holding `Trash` (`已删除邮件`). Ingested, a mail deleted as sent to the wrong person was contact."""
    status = headers.get("x-mozilla-status", "").strip()
    if re.fullmatch(r"[0-9A-Fa-f]{1,8}", status) and int(status, 16) & _MOZILLA_EXPUNGED:
        return True
    labels = headers.get("x-gmail-labels", "")
    if decode is not None and _ENCODED_WORD.search(labels):
        labels = decode(labels)
    return any(label.strip().lower() in _GMAIL_TRASH_LABELS for label in labels.split(","))


def is_draft_file(name: str) -> bool:
    """Whether a maildir file's name carries the Draft flag: `…:2,DS` (the flags after `:2,`, D for draft)."""
    _, marker, flags = name.rpartition(":2,")
    return bool(marker) and "D" in flags


def draft(source: str, status: str = "draft") -> MessageRecord:
    """The record of a draft (or, `status` "deleted", of a deleted message) found at `source`: counted by the
    ingest, never stored."""
    return MessageRecord(
        uid=f"{status}:{source}", kind="email", occurred_at=None, sender=None, status=status, source=source
    )
