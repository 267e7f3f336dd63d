"""Whose mail domain is whose, read from the records alone (pure: no Django, no numpy): the customer's
(`customer_domains_for`) and, when nobody said, ours (`mailbox_domain`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from battlemap.io.mail.records import MessageRecord

# An archive is one person's mailbox when one domain is in at least this share of its messages: the owner's
# own, ours. The customer's people write among themselves too, so their domain falls short of it.
MAILBOX_SHARE = 0.9
MAILBOX_MIN_MESSAGES = 10  # fewer messages (one .eml) have every domain in all of them: nothing is read
# ...and at least this share of them is with another domain: a seller's mailbox is mostly mail with customers;
# a company's own archive (all mail inside one domain, a little with suppliers) is not one
MAILBOX_OUTSIDE_SHARE = 0.25


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


def mailbox_domain(records: Iterable[MessageRecord], never: Iterable[str] = ()) -> str:
    """The domain of the mailbox's owner when the archive is one person's mailbox: the one domain (not in
    `never`: the customer's, public mail services, relays) present in at least MAILBOX_SHARE of its messages
    and meetings, over at least MAILBOX_MIN_MESSAGES of them, MAILBOX_OUTSIDE_SHARE of them with another domain;
    "" when none or several are. A seller's own
    export has them in every message, so the commonest domain is ours, not the customer's (review h4 #1)."""
    excluded = {d.lower() for d in never}
    present: Counter[str] = Counter()
    outside: Counter[str] = Counter()  # messages where the domain meets another (excluded ones too)
    total = 0
    for record in records:
        every = {a.domain for a in record.participants if a.domain}
        domains = every - excluded
        if record.participants:
            total += 1
            present.update(domains)
            if len(every) > 1:
                outside.update(domains)
    if total < MAILBOX_MIN_MESSAGES:
        return ""
    owners = [
        d
        for d, n in present.items()
        if n >= MAILBOX_SHARE * total and outside[d] >= MAILBOX_OUTSIDE_SHARE * total
    ]
    return owners[0] if len(owners) == 1 else ""
