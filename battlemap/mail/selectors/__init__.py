"""Reads of mail: the account's inference as JSON and names (here); the people by mail keys, `people`; stored
mail as parser records, `records`; suggestions, `suggestions`; accept-all batches, `batches`. The account's
inference, cached, is `battlemap.mail.cache.account_inference`."""

from __future__ import annotations

from dataclasses import dataclass, field

from battlemap.accounts.models import Account
from battlemap.inference.results import (
    MIN_CANDIDATE,
    Inference,
    ManagerCandidate,
    PersonInference,
    person_json,
)
from battlemap.people.models import Person

from .people import PersonIndex
from .suggestions import pending_suggestions, suggested_person_names, suggestion_json


@dataclass
class AccountInference:
    """An account's inference and the account's person each inferred e-mail is (mail.cache.account_inference
    computes and caches it)."""

    account: Account
    inference: Inference
    people: dict[str, Person | None]  # inferred e-mail -> the account's person (None: suggested)
    # the account's people as read for it: the request's one index (`map_notes`, the page's batches)
    index: PersonIndex | None = field(default=None, repr=False)

    @property
    def empty(self) -> bool:
        return not self.inference.people


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


def shown_candidates(person: PersonInference) -> list[ManagerCandidate]:
    """The manager candidates worth showing: from 1% (`results.MIN_CANDIDATE`) up, most likely first."""
    return [c for c in person.manager_candidates if c.probability >= MIN_CANDIDATE]


def line_evidence(person: PersonInference, language: str = "en") -> list[str]:
    """Why a reporting line is suggested or not, in words (`reports_to_evidence`): "the most senior person
    found: no manager suggested", "…best candidate 61%, 75% needed", "…no candidate, 75% needed"."""
    return [evidence.text(language) for evidence in person.reports_to_evidence]


def display_names(result: AccountInference) -> dict[str, str]:
    """E-mail → the name a reader knows: the map's person, else the name mail shows, else the name their new-person
    suggestion gives (the address's local part when mail shows none: the name accepting writes), else the
    address — so one page names a person alike in the table, the lines and the suggestion's card."""
    unnamed = [p.email for p in result.inference.people if not p.name and result.people.get(p.email) is None]
    suggested = suggested_person_names(result.account, unnamed) if unnamed else {}
    names = {p.email: p.name or suggested.get(p.email.lower()) or p.email for p in result.inference.people}
    for email, person in result.people.items():
        if person is not None:
            names[email] = person.name
    return names
