"""Reads: stored mail as parser records, address→person matching, and the account's inference."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from battlemap.accounts.models import Account
from battlemap.inference.evidence import Evidence
from battlemap.inference.results import Inference, person_json
from battlemap.io.mail.records import Address, MessageRecord, Signature
from battlemap.io.matching import email_key, match_name
from battlemap.mail.models import MailDomains, MailItem, Suggestion
from battlemap.people.models import Person

# archives repeat the same few thousand addresses hundreds of thousands of times
cached_email_key = lru_cache(maxsize=65536)(email_key)
cached_match_name = lru_cache(maxsize=65536)(match_name)


@dataclass
class PersonIndex:
    """Account people by e-mail, then by display name (only names that are unique in the account), both by
    the matching keys of `battlemap.io.text` (`email_key`, `match_name`: NFKC, full-width, spaces, case)."""

    by_email: dict[str, Person]
    by_name: dict[str, Person]

    def match(self, address: Address) -> Person | None:
        person = self.by_email.get(cached_email_key(address.email))
        if person is None and address.name:
            person = self.by_name.get(cached_match_name(address.name))
        return person


def person_index(account: Account) -> PersonIndex:
    people = list(Person.objects.filter(account=account))
    by_email = {email_key(p.email): p for p in people if p.email}
    names: dict[str, list[Person]] = {}
    for p in people:
        names.setdefault(match_name(p.name), []).append(p)
    return PersonIndex(by_email, {k: v[0] for k, v in names.items() if len(v) == 1 and k})


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


def mail_records(account: Account) -> list[MessageRecord]:
    return [
        item_record(i)
        for i in MailItem.objects.filter(account=account).order_by("occurred_at", "id").iterator()
    ]


@dataclass
class AccountInference:
    account: Account
    inference: Inference
    people: dict[str, Person | None]  # inferred e-mail -> the account's person (None: suggested)

    @property
    def empty(self) -> bool:
        return not self.inference.people


def account_inference(account: Account) -> AccountInference:
    """Infer over everything ingested for the account; people are matched by e-mail, then by name."""
    from battlemap.inference import infer  # numpy, scipy and scikit-learn load here, not with every page

    records = mail_records(account)
    ours, customer = mail_domains(account)
    index = person_index(account)
    known = [p.email for p in index.by_email.values()]
    titles = {p.email.lower(): p.title for p in index.by_email.values() if p.title}  # the map's titles
    inference = infer(
        records, our_domains=ours, customer_domains=customer, known_emails=known, known_titles=titles
    )
    people = {p.email: index.match(Address(p.email, p.name)) for p in inference.people}
    return AccountInference(account, inference, people)


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
    suggestions = [suggestion_json(s, language) for s in pending_suggestions(result.account)]
    return {"account": result.account.slug, "people": people, "suggestions": suggestions}


def pending_suggestions(account: Account):
    return Suggestion.objects.filter(account=account, state=Suggestion.State.PENDING)


def evidence_lines(suggestion: Suggestion, language: str = "en") -> list[str]:
    return [Evidence(e["code"], e.get("params", {})).text(language) for e in suggestion.evidence]


def suggestion_value_label(suggestion: Suggestion, deal_names: dict[int, str]) -> str:
    """What the suggestion would set, in words: a deal's name for a decision maker, else the value."""
    if suggestion.kind == Suggestion.Kind.DECISION_MAKER and suggestion.value.isdigit():
        return deal_names.get(int(suggestion.value), suggestion.value)
    return suggestion.value


def suggestion_json(suggestion: Suggestion, language: str = "en") -> dict:
    return {
        "id": suggestion.pk,
        "kind": suggestion.kind,
        "email": suggestion.email,
        "name": suggestion.name,
        "value": suggestion.value,
        "probability": suggestion.probability,
        "messages": suggestion.message_count,
        "state": suggestion.state,
        "evidence": evidence_lines(suggestion, language),
    }


def batch_suggestion_ids(account, batch: str) -> list[int]:  # noqa: ANN001
    """The suggestions an accept-all batch accepted that are still accepted *by that batch*: their latest
    acceptance carries its name. A batch undone and then partly accepted again by a later batch is not live
    (its lines now belong to the later batch, whose undo takes them back)."""
    ids = set(
        Suggestion.history.filter(
            account_id=account.pk, history_change_reason=batch, state=Suggestion.State.ACCEPTED
        ).values_list("id", flat=True)
    )
    accepted = Suggestion.objects.filter(pk__in=ids, state=Suggestion.State.ACCEPTED).values_list(
        "pk", flat=True
    )
    live = []
    for pk in sorted(accepted):
        latest = (
            Suggestion.history.filter(id=pk, state=Suggestion.State.ACCEPTED)
            .exclude(history_type="-")
            .order_by("-history_date", "-history_id")
            .values_list("history_change_reason", flat=True)
            .first()
        )
        if latest == batch:
            live.append(pk)
    return live


def accept_all_batches(account, limit: int = 5) -> list[str]:  # noqa: ANN001
    """The latest accept-all batches of the account that still have accepted suggestions (newest first)."""
    reasons = (
        Suggestion.history.filter(
            account_id=account.pk, history_change_reason__contains="#", state=Suggestion.State.ACCEPTED
        )
        .order_by("-history_date")
        .values_list("history_change_reason", flat=True)
    )
    found: list[str] = []
    seen: set[str] = set()
    for reason in reasons:
        if reason in seen:
            continue
        seen.add(reason)
        if batch_suggestion_ids(account, reason):
            found.append(reason)
        if len(found) >= limit:
            break
    return found


@dataclass(frozen=True)
class BatchRow:
    """An accept-all batch as the page lists it: when, how many, by whom (said in the viewer's language; the
    batch's own name is the history reason, in the language of whoever accepted)."""

    batch: str
    at: datetime | None
    count: int
    user: str


def accept_all_batch_rows(account, limit: int = 5) -> list[BatchRow]:  # noqa: ANN001
    rows = []
    for batch in accept_all_batches(account, limit=limit):
        decided = list(
            Suggestion.objects.filter(pk__in=batch_suggestion_ids(account, batch))
            .select_related("decided_by")
            .order_by("decided_at")
        )
        first = decided[0] if decided else None
        user = first.decided_by.get_username() if first and first.decided_by else ""
        rows.append(BatchRow(batch, first.decided_at if first else None, len(decided), user))
    return rows


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
        if s.kind == Suggestion.Kind.REPORTS_TO and person is not None and person.reports_to_id:
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
