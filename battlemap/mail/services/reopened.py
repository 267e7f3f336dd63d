"""Suggestions a later change makes wrong: one about our own people once their domain is known to be ours
(`at_our_domain`: withdrawn by a refresh, refused on accept), and a new person accepted from mail and deleted
from the map since (`person_suggestions_reopen`: pending again, so that their reporting lines and roles, which
wait for them, can be accepted — review h4 #2)."""

from __future__ import annotations

from collections.abc import Iterable

from battlemap.core.history import previous_record
from battlemap.core.history_stamp import stamped
from battlemap.io.matching import email_key
from battlemap.mail.models import Suggestion


def at_our_domain(suggestion: Suggestion, ours: set[str] | list[str]) -> str:
    """The address of the suggestion (its person's, or a reporting line's manager's) that is at one of our
    domains ("" when none): such a suggestion is about our own people, never the customer's."""
    for email in (
        suggestion.email,
        suggestion.value if suggestion.kind == Suggestion.Kind.REPORTS_TO else "",
    ):
        if email.rpartition("@")[2].lower() in ours:
            return email
    return ""


def reopen_deleted(before: list[Suggestion]) -> None:
    """A new person accepted from mail and deleted from the map since is suggested again (pending): their
    reporting lines and decision-maker suggestions wait for them, so they must be acceptable again."""
    for earlier in before:
        if earlier.state == Suggestion.State.ACCEPTED:
            suggestion_reopen(suggestion=earlier)


def suggestion_reopen(*, suggestion: Suggestion) -> None:
    """An accepted new-person suggestion pending again: the person it added was deleted (people.services.
    person_delete, a refresh for those deleted before)."""
    suggestion.state = Suggestion.State.PENDING
    suggestion.decided_by = None
    suggestion.decided_at = None
    with stamped(suggestion):
        suggestion.save()


def person_suggestions_reopen(*, account, emails: Iterable[str]) -> None:  # noqa: ANN001
    """The new-person suggestions accepted for one of `emails` (matched by `io.matching.email_key`) pending again,
    when the people with those e-mails were deleted from the map (people.services.people_bulk_delete). One query
    however many people went: an account has few accepted new-person suggestions, thousands of people."""
    keys = {email_key(email) for email in emails if email}
    if not keys:
        return
    accepted = Suggestion.objects.filter(
        account=account, kind=Suggestion.Kind.PERSON, state=Suggestion.State.ACCEPTED
    ).exclude(email="")
    for suggestion in accepted.order_by("pk"):
        if email_key(suggestion.email) in keys:
            suggestion_reopen(suggestion=suggestion)


def person_suggestions_accepted_again(*, account, at) -> None:  # noqa: ANN001
    """The undo of `person_suggestions_reopen` (people.services.restore: the deleted person is back): each new-person
    suggestion of `account` made pending at `at` (the deletion's moment) accepted again, as it was decided — unless
    it changed since (rejected, accepted anew: that decision stands)."""
    reopened = Suggestion.history.filter(
        account_id=account.pk, history_date=at, history_type="~", state=Suggestion.State.PENDING
    )
    for row in reopened.order_by("history_id"):
        before = previous_record(row)
        current = Suggestion.objects.filter(pk=row.id).first()
        if before is None or before.state != Suggestion.State.ACCEPTED:
            continue
        if current is None or current.version != row.version:
            continue
        current.state, current.decided_by_id, current.decided_at = (
            before.state,
            before.decided_by_id,
            before.decided_at,
        )
        with stamped(current):
            current.save()
