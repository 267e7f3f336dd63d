"""Suggestions from inference: created pending, applied to the map only when a person accepts them."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from battlemap.core.reasons import reason as stored_reason
from battlemap.core.services import recorded, stamped
from battlemap.deals.models import Deal, StakeholderRole
from battlemap.deals.services import stakeholder_role_create, stakeholder_role_delete, stakeholder_role_update
from battlemap.interactions.services import participant_add
from battlemap.io.mail.records import Address
from battlemap.mail.models import MailItem, Suggestion
from battlemap.mail.selectors import AccountInference, batch_suggestion_ids, person_index
from battlemap.people.models import Person
from battlemap.people.services import person_create, person_update

DECISION_MAKER_MIN_LIKELIHOOD = 0.5  # reporting lines: the inference's calibrated threshold (model.json)


class SuggestionError(Exception):
    """The suggestion cannot be applied; the message says why."""


def _display_name(email: str, name: str) -> str:
    return name.strip() or email.partition("@")[0]


def suggestions_refresh(*, result: AccountInference) -> list[Suggestion]:
    """Create the pending suggestions this inference supports; earlier decisions are kept as they are.
    Pending reporting lines and decision makers follow the inference: an existing one takes the current
    probability and evidence, and one the inference no longer makes (a line now below the threshold, to
    another manager, or for a person who has a manager now) is withdrawn, so neither the page nor "accept all
    from N%" acts on a stale probability, and a person never has two pending lines."""
    account = result.account
    created = []
    by_email = result.inference.by_email()
    supported: set[tuple[str, str, str]] = set()

    def propose(kind: str, email: str, name: str, value: str = "", probability=None, evidence=()) -> None:  # noqa: ANN001
        person = by_email[email]
        suggestion, was_created = Suggestion.objects.get_or_create(
            account=account,
            kind=kind,
            email=email,
            value=value[:320],
            defaults={
                "name": name[:200],
                "probability": probability,
                "message_count": person.items,
                "evidence": [{"code": e.code, "params": e.params} for e in evidence],
            },
        )
        if was_created:
            created.append(suggestion)
        if kind in BATCH_KINDS:
            supported.add((kind, email, suggestion.value))
            fresh = {
                "probability": probability,
                "message_count": person.items,
                "evidence": [{"code": e.code, "params": e.params} for e in evidence],
            }
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
    for person in result.inference.people:
        matched = result.people.get(person.email)
        likelihood = person.decision_likelihood
        if likelihood is not None and likelihood >= DECISION_MAKER_MIN_LIKELIHOOD:
            name = matched.name if matched else _display_name(person.email, person.name)
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
            propose(
                Suggestion.Kind.PERSON,
                person.email,
                _display_name(person.email, person.name),
                person.signature_title,
                evidence=person.evidence,
            )
        elif person.signature_title and not matched.title:
            propose(
                Suggestion.Kind.TITLE,
                person.email,
                matched.name,
                person.signature_title,
                evidence=person.evidence[-1:],
            )
        top = person.reports_to  # the tree's line, shown only above the calibrated threshold
        if top is None:
            continue
        if matched is not None and matched.reports_to_id is not None:
            continue
        manager_on_map = result.people.get(top.email)
        if matched is not None and manager_on_map is not None and _reports_up_to(manager_on_map, matched):
            continue  # the map already puts them above this candidate: the line would make a cycle
        name = matched.name if matched else _display_name(person.email, person.name)
        evidence = person.reports_to_evidence
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
    return created


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
    return stored_reason("inferred", suggestion.message_count, user.get_username() if user else "battlemap")


@transaction.atomic
def suggestion_accept(
    *,
    suggestion: Suggestion,
    user,  # noqa: ANN001
    reason: str | None = None,
    keep_manager: bool = False,
) -> Person:
    """Write the suggestion to the map (history notes the source, or `reason`) and mark it accepted.
    `keep_manager` (accept-all): a reporting line is not accepted over a manager someone has set since the
    suggestion was made; it is left for a person to decide."""
    if suggestion.state != Suggestion.State.PENDING:
        raise SuggestionError(
            _("Suggestion %(id)d was already %(state)s.")
            % {"id": suggestion.pk, "state": suggestion.get_state_display()}
        )
    account = suggestion.account
    index = person_index(account)
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
                        _("Accept the suggested person %(email)s first.") % {"email": suggestion.email}
                    )
                if suggestion.kind == Suggestion.Kind.DECISION_MAKER:
                    _mark_decision_maker(suggestion, person)
                elif suggestion.kind == Suggestion.Kind.TITLE:
                    person = person_update(
                        person=person, version=person.version, title=suggestion.value[:200]
                    )
                else:
                    manager = index.by_email.get(suggestion.value.lower())
                    if manager is None:
                        raise SuggestionError(
                            _("Accept the suggested person %(email)s first.") % {"email": suggestion.value}
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
            raise SuggestionError(
                "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
            ) from None
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


@dataclass(frozen=True)
class BatchReport:
    batch: str | None  # the history reason every write of the batch carries (undo finds it); None: none made
    done: list[Suggestion]
    skipped: list[tuple[Suggestion, str]]  # with the reason in words
    nothing: str = ""  # when nothing was accepted: why, in words (no batch is made then)


BATCH_KINDS = (Suggestion.Kind.REPORTS_TO, Suggestion.Kind.DECISION_MAKER)
BATCH_MARK = "#"


def suggestions_accept_above(*, account, user, percent: int) -> BatchReport:  # noqa: ANN001
    """Accept every pending reporting-line and decision-maker suggestion whose probability is at least
    `percent`% (people and titles carry no probability: they are decided one by one). Every write's
    history carries the batch's reason, so `suggestions_undo_batch` takes the whole batch back."""
    if isinstance(percent, bool) or not isinstance(percent, int) or not 0 <= percent <= 100:
        raise ValidationError({"percent": _("Enter a whole number from 0 to 100.")})
    reason = stored_reason(  # the batch's name: its history reason, unique by the time it was made
        "batch",
        percent,
        user.get_username() if user else "battlemap",
        f"{BATCH_MARK}{timezone.now().strftime('%Y%m%d%H%M%S%f')}",
    )
    chosen = Suggestion.objects.filter(
        account=account,
        state=Suggestion.State.PENDING,
        kind__in=BATCH_KINDS,
        probability__gte=percent / 100.0,
    ).order_by("-probability", "id")
    done, skipped = [], []
    with transaction.atomic():
        for suggestion in chosen:
            try:
                with transaction.atomic():
                    suggestion_accept(suggestion=suggestion, user=user, reason=reason, keep_manager=True)
                done.append(suggestion)
            except SuggestionError as error:
                skipped.append((suggestion, str(error)))
    if done:
        return BatchReport(reason, done, skipped)
    return BatchReport(None, [], skipped, _nothing_accepted(account, percent, skipped))


def _nothing_accepted(account, percent: int, skipped: list[tuple[Suggestion, str]]) -> str:  # noqa: ANN001
    """Why accept-all accepted nothing, and what to do. New people are not accepted in a batch (docs/mail.md):
    whether an address is a person of the account is for a user to say, one by one."""
    if skipped:
        reasons = list(dict.fromkeys(reason for _suggestion, reason in skipped[:3]))  # each reason once
        return ngettext(
            "Nothing was accepted: the %(count)d suggestion from %(percent)d%% up waits for something first. %(reasons)s",
            "Nothing was accepted: the %(count)d suggestions from %(percent)d%% up wait for something first. %(reasons)s",
            len(skipped),
        ) % {"count": len(skipped), "percent": percent, "reasons": sentences(reasons)}
    people = Suggestion.objects.filter(
        account=account, state=Suggestion.State.PENDING, kind=Suggestion.Kind.PERSON
    ).count()
    if not people:
        return _(
            "Nothing was accepted: no reporting line or decision maker is suggested from %(percent)d%% up."
        ) % {"percent": percent}
    return ngettext(
        "Nothing was accepted: no reporting line or decision maker is suggested from %(percent)d%% up. The "
        "%(count)d new person pending is not accepted in a batch: accept them with their own button if they "
        "belong to this account.",
        "Nothing was accepted: no reporting line or decision maker is suggested from %(percent)d%% up. The "
        "%(count)d new people pending are not accepted in a batch: accept each who belongs to this account with "
        "their own button.",
        people,
    ) % {"percent": percent, "count": people}


def sentences(parts: list[str]) -> str:
    """Sentences one after the other: a space after an English one, none after a Chinese full stop."""
    return "".join(part + ("" if part.endswith(("。", "！", "？", "；")) or i == len(parts) - 1 else " ")
                   for i, part in enumerate(parts))  # fmt: skip


def _lines_suggestion(suggestions: list[Suggestion], person: Person) -> Suggestion | None:
    """The batch's reporting-line suggestion about `person`, if any."""
    email = (person.email or "").lower()
    return next(
        (s for s in suggestions if s.kind == Suggestion.Kind.REPORTS_TO and s.email.lower() == email), None
    )


def _batch_rows(model, account, reason: str):  # noqa: ANN001, ANN202
    rows = model.history.filter(history_change_reason=reason)
    if model is StakeholderRole:
        return rows.filter(deal__account_id=account.pk)
    return rows.filter(account_id=account.pk)


@transaction.atomic
def suggestions_undo_batch(*, account, user, batch: str) -> BatchReport:  # noqa: ANN001
    """Take back an accept-all batch from its history: reporting lines return to what they were, the
    decision-maker roles it added go, and its suggestions are pending again. A line someone has changed
    since is left as it is (and named in `skipped`); a role someone has changed since (an attitude set, a
    role added) keeps those changes and loses only the decision-maker role the batch gave."""
    live = batch_suggestion_ids(account, batch) if BATCH_MARK in batch else []
    if not live:  # unknown, undone already, or every line of it accepted again by a later batch
        raise ValidationError({"batch": _("No accept-all batch of this account has that name.")})
    suggestions = list(Suggestion.objects.filter(pk__in=live).order_by("pk"))
    # only what is still this batch's: a line a later batch accepted again is that batch's to undo
    lines = {s.email.lower() for s in suggestions if s.kind == Suggestion.Kind.REPORTS_TO}
    deciders = {(s.value, s.email.lower()) for s in suggestions if s.kind == Suggestion.Kind.DECISION_MAKER}
    undo = stored_reason("undo", batch)
    skipped: list[tuple[Suggestion, str]] = []
    with recorded(reason=undo):
        for row in _batch_rows(Person, account, batch).order_by("-history_date", "-history_id"):
            person = Person.objects.filter(pk=row.id).first()
            before = row.prev_record
            if (
                person is None
                or before is None
                or row.history_type != "~"
                or (person.email or "").lower() not in lines
            ):
                continue
            if person.reports_to_id != row.reports_to_id:  # changed since the batch: keep the newer decision
                skipped.append(
                    (
                        _lines_suggestion(suggestions, person),
                        _("%(name)s's manager was changed after the batch: kept as it is.")
                        % {"name": person.name},
                    )
                )
                continue
            person_update(person=person, version=person.version, reports_to=before.reports_to)
        for row in _batch_rows(StakeholderRole, account, batch).order_by("-history_date", "-history_id"):
            role = StakeholderRole.objects.filter(pk=row.id).select_related("person").first()
            if role is None or (str(role.deal_id), (role.person.email or "").lower()) not in deciders:
                continue
            if row.history_type == "+" and role.version == row.version:
                stakeholder_role_delete(role=role, version=role.version)
            elif row.history_type in ("+", "~"):
                before = row.prev_record.roles if row.history_type == "~" and row.prev_record else []
                if "decision_maker" in (role.roles or []) and "decision_maker" not in (before or []):
                    # only what the batch added goes: roles, attitude and influence set since stay
                    roles = [r for r in role.roles if r != "decision_maker"]
                    stakeholder_role_update(role=role, version=role.version, roles=roles)
        done = []
        for suggestion in suggestions:
            suggestion.state = Suggestion.State.PENDING
            suggestion.decided_by = None
            suggestion.decided_at = None
            with stamped(suggestion):
                suggestion.save()
            done.append(suggestion)
    return BatchReport(batch, done, skipped)
