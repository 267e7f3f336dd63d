"""Reads: the stored mail of an account as parser records (`mail_records`), its mail domains (ours and the
customer's), how many items were ingested."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count

from battlemap.accounts.models import Account
from battlemap.io.mail.exchange import is_relay
from battlemap.io.mail.records import Address, MessageRecord, Signature, without_broadcast_recipients
from battlemap.mail.models import MailDomains, MailItem

from .people import cached_email_key

# Public mail services: a seller writing from one of them does not make everyone there "ours".
PUBLIC_MAIL = frozenset(
    {
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com",
        "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com", "qq.com", "foxmail.com", "163.com",
        "126.com", "yeah.net", "sina.com", "sina.cn", "sohu.com", "139.com", "189.cn", "aliyun.com",
    }
)  # fmt: skip


def user_domain(user, customer: list[str] | tuple[str, ...] = ()) -> str:  # noqa: ANN001
    """The domain of the uploading user's own e-mail, when it can stand for our side: not the customer's,
    not a public mail service, not a relay ("" otherwise)."""
    domain = (getattr(user, "email", "") or "").rpartition("@")[2].strip().lower()
    if not domain or domain in customer or domain in PUBLIC_MAIL or is_relay(domain):
        return ""
    return domain


def our_domains_of(account: Account, user) -> list[str]:  # noqa: ANN001
    """Our side's mail domains for this account: those remembered (given at an ingest), and the user's own."""
    ours, customer = mail_domains(account)
    mine = user_domain(user, customer)
    return sorted({*ours, mine} - {""})


def ingested_counts(account: Account) -> tuple[int, int]:
    """(messages, meetings) stored for the account: every item ingested, whoever sent it. Messages are
    e-mails and activity-log rows (calls); meetings come from calendars."""
    rows = dict(
        MailItem.objects.filter(account=account).order_by().values_list("kind").annotate(n=Count("id"))
    )
    meetings = rows.pop("meeting", 0)
    return sum(rows.values()), meetings


def mail_domains(account: Account) -> tuple[list[str], list[str]]:
    stored = MailDomains.objects.filter(account=account).first()
    return (list(stored.ours), list(stored.customer)) if stored else ([], [])


def item_record(item: MailItem) -> MessageRecord:
    to = tuple(Address(e, n) for e, n, field in item.recipients if field == "to")
    cc = tuple(Address(e, n) for e, n, field in item.recipients if field == "cc")
    declined = tuple(Address(e, n) for e, n, field in item.recipients if field == "declined")
    tentative = tuple(Address(e, n) for e, n, field in item.recipients if field == "tentative")
    signature = (
        Signature(item.sender_email, item.signature_title, item.signature_phone)
        if item.signature_title or item.signature_phone
        else None
    )
    return MessageRecord(
        uid=item.uid,
        kind=item.kind,
        occurred_at=item.occurred_at,
        sender=Address(item.sender_email, item.sender_name) if item.sender_email else None,
        to=to,
        cc=cc,
        declined=declined,
        tentative=tentative,
        subject=item.subject,
        in_reply_to=item.in_reply_to,
        source=item.source,
        signature=signature,
    )


def broadcast_bound(
    ours: Iterable[str], user_emails: Iterable[str]
) -> Callable[[MessageRecord], MessageRecord]:
    """The one reading of a broadcast (`without_broadcast_recipients`, MAIL_BROADCAST_ADDRESSES): it keeps its
    sender and our side — addresses of `ours` (domains) or of our users (`user_emails`, keys of `email_key`)."""
    domains, users = set(ours), set(user_emails)
    limit = settings.MAIL_BROADCAST_ADDRESSES

    def bound(record: MessageRecord) -> MessageRecord:
        return without_broadcast_recipients(
            record, limit, lambda a: a.domain in domains or cached_email_key(a.email) in users
        )

    return bound


def mail_records(account: Account) -> list[MessageRecord]:
    """The stored mail as records, oldest first. A broadcast stored in full before broadcasts were bounded
    is read as one now (its sender and our side), so the inference over it stays linear."""
    users = (
        cached_email_key(e)
        for e in get_user_model().objects.exclude(email="").values_list("email", flat=True)
    )
    bound = broadcast_bound(mail_domains(account)[0], users)
    return [
        bound(item_record(i))
        for i in MailItem.objects.filter(account=account).order_by("occurred_at", "id").iterator()
    ]
