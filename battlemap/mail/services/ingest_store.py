"""The writes of an ingest: stored items and the interactions they make (through the interactions
services, in bulk), items read before linked again, cancelled meetings withdrawn."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from battlemap.accounts.models import Account
from battlemap.core.bulk import fast_insert
from battlemap.core.history_stamp import recorded
from battlemap.core.reasons import reason as stored_reason
from battlemap.interactions.models import Interaction, Participant
from battlemap.interactions.services import interaction_delete, interaction_update, participant_add
from battlemap.interactions.services.bulk import RecordedInteraction, interactions_bulk_record
from battlemap.io.mail import MessageRecord
from battlemap.io.mail.records import Address
from battlemap.mail.models import MailItem
from battlemap.mail.selectors.people import PersonIndex, cached_email_key
from battlemap.mail.services.ingest_report import IngestReport
from battlemap.vocab import INTERACTION_KINDS

BATCH = 2000


@dataclass
class Sides:
    """Who is who in an ingest: the account's people, our users by e-mail, our and the customer's domains."""

    index: PersonIndex
    users: dict
    ours: set[str]
    customer: set[str]
    taken: set[str]  # source_refs of interactions the account already has


def _no_interaction_reason(uid: str, record: MessageRecord, sides: Sides) -> str:
    """Why an item makes no interaction; "" when it makes one. An interaction with us needs the customer and
    someone of ours — an address of our domains or one of our users: mail among the customer's own people is
    kept for inference only, also when our domains are unknown (then no item has anyone of ours but by user)."""
    domains = {a.domain for a in record.participants} | record.left_out_domains  # a broadcast's too
    if record.occurred_at is None:
        return "no_date"
    if uid in sides.taken:
        return "linked"
    if not domains & sides.customer:
        if record.unresolved:
            return "attendee_unmatched" if record.calendar_event else "exchange_unmatched"
        answered = {a.domain for a in (*record.declined, *record.tentative)}
        return "customer_not_accepted" if answered & sides.customer else "no_customer"
    if not domains & sides.ours and not any(
        cached_email_key(a.email) in sides.users for a in record.participants
    ):
        return "internal"
    return ""


def _kind_and_source(record: MessageRecord) -> tuple[str, str]:
    if record.kind == "meeting":
        return "meeting", "calendar"
    return (record.kind if record.kind in INTERACTION_KINDS.codes else "email"), "mail"


def _interaction_for(account, deal, uid: str, record: MessageRecord, sides: Sides) -> Interaction:  # noqa: ANN001
    kind, source = _kind_and_source(record)
    return Interaction(
        account=account,
        deal=deal,
        occurred_at=record.occurred_at,
        kind=kind,
        summary=record.subject[:2000],
        source=source,
        source_ref=uid,
        all_day=record.all_day,
    )


def _recorded(account, deal, uid: str, record: MessageRecord, sides: Sides) -> RecordedInteraction:  # noqa: ANN001
    people = {p.pk for p in (sides.index.match(a) for a in record.participants) if p is not None}
    ours = {u.pk for u in (sides.users.get(cached_email_key(a.email)) for a in record.participants) if u}
    interaction = _interaction_for(account, deal, uid, record, sides)
    return RecordedInteraction(interaction, people=people, users=ours)


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
        sequence=record.sequence,
        revised_at=record.revised_at,
    )


def store_chunk(
    account, deal, batch: list[tuple[str, tuple[MessageRecord, str]]], sides: Sides, report: IngestReport
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


def withdraw_cancelled(account: Account, uids: set[str], *, reason: str = "cancelled") -> int:
    """Meetings ingested before and cancelled, or taken out of their recurring series, since never count as met:
    their interactions are deleted (history keeps them, with the `reason`, a code of `core.reasons`: "cancelled",
    "out_of_series") and their items too, so inference forgets them. Returns how many interactions went."""
    if not uids:
        return 0
    meetings = Interaction.objects.filter(account=account, source="calendar", source_ref__in=uids)
    withdrawn = 0
    with recorded(reason=stored_reason(reason)):
        for interaction in meetings:
            interaction_delete(interaction=interaction)
            withdrawn += 1
    MailItem.objects.filter(account=account, kind="meeting", uid__in=uids).delete()
    return withdrawn


_REVISED = ("occurred_at", "sender_email", "sender_name", "recipients", "subject")
_VERSION = ("sequence", "revised_at")


def update_meetings(account: Account, records: dict[str, MessageRecord], sides: Sides) -> set[str]:
    """Meetings ingested before and read again changed (an attendee declined or was added, a new time or
    title: a calendar exports the same UID with a higher SEQUENCE): the stored item takes the new reading
    and its interaction the new time, title and attendees — people matched by an attendee of the old
    reading who no longer attends (declined, tentative, removed) leave it; people added by hand stay.
    Returns the uids of the meetings that changed; one read again unchanged is left alone, but for its version
    (an older version never comes here: the ingest skips it)."""
    changed: set[str] = set()
    items = MailItem.objects.filter(account=account, kind="meeting", uid__in=list(records)).select_related(
        "interaction"
    )
    now = timezone.now()
    for item in items:
        record = records[item.uid]
        row = _item_row(account, item.uid, item.content_key, record, item.interaction_id, now)
        same = all(row[name] == getattr(item, name) for name in _REVISED)
        fields = [name for name in (*_REVISED, *_VERSION) if row[name] != getattr(item, name)]
        if not fields:
            continue
        before = _attending(item)
        for name in fields:
            setattr(item, name, row[name])
        item.save(update_fields=fields)
        if same:  # only its version is newer
            continue
        changed.add(item.uid)
        if item.interaction is not None:
            _revise_interaction(item.interaction, before, record, sides)
    return changed


def _attending(item: MailItem) -> list[Address]:
    """Who attended by the stored reading of a meeting: the organiser and the attendees who did not decline."""
    sender = [Address(email=item.sender_email, name=item.sender_name)] if item.sender_email else []
    return sender + [Address(email=e, name=n) for e, n, header in item.recipients if header in ("to", "cc")]


def _revise_interaction(
    interaction: Interaction, before: list[Address], record: MessageRecord, sides: Sides
) -> None:
    def matched(addresses) -> set:  # noqa: ANN001
        return {p for p in (sides.index.match(a) for a in addresses) if p is not None}

    def users(addresses) -> set:  # noqa: ANN001
        return {u for u in (sides.users.get(cached_email_key(a.email)) for a in addresses) if u}

    now_attending = matched(record.participants)
    gone = {p.pk for p in matched(before) - now_attending}
    kept = [p.person for p in interaction.participants.select_related("person") if p.person_id not in gone]
    gone_users = {u.pk for u in users(before) - users(record.participants)}
    ours = [
        o.user for o in interaction.our_participants.select_related("user") if o.user_id not in gone_users
    ]
    interaction_update(
        interaction=interaction,
        version=interaction.version,
        participants={p.pk: p for p in [*kept, *now_attending]}.values(),
        our_participants={u.pk: u for u in [*ours, *users(record.participants)]}.values(),
        occurred_at=record.occurred_at or interaction.occurred_at,
        # an all-day event given a time (or a meeting made all day) follows its newer version
        all_day=record.all_day if record.occurred_at else interaction.all_day,
        summary=record.subject[:2000],
    )


def add_matched_people(
    account: Account, records: dict[str, MessageRecord], sides: Sides, report: IngestReport
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


def link_again(account, deal, again: dict[str, MessageRecord], sides: Sides, report: IngestReport) -> None:  # noqa: ANN001
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


def add_signatures(account: Account, records: dict[str, MessageRecord]) -> int:
    """Items ingested before without a signature (headers only) take the one read from their body now, so an
    ingest with bodies after a headers-only one still brings the titles; items that have one keep it (a
    third ingest changes nothing). Returns how many items took one."""
    uids = list(records)
    added = 0
    for start in range(0, len(uids), BATCH):  # a whole archive again: bounded queries
        items = list(
            MailItem.objects.filter(
                account=account, uid__in=uids[start : start + BATCH], signature_title="", signature_phone=""
            ).only("pk", "uid")
        )
        for item in items:
            signature = records[item.uid].signature
            item.signature_title = signature.title[:200]
            item.signature_phone = signature.phone[:60]
        MailItem.objects.bulk_update(items, ["signature_title", "signature_phone"], batch_size=BATCH)
        added += len(items)
    return added
