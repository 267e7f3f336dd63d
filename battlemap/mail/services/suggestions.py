"""Suggestions from inference: created pending, applied to the map only when a person accepts them (one by
one here; all above a probability and their undo: `mail.services.batches`)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from battlemap.core.errors import validation_message
from battlemap.core.history_stamp import recorded, stamped
from battlemap.core.reasons import reason as stored_reason
from battlemap.deals.models import Deal, StakeholderRole
from battlemap.deals.services import stakeholder_role_create, stakeholder_role_update
from battlemap.interactions.services import participant_add
from battlemap.io.mail.records import Address
from battlemap.io.names import display_name
from battlemap.mail.models import MailItem, Suggestion
from battlemap.mail.selectors import AccountInference
from battlemap.mail.selectors.people import PersonIndex, attendee_names, person_index
from battlemap.mail.selectors.records import mail_domains
from battlemap.mail.selectors.suggestions import (
    DECISION_MAKER_MIN_LIKELIHOOD,
    person_of_address,
    suggested_name,
)
from battlemap.mail.services.reopened import at_our_domain, reopen_deleted
from battlemap.people.models import Person
from battlemap.people.services import person_create, person_update

BATCH_KINDS = (Suggestion.Kind.REPORTS_TO, Suggestion.Kind.DECISION_MAKER)


class SuggestionError(Exception):
    """The suggestion cannot be applied; the message says why."""


def _display_name(email: str, name: str) -> str:
    """The name a new person is suggested with: the display name read as a name (`names.display_name`: an
    address, a Notes path or a department in brackets is none of it), else the address's local part."""
    return display_name(name) or email.partition("@")[0]


class Created(list):
    """The suggestions a refresh created (a list), and `people_left_out`: how many new people it did not
    suggest past MAIL_NEW_PEOPLE_PER_RUN."""

    people_left_out: int = 0


def suggestions_refresh(*, result: AccountInference) -> Created:
    """Create the pending suggestions this inference supports; earlier decisions are kept as they are.
    A pending suggestion of any kind takes the current probability, evidence and counts of messages and
    meetings (a new person's "only seen in 1 meeting" once the inference says so, not the sentence it was made
    with). Pending reporting lines and decision makers follow the inference: one it no longer makes (a line now
    below the threshold, to another manager, or for a person who has a manager now) is withdrawn, so neither the
    page nor "accept all from N%" acts on a stale probability, and a person never has two pending lines.

    New people — addresses of no person on the map and never suggested before — are suggested at most
    MAIL_NEW_PEOPLE_PER_RUN at a time, those in the most messages and meetings first (`_new_people_left_out`);
    the others get no suggestion of any kind this time and are counted in `people_left_out`."""
    account = result.account
    created = Created()
    by_email = result.inference.by_email()
    ours = set(mail_domains(account)[0])
    supported: set[tuple[str, str, str]] = set()
    unnamed = attendee_names(account) if any(not p.name for p in result.inference.people) else {}

    def display_name(person) -> str:  # noqa: ANN001
        return _display_name(person.email, person.name or unnamed.get(person.email, ""))

    def propose(kind: str, email: str, name: str, value: str = "", probability=None, evidence=()) -> None:  # noqa: ANN001
        person = by_email[email]
        fresh = {
            "probability": probability,
            "message_count": person.items - person.meetings,
            "meeting_count": person.meetings,
            "evidence": [{"code": e.code, "params": e.params} for e in evidence],
        }
        suggestion, was_created = Suggestion.objects.get_or_create(
            account=account, kind=kind, email=email, value=value[:320], defaults={"name": name[:200], **fresh}
        )
        if was_created:
            created.append(suggestion)
        if kind in BATCH_KINDS:
            supported.add((kind, email, suggestion.value))
        if not was_created and suggestion.state == Suggestion.State.PENDING:
            if any(getattr(suggestion, k) != v for k, v in fresh.items()):
                for k, v in fresh.items():
                    setattr(suggestion, k, v)
                with stamped(suggestion):
                    suggestion.save()

    open_deals = list(Deal.objects.filter(account=account, status="open").order_by("pk"))
    deciders = {
        (role.deal_id, role.person_id)
        for role in StakeholderRole.objects.filter(deal__in=open_deals)
        if "decision_maker" in (role.roles or [])
    }
    # people suggested before, by e-mail: one rejected stays rejected when a signature read since gives a title,
    # and one pending under another title (none, from a headers-only ingest) is replaced by the current one
    people_before: dict[str, list[Suggestion]] = {}
    for earlier in Suggestion.objects.filter(account=account, kind=Suggestion.Kind.PERSON).order_by("pk"):
        people_before.setdefault(earlier.email, []).append(earlier)
    left_out = _new_people_left_out(result, people_before)
    created.people_left_out = len(left_out)

    def refused(email: str) -> bool:
        """A new person a user rejected (on no person of the map): a line or a role that waits for them could
        never be accepted ("Accept the suggested person … first" of one rejected), so none is made."""
        before = people_before.get(email, [])
        return result.people.get(email) is None and any(s.state == Suggestion.State.REJECTED for s in before)

    for person in result.inference.people:
        if person.email in left_out:
            continue
        matched = result.people.get(person.email)
        likelihood = person.decision_likelihood
        waits_for_refused = refused(person.email)
        if not waits_for_refused and likelihood is not None and likelihood >= DECISION_MAKER_MIN_LIKELIHOOD:
            name = matched.name if matched else display_name(person)
            for deal in open_deals:
                if matched is None or (deal.pk, matched.pk) not in deciders:
                    propose(
                        Suggestion.Kind.DECISION_MAKER,
                        person.email,
                        name,
                        str(deal.pk),
                        probability=person.decision_likelihood,
                        evidence=person.decision_evidence,
                    )
        if matched is None:
            before = people_before.get(person.email, [])
            reopen_deleted(before)
            if not any(s.state == Suggestion.State.REJECTED for s in before):
                propose(
                    Suggestion.Kind.PERSON,
                    person.email,
                    display_name(person),
                    person.mail_title,
                    evidence=person.evidence,
                )
                for stale in before:
                    if stale.state == Suggestion.State.PENDING and stale.value != person.mail_title[:320]:
                        with stamped(stale):
                            stale.delete()  # history keeps it
        elif person.mail_title and not matched.title:
            propose(
                Suggestion.Kind.TITLE,
                person.email,
                matched.name,
                person.mail_title,
                evidence=person.evidence[-1:],
            )
        top = person.reports_to  # the tree's line, shown only above the calibrated threshold
        if top is None or waits_for_refused or refused(top.email):
            continue
        if matched is not None and matched.reports_to_id is not None:
            continue
        manager_on_map = result.people.get(top.email)
        if matched is not None and manager_on_map is not None and _reports_up_to(manager_on_map, matched):
            continue  # the map already puts them above this candidate: the line would make a cycle
        name = matched.name if matched else display_name(person)
        # a line read from a person whose own figures are a guess is one too: accept-all leaves it to be decided
        # alone, as it does such a decision maker (a mail trial: 89–92% lines of people at confidence 0.18 and
        # 0.33 went in a batch)
        guess = [e for e in person.evidence if e.code == "low_confidence"]
        evidence = [*person.reports_to_evidence, *guess]
        propose(
            Suggestion.Kind.REPORTS_TO,
            person.email,
            name,
            top.email,
            probability=top.probability,
            evidence=evidence,
        )
    stale = Suggestion.objects.filter(account=account, state=Suggestion.State.PENDING, kind__in=BATCH_KINDS)
    for suggestion in stale.order_by("pk"):
        if (suggestion.kind, suggestion.email, suggestion.value) not in supported:
            with stamped(suggestion):
                suggestion.delete()  # history keeps it
    pending = Suggestion.objects.filter(account=account, state=Suggestion.State.PENDING)
    for suggestion in pending.order_by("pk"):
        if at_our_domain(
            suggestion, ours
        ):  # a domain given as ours since: our colleagues, not the customer's
            with stamped(suggestion):
                suggestion.delete()  # history keeps it
    return created


def _new_people_left_out(result: AccountInference, people_before: dict[str, list[Suggestion]]) -> set[str]:
    """The e-mails of the new people (on no person of the map, never suggested) past MAIL_NEW_PEOPLE_PER_RUN,
    those in the fewest messages and meetings (then the fewest messages they wrote or received, then the
    e-mail, so a run is repeatable)."""
    new = [
        p
        for p in result.inference.people
        if result.people.get(p.email) is None and p.email not in people_before
    ]
    limit = settings.MAIL_NEW_PEOPLE_PER_RUN
    if len(new) <= limit:
        return set()
    new.sort(key=lambda p: (-p.items, -p.messages, p.email))
    return {p.email for p in new[limit:]}


def _reports_up_to(person: Person, boss: Person) -> bool:
    """Whether `boss` is in `person`'s chain of managers on the map."""
    seen = set()
    current = person
    while current.reports_to_id is not None and current.pk not in seen:
        seen.add(current.pk)
        if current.reports_to_id == boss.pk:
            return True
        current = current.reports_to
    return False


def _reason(suggestion: Suggestion, user) -> str:  # noqa: ANN001
    """The history reason of an accepted suggestion, said later in the reader's language (core.reasons)."""
    seen = (suggestion.message_count, suggestion.meeting_count)
    return stored_reason("inferred_seen", *seen, user.get_username() if user else "battlemap")


ANY_MANAGER = object()  # suggestion_accept's `manager_seen` when the caller showed none


@transaction.atomic
def suggestion_accept(
    *,
    suggestion: Suggestion,
    user,  # noqa: ANN001
    reason: str | None = None,
    keep_manager: bool = False,
    manager_seen: int | None | object = ANY_MANAGER,
    index: PersonIndex | None = None,
) -> Person:
    """Write the suggestion to the map (history notes the source, or `reason`) and mark it accepted.
    `index`: the account's people as the caller holds them current (accept-all: one for the whole batch), else
    read here.
    `keep_manager` (accept-all): a reporting line is not accepted over a manager someone has set since the
    suggestion was made; it is left for a person to decide. `manager_seen` (the page's Accept): the person's
    manager id as the page showed it (None: none); a reporting line is refused when the map's has changed
    since (a team's trial: a manager set by hand a minute before was replaced without a word)."""
    if suggestion.state != Suggestion.State.PENDING:
        raise SuggestionError(
            _("Suggestion %(id)d was already %(state)s.")
            % {"id": suggestion.pk, "state": suggestion.get_state_display()}
        )
    account = suggestion.account
    if ours := at_our_domain(suggestion, mail_domains(account)[0]):
        raise SuggestionError(
            _("%(email)s is at one of our own domains: a colleague of ours, not a person of the customer.")
            % {"email": ours}
        )
    index = index or person_index(account)
    reason = reason or _reason(suggestion, user)
    person = index.match(Address(suggestion.email, suggestion.name))
    with recorded(reason=reason):  # history notes where the change came from
        try:
            if suggestion.kind == Suggestion.Kind.PERSON:
                if person is not None:
                    raise SuggestionError(
                        _("%(email)s is already on the map as %(name)s.")
                        % {"email": suggestion.email, "name": person.name}
                    )
                person = person_create(
                    account=account,
                    name=suggestion.name,
                    email=suggestion.email,
                    title=suggestion.value[:200],
                )
                _attach_to_interactions(person)
            else:
                if person is None:
                    raise SuggestionError(
                        _("Accept the suggested person %(name)s first.")
                        % {"name": suggestion.name or suggestion.email}
                    )
                if suggestion.kind == Suggestion.Kind.DECISION_MAKER:
                    _mark_decision_maker(suggestion, person)
                elif suggestion.kind == Suggestion.Kind.TITLE:
                    person = person_update(
                        person=person, version=person.version, title=suggestion.value[:200]
                    )
                else:
                    manager = person_of_address(account, suggestion.value, index)
                    if manager is None:
                        raise SuggestionError(
                            _("Accept the suggested person %(name)s first.")
                            % {"name": suggested_name(account, suggestion.value, index)}
                        )
                    if manager_seen is not ANY_MANAGER and person.reports_to_id != manager_seen:
                        raise SuggestionError(
                            _(
                                "%(name)s's manager on the map was changed since this page was shown (now: "
                                "%(manager)s): decide this line again."
                            )
                            % {
                                "name": person.name,
                                "manager": person.reports_to.name if person.reports_to else "—",
                            }
                        )
                    if keep_manager and person.reports_to_id not in (None, manager.pk):
                        raise SuggestionError(
                            _(
                                "%(name)s already reports to %(manager)s on the map: decide this line on its own."
                            )
                            % {"name": person.name, "manager": person.reports_to.name}
                        )
                    person = person_update(person=person, version=person.version, reports_to=manager)
        except ValidationError as error:
            raise SuggestionError(validation_message(error)) from None
    suggestion.state = Suggestion.State.ACCEPTED
    suggestion.decided_by = user
    suggestion.decided_at = timezone.now()
    with recorded(reason=reason), stamped(suggestion):
        suggestion.save()
    return person


def _mark_decision_maker(suggestion: Suggestion, person: Person) -> None:
    deal = Deal.objects.filter(pk=int(suggestion.value), account=suggestion.account).first()
    if deal is None:
        raise SuggestionError(_("The deal of this suggestion no longer exists."))
    role = StakeholderRole.objects.filter(deal=deal, person=person).first()
    if role is None:
        stakeholder_role_create(deal=deal, person=person, roles=["decision_maker"])
    else:
        stakeholder_role_update(
            role=role, version=role.version, roles=[*(role.roles or []), "decision_maker"]
        )


@transaction.atomic
def suggestion_reject(*, suggestion: Suggestion, user) -> None:  # noqa: ANN001
    if suggestion.state != Suggestion.State.PENDING:
        raise SuggestionError(
            _("Suggestion %(id)d was already %(state)s.")
            % {"id": suggestion.pk, "state": suggestion.get_state_display()}
        )
    suggestion.state = Suggestion.State.REJECTED
    suggestion.decided_by = user
    suggestion.decided_at = timezone.now()
    suggestion.save()
    if suggestion.kind == Suggestion.Kind.PERSON:
        _withdraw_waiting_for(suggestion)


def waiting_for(pending, email: str):  # noqa: ANN001, ANN201
    """Of `pending` (suggestions, a migration's historical ones too), the reporting lines and decision makers
    that wait for the new person of `email`: theirs, and lines to them as the manager."""
    waiting = pending.filter(kind__in=BATCH_KINDS)
    return waiting.filter(email=email) | waiting.filter(kind=Suggestion.Kind.REPORTS_TO, value=email)


def _withdraw_waiting_for(rejected: Suggestion) -> None:
    """The pending reporting lines and decision makers that wait for a new person just rejected — theirs, and
    lines to them as the manager — are withdrawn (history keeps them): "Accept the suggested person … first"
    could never be done, and accept-all would skip them on every run. A refresh makes none while the rejection
    stands (`suggestions_refresh`); a person added to the map by hand since brings them back."""
    account = rejected.account
    if person_index(account).match(Address(rejected.email, rejected.name)) is not None:
        return  # on the map after all: their lines can be accepted
    pending = Suggestion.objects.filter(account=account, state=Suggestion.State.PENDING)
    for suggestion in waiting_for(pending, rejected.email).order_by("pk"):
        with stamped(suggestion):
            suggestion.delete()  # history keeps it


def _attach_to_interactions(person: Person) -> None:
    """The new person took part in the ingested interactions that carry their address."""
    email = person.email.lower()
    items = MailItem.objects.filter(account=person.account, interaction__isnull=False)
    interaction_ids = {
        interaction_id
        for interaction_id, sender, recipients in items.values_list(
            "interaction_id", "sender_email", "recipients"
        )
        if sender == email or any(r[0] == email and r[2] in ("to", "cc") for r in recipients)  # not declined
    }
    for interaction_id in sorted(interaction_ids):
        participant_add(interaction_id=interaction_id, person=person)
