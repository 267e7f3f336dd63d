"""`mail_ingest`: archives → stored mail items → interactions with participants, all or nothing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from battlemap.accounts.models import Account
from battlemap.core.bulk import fast_insert
from battlemap.deals.models import Deal
from battlemap.interactions.models import Interaction
from battlemap.interactions.services import RecordedInteraction, interactions_bulk_record
from battlemap.io.mail import BadFile, MessageRecord, parse_paths
from battlemap.mail.models import MailDomains, MailItem
from battlemap.mail.selectors import PersonIndex, person_index

BATCH = 2000
CHUNK = 20000  # records handled at a time, to bound memory


class IngestError(Exception):
    """Nothing was written; `bad_files` says which files and why."""

    def __init__(self, message: str, bad_files: Iterable[BadFile] = ()):
        super().__init__(message)
        self.bad_files = list(bad_files)


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
    our_domains: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = (
            _(
                "%(read)d items read: %(new)d new, %(duplicates)d already ingested; "
                "%(interactions)d interactions with %(participants)d participants created."
            )
            % self.__dict__
        )
        if self.bad_files:
            text += " " + _("Skipped: %(files)s.") % {
                "files": "; ".join(f"{Path(b.path).name} ({b.reason})" for b in self.bad_files)
            }
        return text


def _bad_files_message(bad_files: list[BadFile]) -> str:
    listed = "; ".join(f"{b.path}: {b.reason}" for b in bad_files)
    return _("Unreadable files, nothing was ingested (use --skip-bad to ingest the rest): %(files)s") % {
        "files": listed
    }


def _remember_domains(account: Account, ours: list[str], customer: list[str]) -> tuple[list[str], list[str]]:
    stored, _created = MailDomains.objects.get_or_create(account=account)
    if ours:
        stored.ours = sorted({*stored.ours, *ours})
    if customer:
        stored.customer = sorted({*stored.customer, *customer})
    stored.save()
    return list(stored.ours), list(stored.customer)


def _item_row(account: Account, uid: str, record: MessageRecord, interaction_id: int | None, now) -> dict:  # noqa: ANN001
    recipients = [[a.email, a.name, "to"] for a in record.to] + [[a.email, a.name, "cc"] for a in record.cc]
    return dict(
        account_id=account.pk,
        interaction_id=interaction_id,
        ingested_at=now,
        uid=uid,
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
) -> IngestReport:
    """Read the archives and store what is new. A bad file aborts everything unless `skip_bad`.
    `date_order` ("dmy" / "mdy") reads CSV dates like 03/11/2026 that the file itself does not settle."""
    if deal is not None and deal.account_id != account.pk:
        raise IngestError(_("Deal %(deal)s belongs to another account.") % {"deal": deal.pk})
    parsed = parse_paths(list(paths), bodies=bodies, date_order=date_order)
    if parsed.bad_files and not skip_bad:
        raise IngestError(_bad_files_message(parsed.bad_files), parsed.bad_files)
    report = IngestReport(read=len(parsed.records), bad_files=parsed.bad_files)
    records = []
    for record in parsed.records:
        if since and record.occurred_at and record.occurred_at.date() < since:
            report.older_than_since += 1
        else:
            records.append(record)
    with transaction.atomic():
        index = person_index(account)
        ours, customer = [d.lower() for d in our_domains], [d.lower() for d in customer_domains]
        ours, customer = _remember_domains(account, ours, customer)
        if not customer:
            from battlemap.inference import customer_domains_for  # loads numpy/scipy: only when ingesting

            customer = list(customer_domains_for(records, ours, index.by_email))
        report.our_domains, report.customer_domains = ours, customer
        known = set(MailItem.objects.filter(account=account).values_list("uid", flat=True))
        fresh: dict[str, MessageRecord] = {}
        for record in records:
            uid = record.uid[:500]
            if uid in known or uid in fresh:
                report.duplicates += 1
            else:
                fresh[uid] = record
        report.new = len(fresh)
        users = {u.email.lower(): u for u in get_user_model().objects.exclude(email="")}
        taken = set(
            Interaction.objects.filter(account=account)
            .exclude(source_ref="")
            .values_list("source_ref", flat=True)
        )
        sides = _Sides(index, users, set(ours), set(customer), taken)
        batch = list(fresh.items())
        for start in range(0, len(batch), CHUNK):
            _store(account, deal, batch[start : start + CHUNK], sides, report)
    return report


@dataclass
class _Sides:
    index: PersonIndex
    users: dict
    ours: set[str]
    customer: set[str]
    taken: set[str]  # source_refs of interactions the account already has


def _interaction_for(account, deal, uid: str, record: MessageRecord, sides: _Sides) -> Interaction | None:  # noqa: ANN001
    """An interaction for an item between our side and the customer (every customer item when our domains
    are unknown)."""
    domains = {a.domain for a in record.participants}
    if record.occurred_at is None or uid in sides.taken or not domains & sides.customer:
        return None
    if sides.ours and not domains & sides.ours:
        return None
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


def _store(
    account, deal, batch: list[tuple[str, MessageRecord]], sides: _Sides, report: IngestReport
) -> None:  # noqa: ANN001
    """One chunk: interactions with who took part first (through the interactions service, so items
    are written once, already linked), then the items themselves."""
    now = timezone.now()
    planned = []
    for uid, record in batch:
        interaction = _interaction_for(account, deal, uid, record, sides)
        if interaction is None:
            planned.append((uid, record, None))
            continue
        people = {p.pk for p in (sides.index.match(a) for a in record.participants) if p is not None}
        ours = {u.pk for u in (sides.users.get(a.email) for a in record.participants) if u is not None}
        planned.append((uid, record, RecordedInteraction(interaction, people=people, users=ours)))
    wanted = [item for _uid, _record, item in planned if item is not None]
    ids = interactions_bulk_record(account=account, items=wanted)
    items = [
        _item_row(account, uid, record, ids[uid] if item is not None else None, now)
        for uid, record, item in planned
    ]
    fast_insert(MailItem, items)  # the intel app's own record of what was read (no history kept)
    report.interactions += len(wanted)
    report.participants += sum(len(item.people) for item in wanted)
