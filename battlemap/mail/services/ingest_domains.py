"""Which mail domains are ours and which the customer's, for an ingest: remembered per account, chosen from
the files when none are known."""

from __future__ import annotations

from battlemap.accounts.models import Account
from battlemap.inference.domains import MailboxOwner, mailbox_owner
from battlemap.io.mail import MessageRecord
from battlemap.io.mail.exchange import is_relay
from battlemap.mail.models import MailDomains
from battlemap.mail.selectors.people import PersonIndex
from battlemap.mail.selectors.records import PUBLIC_MAIL


def remember_domains(account: Account, ours: list[str], customer: list[str]) -> tuple[list[str], list[str]]:
    """Our domains add up over runs; customer domains given replace those remembered (so a wrong choice
    can be corrected)."""
    stored, _created = MailDomains.objects.get_or_create(account=account)
    if ours:
        stored.ours = sorted({*stored.ours, *ours})
    if customer:
        stored.customer = sorted(set(customer))
    stored.save()
    return list(stored.ours), list(stored.customer)


def choose_customer_domains(
    records: list[MessageRecord], ours: list[str], index: PersonIndex
) -> tuple[list[str], str]:
    """The customer's domains when none were given or remembered, and how they were chosen: those of the
    account's people not marked external, else the commonest domain not ours. A relay host
    (`*.outlook.com`, `*.exchangelabs.com`) is never one."""
    from battlemap.inference.domains import customer_domains_for

    own = [
        e for e, person in index.by_email.items() if not person.external
    ]  # a consultant's firm is not the customer
    known = {e.rpartition("@")[2] for e in own if "@" in e}
    chosen = [
        d
        for d in customer_domains_for((r for r in records if r.status != "cancelled"), ours, own)
        if not is_relay(d)
    ]
    if not chosen:
        return [], "none"
    return chosen, "people" if set(chosen) <= known else "common"


def choose_our_domain(records: list[MessageRecord], customer: list[str], index: PersonIndex) -> MailboxOwner:
    """Our domain when none was given, remembered or is the user's own: that of the mailbox's owner
    (`inference.domains.mailbox_owner`: the one address in nearly every message of the archive; else, the
    customer's domains known — `customer`, given or remembered, or those of the account's people not marked
    external —, the one other domain in nearly every message), never the customer's, a public mail service or a
    relay. Its `domain` is "" when the archive does not say (a few messages, a customer's own archive, a shared
    mailbox): then nothing may be taken or remembered as ours; `unsure` names the domain in nearly every message."""
    people = {e.rpartition("@")[2] for e, person in index.by_email.items() if not person.external}
    owner = mailbox_owner(
        (r for r in records if r.status != "cancelled"), never=PUBLIC_MAIL, customer={*customer, *people}
    )
    if is_relay(owner.domain) or is_relay(owner.unsure):
        return MailboxOwner()
    return owner
