"""`mail_ingest`: archives → stored mail items → interactions with participants, all or nothing.

The steps live beside this module: which domains are whose (ingest_domains), which records are new
(ingest_keys), Exchange names matched (ingest_exchange), the writes (ingest_store).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from battlemap.accounts.models import Account
from battlemap.audit.services import Action, audit_record
from battlemap.core.dates import in_range
from battlemap.core.multilingual import active_language
from battlemap.deals.models import Deal
from battlemap.interactions.models import Interaction
from battlemap.io.mail import BadFile, MessageRecord, ParseResult, parse_paths
from battlemap.io.mail.archive import MAX_MEMBERS, MEGABYTE, ArchiveBounds
from battlemap.io.matching import email_key
from battlemap.mail.selectors.people import person_index
from battlemap.mail.selectors.records import broadcast_bound, user_domain
from battlemap.mail.services.ingest_domains import (
    choose_customer_domains,
    choose_our_domain,
    remember_domains,
)
from battlemap.mail.services.ingest_exchange import aliases_of, names_in_files, resolve_exchange
from battlemap.mail.services.ingest_keys import (
    older_than_stored,
    record_keys,
    stored_keys,
    stored_versions,
    superseded_readings,
    unique_uid,
)
from battlemap.mail.services.ingest_report import IngestReport, bad_file_reason, named_and_more
from battlemap.mail.services.ingest_series import dropped_occurrences
from battlemap.mail.services.ingest_store import (
    Sides,
    add_matched_people,
    add_signatures,
    link_again,
    store_chunk,
    update_meetings,
    withdraw_cancelled,
)
from battlemap.punctuation import clauses, labelled

__all__ = ["IngestError", "IngestReport", "mail_ingest", "mail_read"]

CHUNK = 20000  # records handled at a time, to bound memory
# A message dated later than now by more than this has a wrong date (the sender's clock, a hand-edited Date
# header): a day covers time zones and clocks a little ahead. Meetings are scheduled ahead and stay allowed.
FUTURE_SLACK = timedelta(days=1)


class IngestError(Exception):
    """Nothing was written; `bad_files` says which files and why, `readable` whether the others held items."""

    def __init__(self, message: str, bad_files: Iterable[BadFile] = (), *, readable: bool = False):
        super().__init__(message)
        self.bad_files = list(bad_files)
        self.readable = readable  # some items were read from the other files: `skip_bad` would ingest them


def ingest_error_message(error: IngestError) -> str:
    """The error in the active language (its bad files said again; other errors as raised)."""
    return _bad_files_message(error.bad_files) if error.bad_files else str(error)


def _bad_files_message(bad_files: list[BadFile]) -> str:
    lang = active_language()
    listed = clauses(lang, named_and_more(bad_files, lambda b: labelled(lang, b.path, bad_file_reason(b))))
    listed = listed.rstrip(".。")
    # one sentence, ended, so that what follows it ("Tick …") reads as the next one
    return _("Unreadable files, nothing was ingested: %(files)s.") % {"files": listed}


def archive_bounds() -> ArchiveBounds:
    """The bounds on a zip archive of mail: those of every zip read (IMPORT_MAX_UNCOMPRESSED_MB,
    IMPORT_MAX_COMPRESSION_RATIO; docs/security.md) and `archive.MAX_MEMBERS` members."""
    return ArchiveBounds(
        unpacked_bytes=settings.IMPORT_MAX_UNCOMPRESSED_MB * MEGABYTE,
        ratio=settings.IMPORT_MAX_COMPRESSION_RATIO,
        members=MAX_MEMBERS,
    )


def _bounded(
    records: list[MessageRecord], ours: list[str], users: dict, report: IngestReport
) -> list[MessageRecord]:
    """Broadcasts (selectors.records.broadcast_bound) keep their sender and our side; the report counts them."""
    bound = broadcast_bound(ours, users)
    out = []
    for record in records:
        bounded = bound(record)
        if bounded is not record:
            report.broadcasts += 1
            report.left_out += bounded.left_out - record.left_out
        out.append(bounded)
    return out


def mail_read(
    paths: Iterable[str | Path],
    *,
    bodies: bool = False,
    date_order: str | None = None,
    now: datetime,
    progress: Callable[[int], None] | None = None,
) -> ParseResult:
    """The records of the archives at `paths` (io.mail.parse_paths, with this installation's time zone and
    archive bounds); nothing is written. `progress(read)` is told the records read so far, as they go."""
    return parse_paths(
        list(paths),
        bodies=bodies,
        date_order=date_order,
        now=now,
        zone=timezone.get_default_timezone(),
        archive_bounds=archive_bounds(),
        progress=progress,
    )


def mail_ingest(
    *,
    account: Account,
    paths: Iterable[str | Path],
    deal: Deal | None = None,
    our_domains: Iterable[str] = (),
    customer_domains: Iterable[str] = (),
    since: date | None = None,
    bodies: bool = False,
    skip_bad: bool = False,
    date_order: str | None = None,
    dry_run: bool = False,
    now: datetime | None = None,
    user=None,
    via: str = "",
    parsed: ParseResult | None = None,
    progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Read the archives and store what is new. A bad file aborts everything unless `skip_bad`.

    `date_order` ("dmy" / "mdy") reads CSV dates like 03/11/2026 that the file itself does not settle.
    `dry_run` does everything, reports the same figures, and writes nothing. `now` bounds the expansion of
    recurring meetings (default: the current time) and is when a message dated later (by over `FUTURE_SLACK`)
    is in the future: it is not ingested, and the summary names it; times without a zone are read in TIME_ZONE.
    `user`: who ingests (the audit log's entry; None: the installation); `via`: how it came, for that entry
    ("api", "cli"; "" the web), as audit_record takes it.
    `parsed`: `paths` as `mail_read` read them already (with the same `bodies`, `date_order` and `now`), so
    that a caller holding a transaction reads the files before it (runs.ingest_with_suggestions); else
    `progress` is told the items read so far (`mail_read`).
    """
    if deal is not None and deal.account_id != account.pk:
        raise IngestError(_("Deal %(deal)s belongs to another account.") % {"deal": deal.pk})
    now = now or timezone.now()
    if parsed is None:
        parsed = mail_read(paths, bodies=bodies, date_order=date_order, now=now, progress=progress)
    if parsed.bad_files and not skip_bad:
        raise IngestError(
            _bad_files_message(parsed.bad_files), parsed.bad_files, readable=bool(parsed.records)
        )
    if not parsed.records and not parsed.bad_files and parsed.passed_over:
        # zip archives of no mail at all (a folder of documents zipped by mistake): said as a failure naming what
        # was passed over, not a run "done" with 0 items read
        raise IngestError(
            _("Nothing in the zip archives is mail, a calendar or a CSV activity log: %(files)s.")
            % {"files": clauses(active_language(), named_and_more(parsed.passed_over))}
        )
    # a date outside the years the map keeps (a calendar's DTSTART of year 1 or 3000, `Date: 1 Jan 0001`) is no
    # date: counted "without a date", as a missing one is — it failed the write, an error page or a traceback.
    # A message after them stays in the future, said so and not stored.
    parsed.records = [
        replace(r, occurred_at=None) if r.occurred_at and not in_range(r.occurred_at) and not future else r
        for r in parsed.records
        for future in [r.kind != "meeting" and r.occurred_at is not None and r.occurred_at > now]
    ]
    report = IngestReport(
        read=len(parsed.records),
        bad_files=parsed.bad_files,
        dry_run=dry_run,
        encodings={Path(p).name: label for p, label in parsed.encodings.items()},
        date_readings={Path(p).name: reading for p, reading in parsed.date_readings.items()},
        passed_over=parsed.passed_over,
    )
    for record in parsed.records:  # said in the summary: their meetings' times may be hours off
        if record.unknown_zone:
            titles = report.unknown_zones.setdefault(record.unknown_zone, [])
            if record.subject not in titles:
                titles.append(record.subject)
        if record.repeats_cut:  # said in the summary: the meeting's repetitions were cut at a bound
            report.repeats_cut.setdefault(record.subject, record.repeats_cut)
    records: list[MessageRecord] = []
    cancelled: set[str] = set()
    cancellations: list[MessageRecord] = []
    versions = stored_versions(account)
    superseded = superseded_readings(parsed.records)
    for number, record in enumerate(parsed.records):
        # the day of --since is the installation's (TIME_ZONE), as the map shows the item's day: 07:30 in Shanghai
        # on 1 December, 23:30 UTC on 30 November, is of 1 December
        if since and record.occurred_at and timezone.localdate(record.occurred_at) < since:
            report.older_than_since += 1
            report.skipped["older_than_since"] += 1
        elif record.kind != "meeting" and record.occurred_at and record.occurred_at > now + FUTURE_SLACK:
            report.skipped["future"] += 1  # not stored either: inference would read its date as contact
            report.future.append(record)
        elif record.status in (
            "draft",
            "deleted",
        ):  # never sent (io.mail.drafts, io.mail.outlook), or deleted
            report.skipped[record.status] += 1
        elif record.automatic:
            report.skipped["automatic"] += 1  # not stored: an out-of-office answer is nobody's reply
        elif number in superseded or older_than_stored(record, versions):
            report.skipped["older_version"] += 1  # a cancellation too: the newer version stands
        elif record.status == "cancelled":
            report.skipped["cancelled"] += 1
            cancelled.add(record.uid[:480])
            cancellations.append(record)
        else:
            records.append(record)
    with transaction.atomic():
        # occurrences stored before of a series cancelled whole, or cut short since (ingest_series)
        dropped = dropped_occurrences(account, parsed.records, cancellations)
        cancelled |= dropped.cancelled
        index = person_index(account)
        keys = [  # as read: the key stored, and every key a stored item of the record may have
            ("", frozenset()) if record.calendar_event else record_keys(record) for record in records
        ]
        exchange = [bool(record.unresolved) for record in records]
        names = names_in_files(records)
        aliases = aliases_of(index) if any(r.unresolved for r in records) else {}
        records = [resolve_exchange(record, index, names, aliases, report) for record in records]
        report.namesakes = {
            f"{a.name} <{a.email}>"
            for record in records
            for a in record.participants
            if index.namesakes(a.name) and index.match(a) is None
        }
        report.other_address = {
            (a.name, a.email, person.email)
            for record in records
            for a in record.participants
            if (person := index.namesake(a)) is not None
        }
        given = [d.lower() for d in customer_domains]
        ours, customer = remember_domains(account, [d.lower() for d in our_domains], given)
        report.customer_domains_origin = "given" if given else "stored" if customer else "none"
        # an interaction with us needs someone of ours in it: the uploading user's own domain is ours
        # (remembered, so that inference reads the same side); with none, the mailbox owner's — before the
        # customer's is chosen, or the commonest domain of a seller's own mailbox, ours, was taken for theirs.
        # Only a sure owner is taken and remembered: a guess (a customer's own archive) would be kept for good
        if (mine := user_domain(user, customer)) and mine not in ours:
            ours, customer = remember_domains(account, [mine], [])
            report.our_domain_from_user = mine
        if not ours:
            owner = choose_our_domain(records, customer, index)
            if owner.domain:
                ours, customer = remember_domains(account, [owner.domain], [])
            report.mailbox_owner = owner
        if not customer:
            customer, report.customer_domains_origin = choose_customer_domains(records, ours, index)
            ours, customer = remember_domains(account, [], customer)
        report.our_domains, report.customer_domains = ours, customer
        users = {email_key(u.email): u for u in get_user_model().objects.exclude(email="")}
        records = _bounded(records, ours, users, report)
        taken, unlinked = stored_keys(account)
        fresh: dict[str, tuple[MessageRecord, str]] = {}
        again: dict[str, MessageRecord] = {}  # stored without an interaction: the domains may now allow one
        matched_since: dict[str, MessageRecord] = {}  # linked, with Exchange names: more people may match now
        signed: dict[str, MessageRecord] = {}  # read before, with a signature in this reading of the bodies
        revised: dict[
            str, MessageRecord
        ] = {}  # meetings read before: their attendees or time may have changed
        for record, (key, candidates), had_exchange in zip(records, keys, exchange, strict=True):
            uid, duplicate = unique_uid(record, key, taken, candidates)
            if duplicate:
                report.duplicates += 1
                if bodies and record.signature and (record.signature.title or record.signature.phone):
                    signed[uid] = record  # stored before, perhaps headers only: its signature may be new
                if uid in unlinked and uid not in again:
                    again[uid] = record
                else:
                    if had_exchange:
                        matched_since[uid] = record
                    if record.calendar_event and uid not in fresh:
                        if uid in revised:  # read twice in one version: the last reading wins
                            report.skipped["duplicate"] += 1
                        revised[uid] = record
                    else:
                        report.skipped["duplicate"] += 1
                continue
            taken[uid] = frozenset({key})
            fresh[uid] = (record, key)
            report.dated_from_line += record.date_from == "from_line"
        report.new = len(fresh)
        linked = set(
            Interaction.objects.filter(account=account)
            .exclude(source_ref="")
            .values_list("source_ref", flat=True)
        )
        sides = Sides(index, users, set(ours), set(customer), linked)
        batch = list(fresh.items())
        for start in range(0, len(batch), CHUNK):
            store_chunk(account, deal, batch[start : start + CHUNK], sides, report)
        link_again(account, deal, again, sides, report)
        updated = update_meetings(account, revised, sides)
        report.updated, report.duplicates = len(updated), report.duplicates - len(updated)
        report.skipped["duplicate"] += len(revised) - len(updated)
        add_matched_people(account, matched_since, sides, report)
        report.signatures_added = add_signatures(account, signed)
        report.withdrawn = withdraw_cancelled(account, cancelled - set(fresh))
        report.taken_out = withdraw_cancelled(
            account, dropped.taken_out - cancelled - set(fresh), reason="out_of_series"
        )
        if dry_run:
            transaction.set_rollback(True)
        else:
            audit_record(
                action=Action.IMPORT, account=account, user=user, what="mail", new=report.new, via=via
            )
    return report
