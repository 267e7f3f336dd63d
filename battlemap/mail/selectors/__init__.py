"""Reads: stored mail as parser records, address→person matching, suggestions and the JSON they are given
as; the account's inference, cached, is `battlemap.mail.cache.account_inference`; the accept-all batches,
`batches`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, F
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from battlemap.accounts.models import Account
from battlemap.core.messages import named
from battlemap.inference.evidence import Evidence
from battlemap.inference.results import (
    MIN_CANDIDATE,
    Inference,
    ManagerCandidate,
    PersonInference,
    person_json,
)
from battlemap.io.mail.exchange import is_relay
from battlemap.io.mail.records import Address, MessageRecord, Signature, without_broadcast_recipients
from battlemap.io.matching import email_key, emails_differ, match_name
from battlemap.mail.models import MailDomains, MailItem, Suggestion
from battlemap.people.models import Person

from .batches import (  # noqa: F401 - importable from here, as before the split
    BATCH_PREFIX,
    BatchRow,
    accept_all_batch_rows,
    accept_all_batches,
    batch_suggestion_ids,
    is_batch_reason,
)

# archives repeat the same few thousand addresses hundreds of thousands of times
cached_email_key = lru_cache(maxsize=65536)(email_key)
cached_match_name = lru_cache(maxsize=65536)(match_name)


@dataclass
class AccountInference:
    """An account's inference and the account's person each inferred e-mail is (mail.cache.account_inference
    computes and caches it)."""

    account: Account
    inference: Inference
    people: dict[str, Person | None]  # inferred e-mail -> the account's person (None: suggested)

    @property
    def empty(self) -> bool:
        return not self.inference.people


@dataclass
class PersonIndex:
    """Account people by e-mail, then by display name (only names that are unique in the account), both by
    the matching keys of `battlemap.io.text` (`email_key`, `match_name`: NFKC, full-width, spaces, case).
    A name matches only a person without an e-mail: one whose e-mail is another is another person of that name
    (`emails_differ`, the people import's rule) — `namesake` names them."""

    by_email: dict[str, Person]
    by_name: dict[str, Person]
    shared_names: dict[str, int] = field(default_factory=dict)  # name key -> people (2 or more) of that name

    def match(self, address: Address) -> Person | None:
        person = self.by_email.get(cached_email_key(address.email))
        if person is None and address.name:
            person = self.by_name.get(cached_match_name(address.name))
            if person is not None and emails_differ(person.email, address.email):
                return None
        return person

    def namesake(self, address: Address) -> Person | None:
        """The one person on the map named as `address` whose e-mail is another (so not matched to it), or None."""
        if not address.name or self.by_email.get(cached_email_key(address.email)) is not None:
            return None
        person = self.by_name.get(cached_match_name(address.name))
        return person if person is not None and emails_differ(person.email, address.email) else None

    def namesakes(self, name: str) -> int:
        """How many people on the map bear `name` when it is not unique (matched to none of them), else 0."""
        return self.shared_names.get(cached_match_name(name), 0) if name else 0


def person_index(account: Account) -> PersonIndex:
    people = list(Person.objects.filter(account=account))
    by_email = {email_key(p.email): p for p in people if p.email}
    names: dict[str, list[Person]] = {}
    for p in people:
        names.setdefault(match_name(p.name), []).append(p)
    unique = {k: v[0] for k, v in names.items() if len(v) == 1 and k}
    return PersonIndex(by_email, unique, {k: len(v) for k, v in names.items() if len(v) > 1 and k})


def attendee_names(account: Account) -> dict[str, str]:
    """E-mail -> the name (CN) it carries in stored items without a sender (a calendar event without an
    ORGANIZER), which the inference's graph skips, names included: a new-person suggestion for such an
    attendee keeps their name instead of the e-mail's local part. First name seen wins."""
    names: dict[str, str] = {}
    rows = MailItem.objects.filter(account=account, sender_email="").values_list("recipients", flat=True)
    for recipients in rows.iterator():
        for email, name, _header in recipients:
            if name and email not in names:
                names[email] = name
    return names


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


def inferred_json(result: AccountInference, *, language: str = "en") -> dict:
    people = []
    for person in result.inference.people:
        matched = result.people.get(person.email)
        entry = {
            "id": matched.pk if matched else None,
            "suggested": matched is None,
            **person_json(person, language=language),
        }
        if matched is not None:
            entry["name"] = matched.name
        people.append(entry)
    deals = dict(result.account.deals.values_list("pk", "name"))
    suggestions = [suggestion_json(s, language, deals) for s in pending_suggestions(result.account)]
    return {"account": result.account.slug, "people": people, "suggestions": suggestions}


def suggestions_of(
    account: Account, state: str = Suggestion.State.PENDING, min_probability: float | None = None
):
    """The account's suggestions in `state`, most likely first (those without a probability — new people,
    titles — last), then by kind and e-mail: the one order of the page and the API."""
    found = Suggestion.objects.filter(account=account, state=state)
    if min_probability is not None:
        found = found.filter(probability__gte=min_probability)
    return found.order_by(F("probability").desc(nulls_last=True), "kind", "email", "id")


def pending_suggestions(account: Account):
    return suggestions_of(account)


def rejected_lines(account: Account) -> set[tuple[str, str]]:
    """(person's e-mail, manager's e-mail) of every reporting line a user rejected (lower case)."""
    rows = Suggestion.objects.filter(
        account=account, kind=Suggestion.Kind.REPORTS_TO, state=Suggestion.State.REJECTED
    ).values_list("email", "value")
    return {(email.lower(), value.lower()) for email, value in rows}


def shown_candidates(person: PersonInference) -> list[ManagerCandidate]:
    """The manager candidates worth showing: from 1% (`results.MIN_CANDIDATE`) up, most likely first."""
    return [c for c in person.manager_candidates if c.probability >= MIN_CANDIDATE]


def line_evidence(person: PersonInference, language: str = "en") -> list[str]:
    """Why a reporting line is suggested or not, in words (`reports_to_evidence`): "the most senior person
    found: no manager suggested", "…best candidate 61%, 75% needed", "…no candidate, 75% needed"."""
    return [evidence.text(language) for evidence in person.reports_to_evidence]


def suggested_name(account: Account, email: str) -> str:
    """The name a reader knows for an address: the account's person, else a suggested new person's name,
    else the address."""
    person = person_index(account).by_email.get(email_key(email))
    if person is not None:
        return person.name
    suggested = (
        Suggestion.objects.filter(account=account, kind=Suggestion.Kind.PERSON, email__iexact=email)
        .exclude(name="")
        .values_list("name", flat=True)
        .first()
    )
    return suggested or email


def suggestion_words(suggestion: Suggestion, manager: str | None = None) -> SafeString:
    """The change a suggestion proposes as a sentence with names ("孙磊 reports to 李明", "孙磊 汇报给 李明"),
    each name escaped (core.messages.named). `manager`: the manager's name when the caller knows it."""
    name = suggestion.name or suggestion.email
    if suggestion.kind == Suggestion.Kind.REPORTS_TO:
        boss = manager or suggested_name(suggestion.account, suggestion.value)
        return named(gettext("%(name)s reports to %(manager)s"), name=name, manager=boss)
    if suggestion.kind == Suggestion.Kind.DECISION_MAKER:
        deal = suggestion_value_label(suggestion, dict(suggestion.account.deals.values_list("pk", "name")))
        return named(gettext("%(name)s is a decision maker in %(deal)s"), name=name, deal=deal)
    if suggestion.kind == Suggestion.Kind.TITLE:
        return named(gettext("%(name)s's title is %(title)s"), name=name, title=suggestion.value)
    return named(gettext("new person %(name)s"), name=name)


def evidence_lines(suggestion: Suggestion, language: str = "en") -> list[str]:
    stored = (Evidence(e["code"], e.get("params", {})) for e in suggestion.evidence)
    return [e.text(language) for e in stored if e.says_something]  # stored before zero counts were dropped


def suggestion_value_label(suggestion: Suggestion, deal_names: dict[int, str]) -> str:
    """What the suggestion would set, in words: a deal's name for a decision maker, else the value."""
    if suggestion.kind == Suggestion.Kind.DECISION_MAKER and suggestion.value.isdigit():
        return deal_names.get(int(suggestion.value), suggestion.value)
    return suggestion.value


def suggestion_json(
    suggestion: Suggestion, language: str = "en", deal_names: dict[int, str] | None = None
) -> dict:
    """A suggestion for the API and `mail-infer --json`. `value` is what it sets (the title, the manager's
    e-mail, the deal's id); a decision maker's also names the deal: `deal` {"id", "name"} (else null).
    `deal_names` {deal id: name}: the account's deals when the caller has them (one query for a list)."""
    deal = None
    if suggestion.kind == Suggestion.Kind.DECISION_MAKER and suggestion.value.isdigit():
        if deal_names is None:
            deal_names = dict(suggestion.account.deals.values_list("pk", "name"))
        deal = {"id": int(suggestion.value), "name": suggestion_value_label(suggestion, deal_names)}
    return {
        "id": suggestion.pk,
        "kind": suggestion.kind,
        "email": suggestion.email,
        "name": suggestion.name,
        "value": suggestion.value,
        "deal": deal,
        "probability": suggestion.probability,
        "messages": suggestion.message_count,
        "state": suggestion.state,
        "evidence": evidence_lines(suggestion, language),
    }


def display_names(result: AccountInference) -> dict[str, str]:
    """E-mail → the name a reader knows: the map's person, else the name mail shows, else the address."""
    names = {p.email: p.name or p.email for p in result.inference.people}
    for email, person in result.people.items():
        if person is not None:
            names[email] = person.name
    return names


def map_notes(result: AccountInference, suggestions: list[Suggestion]) -> dict[Any, str]:
    """Where the map already holds a different answer than mail suggests: suggestion id (or, for the
    inferred rows, "manager:<email>") → a sentence naming what the map says. Empty when they agree."""
    from django.utils.translation import gettext as _

    from battlemap.deals.models import StakeholderRole

    index = person_index(result.account)
    notes: dict[Any, str] = {}

    def person_of(email: str) -> Person | None:
        return result.people.get(email) or index.by_email.get(email.lower())

    for s in suggestions:
        person = person_of(s.email)
        if s.kind == Suggestion.Kind.PERSON and person is None and index.namesakes(s.name):
            notes[s.pk] = _(
                "The map already has %(count)d people named %(name)s: if this is one of them, add the e-mail "
                "%(email)s to that person instead of accepting."
            ) % {"count": index.namesakes(s.name), "name": s.name, "email": s.email}
        elif (
            s.kind == Suggestion.Kind.PERSON
            and person is None
            and (same := index.namesake(Address(s.email, s.name)))
        ):
            notes[s.pk] = _(
                "The map already has %(name)s with the e-mail %(other)s: if this is the same person, add the e-mail "
                "%(email)s to them instead of accepting."
            ) % {"name": same.name, "other": same.email, "email": s.email}
        elif s.kind == Suggestion.Kind.REPORTS_TO and person is not None and person.reports_to_id:
            manager = person_of(s.value)
            if manager is None or manager.pk != person.reports_to_id:
                notes[s.pk] = _("The map says %(name)s reports to %(manager)s.") % {
                    "name": person.name,
                    "manager": person.reports_to.name,
                }
        elif (
            s.kind == Suggestion.Kind.TITLE
            and person is not None
            and person.title
            and person.title != s.value
        ):
            notes[s.pk] = _("The map has the title %(title)s.") % {"title": person.title}
        elif s.kind == Suggestion.Kind.DECISION_MAKER and s.value.isdigit():
            holders = [
                r.person.name
                for r in StakeholderRole.objects.filter(deal_id=int(s.value)).select_related("person")
                if "decision_maker" in r.roles and (person is None or r.person_id != person.pk)
            ]
            if holders:
                notes[s.pk] = _("The map already names %(names)s as decision maker in this deal.") % {
                    "names": ", ".join(holders)
                }
    for inferred in result.inference.people:
        person = person_of(inferred.email)
        top = inferred.manager_candidates[0] if inferred.manager_candidates else None
        if person is None or top is None or not person.reports_to_id:
            continue
        manager = person_of(top.email)
        if manager is None or manager.pk != person.reports_to_id:
            notes[f"manager:{inferred.email}"] = _("The map says: reports to %(manager)s.") % {
                "manager": person.reports_to.name
            }
    return notes
