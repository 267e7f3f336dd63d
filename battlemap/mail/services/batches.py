"""Accept all suggestions above a probability in one batch, and undo such a batch: each accepted
suggestion writes as `suggestion_accept` does, its history carrying the batch's reason (core.reasons), so
the undo finds every write of the batch (docs/mail.md)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from battlemap.core.history import previous_record
from battlemap.core.history_stamp import LATEST_FIRST, recorded, stamped
from battlemap.core.reasons import reason as stored_reason
from battlemap.deals.models import StakeholderRole
from battlemap.deals.services import stakeholder_role_delete, stakeholder_role_update
from battlemap.mail.models import Suggestion
from battlemap.mail.selectors.batches import batch_suggestion_ids, is_batch_reason
from battlemap.mail.selectors.people import person_index
from battlemap.mail.selectors.suggestions import learn_addresses, shown_percent
from battlemap.people.models import Person
from battlemap.people.services import person_update
from battlemap.punctuation import sentences

from .suggestions import BATCH_KINDS, SuggestionError, suggestion_accept


@dataclass(frozen=True)
class BatchReport:
    batch: str | None  # the history reason every write of the batch carries (undo finds it); None: none made
    done: list[Suggestion]
    skipped: list[tuple[Suggestion, str]]  # with the reason in words
    nothing: str = ""  # when nothing was accepted: why, in words (no batch is made then)


BATCH_MARK = "#"
GUESS_ALONE = gettext_lazy(
    "It rests on little mail, so its figures are a guess: accept or reject it on its own."
)


def suggestions_accept_above(*, account, user, percent: int) -> BatchReport:  # noqa: ANN001
    """Accept every pending reporting-line and decision-maker suggestion whose probability is at least
    `percent`% (people and titles carry no probability: they are decided one by one; one whose evidence says
    its figures are a guess — `low_confidence`, inference.engine.LOW_CONFIDENCE — is left to be decided alone). Every write's
    history carries the batch's reason, so `suggestions_undo_batch` takes the whole batch back."""
    if isinstance(percent, bool) or not isinstance(percent, int) or not 0 <= percent <= 100:
        raise ValidationError({"percent": _("Enter a whole number from 0 to 100.")})
    reason = stored_reason(  # the batch's name: its history reason, unique by the time it was made
        "batch",
        percent,
        user.get_username() if user else "battlemap",
        f"{BATCH_MARK}{timezone.now().strftime('%Y%m%d%H%M%S%f')}",
    )
    # from the page's rounded percent (`shown_percent`), not the stored probability: 0.8268 shows as 83%
    # and goes with "from 83% up"; a half percent below reads the same as the page
    pending = Suggestion.objects.filter(
        account=account,
        state=Suggestion.State.PENDING,
        kind__in=BATCH_KINDS,
        probability__gte=(percent - 0.5) / 100.0 - 1e-9,
    ).order_by("-probability", "id")
    done, skipped = [], []
    with transaction.atomic():
        chosen = [s for s in pending if shown_percent(s.probability) >= percent]
        # the account's people read once for the batch, and the names of the managers' addresses that are no
        # person's e-mail in one go (a batch of 256 lines read the people 284 times: 5 s); it adds nobody, so
        # holding each person it changes (`replace`) keeps the index what a fresh read would give
        index = person_index(account)
        learn_addresses(account, index, {s.value for s in chosen if s.kind == Suggestion.Kind.REPORTS_TO})
        for suggestion in chosen:
            suggestion.account = account  # the same row: not read again for each suggestion
            if any(e.get("code") == "low_confidence" for e in suggestion.evidence or ()):
                skipped.append((suggestion, str(GUESS_ALONE)))  # its figures are a guess: decided one by one
                continue
            try:
                with transaction.atomic():
                    person = suggestion_accept(
                        suggestion=suggestion, user=user, reason=reason, keep_manager=True, index=index
                    )
                index.replace(person)
                done.append(suggestion)
            except SuggestionError as error:
                skipped.append((suggestion, str(error)))
    if done:
        return BatchReport(reason, done, skipped)
    return BatchReport(None, [], skipped, _nothing_accepted(account, percent, skipped))


def _nothing_accepted(account, percent: int, skipped: list[tuple[Suggestion, str]]) -> str:  # noqa: ANN001
    """Why accept-all accepted nothing, and what to do. New people are not accepted in a batch (docs/mail.md):
    whether an address is a person of the account is for a user to say, one by one."""
    # a guess waits for nothing: said apart, not as a reason to wait (a demo mailbox of 40 messages read "the 7
    # suggestions from 70% up wait for something first. It rests on little mail…")
    guesses = sum(1 for _suggestion, reason in skipped if reason == str(GUESS_ALONE))
    waiting = [reason for _suggestion, reason in skipped if reason != str(GUESS_ALONE)]
    guessed = ngettext(
        "The %(count)d suggestion from %(percent)d%% up rests on little mail, so its figures are a guess: accept "
        "or reject it on its own.",
        "The %(count)d suggestions from %(percent)d%% up rest on little mail, so their figures are a guess: "
        "accept or reject each on its own.",
        guesses,
    ) % {"count": guesses, "percent": percent}
    if skipped and not waiting:
        return sentences([_("Nothing was accepted."), guessed])
    if skipped:
        reasons = list(dict.fromkeys(waiting[:3]))  # each reason once
        return sentences(
            [
                ngettext(
                    "Nothing was accepted: the %(count)d suggestion from %(percent)d%% up waits for something first. %(reasons)s",
                    "Nothing was accepted: the %(count)d suggestions from %(percent)d%% up wait for something first. %(reasons)s",
                    len(waiting),
                )
                % {"count": len(waiting), "percent": percent, "reasons": sentences(reasons)},
                *([guessed] if guesses else []),
            ]
        )
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


def _lines_suggestion(suggestions: list[Suggestion], email: str) -> Suggestion | None:
    """The batch's reporting-line suggestion about the person of `email` (as the batch found it), if any."""
    email = (email or "").lower()
    return next(
        (s for s in suggestions if s.kind == Suggestion.Kind.REPORTS_TO and s.email.lower() == email), None
    )


def _found_email(person_id, when) -> str:  # noqa: ANN001
    """The person's e-mail as the batch found it — their latest history row up to the batch's write — in
    lower case: one corrected since still has the batch's line and role matched to their suggestions."""
    email = (
        Person.history.filter(id=person_id, history_date__lte=when)
        .order_by(*LATEST_FIRST)
        .values_list("email", flat=True)
        .first()
    )
    return (email or "").lower()


def _batch_rows(model, account, reason: str):  # noqa: ANN001, ANN202
    rows = model.history.filter(history_change_reason=reason)
    if model is StakeholderRole:
        return rows.filter(deal__account_id=account.pk)
    return rows.filter(account_id=account.pk)


@transaction.atomic
def suggestions_undo_batch(*, account, user, batch: str) -> BatchReport:  # noqa: ANN001
    """Take back an accept-all batch from its history: reporting lines return to what they were, the
    decision-maker roles it added go, and its suggestions are pending again (`done`). A line someone has
    changed since is left as it is and its suggestion stays accepted (named in `skipped`, not in `done`); a role someone has changed since (an attitude set, a
    role added) keeps those changes and loses only the decision-maker role the batch gave."""
    live = batch_suggestion_ids(account, batch) if is_batch_reason(batch) else []
    if not live:  # unknown, undone already, or every line of it accepted again by a later batch
        raise ValidationError({"batch": _("No accept-all batch of this account has that name.")})
    suggestions = list(Suggestion.objects.filter(pk__in=live).order_by("pk"))
    # only what is still this batch's: a line a later batch accepted again is that batch's to undo
    lines = {s.email.lower() for s in suggestions if s.kind == Suggestion.Kind.REPORTS_TO}
    deciders = {(s.value, s.email.lower()) for s in suggestions if s.kind == Suggestion.Kind.DECISION_MAKER}
    undo = stored_reason("undo", batch)
    skipped: list[tuple[Suggestion, str]] = []
    with recorded(reason=undo):
        for row in _batch_rows(Person, account, batch).order_by(*LATEST_FIRST):
            person = Person.objects.filter(pk=row.id).first()
            before = previous_record(row)
            found = _found_email(row.id, row.history_date)  # as the batch found it, changed since or not
            if person is None or before is None or row.history_type != "~" or found not in lines:
                continue
            if person.reports_to_id != row.reports_to_id:  # changed since the batch: keep the newer decision
                skipped.append(
                    (
                        _lines_suggestion(suggestions, found),
                        _("%(name)s's manager was changed after the batch: kept as it is.")
                        % {"name": person.name},
                    )
                )
                continue
            person_update(person=person, version=person.version, reports_to=before.reports_to)
        for row in _batch_rows(StakeholderRole, account, batch).order_by(*LATEST_FIRST):
            role = StakeholderRole.objects.filter(pk=row.id).first()
            if (
                role is None
                or (str(role.deal_id), _found_email(role.person_id, row.history_date)) not in deciders
            ):
                continue
            if row.history_type == "+" and role.version == row.version:
                stakeholder_role_delete(role=role, version=role.version)
            elif row.history_type in ("+", "~"):
                previous = previous_record(row) if row.history_type == "~" else None
                before = previous.roles if previous is not None else []
                if "decision_maker" in (role.roles or []) and "decision_maker" not in (before or []):
                    # only what the batch added goes: roles, attitude and influence set since stay
                    roles = [r for r in role.roles if r != "decision_maker"]
                    stakeholder_role_update(role=role, version=role.version, roles=roles)
        kept = {s.pk for s, _reason in skipped if s is not None}
        done = []
        for suggestion in suggestions:
            if suggestion.pk in kept:
                # the map moved on: the line stays accepted, but no longer as this batch's (its history row
                # carries the undo), so the batch is not listed again with it nor undone twice
                with stamped(suggestion):
                    suggestion.save()
                continue
            suggestion.state = Suggestion.State.PENDING
            suggestion.decided_by = None
            suggestion.decided_at = None
            with stamped(suggestion):
                suggestion.save()
            done.append(suggestion)
    return BatchReport(batch, done, skipped)
