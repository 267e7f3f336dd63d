"""What an ingest did: items read, new and duplicated, interactions made, every item that made no interaction
with its reason, the customer domains and how they were chosen (`IngestReport`); said in words by
`ingest_summary`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from battlemap.inference.domains import MailboxOwner
from battlemap.io.mail import BadFile, MessageRecord
from battlemap.io.mail.archive import named_members
from battlemap.io.mail.records import RepeatsCut

# How a mailbox's owner's domain was read when no one address is in nearly every message (MailboxOwner.rule).
OWNER_DOMAIN_RULES = {
    "domain": gettext_lazy(
        "%(domain)s is ours: it is in nearly every message (%(addresses)s) and is not the customer's, whose domains "
        "are known; remembered for this account. If it is the customer's, give our domains."
    ),
    "aliases": gettext_lazy(
        "%(domain)s is ours: its addresses %(addresses)s are together in nearly every message, most of them with "
        "another domain; remembered for this account. If it is the customer's, give our domains."
    ),
}

# Why an item read became no interaction (IngestReport.skipped), in the order the summary lists them.
SKIP_REASONS = {
    "duplicate": gettext_lazy("already ingested or repeated in the files"),
    "older_version": gettext_lazy(
        "older versions of meetings read in a newer version (a lower SEQUENCE or an earlier LAST-MODIFIED), "
        "the newer one kept"
    ),
    "older_than_since": gettext_lazy("dated before --since"),
    "future": gettext_lazy("dated in the future (not ingested)"),
    "cancelled": gettext_lazy("cancelled meetings"),
    "draft": gettext_lazy(
        "unsent drafts (saved by Outlook, Gmail, Thunderbird or Apple Mail), never contact: not ingested"
    ),
    "deleted": gettext_lazy(
        "messages deleted in the mail program (Thunderbird, Gmail's Trash) but still in the file: not ingested"
    ),
    "automatic": gettext_lazy(
        "automatic replies (out of office, Auto-Submitted), written by no one: not ingested"
    ),
    "no_date": gettext_lazy("without a date"),
    "exchange_unmatched": gettext_lazy("Exchange (X.500) addresses only, matching no person on the map"),
    "attendee_unmatched": gettext_lazy(
        "meetings with no address of the customer's, only attendees named without an address who match no one "
        "person on the map"
    ),
    "no_customer": gettext_lazy("nobody from the customer's domains"),
    "customer_not_accepted": gettext_lazy(
        "meetings the customer's people declined or only tentatively accepted (not counted as met)"
    ),
    "internal": gettext_lazy("nobody from our side (the customer's own mail, kept for inference)"),
    "linked": gettext_lazy("already an interaction"),
}
DOMAIN_ORIGINS = {
    "given": gettext_lazy("as given"),
    "stored": gettext_lazy("as set before for this account"),
    "people": gettext_lazy("from the e-mails of the account's people"),
    "common": gettext_lazy("the most common domain that is not ours"),
    "none": gettext_lazy("none found"),
}


def bad_file_reason(bad: BadFile) -> str:
    """Why a file could not be read, in the user's language (the parsers give the English and its message)."""
    return _(bad.template) % bad.params if bad.template else bad.reason


T = TypeVar("T")


def named_and_more(items: list[T], shown: Callable[[T], str] = str) -> list[str]:
    """What a message names of a list (bad files and events, members passed over, an upload's files), each
    `shown`: the first NAMED_MEMBERS, then "and N more" — a calendar of 100,000 broken events is not 100,000
    clauses on a page, an upload of 500 .eml files not 500 names in one cell."""
    named, more = named_members(items)
    return [shown(item) for item in named] + ([_("and %(count)d more") % {"count": more}] if more else [])


@dataclass
class IngestReport:
    read: int = 0
    new: int = 0
    duplicates: int = 0
    older_than_since: int = 0
    interactions: int = 0
    participants: int = 0
    bad_files: list[BadFile] = field(default_factory=list)
    customer_domains: list[str] = field(default_factory=list)
    customer_domains_origin: str = "none"
    our_domains: list[str] = field(default_factory=list)
    our_domain_from_user: str = ""  # none given or remembered: the uploading user's own, taken as ours
    # none given, remembered or the user's: what the archive says of its owner (ingest_domains.choose_our_domain);
    # its domain taken as ours when sure, else the domain in nearly every message, not taken
    mailbox_owner: MailboxOwner = field(default_factory=MailboxOwner)
    skipped: Counter = field(default_factory=Counter)  # reason (SKIP_REASONS) -> items
    unmatched_names: set[str] = field(default_factory=set)  # Exchange display names matching nobody
    # calendar attendees with a name and no address (Feishu, DingTalk, WeCom) matching no one person on the map
    unmatched_attendees: set[str] = field(default_factory=set)
    namesakes: set[str] = field(
        default_factory=set
    )  # "name <e-mail>" named like several people: attached to none
    # (name, e-mail, the e-mail on the map) of an address named like one person on the map whose e-mail is
    # another: not attached to them (PersonIndex.namesake)
    other_address: set[tuple[str, str, str]] = field(default_factory=set)
    future: list[MessageRecord] = field(default_factory=list)  # messages dated in the future: not ingested
    dated_from_line: int = 0
    withdrawn: int = 0  # meetings ingested before, cancelled since: their interactions removed
    # occurrences ingested before, taken out of their recurring series since (an EXDATE, an earlier UNTIL or
    # COUNT: ingest_series.Dropped.taken_out): their interactions removed
    taken_out: int = 0
    updated: int = 0  # meetings ingested before, changed since (attendees, answers, time): updated
    signatures_added: int = 0  # items ingested before without a signature that took one from this reading
    # TZID no zone is known for -> the titles of the meetings read with it (in TIME_ZONE instead)
    unknown_zones: dict[str, list[str]] = field(default_factory=dict)
    # title of a recurring meeting -> how its repetitions were cut at a bound (repeats.occurrences)
    repeats_cut: dict[str, RepeatsCut] = field(default_factory=dict)
    passed_over: list[str] = field(default_factory=list)  # members of zip archives that are no mail files
    broadcasts: int = 0  # messages to more than MAIL_BROADCAST_ADDRESSES addresses: sender and our side kept
    left_out: int = 0  # their other addresses: neither participants nor suggested people
    people_left_out: int = 0  # new people past MAIL_NEW_PEOPLE_PER_RUN, not suggested (suggestions.Created)
    people_suggested: int = 0  # new-person suggestions the run made (ingest_with_suggestions)
    suggestions_made: int | None = None  # all the suggestions it made; None: it made none (a dry run)
    dry_run: bool = False
    encodings: dict[str, str] = field(default_factory=dict)  # CSV activity log file name -> encoding read
    # CSV activity log file name -> how its dates like 03/11/2026 were read (io.dates.DateReading)
    date_readings: dict[str, Any] = field(default_factory=dict)
