"""What an ingest did, in words: items read, new and duplicated, interactions made, and every item that made no
interaction with the reason; the customer domains and how they were chosen."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from battlemap.core.multilingual import active_language
from battlemap.inference.domains import MailboxOwner
from battlemap.io.labels import date_reading_text
from battlemap.io.mail import BadFile, MessageRecord
from battlemap.io.mail.archive import named_members
from battlemap.io.mail.records import RepeatsCut
from battlemap.punctuation import clauses, join_names, labelled

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
    dry_run: bool = False
    encodings: dict[str, str] = field(default_factory=dict)  # CSV activity log file name -> encoding read
    # CSV activity log file name -> how its dates like 03/11/2026 were read (io.dates.DateReading)
    date_readings: dict[str, Any] = field(default_factory=dict)

    def summary(self) -> str:
        counts = {  # each count with its noun in the number it takes: "1 participant", "10 interactions"
            "items": ngettext("%(count)d item read", "%(count)d items read", self.read)
            % {"count": self.read},
            "interactions": ngettext("%(count)d interaction", "%(count)d interactions", self.interactions)
            % {"count": self.interactions},
            "participants": ngettext("%(count)d participant", "%(count)d participants", self.participants)
            % {"count": self.participants},
        }
        if self.interactions and not self.participants:  # "with 0 participants" read as a failed ingest
            text = _(
                "%(items)s: %(new)d new, %(duplicates)d already ingested; %(interactions)s created, attached to "
                "no one yet: none of the customer's people in this mail is on the map."
            ) % {**self.__dict__, **counts}
            if self.people_suggested:
                text += " " + ngettext(
                    "%(count)d new person is suggested from it on the mail page: accept them if they belong to "
                    "this account, and they are attached to the interactions they were in.",
                    "%(count)d new people are suggested from it on the mail page: accept each who belongs to "
                    "this account, and they are attached to the interactions they were in.",
                    self.people_suggested,
                ) % {"count": self.people_suggested}
        else:
            text = _(
                "%(items)s: %(new)d new, %(duplicates)d already ingested; "
                "%(interactions)s with %(participants)s created."
            ) % {**self.__dict__, **counts}
        if self.dry_run:
            text = _("Dry run, nothing written.") + " " + text
        skipped = [(code, self.skipped[code]) for code in SKIP_REASONS if self.skipped[code]]
        if skipped:
            text += " " + _("No interaction for %(count)d: %(reasons)s.") % {
                "count": sum(n for _code, n in skipped),
                "reasons": "; ".join(
                    _("%(reason)s (%(count)d)") % {"reason": SKIP_REASONS[code], "count": n}
                    for code, n in skipped
                ),
            }
        if self.withdrawn:
            text += " " + ngettext(
                "%(count)d meeting ingested before has been cancelled since: its interaction was removed.",
                "%(count)d meetings ingested before have been cancelled since: their interactions were removed.",
                self.withdrawn,
            ) % {"count": self.withdrawn}
        if self.taken_out:
            text += " " + ngettext(
                "%(count)d meeting ingested before is no longer in its recurring series (a date taken out, or the "
                "series ended earlier): its interaction was removed.",
                "%(count)d meetings ingested before are no longer in their recurring series (dates taken out, or "
                "the series ended earlier): their interactions were removed.",
                self.taken_out,
            ) % {"count": self.taken_out}
        if self.updated:
            text += " " + ngettext(
                "%(count)d meeting ingested before has changed since (attendees, their answers or the time): "
                "updated.",
                "%(count)d meetings ingested before have changed since (attendees, their answers or the time): "
                "updated.",
                self.updated,
            ) % {"count": self.updated}
        if self.signatures_added:
            text += " " + ngettext(
                "%(count)d item ingested before without its body now has its signature (title, phone).",
                "%(count)d items ingested before without their bodies now have their signatures (title, phone).",
                self.signatures_added,
            ) % {"count": self.signatures_added}
        if self.broadcasts:
            text += " " + ngettext(
                "%(count)d message to more than %(limit)d addresses was kept as a broadcast, with its sender and "
                "our side only: %(left_out)d of its recipients were left out (not participants, not suggested).",
                "%(count)d messages to more than %(limit)d addresses were kept as broadcasts, with their senders "
                "and our side only: %(left_out)d of their recipients were left out (not participants, not "
                "suggested).",
                self.broadcasts,
            ) % {
                "count": self.broadcasts,
                "limit": settings.MAIL_BROADCAST_ADDRESSES,
                "left_out": self.left_out,
            }
        if self.people_left_out:
            text += " " + people_left_out_text(self.people_left_out)
        if self.unknown_zones:
            text += " " + _(
                "Time zones not known, so their meetings were read in %(zone)s: %(zones)s. Check those times."
            ) % {
                "zone": settings.TIME_ZONE,
                "zones": "; ".join(
                    f"{name} ({', '.join(_quoted(title) for title in titles)})"
                    for name, titles in sorted(self.unknown_zones.items())
                ),
            }
        for sentence in repeats_cut_text(self.repeats_cut):
            text += " " + sentence
        if self.future:
            text += " " + _(
                "Dated in the future, so not ingested (a wrong date in the message, e.g. the sender's clock): "
                "%(messages)s."
            ) % {"messages": _future_messages(self.future)}
        if self.unmatched_names:
            text += " " + _("Exchange addresses matching no person (skipped, not suggested): %(names)s.") % {
                "names": "; ".join(sorted(self.unmatched_names))
            }
        if self.unmatched_attendees:
            text += " " + ngettext(
                "%(count)d calendar attendee has a name but no e-mail address, and no one person on the map bears "
                "that name (none or several do), so it was attached to no one: %(names)s.",
                "%(count)d calendar attendees have a name but no e-mail address, and no one person on the map "
                "bears their names (none or several do), so they were attached to no one: %(names)s.",
                len(self.unmatched_attendees),
            ) % {"count": len(self.unmatched_attendees), "names": "; ".join(sorted(self.unmatched_attendees))}
        if self.namesakes:
            text += " " + _(
                "Named like several people on the map: %(names)s — attached to none of them; put the e-mail on "
                "the right person's record (a person has one here), or accept the suggested new person if it is "
                "someone else."
            ) % {"names": "; ".join(sorted(self.namesakes))}
        if self.other_address:
            text += " " + _(
                "Named like a person on the map whose e-mail is another, so not taken as them: %(names)s. If it "
                "is the same person, a person has one e-mail here: keep on their record the one they use with "
                "you (mail from the other is not read as theirs); if not, accept the suggested new person."
            ) % {
                "names": "; ".join(
                    _("%(name)s <%(email)s> (the map has %(other)s)") % {"name": n, "email": e, "other": o}
                    for n, e, o in sorted(self.other_address)
                )
            }
        if self.dated_from_line:
            text += " " + ngettext(
                "%(count)d message had no readable Date: dated by its mbox From line.",
                "%(count)d messages had no readable Date: dated by their mbox From line.",
                self.dated_from_line,
            ) % {"count": self.dated_from_line}
        if self.encodings:
            text += " " + _("Activity logs read as: %(files)s.") % {
                "files": "; ".join(f"{name} {label}" for name, label in sorted(self.encodings.items()))
            }
        for name, reading in sorted(self.date_readings.items()):
            text += " " + _("Dates of %(file)s %(reading)s.") % {
                "file": name,
                "reading": date_reading_text(reading),
            }
        text += " " + _("Customer domains: %(domains)s (%(origin)s); our domains: %(ours)s.") % {
            "domains": ", ".join(self.customer_domains) or "-",
            "origin": DOMAIN_ORIGINS[self.customer_domains_origin],
            "ours": ", ".join(self.our_domains) or "-",
        }
        if self.our_domain_from_user:
            text += " " + _(
                "%(domain)s is ours: the domain of your own e-mail address, remembered for this account."
            ) % {"domain": self.our_domain_from_user}
        elif self.mailbox_owner.rule:
            text += " " + str(OWNER_DOMAIN_RULES[self.mailbox_owner.rule]) % {
                "domain": self.mailbox_owner.domain,
                "addresses": join_names(
                    active_language(), named_and_more(list(self.mailbox_owner.addresses))
                ),
            }
        elif self.mailbox_owner.domain:
            text += " " + _(
                "%(domain)s is ours: %(owner)s, the mailbox's owner, is in nearly every message; remembered for "
                "this account. If it is the customer's, give our domains."
            ) % {"domain": self.mailbox_owner.domain, "owner": self.mailbox_owner.address}
        elif not self.our_domains:
            if self.mailbox_owner.unsure and self.mailbox_owner.address:
                text += " " + _(
                    "%(owner)s is in nearly every message, but nearly all of them stay inside %(domain)s, so the "
                    "archive does not say whether it is one of ours or of the customer's: no domain was taken as "
                    "ours."
                ) % {"owner": self.mailbox_owner.address, "domain": self.mailbox_owner.unsure}
            elif self.mailbox_owner.unsure:
                text += " " + _(
                    "%(domain)s is in nearly every message but no one address is, as in a customer's own archive "
                    "or a shared mailbox: whose mailbox it is is not known, so no domain was taken as ours."
                ) % {"domain": self.mailbox_owner.unsure}
            text += " " + _(
                "Our domains are not known: mail without one of our users was kept for inference only and made "
                "no interaction with us. To record our mail with the customer, give our domains (Our domains on "
                "the upload form, --our-domain to mail-ingest, our_domains in the API) and ingest again."
            )
        if self.passed_over:
            text += " " + _(
                "Passed over in the zip archives, not mail, calendar or CSV activity files: %(files)s."
            ) % {"files": clauses(active_language(), named_and_more(self.passed_over))}
        if self.bad_files:  # each by its path, a zip member's in its archive, as a refusal names it
            lang = active_language()
            listed = clauses(
                lang, named_and_more(self.bad_files, lambda b: labelled(lang, b.path, bad_file_reason(b)))
            )
            text += " " + _("Skipped: %(files)s.") % {"files": listed.rstrip(".。")}
        return text


def people_left_out_text(count: int) -> str:
    """The sentence of a run that suggested MAIL_NEW_PEOPLE_PER_RUN new people and left `count` others out."""
    return ngettext(
        "%(count)d more new person was not suggested: a run suggests at most %(limit)d new people, those in "
        "the most messages and meetings first (MAIL_NEW_PEOPLE_PER_RUN); the next run suggests the next ones.",
        "%(count)d more new people were not suggested: a run suggests at most %(limit)d new people, those in "
        "the most messages and meetings first (MAIL_NEW_PEOPLE_PER_RUN); the next run suggests the next ones.",
        count,
    ) % {"count": count, "limit": settings.MAIL_NEW_PEOPLE_PER_RUN}


def repeats_cut_text(cuts: dict[str, RepeatsCut]) -> list[str]:
    """The sentences naming the recurring meetings whose repetitions a bound cut, one per bound
    (`records.RepeatsCut`; repeats.MAX_OCCURRENCES, repeats.MAX_LOOKED_AT), the meetings by title."""
    said = {
        "occurrences": _(
            "Recurring meetings cut at %(limit)s occurrences, the most read of one meeting: the latest kept, "
            "the earlier left out — %(meetings)s."
        ),
        "looked_at": _(
            "Recurring meetings cut at %(limit)s repetitions looked at, the most of one meeting (no meeting "
            "repeats so often): the later ones were not read — %(meetings)s."
        ),
    }
    sentences = []
    for bound, sentence in said.items():
        cut = sorted((title, c) for title, c in cuts.items() if c.bound == bound)
        meetings = [
            _("%(title)s: %(count)s earlier left out") % {"title": _quoted(t), "count": f"{c.dropped:,}"}
            if bound == "occurrences"
            else _("%(title)s: read up to %(day)s") % {"title": _quoted(t), "day": c.last.date().isoformat()}
            for t, c in cut
            if bound == "occurrences" or c.last
        ]
        if meetings:
            sentences.append(sentence % {"limit": f"{cut[0][1].limit:,}", "meetings": "; ".join(meetings)})
    return sentences


def _quoted(title: str) -> str:
    return f"“{title}”" if title else _("(no subject)")


FUTURE_NAMED = 5  # messages dated in the future named in the summary; the others counted


def _future_messages(records: list[MessageRecord]) -> str:
    """`"Subject" of 2029-01-01 from sam@ourco.example; …; and 3 more`, in the order read."""
    named = [
        _('"%(subject)s" of %(day)s from %(sender)s')
        % {
            "subject": r.subject or _("(no subject)"),
            "day": timezone.localtime(r.occurred_at).date().isoformat() if r.occurred_at else "",
            "sender": r.sender.email if r.sender else "-",
        }
        for r in records[:FUTURE_NAMED]
    ]
    if len(records) > FUTURE_NAMED:
        named.append(_("and %(count)d more") % {"count": len(records) - FUTURE_NAMED})
    return clauses(active_language(), named)
