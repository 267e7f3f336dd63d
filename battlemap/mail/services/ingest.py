"""`mail_ingest`: archives → stored mail items → interactions with participants, all or nothing."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from battlemap.accounts.models import Account
from battlemap.audit.services import Action, audit_record
from battlemap.core.bulk import fast_insert
from battlemap.core.services import recorded
from battlemap.deals.models import Deal
from battlemap.interactions.models import Interaction, Participant
from battlemap.interactions.services import (
    RecordedInteraction,
    interaction_delete,
    interactions_bulk_record,
    participant_add,
)
from battlemap.io.mail import Address, BadFile, MessageRecord, parse_paths
from battlemap.io.mail.exchange import is_relay
from battlemap.io.mail.headers import synthetic_uid
from battlemap.io.text import email_key, match_name
from battlemap.mail.models import MailDomains, MailItem
from battlemap.mail.selectors import PersonIndex, cached_email_key, person_index
from battlemap.mail.services.ingest_report import IngestReport, bad_file_reason

BATCH = 2000
CHUNK = 20000  # records handled at a time, to bound memory


class IngestError(Exception):
    """Nothing was written; `bad_files` says which files and why."""

    def __init__(self, message: str, bad_files: Iterable[BadFile] = ()):
        super().__init__(message)
        self.bad_files = list(bad_files)


def _bad_files_message(bad_files: list[BadFile]) -> str:
    listed = "; ".join(f"{b.path}: {bad_file_reason(b)}" for b in bad_files)
    return _("Unreadable files, nothing was ingested (use --skip-bad to ingest the rest): %(files)s") % {
        "files": listed
    }


def _remember_domains(account: Account, ours: list[str], customer: list[str]) -> tuple[list[str], list[str]]:
    """Our domains add up over runs; customer domains given replace those remembered (so a wrong choice
    can be corrected)."""
    stored, _created = MailDomains.objects.get_or_create(account=account)
    if ours:
        stored.ours = sorted({*stored.ours, *ours})
    if customer:
        stored.customer = sorted(set(customer))
    stored.save()
    return list(stored.ours), list(stored.customer)


def _choose_customer_domains(
    records: list[MessageRecord], ours: list[str], index: PersonIndex
) -> tuple[list[str], str]:
    """The customer's domains when none were given or remembered, and how they were chosen. A relay host
    (`*.outlook.com`, `*.exchangelabs.com`) is never one."""
    from battlemap.inference import customer_domains_for  # loads numpy/scipy: only when ingesting

    known = {e.rpartition("@")[2] for e in index.by_email if "@" in e}
    chosen = [
        d
        for d in customer_domains_for((r for r in records if r.status != "cancelled"), ours, index.by_email)
        if not is_relay(d)
    ]
    if not chosen:
        return [], "none"
    return chosen, "people" if set(chosen) <= known else "common"


def _item_row(
    account: Account, uid: str, key: str, record: MessageRecord, interaction_id: int | None, now
) -> dict:  # noqa: ANN001
    recipients = [
        [a.email, a.name, header]
        for header, addresses in (
            ("to", record.to),
            ("cc", record.cc),
            ("declined", record.declined),
            ("tentative", record.tentative),
        )
        for a in addresses
    ]
    return dict(
        account_id=account.pk,
        interaction_id=interaction_id,
        ingested_at=now,
        uid=uid,
        content_key=key,
        kind=record.kind,
        occurred_at=record.occurred_at,
        sender_email=record.sender.email[:320] if record.sender else "",
        sender_name=record.sender.name[:200] if record.sender else "",
        recipients=recipients,
        subject=record.subject[:500],
        in_reply_to=record.in_reply_to[:500],
        source=record.source[:300],
        signature_title=record.signature.title[:200] if record.signature else "",
        signature_phone=record.signature.phone[:60] if record.signature else "",
    )


def _kind_and_source(record: MessageRecord) -> tuple[str, str]:
    if record.kind == "meeting":
        return "meeting", "calendar"
    return (record.kind if record.kind in ("email", "call") else "email"), "mail"


def _content_key(when: datetime | None, sender: str, recipients: Iterable[str]) -> str:
    """What tells two messages with one Message-ID apart: date, sender and recipients."""
    moment = when.astimezone(UTC).isoformat() if when else ""
    return synthetic_uid(moment, sender, *sorted(recipients))[3:15]


def _record_key(record: MessageRecord) -> str:
    return _content_key(
        record.occurred_at, record.sender.email if record.sender else "", (a.email for a in record.recipients)
    )


def _stored_keys(account: Account) -> tuple[dict[str, str], set[str]]:
    """uid -> content key of every stored item (the content key only matters for e-mails), and the uids
    of stored items that made no interaction."""
    rows = MailItem.objects.filter(account=account).values_list(
        "uid", "kind", "content_key", "occurred_at", "sender_email", "recipients", "interaction_id"
    )
    keys: dict[str, str] = {}
    unlinked: set[str] = set()
    for uid, kind, key, when, sender, recipients, interaction_id in rows.iterator():
        if kind == "email" and not key:  # stored before content keys were kept
            key = _content_key(when, sender, (r[0] for r in recipients if r[2] in ("to", "cc")))
        keys[uid] = key if kind == "email" else ""
        if interaction_id is None:
            unlinked.add(uid)
    return keys, unlinked


def _unique_uid(record: MessageRecord, key: str, taken: dict[str, str]) -> tuple[str, bool]:
    """The uid to store the record under, and whether an item is already stored under it (a duplicate).
    Systems reuse Message-IDs (`<1234@localhost>`): an e-mail is a duplicate only when its id, date, sender
    and recipients match; another message with a used id is stored as `id#key`. Meetings and CSV rows are
    keyed by their id."""
    uid = record.uid[:480]
    if record.kind != "email" or uid not in taken:
        return uid, uid in taken
    if taken[uid] == key:
        return uid, True
    other = f"{uid}#{key}"
    return other, other in taken


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
) -> IngestReport:
    """Read the archives and store what is new. A bad file aborts everything unless `skip_bad`.

    `date_order` ("dmy" / "mdy") reads CSV dates like 03/11/2026 that the file itself does not settle.
    `dry_run` does everything, reports the same figures, and writes nothing. `now` bounds the expansion of
    recurring meetings (default: the current time); times without a zone are read in TIME_ZONE.
    `user`: who ingests (the audit log's entry; None: the installation).
    """
    if deal is not None and deal.account_id != account.pk:
        raise IngestError(_("Deal %(deal)s belongs to another account.") % {"deal": deal.pk})
    parsed = parse_paths(
        list(paths),
        bodies=bodies,
        date_order=date_order,
        now=now or timezone.now(),
        zone=timezone.get_default_timezone(),
    )
    if parsed.bad_files and not skip_bad:
        raise IngestError(_bad_files_message(parsed.bad_files), parsed.bad_files)
    report = IngestReport(
        read=len(parsed.records),
        bad_files=parsed.bad_files,
        dry_run=dry_run,
        encodings={Path(p).name: label for p, label in parsed.encodings.items()},
    )
    records: list[MessageRecord] = []
    cancelled: set[str] = set()
    for record in parsed.records:
        if since and record.occurred_at and record.occurred_at.date() < since:
            report.older_than_since += 1
            report.skipped["older_than_since"] += 1
        elif record.status == "cancelled":
            report.skipped["cancelled"] += 1
            cancelled.add(record.uid[:480])
        else:
            records.append(record)
    with transaction.atomic():
        index = person_index(account)
        keys = [_record_key(record) if record.kind == "email" else "" for record in records]  # as read
        exchange = [bool(record.unresolved) for record in records]
        names = _names_in_files(records)
        aliases = _aliases(index) if any(r.unresolved for r in records) else {}
        records = [_resolve_exchange(record, index, names, aliases, report) for record in records]
        given = [d.lower() for d in customer_domains]
        ours, customer = _remember_domains(account, [d.lower() for d in our_domains], given)
        report.customer_domains_origin = "given" if given else "stored" if customer else "none"
        if not customer:
            customer, report.customer_domains_origin = _choose_customer_domains(records, ours, index)
            ours, customer = _remember_domains(account, [], customer)
        report.our_domains, report.customer_domains = ours, customer
        taken, unlinked = _stored_keys(account)
        fresh: dict[str, tuple[MessageRecord, str]] = {}
        again: dict[str, MessageRecord] = {}  # stored without an interaction: the domains may now allow one
        matched_since: dict[str, MessageRecord] = {}  # linked, with Exchange names: more people may match now
        for record, key, had_exchange in zip(records, keys, exchange, strict=True):
            uid, duplicate = _unique_uid(record, key, taken)
            if duplicate:
                report.duplicates += 1
                if uid in unlinked and uid not in again:
                    again[uid] = record
                else:
                    if had_exchange:
                        matched_since[uid] = record
                    report.skipped["duplicate"] += 1
                continue
            taken[uid] = key
            fresh[uid] = (record, key)
            report.dated_from_line += record.date_from == "from_line"
        report.new = len(fresh)
        users = {email_key(u.email): u for u in get_user_model().objects.exclude(email="")}
        linked = set(
            Interaction.objects.filter(account=account)
            .exclude(source_ref="")
            .values_list("source_ref", flat=True)
        )
        sides = _Sides(index, users, set(ours), set(customer), linked)
        batch = list(fresh.items())
        for start in range(0, len(batch), CHUNK):
            _store(account, deal, batch[start : start + CHUNK], sides, report)
        _link_again(account, deal, again, sides, report)
        _add_matched_people(account, matched_since, sides, report)
        report.withdrawn = _withdraw_cancelled(account, cancelled - set(fresh))
        if dry_run:
            transaction.set_rollback(True)
        else:
            audit_record(action=Action.IMPORT, account=account, user=user, what="mail", new=report.new)
    return report


def _names_in_files(records: list[MessageRecord]) -> dict[str, str]:
    """Display name -> the one SMTP address it is written with in the files (names written with two
    addresses are left out). Only built when some Exchange address needs it."""
    if not any(r.unresolved for r in records):
        return {}
    seen: dict[str, set[str]] = {}
    for record in records:
        for address in record.participants:
            if address.name:
                seen.setdefault(match_name(address.name), set()).add(address.email)
    return {name: next(iter(emails)) for name, emails in seen.items() if len(emails) == 1}


def _aliases(index: PersonIndex) -> dict[str, str]:
    """The local part of each account person's e-mail as an Exchange alias (`zhou.min@…` → `zhoumin`) -> the
    e-mail; aliases two people share are left out."""
    seen: dict[str, set[str]] = {}
    for email in index.by_email:
        local = re.sub(r"[^0-9a-z]", "", email.partition("@")[0].lower())
        if local:
            seen.setdefault(local, set()).add(email)
    return {alias: next(iter(emails)) for alias, emails in seen.items() if len(emails) == 1}


def _resolve_exchange(
    record: MessageRecord,
    index: PersonIndex,
    names: dict[str, str],
    aliases: dict[str, str],
    report: IngestReport,
) -> MessageRecord:
    """Exchange addresses that carry no SMTP address are matched by display name: to a person of the account
    with an e-mail, else to the one address the same name is written with elsewhere in the files, else by the
    mail alias the X.500 DN ends with to the one person whose e-mail has it as local part (`…-fengxue` →
    feng.xue@…: a Chinese colleague written as "Feng Xue"); the others are counted as skipped, never
    suggested."""
    if not record.unresolved:
        return record
    sender, to, cc = record.sender, list(record.to), list(record.cc)
    remaining: list[tuple[str, str]] = []  # still unmatched: a later ingest may match them
    for header, name, alias in record.unresolved:
        person = index.by_name.get(match_name(name))
        email = (
            email_key(person.email) if person is not None and person.email else names.get(match_name(name))
        ) or aliases.get(alias, "")
        if not email:
            report.unmatched_names.add(name)
            remaining.append((header, name, alias))
            continue
        address = Address(email, name)
        if header == "from" and sender is None:
            sender = address
        elif address not in to and address not in cc:
            (cc if header == "cc" else to).append(address)
    return replace(record, sender=sender, to=tuple(to), cc=tuple(cc), unresolved=tuple(remaining))


@dataclass
class _Sides:
    index: PersonIndex
    users: dict
    ours: set[str]
    customer: set[str]
    taken: set[str]  # source_refs of interactions the account already has


def _no_interaction_reason(uid: str, record: MessageRecord, sides: _Sides) -> str:
    """Why an item between our side and the customer (every customer item when our domains are unknown)
    makes no interaction; "" when it makes one."""
    domains = {a.domain for a in record.participants}
    if record.occurred_at is None:
        return "no_date"
    if uid in sides.taken:
        return "linked"
    if not domains & sides.customer:
        return "exchange_unmatched" if record.unresolved else "no_customer"
    if sides.ours and not domains & sides.ours:
        return "internal"
    return ""


def _interaction_for(account, deal, uid: str, record: MessageRecord, sides: _Sides) -> Interaction:  # noqa: ANN001
    kind, source = _kind_and_source(record)
    return Interaction(
        account=account,
        deal=deal,
        occurred_at=record.occurred_at,
        kind=kind,
        summary=record.subject[:2000],
        source=source,
        source_ref=uid,
    )


def _recorded(account, deal, uid: str, record: MessageRecord, sides: _Sides) -> RecordedInteraction:  # noqa: ANN001
    people = {p.pk for p in (sides.index.match(a) for a in record.participants) if p is not None}
    ours = {u.pk for u in (sides.users.get(cached_email_key(a.email)) for a in record.participants) if u}
    interaction = _interaction_for(account, deal, uid, record, sides)
    return RecordedInteraction(interaction, people=people, users=ours)


def _store(
    account, deal, batch: list[tuple[str, tuple[MessageRecord, str]]], sides: _Sides, report: IngestReport
) -> None:  # noqa: ANN001
    """One chunk: interactions with who took part first (through the interactions service, so items
    are written once, already linked), then the items themselves."""
    now = timezone.now()
    planned = []
    keys = {uid: key for uid, (_record, key) in batch}
    for uid, (record, _key) in batch:
        reason = _no_interaction_reason(uid, record, sides)
        if reason:
            report.skipped[reason] += 1
        planned.append((uid, record, None if reason else _recorded(account, deal, uid, record, sides)))
    wanted = [item for _uid, _record, item in planned if item is not None]
    ids = interactions_bulk_record(account=account, items=wanted)
    items = [
        _item_row(account, uid, keys[uid], record, ids[uid] if item is not None else None, now)
        for uid, record, item in planned
    ]
    fast_insert(MailItem, items)  # the intel app's own record of what was read (no history kept)
    report.interactions += len(wanted)
    report.participants += sum(len(item.people) for item in wanted)


def _withdraw_cancelled(account: Account, uids: set[str]) -> int:
    """Meetings ingested before and cancelled since never count as met: their interactions are deleted
    (history keeps them, with the reason) and their items too, so inference forgets them."""
    if not uids:
        return 0
    meetings = Interaction.objects.filter(account=account, source="calendar", source_ref__in=uids)
    withdrawn = 0
    with recorded(reason="meeting cancelled (calendar ingest)"):
        for interaction in meetings:
            interaction_delete(interaction=interaction)
            withdrawn += 1
    MailItem.objects.filter(account=account, kind="meeting", uid__in=uids).delete()
    return withdrawn


def _add_matched_people(
    account: Account, records: dict[str, MessageRecord], sides: _Sides, report: IngestReport
) -> None:
    """Interactions of items read before with Exchange addresses: people matched by name since then join them."""
    if not records:
        return
    links = dict(
        MailItem.objects.filter(
            account=account, uid__in=list(records), interaction__isnull=False
        ).values_list("uid", "interaction_id")
    )
    present = set(
        Participant.objects.filter(interaction_id__in=links.values()).values_list(
            "interaction_id", "person_id"
        )
    )
    for uid, interaction_id in links.items():
        for address in records[uid].participants:
            person = sides.index.match(address)
            if person is not None and (interaction_id, person.pk) not in present:
                participant_add(interaction_id=interaction_id, person=person)
                present.add((interaction_id, person.pk))
                report.participants += 1


_RELINKED = ("sender_email", "sender_name", "recipients")


def _link_again(account, deal, again: dict[str, MessageRecord], sides: _Sides, report: IngestReport) -> None:  # noqa: ANN001
    """Items ingested before without an interaction (e.g. under a wrong customer domain) get one when they
    qualify now."""
    wanted = []
    for uid, record in again.items():
        if reason := _no_interaction_reason(uid, record, sides):
            report.skipped[reason] += 1  # still none, and the reason is said (not just "already ingested")
        else:
            wanted.append(_recorded(account, deal, uid, record, sides))
    ids = interactions_bulk_record(account=account, items=wanted)
    items = list(MailItem.objects.filter(account=account, uid__in=list(ids)))
    now = timezone.now()
    for item in items:  # linked, with the Exchange names matched since then
        row = _item_row(account, item.uid, item.content_key, again[item.uid], ids[item.uid], now)
        for name in ("interaction_id", *_RELINKED):
            setattr(item, name, row[name])
    MailItem.objects.bulk_update(items, ["interaction_id", *_RELINKED], batch_size=BATCH)
    report.interactions += len(wanted)
    report.participants += sum(len(item.people) for item in wanted)
