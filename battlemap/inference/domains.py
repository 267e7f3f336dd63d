"""Whose mail domain is whose, read from the records alone (pure: no Django, no numpy): the customer's
(`customer_domains_for`) and, when nobody said, ours (`mailbox_owner`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from battlemap.io.mail.exchange import is_relay
from battlemap.io.mail.records import MessageRecord

# An archive is one person's mailbox when one ADDRESS, the owner's, is in at least this share of its messages; its
# domain is ours. A domain alone says nothing while the customer's is unknown: the customer's people write among
# themselves, so in a customer's own archive (a contact's forwarded folder, a shared project mailbox) their domain is
# in every message too, but no one of its addresses is (review h1b #1).
MAILBOX_SHARE = 0.9
MAILBOX_MIN_MESSAGES = 10  # fewer messages (one .eml) have every address in all of them: nothing is read
# ...and at least this share of them is with another domain: a seller's mailbox is mostly mail with customers;
# a person's mailbox of mail inside their own company (a customer's contact's) is not a seller's
MAILBOX_OUTSIDE_SHARE = 0.25
# A seller's mailbox where no one address is in nearly every message: the seller writes from two aliases, or a team
# address of ours is on copy of every message as well (review h2c #2). Addresses of one domain each in at least
# MAILBOX_ALIAS_SHARE of the messages and together in MAILBOX_SHARE make it the owner's domain, when more than
# MAILBOX_ALIASES_OUTSIDE_SHARE of the messages have that domain with another (a customer's own archive is mostly
# mail among its people) and no other domain's addresses do the same.
MAILBOX_ALIAS_SHARE = 0.25
MAILBOX_ALIASES_OUTSIDE_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class MailboxOwner:
    """What an archive says of whose mailbox it is (`mailbox_owner`)."""

    address: str = ""  # the one address in nearly every message: the owner's
    domain: str = ""  # ours: set only when the rule is sure
    # else a domain in nearly every message, not taken as ours: no one address is (a customer's own archive), or
    # `address` is but with little mail outside its domain (a person's mail inside their own company)
    unsure: str = ""
    # how `domain` was read when no one address is the owner: "domain", the one domain other than the customer's
    # (known) in nearly every message; "aliases", the domain's `addresses` together in nearly every message
    rule: str = ""
    addresses: tuple[str, ...] = ()  # then the domain's addresses, commonest first (then by address)


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


def mailbox_owner(
    records: Iterable[MessageRecord], never: Iterable[str] = (), customer: Iterable[str] = ()
) -> MailboxOwner:
    """Whose mailbox the archive is, when it says: addresses of machines, relays and the domains in `never` (public
    mail services) or `customer` (the customer's, known: given, remembered or the account's people's) are never
    the owner's. Over at least MAILBOX_MIN_MESSAGES messages and meetings, the owner is

    - the one address in at least MAILBOX_SHARE of them, MAILBOX_OUTSIDE_SHARE of them with another domain: a
      seller's own export has the seller in every message, so their domain is ours, not the customer's even though
      it is the commonest (review h4 #1);
    - else, with `customer` known, the one other domain in MAILBOX_SHARE of them, MAILBOX_OUTSIDE_SHARE with
      another domain (`rule` "domain": a team address of ours on copy of every message, a seller writing from two
      aliases; review h2c #2);
    - else, with `customer` unknown, the one domain whose addresses each in MAILBOX_ALIAS_SHARE of them are
      together in MAILBOX_SHARE, more than MAILBOX_ALIASES_OUTSIDE_SHARE with another domain (`rule` "aliases").

    Otherwise nothing is ours and `unsure` names the domain in MAILBOX_SHARE of the messages, if one is: a
    customer's own archive has its domain in every message, none of its people in nearly all and little mail
    outside (review h1b #1); an owner with little mail outside their domain may be anyone's."""
    theirs = {d.lower() for d in customer}
    excluded = {d.lower() for d in never} | theirs
    seen: list[set[str]] = []  # each message's addresses that may be the owner's
    addresses: Counter[str] = Counter()
    domains: Counter[str] = Counter()
    outside: Counter[str] = Counter()  # messages where the domain meets another (excluded ones too)
    for record in records:
        if not record.participants:
            continue
        every = {a.domain for a in record.participants if a.domain}
        seen.append(
            {a.email for a in record.participants if a.domain not in excluded and a.email and not a.system}
        )
        addresses.update(seen[-1])
        domains.update(every - excluded)
        if len(every) > 1:
            outside.update(every - excluded)
    total = len(seen)
    if total < MAILBOX_MIN_MESSAGES:
        return MailboxOwner()
    owners = [e for e, n in addresses.items() if n >= MAILBOX_SHARE * total]
    if len(owners) == 1:
        domain = owners[0].rpartition("@")[2]
        if outside[domain] >= MAILBOX_OUTSIDE_SHARE * total:
            return MailboxOwner(address=owners[0], domain=domain)
        return MailboxOwner(address=owners[0], unsure=domain)
    common = [d for d, n in domains.most_common() if n >= MAILBOX_SHARE * total and not is_relay(d)]
    if theirs:
        if len(common) == 1 and outside[common[0]] >= MAILBOX_OUTSIDE_SHARE * total:
            return _owned(common[0], "domain", addresses)
    elif len(aliased := _aliased_domains(seen, addresses, outside)) == 1:
        return _owned(aliased[0], "aliases", addresses)
    return MailboxOwner(unsure=common[0] if common else "")


def _aliased_domains(seen: list[set[str]], addresses: Counter[str], outside: Counter[str]) -> list[str]:
    """The domains whose addresses each in MAILBOX_ALIAS_SHARE of the messages are together in MAILBOX_SHARE of
    them, with another domain in more than MAILBOX_ALIASES_OUTSIDE_SHARE."""
    total = len(seen)
    frequent: dict[str, set[str]] = {}
    for email, n in addresses.items():
        if n >= MAILBOX_ALIAS_SHARE * total:
            frequent.setdefault(email.rpartition("@")[2], set()).add(email)
    return [
        domain
        for domain, emails in sorted(frequent.items())
        if not is_relay(domain)
        and outside[domain] > MAILBOX_ALIASES_OUTSIDE_SHARE * total
        and sum(1 for message in seen if message & emails) >= MAILBOX_SHARE * total
    ]


def _owned(domain: str, rule: str, addresses: Counter[str]) -> MailboxOwner:
    at = sorted((e for e in addresses if e.rpartition("@")[2] == domain), key=lambda e: (-addresses[e], e))
    return MailboxOwner(domain=domain, rule=rule, addresses=tuple(at))
