"""Reads: an account's suggestions from mail, in the one order of the page and the API, in words and as JSON,
and where the map already says otherwise (`map_notes`)."""

from __future__ import annotations

import math
import operator
from collections.abc import Iterable
from functools import reduce
from typing import TYPE_CHECKING, Any

from django.db.models import F, Q
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from battlemap.accounts.models import Account
from battlemap.core.messages import named
from battlemap.core.multilingual import active_language
from battlemap.core.reasons import seen_in_words
from battlemap.inference.evidence import Evidence
from battlemap.io.mail.records import Address
from battlemap.io.matching import email_key
from battlemap.mail.models import Suggestion
from battlemap.people.models import Person
from battlemap.punctuation import join_names

from .people import PersonIndex, latest_sender_names, person_index

if TYPE_CHECKING:
    from . import AccountInference

DECISION_MAKER_MIN_LIKELIHOOD = (
    0.5  # a person is suggested as a decision maker from this likelihood on (even odds)
)


def suggestions_of(
    account: Account, state: str = Suggestion.State.PENDING, min_probability: float | None = None
):
    """The account's suggestions in `state`, most likely first (those without a probability — new people,
    titles — last), then by kind and e-mail: the one order of the page and the API."""
    found = Suggestion.objects.filter(account=account, state=state)
    if min_probability is not None:
        found = found.filter(probability__gte=min_probability)
    return found.order_by(F("probability").desc(nulls_last=True), "kind", "email", "id")


def shown_percent(probability: float) -> int:
    """A probability as the page shows it, a whole percent rounded half up (0.8268 → 83): the one rounding of
    the page and of "accept all from N%", so a line shown at 83% is taken from 83% up (review h4 #3)."""
    return math.floor(probability * 100 + 0.5)


def pending_suggestions(account: Account):
    return suggestions_of(account)


def rejected_lines(account: Account) -> set[tuple[str, str]]:
    """(person's e-mail, manager's e-mail) of every reporting line a user rejected (lower case)."""
    rows = Suggestion.objects.filter(
        account=account, kind=Suggestion.Kind.REPORTS_TO, state=Suggestion.State.REJECTED
    ).values_list("email", "value")
    return {(email.lower(), value.lower()) for email, value in rows}


def person_of_address(account: Account, email: str, index: PersonIndex | None = None) -> Person | None:
    """The person on the map an address of the mail stands for: by e-mail, else by the name that address writes
    under (its latest sender name) as the inference matched it (`PersonIndex.match`: a person on the map without an
    e-mail, named so; a mail trial: the reporting line to such a 王建国 asked to "accept the suggested person
    wang.jianguo@…" first, and no such suggestion existed). None when the address is nobody on the map.
    The sender name is read once per `index` (`learn_addresses` reads many at once)."""
    index = index or person_index(account)
    key = email_key(email)
    person = index.by_email.get(key)
    if person is None:
        if key not in index.sender_names:
            index.sender_names |= latest_sender_names(account, [key])
        name = index.sender_names[key]
        person = index.match(Address(key, name)) if name else None
    return person


def suggested_name(account: Account, email: str, index: PersonIndex | None = None) -> str:
    """The name a reader knows for an address: the account's person (`person_of_address`), else a suggested new
    person's name, else the address."""
    index = index or person_index(account)
    person = person_of_address(account, email, index)
    if person is not None:
        return person.name
    if email.lower() not in index.suggested_names:
        index.suggested_names |= suggested_person_names(account, [email])
    return index.suggested_names[email.lower()] or email


def suggested_person_names(account: Account, emails: Iterable[str]) -> dict[str, str]:
    """Lower-case e-mail -> the name of the new person suggested for it (the first in the suggestions' order;
    "" when none), for every address asked: one query per 200 addresses."""
    asked = sorted({e.lower() for e in emails})
    names = dict.fromkeys(asked, "")
    for start in range(0, len(asked), 200):
        chunk = asked[start : start + 200]
        rows = (
            Suggestion.objects.filter(account=account, kind=Suggestion.Kind.PERSON)
            .filter(reduce(operator.or_, (Q(email__iexact=e) for e in chunk)))
            .exclude(name="")
            .values_list("email", "name")
        )
        for email, name in rows:
            if not names.get(email.lower(), "x"):
                names[email.lower()] = name
    return names


def learn_addresses(account: Account, index: PersonIndex, emails: Iterable[str]) -> None:
    """Read at once what naming these addresses needs (`person_of_address`, `suggested_name`) for those that are
    no person's e-mail, into `index`: two queries for a run that names many (accept-all, the page's batches)."""
    unknown = {e for e in emails if email_key(e) not in index.by_email}
    if new := [e for e in unknown if email_key(e) not in index.sender_names]:
        index.sender_names |= latest_sender_names(account, new)
    nobody = [e for e in unknown if person_of_address(account, e, index) is None]
    if new := [e for e in nobody if e.lower() not in index.suggested_names]:
        index.suggested_names |= suggested_person_names(account, new)


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


def seen_in(suggestion: Suggestion) -> str:
    """What the suggestion was read from, in the active language, as its card heads its evidence: "2 messages,
    1 meeting" (2 封邮件、1 场会议), "1 meeting", "3 messages" (`core.reasons.seen_in_words`, the words its
    history reason says too). A person met only in the calendar read "1 message" above "only seen in 1 meeting"."""
    return seen_in_words(suggestion.message_count, suggestion.meeting_count)


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
        "meetings": suggestion.meeting_count,
        "state": suggestion.state,
        "evidence": evidence_lines(suggestion, language),
    }


def map_notes(result: AccountInference, suggestions: list[Suggestion]) -> dict[Any, str]:
    """Where the map already holds a different answer than mail suggests: suggestion id (or, for the
    inferred rows, "manager:<email>") → a sentence naming what the map says. Empty when they agree."""
    from django.utils.translation import gettext as _

    from battlemap.deals.models import StakeholderRole

    index = result.index or person_index(result.account)
    notes: dict[Any, str] = {}
    known = {p.pk: p for p in (*index.by_email.values(), *index.by_name.values())}
    deal_ids = {
        int(s.value) for s in suggestions if s.kind == Suggestion.Kind.DECISION_MAKER and s.value.isdigit()
    }
    roles_of: dict[int, list[StakeholderRole]] = {}
    for role in StakeholderRole.objects.filter(deal_id__in=deal_ids).select_related("person"):
        roles_of.setdefault(role.deal_id, []).append(role)  # in each deal, the order of the deal's own query

    def person_of(email: str) -> Person | None:
        return result.people.get(email) or index.by_email.get(email.lower())

    def manager_name(person: Person) -> str:
        manager = known.get(person.reports_to_id)  # the index's people, read once
        return (manager or person.reports_to).name

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
                "The map already has %(name)s with the e-mail %(other)s: if this is the same person, reject this "
                "suggestion — a person has one e-mail here, so the mail from %(email)s is not read as theirs (put the "
                "address they use with you on their record)."
            ) % {"name": same.name, "other": same.email, "email": s.email}
        elif s.kind == Suggestion.Kind.REPORTS_TO and person is not None and person.reports_to_id:
            manager = person_of(s.value)
            if manager is None or manager.pk != person.reports_to_id:
                notes[s.pk] = _("The map says %(name)s reports to %(manager)s.") % {
                    "name": person.name,
                    "manager": manager_name(person),
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
                for r in roles_of.get(int(s.value), [])
                if "decision_maker" in r.roles and (person is None or r.person_id != person.pk)
            ]
            if holders:
                notes[s.pk] = _("The map already names %(names)s as decision maker in this deal.") % {
                    "names": join_names(active_language(), holders)
                }
    for inferred in result.inference.people:
        person = person_of(inferred.email)
        top = inferred.manager_candidates[0] if inferred.manager_candidates else None
        if person is None or top is None or not person.reports_to_id:
            continue
        manager = person_of(top.email)
        if manager is None or manager.pk != person.reports_to_id:
            notes[f"manager:{inferred.email}"] = _("The map says: reports to %(manager)s.") % {
                "manager": manager_name(person)
            }
    return notes


def deals_without_proposals(account: Account, result: AccountInference) -> list:
    """The open deals of `account` that no decision-maker suggestion was ever made for while the inference finds
    someone likely to decide (`DECISION_MAKER_MIN_LIKELIHOOD`): deals opened after the last
    mail run, whose suggestions a refresh would make (a mail trial: they never appeared without a new upload)."""
    from battlemap.deals.models import Deal

    likely = any(
        (p.decision_likelihood or 0) >= DECISION_MAKER_MIN_LIKELIHOOD for p in result.inference.people
    )
    if not likely:
        return []
    proposed = set(
        Suggestion.objects.filter(account=account, kind=Suggestion.Kind.DECISION_MAKER).values_list(
            "value", flat=True
        )
    )  # the deal's id as text
    return [
        d
        for d in Deal.objects.filter(account=account, status="open").order_by("pk")
        if str(d.pk) not in proposed
    ]
