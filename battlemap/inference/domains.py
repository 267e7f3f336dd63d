"""Whose mail domain is whose, read from the records alone (pure: no Django, no numpy): the customer's
(`customer_domains_for`) and, when nobody said, ours (`mailbox_owner`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from battlemap.io.mail.records import MessageRecord

# An archive is one person's mailbox when one ADDRESS, the owner's, is in at least this share of its messages; its
# domain is ours. A domain alone says nothing: the customer's people write among themselves, so in a customer's own
# archive (a contact's forwarded folder, a shared project mailbox) their domain is in every message too, but no one
# of its addresses is (review h1b #1).
MAILBOX_SHARE = 0.9
MAILBOX_MIN_MESSAGES = 10  # fewer messages (one .eml) have every address in all of them: nothing is read
# ...and at least this share of them is with another domain: a seller's mailbox is mostly mail with customers;
# a person's mailbox of mail inside their own company (a customer's contact's) is not a seller's
MAILBOX_OUTSIDE_SHARE = 0.25


@dataclass(frozen=True, slots=True)
class MailboxOwner:
    """What an archive says of whose mailbox it is (`mailbox_owner`)."""

    address: str = ""  # the one address in nearly every message: the owner's
    domain: str = ""  # its domain, ours: set only when the rule is sure
    # else a domain in nearly every message, not taken as ours: no one address is (a customer's own archive), or
    # `address` is but with little mail outside its domain (a person's mail inside their own company)
    unsure: str = ""


def customer_domains_for(
    records: Iterable[MessageRecord], our_domains: Iterable[str], known_emails: Iterable[str] = ()
) -> tuple[str, ...]:
    """The customer's domains: those of the account's people, else the most common domain not ours."""
    ours = {d.lower() for d in our_domains}
    known = {e.rpartition("@")[2].lower() for e in known_emails if "@" in e} - ours
    if known:
        return tuple(sorted(known))
    counts = Counter(a.domain for r in records for a in r.participants if a.domain and a.domain not in ours)
    return (counts.most_common(1)[0][0],) if counts else ()


def mailbox_owner(records: Iterable[MessageRecord], never: Iterable[str] = ()) -> MailboxOwner:
    """Whose mailbox the archive is, when it is one person's: the one address (not a machine's, its domain not
    in `never`: the customer's, public mail services, relays) present in at least MAILBOX_SHARE of its messages
    and meetings, over at least MAILBOX_MIN_MESSAGES of them, MAILBOX_OUTSIDE_SHARE of them with another domain.
    A seller's own export has the seller in every message, so their domain is ours, not the customer's even though
    it is the commonest (review h4 #1). Otherwise nothing is ours and `unsure` names the domain (not in `never`) in
    MAILBOX_SHARE of the messages, if one is: a customer's own archive has its domain in every message and none of
    its people in nearly all (review h1b #1); an owner with little mail outside their domain may be anyone's."""
    excluded = {d.lower() for d in never}
    addresses: Counter[str] = Counter()
    domains: Counter[str] = Counter()
    outside: Counter[str] = Counter()  # messages where the domain meets another (excluded ones too)
    total = 0
    for record in records:
        if not record.participants:
            continue
        total += 1
        every = {a.domain for a in record.participants if a.domain}
        addresses.update({a.email for a in record.participants if a.domain not in excluded and not a.system})
        domains.update(every - excluded)
        if len(every) > 1:
            outside.update(every - excluded)
    if total < MAILBOX_MIN_MESSAGES:
        return MailboxOwner()
    owners = [e for e, n in addresses.items() if e and n >= MAILBOX_SHARE * total]
    if len(owners) == 1:
        domain = owners[0].rpartition("@")[2]
        if outside[domain] >= MAILBOX_OUTSIDE_SHARE * total:
            return MailboxOwner(address=owners[0], domain=domain)
        return MailboxOwner(address=owners[0], unsure=domain)
    common = [d for d, n in domains.most_common(1) if n >= MAILBOX_SHARE * total]
    return MailboxOwner(unsure=common[0] if common else "")
