"""Suggestions a later change makes wrong: one about our own people once their domain is known to be ours
(`at_our_domain`: withdrawn by a refresh, refused on accept), and a new person accepted from mail and deleted
from the map since (`person_suggestions_reopen`: pending again, so that their reporting lines and roles, which
wait for them, can be accepted — review h4 #2)."""

from __future__ import annotations

from battlemap.core.history_stamp import stamped
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


def person_suggestions_reopen(*, account, email: str) -> None:  # noqa: ANN001
    """The new-person suggestions accepted for `email` pending again, when the person with that e-mail was
    deleted from the map (people.services.person_delete)."""
    if not email:
        return
    accepted = Suggestion.objects.filter(
        account=account, kind=Suggestion.Kind.PERSON, state=Suggestion.State.ACCEPTED, email__iexact=email
    )
    for suggestion in accepted.order_by("pk"):
        suggestion_reopen(suggestion=suggestion)
