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

# the headers that say it (headers.WANTED keeps them)
DRAFT_HEADERS = ("x-gmail-labels", "x-mozilla-draft-info", "x-unsent", "x-uniform-type-identifier")
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


def is_draft_file(name: str) -> bool:
    """Whether a maildir file's name carries the Draft flag: `…:2,DS` (the flags after `:2,`, D for draft)."""
    _, marker, flags = name.rpartition(":2,")
    return bool(marker) and "D" in flags


def draft(source: str) -> MessageRecord:
    """The record of a draft found at `source`: counted by the ingest, never stored."""
    return MessageRecord(
        uid=f"draft:{source}", kind="email", occurred_at=None, sender=None, status="draft", source=source
    )
