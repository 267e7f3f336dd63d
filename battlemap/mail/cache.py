"""The inference of an account, cached: computed once per state of what it reads (the stored mail, the
domains, the people's e-mails and titles), kept in Django's cache, shared by the processes."""

from __future__ import annotations

from hashlib import sha256

from django.core.cache import cache
from django.db.models import Count, Max, Q, Sum

from battlemap.accounts.models import Account
from battlemap.inference.results import Inference
from battlemap.io.mail.records import Address
from battlemap.mail.models import MailItem
from battlemap.mail.selectors import AccountInference
from battlemap.mail.selectors.people import PersonIndex, person_index
from battlemap.mail.selectors.records import mail_domains, mail_records
from battlemap.people.models import Person

INFERENCE_CACHE_VERSION = 8  # bump when the inference's output changes shape or meaning (a code change)
INFERENCE_CACHE_SECONDS = 24 * 3600


def mail_stamp(account: Account) -> tuple:
    """What changes whenever the stored mail of the account does: (items, newest item id, items with a
    signature, the meetings' newest LAST-MODIFIED and their SEQUENCEs summed, when the newest was stored). The
    last one tells apart an ingest rolled back (a killed worker: the inference was cached inside its
    transaction) from a later one that reaches the same count and ids (SQLite reuses ids). An ingest adds items, a
    cancelled meeting removes one, an ingest with bodies gives items stored before their signature, a newer
    version of a meeting updates it in place (its version moves). (Items relinked with Exchange names matched since are matched to a person
    added to the map: the people's e-mails, also in the cache key, change with it.)"""
    stamp = MailItem.objects.filter(account=account).aggregate(
        count=Count("id"),
        newest=Max("id"),
        signed=Count("id", filter=~Q(signature_title="") | ~Q(signature_phone="")),
        revised=Max("revised_at"),
        sequences=Sum("sequence"),
        stored=Max("ingested_at"),
    )
    revised = stamp["revised"].isoformat() if stamp["revised"] else ""
    stored = stamp["stored"].isoformat() if stamp["stored"] else ""
    return stamp["count"], stamp["newest"] or 0, stamp["signed"], revised, stamp["sequences"] or 0, stored


def _customer_people(index: PersonIndex) -> list[Person]:
    """The account's own people: those marked external (a consultant, a partner) are no customer domain."""
    return [p for p in index.by_email.values() if not p.external]


def _map_titles(account: Account, index: PersonIndex) -> dict[str, str]:
    """{address: title} of the people on the map, the inference's known titles: by their e-mail, and for a person
    without one, by the address whose mail is taken for theirs (`PersonIndex.match` on the sender's name: a 董事长
    typed on the map without an e-mail anchors the level of the address he writes from, as the ingest matched it)."""
    titles = {p.email.lower(): p.title for p in index.by_email.values() if p.title}
    if any(p.title for p in index.by_name.values() if not p.email):
        senders = (
            MailItem.objects.filter(account=account)
            .exclude(sender_email="")
            .exclude(sender_name="")
            .values_list("sender_email", "sender_name")
            .distinct()
        )
        for email, name in senders.iterator():
            person = index.match(Address(email, name)) if email not in titles else None
            if person is not None and not person.email and person.title:
                titles[email] = person.title
    return titles


def account_inference(account: Account) -> AccountInference:
    """Infer over everything ingested for the account; people are matched by e-mail, then by name.

    The inference is cached (Django's cache, shared by the processes) under the exact inputs it reads: the
    stored mail (`mail_stamp`), the domains, the e-mails and titles of the account's people. Accepting a
    reporting line or a decision maker, rejecting anything, or editing anything else on the map reuses it;
    a new ingest, a person added or their title changed recomputes it (issue 15: 6–8 s per load at 77,000
    items, every load)."""
    ours, customer = mail_domains(account)
    index = person_index(account)
    known = sorted(p.email.lower() for p in index.by_email.values())
    titles = _map_titles(account, index)
    own = sorted(p.email.lower() for p in _customer_people(index))
    inputs = repr(
        (INFERENCE_CACHE_VERSION, mail_stamp(account), ours, customer, known, own, sorted(titles.items()))
    )
    key = (
        f"mail:inference:{account.pk}:{account.created_at.timestamp()}:{sha256(inputs.encode()).hexdigest()}"
    )
    inference = cache.get(key)
    if inference is None:
        inference = _infer(account, ours, customer, known, own, titles)
        cache.set(key, inference, INFERENCE_CACHE_SECONDS)
    people = {p.email: index.match(Address(p.email, p.name)) for p in inference.people}
    return AccountInference(account, inference, people, index)


def _infer(account, ours, customer, known, own, titles) -> Inference:  # noqa: ANN001
    from battlemap.inference import customer_domains_for, infer  # numpy, scipy and scikit-learn load here

    records = mail_records(account)
    if not customer:  # guessed from the account's own people (not external ones), else the commonest domain
        customer = list(customer_domains_for(records, ours, own))
    return infer(
        records, our_domains=ours, customer_domains=customer, known_emails=known, known_titles=titles
    )
